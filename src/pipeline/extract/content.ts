// Finding the article body: a Readability-class scoring pass of our own, over the light tree.
// Why not @mozilla/readability itself: it needs a full DOM (jsdom/linkedom), clones and re-walks the tree
// several times, and keeps boilerplate that news pages are full of; one scoring pass over htmlparser2 nodes is
// several times faster, and the news-specific cleanup (blocks.ts) is ours anyway.
import { attr, collapse, isElement, isText, remove, type AnyNode, type Document, type Element } from './dom.ts';

/** Never content. */
const DROP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'canvas', 'iframe', 'object', 'embed', 'button',
  'input', 'select', 'textarea', 'dialog', 'link', 'meta', 'head', 'audio', 'video', 'map',
  'math', 'label', 'option', 'fieldset',
]);

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'figure', 'figcaption', 'hr', 'address', 'center', 'body', 'html', 'details', 'summary', 'caption',
]);
export const isBlock = (el: Element) => BLOCK_TAGS.has(el.name);

/** Class/id words of page furniture. */
const UNLIKELY = /(?:^|[\s_-])(?:ad|ads|adv|advert|advertisement|banner|breadcrumbs?|combx|comments?|commentlist|community|cookie|consent|cover-wrap|disqus|extra|footer|gdpr|header|masthead|menu|nav|navbar|navigation|newsletter|outbrain|taboola|pagination|pager|popup|modal|promo|related|recirc|recommended|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|sponsored|subscribe|subscription|supplemental|tags|toolbar|tools|trending|widget|most-popular|mostpopular|paywall|signup|sign-up|byline|author-bio|topics|skip|hidden|print-only|visually-hidden|sr-only|jump|inline-ad|ad-unit|adslot|dfp|teaser|more-stories|read-more|readmore|follow|donate|tooltip|alert|overlay|login|registration|crumbs?|app-promo|caption|credits?|slideshow|gallery|carousel)(?:$|[\s_-])/i;
/** Class/id words that rescue a node from UNLIKELY. */
const MAYBE = /and|article|body|column|content|main|shadow|story|entry/i;

const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|newsletter|subscribe|recirc|caption|credit|byline|author|social|nav|menu|breadcrumb/i;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|prose|paragraph|richtext|rich-text/i;
const STRONG_POSITIVE = /articlebody|article-body|article__body|article_body|story-body|storybody|story__body|entry-content|post-content|post-body|article-content|article__content|articlecontent|content-body|body-text|bodytext|article-text|story-text|main-content|page-content|rich-text|richtext|body-copy|articleBody/i;

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

function classId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

/**
 * The names a page gives an element's role: class and id, and the component names of pages built from
 * components, whose classes are often hashed ("container___jsHMh") while `data-testid`, `data-test` or
 * `data-component` still say "newsletter-signup" or "byline-block".
 */
function roleNames(el: Element): string {
  const a = el.attribs;
  const data = a['data-testid'] ?? a['data-test'] ?? a['data-component'];
  return data ? `${classId(el)} ${data}` : classId(el);
}

/** Tags whose subtree is furniture unless it holds the article itself (some sites wrap the page in a <form>). */
const SOFT_DROP_TAGS = new Set(['form', 'nav', 'aside', 'footer', 'menu']);

/**
 * Removes what can never be article text: scripts, hidden subtrees, then furniture (navigation, forms, asides,
 * unlikely class names). A furniture-looking node is kept when it holds the article: it contains an article
 * marker (<article>, itemprop=articleBody, an article-body class) or much of the page's text.
 */
export function prune(root: Element): void {
  const walkHard = (n: AnyNode) => {
    if (!('children' in n)) return;
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i]!;
      if (c.type === 'comment' || c.type === 'directive' || c.type === 'cdata') { remove(c); continue; }
      if (!isElement(c)) continue;
      if (hardDrop(c)) { remove(c); continue; }
      walkHard(c);
    }
  };
  walkHard(root);
  const stats = measure(root);
  const total = stats.get(root)?.len ?? 0;
  const holdsArticle = new Set<Element>();
  const mark = (n: Element) => {
    let marked = false;
    for (const c of n.children) if (isElement(c) && mark(c)) marked = true;
    if (!marked && (n.name === 'article' || n.attribs.itemprop === 'articleBody' || STRONG_POSITIVE.test(classId(n)))) marked = true;
    if (marked) holdsArticle.add(n);
    return marked;
  };
  mark(root);
  const walkSoft = (n: Element) => {
    for (let i = n.children.length - 1; i >= 0; i--) {
      const c = n.children[i]!;
      if (!isElement(c)) continue;
      if (softDrop(c) && !holdsArticle.has(c) && (stats.get(c)?.len ?? 0) < total * 0.4) { remove(c); continue; }
      walkSoft(c);
    }
  };
  walkSoft(root);
}

function hardDrop(el: Element): boolean {
  if (DROP_TAGS.has(el.name) && !SOFT_DROP_TAGS.has(el.name)) return true;
  if (el.type !== 'tag') return true;
  const a = el.attribs;
  if (a.hidden !== undefined || (a['aria-hidden'] === 'true' && el.name !== 'figure' && el.name !== 'img' && el.name !== 'span')) return true;
  if (a.style && HIDDEN_STYLE.test(a.style)) return true;
  return false;
}

function softDrop(el: Element): boolean {
  if (SOFT_DROP_TAGS.has(el.name)) return true;
  const role = el.attribs.role;
  if (role && /^(?:navigation|banner|complementary|contentinfo|menu|menubar|dialog|alertdialog|search|toolbar|tablist)$/.test(role)) return true;
  if (el.name === 'body' || el.name === 'html' || el.name === 'article' || el.name === 'main' || el.name === 'a') return false;
  const ci = roleNames(el);
  return ci.length > 1 && UNLIKELY.test(ci) && !MAYBE.test(ci);
}

export function classWeight(el: Element): number {
  const ci = classId(el);
  if (ci.length < 2) return 0;
  let w = 0;
  if (NEGATIVE.test(el.attribs.class ?? '')) w -= 25;
  if (POSITIVE.test(el.attribs.class ?? '')) w += 25;
  if (NEGATIVE.test(el.attribs.id ?? '')) w -= 25;
  if (POSITIVE.test(el.attribs.id ?? '')) w += 25;
  if (STRONG_POSITIVE.test(ci) || el.attribs.itemprop === 'articleBody') w += 40;
  return w;
}

function tagWeight(el: Element): number {
  switch (el.name) {
    case 'div': case 'article': case 'section': case 'main': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

export interface NodeStats {
  /** Collapsed text length of the whole subtree. */
  len: number;
  /** Text length inside links. */
  linkLen: number;
  commas: number;
}

/** Text statistics for every element, computed in one bottom-up pass. */
export function measure(root: AnyNode): Map<Element, NodeStats> {
  const stats = new Map<Element, NodeStats>();
  const walk = (n: AnyNode, inLink: boolean): NodeStats => {
    const s: NodeStats = { len: 0, linkLen: 0, commas: 0 };
    if (!('children' in n)) return s;
    for (const c of n.children) {
      if (isText(c)) {
        const t = c.data;
        const l = countChars(t);
        s.len += l;
        if (inLink) s.linkLen += l;
        s.commas += countCommas(t);
      } else if (isElement(c)) {
        const cs = walk(c, inLink || c.name === 'a');
        s.len += cs.len;
        s.linkLen += cs.linkLen;
        s.commas += cs.commas;
      }
    }
    if (isElement(n)) stats.set(n, s);
    return s;
  };
  walk(root, false);
  return stats;
}

/** Non-space characters plus one per word gap: close to collapsed length without building the string. */
function countChars(t: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160) {
      if (!space) { n++; space = true; }
    } else { n++; space = false; }
  }
  return n;
}

function countCommas(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) n++;
  }
  return n;
}

const linkDensity = (s: NodeStats | undefined) => (s && s.len ? s.linkLen / s.len : 0);

/** A paragraph-like element: a <p>, <pre>, <td>, or a container that holds text directly and no blocks. */
function isScoringUnit(el: Element): boolean {
  if (el.name === 'p' || el.name === 'pre' || el.name === 'td' || el.name === 'blockquote') return true;
  if (el.name !== 'div' && el.name !== 'section' && el.name !== 'article' && el.name !== 'span' && el.name !== 'font' && el.name !== 'li') return false;
  let direct = false;
  for (const c of el.children) {
    if (isElement(c) && isBlock(c) && c.name !== 'li') return false;
    if (isText(c) && c.data.trim()) direct = true;
  }
  if (el.name === 'li') return direct;
  return direct || el.name === 'div';
}

export interface Candidate {
  el: Element;
  score: number;
}

/** Scores every container by the paragraphs under it and returns the best one, or null. */
export function findCandidate(body: Element, stats: Map<Element, NodeStats>): { top: Element; scores: Map<Element, number> } | null {
  const scores = new Map<Element, number>();
  const init = (el: Element) => {
    let s = scores.get(el);
    if (s === undefined) {
      s = tagWeight(el) + classWeight(el);
      scores.set(el, s);
    }
    return s;
  };
  const units: Element[] = [];
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (isScoringUnit(c)) units.push(c);
      if (c.name !== 'p' && c.name !== 'pre') walk(c);
    }
  };
  walk(body);
  for (const u of units) {
    const st = stats.get(u);
    if (!st || st.len < 25) continue;
    // Nested units (a blockquote holding paragraphs) count once, through their innermost paragraphs.
    if (u.name === 'blockquote' && u.children.some((c) => isElement(c) && c.name === 'p')) continue;
    let score = 1 + st.commas + Math.min(Math.floor(st.len / 100), 3);
    score *= 1 - Math.min(linkDensity(st), 1);
    let p: Element | null = u.parent as Element | null;
    for (let level = 0; p && level < 5 && p.type === 'tag'; level++) {
      const base = init(p);
      const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(p, base + score / div);
      p = p.parent as Element | null;
    }
  }
  let top: Element | null = null;
  let best = -Infinity;
  for (const [el, s] of scores) {
    const final = s * (1 - linkDensity(stats.get(el)));
    scores.set(el, final);
    if (final > best) { best = final; top = el; }
  }
  if (!top) return null;

  // Several strong candidates under one ancestor: the article is split into blocks; take the ancestor.
  const strong = [...scores].filter(([el, s]) => el !== top && s >= best * 0.75).map(([el]) => el);
  if (strong.length >= 2) {
    let p = top.parent as Element | null;
    while (p && p.type === 'tag' && p.name !== 'body') {
      const holds = strong.filter((el) => contains(p!, el)).length;
      if (holds >= 2) { top = p; break; }
      p = p.parent as Element | null;
    }
  }
  // A parent scoring nearly as well holds more of the article (Readability's climb).
  let last = scores.get(top) ?? 0;
  let p = top.parent as Element | null;
  const threshold = last / 3;
  while (p && p.type === 'tag' && p.name !== 'body') {
    const ps = scores.get(p);
    if (ps === undefined) { p = p.parent as Element | null; continue; }
    if (ps < threshold) break;
    if (ps > last) { top = p; }
    last = ps;
    p = p.parent as Element | null;
  }
  // Articles split into several containers (ads, figures and embeds between them): climb while the parent
  // adds mostly more good paragraphs rather than furniture.
  const good = new Map<Element, number>();
  for (const u of units) {
    const st = stats.get(u);
    if (!st || st.len < 80 || linkDensity(st) > 0.2 || u.name === 'td' || u.name === 'li') continue;
    for (let a = u.parent as Element | null; a && a.type === 'tag'; a = a.parent as Element | null) good.set(a, (good.get(a) ?? 0) + st.len);
  }
  let anc = top.parent as Element | null;
  for (let level = 0; level < 5 && anc && anc.type === 'tag' && anc.name !== 'body' && anc.name !== 'html'; level++) {
    const gTop = good.get(top) ?? 0;
    const gain = (good.get(anc) ?? 0) - gTop;
    const extra = (stats.get(anc)?.len ?? 0) - (stats.get(top)?.len ?? 0);
    if (gain >= 200 && gain >= 0.2 * gTop && gain >= 0.6 * extra) top = anc;
    anc = anc.parent as Element | null;
  }
  // Only child: the wrapper is the same block.
  while (top.parent && (top.parent as Element).type === 'tag' && (top.parent as Element).name !== 'body'
    && (top.parent as Element).children.filter(isElement).length === 1) {
    top = top.parent as Element;
  }
  return { top, scores };
}

function contains(a: AnyNode, b: AnyNode): boolean {
  let p: AnyNode | null = b;
  while (p) {
    if (p === a) return true;
    p = p.parent;
  }
  return false;
}

/** The candidate plus its siblings that look like more of the same article. */
export function gatherSiblings(top: Element, scores: Map<Element, number>, stats: Map<Element, NodeStats>): AnyNode[] {
  const parent = top.parent as Element | null;
  if (!parent || !('children' in parent)) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const out: AnyNode[] = [];
  for (const s of parent.children) {
    if (s === top) { out.push(s); continue; }
    if (!isElement(s)) continue;
    let bonus = 0;
    if (s.attribs.class && s.attribs.class === top.attribs.class) bonus += topScore * 0.2;
    const sc = scores.get(s);
    if (sc !== undefined && sc + bonus >= threshold) { out.push(s); continue; }
    if (s.name === 'p' || s.name === 'blockquote' || (s.name === 'div' && isScoringUnit(s))) {
      const st = stats.get(s);
      if (!st) continue;
      const ld = linkDensity(st);
      const text = collapse(rawTextShallow(s));
      if (st.len > 80 && ld < 0.25) out.push(s);
      else if (st.len > 0 && st.len <= 80 && ld === 0 && /[.!?]["”’)]?$/.test(text)) out.push(s);
    }
  }
  return out;
}

function rawTextShallow(el: Element): string {
  let s = '';
  const walk = (n: AnyNode) => {
    if (isText(n)) s += n.data;
    else if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(el);
  return s;
}

export function bodyOf(doc: Document): Element | null {
  for (const c of doc.children) {
    if (!isElement(c)) continue;
    if (c.name === 'body') return c;
    if (c.name === 'html') {
      for (const d of c.children) if (isElement(d) && d.name === 'body') return d;
      return c;
    }
  }
  return null;
}

export { attr };
