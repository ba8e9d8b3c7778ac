// feeds: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0 and JSON Feed 1.0/1.1 into one Item shape.
//
// Parser choice: feedsmith over @rowanmanning/feed-parser. Both sit on fast-xml-parser and are maintained.
// feedsmith keeps each format's own structure and knows ~30 namespaces (media:, itunes:, dc:, dcterms:,
// content:, xml:base), so the lead image, creators and dates can be picked with clear rules below, and it
// also parses and generates OPML (used by sources/). feed-parser normalises for us but hides which field a
// value came from (we need media:content vs enclosure vs thumbnail priorities) and has no OPML.
import { parseFeed as parseAny, type AnyFeed } from 'feedsmith';
import { LedeError } from '../../domain/errors.ts';
import type { Item } from '../../domain/types.ts';
import { decodeFeed } from './decode.ts';
import { fromAtom, fromJson, fromRdf, fromRss } from './items.ts';
import { salvageJson, salvageXml } from './recover.ts';
import { stripDoctypes } from './xml-safety.ts';

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  homeUrl: string | null;
  /** The feed's declared language (lower-case tag), when it gives one. */
  language?: string | null;
  items: Item[];
  /** Set when the feed was broken and only the entries that parsed were kept. */
  partial?: string;
}

export interface ParseFeedOptions {
  /** The HTTP Content-Type (its charset is honoured). */
  contentType?: string | null;
  /** The feed's URL: the base for relative links. */
  url?: string;
}

const describe = (e: unknown) => {
  const cause = (e as { cause?: Error }).cause?.message;
  return (e as Error).message + (cause ? `: ${cause}` : '');
};

function toParsed(any: AnyFeed<string>, url: string | null): ParsedFeed {
  const { head, items } =
    any.format === 'rss' ? fromRss(any.feed, url) : any.format === 'atom' ? fromAtom(any.feed, url) : any.format === 'rdf' ? fromRdf(any.feed, url) : fromJson(any.feed, url);
  return { format: any.format, title: head.title, homeUrl: head.homeUrl, language: head.language, items };
}

function parseJson(text: string, url: string | null): ParsedFeed {
  let data: unknown;
  let partial: string | undefined;
  try {
    data = JSON.parse(text);
  } catch (e) {
    data = salvageJson(text);
    if (!data) throw new LedeError('feed_invalid', `not valid JSON: ${(e as Error).message}`, { cause: e });
    partial = `truncated JSON, kept the items before the break (${(e as Error).message})`;
  }
  let any: AnyFeed<string>;
  try {
    any = parseAny(data);
  } catch (e) {
    throw new LedeError('feed_invalid', `JSON but not a JSON Feed: ${describe(e)}`, { cause: e });
  }
  return { ...toParsed(any, url), ...(partial ? { partial } : {}) };
}

function parseXml(text: string, url: string | null): ParsedFeed {
  const xml = stripDoctypes(text);
  try {
    return toParsed(parseAny(xml), url);
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'DetectError' || /unrecognized feed format/i.test((e as Error).message)) {
      const looksHtml = /<html[\s>]/i.test(xml.slice(0, 2048));
      throw new LedeError('feed_invalid', looksHtml ? 'an HTML page, not a feed' : 'not RSS, Atom, RDF or JSON Feed', { cause: e });
    }
    const tryParse = (candidate: string) => {
      try {
        parseAny(candidate);
        return true;
      } catch {
        return false;
      }
    };
    const repaired = salvageXml(xml, tryParse);
    if (repaired) {
      const parsed = toParsed(parseAny(repaired), url);
      if (parsed.items.length > 0) return { ...parsed, partial: `broken XML (${describe(e)}), kept ${parsed.items.length} entries that parsed` };
    }
    throw new LedeError('feed_invalid', `malformed feed: ${describe(e)}`, { cause: e });
  }
}

/** Parses a feed document of any supported format; throws LedeError('feed_invalid') when it is not one. */
export function parseFeed(body: Buffer | string, opts: ParseFeedOptions = {}): ParsedFeed {
  const url = opts.url ?? null;
  let text: string;
  try {
    text = decodeFeed(body, opts.contentType);
  } catch (e) {
    throw new LedeError('feed_invalid', `cannot decode the feed's text: ${(e as Error).message}`, { cause: e });
  }
  const start = text.trimStart();
  if (!start) throw new LedeError('feed_invalid', 'empty document');
  try {
    return start.startsWith('{') ? parseJson(start, url) : parseXml(start, url);
  } catch (e) {
    if (e instanceof LedeError) throw e;
    throw new LedeError('feed_invalid', `cannot read the feed: ${describe(e)}`, { cause: e });
  }
}

export { parseFeedDate } from './dates.ts';
export { stripDoctypes } from './xml-safety.ts';
export { decodeFeed } from './decode.ts';
