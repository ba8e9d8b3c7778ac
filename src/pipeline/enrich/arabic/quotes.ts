// Speakers of quotes in Arabic text. The quote finder reads «…» and "…" (both fold to ") in every
// language; its speaker rules are English ("said X"), so Arabic quotes get theirs here: the person or
// organisation named after the sentence's speech verb ("وقال عدي الخدران، … إن «…»"), else the
// sentence's first named person or organisation before the quote ("أصدرت وزارة الخارجية بياناً حثت
// فيه العراق على «…»"), else, for a sentence that opens with a verb and names no one ("وأشار إلى أن
// …"), the person last named before it.
import type { Span } from '../../normalize/index.ts';
import type { FoundQuote, QuoteMention } from '../quotes.ts';
import { spanAt } from '../spans.ts';
import { arabicTokens, isSpeechVerb } from './words.ts';

export function arabicSpeakers(quotes: FoundQuote[], folded: string, sentences: Span[], mentions: QuoteMention[]): FoundQuote[] {
  const ms = mentions.filter((m) => m.type === 'PER' || m.type === 'ORG');
  return quotes.map((q) => {
    // The English rules' fallback (the sentence's first name, no verb) is redone with the Arabic ones.
    if (q.speaker && q.verb) return q;
    const s = spanAt(sentences, q.start - 1) ?? spanAt(sentences, q.start);
    if (!s) return q;
    const verbs = arabicTokens(folded, s.start, q.start).filter(isSpeechVerb);
    const inSentence = ms.filter((m) => m.start >= s.start && m.end <= q.start);
    const afterVerb = verbs.length ? inSentence.find((m) => m.start >= verbs[0]!.end && m.start - verbs[0]!.end < 40) : undefined;
    const person = inSentence.find((m) => m.type === 'PER');
    let speaker: QuoteMention | undefined = afterVerb ?? person ?? inSentence[0];
    const opensWithVerb = verbs.length > 0 && verbs[0]!.start - s.start < 3;
    if (!speaker && opensWithVerb) speaker = ms.findLast((m) => m.type === 'PER' && m.end <= s.start);
    return speaker ? { ...q, speaker: speaker.canonical, verb: q.verb ?? verbs[0]?.text.replace(/^[وف](?=..)/, '') ?? null } : q;
  });
}
