// The company and organisation rules of the entity stage: legal forms ("Siemens AG"), company frames and tables,
// kinds of organisation before or after a name, abbreviations defined in brackets, and companies named short
// after their first mention. Each runs on the tagger's mentions and is switched by nerRules (names.ts).
import { commonWords, isDictionaryWordForm } from '../common-words.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import { RangeMask } from '../spans.ts';
import { wholeWordAt } from '../whole-word.ts';
import type { Token } from '../tokens.ts';
import { caseRegime, ordinaryCaseAround } from './features.ts';
import {
  ACRONYM, CAP, CALENDAR_WORDS, CAPS_FORMS, CENTRE, COMMON_ABBREVIATION, LEGAL_FORMS, LONG_FORMS, ORG_APPOS, ORG_HEAD, ORG_KINDS, STOP_CAPS, cased,
  fullNameParts, nerRules, personFirstWords, type RawMention,
} from './names.ts';

/** A company's legal form closing its name ("First Solar Inc", "Siemens AG", "BP plc", "Nissan Motor Co"). */
const DESIGNATOR = new RegExp(`^(?:${LEGAL_FORMS})\\.?$`);
/** After a name, words that make it a listed company's: "First Solar shares rose", "Nvidia stock", "Iberdrola's shares". */
const SHARES_AFTER = /^(?:\s*'s?)?\s+(?:shares|stock|stocks|shareholders|share price)\b(?!\s+(?:this|that|the|a|an|his|her|my|our|their|its|your|some|these|those)\b)/;
/** Before a name: "shares of", "shares in", "a stake in" … "(NYSE: F)" is read after it. */
const SHARES_BEFORE = /\b(?:[Ss]hares|[Ss]tock|[Ss]take) (?:of|in) $/;
const COMPANY_WORD = new RegExp(`\\b(?:[Ss]hares|[Ss]tock|stocks|shareholders|share price|[Ss]take|${LEGAL_FORMS})\\b`);
const TICKER_AFTER = /^\s*\(\s*(?:NYSE|Nasdaq|NASDAQ|LSE|TSX|ASX|Euronext|XETRA|Xetra|HKEX|OTC)\s*:\s*[A-Z.]{1,6}\s*\)/;

/**
 * Companies that newswire names by the frames around them, where the tagger found no name or a person: a run
 * of capitalised words ending in a legal form ("First Solar Inc"), or followed by "shares"/"stock" ("First Solar
 * shares jump"), or after "shares of", or followed by an exchange ticker ("Ford (NYSE: F)"). A place or a
 * nationality before "shares" is a market's ("U.S. shares", "European stocks") and is left alone; a person is
 * retyped only by the ticker or the "shares" frame and only when named by one word (no person's own shares are news).
 */
export function addCompanies(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const toks of sentenceTokens) {
    // Only a sentence with a frame's word is read (most have none), and in ordinary case only: in Title Case or
    // capitals a run of capitals takes in the verbs ("Shall Be Limited").
    if (!toks.length || !COMPANY_WORD.test(folded.slice(toks[0]!.start, toks.at(-1)!.end))) continue;
    if (caseRegime(toks.map((t) => folded.slice(t.start, t.end))) !== '') continue;
    for (let i = 0; i < toks.length; i++) {
      if (!/^\p{Lu}/u.test(toks[i]!.text) || STOP_CAPS.has(toks[i]!.text.toLowerCase())) continue;
      let j = i + 1;
      while (j < toks.length && j - i < 5 && /^(?:\p{Lu}|&$)/u.test(toks[j]!.text) && folded.slice(toks[j - 1]!.end, toks[j]!.start) === ' ') j++;
      const first = i;
      i = j - 1;
      // The run's end: at a legal form, or the whole run before a frame.
      let end = -1;
      for (let k = j - 1; k > first; k--) if (DESIGNATOR.test(toks[k]!.text)) { end = k + 1; break; }
      const after = folded.slice(toks[j - 1]!.end, toks[j - 1]!.end + 40);
      const before = folded.slice(Math.max(0, toks[first]!.start - 16), toks[first]!.start);
      const framed = SHARES_AFTER.test(after) || SHARES_BEFORE.test(before) || TICKER_AFTER.test(after);
      if (end < 0 && !framed) continue;
      if (end < 0) end = j;
      const start = toks[first]!.start;
      const stop = toks[end - 1]!.end;
      if (/[#@]/.test(folded[start - 1] ?? '')) continue; // a tweet's tag or handle ("#Saratoga Co", a county)
      const text = folded.slice(start, stop);
      const key = aliasKey(text);
      if (gaz.places.has(key) || gaz.demonyms.has(key) || toks.slice(first, end).every((t) => STOP_CAPS.has(t.text.toLowerCase()) || gaz.titleWords.has(t.text.toLowerCase()))) continue;
      const inside = ms.filter((m) => m.start < stop && m.end > start);
      // (An organisation inside a name that ends in a legal form is part of it: "ING" and "NV" of "ING Groep NV".)
      const formEnd = nerRules.legalForms && DESIGNATOR.test(toks[end - 1]!.text);
      if (inside.some((m) => (m.type === 'ORG' && (!formEnd || (m.end === stop && m.start < toks[end - 1]!.start))) || m.start < start || m.end > stop)) continue;
      if (inside.some((m) => m.type === 'PER') && (end - first > 1 || DESIGNATOR.test(toks[end - 1]!.text) && !framed)) continue;
      for (const m of inside) ms.splice(ms.indexOf(m), 1);
      ms.push({ type: 'ORG', start, end: stop, text });
    }
  }
}

/** A legal form after a name, in ordinary case or in capitals ("Novartis AG", "NOVARTIS AG", "Merck & Co"; not "Co Wicklow"). */
const LEGAL_FORM_AFTER = new RegExp(String.raw`^ (?:& Co|& CO|Co(?! \p{Lu})|SA|SE|${LONG_FORMS}|S\.A|N\.V|S\.p\.A|${CAPS_FORMS})\.?(?![\p{L}\p{N}&-])`, 'u');
/** Words inside a company's name before its legal form ("Toyota Motor Corp", "Westpac Banking Corp"). */
const COMPANY_MIDDLE = /^(?:Motor|Banking|Financial|Electric|Steel|Oil|Chemical|Chemicals|Trading|Petroleum|Mining|Brothers|Bros|Airlines|Telecom|Pharmaceutical|Industrial)$/;
/** More words of a company's name before "Co Ltd" ("Hyundai Heavy Industries Co Ltd", "Sumitomo Metal Mining Co Ltd"). */
const CO_MIDDLE = /^(?:Metal|Metals|Heavy|Securities|Construction|Engineering|Shipping|Shipbuilding|Marine|Cement|Paper|Textile|Textiles|Sugar|Glass|Rubber|Machinery|Pharmaceutical|Mining|Steel|Chemical|Electric|Motor|Trading|Oil)$/;
/** "Co Ltd", "CO LTD", "Co Inc" read as one name: a legal form alone. */
const CO_FORM = new RegExp(`^(?:Co|CO)\\.? (?:${LONG_FORMS}|${CAPS_FORMS})\\.?$`);
/** The Mexican legal form after a name, whole or its tail after "SAB" ("Grupo Bimbo SAB de CV", "Cemex S.A.B. de C.V."). */
const DE_CV_AFTER = /^ (?:(?:SAB|SA|S\.A\.B\.|S\.A\.) )?(?:de|DE) (?:CV|C\.V\.)(?![\p{L}\p{N}])/u;
/** A legal form standing alone in the text, where none of the tagger's names covers it (not the short "SA", "SE", "Co"). */
const UNTAGGED_FORM = new RegExp(String.raw`(?<=[ \t])(${LONG_FORMS}|${CAPS_FORMS})\.?(?![\p{L}\p{N}&-])`, 'gu');
/** In a text in capitals, "SA", "SE" and "CO" are as often words of other languages or a county's ("COMME SA", "NANTONG SE"). */
const SHORT_FORM = /^ (?:SA|SE|CO|Co)\b/;
const shouted = (text: string) => !/\p{Ll}/u.test(text);

/**
 * "Novartis AG", "Banco Santander SA", "NOVARTIS AG": a name followed by a company's legal form is the company's,
 * whatever the tagger read (a person, a place, or the form alone as an organisation), in any case. A name the
 * tagger ran on into the form is retyped the same way.
 */
export function legalForms(folded: string, ms: RawMention[]): void {
  // A legal form the tagger left out, in a sentence in capitals or a table ("UBS AG , SWITZERLAND 'S LARGEST BANK"), is
  // read as one it read alone (below); it stays only if it finds its name.
  const taken = new RangeMask(folded.length);
  for (const m of ms) taken.add(m.start, m.end);
  const added = new Set<RawMention>();
  for (const f of folded.matchAll(UNTAGGED_FORM)) {
    const start = f.index!, end = start + f[1]!.length;
    if (taken.overlaps(start, end)) continue;
    const m: RawMention = { type: 'ORG', start, end, text: f[1]! };
    ms.push(m);
    added.add(m);
  }
  ms.sort((a, b) => a.start - b.start);
  // A legal form alone ("CORP" of "SONY GROUP CORP", the tagger's in capitals) ends the name before it, over up to two
  // words of a company's name between ("GROUP", "BANKING", "d.y."). (Alone after a comma it is left as it was: "X, LLC".)
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    // "CO LTD" read as one name is a legal form alone as well (coLtd).
    const coLtd = nerRules.coLtd && CO_FORM.test(m.text);
    if (m.type !== 'ORG' || (!coLtd && (!LEGAL_FORM_AFTER.test(` ${m.text}`) || /\s/.test(m.text.replace(/^& /, ''))))) continue;
    const p = ms[i - 1];
    const gap = folded.slice(p?.end ?? 0, m.start);
    // "SUMITOMO METAL MINING CO LTD", "Hyundai Heavy Industries Co Ltd": with "Co" before the form, three words between;
    // none where a known name ends right before "CO LTD".
    const coForm = coLtd || (nerRules.coLtd && /^ (?:\S+ ){0,3}(?:Co|CO) $/.test(gap));
    if (p && p.type !== 'DATE' && !gazetteer().demonyms.has(aliasKey(p.text)) && (coLtd ? /^(?: \p{Lu}[\p{L}&.'-]*){0,4} $/u : coForm ? /^(?: \p{Lu}[\p{L}&.'-]*){1,4} $/u : /^(?: (?:\p{Lu}[\p{L}&.'-]*|\p{Ll}\.(?:\p{Ll}\.)+)){0,2} $/u).test(gap) &&
      gap.trim().split(' ').every((w) => !w || ORG_HEAD.test(cased(w)) || COMPANY_MIDDLE.test(cased(w)) || /^\p{Ll}\./u.test(w) || (coForm && (/^(?:Co|CO)$/.test(w) || CO_MIDDLE.test(cased(w)))))) {
      ms.splice(i - 1, 2, { type: 'ORG', start: p.start, end: m.end, text: folded.slice(p.start, m.end) });
      continue;
    }
    // Or the capitalised words after a clause's edge ("MUMBAI - RELIANCE INDUSTRIES LTD SAID").
    const words = /(?:^|[-–:,(\n]\s*)((?:\p{Lu}[\p{L}&.'-]* ){1,3})$/u.exec(folded.slice(Math.max(p?.end ?? 0, m.start - 48), m.start));
    const start = m.start - (words?.[1]!.length ?? 0);
    if (words && !words[1]!.split(' ').some((w) => STOP_CAPS.has(w.toLowerCase()))) ms.splice(i, 1, { type: 'ORG', start, end: m.end, text: folded.slice(start, m.end) });
    else if (added.has(m)) ms.splice(i, 1);
  }
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'PER' && m.type !== 'LOC' && m.type !== 'ORG') continue;
    const deCv = nerRules.coLtd ? DE_CV_AFTER.exec(folded.slice(m.end, m.end + 16)) : null;
    if (deCv && !ms.some((x) => x !== m && x.start < m.end + deCv[0].length && x.end > m.end)) {
      const end = m.end + deCv[0].length;
      ms[i] = { type: 'ORG', start: m.start, end, text: folded.slice(m.start, end) };
      continue;
    }
    const form = LEGAL_FORM_AFTER.exec(folded.slice(m.end, m.end + 8));
    if (form && !(shouted(m.text) && SHORT_FORM.test(form[0]))) {
      const end = m.end + form[0].length;
      const next = ms[i + 1];
      // The form alone as a mention of its own ("NV") goes into the name; any other name after it stops the join.
      if (next && next.start < end && (next.end > end || next.type !== 'ORG')) continue;
      if (next && next.start < end) ms.splice(i + 1, 1);
      ms[i] = { type: 'ORG', start: m.start, end, text: folded.slice(m.start, end) };
      continue;
    }
    const last = m.text.slice(m.text.lastIndexOf(' '));
    if (m.type !== 'ORG' && /\s/.test(m.text) && LEGAL_FORM_AFTER.test(last) && !(shouted(m.text) && SHORT_FORM.test(last))) m.type = 'ORG';
  }
}

/**
 * "Bank of" + "Japan", "National Stock Exchange" + "of India": an organisation named after the place it serves is
 * one name, as newswire annotates it ("Bank of Japan", "Reserve Bank of India"); the tagger cuts it at the place.
 * Only where the organisation's part ends in "of" or in a kind of organisation ("Exchange", "Corporation").
 */
export function joinOrgOfPlace(folded: string, ms: RawMention[]): void {
  ms.sort((a, b) => a.start - b.start);
  for (let i = ms.length - 2; i >= 0; i--) {
    const a = ms[i]!, b = ms[i + 1]!;
    if (a.type !== 'ORG' || b.type !== 'LOC') continue;
    const gap = folded.slice(a.end, b.start);
    const cut = gap === ' ' && / (?:of|OF)$/.test(a.text);
    const head = cased(a.text.slice(a.text.lastIndexOf(' ') + 1));
    // A full name before "of" joins only a country's ("Reserve Bank of India"): a firm may be named after a state it
    // no longer serves ("Union Bank" of California, as contracts annotate it).
    const country = gazetteer().countries.has(gazetteer().places.get(aliasKey(b.text)) ?? '');
    if (!cut && !(country && /^ (?:of|OF) $/.test(gap) && (ORG_HEAD.test(head) || /^(?:Exchange|Chamber|Academy)$/.test(head)))) continue;
    ms.splice(i, 2, { type: 'ORG', start: a.start, end: b.end, text: folded.slice(a.start, b.end) });
  }
}

/**
 * "Bank of England's Prudential Regulation Authority", "Britain's Financial Conduct Authority" read as one name: the
 * owner before the possessive is named apart (a place or organisation the gazetteer knows, or a name ending in a
 * kind of organisation) and the body after it is an organisation; "Moody's Investors Service" and "People's Party"
 * stay whole (their first word stands for nothing alone).
 */
export function splitPossessive(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.type !== 'ORG' && m.type !== 'PER' && m.type !== 'LOC') continue;
    const x = /^(.+?) ?['’]s (\p{Lu}.*)$/u.exec(m.text);
    if (!x || !ORG_HEAD.test(cased(x[2]!.slice(x[2]!.lastIndexOf(' ') + 1)))) continue;
    const owner = x[1]!, key = aliasKey(owner);
    const ownerType = gaz.places.has(key) && !gaz.demonyms.has(key) ? 'LOC' : gaz.orgs.has(key) || (/\s/.test(owner) && ORG_HEAD.test(cased(owner.slice(owner.lastIndexOf(' ') + 1)))) ? 'ORG' : null;
    if (!ownerType) continue;
    const bodyStart = m.end - x[2]!.length;
    ms.splice(i, 1, { type: ownerType, start: m.start, end: m.start + owner.length, text: owner }, { type: 'ORG', start: bodyStart, end: m.end, text: x[2]! });
  }
}

/** Words that open only a company's or a bank's name ("Banco Santander", "Groupe PSA", "Caixa Geral"), never a person's or a place's. */
const COMPANY_OPENER = /^(?:Banco|Banca|Banque|Grupo|Groupe|Gruppo|Compagnie|Compania|Compañía|Companhia|Societe|Société|Sociedad|Caja|Caixa|Cassa|Credito|Crédit|Credit)$/;

/** "Banco Santander" read as a person, "Banca Monte dei Paschi" as a place: a company's opener makes the name a company's. */
export function companyOpeners(ms: RawMention[]): void {
  for (const m of ms) {
    if (m.type !== 'PER' && m.type !== 'LOC') continue;
    // "Rabobank", "Commerzbank", "Citibank": a one-word name ending in "bank" is a bank's.
    // (A place stays one: "Redbank".)
    if ((/\s/.test(m.text) && COMPANY_OPENER.test(cased(m.text.split(' ')[0]!))) || (m.type === 'PER' && /^\p{Lu}\p{L}{2,}bank$/iu.test(m.text))) m.type = 'ORG';
  }
}

/** A staff post and a person's name after an organisation's ("Vontobel analyst Stefan Schneider"). */
const STAFF_BEFORE_PERSON = /^ (?:analyst|economist|strategist|spokes(?:man|woman|person)|chairman|chairwoman|chief executive|executive|official) \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}/u;
/** A kind of organisation, or its staff, written after its name in lower case ("the CGT union", "Le Monde newspaper", "Barclays analysts"). */
const KIND_AFTER = new RegExp(`^ (?:${ORG_KINDS}|analysts?|economists?|strategists?)\\b`);

/**
 * "the hard-left CGT union", "Le Monde newspaper", "Vontobel analyst Stefan Schneider": a name followed by a kind of
 * organisation, or by the post of someone who works at one, written in lower case, is an organisation's; a place the
 * gazetteer knows stays the place ("a Tokyo bank"). A name the tagger left out is found when it is one word that is
 * no common word, place, nationality or title, in an ordinary-case sentence.
 */
export function orgBeforeKind(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
  const gaz = gazetteer();
  const people = fullNameParts(ms);
  for (const m of ms) {
    if ((m.type !== 'PER' && m.type !== 'LOC') || gaz.titleWords.has(m.text.toLowerCase())) continue;
    const after = folded.slice(m.end, m.end + 40);
    // A place no gazetteer knows may be the tagger's guess at a party's name ("the liberal Wafd party"); before other
    // kinds it is as often the place ("Antrim club fixtures") or a nationality ("the South Korean company").
    if (m.type === 'LOC') {
      if (!gaz.places.has(aliasKey(m.text)) && /^ (?:party|union)\b/.test(after)) m.type = 'ORG';
      continue;
    }
    // (A post and a person after a one-word name no one is named by: "Lufthansa spokesman Klaus Walther", not "Obama spokesman …".)
    if (KIND_AFTER.test(after) || (m.type === 'PER' && !/\s/.test(m.text) && !people.has(m.text.toLowerCase()) && STAFF_BEFORE_PERSON.test(after))) m.type = 'ORG';
  }
  const taken = new RangeMask(folded.length);
  for (const m of ms) taken.add(m.start, m.end);
  for (const toks of sentenceTokens) {
    for (let i = 0; i < toks.length - 1; i++) {
      const t = toks[i]!;
      // (A whole word: not the "PR" of "6PR".)
      if (!/^\p{Lu}[\p{L}&]+$/u.test(t.text) || /[\p{L}\p{N}]/u.test(folded[t.start - 1] ?? '') || taken.overlaps(t.start, t.end)) continue;
      // An acronym before a kind ("the CGT union") or an apposition naming one ("YPF, the state oil company"), or any
      // word before a staff post and a person ("Vontobel analyst Stefan Schneider"); not an adjective before a kind
      // ("the Islamist group").
      const after = folded.slice(t.end, t.end + 40);
      if (!(ACRONYM.test(t.text) && (KIND_AFTER.test(after) || (nerRules.orgAppos && ORG_APPOS.test(folded.slice(t.end, t.end + 90))))) && !STAFF_BEFORE_PERSON.test(after)) continue;
      const lw = t.text.toLowerCase(), key = aliasKey(t.text);
      if (STOP_CAPS.has(lw) || COMMON_ABBREVIATION.test(t.text) || commonWords().has(lw) || gaz.titleWords.has(lw) || gaz.places.has(key) || gaz.demonyms.has(key) || isDictionaryWordForm(lw)) continue;
      if (caseRegime(toks.map((x) => folded.slice(x.start, x.end))) !== '') break;
      ms.push({ type: 'ORG', start: t.start, end: t.end, text: folded.slice(t.start, t.end) });
    }
  }
  ms.sort((a, b) => a.start - b.start);
}

/** A table's row: a name, then figures only ("Siemens AG   2,100   19,800", "Henkel 512 5,300", "Coca-Cola Co 0.71 vs 0.64"). */
const FIGURE_ROW = /^[ \t]*(\p{Lu}[\p{L}.&'-]*(?:[ \t]\p{Lu}[\p{L}.&'-]*|[ \t]&){0,4})(?:[ \t]+(?:vs\.?[ \t]+)?[-+]?\(?[\d.,]+\)?%?){2,}[ \t]*$/gmu;

/**
 * A table of companies' figures, as wire copy prints results: a row whose name ends in a legal form is a company's,
 * and once two rows of a table are organisations, the rows beside them that the tagger left out or read as a person
 * named by one word are too (a place stays the place: a table of cities' figures is no table of companies).
 */
export function tableCompanies(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const people = fullNameParts(ms);
  let block: { start: number; end: number }[] = [];
  let lastEnd = -2;
  const settle = () => {
    const inside = (r: { start: number; end: number }) => ms.filter((m) => m.start < r.end && m.end > r.start);
    const orgs = block.filter((r) => LEGAL_FORM_AFTER.test(folded.slice(r.start, r.end).replace(/^.*(?= \S+$)/, '')) || inside(r).some((m) => m.type === 'ORG' && m.start === r.start && m.end === r.end));
    for (const r of block) {
      const text = folded.slice(r.start, r.end);
      const form = orgs.includes(r) && !inside(r).some((m) => m.type === 'ORG');
      if (!form && orgs.length < 2) continue;
      const found = inside(r);
      if (found.some((m) => m.type === 'LOC' || m.type === 'ORG' || (m.type === 'PER' && (/\s/.test(m.text) || people.has(m.text.toLowerCase()))))) { if (!form) continue; }
      if (gaz.places.has(aliasKey(text)) || STOP_CAPS.has(text.toLowerCase())) continue;
      for (const m of found) ms.splice(ms.indexOf(m), 1);
      ms.push({ type: 'ORG', start: r.start, end: r.end, text });
    }
    block = [];
  };
  for (const row of folded.matchAll(FIGURE_ROW)) {
    const start = row.index! + row[0].indexOf(row[1]!);
    const lineStart = row.index!;
    if (lineStart > lastEnd + 1) settle();
    block.push({ start, end: start + row[1]!.length });
    lastEnd = row.index! + row[0].length;
  }
  settle();
  ms.sort((a, b) => a.start - b.start);
}

/** An abbreviation defined in brackets after a name ("the European Commission (EC)", "Law and Justice ( PiS )"). */
const DEFINED = /^ ?\( ?(\p{Lu}[\p{L}\p{N}&-]{1,7}) ?\)/u;

/**
 * "Law and Justice (PiS) … PiS leader Jaroslaw Kaczynski": an abbreviation the text defines in brackets after an
 * organisation's name is that organisation, there and wherever the text uses it again, whatever the tagger read.
 */
export function definedAbbreviations(folded: string, ms: RawMention[]): void {
  const defined = new Set<string>();
  for (const m of ms) {
    // An organisation's name by its last word or the gazetteer ("… Workers Party (PKK)"), not any name the tagger
    // took for one ("Talent Advancement Program (TAP)", an airport's "(TFS)").
    const last = cased(m.text.slice(m.text.lastIndexOf(' ') + 1));
    if (m.type !== 'ORG' || !(ORG_HEAD.test(last) || CENTRE.test(last) || gazetteer().orgs.has(aliasKey(m.text)))) continue;
    const x = DEFINED.exec(folded.slice(m.end, m.end + 14));
    // Its first letter is an initial of the name ("Kurdistan Workers Party (PKK)"), and it is no word or place ("( VIDEO )", "( ISRAEL )").
    const abbr = x?.[1];
    if (!abbr || (abbr.match(/\p{Lu}/gu)?.length ?? 0) < 2 || commonWords().has(abbr.toLowerCase()) || gazetteer().places.has(aliasKey(abbr))) continue;
    if (m.text.split(/\s+/).some((w) => w[0] === abbr[0])) defined.add(abbr);
  }
  if (!defined.size) return;
  const taken = new RangeMask(folded.length);
  for (const m of ms) taken.add(m.start, m.end);
  for (const abbr of defined) {
    for (const start of wholeWordAt(folded, abbr)) {
      const end = start + abbr.length;
      const same = ms.find((m) => m.start === start && m.end === end);
      if (same) same.type = 'ORG';
      else if (!taken.overlaps(start, end)) ms.push({ type: 'ORG', start, end, text: abbr });
    }
  }
  ms.sort((a, b) => a.start - b.start);
}

/**
 * "Nissan Motor Co said … Nissan said": a one-word person that opens an organisation named in the same text
 * (and no person's name) is that organisation, named short, as news names a company after its first mention.
 */
const COMPANY_TAIL = new RegExp(`^(?:${LEGAL_FORMS}|Limited|Incorporated|Corporation|Group|Holdings|Motors?)\\.?$`);
/** The kind of business a company's full name ends in ("Tyvak Nano-Satellite Systems", "Delta Air Lines"). */
const BUSINESS_TAIL = /^(?:Systems|Technologies|Technology|Industries|Electronics|Pharmaceuticals|Airlines|Airways|Lines|Communications|Entertainment|Laboratories|Labs|Solutions|Enterprises|Ventures|Brands|Foods|Petroleum|Mining|Insurance|Bancorp|Investments|Logistics|Aerospace|Telecom|Semiconductors?|Chemicals)$/;
export function orgFirstWords(ms: RawMention[]): RawMention[] {
  const heads = new Set<string>();
  // Only a company's full name ("Nissan Motor Co", "HSBC Holdings"): contracts name "Borrower Equity Interest".
  const companyTail = (w: string) => COMPANY_TAIL.test(w) || (nerRules.businessTails && BUSINESS_TAIL.test(w));
  for (const m of ms) if (m.type === 'ORG' && /\s/.test(m.text) && companyTail(m.text.split(/\s+/).at(-1)!)) heads.add(m.text.split(/\s+/)[0]!);
  if (!heads.size) return ms;
  for (const m of ms) if (m.type === 'PER' && /\s/.test(m.text)) for (const w of m.text.split(/\s+/)) heads.delete(w);
  return ms.map((m) => (m.type === 'PER' && heads.has(m.text) && CAP.test(m.text) && !STOP_CAPS.has(m.text.toLowerCase()) ? { ...m, type: 'ORG' as const } : m));
}

/**
 * "Heineken NV said … Heineken, the world's second-largest brewer": a company named in full with its legal form is
 * named by the rest of its name after, or by its first word ("Barrick Gold Corp" … "Barrick"), where the tagger
 * found nothing there; not a common word ("General" of General Motors), a place, or a part of a person's name.
 */
export function companyShortNames(folded: string, ms: RawMention[]): RawMention[] {
  const gaz = gazetteer();
  const short = new Set<string>();
  for (const m of ms) {
    if (m.type !== 'ORG' || !LEGAL_FORM_AFTER.test(m.text.slice(m.text.lastIndexOf(' ')))) continue;
    const words = m.text.split(' ').slice(0, -1);
    while (words.length > 1 && COMPANY_TAIL.test(words.at(-1)!)) words.pop();
    for (const name of [words.join(' '), words[0]!]) {
      if (/^\p{Lu}\p{Ll}{3,}(?: \p{Lu}[\p{L}-]+)*$/u.test(name) && !commonWords().has(name.toLowerCase()) && !gaz.places.has(aliasKey(name)) && !gaz.demonyms.has(aliasKey(name))) short.add(name);
    }
  }
  if (!short.size) return ms;
  for (const w of fullNameParts(ms)) for (const n of short) if (n.toLowerCase() === w) short.delete(n);
  const taken = new RangeMask(folded.length);
  for (const m of ms) taken.add(m.start, m.end);
  const out = [...ms];
  for (const name of short) {
    for (const start of wholeWordAt(folded, name)) {
      const end = start + name.length;
      if (taken.overlaps(start, end)) continue;
      out.push({ type: 'ORG', start, end, text: name });
      taken.add(start, end);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * "McLaren's Lando Norris", "Ferrari's Charles Leclerc", "Apple's Tim Cook": a one-word name read as a person, right
 * before "'s" and a person's full name, is what that person drives, plays or works for, an organisation; news
 * introduces a person's relation to another person by a word ("Vingegaard's team mate Wout van Aert"). Every mention
 * of it is retyped, as one name keeps one referent in an article; not a word of a person's full name in the text.
 */
/** A post a person holds in an organisation, written between its name and theirs ("Bloc Quebecois leader Yves-Francois Blanchet"). */
const OWNER_ROLE = /^ (?:leader|chairman|chairwoman|chair|spokesman|spokeswoman|spokesperson|founder|co-founder|chief executive|CEO|president|coach|manager|boss|captain|owner) $/;
export function ownersOfPeople(folded: string, ms: RawMention[]): RawMention[] {
  const owners = new Set<string>();
  for (let i = 0; i + 1 < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'PER' || !CAP.test(m.text) || (/\s/.test(m.text) && !nerRules.roleOwners)) continue;
    // (The mentions are in the text's order: the next one is the name after it, if any.)
    const next = ms[i + 1];
    if (!next || next.start <= m.end || next.start > m.end + 24 || next.type !== 'PER' || !/\s/.test(next.text)) continue;
    const gap = folded.slice(m.end, next.start);
    if (!/^ ?['’]s $/.test(gap) && !(nerRules.roleOwners && OWNER_ROLE.test(gap))) continue;
    owners.add(m.text);
  }
  if (!owners.size) return ms;
  const gaz = gazetteer();
  for (const w of fullNameParts(ms)) for (const o of owners) if (o.toLowerCase() === w) owners.delete(o);
  // ("Boris Johnson adviser …", "Clegg's …": a person's given name opens it, or it is a person's surname.)
  for (const o of owners) if (gaz.places.has(aliasKey(o)) || personFirstWords().has(o.split(' ')[0]!.toLowerCase())) owners.delete(o);
  return owners.size ? ms.map((m) => (m.type === 'PER' && owners.has(m.text) ? { ...m, type: 'ORG' as const } : m)) : ms;
}

/** What a company, not a person, says or reports about itself: "X said on Wednesday its net profit rose", "X reported a loss". */
const COMPANY_SAYS = /^\s+(?:said|says)(?:\s+on\s+\p{Lu}\p{Ll}+day)?(?:\s+that)?\s+its\s+(?:net|profit|profits|revenue|revenues|sales|earnings|shares|quarterly|first|second|third|fourth|full-year|annual|operating|core|chief|board|shareholders|output|production|deliveries)\b|^\s+(?:reported|posted|booked|forecast|forecasts)\s+(?:a\s+|an\s+)?(?:\d[\d.,]*\s+(?:percent|pct|%)\s+)?(?:rise|fall|drop|jump|increase|decrease|surge|slump|gain|decline)?\s*(?:in\s+)?(?:quarterly|annual|first-quarter|second-quarter|third-quarter|fourth-quarter|full-year|half-year|net|record)?\s*(?:profit|loss|revenue|sales|earnings)\b/u;

/**
 * What a maker, not a person, does with its products: "Audi has revealed the second production model in its e-tron
 * range", "Apple unveiled a new laptop", "Toyota is recalling 1.2 million vehicles".
 */
const COMPANY_LAUNCH = /^\s+(?:has\s+|have\s+|is\s+|will\s+)?(?:revealed|reveals|revealing|reveal|unveiled|unveils|unveiling|unveil|launched|launches|launching|launch|recalled|recalls|recalling|recall|rolled\s+out|rolls\s+out)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\p{L}\d,.-]+\s+){0,5}(?:models?|cars?|vehicles?|SUVs?|sedans?|coupes?|trucks?|(?:smart)?phones?|laptops?|tablets?|devices|consoles?|chips?|products?|lineup|range)\b/u;

/**
 * "Iberdrola said on Wednesday its net profit rose", "Siemens reported a rise in quarterly profit": a name of one
 * word typed a person that speaks of its own results is a company; news introduces a person by the full name
 * first, so a person of that surname named in full in the text keeps it a person.
 */
export function companyPronouns(folded: string, ms: RawMention[]): RawMention[] {
  const surnames = new Set<string>();
  for (const m of ms) if (m.type === 'PER' && /\s/.test(m.text)) for (const w of m.text.split(/\s+/)) surnames.add(w);
  const companies = new Set<string>();
  for (const m of ms) {
    if (m.type !== 'PER' || /\s/.test(m.text) || surnames.has(m.text)) continue;
    const after = folded.slice(m.end, m.end + 120);
    if (COMPANY_SAYS.test(after) || (nerRules.companyLaunch && COMPANY_LAUNCH.test(after))) companies.add(m.text);
  }
  return companies.size ? ms.map((m) => (m.type === 'PER' && companies.has(m.text) ? { ...m, type: 'ORG' as const } : m)) : ms;
}

/** A share price's move after a name: "rose 2.1 percent", "fell 12 cents", "was down 1.4 pct" (people do not move so). */
const STOCK_MOVE = /^\s+(?:shares\s+)?(?:rose|fell|gained|lost|added|dropped|slipped|jumped|climbed|slid|eased|firmed|tumbled|surged|plunged|rallied|sank|soared|dipped|advanced|declined|was\s+up|was\s+down|ended\s+(?:up|down)|closed\s+(?:up|down))\s+(?:by\s+)?(?:a\s+further\s+)?\d[\d.,]*\s*(?:percent|per\s+cent|pct|%|cents|pence|yen)(?![\p{L}])/iu;

/**
 * "Ericsson rose 2.1 percent", "In Oslo, Equinor gained 3 percent": a one-word name read as a person (of no one named
 * in full) or as a place no gazetteer knows, whose share price moves, is a listed company.
 */
export function companyMoves(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const people = fullNameParts(ms);
  for (const m of ms) {
    if ((m.type !== 'PER' && m.type !== 'LOC') || /\s/.test(m.text) || people.has(m.text.toLowerCase())) continue;
    if (m.type === 'LOC' && gaz.places.has(aliasKey(m.text))) continue;
    if (STOCK_MOVE.test(folded.slice(m.end, m.end + 60))) m.type = 'ORG';
  }
  // A name the tagger left out before such a move ("Carrefour rose 0.8 percent"): capitalised words that are no common
  // word, place, nationality, title, month or common abbreviation ("Gold rose", "CPI rose", "Tokyo fell").
  const taken = new RangeMask(folded.length);
  for (const m of ms) taken.add(m.start, m.end);
  for (const x of folded.matchAll(UNTAGGED_MOVER)) {
    const name = x[1]!, start = x.index! + x[0].indexOf(name), end = start + name.length;
    if (taken.overlaps(start, end) || !STOCK_MOVE.test(folded.slice(end, end + 60))) continue;
    const words = name.split(' ');
    if (words.some((w) => STOP_CAPS.has(w.toLowerCase()) || gaz.titleWords.has(w.toLowerCase())) || gaz.places.has(aliasKey(name)) || gaz.demonyms.has(aliasKey(name))) continue;
    if (words.length === 1 && (commonWords().has(name.toLowerCase()) || COMMON_ABBREVIATION.test(name) || CALENDAR_WORDS.has(name.toLowerCase()) || people.has(name.toLowerCase()))) continue;
    ms.push({ type: 'ORG', start, end, text: name });
  }
  ms.sort((a, b) => a.start - b.start);
}
/** Capitalised words before a share price's move (checked with STOCK_MOVE). */
const UNTAGGED_MOVER = /(?<![\p{L}\p{N}'’-])(\p{Lu}[\p{L}&'-]*(?: \p{Lu}[\p{L}&'-]*){0,2})(?= (?:shares )?(?:rose|fell|gained|lost|added|dropped|slipped|jumped|climbed|slid|eased|firmed|tumbled|surged|plunged|rallied|sank|soared|dipped|advanced|declined|was|ended|closed) )/gu;

/**
 * "SIEMENS TO CUT JOBS … Siemens said on Thursday … Shares in Siemens fell 3 percent": a one-word company that the
 * market says is one (its shares move, "shares in" it, its stock) is that company wherever the article names it, in a
 * headline's capitals too; the tagger's votes for a person in the sentences without such a frame do not outweigh it.
 * A place the gazetteer knows and the part of a person named in full keep their type.
 */
export function spreadListedCompanies(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const people = fullNameParts(ms);
  const listed = new Set<string>();
  for (const m of ms) {
    if (m.type !== 'ORG' || !/^\p{Lu}[\p{L}&-]+$/u.test(m.text) || people.has(m.text.toLowerCase())) continue;
    const after = folded.slice(m.end, m.end + 60);
    if (STOCK_MOVE.test(after) || SHARES_AFTER.test(after) || SHARES_BEFORE.test(folded.slice(Math.max(0, m.start - 12), m.start))) listed.add(m.text.toLowerCase());
  }
  for (const m of ms) {
    if ((m.type === 'PER' || m.type === 'LOC') && listed.has(m.text.toLowerCase()) && !gaz.places.has(aliasKey(m.text))) m.type = 'ORG';
  }
}

/**
 * "Jeff Bezos's Blue Origin and Elon Musk's SpaceX" read as the organisation "Blue Origin and Elon Musk": a name run
 * on through "and" into a given name and a surname that the text names alone as a person elsewhere ("Musk's and
 * Bezos's firms") is an organisation and that person.
 */
export function splitOwnerFromOrg(folded: string, ms: RawMention[]): void {
  const surnames = new Set<string>();
  for (const m of ms) if (m.type === 'PER') surnames.add(m.text.slice(m.text.lastIndexOf(' ') + 1));
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.type !== 'ORG') continue;
    const x = /^(\p{Lu}.*?) and (\p{Lu}\p{Ll}+) (\p{Lu}\p{Ll}+)$/u.exec(m.text);
    if (!x || !surnames.has(x[3]!) || commonWords().has(x[2]!.toLowerCase()) || STOP_CAPS.has(x[2]!.toLowerCase())) continue;
    // Only where another mention is that surname alone: a one-word person, not the same name read again.
    if (!ms.some((o) => o !== m && o.type === 'PER' && o.text === x[3])) continue;
    const personStart = m.end - x[2]!.length - 1 - x[3]!.length;
    ms.splice(i, 1, { type: 'ORG', start: m.start, end: m.start + x[1]!.length, text: x[1]! }, { type: 'PER', start: personStart, end: m.end, text: folded.slice(personStart, m.end) });
  }
}

/**
 * A product named with its maker's name before it ("Google Stadia", "Nissan Maxima", "Audi e-tron Sportback")
 * is neither a place nor a person when its own name stands alone ("available on Stadia", "the Maxima"): the
 * tagger reads an unknown capitalised word after "on" or "the" as a place. The maker is an organisation the text
 * names by one word; the product's name is one word, no place or organisation a gazetteer knows.
 */
export function productNames(folded: string, ms: RawMention[]): RawMention[] {
  const gaz = gazetteer();
  const known = (name: string) => gaz.places.has(aliasKey(name)) || gaz.orgs.has(aliasKey(name)) || personFirstWords().has(name.toLowerCase());
  // A maker is one word the tagger read as an organisation, no common word.
  const makers = new Map<string, RawMention[]>();
  for (const m of ms) if (m.type === 'ORG' && !/\s/.test(m.text) && !commonWords().has(m.text.toLowerCase())) makers.set(m.text, [...makers.get(m.text) ?? [], m]);
  if (!makers.size) return ms;
  const products = new Map<string, string>();
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'ORG') continue;
    // One mention: "Google Stadia" read as one organisation.
    const words = m.text.split(' ');
    if (words.length === 2 && makers.has(words[0]!) && !known(words[1]!)) products.set(words[1]!, words[0]!);
    // Two: the maker, then the product read as a place or a person ("Nissan" "Maxima"); not a given name ("@SpaceX Dan").
    const next = ms[i + 1];
    if (makers.has(m.text) && next && next.start === m.end + 1 && folded[m.end] === ' ' &&
      (next.type === 'LOC' || next.type === 'PER') && !/\s/.test(next.text) && !known(next.text)) products.set(next.text, m.text);
  }
  // (Only where the maker is written somewhere in ordinary case: in a Title Case line "Circuit" is capitalised as any
  // word is. Checked last, for the few texts with a product: it reads the text around each mention.)
  for (const [product, maker] of products) if (!makers.get(maker)!.some((m) => ordinaryCaseAround(folded, m.start, m.end))) products.delete(product);
  if (!products.size) return ms;
  return ms.filter((m) => !((m.type === 'LOC' || m.type === 'PER') && products.has(m.text)));
}
