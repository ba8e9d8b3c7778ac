// Feed dates as publishers really write them: RFC 822/1123 (with named zones, missing or wrong weekdays,
// two-digit years), RFC 3339 / ISO 8601 (with or without zone, with a space instead of T), and a few sloppy
// forms. Written by hand because Date.parse is implementation-defined for everything but ISO 8601, and the
// date libraries (dayjs, date-fns) need a format string per layout; this is one small table of layouts.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // Common non-English abbreviations seen in feeds.
  janv: 1, févr: 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, août: 8, aout: 8, déc: 12,
  ene: 1, abr: 4, ago: 8, dic: 12, mär: 3, mrz: 3, okt: 10, dez: 12, gen: 1, giu: 6, lug: 7, set: 9, ott: 10,
};

/** Offsets of named zones, in minutes. Single letters are the military zones (J is not a zone). */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
  A: -60, B: -120, C: -180, D: -240, E: -300, F: -360, G: -420, H: -480, I: -540, K: -600, L: -660, M: -720,
  N: 60, O: 120, P: 180, Q: 240, R: 300, S: 360, T: 420, U: 480, V: 540, W: 600, X: 660, Y: 720,
};

function zoneOffset(zone: string | undefined): number | null {
  if (!zone) return 0; // No zone: read as UTC, the least surprising guess for a server-generated feed.
  const z = zone.trim();
  const named = ZONES[z.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2}):?(\d{2})?$/i.exec(z);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 18 * 60) return null;
  return m[1] === '-' ? -minutes : minutes;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms) - offset * 60_000;
  const date = new Date(t);
  // Reject impossible days (Feb 30) instead of letting them roll over.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  if (Number.isNaN(t) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 2200) return null;
  return date.toISOString();
}

const fraction = (f: string | undefined) => (f ? Math.round(Number('0.' + f) * 1000) : 0);

/** Parses a feed date into ISO 8601 UTC, or null when it cannot be read. */
export function parseFeedDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const s = input.trim().replace(/\s+/g, ' ');
  if (!s) return null;

  // ISO 8601 / RFC 3339: 2024-01-02T03:04:05.678+01:00, 2024-01-02 03:04:05Z, 2024-01-02, 20240102T030405Z.
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{1,5})?$/i.exec(s);
  if (m) {
    const off = zoneOffset(m[8]);
    if (off === null) return null;
    return build(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), fraction(m[7]), off);
  }

  // RFC 822 and relatives: [Wed,] 02 Oct 2002 13:00:00 GMT, 2 Oct 02 13:00 +0200, Oct 2, 2002 1:00 PM EST.
  const rest = s.replace(/^[A-Za-zéû]{2,9}\.?,?\s+(?=\d|[A-Za-z]{3})/, ''); // weekday (often wrong): ignored
  m = /^(\d{1,2})[ -]([A-Za-zéûä]{3,9})\.?[ -](\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(AM|PM)?)?\s*(.*)$/i.exec(rest);
  let day: number, month: number | undefined, year: number;
  if (m) {
    day = +m[1];
    month = MONTHS[m[2].toLowerCase()];
    // Only a year written with two digits ("02 Oct 02") is expanded: "0001" is year 1, a placeholder.
    year = m[3].length === 2 ? +m[3] + (+m[3] < 70 ? 2000 : 1900) : +m[3];
  } else {
    m = /^([A-Za-zéûä]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(AM|PM)?)?\s*(.*)$/i.exec(rest);
    if (!m) return fallback(s);
    day = +m[2];
    month = MONTHS[m[1].toLowerCase()] ?? MONTHS[m[1].slice(0, 3).toLowerCase()];
    year = +m[3];
  }
  if (!month) month = MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()];
  if (!month) return fallback(s);
  let hour = +(m[4] ?? 0);
  const ampm = m[8]?.toUpperCase();
  if (ampm === 'PM' && hour < 12) hour += 12;
  if (ampm === 'AM' && hour === 12) hour = 0;
  const off = zoneOffset(m[9]?.replace(/^\(|\)$/g, '').split(' ')[0] || undefined);
  if (off === null) return fallback(s);
  return build(year, month, day, hour, +(m[5] ?? 0), +(m[6] ?? 0), fraction(m[7]), off);
}

/** Last resort: whatever V8 understands, and unix timestamps (seconds or milliseconds). */
function fallback(s: string): string | null {
  if (/^\d{10}$/.test(s)) return new Date(Number(s) * 1000).toISOString();
  if (/^\d{13}$/.test(s)) return new Date(Number(s)).toISOString();
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const y = new Date(t).getUTCFullYear();
  return y >= 1970 && y <= 2200 ? new Date(t).toISOString() : null;
}
