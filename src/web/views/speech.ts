// The speech verb of a reported quote ("stated", "warned", "قال") in the interface's language: the enrich
// stage keeps the verb as the article wrote it, in the article's language, so an English article read in
// the Arabic interface showed "(stated)" and an Arabic one in the English interface "(قال)". Each form is
// mapped to one kind of utterance, and the catalogue says it in the reader's language (in Arabic as a
// verbal noun, "تصريح", which needs no agreement with the speaker's gender).
import { hasArabic, normalizeArabic } from '../../pipeline/normalize/arabic.ts';
import { currentLocale, t } from '../i18n/index.ts';

/** Kind of utterance: the verb forms that report it, English and Arabic (Arabic written without hamza or diacritics). */
const FORMS: Record<string, string> = {
  say: 'said says say قال قالت يقول تقول',
  state: 'stated states صرح صرحت ذكر ذكرت',
  tell: 'told tells',
  add: 'added adds اضاف اضافت تابع تابعت اردف اردفت',
  confirm: 'confirmed confirms اكد اكدت',
  remark: 'remarked',
  emphasize: 'emphasized emphasised emphasizes',
  reiterate: 'reiterated reiterates جدد جددت',
  highlight: 'highlighted highlights',
  reveal: 'revealed reveals كشف كشفت',
  note: 'noted notes observed لفت لفتت',
  warn: 'warned warns cautioned حذر حذرت',
  announce: 'announced announces declared declares اعلن اعلنت',
  claim: 'claimed claims',
  argue: 'argued argues contended',
  insist: 'insisted insists maintained',
  explain: 'explained explains اوضح اوضحت',
  acknowledge: 'acknowledged acknowledges admitted admits conceded',
  deny: 'denied denies نفى نفت',
  stress: 'stressed stresses asserted asserts شدد شددت',
  expect: 'expected expects predicted predicts توقع توقعت',
  suggest: 'suggested suggests',
  believe: 'believes believed رأى رات يرى ترى اعتبر اعتبرت',
  indicate: 'indicated indicates اشار اشارت',
  pointOut: 'pointed_out',
  write: 'wrote writes',
  urge: 'urged urges دعا دعت',
  demand: 'طالب طالبت',
  reply: 'replied responded',
  vow: 'vowed pledged promised',
  estimate: 'estimated',
  report: 'reported افاد افادت',
  recall: 'recalled',
  express: 'اعرب اعربت',
  post: 'tweeted posted',
};

/** Lower case, Arabic normalised as search and enrich read it, words joined by _ ("pointed out"). */
const fold = (s: string) => normalizeArabic(s.trim().toLowerCase()).replace(/\s+/g, '_');
const KIND = new Map(Object.entries(FORMS).flatMap(([kind, forms]) => forms.split(' ').map((w) => [fold(w), kind] as const)));

/**
 * The verb in the interface's language ("stated" → "stated" / "تصريح"); a verb Lede has no kind for is
 * shown as written only when it is in the interface's script, else not at all.
 */
export function speechVerb(verb: string | null | undefined): string | null {
  if (!verb) return null;
  const kind = KIND.get(fold(verb)) ?? KIND.get(fold(verb).replace(/^[وف](?=..)/, ''));
  if (kind) return t('article.speechVerb', { kind });
  return hasArabic(verb) === (currentLocale() === 'ar') ? verb : null;
}
