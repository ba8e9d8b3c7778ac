// Plain-text pages (a copy of an article as an aggregator shows it, or a publisher's text): the title line,
// the body, and the page furniture after it — widget headings ("Hashtags", "Comments", "Related Articles", …)
// and related items (outlet, relative time, "- outlet", title, text) — told apart by general rules: short
// heading-like lines, widget phrases, and the outlet/time pattern of related items.
import type { IsoTime, RelatedItem } from '../../domain/types.ts';
import { RELATIVE_TIME, resolveRelative } from './dates.ts';

/** Phrases of aggregator widgets, as whole lines. Matched loosely: case, punctuation and the product name vary. */
const WIDGET_LINE = new RegExp(
  '^(?:' + [
    'hashtags?', 'tags?', 'topics?', 'keywords?', 'categories', 'filed under',
    'schlagw(?:ö|oe)rter', 'stichw(?:ö|oe)rter', 'themen', 'mots[- ]cl(?:é|e)s', '(?:é|e)tiquettes', 'etiquetas', 'palavras[- ]chave', 'temas', 'الوسوم', 'كلمات مفتاحية',
    'try (?:our|the) (?:ai|smart|new)? ?features?', 'explore what .{1,40} can do(?: for you)?', 'ask (?:ai|.{1,20} ai)\\b.*', 'ai (?:summary|features?|tools?)',
    'summari[sz]e(?: this)?(?: article)?', 'translate(?: this)?(?: article)?', 'listen(?: to this article)?',
    'comments?(?: \\(\\d+\\))?', '\\d+ comments?', 'no comments(?: yet)?', 'be the first to comment', 'leave a (?:comment|reply)', 'add a comment', 'join the (?:conversation|discussion)', 'show comments', 'view comments', 'log in to comment', 'sign in to comment',
    'related(?: articles?| stories| news| posts| coverage| reading| content)?', 'more (?:stories|articles|news|from .{1,40}|on this(?: story| topic)?|like this)', 'read (?:more|next|also)', 'see also', 'you (?:may|might) also like', 'recommended(?: for you| stories| articles| reading)?', 'trending(?: now| stories| news)?', 'most (?:read|popular|viewed|shared)', 'latest(?: news| stories| articles)?', 'top stories', 'what to read next', 'also read', 'further reading', 'other stories',
    'share(?: this| this article| this story| article| story)?(?: on .{1,20})?', 'share via', 'copy link', 'print', 'email', 'save(?: article)?', 'bookmark',
    'sign up(?: for| to)? (?:our |the )?(?:daily |weekly |free )?newsletters?', 'subscribe(?: to (?:our|the) newsletter| now| today)?', 'get (?:the|our) (?:daily |weekly )?newsletter', 'newsletter', 'follow us(?: on .{1,30})?',
    'advertisement', 'sponsored(?: content)?', 'ad', 'ai assistant',
    // The same widgets in the other languages news is written in: German, French, Spanish, Portuguese, Arabic.
    'weiterlesen', 'mehr zum thema\\b.*', 'lesen sie (?:auch|mehr)\\b.*', 'auch interessant', 'das könnte sie auch interessieren', 'artikel teilen', 'teilen', 'kommentare?', 'zum artikel', 'jetzt abonnieren', 'newsletter abonnieren',
    'lire (?:aussi|la suite|plus)\\b.*', 'à lire aussi\\b.*', 'sur le même sujet', 'partager(?: (?:cet|l\')article)?', 'commentaires?', 'abonnez-vous\\b.*', 'voir aussi\\b.*', 'les plus lus',
    'lea (?:también|más)\\b.*', 'leer más', 'te puede interesar', 'también te puede interesar', 'compartir', 'comentarios?', 'suscríbete\\b.*', 'lo más leído', 'noticias relacionadas',
    'leia (?:também|mais)\\b.*', 'veja também\\b.*', 'saiba mais', 'compartilhe?', 'compartilhar', 'comentários?', 'assine\\b.*', 'mais lidas', 'notícias relacionadas',
    'اقرأ أيضا\\b.*', 'اقرأ أيضاً\\b.*', 'اقرأ المزيد', 'مواضيع ذات صلة', 'أخبار ذات صلة', 'شارك(?: المقال| الخبر)?', 'تعليقات', 'التعليقات', 'إعلان', 'الأكثر قراءة', 'اشترك\\b.*',
  ].join('|') + ')[\\s.:!…]*$',
  'i',
);
const COMMENT_HEADING = /^(?:comments?\b|kommentare?\b|commentaires?\b|comentarios?\b|comentários?\b|التعليقات|تعليقات|\d+ comments?|no comments|be the first to comment|leave a|add a comment|join the (?:conversation|discussion)|show comments|view comments|log in to comment|sign in to comment)/i;
const RELATED_HEADING = /^(?:related|lesen sie auch|mehr zum thema|auch interessant|à lire aussi|lire aussi|sur le même sujet|voir aussi|lea también|noticias relacionadas|te puede interesar|leia também|veja também|notícias relacionadas|اقرأ أيضا|مواضيع ذات صلة|أخبار ذات صلة|more (?:stories|articles|news|from|on|like)|read (?:more|next|also)|see also|you (?:may|might) also|recommended|trending|most (?:read|popular|viewed|shared)|latest|top stories|what to read|also read|further reading|other stories)/i;

const isTimeLine = (s: string) => RELATIVE_TIME.test(s.toLowerCase().replace(/[.·•]$/, '').trim());

/** Outlet names are short and carry no sentence punctuation: "Al Arabiya", "Asharq Al-Awsat", "BBC News". */
function looksLikeOutlet(s: string): boolean {
  if (!s || s.length > 60 || /[.!?:;,"“”]$/.test(s)) return false;
  const words = s.split(/\s+/).length;
  return words <= 6 && !isTimeLine(s) && !WIDGET_LINE.test(s);
}

/** A heading-like line: short, no closing sentence punctuation. */
function looksLikeHeading(s: string): boolean {
  if (!s || s.length > 80) return false;
  if (/[.!?;,]["”’)]?$/.test(s) && !/\.\.\.$|…$/.test(s)) return false;
  return s.split(/\s+/).length <= 8;
}

/** A title line: one line, not a sentence-ended paragraph, not too long. */
function looksLikeTitle(s: string): boolean {
  if (!s || s.length > 200) return false;
  const words = s.split(/\s+/).length;
  if (words > 30) return false;
  if (/[.;,]$/.test(s) && !/\.\.\.$/.test(s)) return false;
  return true;
}

/** "Asharq Al-Awsat · 2 hours ago", "Reuters - an hour ago": outlet and time on one line. */
function splitOutletTime(s: string): { outlet: string; time: string } | null {
  const m = /^(.{2,60}?)\s*[·•|—–-]\s*(.{3,30})$/.exec(s);
  if (m && looksLikeOutlet(m[1]!.trim()) && isTimeLine(m[2]!.trim())) return { outlet: m[1]!.trim(), time: m[2]!.trim() };
  return null;
}

interface ItemStart { index: number; outlet: string; time: string; next: number }

/** Where a related item starts at line `i` (skipping blanks): outlet line + time line, or both on one line. */
function itemStartAt(lines: string[], i: number): ItemStart | null {
  const line = lines[i]!;
  const one = splitOutletTime(line);
  if (one) return { index: i, outlet: one.outlet, time: one.time, next: i + 1 };
  if (!looksLikeOutlet(line)) return null;
  let j = i + 1;
  while (j < lines.length && !lines[j]) j++;
  if (j < lines.length && isTimeLine(lines[j]!)) return { index: i, outlet: line, time: lines[j]!, next: j + 1 };
  return null;
}

export interface TextPage {
  title: string | null;
  paragraphs: string[];
  related: RelatedItem[];
  /** The widget lines of the furniture region ("Hashtags", "Comments", "Related Articles"), as written. */
  furniture: string[];
}

/** Splits a plain-text page into title, body paragraphs and related items. */
export function parseTextPage(input: string, referenceTime: Date): TextPage {
  const raw = input.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ');
  const lines = raw.split('\n').map((l) => l.replace(/[ \t]+/g, ' ').trim());
  let start = 0;
  while (start < lines.length && !lines[start]) start++;
  let title: string | null = null;
  if (start < lines.length && looksLikeTitle(lines[start]!) && lines.slice(start + 1).some(Boolean)) {
    title = lines[start]!;
    start++;
  }

  // Related items anywhere after the body.
  const starts: ItemStart[] = [];
  for (let i = start; i < lines.length; i++) {
    if (!lines[i]) continue;
    const s = itemStartAt(lines, i);
    if (s) { starts.push(s); i = s.next - 1; }
  }

  // The furniture region begins at the earliest line from which every line is furniture: a widget line,
  // a heading-like line, a blank, or part of a related item.
  const firstItem = starts.length ? starts[0]!.index : lines.length;
  let end = firstItem;
  for (let i = firstItem - 1; i >= start; i--) {
    const l = lines[i]!;
    if (!l) continue;
    if (WIDGET_LINE.test(l) || isWidgetPrompt(l)) { end = i; continue; }
    // Short heading-like lines count as furniture only next to widget lines or items, never on their own.
    if (looksLikeHeading(l) && (end === i + 1 || nextNonEmpty(lines, i + 1) === end)) { end = i; continue; }
    // A widget's one-line pitch ("Ask our AI assistant" / "Get instant answers about this story."): a short
    // line between a widget line above and furniture below.
    if (l.length <= 160 && (end === i + 1 || nextNonEmpty(lines, i + 1) === end)) {
      let p = i - 1;
      while (p >= start && !lines[p]) p--;
      if (p >= start && (WIDGET_LINE.test(lines[p]!) || isWidgetPrompt(lines[p]!))) { end = i; continue; }
    }
    break;
  }
  // Headings directly above the furniture belong to it only when they are widget-like; a lone short line above
  // the items with no widget line at all is kept only if nothing marked a furniture region.
  if (end === firstItem && starts.length === 0) end = lines.length;

  const bodyLines = lines.slice(start, end);
  const paragraphs = toParagraphs(bodyLines);

  // Related items: only those in a related section (or in no named section); items under a comments
  // heading are comments, not articles.
  const related: RelatedItem[] = [];
  let section: 'related' | 'comments' | 'none' = 'none';
  let k = end;
  let si = 0;
  while (k < lines.length) {
    const l = lines[k]!;
    if (!l) { k++; continue; }
    const st = starts[si];
    if (st && st.index === k) {
      // The item runs until the next item start or a widget heading.
      const stop = si + 1 < starts.length ? starts[si + 1]!.index : lines.length;
      let j = st.next;
      while (j < stop && !lines[j]) j++;
      // "- Outlet" repeats the outlet under the time.
      if (j < stop && /^[-–—•·]\s*\S/.test(lines[j]!) && looksLikeOutlet(lines[j]!.replace(/^[-–—•·]\s*/, ''))) j++;
      while (j < stop && !lines[j]) j++;
      const itemTitle = j < stop ? lines[j]! : '';
      const textLines: string[] = [];
      let m = j + 1;
      for (; m < stop; m++) {
        const t = lines[m]!;
        if (t && (WIDGET_LINE.test(t) || isWidgetPrompt(t))) break;
        textLines.push(t);
      }
      if (section !== 'comments' && itemTitle) {
        related.push({
          outlet: st.outlet,
          relativeTime: st.time,
          published: resolveRelative(st.time, referenceTime) as IsoTime | null,
          title: itemTitle,
          text: toParagraphs(textLines).join('\n\n'),
        });
      }
      si++;
      k = m;
      continue;
    }
    if (COMMENT_HEADING.test(l)) section = 'comments';
    else if (RELATED_HEADING.test(l)) section = 'related';
    k++;
  }
  const furniture = [...new Set(lines.slice(end).filter((l, i) => l && !inItem(starts, end + i) && WIDGET_LINE.test(l) && !isWidgetPrompt(l)))];
  return { title, paragraphs, related, furniture };
}

/** Whether line `i` is an item's outlet or time line (an outlet may be named like a widget). */
function inItem(starts: ItemStart[], i: number): boolean {
  return starts.some((s) => i >= s.index && i < s.next);
}

function nextNonEmpty(lines: string[], i: number): number {
  while (i < lines.length && !lines[i]) i++;
  return i;
}

/** Widget prompts are short lines ending in a colon that introduce a widget: "Explore what X can do for you:". */
function isWidgetPrompt(l: string): boolean {
  return l.length <= 80 && /:$/.test(l) && /\b(?:ai|features?|newsletter|app|subscribe|share|follow|explore|discover)\b/i.test(l);
}

/**
 * Paragraphs from lines: when blank lines separate blocks of several lines, the text is hard-wrapped and each
 * block is one paragraph; otherwise every line is a paragraph.
 */
function toParagraphs(lines: string[]): string[] {
  const blocks: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (!l) { if (cur.length) blocks.push(cur); cur = []; } else cur.push(l);
  }
  if (cur.length) blocks.push(cur);
  const multi = blocks.filter((b) => b.length > 1).length;
  const wrapped = blocks.length > 1 && multi >= blocks.length / 2 && blocks.flat().every((l) => l.length < 100);
  if (wrapped) return blocks.map((b) => b.join(' '));
  return blocks.flat();
}
