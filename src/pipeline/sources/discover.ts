// Finding the feeds of a home page, so `lede sources add https://outlet.example/` works with a site URL:
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json" href=…> in the page head.
import { parseHTML } from 'linkedom';

export interface DiscoveredFeed {
  url: string;
  title: string | null;
  type: 'rss' | 'atom' | 'json' | 'rdf';
}

const TYPES: Record<string, DiscoveredFeed['type']> = {
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'json',
  'application/json': 'json',
  'application/rdf+xml': 'rdf',
};

/** Feed links advertised by an HTML page, resolved against its URL, in page order, without duplicates. */
export function discoverFeeds(html: string, pageUrl: string): DiscoveredFeed[] {
  const { document } = parseHTML(html);
  const seen = new Set<string>();
  const found: DiscoveredFeed[] = [];
  for (const link of Array.from(document.querySelectorAll('link[rel][href]') as ArrayLike<Element>)) {
    const rels = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = TYPES[(link.getAttribute('type') ?? '').toLowerCase().split(';')[0].trim()];
    if (!rels.includes('alternate') || !type) continue;
    let url: string;
    try {
      url = new URL(link.getAttribute('href')!, pageUrl).href;
    } catch {
      continue;
    }
    if (!/^https?:/.test(url) || seen.has(url)) continue;
    seen.add(url);
    found.push({ url, title: link.getAttribute('title')?.trim() || null, type });
  }
  return found;
}
