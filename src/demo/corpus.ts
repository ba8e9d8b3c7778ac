// The demo newswire's corpus: outlets, their feeds' items and the article pages, bundled under
// fixtures/demo/ (newswire.json: real article pages built by fixtures/demo/build.ts; seeds.json: the seed
// story written by hand from fixtures/seeds). Loaded once; pages are read (and gunzipped) on request.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface DemoItem {
  slug: string;
  title: string;
  /** A fixed time, or … */
  published?: string;
  /** … a time relative to when the newswire started (the seed story is always fresh news). */
  hoursAgo?: number;
  /** File under fixtures/demo/ (`.gz` is gunzipped). */
  page: string;
  contentType: string;
  summary: string;
  author: string | null;
  /** Where the page was first published (kept for credit; the newswire serves its own copy). */
  originalUrl?: string;
}

export interface DemoOutlet {
  slug: string;
  name: string;
  home: string;
  language: string | null;
  country?: string | null;
  format: 'rss' | 'atom' | 'json';
  items: DemoItem[];
}

export interface DemoCorpus {
  note?: string;
  outlets: DemoOutlet[];
}

export const DEMO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'demo');

export function loadDemoCorpus(dir = DEMO_DIR): DemoCorpus {
  const read = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DemoCorpus;
  const seeds = read('seeds.json');
  const wire = read('newswire.json');
  return { note: wire.note, outlets: [...seeds.outlets, ...wire.outlets] };
}

export function readPage(item: DemoItem, dir = DEMO_DIR): Buffer {
  const file = resolve(dir, item.page);
  const body = readFileSync(file);
  return file.endsWith('.gz') ? gunzipSync(body) : body;
}

/** The item's publication time for a newswire started at `startedAt`. */
export function publishedAt(item: DemoItem, startedAt: Date): Date {
  if (item.hoursAgo !== undefined) return new Date(startedAt.getTime() - item.hoursAgo * 3_600_000);
  return new Date(item.published ?? startedAt);
}
