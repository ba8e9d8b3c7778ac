// Golden pages: test/pages/<case>/{source.html, expected.json}. Benchmark pages (MIT, see
// test/pages/LICENSE-article-extraction-benchmark) carry the benchmark's ground truth and must score well on its
// metric; hand-written pages check metadata, boilerplate removal and sanitising field by field.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/pipeline/extract/index.ts';

const DIR = join(import.meta.dirname, '../../pages');

interface Expected {
  url?: string;
  minF1?: number;
  articleBody?: string;
  title?: string;
  byline?: string;
  published?: string;
  modified?: string;
  language?: string;
  siteName?: string;
  image?: string;
  canonicalUrl?: string;
  lede?: string;
  ledeStartsWith?: string;
  paragraphs?: number;
  textContains?: string[];
  textExcludes?: string[];
  htmlContains?: string[];
  htmlExcludes?: string[];
}

/** The benchmark's metric: \w+ words, multisets of word 4-grams, precision and recall of one page. */
function score(expected: string, predicted: string): { p: number; r: number; f1: number } {
  const grams = (t: string) => {
    const w = t.match(/[\p{L}\p{N}_\p{M}]+/gu) ?? [];
    const m = new Map<string, number>();
    for (let i = 0; i < Math.max(1, w.length - 3); i++) {
      const k = w.slice(i, i + 4).join(' ');
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  const e = grams(expected), g = grams(predicted);
  let tp = 0, fp = 0, fn = 0;
  for (const [k, n] of g) { tp += Math.min(n, e.get(k) ?? 0); fp += Math.max(0, n - (e.get(k) ?? 0)); }
  for (const [k, n] of e) fn += Math.max(0, n - (g.get(k) ?? 0));
  const p = tp + fp ? tp / (tp + fp) : 0, r = tp + fn ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

const cases = readdirSync(DIR).filter((d) => existsSync(join(DIR, d, 'source.html')));

describe('golden pages', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const name of cases) {
    it(name, () => {
      const html = readFileSync(join(DIR, name, 'source.html'), 'utf8');
      const exp = JSON.parse(readFileSync(join(DIR, name, 'expected.json'), 'utf8')) as Expected;
      const page = extract({ html, url: exp.url });
      if (exp.articleBody) {
        const s = score(exp.articleBody, page.text);
        expect(s.f1, `F1 ${s.f1.toFixed(3)} (P ${s.p.toFixed(3)}, R ${s.r.toFixed(3)})`).toBeGreaterThanOrEqual(exp.minF1 ?? 0.9);
      }
      for (const key of ['title', 'byline', 'published', 'modified', 'language', 'siteName', 'image', 'canonicalUrl', 'lede'] as const) {
        if (exp[key] !== undefined) expect(page[key], key).toBe(exp[key]);
      }
      if (exp.ledeStartsWith) expect(page.lede?.startsWith(exp.ledeStartsWith), `lede: ${page.lede}`).toBe(true);
      // The lede is the first paragraph of the text.
      if (page.lede) expect(page.text.startsWith(page.lede)).toBe(true);
      if (exp.paragraphs !== undefined) expect(page.text.split('\n\n')).toHaveLength(exp.paragraphs);
      for (const s of exp.textContains ?? []) expect(page.text).toContain(s);
      for (const s of exp.textExcludes ?? []) expect(page.text).not.toContain(s);
      for (const s of exp.htmlContains ?? []) expect(page.html).toContain(s);
      for (const s of exp.htmlExcludes ?? []) expect(page.html.toLowerCase()).not.toContain(s.toLowerCase());
      expect(page.related).toEqual([]);
    });
  }
});
