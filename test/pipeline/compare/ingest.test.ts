// Story intelligence through the real ingest path (fetch → feeds → extract → dedup/stories → enrich →
// store → analysis), over loopback, on both store backends: the demo's seed story (Asharq Al-Awsat's
// article and Daily8's aggregator copy, from the demo newswire) and constructed feeds where one outlet
// republishes word for word, one changes a number and one adds an update paragraph.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoCorpus } from '../../../src/demo/corpus.ts';
import { subscribe } from '../../../src/demo/index.ts';
import { startNewswire, type Newswire } from '../../../src/demo/newswire.ts';
import { runIngest } from '../../../src/jobs/index.ts';
import { createFetcher, type Fetcher } from '../../../src/pipeline/fetch/index.ts';
import type { StoryId } from '../../../src/domain/types.ts';
import type { Repository } from '../../../src/store/repository.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { startWeb } from '../../../src/web/index.ts';
import { backends } from '../../store/backends.ts';
import { Client, section, textOf } from '../../web/client.ts';
import { paragraphs, WIRE, WIRE_TITLE } from './helpers.ts';

const SEED_OUTLETS = new Set(['Asharq Al-Awsat', 'Daily8', 'Al Arabiya']);
const UPDATE = 'Late on Tuesday the governor said two people had died and that 40 homes were destroyed in Orsa.';

/** A server of RSS feeds whose items carry their full text (no page fetch needed). */
async function feedServer(feeds: Record<string, { title: string; text: string; hoursAgo: number }[]>): Promise<{ url: string; close(): Promise<void> }> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const server: Server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1).replace(/\.xml$/, ''));
    const items = feeds[name];
    if (!items) return void res.writeHead(404).end();
    const body = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(name)}</title>
${items.map((it, i) => `<item><title>${esc(it.title)}</title><guid>${esc(name)}-${i}</guid><pubDate>${new Date(Date.now() - it.hoursAgo * 3600_000).toUTCString()}</pubDate>
<content:encoded>${esc(it.text.split('\n\n').map((p) => `<p>${esc(p)}</p>`).join(''))}</content:encoded></item>`).join('\n')}</channel></rss>`;
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

async function storyOf(repo: Repository, outlet: string): Promise<StoryId> {
  const page = await repo.latestArticles({ limit: 50, outlet });
  const id = page.items.find((a) => a.storyId !== null)?.storyId;
  if (!id) throw new Error(`no story with ${outlet}`);
  return id as StoryId;
}

for (const backend of backends()) {
  describe(`story intelligence at ingest (${backend.name})`, () => {
    let repo: Repository;
    let fetcher: Fetcher;
    const closers: { close(): Promise<void> }[] = [];
    beforeEach(async () => {
      await backend.cleanup();
      repo = await backend.open();
      fetcher = createFetcher({ allowPrivateNetworks: true, minDelayMs: 0, retries: 0, totalTimeoutMs: 5000 });
    });
    afterEach(async () => {
      await fetcher.close();
      await Promise.all(closers.splice(0).map((s) => s.close()));
    });
    afterAll(() => backend.cleanup());
    const ingest = () => runIngest({ repo, fetcher, concurrency: 2, once: true, pollIntervalMs: 30 * 60_000 });

    it('the demo seed story: Daily8 dropped the lede and flattened the quotes; Asharq Al-Awsat is the original', async () => {
      const corpus = loadDemoCorpus();
      const wire: Newswire = await startNewswire({ corpus: { outlets: corpus.outlets.filter((o) => SEED_OUTLETS.has(o.name)) } });
      closers.push(wire);
      await subscribe(repo, wire.outlets);
      const summary = await ingest();
      expect(summary.failed).toBe(0);

      const storyId = await storyOf(repo, 'Daily8');
      const analysis = (await repo.getStoryAnalysis(storyId))!;
      expect(analysis.coverage.first?.outlet).toBe('Asharq Al-Awsat');
      const seed = analysis.articles.find((a) => a.versions.some((v) => v.outlet === 'Daily8'))!;
      expect(seed.original.outlet).toBe('Asharq Al-Awsat');
      const copy = seed.versions.find((v) => v.outlet === 'Daily8')!;
      expect(copy.role).toBe('copy');
      expect(copy.differences.map((d) => d.kind).sort()).toEqual(['adds-furniture', 'dropped-lede', 'flattened-quotes', 'unattributed-quotes']);
      // The registry, filled from the demo's feeds and pages.
      expect(await repo.getOutlet('Daily8')).toMatchObject({ kind: 'aggregator', language: 'en' });
      expect(await repo.getOutlet('Asharq Al-Awsat')).toMatchObject({ kind: 'publisher', country: 'SA' });
      expect(await repo.getOutlet('Al Arabiya')).toMatchObject({ kind: 'broadcaster', country: 'AE' });
      expect(await repo.dueStories(10)).toEqual([]);

      // And the page says so.
      const web = await startWeb({ repo, config: loadConfig({ databaseUrl: 'sqlite::memory:' }, {}), port: 0, host: '127.0.0.1' });
      closers.push(web);
      const body = (await new Client(web.url).get(`/story/${storyId}`)).body;
      const differ = textOf(section(body, 'id="h-differ"', '</section>'));
      expect(differ).toContain('Original: Asharq Al-Awsat');
      expect(differ).toContain('Daily8’s copy');
      expect(differ).toContain('dropped the opening paragraph (the lede)');
      expect(differ).toContain('flattened the quotes');
      expect(differ).toContain('quotes without attribution');
      expect(differ).not.toMatch(/disagree|rewords|cuts the last|drops \d|\(update\)/);
    });

    it('constructed feeds: a word-for-word copy, a changed number and an update paragraph, each said of its outlet', async () => {
      const text = paragraphs(WIRE);
      const server = await feedServer({
        'Nordic Wire': [{ title: WIRE_TITLE, text, hoursAgo: 5 }],
        'Valley Daily': [{ title: WIRE_TITLE, text, hoursAgo: 4 }],
        'River Post': [{ title: WIRE_TITLE, text: text.replace('300 soldiers', '500 soldiers'), hoursAgo: 3 }],
        'Lake Times': [{ title: WIRE_TITLE, text: `${text}\n\n${UPDATE}`, hoursAgo: 2 }],
      });
      closers.push(server);
      for (const name of ['Nordic Wire', 'Valley Daily', 'River Post', 'Lake Times']) {
        const s = await repo.addSource({ name, homeUrl: `${server.url}/${encodeURIComponent(name)}/`, country: 'SE' });
        await repo.addFeed({ sourceId: s.id, url: `${server.url}/${encodeURIComponent(name)}.xml` });
      }
      expect((await ingest()).failed).toBe(0);
      const storyId = await storyOf(repo, 'Nordic Wire');
      const analysis = (await repo.getStoryAnalysis(storyId))!;
      expect(analysis.articles).toHaveLength(1);
      const [article] = analysis.articles;
      expect(article!.original.outlet).toBe('Nordic Wire');
      const of = (outlet: string) => article!.versions.find((v) => v.outlet === outlet)!;
      expect(of('Valley Daily').differences).toEqual([{ kind: 'verbatim' }]);
      expect(of('River Post').differences).toEqual([{ kind: 'numbers-differ', changes: [{ from: '300', to: '500', unit: 'soldiers' }] }]);
      expect(of('Lake Times').differences).toEqual([{ kind: 'adds-update', count: 1, first: UPDATE }]);
      expect(analysis.coverage.outlets.find((o) => o.name === 'Valley Daily')).toMatchObject({ own: 0, copies: 1, copiedFrom: ['Nordic Wire'] });
      expect(analysis.timeline.map((d) => `${d.kind}:${d.outlet}`)).toEqual(expect.arrayContaining(['first-report:Nordic Wire', 'number-changed:River Post', 'update:Lake Times']));
      expect(await repo.outletCoverage('Valley Daily')).toMatchObject({ originals: 0, copies: 1 });

      // A second run stores nothing and leaves the analysis as it was.
      for (const f of await repo.listFeeds()) await repo.recordFetch(f.id, { status: 'ok', fetchedAt: new Date().toISOString(), nextFetchAt: new Date(0).toISOString() });
      const before = await repo.storyRevision(storyId);
      expect((await ingest()).stored).toBe(0);
      expect(await repo.storyRevision(storyId)).toEqual(before);
      expect(await repo.checkIntegrity()).toEqual([]);
    });
  });
}
