// Shared helpers for the stories/dedup tests: real SQLite store, seed texts, NewVersion builder.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extract } from '../../../src/pipeline/extract/index.ts';
import { foldTypography } from '../../../src/pipeline/normalize/index.ts';
import type { NewVersion } from '../../../src/store/ports/articles.ts';

const root = resolve(import.meta.dirname, '../../..');
export const SEED_AGGREGATOR = readFileSync(`${root}/fixtures/seeds/000_8d169c1d68591c33.txt`, 'utf8');
export const SEED_PUBLISHER = readFileSync(`${root}/fixtures/seeds/001_03aee5fa6f29c944.txt`, 'utf8');

/** Titled paragraphs of the bundled unrelated news texts (title line, then one paragraph). */
export function unrelatedNews(): { title: string; text: string }[] {
  return readFileSync(`${root}/fixtures/news/unrelated.txt`, 'utf8').trim().split(/\n\s*\n/).map((block) => {
    const [title, ...rest] = block.split('\n');
    return { title: title!.trim(), text: rest.join('\n').trim() };
  });
}

export function newVersion(p: { outlet: string; title: string; text: string; url?: string | null; published?: string | null; fetchedAt?: string }): NewVersion {
  return {
    sourceId: null, feedId: null, outlet: p.outlet, url: p.url ?? null, canonicalUrl: null, title: p.title,
    byline: null, text: p.text, html: p.text.split(/\n\s*\n|\n/).map((x) => `<p>${x}</p>`).join(''), lede: null,
    image: null, language: 'en', published: p.published ?? null, fetchedAt: p.fetchedAt ?? p.published ?? '2025-02-20T12:00:00Z',
    contentHash: createHash('sha256').update(foldTypography(p.text)).digest('hex'),
  };
}

/** The seeds as ingest sees them: through extract (furniture stripped, related items separated). */
export function seedVersions() {
  const agg = extract({ text: SEED_AGGREGATOR });
  const pub = extract({ text: SEED_PUBLISHER });
  const title = agg.title ?? 'Iraq coalition';
  return {
    aggregator: newVersion({ outlet: 'Daily8', title, text: agg.text, url: 'https://daily8.example/news/iraq-coalition?utm_source=rss', published: '2025-02-20T11:00:00Z' }),
    publisher: newVersion({ outlet: 'Asharq Al-Awsat', title: pub.title ?? title, text: pub.text, url: 'https://english.aawsat.example/arab-world/iraq-coalition', published: '2025-02-20T09:00:00Z' }),
    publisherText: pub.text,
    related: agg.related,
  };
}
