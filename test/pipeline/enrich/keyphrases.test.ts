import { readFileSync, statSync } from 'node:fs';
import posTagger from 'wink-pos-tagger';
import { describe, expect, it } from 'vitest';
import { enrich, keyphraseCandidatesOf } from '../../../src/pipeline/enrich/index.ts';
import { idf, KEYPHRASE_FEATURES, modelRanker, stemOf, type KeyphraseModel } from '../../../src/pipeline/enrich/keyphrases.ts';
import { posTags } from '../../../src/pipeline/enrich/pos.ts';
import { tokenizeWords } from '../../../src/pipeline/enrich/tokens.ts';

const story = {
  title: 'Tanker seized in Gulf as sanctions bite',
  text: 'Iranian forces seized an oil tanker in the Gulf on Tuesday, the shipping company that manages the vessel said. ' +
    'The company said the oil tanker was carrying fuel to Singapore. The seizure comes weeks after new sanctions on Iranian oil exports. ' +
    'The company said it had lost contact with the crew. Oil prices rose 2 percent after the oil tanker was seized, and shipping insurers raised war-risk premiums for the Gulf.',
};

describe('keyphrases ranked by the learned ranker', () => {
  const model = JSON.parse(readFileSync(new URL('../../../src/pipeline/enrich/data/keyphrase-model.json', import.meta.url), 'utf8')) as KeyphraseModel;

  it('ships a model over features the ranker computes, rebuilt by scripts/train-keyphrases.ts, small enough to ship', () => {
    for (const f of model.features) expect(KEYPHRASE_FEATURES).toContain(f);
    // Trees over the features, or a linear model (one weight a feature).
    if (model.trees) {
      expect(model.trees.trees.length).toBeGreaterThan(0);
      for (const t of model.trees.trees) {
        expect(t.f).toHaveLength(2 ** model.trees.depth - 1);
        expect(t.v).toHaveLength(2 ** model.trees.depth);
        for (const k of t.f) expect(k).toBeLessThan(model.features.length);
      }
    } else {
      expect(model.weights).toHaveLength(model.features.length);
      expect(model.mean).toHaveLength(model.features.length);
    }
    expect(statSync(new URL('../../../src/pipeline/enrich/data/keyphrase-model.json', import.meta.url)).size).toBeLessThan(200_000);
  });

  it('scores by its trees: a candidate goes right where its feature is above the cut, and its leaves add up', () => {
    const m: KeyphraseModel = {
      features: ['len1', 'lnCount'], mean: [], std: [], weights: [],
      trees: { depth: 1, trees: [{ f: [0], t: [0.5], v: [0, -1] }, { f: [1], t: [Math.log(2)], v: [0, 2] }, { f: [-1], t: [0], v: [0.25, 9] }] },
    };
    const r = modelRanker(m);
    const at = (len1: number, count: number) => {
      const f = new Float64Array(KEYPHRASE_FEATURES.length);
      f[KEYPHRASE_FEATURES.indexOf('len1')] = len1;
      f[KEYPHRASE_FEATURES.indexOf('lnCount')] = Math.log(count);
      return r.score(f);
    };
    expect(at(0, 1)).toBe(0.25); // a phrase seen once; a node with no feature sends every candidate left
    expect(at(1, 1)).toBe(-0.75); // a single word
    expect(at(0, 2)).toBe(0.25); // at the cut: left
    expect(at(1, 3)).toBe(1.25);
  });

  it('walks trees of depth 3 as the heap order says, one candidate or many at once', () => {
    // A node k's children are 2k + 1 (at or below the cut) and 2k + 2 (above); leaves follow the 7 inner nodes.
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const features = ['handTuned', 'lnCount', 'firstRel', 'idfMean'];
    const trees = Array.from({ length: 20 }, () => ({
      f: Array.from({ length: 7 }, () => Math.floor(rand() * 5) - 1), t: Array.from({ length: 7 }, () => rand()), v: Array.from({ length: 8 }, () => rand() - 0.5),
    }));
    const m: KeyphraseModel = { features, mean: [], std: [], weights: [], trees: { depth: 3, trees } };
    const rows = Array.from({ length: 30 }, () => {
      const f = new Float64Array(KEYPHRASE_FEATURES.length);
      for (const name of features) f[KEYPHRASE_FEATURES.indexOf(name as typeof KEYPHRASE_FEATURES[number])] = rand();
      return f;
    });
    const walk = (f: Float64Array) => trees.reduce((s, t) => {
      let k = 0;
      while (k < 7) k = 2 * k + (t.f[k]! >= 0 && f[KEYPHRASE_FEATURES.indexOf(features[t.f[k]!] as typeof KEYPHRASE_FEATURES[number])]! > t.t[k]! ? 2 : 1);
      return s + t.v[k - 7]!;
    }, 0);
    const r = modelRanker(m);
    const all = r.scoreAll(rows);
    rows.forEach((f, i) => {
      expect(all[i]).toBeCloseTo(walk(f), 12);
      expect(r.score(f)).toBeCloseTo(walk(f), 12);
    });
  });

  it('is the one ranking: enrich() lists the candidates in the order the shipped model scores them, single words shifted', () => {
    const ranker = modelRanker(model);
    const len1 = KEYPHRASE_FEATURES.indexOf('len1');
    const score = (f: Float64Array) => ranker.score(f) - (f[len1] === 1 ? model.singleWordShift ?? 0 : 0);
    const cands = keyphraseCandidatesOf({ ...story, language: 'en' });
    const byModel = [...cands].sort((a, b) => score(b.features) - score(a.features)).slice(0, 10).map((c) => c.phrase);
    expect(model.singleWordShift).toBeGreaterThan(0);
    expect(enrich({ ...story, language: 'en' }).keyphrases).toEqual(byModel);
  });

  it('lists no piece of a longer name as a topic of its own', () => {
    const e = enrich({ title: 'Ethiopia needs food aid', text: 'Ethiopia will need food assistance next year, the Food and Agriculture Organisation said. The Food and Agriculture Organisation said crop production rose, but the drought hurt farmers. Crop production in the north fell.' });
    expect(e.keyphrases.some((k) => /^(?:Food|Agriculture Organisation|Organisation)$/.test(k))).toBe(false);
    expect(e.keyphrases.map((k) => k.toLowerCase())).toContain('crop production');
  });

  it('never offers a day or a month as a topic', () => {
    const stems = keyphraseCandidatesOf({ title: 'Talks stalled, Lavrov says', text: 'Lavrov said on Tuesday that talks had stalled. Talks resume on Friday, and a deal is due in December. The talks on Tuesday went badly.' }).map((c) => c.phrase.toLowerCase());
    expect(stems).toContain('talks');
    expect(stems.some((p) => /tuesday|friday|december/.test(p))).toBe(false);
  });

  it('prefers the specific phrase a reader would write over a generic word the text repeats', () => {
    const lower = enrich(story).keyphrases.map((k) => k.toLowerCase());
    expect(lower).toContain('oil tanker');
    const company = lower.indexOf('company');
    if (company >= 0) expect(lower.indexOf('oil tanker')).toBeLessThan(company);
    expect(lower).not.toContain('percent');
  });

  it('reads a news word as more specific than a word every story uses', () => {
    expect(idf(stemOf('tanker'))).toBeGreaterThan(idf(stemOf('company')));
    expect(idf(stemOf('sanctions'))).toBeGreaterThan(idf(stemOf('said')));
  });
});

describe('part-of-speech tags', () => {
  it("are wink-pos-tagger's, word for word (pos.ts runs its steps with per-word caching)", () => {
    const tagger = posTagger();
    const texts = [story.title, story.text, 'In the mid-1990s, Wo Ltd. said it would buy 1,500 Big Shiny Trucks for $3.5 million -- "we can\'t wait," they\'re saying.',
      'OIL MAJOR BEATS PROFIT FORECASTS AS 2024 ENDS', 'Rubio Says Iran Must Stop Arming Militias', 'the unhappy runners ran faster than the fastest horses in 1980s races'];
    for (const text of texts) {
      const words = tokenizeWords(text).map((t) => t.text);
      for (const ws of [words, words.map((w) => w.toLowerCase())]) expect(posTags(ws)).toEqual(tagger.tagRawTokens(ws).map((t) => t.pos));
    }
  });
});

describe('keyphrase candidates', () => {
  const phrasesOf = (title: string, text: string) => keyphraseCandidatesOf({ title, text, language: 'en' }).map((c) => c.phrase);

  it('keeps a name whole when the tagger reads one of its capitalised words as a verb', () => {
    // wink-pos-tagger tags "State" in "the US State Department" VBP, which left "Department" a phrase alone.
    const phrases = phrasesOf('Talks go on', 'Following the call, the US State Department released a statement on the talks.');
    expect(phrases).toContain('US State Department');
    expect(phrases).not.toContain('Department');
  });

  it('reads a participle before a noun as part of the phrase, not one after an auxiliary', () => {
    const phrases = phrasesOf('', 'We study a distributed parameter model of heat flow. The firm has raised prices twice.');
    expect(phrases).toContain('distributed parameter model');
    expect(phrases).not.toContain('raised prices');
    expect(phrases).not.toContain('distributed');
  });

  it('offers a common word inside a phrase as a candidate of its own, not a word of a name', () => {
    const cands = keyphraseCandidatesOf({ title: '', text: 'The world cup drew record crowds to the Santa Monica pier.', language: 'en' });
    const inner = KEYPHRASE_FEATURES.indexOf('innerOnly');
    const world = cands.find((c) => c.phrase === 'world');
    expect(world?.features[inner]).toBe(1);
    expect(cands.find((c) => c.phrase === 'world cup')?.features[inner]).toBe(0);
    expect(cands.map((c) => c.phrase)).not.toContain('Santa');
  });

  it('measures how much of a word\'s use a phrase holds', () => {
    const cands = keyphraseCandidatesOf({ title: '', text: 'Neural networks learn. Neural networks generalise. The network of roads and the old network of rails stayed.', language: 'en' });
    const coh = KEYPHRASE_FEATURES.indexOf('cohesionMin');
    const neural = cands.find((c) => c.phrase === 'Neural networks')!;
    expect(neural.features[coh]).toBe(1); // "neural" is never used outside the phrase
    expect(neural.features[KEYPHRASE_FEATURES.indexOf('cohesionMax')]).toBeLessThan(1); // "network" is
  });
});

describe('keyphrases of a name with "of"', () => {
  it('does not offer the common word that closes the name as a phrase of its own', () => {
    const phrases = keyphraseCandidatesOf({ title: '', text: 'He met the Secretary of State in Paris. The Bank of England held rates.', language: 'en' }).map((c) => c.phrase);
    expect(phrases).not.toContain('State');
    expect(phrases).toContain('England');
  });
});

describe('a headline\'s first word', () => {
  it('is no name when the body writes it in lower case, a name after it or not', () => {
    const e = enrich({
      title: 'House Hitler was born in will become a police station, Austria says',
      text: 'The house where Adolf Hitler was born will be turned into a police station, Austria\'s interior minister said. ' +
        'The house has stood empty for years. Architects will redesign the house, and the police station will open in 2023.',
    });
    const phrases = e.keyphrases;
    expect(phrases).not.toContain('House Hitler');
    expect(phrases.map((p) => p.toLowerCase())).toContain('house');
    // A name the body writes capitalised stays one.
    const f = enrich({ title: 'Facebook launches a mobile site', text: 'Facebook has one mobile site now (m [dot] facebook [dot] com). Facebook said users liked it. Facebook will add more.' });
    expect(f.keyphrases).toContain('Facebook');
  });
});
