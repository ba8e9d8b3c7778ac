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
