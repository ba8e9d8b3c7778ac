// extract: an article page (HTML or plain text) → title, byline, dates, image, clean body (sanitised HTML and
// plain text) and, for aggregator copies, the related items separated from the body. Pure and synchronous.
import render from 'dom-serializer';
import { LedeError } from '../../domain/errors.ts';
import type { ExtractedPage } from '../../domain/types.ts';
import { settleLanguage } from '../normalize/index.ts';
import { RELATED_HEADING, collectBlocks, isBoilerplate, type Block } from './blocks.ts';
import { bodyOf, findCandidate, gatherSiblings, measure, prune } from './content.ts';
import { Element } from 'domhandler';
import { parseHtml, type AnyNode } from './dom.ts';
import { absolute, readMetadata, type PageMetadata } from './metadata.ts';
import { sanitize } from './sanitize.ts';
import { parseTextPage } from './text.ts';

export { parseDate, resolveRelative } from './dates.ts';
export { MIN_ARTICLE_CHARS, requireArticle, unreadableReason } from './input.ts';

export interface ExtractInput {
  html?: string;
  text?: string;
  url?: string;
  /** The time relative times ("2 hours ago") are resolved against; defaults to now. */
  referenceTime?: Date;
}

export function extract(input: ExtractInput): ExtractedPage {
  if (typeof input.html === 'string' && input.html.trim()) return extractHtml(input.html, input.url, input.referenceTime ?? new Date());
  if (typeof input.text === 'string') return extractText(input.text, input.referenceTime ?? new Date());
  if (typeof input.html === 'string') return extractText('', input.referenceTime ?? new Date());
  throw new LedeError('bad_input', 'extract needs html or text');
}

function extractHtml(html: string, url: string | undefined, now: Date): ExtractedPage {
  const doc = parseHtml(html);
  const meta = readMetadata(doc, url, now);
  // Fragments without <body> (feed content, snippets) are walked from the document root.
  // (The wrapper shares the document's child array, so pruning through either parent edits the same list.)
  const body = bodyOf(doc) ?? new Element('body', {}, doc.children);
  let blocks: Block[] = [];
  if (body) {
    prune(body);
    const stats = measure(body);
    const found = findCandidate(body, stats);
    const roots: AnyNode[] = found ? gatherSiblings(found.top, found.scores, stats) : [body];
    blocks = cleanBlocks(collectBlocks(roots, { stats }), meta);
    if (textLength(blocks) < 200 && found) {
      // The candidate was a fragment: the whole body, cleaned, is the better guess.
      const all = cleanBlocks(collectBlocks([body], { stats }), meta);
      if (textLength(all) > textLength(blocks)) blocks = all;
    }
  }
  // Nothing readable in the markup (script-rendered pages): the JSON-LD articleBody or description.
  const fallback = meta.articleBody ?? null;
  if (textLength(blocks) < 200 && fallback && fallback.length > textLength(blocks)) {
    blocks = fallback.split(/\n\s*\n|\n/).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean)
      .map((text) => ({ kind: 'p' as const, text, nodes: [], linkDensity: 0 }));
  }
  return toPage(blocks, meta, url);
}

function textLength(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) if (b.kind !== 'figure') n += b.text.length;
  return n;
}

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Drops boilerplate blocks and the title/byline repeated at the top of the body. */
function cleanBlocks(blocks: Block[], meta: PageMetadata): Block[] {
  const title = meta.title ? norm(meta.title) : null;
  const out: Block[] = [];
  let bodyLen = 0;
  for (const b of blocks) {
    // A related-stories heading is furniture; what follows it is not always (mid-article "read also" boxes).
    if (b.text.length < 60 && b.kind !== 'quote' && RELATED_HEADING.test(b.text)) continue;
    if (b.kind === 'p') bodyLen += b.text.length;
    if (isBoilerplate(b)) continue;
    if (DATE_ONLY.test(b.text)) continue;
    if (title && (b.kind === 'h' || b.kind === 'p') && norm(b.text) === title) continue;
    out.push(b);
  }
  // Leading headings and short lines before the first real paragraph are kicker, byline and date furniture.
  while (out.length > 1 && out[0]!.kind !== 'figure' && isFrontMatter(out[0]!)) out.shift();
  // A date stamp among the first blocks ends the front matter: the short lines above it ("JANIE HAR", a
  // kicker) are its byline and labels.
  const stamp = out.slice(0, 3).findIndex((b) => b.kind === 'p' && isDateStamp(b.text));
  if (stamp > 0 && stamp < out.length - 1 && out.slice(0, stamp).every((b) => b.kind !== 'figure' && b.text.length < 60 && !/[.!?]["”’]?$/.test(b.text))) out.splice(0, stamp + 1);
  // Trailing teaser lists (headline, date, truncated summary, repeated) are related-story widgets.
  while (out.length > 1 && isTailJunk(out[out.length - 1]!)) out.pop();
  return out;
}

const DATE_ONLY = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? )?(?:[a-z]{3,9}\.? \d{1,2},? \d{4}|\d{1,2} [a-z]{3,9}\.? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?)?)?$/i;

/** A block that cannot end an article: a bare date, a headline, a link line, a truncated teaser. */
function isTailJunk(b: Block): boolean {
  if (b.kind === 'figure') return true;
  const t = b.text;
  if (DATE_ONLY.test(t) || isDateStamp(t)) return true;
  if (b.kind === 'h') return true;
  if (b.linkDensity > 0.5 && t.length < 300) return true;
  if (b.kind === 'p' && /(?:\.\.\.|…)$/.test(t) && t.length < 400) return true;
  // Articles end on a sentence; a short closing line without one is an address, a credit or a label.
  if (b.kind === 'p' && t.length < 200 && !/[.!?…"”'’)\]]$/.test(t)) return true;
  if (b.kind === 'p' && t.length < 300 && /^(?:updated|published|posted|last updated)\b/i.test(t)) return true;
  if (b.kind === 'p' && t.length < 250 && /\bclick here\b/i.test(t)) return true;
  return false;
}

/**
 * A line of dates and times only, with their labels, in any arrangement ("Nov. 20, 2019Updated: Nov. 20,
 * 2019 1:35 a.m.", "Published 12 May 2024 · 14:02 CEST"): what is left without them is no text.
 */
export function isDateStamp(t: string): boolean {
  if (t.length > 120 || !/\d/.test(t)) return false;
  const rest = t
    .replace(/(?:last\s+)?(?:updated|published|posted|modified|aktualisiert|veröffentlicht|mis à jour|publié|actualizado|publicado|atualizado)\s*(?:on|am|le|el|em)?/gi, ' ')
    .replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?/gi, ' ')
    .replace(/\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?/gi, ' ')
    .replace(/\b[ap]\.?\s?m\.?/gi, ' ')
    .replace(/\b(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|IST)\b/g, ' ')
    .replace(/[\d\s.,:;/|·•–—()+-]+/g, '');
  return rest.length < 3;
}

function isFrontMatter(b: Block): boolean {
  if (b.kind === 'h') return true;
  if (b.kind !== 'p') return false;
  const t = b.text;
  if (isDateStamp(t)) return true;
  return t.length < 100 && (/^(?:by|von|par|por)\s/i.test(t) || /\b(?:updated|published|posted)\b/i.test(t) || /\b\d{1,2}:\d{2}\b|\b(?:19|20)\d{2}\b/.test(t) && !/[.!?]["”’]?$/.test(t));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function blockHtml(b: Block): string {
  const inner = () => (b.nodes.length ? render(b.nodes as never, { decodeEntities: true, encodeEntities: 'utf8' }) : esc(b.text));
  switch (b.kind) {
    case 'p': return `<p>${inner()}</p>`;
    case 'h': return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
    case 'ul': case 'ol': return `<${b.kind}>${(b.parts ?? []).map((p) => `<li>${esc(p)}</li>`).join('')}</${b.kind}>`;
    case 'quote': return `<blockquote>${(b.parts ?? [b.text]).map((p) => `<p>${esc(p)}</p>`).join('')}</blockquote>`;
    case 'pre': return `<pre>${esc(b.text)}</pre>`;
    case 'table': return `<table><tbody>${(b.parts ?? []).map((r) => `<tr>${r.split(' | ').map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    case 'figure': {
      const img = b.image!;
      const cap = img.caption ? `<figcaption>${esc(img.caption)}</figcaption>` : '';
      return `<figure><img src="${esc(img.src)}" alt="${esc(img.alt)}">${cap}</figure>`;
    }
  }
}

function toPage(blocks: Block[], meta: PageMetadata, url: string | undefined): ExtractedPage {
  const textBlocks = blocks.filter((b) => b.kind !== 'figure');
  const text = textBlocks.map((b) => b.text).join('\n\n');
  const lede = blocks.find((b) => b.kind === 'p' && b.text.length >= 20)?.text ?? textBlocks[0]?.text ?? null;
  const html = sanitize(blocks.map(blockHtml).join('\n'), url);
  return {
    title: meta.title,
    byline: meta.byline,
    published: meta.published,
    modified: meta.modified,
    language: settleLanguage(meta.language, text),
    siteName: meta.siteName,
    image: meta.image ?? firstImage(blocks, url),
    canonicalUrl: meta.canonicalUrl,
    lede,
    text,
    html,
    related: [],
  };
}

function firstImage(blocks: Block[], url: string | undefined): string | null {
  const f = blocks.find((b) => b.kind === 'figure');
  return f ? absolute(f.image!.src, url) : null;
}

function extractText(input: string, referenceTime: Date): ExtractedPage {
  const page = parseTextPage(input, referenceTime);
  const text = page.paragraphs.join('\n\n');
  return {
    title: page.title,
    byline: null,
    published: null,
    modified: null,
    language: settleLanguage(null, text),
    siteName: null,
    image: null,
    canonicalUrl: null,
    lede: page.paragraphs[0] ?? null,
    text,
    html: page.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n'),
    related: page.related,
    furniture: page.furniture,
  };
}
