// Numbers, money, percentages and dates found by pattern, normalised (value, unit, ISO date).
// Works on typography-folded text so offsets are those of the input.

export interface NumberMatch {
  kind: 'number' | 'money' | 'percent';
  text: string;
  start: number;
  end: number;
  value: number;
  /** ISO currency code for money, "%" for percentages, null otherwise (filled later from context). */
  unit: string | null;
}

export interface DateMatch {
  text: string;
  start: number;
  end: number;
  /** ISO date: YYYY, YYYY-MM or YYYY-MM-DD; "--MM-DD" when the year cannot be known. */
  value: string;
}

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const SCALE: Record<string, number> = {
  thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};
const CURRENCY: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', 'us$': 'USD' };
const CURRENCY_WORD: Record<string, string> = {
  dollar: 'USD', dollars: 'USD', euro: 'EUR', euros: 'EUR', pound: 'GBP', pounds: 'GBP', yen: 'JPY', yuan: 'CNY',
  rupees: 'INR', dinars: 'IQD', rials: 'IRR', riyals: 'SAR', rubles: 'RUB', roubles: 'RUB',
};

const NUM = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const WORDNUM = Object.keys(SMALL).join('|');
const NUMBER_RE = new RegExp(
  `(US\\$|[$€£¥])?\\s?\\b(${NUM}|(?:${WORDNUM})(?:[- ](?:${WORDNUM}))?\\b)(?:\\s?(thousand|million|billion|trillion|bn|mn|tn|[mkb])\\b)?` +
    `(?:\\s?(%|percent\\b|per cent\\b|(?:${Object.keys(CURRENCY_WORD).join('|')})\\b))?`,
  'giu',
);

function wordValue(s: string): number | null {
  let total = 0;
  for (const part of s.toLowerCase().split(/[- ]/)) {
    const v = SMALL[part];
    if (v === undefined) return null;
    total = v === 100 ? (total || 1) * 100 : total + v;
  }
  return total;
}

/** After "pounds of", what money is counted in ("5 million pounds of funding", "of taxpayers' money"). */
const MONEY_OF = /^\s+of\s+(?:the\s+|public\s+|new\s+)?(?:taxpayers?|funding|funds|investment|money|cash|revenue|spending|savings|debt|sales|profits?|losses|damages?|income|support|aid|value|government|state)\b/i;

/** "pounds" as a weight: "pounds of" a thing that is not money, or after a form of "weigh" in the same clause. */
function weighs(folded: string, start: number, end: number): boolean {
  const after = folded.slice(end, end + 40);
  if (/^\s+of\s+\p{L}/u.test(after)) return !MONEY_OF.test(after);
  return /\bweigh(?:s|ed|ing|t)?\b[^.!?\n,;]{0,30}$/i.test(folded.slice(Math.max(0, start - 40), start));
}

export function findNumbers(folded: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  for (const m of folded.matchAll(NUMBER_RE)) {
    const [all, cur, num, scale, suffix] = m;
    let start = m.index!;
    if (!cur && /^\s/.test(all)) start++; // the space (or line break) before a number is not part of it
    const isWord = /^\p{L}/u.test(num!);
    let value = isWord ? wordValue(num!) : Number(num!.replace(/,/g, ''));
    if (value === null || Number.isNaN(value)) continue;
    // A bare single-letter scale only counts after a currency ("$5m"), never "5 m".
    if (scale && /^[mkb]$/i.test(scale) && !cur) {
      if (all.slice(all.indexOf(num!) + num!.length).startsWith(' ')) continue;
    }
    if (scale) value *= SCALE[scale.toLowerCase()] ?? 1;
    let end = m.index! + all.length;
    // "300 pounds of fentanyl", "weighed 200 pounds": pounds of weight, not money. The number alone is kept, so
    // what it counts is read after it ("pounds of fentanyl"), as for any other count.
    let weight = false;
    if (!cur && suffix && /^pounds?$/i.test(suffix) && weighs(folded, start, end)) {
      end -= suffix.length;
      while (end > start && /\s/.test(folded[end - 1]!)) end--;
      weight = true;
    }
    const text = folded.slice(start, end);
    // A clock time ("9:28 AM", "at 10 p.m.") says when, not how many.
    if (!cur && !suffix && !isWord && (/\d[:.]$/.test(folded.slice(Math.max(0, start - 2), start)) || /^(?::\d\d|\s?[ap]\.?m\b\.?)/i.test(folded.slice(end, end + 5)))) continue;
    // Years and times are dates, not quantities; "one" alone is too vague to report.
    if (!cur && !scale && !suffix && !isWord && /^(1[89]|20)\d\d$/.test(num!)) continue;
    if (isWord && !scale && !suffix && value < 2) continue;
    let kind: NumberMatch['kind'] = 'number';
    let unit: string | null = null;
    if (cur) { kind = 'money'; unit = CURRENCY[cur.toLowerCase()] ?? 'USD'; }
    else if (suffix && /%|cent/i.test(suffix)) { kind = 'percent'; unit = '%'; }
    else if (suffix && !weight) { kind = 'money'; unit = CURRENCY_WORD[suffix.toLowerCase()] ?? null; }
    out.push({ kind, text, start, end, value, unit });
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthIndex(s: string): number {
  const k = s.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(k));
}

/** Dates: "February 1", "1 February 2025", "Feb. 1, 2025", "March 2023", "in 2024", "on Tuesday". */
export function findDates(folded: string, published: Date | null): DateMatch[] {
  const out: DateMatch[] = [];
  const taken: [number, number][] = [];
  const add = (start: number, end: number, value: string) => {
    if (taken.some(([a, b]) => start < b && end > a)) return;
    taken.push([start, end]);
    out.push({ text: folded.slice(start, end), start, end, value });
  };
  const pubYear = published ? published.getUTCFullYear() : null;
  const withYear = (y: string | undefined, mo: number, d: number | null): string => {
    const md = d ? `${pad(mo + 1)}-${pad(d)}` : pad(mo + 1);
    if (y) return `${y}-${md}`;
    if (pubYear === null) return d ? `--${md}` : `--${md}`;
    // A month later than publication without a year usually means the previous year ("in December", read in January).
    let year = pubYear;
    if (published && mo > published.getUTCMonth() + 1) year--;
    return `${year}-${md}`;
  };
  const md = new RegExp(`\\b(${MONTH_RE})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, 'g');
  for (const m of folded.matchAll(md)) {
    const d = Number(m[2]);
    if (d < 1 || d > 31) continue;
    add(m.index!, m.index! + m[0].length, withYear(m[3], monthIndex(m[1]!), d));
  }
  const dm = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b(?:,?\\s+(\\d{4})\\b)?`, 'g');
  for (const m of folded.matchAll(dm)) {
    const d = Number(m[1]);
    if (d < 1 || d > 31) continue;
    add(m.index!, m.index! + m[0].length, withYear(m[3], monthIndex(m[2]!), d));
  }
  const my = new RegExp(`\\b(${MONTH_RE})\\s+(\\d{4})\\b`, 'g');
  for (const m of folded.matchAll(my)) add(m.index!, m.index! + m[0].length, `${m[2]}-${pad(monthIndex(m[1]!) + 1)}`);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
  for (const m of folded.matchAll(iso)) add(m.index!, m.index! + m[0].length, m[0]);
  const year = /\b(?:in|since|by|until|of|from|before|after|during)\s+((?:1[89]|20)\d\d)\b/g;
  for (const m of folded.matchAll(year)) {
    const s = m.index! + m[0].length - 4;
    add(s, s + 4, m[1]!);
  }
  const wd = /\b(?:on|last|this|next)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g;
  for (const m of folded.matchAll(wd)) {
    const s = m.index! + m[0].length - m[1]!.length;
    // "on Sunday, October 13th, 2019": the weekday of the date written after it, no other day (and no second fact).
    const gap = /^,?\s+/.exec(folded.slice(m.index! + m[0].length, m.index! + m[0].length + 4));
    if (gap && taken.some(([a]) => a === m.index! + m[0].length + gap[0].length)) continue;
    let value = m[1]!;
    if (published) {
      // News reports past days: the latest such weekday on or before publication ("next" looks ahead).
      const target = WEEKDAYS.indexOf(m[1]!.toLowerCase());
      const forward = /^next/i.test(m[0]);
      let diff = (published.getUTCDay() - target + 7) % 7;
      if (forward) diff = -(((target - published.getUTCDay() + 7) % 7) || 7);
      const d = new Date(published.getTime() - diff * 86_400_000);
      value = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    } else continue;
    add(s, s + m[1]!.length, value);
  }
  for (const m of folded.matchAll(/\b(yesterday|today)\b/gi)) {
    if (!published) continue;
    const d = new Date(published.getTime() - (m[1]!.toLowerCase() === 'yesterday' ? 86_400_000 : 0));
    add(m.index!, m.index! + m[0].length, `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
  }
  return out.sort((a, b) => a.start - b.start);
}
