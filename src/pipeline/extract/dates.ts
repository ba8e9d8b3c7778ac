// Dates as article pages write them, to ISO 8601. The feeds stage already reads RFC 822 / ISO 8601 and their
// sloppy relatives; pages add labels ("Published", "Updated:"), slashed and dotted numeric dates, "ET" zones and
// relative times ("4 hours ago"), handled here.
// From the module itself, not the feeds barrel: the prepare thread would load the feed parser for it.
import { parseFeedDate } from '../feeds/dates.ts';
import type { IsoTime } from '../../domain/types.ts';

const US_ZONES: Record<string, string> = { ET: 'EST', CT: 'CST', MT: 'MST', PT: 'PST' };

/** Parses one date string into ISO 8601 (UTC), or null. */
export function parseDate(input: string | null | undefined): IsoTime | null {
  if (!input) return null;
  let s = input.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!s || s.length > 120) return null;
  // A date carries a year; V8's lenient Date.parse (the feeds parser's last resort) reads "Chapter 11" as 2001.
  if (!/\d{4}/.test(s) || impossibleDay(s)) return null;
  const direct = parseFeedDate(s);
  if (direct) return direct as IsoTime;
  s = s
    .replace(/^(?:published|posted|updated|last updated|modified|date|first published|on)\b[:\s]*(?:on\s+)?/i, '')
    .replace(/\s*\|\s*/g, ' ')
    .replace(/\b(\d{1,2})\.(\d{2})\s*([ap])\.?m\.?/i, '$1:$2 $3m')
    .replace(/\b([ap])\.m\.?/gi, '$1m')
    .replace(/\s+(ET|CT|MT|PT)\b/, (_, z: string) => ' ' + US_ZONES[z])
    .replace(/\bSept\b/i, 'Sep')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .trim();
  const again = parseFeedDate(s);
  if (again) return again as IsoTime;
  // "Nov 19 2019 at 5:30pm", "19 November 2019, 17:30": move the time after the date into a form parseFeedDate reads.
  let m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:,?\s*(?:at\s*)?(\d{1,2}):(\d{2})\s*([AP]M)?)?(?:\s+([A-Z]{2,5}|[+-]\d{2}:?\d{2}))?/i.exec(s)
    ?? null;
  if (m) {
    const t = parseFeedDate(`${m[2]} ${m[1]} ${m[3]}${m[4] ? ` ${m[4]}:${m[5]}${m[6] ? ` ${m[6]}` : ''}` : ''}${m[7] ? ` ${m[7]}` : ''}`);
    if (t) return t as IsoTime;
  }
  // 2019/11/19, 2019.11.19, 19.11.2019, 11/19/2019 (US when the first part cannot be a day of the month is
  // ambiguous: day-first is taken only when the first number exceeds 12).
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?/.exec(s);
  if (m) {
    const a = +m[1], b = +m[2];
    const [mo, d] = a > 12 ? [b, a] : s.includes('.') ? [b, a] : [a, b];
    return iso(+m[3], mo, d, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  // A date inside a longer label: "By Jane Doe, Nov. 19, 2019".
  m = /\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)/i.exec(s);
  if (m && m[1] !== s) return parseDate(m[1]);
  return null;
}

const MONTH_DAYS: Record<string, number> = { jan: 31, feb: 29, mar: 31, apr: 30, may: 31, jun: 30, jul: 31, aug: 31, sep: 30, oct: 31, nov: 30, dec: 31 };

/** "February 30, 2020": the feeds parser's last resort (Date.parse) would roll it over into March. */
function impossibleDay(s: string): boolean {
  const m = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b/i.exec(s)
    ?? /\b(\d{1,2}) (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (\d{4})\b/i.exec(s);
  if (!m) return false;
  const [mon, day, year] = /^\d/.test(m[1]!) ? [m[2]!, +m[1]!, +m[3]!] : [m[1]!, +m[2]!, +m[3]!];
  const max = mon.toLowerCase() === 'feb' ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : MONTH_DAYS[mon.toLowerCase()]!;
  return day < 1 || day > max;
}

function iso(y: number, mo: number, d: number, h: number, mi: number, sec: number): IsoTime | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 || y < 1970 || y > 2200) return null;
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (t.getUTCDate() !== d) return null;
  return t.toISOString() as IsoTime;
}

const UNIT_MS: Record<string, number> = {
  second: 1000, sec: 1000, minute: 60_000, min: 60_000, hour: 3_600_000, hr: 3_600_000, day: 86_400_000,
  week: 7 * 86_400_000, month: 30 * 86_400_000, year: 365 * 86_400_000,
};

/** Matches relative times as aggregators print them: "an hour ago", "4 hours ago", "yesterday", "just now". */
export const RELATIVE_TIME = /^(?:(?:about |around |over |almost )?(an?|one|\d{1,3}|a few|few) ?(seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|years?|yrs?|y) ago|yesterday|just now|now|moments? ago|today|last (?:night|week|month))$/i;

/** Resolves a relative time against `reference`; null when it is not one. */
export function resolveRelative(text: string, reference: Date): IsoTime | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const m = RELATIVE_TIME.exec(s);
  if (!m) return null;
  const ref = reference.getTime();
  if (Number.isNaN(ref)) return null;
  if (!m[1]) {
    const back: Record<string, number> = {
      yesterday: 86_400_000, 'just now': 0, now: 0, 'moment ago': 60_000, 'moments ago': 60_000, today: 0,
      'last night': 12 * 3_600_000, 'last week': 7 * 86_400_000, 'last month': 30 * 86_400_000,
    };
    return new Date(ref - (back[s] ?? 0)).toISOString() as IsoTime;
  }
  const n = /^\d+$/.test(m[1]) ? Number(m[1]) : /few/.test(m[1]) ? 3 : 1;
  let unit = m[2]!.replace(/s$/, '');
  const short: Record<string, string> = { m: 'minute', h: 'hour', d: 'day', w: 'week', y: 'year', yr: 'year' };
  unit = short[unit] ?? unit;
  const ms = UNIT_MS[unit];
  if (ms === undefined) return null;
  return new Date(ref - n * ms).toISOString() as IsoTime;
}
