// A wire dateline at the start of a line: "LONDON (Reuters) - ", "BEIRUT, Lebanon (AP) — ",
// "Washington (CNN) -- ", "MIAMI (AP) _ " (the typewriter-era wire's dash), "KABUL - ", or a line "LONDON 1996-08-30". It says where the story was filed and who filed it: metadata, not
// what the article is about, so keyphrases skip it and the agency it credits is no hashtag. A credit line
// ("Tested by: John Milbank", "(Reporting by …; Editing by …)") names who wrote it, likewise.

import { aliasKey, gazetteer } from './gazetteer.ts';

export interface Dateline {
  /** Offset just after the dash and its space: where the story itself begins. */
  end: number;
  /** The credited agency inside the parentheses ("Reuters"), when there is one. */
  credit: { start: number; end: number } | null;
}

// A place in capitals (maybe with ", State" after it) and an optional credit, or a place in any case with
// a credit, or a credit alone (copies that dropped the place: "(AP) - It could get harder …"); then a dash.
// The credit is what tells a mixed-case place from a sentence that starts a list. All on one line: a
// headline is no place of the "(AP) -" that opens the next line.
const DATELINE =
  /^(?:\p{Lu}[\p{Lu}\p{N} .'-]*\p{Lu}(?: ?,[^()\n–—-]{1,40}?)?[^\S\n]*(?:\(([^()\n]{1,40})\))?|\p{Lu}[\p{L} .,'-]{0,40}?[^\S\n]*\(([^()\n]{1,40})\)|\((\p{Lu}[\p{L}.&' ]{1,38})\))[^\S\n]*(?:-{1,2}|[–—_])\s+/u;

// A line of its own: a place in capitals and the filing date ("LONDON 1996-08-30", "WASHINGTON 2026-11-14"),
// as some wires and archives print the dateline above the story; in text tokenised word by word the comma
// stands apart ("LEEDS , England 2026-03-04").
const DATED_LINE = /^\p{Lu}[\p{Lu} .'-]*\p{Lu}(?: ?,[^\n]{1,40}?)?\s+\d{4}-\d{2}-\d{2}[ \t]*(?=\n|$)/u;

// A place, its state or country after commas, and a colon, as Al Jazeera writes it ("Washington, DC, United
// States: Getting to the Moon …"). Without a dash or a credit to mark it, its first part must be a known place.
const PLACE_COLON = /^(\p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*){0,2})(?:, \p{Lu}[\p{L}'.-]*(?: \p{Lu}[\p{L}'.-]*){0,2}){1,2}:\s+(?=\p{Lu})/u;

/** The dateline at `lineStart` (the start of a line of `text`), or null. */
export function datelineAt(text: string, lineStart: number): Dateline | null {
  const head = text.slice(lineStart, lineStart + 120);
  const dated = DATED_LINE.exec(head);
  if (dated) return { end: lineStart + dated[0].length, credit: null };
  const placed = PLACE_COLON.exec(head);
  if (placed && gazetteer().places.has(aliasKey(placed[1]!))) return { end: lineStart + placed[0].length, credit: null };
  const m = DATELINE.exec(head);
  if (!m) return null;
  const agency = m[1] ?? m[2] ?? m[3];
  let credit: Dateline['credit'] = null;
  if (agency !== undefined) {
    const open = m[0].lastIndexOf('(' + agency + ')');
    credit = { start: lineStart + open + 1, end: lineStart + open + 1 + agency.length };
  }
  return { end: lineStart + m[0].length, credit };
}

/**
 * Does this first line of a plain text open the story rather than head it? A wire dateline with its credit
 * ("WASHINGTON (AP) _ The Senate voted …"), or one followed by a sentence of prose (a dozen words or more, in
 * lower case), starts the story's first paragraph: a text with no headline. A shouted slug is a headline
 * ("SOCCER - JAPAN GET LUCKY WIN").
 */
export function opensStory(line: string): boolean {
  const d = datelineAt(line, 0);
  if (!d) return false;
  const rest = line.slice(d.end);
  return /\p{Ll}/u.test(rest) && (d.credit !== null || rest.split(/\s+/).filter(Boolean).length >= 12);
}

/**
 * A sentence without the dateline that opens it ("WASHINGTON (Reuters) - NASA said …" → "NASA said …"): a
 * summary is the story in Lede's words, and where each outlet filed from is no part of it.
 */
export function withoutDateline(sentence: string): string {
  const d = datelineAt(sentence, 0);
  const rest = d ? sentence.slice(d.end) : sentence;
  return d && /^["“‘'(]?[\p{Lu}\p{N}]/u.test(rest) ? rest : sentence;
}

/** Is `start` inside a dateline on its line (its place or its credit: "NEW YORK (Reuters) - ")? */
export function isInDateline(text: string, start: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const d = datelineAt(text, lineStart);
  return !!d && start < d.end;
}

/** Is `start` inside the credit of a dateline on its line ("Reuters" of "BAGHDAD (Reuters) -")? */
export function isDatelineCredit(text: string, start: number): boolean {
  const d = datelineAt(text, text.lastIndexOf('\n', start - 1) + 1);
  return !!d?.credit && start >= d.credit.start && start < d.credit.end;
}

// A credit's label opening its line, or a clause of it: "Tested by:", "Words:", "(Reporting by", "; Editing by".
const CREDIT_LABEL = /(?:^|\n|[(;])[ \t]*(?:(?:additional )?reporting|editing|writing|tested|reviewed|written|compiled|photos?|photography|pictures|words|video|interview)(?:[ \t]+by)?[ \t]*:?[ \t]*$/i;

/** Is the name at `start` credited by a credit line ("Tested by: John Milbank", "Editing by Nick Macfie")? */
export function isBylineCredit(text: string, start: number): boolean {
  return CREDIT_LABEL.test(text.slice(Math.max(0, start - 40), start)) || CREDIT_LIST_BEFORE.test(text.slice(Math.max(0, start - 120), start));
}

// The pieces the byline and sign-off patterns below share: a name of two to four capitalised words, and a
// wire sign-off's label ("Reporting by", "Additional reporting by", "Editing by").
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*){1,3}`;
/** Each name of a byline's or sign-off's list. */
export const NAME_IN_LIST = new RegExp(NAME, 'gu');
// Written as a line or a bracket opens it ("Reporting by", "EDITING BY"), and in lower case where it follows a comma or
// "with" inside one ("…, with reporting by …, editing by …"). Spelt out, not matched case-blind: case-blind, the name
// pattern's capitals would match any word, and a Title Case line's ", Produced By Bob Ezrin, Was Released" would read as credits.
const LABEL_WORDS = ['reporting', 'editing', 'writing', 'compiled', 'produced', 'graphics'];
const anyCase = (w: string) => `(?:${w}|${w[0]!.toUpperCase()}${w.slice(1)}|${w.toUpperCase()})`;
const SIGN_OFF_LABEL = String.raw`(?:(?:${anyCase('additional')} )?${LABEL_WORDS.map(anyCase).join('|')})[ \t]+${anyCase('by')}`;
const LOWER_LABEL = String.raw`(?:(?:additional )?${LABEL_WORDS.join('|')})[ \t]+by`;
/** Where a sign-off's clause and its label start. */
const CLAUSE = String.raw`(?:(?:^|\n|[(;])[ \t]*${SIGN_OFF_LABEL}|(?:,[ \t]*|\bwith[ \t]+)${LOWER_LABEL})`;

/** A wire sign-off's clause: "(Reporting by Koh Gui Qing and Herb Lash in New York; Editing by Martin Howell)". */
const SIGN_OFF = new RegExp(String.raw`${CLAUSE}[ \t]+((?:${NAME})(?:[ \t]*(?:,|and|&)[ \t]*(?:and[ \t]+)?${NAME})*?)(?=[ \t]*(?:[;)\n]|\.[ \t]*\)|$|[ \t]in[ \t]|,[ \t]*(?:with[ \t]+)?${LOWER_LABEL}))`, 'gu');

/** Before a name, a sign-off's label and only names, commas and "and" since ("Reporting by Koh Gui Qing and "). */
const CREDIT_LIST_BEFORE = new RegExp(String.raw`${CLAUSE}[ \t]+(?:\p{Lu}[\p{L}'’.-]*|,|and|&|[ \t])*$`, 'u');

/** A sentence that is a sign-off in brackets, credits only. */
const SIGN_OFF_SENTENCE = new RegExp(String.raw`^\s*\(\s*${SIGN_OFF_LABEL}\b[^()]*\)\s*$`, 'i');

/** Is this sentence a wire sign-off, credits only ("(Reporting by Koh Gui Qing; Editing by Martin Howell)")? */
export function isSignOffSentence(sentence: string): boolean {
  return SIGN_OFF_SENTENCE.test(sentence);
}

/** The names a sign-off credits, each with where its list starts ("Koh Gui Qing and Herb Lash"). */
export function signOffLists(text: string): { list: string; start: number }[] {
  // A name's pattern keeps a dot for initials ("Patrick W."); the full stop closing the sign-off is no part of one.
  return [...text.matchAll(SIGN_OFF)].map((m) => ({ list: m[1]!.replace(/(?<=\p{Ll}{2})\.$/u, ''), start: m.index! + m[0].lastIndexOf(m[1]!) }));
}

/** The names of each byline, as signOffLists gives a sign-off's. */
export function bylineLists(text: string): { list: string; start: number }[] {
  return [...text.matchAll(BYLINE)].map((m) => ({ list: m[1]!, start: m.index! + m[0].indexOf(m[1]!) }));
}

// Bylines, read in one place: the names of one (entities), a name inside one (hashtags), a sentence that is one (facts).

/** A byline: "By" opening a line, then names only, each of two to four capitalised words, split by commas, "and" or lines. */
const BYLINE = new RegExp(String.raw`(?:^|\n)[ \t]*By(?:[ \t]+|[ \t]*\n[ \t]*)((?:${NAME})(?:[ \t]*\n?[ \t]*(?:,|and|&)?[ \t]*\n?[ \t]*${NAME})*)[ \t]*(?=\n|$|[ \t]+(?:on|at|in|for|\|)[ \t])`, 'gu');

/** Before a name, a byline's "By" opening its line and only names, commas and "and" since ("By\nMatthew Digby\n,\n"). */
const BYLINE_BEFORE = /(?:^|\n)[ \t]*By(?:[ \t]+|[ \t]*\n)(?:\p{Lu}[\p{L}'’.-]*|,|and|&|\s)*$/u;

/** Is the name at `start` one of a byline's ("Minh Do" of "By\nMatthew Digby\n,\nMinh Do")? */
export function isInBylineNames(text: string, start: number): boolean {
  return BYLINE_BEFORE.test(text.slice(Math.max(0, start - 120), start));
}

/** Words a byline may hold besides names: what joins them and what dates it ("By Jane Roe and John Doe Published Monday"). */
const BYLINE_WORDS = /^(?:and|on|at|in|published|updated|posted|am|pm|a\.m\.|p\.m\.)$/i;

/**
 * Is this sentence a byline ("By\nMatthew Digby\n,\nMinh Do\nPublished Monday") rather than prose: "By" and a
 * capital open it, and no word after is in lower case but those joining names and dating it ("By the time …", "By
 * Monday, officials had …" are prose).
 */
export function isBylineSentence(sentence: string): boolean {
  if (!/^\s*By\s+\p{Lu}/u.test(sentence)) return false;
  return !sentence.trim().split(/[\s,]+/).slice(1).some((w) => /^\p{Ll}/u.test(w) && !BYLINE_WORDS.test(w));
}
