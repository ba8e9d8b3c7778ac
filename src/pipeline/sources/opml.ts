// OPML 2.0 subscription lists, read and written with feedsmith's OPML parser and generator (a real XML
// parser, the same one feeds use). Categories come from folders (nested outlines) and from the `category`
// attribute; both are slash-delimited paths ("News/World"), as OPML 2.0 defines the attribute.
import { generateOpml, parseOpml as parseOpmlDocument, type Opml } from 'feedsmith';
import { LedeError } from '../../domain/errors.ts';
import type { Feed, Source } from '../../domain/types.ts';
import { decodeFeed, stripDoctypes } from '../feeds/index.ts';

export interface OpmlOutline {
  title: string;
  xmlUrl: string;
  htmlUrl: string | null;
  categories: string[];
  language: string | null;
}

export interface OpmlImport {
  outlines: OpmlOutline[];
  /** Outlines that could not be used, with the reason (for the CLI to report). */
  skipped: { title: string; reason: string }[];
}

type Outline = Opml.Outline<string>;

const clean = (s: string | undefined | null): string | null => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};

function httpUrl(raw: string | undefined | null): string | null {
  const s = clean(raw);
  if (!s) return null;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "/News/World" and " News / World " → "News/World"; empty paths → null. */
export function normalizeCategory(raw: string): string | null {
  const parts = raw.split('/').map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return parts.length ? parts.join('/') : null;
}

/** Reads an OPML document (text, or bytes in the charset it declares) and reports the outlines it could not use. */
export function parseOpmlDetailed(input: string | Buffer): OpmlImport {
  let doc: Opml.Document<string>;
  try {
    doc = parseOpmlDocument(stripDoctypes(decodeFeed(input, null)));
  } catch (e) {
    if (e instanceof LedeError) throw new LedeError('bad_input', `not an OPML document: ${e.message}`, { cause: e });
    const cause = (e as { cause?: Error }).cause?.message;
    throw new LedeError('bad_input', `not an OPML document: ${(e as Error).message}${cause ? `: ${cause}` : ''}`, { cause: e });
  }
  const byUrl = new Map<string, OpmlOutline>();
  const skipped: OpmlImport['skipped'] = [];

  const walk = (outlines: Outline[] | undefined, folder: string[]) => {
    for (const o of outlines ?? []) {
      const name = clean(o.title) ?? clean(o.text);
      if (o.xmlUrl === undefined || o.xmlUrl === null || String(o.xmlUrl).trim() === '') {
        // A folder: its title is one level of the category path for everything inside.
        walk(o.outlines, name ? [...folder, name] : folder);
        continue;
      }
      const xmlUrl = httpUrl(o.xmlUrl);
      if (!xmlUrl) {
        skipped.push({ title: name ?? String(o.xmlUrl), reason: `xmlUrl is not an http(s) URL: ${o.xmlUrl}` });
        continue;
      }
      const categories = [folder.length ? folder.join('/') : null, ...(o.category ?? '').split(',').map(normalizeCategory)].filter((c): c is string => !!c);
      const prev = byUrl.get(xmlUrl);
      if (prev) {
        prev.categories = [...new Set([...prev.categories, ...categories])];
        continue;
      }
      byUrl.set(xmlUrl, {
        title: name ?? new URL(xmlUrl).hostname,
        xmlUrl,
        htmlUrl: httpUrl(o.htmlUrl),
        categories: [...new Set(categories)],
        language: clean(o.language),
      });
      // Some exporters nest feeds under a feed; keep those too.
      if (o.outlines?.length) walk(o.outlines, folder);
    }
  };
  walk(doc.body?.outlines, []);
  return { outlines: [...byUrl.values()], skipped };
}

/** The feed outlines of an OPML document (folders flattened into categories). */
export function parseOpml(xml: string | Buffer): OpmlOutline[] {
  return parseOpmlDetailed(xml).outlines;
}

interface Folder {
  feeds: Outline[];
  folders: Map<string, Folder>;
}

/** Writes sources and their feeds as OPML 2.0, one folder per category level. */
export function toOpml(entries: { source: Source; feeds: Feed[] }[], title = 'Lede subscriptions'): string {
  const root: Folder = { feeds: [], folders: new Map() };
  for (const { source, feeds } of entries) {
    for (const feed of feeds) {
      const name = clean(feed.title) ?? clean(source.name) ?? feed.url;
      const category = feed.category ? normalizeCategory(feed.category) : null;
      const outline: Outline = {
        text: name,
        title: name,
        type: 'rss',
        xmlUrl: feed.url,
        ...(source.homeUrl ? { htmlUrl: source.homeUrl } : {}),
        ...(source.language ? { language: source.language } : {}),
        ...(category ? { category: '/' + category } : {}),
      };
      let folder = root;
      for (const part of category ? category.split('/') : []) {
        let next = folder.folders.get(part);
        if (!next) folder.folders.set(part, (next = { feeds: [], folders: new Map() }));
        folder = next;
      }
      folder.feeds.push(outline);
    }
  }
  const toOutlines = (f: Folder): Outline[] => [
    ...[...f.folders].map(([name, sub]) => ({ text: name, title: name, outlines: toOutlines(sub) })),
    ...f.feeds,
  ];
  const outlines = toOutlines(root);
  // feedsmith refuses a body without outlines; nothing followed yet is still a valid, importable OPML.
  if (!outlines.length) {
    const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0"><head><title>${esc(title)}</title><dateCreated>${new Date().toUTCString()}</dateCreated></head><body></body></opml>\n`;
  }
  return generateOpml({ head: { title, dateCreated: new Date() }, body: { outlines } });
}
