// Times as readers see them: absolute ("23 Nov 2026, 01:24 UTC") and relative ("4 hours ago").
import { relativeTime as storiesRelativeTime } from '../pipeline/stories/index.ts';
import { absoluteIn, currentLocale, relativeTimeIn } from './i18n/index.ts';
const absolute = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23',
});
const dayOnly = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatAbsolute(iso: string | null | undefined): string {
  const d = parseTime(iso);
  if (d && currentLocale() !== 'en') return `${absoluteIn(d)} UTC`;
  return d ? `${absolute.format(d)} UTC` : '';
}

export function formatDay(iso: string | null | undefined): string {
  const d = parseTime(iso);
  return d ? dayOnly.format(d) : '';
}

/** ISO date (YYYY-MM-DD) for date inputs. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/** "just now", "an hour ago", "4 hours ago", "yesterday" (the stories stage's formatter). */
export function relativeTime(iso: string | null | undefined, now: Date): string {
  const d = currentLocale() !== 'en' ? parseTime(iso) : null;
  if (d) return relativeTimeIn(d, now);
  return storiesRelativeTime(iso, now) ?? '';
}

/** Longer than a poll or two: an article Lede first saw later than this after its date is an old piece found now. */
export const FOUND_LATE_MS = 2 * 86_400_000;

/**
 * The time a list shows for an article, and the order lists should keep: its publication time, or when
 * Lede first saw it when it has no date or is dated later than that (a feed's future date is a typo or a
 * time zone slip, not news from tomorrow) — the rule of Miniflux and NetNewsWire.
 */
export function listedAt(a: { published: string | null; firstSeen: string }): string {
  const p = parseTime(a.published);
  return p && p.getTime() <= Date.parse(a.firstSeen) ? a.published! : a.firstSeen;
}

/** Whether Lede found the article long after it was published (an old piece a feed carries now). */
export function foundLate(a: { published: string | null; firstSeen: string }): boolean {
  return Date.parse(a.firstSeen) - Date.parse(listedAt(a)) > FOUND_LATE_MS;
}
