// Leave-one-corpus-out for the entity tagger: for each NER corpus in ../shared/data/ner (GMB, wikigold,
// the Broad Twitter Corpus, SEC filings), train on a mix of the others and score the tagger alone on the
// one left out, beside the shipped model (trained on GMB) on the same sentences. A rule or feature is kept
// only if it wins across corpora, and a retrained model is shipped only if this table says it generalises.
// GMB's left-out test is its held-out slice (the last HELDOUT sentences, never trained on).
// Run: [NER_LOCO_RECIPES=gmb,others,mix,mixdem,gmb2,mixw,aug,soup,souporg] [NER_ORG_WEIGHT=1.5] [NER_LOCO_ONLY=gmb,sec] [NER_LOWER_GMB=1] [NER_SEED=N] [NER_SOUP=0.65] nice node bin/run-ts.js scripts/ner-loco.ts [EPOCHS=5] [MAX_PER_CORPUS=4000]
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { loadModel } from '../src/pipeline/enrich/ner/tagger.ts';
import { SOUP_SHARE, soup, taggerScore, trainPerceptron } from './ner-train-core.ts';
import { HELDOUT, readBtc, readGmb, readSec, readWikigold, requireData, sample, type Sentence } from './train-ner-data.ts';

requireData();
const epochs = Number(process.argv[2] ?? 5);
const cap = Number(process.argv[3] ?? 4000);

const gmb = readGmb();
const corpora: Record<string, { train: Sentence[]; test: Sentence[] }> = {
  gmb: { train: gmb.slice(0, gmb.length - HELDOUT), test: gmb.slice(gmb.length - HELDOUT) },
  wikigold: { train: readWikigold(), test: readWikigold() },
  btc: { train: readBtc(), test: readBtc() },
  sec: { train: readSec(), test: readSec() },
};

// The recipes compared (NER_LOCO_RECIPES, comma-separated; default: others,mix):
// gmb — GMB alone (the shipped recipe, retrained: how far retraining alone moves a figure); others — the other corpora only; mix — GMB's training sentences + the others; gmb2 — the same with GMB
// twice; aug — GMB + the others with feature augmentation by corpus, GMB's view kept (ner-train-core.ts);
// mixdem — mix with nationalities tagged as GMB does; mixw — mix at a smaller update size for the others;
// soup — the shipped model's weights averaged with the mix model's (train-ner.ts ships this recipe); souporg — the same
// with the mix model's sentences that hold an organisation at a larger update size (NER_ORG_WEIGHT).
type Named = { name: string; s: Sentence[] };
/** The shipped model's share when "soup" averages its weights with the mix model's (NER_SOUP, ner-train-core). */
const SOUP = SOUP_SHARE;

/** NER_ORG_WEIGHT: the update size of sentences with an organisation in "souporg" (others' 1): organisations' recall is the weakest figure. */
const ORG_WEIGHT = Number(process.env.NER_ORG_WEIGHT ?? 1.5);
/** NER_OTHER_WEIGHT: the update size of the other corpora's sentences in "mixw" (GMB's is 1). */
const OTHER_WEIGHT = Number(process.env.NER_OTHER_WEIGHT ?? 0.5);
const RECIPES: Record<string, { label: string; train: (gmb: Sentence[], others: Named[]) => Sentence[] | { s: Sentence[]; domains?: string[]; weights?: number[] } }> = {
  gmb: { label: 'GMB only, retrained', train: (g) => g },
  others: { label: 'the other corpora only', train: (g, o) => [...o.flatMap((x) => x.s), ...g] },
  mix: { label: 'GMB + the other corpora', train: (g, o) => [...g, ...o.flatMap((x) => x.s)] },
  soup: { label: `shipped and mix weights averaged (${SOUP} shipped)`, train: (g, o) => [...g, ...o.flatMap((x) => x.s)] },
  mixw: { label: `GMB + the other corpora at update size ${OTHER_WEIGHT}`, train: (g, o) => ({ s: [...g, ...o.flatMap((x) => x.s)], weights: [...g.map(() => 1), ...o.flatMap((x) => x.s.map(() => OTHER_WEIGHT))] }) },
  souporg: {
    label: `soup, the mix model's sentences with an organisation at update size ${ORG_WEIGHT}`,
    train: (g, o) => { const s = [...g, ...o.flatMap((x) => x.s)]; return { s, weights: s.map((x) => (x.tags.some((t) => t.endsWith('-ORG')) ? ORG_WEIGHT : 1)) }; },
  },
  mixdem: { label: 'GMB + the others, nationalities as GMB tags them', train: (g, o) => [...g, ...o.flatMap((x) => x.s.map(demonymsAsPlaces))] },
  gmb2: { label: 'GMB ×2 + the other corpora', train: (g, o) => [...g, ...g, ...o.flatMap((x) => x.s)] },
  aug: {
    label: 'GMB + the others, augmented by corpus',
    train: (g, o) => ({ s: [...g, ...o.flatMap((x) => x.s)], domains: [...g.map(() => 'gmb'), ...o.flatMap((x) => x.s.map(() => x.name))] }),
  },
};
/** NER_AUG_RATE: the update size of the other corpora's sentences in "aug" (GMB's is 1). */
const RATE = Number(process.env.NER_AUG_RATE ?? 1);
/** NER_SEED: the training shuffle's seed (42, as train-ner's, by default). */
const SEED = Number(process.env.NER_SEED ?? 42);
const chosen = (process.env.NER_LOCO_RECIPES ?? 'others,mix').split(',');
const only = process.env.NER_LOCO_ONLY?.split(',');

/**
 * The other corpora with GMB's (and the product's) convention for nationalities: GMB tags "Iraqi" or
 * "Palestinian" as a place (gpe), CoNLL-style corpora as MISC, which we read as O. Left as they are, the
 * two conventions fight over every nationality in a mix. Training sentences only; each corpus is scored
 * on its own gold.
 */
function demonymsAsPlaces(s: Sentence): Sentence {
  const gaz = gazetteer();
  if (!s.words.some((w, i) => s.tags[i] === 'O' && gaz.demonyms.has(w.toLowerCase()))) return s;
  return { words: s.words, tags: s.tags.map((t, i) => (t === 'O' && gaz.demonyms.has(s.words[i]!.toLowerCase()) ? 'B-LOC' : t)) };
}

const shipped = loadModel();
console.log(`leave-one-corpus-out, tagger alone, entity-level micro F1 (PER/ORG/LOC) and ORG recall in brackets; up to ${cap} sentences of each other corpus (GMB: all its training sentences), ${epochs} epochs`);
console.log(`| left out | test sentences | shipped model (GMB only) | ${chosen.map((r) => RECIPES[r]!.label).join(' | ')} | best − shipped |\n|---|---|---|${chosen.map(() => '---|').join('')}---|`);
for (const [name, { test }] of Object.entries(corpora)) {
  if (only && !only.includes(name)) continue;
  const others = Object.entries(corpora).filter(([n]) => n !== name && n !== 'gmb').map(([n, c]) => ({ name: n, s: sample(c.train, cap) }));
  const shippedScore = taggerScore(test, shipped);
  const a = shippedScore.f;
  const fs: number[] = [];
  const orgRs: number[] = [];
  for (const r of chosen) {
    const t0 = Date.now();
    // "others" has no GMB on GMB's row and a capped GMB sample elsewhere; the other recipes all of GMB's training sentences.
    const gmbPart = r !== 'others' ? corpora.gmb!.train : name === 'gmb' ? [] : sample(corpora.gmb!.train, cap);
    const set = RECIPES[r]!.train(gmbPart, others);
    // NER_LOWER_GMB=1: the words "seen in lower case" come from GMB's training sentences alone (edited news).
    const lowerFrom = process.env.NER_LOWER_GMB === '1' ? corpora.gmb!.train : undefined;
    const model = Array.isArray(set)
      ? trainPerceptron(set, { epochs, seed: SEED, lowerFrom })
      : trainPerceptron(set.s, { epochs, seed: SEED, lowerFrom, weights: set.weights, domains: set.domains && { of: set.domains, keep: 'gmb', rate: RATE } });
    const score = taggerScore(test, r === 'soup' || r === 'souporg' ? soup(shipped, model, SOUP) : model);
    fs.push(score.f);
    orgRs.push(score.orgR);
    console.error(`${name} ${r}: ${fs.at(-1)!.toFixed(4)} (shipped ${a.toFixed(4)}) (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const d = Math.max(...fs) - a;
  console.log(`| ${name} | ${test.length} | ${a.toFixed(3)} (${shippedScore.orgR.toFixed(3)}) | ${fs.map((f, i) => `${f.toFixed(3)} (${orgRs[i]!.toFixed(3)})`).join(' | ')} | ${(d >= 0 ? '+' : '') + d.toFixed(3)} |`);
}
