// One canonical name per entity in an article: short forms resolve to the full name mentioned
// ("Sudani" → "Mohammed Shia al-Sudani"), known variants to one name ("U.S." → "United States").
import { commonWords } from './common-words.ts';
import { aliasKey, gazetteer, withoutDesignators } from './gazetteer.ts';
import { COMPASS, type RawMention } from './ner/index.ts';
import { CALENDAR_WORDS, STOP_CAPS, personFirstWords } from './ner/names.ts';
import { abbreviatedState } from './ner/places.ts';

function nameParts(s: string): string[] {
  return s
    .toLowerCase()
    .split(/\s+/)
    .map((p) => p.replace(/^(?:al|el|ad|as|ash|an|ar)-/, '').replace(/[.,]$/, ''))
    .filter(Boolean);
}

/** Words that, before a place's name, name another place: "New York", "North Carolina", "Greater Manchester". */
const OTHER_PLACE = /^(?:New|Old|North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Greater|Little|Great|Port|Fort|Mount|Lake|Saint|St\.?)$/;

/** Canonical name for each mention (same order). */
export function canonicalNames(ms: RawMention[], folded = ''): string[] {
  const gaz = gazetteer();
  const out: string[] = new Array(ms.length);
  // Work on distinct names: a long article repeats the same few hundreds of times.
  const distinct = (type: string) => [...new Map(ms.filter((m) => m.type === type).map((m) => [m.text, m])).values()];
  const people = distinct('PER');
  const orgs = distinct('ORG');
  const places = distinct('LOC');
  const memo = new Map<string, string>();
  ms.forEach((m, i) => {
    const mk = m.type + '\u0000' + m.text;
    const known = memo.get(mk);
    if (known !== undefined) { out[i] = known; return; }
    resolve(m, i);
    memo.set(mk, out[i]!);
  });
  return out.map((c) => c.replace(/\s+/g, ' '));

  function resolve(m: RawMention, i: number): void {
    // A name a shouted headline writes in capitals ("CELTIC", "KRISTI NOEM") is the one the body writes in
    // ordinary case ("FLOS" → "Flos"); one of three letters or fewer is an acronym ("BBC") and keeps its capitals.
    if ((m.type === 'ORG' || m.type === 'PER') && m.text.length >= 4 && !/\p{Ll}/u.test(m.text)) {
      const lower = m.text.toLowerCase();
      const cased = ms.find((x) => x.type === m.type && x.text.toLowerCase() === lower && /\p{Ll}/u.test(x.text));
      // Or the first word of the body's longer name for it ("FLOS" over "the Flos Showroom").
      const head = cased ? undefined : ms.find((x) => x.type === m.type && x.text.toLowerCase().startsWith(lower + ' ') && /\p{Ll}/u.test(x.text));
      if (cased) m = cased;
      else if (head) m = { ...m, text: head.text.slice(0, lower.length) };
      // Written nowhere in ordinary case ("TORONTO 5 Montreal 3", the home team in capitals): a place's name as the
      // gazetteer writes it, else each word of four letters or more that is no known acronym in Title Case
      // ("NY RANGERS" → "NY Rangers"; "NATO", "UNHCR" stay).
      // One word in capitals amid prose was written so on purpose: an acronym ("the New York State Attorney
      // General (NYAG)", "the COTS program"), kept as written rather than read as shouting ("Nyag").
      else if (!/\s/.test(m.text) && inProse(folded, m.start, m.end)) { /* kept */ }
      else if (!gaz.orgs.has(aliasKey(m.text))) m = { ...m, text: gaz.places.get(aliasKey(m.text)) ?? unshouted(m.text, gaz.acronyms) };
    }
    const key = aliasKey(m.text);
    if (m.type === 'LOC') {
      // "southern Afghanistan" is a mention of Afghanistan.
      const lead = /^(\p{Ll}[\p{Ll}-]*)\s+(?=\p{Lu})/u.exec(m.text);
      const bare = lead && COMPASS.test(lead[1]!) ? m.text.slice(lead[0].length) : null;
      const known = gaz.places.get(key) ?? (bare ? gaz.places.get(aliasKey(bare)) ?? bare : abbreviatedState(folded, m));
      // "the Statehouse" after "the Indiana Statehouse", "Perry Stadium" after "Doyt Perry Stadium": a place no gazetteer
      // knows, said short (a known place stays itself: "Sudan" beside "South Sudan").
      // Not one that a word like "New" or "North" makes another place ("New Omagh", "North Yorkshire").
      const longer = known ? undefined : longestHolding(places, m.text, (p) => p.text.endsWith(' ' + m.text) && /^\p{Lu}/u.test(p.text) && !OTHER_PLACE.test(p.text.slice(0, -m.text.length - 1)));
      out[i] = known ?? (longer ? gaz.places.get(aliasKey(longer.text)) ?? longer.text : m.text);
      return;
    }
    if (m.type === 'ORG') {
      const known = gaz.orgs.get(key) ?? listedCompany(m.text);
      if (known) { out[i] = known; return; }
      // "The Bureau of Prisons" opening a sentence is the "Bureau of Prisons" the article names elsewhere.
      const bare = /^The\s+/.exec(m.text);
      if (bare && orgs.some((o) => o.text === m.text.slice(bare[0].length))) {
        resolve({ ...m, text: m.text.slice(bare[0].length) }, i);
        return;
      }
      // "State Department" → "US State Department" when the longer form is in the article.
      const longer = longestHolding(orgs, m.text, (o) => (o.text.endsWith(' ' + m.text) || acronym(o.text) === m.text) && !/^The\s/.test(o.text.slice(0, -m.text.length)));
      out[i] = longer ? gaz.orgs.get(aliasKey(longer.text)) ?? longer.text : m.text;
      return;
    }
    if (m.type === 'PER') {
      const parts = nameParts(m.text);
      const candidates = people.filter((p) => {
        if (p.text.length <= m.text.length) return false;
        const pp = nameParts(p.text);
        return parts.every((x) => pp.includes(x)) && (pp[pp.length - 1] === parts[parts.length - 1] || parts.length === 1);
      });
      // The longest name that contains this one, preferring those that end with it (surnames).
      candidates.sort((a, b) => {
        const ea = nameParts(a.text).at(-1) === parts.at(-1) ? 1 : 0;
        const eb = nameParts(b.text).at(-1) === parts.at(-1) ? 1 : 0;
        return eb - ea || b.text.length - a.text.length;
      });
      out[i] = sharedSurname(candidates, parts, ms)?.text ?? candidates[0]?.text ?? (parts.length === 1 ? fullNameInText(m.text, folded, ms) : null) ?? m.text;
      return;
    }
    out[i] = m.text;
  }
}

/** The longest of `names` longer than `text` that `holds` it (ends with it, or spells it out). */
function longestHolding(names: RawMention[], text: string, holds: (n: RawMention) => boolean): RawMention | undefined {
  let best: RawMention | undefined;
  for (const n of names) if (n.text.length > text.length && holds(n) && (!best || n.text.length > best.text.length)) best = n;
  return best;
}

/**
 * "Lopez" where the article names two people of that surname ("Maria Lopez" and her son "Javier Lopez"): neither
 * name holds the other, so the longer is no better; the one it names first is whom the story is about.
 */
function sharedSurname(candidates: RawMention[], parts: string[], ms: RawMention[]): RawMention | null {
  if (parts.length !== 1) return null;
  const holds = (a: RawMention, b: RawMention) => { const pa = nameParts(a.text); return nameParts(b.text).every((x) => pa.includes(x)); };
  const people = candidates.filter((c) => nameParts(c.text).at(-1) === parts[0] && !candidates.some((d) => d !== c && holds(d, c)));
  if (people.length < 2) return null;
  const first = (c: RawMention) => ms.find((x) => x.text === c.text)!.start;
  return people.reduce((a, b) => (first(b) < first(a) ? b : a));
}

/** Characters a name may not run on into, after it (NAME_CHAR) and before it (BEFORE_NAME). */
const NAME_CHAR = /[\p{L}\p{N}-]/u;
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const BEFORE_NAME = /[\p{L}\p{N}'’.-]/u;

/**
 * "Musk" where the article names "Elon Musk" only inside a span the tagger read as something else ("Jeff Bezos's Blue
 * Origin and Elon Musk's SpaceX" read as one organisation): the surname's person is the one the text names in full, a
 * capitalised word right before the surname that is a given name, or inside another name the tagger found; never a
 * title, a month or day, a function word or a known place or organisation ("President Musk", "Tesla Musk").
 */
function fullNameInText(surname: string, folded: string, ms: RawMention[]): string | null {
  // (A common word read as a person, "Theater", names no one to look for.)
  if (!folded || !/^\p{Lu}\p{Ll}+$/u.test(surname) || commonWords().has(surname.toLowerCase())) return null;
  const gaz = gazetteer();
  const found = new Set<string>();
  // The surname's occurrences found by indexOf and the word before each read by hand: a Unicode regex built per
  // surname and run over the whole text was a tenth of entity recognition's cost.
  for (let at = folded.indexOf(' ' + surname); at >= 0; at = folded.indexOf(' ' + surname, at + 1)) {
    const end = at + 1 + surname.length;
    if (end < folded.length && NAME_CHAR.test(folded[end]!)) continue;
    let start = at;
    while (start > 0 && LOWER.test(folded[start - 1]!)) start--;
    if (start === at || start === 0 || !UPPER.test(folded[start - 1]!)) continue;
    start--;
    if (start > 0 && BEFORE_NAME.test(folded[start - 1]!)) continue;
    const given = folded.slice(start, at), lw = given.toLowerCase();
    if (STOP_CAPS.has(lw) || gaz.titleWords.has(lw) || CALENDAR_WORDS.has(lw) || gaz.places.has(aliasKey(given)) || gaz.orgs.has(aliasKey(given)) || gaz.demonyms.has(aliasKey(given))) continue;
    if (!personFirstWords().has(lw) && !ms.some((o) => o.type !== 'PER' && o.start <= start && end <= o.end)) continue;
    found.add(folded.slice(start, end));
  }
  // Two different people of that surname: which one is meant is not for this rule to guess.
  return found.size === 1 ? [...found][0]! : null;
}

/** Three words or more in lower case on the same line near the span: running text, not a shouted line or a table. */
function inProse(folded: string, start: number, end: number): boolean {
  if (!folded) return false;
  const from = Math.max(0, folded.lastIndexOf('\n', start) + 1, start - 80);
  let to = folded.indexOf('\n', end);
  if (to < 0 || to > end + 80) to = Math.min(folded.length, end + 80);
  const around = folded.slice(from, start) + ' ' + folded.slice(end, to);
  return (around.match(/(?:^|\s)\p{Ll}\p{L}+/gu) ?? []).length >= 3;
}

function acronym(s: string): string {
  return s
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
}

/** Each word of four capitals or more in Title Case, unless an acronym: known, or with no vowel ("UNHCR"). */
function unshouted(text: string, acronyms: ReadonlySet<string>): string {
  return text.replace(/\p{Lu}{4,}/gu, (w) => (acronyms.has(w) || !/[AEIOUY]/.test(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()));
}

/**
 * The listed name of a company written with its legal form or an ampersand the lists do not hold ("Pacific Gas & Electric
 * Co." is "Pacific Gas and Electric", "Toyota Motor Corp." is "Toyota"): one concept, one name.
 */
function listedCompany(text: string): string | undefined {
  const bare = withoutDesignators(text.replace(/,/g, ' ').split(/\s+/).filter(Boolean)).join(' ');
  const gaz = gazetteer();
  return gaz.orgs.get(aliasKey(bare)) ?? gaz.orgs.get(aliasKey(bare.replace(/ & /g, ' and ')));
}
