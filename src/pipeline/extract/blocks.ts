// The chosen subtree as a list of blocks (paragraphs, headings, lists, quotes, figures), with the residual
// boilerplate of news pages taken out: share bars, newsletter boxes, "read more" lines, credits, related-link
// lists, advertisement labels.
import { collapse, isElement, isText, type AnyNode, type Element } from './dom.ts';
import { isBlock, type NodeStats } from './content.ts';

export type BlockKind = 'p' | 'h' | 'ul' | 'ol' | 'quote' | 'pre' | 'figure' | 'table';

export interface Block {
  kind: BlockKind;
  /** Heading level for 'h'. */
  level?: number;
  /** Plain text; list items and quote paragraphs joined by newlines. */
  text: string;
  /** Nodes whose serialisation (sanitised later) is the block's HTML. */
  nodes: AnyNode[];
  /** For lists: the text of each item. For quotes: of each paragraph. */
  parts?: string[];
  linkDensity: number;
  /** An image for figures. */
  image?: { src: string; alt: string; caption: string };
}

const INLINE_SKIP = new Set(['img', 'picture', 'source', 'br', 'wbr', 'figure']);

/** Widget phrases: a short block that is only one of these is furniture, not article text. */
const WIDGET = new RegExp(
  '^(?:' + [
    'advertisement', 'advertisements?', 'advert', 'anzeige', 'publicité', 'publicidade', 'publicidad', 'pubblicità', 'sponsored(?: content)?', 'ad', 'story continues below(?: advertisement)?', 'continue reading(?: below| the main story)?',
    'read (?:more|next|also|the full story|the full article)(?:\\b.*)?', 'see also\\b.*', 'related(?: articles?| stories| coverage| content| links| reading| news)?\\b.*', 'more (?:from|on|about|stories|news)\\b.*',
    'recommended(?: for you| stories| reading)?', 'most (?:read|popular|viewed|shared)\\b.*', 'trending(?: now| stories)?', 'share(?: this)?(?: article| story| post| page)?(?: on .*| via .*)?', 'share on \\w+',
    'tweet', 'email', 'print', 'copy link', 'link copied', 'sign up(?: for| to)? .*newsletter.*', 'subscribe(?: now| today| to .*)?', 'sign up\\b.*', 'follow us\\b.*', 'click here\\b.*',
    'comments?', 'no comments yet\\.*', 'leave a (?:comment|reply)', 'join the (?:conversation|discussion)', 'show comments', 'view comments',
    'hashtags?', 'tags?:?.*', 'topics?:?', 'filed under:?.*', 'photo:.*', 'image:.*', 'image source,.*', 'image caption,.*', 'media caption,.*', '(?:photo|image|picture)s? (?:credit|courtesy)\\b.*',
    'getty images?', 'reuters', 'ap photo\\b.*', 'afp\\b.*', 'supplied', 'file photo', 'skip (?:to|advertisement)\\b.*', 'loading\\.*', 'we recommend', 'you may also like', 'you might also like',
    'download the app\\b.*', 'get the app', 'listen to (?:this|the) (?:article|story)\\b.*', 'watch:?.*video', 'updated', 'published', 'by', 'close', 'menu', 'search', 'back to top',
    'this article (?:is more than|was originally published)\\b.*', 'thank you for (?:reading|subscribing)\\b.*', 'try our ai features', 'explore what .* can do for you:?',
    'ask (?:our |the )?(?:ai|.{1,20} ai)\\b.*', 'ai (?:summary|features?|tools?|assistant)\\b.*',
    // Reading-time labels: "5 min read", "Reading time: 3 minutes", and as other languages write them.
    '(?:estimated )?reading time:? .{1,20}', '\\d{1,3}[ -]min(?:ute)?s?(?: read| reading)', '(?:tempo|tiempo|temps) de (?:leitura|lectura|lecture):? .{1,20}', 'lesezeit:? .{1,20}', 'durata di lettura:? .{1,20}',
    // The same widgets in the other languages news is written in: German, French, Spanish, Portuguese, Arabic.
    'weiterlesen', 'mehr zum thema\\b.*', 'lesen sie (?:auch|mehr)\\b.*', 'auch interessant', 'das könnte sie auch interessieren', 'artikel teilen', 'teilen', 'kommentare?', 'zum artikel', 'jetzt abonnieren', 'newsletter abonnieren',
    'lire (?:aussi|la suite|plus)\\b.*', 'à lire aussi\\b.*', 'sur le même sujet', 'partager(?: (?:cet|l\')article)?', 'commentaires?', 'abonnez-vous\\b.*', 'voir aussi\\b.*', 'les plus lus',
    'lea (?:también|más)\\b.*', 'leer más', 'te puede interesar', 'también te puede interesar', 'compartir', 'comentarios?', 'suscríbete\\b.*', 'lo más leído', 'noticias relacionadas',
    'leia (?:também|mais)\\b.*', 'veja também\\b.*', 'saiba mais', 'compartilhe?', 'compartilhar', 'comentários?', 'assine\\b.*', 'mais lidas', 'notícias relacionadas',
    'اقرأ أيضا\\b.*', 'اقرأ أيضاً\\b.*', 'اقرأ المزيد', 'مواضيع ذات صلة', 'أخبار ذات صلة', 'شارك(?: المقال| الخبر)?', 'تعليقات', 'التعليقات', 'إعلان', 'الأكثر قراءة', 'اشترك\\b.*',
    '(?:this )?(?:slideshow|gallery|content|video|feature|page) requires javascript\\b.*', '(?:please )?enable javascript\\b.*', 'javascript is (?:disabled|required)\\b.*',
  ].join('|') + ')[.:!…]*$',
  'i',
);

const NEWSLETTER = /\b(?:sign up|subscribe|newsletter|inbox|unsubscribe at any time|privacy (?:policy|notice)|terms of (?:use|service)|by (?:signing up|subscribing|clicking))\b/i;
const SHARE = /^(?:(?:share|tweet|email|facebook|twitter|linkedin|whatsapp|pinterest|reddit|print|copy(?: link)?|x|messenger|telegram|flipboard|comments?)[\s|·•/]*)+$/i;

export interface CollectOptions {
  stats: Map<Element, NodeStats>;
}

/** Walks the chosen nodes and returns their blocks in order. */
export function collectBlocks(roots: AnyNode[], opts: CollectOptions): Block[] {
  const out: Block[] = [];
  let inline: AnyNode[] = [];
  const flush = () => {
    if (!inline.length) return;
    const text = inlineText(inline);
    if (text) out.push({ kind: 'p', text, nodes: inline, linkDensity: linkDensityOf(inline, text) });
    inline = [];
  };
  const visit = (n: AnyNode) => {
    if (isText(n)) {
      if (n.data.trim()) inline.push(n);
      else if (inline.length) inline.push(n);
      return;
    }
    if (!isElement(n)) return;
    const name = n.name;
    if (name === 'br') {
      // Two <br> in a row end a paragraph; one is a line break inside it.
      const prev = inline[inline.length - 1];
      if (prev && isElement(prev) && prev.name === 'br') { inline.pop(); flush(); } else if (inline.length) inline.push(n);
      return;
    }
    if (!isBlock(n) && !hasBlockChild(n)) {
      if (name === 'img' || name === 'picture') { flush(); const f = figureOf(n); if (f) out.push(f); return; }
      // An inline wrapper around <br>-separated text (<font>, <span>) holds several paragraphs: walk into it.
      if (name !== 'a' && hasDoubleBr(n)) { for (const c of n.children) visit(c); return; }
      inline.push(n);
      return;
    }
    flush();
    switch (name) {
      case 'p': {
        if (hasBlockChild(n)) { for (const c of n.children) visit(c); flush(); return; }
        const text = inlineText(n.children);
        const img = imageIn(n);
        if (text) out.push({ kind: 'p', text, nodes: [...n.children], linkDensity: ld(n, opts) });
        else if (img) out.push(img);
        return;
      }
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
        const text = collapse(textWithBreaks(n));
        if (text) out.push({ kind: 'h', level: Number(name[1]), text, nodes: [...n.children], linkDensity: ld(n, opts) });
        return;
      }
      case 'ul': case 'ol': {
        const items = n.children.filter((c): c is Element => isElement(c) && c.name === 'li');
        // A list whose items hold whole paragraphs is article text laid out as a list: keep its blocks.
        if (items.some((li) => li.children.some((c) => isElement(c) && (c.name === 'p' || c.name === 'div' && hasBlockChild(c))))) {
          for (const c of n.children) visit(c);
          flush();
          return;
        }
        const parts = items.map((li) => collapse(textWithBreaks(li))).filter(Boolean);
        if (parts.length) out.push({ kind: name, text: parts.join('\n'), parts, nodes: items, linkDensity: ld(n, opts) });
        return;
      }
      case 'blockquote': {
        const inner = collectBlocks(n.children, opts);
        const parts = inner.filter((b) => b.kind === 'p' || b.kind === 'h' || b.kind === 'ul' || b.kind === 'ol').map((b) => b.text);
        if (parts.length) out.push({ kind: 'quote', text: parts.join('\n\n'), parts, nodes: [...n.children], linkDensity: ld(n, opts) });
        return;
      }
      case 'pre': {
        const text = textWithBreaks(n).replace(/^\n+|\s+$/g, '');
        if (text.trim()) out.push({ kind: 'pre', text, nodes: [...n.children], linkDensity: 0 });
        return;
      }
      case 'figure': {
        const f = figureOf(n);
        if (f) out.push(f);
        return;
      }
      case 'table': {
        // Layout tables hold blocks: walk them. Data tables become one block of rows.
        if (isLayoutTable(n)) { visitCells(n); flush(); return; }
        const rows = rowsOf(n);
        if (rows.length) out.push({ kind: 'table', text: rows.join('\n'), parts: rows, nodes: [n], linkDensity: ld(n, opts) });
        return;
      }
      default:
        for (const c of n.children) visit(c);
        flush();
    }
  };
  // Each cell of a layout table is a container of its own.
  const visitCells = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tbody' || c.name === 'thead' || c.name === 'tfoot' || c.name === 'tr') visitCells(c);
      else if (c.name === 'td' || c.name === 'th') { for (const d of c.children) visit(d); flush(); }
      else visit(c);
    }
  };
  for (const r of roots) visit(r);
  flush();
  return out;
}

/** Layout tables (old sites lay out whole pages with them) against data tables, after Readability's rules. */
function isLayoutTable(t: Element): boolean {
  if (t.attribs.role === 'presentation') return true;
  if (t.attribs.datatable === '1' || t.attribs.summary) return false;
  let blocks = 0, cells = 0, rows = 0, headers = 0, longCell = false;
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'table') { blocks += 10; continue; }
      if (c.name === 'tr') rows++;
      if (c.name === 'caption' || c.name === 'thead' || c.name === 'th') headers++;
      if (c.name === 'td' || c.name === 'th') {
        cells++;
        if (collapse(textWithBreaks(c)).length > 200) longCell = true;
      }
      if (c.name === 'p' || c.name === 'div' || c.name === 'h1' || c.name === 'h2' || c.name === 'h3' || c.name === 'ul' || c.name === 'ol') blocks++;
      walk(c);
    }
  };
  walk(t);
  if (blocks > 0 || longCell || cells <= 1) return true;
  if (headers > 0) return false;
  return cells < 10 && rows < 10;
}

function rowsOf(t: Element): string[] {
  const rows: string[] = [];
  const walk = (n: Element) => {
    for (const c of n.children) {
      if (!isElement(c)) continue;
      if (c.name === 'tr') {
        const cells = c.children.filter((d): d is Element => isElement(d) && (d.name === 'td' || d.name === 'th')).map((d) => collapse(textWithBreaks(d)));
        const line = cells.filter(Boolean).join(' | ');
        if (line) rows.push(line);
      } else if (c.name !== 'table') walk(c);
    }
  };
  walk(t);
  return rows;
}

function hasDoubleBr(el: Element): boolean {
  let prevBr = false;
  for (const c of el.children) {
    if (isElement(c) && c.name === 'br') { if (prevBr) return true; prevBr = true; continue; }
    if (isText(c) && !c.data.trim()) continue;
    prevBr = false;
    if (isElement(c) && hasDoubleBr(c)) return true;
  }
  return false;
}

function hasBlockChild(el: Element): boolean {
  for (const c of el.children) if (isElement(c) && (isBlock(c) || hasBlockChild(c))) return true;
  return false;
}

function ld(el: Element, opts: CollectOptions): number {
  const s = opts.stats.get(el);
  return s && s.len ? s.linkLen / s.len : 0;
}

function linkDensityOf(nodes: AnyNode[], text: string): number {
  let link = 0;
  for (const n of nodes) {
    if (isElement(n)) {
      if (n.name === 'a') link += collapse(textWithBreaks(n)).length;
      else for (const a of n.children) if (isElement(a) && a.name === 'a') link += collapse(textWithBreaks(a)).length;
    }
  }
  return text.length ? Math.min(1, link / text.length) : 0;
}

/** Text with <br> as newlines, images and hidden furniture left out. */
export function textWithBreaks(n: AnyNode): string {
  if (isText(n)) return n.data;
  if (!isElement(n)) return '';
  if (n.name === 'br') return '\n';
  if (INLINE_SKIP.has(n.name)) return '';
  let s = '';
  for (const c of n.children) s += textWithBreaks(c);
  if (isBlock(n) && n.name !== 'td' && n.name !== 'th') s = `\n${s}\n`;
  else if (n.name === 'td' || n.name === 'th') s += ' ';
  return s;
}

function inlineText(nodes: AnyNode[]): string {
  let s = '';
  for (const n of nodes) s += textWithBreaks(n);
  return s.split('\n').map(collapse).filter(Boolean).join('\n');
}

function imageIn(el: Element): Block | null {
  for (const c of el.children) {
    if (isElement(c) && (c.name === 'img' || c.name === 'picture')) return figureOf(c);
  }
  return null;
}

function imgSrc(img: Element): string | null {
  const a = img.attribs;
  const candidates = [a['data-src'], a['data-original'], a['data-lazy-src'], a.src, a['data-srcset']?.split(/[\s,]+/)[0], a.srcset?.split(/[\s,]+/)[0]];
  for (const c of candidates) if (c && !/^data:image\/(?:gif|svg)/.test(c) && c.trim()) return c.trim();
  return null;
}

function findImg(n: Element): Element | null {
  if (n.name === 'img') return imgSrc(n) ? n : null;
  for (const c of n.children) {
    if (!isElement(c)) continue;
    const f = findImg(c);
    if (f) return f;
  }
  return null;
}

function figureOf(n: Element): Block | null {
  const img = findImg(n);
  const src = img ? imgSrc(img) : null;
  let caption = '';
  const capEl = findTag(n, 'figcaption');
  if (capEl) caption = collapse(textWithBreaks(capEl));
  if (!src) return null;
  return { kind: 'figure', text: caption, nodes: [n], linkDensity: 0, image: { src, alt: img!.attribs.alt ?? '', caption } };
}

function findTag(n: Element, tag: string): Element | null {
  for (const c of n.children) {
    if (!isElement(c)) continue;
    if (c.name === tag) return c;
    const f = findTag(c, tag);
    if (f) return f;
  }
  return null;
}

/**
 * Headings that open a related-stories widget, in the languages news sites commonly use. The article ends there.
 */
export const RELATED_HEADING = /^(?:(?:you|we think you) (?:may|might|will|could) (?:also )?(?:like|enjoy|be interested in)|related(?: articles?| stories| posts| coverage| content| reading| news)?|more (?:stories|articles|news)|recommended(?: for you| stories| articles| reading)?|read (?:also|next)|more from [\w .'-]{1,40}|other stories|also read|further reading|what to read next|top stories|most (?:read|popular|viewed|shared)|você (?:também )?pode gostar|leia (?:também|mais)|veja (?:também|mais)|mais lidas|notícias relacionadas|te puede interesar|lee también|noticias relacionadas|artículos relacionados|à lire aussi|lire aussi|sur le même sujet|articles similaires|lesen sie auch|das könnte sie (?:auch )?interessieren|mehr zum thema|leggi anche|potrebbe interessarti|articoli correlati|читайте также|похожие (?:статьи|записи)|рекомендуем)[\s.:!…]*$/i;

/** True when a text block is page furniture rather than article text. */
export function isBoilerplate(b: Block): boolean {
  const t = b.text;
  if (b.kind === 'figure') return false;
  // Unrendered CMS shortcodes: [button link="…"]Send us…[/button].
  if (/^\[\w+[^\]]*\].*\[\/\w+\]$/.test(t)) return true;
  if (WIDGET.test(t.replace(/\s+/g, ' ').trim())) return true;
  if (t.length < 80 && SHARE.test(t)) return true;
  // Lists of links: navigation, related stories, tags.
  if ((b.kind === 'ul' || b.kind === 'ol') && b.linkDensity > 0.5) return true;
  if ((b.kind === 'p' || b.kind === 'h') && b.linkDensity > 0.8 && t.length < 200) return true;
  if (t.length < 300 && /(?:©|\(c\) ?\d{4}|\bcopyright\b|all rights reserved)/i.test(t) && b.kind !== 'quote') return true;
  if (b.kind === 'p' && t.length < 300 && NEWSLETTER.test(t) && /\b(?:sign up|subscribe|newsletter|email)\b/i.test(t) && !/[“"”]/.test(t)) return true;
  return false;
}
