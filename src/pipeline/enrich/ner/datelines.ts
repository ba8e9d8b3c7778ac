// Wire datelines in the entity stage: the place that opens a story ("NEW YORK (Reuters) - ", "MUNICH 2026-11-12")
// is a place, whatever its capitals made the tagger read, and a name run on after the dateline's dash is a name of
// its own. Switched by nerRules.datelinePlace and nerRules.datelineTail (names.ts).
import type { Span } from '../../normalize/index.ts';
import { bylineLists, datelineAt, NAME_IN_LIST, signOffLists } from '../dateline.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import { CAP, CALENDAR_WORDS, STOP_CAPS, nerRules, type RawMention } from './names.ts';

/**
 * The places of the wire datelines that open sentences ("NEW YORK", "MANCHESTER, England"). The sentence is
 * still tagged whole: tagged apart, the words after the dash read as a sentence's first ("U.S. Defense
 * Secretary" became an organisation).
 */
type Range = { start: number; end: number; credited?: boolean };
/** The place of a dated line, before its date ("LONDON, England" of "LONDON, England 2026-11-12"). */
const DATED_PLACE = /^\p{Lu}[\p{Lu} .'-]*\p{Lu}(?:,[^\n\d]{1,40}?)?(?=[ \t]+\d{4}-\d{2}-\d{2}[ \t]*(?:\n|$))/u;
/** The same, in wire text tokenised word by word, the comma apart ("LEEDS , England 2026-03-04"). */
const DATED_PLACE_TOKENISED = /^\p{Lu}[\p{Lu} .'-]*\p{Lu}(?: ,[^\n\d]{1,40}?)?(?=[ \t]+\d{4}-\d{2}-\d{2}[ \t]*(?:\n|$))/u;
export function datelineHeads(folded: string, sentences: Span[]): Range[] {
  const places: Range[] = [];
  for (const s of sentences) {
    // Only a sentence that opens its line (after spaces at most) can start with a dateline.
    let lineStart = s.start;
    while (lineStart > 0 && (folded[lineStart - 1] === ' ' || folded[lineStart - 1] === '\t')) lineStart--;
    if (lineStart > 0 && folded[lineStart - 1] !== '\n') continue;
    // A place and the filing date on a line of their own ("MUNICH 2026-11-12"): the place, whatever the tagger read.
    const line = folded.slice(lineStart, lineStart + 80);
    const dated = DATED_PLACE.exec(line) ?? (nerRules.datelineComma ? DATED_PLACE_TOKENISED.exec(line) : null);
    // Its own line with the date says it is a place as surely as an agency's credit does.
    if (dated && lineStart === s.start) { places.push({ start: s.start, end: s.start + dated[0].length, credited: nerRules.datedLinePlace }); continue; }
    const d = datelineAt(folded, lineStart);
    // Without a credit, only a place in capitals before a story in ordinary case: in a shouted text any line
    // of capitals before a dash would pass for one.
    if (!d || d.end >= s.end || d.end <= s.start || (!d.credit && !/\p{Ll}/u.test(folded.slice(d.end, s.end)))) continue;
    const head = folded.slice(s.start, d.credit ? d.credit.start - 1 : d.end).replace(/\s*(?:-{1,2}|[–—:])\s*$/, '').trimEnd();
    places.push({ start: s.start, end: s.start + head.length, credited: !!d.credit });
  }
  return places;
}

/**
 * A dateline's place is a place: each of its comma-separated parts ("MANCHESTER", "England") when an agency
 * is credited after it; without a credit ("KABUL - "), those that the tagger found as a name of any type
 * ("NEW YORK" reads like an organisation's name in capitals) or a gazetteer knows.
 */
export function datelinePlaces(folded: string, places: Range[], ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const p of places) {
    const head = folded.slice(p.start, p.end);
    if (head.split(/[\s,]+/).some((w) => w && !CAP.test(w))) continue; // "Extra shot skinny latte (at Costa) —"
    for (const m of head.matchAll(/[^,]+/g)) {
      const text = m[0].trim();
      const start = p.start + m.index! + m[0].indexOf(text);
      const end = start + text.length;
      const inside = ms.filter((x) => x.start < end && x.end > start);
      if (!p.credited && !inside.length && !gaz.places.has(aliasKey(text))) continue;
      for (const x of inside) {
        ms.splice(ms.indexOf(x), 1);
        // "TEL AVIV - Bank Leumi" read as one name: what follows the dash is a name of its own.
        const rest = nerRules.datelineTail && x.end > end ? /^[\s,]*(?:\([^)\n]{1,30}\)\s*)?[-–—]+\s*(?=\p{Lu})/u.exec(folded.slice(end, x.end)) : null;
        if (rest) ms.push({ type: x.type, start: end + rest[0].length, end: x.end, text: folded.slice(end + rest[0].length, x.end) });
      }
      ms.push({ type: 'LOC', start, end, text });
    }
  }
}

/**
 * "By\nMatthew Digby\n,\nMinh Do\non Monday": the names of a byline are people's, whatever the tagger read ("Minh" a
 * place, "Do" a verb). Not a name a gazetteer knows as a place or organisation ("By Reuters Staff" is no one), nor
 * one of a calendar, title or function word ("By Christmas Day").
 */
export function bylinePeople(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  // And a wire sign-off's ("(Reporting by Koh Gui Qing and Herb Lash in New York; Editing by Martin Howell)").
  const lists = [...bylineLists(folded), ...signOffLists(folded)];
  for (const { list, start: from } of lists) {
    for (const n of list.matchAll(NAME_IN_LIST)) {
      const text = n[0];
      const words = text.split(/[ \t]+/);
      if (words.some((w) => { const lw = w.toLowerCase(); return STOP_CAPS.has(lw) || CALENDAR_WORDS.has(lw) || gaz.titleWords.has(lw) || gaz.places.has(aliasKey(w)) || gaz.orgs.has(aliasKey(w)); })) continue;
      if (gaz.places.has(aliasKey(text)) || gaz.orgs.has(aliasKey(text))) continue;
      const start = from + n.index!, end = start + text.length;
      const inside = ms.filter((x) => x.start < end && x.end > start);
      if (inside.some((x) => x.start < start || x.end > end)) continue;
      for (const x of inside) ms.splice(ms.indexOf(x), 1);
      ms.push({ type: 'PER', start, end, text });
    }
  }
  ms.sort((a, b) => a.start - b.start);
}
