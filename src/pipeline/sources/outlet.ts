// What one ingested item tells about its outlet, for the outlet registry: home page, country and language
// from the source the feed belongs to (else the page's address and metadata), and a guess at its kind.
// The registry only fills blanks with it; an admin's edit always wins.
import type { OutletKind, OutletSighting } from '../../domain/analysis.ts';
import type { ExtractedPage, IsoTime, Source } from '../../domain/types.ts';

export interface OutletEvidence {
  /** The outlet as the version credits it. */
  name: string;
  source: Pick<Source, 'homeUrl' | 'country' | 'language'> | null;
  url: string | null;
  page: Pick<ExtractedPage, 'language' | 'related' | 'furniture'>;
  at: IsoTime;
}

export function outletSighting(e: OutletEvidence): OutletSighting {
  const home = e.source?.homeUrl ?? originOf(e.url);
  return {
    name: e.name,
    homeUrl: home,
    country: e.source?.country?.toUpperCase() ?? countryOfHost(home) ?? countryOfHost(e.url),
    language: e.source?.language ?? e.page.language ?? null,
    kind: guessKind(e.name, home ?? e.url, e.page),
    at: e.at,
  };
}

function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.origin}/` : null;
  } catch {
    return null;
  }
}

// Country-code domains sold to anyone (.io, .tv, .ai …) say nothing about where an outlet is.
const GENERIC_CC = new Set(['io', 'co', 'tv', 'me', 'ai', 'fm', 'ly', 'gg', 'to', 'cc', 'ws', 'am', 'sh', 'la', 'so', 'st', 'nu', 'vc', 'tk', 'ml', 'ga', 'cf', 'gq', 'cx', 'ac', 'im', 'xyz']);

/** ISO 3166 country from a country-code top-level domain ("aawsat.com.sa" → SA, "bbc.co.uk" → GB). */
export function countryOfHost(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (/^[\d.]+$|^\[|^localhost$/.test(host)) return null;
  const tld = host.split('.').pop() ?? '';
  if (!/^[a-z]{2}$/.test(tld) || GENERIC_CC.has(tld) || tld === 'eu') return null;
  return tld === 'uk' ? 'GB' : tld.toUpperCase();
}

// News agencies and broadcasters, by name or host: a short list of the ones news is full of. Anything
// else is a publisher unless its page shows an aggregator's widgets; the admin page corrects the rest.
const WIRE = /\b(?:reuters|associated press|ap news|apnews|agence france[- ]presse|afp|dpa|deutsche presse|xinhua|ansa|efe|anadolu|kyodo|yonhap|pa media|press association|bernama|wam|saudi press agency|spa|kuna|qna|mena|tass|ria novosti|interfax|upi|bloomberg news|irna|isna|tasnim|petra|ina)\b/i;
const BROADCASTER = /\b(?:tv|television|radio|broadcast\w*|bbc|cnn|nbc|cbs|abc news|sky news|al jazeera|aljazeera|al arabiya|alarabiya|france ?24|deutsche welle|dw|nhk|fox news|npr|pbs|euronews|cnbc|msnbc|rt|trt|cgtn|itv|channel \d+|rai|zdf|ard)\b/i;

export function guessKind(name: string, home: string | null, page: Pick<ExtractedPage, 'related' | 'furniture'>): OutletKind {
  let host = '';
  try {
    host = home ? new URL(home).hostname.replace(/^www\./, '') : '';
  } catch { /* no host to read */ }
  const label = `${name} ${host.replace(/\./g, ' ')}`;
  // An aggregator's copy carries other outlets' items beside the text and widgets of its own.
  if (page.related.length > 0 || (page.furniture ?? []).some((f) => /\bai\b|try our|features?/i.test(f))) return 'aggregator';
  if (WIRE.test(label) || /^(?:ap|aap|pa|ians|pti|ani)$/i.test(name.trim())) return 'wire';
  if (BROADCASTER.test(label)) return 'broadcaster';
  return 'publisher';
}
