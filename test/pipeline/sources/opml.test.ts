import { readFileSync } from 'node:fs';
import { parseOpml as parseOpmlDocument } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/domain/errors.ts';
import type { Feed, FeedId, Source, SourceId } from '../../../src/domain/types.ts';
import { discoverFeeds, parseOpml, parseOpmlDetailed, toOpml } from '../../../src/pipeline/sources/index.ts';

const opml = readFileSync(new URL('../../fixtures/feeds/subscriptions.opml', import.meta.url), 'utf8');

let nextId = 1;
const source = (name: string, homeUrl: string, language: string | null = null): Source => ({
  id: nextId++ as SourceId, name, homeUrl, language, country: null, createdAt: '2024-01-01T00:00:00.000Z',
});
const feed = (s: Source, url: string, title: string | null, category: string | null): Feed => ({
  id: nextId++ as FeedId, sourceId: s.id, url, title, category, etag: null, lastModified: null, lastFetchedAt: null, nextFetchAt: null, status: 'new', error: null, errorCount: 0,
});

describe('OPML import', () => {
  it('reads titles, URLs, language and categories from folders and the category attribute', () => {
    const { outlines, skipped } = parseOpmlDetailed(opml);
    expect(outlines).toEqual([
      { title: 'Euro Desk', xmlUrl: 'https://eurodesk.example/rss.xml', htmlUrl: 'https://eurodesk.example/', categories: ['World/Europe', 'Tech'], language: 'en' },
      { title: 'Gulf News & Views', xmlUrl: 'https://gulf.example/feed', htmlUrl: 'https://gulf.example/', categories: ['World', 'Regions/Middle East', 'Energy'], language: 'ar' },
      { title: 'Tech & Policy', xmlUrl: 'https://tech.example/blog/atom.xml', htmlUrl: 'https://tech.example/blog/', categories: ['Tech'], language: null },
      { title: 'Top-level feed', xmlUrl: 'http://toplevel.example/index.rss', htmlUrl: null, categories: [], language: null },
    ]);
    expect(skipped).toEqual([{ title: 'Broken', reason: expect.stringContaining('javascript:') }]);
  });

  it('reads OPML bytes in the charset they declare', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><head/><body><outline text="Le Monde diplomatique \u2013 Caf\u00e9" xmlUrl="https://md.example/rss"/></body></opml>'.replace('\u2013', '-'), 'latin1');
    expect(parseOpml(latin1)[0].title).toBe('Le Monde diplomatique - Café');
  });

  it('rejects what is not OPML with a clear error, and ignores DTD tricks', () => {
    for (const bad of ['', '<html><body>no</body></html>', '<opml><body><outline', 'not xml at all']) {
      try {
        parseOpml(bad);
        throw new Error('expected an error for ' + JSON.stringify(bad));
      } catch (e) {
        expect(e).toBeInstanceOf(LedeError);
        expect((e as LedeError).code).toBe('bad_input');
      }
    }
    const xxe = '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml version="2.0"><head/><body><outline text="&x;" xmlUrl="https://a.example/f"/></body></opml>';
    expect(parseOpml(xxe)[0].title).not.toContain('root:');
  });
});

describe('OPML export', () => {
  it('round-trips titles, categories (nested folders), xmlUrl, htmlUrl and language', () => {
    const bbc = source('BBC News', 'https://www.bbc.example/news', 'en');
    const aj = source('Al Jazeera "Arabic" & more', 'https://aljazeera.example/', 'ar');
    const solo = source('Solo Blog', 'https://solo.example/');
    const xml = toOpml(
      [
        { source: bbc, feeds: [feed(bbc, 'https://feeds.bbc.example/news/world/rss.xml', 'BBC World', 'World/Europe'), feed(bbc, 'https://feeds.bbc.example/news/technology/rss.xml', null, 'Tech')] },
        { source: aj, feeds: [feed(aj, 'https://aljazeera.example/xml/rss/all.xml?lang=ar&x=1', null, 'World')] },
        { source: solo, feeds: [feed(solo, 'https://solo.example/feed.json', 'Solo <Blog>', null)] },
      ],
      'Exported & shared',
    );
    expect(xml).toContain('<opml version="2.0">');
    expect(parseOpmlDocument(xml).head?.title).toBe('Exported & shared');
    const back = parseOpml(xml);
    expect(back).toEqual(
      expect.arrayContaining([
        { title: 'BBC World', xmlUrl: 'https://feeds.bbc.example/news/world/rss.xml', htmlUrl: 'https://www.bbc.example/news', categories: ['World/Europe'], language: 'en' },
        { title: 'BBC News', xmlUrl: 'https://feeds.bbc.example/news/technology/rss.xml', htmlUrl: 'https://www.bbc.example/news', categories: ['Tech'], language: 'en' },
        { title: 'Al Jazeera "Arabic" & more', xmlUrl: 'https://aljazeera.example/xml/rss/all.xml?lang=ar&x=1', htmlUrl: 'https://aljazeera.example/', categories: ['World'], language: 'ar' },
        { title: 'Solo <Blog>', xmlUrl: 'https://solo.example/feed.json', htmlUrl: 'https://solo.example/', categories: [], language: null },
      ]),
    );
    expect(back).toHaveLength(4);
    // Importing the fixture, exporting it, and importing again keeps every outline.
    const imported = parseOpml(opml);
    const entries = imported.map((o) => {
      const s = source(o.title, o.htmlUrl ?? o.xmlUrl, o.language);
      return { source: s, feeds: [feed(s, o.xmlUrl, o.title, o.categories[0] ?? null)] };
    });
    const again = parseOpml(toOpml(entries));
    expect(again.map((o) => [o.title, o.xmlUrl, o.language, o.categories[0] ?? null])).toEqual(imported.map((o) => [o.title, o.xmlUrl, o.language, o.categories[0] ?? null]));
  });
});

describe('feed discovery', () => {
  it('finds advertised RSS, Atom and JSON feeds and resolves them', () => {
    const html = `<html><head>
      <link rel="alternate" type="application/rss+xml" title="All news" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="https://outlet.example/atom">
      <link rel="alternate" type="application/feed+json" title="JSON" href="feed.json">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="alternate" type="application/rss+xml" href="/rss.xml">
    </head><body></body></html>`;
    expect(discoverFeeds(html, 'https://outlet.example/news/')).toEqual([
      { url: 'https://outlet.example/rss.xml', title: 'All news', type: 'rss' },
      { url: 'https://outlet.example/atom', title: null, type: 'atom' },
      { url: 'https://outlet.example/news/feed.json', title: 'JSON', type: 'json' },
    ]);
  });
});
