// Direct quotes ("…," he said / X said: "…") and reported speech (X stated that …), with the speaker
// resolved to an entity: a named person or organisation, or a pronoun resolved to the last-mentioned one.
import type { Span } from '../normalize/index.ts';
import { RangeMask, spanAt } from './spans.ts';

export interface QuoteMention {
  type: string;
  start: number;
  end: number;
  canonical: string;
}

export interface FoundQuote {
  speaker: string | null;
  text: string;
  verb: string | null;
  direct: boolean;
  start: number;
  end: number;
}

const VERBS =
  'said|says|say|stated|states|told|tells|added|adds|confirmed|confirms|remarked|emphasized|emphasised|emphasizes|' +
  'reiterated|reiterates|highlighted|highlights|revealed|reveals|noted|notes|warned|warns|announced|announces|' +
  'claimed|claims|argued|argues|insisted|insists|explained|explains|acknowledged|acknowledges|denied|denies|' +
  'stressed|stresses|asserted|asserts|declared|declares|expected|expects|predicted|predicts|suggested|suggests|' +
  'believes|believed|indicated|indicates|admitted|admits|wrote|writes|urged|urges|cautioned|replied|responded|' +
  'pointed out|observed|vowed|promised|pledged|maintained|contended|estimated|reported|recalled|conceded|tweeted|posted';
const VERB_RE = new RegExp(`\\b(${VERBS})\\b`, 'g');
const PRONOUN = /^(he|she|they|it|his|her)$/i;
/**
 * Who was told, and where or when: "told reporters", "told the BBC on Tuesday", "told Reuters in an
 * interview". One to four words (a name, or "the"/a pronoun and a noun), then prepositional phrases.
 */
const LISTENER =
  /^\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\p{L}\p{N}'’.&-]+\s+){0,3}?(?:reporters|journalists|lawmakers|legislators|parliament|investors|analysts|supporters|delegates|students|viewers|listeners|readers|staff|employees|workers|members|him|her|them|us|me|\p{Lu}[\p{L}'’.&-]*)(?:\s+(?:on|in|at|during|after|before|via|last|this|late|earlier)\s+(?:[\p{L}\p{N}'’-]+\s+){0,3}?[\p{L}\p{N}'’-]+(?=[\s,.;:]|$))*/u;
/** Where or how it was said, ending the sentence ("said in a statement.", "said in a news release"): no words of their own. */
const SAID_WHERE = /^\s+(?:in|on|at|during|via|through|by|to)\s+(?:[\p{L}'’-]+\s+){0,4}?(?:statement|release|interview|call|conference|teleconference|briefing|e-?mail|post|tweet|video|letter|speech|filing|hearing|reporters|media|television|radio|podcast)s?[\s.!?]*$/u;
const NOT_A_CLAUSE = /^(?:(?:this|it|so|more|much|nothing|everything|otherwise)(?=\s*(?:[,.;:]|$|\s(?:in|on|at|to|during|via|with|and|but)\b))|[-–—]|(?:is|are|was|were|will|would|has|have|had|can|could)\b)/i;
const ADVERBS = '(?:\\s+(?:also|further|later|previously|again|then|had|has|have|was|is|recently|repeatedly|publicly|once|earlier|separately))*';

/** The speaker just before `pos` (a mention or pronoun, maybe with an apposition), resolved. */
function subjectBefore(folded: string, pos: number, ms: QuoteMention[], sentStart: number, quoted?: RangeMask): string | null | undefined {
  const head = folded.slice(sentStart, pos);
  const stripped = head.replace(new RegExp(`${ADVERBS}\\s*$`), '');
  const endAt = sentStart + stripped.length;
  // A mention ending right there, or before an apposition (", a senior figure in X,") that ends there.
  let subjectEnd = endAt;
  if (stripped.endsWith(',')) {
    const c = stripped.slice(0, -1).lastIndexOf(',');
    if (c >= 0 && stripped.length - c < 160) subjectEnd = sentStart + c;
  }
  for (const at of subjectEnd === endAt ? [endAt] : [subjectEnd, endAt]) {
    const m = ms.findLast((x) => x.end <= at && x.start >= sentStart);
    if (m && /^\s*$/.test(folded.slice(m.end, at))) return m.canonical;
  }
  // "it" and "they" are too often not the speaker's stand-in ("the bank said it expected …").
  // "The 56-year-old" stands for the person just named, as "he" does ("a 56-year-old" would be someone new).
  const pr = /\b(he|she|the \d{1,3}-year-old)$/i.exec(stripped.trimEnd());
  if (pr) return resolvePronoun(/^the/i.test(pr[1]!) ? 'he' : pr[1]!, sentStart + pr.index, ms, quoted);
  return undefined;
}

/** The person (or, for "it"/"they", body) a pronoun at `pos` stands for: the last named before it, outside quotes. */
function resolvePronoun(p: string, pos: number, ms: QuoteMention[], quoted?: RangeMask): string | null {
  const wantOrg = /^(it|they)$/i.test(p);
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    // A name inside a quote is what was said, not who is speaking ("Heads needed to roll the day Jeffrey Epstein died," he said).
    if (m.start >= pos || quoted?.overlaps(m.start, m.end)) continue;
    if (wantOrg ? m.type === 'ORG' || m.type === 'PER' : m.type === 'PER') return m.canonical;
  }
  return null;
}

function sentenceOf(sentences: Span[], pos: number): Span | undefined {
  return spanAt(sentences, pos) ?? undefined;
}

export function findQuotes(folded: string, sentences: Span[], mentions: QuoteMention[]): FoundQuote[] {
  const ms = mentions.filter((m) => m.type === 'PER' || m.type === 'ORG');
  const out: FoundQuote[] = [];
  const inDirect = new RangeMask(folded.length);
  const quoted = new RangeMask(folded.length);

  // Direct: double quotes (curly ones are folded to "), and single quotes that open after a space. A quote
  // that runs over paragraphs is closed only at its end, each of its paragraphs opening with a quotation
  // mark (`said: "Jose is one …⏎"He is renowned …"`): a paragraph left open before one that opens so is
  // a quote of its own, to the paragraph's end.
  const directRe = /"([^"\n]{2,1500}?)(?:"|(?=\n\s*"))|(?<=^|[\s(])'((?:[^'\n]|'(?=\p{L}))+?)'(?!\p{L})/gu;
  /** Where the last quote left open at its paragraph's end stopped: the next paragraph's quote goes on in its voice. */
  let openEnd = -1;
  const paired = closingPairs(folded);
  for (const m of paired.matchAll(directRe)) {
    const raw = m[1] ?? m[2]!;
    const leftOpen = m[1] !== undefined && paired[m.index! + 1 + raw.length] !== '"';
    // American style keeps the comma inside the quote ("…illegal," he said): it is not speech.
    const inner = raw.replace(/[,\s]+$/, '');
    const start = m.index! + 1;
    const end = start + inner.length;
    const close = start + raw.length;
    // Scare quotes around one or two words are names or terms, not speech; so is a title.
    if (inner.trim().split(/\s+/).length < 3 || isTitle(inner)) continue;
    inDirect.add(m.index!, close + 1);
    quoted.add(start, end);
    const s1 = sentenceOf(sentences, m.index!);
    const s2 = sentenceOf(sentences, close) ?? s1;
    let speaker: string | null | undefined;
    let verb: string | null = null;
    // After: `…," he said` / `…," said Rubio` / `…", according to X`.
    const after = folded.slice(close + 1, Math.max(close + 1, (s2?.end ?? close) + 1));
    const a1 = ATTRIBUTION_AFTER.exec(after);
    if (a1) {
      // The attribution is not reported speech of its own ("…," Auchincloss told reporters on a call).
      inDirect.add(close + 1, close + 1 + a1.index + a1[0].length);
      verb = a1[2] ?? a1[3] ?? null;
      const who = (a1[1] ?? a1[4])!;
      const whoStart = close + 1 + a1.index + a1[0].indexOf(who);
      // A speaker written as a noun phrase ("the prosecutor's office said") names no one we know:
      // better no speaker than a guess from the sentence (the threat's victim, a group named in it).
      const pronoun = /\b(he|she)$/i.exec(who)?.[1];
      speaker = PRONOUN.test(who) ? resolvePronoun(who, whoStart, ms, quoted) : mentionIn(ms, whoStart, whoStart + who.length) ?? (pronoun ? resolvePronoun(pronoun, whoStart, ms, quoted) : null);
    }
    if (speaker === undefined && s1) {
      // Before: `Rubio said: "…"` or the sentence's subject (`X released a statement urging Iraq to "…"`).
      const before = folded.slice(s1.start, m.index!);
      const vb = [...before.matchAll(VERB_RE)].at(-1);
      if (vb) {
        verb = vb[1]!;
        speaker = subjectBefore(folded, s1.start + vb.index!, ms, s1.start, quoted);
      }
      if (speaker === undefined || speaker === null) {
        const first = ms.find((x) => x.start >= s1.start && x.end <= m.index!);
        if (first) speaker = first.canonical;
        else {
          const pr = /^\s*(he|she|they|it)\b/i.exec(before);
          if (pr) speaker = resolvePronoun(pr[1]!, s1.start, ms, quoted);
        }
      }
    }
    // A quote with no attribution that follows another in the same paragraph, no one else named between
    // them, goes on in the same voice ("…," said Ana Torres. "People were trapped on their roofs.").
    if ((speaker === undefined || speaker === null) && verb === null) {
      const prev = out.findLast((q) => q.direct);
      const between = prev ? folded.slice(prev.end, m.index!) : '';
      const continued = prev !== undefined && openEnd === prev.end && /^[\s.!?,]*$/.test(between);
      if (prev?.speaker && (continued || !between.includes('\n')) && between.length < 300 &&
        !ms.some((x) => x.start >= prev.end && x.end <= m.index! && x.canonical !== prev.speaker && x.type === 'PER')) {
        speaker = prev.speaker;
      }
    }
    out.push({ speaker: speaker ?? null, text: inner, verb, direct: true, start, end });
    if (leftOpen) openEnd = end;
  }

  // Reported: `X stated that …`, `He expected the coalition to …`.
  for (const s of sentences) {
    const text = folded.slice(s.start, s.end);
    for (const vm of text.matchAll(VERB_RE)) {
      const vpos = s.start + vm.index!;
      if (inDirect.overlaps(vpos, vpos + 1)) continue;
      // A passive says what is thought of its subject, not what it said ("the unit is expected to break even").
      if (/\b(?:is|are|was|were|be|been|being)\s+$/i.test(folded.slice(Math.max(s.start, vpos - 8), vpos))) continue;
      // A comparison says nothing was reported: "more complicated than McKinley suggests", "as Smith expected".
      if (/\b(?:than|as)\s+(?:\S+\s+){1,3}$/i.test(folded.slice(Math.max(s.start, vpos - 40), vpos))) continue;
      const speaker = subjectBefore(folded, vpos, ms, s.start, quoted);
      if (!speaker) continue;
      let cstart = vpos + vm[0].length;
      const rest = folded.slice(cstart, s.end);
      // "said (on Tuesday | to reporters | in a statement) that …"
      // (A date's abbreviation may stand in the phrase: "said in an Oct. 26 letter to … that".)
      const that = /^\s+(?:(?:on|in|at|to|during|last|this|late|earlier|after|before|via)\b(?:[^,;."]|\.(?= \d)){0,70}?\s+|,[^,;."]{0,60},\s+)?that\s+/u.exec(rest);
      const told = /^(?:told|tells)$/.test(vm[1]!);
      const listener = told ? LISTENER.exec(rest) : null;
      // "told a few thousand teachers who covered the lawn that the Legislature should …": whom he told may run long;
      // what was said starts after its "that".
      const toldThat = told && !that ? /^\s+[^,;."“”]{1,100}?\s+that\s+/u.exec(rest) : null;
      if (that) cstart += that[0].length;
      else if (toldThat) cstart += toldThat[0].length;
      else if (listener) {
        // "told reporters (on a call)": what follows the one told, if anything, is what was said.
        cstart += listener[0].length;
        const said = /^\s+(?:that\s+)?/.exec(folded.slice(cstart, s.end));
        if (!said || /^\s*[,.:;]?\s*$/.test(folded.slice(cstart, s.end))) continue;
        cstart += said[0].length;
      } else if (/^(said|says|say|told|tells|added)$/.test(vm[1]!)) {
        const plain = /^\s+/.exec(rest);
        if (!plain || /^\s*[,.:]/.test(rest) || SAID_WHERE.test(rest)) continue;
        cstart += plain[0].length;
      } else if (/^(?:revealed|reveals|announced|announces|reported|posted|tweeted|pledged|estimated|adds)$/.test(vm[1]!)) {
        // Verbs that also name an act: without "that" their object is what was done, not words reported
        // ("Audi has revealed the new model", "the company reported a loss", a headline's "NASA adds five companies").
        continue;
      } else if (/^\s*[,;)]/.test(rest)) {
        // The verb ends its clause ("McKinley suggests, but …"): nothing it reports follows.
        continue;
      } else cstart += (/^\s+/.exec(rest)?.[0].length ?? 0);
      // What follows is no clause of its own: the object of an act ("Google confirmed this in a statement",
      // "promised more, and …"), a dash, or the verb of a relative clause ("which Nissan claims is a 20% …").
      if (NOT_A_CLAUSE.test(folded.slice(cstart, s.end))) continue;
      let cend = s.end;
      while (cend > cstart && /[.!?\s]/.test(folded[cend - 1]!)) cend--;
      if (cend - cstart < 10) continue;
      if (quoted.overlaps(cstart, cend)) continue;
      out.push({ speaker, text: folded.slice(cstart, cend), verb: vm[1]!, direct: false, start: cstart, end: cend });
      break;
    }
  }
  return onceEach(out.sort((a, b) => a.start - b.start));
}

/** A person named in the attribution before an organisation ("NASA spokesperson Jane Doe", "Will Moy, chief executive of Full Fact,"). */
function mentionIn(ms: QuoteMention[], start: number, end: number): string | null {
  const inside = ms.filter((x) => x.start >= start && x.end <= end);
  return (inside.find((x) => x.type === 'PER') ?? inside[0])?.canonical ?? null;
}

/**
 * Who speaks, right after a closing quote: `," he said`, `," said Rubio`, `," Will Moy, chief executive of
 * Full Fact, told the BBC`, `," Minister for the Middle East, Hamish Falconer, said`, `," chief executive
 * Christian Bruch told`, `," the prosecutor's office said` (a noun phrase naming no one: no speaker).
 */
const ATTRIBUTION_AFTER = new RegExp(
  `^[,.]?\\s*(?:(\\p{Lu}[^,.;"]{0,80}?(?:,[^,;"]{1,120}?,)?|(?:he|she|they|it)|\\p{Ll}[^,;"]{0,60}?)\\s+(${VERBS})|(${VERBS})\\s+(\\p{Lu}[^,.;"]{0,80}))`,
  'u',
);

/**
 * Two apostrophes that close a quotation (AP's feed writes `“…voters,’’ Will Moy …`) read as one double
 * quote, so the quote ends there; same length, so offsets hold.
 */
function closingPairs(folded: string): string {
  return folded.replace(/(?<=\S)''(?!\p{L})/gu, ' "');
}

/** Words a title leaves in lower case ("Dancing with the Stars", "The Medium is the Message", "I Cavalieri dello Zodiaco"). */
const TITLE_MINOR = /^(?:a|an|the|and|or|but|nor|of|in|on|at|to|by|for|with|from|into|as|is|vs\.?|de|del|della|dello|di|da|do|dos|das|du|des|la|le|les|el|los|las|y|e|et|und|der|die|den|von|van)$/;

/**
 * A quoted title — a show, a song, a festival, a slogan on a sign — is no one's words: every word but the
 * small ones capitalised (or a number), two capitalised at least, a sentence's length at most.
 */
function isTitle(inner: string): boolean {
  const words = inner.replace(/[.!?,;:]+$/u, '').split(/[\s–-]+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length > 12) return false;
  let capitals = 0;
  for (const w of words) {
    const bare = w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (/^\p{Lu}/u.test(bare)) capitals++;
    else if (!/^\p{N}/u.test(bare) && !TITLE_MINOR.test(bare)) return false;
  }
  return capitals >= 2;
}

/**
 * Each thing said once: a page that repeats a line (a pull quote, a summary box) lists it once, with its
 * speaker where one of the copies has one.
 */
function onceEach(quotes: FoundQuote[]): FoundQuote[] {
  const key = (q: FoundQuote) => q.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const best = new Map<string, FoundQuote>();
  for (const q of quotes) {
    const k = key(q);
    const had = best.get(k);
    if (!had || (!had.speaker && q.speaker)) best.set(k, q);
  }
  return quotes.filter((q) => best.get(key(q)) === q);
}
