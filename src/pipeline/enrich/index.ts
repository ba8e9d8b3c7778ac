// enrich: hashtags, keyphrases, entities with canonical names and roles, facts, quotes and an
// extractive summary of one article, computed offline and synchronously. enrichStory does the
// same across the articles of a story.
import type { Enrichment, Entity, EntityMention, EntityType } from '../../domain/types.ts';
import { detectLanguage, englishShare, foldTypographyKeepOffsets, splitSentences, type Span } from '../normalize/index.ts';
import { canonicalNames } from './canonical.ts';
import { dateFacts, keyFacts, numberFacts } from './facts.ts';
import { withoutDateline } from './dateline.ts';
import { camelCase, makeHashtags, type HashtagEntity } from './hashtags.ts';
import { aliasKey, gazetteer, isNationalityWord } from './gazetteer.ts';
import { keyphraseCandidates, keyphrasesAndTopics, type Keyphrase } from './keyphrases.ts';
import { asKeyed, withoutNameParts } from './keyphrase-names.ts';
import { addRepeatedNames, COMPASS, findNames, nerRules, numericMentions, type RawMention } from './ner/index.ts';
import { findDates, findNumbers } from './numbers.ts';
import { CALENDAR_WORDS } from './ner/names.ts';
import { findQuotes } from './quotes.ts';
import { refineNames } from './refine.ts';
import { roleAfter, roleBefore } from './roles.ts';
import { foldScripts, foldShortNames, hashtagConcept, mainLanguage, nameIn } from './story.ts';
import { pickSummary, type SummarySentence } from './summary.ts';
import * as ar from './arabic/index.ts';

export { opensStory } from './dateline.ts';
export { camelCase } from './hashtags.ts';
export { rankKeyphrases } from './keyphrases.ts';
export { findNumbers } from './numbers.ts';
export { conceptKey, foldScripts, mainLanguage, nameIn, sameQuote } from './story.ts';

export interface EnrichInput {
  title: string;
  text: string;
  published?: string | null;
  language?: string | null;
}

export interface EnrichOptions {
  /** Number of summary sentences (default 3). */
  summarySentences?: number;
}

/**
 * Enriches one article. Offsets (mentions, facts, quotes) are JavaScript string indices into
 * `title + "\n\n" + text` (just `text` when the title is empty).
 */
export function enrich(input: EnrichInput, opts: EnrichOptions = {}): Enrichment {
  const title = input.title.trim();
  const doc = title ? `${title}\n\n${input.text}` : input.text;
  return enrichDocument(doc, {
    titleEnd: title ? title.length : 0,
    published: input.published ?? null,
    language: input.language ?? null,
    summarySentences: opts.summarySentences,
  });
}

export interface DocumentOptions extends EnrichOptions {
  /** The title is doc.slice(0, titleEnd) (0: no title). */
  titleEnd: number;
  published?: string | null;
  language?: string | null;
}

/** Enriches a whole document as read (title line included); offsets are into `doc`. */
export function enrichDocument(doc: string, opts: DocumentOptions): Enrichment {
  const { folded, titleEnd, language, sentences } = prepare(doc, opts);
  const published = parseDate(opts.published);

  // Entities.
  let names: RawMention[] = [];
  // The tagger is trained on English; a short text's detected language is too unsure to skip it.
  const english = !language || language === 'en' || (!opts.language && doc.length - titleEnd < 400);
  const arabic = language === 'ar';
  const arabicNames = arabic ? ar.findArabicNames(folded, sentences) : [];
  if (arabic) names = arabicNames;
  else if (english) names = refineNames(folded, addRepeatedNames(folded, sentences, findNames(folded, sentences)), titleEnd);
  const numbers = arabic ? ar.arabicNumbers(folded, findNumbers(folded)) : findNumbers(folded);
  const dates = arabic ? [...findDates(folded, published), ...ar.arabicDates(folded, published)] : findDates(folded, published);
  const all = [...names, ...numericMentions(numbers, dates, names)].sort((a, b) => a.start - b.start);
  const canon = arabic ? ar.arabicCanonicals(all) : canonicalNames(all, folded);
  const mentions: EntityMention[] = all.map((m, i) => {
    const nationality = !arabic && isNationality(m, folded);
    return {
      text: doc.slice(m.start, m.end),
      type: nationality ? 'MISC' : m.type as EntityType,
      start: m.start,
      end: m.end,
      canonical: nationality ? nationalityName(m.text) : canon[i]!,
    };
  });
  const entities = groupEntities(mentions, folded, titleEnd);
  if (arabic) ar.addArabicRoles(entities, arabicNames);

  // Facts and quotes.
  const facts = keyFacts([
    ...numberFacts(doc, folded, sentences, numbers.filter((n) => !dates.some((d) => n.start < d.end && n.end > d.start))),
    ...dateFacts(doc, folded, sentences, dates),
  ].sort((a, b) => a.start - b.start), titleEnd, sentences.some((s) => s.start >= titleEnd));
  const found = findQuotes(folded, sentences, mentions);
  const quotes = (arabic ? ar.arabicSpeakers(found, folded, sentences, mentions) : found).map((q) => ({ ...q, text: doc.slice(q.start, q.end) }));

  // Keyphrases and hashtags.
  let ranked: Keyphrase[];
  let topics: Keyphrase[];
  if (arabic) ranked = topics = ar.topicsBesideNames(ar.arabicTopics(folded, sentences), entities);
  else {
    const found = keyphrasesAndTopics(folded, sentences, 20, language, titleEnd);
    const kept = new Set(withoutNameParts([...new Set([...found.keyphrases, ...found.topics])], folded, names, found.keyphrases));
    ranked = found.keyphrases.filter((k) => kept.has(k));
    topics = found.topics.filter((k) => kept.has(k));
  }
  // Topics are tagged where a tagger or a language's own ranker vetted them (English, Arabic).
  const hashtags = makeHashtags(entities, topics, folded, 8, 3, titleEnd, !language || language === 'en' || arabic);
  const keyphrases = arabic ? ranked.map((k) => k.phrase) : asKeyed(ranked.map((k) => k.phrase), mentions);

  // Summary from the body sentences.
  const body = sentences.filter((s) => s.start >= titleEnd);
  const picked = pickSummary(
    body.map((s, i) => ({ text: s.text, doc: 0, index: i, of: body.length })),
    { sentences: opts.summarySentences ?? 3, title: doc.slice(0, titleEnd) },
  );
  return {
    language,
    hashtags,
    keyphrases: keyphrases.slice(0, 10),
    entities: entities.map(({ first: _f, firstEnd: _e, inTitle: _t, whole: _w, ...e }) => e),
    mentions,
    facts,
    quotes,
    summary: picked.map((i) => withoutDateline(doc.slice(body[i]!.start, body[i]!.end))),
  };
}

/** The text as every part of enrich() reads it: folded, its language, its sentences with the title apart. */
function prepare(doc: string, opts: DocumentOptions): { folded: string; titleEnd: number; language: string | null; sentences: Span[] } {
  const folded = foldTypographyKeepOffsets(doc);
  const titleEnd = opts.titleEnd;
  // A couple of paragraphs tell the language as well as the whole text, at a fraction of the cost.
  const language = opts.language ?? languageOf(doc.slice(titleEnd, titleEnd + 400));
  return { folded, titleEnd, language, sentences: titleSplit(splitSentences(folded), titleEnd) };
}

/**
 * Every keyphrase candidate of an article with the features the ranker reads, from the same text and
 * sentences as enrich() (scripts/train-keyphrases.ts fits the ranker on them).
 */
export function keyphraseCandidatesOf(input: EnrichInput): ReturnType<typeof keyphraseCandidates> {
  const title = input.title.trim();
  const doc = title ? `${title}\n\n${input.text}` : input.text;
  const { folded, titleEnd, language, sentences } = prepare(doc, { titleEnd: title ? title.length : 0, language: input.language ?? null });
  return keyphraseCandidates(folded, sentences, language, titleEnd);
}

/**
 * A nationality ("Iraqi", "Scottish") found as a place: newswire annotation keeps it apart from people,
 * organisations and places (CoNLL's MISC), as the issue asks of the entity list. It is named as written,
 * in ordinary case ("IRAQI" in a wire headline is Iraqi), so it never doubles its country in the list.
 */
function isNationality(m: RawMention, folded: string): boolean {
  // Read as an organisation too: "SCOTTISH" cut from a headline's "SCOTTISH PREMIERSHIP SUMMARIES".
  if ((m.type === 'LOC' || (nerRules.countryPlace && m.type === 'ORG')) && gazetteer().demonyms.has(aliasKey(m.text))) return true;
  // A faith or creed written as one adjective or noun ("two Muslim women", "Nazi crimes", "Sunni") is newswire's
  // MISC too: no place, and no organisation without its head noun ("Islamic State").
  if (CREED.test(m.text)) return true;
  // "South Korean", "North American": refine's compass word before a nationality.
  const compass = /^(\S+) (\S+)$/.exec(m.text);
  if (nerRules.compassNationality && compass && COMPASS.test(compass[1]!.toLowerCase()) && isNationalityWord(compass[2]!)) return true;
  // A word read as a place that is written as a nationality and names no known place ("traditional Korean dances", of
  // both Koreas), after no capitalised word (refine.ts joins a compass word before it), nor before a kind of place
  // ("Fujian province").
  return m.type === 'LOC' && isNationalityWord(m.text) &&
    !/\p{Lu}\p{L}*\s+$/u.test(folded.slice(Math.max(0, m.start - 20), m.start)) && !/^\s+(?:province|region|city|county|prefecture)\b/i.test(folded.slice(m.end, m.end + 20));
}

const CREED = /^(?:Muslim|Moslem|Christian|Jewish|Catholic|Protestant|Buddhist|Hindu|Sikh|Sunni|Shi'?ite|Islamist|Nazi|Zionist|Mormon|Anglican|Methodist|Baptist|Lutheran)s?$/;

const nationalityName = (text: string): string => (text === text.toUpperCase() ? text.charAt(0) + text.slice(1).toLowerCase() : text);

/** The title is always its own sentence, even without final punctuation. */
function titleSplit(sentences: Span[], titleEnd: number): Span[] {
  if (!titleEnd) return sentences;
  const out: Span[] = [];
  for (const s of sentences) {
    if (s.start < titleEnd && s.end > titleEnd) {
      out.push({ text: s.text.slice(0, titleEnd - s.start), start: s.start, end: titleEnd });
      const rest = s.text.slice(titleEnd - s.start);
      const lead = rest.length - rest.trimStart().length;
      if (rest.trim()) out.push({ text: rest.trim(), start: titleEnd + lead, end: s.end });
    } else out.push(s);
  }
  return out;
}

function groupEntities(mentions: EntityMention[], folded: string, titleEnd: number): HashtagEntity[] {
  const byKey = new Map<string, HashtagEntity>();
  const starts = new Set(mentions.map((m) => m.start));
  let lastEnd = 0;
  for (const m of mentions) {
    // A role never reaches back over another person's name ("X and Iraqi Prime Minister Y").
    const limit = lastEnd;
    if (m.type === 'PER') lastEnd = m.end;
    if (m.type === 'DATE' || m.type === 'MONEY' || m.type === 'QUANTITY') continue;
    const key = m.type + ':' + m.canonical;
    let e = byKey.get(key);
    if (!e) {
      e = { canonical: m.canonical, type: m.type, mentions: 0, role: null, first: m.start, firstEnd: m.end, inTitle: false };
      byKey.set(key, e);
    }
    e.mentions++;
    // (A headline's capitals say nothing of where a name ends: "Seattle Police Arrest …".)
    if (m.start >= titleEnd) e.whole = (e.whole ?? 0) + (isCutShort(folded, m.end, starts) ? 0 : 1);
    if (m.start < titleEnd) e.inTitle = true;
    if (m.type === 'PER' && !e.role) e.role = roleBefore(folded, m.start, limit) ?? roleAfter(folded, m.end);
  }
  return [...byKey.values()].sort((a, b) => b.mentions - a.mentions || a.first - b.first);
}

/**
 * A name the tagger stopped short of the capitalised words that go on after it ("the Google Stadia Red Dead
 * Redemption 2 port" read as "Google Stadia Red Dead"): the next word, after one space, is capitalised, in no
 * mention of its own, no title ("NASA Administrator Jim Bridenstine") and no day or month.
 */
function isCutShort(folded: string, end: number, starts: Set<number>): boolean {
  const next = /^ (\p{Lu}\p{Ll}+)\b/u.exec(folded.slice(end, end + 30));
  if (!next || starts.has(end + 1)) return false;
  const word = next[1]!.toLowerCase();
  // (A day or month after a name is when, not more of the name: "told TODAY's Ann Curry Friday".)
  return !gazetteer().titleWords.has(word) && !CALENDAR_WORDS.has(word);
}

/** English is recognised by its function words (cheap and sure on news); other texts go to franc. */
function languageOf(sample: string): string | null {
  const share = englishShare(sample);
  return share !== null && share >= 0.2 ? 'en' : detectLanguage(sample);
}

function parseDate(s: string | null | undefined): Date | null {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface StoryArticle {
  title: string;
  text: string;
  outlet: string;
  /** The article's hashtags when already known (its stored enrichment): it is then not enriched again. */
  hashtags?: string[];
  /** Its entities and language, known with its hashtags (they tell which tags name one concept). */
  entities?: Entity[];
  language?: string | null;
}

/**
 * Hashtags and a multi-document summary of the articles of one story (listed earliest first). A concept
 * tagged in several languages (#Iraq, #العراق) is one tag, written in the story's main language.
 */
export function enrichStory(articles: StoryArticle[], opts: EnrichOptions = {}): { hashtags: string[]; summary: string[] } {
  if (!articles.length) return { hashtags: [], summary: [] };
  type Tally = { n: number; docs: Set<number>; first: number; tags: string[] };
  const counts = new Map<string, Tally>();
  const sentences: SummarySentence[] = [];
  const enriched = articles.map((a) => a.hashtags ? { hashtags: a.hashtags, entities: a.entities ?? [], language: a.language ?? null } : enrich({ title: a.title, text: a.text, language: a.language }));
  const main = mainLanguage(enriched.map((e) => e.language));
  articles.forEach((a, d) => {
    const known = enriched[d]!;
    const tags = known.hashtags;
    tags.forEach((h, i) => {
      const key = hashtagConcept(h, known.entities);
      // A topic is a word of its article's language; a story in several shows its main language's topics.
      if (key.startsWith('TAG:') && known.language && known.language !== main) return;
      const c = counts.get(key) ?? { n: 0, docs: new Set<number>(), first: i, tags: [] };
      c.n += tags.length - i;
      c.docs.add(d);
      c.first = Math.min(c.first, i);
      if (!c.tags.includes(h)) c.tags.push(h);
      counts.set(key, c);
    });
    const body = splitSentences(a.text);
    body.forEach((s, i) => sentences.push({ text: s.text, doc: d, index: i, of: body.length }));
  });
  const fold = (into: Tally, from: Tally) => {
    into.n += from.n;
    for (const d of from.docs) into.docs.add(d);
    into.first = Math.min(into.first, from.first);
    into.tags.push(...from.tags);
  };
  foldScripts(counts, (c) => c.tags[0]!.slice(1), fold);
  foldShortNames(counts, (c) => c.tags[0]!.slice(1), fold);
  const hashtags = [...counts.entries()]
    .sort((a, b) => b[1].docs.size - a[1].docs.size || b[1].n - a[1].n || a[1].first - b[1].first)
    .slice(0, 8)
    .map(([key, c]) => {
      const name = nameIn(c.tags.map((t) => t.slice(1)), key, main);
      return c.tags.includes('#' + name) ? '#' + name : '#' + camelCase(name);
    });
  const picked = pickSummary(sentences, { sentences: opts.summarySentences ?? 3, title: articles[0]!.title, lambda: 0.6 });
  return { hashtags, summary: picked.map((i) => withoutDateline(sentences[i]!.text)) };
}
