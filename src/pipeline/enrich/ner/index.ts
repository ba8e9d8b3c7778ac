// Named entities of a document: tagger spans (PER/ORG/LOC) corrected by the gazetteers, title words
// stripped from person names, repeated surnames found again, and DATE/MONEY/QUANTITY from patterns. The
// rules of companies (companies.ts), of sports reports and results tables (sports.ts) and of datelines
// (datelines.ts) live apart and run from findNames in the order below.
import type { Span } from '../../normalize/index.ts';
import { commonWords, isDictionaryWordForm } from '../common-words.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import type { DateMatch, NumberMatch } from '../numbers.ts';
import { RangeMask } from '../spans.ts';
import { tokenizeWords, type Token } from '../tokens.ts';
import { harmoniseTypes } from './consistency.ts';
import { caseRegime } from './features.ts';
import { loadModel, spansOf, tagSentence } from './tagger.ts';
import { mayNeedTruecasing, truecaseWords } from './truecase.ts';
import {
  ABBREVIATION, ACRONYM, CAP, COMMON_ABBREVIATION, LONG_FORMS, ORG_APPOS, ORG_HEAD, ORG_KINDS, STOP_CAPS, cased, nerRules, personFirstWords,
  type RawMention,
} from './names.ts';
import {
  addCompanies, companyMoves, companyOpeners, companyPronouns, companyShortNames, ownersOfPeople, productNames, definedAbbreviations, joinOrgOfPlace, legalForms,
  orgBeforeKind, orgFirstWords, splitOwnerFromOrg, splitPossessive, spreadListedCompanies, tableCompanies,
} from './companies.ts';
import { bylinePeople, datelineHeads, datelinePlaces } from './datelines.ts';
import { inlineScores } from './scores.ts';
import { amidListedOrgs, citedOutlets, hallsOfFame, joinDemonymOrgs, joinKindOf, joinLocalBodies, joinNamedAfter, kindBeforeName, listedWithOrgs, orgCopula } from './institutions.ts';
import { dropDefinedTerms, dropHistoricEvents, dropTitleTails } from './not-names.ts';
import { abbreviatedStates, areaNames, planets } from './places.ts';
import { particleSurnames, wireRules } from './wire.ts';
import {
  SPORT_TEAM_HEAD, TEAM_HEAD, addClubPrefixes, addResultLines, addSurnameWords, clubRolePeople, clubRoles, dropEventNames, isSportsText, joinCityTeams, matchTeams, teamNicknames,
  splitAtRole, splitClubPairs, sportFrames, spreadClubs, venuesAndLeagues,
} from './sports.ts';

export { nerRules, type NerRule, type RawMention } from './names.ts';
export { isEventWord } from './sports.ts';

/** Compass words that may open a place name as annotated ("southern Afghanistan"). */
export const COMPASS = /^(?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east|south-?west|north-?eastern|north-?western|south-?eastern|south-?western)$/;
const PLACE_APPOS = /^\s*,\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}(?:city|town|village|capital|port|province|region|country|district|island|county|municipality|suburb|neighbou?rhood)\b/u;
/**
 * The tagger's margin (training score units, tagger.ts TaggedSentence) below which a rule may overrule it:
 * a gazetteer retyping a name, or a sentence-opening common word being dropped.
 */
export const nerTuning = { overruleMargin: 20 };
/** A company's legal form written as a word ("Inc", "Corp"). */
const LEGAL_FORM = new RegExp(`^(?:${LONG_FORMS})$`);

/** PER/ORG/LOC mentions in the folded document, sentence by sentence. */
export function findNames(folded: string, sentences: Span[]): RawMention[] {
  const gaz = gazetteer();
  const out: RawMention[] = [];
  // Where the acronym rule typed a one-word name as an organisation: undone below if a person's name holds it.
  const acronymAt = new Set<number>();
  // A sports report reads names by the frames of match reports (team heads, sportFrames and the rules after it).
  const sports = isSportsText(folded);
  // Each sentence's words, read once for the tagger and both rules that scan sentences again.
  const sentenceTokens = sentences.map((s) => nameTokens(folded, s, sports));
  for (const toks of sentenceTokens) {
    if (!toks.length) continue;
    const tagged = tagSentence(toks.map((t) => t.text));
    const tags = tagged.tags;
    // Words as written, not as truecased: what a capital says depends on the sentence's case. In ordinary
    // case a capital marks a name or the sentence's first word; in Title Case or capitals, nothing.
    const written = (i: number) => folded.slice(toks[i]!.start, toks[i]!.end);
    let regime: boolean | undefined; // read when a rule needs it: most sentences have no such name
    const ordinaryCase = () => (regime ??= caseRegime(toks.map((_, i) => written(i))) === '');
    for (const sp of spansOf(tags)) {
      let from = sp.from;
      let to = sp.to;
      let type = sp.type as RawMention['type'];
      // Titles ("President", "Foreign Minister") are roles, not part of the name.
      // "Secretary of State Marco Rubio": the word after "<title> of" belongs to the title.
      const before1 = toks[from - 1]?.text.toLowerCase();
      const before2 = toks[from - 2]?.text.toLowerCase();
      const afterTitleOf = nerRules.titleOf && before1 === 'of' && !!before2 && gaz.titleWords.has(before2) && gaz.titleWords.has(toks[from]!.text.toLowerCase());
      // "Secretary of State" alone: the last word of a title, not an organisation.
      if (afterTitleOf && to - from === 1 && type !== 'PER') continue;
      if (afterTitleOf && to - from > 1) {
        from++;
        if (to - from <= 3 && toks.slice(from, to).every((t) => CAP.test(t.text)) && !gaz.places.has(aliasKey(folded.slice(toks[from]!.start, toks[to - 1]!.end)))) type = 'PER';
      }
      if (type === 'PER') {
        // A capitalised word the tagger left out in front of a name ("Uday al-Khadran").
        const prev = toks[from - 1];
        if (nerRules.prevCap && prev && CAP.test(prev.text) && /^\p{L}+$/u.test(prev.text) && from - 1 >= 0 && !gaz.titleWords.has(prev.text.toLowerCase()) &&
          !STOP_CAPS.has(prev.text.toLowerCase()) && !gaz.places.has(aliasKey(prev.text)) && !gaz.orgs.has(aliasKey(prev.text)) &&
          tags[from - 1] === 'O' && folded.slice(prev.end, toks[from]!.start) === ' ') from--;
        while (nerRules.stripTitles && from < to - 1 && gaz.titleWords.has(toks[from]!.text.toLowerCase())) from++;
        // "Engineer John Greiner", "County Coroner William McLaughlin", "Juniors Erique Dozier": capitalised common words
        // ending in an occupation, before a full name of two words or more, are no part of it.
        if (nerRules.occupationOpeners && to - from > 2 && ordinaryCase()) {
          let cut = -1;
          for (let k = from; k < to - 2 && /^\p{Lu}\p{Ll}+$/u.test(written(k)) && isDictionaryWordForm(written(k).toLowerCase()); k++) {
            if (OCCUPATION.test(written(k)) || PERSON_NOUN.test(written(k))) cut = k + 1;
          }
          if (cut > 0) from = cut;
        }
        if (nerRules.stripTitles && gaz.titleWords.has(toks[from]!.text.toLowerCase()) && to - from === 1) continue;
        // "U.S. Trade Representative Jamieson Greer", "EU trade commissioner Maros Sefcovic": a country or an
        // organisation, a title, then the person; the country is named apart, the title is neither.
        if (nerRules.innerTitle && to - from > 2) {
          let j = to - 2;
          while (j > from && !gaz.titleWords.has(toks[j]!.text.toLowerCase())) j--;
          const head = aliasKey(toks[from]!.text);
          const headType = gaz.places.has(head) ? 'LOC' : gaz.orgs.has(head) ? 'ORG' : null;
          if (j > from && headType && toks.slice(j + 1, to).every((t) => CAP.test(t.text))) {
            out.push({ type: headType, start: toks[from]!.start, end: toks[from]!.end, text: folded.slice(toks[from]!.start, toks[from]!.end) });
            from = j + 1;
          }
        }
      }
      while (from < to && !/[\p{L}\p{N}]/u.test(toks[from]!.text)) from++;
      // A capitalised function word at the start of a sentence is not part of the name ("An Associated
      // Press report", "After Reuters said"); "The" is left alone as names keep it ("The Hill").
      while (nerRules.stripStop && to - from > 1 && STOP_CAPS.has(toks[from]!.text.toLowerCase()) && toks[from]!.text !== 'The') from++;
      while (to > from && !/[\p{L}\p{N}.]/u.test(toks[to - 1]!.text)) to--;
      if (to <= from) continue;
      if (type === 'PER') {
        // "John Milbank RRP: £23.99", "Jane Smith MP": a name in ordinary case does not end in an
        // abbreviation (a credit line's field, a post-nominal). A surname in capitals, as the CIA World
        // Factbook writes them ("Asif Ali ZARDARI"), is longer than three letters (mostly: "Hun SEN" is lost).
        while (nerRules.trailingAcronym && to - from > 1 && ABBREVIATION.test(written(to - 1)) && !ROMAN.test(written(to - 1)) && ordinaryCase()) to--;
        if (nerRules.orgContext && orgByContext(toks, from)) type = 'ORG';
        // "Standard Chartered said", "Global Witness said": a name whose first word is a common word and
        // no given name is an organisation's, where the tagger is not sure of a person.
        else if (nerRules.commonFirstOrg && to - from > 1 && commonFirst(written(from)) && tagged.margin(from, to, 'ORG') < nerTuning.overruleMargin && ordinaryCase()) type = 'ORG';
        // "AEMET said": an acronym in an ordinary-case sentence names an organisation, not a person, unless
        // a person's name elsewhere holds it, or a title or a name stands before it ("Prime Minister THAKSIN", "Asif Ali ZARDARI", as the CIA World
        // Factbook writes surnames) or it labels a field ("BORROWER:" in a contract).
        else if (to - from === 1 && !/^(?:\p{Lu}|\.$)/u.test(toks[from - 1]?.text ?? '') && !gaz.titleWords.has(toks[from - 1]?.text.toLowerCase() ?? '') &&
          !/^\s*:/.test(folded.slice(toks[from]!.end, toks[from]!.end + 3)) && ordinaryCase() && toks.some((t, i) => /^\p{Ll}/u.test(written(i))) &&
          nerRules.acronymOrg && ACRONYM.test(written(from))) { type = 'ORG'; acronymAt.add(toks[from]!.start); }
      }
      // A word describing who is named, capitalised in a Title Case or shouted sentence wherever it stands ("Spanish
      // Utility Iberdrola", "While Rival Barclays Rose"): no part of the name. A kind of company makes the name a
      // company's; "Rival", "Embattled" describe a person as well.
      if (nerRules.descriptorCased && to - from > 1 && DESCRIPTOR.test(toks[from]!.text.toLowerCase()) && CAP.test(written(from)) && !ordinaryCase()) {
        if (COMPANY_DESCRIPTOR.test(toks[from]!.text.toLowerCase())) type = 'ORG';
        from++;
      }
      // "Embattled Boeing", "Lawyer Anton Drel says": a common word opening a sentence in ordinary case is
      // capitalised for its place; it is no part of the name after it unless the tagger is sure it is. A
      // word that describes who is named ("Rival Shell", "Carmaker Toyota") never is.
      // A quotation opening inside the sentence starts with a capital too ('the caption: "Welcome Jose"').
      if (nerRules.firstCommon && to - from > 1 && /^\p{Lu}\p{Ll}+$/u.test(toks[from]!.text) && (from === firstWordIndex(toks) || /["“]$/.test(toks[from - 1]?.text ?? '')) && ordinaryCase() &&
        (DESCRIPTOR.test(toks[from]!.text.toLowerCase()) || (commonOpener(toks, from, to) && tagged.margin(from + 1, to, type as 'PER' | 'ORG' | 'LOC') < nerTuning.overruleMargin))) from++;
      // "the IG Metall union": a name ends in a capitalised word (or a figure, an abbreviation's stop), never in a common word
      // written in lower case, as a role or a kind of organisation after it is.
      // (A common word only: tweets write surnames in lower case, "Louis spence"; "al-" and "bin" open a name's next part.)
      while (nerRules.trailingLower && to - from > 1 && /^\p{Ll}[\p{Ll}-]*$/u.test(written(to - 1)) && commonWords().has(written(to - 1)) && !PARTICLE.test(written(to - 1)) && !STOP_CAPS.has(written(to - 1)) && ordinaryCase()) to--;
      // "The VW ID. SPACE VIZZION", "Tesla EV sales": an abbreviation of a thing after a known organisation's name is the
      // organisation's product, no part of its name.
      if (nerRules.orgProductAbbreviation && to - from === 2 && COMMON_ABBREVIATION.test(written(to - 1)) && gaz.orgs.has(aliasKey(written(from)))) to--;
      // "Philip M. Drew": a person's name does not end in a middle initial; the capitalised word after it is the
      // surname, also when it is a common word the tagger doubts ("drew").
      if (nerRules.initialTail && type === 'PER' && to - from > 1 && /^\p{Lu}\.$/u.test(written(to - 1)) && tags[to] === 'O' &&
        /^\p{Lu}\p{Ll}+$/u.test(written(to)) && folded.slice(toks[to - 1]!.end, toks[to]!.start) === ' ' && ordinaryCase()) to++;
      // "Tyvak Nano-Satellite Systems had been selected": a kind of organisation the tagger left out right after a
      // name, in an ordinary-case sentence, closes the name and makes it an organisation's.
      // (Not a legal form, "Inc", "Corp.": the legal-form rule reads those with the name before them, "&" and all.)
      if (nerRules.orgHeadAfter && tags[to] === 'O' && ORG_HEAD.test(written(to)) && /^\p{Lu}\p{Ll}+$/u.test(written(to)) && !LEGAL_FORM.test(written(to)) &&
        folded.slice(toks[to - 1]!.end, toks[to]!.start) === ' ' && ordinaryCase()) {
        to++;
        type = 'ORG';
      }
      let text = folded.slice(toks[from]!.start, toks[to - 1]!.end);
      // "the EV market", "the CEO said", "its ID models": abbreviations of things and posts, nobody's name.
      if (nerRules.commonAbbreviation && to - from === 1 && COMMON_ABBREVIATION.test(text)) continue;
      const key = aliasKey(text);
      // The gazetteers correct the tagger only where it is unsure: a name that training taught it to
      // tag otherwise keeps the tagger's type (GMB tags "West Bank" as an organisation 39 times in 55).
      const unsure = (t: 'ORG' | 'LOC') => type === t || tagged.margin(from, to, t) < nerTuning.overruleMargin;
      if (nerRules.gazOrg && gaz.orgs.has(key) && unsure('ORG')) type = 'ORG';
      // "talks with Ukraine", "Ukraine beat Wales": a country named alone is the place, as newswire annotation has it
      // for its government and its national team too, however sure the tagger is of an organisation.
      else if (nerRules.countryPlace && type === 'ORG' && gaz.countries.has(gaz.places.get(key) ?? '') && !gaz.demonyms.has(key)) type = 'LOC';
      else if (nerRules.gazLoc && gaz.places.has(key) && type !== 'PER' && unsure('LOC')) type = 'LOC';
      else if (nerRules.orgHead && to - from > 1 && ORG_HEAD.test(toks[to - 1]!.text)) type = 'ORG'; // "Erbil Forum", "Sinn Fein Party"
      else if (nerRules.teamHead && to - from > 1 && (TEAM_HEAD.test(written(to - 1)) || (nerRules.sportTeamHeads && sports && SPORT_TEAM_HEAD.test(written(to - 1))))) type = 'ORG'; // "Newcastle United"
      // "Milan Kundera", "Chelsea Clinton": a place's name that is also a given name, before a surname no dictionary
      // knows, opens a person's name (not "Jordan Valley", "Victoria Station").
      if (nerRules.placeGivenName && type !== 'PER' && to - from === 2 && ordinaryCase() && gaz.places.has(aliasKey(toks[from]!.text)) && !gaz.demonyms.has(aliasKey(toks[from]!.text)) && personFirstWords().has(toks[from]!.text.toLowerCase()) &&
        /^\p{Lu}\p{Ll}{2,}$/u.test(written(from + 1)) && !gaz.places.has(key) && !gaz.orgs.has(key) && !isDictionaryWordForm(written(from + 1).toLowerCase()) &&
        !ORG_HEAD.test(written(from + 1)) && !TEAM_HEAD.test(written(from + 1)) && !SPORT_TEAM_HEAD.test(written(from + 1)) && !gaz.places.has(aliasKey(written(from + 1)))) type = 'PER';
      // "Ulaanbaatar, a city of …": an apposition naming a kind of place makes an unknown name a place,
      // as a person noun makes it a person (addUntaggedPeople); the tagger only sees "X, a" at a
      // sentence start, which usually introduces a person.
      if (nerRules.placeAppos && type === 'PER' && PLACE_APPOS.test(folded.slice(toks[to - 1]!.end, toks[to - 1]!.end + 60))) type = 'LOC';
      // "Maersk, the world's second-largest container line, said": an apposition naming a kind of organisation makes
      // a name the tagger read as a person or an unknown place an organisation.
      else if (nerRules.orgAppos && type !== 'ORG' && !gaz.places.has(key) && ORG_APPOS.test(folded.slice(toks[to - 1]!.end, toks[to - 1]!.end + 90))) type = 'ORG';
      // A tagged place may start with a compass word ("southern Afghanistan"), as newswire annotation
      // (GMB) often marks it; canonicalisation drops the word so the entity is still the country.
      const lowerOk = nerRules.compassPlaces && type === 'LOC' && to - from > 1 && COMPASS.test(toks[from]!.text) && CAP.test(toks[from + 1]!.text);
      if (!CAP.test(text) && !lowerOk && !/^(?:al|el|de|van|von|bin)-?/i.test(text)) continue;
      // One capitalised word opening the sentence that training text writes in lower case ("Council
      // meets") may be capitalised for its place, not as a name: dropped where the tagger is unsure,
      // kept where it is sure of a name ("Rice said") or a gazetteer knows it.
      if (nerRules.firstLower && from === 0 && to === 1 && loadModel().lower.has(text.toLowerCase()) && !gaz.orgs.has(key) && !gaz.places.has(key) &&
        tagged.margin(from, to, 'O') < nerTuning.overruleMargin) continue;
      const parts = nerRules.andSplit && type === 'ORG' && to - from > (nerRules.orgPairs ? 3 : 4) ? splitOrganisation(toks, from, to, ordinaryCase) : null;
      if (parts) {
        for (const p of parts) out.push({ type: p.type, start: toks[p.from]!.start, end: toks[p.to - 1]!.end, text: folded.slice(toks[p.from]!.start, toks[p.to - 1]!.end) });
        continue;
      }
      out.push({ type, start: toks[from]!.start, end: toks[to - 1]!.end, text });
    }
  }
  // "Prime Minister THAKSIN Chinnawat … THAKSIN fled abroad": a surname in capitals, not an acronym.
  for (const m of out) if (acronymAt.has(m.start) && m.type === 'ORG' && out.some((x) => x.type === 'PER' && x.text.split(/\s+/).includes(m.text))) m.type = 'PER';
  // A wire dateline's place ("NEW YORK (Reuters) - ") is a place, whatever its capitals made the tagger read.
  if (nerRules.datelinePlace) datelinePlaces(folded, datelineHeads(folded, sentences), out);
  if (nerRules.matchTeams) matchTeams(folded, sentenceTokens, out);
  if (nerRules.clubRole) clubRoles(folded, out, sports);
  if (nerRules.mergeCountryOrgs) mergeCountryOrgs(folded, out);
  if (nerRules.gazetteerMisses) addGazetteerMisses(folded, sentenceTokens, out, sports);
  if (nerRules.untaggedPeople) addUntaggedPeople(folded, sentenceTokens, out);
  if (nerRules.resultLines) addResultLines(folded, out);
  if (nerRules.clubPrefix) addClubPrefixes(folded, out);
  if (nerRules.companyFrames) addCompanies(folded, sentenceTokens, out);
  if (nerRules.legalForms) legalForms(folded, out);
  if (nerRules.orgOfPlace) joinOrgOfPlace(folded, out);
  if (nerRules.kindOf) joinKindOf(folded, out);
  if (nerRules.localBodies) joinLocalBodies(folded, out);
  if (nerRules.demonymOrgs) joinDemonymOrgs(folded, out);
  if (nerRules.namedAfter) joinNamedAfter(folded, out);
  if (nerRules.listedOrgs) listedWithOrgs(folded, out);
  if (nerRules.kindBefore) kindBeforeName(folded, out);
  if (nerRules.hallsOfFame) hallsOfFame(folded, out);
  if (nerRules.orgCopula) orgCopula(folded, out);
  if (nerRules.citedOutlets) citedOutlets(folded, out);
  if (nerRules.abbreviatedStates) abbreviatedStates(folded, out);
  if (nerRules.planets) planets(folded, out);
  if (nerRules.areaNames) areaNames(out, folded);
  if (nerRules.bylinePeople) bylinePeople(folded, out);
  if (nerRules.ownerSplit) splitOwnerFromOrg(folded, out);
  if (nerRules.amidListedOrgs) amidListedOrgs(folded, out);
  if (nerRules.possessiveSplit) splitPossessive(folded, out);
  if (nerRules.orgOpeners) companyOpeners(out);
  if (nerRules.orgKindAfter) orgBeforeKind(folded, sentenceTokens, out);
  if (nerRules.companyTables) tableCompanies(folded, out);
  if (nerRules.definedAbbreviation) definedAbbreviations(folded, out);
  if (nerRules.roleSplit) splitAtRole(folded, out);
  if (nerRules.venueNames || nerRules.leagueNames) venuesAndLeagues(folded, out);
  if (nerRules.inlineScores && sports) inlineScores(folded, out);
  if (nerRules.clubRole && sports) clubRolePeople(folded, out);
  if (nerRules.sportFrames && sports) sportFrames(folded, sentenceTokens, out);
  if (nerRules.clubsAnd && sports) splitClubPairs(folded, out);
  if (nerRules.clubSpread && sports) spreadClubs(folded, out);
  if (nerRules.eventNames) dropEventNames(folded, out);
  if (nerRules.givenNameTail) addSurnameWords(folded, out);
  if (nerRules.bareKinds) dropBareKinds(out);
  if (nerRules.titleTail) dropTitleTails(out);
  if (nerRules.definedTerms) dropDefinedTerms(folded, out);
  if (nerRules.historicEvents) dropHistoricEvents(folded, out);
  if (nerRules.cityTeams) joinCityTeams(folded, out, sports);
  if (nerRules.teamNicknames && sports) teamNicknames(folded, out);
  wireRules(folded, out);
  trimAcrossLines(folded, out);
  return out.sort((a, b) => a.start - b.start);
}

/** A lower-case contraction closing a name ("Herbert wasn't"): the verb after the name, never part of it. */
const CONTRACTION_TAIL = /\s+\p{Ll}+['’](?:t|s|re|ve|ll|d|m)$/u;

/**
 * A name is written on one line: a table's header and the row below it ("Stats\nDL Larry Ogunjobi") are no one
 * name, so a mention across a line break keeps its last line. And a name never ends in a lower-case contraction.
 */
function trimAcrossLines(folded: string, out: RawMention[]): void {
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i]!;
    if (nerRules.lineBreaks && m.text.includes('\n')) {
      const cut = m.start + m.text.lastIndexOf('\n') + 1;
      const start = cut + /^\s*/.exec(folded.slice(cut, m.end))![0].length;
      if (start >= m.end || !/\p{L}/u.test(folded.slice(start, m.end))) { out.splice(i, 1); continue; }
      m.start = start;
    }
    const tail = nerRules.contractionTails ? CONTRACTION_TAIL.exec(folded.slice(m.start, m.end)) : null;
    if (tail) m.end -= tail[0].length;
    m.text = folded.slice(m.start, m.end);
  }
}

/**
 * Kinds of organisation, and legal forms, that name none alone: "the U.S. Attorney's Office", "NASA's Office of the
 * Inspector General", "the Company" and "each Party" of a contract, the "Inc" of "Vringo, Inc." leave the tagger an "Office" or a "Company" whose name is the owner's or was said
 * before. Not a government body's kind: newswire annotates "the Commission", "a Department spokesman", "the
 * Ministry" as the body said before (GMB, BTC), as it does "Congress" and "the Senate".
 */
const BARE_KIND = /^(?:the )?(?:office|company|corporation|group|institute|association|foundation|fund|service|services|division|unit|branch|board|party|inc|corp|ltd|llc|plc)\.?$/i;
function dropBareKinds(out: RawMention[]): void {
  for (let i = out.length - 1; i >= 0; i--) if (out[i]!.type === 'ORG' && BARE_KIND.test(out[i]!.text)) out.splice(i, 1);
}

/** Does the name [from, to) stand as an organisation's by itself: a known one, or one ending in a kind of organisation? */
function standsAlone(toks: Token[], from: number, to: number): boolean {
  const last = toks[to - 1]!.text;
  return gazetteer().orgs.has(aliasKey(toks.slice(from, to).map((t) => t.text).join(' '))) || (to - from > 1 && (ORG_HEAD.test(last) || TEAM_HEAD.test(last)));
}

/**
 * Two organisations the tagger ran into one ("Amnesty International and Human Rights Watch", "Manchester United
 * and Real Madrid"): the parts, or null. Only in an ordinary-case sentence, where "and" between capitalised
 * words joins names; a name the gazetteer knows whole stays whole ("Securities and Exchange Commission"), and
 * so does one whose first part is no organisation's name alone ("Department of Health and Human Services").
 */
function splitOrganisation(toks: Token[], from: number, to: number, ordinary: () => boolean): { type: 'ORG'; from: number; to: number }[] | null {
  if (gazetteer().orgs.has(aliasKey(toks.slice(from, to).map((t) => t.text).join(' ')))) return null;
  // "Commerzbank and Deutsche Bank": one word that is no common word, and a name that stands alone.
  if (nerRules.orgPairs && toks[from + 1]?.text === 'and' && CAP.test(toks[from + 2]!.text) && /^\p{Lu}[\p{L}&-]+$/u.test(toks[from]!.text) &&
    !commonWords().has(toks[from]!.text.toLowerCase()) && to - from > 3 && standsAlone(toks, from + 2, to) && ordinary()) {
    return [{ type: 'ORG', from, to: from + 1 }, { type: 'ORG', from: from + 2, to }];
  }
  for (let k = from + 2; k < to - 2; k++) {
    if (toks[k]!.text === 'and' && CAP.test(toks[k + 1]!.text) && standsAlone(toks, from, k) && ordinary()) {
      return [{ type: 'ORG', from, to: k }, { type: 'ORG', from: k + 1, to }];
    }
  }
  // "Toyota Motor Corp and Honda": a name that stands alone, then one word that is no common word.
  const k = to - 2;
  if (nerRules.orgPairTail && k > from + 1 && toks[k]!.text === 'and' && /^\p{Lu}[\p{L}&-]+$/u.test(toks[k + 1]!.text) && !commonWords().has(toks[k + 1]!.text.toLowerCase()) &&
    standsAlone(toks, from, k) && ordinary()) return [{ type: 'ORG', from, to: k }, { type: 'ORG', from: k + 1, to }];
  return null;
}

/** A capitalised common word that opens no person's name ("Standard", "Global", "First"; not "Bill"). */
function commonFirst(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  const lw = word.toLowerCase();
  return commonWords().has(lw) && !personFirstWords().has(lw) && !gazetteer().titleWords.has(lw) && !STOP_CAPS.has(lw);
}

const ROMAN = /^(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/; // Louis XVI
/**
 * Kinds of organisation that stand right before a name ("the weather agency AEMET", "the band Gigi"); only
 * words that do not also name a person's trade ("operator", "producer", "publisher" do).
 */
const ORG_KIND = new RegExp(`^(?:${ORG_KINDS})$`);
/** Words that describe who is named, in front of the name and never part of it ("Rival Shell said"). */
const DESCRIPTOR = /^(?:rival|parent|peer|competitor|carmaker|automaker|drugmaker|chipmaker|steelmaker|planemaker|utility|broker|regulator|insurer|lender|retailer|miner|watchdog|embattled|struggling|troubled|beleaguered)$/;
/** The describing words that name a kind of company ("utility", "carmaker"), not a rival or a plight. */
const COMPANY_DESCRIPTOR = /^(?:\p{Ll}+maker|utility|broker|regulator|insurer|lender|retailer|miner|watchdog)$/u;
/** People who work at an organisation ("analysts at Jefferies", "an economist with Capital Economics"). */
const STAFF = /^(?:analysts?|economists?|strategists?|researchers?|scientists?|engineers?|traders?|officials?|executives?|employees?|workers?|staff|spokes(?:man|woman|person)|lawyers?|bankers?|managers?|directors?)$/;

/** Whether the words before a name tagged a person say it is an organisation. */
function orgByContext(toks: Token[], from: number): boolean {
  const w1 = toks[from - 1]?.text;
  const w2 = toks[from - 2]?.text.toLowerCase();
  if (!w1) return false;
  if (ORG_KIND.test(w1)) return true; // written in lower case: a noun of the sentence, not a sentence's first word
  return /^(?:at|with|from)$/.test(w1) && !!w2 && STAFF.test(w2);
}

/** The index of the sentence's first word (after opening quotes or brackets). */
function firstWordIndex(toks: Token[]): number {
  const i = toks.findIndex((t) => /[\p{L}\p{N}]/u.test(t.text));
  return i < 0 ? 0 : i;
}

/**
 * A sentence-opening word (toks[from] of the name toks[from..to)) that training text writes in lower case and that
 * opens no known place or organisation here ("Lawyer", "Attended"; not "General" of General Motors, nor a title).
 */
function commonOpener(toks: Token[], from: number, to: number): boolean {
  const lw = toks[from]!.text.toLowerCase();
  // "The" is left to the name ("The Hill"), as the stop-word rule above leaves it.
  if (lw === 'the' || !loadModel().lower.has(lw) || gazetteer().titleWords.has(lw) || COMPASS.test(lw)) return false;
  if (!firstWords().has(lw)) return true;
  // A word that opens a known name is kept ("Da" of Da Nang), but an English word ("Young" of Young Boys, "General" of
  // General Motors) only where the name goes on as the known one: the organisation lists hold thousands of such names.
  return commonWords().has(lw) && !opensKnownName(toks, from, to);
}

/** Do the words from `from` (within the name that ends at `to`) begin with a known place or organisation of two words or more? */
function opensKnownName(toks: Token[], from: number, to: number): boolean {
  const gaz = gazetteer();
  for (let n = Math.min(8, to - from); n >= 2; n--) {
    const key = aliasKey(toks.slice(from, from + n).map((t) => t.text).join(' '));
    if (gaz.orgs.has(key) || gaz.places.has(key)) return true;
  }
  return false;
}

/**
 * The sentence's words as the tagger and the rules read them: shouted headlines and datelines, and
 * Title Case headlines, recased as ordinary text (truecase.ts). Offsets are the text's own, so mentions
 * keep the words as written.
 */
/** Text before a sentence the splitter cut after an abbreviation ("8 p.m.", "Thomas A."): the sentence may be a fragment. */
const AFTER_ABBREVIATION = /(?:^|[^\p{L}])(?:\p{L}\.){2,}\s*$|(?:^|\s)\p{Lu}\.\s*$/u;
function nameTokens(folded: string, s: Span, sports = false): Token[] {
  const toks = tokenizeWords(folded, s.start, s.end);
  if (!nerRules.truecase || !mayNeedTruecasing(folded.slice(s.start, s.end))) return toks;
  const words = toks.map((t) => t.text);
  const cased = truecaseWords(words, loadModel(), gazetteer(), AFTER_ABBREVIATION.test(folded.slice(Math.max(0, s.start - 8), s.start)), sports);
  return cased === words ? toks : toks.map((t, i) => ({ ...t, text: cased[i]! }));
}

/**
 * "US" + "State Department" → "US State Department": a country's name directly before one of its
 * state institutions is part of the institution's name (newswire annotation, GMB included, joins
 * "U.S. Embassy", "U.S. Congress"). Other organisations keep the country apart ("Iraq" + "Study Group",
 * "Pakistan" + "Muslim League"), and so does a demonym ("Iranian" + "Foreign Ministry").
 */
const STATE_BODY = /^(?:Department|Ministry|Embassy|Consulate|Congress|Senate|Parliament|Treasury|Army|Navy|Marines?|Forces|Guard|Police|Government|Cabinet|Customs)$/;
function mergeCountryOrgs(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  ms.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i]!;
    const b = ms[i + 1]!;
    if (a.type !== 'LOC' || b.type !== 'ORG' || !/^ $/.test(folded.slice(a.end, b.start)) || a.text.length > 14 || gaz.demonyms.has(aliasKey(a.text))) continue;
    const joined = folded.slice(a.start, b.end);
    const country = gaz.countries.has(gaz.places.get(aliasKey(a.text)) ?? '');
    if (gaz.orgs.has(aliasKey(joined)) || (country && STATE_BODY.test(b.text.split(/\s+/).at(-1)!))) {
      ms.splice(i, 2, { type: 'ORG', start: a.start, end: b.end, text: joined });
    }
  }
}

/** A word that numbers what follows ("No. 10 jersey", "Number 7 shirt"): the number is no club's. */
const NUMBERED = /^(?:No|Nos|Number|Num)\.?$/i;

/** A club's number after a capitalised word of its name ("Racing 92", "Schalke 04"), not a shirt's ("No. 10"). */
function clubNumberAt(toks: Token[], i: number): boolean {
  const prev = toks[i - 1]?.text ?? '';
  return /^\d{2,4}$/.test(toks[i]!.text) && CAP.test(prev) && !NUMBERED.test(prev);
}

/** Gazetteer names the tagger missed (capitalised, whole words, not inside another mention). */
function addGazetteerMisses(folded: string, sentenceTokens: Token[][], ms: RawMention[], sports: boolean): void {
  const gaz = gazetteer();
  // In a sports report a town's name is as often its club's ("Leinster lock James Ryan", "Essex 532-8"): only the
  // places of places.tsv are looked up there, not the towns, regions and venues of places-world.tsv.
  const places = sports ? gaz.places : gaz.knownPlaces;
  const firsts = firstWords();
  for (const toks of sentenceTokens) {
    // A club's number ends its name (clubNumberAt; not "Group of 20").
    // In Title Case or capitals the truecaser may have lowered a known name's words ("Human Rights Watch Urged"): a name
    // of two words or more is looked up as written there (one word is as often a common word: "Who", "WHO").
    let shouted: boolean | undefined;
    const casedAt = (i: number, n: number) => CAP.test(toks[i]!.text) || (nerRules.gazetteerDigits && n > 1 && clubNumberAt(toks, i)) ||
      (nerRules.gazetteerCased && n > 1 && CAP.test(folded[toks[i]!.start]!) && (shouted ??= caseRegime(toks.map((t) => folded.slice(t.start, t.end))) !== ''));
    for (let i = 0; i < toks.length; i++) {
      if (!CAP.test(folded[toks[i]!.start]!) || !firsts.has(toks[i]!.text.toLowerCase().replace(/\./g, ''))) continue;
      for (let n = Math.min(nerRules.gazetteerSpans ? 8 : 5, toks.length - i); n >= 1; n--) {
        const start = toks[i]!.start;
        const end = toks[i + n - 1]!.end;
        if (!casedAt(i, n) || !casedAt(i + n - 1, n)) continue;
        const text = folded.slice(start, end);
        const key = aliasKey(text);
        const type = gaz.orgs.has(key) && text.length > 2 ? 'ORG' : places.has(key) && !gaz.demonyms.has(key) ? 'LOC' : null;
        if (!type) continue;
        // An acronym is one only in capitals: "Who pays?" does not name the WHO, nor "Eu" the EU.
        if (nerRules.acronymCase && n === 1 && !/^[\p{Lu}\p{N}.&]+$/u.test(text) && isAcronymOf(key, (type === 'ORG' ? gaz.orgs : places).get(key)!)) continue;
        const overlaps = ms.filter((m) => start < m.end && end > m.start);
        // "Pratt & Whitney" read as a person, "TAP Air Portugal" as a place: a known organisation's name of several words
        // that the tagger read whole but typed otherwise is the organisation.
        if (nerRules.gazetteerRetype && type === 'ORG' && n > 1 && overlaps.length === 1 && overlaps[0]!.start === start && overlaps[0]!.end === end) {
          overlaps[0]!.type = 'ORG';
          i += n - 1;
          break;
        }
        // A known name of several words that the tagger read in pieces is the whole name (wholeOverPieces); one that
        // runs past it is another name ("Washington Post", not "Washington").
        if (overlaps.length && !(nerRules.gazetteerSpans && n > 1 && wholeOverPieces(folded, start, end, toks[i]!.text, overlaps))) break;
        for (const m of overlaps) ms.splice(ms.indexOf(m), 1);
        ms.push({ type, start, end, text });
        i += n - 1;
        break;
      }
    }
  }
}

/**
 * Whether a known name of several words at `start`–`end` stands for the tagger's `pieces` inside it ("Organization" +
 * "of the" + "Petroleum Exporting Countries", "International Committee" + "of the" + "Red Cross", "ICE" + "Futures" +
 * "U.S."): not one opening with a nationality (`firstWord`: "Israeli Army", "Arab League"), nor a longer name's tail
 * ("Republic of China" of "People's Republic of China"). A known organisation among the pieces does not keep them
 * apart (`nestedOrgs`): GMB alone names "the Red Cross" apart inside the committee's name; the wire sets, BTC and SEC
 * name the whole.
 */
function wholeOverPieces(folded: string, start: number, end: number, firstWord: string, pieces: RawMention[]): boolean {
  const gaz = gazetteer();
  return pieces.every((m) => m.start >= start && m.end <= end && m.end - m.start < end - start) &&
    !gaz.demonyms.has(aliasKey(firstWord)) && (nerRules.nestedOrgs || !pieces.some((m) => m.type === 'ORG' && gaz.orgs.has(aliasKey(m.text)))) &&
    !/\p{Lu}[\p{L}-]* ?['’] ?s $/u.test(folded.slice(Math.max(0, start - 30), start));
}

/** Whether `key` is the initials of a longer `name` ("who" of "World Health Organization"). */
function isAcronymOf(key: string, name: string): boolean {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length > 1 && words.map((w) => w[0]!.toLowerCase()).join('') === key.replace(/[.\s]/g, '');
}

const PARTICLE = /^(?:al|el|bin|ibn|abu|van|von|de|da|di|du|le|la|ben)(?:-\p{Lu}[\p{L}'-]*)?$/u;
const NAME_WORD = /^\p{Lu}[\p{Ll}'-]+$/u;
/** Occupations written before a name as a label, not a title ("Engineer", "Coroner", "Juniors"). */
const OCCUPATION = /^(?:engineer|coroner|sheriff|deputy|clerk|operator|technician|pilot|driver|agent|freshman|freshmen|sophomores?|juniors?|seniors?|guard|forward|midfielder|defender|goalkeeper|quarterback|pitcher|rapper|singer|actor|actress|comedian|novelist|poet|artist|photographer|designer|chef|architect|inventor|entrepreneur|businessman|businesswoman|banker|trader|investor|broker|soldier|private|corporal|priest|pastor|bishop|rabbi|imam)s?$/i;
const PERSON_NOUN = /^(?:figure|member|official|leader|spokes\w+|minister|secretary|adviser|advisor|envoy|ambassador|commander|founder|analyst|expert|professor|researcher|lawmaker|senator|governor|mayor|candidate|activist|lawyer|judge|officer|negotiator|economist|cleric|scholar|resident|witness|student|teacher|doctor|nurse|farmer|father|mother|son|daughter|veteran|survivor|journalist|reporter|author|director|chairman|chairwoman)s?$/i;
const SPEECH_AFTER = /^\s+(?:said|says|stated|told|added|noted|explained|argued|warned|insisted|declared|remarked|emphasi[sz]ed|stressed)\b/;

/**
 * Two- or three-word names the tagger left untagged but the sentence marks as a person: an apposition
 * with a person noun after them ("Uday al-Khadran, a senior figure in …") or a speech verb right after
 * them ("Uday al-Khadran said"). Unknown names from other cultures are where a newswire-trained tagger
 * is weakest, and these two frames are how news introduces a person.
 */
function addUntaggedPeople(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const toks of sentenceTokens) {
    for (let i = 0; i < toks.length; i++) {
      if (!NAME_WORD.test(toks[i]!.text) || STOP_CAPS.has(toks[i]!.text.toLowerCase()) || gaz.titleWords.has(toks[i]!.text.toLowerCase())) continue;
      let j = i + 1;
      while (j < toks.length && j - i < 4 && (NAME_WORD.test(toks[j]!.text) || PARTICLE.test(toks[j]!.text)) && folded.slice(toks[j - 1]!.end, toks[j]!.start) === ' ') j++;
      if (j - i < 2 || !/\p{Lu}/u.test(toks[j - 1]!.text)) continue;
      const start = toks[i]!.start;
      const end = toks[j - 1]!.end;
      const text = folded.slice(start, end);
      const first = i;
      i = j - 1;
      // The frame outweighs the tagger's guess for a name it tagged in part or as another type, but
      // not a mention that reaches outside the name or one the gazetteers vouch for.
      const inside = ms.filter((m) => start < m.end && end > m.start);
      // Nor one the tagger already tagged whole as a place or organisation ("Transparency International
      // says"), nor a name after "the" ("the Arabian Peninsula said"): people are not "the X Y".
      if (inside.some((m) => m.start < start || m.end > end || m.type === 'PER' || gaz.places.has(aliasKey(m.text)) || gaz.orgs.has(aliasKey(m.text)))) continue;
      if (inside.some((m) => m.start === start && m.end === end) || toks[first - 1]?.text.toLowerCase() === 'the') continue;
      if (gaz.places.has(aliasKey(text)) || gaz.orgs.has(aliasKey(text)) || ORG_HEAD.test(toks[j - 1]!.text)) continue;
      if (toks.slice(first, j).some((t) => gaz.places.has(aliasKey(t.text)) || gaz.orgs.has(aliasKey(t.text)))) continue;
      const after = folded.slice(end, Math.min(toks.at(-1)!.end, end + 80));
      const appos = /^,\s+(?:a|an|the)\s+((?:[\p{L}-]+\s*){1,4})/u.exec(after);
      const apposPerson = !!appos && appos[1]!.split(/\s+/).some((w) => PERSON_NOUN.test(w));
      if (!apposPerson && !SPEECH_AFTER.test(after)) continue;
      for (const m of inside) ms.splice(ms.indexOf(m), 1);
      // A speaker whose name opens with a common word and no given name is an organisation ("Global Witness said").
      ms.push({ type: !apposPerson && nerRules.commonFirstOrg && commonFirst(toks[first]!.text) && folded.slice(start, start + 1) === toks[first]!.text[0] ? 'ORG' : 'PER', start, end, text });
    }
  }
  ms.sort((a, b) => a.start - b.start);
}

let firstWordSet: Set<string> | null = null;

/** First words of every gazetteer alias: a cheap filter before trying n-grams. */
function firstWords(): Set<string> {
  if (firstWordSet) return firstWordSet;
  const gaz = gazetteer();
  firstWordSet = new Set([...gaz.knownPlaces.keys(), ...gaz.orgs.keys()].map((k) => k.split(' ')[0]!));
  return firstWordSet;
}

/** Later bare surnames ("Rubio") of people named in full earlier are mentions too. */
export function addRepeatedNames(folded: string, sentences: Span[], ms: RawMention[]): RawMention[] {
  // Companies named short or speaking of their results, before surnames are sought: a company is no one's surname.
  if (nerRules.orgFirstWord) ms = orgFirstWords(ms);
  if (nerRules.companyPronoun) ms = companyPronouns(folded, ms);
  if (nerRules.peopleOwners) ms = ownersOfPeople(folded, ms);
  if (nerRules.stockMoves) companyMoves(folded, ms);
  if (nerRules.companyShortNames) ms = companyShortNames(folded, ms);
  if (nerRules.productNames) ms = productNames(folded, ms);
  if (nerRules.listedCompanySpread) spreadListedCompanies(folded, ms);
  const names = new Set<string>();
  for (const m of ms) {
    if (m.type !== 'PER' && m.type !== 'ORG') continue;
    const parts = m.text.split(/\s+/);
    if (m.type === 'PER' && parts.length > 1) {
      const last = parts[parts.length - 1]!;
      names.add(last);
      const bare = last.replace(/^(?:al|el)-/i, '');
      if (bare !== last) names.add(bare.charAt(0).toUpperCase() + bare.slice(1));
    } else if (m.type === 'ORG' && parts.length > 1) names.add(m.text);
  }
  const harmonise = (x: RawMention[]) => (nerRules.harmonise ? harmoniseTypes(x) : x);
  if (!names.size || !nerRules.repeatedNames && !nerRules.retypePeople) return harmonise(ms);
  const people = new Set([...names].filter((n) => ms.some((x) => x.type === 'PER' && x.text.endsWith(n.replace(/^(?:Al|El)-/, '')))));
  const all = ms.map((m) => (nerRules.retypePeople && m.type !== 'PER' && !/\s/.test(m.text) && (people.has(m.text) || people.has(m.text.replace(/^(?:al|el)-/i, ''))) ? { ...m, type: 'PER' as const } : m));
  // One pass over the text for all names, longest first; a character mask marks what is taken.
  const taken = new Uint8Array(folded.length);
  for (const m of all) taken.fill(1, m.start, m.end);
  const alternation = [...names].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // A plain alternation is much faster than Unicode look-arounds; word edges are checked after.
  const re = new RegExp(`(?:${alternation})`, 'g');
  const refOf = new Map<string, RawMention | undefined>();
  const inWord = /[\p{L}\p{N}-]/u;
  for (const m of nerRules.repeatedNames ? folded.matchAll(re) : []) {
    const name = m[0];
    const start = m.index!;
    const end = start + name.length;
    if ((start > 0 && inWord.test(folded[start - 1]!)) || (end < folded.length && inWord.test(folded[end]!) && folded[end] !== '-')) continue;
    if (taken.subarray(start, end).some((x) => x)) continue;
    if (!refOf.has(name)) {
      refOf.set(name, ms.find((x) => (x.text.endsWith(name) || x.text === name) && (x.type === 'PER' || x.text === name)) ??
        ms.find((x) => x.type === 'PER' && x.text.replace(/\b(?:al|el)-/gi, '').endsWith(name)));
    }
    const ref = refOf.get(name);
    if (!ref) continue;
    all.push({ type: ref.type, start, end, text: name });
    taken.fill(1, start, end);
  }
  void sentences;
  const out = harmonise(all).sort((a, b) => a.start - b.start);
  if (nerRules.adjacentPeople) joinAdjacentPeople(folded, out);
  if (nerRules.particleSurnames) particleSurnames(folded, out);
  return out;
}

/** "Doris Lessing ( UK )" read as "Doris" (the tagger) and "Lessing" (a surname repeated): one person. */
function joinAdjacentPeople(folded: string, ms: RawMention[]): void {
  // A text in Title Case capitalises every word: two names side by side are two ("Liam Met Frankie Cocozza").
  // Read from the whole text, as a list of names is capitalised throughout in ordinary prose too.
  let ordinary: boolean | undefined;
  // Counted over words of four letters or more (refine's ordinaryBody counts every word): Title Case leaves the short
  // function words in lower case, and a list of names ("Doris Lessing ( UK ) Ian McEwan ( UK )") has few others.
  const ordinaryText = () => (ordinary ??= (folded.match(/(?<![\p{L}\p{N}])\p{Ll}\p{L}{3}/gu)?.length ?? 0) > 0.2 * (folded.match(/(?<![\p{L}\p{N}])\p{L}{4}/gu)?.length ?? 1));
  for (let i = ms.length - 2; i >= 0; i--) {
    const a = ms[i]!, b = ms[i + 1]!;
    if (a.type !== 'PER' || b.type !== 'PER' || a.text.includes(' ') || b.text.includes(' ') || folded.slice(a.end, b.start) !== ' ') continue;
    // As names are written in ordinary case ("@SEANMGROSS HI" is a handle and a greeting; "IGGY IGGY" a chant).
    if (!/^\p{Lu}\p{Ll}/u.test(a.text) || !/^\p{Lu}\p{Ll}/u.test(b.text) || a.text === b.text || STOP_CAPS.has(b.text.toLowerCase()) || !ordinaryText()) continue;
    ms.splice(i, 2, { type: 'PER', start: a.start, end: b.end, text: folded.slice(a.start, b.end) });
  }
}


export function numericMentions(numbers: NumberMatch[], dates: DateMatch[], ms: RawMention[]): RawMention[] {
  const out: RawMention[] = [];
  let length = 0;
  for (const x of [...dates, ...numbers, ...ms]) length = Math.max(length, x.end);
  const taken = new RangeMask(length);
  for (const m of ms) taken.add(m.start, m.end);
  for (const d of dates) { out.push({ type: 'DATE', start: d.start, end: d.end, text: d.text }); taken.add(d.start, d.end); }
  for (const n of numbers) {
    if (taken.overlaps(n.start, n.end)) continue;
    out.push({ type: n.kind === 'money' ? 'MONEY' : 'QUANTITY', start: n.start, end: n.end, text: n.text });
  }
  return out;
}

export type { Token };
