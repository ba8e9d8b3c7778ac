// A real store filled the way ingest fills it, for the web tests: the two seed documents as one
// article with two versions (publisher + aggregator), the three related articles of the seed's
// related block, filler articles, enrichment from the real enrich stage, and a story.
import { readFileSync } from 'node:fs';
import { openStore } from '../../src/store/index.ts';
import type { Article, ArticleId, ExtractedPage, Source, SourceId, Story } from '../../src/domain/types.ts';
import { extract } from '../../src/pipeline/extract/index.ts';
import { noteVersion, refreshStory } from '../../src/pipeline/compare/index.ts';
import { placeVersion } from '../../src/pipeline/stories/index.ts';
import { contentHash } from '../../src/pipeline/run.ts';
import type { NewVersion, Repository } from '../../src/store/repository.ts';
import { enrich } from '../../src/pipeline/enrich/index.ts';
import { loadConfig, type Config } from '../../src/config/index.ts';

export const NOW = new Date('2025-02-20T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();
const seedDir = new URL('../../fixtures/seeds/', import.meta.url);
const seed = (prefix: string) => readFileSync(new URL(prefix === '000' ? '000_8d169c1d68591c33.txt' : '001_03aee5fa6f29c944.txt', seedDir), 'utf8');

export interface Fixture {
  repo: Repository;
  config: Config;
  seedArticle: Article;
  story: Story;
  related: Article[];
  close(): Promise<void>;
}

/** A fresh SQLite store in memory. */
export async function openTestStore(): Promise<{ repo: Repository; cleanup(): Promise<void> }> {
  const repo = await openStore('sqlite::memory:');
  return { repo, cleanup: () => repo.close() };
}

/** An outlet's copy as ingest builds it from an extracted page. */
function version(e: ExtractedPage, p: { outlet: string; sourceId: SourceId | null; title: string; url?: string | null; published: string | null }): NewVersion {
  return {
    sourceId: p.sourceId, feedId: null, outlet: p.outlet, url: p.url ?? null, canonicalUrl: e.canonicalUrl,
    title: p.title, byline: e.byline, text: e.text, html: e.html, lede: e.lede, image: e.image, language: e.language ?? 'en',
    published: p.published, fetchedAt: p.published ?? NOW.toISOString(), contentHash: contentHash(e.text),
  };
}

/** The fixture in a fresh SQLite store in memory, or in `opts.repo` (which the caller then closes). */
export async function makeFixture(opts: { fillers?: number; repo?: Repository } = {}): Promise<Fixture> {
  const { repo, cleanup } = opts.repo ? { repo: opts.repo, cleanup: async () => {} } : await openTestStore();
  const config = loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true }, {});
  const asharq = await repo.addSource({ name: 'Asharq Al-Awsat', homeUrl: 'https://english.aawsat.com/', language: 'en', country: 'SA' });
  const daily8 = await repo.addSource({ name: 'Daily8', homeUrl: 'https://daily8.example/', language: 'en' });
  const arabiya = await repo.addSource({ name: 'Al Arabiya', homeUrl: 'https://english.alarabiya.net/', language: 'en' });
  await repo.addFeed({ sourceId: asharq.id, url: 'https://english.aawsat.com/feed' });
  await repo.addFeed({ sourceId: arabiya.id, url: 'https://english.alarabiya.net/feed/rss2/en.xml' });

  // The two seeds through extract, then placeVersion (dedup + stories) and enrich, as ingest does them.
  // The publisher's copy carries no headline line: its feed item's title (the same headline) is used.
  const aggregator = extract({ text: seed('000'), referenceTime: NOW });
  const publisher = extract({ text: seed('001'), referenceTime: NOW });
  const title = aggregator.title!;
  // As ingest does: the article's transaction notes the outlet, the version's digest and the story's
  // change; the story's analysis follows outside it.
  const place = async (v: NewVersion, page: ExtractedPage, source: Source | null) => {
    const enrichment = enrich({ title: v.title, text: v.text, published: v.published, language: v.language });
    const placed = await repo.transaction(async (tx) => {
      const r = await placeVersion(tx, v);
      if (r.isNewArticle || r.article.canonicalVersionId === r.version.id) await tx.saveEnrichment(r.article.id, enrichment);
      await noteVersion(tx, r, { enrichment, page, source });
      return r;
    });
    if (placed.storyId) await refreshStory(repo, placed.storyId, NOW);
    return placed;
  };
  const first = await place(version(publisher, { outlet: 'Asharq Al-Awsat', sourceId: asharq.id, title: publisher.title ?? title, url: 'https://english.aawsat.com/arab-world/iraq-coalition-us-warnings', published: hoursAgo(5) }), publisher, asharq);
  await place(version(aggregator, { outlet: 'Daily8', sourceId: daily8.id, title, url: 'https://daily8.example/iraq-coalition', published: hoursAgo(3) }), aggregator, daily8);
  // The aggregator page's related block: each item an article of its own outlet.
  const related: Article[] = [];
  for (const r of aggregator.related) {
    const e = extract({ text: `${r.title}\n${r.text}`, referenceTime: NOW });
    const source = (await repo.findSourceByName(r.outlet)) ?? (await repo.addSource({ name: r.outlet, homeUrl: `https://${r.outlet.toLowerCase().replace(/\W+/g, '')}.example/` }));
    related.push((await place(version(e, { outlet: r.outlet, sourceId: source.id, title: r.title, published: r.published }), e, source)).article);
  }
  // Filler articles, each about something else (distinct words), so that dedup and stories keep them apart.
  const words = 'harbour railway orchestra vaccine election drought satellite museum glacier vineyard bakery stadium ferry library volcano tramway marathon reservoir lighthouse cathedral festival bridge telescope archive orchard canal quarry airship parliament circus'.split(' ');
  for (let i = 0; i < (opts.fillers ?? 30); i++) {
    const w = (k: number) => words[(i * 7 + k * 3) % words.length]!;
    const e = extract({ text: `${w(0)[0]!.toUpperCase()}${w(0).slice(1)} plan ${i + 1} splits the ${w(1)} council\nThe ${w(1)} council of district ${i + 1} met on Tuesday to weigh the ${w(0)} plan against the ${w(2)} budget.\n\nOfficials put the cost of the ${w(0)} works at ${10 + i} million dollars, while critics of the ${w(3)} scheme asked for a vote on the ${w(4)}.` });
    await place(version(e, { outlet: i % 2 ? 'Al Arabiya' : 'Daily8', sourceId: i % 2 ? arabiya.id : daily8.id, title: e.title!, published: hoursAgo(30 + i) }), e, i % 2 ? arabiya : daily8);
  }
  const storyId = first.storyId ?? (await repo.getArticle(first.article.id))!.article.storyId;
  if (!storyId) throw new Error('placeVersion put the seed article in no story');
  const story = (await repo.getStory(storyId))!.story;
  const article = first.article;
  const seedArticle = (await repo.getArticle(article.id))!.article;
  return { repo, config, seedArticle, story, related, close: cleanup };
}

/** A plain-text article (title line, blank line, body) through extract, placeVersion and enrich, as ingest does it. */
/** The Arabic version of the seed article (test/fixtures/arabic/seed-ar.txt) from Asharq Al-Awsat, published `hoursAgo`. */
export async function ingestArabicSeed(repo: Repository, hoursAgo = 2): Promise<{ id: ArticleId; storyId: number | null }> {
  return ingestText(repo, readFileSync(new URL('../fixtures/arabic/seed-ar.txt', import.meta.url), 'utf8'), 'الشرق الأوسط', hoursAgo);
}

export async function ingestText(repo: Repository, text: string, outlet: string, hoursAgo: number): Promise<{ id: ArticleId; storyId: number | null }> {
  const published = new Date(NOW.getTime() - hoursAgo * 3600_000).toISOString();
  return ingestDated(repo, text, outlet, { published, fetchedAt: published });
}

/** As ingestText, with the feed's date (null: none) and the time ingest fetched it given apart. */
export async function ingestDated(repo: Repository, text: string, outlet: string, at: { published: string | null; fetchedAt: string }): Promise<{ id: ArticleId; storyId: number | null }> {
  const e = extract({ text, referenceTime: NOW });
  const { published, fetchedAt } = at;
  const v: NewVersion = {
    sourceId: null, feedId: null, outlet, url: null, canonicalUrl: null, title: e.title ?? '', byline: null, text: e.text,
    html: e.html, lede: e.lede, image: null, language: e.language, published, fetchedAt, contentHash: contentHash(e.text),
  };
  const enrichment = enrich({ title: v.title, text: v.text, published, language: v.language });
  const r = await repo.transaction(async (tx) => {
    const placed = await placeVersion(tx, v);
    await tx.saveEnrichment(placed.article.id, enrichment);
    await noteVersion(tx, placed, { enrichment, page: e, source: null });
    return placed;
  });
  if (r.storyId) await refreshStory(repo, r.storyId, NOW);
  return { id: r.article.id, storyId: (await repo.getArticle(r.article.id))!.article.storyId };
}
