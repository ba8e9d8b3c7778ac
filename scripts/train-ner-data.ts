// Readers and scoring for the NER development sets: ../shared/data/ner and the repo's own annotated news
// (used by train-ner, eval-ner, ner-ablation and ner-errors).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { aliasKey, gazetteer } from '../src/pipeline/enrich/gazetteer.ts';
import { enrichDocument } from '../src/pipeline/enrich/index.ts';

// ../shared/data beside the repository (or beside a worktree's parent), or LEDE_SHARED_DATA.
export const DATA = resolve(
  process.env.LEDE_SHARED_DATA ?? ['../../shared/data', '../../../shared/data'].map((p) => resolve(import.meta.dirname, p)).find(existsSync) ?? resolve(import.meta.dirname, '../../shared/data'),
  'ner',
);
/** The project's own small annotated news dev set, one document per .conll file. */
export const OWN_SET = resolve(import.meta.dirname, '../test/fixtures/ner');
/** The last HELDOUT GMB sentences are never trained on: eval-ner scores them. */
export const HELDOUT = 1200;

export interface Sentence {
  words: string[];
  tags: string[];
}

export function requireData(): void {
  if (!existsSync(DATA)) {
    console.error(`NER data not found at ${DATA} (../shared/data/ner relative to the repo root); nothing to do.`);
    process.exit(2);
  }
}

/** GMB: per→PER, org→ORG, geo/gpe→LOC, everything else O; titles stripped from person spans. */
export function readGmb(): Sentence[] {
  const titles = gazetteer().titleWords;
  const map: Record<string, string> = { per: 'PER', org: 'ORG', geo: 'LOC', gpe: 'LOC' };
  const out: Sentence[] = [];
  let cur: Sentence = { words: [], tags: [] };
  for (const line of readFileSync(resolve(DATA, 'gmb-subset.conll'), 'utf8').split('\n')) {
    if (!line.trim()) {
      if (cur.words.length) out.push(cur);
      cur = { words: [], tags: [] };
      continue;
    }
    const parts = line.split(' ');
    const word = parts[0]!;
    const tag = parts[parts.length - 1]!;
    const m = /^([BI])-(\w+)$/.exec(tag);
    const type = m ? map[m[2]!] : undefined;
    cur.words.push(word);
    cur.tags.push(type ? `${m![1]}-${type}` : 'O');
  }
  if (cur.words.length) out.push(cur);
  for (const s of out) stripTitles(s, titles);
  return out;
}

const HONORIFIC = /^(?:mr|mrs|ms|miss|dr)\.?$/i;

/**
 * Strips leading titles from each person span ("President Mahmoud Ahmadinejad" → "Mahmoud Ahmadinejad"),
 * and drops a span that is nothing but titles: GMB has "Prime" and "Mr." alone tagged as persons where
 * the name that followed lost its tag. An honorific makes the next word the name even when it is also a
 * title word ("Mrs. King").
 */
function stripTitles(s: Sentence, titles: ReadonlySet<string>): void {
  for (let i = 0; i < s.tags.length; i++) {
    if (s.tags[i] !== 'B-PER') continue;
    let end = i + 1;
    while (end < s.tags.length && s.tags[end] === 'I-PER') end++;
    let j = i;
    while (j < end && titles.has(s.words[j]!.toLowerCase())) {
      j++;
      if (HONORIFIC.test(s.words[j - 1]!) && j < end) break;
    }
    for (let k = i; k < j; k++) s.tags[k] = 'O';
    if (j < end) s.tags[j] = 'B-PER';
    i = end - 1;
  }
}

/**
 * Training labels only: the capitalised name after an honorific is a person ("Mr. Talabani"), whatever
 * GMB tagged it. GMB's tags slip by a token in places ("Mr." B-per, "Talabani" B-org: 66 of 542 names
 * after "Mr."); learning from the slipped tags teaches the tagger that names after "Mr." are places or
 * organisations. Scoring keeps GMB's tags as they are.
 */
export function correctHonorifics(s: Sentence): Sentence {
  let tags: string[] | null = null;
  for (let i = 0; i + 1 < s.words.length; i++) {
    if (!HONORIFIC.test(s.words[i]!) || !/^\p{Lu}/u.test(s.words[i + 1]!) || s.tags[i + 1]!.endsWith('PER')) continue;
    tags ??= [...s.tags];
    let j = i + 1;
    tags[j++] = 'B-PER';
    while (j < tags.length && /^\p{Lu}/u.test(s.words[j]!) && tags[j]!.startsWith('I-')) tags[j++] = 'I-PER';
  }
  return tags ? { words: s.words, tags } : s;
}

/** wikigold: IO tags; MISC dropped; its sentences (of every document, in order) with BIO tags. */
export function readWikigold(): Sentence[] {
  return readWikigoldDocuments().flat();
}

/** wikigold's documents (Wikipedia articles, split at -DOCSTART-), each a list of sentences with BIO tags. */
export function readWikigoldDocuments(): Sentence[][] {
  const docs: Sentence[][] = [];
  let out: Sentence[] = [];
  let cur: Sentence = { words: [], tags: [] };
  const flush = () => { if (cur.words.length) out.push(cur); cur = { words: [], tags: [] }; };
  for (const line of readFileSync(resolve(DATA, 'wikigold.conll.txt'), 'utf8').split('\n')) {
    if (!line.trim()) { flush(); continue; }
    const [word, tag] = line.split(' ');
    if (word === '-DOCSTART-') { flush(); if (out.length) docs.push(out); out = []; continue; }
    const type = tag && tag !== 'O' ? tag.slice(2) : null;
    const prevType = cur.tags.length ? cur.tags[cur.tags.length - 1]!.slice(2) : '';
    cur.words.push(word!);
    cur.tags.push(type && type !== 'MISC' ? (prevType === type ? 'I-' : 'B-') + type : 'O');
  }
  flush();
  if (out.length) docs.push(out);
  return docs;
}

/** CoNLL-like lines: word first, tag last; IO or BIO tags; MISC and anything else dropped to O. */
export function readConll(path: string, sep: RegExp): Sentence[] {
  const out: Sentence[] = [];
  let cur: Sentence = { words: [], tags: [] };
  const flush = () => { if (cur.words.length) out.push(cur); cur = { words: [], tags: [] }; };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('-DOCSTART-')) { flush(); continue; }
    const parts = line.trim().split(sep);
    const word = parts[0]!;
    const tag = parts.length > 1 ? parts[parts.length - 1]! : 'O';
    const m = /^([BI])-(PER|ORG|LOC)$/.exec(tag);
    const prev = cur.tags.at(-1) ?? 'O';
    cur.words.push(word);
    if (!m) cur.tags.push('O');
    else cur.tags.push(m[1] === 'B' || prev.slice(2) !== m[2] ? `B-${m[2]}` : `I-${m[2]}`);
  }
  flush();
  return out;
}

/** The Broad Twitter Corpus, its six sections (incl. tweets by news outlets, g), CoNLL conventions. */
export function readBtc(): Sentence[] {
  return ['a', 'b', 'e', 'f', 'g', 'h'].flatMap((x) => readConll(resolve(DATA, `btc/${x}.conll`), /\t/));
}

/** SEC filings (FIN5 and FIN3), CoNLL conventions. */
export function readSec(): Sentence[] {
  return ['FIN5', 'FIN3'].flatMap((x) => readConll(resolve(DATA, `sec-filings/${x}.txt`), / /));
}

/** A fixed shuffle, then its first `n` sentences (so that no corpus swamps a mix). */
export function sample(s: Sentence[], n: number): Sentence[] {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const idx = s.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
  return idx.slice(0, n).map((i) => s[i]!);
}

export function entitySet(tags: readonly string[], prefix: string): Set<string> {
  const out = new Set<string>();
  let start = -1;
  let type = '';
  const close = (i: number) => { if (start >= 0) out.add(`${prefix}:${start}:${i}:${type}`); start = -1; };
  tags.forEach((t, i) => {
    if (t === 'O') { close(i); return; }
    if (t.startsWith('B-') || t.slice(2) !== type) { close(i); start = i; type = t.slice(2); }
  });
  close(tags.length);
  return out;
}

export function prf(tp: number, fp: number, fn: number): { p: number; r: number; f: number } {
  const p = tp / (tp + fp || 1);
  const r = tp / (tp + fn || 1);
  return { p, r, f: (2 * p * r) / (p + r || 1) };
}

/** The GMB development slice: the `n` sentences just before the held-out ones. */
export function devSlice(all: Sentence[], n: number): Sentence[] {
  return all.slice(all.length - HELDOUT - n, all.length - HELDOUT);
}

/** Sentences in groups of `size` as pseudo-documents (the GMB subset has no document breaks). */
export function inDocuments(sentences: Sentence[], size = 10): Sentence[][] {
  const docs: Sentence[][] = [];
  for (let i = 0; i < sentences.length; i += size) docs.push(sentences.slice(i, i + size));
  return docs;
}

/** Documents of `TOKEN TAG` lines (BIO), one per .conll file of `dir`, in name order. */
export function readConllDir(dir: string): Sentence[][] {
  return readdirSync(dir).filter((x) => x.endsWith('.conll')).sort().flatMap((f) => {
    // A file is one document, or several where "-DOCSTART-" lines part them (a set of headlines and their leads).
    const docs: Sentence[][] = [];
    let doc: Sentence[] = [];
    let cur: Sentence = { words: [], tags: [] };
    const endSentence = () => { if (cur.words.length) doc.push(cur); cur = { words: [], tags: [] }; };
    for (const line of readFileSync(resolve(dir, f), 'utf8').split('\n')) {
      if (line.startsWith('#')) continue;
      if (line.startsWith('-DOCSTART-')) { endSentence(); if (doc.length) docs.push(doc); doc = []; continue; }
      if (!line.trim()) { endSentence(); continue; }
      const [w, t] = line.split(/\s+/);
      cur.words.push(w!);
      cur.tags.push(t!);
    }
    endSentence();
    if (doc.length) docs.push(doc);
    return docs;
  });
}

/**
 * One document through the whole entity pipeline (tagger, gazetteers, rules, repeated surnames): its
 * sentences joined by newlines and words by spaces, mentions mapped back to word indices. Keys are
 * `start:end:TYPE` over the document's words; a mention off word boundaries gets a key that never matches.
 */
/**
 * `nationalitiesApart`: gold LOC spans that are a nationality ("Iraqi": GMB and the own set tag them as
 * places) are left out of the score, as CoNLL-style sets leave MISC out — the convention the product
 * follows (enrich/index.ts isNationality), so a set of the other convention can be read both ways.
 */
export function pipelineMentions(doc: Sentence[], nationalitiesApart = false, firstLineTitle = false): { gold: Set<string>; pred: Set<string>; words: string[] } {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const gold = new Set<string>();
  for (const s of doc) {
    const base = starts.length;
    s.words.forEach((w, i) => { if (i) text += ' '; starts.push(text.length); text += w; ends.push(text.length); });
    for (const g of entitySet(s.tags, 'x')) {
      const [, a, b, t] = g.split(':');
      if (nationalitiesApart && t === 'LOC' && gazetteer().demonyms.has(aliasKey(s.words.slice(Number(a), Number(b)).join(' ')))) continue;
      gold.add(`${base + Number(a)}:${base + Number(b)}:${t}`);
    }
    text += '\n';
  }
  const byStart = new Map(starts.map((s, i) => [s, i]));
  const byEnd = new Map(ends.map((e, i) => [e, i + 1]));
  const pred = new Set<string>();
  // The product's own entry point (enrichDocument, as `lede analyze` and the ingest call it), so the
  // figures are the product's: tagger, rules, repeated names and the refinements after them.
  // firstLineTitle: the document's first line is its headline, as `lede analyze` reads a text file (wire copy).
  const titleEnd = firstLineTitle ? text.indexOf('\n') : 0;
  for (const m of enrichDocument(text, { titleEnd, language: 'en' }).mentions) {
    if (m.type !== 'PER' && m.type !== 'ORG' && m.type !== 'LOC') continue;
    const a = byStart.get(m.start);
    const b = byEnd.get(m.end);
    pred.add(a !== undefined && b !== undefined ? `${a}:${b}:${m.type}` : `c${m.start}:${m.end}:${m.type}`);
  }
  return { gold, pred, words: doc.flatMap((s) => s.words) };
}

export type TypeCounts = Record<'PER' | 'ORG' | 'LOC', [tp: number, fp: number, fn: number]>;

/** Entity-level micro counts and per-type counts of the pipeline over documents. */
export function scoreDocuments(docs: Sentence[][], nationalitiesApart = false, firstLineTitle = false): { tp: number; fp: number; fn: number; per: TypeCounts } {
  let tp = 0, fp = 0, fn = 0;
  const per: TypeCounts = { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] };
  const typeOf = (k: string) => k.split(':').at(-1) as keyof TypeCounts;
  for (const doc of docs) {
    const { gold, pred } = pipelineMentions(doc, nationalitiesApart, firstLineTitle);
    for (const p of pred) { if (gold.has(p)) { tp++; per[typeOf(p)][0]++; } else { fp++; per[typeOf(p)][1]++; } }
    for (const g of gold) if (!pred.has(g)) { fn++; per[typeOf(g)][2]++; }
  }
  return { tp, fp, fn, per };
}

/** "PER 0.807, ORG 0.664, LOC 0.894" */
export function perTypeF1(per: TypeCounts, sep = ', '): string {
  return Object.entries(per).map(([t, [a, b, c]]) => `${t} ${prf(a, b, c).f.toFixed(3)}`).join(sep);
}

/**
 * K contiguous folds of the GMB sentences before the held-out ones (which are never included): neighbouring
 * GMB sentences share stories, so a shuffled split would leak names from training into the fold.
 */
export function crossValidationFolds(all: Sentence[], folds: number): { train: Sentence[]; test: Sentence[] }[] {
  const pool = all.slice(0, all.length - HELDOUT);
  const size = Math.ceil(pool.length / folds);
  return Array.from({ length: folds }, (_, k) => ({
    test: pool.slice(k * size, (k + 1) * size),
    train: [...pool.slice(0, k * size), ...pool.slice((k + 1) * size)],
  }));
}
