// Key facts: numbers with what they count ("around 2,500 troops" → 2500, troops) and dates with what
// happened then ("On February 1, Trump signed …" → 2025-02-01).
import type { Fact } from '../../domain/types.ts';
import type { Span } from '../normalize/index.ts';
import type { DateMatch, NumberMatch } from './numbers.ts';
import { spanAt } from './spans.ts';
import { datelineAt, isBylineSentence } from './dateline.ts';
import { MONTHS, WEEKDAYS } from './numbers.ts';
import { STOPWORDS } from './stopwords.ts';
import { arabicCountedPhrase } from './arabic/facts.ts';

const STOP_AFTER = /^(?:a|an|the|each|every|its|their|this|these|and|or|but|as|while|which|who|that|said|says|to|will|would|have|has|had|was|were|is|are|be|been|on|at|than|since|because|after|before|when|per|may|might|can|could|should|must|shall|do|does|did|\p{L}+n't)$/iu;
const PREP = /^(?:of|in|from|at|for|on|with|across|into|to|against|per|under|between|among|amid|near|within|without|during|via|by|through)$/i;
const APPROX = /(?:around|about|nearly|almost|roughly|approximately|some|more than|over|at least|up to|fewer than|less than|under)\s+$/i;

const COMPASS = /^(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|northeast|northwest|southeast|southwest)(?:ern|wards?)?$/i;

const sentenceAt = spanAt;

/** The noun phrase counted by a number: "additional troops from allied nations". */
function countedPhrase(text: string): { unit: string | null; about: string | null } {
  if (/^\s*[\u0621-\u064A]/.test(text)) return arabicCountedPhrase(text);
  const words = text.match(/^[\s]*([\p{L}\p{N}'-]+(?:\s+[\p{L}\p{N}'-]+){0,9})/u)?.[1]?.split(/\s+/) ?? [];
  const kept: string[] = [];
  let head: string | null = null;
  let sawPrep = false;
  for (const w of words) {
    // A dash standing alone ("five companies - Blue Origin, …") opens an aside, not more of the noun.
    if (!/[\p{L}\p{N}]/u.test(w)) break;
    if (STOP_AFTER.test(w)) break;
    if (PREP.test(w)) {
      if (!head || sawPrep) break;
      sawPrep = true;
      kept.push(w);
      continue;
    }
    if (/^(?:year|years|month|months|day|days|week|weeks|hour|hours|minute|minutes)-old$/i.test(w)) break;
    // A compass point after the noun says where: "13,000 people north of Malaga".
    if (head && COMPASS.test(w)) break;
    // A participle after a plural noun opens a clause, it is not what is counted: "four companies operating in …".
    if (head && !sawPrep && /\p{Ll}{3,}ing$/u.test(w) && /s$/i.test(kept.at(-1)!)) break;
    kept.push(w);
    if (!sawPrep) head = w;
    if (sawPrep && kept.length - kept.indexOf(kept.find((x) => PREP.test(x))!) >= 3) break;
  }
  while (kept.length && (PREP.test(kept.at(-1)!) || STOPWORDS.has(kept.at(-1)!.toLowerCase()))) kept.pop();
  if (!head || STOPWORDS.has(head.toLowerCase()) || /^\d/.test(head)) return { unit: null, about: null };
  return { unit: head.toLowerCase(), about: kept.join(' ') || null };
}

const CHANGE_WORDS = /^(?:rose|rise|rises|risen|fell|fall|falls|fallen|grew|grow|grows|grown|increased|increase|increases|decreased|decrease|jumped|jumps|climbed|dropped|drops|declined|declines|slipped|surged|soared|gained|lost|was|were|is|are|be|been|by|to|of|at|from|about|around|nearly|some|over|up|down|than|more|less|reached|hit|totalled|totaled|worth|expected|forecast|estimated|a|an|the|its|their|his|her|\d[\d.,%]*|percent|per|cent|\$?\d[\d.,]*(?:bn|m|k)?|billion|million|thousand)$/i;

function subjectBefore(text: string): string | null {
  const clause = text.split(/[,;:]|\bthat\b|\band\b|\bwhile\b/).at(-1) ?? '';
  const words = clause.trim().split(/\s+/).filter(Boolean);
  while (words.length && CHANGE_WORDS.test(words.at(-1)!)) words.pop();
  const kept = words.slice(-4);
  while (kept.length && (STOPWORDS.has(kept[0]!.toLowerCase()) || CHANGE_WORDS.test(kept[0]!) || isPronounPiece(kept[0]!))) kept.shift();
  return kept.length ? kept.join(' ') : null;
}

/** The "'s" of "that's", cut off at "that", or a pronoun with its verb ("it's", "that’s"): what it counts is not named. */
function isPronounPiece(word: string): boolean {
  return /^['’]/.test(word) || (/['’]s$/i.test(word) && STOPWORDS.has(word.slice(0, -2).toLowerCase()));
}

/** An amount just before a bracket: a currency word or sign, a scale or a figure ("euros (", "£40 (", "bn ("). */
const CONVERTED = /(?:[$€£¥]\s?[\d.,]+|\d[\d.,]*\s?(?:bn|m|k|mn|million|billion|trillion)?)\s*(?:euros?|dollars?|pounds?|yen|yuan|rupees|dinars|rials|riyals|rubles|roubles)?\s*\($/iu;

const CALENDAR = new Set([...MONTHS, ...MONTHS.map((m) => m.slice(0, 3)), 'sept', ...WEEKDAYS]);

/**
 * A number that is only part of a word or a name counts nothing a reader wants listed ("7 — th Amsterdam
 * Light Festival", "4 — door coupe", "2 — Runs"): an ordinal or unit written onto it ("7th", "1080p",
 * "60fps"), a compound adjective ("4-door", "56-year-old"), a piece of a range, score, code or address
 * ("60-90", "2022/23", "FHC/ABJ/03", "ID.3", "85-433"), or the number of a title, model or street
 * ("Red Dead Redemption 2", "Windows 10", "Corso Monforte 15": digits after a capitalised word that is
 * not the sentence's first, a month or a day).
 */
export function partOfWord(folded: string, start: number, end: number, sentenceStart: number): boolean {
  if (/^(?:\p{L}|[-/][\p{L}\p{N}])/u.test(folded.slice(end, end + 2))) return true;
  const prev = folded.slice(Math.max(sentenceStart, start - 2), start);
  if (/[\p{L}\p{N}_#/]$|[\p{L}\p{N}][-.]$/u.test(prev)) return true;
  if (!/^\d/.test(folded[start] ?? '')) return false;
  const before = /(\S+)\s+(\S+)\s+$/u.exec(folded.slice(Math.max(sentenceStart, start - 60), start));
  if (!before || !/^\p{Lu}[\p{L}]*$/u.test(before[2]!)) return false;
  const word = before[2]!.toLowerCase();
  return !CALENDAR.has(word.replace(/\.$/, '')) && !STOPWORDS.has(word);
}

export function numberFacts(doc: string, folded: string, sentences: Span[], numbers: NumberMatch[]): Fact[] {
  const out: Fact[] = [];
  for (const n of numbers) {
    const s = sentenceAt(sentences, n.start);
    if (!s || isBylineSentence(folded.slice(s.start, s.end))) continue;
    if (n.kind === 'number' && partOfWord(folded, n.start, n.end, s.start)) continue;
    // An amount converted in brackets ("15.3 billion euros ($16.2 billion)") is the one before it again.
    if (n.kind === 'money' && /(?:\d|\p{L})\s*\($/u.test(folded.slice(Math.max(s.start, n.start - 12), n.start)) && CONVERTED.test(folded.slice(Math.max(s.start, n.start - 40), n.start))) continue;
    const after = folded.slice(n.end, s.end);
    let { unit, about } = countedPhrase(after);
    if (n.kind !== 'number') about = null;
    if (n.kind === 'percent') unit = '%';
    else if (n.kind === 'money') unit = n.unit;
    if (n.kind === 'number' && !unit) continue; // a bare number says nothing on its own
    // "oil exports rose 12%": for amounts and shares, what changed is usually named before the number.
    if (!about && n.kind !== 'number') about = subjectBefore(folded.slice(s.start, n.start));
    // A dateline's dash or a quote mark is not part of what is counted ("- Shares in BP").
    if (about) about = about.replace(/^[^\p{L}\p{N}$€£]+/u, '') || null;
    const approx = APPROX.exec(folded.slice(Math.max(s.start, n.start - 20), n.start));
    const start = approx ? n.start - approx[0].length : n.start;
    out.push({
      kind: 'number',
      text: doc.slice(start, n.end),
      value: n.value,
      unit,
      about,
      sentence: doc.slice(s.start, s.end),
      start,
      end: n.end,
    });
  }
  return out;
}

/** Where a clause starts inside a sentence: after ";" or ":", or ", and" / ", but" / "and that". */
const CLAUSE_BOUNDARY = /[;:]\s+|,\s+(?:and|but|while|whereas)\s+(?:that\s+)?|\band\s+that\s+/gi;
/** The words that lead a date phrase ("by the end of", "in early", "since"), left out of what happened. */
const DATE_LEAD = /(?:\b(?:on|in|since|by|until|from|last|this|next|at|before|after)(?:\s+(?:the\s+)?(?:end|start|beginning|middle|close)\s+of)?(?:\s+(?:early|mid|late))?)?\s*$/i;

export function dateFacts(doc: string, folded: string, sentences: Span[], dates: DateMatch[]): Fact[] {
  const out: Fact[] = [];
  for (const d of dates) {
    const s = sentenceAt(sentences, d.start);
    // A byline's date ("By Jane Roe Published Monday") is when the article appeared, not what it reports.
    if (!s || isBylineSentence(folded.slice(s.start, s.end))) continue;
    // "Today" is the article's own date: it tells a reader nothing the dateline does not.
    if (/^(?:today|tonight)$/i.test(d.text)) continue;
    // What happened then: the date's own clause without the date phrase ("…, and that BP remained on
    // track to cut costs by the end of 2026" is about cutting costs, not the sentence's first clause).
    // A wire dateline opening the sentence ("WASHINGTON - ", "MUNICH, Nov 13 (Reuters) - ") is no part of what happened.
    const dl = datelineAt(folded, s.start);
    const lead = folded.slice(dl ? Math.min(dl.end, d.start) : s.start, d.start);
    const bounds = [...lead.matchAll(CLAUSE_BOUNDARY)];
    const last = bounds.at(-1);
    const before = (last ? lead.slice(last.index! + last[0].length) : lead).replace(DATE_LEAD, '');
    const after = folded.slice(dl && d.end < dl.end ? dl.end : d.end, s.end).replace(/^[,\s]+/, '');
    // A subject and its verb after a dateline are the clause's start however short ("NASA announced").
    const full = before.trim().length > 15 || (!!dl && /\S\s+\S/.test(before.trim()));
    let about = (full ? before.trim() + ' ' + after : after)
      .replace(/[,;]\s*$/, '')
      .trim();
    const cut = about.search(/,\s+(?:aiming|which|while|who|as|after|before|and|but|when)\b/);
    if (cut > 20) about = about.slice(0, cut);
    // Nor is the dash of an attribution line ("— David McKinley on Sunday, …", the dash folded to "-").
    about = about.replace(/[.!?"]+$/, '').replace(/^[\s,\u060C\-–—]+/, '').trim();
    // The date taken out of the clause leaves its preposition behind ("Sentencing is scheduled for").
    about = about.replace(/\s+(?:for|on|in|at|by|until|since|from|through|before|after|during|of|to)$/i, '');
    out.push({
      kind: 'date',
      text: doc.slice(d.start, d.end),
      value: d.value,
      unit: null,
      about: about || null,
      sentence: doc.slice(s.start, s.end),
      start: d.start,
      end: d.end,
    });
  }
  return out;
}

/**
 * The facts a reader is shown: none from the headline when there is a body (its numbers come again in
 * the text, in a sentence: "Four — Companies with Asset Freeze"), and each count or date once (a story
 * repeats "five companies" in every paragraph).
 */
export function keyFacts(facts: Fact[], titleEnd: number, hasBody: boolean): Fact[] {
  const seen = new Set<string>();
  return facts.filter((f) => {
    if (hasBody && f.start < titleEnd) return false;
    const key = f.kind === 'number' ? `n|${f.value}|${f.unit}` : `${f.kind}|${f.value}|${f.unit}|${f.about?.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
