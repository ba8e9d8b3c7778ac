// Arabic word tokens with offsets and the word lists the Arabic rules share (speech verbs, titles,
// function words). Works on typography-folded text (same length), so offsets hold in the original.
import { normalizeArabic, stemArabic } from '../../normalize/arabic.ts';

export interface ArabicToken {
  text: string;
  start: number;
  end: number;
  /** Normalised spelling (see normalizeArabic). */
  norm: string;
  /** Light stem (prefix clitics off). */
  stem: string;
  /** Text between the previous token and this one ("" for the first). */
  gap: string;
}

const WORD = /[\u0621-\u064A\u064B-\u065F\u0640\u0670\u0671-\u06D3]+|\d+(?:[.,]\d+)*/g;

export function arabicTokens(folded: string, from = 0, to = folded.length): ArabicToken[] {
  const out: ArabicToken[] = [];
  let last = from;
  WORD.lastIndex = from;
  for (let m = WORD.exec(folded); m && m.index < to; m = WORD.exec(folded)) {
    const end = Math.min(to, m.index + m[0].length);
    const text = folded.slice(m.index, end);
    out.push({ text, start: m.index, end, norm: normalizeArabic(text), stem: stemArabic(text), gap: folded.slice(last, m.index) });
    last = end;
  }
  return out;
}

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean).map(normalizeArabic));

/** Speech verbs in the past (masculine and feminine), normalised, without a leading و or ف. */
export const SPEECH_VERBS = set(`قال قالت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت أشار أشارت كشف كشفت جدد جددت
  شدد شددت توقع توقعت أعلن أعلنت نفى نفت حذر حذرت اعتبر اعتبرت رأى رأت لفت لفتت أفاد أفادت تابع تابعت أردف أردفت
  ذكر ذكرت أعرب أعربت دعا دعت طالب طالبت يقول تقول يرى ترى`);

/** Title and role words before a name, as light stems ("الرئيس" → "رئيس"). */
export const TITLES = new Set([...set(`وزير رئيس متحدث ناطق مساعد نائب سفير قائد زعيم أمين مدير مستشار ملك أمير شيخ عاهل
  جنرال لواء عميد عقيد قيادي سيناتور مبعوث مرشد محافظ مندوب`)].map(stemArabic));

/** Words that end a name: prepositions, conjunctions, particles, pronouns and common time words. */
export const FUNCTION_WORDS = set(`في من على إلى عن مع ضد أن إن بأن لأن الذي التي الذين كما بعد قبل خلال حول بين منذ عند لدى
  حتى أو ثم قد لقد لا لم لن ما هذا هذه ذلك تلك هو هي هم كان كانت يوم أمس اليوم غير كل بعض عبر نحو أي إذ إذا بشأن تجاه
  لكن مساء صباح فيه فيها إنه إنها أنه أنها له لها وأن وإن فإن بأنه بأنها عبر السابق السابقة الحالي متحدثا متحدثة`);

/** Common nouns that follow a speech verb but are no one's name ("قال مصدر أمني"). */
export const NOT_NAMES = set(`مصدر مصادر مسؤول مسؤولون مسؤولة بيان متحدث شهود سكان مراسل تقرير خبراء محللون ناشطون مواطنون
  الجيش الوزارة الحكومة الشرطة المتحدث`);

export function isFunctionWord(t: ArabicToken): boolean {
  return FUNCTION_WORDS.has(t.norm) || /^\d/.test(t.text);
}

/** A speech verb, with or without a leading conjunction ("وقال", "فأضاف"). */
export function isSpeechVerb(t: ArabicToken): boolean {
  return SPEECH_VERBS.has(t.norm) || (/^[وف]/.test(t.norm) && SPEECH_VERBS.has(t.norm.slice(1)));
}

export function isTitle(t: ArabicToken): boolean {
  return TITLES.has(t.stem) || TITLES.has(t.stem.replace(/ه$/, ''));
}

/** Tokens separated by nothing but spaces (no punctuation or line break between them). */
export function joined(t: ArabicToken): boolean {
  return /^ +$/.test(t.gap);
}
