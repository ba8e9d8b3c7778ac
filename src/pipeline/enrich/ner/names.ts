// Words and lists the entity rules share (ner/index.ts, and the rules in companies.ts, sports.ts, datelines.ts), the
// mention they all produce, and the switches that turn each rule off for measurement.
import { readFileSync } from 'node:fs';
import { MONTHS, WEEKDAYS } from '../numbers.ts';

export const CAP = /^\p{Lu}/u;
/** Day and month names: capitalised, and never a name's next word. */
export const CALENDAR_WORDS = new Set([...WEEKDAYS, ...MONTHS]);

export interface RawMention {
  type: 'PER' | 'ORG' | 'LOC' | 'DATE' | 'MONEY' | 'QUANTITY';
  start: number;
  end: number;
  text: string;
}

export const ORG_HEAD = /^(?:Newsroom|Holdings|Electric|Electronics|Motor|Chemicals?|Petroleum|Mining|Pharma|Semiconductor|Foods|Brands|Logistics|Aerospace|Telecom|Capital|Partners|Technologies|Technology|Systems|Industries|Motors|Labs|Media|Pharmaceuticals|Solutions|Ventures|Enterprises|Energy|Resources|Insurance|Bancorp|Trust|Investments|Communications|Entertainment|Studios|Inc\.?|Corp\.?|Co\.|Ltd\.?|LLC|PLC|Party|Council|Agency|Bank|University|Association|Committee|Commission|Union|Organi[sz]ation|Institute|Department|Ministry|Court|Army|Police|Company|Group|Forum|Front|Movement|Brigades?|Airlines?|Airways|Corporation|Federation|League|Foundation|Fund|Bureau|Office|Assembly|Parliament|Senate|Congress|Network|News|Times|Post|Journal|Club|Authority|Service|Services|Guard|Navy|Force|Forces|Board|Banka)$/;

/** "Center", "Centre": a kind of organisation's place ("Cary Towne Center", "Kennedy Space Center"), read with ORG_HEAD. */
export const CENTRE = /^Cent(?:er|re)s?$/;

/**
 * Companies' legal forms as written after their names ("Siemens AG", "Nokia Oyj"), and in capitals; the short "SA",
 * "SE" and "Co" are also words of other languages or an Irish county's ("COMME SA", "Co Wicklow").
 */
export const LONG_FORMS = 'Inc|Corp|Ltd|Plc|PLC|plc|AG|NV|SpA|LLC|GmbH|Oyj|ASA';
export const LEGAL_FORMS = `${LONG_FORMS}|SA|SE|Co`;
export const CAPS_FORMS = 'INC|CORP|LTD|SPA|GMBH|OYJ';

/** Kinds of organisation, as news writes them in lower case before or after a name ("the carmaker Toyota", "the CGT union"). */
export const ORG_KINDS = 'agency|company|firm|group|bank|brokerage|lender|insurer|carrier|airline|retailer|automaker|carmaker|drugmaker|chipmaker|steelmaker|planemaker|' +
  'manufacturer|regulator|watchdog|utility|conglomerate|startup|newspaper|daily|weekly|magazine|broadcaster|band|club|party|union|ministry|charity|' +
  'consultancy|studio|supermarket|chain|exchange|bourse';

/** An apposition naming a kind of organisation: ", the world's second-largest container line,", ", a German bank ." (never "a member of the party"). */
export const ORG_APPOS = new RegExp(String.raw`^\s*,\s+(?:the|a|an)\s+(?:(?:world|country|nation|\p{Lu}[\p{L}.]+) ?['’]s\s+)?(?:(?!of\b)[\p{L}\d-]+\s+){0,3}(?:${ORG_KINDS}|(?:container|shipping) line)(?=\s*[,.;)]|\s+(?:that|which|and|in|with|by|based|said)\b)`, 'u');

export const STOP_CAPS = new Set(['neither', 'either', 'the', 'a', 'an', 'in', 'on', 'at', 'and', 'but', 'or', 'as', 'for', 'with', 'by', 'from', 'to', 'of', 'after', 'before', 'when', 'while', 'meanwhile', 'then', 'if', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'we', 'he', 'she', 'they', 'it', 'i', 'you', 'said', 'says', 'dear', 'since', 'during', 'although', 'though', 'because', 'under', 'over', 'about', 'so', 'yet', 'not', 'no', 'all', 'some', 'many', 'most', 'former', 'late', 'both', 'later', 'speaking', 'according']);

/**
 * Switches for each post-rule, all on in the product. Development scripts turn rules off one at a
 * time (NER_OFF=rule,rule) to measure what each costs or gains (scripts/ner-ablation.ts).
 */
export const nerRules = {
  titleOf: true, prevCap: true, firstLower: true, placeAppos: true, stripTitles: true, stripStop: true, gazOrg: true, gazLoc: true, orgHead: true,
  mergeCountryOrgs: true, compassPlaces: true, gazetteerMisses: true, untaggedPeople: true, repeatedNames: true, retypePeople: true, harmonise: true,
  truecase: true, resultLines: true, orgContext: true, trailingAcronym: true, firstCommon: true,
  datelinePlace: true, commonFirstOrg: true, acronymOrg: true, andSplit: true, teamHead: true, matchTeams: true,
  clubPrefix: true, companyFrames: true, orgFirstWord: true, headlineBodyType: true, leadingNounTail: true, sportHeading: true,
  playerCountry: true, clubRole: true, companyPronoun: true, commonAbbreviation: true, eventNames: true,
  venueNames: true, leagueNames: true, roleSplit: true, sportFrames: true, clubSpread: true, trailingLower: true, headlineFromBody: true,
  headlineOpening: true, contractedPronoun: true, ampersandName: true, acronymCase: true, handleName: true, placeBeforeRegion: true,
  countryPlace: true, innerTitle: true, clubPrefixPerson: true, clubsAnd: true, streetNames: true, adjacentPeople: true, placeGivenName: true, leagueOpeners: true, sportTeamHeads: true, clubShortNames: true, loneEventWord: true, givenNameTail: true,
  legalForms: true, orgOfPlace: true, definedAbbreviation: true, orgKindAfter: true, orgOpeners: true, possessiveSplit: true, orgPairs: true, companyTables: true, stockMoves: true, orgAppos: true, datelineTail: true, companyShortNames: true,
  titleMinorWords: true, nameTails: true, venueOpeners: true, capitalRoles: true, clubOpenersCased: true, datelineComma: true, datedLinePlace: true, listedCompanySpread: true, openedClubPairs: true, standingFrames: true, leadingNounCased: true, titleScores: true, matchVerbsCased: true, givenNamesCased: true, descriptorCased: true, venueCased: true, commonPlurals: true,
  kindOf: true, localBodies: true, demonymOrgs: true, orgPairTail: true, listedOrgs: true, kindBefore: true, hallsOfFame: true, orgCopula: true, gazetteerCased: true, inlineScores: true,
  abbreviatedStates: true, planets: true, areaNames: true, citedOutlets: true, companyLaunch: true, bylinePeople: true, ownerSplit: true, amidListedOrgs: true, orgProductAbbreviation: true,
  compassNationality: true, orgHeadAfter: true, initialTail: true, namedAfter: true, bareKinds: true, occupationOpeners: true, businessTails: true, productNames: true, titleTail: true, definedTerms: true, historicEvents: true, cityTeams: true, scorecards: true, gazetteerSpans: true, peopleOwners: true, teamNicknames: true, roleOwners: true,
  versusPairs: true, particleSurnames: true, nationalityOpeners: true, contractMonths: true, rankedPlayers: true, clubFirstWord: true, gazetteerRetype: true, gazetteerDigits: true, groundsAfterAt: true, shoutedSurnames: true, positionOpeners: true, versusCased: true, knownOrgsLast: true, placeLists: true, camelOrgs: true,
  knownOrgPeople: true, rankedTeams: true, countryClubs: true, placeColumns: true, circuits: true, coLtd: true, indexNames: true, knownPairs: true, universities: true, grandPrix: true, transferFrames: true, possessiveS: true, titledSurnames: true, bodyOfCased: true, clubTailsCased: true, moverLists: true, jockeys: true, teamPluralsCased: true,
  lineBreaks: true, contractionTails: true, homeNations: true, cutPlayers: true, nestedOrgs: true,
};
export type NerRule = keyof typeof nerRules;

export const ABBREVIATION = /^\p{Lu}{2,3}$/u;
/** Abbreviations news writes in capitals for things, measures and posts, never a name on their own. */
export const COMMON_ABBREVIATION = /^(?:ID|IDs|EV|EVs|CEO|CEOs|CFO|COO|CTO|GDP|IPO|IPOs|AI|TV|CPI|PMI|ETF|ETFs|LNG|SUV|SUVs|VAT|CO2|DNA|GPS|SMS|PDF|URL|FAQ|DIY|VIP|MP|MPs|PM|AM|OK|Q1|Q2|Q3|Q4|H1|H2|YoY|EPS|EBITDA|ESG|M&A|R&D|TEU|TEUs)$/;
/**
 * An acronym as written ("AEMET", "KBA", "S&P"): six characters at most. The CIA World Factbook writes
 * surnames in capitals, longer ones mostly ("THAKSIN", "DOMBROVSKIS", "MUSHARRAF").
 */
export const ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&]{0,4}\p{Lu}$/u;

/** A word written in capitals read as a name is written ("MASTERS" → "Masters"). */
export const cased = (w: string) => w.charAt(0) + w.slice(1).toLowerCase();

/** Surnames and given names of the people named in full in the text: a one-word name among them is that person. */
export function fullNameParts(ms: RawMention[]): Set<string> {
  const parts = new Set<string>();
  for (const m of ms) if (m.type === 'PER' && /\s/.test(m.text)) for (const w of m.text.split(/\s+/)) parts.add(w.toLowerCase());
  return parts;
}

let personFirst: ReadonlySet<string> | null = null;
/** Words that open a person's name in the training text ("bill", "mark"): data/person-first-words.txt. */
export function personFirstWords(): ReadonlySet<string> {
  personFirst ??= new Set(readFileSync(new URL('../data/person-first-words.txt', import.meta.url), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')));
  return personFirst;
}
