// The page as a light tree: htmlparser2 + domhandler. A full DOM (jsdom, linkedom) costs far more to build than
// extraction needs; these nodes are plain objects we can walk, score and prune directly.
import { parseDocument } from 'htmlparser2';
import { Text as TextNode } from 'domhandler';
import type { AnyNode, Document, Element, Text } from 'domhandler';

export type { AnyNode, Document, Element, Text };

/** Deeper than this, a subtree is flattened to its text, so that the recursive walks stay within the stack. */
const MAX_DEPTH = 256;

export function parseHtml(html: string): Document {
  const doc = parseDocument(html, { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true });
  limitDepth(doc);
  return doc;
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
