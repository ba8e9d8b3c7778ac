// Readers for the NER development sets under ../shared/data/ner (used by train-ner and eval-ner).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gazetteer } from '../src/pipeline/enrich/gazetteer.ts';

export const DATA = resolve(import.meta.dirname, '../../shared/data/ner');

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
  for (const s of out) {
    for (let i = 0; i < s.tags.length; i++) {
      if (s.tags[i] !== 'B-PER') continue;
      let j = i;
      while (j < s.tags.length && (j === i || s.tags[j] === 'I-PER') && titles.has(s.words[j]!.toLowerCase())) j++;
      if (j > i && j < s.tags.length && s.tags[j] === 'I-PER') {
        for (let k = i; k < j; k++) s.tags[k] = 'O';
        s.tags[j] = 'B-PER';
      }
    }
  }
  return out;
}

/** wikigold: IO tags; MISC dropped; returns documents of sentences with BIO tags. */
export function readWikigold(): Sentence[] {
  const out: Sentence[] = [];
  let cur: Sentence = { words: [], tags: [] };
  const flush = () => { if (cur.words.length) out.push(cur); cur = { words: [], tags: [] }; };
  for (const line of readFileSync(resolve(DATA, 'wikigold.conll.txt'), 'utf8').split('\n')) {
    if (!line.trim()) { flush(); continue; }
    const [word, tag] = line.split(' ');
    if (word === '-DOCSTART-') { flush(); continue; }
    const type = tag && tag !== 'O' ? tag.slice(2) : null;
    const prevType = cur.tags.length ? cur.tags[cur.tags.length - 1]!.slice(2) : '';
    cur.words.push(word!);
    cur.tags.push(type && type !== 'MISC' ? (prevType === type ? 'I-' : 'B-') + type : 'O');
  }
  flush();
  return out;
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

