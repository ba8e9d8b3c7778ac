// Keyphrase ranking in the PositionRank family (Florescu & Caragea 2017). Candidates are noun phrases of
// one to four words (adjectives and nouns ending in a noun, from the `wink-pos-tagger` part-of-speech
// tagger); a random walk over the co-occurrence graph of their words, biased toward words seen early and
// often, scores the words; a phrase scores by its words, its frequency and its first position.
// Hand-written because the npm keyword tools are frequency counters (keyword-extractor,
// retext-keywords) or RAKE, which rank far below this class on news. Languages other than English
// (no tagger) take runs of non-stop words as candidates.
import { stemmer } from 'stemmer';
import { remembered, type Span } from '../normalize/index.ts';
import { datelineAt, isSignOffSentence } from './dateline.ts';
import { blankLinks } from './links.ts';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { isCommonWordForm, isDictionaryWordForm } from './common-words.ts';
import { gazetteer } from './gazetteer.ts';
import { loadModel } from './ner/tagger.ts';
import { mayNeedTruecasing, truecaseWords } from './ner/truecase.ts';
import { STOPWORDS, stopwordsFor } from './stopwords.ts';
import { MONTHS, WEEKDAYS } from './numbers.ts';
import { posTags, unigram, type Unigrammed } from './pos.ts';
import { joinAmpersandNames, tokenizeWords, type Token } from './tokens.ts';
import { proseEdges, wholeWordAt } from './whole-word.ts';

export interface Keyphrase {
  phrase: string;
  /** Porter stems, space-joined: the identity used to merge variants. */
  stem: string;
  score: number;
  /**
   * Where the learned ranker ranks: how well the candidate stands for a topic of the text (its score with the
   * model's `topicShift` for single words). The keyphrase list (`score`) prefers phrases as people write keyphrases;
   * a hashtag is one concept, and a specific single word ("zearalenone") makes as good a one as a phrase.
   */
  topicScore?: number;
  count: number;
  first: number;
  /** A name with "of" ("Bishop of Durham"): listed as a keyphrase, offered as no topic (the entities tag names). */
  ofName?: true;
}

// Chosen on the 500N-KPCrowd and Inspec runs of scripts/eval-keyphrases.ts (docs/benchmarks.md has the
// grid): phrase score = word scores / sqrt(length), so a phrase needs strong words to beat its head noun;
// log frequency (weight 2) and first position weigh in as PositionRank does.
const WINDOW = 10;
const DAMPING = 0.85;
const MAX_WORDS = 4;
const TF_WEIGHT = 2;
const POSITION_WEIGHT = 0.2;
const LENGTH_EXP = 0.5;
/** A phrase the headline holds scores (1 + TITLE_WEIGHT) times as much (fourth pass, docs/benchmarks.md). */
const TITLE_WEIGHT = 1;
/** MultipartiteRank's published settings (Boudin 2018): topic cut at Jaccard distance 0.74, boost 1.1. */
const MPR_THRESHOLD = 0.74;
const MPR_ALPHA = 1.1;

const NOUN = /^NNP?S?$/;
const ADJ = /^JJ[RS]?$/;
/** A contraction ("it's", "haven't", "they're") is no word of a phrase, whatever the tagger calls it. */
const CONTRACTION = /(?:n't|'(?:re|ve|ll|d|m))$|^(?:let|it|that|what|he|she|there|here|who)'s$/i;

const PARTICIPLE = /^VB[NG]$/;
const AUXILIARY = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'has', 'have', 'had', 'having', "'s", "'re", "'ve"]);

/**
 * A capitalised word inside a run of capitalised words, not the sentence's first: part of a name whatever
 * the tagger says ("the US State Department": "State" tagged a verb left "Department" a phrase alone).
 */
function inName(words: readonly string[], i: number): boolean {
  if (i === 0 || !/^\p{Lu}\p{Ll}/u.test(words[i]!)) return false;
  const cap = (w: string | undefined) => !!w && /^\p{Lu}/u.test(w);
  return (i > 1 && cap(words[i - 1])) || cap(words[i + 1]);
}

const isContent = remembered(isContentWord);
/**
 * Days and months (not "March" or "May", which are also common words): when a story happened is no topic of it, and a
 * reader does not follow #Tuesday.
 */
const CALENDAR = new Set([...WEEKDAYS, ...MONTHS.filter((m) => m !== 'march' && m !== 'may')]);

function isContentWord(w: string): boolean {
  if (!/\p{L}/u.test(w)) return false;
  if (/^\p{Lu}{2,}$/u.test(w) || /^(?:\p{Lu}\.)+$/u.test(w)) return true; // US, U.S., NATO
  const lw = w.toLowerCase();
  if (STOPWORDS.has(lw) || lw.length < 2) return false;
  return !/^(?:'s|-)$/.test(lw);
}

/**
 * What tokensOf reads of a word, looked up once per distinct word (one cache lookup per token instead of a
 * handful, and no regex run per token).
 */
interface WordFacts {
  unigram: Unigrammed;
  /** "US", "U.S.", "NATO". */
  acronym: boolean;
  capital: boolean;
  /** "has", "is": a participle after it is the verb. */
  auxiliary: boolean;
  /** May stand in a phrase: has a letter, is no contraction nor a day's or month's name. */
  phraseWord: boolean;
  content: boolean;
  /** Its stem, once asked for. */
  stem?: string;
}
const wordFacts = remembered((w: string): WordFacts => ({
  unigram: unigram(w),
  // "G7", "3D", "MP3", "A380" name things as acronyms do.
  acronym: (/^\p{Lu}[\p{Lu}.&]+$/u.test(w) && /\p{Lu}.*\p{Lu}/u.test(w)) || (/^[\p{Lu}\p{N}]{2,6}$/u.test(w) && /\p{Lu}/u.test(w) && /\p{N}/u.test(w)),
  capital: /^\p{Lu}/u.test(w),
  auxiliary: AUXILIARY.has(w.toLowerCase()),
  phraseWord: /\p{L}/u.test(w) && !CONTRACTION.test(w) && !CALENDAR.has(w.toLowerCase()),
  content: isContent(w),
}));
/** What tokensOf reads of a part-of-speech tag. */
const tagFacts = remembered((pos: string) => ({ proper: pos.startsWith('NNP'), noun: NOUN.test(pos), adjective: ADJ.test(pos), participle: PARTICIPLE.test(pos) }));

/** Porter stem of a lower-case word, cached (the stemmer's regexes are costly). */
export const stemWord = remembered((w: string): string => stemmer(w));

export function stemOf(phrase: string): string {
  return phrase
    .toLowerCase()
    .split(/\s+/)
    .map((w) => stemWord(w.replace(/\./g, '')))
    .join(' ');
}

/** Whether `body` writes a word in lower case more often than capitalised (in prose, not in web addresses). */
function writtenLower(body: string, capitalised: string, lower: string): boolean {
  let n = 0;
  for (const _ of wholeWordAt(body, lower, proseEdges)) n++;
  if (!n) return false;
  for (const _ of wholeWordAt(body, capitalised, proseEdges)) if (--n === 0) return false;
  return true;
}

/** The body writes `word` as the last word of a full name ("Andrea Levy", "Jack Straw"): it is a name where it opens a sentence. */
function surnameIn(body: string, word: string, known: Map<string, boolean>): boolean {
  let answer = known.get(word);
  if (answer === undefined) {
    answer = false;
    for (const at of wholeWordAt(body, word, proseEdges)) if (/\p{Lu}[\p{Ll}'’-]+ $/u.test(body.slice(Math.max(0, at - 30), at))) { answer = true; break; }
    known.set(word, answer);
  }
  return answer;
}

/**
 * A headline's verb that the tagger read as a plural noun: "Hallworth backs maternity pay plan", "Peugeot deal boosts
 * Mitsubishi". Headlines drop the article before a noun, so "backs" after a name looks like a compound's head; a word
 * that may be a verb, has words after it and that the body never writes is the headline's verb, and "Hallworth backs" no
 * phrase. A word the body writes ("Oil prices rise" over a story about prices) stays a noun.
 */
function headlineVerb(words: string[], i: number, unigrammed: Unigrammed, body: string): boolean {
  const w = words[i]!;
  if (i === 0 || i === words.length - 1 || !/^\p{Ll}+s$/u.test(w) || !unigrammed.poses.includes('VBZ')) return false;
  for (const _ of wholeWordAt(body, w, proseEdges)) return false;
  return true;
}

/**
 * "3D" as one word: the tokeniser reads a number, then a letter ("3" + "D"), as the entity tagger's training text was
 * split; a keyphrase "D graphics" names nothing.
 */
function joinDigitCapitals(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const a = tokens[i]!, b = tokens[i + 1];
    if (b && a.end === b.start && /^\d{1,3}$/.test(a.text) && /^\p{Lu}{1,3}$/u.test(b.text)) {
      out.push({ text: a.text + b.text, start: a.start, end: b.end });
      i++;
    } else out.push(a);
  }
  return out;
}

/** One token of the text: its surface, its stem (null when it cannot be in a phrase) and its kind. */
interface Tok { surface: string; stem: string | null; noun: boolean; participle?: boolean }

/**
 * Tokens of each sentence; English ones tagged (nouns and adjectives that are no stop words keep a stem).
 * `titleTokens` counts the tokens of the sentences that end by `titleEnd`.
 */
function tokensOf(text: string, sentences: Span[], foreign: Set<string> | null, english: boolean, titleEnd: number): { sents: Tok[][]; titleTokens: number } {
  // A link is an address, not words: "https" of an embedded tweet's "https://t.co/…" is no topic.
  const folded = blankLinks(text);
  const out: Tok[][] = [];
  let titleTokens = 0;
  const body = folded.slice(titleEnd);
  const surnames = new Map<string, boolean>();
  for (const s of sentences) {
    // A dateline ("LONDON (Reuters) - ") says where the story was filed, not what it is about.
    // (Not in the headline, the first line: "SOCCER - JAPAN GET LUCKY WIN" opens with a topic slug. A text with
    // no headline opens with its story.)
    const atLine = s.start > 0 ? folded[s.start - 1] === '\n' : titleEnd === 0;
    const from = (atLine && datelineAt(folded, s.start)?.end) || s.start;
    // Nor is a wire sign-off: who reported and edited it.
    if (isSignOffSentence(s.text)) continue;
    let words = joinDigitCapitals(joinAmpersandNames(tokenizeWords(folded, from, s.end))).map((t) => t.text);
    if (!words.length) continue;
    const toks: Tok[] = [];
    if (english) {
      // A shouted or Title Case headline is tagged as ordinary text, recased as the entity tagger reads
      // it: in capitals every word looks a name, and "Oil Major Beats Profit Forecasts" one long name.
      if (mayNeedTruecasing(folded.slice(from, s.end))) words = truecaseWords(words, loadModel(), gazetteer());
      // A common word capitalised only for starting the sentence ("Shares in BP rose") is no name; nor is a
      // headline's first word that the body writes in lower case more than capitalised, a name after it or not
      // ("House Hitler was born in …", "Bubonic plague case …").
      const first = words[0]!;
      const lower = first.toLowerCase();
      if (/^\p{Lu}\p{Ll}+$/u.test(first) && !gazetteer().places.has(lower) &&
        ((!/^\p{Lu}/u.test(words[1] ?? '') && isCommonWordForm(lower) && !(wordFacts(first).content && surnameIn(body, first, surnames))) ||
          (s.end <= titleEnd && writtenLower(body, first, lower)))) {
        words = [lower, ...words.slice(1)];
      }
      const facts = words.map(wordFacts);
      const tagged = posTags(words, facts.map((f) => f.unigram));
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        const f = facts[i]!;
        const tag = tagFacts(tagged[i] ?? '');
        const acronym = f.acronym;
        const proper = (tag.proper && f.capital) || inName(words, i);
        const noun = tag.noun || acronym || proper;
        // A participle before a noun modifies it ("distributed parameter model", "rising prices"); after
        // "has" or "is" it is the verb ("has raised prices").
        const participle = tag.participle && !(i > 0 && facts[i - 1]!.auxiliary);
        const ok = (noun || tag.adjective || participle) && f.phraseWord && (proper || acronym || f.content) &&
          !(s.end <= titleEnd && headlineVerb(words, i, f.unigram, body));
        toks.push({ surface: w, stem: ok ? (f.stem ??= stemWord(w.toLowerCase().replace(/\./g, ''))) : null, noun: ok && noun, participle: ok && !noun && !tag.adjective });
      }
    } else {
      for (const w of words) {
        const ok = isContent(w) && !foreign?.has(w.toLowerCase());
        toks.push({ surface: w, stem: ok ? stemWord(w.toLowerCase().replace(/\./g, '')) : null, noun: ok });
      }
    }
    out.push(toks);
    if (s.end <= titleEnd) titleTokens += toks.length;
  }
  return { sents: out, titleTokens };
}

/** Noun phrases: maximal runs of phrase words ending in a noun, at most MAX_WORDS (the head end kept). */
function chunks(toks: Tok[], english: boolean): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  while (i < toks.length) {
    if (toks[i]!.stem === null) { i++; continue; }
    let j = i;
    while (j < toks.length && toks[j]!.stem !== null) j++;
    // A name that closes a run of common words ("director Rupert Goold", "private placement Facebook") is
    // a phrase of its own: the run is cut where its closing capitalised words begin. ("linear Diophantine
    // equations" ends in a common word and stays whole.) English only: German capitalises every noun.
    let k = english ? j : i;
    while (k > i && /^\p{Lu}/u.test(toks[k - 1]!.surface)) k--;
    if (k > i && k < j && /^\p{Ll}/u.test(toks[k - 1]!.surface)) {
      let end = k;
      while (end > i && !toks[end - 1]!.noun) end--;
      if (end > i) out.push([Math.max(i, end - MAX_WORDS), end]);
      i = k;
    }
    let end = j;
    while (end > i && !toks[end - 1]!.noun) end--;
    if (end > i && !(english && end - i === 1 && closesOfName(toks, i))) out.push([Math.max(i, end - MAX_WORDS), end]);
    i = j;
  }
  return out;
}

/** A name with "of" in a sentence's tokens: [start, "of", the words after "of" (and "the"), end). */
type OfName = [number, number, number, number];

/**
 * Names with "of": capitalised phrase words on both sides ("National Union of Journalists", "Mary Queen of Scots",
 * "Book of the Year"), at most four of them in all.
 */
function ofNames(toks: Tok[]): OfName[] {
  const out: OfName[] = [];
  const capital = (t: Tok | undefined) => !!t && t.stem !== null && /^\p{Lu}/u.test(t.surface);
  for (let m = 1; m < toks.length - 1; m++) {
    if (toks[m]!.surface !== 'of' || !capital(toks[m - 1])) continue;
    const r = toks[m + 1]!.surface === 'the' ? m + 2 : m + 1;
    let a = m;
    while (a > 0 && capital(toks[a - 1]) && m - a < 3) a--;
    let b = r;
    while (b < toks.length && capital(toks[b]) && b - r < 3) b++;
    if (b === r || (m - a) + (b - r) > MAX_WORDS) continue;
    // The whole run only: "Secretary of State Colin Powell" is no name of four words.
    if (capital(toks[b]) || capital(toks[a - 1])) continue;
    out.push([a, m, r, b]);
  }
  return out;
}

/**
 * A capitalised common word that closes a name with "of" ("Secretary of State", "Department of Energy"):
 * the name's last word, which alone says nothing of the story ("Bank of England": "England" is a name
 * of its own and stays).
 */
function closesOfName(toks: Tok[], i: number): boolean {
  const w = toks[i]!.surface;
  return i > 1 && toks[i - 1]!.surface.toLowerCase() === 'of' && /^\p{Lu}/u.test(toks[i - 2]!.surface) &&
    /^\p{Lu}\p{Ll}+$/u.test(w) && isCommonWordForm(w.toLowerCase()) && !gazetteer().places.has(w.toLowerCase());
}

/**
 * The ranking methods over the same candidates: ours, and the baselines the evaluation runs beside it
 * (TextRank: an unbiased walk with a window of 2, phrases by the sum of their words; FirstPhrases:
 * candidates in text order; MultipartiteRank: a walk over a graph of candidates grouped into topics).
 */
export type KeyphraseMethod = 'positionrank' | 'textrank' | 'firstphrases' | 'multipartite';

/** `titleEnd`: where the headline ends in `folded` (0: no headline); its phrases weigh more (ours only). */
export function rankKeyphrases(folded: string, sentences: Span[], limit = 15, language: string | null = null, method: KeyphraseMethod = 'positionrank', titleEnd = 0,
  opts: { handTuned?: boolean; collect?: { phrase: string; stem: string; features: Float64Array }[] } = {}): Keyphrase[] {
  const textrank = method === 'textrank';
  const english = !language || language === 'en';
  const foreign = english ? null : stopwordsFor(language);
  const { sents, titleTokens } = tokensOf(folded, sentences, foreign, english, method === 'positionrank' ? titleEnd : 0);
  // The walk runs over the phrase words in text order (PositionRank's filtered sequence).
  const ids = new Map<string, number>();
  const bias: number[] = [];
  const seq: number[] = [];
  let pos = 0;
  for (const toks of sents) {
    for (const t of toks) {
      pos++;
      if (t.stem === null) continue;
      let id = ids.get(t.stem);
      if (id === undefined) { id = ids.size; ids.set(t.stem, id); bias.push(0); }
      bias[id]! += 1 / pos;
      seq.push(id);
    }
  }
  const n = ids.size;
  if (!n) return [];
  const score = walk(n, seq, textrank ? bias.map(() => 1) : bias, textrank ? 2 : WINDOW);
  // Candidates: each noun phrase. A head noun that also stands alone as a phrase counts its uses inside
  // longer ones ("coalition" in "ruling coalition"); one that never stands alone is no candidate (adding
  // those measured Inspec 24.6 → 22.5 for KPCrowd +0.3).
  const cands = new Map<string, Cand>();
  // One more use of a candidate, or a new one, written as the text writes toks[a..b).
  const addKeyed = (key: string, toks: Tok[], a: number, b: number, len: number, at: number, ofName?: true) => {
    const c = cands.get(key);
    if (c) { c.count++; c.alone++; c.offsets.push(at); return; }
    cands.set(key, { phrase: toks.slice(a, b).map((t) => t.surface).join(' '), stem: key, score: 0, count: 1, first: at, len, offsets: [at], alone: 1, ...(ofName && { ofName }) });
  };
  const add = (toks: Tok[], a: number, b: number, at: number) => {
    let key = toks[a]!.stem!;
    for (let k = a + 1; k < b; k++) key += ' ' + toks[k]!.stem!;
    addKeyed(key, toks, a, b, b - a, at);
  };
  // A name with "of" ("National Union of Journalists", "Bishop of Durham"): keyed by its words' stems, as a phrase of
  // them is, and written whole.
  const addOfName = (toks: Tok[], [a, m, r, b]: OfName, at: number) => {
    const words = [...toks.slice(a, m), ...toks.slice(r, b)];
    addKeyed(words.map((t) => t.stem!).join(' '), toks, a, b, words.length, at, true);
  };
  let at = 0;
  const heads: [Tok[], number, number][] = [];
  const inner: [Tok[], number, number][] = [];
  // A word seen only as a number's unit ("4 percent", "$2 billion", "300 barrels") measures, it is no topic.
  const afterNumber = new Map<string, number>();
  for (const toks of sents) {
    for (const [a, b] of chunks(toks, english)) {
      add(toks, a, b, at + a);
      if (b - a === 1 && a > 0 && /^\d/.test(toks[a - 1]!.surface)) afterNumber.set(toks[a]!.stem!, (afterNumber.get(toks[a]!.stem!) ?? 0) + 1);
      if (method !== 'textrank' && method !== 'multipartite' && b - a > 1) heads.push([toks, b - 1, at + b - 1]);
      // The common words before the head ("world" in "world cup"): readers often list one on its own.
      // Not a name's words ("State" of "State Department") nor a participle ("distributed").
      if (method === 'positionrank' && b - a > 1) {
        for (let k = a; k < b - 1; k++) if (!toks[k]!.participle && /^\p{Ll}/u.test(toks[k]!.surface)) inner.push([toks, k, at + k]);
      }
    }
    if (english && method === 'positionrank') for (const name of ofNames(toks)) addOfName(toks, name, at + name[0]);
    at += toks.length;
  }
  for (const [toks, h, pos] of heads) {
    const c = cands.get(toks[h]!.stem!);
    if (c) { c.count++; c.first = Math.min(c.first, pos); }
  }
  for (const [toks, k, pos] of inner) {
    const c = cands.get(toks[k]!.stem!);
    if (c) { if (c.len === 1) { c.count++; c.first = Math.min(c.first, pos); } continue; }
    cands.set(toks[k]!.stem!, { phrase: toks[k]!.surface, stem: toks[k]!.stem!, score: 0, count: 1, first: pos, len: 1, offsets: [pos], alone: 0 });
  }
  const total = Math.max(1, at);
  if (method === 'firstphrases') return [...cands.values()].sort((a, b) => a.first - b.first).slice(0, limit).map(({ len: _l, offsets: _o, ...c }) => c);
  if (method === 'multipartite') {
    const list = [...cands.values()];
    const mp = multipartite(list, MPR_ALPHA, MPR_THRESHOLD);
    return list.map(({ len: _l, offsets: _o, ...c }, i) => ({ ...c, score: mp[i]! })).sort((a, b) => b.score - a.score).slice(0, limit);
  }
  if (!textrank) for (const [key, n] of afterNumber) if (cands.get(key)?.offsets.length === n) cands.delete(key);
  const list = [...cands.values()];
  if (textrank) return list.map(({ len: _l, offsets: _o, ...c }) => ({ ...c, score: wordSum(c.stem, ids, score) })).sort((a, b) => b.score - a.score).slice(0, limit);
  const freq = new Float64Array(n);
  for (const id of seq) freq[id]!++;
  const feats = candidateFeatures(list, ids, score, english ? walk(n, seq, bias.map(() => 1), 2) : score, total, titleTokens, freq);
  if (opts.collect) list.forEach((c, i) => opts.collect!.push({ phrase: c.phrase, stem: c.stem, features: feats[i]! }));
  const model = english && !opts.handTuned ? keyphraseModel() : null;
  if (!model) return list.map(({ len: _l, offsets: _o, ...c }, i) => ({ ...c, score: Math.exp(feats[i]![0]!) })).sort((a, b) => b.score - a.score).slice(0, limit);
  const ranked = list.map(({ len, offsets: _o, ...c }, i) => {
    const fitted = model.score(feats[i]!);
    return { ...c, score: len === 1 ? fitted - model.singleWordShift : fitted, topicScore: len === 1 ? fitted - model.topicShift : fitted };
  });
  ranked.sort((a, b) => b.score - a.score);
  return ranked.slice(0, limit);
}

function wordSum(stem: string, ids: Map<string, number>, score: Float64Array): number {
  let t = 0;
  for (const w of stem.split(' ')) t += score[ids.get(w)!]!;
  return t;
}

/**
 * What the learned ranker reads of each candidate (scripts/train-keyphrases.ts fits the weights on both
 * sets). The first feature is the hand-tuned PositionRank-style score of earlier passes, in logs: word
 * scores / sqrt(length) x (1 + 2 ln count) x (1 + 0.2 earliness) x 2 in the headline.
 */
export const KEYPHRASE_FEATURES = [
  'handTuned', 'positionRank', 'positionRankMean', 'textRank', 'textRankMean', 'lnCount', 'once', 'firstRel', 'lnFirst',
  'title', 'len1', 'len2', 'len3', 'len4', 'name', 'acronym', 'common', 'dictionary', 'heads', 'within', 'spread',
  'idfMean', 'idfMin', 'idfMax', 'oneLnCount', 'oneIdf', 'oneName', 'oneHeads',
  'innerOnly', 'aloneShare', 'cohesionMin', 'cohesionMax', 'multiCohesion', 'wordFreq', 'oneAlone', 'oneCompound',
  'oneHandTuned', 'onePositionRank', 'oneTextRank', 'oneLnFirst', 'oneTitle', 'oneDictionary', 'oneCommon', 'oneSpread', 'longCompound',
] as const;

/**
 * `alone`: how often the candidate is a noun phrase of its own (not a word inside a longer one). A name with "of"
 * (`ofName`) is not counted in the other candidates' features (they were fitted without such names).
 */
type Cand = Keyphrase & { len: number; offsets: number[]; alone: number };

function candidateFeatures(list: Cand[], ids: Map<string, number>, pr: Float64Array, tr: Float64Array, total: number, titleTokens: number, freq: Float64Array): Float64Array[] {
  const index = new Map<string, number>();
  list.forEach((c, i) => index.set(c.stem, i));
  const heads = new Float64Array(list.length);
  const within = new Float64Array(list.length);
  for (const c of list) {
    if (c.len < 2 || c.ofName) continue;
    const w = c.stem.split(' ');
    const h = index.get(w[w.length - 1]!);
    if (h !== undefined) heads[h]!++;
    for (let a = 0; a < w.length; a++) {
      for (let b = a + 1; b <= w.length; b++) {
        if (b - a === w.length) continue;
        const j = index.get(w.slice(a, b).join(' '));
        if (j !== undefined) within[j]!++;
      }
    }
  }
  // How much of the text's noun-phrase wording is compound ("neural network training"): a text written
  // in compounds is summed up by compounds, one written in plain nouns by words.
  let inPhrases = 0, all = 0;
  for (const c of list) { if (c.ofName) continue; all += c.alone * c.len; if (c.len > 1) inPhrases += c.alone * c.len; }
  const compound = all ? inPhrases / all : 0;
  const tiny = 1e-9;
  return list.map((c, i) => {
    const words = c.stem.split(' ');
    const p = wordSum(c.stem, ids, pr);
    const t = wordSum(c.stem, ids, tr);
    const title = c.first < titleTokens ? 1 + TITLE_WEIGHT : 1;
    const hand = title * (p / c.len ** (1 - LENGTH_EXP)) * (1 + TF_WEIGHT * Math.log(c.count)) * (1 + POSITION_WEIGHT * (1 - c.first / total));
    const surface = c.phrase.split(' ');
    let common = 0, dict = 0, caps = 0, idfSum = 0, idfMin = Infinity, idfMax = 0;
    for (const w of words) { const x = idf(w); idfSum += x; idfMin = Math.min(idfMin, x); idfMax = Math.max(idfMax, x); }
    for (const w of surface) {
      const sf = surfaceFacts(w);
      if (sf.capital) caps++;
      if (sf.common) common++;
      if (sf.dictionary) dict++;
    }
    const f = new Float64Array(KEYPHRASE_FEATURES.length);
    f[0] = Math.log(hand + tiny);
    f[1] = Math.log(p + tiny);
    f[2] = Math.log(p / c.len + tiny);
    f[3] = Math.log(t + tiny);
    f[4] = Math.log(t / c.len + tiny);
    f[5] = Math.log(c.count);
    f[6] = c.count === 1 ? 1 : 0;
    f[7] = c.first / total;
    f[8] = Math.log(1 + c.first);
    f[9] = c.first < titleTokens ? 1 : 0;
    f[10 + Math.min(3, c.len - 1)] = 1;
    f[14] = caps === surface.length ? 1 : 0;
    f[15] = /^\p{Lu}[\p{Lu}.]+$/u.test(c.phrase) ? 1 : 0;
    f[16] = common / surface.length;
    f[17] = dict / surface.length;
    f[18] = Math.log(1 + heads[i]!);
    f[19] = Math.log(1 + within[i]!);
    f[20] = (c.offsets[c.offsets.length - 1]! - c.first) / total;
    f[21] = idfSum / words.length;
    f[22] = idfMin;
    f[23] = idfMax;
    if (c.len === 1) { f[24] = f[5]!; f[25] = f[21]!; f[26] = f[14]!; f[27] = f[18]!; }
    // How the phrase's words behave in this text: a word seen only inside longer phrases; a phrase whose
    // words occur mostly in it ("neural network") is a unit, one whose words go their own ways is not.
    let fmin = Infinity, fmax = 0;
    for (const w of words) { const x = freq[ids.get(w)!]!; fmin = Math.min(fmin, x); fmax = Math.max(fmax, x); }
    f[28] = c.alone ? 0 : 1;
    f[29] = c.alone / c.count;
    f[30] = Math.min(1, c.count / fmin);
    f[31] = Math.min(1, c.count / fmax);
    f[32] = c.len > 1 ? f[30]! : 0;
    f[33] = Math.log(fmax);
    if (c.len === 1) {
      f[34] = f[29]!; f[35] = compound;
      f[36] = f[0]!; f[37] = f[1]!; f[38] = f[3]!; f[39] = f[8]!; f[40] = f[9]!; f[41] = f[17]!; f[42] = f[16]!; f[43] = f[20]!;
    }
    if (c.len > 2) f[44] = compound;
    return f;
  });
}

let df: { n: number; counts: Map<string, number> } | null = null;

/**
 * A stem's inverse document frequency in news (data/keyphrase-df.txt.gz, rebuilt by
 * scripts/build-keyphrase-df.ts): ln(N / (df + 1)); a stem in fewer than two of its texts counts as in one.
 */
export function idf(stem: string): number {
  if (!df) {
    const counts = new Map<string, number>();
    let n = 1;
    for (const line of gunzipSync(readFileSync(new URL('./data/keyphrase-df.txt.gz', import.meta.url))).toString('utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      if (line.startsWith('# documents')) n = Number(line.slice(tab + 1));
      else counts.set(line.slice(0, tab), Number(line.slice(tab + 1)));
    }
    df = { n, counts };
  }
  return Math.log(df.n / ((df.counts.get(stem) ?? 1) + 1));
}

// Each answer stems the word.
const isCommonWordFormCached = remembered(isCommonWordForm);
const isDictionaryWordFormCached = remembered(isDictionaryWordForm);
/** What candidateFeatures reads of a phrase's word as written: one cache lookup per word. */
const surfaceFacts = remembered((w: string) => {
  const lw = w.toLowerCase();
  return { capital: /^\p{Lu}/u.test(w), common: isCommonWordFormCached(lw), dictionary: isDictionaryWordFormCached(lw) };
});

/**
 * The learned ranker: a linear score over standardised features, as scripts/train-keyphrases.ts writes it. `singleWordShift`: how much lower a single word scores in the
 * keyphrase list than the fit says (the sets disagree on single words; see the script); `topicShift`: the same
 * for ranking hashtag topics, where a specific single word is as good a tag as a phrase.
 */
export interface KeyphraseModel { features: string[]; mean: number[]; std: number[]; weights: number[]; singleWordShift?: number; topicShift?: number }
interface Ranker { score(f: Float64Array): number; singleWordShift: number; topicShift: number }

let model: Ranker | null | undefined;

export function linearRanker(m: KeyphraseModel): Ranker {
  const at = m.features.map((name) => KEYPHRASE_FEATURES.indexOf(name as typeof KEYPHRASE_FEATURES[number]));
  if (at.some((i) => i < 0)) throw new Error(`keyphrase model: unknown feature in ${m.features.join(', ')}`);
  return {
    singleWordShift: m.singleWordShift ?? 0,
    topicShift: m.topicShift ?? 0,
    score(f: Float64Array): number {
      let s = 0;
      for (let k = 0; k < at.length; k++) s += m.weights[k]! * (f[at[k]!]! - m.mean[k]!) / m.std[k]!;
      return s;
    },
  };
}

function keyphraseModel(): Ranker | null {
  if (model !== undefined) return model;
  const url = new URL('./data/keyphrase-model.json', import.meta.url);
  model = existsSync(url) ? linearRanker(JSON.parse(readFileSync(url, 'utf8')) as KeyphraseModel) : null;
  return model;
}

/**
 * The first `limit` keyphrases of a text, and its first `limit` candidates as topics (by `topicScore` where the
 * learned ranker ranks; the same list otherwise): enrich() lists the one and tags from the other.
 */
export function keyphrasesAndTopics(folded: string, sentences: Span[], limit: number, language: string | null, titleEnd: number): { keyphrases: Keyphrase[]; topics: Keyphrase[] } {
  const all = rankKeyphrases(folded, sentences, Infinity, language, 'positionrank', titleEnd);
  const keyphrases = all.slice(0, limit);
  if (!all.some((k) => k.topicScore !== undefined)) return { keyphrases, topics: keyphrases };
  return { keyphrases, topics: all.filter((k) => !k.ofName).sort((a, b) => b.topicScore! - a.topicScore!).slice(0, limit) };
}

/** Every candidate of a text with the features the learned ranker reads (for scripts/train-keyphrases.ts). */
export function keyphraseCandidates(folded: string, sentences: Span[], language: string | null, titleEnd: number): { phrase: string; stem: string; features: Float64Array }[] {
  const out: { phrase: string; stem: string; features: Float64Array }[] = [];
  rankKeyphrases(folded, sentences, Infinity, language, 'positionrank', titleEnd, { collect: out });
  return out;
}

/** Biased PageRank over the co-occurrence graph of `seq` (word ids within WINDOW positions). */
function walk(n: number, seq: number[], bias: number[], window: number): Float64Array {
  // Adjacency in flat arrays (CSR) with weights pre-divided by the source's out-weight. Built with typed
  // arrays (a Map per word cost more than the walk): every co-occurrence listed under both its words, in
  // text order, then each word's list counted by distinct neighbour in order of first appearance.
  const end = (i: number) => Math.min(seq.length, i + window);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < seq.length; i++) {
    const x = seq[i]!;
    for (let j = i + 1; j < end(i); j++) if (seq[j] !== x) { start[x + 1]!++; start[seq[j]! + 1]!++; }
  }
  for (let x = 0; x < n; x++) start[x + 1]! += start[x]!;
  const listed = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let i = 0; i < seq.length; i++) {
    const x = seq[i]!;
    for (let j = i + 1; j < end(i); j++) {
      const y = seq[j]!;
      if (y === x) continue;
      listed[fill[x]!++] = y;
      listed[fill[y]!++] = x;
    }
  }
  const bsum = bias.reduce((s, x) => s + x, 0);
  const p = bias.map((x) => x / bsum);
  const offs = new Int32Array(n + 1);
  const to = new Int32Array(start[n]!);
  const wt = new Float64Array(start[n]!);
  const dangling = new Uint8Array(n);
  const slot = new Int32Array(n).fill(-1);
  let k = 0;
  for (let x = 0; x < n; x++) {
    const first = k;
    for (let t = start[x]!; t < start[x + 1]!; t++) {
      const y = listed[t]!;
      if (slot[y]! >= first) { wt[slot[y]!]!++; continue; }
      slot[y] = k;
      to[k] = y;
      wt[k] = 1;
      k++;
    }
    offs[x + 1] = k;
    let total = 0;
    for (let q = first; q < k; q++) total += wt[q]!;
    if (!total) dangling[x] = 1;
    for (let q = first; q < k; q++) wt[q] = wt[q]! / total;
  }
  let score = Float64Array.from(p);
  let next = new Float64Array(n);
  for (let it = 0; it < 30; it++) {
    for (let x = 0; x < n; x++) next[x] = (1 - DAMPING) * p[x]!;
    for (let x = 0; x < n; x++) {
      const sx = DAMPING * score[x]!;
      if (dangling[x]) { next[x]! += sx; continue; }
      for (let k = offs[x]!; k < offs[x + 1]!; k++) next[to[k]!]! += sx * wt[k]!;
    }
    let delta = 0;
    for (let x = 0; x < n; x++) delta += Math.abs(next[x]! - score[x]!);
    const swap = score;
    score = next;
    next = swap;
    if (delta < 1e-5) break;
  }
  return score;
}

/**
 * MultipartiteRank (Boudin 2018): candidates sharing stems are clustered into topics (average-linkage
 * agglomerative clustering on the Jaccard distance of their stem sets, cut at `threshold`); every two
 * candidates of different topics are linked by the sum of 1/distance over their occurrences; the first
 * candidate of each topic takes the weight its topic-mates receive from each neighbour (times `alpha`
 * and a bonus for occurring early); a random walk scores the candidates.
 */
export function multipartite(cands: readonly { stem: string; len: number; offsets: number[] }[], alpha: number, threshold: number): Float64Array {
  const n = cands.length;
  const topic = topics(cands.map((c) => c.stem.split(' ')), threshold);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = cands[i]!;
    for (let j = i + 1; j < n; j++) {
      if (topic[i] === topic[j]) continue;
      const cj = cands[j]!;
      let sum = 0;
      for (const pi of ci.offsets) {
        for (const pj of cj.offsets) {
          // The gap between the nearer ends of the two phrases.
          const gap = pi < pj ? pj - pi - (ci.len - 1) : pi - pj - (cj.len - 1);
          sum += 1 / Math.max(1, gap);
        }
      }
      w[i * n + j] = sum;
      w[j * n + i] = sum;
    }
  }
  if (alpha > 0) {
    const members = new Map<number, number[]>();
    topic.forEach((t, i) => { const m = members.get(t); if (m) m.push(i); else members.set(t, [i]); });
    const boosts: [number, number, number][] = [];
    for (const m of members.values()) {
      if (m.length < 2) continue;
      let first = m[0]!;
      for (const i of m) if (cands[i]!.offsets[0]! < cands[first]!.offsets[0]!) first = i;
      const bonus = alpha * Math.exp(1 / (1 + cands[first]!.offsets[0]!));
      for (let end = 0; end < n; end++) {
        if (!w[first * n + end]) continue;
        let b = 0;
        for (const v of m) if (v !== first) b += w[v * n + end]!;
        if (b) boosts.push([end, first, b * bonus]);
      }
    }
    for (const [from, to, b] of boosts) w[from * n + to]! += b;
  }
  // PageRank over the directed weights (uniform teleport, damping 0.85).
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) { let t = 0; for (let j = 0; j < n; j++) t += w[i * n + j]!; out[i] = t; }
  let score = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let it = 0; it < 100; it++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (!out[i]) dangling += score[i]!;
    next.fill((1 - DAMPING + DAMPING * dangling) / n);
    for (let i = 0; i < n; i++) {
      if (!out[i]) continue;
      const f = (DAMPING * score[i]!) / out[i]!;
      const row = i * n;
      for (let j = 0; j < n; j++) { const x = w[row + j]!; if (x) next[j]! += f * x; }
    }
    let delta = 0;
    for (let i = 0; i < n; i++) delta += Math.abs(next[i]! - score[i]!);
    [score, next] = [next, score];
    if (delta < 1e-6 * n) break;
  }
  return score;
}

/** Topic of each candidate: average-linkage clusters of the Jaccard distance of stem sets, cut at `threshold`. */
function topics(stems: string[][], threshold: number): Int32Array {
  const n = stems.length;
  const sets = stems.map((s) => new Set(s));
  // Candidates that share no stem are at distance 1 and only merge through others: cluster each group of
  // candidates linked by shared stems on its own.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!; return x; };
  const byStem = new Map<string, number>();
  sets.forEach((set, i) => { for (const st of set) { const j = byStem.get(st); if (j === undefined) byStem.set(st, i); else parent[find(i)] = find(j); } });
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) { const r = find(i); const g = groups.get(r); if (g) g.push(i); else groups.set(r, [i]); }
  const topic = new Int32Array(n);
  let next = 0;
  for (const g of groups.values()) {
    if (g.length === 1) { topic[g[0]!] = next++; continue; }
    const m = g.length;
    // Pairwise distance sums between clusters (initially the members themselves).
    const sum = new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      for (let b = a + 1; b < m; b++) {
        const A = sets[g[a]!]!, B = sets[g[b]!]!;
        let inter = 0;
        for (const x of A) if (B.has(x)) inter++;
        const d = 1 - inter / (A.size + B.size - inter);
        sum[a * m + b] = d;
        sum[b * m + a] = d;
      }
    }
    const size = new Int32Array(m).fill(1);
    const alive = new Uint8Array(m).fill(1);
    const of = Int32Array.from({ length: m }, (_, i) => i);
    for (;;) {
      let best = Infinity, ba = -1, bb = -1;
      for (let a = 0; a < m; a++) {
        if (!alive[a]) continue;
        for (let b = a + 1; b < m; b++) {
          if (!alive[b]) continue;
          const d = sum[a * m + b]! / (size[a]! * size[b]!);
          if (d < best) { best = d; ba = a; bb = b; }
        }
      }
      if (ba < 0 || best > threshold) break;
      alive[bb] = 0;
      for (let c = 0; c < m; c++) {
        if (!alive[c] || c === ba) continue;
        const s2 = sum[ba * m + c]! + sum[bb * m + c]!;
        sum[ba * m + c] = s2;
        sum[c * m + ba] = s2;
      }
      size[ba]! += size[bb]!;
      for (let k = 0; k < m; k++) if (of[k] === bb) of[k] = ba;
    }
    const ids = new Map<number, number>();
    for (let k = 0; k < m; k++) { let t = ids.get(of[k]!); if (t === undefined) { t = next++; ids.set(of[k]!, t); } topic[g[k]!] = t; }
  }
  return topic;
}
