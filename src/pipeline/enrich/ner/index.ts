// Named entities of a document: tagger spans (PER/ORG/LOC) corrected by the gazetteers, title words
// stripped from person names, repeated surnames found again, and DATE/MONEY/QUANTITY from patterns.
import { readFileSync } from 'node:fs';
import type { Span } from '../../normalize/index.ts';
import { commonWords, isDictionaryWordForm } from '../common-words.ts';
import { datelineAt } from '../dateline.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import type { DateMatch, NumberMatch } from '../numbers.ts';
import { RangeMask } from '../spans.ts';
import { tokenizeWords, type Token } from '../tokens.ts';
import { harmoniseTypes } from './consistency.ts';
import { caseRegime } from './features.ts';
import { loadModel, spansOf, tagSentence } from './tagger.ts';
import { mayNeedTruecasing, truecaseWords } from './truecase.ts';
import {
  ABBREVIATION, ACRONYM, CAP, CALENDAR_WORDS, COMMON_ABBREVIATION, ORG_APPOS, ORG_HEAD, ORG_KINDS, STOP_CAPS, cased, fullNameParts, nerRules,
  type RawMention,
} from './names.ts';
import {
  addCompanies, companyMoves, companyOpeners, companyPronouns, companyShortNames, definedAbbreviations, joinOrgOfPlace, legalForms,
  orgBeforeKind, orgFirstWords, splitPossessive, tableCompanies,
} from './companies.ts';

export { nerRules, type NerRule, type RawMention } from './names.ts';

/** Compass words that may open a place name as annotated ("southern Afghanistan"). */
export const COMPASS = /^(?:north|south|east|west|central|northern|southern|eastern|western|north-?east|north-?west|south-?east|south-?west|north-?eastern|north-?western|south-?eastern|south-?western)$/;
const PLACE_APPOS = /^\s*,\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}(?:city|town|village|capital|port|province|region|country|district|island|county|municipality|suburb|neighbou?rhood)\b/u;
/**
 * The tagger's margin (training score units, tagger.ts TaggedSentence) below which a rule may overrule it:
 * a gazetteer retyping a name, or a sentence-opening common word being dropped.
 */
export const nerTuning = { overruleMargin: 20 };

/** PER/ORG/LOC mentions in the folded document, sentence by sentence. */
export function findNames(folded: string, sentences: Span[]): RawMention[] {
  const gaz = gazetteer();
  const out: RawMention[] = [];
  // Where the acronym rule typed a one-word name as an organisation: undone below if a person's name holds it.
  const acronymAt = new Set<number>();
  // Each sentence's words, read once for the tagger and both rules that scan sentences again.
  const sentenceTokens = sentences.map((s) => nameTokens(folded, s));
  // A sports report reads names by the frames of match reports (team heads, sportFrames and the rules after it).
  const sports = isSportsText(folded);
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
      // "Embattled Boeing", "Lawyer Anton Drel says": a common word opening a sentence in ordinary case is
      // capitalised for its place; it is no part of the name after it unless the tagger is sure it is. A
      // word that describes who is named ("Rival Shell", "Carmaker Toyota") never is.
      // A quotation opening inside the sentence starts with a capital too ('the caption: "Welcome Jose"').
      if (nerRules.firstCommon && to - from > 1 && /^\p{Lu}\p{Ll}+$/u.test(toks[from]!.text) && (from === firstWordIndex(toks) || /["“]$/.test(toks[from - 1]?.text ?? '')) && ordinaryCase() &&
        (DESCRIPTOR.test(toks[from]!.text.toLowerCase()) || (commonOpener(toks[from]!.text) && tagged.margin(from + 1, to, type as 'PER' | 'ORG' | 'LOC') < nerTuning.overruleMargin))) from++;
      // "the IG Metall union": a name ends in a capitalised word (or a figure, an abbreviation's stop), never in a common word
      // written in lower case, as a role or a kind of organisation after it is.
      // (A common word only: tweets write surnames in lower case, "Louis spence"; "al-" and "bin" open a name's next part.)
      while (nerRules.trailingLower && to - from > 1 && /^\p{Ll}[\p{Ll}-]*$/u.test(written(to - 1)) && commonWords().has(written(to - 1)) && !PARTICLE.test(written(to - 1)) && !STOP_CAPS.has(written(to - 1)) && ordinaryCase()) to--;
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
  if (nerRules.gazetteerMisses) addGazetteerMisses(folded, sentenceTokens, out);
  if (nerRules.untaggedPeople) addUntaggedPeople(folded, sentenceTokens, out);
  if (nerRules.resultLines) addResultLines(folded, out);
  if (nerRules.clubPrefix) addClubPrefixes(folded, out);
  if (nerRules.companyFrames) addCompanies(folded, sentenceTokens, out);
  if (nerRules.legalForms) legalForms(folded, out);
  if (nerRules.orgOfPlace) joinOrgOfPlace(folded, out);
  if (nerRules.possessiveSplit) splitPossessive(folded, out);
  if (nerRules.orgOpeners) companyOpeners(out);
  if (nerRules.orgKindAfter) orgBeforeKind(folded, sentenceTokens, out);
  if (nerRules.companyTables) tableCompanies(folded, out);
  if (nerRules.definedAbbreviation) definedAbbreviations(folded, out);
  if (nerRules.roleSplit) splitAtRole(folded, out);
  if (nerRules.venueNames || nerRules.leagueNames) venuesAndLeagues(folded, out);
  if (nerRules.clubRole && sports) clubRolePeople(folded, out);
  if (nerRules.sportFrames && sports) sportFrames(folded, sentenceTokens, out);
  if (nerRules.clubsAnd && sports) splitClubPairs(folded, out);
  if (nerRules.clubSpread && sports) spreadClubs(folded, out);
  if (nerRules.eventNames) dropEventNames(folded, out);
  if (nerRules.givenNameTail) addSurnameWords(folded, out);
  return out.sort((a, b) => a.start - b.start);
}

/** A wire sport heading opening the text ("SOCCER - ", "RUGBY UNION - "). */
const SPORT_HEAD = /^\s*(?:SOCCER|FOOTBALL|CRICKET|TENNIS|GOLF|RUGBY(?: UNION| LEAGUE)?|BASKETBALL|BASEBALL|(?:ICE )?HOCKEY|NFL|NBA|NHL|AMERICAN FOOTBALL|CYCLING|ATHLETICS|MOTOR RACING|FORMULA ONE|BOXING|HANDBALL|VOLLEYBALL)\s*(?:-{1,2}|[–—:])\s/i;
/** Words that only sports prose uses much: three different ones make a text a sports report. */
const SPORT_TERM = /\b(?:goals?|goalless|striker|midfielder|defender|goalkeeper|winger|fly-half|scrum-half|quarterback|pitcher|batsman|bowler|coach|derby|kick-off|half-?time|penalty|relegation|stadium|semi-finals?|quarter-finals?|play-?offs?|innings|wickets?|touchdowns?|league|squad|match|fixture|scored|points (?:clear|behind)|title race|clean sheet|hat-trick|equaliser|equalizer|unbeaten|away win|home win)\b/gi;
function isSportsText(folded: string): boolean {
  if (SPORT_HEAD.test(folded.slice(0, 40))) return true;
  const seen = new Set<string>();
  for (const m of folded.matchAll(SPORT_TERM)) if (seen.add(m[0].toLowerCase()).size >= 3) return true;
  return false;
}

/** A mention's canonical place is a country or wider (a national team, the place): not a club's name. */
function isCountryName(text: string): boolean {
  const gaz = gazetteer();
  const canon = gaz.places.get(aliasKey(text));
  return canon !== undefined && !gaz.cities.has(canon);
}

/** Posts at a club or in a team that stand between the team and the person ("Brentford manager Keith Andrews"). */
const CLUB_POSTS = ['coach', 'manager', 'boss', 'captain', 'skipper', 'striker', 'forward', 'midfielder', 'defender', 'goalkeeper', 'keeper', 'winger',
  'quarterback', 'playmaker', 'batsman', 'bowler', 'fly-half', 'scrum-half', 'lock', 'prop', 'hooker', 'flanker'];
/** Words for a post at a club or in a team, written between the team and the person ("Aston Villa boss Unai Emery"). */
const ROLE_WORD = new RegExp(`^(?:${[...CLUB_POSTS, 'pitcher', 'full-back', 'centre-back', 'wing', 'chairman', 'owner', 'president'].join('|')})$`);

/**
 * "Aston Villa boss Unai Emery" read as one person: a name holds no role written in lower case, so the words
 * before the role are the team (an organisation; a country, its national team, is the place) and those after it
 * the person.
 */
function splitAtRole(folded: string, ms: RawMention[]): void {
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.type !== 'PER' && m.type !== 'ORG') continue;
    const r = /^(\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,3}) ([\p{Ll}-]+) (\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,2})$/u.exec(m.text);
    if (!r || !ROLE_WORD.test(r[2]!)) continue;
    const team = { type: (isCountryName(r[1]!) ? 'LOC' : 'ORG') as RawMention['type'], start: m.start, end: m.start + r[1]!.length, text: r[1]! };
    const pStart = m.end - r[3]!.length;
    ms.splice(i, 1, team, { type: 'PER', start: pStart, end: m.end, text: folded.slice(pStart, m.end) });
  }
}

/** Last words of a sports venue's name ("Aviva Stadium", "O2 Arena"), and first words of one named abroad ("Stade Louis II"). */
const VENUE_LAST = /^(?:Stadium|Arena|Stadion|Velodrome|Speedway|Raceway|Motordrome)$/;
const STREET_LAST = /^(?:Road|Street|Avenue|Lane|Park|Square|Boulevard)$/;
const VENUE_FIRST = /^(?:Stade|Estadio|Estádio|Stadio|Stadion)$/;
/** Last words of a league's name ("Scottish Premiership", "National Hockey League"). */
const LEAGUE_NAME = /(?<![\p{L}\p{N}])(?:Premier|Major|Champions|Europa|Conference|Nations|Super|Football|Rugby|National|American) League(?: (?:Baseball|Soccer|Two|One|Cup))?(?![\p{L}\p{N}])/gu;
const LEAGUE_LAST = /^(?:League|Premiership|Bundesliga|Eredivisie)$/;

/**
 * A venue is a place, as newswire annotation (wikigold, BTC) marks stadiums and arenas, whatever company gives it
 * its name ("Aviva Stadium", "Emirates Stadium"); a league is an organisation, never a place ("Scottish
 * Premiership"), and "Serie A" or "Ligue 1" is the league, not the place "Serie".
 */
function venuesAndLeagues(folded: string, ms: RawMention[]): void {
  // "Major League Baseball" read as "League Baseball": a league whose first word is also a title or a common word,
  // which the tagger left out. (Only a name cut short is mended: where the tagger found no name, none is added, as
  // annotations differ on whether a league is an organisation or a MISC name.)
  if (nerRules.leagueOpeners) {
    for (const x of folded.matchAll(LEAGUE_NAME)) {
      const start = x.index!, end = start + x[0].length;
      const inside = ms.filter((m) => m.start < end && m.end > start);
      if (!inside.length || inside.some((m) => m.start < start || m.end > end)) continue;
      for (const m of inside) ms.splice(ms.indexOf(m), 1);
      ms.push({ type: 'ORG', start, end, text: x[0] });
    }
    ms.sort((a, b) => a.start - b.start);
  }
  for (const m of ms) {
    if (m.type !== 'ORG' && m.type !== 'LOC' && m.type !== 'PER') continue;
    const words = m.text.split(/\s+/);
    // "Grace Road", "Downing Street", "Villa Park" read as organisations: a street or a ground is a place (not a person's: "John Park").
    if (nerRules.streetNames && m.type === 'ORG' && words.length > 1 && STREET_LAST.test(cased(words.at(-1)!))) { m.type = 'LOC'; continue; }
    if (nerRules.venueNames && words.length > 1 && (VENUE_LAST.test(words.at(-1)!) || VENUE_FIRST.test(words[0]!))) {
      m.type = 'LOC';
      // "Stade Louis II": the numeral after is part of it.
      const numeral = / (?:I{1,3}|IV|V|VI{1,3})\b/.exec(folded.slice(m.end, m.end + 5));
      if (numeral?.index === 0) { m.end += numeral[0].length; m.text = folded.slice(m.start, m.end); }
      continue;
    }
    if (!nerRules.leagueNames) continue;
    if (m.type === 'LOC' && LEAGUE_LAST.test(cased(words.at(-1)!)) && (words.length > 1 || cased(words[0]!) !== 'League')) m.type = 'ORG';
    else if (m.type === 'LOC' && /^(?:Serie|Ligue|Liga)$/.test(m.text)) {
      const tail = /^ (?:[AB12]|MX)\b/.exec(folded.slice(m.end, m.end + 4));
      if (tail) { m.end += tail[0].length; m.text = folded.slice(m.start, m.end); m.type = 'ORG'; }
    }
  }
}

/** "Brentford manager Keith Andrews": a one-word name the tagger read as a person, before a role and a person, is the club. */
function clubRolePeople(folded: string, ms: RawMention[]): void {
  const people = fullNameParts(ms);
  for (const m of ms) {
    if (m.type !== 'PER' || /\s/.test(m.text) || people.has(m.text.toLowerCase()) || !CLUB_ROLE_PERSON.test(folded.slice(m.end, m.end + 24))) continue;
    m.type = isCountryName(m.text) ? 'LOC' : 'ORG';
  }
}
/** A club's post and a person's name after a name, each in the case of the text around it ("manager Jim", "MANAGER JIM", "Manager Jim"). */
const CLUB_ROLE_PERSON = new RegExp(`^ (?:(?:${CLUB_POSTS.join('|')}) \\p{Lu}\\p{Ll}|(?:${CLUB_POSTS.join('|').toUpperCase()}) \\p{Lu}{2}|` +
  `(?:${CLUB_POSTS.map((p) => p.replace(/(^|-)\p{Ll}/gu, (c) => c.toUpperCase())).join('|')}) \\p{Lu}\\p{Ll})`, 'u');

/** After a team's name, a result ("drew with", "beat") or how match reports go on. */
const RESULT_AFTER = /^\s+(?:beat|defeated|thrashed|edged|routed|hammered|drew|were held|were beaten|came from behind|have won|have lost)\b/i;
/** After a team's name, a verb in the plural, as British English writes of a club ("Juventus were held", "Hearts remain third"). */
const PLURAL_AFTER = /^(?:\s+(?:are|were|have|remain|host|visit|face|play|meet|trail|lead|travel)\b|\s*,\s+who\s+(?:are|were|have|host|visit|play|face|remain|meet|lead|trail|travel)\b)/i;
/** Before a team's name: "drew with", "beat", "lost to", "a win over", "held to a goalless draw by", "at home to". */
const TEAM_BEFORE = /\b(?:beat|beating|defeated|defeating|thrashed|edged|routed|hammered|drew with|draw with|drawing with|lost to|losing to|loss to|defeat (?:to|by|at)|win (?:over|against|at)|victory (?:over|against|at)|held to a [\p{Ll} -]*draw by|at home to|away (?:to|at)|against|host|hosts|visit|visits|face|faces|play|plays)\s+$/iu;
/** Words that open a club's name of two or three words ("St Mirren", "Inter Milan", "Real Betis"): no person's. */
const CLUB_OPENER = /^(?:St\.?|Saint|FC|AC|AS|SC|SV|VfB|VfL|Inter|Real|Sporting|Athletic|Atletico|Dynamo|Dinamo|Olympique|Deportivo|Racing)$/;

/** Does a team's frame stand around [start, end): a result or a plural verb after it, or a result before it (or a club's post after it, with `roles`)? */
function teamFrame(folded: string, start: number, end: number, roles = false): boolean {
  const before = folded.slice(Math.max(0, start - 40), start);
  const after = folded.slice(end, end + 40);
  if (RESULT_AFTER.test(after) || TEAM_BEFORE.test(before) || (roles && CLUB_ROLE_PERSON.test(after))) return true;
  // "Arsenal and Chelsea are", "Arsenal , Chelsea": two names make the plural, not a club.
  return PLURAL_AFTER.test(after) && !/\p{Lu}[\p{L}'-]*\s*(?:,|\b(?:and|AND|And)|&)\s+$/u.test(before);
}

/**
 * In a sports report, a name the tagger read as a place or a lone person, or left out, that plays ("Aberdeen drew
 * with St Mirren", "Celtic beat Rangers", "Juventus were held", "who host Atalanta") is a club: an organisation,
 * as in a table (matchTeams) but without the score. A country stays the place (its national team), and a one-word
 * name that is the surname or given name of someone named in full stays that person ("Sinner beat Alcaraz" after
 * "Jannik Sinner"); a name the tagger left out must be no common word ("Hosts", "Visitors").
 */
function sportFrames(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
  const gaz = gazetteer();
  const people = fullNameParts(ms);
  const clubLike = (text: string) => CLUB_OPENER.test(text.split(' ')[0]!) && /\s/.test(text);
  for (const m of ms) {
    if (m.type !== 'LOC' && m.type !== 'PER') continue;
    if (m.type === 'PER' && !clubLike(m.text) && (/\s/.test(m.text) || people.has(m.text.toLowerCase()))) continue;
    if (isCountryName(m.text) || !/^\p{Lu}/u.test(m.text)) continue;
    // "Inter Milan", "Real Betis", "FC Porto": no person's name opens so ("St John" may).
    if (m.type === 'PER' && clubLike(m.text) && !/^(?:St\.?|Saint)$/.test(m.text.split(' ')[0]!)) { m.type = 'ORG'; continue; }
    if (teamFrame(folded, m.start, m.end)) m.type = 'ORG';
  }
  // Names the tagger left out, in ordinary case: one capitalised word that is no common word, or a club's opener
  // and a name ("St Mirren").
  const found: RawMention[] = [];
  for (const toks of sentenceTokens) {
    for (let i = 0; i < toks.length; i++) {
      const w = folded.slice(toks[i]!.start, toks[i]!.end);
      if (!/^\p{Lu}[\p{Ll}'-]+\.?$/u.test(w)) continue;
      let j = i + 1;
      if (CLUB_OPENER.test(w) && /^\p{Lu}\p{Ll}+$/u.test(toks[j] ? folded.slice(toks[j]!.start, toks[j]!.end) : '')) j++;
      const start = toks[i]!.start;
      const end = toks[j - 1]!.end;
      const text = folded.slice(start, end);
      const lw = w.toLowerCase();
      if (j === i + 1 && (STOP_CAPS.has(lw) || gaz.titleWords.has(lw) || commonWords().has(lw) || people.has(lw) || isCountryName(text))) continue;
      if (ms.some((m) => m.start < end && m.end > start)) continue;
      // A club's post after it ("Aberdeen manager Jimmy Thelin") is the club-role rule's frame, for names the tagger left out too.
      if (!teamFrame(folded, start, end, nerRules.clubRole)) continue;
      found.push({ type: 'ORG', start, end, text });
      i = j - 1;
    }
  }
  ms.push(...found);
}

/**
 * One club, one type: in a sports report, a name found as a club anywhere (a table, a result, a role) is the club
 * where the tagger read it as a place or a lone person too, or did not read it ("… gave Celtic a five-point lead").
 * A place the gazetteer knows keeps its type where no frame made it the club ("MILAN" of a dateline beside "Milan
 * travel to …"), and so does a country, a common word ("Hearts") and a person's name.
 */
function spreadClubs(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const clubs = new Set(ms.filter((m) => m.type === 'ORG').map((m) => m.text.toLowerCase()));
  if (!clubs.size) return;
  const people = fullNameParts(ms);
  // "Tottenham" of "Tottenham Hotspur", "Newcastle" of "Newcastle United": the club named short, where no preposition
  // makes it the place ("in Newcastle").
  const clubHead = (w: string) => TEAM_HEAD.test(w) || (nerRules.sportTeamHeads && SPORT_TEAM_HEAD.test(w));
  const twoWordClubs = ms.filter((m) => m.type === 'ORG' && /^\S+ \S+$/.test(m.text) && clubHead(m.text.split(' ')[1]!));
  // "Inter Milan", "Borussia Dortmund": named by the opener ("Inter") or by the city ("Dortmund") too.
  const openedClubs = ms.filter((m) => m.type === 'ORG' && /^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u.test(m.text) && CLUB_PREFIX.test(m.text.split(' ')[0]!) && !AMBIGUOUS_OPENER.test(m.text.split(' ')[0]!));
  const short = new Set([...twoWordClubs.map((m) => m.text.split(' ')[0]!.toLowerCase()), ...(nerRules.clubShortNames ? openedClubs.map((m) => m.text.split(' ')[1]!.toLowerCase()) : [])]);
  for (const m of ms) {
    // (A dateline's place is the place: "MILAN 2026-11-23".)
    const lineStart = folded.lastIndexOf('\n', m.start - 1) + 1;
    const dateline = !folded.slice(lineStart, m.start).trim() && datelineAt(folded, lineStart) !== null;
    if (m.type === 'LOC' && short.has(m.text.toLowerCase()) && !dateline && !isCountryName(m.text) && !afterPlacePreposition(folded, m.start)) {
      m.type = 'ORG';
      continue;
    }
    if ((m.type !== 'LOC' && m.type !== 'PER') || !clubs.has(m.text.toLowerCase()) || gaz.places.has(aliasKey(m.text))) continue;
    if (m.type === 'PER' && (/\s/.test(m.text) || people.has(m.text.toLowerCase()))) continue;
    m.type = 'ORG';
  }
  // A name listed with clubs is a club ("FC Porto , Inter Milan , Chelsea and Real Madrid"), a country aside.
  ms.sort((a, b) => a.start - b.start);
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      if (m.type !== 'LOC' || isCountryName(m.text)) continue;
      const listed = (x: RawMention | undefined, gap: string) => x?.type === 'ORG' && /^\s*(?:,|and|&)\s*$/.test(gap);
      if (listed(ms[i - 1], folded.slice(ms[i - 1]?.end ?? 0, m.start)) || listed(ms[i + 1], folded.slice(m.end, ms[i + 1]?.start ?? 0))) m.type = 'ORG';
    }
  }
  // The same name again where nothing was found, as written (one word, no common word, no place or person).
  const names = [...new Set(ms.filter((m) => m.type === 'ORG' && /^\p{Lu}[\p{Ll}'-]{2,}$/u.test(m.text)).map((m) => m.text))]
    .filter((n) => !commonWords().has(n.toLowerCase()) && !gaz.places.has(aliasKey(n)) && !people.has(n.toLowerCase()));
  const taken = new RangeMask(folded.length);
  for (const m of ms) taken.add(m.start, m.end);
  addAgain(folded, names, taken, ms, () => true);
  // "Leeds held by Forest" after "Leeds United" and "Nottingham Forest": a two-word club named by one of its words,
  // its place where no preposition makes it the place ("in Leeds"), or its last word where that is how fans name
  // it ("City", "Forest", "Villa", "Palace", "United"), in the headline's capitals too.
  if (!nerRules.clubShortNames || !(twoWordClubs.length || openedClubs.length)) return;
  const shortNames = new Set<string>();
  for (const m of openedClubs) for (const w of m.text.split(' ')) if (!commonWords().has(w.toLowerCase()) && !isCountryName(w) && !people.has(w.toLowerCase())) shortNames.add(w);
  for (const m of twoWordClubs) {
    const [place, head] = m.text.split(' ') as [string, string];
    if (/^\p{Lu}\p{Ll}{2,}$/u.test(place) && !commonWords().has(place.toLowerCase()) && !isCountryName(place) && !people.has(place.toLowerCase())) shortNames.add(place);
    if (SHORT_CLUB_HEAD.test(head)) shortNames.add(head);
  }
  const named = [...shortNames].flatMap((n) => [n, n.toUpperCase()]);
  addAgain(folded, named, taken, ms, (start) => !afterPlacePreposition(folded, start));
}

/**
 * "Real Madrid won 2-0 at Getafe and Barcelona drew": in a sports report two one-word names joined by "and", one
 * of them a place, are two clubs (or two places), not one organisation ("Procter and Gamble" is no sports report's).
 */
function splitClubPairs(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    const pair = /^(\p{Lu}[\p{L}-]+) (?:and|&) (\p{Lu}[\p{L}-]+)$/u.exec(m.text);
    if (m.type !== 'ORG' || !pair || !(gaz.places.has(aliasKey(pair[1]!)) || gaz.places.has(aliasKey(pair[2]!)))) continue;
    const second = m.start + m.text.length - pair[2]!.length;
    ms.splice(i, 1, { type: 'ORG', start: m.start, end: m.start + pair[1]!.length, text: pair[1]! }, { type: 'ORG', start: second, end: m.end, text: pair[2]! });
  }
}

/** A preposition that makes the name after it the place ("in Leeds", "fans from Dortmund"). */
const afterPlacePreposition = (folded: string, start: number): boolean =>
  /\b(?:in|at|from|to|near|of|outside|around|across)\s+$/i.test(folded.slice(Math.max(0, start - 10), start));

/** Occurrences of `names` (as written) that no mention covers become clubs, where `ok(start)`. */
function addAgain(folded: string, names: string[], taken: RangeMask, ms: RawMention[], ok: (start: number) => boolean): void {
  if (!names.length) return;
  const re = new RegExp(`(?<![\\p{L}\\p{N}'-])(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}-])`, 'gu');
  for (const x of folded.matchAll(re)) {
    const start = x.index!;
    const end = start + x[0].length;
    if (taken.overlaps(start, end) || !ok(start)) continue;
    ms.push({ type: 'ORG', start, end, text: x[0] });
    taken.add(start, end);
  }
}
/** The last words of clubs' names that name the club alone ("City beat Arsenal", "Forest manager"). */
const SHORT_CLUB_HEAD = /^(?:City|Forest|Villa|Palace|United|Rovers|Albion)$/;

/** The last word of a sporting event's name ("Davis Cup", "Paris Masters", "Dubai Desert Classic", "U.S. Open"). */
const EVENT_WORD = /^(?:Cup|Open|Masters|Classic|Trophy|Grand Prix|Olympics|Championships?|Tournament|Invitational|Series|Rally|Games)\b/;
/** Is `word` (as written, in capitals too) the last word of a sporting event's name? */
export const isEventWord = (word: string): boolean => EVENT_WORD.test(cased(word));
/** A rugby or football tournament of nations named by their number ("Six Nations", "Tri Nations"); not "United Nations". */
const NATIONS_EVENT = /^(?:Six|Five|Four|Tri|Three|Home) Nations$/i;
/**
 * A name that is, or is the start of, a sporting event's name is no person, organisation or place: the event is
 * what newswire annotates (MISC). "Paris" in "the Paris Masters", "U.S." in "U.S. Open", "FA Cup".
 */
function dropEventNames(folded: string, ms: RawMention[]): void {
  // "Stockholm Open" read as a place and an organisation "Open": an event's word alone names nothing, and the
  // name before it is then the event's (below).
  if (nerRules.loneEventWord) for (let i = ms.length - 1; i >= 0; i--) if (!ms[i]!.text.includes(' ') && isEventWord(ms[i]!.text) && /^\p{Lu}/u.test(ms[i]!.text)) ms.splice(i, 1);
  // As written in a shouted headline too ("PARIS MASTERS").
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.type !== 'PER' && m.type !== 'ORG' && m.type !== 'LOC') continue;
    const last = m.text.split(/\s+/).at(-1)!;
    const next = /^ ((?:\p{Lu}\p{Ll}+ )?)(\p{Lu}[\p{L}]+(?: Prix| PRIX)?)/u.exec(folded.slice(m.end, m.end + 40));
    const inside = m.text.includes(' ') && (isEventWord(last) || NATIONS_EVENT.test(m.text));
    const before = !!next && isEventWord(next[2]!) && !ms.some((x) => x !== m && x.start > m.end && x.start <= m.end + 1 + next[0].length - 1);
    // A stage race named after its country ("Tour de France", "Giro d'Italia"): the race, no place.
    const race = /(?:\bTour d[eu]|\bVuelta a|\bGiro d') ?$/.test(folded.slice(Math.max(0, m.start - 10), m.start)) ||
      /^(?:Tour d[eu] |Giro d'|Vuelta a )/.test(m.text) || /^(?:Giro|Tour)$/.test(m.text) && /^ (?:d'|de |du )/.test(folded.slice(m.end, m.end + 4));
    if (inside || before || race) ms.splice(i, 1);
  }
}

/**
 * "132 Justin Rose 66 66": a person named by a given name alone, where the next word is capitalised, is named by
 * both; the tagger drops a surname that is also a common word ("Rose", "Brown", "Price") in results lines.
 */
function addSurnameWords(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const starts = new Set(ms.map((m) => m.start));
  for (const m of ms) {
    if (m.type !== 'PER' || m.text.includes(' ')) continue;
    // As results lines list people: followed by a figure, a bracket, a comma or the line's end (in Title Case every
    // word is capitalised: "Liam Is an Absolute Dream").
    const next = /^ (\p{Lu}\p{Ll}+)(?= ?(?:$|[\d(,;]))/mu.exec(folded.slice(m.end, m.end + 30));
    if (!next || starts.has(m.end + 1) || STOP_CAPS.has(next[1]!.toLowerCase()) || CALENDAR_WORDS.has(next[1]!.toLowerCase()) || gaz.titleWords.has(next[1]!.toLowerCase()) ||
      gaz.places.has(aliasKey(next[1]!)) || gaz.orgs.has(aliasKey(next[1]!))) continue;
    // A given name the training text knows, or one whose surname is named alone elsewhere ("Gunter Grass ... Grass said").
    if (!personFirstWords().has(m.text.toLowerCase()) && !ms.some((x) => x.type === 'PER' && x.text === next[1])) continue;
    m.end += next[0].length;
    m.text = folded.slice(m.start, m.end);
  }
}

/**
 * Words that open a club's name before its city ("Real Madrid", "Borussia Dortmund", "Sporting Lisbon"): the
 * tagger, or the sentence-opening rule, often keeps only the city, which then reads as the place.
 */
const CLUB_PREFIX = /^(?:AC|AS|SS|FC|SC|VfB|VfL|RB|SL|PSV|AZ|Real|Atletico|Atlético|Sporting|Borussia|Inter|Internazionale|Dynamo|Dinamo|Olympique|Racing|Deportivo|Bayer|Werder|Eintracht|Hertha|Fortuna|Steaua|Spartak|Lokomotiv|Slavia|Sparta|Ferencvaros|Legia|Hajduk|Partizan|Crvena|Zenit|Shakhtar|Besiktas|Fenerbahce|Galatasaray|Rapid|Austria|Standard|Union|Paris Saint-Germain)$/;
/** Openers that are also a country or a common word: alone they make no club of the name ("Real Madrid" aside). */
const AMBIGUOUS_OPENER = /^(?:Austria|Standard|Union|Rapid|Racing|Real)$/;
function addClubPrefixes(folded: string, ms: RawMention[]): void {
  for (const m of ms) {
    // "Borussia Dortmund , fourth , lost": the whole name read as a person's is the club's.
    const first = m.text.split(' ')[0]!;
    if (nerRules.clubPrefixPerson && m.type === 'PER' && m.text.includes(' ') && CLUB_PREFIX.test(first) && !AMBIGUOUS_OPENER.test(first) &&
      caseRegime(lineAround(folded, m.start).split(/\s+/)) !== 'T') { m.type = 'ORG'; continue; }
    if (m.type !== 'LOC' && m.type !== 'ORG') continue;
    const before = /(\p{Lu}[\p{L}-]*) $/u.exec(folded.slice(Math.max(0, m.start - 20), m.start));
    if (!before || !CLUB_PREFIX.test(before[1]!) || ms.some((x) => x !== m && x.end > m.start - before[0].length && x.start < m.start)) continue;
    // Initials open a club's name before a city written in ordinary case ("AC Milan"); in capitals "AS" is a word.
    if (/^\p{Lu}{2,}$/u.test(before[1]!) && !/\p{Ll}/u.test(m.text)) continue;
    // "Austria Vienna", "Union Berlin", "Standard Liege": a country or a common word before a city is a club only
    // in a sentence about a match; the others always are.
    const line = lineAround(folded, m.start);
    if (/^(?:Austria|Standard|Union)$/.test(before[1]!) && !/\b\d{1,2}-\d{1,2}\b|\b(?:beat|drew|lost|won|play|match|coach|striker|midfielder|defender|goalkeeper)\b/.test(line)) continue;
    // In Title Case every word is capitalised ("A Real Circuit Was Not Built"); a club's initials ("AC", "VfB") are not.
    if (!/\p{Lu}.*\p{Lu}/u.test(before[1]!) && caseRegime(line.split(/\s+/)) === 'T') continue;
    m.start -= before[0].length;
    m.text = folded.slice(m.start, m.end);
    m.type = 'ORG';
  }
}
function lineAround(folded: string, at: number): string {
  const a = folded.lastIndexOf('\n', at) + 1;
  const b = folded.indexOf('\n', at);
  return folded.slice(a, b < 0 ? folded.length : b);
}


/** The last word of a sports club's name ("Newcastle United", "Blackburn Rovers", "Athletic", "FC"). */
const TEAM_HEAD = /^(?:United|Rovers|Wanderers|Athletic|Hotspur|Albion|Argyle|Rangers|FC|AFC|CF|SC)$/;
/**
 * Last words of a club's name that also end places' names ("Manchester City", "Nottingham Forest", "Ipswich Town",
 * "Derby County", "Aston Villa", "Crystal Palace"): read as a club's only in a sports report ("Mexico City" elsewhere).
 */
const SPORT_TEAM_HEAD = /^(?:City|Town|County|Forest|Villa|Palace|Orient|Vale|Wednesday|Alexandra|Thistle|Academicals|Harriers)$/;

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
  return null;
}

let personFirst: ReadonlySet<string> | null = null;
/** Words that open a person's name in the training text ("bill", "mark"): data/person-first-words.txt. */
function personFirstWords(): ReadonlySet<string> {
  personFirst ??= new Set(readFileSync(new URL('../data/person-first-words.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
  return personFirst;
}

/** A capitalised common word that opens no person's name ("Standard", "Global", "First"; not "Bill"). */
function commonFirst(word: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(word)) return false;
  const lw = word.toLowerCase();
  return commonWords().has(lw) && !personFirstWords().has(lw) && !gazetteer().titleWords.has(lw) && !STOP_CAPS.has(lw);
}

/**
 * The places of the wire datelines that open sentences ("NEW YORK", "MANCHESTER, England"). The sentence is
 * still tagged whole: tagged apart, the words after the dash read as a sentence's first ("U.S. Defense
 * Secretary" became an organisation).
 */
type Range = { start: number; end: number; credited?: boolean };
/** The place of a dated line, before its date ("LONDON, England" of "LONDON, England 2026-11-12"). */
const DATED_PLACE = /^\p{Lu}[\p{Lu} .'-]*\p{Lu}(?:,[^\n\d]{1,40}?)?(?=[ \t]+\d{4}-\d{2}-\d{2}[ \t]*(?:\n|$))/u;
function datelineHeads(folded: string, sentences: Span[]): Range[] {
  const places: Range[] = [];
  for (const s of sentences) {
    // Only a sentence that opens its line (after spaces at most) can start with a dateline.
    let lineStart = s.start;
    while (lineStart > 0 && (folded[lineStart - 1] === ' ' || folded[lineStart - 1] === '\t')) lineStart--;
    if (lineStart > 0 && folded[lineStart - 1] !== '\n') continue;
    // A place and the filing date on a line of their own ("MUNICH 2026-11-12"): the place, whatever the tagger read.
    const dated = DATED_PLACE.exec(folded.slice(lineStart, lineStart + 80));
    if (dated && lineStart === s.start) { places.push({ start: s.start, end: s.start + dated[0].length }); continue; }
    const d = datelineAt(folded, lineStart);
    // Without a credit, only a place in capitals before a story in ordinary case: in a shouted text any line
    // of capitals before a dash would pass for one.
    if (!d || d.end >= s.end || d.end <= s.start || (!d.credit && !/\p{Ll}/u.test(folded.slice(d.end, s.end)))) continue;
    const head = folded.slice(s.start, d.credit ? d.credit.start - 1 : d.end).replace(/\s*(?:-{1,2}|[–—])\s*$/, '').trimEnd();
    places.push({ start: s.start, end: s.start + head.length, credited: !!d.credit });
  }
  return places;
}

/**
 * A dateline's place is a place: each of its comma-separated parts ("MANCHESTER", "England") when an agency
 * is credited after it; without a credit ("KABUL - "), those that the tagger found as a name of any type
 * ("NEW YORK" reads like an organisation's name in capitals) or a gazetteer knows.
 */
function datelinePlaces(folded: string, places: Range[], ms: RawMention[]): void {
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

const MATCH_SCORE = /^\d{1,2}-\d{1,2}$/;
/** Words after a team's name that say it played: "Liverpool drew 1-1 with", "Celtic thrashed". */
const PLAYED_AFTER = /^\s+(?:beat|beats|defeated|defeats|thrashed|thrash|edged|routed|hammered|drew|draw|lost|lose|won|win)\b/;
/** Words before a team's name that say it was played: "beat Chelsea", "drew 1-1 with Aston Villa", "lost 2-0 at Newcastle". */
const PLAYED_BEFORE = /\b(?:beat|beats|defeated|defeats|thrashed|thrash|edged|routed|hammered|with|to|against|over|versus|vs\.?|(?:lost|won|drew|draw|win|lose)\s+\d{1,2}-\d{1,2}\s+at)\s+$/;

/**
 * In a sentence with a match score ("Manchester United beat Chelsea 2-1", "Liverpool drew 1-1 with Aston
 * Villa"), a city's name that plays is a club: an organisation, the newswire convention. A country or a
 * nation keeps its type (a national team is annotated as the place).
 */
function matchTeams(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const toks of sentenceTokens) {
    if (!toks.some((t) => MATCH_SCORE.test(t.text))) continue;
    const start = toks[0]!.start;
    const end = toks.at(-1)!.end;
    for (const m of ms) {
      if (m.type !== 'LOC' || m.start < start || m.end > end) continue;
      const canon = gaz.places.get(aliasKey(m.text));
      if (canon !== undefined && !gaz.cities.has(canon)) continue;
      const after = folded.slice(m.end, Math.min(end, m.end + 20));
      const before = folded.slice(Math.max(start, m.start - 30), m.start);
      if (PLAYED_AFTER.test(after) || PLAYED_BEFORE.test(before)) m.type = 'ORG';
    }
  }
}
/** A player's or coach's role between a club and a name: "Toronto forward Auston Matthews", "Bayern coach Vincent Kompany". */
const CLUB_ROLE = /^ (?:coach|striker|forward|midfielder|defender|goalkeeper|keeper|winger|quarterback|pitcher|playmaker|skipper|batsman|bowler|fly-half|scrum-half) \p{Lu}/u;
/** A post only a club has, after its name with or without the person ("as Tottenham manager", "Tottenham's head coach"). */
const CLUB_POST = /^(?:'s)? (?:manager|head coach|boss)\b/i;
/** A city before a club role and a name is the club (a country is its national team: "Brazil coach Carlo Ancelotti"). */
function clubRoles(folded: string, ms: RawMention[], sports: boolean): void {
  const gaz = gazetteer();
  for (const m of ms) {
    // Posts that are not only a club's ("manager", "captain") say so only in a sports report ("Dublin manager Jim Gavin" in a tweet).
    const after = folded.slice(m.end, m.end + 24);
    if (m.type !== 'LOC' || !(CLUB_ROLE.test(after) || (sports && (CLUB_ROLE_PERSON.test(after) || CLUB_POST.test(after))))) continue;
    const canon = gaz.places.get(aliasKey(m.text));
    if (canon === undefined || gaz.cities.has(canon)) m.type = 'ORG';
  }
}
const ROMAN = /^(?=[MDCLXVI])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})$/; // Louis XVI
/**
 * Kinds of organisation that stand right before a name ("the weather agency AEMET", "the band Gigi"); only
 * words that do not also name a person's trade ("operator", "producer", "publisher" do).
 */
const ORG_KIND = new RegExp(`^(?:${ORG_KINDS})$`);
/** Words that describe who is named, in front of the name and never part of it ("Rival Shell said"). */
const DESCRIPTOR = /^(?:rival|parent|peer|competitor|carmaker|automaker|broker|regulator|insurer|lender|retailer|miner|watchdog|embattled|struggling|troubled|beleaguered)$/;
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
 * A sentence-opening word that training text writes in lower case and that opens no known place or
 * organisation ("Lawyer", "Attended"; not "General" of General Motors, nor a title).
 */
function commonOpener(word: string): boolean {
  const lw = word.toLowerCase();
  // "The" is left to the name ("The Hill"), as the stop-word rule above leaves it.
  return lw !== 'the' && loadModel().lower.has(lw) && !firstWords().has(lw) && !gazetteer().titleWords.has(lw) && !COMPASS.test(lw);
}

// A team name in a results table: capitalised words (with "of", "de", … inside), up to five.
const TEAM = String.raw`\p{Lu}[\p{L}'.&-]*(?:[ \t]+(?:\p{Lu}[\p{L}'.&-]*|of|de|del|la|le|do|da|and|y)){0,4}`;
const SCORE = String.raw`\d{1,3}`;
// What may follow a name or a score in a table: a parenthesis ("Ajax ( Netherlands )", "2 ( Kane 23 , Saka 67 )").
const PAREN = String.raw`(?:[ \t]*\([^)\n]*\))?`;
/**
 * "Aberdeen 2 Hibernian 0", "Dundee United 1 Kilmarnock 1 ( halftime 0-1 )", "Leeds 2 ( Bamford 23 ) Aston
 * Villa 1 . Attendance 36,000": a match and its score; after the second score, brackets and then a stop at most
 * ("SQ 351 ( B 777 ) AND AIR INDIA AI 113 ( B 787 ) WERE …" in a tweet is no score).
 */
const SCORE_LINE = new RegExp(String.raw`^[ \t]*(${TEAM})${PAREN}[ \t]+${SCORE}${PAREN}[ \t]+(${TEAM})${PAREN}[ \t]+${SCORE}${PAREN}(?:[ \t]*[.,;].*)?[ \t]*$`, 'gmu');
/**
 * "Celtic 28 19 6 3 60 22 63", "3. Rangers 28 18 7 3 58 25 61", "Chicago 45 30 .600 -", "TORONTO 51 41 .554 4
 * 1/2": a standings row, a name and three figures or more (won-lost percentages, games behind), two of them
 * whole numbers first.
 */
const STANDING_LINE = new RegExp(String.raw`^[ \t]*(?:\d{1,3}\.?[ \t]+)?(${TEAM})(?:[ \t]+\d{1,4}){2,}(?:[ \t]+(?:\d{1,4}|\d?\.\d{1,3}|\d?[ \t]*1/2|-))+[ \t]*$`, 'gmu');
/**
 * Cricket scores: "Essex 532-8 declared", "Sussex 245 and 88-2", "Somerset 110-3" — a name and its runs
 * (wickets after a dash) after the line's start, a colon or a semicolon, and before a bracket, a semicolon,
 * "and", a stop or the line's end.
 */
const INNINGS = new RegExp(String.raw`(?:^|[:;])[ \t]*(${TEAM})[ \t]+\d{1,3}(?:-\d{1,2})?(?:[ \t]+(?:declared|DECLARED|dec|DEC|all out|ALL OUT))?(?=[ \t]*(?:[(;.]|(?:and|AND)\b|$))`, 'gmu');
/** A player and a country in brackets: "Jannik Sinner ( Italy )", "Alex de Minaur (Australia)". */
const PLAYER_COUNTRY = /(?<![\p{L}\p{N}])(\p{Lu}[\p{Ll}'-]+(?: (?:de|van|der|von|da|di|le|la|\p{Lu}[\p{Ll}'-]+)){1,3}) ?\( ?(\p{Lu}[\p{L}. ]{1,30}?) ?\)/gu;
/** A scorer and the minute: "Kyogo Furuhashi 12", "Callum McGregor 77 pen" (after the bracket or a comma). */
const SCORER = /(?<=^|,)[ \t]*(\p{Lu}[\p{Ll}'-]+(?:[ \t]+(?:de|van|\p{Lu}[\p{L}'-]+)){0,2})(?=[ \t]+\d{1,3}(?:th|st|nd|rd)?\b)/gu;
/** Runs and wickets ("532-8") or a declaration: what makes a line of names and figures a cricket score. */
const CRICKET_SCORE = /(?<![\d-])\d{1,3}-\d{1,2}(?![\d-])|\b(?:declared|all out)\b/i;
/** "At Chelmsford : Essex 532-8 …": a venue opening a line of scores is a place. */
const VENUE = new RegExp(String.raw`^[ \t]*(?:At|AT)[ \t]+(${TEAM})[ \t]*:`, 'gmu');

/** A table row is at most this long (a cricket line with its scorers is the longest kind). */
const MAX_ROW = 300;

/** One short line with figures, at offset `at` of the text: its teams (to `add`), and players and scorers (to `ms`). */
function readRow(line: string, at: number, add: (at: number, name: string, type: 'ORG' | 'LOC') => void, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const re of [SCORE_LINE, STANDING_LINE]) {
    for (const m of line.matchAll(re)) {
      let from = 0;
      for (const name of m.slice(1)) {
        if (!name) continue;
        const i = m[0].indexOf(name, from);
        from = i + name.length;
        add(at + m.index! + i, name, 'ORG');
      }
    }
  }
  // Cricket: a line of two innings or more, with wickets or a declaration ("LOAN 2 . 1" in a contract's numbered
  // clauses is no score), read with its brackets blanked (a bowler's "Porter 4-61" is no side).
  if (CRICKET_SCORE.test(line)) {
    const text = line.replace(/\([^)\n]*\)/g, (x) => ' '.repeat(x.length));
    const innings = [...text.matchAll(INNINGS)];
    if (innings.length >= 2 && CRICKET_SCORE.test(text)) {
      for (const m of innings) add(at + m.index! + m[0].indexOf(m[1]!), m[1]!, 'ORG');
      for (const v of line.matchAll(VENUE)) add(at + v.index! + v[0].indexOf(v[1]!), v[1]!, 'LOC');
    }
  }
  if (!nerRules.playerCountry || !line.includes('(')) return;
  // "1 - Jannik Sinner ( Italy ) beat …", "Tiger Woods ( U.S. ) 68 70": a name the tagger left untagged before
  // a country in brackets, in a line with a score or a seeding, is a player.
  for (const m of line.matchAll(PLAYER_COUNTRY)) {
    const country = gaz.places.get(aliasKey(m[2]!));
    if (country === undefined || !gaz.countries.has(country)) continue;
    const start = at + m.index! + m[0].indexOf(m[1]!);
    const end = start + m[1]!.length;
    // The country in brackets is the player's, a place ("Ludvig Aberg ( Sweden )"), whatever the tagger said.
    const cStart = at + m.index! + m[0].lastIndexOf(m[2]!);
    for (const x of ms) if (x.start === cStart && x.text === m[2] && x.type === 'ORG') x.type = 'LOC';
    if (ms.some((x) => x.start < end && x.end > start) || m[1]!.split(' ').some((w) => gaz.places.has(aliasKey(w)) || gaz.orgs.has(aliasKey(w)) || TEAM_HEAD.test(w))) continue;
    ms.push({ type: 'PER', start, end, text: m[1]! });
  }
  // Scorers in brackets after a score: "Celtic 3 ( Kyogo Furuhashi 12 , Daizen Maeda 40 ) Motherwell 1".
  for (const score of line.matchAll(SCORE_LINE)) {
    for (const group of score[0].matchAll(/\d[ \t]*\(([^)\n]*)\)/g)) {
      const inner = at + score.index! + group.index! + group[0].indexOf('(') + 1;
      for (const sc of group[1]!.matchAll(SCORER)) {
        const start = inner + sc.index! + sc[0].indexOf(sc[1]!);
        const end = start + sc[1]!.length;
        if (!ms.some((x) => x.start < end && x.end > start)) ms.push({ type: 'PER', start, end, text: sc[1]! });
      }
    }
  }
}

/**
 * Results tables, as newswire prints them line by line: in a line of a match score, a standings row or
 * cricket innings, the names are teams — organisations, even when a place gives one its name ("Dundee
 * United", "Derby", "Essex"), which is the newswire convention; a country's name is its national team,
 * which newswire annotates as the place. A name the tagger took for a person stays a person (golf and
 * athletics tables list players). Lines are read whole: a table has no full stops, so the sentence
 * splitter may run its rows together.
 */
function addResultLines(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const teams: { start: number; end: number; type: 'ORG' | 'LOC' }[] = [];
  const add = (at: number, name: string, type: 'ORG' | 'LOC') => {
    const canon = gaz.places.get(aliasKey(name));
    teams.push({ start: at, end: at + name.length, type: type === 'ORG' && canon !== undefined && gaz.countries.has(canon) ? 'LOC' : type });
  };
  // A table's rows are short lines with figures: prose paragraphs are not read (they cost most of the time).
  for (const row of folded.matchAll(/^.*\d.*$/gm)) {
    if (row[0].length > MAX_ROW) continue;
    readRow(row[0], row.index!, add, ms);
  }
  for (const t of teams) {
    const inside = ms.filter((x) => x.start < t.end && x.end > t.start);
    if (inside.some((x) => x.type === 'PER')) continue;
    for (const x of inside) ms.splice(ms.indexOf(x), 1);
    ms.push({ type: t.type, start: t.start, end: t.end, text: folded.slice(t.start, t.end) });
  }
}

/**
 * The sentence's words as the tagger and the rules read them: shouted headlines and datelines, and
 * Title Case headlines, recased as ordinary text (truecase.ts). Offsets are the text's own, so mentions
 * keep the words as written.
 */
/** Text before a sentence the splitter cut after an abbreviation ("8 p.m.", "Thomas A."): the sentence may be a fragment. */
const AFTER_ABBREVIATION = /(?:^|[^\p{L}])(?:\p{L}\.){2,}\s*$|(?:^|\s)\p{Lu}\.\s*$/u;
function nameTokens(folded: string, s: Span): Token[] {
  const toks = tokenizeWords(folded, s.start, s.end);
  if (!nerRules.truecase || !mayNeedTruecasing(folded.slice(s.start, s.end))) return toks;
  const words = toks.map((t) => t.text);
  const cased = truecaseWords(words, loadModel(), gazetteer(), AFTER_ABBREVIATION.test(folded.slice(Math.max(0, s.start - 8), s.start)));
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

/** Gazetteer names the tagger missed (capitalised, whole words, not inside another mention). */
function addGazetteerMisses(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
  const gaz = gazetteer();
  const firsts = firstWords();
  for (const toks of sentenceTokens) {
    for (let i = 0; i < toks.length; i++) {
      if (!CAP.test(toks[i]!.text) || !firsts.has(toks[i]!.text.toLowerCase().replace(/\./g, ''))) continue;
      for (let n = Math.min(5, toks.length - i); n >= 1; n--) {
        const start = toks[i]!.start;
        const end = toks[i + n - 1]!.end;
        if (!CAP.test(toks[i + n - 1]!.text)) continue;
        const text = folded.slice(start, end);
        const key = aliasKey(text);
        const type = gaz.orgs.has(key) && text.length > 2 ? 'ORG' : gaz.places.has(key) && !gaz.demonyms.has(key) ? 'LOC' : null;
        if (!type) continue;
        // An acronym is one only in capitals: "Who pays?" does not name the WHO, nor "Eu" the EU.
        if (nerRules.acronymCase && n === 1 && !/^[\p{Lu}\p{N}.&]+$/u.test(text) && isAcronymOf(key, (type === 'ORG' ? gaz.orgs : gaz.places).get(key)!)) continue;
        if (ms.some((m) => start < m.end && end > m.start)) break;
        ms.push({ type, start, end, text });
        i += n - 1;
        break;
      }
    }
  }
}

/** Whether `key` is the initials of a longer `name` ("who" of "World Health Organization"). */
function isAcronymOf(key: string, name: string): boolean {
  const words = name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
  return words.length > 1 && words.map((w) => w[0]!.toLowerCase()).join('') === key.replace(/[.\s]/g, '');
}

const PARTICLE = /^(?:al|el|bin|ibn|abu|van|von|de|da|di|du|le|la|ben)(?:-\p{Lu}[\p{L}'-]*)?$/u;
const NAME_WORD = /^\p{Lu}[\p{Ll}'-]+$/u;
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
  firstWordSet = new Set([...gaz.places.keys(), ...gaz.orgs.keys()].map((k) => k.split(' ')[0]!));
  return firstWordSet;
}

/** Later bare surnames ("Rubio") of people named in full earlier are mentions too. */
export function addRepeatedNames(folded: string, sentences: Span[], ms: RawMention[]): RawMention[] {
  // Companies named short or speaking of their results, before surnames are sought: a company is no one's surname.
  if (nerRules.orgFirstWord) ms = orgFirstWords(ms);
  if (nerRules.companyPronoun) ms = companyPronouns(folded, ms);
  if (nerRules.stockMoves) companyMoves(folded, ms);
  if (nerRules.companyShortNames) ms = companyShortNames(folded, ms);
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
