// Capitalised words the tagger reads as names that newswire does not annotate as a person, organisation or place:
// named historic events ("the Battle of Fredericksburg", "the Vietnam War"), terms a contract defines ("Loan
// Documents"), and a thing's name closed by a title ("Stadia Founder"). Each runs on the tagger's mentions and is
// switched by nerRules (names.ts).
import { commonWords, isDictionaryWordForm } from '../common-words.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import { ordinaryCaseAround } from './features.ts';
import { personFirstWords, type RawMention } from './names.ts';

/** The kinds of a named historic event: "the Battle of Gettysburg", "the Siege of Petersburg", "the Vietnam War". */
const EVENT_OF = /^(?:(?:First|Second|Third|Fourth|\d+(?:st|nd|rd|th)) )?(?:Battles?|Siege|Sack|Massacre|Treaty) of\b/;
const EVENT_OF_BEFORE = /\b(?:Battles?|Siege|Sack|Massacre|Treaty) of (?:the )?$/;
const EVENT_AFTER = /^ (?:War(?! [Cc]rimes)|Uprising|Rebellion|Revolution|Offensive)\b/;
const EVENT_LAST = /\s(?:War|Uprising|Rebellion|Revolution|Offensive)$/;

/**
 * A named historic event is no place, person or organisation, nor the place it is named after: newswire annotates
 * "the Battle of Fredericksburg" and "the Vietnam War" whole as an event (MISC). Not "X Campaign": the Human Rights
 * Campaign is an organisation. Only in text of ordinary case, where the event's word is capitalised because it is a
 * name ("the siege of Sarajevo" keeps its place; a line in capitals or Title Case tells nothing).
 */
export function dropHistoricEvents(folded: string, out: RawMention[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    const event = EVENT_OF.test(m.text) || EVENT_LAST.test(m.text) ||
      EVENT_OF_BEFORE.test(folded.slice(Math.max(0, m.start - 24), m.start)) || EVENT_AFTER.test(folded.slice(m.end, m.end + 16));
    if (event && ordinaryCaseAround(folded, m.start, m.end)) out.splice(i, 1);
  }
}

/**
 * Where a contract defines a term: "(the "Loan Documents")", "hereinafter referred to as the "Lender"", ""Credit
 * Extension" means". (Curly quotes are folded to straight ones; tokenised text has spaces inside them.)
 */
const TERM_DEFINED = /(?:\(\s*(?:(?:the|each|a|an|collectively|together|individually|hereinafter|herein)[\s,]+)*|\breferred to (?:herein )?as\s+(?:the\s+)?)"\s?([^"\n]{2,60}?)\s?"|"\s?([^"\n]{2,60}?)\s?"\s+(?:shall\s+)?(?:means?|has the meaning|have the meaning)\b/gu;

/**
 * A party's role, which a contract defines as its short name ("Silicon Valley Bank ("Bank")", "hereinafter referred
 * to as the "Lender""): newswire conventions annotate it as the party it stands for.
 */
const PARTY = /^(?:lenders?|borrowers?|banks?|company|companies|buyers?|sellers?|purchasers?|guarantors?|tenants?|landlords?|licensors?|licensees?|party|parties|agents?|trustees?|investors?|holders?|issuers?|parent|customers?|suppliers?|contractors?|consultants?|employees?|employers?|executives?|managers?|partners?|members?|owners?|operators?|servicers?|sponsors?|administrators?|underwriters?|pledgors?|pledgees?|grantors?|assignees?|assignors?|obligors?|creditors?|debtors?|shareholders?|stockholders?)$/;

/**
 * A term a contract defines and then capitalises wherever it uses it ("Loan Documents", "Credit Extension",
 * "Management Fee") names no organisation, person or place: its words are common words, and it is no party's role.
 */
export function dropDefinedTerms(folded: string, out: RawMention[]): void {
  if (!folded.includes('"')) return;
  const gaz = gazetteer();
  const terms = new Set<string>();
  for (const m of folded.matchAll(TERM_DEFINED)) {
    const term = (m[1] ?? m[2])!.trim();
    const words = term.split(/\s+/);
    if (PARTY.test(words.at(-1)!.toLowerCase())) continue;
    // (Each a common word, and no place: "Shanghai Solutions" is a company's short name.)
    if (!words.every((w) => /^\p{Lu}\p{Ll}+$/u.test(w) && (commonWords().has(w.toLowerCase()) || isDictionaryWordForm(w.toLowerCase())) && !gaz.places.has(aliasKey(w)))) continue;
    if (gaz.orgs.has(aliasKey(term)) || gaz.places.has(aliasKey(term))) continue;
    terms.add(term).add(term + 's').add('The ' + term);
  }
  if (!terms.size) return;
  for (let i = out.length - 1; i >= 0; i--) if (terms.has(out[i]!.text)) out.splice(i, 1);
}

/**
 * A "person" whose last word is a title and whose first is no given name is a thing's name and a role ("the Google
 * Stadia Founder's Edition" read as a person "Stadia Founder"): a title closes no one's name. A given name first
 * keeps it ("John Major"), and so does a title that is also a common surname ("Damian King", "Alexander Pope").
 */
const SURNAME_TITLES = new Set(['king', 'queen', 'prince', 'pope', 'bishop', 'major', 'marshal', 'judge', 'chancellor', 'dean', 'knight', 'sheriff']);
export function dropTitleTails(out: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if (m.type !== 'PER') continue;
    const words = m.text.split(' ');
    const last = words.at(-1)!.toLowerCase();
    if (words.length > 1 && gaz.titleWords.has(last) && !SURNAME_TITLES.has(last) && !personFirstWords().has(words[0]!.toLowerCase())) out.splice(i, 1);
  }
}
