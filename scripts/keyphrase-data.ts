// The keyphrase sets of ../shared/data as scripts/eval-keyphrases.ts and scripts/train-keyphrases.ts read
// them, and their scoring: lower-case and Porter-stem both sides, exact match, P = correct/k,
// R = correct/|gold|, duplicates (after stemming) dropped from the predicted list.
// Inspec's gold is its uncontrolled keys, as Hulth (2003), pke and the published runs score it: each .key
// file of this copy (LIAAD) holds the uncontrolled keys, then the controlled (thesaurus) ones, each list
// ending in a line that ends in CR; only the first list is read. A title wrapped over several lines (Inspec:
// its continuation lines start with a tab) is one title.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stemmer } from 'stemmer';

// ../shared/data beside the repository (or beside the worktree's parent), or LEDE_SHARED_DATA.
export const DATA = process.env.LEDE_SHARED_DATA ?? ['../../shared/data', '../../../shared/data'].map((p) => resolve(import.meta.dirname, p)).find(existsSync) ?? resolve(import.meta.dirname, '../../shared/data');

/**
 * A set's texts are `dir/docsutf8/<name>.txt` and its keys `dir/keys/<name>.key`, or, where `keys` is given, the keys
 * are `keys/<name>.key` and the text `dir/<name with its first '-' as '/'>.txt`, or, where `json` is given too, the
 * `articleBody` of `<name>` in `dir/<json>` (a body with no headline: the title is empty).
 */
export const SETS: Record<string, { dir: string; keys?: string; json?: string; published: string }> = {
  kpcrowd: { dir: resolve(DATA, 'keyphrases'), published: 'published F1@10, on the 50-document test split that is title-only here: MultipartiteRank 18.2, FirstPhrases 17.1, TextRank 7.1' },
  inspec: { dir: resolve(DATA, 'keyphrases-inspec'), published: 'uncontrolled keys; published F1@10 on the 500-document test split: MultipartiteRank 30.5, FirstPhrases 29.3, TextRank 35.8' },
  // News keyed as people write keyphrases (mostly 2–3-word noun phrases, the DUC-2001 style): the 61 BBC articles of
  // ../shared/data/summaries, keyed by hand in this repository by a session that neither ran nor read the ranker.
  bbc: { dir: resolve(DATA, 'summaries/article'), keys: resolve(import.meta.dirname, '../test/fixtures/keyphrases-bbc/keys'), published: 'keyed in this repository (test/fixtures/keyphrases-bbc/README.md); no published figures' },
  // The same guideline on 50 web news articles of ../shared/data/extraction (bodies without their headline), keyed
  // by another blind session after every change the BBC set led to: nothing was tuned on it before its first score.
  web: { dir: resolve(DATA, 'extraction'), json: 'ground-truth.json', keys: resolve(import.meta.dirname, '../test/fixtures/keyphrases-web/keys'), published: 'keyed in this repository (test/fixtures/keyphrases-web/README.md); no published figures' },
};

export interface KeyphraseDoc { name: string; title: string; body: string; full: string; gold: Set<string>; words: number; withBody: boolean }

export const stem = (p: string) => p.toLowerCase().split(/\s+/).filter(Boolean).map((w) => stemmer(w)).join(' ');

/** The documents of one set, sorted by file name; null when the data is not there. */
export function loadSet(set: string, limit = Infinity): KeyphraseDoc[] | null {
  const { dir, keys = resolve(dir, 'keys'), json } = SETS[set]!;
  if (!existsSync(dir) || !existsSync(keys)) return null;
  const names = readdirSync(keys).filter((f) => f.endsWith('.key')).map((f) => f.slice(0, -4)).sort().slice(0, limit);
  const bodies = json ? JSON.parse(readFileSync(resolve(dir, json), 'utf8')) as Record<string, { articleBody: string }> : null;
  const textOf = (name: string) => SETS[set]!.keys ? resolve(dir, `${name.replace('-', '/')}.txt`) : resolve(dir, 'docsutf8', `${name}.txt`);
  return names.map((name) => {
    const f = `${name}.txt`;
    const full = (bodies ? bodies[name]!.articleBody : readFileSync(textOf(name), 'utf8')).replace(/\r/g, '');
    const keyText = readFileSync(resolve(keys, `${name}.key`), 'utf8');
    const cr = keyText.indexOf('\r\n');
    const gold = new Set((cr >= 0 ? keyText.slice(0, cr) : keyText).split('\n').map((l) => l.trim()).filter(Boolean).map(stem));
    const lines = full.split('\n');
    // The title is the first line and the tab-indented lines under it; a body from JSON has none.
    let ti = 0, te = 0;
    if (!bodies) {
      ti = lines.findIndex((l) => l.trim());
      te = ti + 1;
      while (te < lines.length && /^[ \t]+\S/.test(lines[te]!)) te++;
    }
    const title = lines.slice(ti, te).map((l) => l.trim()).join(' ');
    const body = lines.slice(te).map((l) => l.trim()).join('\n');
    return { name: f, title, body, full: `${title}\n\n${body}`, gold, words: full.split(/\s+/).filter(Boolean).length, withBody: /\p{L}/u.test(body) };
  });
}

/**
 * A document's multi-word keys: scored alone on KPCrowd's stories with a body, a proxy for news keyed the way people
 * write keyphrases (mostly 2–3-word noun phrases, as the unseen news set of issue 14 is), which no set here is.
 */
export const multiWordKeys = (gold: ReadonlySet<string>): Set<string> => new Set([...gold].filter((g) => g.includes(' ')));

/** Precision, recall and F1 of the first k distinct (after stemming) predicted phrases. */
export function prf(pred: string[], gold: Set<string>, k: number): { p: number; r: number; f: number } {
  const seen = new Set<string>();
  let correct = 0;
  for (const phrase of pred) {
    const s = stem(phrase);
    if (seen.has(s)) continue;
    if (seen.size >= k) break;
    seen.add(s);
    if (gold.has(s)) correct++;
  }
  const p = correct / k;
  const r = gold.size ? correct / gold.size : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}
