// URL canonicalisation: two links to one page should compare equal before any text is compared.
// Drops tracking parameters, fragments, AMP variants, default ports, trailing slashes and the
// http/https difference; prefers the page's rel=canonical when it is a usable absolute URL.

const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', 'mkt_tok', '_hsenc', '_hsmi', 'hsctatracking', 'vero_id', 'vero_conv', 'oly_anon_id',
  'oly_enc_id', 'rb_clickid', 's_cid', 'ncid', 'cmpid', 'ocid', 'icid', 'sr_share', 'spm', 'share', 'ref', 'ref_src',
  'ref_url', 'referrer', 'smid', 'smtyp', 'ito', 'amp', 'amp_js_v', 'amp_gsa', 'usqp', 'outputtype', '__twitter_impression',
  'guccounter', 'guce_referrer', 'guce_referrer_sig', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2',
  'at_custom3', 'at_custom4', 'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', 'wt.mc_id',
  'wt_mc_id', 'xtor', 'trk', 'trkcampaign', 'sc_campaign', 'sc_channel', 'sc_content', 'sc_medium', 'sc_outcome',
  'sc_geo', 'sc_country',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'at_', 'ga_', 'oly_', 'vgo_', 'matomo_'];

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

/**
 * The comparison form of an article URL, or null when `url` is not an http(s) URL.
 * `relCanonical` (the page's <link rel="canonical">, possibly relative) wins when it parses as http(s).
 */
export function canonicalizeUrl(url: string, relCanonical?: string | null): string | null {
  let base: URL;
  try {
    base = new URL(url.trim());
  } catch {
    return null;
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') return null;
  let u = base;
  if (relCanonical && relCanonical.trim()) {
    try {
      const c = new URL(relCanonical.trim(), base);
      if (c.protocol === 'http:' || c.protocol === 'https:') u = c;
    } catch {
      // an unusable rel=canonical is ignored, the page URL stands
    }
  }
  // One scheme for comparison: the same page is often linked over both.
  let host = u.hostname.toLowerCase().replace(/\.$/, '');
  host = host.replace(/^(www|m|mobile|amp)\./, '');
  let path = u.pathname.replace(/\/{2,}/g, '/');
  // AMP variants: /amp, /amp/, /amp.html, .amp.html, /amp/ prefix of Google AMP caches' paths.
  path = path
    .replace(/\/amp(\.html?)?\/?$/i, '/')
    .replace(/\.amp(\.html?)$/i, '$1')
    .replace(/^\/amp\//i, '/');
  path = path.replace(/\/(index|default)\.(html?|php|aspx?)$/i, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  const kept: [string, string][] = [];
  for (const [k, v] of u.searchParams) if (!isTracking(k)) kept.push([k, v]);
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const query = kept.length ? '?' + new URLSearchParams(kept).toString() : '';
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  return `https://${host}${port}${path || '/'}${query}`;
}
