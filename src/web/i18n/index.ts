// The interface's language: English or Arabic, chosen per request from the account's setting, else the
// reader's choice (cookie), else Accept-Language. Messages are ICU message format (intl-messageformat),
// numbers, dates and relative times are formatted by Intl in the same locale. The locale is held for the
// request in AsyncLocalStorage, so views deep in the tree (times, cards) format without threading it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { IntlMessageFormat } from 'intl-messageformat';
import { ar } from './ar.ts';
import { en, type MessageKey } from './en.ts';

export type Locale = 'en' | 'ar';
export const LOCALES: readonly Locale[] = ['en', 'ar'];
export const LOCALE_COOKIE = 'lede_lang';
export type { MessageKey };

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, ar };
const store = new AsyncLocalStorage<Locale>();
const compiled = new Map<string, IntlMessageFormat>();

export function isLocale(s: string | null | undefined): s is Locale {
  return s === 'en' || s === 'ar';
}

/** The best of our locales for an Accept-Language header (quality order; English when none fits). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(/q=([\d.]+)/.exec(params.join(';'))?.[1] ?? '1');
      return { base: tag.toLowerCase().split('-')[0]!, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.base && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((x) => x.base).find(isLocale) ?? 'en';
}

/** Runs `fn` with `locale` as the current request's locale. */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  return store.run(locale, fn);
}

export function currentLocale(): Locale {
  return store.getStore() ?? 'en';
}

export const direction = (locale: Locale = currentLocale()): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/** A message of the current locale, with its ICU arguments filled in (plain text, to be escaped by html``). */
export function t(key: MessageKey, values?: Record<string, string | number>, locale: Locale = currentLocale()): string {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  // Tags (<code>) are text: messages are HTML-escaped or raw() by the page, never parsed for markup here.
  if (!f) compiled.set(id, (f = new IntlMessageFormat(CATALOGUES[locale][key], locale, undefined, { ignoreTag: true })));
  return String(f.format(values));
}

const rtf = new Map<Locale, Intl.RelativeTimeFormat>();
/** "4 hours ago" / "منذ 4 ساعات" / "yesterday" / "أمس": the largest unit that fits, like the English formatter. */
export function relativeTimeIn(then: Date, now: Date, locale: Locale = currentLocale()): string {
  let f = rtf.get(locale);
  if (!f) rtf.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const s = Math.round((then.getTime() - now.getTime()) / 1000);
  const a = Math.abs(s);
  if (a < 60) return f.format(0, 'second');
  if (a < 3600) return f.format(Math.round(s / 60), 'minute');
  if (a < 86400) return f.format(Math.round(s / 3600), 'hour');
  if (a < 30 * 86400) return f.format(Math.round(s / 86400), 'day');
  if (a < 365 * 86400) return f.format(Math.round(s / (30 * 86400)), 'month');
  return f.format(Math.round(s / (365 * 86400)), 'year');
}

const absolute = new Map<Locale, Intl.DateTimeFormat>();
/** "20 Feb 2025, 12:00" in the locale's words and digits (UTC). */
export function absoluteIn(d: Date, locale: Locale = currentLocale()): string {
  let f = absolute.get(locale);
  if (!f) {
    // hourCycle h23, not hour12: false: Arabic with hour12: false counts the hour after midnight as "24:40".
    absolute.set(locale, (f = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
      day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23',
    })));
  }
  return f.format(d);
}

/** A language's name in the current locale ("ar" → "Arabic" / "العربية"). */
export function languageName(code: string, locale: Locale = currentLocale()): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A country's name in the current locale ("SA" → "Saudi Arabia" / "السعودية"). */
export function countryName(code: string, locale: Locale = currentLocale()): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * A message around markup: the text before and after the argument `slot` ("updated {time}" →
 * ["updated ", ""]), so a page can put an element (a <time>, a link) where the message says.
 */
export function around(key: MessageKey, slot: string, values: Record<string, string | number> = {}): [string, string] {
  const [before = '', after = ''] = t(key, { ...values, [slot]: '\u0000' }).split('\u0000');
  return [before, after];
}
