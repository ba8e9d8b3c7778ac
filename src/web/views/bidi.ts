// Direction of text in pages: a right-to-left article (Arabic, Persian, Hebrew, Urdu) is marked with
// lang and dir so the browser aligns and mirrors it; text of unknown direction in a list (titles,
// quotes, entity names) is isolated with dir="auto", so an Arabic title in an English list reads right
// to left and its full stop stays at its end.
import { raw, type Html } from './html.ts';

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
