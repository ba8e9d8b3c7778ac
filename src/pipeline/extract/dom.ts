// The page as a light tree: htmlparser2 + domhandler. A full DOM (jsdom, linkedom) costs far more to build than
// extraction needs; these nodes are plain objects we can walk, score and prune directly.
import { parseDocument } from 'htmlparser2';
import { Text as TextNode } from 'domhandler';
import type { AnyNode, Document, Element, Text } from 'domhandler';

export type { AnyNode, Document, Element, Text };

/** Deeper than this, a subtree is flattened to its text, so that the recursive walks stay within the stack. */
const MAX_DEPTH = 256;

export function parseHtml(source: string): Document {
  let html = source;
  let doc = parse(html);
  // Rare: a <noscript> that a browser ends earlier than htmlparser2 did. Cut it the browser's way, parse again.
  const cuts = /<noscript/i.test(html) ? noscriptCuts(doc, html) : [];
  if (cuts.length) {
    html = cuts.reduceRight((h, [from, to]) => h.slice(0, from) + h.slice(to), html);
    doc = parse(html);
  }
  limitDepth(doc);
  if (/<(?:svg|math)\b/i.test(html)) breakOutOfForeignContent(doc);
  unwrapUnclosedLinks(doc, html);
  return doc;
}

const parse = (html: string): Document =>
  parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true, withStartIndices: true, withEndIndices: true });

/**
 * <noscript> is raw text to a browser with scripts on: it ends at the first literal </noscript>, even one
 * inside an attribute value (`<noscript><p title="</noscript><img onerror=…>">`), and none of it is shown.
 * htmlparser2 parses its content as markup and ends it later, so such a payload hides the rest of the page
 * inside it. The source ranges the browser would take as the element: [start, end of the literal end tag).
 */
function noscriptCuts(doc: Document, html: string): [number, number][] {
  const cuts: [number, number][] = [];
  const endTag = /<\/noscript/gi;
  for (const el of elements(doc, 'noscript')) {
    if (el.startIndex === null || el.endIndex === null) continue;
    endTag.lastIndex = el.startIndex;
    const close = endTag.exec(html)?.index ?? -1;
    if (close < 0 || close >= el.endIndex - 10) continue;
    const end = html.indexOf('>', close);
    if (end > 0 && !cuts.some(([a, b]) => el.startIndex! < b && a < end + 1)) cuts.push([el.startIndex, end + 1]);
  }
  return cuts.sort((a, b) => a[0] - b[0]);
}

/**
 * A link left open (`<a href="javascript:…">` in an XSS payload) holds the rest of the page in htmlparser2,
 * whose text then reads as one long link and is pruned as navigation. A browser instead re-opens the link
 * inside each following paragraph, and shows them as text. A link whose end tag is missing is therefore
 * unwrapped (its children take its place): a closed link, as teaser cards write them, stays a link.
 */
function unwrapUnclosedLinks(doc: Document, html: string): void {
  for (const a of elements(doc, 'a')) {
    const end = a.endIndex;
    if (end === null || /^<\/a\s*>$/i.test(html.slice(Math.max(0, html.lastIndexOf('<', end)), end + 1))) continue;
    if (!a.children.some((c) => isElement(c) && BLOCKS.has(c.name))) continue;
    const parent = a.parent as Element | Document | null;
    if (!parent) continue;
    parent.children.splice(parent.children.indexOf(a), 1, ...a.children);
    relink(parent);
  }
}

const BLOCKS = new Set(['p', 'div', 'section', 'article', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'blockquote', 'figure', 'pre']);

/** HTML start tags that end SVG or MathML content in a browser (the HTML spec's "breakout" list). */
const BREAKOUT = new Set(['b', 'big', 'blockquote', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's', 'small', 'span',
  'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var']);
/** Where a browser takes HTML inside SVG or MathML without leaving it. */
const INTEGRATION = new Set(['foreignobject', 'desc', 'title', 'mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml']);

/**
 * An <svg> or <math> left open (as XSS payloads leave them) swallows the rest of the page in htmlparser2,
 * which knows no foreign content; a browser closes it at the next paragraph and shows what follows. This
 * moves everything from that first HTML block onwards out of the foreign element, as the browser does, so
 * the article's last paragraphs are not pruned with the payload.
 */
function breakOutOfForeignContent(doc: Document): void {
  const stack: AnyNode[] = [doc];
  while (stack.length) {
    const n = stack.pop()!;
    if (!('children' in n)) continue;
    if (isElement(n) && (n.name === 'svg' || n.name === 'math')) {
      moveOutBreakout(n);
      continue; // nested foreign content belongs to this root; what moved out is after it, still to be visited
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

function firstBreakout(root: Element): Element | null {
  const walk = (el: Element): Element | null => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      if (BREAKOUT.has(c.name) || (c.name === 'font' && ('color' in c.attribs || 'face' in c.attribs || 'size' in c.attribs))) return c;
      if (INTEGRATION.has(c.name)) continue;
      const found = walk(c);
      if (found) return found;
    }
    return null;
  };
  return walk(root);
}

function moveOutBreakout(root: Element): void {
  const outer = root.parent as Element | Document | null;
  const from = firstBreakout(root);
  if (!outer || !from) return;
  // `from` and what follows it, then what follows each of its ancestors up to the root, in document order.
  const moved: AnyNode[] = [];
  let n: AnyNode = from;
  let first = true;
  while (n !== root && n.parent) {
    const parent = n.parent as Element;
    const i = parent.children.indexOf(n);
    moved.push(...parent.children.splice(first ? i : i + 1));
    relink(parent);
    first = false;
    n = parent;
  }
  outer.children.splice(outer.children.indexOf(root) + 1, 0, ...moved);
  relink(outer);
}

function relink(parent: Element | Document): void {
  const cs = parent.children;
  for (let i = 0; i < cs.length; i++) {
    cs[i]!.parent = parent;
    cs[i]!.prev = cs[i - 1] ?? null;
    cs[i]!.next = cs[i + 1] ?? null;
  }
}

/** Hostile pages nest thousands of elements; walks here recurse, so flatten what lies below MAX_DEPTH. */
function limitDepth(doc: Document): void {
  const stack: [AnyNode, number][] = [[doc, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!('children' in n)) continue;
    if (depth >= MAX_DEPTH && n.children.length) {
      const text = new TextNode(flatText(n));
      text.parent = n;
      n.children = [text];
      continue;
    }
    for (const c of n.children) stack.push([c, depth + 1]);
  }
}

/** Text of a subtree without recursion. */
function flatText(root: AnyNode): string {
  let s = '';
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (isText(n)) s += n.data;
    else if ('children' in n && n.type !== 'script' && n.type !== 'style') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return s;
}

export const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
export const isText = (n: AnyNode): n is Text => n.type === 'text';

export function attr(el: Element, name: string): string | null {
  const v = el.attribs[name];
  return v === undefined ? null : v;
}

/** Every element under `root` in document order. */
export function elements(root: AnyNode, tag?: string): Element[] {
  const out: Element[] = [];
  const walk = (n: AnyNode) => {
    if (!('children' in n)) return;
    for (const c of n.children) {
      if (isElement(c)) {
        if (!tag || c.name === tag) out.push(c);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}

/** Raw text of a subtree, whitespace untouched. */
export function rawText(n: AnyNode): string {
  if (isText(n)) return n.data;
  if (!('children' in n)) return '';
  let s = '';
  for (const c of n.children) {
    if (isText(c)) s += c.data;
    else if (c.type === 'tag' || c.type === 'script' || c.type === 'style') s += rawText(c);
  }
  return s;
}

export const collapse = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

export function textOf(n: AnyNode): string {
  return collapse(rawText(n));
}

export function remove(n: AnyNode): void {
  const p = n.parent;
  if (!p) return;
  const i = p.children.indexOf(n as never);
  if (i >= 0) p.children.splice(i, 1);
  n.parent = null;
}

/** The first element matching `pred` in document order. */
export function find(root: AnyNode, pred: (el: Element) => boolean): Element | null {
  if (!('children' in root)) return null;
  for (const c of root.children) {
    if (!isElement(c)) continue;
    if (pred(c)) return c;
    const f = find(c, pred);
    if (f) return f;
  }
  return null;
}
