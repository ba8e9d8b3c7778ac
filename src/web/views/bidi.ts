// Direction of text in pages: a right-to-left article (Arabic, Persian, Hebrew, Urdu) is marked with
// lang and dir so the browser aligns and mirrors it; text of unknown direction in a list (titles,
// quotes, entity names) is isolated with dir="auto", so an Arabic title in an English list reads right
// to left and its full stop stays at its end.
import { html, raw, type Html } from './html.ts';
import { currentLocale, t, type MessageKey } from '../i18n/index.ts';

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'ckb', 'sd', 'ug', 'dv']);

export function isRtl(language: string | null | undefined): boolean {
  return !!language && RTL.has(language.toLowerCase().split(/[-_]/)[0]!);
}

/** ` lang="xx" dir="rtl|ltr"` for a block in a known language; empty when the language is unknown. */
export function langDir(language: string | null | undefined): Html | string {
  if (!language || !/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language)) return '';
  return raw(` lang="${language}" dir="${isRtl(language) ? 'rtl' : 'ltr'}"`);
}

/**
 * A story's headline for a reader of `locale`: the story's own when it is in the reader's script, else the
 * title of one of its articles that is (an English reader of a story an Arabic headline won sees an English one).
 */
export function headlineFor(title: string, articleTitles: string[], locale: string): string {
  const arabic = (s: string) => /[\u0600-\u06FF]/.test(s);
  const wanted = locale === 'ar';
  if (arabic(title) === wanted) return title;
  return articleTitles.find((t) => arabic(t) === wanted) ?? title;
}

const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
/** A letter of a left-to-right script: any letter not in the right-to-left blocks. */
const hasLtrLetter = (s: string): boolean => [...s].some((ch) => /\p{L}/u.test(ch) && !RTL_CHAR.test(ch));

/** Whether `s` has letters of a right-to-left script (Arabic, Hebrew, …). */
export const hasRtl = (s: string): boolean => RTL_CHAR.test(s);

/**
 * A name or phrase inside the interface's own words: isolated in <bdi> when it has letters that run the
 * other way than the interface (an Arabic outlet in the English interface, an English one in the Arabic),
 * so the punctuation and words around it keep their order ("Daily8 ,الشرق الأوسط" otherwise).
 */
export function isolate(s: string, locale: string): Html {
  const other = locale === 'ar' ? hasLtrLetter(s) : RTL_CHAR.test(s);
  return other ? html`<bdi>${s}</bdi>` : html`${s}`;
}

/** Names joined in the interface's order, each isolated: "A, B and C" / "A، B و C". */
export function isolatedList(names: string[], locale: string, sep = locale === 'ar' ? '، ' : ', '): Html {
  return html`${names.map((n, i) => html`${i ? sep : ''}${isolate(n, locale)}`)}`;
}

/**
 * A message of the interface with its string arguments isolated (see `isolate`): the page's words in the
 * interface's direction, each name in its own.
 */
export function tIsolated(key: MessageKey, values: Record<string, string | number>): Html {
  const locale = currentLocale();
  const marks: Html[] = [];
  const marked: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'number') marked[k] = v;
    else { marked[k] = `\u0000${marks.length}\u0000`; marks.push(isolate(v, locale)); }
  }
  const parts = t(key, marked).split('\u0000');
  return html`${parts.map((p, i) => (i % 2 ? marks[Number(p)] ?? '' : p))}`;
}
