// Shouted and Title Case words back in ordinary case before tagging. Wire copy writes headlines and
// datelines in capitals ("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT", "BRUSSELS 1996-08-22"),
// many publishers write headlines in Title Case ("Rubio Says Iran Must Stop Arming Militias"), and
// capitals are a cased tagger's strongest clue to a name: shouted, every word looks like an acronym and
// "IN" becomes an organisation; in Title Case the whole headline becomes one. The tagger and the rules see
// the recased words; the mentions keep the text as written. (Statistical truecasers need a large cased
// corpus and a language model; the gazetteers and a list of words news writes in lower case do well enough.)
import { commonWords } from '../common-words.ts';
import type { Gazetteer } from '../gazetteer.ts';
import { MONTHS, WEEKDAYS } from '../numbers.ts';
import { ORG_HEAD, STOP_CAPS, nerRules, personFirstWords } from './names.ts';
import type { Perceptron } from './perceptron.ts';

/** Two or more letters, none lower case, no dots ("U.S." is written that way on purpose). */
const SHOUTED = /^(?=(?:[^\p{L}]*\p{L}){2})[^\p{Ll}.]+$/u;
/** Any word with a capital and no lower-case letter ("A", "I'M", "U.S."): part of a shouted stretch. */
const CAPITALS = /^(?=[^\p{L}]*\p{Lu})[^\p{Ll}]+$/u;
const LETTER = /\p{L}/u;
/** Day and month names, which keep their capital; not "may", which is more often the verb. */
const CALENDAR: ReadonlySet<string> = new Set([...MONTHS, ...WEEKDAYS].filter((w) => w !== 'may'));
/** Small words that stay lower case inside multi-word names ("BANK OF ENGLAND", "COSTA DEL SOL"). */
const LOWER_JOINERS = new Set(['of', 'for', 'and', 'the', 'de', 'al', 'bin', 'van', 'von', 'la', 'du', 'der', 'del', 'on', '&']);
/** Outside a shouted stretch, a word in capitals this long is a dateline or a byline, not an acronym. */
const LONG = 5;

function isShouted(w: string): boolean {
  return SHOUTED.test(w);
}

function letterCount(w: string): number {
  return w.replace(/[^\p{L}]/gu, '').length;
}

/**
 * Which words stand in a shouted stretch: three or more shouted words in a row (punctuation between
 * them allowed), as a headline is, even one run into the sentence after it for want of a full stop.
 * A few acronyms in a sentence ("NATO and EU officials") are not one.
 */
export function shoutedRuns(words: readonly string[]): boolean[] {
  const out = words.map(() => false);
  for (let i = 0; i < words.length;) {
    if (!CAPITALS.test(words[i]!)) { i++; continue; }
    // A run: words in capitals, and the punctuation between them.
    let j = i;
    let shouted = 0;
    while (j < words.length && (CAPITALS.test(words[j]!) || !LETTER.test(words[j]!))) { if (isShouted(words[j]!)) shouted++; j++; }
    if (shouted >= 3) out.fill(true, i, j);
    i = j;
  }
  return out;
}

/** Plurals that end places' names ("Palm Springs", "Golan Heights"). */
const PLACE_PLURAL = /^(?:springs|falls|heights|hills|lakes|islands|gardens|woods|fields|rapids|sands|downs|meadows|plains|keys|rocks|shores)$/;

const SUFFIX = /(?:ing|ed|es|s|ly|er|ers|ment|ments|ness)$/;

/**
 * Is this (lower-case) word a common word rather than a name? News text writes it in lower case (the
 * tagger's training text or the common-word list), or an inflection of a word it does ("revealed" from
 * "reveal"). (The word classes were tried as well: their weights put "obama" with the common words.)
 */
function isCommonWord(lw: string, model: Perceptron, plurals = false): boolean {
  const lower = model.lower;
  if (lower.has(lw) || commonWords().has(lw)) return true;
  // Inflections only of the tagger's own words: stems from the longer list measured mixed (own set in
  // capitals 0.802 against 0.807, wikigold 0.439 against 0.435).
  const m = SUFFIX.exec(lw);
  if (!m || lw.length - m[0].length < 3) return false;
  const stem = lw.slice(0, -m[0].length);
  if (lower.has(stem) || lower.has(stem + 'e') || (stem.at(-1) === stem.at(-2) && lower.has(stem.slice(0, -1)))) return true;
  // A plural of a common word ("CARMAKERS", "LENDERS"), in capitals (`plurals`); not the plural that ends a place's
  // name ("Glenwood Springs", "Niagara Falls").
  return plurals && nerRules.commonPlurals && /s$/.test(lw) && !PLACE_PLURAL.test(lw) && commonWords().has(lw.slice(0, -1));
}

/** Length of the longest multi-word gazetteer name (2 to 5 words) starting at word `i`, or 0. */
function gazetteerNameAt(words: string[], i: number, gaz: Gazetteer): number {
  for (let n = Math.min(5, words.length - i); n >= 2; n--) {
    const key = words.slice(i, i + n).join(' ').toLowerCase().replace(/\./g, '');
    if (gaz.places.has(key) || gaz.orgs.has(key)) return n;
  }
  return 0;
}

function titleCase(w: string): string {
  // Each part of a hyphenated name keeps its capital ("AL-AIN" → "Al-Ain").
  return w.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/**
 * The case a shouted word takes in running text: a known acronym stays ("NATO", "UAE"); a known place
 * or organisation name is title-cased ("JAPAN", "TURKEY"); a common word is lowered ("WIN", "IN"); an
 * unknown long word is a name ("DOMBROVSKIS"); an unknown short one an acronym.
 */
function recase(w: string, model: Perceptron, gaz: Gazetteer): string {
  const lw = w.toLowerCase();
  if (gaz.acronyms.has(w)) {
    // A short acronym that is also a common word ("IS", the Islamic State; "WHO") is the word in a
    // shouted headline ("HE IS"), unless it names a place ("US").
    return w.length <= 3 && model.lower.has(lw) && !gaz.places.has(lw) ? lw : w;
  }
  if (gaz.places.has(lw) || gaz.orgs.has(lw) || CALENDAR.has(lw)) return titleCase(w);
  if (isCommonWord(lw, model, true)) return lw;
  // A short given name is a name, not an acronym ("TOM", "DAN", "ALEX" of a shouted results line).
  if (nerRules.givenNamesCased && personFirstWords().has(lw)) return titleCase(w);
  return letterCount(w) >= LONG ? titleCase(w) : w;
}

/**
 * The words as the tagger should see them: in a shouted stretch every word in capitals is recased,
 * and the first word capitalised as a sentence's first word is; elsewhere only long shouted words are
 * (the dateline "BRUSSELS", the surname "DOMBROVSKIS"). A Title Case headline then loses the capitals
 * of its common words. Returns `words` itself when nothing changes. A `fragment` (a sentence the splitter
 * cut after an abbreviation) is read as Title Case only by the share of its words capitalised.
 */
export function truecaseWords(words: string[], model: Perceptron, gaz: Gazetteer, fragment = false, sports = false): string[] {
  const runs = shoutedRuns(words);
  let out: string[] | null = null;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // A gazetteer name of several words is title-cased whole ("SOUTH DAKOTA", "BANK OF ENGLAND"), though
    // its words alone are common ones.
    const all = runs[i]!;
    const n = all ? gazetteerNameAt(words, i, gaz) : 0;
    if (n) {
      out ??= [...words];
      for (let k = i; k < i + n; k++) out[k] = LOWER_JOINERS.has(words[k]!.toLowerCase()) && k > i ? words[k]!.toLowerCase() : titleCase(words[k]!);
      i += n - 1;
      continue;
    }
    // "MINISTRY OF FINANCE", "DEPARTMENT OF HEALTH": a body's kind, "of" and one word name the body in capitals.
    if (nerRules.bodyOfCased && all && BODY_OF.test(w) && words[i + 1] === 'OF' && /^\p{Lu}{3,}$/u.test(words[i + 2] ?? '') && !BODY_OF_NOT.test(words[i + 2]!) &&
      // One word after "of", then the sentence goes on ("… OF FINANCE WAS"); "OF SOCIAL SERVICES" is left alone.
      (words[i + 3] === undefined || !LETTER.test(words[i + 3]!) || BODY_OF_AFTER.test(words[i + 3]!))) {
      out ??= [...words];
      out[i] = titleCase(w);
      out[i + 1] = 'of';
      out[i + 2] = titleCase(words[i + 2]!);
      i += 2;
      continue;
    }
    // Dotted abbreviations ("U.S.", "GOV.") are written so in ordinary text too.
    if (all ? !CAPITALS.test(w) || w.includes('.') : !isShouted(w) || gaz.acronyms.has(w) || letterCount(w) < LONG) continue;
    let r = recase(w, model, gaz);
    if (i === 0 && all) r = r.charAt(0).toUpperCase() + r.slice(1);
    else if (all && r !== titleCase(w) && isNameTail(w, (out ?? words)[i - 1], i - 1, model, true)) r = titleCase(w);
    // "KANSAS CITY CHIEFS", "EDMONTON OILERS": in a sports report, a plural after a city's name is a team's nickname.
    else if (nerRules.teamPluralsCased && sports && all && r !== titleCase(w) && TEAM_PLURAL.test(w) && !NOT_TEAM_PLURAL.test(w) && i > 0 &&
      /^\p{Lu}/u.test((out ?? words)[i - 1]!) && cityBefore(words, i, gaz)) r = titleCase(w);
    // "PRESIDENT BUSH", "CHANCELLOR KOHL": a short word kept in capitals as an acronym is a surname after a title.
    else if (nerRules.titledSurnames && all && r === w && letterCount(w) >= 3 && /^\p{Lu}+$/u.test(w) && !gaz.acronyms.has(w) && SURNAME_TITLE.test(words[i - 1] ?? '')) r = titleCase(w);
    if (r === w) continue;
    out ??= [...words];
    out[i] = r;
  }
  const cased = out ?? words;
  return isTitleCase(cased, model, gaz, fragment) ? lowerTitleWords(cased, model, gaz) : cased;
}

/** Kinds of public body named "X of Y" ("MINISTRY OF FINANCE"), and words after "of" that name no body ("BOARD OF DIRECTORS"). */
const BODY_OF = /^(?:MINISTRY|DEPARTMENT|COMMISSION|COUNCIL|COURT|INSTITUTE|ACADEMY|UNIVERSITY|FEDERATION|ASSOCIATION|LEAGUE|BUREAU|AGENCY|AUTHORITY|COMMITTEE)$/;
const BODY_OF_AFTER = /^(?:WAS|IS|WERE|ARE|HAS|HAD|HAVE|SAID|SAYS|WILL|WOULD|COULD|SHOULD|MAY|MUST|ON|IN|AT|TO|FOR|WITH|BY|FROM|THAT|WHICH|OFFICIAL|OFFICIALS|SPOKESMAN|SPOKESWOMAN|'S)$/;
const BODY_OF_NOT = /^(?:THE|A|AN|ITS|HIS|HER|THEIR|OUR|DIRECTORS|GOVERNORS|TRUSTEES|MINISTERS|EXPERTS|INQUIRY|ENQUIRY|APPEAL|APPEALS|JUSTICE)$/;

/** A plural in capitals ("CHIEFS", "OILERS", "RED SOX" keeps "SOX"), and plurals after a city that name no team. */
const TEAM_PLURAL = /^\p{Lu}{3,}(?:S|SOX)$/u;
const NOT_TEAM_PLURAL = /^(?:FANS|PLAYERS|SUPPORTERS|OFFICIALS|RESIDENTS|POLICE|TALKS|STOCKS|SHARES|MARKETS|AUTHORITIES|SCHOOLS|STREETS|ROADS|GAMES|OLYMPICS|CHAMPIONSHIPS|MASTERS|FINALS|SERIES|HIGHLANDS|ISLANDS|HEIGHTS|HILLS|SPRINGS|FALLS|LAKES|GARDENS|STATES|EMIRATES|DEMOCRATS|REPUBLICANS|TIMES|NEWS|POINTS|GOALS|RUNS|WINS|YEARS|DAYS|WEEKS|MONTHS|HOURS|MINUTES|SECONDS|TEAMS|CLUBS|SIDES|COACHES|MANAGERS|OWNERS|VOTERS|WORKERS|LEADERS|TROOPS|FORCES|PROTESTS|ELECTIONS|PRICES|RATES|BONDS|SALES|MATCHES|MARATHONS|RACES|DERBIES|TOURNAMENTS|HOSTS|VISITORS|CHAMPIONS|HOLDERS|OPPONENTS|RIVALS|NEIGHBOURS|NEIGHBORS)$/;
/** Do the one to three words before word `i` name a city the gazetteer knows ("DALLAS", "KANSAS CITY", "SALT LAKE CITY")? */
function cityBefore(words: readonly string[], i: number, gaz: Gazetteer): boolean {
  for (let n = 1; n <= 3 && n <= i; n++) {
    const c = gaz.places.get(words.slice(i - n, i).join(' ').toLowerCase().replace(/\./g, ''));
    if (c !== undefined && gaz.cities.has(c)) return true;
  }
  return false;
}

/** Titles before a surname alone, in capitals ("PRESIDENT BUSH", "CHANCELLOR KOHL", "SENATOR REID"). */
const SURNAME_TITLE = /^(?:PRESIDENT|CHANCELLOR|SENATOR|GOVERNOR|PREMIER|MINISTER|SECRETARY|POPE|PRINCE|PRINCESS|SHEIKH|AYATOLLAH|CARDINAL|ARCHBISHOP|MR|MRS|MS|DR|SEN|REP|GOV)\.?$/;

/** Last words of the names of grounds, streets and buildings ("Celtic Park", "Aviva Stadium", "Welford Road", "TD Garden"). */
const NAME_TAIL = /^(?:Stadium|Arena|Stadion|Velodrome|Speedway|Raceway|Park|Road|Street|Avenue|Lane|Square|Boulevard|Centre|Center|Garden|Gardens|Hall|Ground|Oval|Bridge)$/;

/**
 * Last words of clubs' names that end no place's ("NEWCASTLE UNITED", "BLACKBURN ROVERS"), kept in capitals only: in Title
 * Case the tagger runs a club so kept on into the verb after it ("Manchester United Hires Louis").
 */
const CLUB_TAIL = /^(?:United|Rovers|Wanderers|Athletic|Hotspur|Albion|Argyle|Rangers)$/;

/**
 * Does `w` (as written) end the name before it: a ground's, street's or building's last word after a word that stays
 * capitalised as a name (`prev` as recased, `at` words into the sentence)? In capitals or Title Case the common word
 * would be lowered and the name cut short ("Celtic park", "the Emirates stadium"); a sentence's first word is a name
 * only if it is no common word ("Park" after "The", "Old", "A" stays a word).
 */
function isNameTail(w: string, prev: string | undefined, at: number, model: Perceptron, shouted = false): boolean {
  if (!nerRules.nameTails || !prev || !(NAME_TAIL.test(titleCase(w)) || (nerRules.clubTailsCased && shouted && CLUB_TAIL.test(titleCase(w)))) || !/^\p{Lu}/u.test(prev) || TITLE_MINOR.has(prev.toLowerCase()) || STOP_CAPS.has(prev.toLowerCase())) return false;
  return at > 0 || !isCommonWord(prev.toLowerCase(), model);
}

/** A Title Case sentence: at least this many capitalised words, and this share of its words capitalised. */
const TITLE_MIN_CAPITALS = 3;
const TITLE_SHARE = 0.8;

/** Words every style of Title Case leaves in lower case: articles, conjunctions, short prepositions. */
const TITLE_MINOR: ReadonlySet<string> = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'for', 'so', 'yet', 'as', 'at', 'by', 'in', 'of', 'off', 'on', 'per', 'to', 'up', 'via', 'vs', 'v']);

/** A word written in lower case, not a piece after an apostrophe, a hyphen or a dot ("'s", "-based", ".com"). */
const LOWER_WORD = /(?<![\p{L}\p{N}'’.-])\p{Ll}\p{L}*/gu;

const UPPER = /^\p{Lu}$/u;
const IS_LETTER = /^\p{L}$/u;

/**
 * A cheap test on the sentence's text: can truecaseWords change anything? (Most sentences: no.) It runs twice
 * on every sentence (entities, keyphrases), so two capitals in a row (/\p{Lu}\p{Lu}/u), the words that start with a
 * capital (/(?<!\p{L})\p{Lu}/gu) and all word starts (/(?<!\p{L})\p{L}/gu) are found in one pass over the code
 * points, ASCII ones without a regex.
 */
export function mayNeedTruecasing(text: string): boolean {
  let caps = 0;
  let starts = 0;
  let prevLetter = false;
  let prevUpper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let upper: boolean;
    let letter: boolean;
    if (c < 128) {
      upper = c >= 65 && c <= 90;
      letter = upper || (c >= 97 && c <= 122);
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      if (ch.length === 2) i++;
      upper = UPPER.test(ch);
      letter = upper || IS_LETTER.test(ch);
    }
    if (upper && prevUpper) return true;
    if (letter && !prevLetter) { starts++; if (upper) caps++; }
    prevLetter = letter;
    prevUpper = upper;
  }
  if (caps < TITLE_MIN_CAPITALS) return false;
  if (caps >= TITLE_SHARE * starts) return true;
  if (!nerRules.titleMinorWords) return false;
  // Lazily: most sentences have a lower-case word that is no minor word within their first few.
  for (const x of text.matchAll(LOWER_WORD)) if (!TITLE_MINOR.has(x[0])) return false;
  return true;
}

/** A capitalised word in ordinary case ("Says", "McCain"), not a shouted one. */
const CAPITALISED = /^\p{Lu}[^\p{Lu}]*\p{Ll}/u;

/** A capitalised common word that no gazetteer or calendar name explains ("Says", "Militias"). */
function isCapitalisedCommonWord(w: string, model: Perceptron, gaz: Gazetteer): boolean {
  if (!CAPITALISED.test(w)) return false;
  const lw = w.toLowerCase();
  // Titles are capitalised before a name in any sentence ("Prime Minister Valdis Dombrovskis").
  return !gaz.places.has(lw) && !gaz.orgs.has(lw) && !gaz.titleWords.has(lw) && !CALENDAR.has(lw) && isCommonWord(lw, model);
}

/**
 * Is the sentence in Title Case, as many publishers write headlines ("Rubio Says Iran Must Stop Arming
 * Militias in Iraq")? Four words in five with a capital, at least three of them, and a capitalised common
 * word after the first. Ordinary sentences, even ones full of names ("The European Union Foreign Affairs
 * Council met in Brussels on Monday"), have more lower-case words than that.
 */
export function isTitleCase(words: readonly string[], model: Perceptron, gaz: Gazetteer, fragment = false): boolean {
  let lettered = 0;
  let minor = 0;
  let caps = 0;
  let common = 0;
  let listMarks = 0;
  for (const w of words) {
    // A list of names and dates ("Hamilton Field , California , 27 March 1943 ; Debden , England") is
    // not a headline, though nearly every word in it has a capital.
    // (A score, "6-3" or "2-1", is a result's, not a list's.)
    if (w === ',' || w === ';' || (/^\d/.test(w) && !(nerRules.titleScores && /^\d{1,3}-\d{1,3}$/.test(w)))) listMarks++;
    if (!LETTER.test(w)) continue;
    // Minor words, and pieces no style capitalises ("'s", "-based").
    if (TITLE_MINOR.has(w) || !/^\p{L}/u.test(w)) minor++;
    if (lettered++ && isCapitalisedCommonWord(w, model, gaz)) common++;
    if (/^\p{Lu}/u.test(w)) caps++;
  }
  // Title Case leaves articles, conjunctions and short prepositions in lower case ("Robert Lewandowski Scored
  // the Only Goal Against Valencia at the ..."), a long sentence many of them: every other word capitalised, four
  // at least, is Title Case too. An ordinary sentence full of names has a verb or a noun in lower case ("is a
  // Physics professor at the University of Pittsburgh"); a fragment split off after an abbreviation ("8 p.m." |
  // "EST at the Shrine Auditorium in Hollywood") or a contract's field ("If to Gold Hill :") may have none.
  const capitalised = caps >= TITLE_SHARE * lettered ||
    (nerRules.titleMinorWords && !fragment && caps >= lettered - minor && lettered - minor >= TITLE_MIN_CAPITALS + 1);
  return caps >= TITLE_MIN_CAPITALS && common >= 1 && capitalised && listMarks <= 2;
}

/**
 * A Title Case sentence as it would read in sentence case: capitalised common words after the first
 * word are lowered; names stay, and so do gazetteer names of several words ("United Arab Emirates").
 */
function lowerTitleWords(words: string[], model: Perceptron, gaz: Gazetteer): string[] {
  const out = [...words];
  const first = words.findIndex((w) => LETTER.test(w));
  for (let i = first + 1; i < words.length; i++) {
    const n = gazetteerNameAt(words, i, gaz);
    if (n) { i += n - 1; continue; }
    // "University of Pennsylvania", "Department of Physics": an organisation's head before "of" and a name is the name's.
    if (nerRules.titleMinorWords && ORG_HEAD.test(words[i]!) && words[i + 1] === 'of' && CAPITALISED.test(words[i + 2] ?? '')) { i += 2; continue; }
    if (isCapitalisedCommonWord(words[i]!, model, gaz) && !isNameTail(words[i]!, out[i - 1], i - 1 - first, model)) out[i] = words[i]!.toLowerCase();
  }
  return out;
}
