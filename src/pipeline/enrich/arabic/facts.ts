// Numbers, money, percentages and dates in Arabic news text. Arabic-Indic digits arrive as ASCII (the
// typography fold maps them one for one); what follows a number differs from English: the counted noun
// comes first ("٢٥٠٠ جندي"), scale and currency are words ("مليار دولار"), and dates name the month in
// its Egyptian or Levantine form ("الأول من فبراير (شباط)").
import type { DateMatch, NumberMatch } from '../numbers.ts';
import { arabicTokens, isFunctionWord } from './words.ts';
import { normalizeArabic } from '../../normalize/arabic.ts';

const SCALE: Record<string, number> = { الف: 1e3, الاف: 1e3, مليون: 1e6, ملايين: 1e6, مليار: 1e9, مليارات: 1e9, بليون: 1e9, ترليون: 1e12, تريليون: 1e12 };
const CURRENCY: Record<string, string> = { دولار: 'USD', دولارا: 'USD', يورو: 'EUR', استرليني: 'GBP', ين: 'JPY', يوان: 'CNY', روبل: 'RUB' };
const PERCENT = /^\s*(?:%|٪|بالمئه|بالمائه|في المئه|في المائه)/;

/** English-pattern number matches reread with Arabic scale, currency and percent words after them. */
export function arabicNumbers(folded: string, numbers: NumberMatch[]): NumberMatch[] {
  return numbers.map((n) => {
    if (n.kind !== 'number') return n;
    const m = { ...n };
    let pos = m.end;
    const next = () => arabicTokens(folded, pos, Math.min(folded.length, pos + 40))[0];
    let t = next();
    if (t && /^\s*$/.test(t.gap) && SCALE[t.norm] !== undefined) { m.value *= SCALE[t.norm]!; pos = m.end = t.end; t = next(); }
    const rest = normalizeArabic(folded.slice(pos, pos + 12));
    if (PERCENT.test(rest)) { m.kind = 'percent'; m.unit = '%'; m.end = pos + (PERCENT.exec(rest)![0].length); }
    else if (t && /^\s*$/.test(t.gap) && CURRENCY[t.norm]) { m.kind = 'money'; m.unit = CURRENCY[t.norm]!; m.end = t.end; }
    m.text = folded.slice(m.start, m.end);
    return m;
  });
}

/** The noun a number counts and the phrase around it ("جندي في العراق"), read after the number. */
export function arabicCountedPhrase(text: string): { unit: string | null; about: string | null } {
  const toks = arabicTokens(text).slice(0, 6);
  let i = 0;
  while (i < toks.length && SCALE[toks[i]!.norm] !== undefined) i++;
  const head = toks[i];
  if (!head || isFunctionWord(head) || (i > 0 && !/^\s*$/.test(head.gap)) || (i === 0 && !/^\s*$/.test(head.gap))) return { unit: null, about: null };
  const kept = [head.text];
  // One qualifier: an adjective ("جندي إضافي") or a preposition and its noun ("في العراق").
  const q = toks[i + 1];
  if (q && /^ +$/.test(q.gap)) {
    if (isFunctionWord(q) && toks[i + 2] && /^ +$/.test(toks[i + 2]!.gap)) kept.push(q.text, toks[i + 2]!.text);
    else if (!isFunctionWord(q)) kept.push(q.text);
  }
  return { unit: head.text, about: kept.join(' ') };
}

const MONTHS: Record<string, number> = {
  يناير: 1, فبراير: 2, مارس: 3, ابريل: 4, مايو: 5, يونيو: 6, يونيه: 6, يوليو: 7, يوليه: 7, اغسطس: 8, سبتمبر: 9, اكتوبر: 10, نوفمبر: 11, ديسمبر: 12,
  شباط: 2, اذار: 3, نيسان: 4, ايار: 5, حزيران: 6, تموز: 7, اب: 8, ايلول: 9,
};
const ORDINALS: Record<string, number> = { الاول: 1, الثاني: 2, الثالث: 3, الرابع: 4, الخامس: 5, السادس: 6, السابع: 7, الثامن: 8, التاسع: 9, العاشر: 10 };
const pad = (n: number) => String(n).padStart(2, '0');

/** Day-and-month dates ("1 فبراير 2025", "الأول من فبراير (شباط)"), ISO as numbers.ts gives them. */
export function arabicDates(folded: string, published: Date | null): DateMatch[] {
  const out: DateMatch[] = [];
  const toks = arabicTokens(folded);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const day = /^\d{1,2}$/.test(t.text) ? Number(t.text) : ORDINALS[t.norm];
    if (!day || day > 31) continue;
    let j = i + 1;
    if (toks[j]?.norm === 'من') j++;
    const mt = toks[j];
    const month = mt ? MONTHS[mt.norm.replace(/^ال/, '')] : undefined;
    if (!month || !/^\s+$/.test(mt!.gap)) continue;
    let end = mt!.end;
    // A Levantine month in brackets after the Egyptian one, then a year.
    const paren = /^\s*\([^)]{2,12}\)/.exec(folded.slice(end, end + 16));
    if (paren) end += paren[0].length;
    const yr = /^\s*(?:عام\s+)?((?:19|20)\d\d)\b/.exec(folded.slice(end, end + 12));
    let value: string;
    if (yr) { value = `${yr[1]}-${pad(month)}-${pad(day)}`; end += yr[0].length; }
    else if (published) value = `${published.getUTCFullYear() - (month > published.getUTCMonth() + 2 ? 1 : 0)}-${pad(month)}-${pad(day)}`;
    else value = `--${pad(month)}-${pad(day)}`;
    out.push({ text: folded.slice(t.start, end), start: t.start, end, value });
    i = j;
  }
  return out;
}
