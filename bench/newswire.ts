// The scale newswire: thousands of generated articles over hundreds of feeds on a hundred or more hosts,
// all on loopback, for `npm run bench -- ingest` and the fairness tests. Each host is its own address in
// 127.0.0.0/8 (127.0.1.1, 127.0.1.2, …: Linux routes the whole block to loopback), so the fetcher's
// per-host limiter, robots cache and connection pool see many publishers as they would on the web.
//
// What the pipeline meets: RSS 2.0, Atom and JSON Feed; article pages with the furniture of a news site
// (navigation, JSON-LD, OpenGraph, a most-read box, related links, scripts, a cookie banner); stories of
// one to six articles from different outlets that share their names, places and figures; copies of one
// article on other outlets (word for word, or with an update paragraph); a few slow pages spread over
// the wire, one slow host whose every page is slow, and one huge full-text feed whose pages are never
// fetched. The text is generated from a seed (two runs serve the same wire) in plain English built from
// templates, so extraction, enrichment (names, places, numbers, quotes) and clustering do real work.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { rng } from '../test/jobs/concurrency-newswire.ts';

export interface ScaleWireOptions {
  /** Distinct articles (copies come on top); default 5,000. */
  articles?: number;
  /** Distinct publishers, each on its own loopback address; default 120. */
  hosts?: number;
  /** Feeds over all hosts (sections); default 240. */
  feeds?: number;
  /** Share of articles republished by another outlet; default 0.08. */
  copyShare?: number;
  /** Share of pages answered after `slowPageMs`; default 0.01. */
  slowShare?: number;
  slowPageMs?: number;
  /** Hosts whose every page takes `slowHostMs` (the first N hosts); default 1. */
  slowHosts?: number;
  slowHostMs?: number;
  /** Items of the one huge full-text feed (on the last host); 0 for none; default 10% of the articles. */
  hugeFeedItems?: number;
  seed?: number;
  /** First address; hosts are 127.0.<x>.<y> counting up from it. Default 127.0.1.1. */
  firstAddress?: string;
}

export interface WireItem {
  id: number;
  story: number;
  feed: number;
  /** The article this one copies, or null for an original. */
  copyOf: number | null;
  title: string;
  author: string;
  published: string;
  paragraphs: string[];
}

export interface WireFeed {
  id: number;
  host: number;
  section: string;
  format: 'rss' | 'atom' | 'json';
  /** Full text in the feed (the huge feed); pages are then not fetched. */
  fullText: boolean;
  items: number[];
}

export interface ScaleWire {
  hosts: { name: string; url: string; slow: boolean }[];
  feeds: (WireFeed & { url: string; homeUrl: string; outlet: string })[];
  items: WireItem[];
  /** Stories with two or more articles. */
  storiesOfSeveral: number;
  /** The URL of an item's page. */
  pageUrl(id: number): string;
  /** Requests served, by host index. */
  requests: number[];
  close(): Promise<void>;
}

const FIRST = ['Maria', 'James', 'Amina', 'Chen', 'Olga', 'David', 'Fatima', 'Lucas', 'Priya', 'Tomas', 'Elena', 'Kwame', 'Sofia', 'Hiroshi', 'Grace', 'Omar', 'Ines', 'Pavel', 'Nadia', 'Samuel', 'Leila', 'Marco', 'Yuki', 'Adrian', 'Ruth', 'Ibrahim', 'Clara', 'Diego', 'Hannah', 'Viktor'];
const LAST = ['Okafor', 'Lindqvist', 'Haddad', 'Moreau', 'Novak', 'Castillo', 'Brennan', 'Takahashi', 'Mensah', 'Petrov', 'Ferreira', 'Kowalski', 'Abbasi', 'Larsen', 'Duarte', 'Whitfield', 'Nakamura', 'Osei', 'Romano', 'Albrecht', 'Sandoval', 'Quinlan', 'Varga', 'Eriksen', 'Mbeki', 'Delacroix', 'Hussain', 'Vance', 'Kaur', 'Tanaka'];
const ROLES = ['finance minister', 'chief executive', 'mayor', 'spokeswoman', 'spokesman', 'union leader', 'central bank governor', 'health secretary', 'opposition leader', 'chief economist', 'police chief', 'foreign minister'];
const PLACES = ['Lisbon', 'Nairobi', 'Osaka', 'Toronto', 'Krakow', 'Lagos', 'Melbourne', 'Lyon', 'Seville', 'Hamburg', 'Jakarta', 'Montreal', 'Accra', 'Glasgow', 'Valencia', 'Gdansk', 'Bogota', 'Manila', 'Porto', 'Rotterdam', 'Mumbai', 'Santiago', 'Helsinki', 'Cape Town'];
const COUNTRIES = ['Portugal', 'Kenya', 'Japan', 'Canada', 'Poland', 'Nigeria', 'Australia', 'France', 'Spain', 'Germany', 'Indonesia', 'Ghana', 'Scotland', 'Colombia', 'Philippines', 'Netherlands', 'India', 'Chile', 'Finland', 'South Africa'];
const ORG_TAILS = ['Rail Company', 'Water Authority', 'Energy Group', 'Farmers Union', 'Port Authority', 'Steel Works', 'Teachers Federation', 'Transport Board', 'Housing Trust', 'Airlines', 'Bank', 'Medical Council'];
const TOPICS: { section: string; nouns: string[]; verbs: string[] }[] = [
  { section: 'business', nouns: ['profits', 'shares', 'wages', 'prices', 'exports', 'the merger', 'the deal', 'investors', 'the budget', 'inflation', 'interest rates', 'the factory'], verbs: ['rose', 'fell', 'slipped', 'climbed', 'stalled', 'recovered'] },
  { section: 'politics', nouns: ['the bill', 'the coalition', 'voters', 'the reform', 'parliament', 'the vote', 'the election', 'the budget', 'the inquiry', 'the treaty', 'ministers', 'the council'], verbs: ['passed', 'collapsed', 'divided', 'backed', 'rejected', 'delayed'] },
  { section: 'world', nouns: ['the talks', 'the ceasefire', 'the border', 'refugees', 'the summit', 'aid convoys', 'the embassy', 'sanctions', 'the delegation', 'envoys', 'the agreement', 'the protests'], verbs: ['resumed', 'broke down', 'expanded', 'stalled', 'continued', 'ended'] },
  { section: 'science', nouns: ['the trial', 'researchers', 'the vaccine', 'the telescope', 'the study', 'the probe', 'the reactor', 'the samples', 'the satellite', 'the drug', 'the survey', 'the model'], verbs: ['showed', 'confirmed', 'suggested', 'failed', 'detected', 'launched'] },
  { section: 'sport', nouns: ['the final', 'the coach', 'the club', 'the striker', 'the season', 'fans', 'the tournament', 'the transfer', 'the squad', 'the match', 'the league', 'the stadium'], verbs: ['won', 'lost', 'drew', 'signed', 'resigned', 'qualified'] },
  { section: 'climate', nouns: ['the floods', 'emissions', 'the heatwave', 'the drought', 'the wind farm', 'the river', 'the glacier', 'the harvest', 'the wildfire', 'the coastline', 'the storm', 'the dam'], verbs: ['spread', 'eased', 'worsened', 'threatened', 'receded', 'damaged'] },
];
const ADJ = ['sharp', 'modest', 'unexpected', 'long-awaited', 'controversial', 'significant', 'brief', 'major', 'quiet', 'fresh', 'cautious', 'bitter'];
const TIME = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'over the weekend', 'late on Sunday', 'earlier this week', 'last month', 'this morning'];
const FILLER = [
  'Officials declined to give a timetable for the next steps.',
  'The announcement was made at a press conference in the capital.',
  'Critics said the plan did not go far enough.',
  'Several analysts had expected a different outcome.',
  'The decision is likely to be challenged in the courts.',
  'Local residents gathered outside the building throughout the afternoon.',
  'A full report is due to be published before the end of the year.',
  'It was not immediately clear how many people would be affected.',
  'The figures were broadly in line with earlier estimates.',
  'Negotiations are expected to continue into next week.',
  'The government has faced mounting pressure over the issue for months.',
  'Independent observers called for calm and transparency.',
];

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
/** Syllables for invented surnames, towns and company names: each story gets its own, as real events do. */
const SYL = ['ka', 'lo', 'mer', 'tan', 'vi', 'sor', 'del', 'lun', 'pra', 'gel', 'to', 'ris', 'van', 'mo', 'shel', 'tur', 'ab', 'en', 'quo', 'dri', 'fen', 'hal', 'ni', 'pas', 'rel', 'sta', 'um', 'wen', 'bor', 'zan'];

interface StoryFacts {
  topic: (typeof TOPICS)[number];
  person: string;
  role: string;
  second: string;
  place: string;
  country: string;
  org: string;
  amount: number;
  percent: number;
  noun: string;
}

/** The articles, their stories and copies, and the feeds that carry them; no I/O. */
export function generateScaleWire(opts: ScaleWireOptions = {}) {
  const nArticles = opts.articles ?? 5000;
  const nHosts = opts.hosts ?? 120;
  const nFeeds = Math.max(nHosts, opts.feeds ?? 240);
  const rand = rng(opts.seed ?? 17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const coined = (n: number) => cap(Array.from({ length: n }, () => pick(SYL)).join(''));
  const person = () => `${pick(FIRST)} ${rand() < 0.3 ? pick(LAST) : coined(3)}`;
  const newFacts = (): StoryFacts => {
    const topic = pick(TOPICS);
    return {
      topic, person: person(), role: pick(ROLES), second: person(),
      // A real city or country for the gazetteers, and a town of the story's own.
      place: rand() < 0.4 ? pick(PLACES) : `${coined(2)}${pick(['ville', 'burg', 'ford', 'stad', 'mouth', 'ton'])}`,
      country: pick(COUNTRIES), org: `${coined(2)} ${pick(ORG_TAILS)}`, amount: int(1200, 98000), percent: int(2, 40), noun: pick(topic.nouns),
    };
  };

  // Feeds: every host has one, the rest are spread over hosts as further sections.
  const feeds: WireFeed[] = [];
  for (let f = 0; f < nFeeds; f++) {
    const host = f < nHosts ? f : int(0, nHosts - 1);
    const format = f % 10 === 7 ? 'atom' : f % 10 === 9 ? 'json' : 'rss';
    const section = f < nHosts ? 'latest' : `${TOPICS[f % TOPICS.length]!.section}-${f}`;
    feeds.push({ id: f, host, section, format, fullText: false, items: [] });
  }
  const hugeItems = opts.hugeFeedItems ?? Math.round(nArticles / 10);
  const huge = hugeItems > 0 ? feeds[nHosts - 1]! : null;
  if (huge) huge.fullText = true;
  const feedsOfHost: number[][] = Array.from({ length: nHosts }, () => []);
  for (const f of feeds) if (f !== huge) feedsOfHost[f.host]!.push(f.id);
  const hostsForStories = feedsOfHost.map((fs, h) => (fs.length ? h : -1)).filter((h) => h >= 0);

  const items: WireItem[] = [];
  const t0 = Date.parse('2026-05-01T00:00:00Z');
  const sentence = (s: StoryFacts, k: number): string => {
    switch (k % 9) {
      case 0: return `${s.person}, the ${s.role} of ${s.org}, said ${pick(TIME)} that ${s.noun} had ${pick(s.topic.verbs)} by ${s.percent} percent.`;
      case 1: return `"We did not expect ${s.noun} to move this quickly," ${s.person.split(' ')[1]} told reporters in ${s.place}.`;
      case 2: return `The ${pick(ADJ)} change affects about ${s.amount.toLocaleString('en-US')} people across ${s.country}, according to ${s.org}.`;
      case 3: return `${s.second}, who has followed ${pick(s.topic.nouns)} for years, called it "a ${pick(ADJ)} moment for ${s.place}".`;
      case 4: return `In ${s.place}, ${pick(s.topic.nouns)} ${pick(s.topic.verbs)} ${pick(TIME)} as ${pick(s.topic.nouns)} drew attention.`;
      case 5: return `The ${s.org} put the cost at $${(s.amount / 100).toFixed(1)} million, up from $${(s.amount / 140).toFixed(1)} million a year earlier.`;
      case 6: return `${cap(pick(s.topic.nouns))} in ${s.country} ${pick(s.topic.verbs)} ${pick(TIME)}, ${pick(['officials said', 'figures showed', 'witnesses said', 'a statement said'])}.`;
      case 7: return `${s.second} said the ${pick(ADJ)} plans for ${s.place} would be reviewed by ${pick(['March', 'June', 'September', 'December'])} ${int(2026, 2028)}.`;
      default: return pick(FILLER);
    }
  };
  let story = 0;
  let storiesOfSeveral = 0;
  const regular = nArticles - (huge ? Math.min(hugeItems, nArticles) : 0);
  while (items.length < regular) {
    const size = Math.min(regular - items.length, rand() < 0.45 ? 1 : int(2, 6));
    if (size > 1) storiesOfSeveral++;
    const facts = newFacts();
    const headline = `${facts.org} ${pick(['faces', 'defends', 'announces', 'scraps', 'delays', 'expands'])} ${facts.noun.replace(/^the /, '')} plan in ${facts.place}`;
    const first = hostsForStories[int(0, hostsForStories.length - 1)]!;
    for (let k = 0; k < size; k++) {
      const host = hostsForStories[(first + k * 7) % hostsForStories.length]!;
      const hostFeeds = feedsOfHost[host]!;
      const paragraphs = Array.from({ length: int(5, 9) }, (_, p) =>
        Array.from({ length: int(2, 3) }, (_, j) => sentence(facts, p === 0 && j === 0 ? 0 : int(0, 17))).join(' '));
      items.push({
        id: items.length, story, feed: hostFeeds[int(0, hostFeeds.length - 1)]!, copyOf: null,
        title: k === 0 ? headline : `${cap(pick(['why', 'how', 'what']))} ${facts.person} ${pick(['said', 'wants', 'faces'])} on ${facts.noun.replace(/^the /, '')} in ${facts.place}`,
        author: `${pick(FIRST)} ${pick(LAST)}`, published: new Date(t0 + story * 45_000 + k * 600_000).toISOString(), paragraphs,
      });
    }
    story++;
  }
  // The huge feed: one publisher's whole archive with full text in the feed.
  for (let k = 0; items.length < nArticles && huge; k++) {
    const facts = newFacts();
    items.push({
      id: items.length, story: story++, feed: huge.id, copyOf: null,
      title: `${facts.person} on ${facts.noun.replace(/^the /, '')} in ${facts.place} (${k + 1})`, author: `${pick(FIRST)} ${pick(LAST)}`,
      published: new Date(t0 + k * 30_000).toISOString(),
      paragraphs: Array.from({ length: int(4, 7) }, () => Array.from({ length: 3 }, () => sentence(facts, int(0, 17))).join(' ')),
    });
  }
  // Copies: another host's feed carries the article, word for word or with an update line.
  const originals = items.length;
  const share = opts.copyShare ?? 0.08;
  const step = share > 0 ? Math.max(1, Math.round(1 / share)) : Infinity;
  for (let i = 0; i < originals; i += step) {
    const a = items[i]!;
    if (a.feed === huge?.id) continue;
    const host = (feeds[a.feed]!.host + int(1, hostsForStories.length - 1)) % nHosts;
    const hostFeeds = feedsOfHost[host]!;
    if (!hostFeeds.length) continue;
    const updated = rand() < 0.3;
    items.push({
      ...a, id: items.length, feed: hostFeeds[int(0, hostFeeds.length - 1)]!, copyOf: a.id,
      published: new Date(Date.parse(a.published) + 1800_000).toISOString(),
      paragraphs: updated ? [...a.paragraphs, `This article was updated with a statement from ${a.paragraphs[0]!.split(',')[0]}.`] : a.paragraphs,
    });
  }
  for (const it of items) feeds[it.feed]!.items.push(it.id);
  return { feeds, items, storiesOfSeveral, hosts: nHosts };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function addressOf(first: string, i: number): string {
  const [a, b, c, d] = first.split('.').map(Number) as [number, number, number, number];
  const n = c * 254 + (d - 1) + i;
  return `${a}.${b}.${Math.floor(n / 254)}.${(n % 254) + 1}`;
}

export async function startScaleWire(opts: ScaleWireOptions = {}): Promise<ScaleWire> {
  const wire = generateScaleWire(opts);
  const rand = rng((opts.seed ?? 17) + 1);
  const slowShare = opts.slowShare ?? 0.01;
  const slowPageMs = opts.slowPageMs ?? 2000;
  const slowHosts = opts.slowHosts ?? 1;
  const slowHostMs = opts.slowHostMs ?? 1500;
  const slowPage = new Set(wire.items.filter(() => rand() < slowShare).map((i) => i.id));
  const outletName = (h: number) => `${['The', 'Daily', 'Evening', 'Morning', 'Weekly'][h % 5]} ${LAST[h % LAST.length]} ${['Herald', 'Times', 'Post', 'Courier', 'Gazette', 'Observer', 'Tribune'][h % 7]} ${h}`;
  const requests = Array.from({ length: wire.hosts }, () => 0);
  const servers: Server[] = [];
  const bases: string[] = [];
  const pageUrl = (id: number) => {
    const it = wire.items[id]!;
    const f = wire.feeds[it.feed]!;
    return `${bases[f.host]}/${f.section}/${it.published.slice(0, 10)}/story-${id}.html`;
  };
  const feedPath = (f: WireFeed) => `/${f.section}/${f.format === 'json' ? 'feed.json' : f.format === 'atom' ? 'atom.xml' : 'rss.xml'}`;
  const cache = new Map<string, Buffer>();

  const articleHtml = (it: WireItem, h: number): string => {
    const outlet = outletName(h);
    const nav = wire.feeds.filter((f) => f.host === h).map((f) => `<li><a href="/${f.section}/">${esc(cap(f.section))}</a></li>`).join('');
    const related = [1, 2, 3, 4].map((k) => wire.items[(it.id + k * 37) % wire.items.length]!)
      .map((r) => `<li><a href="/related/${r.id}.html">${esc(r.title)}</a><span class="time">${k(r)}</span></li>`).join('');
    function k(r: WireItem) { return `${1 + (r.id % 11)} hours ago`; }
    // A news site's mega menu and its teaser rail: most of a real page's weight is not the article.
    const menu = TOPICS.map((t) => `<li class="menu-group"><a href="/${t.section}/">${cap(t.section)}</a><ul>${t.nouns.map((n) => `<li><a href="/${t.section}/${encodeURIComponent(n)}">${esc(cap(n.replace(/^the /, '')))}</a></li>`).join('')}</ul></li>`).join('');
    const teasers = Array.from({ length: 16 }, (_, k) => wire.items[(it.id * 7 + k * 131) % wire.items.length]!)
      .map((r) => `<div class="teaser"><a href="/more/${r.id}.html"><img src="/img/t${r.id}.jpg" alt="" loading="lazy"><h3>${esc(r.title)}</h3></a><p>${esc(r.paragraphs[0]!.slice(0, 140))}…</p></div>`).join('\n');
    const body = it.paragraphs.map((p, i) => (i === 2 ? `<p>${esc(p)}</p><figure><img src="/img/${it.id}.jpg" alt="${esc(it.title)}"><figcaption>${esc(it.paragraphs[0]!.slice(0, 80))}</figcaption></figure>` : `<p>${esc(p)}</p>`)).join('\n');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(it.title)} | ${esc(outlet)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="${esc(it.paragraphs[0]!.slice(0, 150))}">
<meta property="og:title" content="${esc(it.title)}"><meta property="og:site_name" content="${esc(outlet)}"><meta property="og:type" content="article">
<meta property="og:image" content="${bases[h]}/img/${it.id}.jpg"><meta property="article:published_time" content="${it.published}">
<link rel="canonical" href="${pageUrl(it.id)}"><link rel="stylesheet" href="/static/site.css">
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: it.title, datePublished: it.published, author: { '@type': 'Person', name: it.author }, publisher: { '@type': 'Organization', name: outlet } })}</script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());</script>
</head><body><div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">${esc(outlet)}</a><nav><ul><li><a href="/">Home</a></li>${nav}<li><a href="/subscribe">Subscribe</a></li></ul><ul class="mega-menu">${menu}</ul></nav></header>
<main><article class="story"><h1>${esc(it.title)}</h1><p class="byline">By <a rel="author" href="/authors/${it.id % 50}">${esc(it.author)}</a> · <time datetime="${it.published}">${new Date(it.published).toUTCString()}</time></p>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
<div class="story-body">
${body}
</div><div class="tags">Topics: <a href="/${wire.feeds[it.feed]!.section}/">${esc(wire.feeds[it.feed]!.section)}</a></div></article>
<aside class="most-read"><h2>Most read</h2><ol>${related}</ol></aside>
<section class="more-stories"><h2>More stories</h2>${teasers}</section>
<section class="comments"><h2>Comments</h2><p>Comments are closed for this article.</p></section>
<section class="newsletter"><h2>Get our morning briefing</h2><form><input type="email" placeholder="Your email"><button>Sign up</button></form></section></main>
<footer><p>© 2026 ${esc(outlet)}. All rights reserved.</p><ul><li><a href="/about">About us</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/contact">Contact</a></li></ul></footer>
<script src="/static/app.js" async></script></body></html>`;
  };

  const feedBody = (f: WireFeed): string => {
    const base = bases[f.host]!;
    const self = `${base}${feedPath(f)}`;
    const entries = f.items.map((id) => wire.items[id]!).sort((a, b) => b.published.localeCompare(a.published));
    const summary = (it: WireItem) => it.paragraphs[0]!.slice(0, 200);
    const content = (it: WireItem) => it.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('');
    if (f.format === 'json') {
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1', title: outletName(f.host), home_page_url: `${base}/${f.section}/`, feed_url: self,
        items: entries.map((it) => ({ id: pageUrl(it.id), url: pageUrl(it.id), title: it.title, summary: summary(it), ...(f.fullText ? { content_html: content(it) } : {}), date_published: it.published, authors: [{ name: it.author }] })),
      });
    }
    if (f.format === 'atom') {
      return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(outletName(f.host))}</title><link rel="alternate" href="${base}/${f.section}/"/><link rel="self" href="${self}"/><id>${self}</id><updated>${entries[0]?.published ?? new Date(0).toISOString()}</updated>\n` +
        entries.map((it) => `<entry><title>${esc(it.title)}</title><link rel="alternate" href="${pageUrl(it.id)}"/><id>${pageUrl(it.id)}</id><published>${it.published}</published><updated>${it.published}</updated><author><name>${esc(it.author)}</name></author><summary>${esc(summary(it))}</summary>${f.fullText ? `<content type="html">${esc(content(it))}</content>` : ''}</entry>`).join('\n') + '\n</feed>\n';
    }
    return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${esc(outletName(f.host))}</title><link>${base}/${f.section}/</link><description>${esc(outletName(f.host))}: ${f.section}</description>\n` +
      entries.map((it) => `<item><title>${esc(it.title)}</title><link>${pageUrl(it.id)}</link><guid isPermaLink="true">${pageUrl(it.id)}</guid><pubDate>${new Date(it.published).toUTCString()}</pubDate><dc:creator>${esc(it.author)}</dc:creator><description>${esc(summary(it))}</description>${f.fullText ? `<content:encoded><![CDATA[${content(it)}]]></content:encoded>` : ''}</item>`).join('\n') + '\n</channel></rss>\n';
  };

  const send = (req: IncomingMessage, res: ServerResponse, type: string, key: string, make: () => string) => {
    let buf = cache.get(key);
    if (!buf) {
      buf = Buffer.from(make(), 'utf8');
      // Pages are generated per request (they are many); feeds are kept, they are asked for again.
      if (!key.startsWith('page:')) cache.set(key, buf);
    }
    const etag = `"${createHash('sha1').update(buf).digest('base64url').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && buf.length > 4096) {
      return void res.writeHead(200, { 'content-type': type, etag, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gzipSync(buf, { level: 1 }));
    }
    res.writeHead(200, { 'content-type': type, etag }).end(buf);
  };

  const pageRoute = /^\/([^/]+)\/\d{4}-\d\d-\d\d\/story-(\d+)\.html$/;
  const handler = (h: number) => (req: IncomingMessage, res: ServerResponse) => {
    requests[h]!++;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /subscribe\n');
    const feed = wire.feeds.find((f) => f.host === h && feedPath(f) === path);
    if (feed) {
      const type = feed.format === 'json' ? 'application/feed+json' : feed.format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8';
      return send(req, res, type, `feed:${feed.id}`, () => feedBody(feed));
    }
    const m = pageRoute.exec(path);
    const it = m ? wire.items[Number(m[2])] : undefined;
    if (!it || wire.feeds[it.feed]!.host !== h) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const delay = h < slowHosts ? slowHostMs : slowPage.has(it.id) ? slowPageMs : 0;
    const answer = () => send(req, res, 'text/html; charset=utf-8', `page:${it.id}`, () => articleHtml(it, h));
    if (delay) setTimeout(answer, delay);
    else answer();
  };

  const first = opts.firstAddress ?? '127.0.1.1';
  for (let h = 0; h < wire.hosts; h++) {
    const server = createServer(handler(h));
    server.keepAliveTimeout = 30_000;
    const address = addressOf(first, h);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, () => resolve());
    });
    servers.push(server);
    bases.push(`http://${address}:${(server.address() as AddressInfo).port}`);
  }

  return {
    hosts: bases.map((url, h) => ({ name: outletName(h), url, slow: h < slowHosts })),
    feeds: wire.feeds.map((f) => ({ ...f, url: `${bases[f.host]}${feedPath(f)}`, homeUrl: `${bases[f.host]}/${f.section}/`, outlet: outletName(f.host) })),
    items: wire.items,
    storiesOfSeveral: wire.storiesOfSeveral,
    pageUrl,
    requests,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
    },
  };
}
