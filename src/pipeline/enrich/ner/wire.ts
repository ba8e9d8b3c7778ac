// Rules of wire copy that the fourth fresh wire set (test/fixtures/ner-wire-check6) showed, each a switch in nerRules:
// fixtures ("Sinner v de Minaur", "ALCARAZ V RUNE"), a nationality or a position before a full name ("Swede Armand
// Duplantis"), futures' months in brackets ("( Jan )"), a club said by its first word ("Bolton"), grounds after "at",
// surnames in a brief's capitalised headline, known clubs named like stadiums, places listed after "in", and known
// organisations written "easyJet". And those the fifth (ner-wire-check7) showed: known organisations the tagger read as
// people, tables of places and figures, market indexes, known organisations joined by "and", universities, the "S" of a
// possessive in capitals, gainers and losers lists, jockeys in a race's placings.
// wireRules runs at the end of findNames; particleSurnames after the repeated names.
import { commonWords } from '../common-words.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import { cased, nerRules, personFirstWords, type RawMention } from './names.ts';
import { SPORT_TEAM_HEAD, TEAM_HEAD, isSportsText } from './sports.ts';

/** "v", "vs", "vs." and "versus" between two names: a fixture, not one name ("Alcaraz v Rune"). */
const VERSUS = /\s+(?:v|vs\.?|versus)\s+/g;
/** The same in capitals, at a name's either end too ("ALCARAZ V"). */
const VERSUS_ANY = /(?:^|\s+)(?:v|vs\.?|versus|V|VS)(?:\s+|$)/g;
/** The lower-case particles that open a surname said alone ("de Minaur", "van Persie", "dos Santos"). */
const PARTICLE = /(?:^|[^\p{L}\p{N}])(de|da|das|do|dos|du|del|della|di|van|von|der|den|ter|ten|le|la)[ \t]+$/u;
/**
 * Nouns of nationality, singular, that stand before a person's full name in newswire ("Swede Armand Duplantis", "Briton
 * Lewis Hamilton"); the demonyms the gazetteer knows ("Kenyan", "Australian") count as well.
 */
const NATIONALITY_NOUN = /^(?:Swede|Pole|Dane|Finn|Briton|Scot|Spaniard|Frenchman|Frenchwoman|Dutchman|Dutchwoman|Englishman|Englishwoman|Irishman|Irishwoman|Welshman|Welshwoman|Scotsman|Scotswoman|Turk|Serb|Croat|Swiss|Czech|Slovak|Slovene|Greek|Thai|Kiwi|Argentine|Uzbek|Kazakh|Belgian|Norwegian|German|Italian|Russian|Kenyan|Ethiopian|Australian|American|Canadian|Brazilian|Austrian|Japanese|Chinese)$/;
/** Months as newswire shortens them, a futures contract's delivery month in a price table ("( Jan )", "( Mar )"). */
const MONTH = /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;

export function wireRules(folded: string, out: RawMention[]): void {
  if (nerRules.versusPairs) versusPairs(folded, out);
  if (nerRules.nationalityOpeners) nationalityOpeners(folded, out);
  if (nerRules.contractMonths) contractMonths(folded, out);
  if (nerRules.clubFirstWord && isSportsText(folded)) clubFirstWordPeople(out);
  if (nerRules.groundsAfterAt) groundsAfterAt(folded, out);
  if (nerRules.shoutedSurnames) shoutedSurnames(folded, out);
  if (nerRules.knownOrgsLast) knownOrgsLast(out);
  if (nerRules.placeLists) placeLists(folded, out);
  if (nerRules.camelOrgs) camelOrgs(folded, out);
  if (nerRules.knownOrgPeople) knownOrgPeople(out);
  if (nerRules.placeColumns) placeColumns(folded, out);
  if (nerRules.indexNames) indexNames(folded, out);
  if (nerRules.knownPairs) knownPairs(folded, out);
  if (nerRules.possessiveS) possessiveS(folded, out);
  if (nerRules.moverLists) moverLists(folded, out);
  if (nerRules.jockeys) jockeys(folded, out);
  if (nerRules.universities) universities(folded, out);
}

/**
 * "Sinner v de Minaur , Alcaraz v Rune": the tagger read a fixture as one name; each side is a name of the same kind.
 * "V" in capitals ("ALCARAZ V RUNE", "Alcaraz V Rune" in Title Case) only in a line of two fixtures or more: alone it may
 * be a middle initial.
 */
function versusPairs(folded: string, out: RawMention[]): void {
  const fixtureLine = (at: number) => {
    const from = folded.lastIndexOf('\n', at) + 1;
    const to = folded.indexOf('\n', at);
    return (folded.slice(from, to < 0 ? undefined : to).match(/(?<=\s)(?:V|VS)(?=\s)/g)?.length ?? 0) >= 2;
  };
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if (m.type !== 'PER' && m.type !== 'ORG' && m.type !== 'LOC') continue;
    const text = folded.slice(m.start, m.end);
    const re = /\s(?:V|VS)(?:\s|$)|^(?:V|VS)\s/.test(text) && fixtureLine(m.start) ? VERSUS_ANY : /\s(?:v|vs\.?|versus)\s/.test(text) ? VERSUS : null;
    if (!re || text === 'V' || text === 'VS') {
      if (nerRules.versusCased && (text === 'V' || text === 'VS') && fixtureLine(m.start)) out.splice(i, 1);
      continue;
    }
    if (re === VERSUS_ANY && !nerRules.versusCased) continue;
    const parts: RawMention[] = [];
    let from = 0;
    for (const v of [...text.matchAll(re), { index: text.length, 0: '' }]) {
      const part = text.slice(from, v.index);
      if (/^(?:\p{Lu}|(?:de|van|von|da|dos|di|del|le|la) \p{Lu})/u.test(part)) parts.push({ type: m.type, start: m.start + from, end: m.start + v.index!, text: part });
      from = v.index! + v[0].length;
    }
    out.splice(i, 1, ...parts);
  }
}

/**
 * "Sinner v de Minaur": a surname said alone keeps its lower-case particle, where no capitalised word (a given name)
 * stands before the particle and the document names the person in full with it. Run after the repeated names.
 */
export function particleSurnames(folded: string, out: RawMention[]): void {
  for (const m of out) {
    if (m.type !== 'PER') continue;
    const from = Math.max(0, m.start - 12);
    const p = PARTICLE.exec(folded.slice(from, m.start));
    if (!p) continue;
    const at = from + p.index + p[0].indexOf(p[1]!);
    if (/\p{Lu}[\p{L}'.-]*[ \t]+$/u.test(folded.slice(Math.max(0, at - 30), at))) continue;
    if (out.some((x) => x !== m && x.start < m.start && x.end > at)) continue;
    // Only a surname the document writes with its particle after a given name ("Alex de Minaur"): in text of other
    // languages the particle is a preposition ("a estreia de Kaká").
    const surname = `${p[1]} ${m.text}`;
    if (!out.some((x) => x.type === 'PER' && x !== m && x.text.endsWith(` ${surname}`))) continue;
    m.start = at;
    m.text = folded.slice(at, m.end);
  }
}

/** A player's position or standing, written before a full name at a sentence's start or in Title Case ("Scrumhalf Antoine Dupont", "Winger Matthis Lebel"). */
const POSITION = /^(?:scrum-?half|fly-?half|winger|striker|midfielder|defender|goalkeeper|keeper|full-?back|flanker|hooker|prop|playmaker|wicketkeeper|batsman|batter|paceman|spinner|all-rounder|quarterback|pitcher|shortstop|substitute|teenager|veteran|rookie|champion|titleholder|forward|guard|centre|center|goaltender|defenceman|defenseman|catcher|outfielder|teammate|team-mate|mate)$/;

/**
 * "Swede Armand Duplantis", "Kenyan Faith Kipyegon", "Scrumhalf Antoine Dupont": a nationality or a player's position
 * before a full name is no part of it (in capitals as well: "SWEDE ARMAND DUPLANTIS").
 */
function nationalityOpeners(folded: string, out: RawMention[]): void {
  const gaz = gazetteer();
  for (const m of out) {
    if (m.type !== 'PER') continue;
    for (;;) {
      const words = m.text.split(/[ \t]+/);
      if (words.length < 3) break;
      const first = cased(words[0]!);
      const opener = NATIONALITY_NOUN.test(first) || gaz.demonyms.has(aliasKey(first)) || (nerRules.positionOpeners && POSITION.test(first.toLowerCase()));
      if (!opener || personFirstWords().has(first.toLowerCase()) || !/^\p{Lu}\p{L}+$/u.test(words[1]!)) break;
      const start = m.start + m.text.indexOf(words[1]!, words[0]!.length);
      m.start = start;
      m.text = folded.slice(start, m.end);
    }
  }
}

/** "CBOT soybeans ( Jan ) 9.96": a shortened month alone in brackets is a futures contract's month, not a name. */
function contractMonths(folded: string, out: RawMention[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if ((m.type === 'PER' || m.type === 'ORG' || m.type === 'LOC') && MONTH.test(cased(m.text)) &&
      /\([ \t]*$/.test(folded.slice(Math.max(0, m.start - 3), m.start)) && /^[ \t]*\)/.test(folded.slice(m.end, m.end + 3))) out.splice(i, 1);
  }
}

/**
 * "Bolton Wanderers … Bolton had led": in a sports report, one word read as a person (a surname too) that opens a
 * club's name ending in a club's word ("Wanderers", "United", "City") is that club said short, where no person of the
 * document has it for a surname and it is no given name. Not elsewhere: a company is often its founder's name
 * ("Langejans Guitars", "Langejans made").
 */
function clubFirstWordPeople(out: RawMention[]): void {
  for (const m of out) {
    if (m.type !== 'PER' || !/^\p{Lu}\p{Ll}+$/u.test(m.text) || personFirstWords().has(m.text.toLowerCase())) continue;
    const key = m.text.toLowerCase();
    if (!out.some((x) => x.type === 'ORG' && x.text.toLowerCase().startsWith(`${key} `) && /^\S+ \S+$/.test(x.text) &&
      (TEAM_HEAD.test(x.text.split(' ')[1]!) || SPORT_TEAM_HEAD.test(x.text.split(' ')[1]!)))) continue;
    if (out.some((x) => x.type === 'PER' && x.text.toLowerCase().endsWith(` ${key}`))) continue;
    m.type = 'ORG';
  }
}

/**
 * A sports ground after "at" ("at the Recreation Ground", "at Wrexham's Racecourse Ground", "at the Stade
 * Ernest-Wallon"): a place, which the tagger may miss or read in pieces. Its last word is a ground's ("Ground",
 * "Stadium", "Arena", "Oval") or its first a stadium's abroad ("Stade", "Estadio").
 */
const GROUND_AT = /(?<![\p{L}\p{N}])at (?:the |\p{Lu}[\p{L}-]* ?['’]s )?((?:\p{Lu}[\p{L}'’-]* ){1,3}(?:Ground|Stadium|Arena|Oval)|(?:Stade|Estadio|Estádio|Stadio) \p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2})(?![\p{L}\p{N}])/gu;
/** A motor-racing circuit after "at" ("at the Circuit Ricardo Tormo", "at the Circuit of the Americas", "at Yas Marina Circuit"). */
const CIRCUIT_AT = /(?<![\p{L}\p{N}])at (?:the )?((?:Circuit|Autodromo|Autódromo)(?: (?:of the|de|di|do|dos|del))? \p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2}|(?:\p{Lu}[\p{L}'’-]* ){1,2}(?:Circuit|Raceway|Speedway|Motordrome))(?![\p{L}\p{N}])/gu;
function groundsAfterAt(folded: string, out: RawMention[]): void {
  const circuits = nerRules.circuits && ['Circuit', 'Autod', 'Raceway', 'Speedway', 'Motordrome'].some((w) => folded.includes(w));
  for (const g of [...folded.matchAll(GROUND_AT), ...(circuits ? folded.matchAll(CIRCUIT_AT) : [])]) {
    const start = g.index! + g[0].length - g[1]!.length;
    const end = start + g[1]!.length;
    const inside = out.filter((x) => x.start < end && x.end > start);
    if (inside.some((x) => x.start < start || x.end > end)) continue;
    for (const x of inside) out.splice(out.indexOf(x), 1);
    out.push({ type: 'LOC', start, end, text: g[1]! });
  }
}

/**
 * A list of briefs gives each item a headline in capitals ("NESTLE NAMES ISLA CHAIRMAN", "MODI OPENS NEW MUMBAI
 * AIRPORT"): a word of such a line (after the first, which refine reads as the headline) that is the surname of a
 * person the text names in full is that person.
 */
function shoutedSurnames(folded: string, out: RawMention[]): void {
  const surnames = new Set<string>();
  for (const m of out) {
    if (m.type !== 'PER' || !/\p{Ll}/u.test(m.text)) continue;
    const words = m.text.split(/\s+/);
    if (words.length > 1 && /^\p{Lu}\p{Ll}{2,}$/u.test(words.at(-1)!) && !commonWords().has(words.at(-1)!.toLowerCase())) surnames.add(words.at(-1)!.toUpperCase());
  }
  if (!surnames.size) return;
  const first = folded.indexOf('\n');
  if (first < 0) return;
  for (const line of folded.slice(first).matchAll(/^.*$/gm)) {
    const text = line[0];
    const at = first + line.index!;
    if (/\p{Ll}/u.test(text) || (text.match(/\p{Lu}{2,}/gu)?.length ?? 0) < 3) continue;
    for (const w of text.matchAll(/(?<![\p{L}\p{N}'’-])\p{Lu}{3,}(?![\p{L}\p{N}'’-])/gu)) {
      if (!surnames.has(w[0])) continue;
      const start = at + w.index!;
      const end = start + w[0].length;
      const inside = out.filter((x) => x.start < end && x.end > start);
      if (inside.some((x) => x.start !== start || x.end !== end)) continue;
      for (const x of inside) out.splice(out.indexOf(x), 1);
      out.push({ type: 'PER', start, end, text: w[0] });
    }
  }
}

/**
 * "Stade Francais 24 Montpellier 24": a known club whose first word is a stadium's ("Stade"), which the venue rule typed
 * a place, is the club, where no place has that name.
 */
const CLUB_LIKE_VENUE = /^(?:Stade|Estadio|Stadio)$/;
function knownOrgsLast(out: RawMention[]): void {
  const gaz = gazetteer();
  for (const m of out) {
    if (m.type !== 'LOC' || !/\s/.test(m.text) || !CLUB_LIKE_VENUE.test(cased(m.text.split(/\s+/)[0]!))) continue;
    const key = aliasKey(m.text);
    if (gaz.orgs.has(key) && !gaz.places.has(key)) m.type = 'ORG';
  }
}

/**
 * "plants in Wolfsburg , Emden and Zwickau": one word read as a person between two places of a list, joined by a comma
 * or "and", after "in", "at" or "from", is a place too.
 */
function placeLists(folded: string, out: RawMention[]): void {
  out.sort((a, b) => a.start - b.start);
  for (let i = 1; i < out.length - 1; i++) {
    const m = out[i]!, a = out[i - 1]!, b = out[i + 1]!;
    if (m.type !== 'PER' || /\s/.test(m.text) || a.type !== 'LOC' || b.type !== 'LOC' || personFirstWords().has(m.text.toLowerCase())) continue;
    if (!/^ ?, $/.test(folded.slice(a.end, m.start)) || !/^(?: ?,| and| ?, and) $/.test(folded.slice(m.end, b.start))) continue;
    // The list follows a word of place ("in", "at", "from"): "by Luigi 's Sons Guido , Henrique and José Pedro" does not.
    let k = i - 1;
    while (k > 0 && out[k - 1]!.type === 'LOC' && /^ ?, $/.test(folded.slice(out[k - 1]!.end, out[k]!.start))) k--;
    if (!/(?<![\p{L}\p{N}])(?:in|at|from|near|to|between)\s+(?:the\s+)?$/iu.test(folded.slice(Math.max(0, out[k]!.start - 14), out[k]!.start))) continue;
    m.type = 'LOC';
  }
}

/** "Ryanair and easyJet said": a known organisation written with a lower-case first letter and a capital inside. */
function camelOrgs(folded: string, out: RawMention[]): void {
  const gaz = gazetteer();
  for (const w of folded.matchAll(/(?<![\p{L}\p{N}@#])\p{Ll}+\p{Lu}[\p{L}]+(?![\p{L}\p{N}])/gu)) {
    const start = w.index!, end = start + w[0].length;
    if (!gaz.orgs.has(aliasKey(w[0])) || out.some((x) => x.start < end && x.end > start)) continue;
    out.push({ type: 'ORG', start, end, text: w[0] });
  }
}

/**
 * "according to financial advisers Deloitte", "Benfica - sold defender …": one word the tagger was sure was a person's
 * that names a known organisation (and no place) is the organisation, where no person of the text has it for a name
 * ("Enzo Ferrari … Ferrari said" stays the man) and it is no given name.
 */
function knownOrgPeople(out: RawMention[]): void {
  const gaz = gazetteer();
  let parts: Set<string> | undefined;
  for (const m of out) {
    if (m.type !== 'PER' || /\s/.test(m.text) || m.text.length < 3) continue;
    const key = aliasKey(m.text);
    if (!gaz.orgs.has(key) || gaz.places.has(key) || personFirstWords().has(m.text.toLowerCase())) continue;
    parts ??= new Set(out.filter((x) => x.type === 'PER' && /\s/.test(x.text)).flatMap((x) => x.text.toLowerCase().split(/\s+/)));
    if (parts.has(m.text.toLowerCase())) continue;
    m.type = 'ORG';
  }
}

/**
 * A table of places and figures, one row a line ("Kanifing 61,220 / 58,901 / 9,344", "Ningbo-Zhoushan 3.25"): where two
 * rows or more name places (known ones, or names the text reads as places elsewhere), none an organisation, a row's
 * name that the tagger read as a person or missed is a place too (election results by region, port or city tables).
 * Rows are three or more lines next to one another.
 */
const FIGURE_ROW = /^[ \t]*(\p{Lu}[\p{L}'’.-]*(?:[ \t]\p{Lu}[\p{L}'’.-]*){0,2})((?:[ \t]+(?:[/|][ \t]+)?[-+]?\d[\d.,]*%?)+)[ \t]*$/u;
function placeColumns(folded: string, out: RawMention[]): void {
  const gaz = gazetteer();
  let block: { start: number; end: number }[] = [];
  const flush = () => {
    if (block.length >= 3) placeColumn(block, folded, out, gaz);
    block = [];
  };
  let at = 0;
  for (const line of folded.split('\n')) {
    const m = line.length < 120 && /\d/.test(line) ? FIGURE_ROW.exec(line) : null;
    if (m) {
      const start = at + m.index + m[0].indexOf(m[1]!);
      block.push({ start, end: start + m[1]!.length });
    } else flush();
    at += line.length + 1;
  }
  flush();
}

function placeColumn(rows: { start: number; end: number }[], folded: string, out: RawMention[], gaz: ReturnType<typeof gazetteer>): void {
  const at = (r: { start: number; end: number }) => out.filter((x) => x.start < r.end && x.end > r.start);
  let places = 0;
  let placed: Set<string> | undefined;
  for (const r of rows) {
    const text = folded.slice(r.start, r.end);
    const key = aliasKey(text);
    if (gaz.orgs.has(key) || at(r).some((x) => x.type === 'ORG')) return;
    // A known place, or a name the text reads as a place elsewhere ("the count in Brikama").
    placed ??= new Set(out.filter((x) => x.type === 'LOC').map((x) => x.text));
    if ((gaz.places.has(key) && !gaz.demonyms.has(key)) || placed.has(text)) places++;
  }
  if (places < 2) return;
  for (const r of rows) {
    const text = folded.slice(r.start, r.end);
    const inside = at(r);
    if (inside.some((x) => x.type !== 'PER' || x.start !== r.start || x.end !== r.end)) continue;
    if (!inside.length && text.split(/[ \t]+/).some((w) => commonWords().has(w.toLowerCase()))) continue;
    for (const x of inside) out.splice(out.indexOf(x), 1);
    out.push({ type: 'LOC', start: r.start, end: r.end, text });
  }
}

/**
 * "the Nikkei average fell", "the Kospi index rose": one word read as a name right before "index" or "average" names a market index
 * (MISC in newswire annotation, no person, place or organisation).
 */
const INDEX_AFTER = /^[ \t]+(?:index|indices|indexes|average|INDEX|INDICES|AVERAGE)(?![\p{L}\p{N}])/u;
function indexNames(folded: string, out: RawMention[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    // One word only: "the Karachi Stock Exchange index" names the exchange.
    if ((m.type === 'PER' || m.type === 'ORG' || m.type === 'LOC') && !/\s/.test(m.text) && INDEX_AFTER.test(folded.slice(m.end, m.end + 12))) out.splice(i, 1);
  }
}

/**
 * "RELIANCE INDUSTRIES AND INFOSYS", "State Bank of India and HDFC Bank": a name joined by "and" whose every part is a
 * known organisation (and the whole none) is those organisations, in any case (splitOrganisation reads ordinary case).
 */
function knownPairs(folded: string, out: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if ((m.type !== 'ORG' && m.type !== 'PER' && m.type !== 'LOC') || !/ (?:and|AND) /.test(m.text) || gaz.orgs.has(aliasKey(m.text)) || gaz.places.has(aliasKey(m.text))) continue;
    const parts: RawMention[] = [];
    let from = 0;
    for (const a of [...m.text.matchAll(/ (?:and|AND) /g), { index: m.text.length, 0: '' }]) {
      const text = m.text.slice(from, a.index);
      parts.push({ type: 'ORG', start: m.start + from, end: m.start + a.index!, text });
      from = a.index! + a[0].length;
    }
    if (parts.every((p) => gaz.orgs.has(aliasKey(p.text)) && !gaz.places.has(aliasKey(p.text)))) out.splice(i, 1, ...parts);
  }
}

/**
 * "Makerere University", "UNIVERSITY OF NAIROBI": a place or a name read alone right before "University" or "College", or
 * a place after "University of", is the university's name, an organisation, in any case.
 */
const UNIVERSITY_AFTER = /^ (?:University|UNIVERSITY|College|COLLEGE)(?![\p{L}\p{N}])/u;
const UNIVERSITY_OF = /(?<![\p{L}\p{N}])(?:University|UNIVERSITY) (?:of|OF) $/u;
function universities(folded: string, out: RawMention[]): void {
  out.sort((a, b) => a.start - b.start);
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!;
    if (m.type !== 'LOC' && m.type !== 'PER' && m.type !== 'ORG') continue;
    const after = UNIVERSITY_AFTER.exec(folded.slice(m.end, m.end + 12));
    const before = UNIVERSITY_OF.exec(folded.slice(Math.max(0, m.start - 14), m.start));
    if (!after && !(before && m.type === 'LOC')) continue;
    const start = before && m.type === 'LOC' ? m.start - before[0].length : m.start;
    const end = after ? m.end + after[0].length : m.end;
    if (out.some((x) => x !== m && x.start < end && x.end > start)) continue;
    out[i] = { type: 'ORG', start, end, text: folded.slice(start, end) };
  }
}

/**
 * "NEXT WEEK 'S RESERVE BANK OF INDIA": the "S" of a possessive written apart in capitals opens no name; the name starts
 * after it (and a name that is the "S" alone is none).
 */
function possessiveS(folded: string, out: RawMention[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if ((m.type !== 'PER' && m.type !== 'ORG' && m.type !== 'LOC') || !/^[Ss](?:[ \t]|$)/.test(m.text) || !/['’]$/.test(folded.slice(Math.max(0, m.start - 1), m.start))) continue;
    const rest = /^[Ss][ \t]+/.exec(m.text);
    if (!rest) { out.splice(i, 1); continue; }
    m.start += rest[0].length;
    m.text = folded.slice(m.start, m.end);
  }
}

/**
 * "TOP GAINERS : ADANI PORTS +4.2 PCT , TATA STEEL +3.8", "Losers: ITC -1.1": in a market report's line of gainers or
 * losers, each name before a signed change is a listed company.
 */
const MOVER_LINE = /^.*\b(?:gainers|losers|GAINERS|LOSERS|Gainers|Losers)\b.*$/gm;
const MOVER = /(?:^|[:,;][ \t]*)(\p{Lu}[\p{L}&.'’-]*(?:[ \t]+\p{Lu}[\p{L}&.'’-]*){0,3})[ \t]+[+-][ \t]?\d/gu;
function moverLists(folded: string, out: RawMention[]): void {
  if (!/gainers|losers/i.test(folded)) return;
  for (const line of folded.matchAll(MOVER_LINE)) {
    for (const m of line[0].matchAll(MOVER)) {
      const start = line.index! + m.index! + m[0].lastIndexOf(m[1]!);
      const end = start + m[1]!.length;
      const inside = out.filter((x) => x.start < end && x.end > start);
      if (inside.some((x) => x.start < start || x.end > end)) continue;
      for (const x of inside) out.splice(out.indexOf(x), 1);
      out.push({ type: 'ORG', start, end, text: m[1]! });
    }
  }
}

/**
 * "3. Kitasan Dream ( Yuga Kawada ) 9-2", "1. Cavalier Rouge ( ridden by Joao Moreira ) 12-1": in a race's placings with
 * the starting price, the name in brackets is the jockey's, a person's (the horse before it is no person's business here).
 */
const PLACING = /^[ \t]*\d{1,2}\.[ \t]+\p{Lu}[^()\n]*\([ \t]*(?:ridden by[ \t]+|RIDDEN BY[ \t]+|Ridden by[ \t]+|Ridden By[ \t]+)?(\p{Lu}[\p{L}'’.-]*(?:[ \t]+(?:\p{Lu}[\p{L}'’.-]*|de|van|di|du|le|la)){1,3})[ \t]*\)[ \t]+(?:\d{1,3}-\d{1,2}|evens|EVENS|Evens)(?![\p{L}\p{N}-])/gmu;
function jockeys(folded: string, out: RawMention[]): void {
  if (!/\)[ \t]+(?:\d{1,3}-\d{1,2}|evens|EVENS|Evens)/.test(folded)) return;
  const gaz = gazetteer();
  for (const p of folded.matchAll(PLACING)) {
    if (gaz.countries.has(gaz.places.get(aliasKey(p[1]!)) ?? '')) continue;
    const start = p.index! + p[0].lastIndexOf(p[1]!, p[0].lastIndexOf(')'));
    const end = start + p[1]!.length;
    const inside = out.filter((x) => x.start < end && x.end > start);
    if (inside.some((x) => x.start < start || x.end > end)) continue;
    for (const x of inside) out.splice(out.indexOf(x), 1);
    out.push({ type: 'PER', start, end, text: p[1]! });
  }
}
