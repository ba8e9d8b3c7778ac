// The sports rules of the entity stage: which text is a sports report, clubs read from the frames of match reports
// (results, plural verbs, posts at a club), clubs named short after their full name, teams named after their city
// ("the Los Angeles Dodgers"), venues and leagues, sporting events, and results tables (scores, standings, cricket
// innings, players with their country). Each runs on the tagger's mentions and is switched by nerRules (names.ts);
// newswire annotates a club as an organisation, a national team as its country (a place), a venue as a place and an
// event as neither.
import { commonWords } from '../common-words.ts';
import { datelineAt } from '../dateline.ts';
import { aliasKey, gazetteer } from '../gazetteer.ts';
import { RangeMask } from '../spans.ts';
import type { Token } from '../tokens.ts';
import { caseRegime, ordinaryCaseAround } from './features.ts';
import { CALENDAR_WORDS, ORG_HEAD, STOP_CAPS, cased, fullNameParts, nerRules, personFirstWords, type RawMention } from './names.ts';

/** A wire sport heading opening the text ("SOCCER - ", "RUGBY UNION - "). */
const SPORT_HEAD = /^\s*(?:SOCCER|FOOTBALL|CRICKET|TENNIS|GOLF|RUGBY(?: UNION| LEAGUE)?|BASKETBALL|BASEBALL|(?:ICE )?HOCKEY|NFL|NBA|NHL|AMERICAN FOOTBALL|CYCLING|ATHLETICS|MOTOR RACING|FORMULA ONE|BOXING|HANDBALL|VOLLEYBALL)\s*(?:-{1,2}|[–—:])\s/i;
/** Words that only sports prose uses much: three different ones make a text a sports report. */
const SPORT_TERM = /\b(?:goals?|goalless|striker|midfielder|defender|goalkeeper|winger|fly-half|scrum-half|quarterback|pitcher|batsman|bowler|coach|derby|kick-off|half-?time|penalty|relegation|stadium|semi-finals?|quarter-finals?|play-?offs?|innings|wickets?|touchdowns?|league|squad|match|fixture|scored|points (?:clear|behind)|title race|clean sheet|hat-trick|equaliser|equalizer|unbeaten|away win|home win)\b/gi;
export function isSportsText(folded: string): boolean {
  if (SPORT_HEAD.test(folded.slice(0, 40))) return true;
  const seen = new Set<string>();
  for (const m of folded.matchAll(SPORT_TERM)) if (seen.add(m[0].toLowerCase()).size >= 3) return true;
  return false;
}

/** A mention's canonical place is a city ("Madrid", "LISBON"). */
function isCityName(text: string): boolean {
  const gaz = gazetteer();
  const canon = gaz.places.get(aliasKey(text));
  return canon !== undefined && gaz.cities.has(canon);
}

/** A mention's canonical place is a country or wider (a national team, the place): not a club's name. */
function isCountryName(text: string): boolean {
  const gaz = gazetteer();
  const canon = gaz.places.get(aliasKey(text));
  return canon !== undefined && !gaz.cities.has(canon);
}

/** Posts at a club or in a team that stand between the team and the person ("Brentford manager Keith Andrews"). */
const CLUB_POSTS = ['coach', 'manager', 'boss', 'captain', 'skipper', 'striker', 'forward', 'midfielder', 'defender', 'goalkeeper', 'keeper', 'winger',
  'quarterback', 'playmaker', 'batsman', 'batter', 'bowler', 'paceman', 'seamer', 'spinner', 'all-rounder', 'wicketkeeper', 'fly-half', 'scrum-half', 'lock', 'prop', 'hooker', 'flanker'];
/** Words for a post at a club or in a team, written between the team and the person ("Aston Villa boss Unai Emery"). */
const ROLE_WORD = new RegExp(`^(?:${[...CLUB_POSTS, 'pitcher', 'full-back', 'centre-back', 'wing', 'chairman', 'owner', 'president'].join('|')})$`);

/**
 * "Aston Villa boss Unai Emery" read as one person: a name holds no role written in lower case, so the words
 * before the role are the team (an organisation; a country, its national team, is the place) and those after it
 * the person.
 */
export function splitAtRole(folded: string, ms: RawMention[]): void {
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    if (m.type !== 'PER' && m.type !== 'ORG') continue;
    const r = /^(\p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,3}) ([\p{Ll}-]+) (\p{Lu}[\p{L}'-]*(?: \p{Lu}[\p{L}'-]*){0,2})$/u.exec(m.text) ??
      (nerRules.capitalRoles ? capitalRole(folded, m) : null);
    if (!r || !ROLE_WORD.test(r[2]!.toLowerCase())) continue;
    const team = { type: (isCountryName(r[1]!) ? 'LOC' : 'ORG') as RawMention['type'], start: m.start, end: m.start + r[1]!.length, text: r[1]! };
    const pStart = m.end - r[3]!.length;
    ms.splice(i, 1, team, { type: 'PER', start: pStart, end: m.end, text: folded.slice(pStart, m.end) });
  }
}

/**
 * In a line in Title Case or capitals the role is capitalised too ("Aston Villa Boss Unai Emery", "LEINSTER LOCK JAMES
 * RYAN"): the name's words split at the first role word with one to four words before it and one to three after.
 */
function capitalRole(folded: string, m: RawMention): [string, string, string, string] | null {
  const words = m.text.split(' ');
  if (words.length < 3 || !words.every((w) => /^\p{Lu}[\p{L}.'-]*$/u.test(w))) return null;
  for (let k = 1; k <= 4 && k < words.length - 1; k++) {
    if (!ROLE_WORD.test(words[k]!.toLowerCase()) || words.length - k - 1 > 3) continue;
    if (caseRegime(lineAround(folded, m.start).split(/\s+/)) === '') return null;
    return [m.text, words.slice(0, k).join(' '), words[k]!, words.slice(k + 1).join(' ')];
  }
  return null;
}

/** Last words of a sports venue's name ("Aviva Stadium", "O2 Arena"), and first words of one named abroad ("Stade Louis II"). */
const VENUE_LAST = /^(?:Stadium|Arena|Stadion|Velodrome|Speedway|Raceway|Motordrome)$/;
const STREET_LAST = /^(?:Road|Street|Avenue|Lane|Park|Square|Boulevard)$/;
const VENUE_FIRST = /^(?:Stade|Estadio|Estádio|Estadi|Stadio|Stadion|Stadionul)$/;
/** Last words of a league's name ("Scottish Premiership", "National Hockey League"). */
const LEAGUE_NAME = /(?<![\p{L}\p{N}])(?:Premier|Major|Champions|Europa|Conference|Nations|Super|Football|Rugby|National|American) League(?: (?:Baseball|Soccer|Two|One|Cup))?(?![\p{L}\p{N}])/gu;
const LEAGUE_LAST = /^(?:League|Premiership|Bundesliga|Eredivisie)$/;

/**
 * A venue is a place, as newswire annotation (wikigold, BTC) marks stadiums and arenas, whatever company gives it
 * its name ("Aviva Stadium", "Emirates Stadium"); a league is an organisation, never a place ("Scottish
 * Premiership"), and "Serie A" or "Ligue 1" is the league, not the place "Serie".
 */
export function venuesAndLeagues(folded: string, ms: RawMention[]): void {
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
  if (nerRules.venueOpeners) joinLoneVenueWords(folded, ms);
  for (const m of ms) {
    if (m.type !== 'ORG' && m.type !== 'LOC' && m.type !== 'PER') continue;
    const words = m.text.split(/\s+/);
    // "Grace Road", "Downing Street", "Villa Park" read as organisations: a street or a ground is a place (not a person's: "John Park").
    if (nerRules.streetNames && m.type === 'ORG' && words.length > 1 && STREET_LAST.test(cased(words.at(-1)!))) { m.type = 'LOC'; continue; }
    // (In capitals too: "AVIVA STADIUM".)
    const [first, last] = nerRules.venueCased ? [cased(words[0]!), cased(words.at(-1)!)] : [words[0]!, words.at(-1)!];
    if (nerRules.venueNames && words.length > 1 && (VENUE_LAST.test(last) || VENUE_FIRST.test(first))) {
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

/**
 * "at StoneX Stadium" read as the place "Stadium": a ground's last word alone names nothing, and the word before it,
 * capitalised, is the rest of its name (a sponsor's name with capitals inside, which the tagger does not read as a
 * name's word). With none before it, the word is dropped.
 */
function joinLoneVenueWords(folded: string, ms: RawMention[]): void {
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    if ((m.type !== 'LOC' && m.type !== 'ORG') || !VENUE_LAST.test(cased(m.text))) continue;
    const before = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}&'-]*) $/u.exec(folded.slice(Math.max(0, m.start - 30), m.start));
    // A name the tagger found just before is the rest of it ("Emirates" + "Stadium").
    const named = ms.find((x) => x !== m && x.end > m.start - 2 && x.start < m.start);
    const start = named && folded.slice(named.end, m.start) === ' ' ? named.start : !named && before && !STOP_CAPS.has(before[1]!.toLowerCase()) ? m.start - before[0].length : -1;
    if (start < 0) { ms.splice(i, 1); continue; }
    m.start = start;
    m.text = folded.slice(m.start, m.end);
    m.type = 'LOC';
    if (named) { ms.splice(ms.indexOf(named), 1); i--; }
  }
}

/** "Brentford manager Keith Andrews": a one-word name the tagger read as a person, before a role and a person, is the club. */
export function clubRolePeople(folded: string, ms: RawMention[]): void {
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
/**
 * After a team's name, its place in a table or its title ("Barcelona went top", "Leeds stay second", "Surrey , the
 * champions ,"): said of a club, not of a city.
 */
const STANDING_AFTER = /^(?:\s+(?:went|go|goes|moved|move|moves|climbed|climb|climbs|stay|stays|stayed|remain|remains|remained|sit|sits|sat|are|were|is|was)\s+(?:top|bottom|clear|second|third|fourth|fifth|level on points)\b|\s*,\s+the\s+(?:defending\s+|reigning\s+)?(?:champions|holders|title holders|league leaders|leaders|hosts|cup holders)\s*,)/i;
/**
 * Before a club's name in transfer news: a transfer's verb, then the player (a capitalised word), then "to" or "from"
 * ("loaned striker Arkadiusz Milik to Torino", "signed winger Kota Yamada from Yokohama F. Marinos"), in one clause; in
 * capitals and Title Case too.
 */
const TRANSFER_VERBS = ['loaned', 'sold', 'transferred', 'signed', 'bought', 'recalled', 'released', 'joined', 'swapped'];
const TRANSFER_BEFORE = new RegExp(String.raw`\b(?:${[...TRANSFER_VERBS, ...TRANSFER_VERBS.map((v) => v[0]!.toUpperCase() + v.slice(1)), ...TRANSFER_VERBS.map((v) => v.toUpperCase())].join('|')})\s+` +
  String.raw`(?:[^.;:,()\n]*\s)?\p{Lu}[\p{L}'’-]+\s+(?:[^.;:,()\n\s]+\s+){0,5}(?:to|from|To|From|TO|FROM)\s+$`, 'u');
/** Words that open a club's name of two or three words ("St Mirren", "Inter Milan", "Real Betis"): no person's. */
const CLUB_OPENER = /^(?:St\.?|Saint|FC|AC|AS|SC|SV|VfB|VfL|Inter|Real|Sporting|Athletic|Atletico|Dynamo|Dinamo|Olympique|Deportivo|Racing)$/;

/** Does a team's frame stand around [start, end): a result or a plural verb after it, or a result before it (or a club's post after it, with `roles`)? */
function teamFrame(folded: string, start: number, end: number, roles = false): boolean {
  const before = folded.slice(Math.max(0, start - 40), start);
  const after = folded.slice(end, end + 40);
  if (RESULT_AFTER.test(after) || TEAM_BEFORE.test(before) || (roles && CLUB_ROLE_PERSON.test(after))) return true;
  if (nerRules.standingFrames && STANDING_AFTER.test(after)) return true;
  if (nerRules.transferFrames && TRANSFER_BEFORE.test(folded.slice(Math.max(0, start - 72), start))) return true;
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
export function sportFrames(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
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
export function spreadClubs(folded: string, ms: RawMention[]): void {
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
    if ((m.type !== 'LOC' && m.type !== 'PER') || !clubs.has(m.text.toLowerCase()) || gaz.places.has(aliasKey(m.text)) || (nerRules.datedLinePlace && dateline)) continue;
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
export function splitClubPairs(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (let i = ms.length - 1; i >= 0; i--) {
    const m = ms[i]!;
    // A club named with its opener on either side is one too ("Getafe and Atletico Madrid"); "Brighton and Hove Albion" is one club.
    const pair = /^(\p{Lu}[\p{L}-]+) (?:and|&) (\p{Lu}[\p{L}-]+)$/u.exec(m.text) ??
      (nerRules.openedClubPairs ? /^((?:\p{Lu}[\p{L}-]+ )?\p{Lu}[\p{L}-]+) (?:and|AND|&) ((?:\p{Lu}[\p{L}-]+ )?\p{Lu}[\p{L}-]+)$/u.exec(m.text) : null);
    const opened = (part: string) => part.includes(' ') && CLUB_PREFIX.test(cased(part.split(' ')[0]!));
    if (m.type !== 'ORG' || !pair || (pair[1]!.includes(' ') && !opened(pair[1]!)) || (pair[2]!.includes(' ') && !opened(pair[2]!))) continue;
    if (!(gaz.places.has(aliasKey(pair[1]!)) || gaz.places.has(aliasKey(pair[2]!)) || opened(pair[1]!) || opened(pair[2]!))) continue;
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
export function dropEventNames(folded: string, ms: RawMention[]): void {
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
    // "the Valencia Grand Prix": the pattern above reads "Grand" as a word before the event's and "Prix" as its last.
    const prix = nerRules.grandPrix && /^ (?:Grand Prix|GRAND PRIX)(?![\p{L}\p{N}])/u.test(folded.slice(m.end, m.end + 12)) && !ms.some((x) => x !== m && x.start > m.end && x.start < m.end + 11);
    const before = prix || (!!next && isEventWord(next[2]!) && !ms.some((x) => x !== m && x.start > m.end && x.start <= m.end + 1 + next[0].length - 1));
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
export function addSurnameWords(folded: string, ms: RawMention[]): void {
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
export function addClubPrefixes(folded: string, ms: RawMention[]): void {
  for (const m of ms) {
    // "Borussia Dortmund , fourth , lost": the whole name read as a person's is the club's.
    const written = m.text.split(' ')[0]!;
    // An opener in capitals is read in its ordinary spelling ("INTER MILAN"; initials stay words).
    const first = nerRules.clubOpenersCased && /^\p{Lu}{4,}$/u.test(written) ? cased(written) : written;
    // (In Title Case only before a city: "Inter Milan", not "Fortuna Smiles".)
    if (nerRules.clubPrefixPerson && m.type === 'PER' && m.text.includes(' ') && CLUB_PREFIX.test(first) && !AMBIGUOUS_OPENER.test(first) &&
      (caseRegime(lineAround(folded, m.start).split(/\s+/)) !== 'T' || (nerRules.clubOpenersCased && isCityName(m.text.slice(written.length + 1))))) { m.type = 'ORG'; continue; }
    if (m.type !== 'LOC' && m.type !== 'ORG') continue;
    const before = /(\p{Lu}[\p{L}-]*) $/u.exec(folded.slice(Math.max(0, m.start - 20), m.start));
    // Initials open a club's name before a city written in ordinary case ("AC Milan"); in capitals "AS" is a word,
    // but "REAL", "ATLETICO", "BORUSSIA" open the club's name ("REAL MADRID").
    const shouted = !!before && !/\p{Ll}/u.test(m.text) && /^\p{Lu}{2,}$/u.test(before[1]!);
    const opener = shouted && nerRules.clubOpenersCased && before[1]!.length > 3 ? cased(before[1]!) : before?.[1];
    if (!before || !CLUB_PREFIX.test(opener!) || ms.some((x) => x !== m && x.end > m.start - before[0].length && x.start < m.start)) continue;
    if (shouted && opener === before[1]) continue;
    // "Austria Vienna", "Union Berlin", "Standard Liege": a country or a common word before a city is a club only
    // in a sentence about a match; the others always are.
    const line = lineAround(folded, m.start);
    if (/^(?:Austria|Standard|Union)$/.test(before[1]!) && !/\b\d{1,2}-\d{1,2}\b|\b(?:beat|drew|lost|won|play|match|coach|striker|midfielder|defender|goalkeeper)\b/.test(line)) continue;
    // In Title Case every word is capitalised ("A Real Circuit Was Not Built"); a club's initials ("AC", "VfB") are not,
    // and an opener before a city ("Real Madrid", "Sporting Lisbon") is the club's.
    if (!/\p{Lu}.*\p{Lu}/u.test(before[1]!) && caseRegime(line.split(/\s+/)) === 'T' && !(nerRules.clubOpenersCased && isCityName(m.text))) continue;
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
export const TEAM_HEAD = /^(?:United|Rovers|Wanderers|Athletic|Hotspur|Albion|Argyle|Rangers|FC|AFC|CF|SC)$/;
/**
 * Last words of a club's name that also end places' names ("Manchester City", "Nottingham Forest", "Ipswich Town",
 * "Derby County", "Aston Villa", "Crystal Palace"): read as a club's only in a sports report ("Mexico City" elsewhere).
 */
export const SPORT_TEAM_HEAD = /^(?:City|Town|County|Forest|Villa|Palace|Orient|Vale|Wednesday|Alexandra|Thistle|Academicals|Harriers)$/;

const MATCH_SCORE = /^\d{1,2}-\d{1,2}$/;
/** Words after a team's name that say it played: "Liverpool drew 1-1 with", "Celtic thrashed". */
const PLAYED_AFTER = /^\s+(?:beat|beats|defeated|defeats|thrashed|thrash|edged|routed|hammered|drew|draw|lost|lose|won|win|crushed|crush|stunned|stun|downed|blanked|outlasted|upset|trounced|overcame|outscored|swept|whipped|clobbered|topped|dumped|overpowered|rallied\s+past)\b/;
/** Words before a team's name that say it was played: "beat Chelsea", "drew 1-1 with Aston Villa", "lost 2-0 at Newcastle". */
const PLAYED_BEFORE = /\b(?:beat|beats|defeated|defeats|thrashed|thrash|edged|routed|hammered|crushed|crush|stunned|stun|downed|blanked|outlasted|upset|trounced|overcame|outscored|swept|whipped|clobbered|topped|dumped|overpowered|rallied\s+past|with|to|against|over|versus|vs\.?|(?:lost|won|drew|draw|win|lose)\s+\d{1,2}-\d{1,2}\s+at)\s+$/;

/**
 * In a sentence with a match score ("Manchester United beat Chelsea 2-1", "Liverpool drew 1-1 with Aston
 * Villa"), a city's name that plays is a club: an organisation, the newswire convention. A country or a
 * nation keeps its type (a national team is annotated as the place).
 */
export function matchTeams(folded: string, sentenceTokens: Token[][], ms: RawMention[]): void {
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
      // In a line in capitals or Title Case the verbs are capitalised too ("Brentford Beat Fulham 2-1").
      const cased = nerRules.matchVerbsCased ? [after.toLowerCase(), before.toLowerCase()] : [after, before];
      if (PLAYED_AFTER.test(cased[0]!) || PLAYED_BEFORE.test(cased[1]!)) m.type = 'ORG';
    }
  }
}
/** A player's or coach's role between a club and a name: "Toronto forward Auston Matthews", "Bayern coach Vincent Kompany". */
const CLUB_ROLE = /^ (?:coach|striker|forward|midfielder|defender|goalkeeper|keeper|winger|quarterback|pitcher|playmaker|skipper|batsman|bowler|fly-half|scrum-half) \p{Lu}/u;
/** A post only a club has, after its name with or without the person ("as Tottenham manager", "Tottenham's head coach"). */
const CLUB_POST = /^(?:'s)? (?:manager|head coach|boss)\b/i;
/** A city before a club role and a name is the club (a country is its national team: "Brazil coach Carlo Ancelotti"). */
export function clubRoles(folded: string, ms: RawMention[], sports: boolean): void {
  const gaz = gazetteer();
  for (const m of ms) {
    // Posts that are not only a club's ("manager", "captain") say so only in a sports report ("Dublin manager Jim Gavin" in a tweet).
    const after = folded.slice(m.end, m.end + 24);
    if (m.type !== 'LOC' || !(CLUB_ROLE.test(after) || (sports && (CLUB_ROLE_PERSON.test(after) || CLUB_POST.test(after))))) continue;
    const canon = gaz.places.get(aliasKey(m.text));
    if (canon === undefined || gaz.cities.has(canon)) m.type = 'ORG';
  }
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
/** A ranking before a team in a results line, as US college scores print it ("No. 3 Duke 78 North Carolina 70"). */
const RANKED = String.raw`(?:No\.[ \t]+\d{1,2}[ \t]+)?`;
const SCORE_LINE = new RegExp(String.raw`^[ \t]*${RANKED}(${TEAM})${PAREN}[ \t]+${SCORE}${PAREN}[ \t]+${RANKED}(${TEAM})${PAREN}[ \t]+${SCORE}${PAREN}(?:[ \t]*[.,;].*)?[ \t]*$`, 'gmu');
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
const INNINGS = new RegExp(String.raw`(?:^|[:;])[ \t]*(${TEAM})[ \t]+\d{1,3}(?:-\d{1,2})?(?:[ \t]+(?:declared|DECLARED|dec|DEC|all out|ALL OUT))?(?=[ \t]*(?:[(;.]|(?:and|AND|v)\b|$))`, 'gmu');
/** The nations of the United Kingdom, which play as countries of their own ("Gerwyn Price ( Wales )"). */
const HOME_NATIONS: ReadonlySet<string> = new Set(['England', 'Scotland', 'Wales', 'Northern Ireland']);
/** A player and a country in brackets: "Jannik Sinner ( Italy )", "Alex de Minaur (Australia)". */
const PLAYER_COUNTRY = /(?<![\p{L}\p{N}])(\p{Lu}[\p{Ll}'-]+(?: (?:de|van|der|von|da|di|le|la|\p{Lu}[\p{Ll}'-]+)){1,3}) ?\( ?(\p{Lu}[\p{L}. ]{1,30}?) ?\)/gu;
/** A ranked line's country in brackets, the team after it, then a time, a gap or a count ("( Italy ) Ducati 41:22.817"). */
const RANKED_TEAM = /\([ \t]*(\p{Lu}[\p{L}. ]{1,30}?)[ \t]*\)[ \t]+(\p{Lu}[\p{L}&'’.-]*(?:[ \t]+\p{Lu}[\p{L}&'’.-]*){0,3})([ \t]+[+]?\d[\d:.,]*(?:[ \t].*)?)$/u;
/** A results list's rank before a name: "1. ", "12. ". */
const RANK = /^[ \t]*\d{1,3}\.[ \t]+/;
/** A scorer and the minute: "Kyogo Furuhashi 12", "Callum McGregor 77 pen" (after the bracket or a comma). */
const SCORER = /(?<=^|,)[ \t]*(\p{Lu}[\p{Ll}'-]+(?:[ \t]+(?:de|van|\p{Lu}[\p{L}'-]+)){0,2})(?=[ \t]+\d{1,3}(?:th|st|nd|rd)?\b)/gu;
/** Runs and wickets ("532-8") or a declaration: what makes a line of names and figures a cricket score. */
const CRICKET_SCORE = /(?<![\d-])\d{1,3}-\d{1,2}(?![\d-])|\b(?:declared|all out)\b/i;
/** "At Chelmsford : Essex 532-8 …": a venue opening a line of scores is a place. */
const VENUE = new RegExp(String.raw`^[ \t]*(?:At|AT)[ \t]+(${TEAM})[ \t]*:`, 'gmu');

/**
 * A player's name in a cricket scorecard: initials or given names and a surname ("Z. Crawley", "Saeed Anwar",
 * "de Villiers"), with the captain's or the wicketkeeper's mark after it ("Stokes *", "Pant +").
 */
const CARD_NAME = String.raw`(?:\p{Lu}\.[ \t]?){0,3}(?:(?:de|van|du|ul|al|bin)[ \t]+)?\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:(?:de|van|du|ul|al|bin)[ \t]+)?\p{Lu}[\p{L}'’-]+){0,2}`;
const CARD_MARK = String.raw`(?:[ \t]*[*+†])?`;
/**
 * A batting line: the batsman, how he was out, and his runs ("Z. Crawley c Pant b Bumrah 18", "J. Root not out
 * 104", "Ijaz Ahmed lbw b Gough 12", "Saeed Anwar run out ( Cork ) 9"); balls and boundaries may follow.
 */
const BATTING_LINE = new RegExp(String.raw`^[ \t]*(${CARD_NAME})${CARD_MARK}[ \t]+(?:(?:c|st)[ \t]+(${CARD_NAME})${CARD_MARK}[ \t]+b[ \t]+(${CARD_NAME})|c[ \t]+(?:&|and)[ \t]+b[ \t]+(${CARD_NAME})|(?:lbw[ \t]+|hit[ \t]+wicket[ \t]+)?b[ \t]+(${CARD_NAME})|run[ \t]+out(?:[ \t]*\([ \t]*(${CARD_NAME})(?:[ \t]*/[ \t]*(${CARD_NAME}))?[ \t]*\))?|not[ \t]+out|retired[ \t]+(?:hurt|out)|absent[ \t]+hurt)[ \t]+\d{1,3}\b(?:[ \t]*\*)?[^\p{L}]*$`, 'u');
/** A bowler's figures, overs-maidens-runs-wickets: "Bumrah 18-4-51-1", "Siraj 16.2-2-60-1 ( 3nb )". */
const BOWLER = new RegExp(String.raw`(${CARD_NAME})[ \t]+\d{1,2}(?:\.\d)?-\d{1,2}-\d{1,3}-\d{1,2}\b`, 'gu');

/** "v Hampshire" closing an innings line or before a semicolon: the side that has not batted yet. */
const OPPONENT = new RegExp(String.raw`[ \t]v\.?[ \t]+(${TEAM})(?=[ \t]*(?:;|$))`, 'gmu');
/** A player and his runs or bowling figures in an innings' brackets: "Jamie Smith 101", "Simon Harmer 5-48". */
const INNINGS_PLAYER = new RegExp(String.raw`^[ \t]*(${CARD_NAME})[ \t]+\d{1,3}(?:-\d{1,3})?\*?[ \t]*$`, 'u');

/**
 * The players in an innings line's brackets ("Surrey 312-6 ( Jamie Smith 101 , Ollie Pope 57 )", "Yorkshire 198 ( Joe
 * Root 64 ; Simon Harmer 5-48 )"): each name with its runs or figures is a person.
 */
function inningsPlayers(line: string, at: number, ms: RawMention[]): void {
  for (const group of line.matchAll(/\(([^)\n]*)\)/g)) {
    let offset = group.index! + 1;
    for (const part of group[1]!.split(/([,;])/)) {
      const p = INNINGS_PLAYER.exec(part);
      if (p) {
        const start = at + offset + part.indexOf(p[1]!);
        personAt(ms, start, start + p[1]!.length, p[1]!);
      }
      offset += part.length;
    }
  }
}

/** A table row is at most this long (a cricket line with its scorers is the longest kind). */
const MAX_ROW = 300;

/** One short line with figures, at offset `at` of the text: its teams (to `add`), and players and scorers (to `ms`). */
function readRow(line: string, at: number, add: (at: number, name: string, type: 'ORG' | 'LOC', row?: 'score' | 'standing' | 'club') => void, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const re of [SCORE_LINE, STANDING_LINE]) {
    for (const m of line.matchAll(re)) {
      let from = 0;
      // "Monaco 91 Barcelona 85": a country's name against a club's (a city's or no place's) is a club named after it;
      // national teams do not play clubs.
      const sides = m.slice(1).filter((x): x is string => !!x);
      const isCountry = (x: string) => gaz.countries.has(gaz.places.get(aliasKey(x)) ?? '');
      const club = (x: string) => { const c = gaz.places.get(aliasKey(x)); return c === undefined || gaz.cities.has(c); };
      const clubMatch = nerRules.countryClubs && re === SCORE_LINE && sides.length === 2 && sides.some(isCountry) && sides.some((x) => !isCountry(x) && club(x));
      for (const name of sides) {
        const i = m[0].indexOf(name, from);
        from = i + name.length;
        add(at + m.index! + i, name, 'ORG', clubMatch ? 'club' : re === SCORE_LINE ? 'score' : 'standing');
      }
    }
  }
  // Cricket: a line of two innings or more, with wickets or a declaration ("LOAN 2 . 1" in a contract's numbered
  // clauses is no score), read with its brackets blanked (a bowler's "Porter 4-61" is no side).
  if (CRICKET_SCORE.test(line)) {
    const text = line.replace(/\([^)\n]*\)/g, (x) => ' '.repeat(x.length));
    const innings = [...text.matchAll(INNINGS)];
    // The side yet to bat, after "v" ("Somerset 278-9 v Hampshire").
    const opponents = nerRules.scorecards && innings.length ? [...text.matchAll(OPPONENT)] : [];
    if (innings.length + opponents.length >= 2 && CRICKET_SCORE.test(text)) {
      for (const m of [...innings, ...opponents]) add(at + m.index! + m[0].indexOf(m[1]!), m[1]!, 'ORG');
      for (const v of line.matchAll(VENUE)) add(at + v.index! + v[0].indexOf(v[1]!), v[1]!, 'LOC');
      if (nerRules.scorecards) inningsPlayers(line, at, ms);
    }
  }
  if (nerRules.scorecards) readScorecardLine(line, at, ms);
  if (!nerRules.playerCountry || !line.includes('(')) return;
  // "1 - Jannik Sinner ( Italy ) beat …", "Tiger Woods ( U.S. ) 68 70": a name the tagger left untagged before
  // a country in brackets, in a line with a score or a seeding, is a player.
  for (const m of line.matchAll(PLAYER_COUNTRY)) {
    const country = gaz.places.get(aliasKey(m[2]!));
    if (country === undefined || !(gaz.countries.has(country) || (nerRules.homeNations && HOME_NATIONS.has(country)))) continue;
    const start = at + m.index! + m[0].indexOf(m[1]!);
    const end = start + m[1]!.length;
    // The country in brackets is the player's, a place ("Ludvig Aberg ( Sweden )"), whatever the tagger said.
    const cStart = at + m.index! + m[0].lastIndexOf(m[2]!);
    for (const x of ms) if (x.start === cStart && x.text === m[2] && x.type === 'ORG') x.type = 'LOC';
    // "3. Georgia Bell ( Britain ) 3:54.08": in a ranked results line, the name between the rank and the country is
    // one person's, where the tagger read it in pieces (a place, a person) inside it.
    const inside = ms.filter((x) => x.start < end && x.end > start);
    if (nerRules.rankedPlayers && inside.length && m.index! === RANK.exec(line)?.[0].length && m[1]!.includes(' ') &&
      inside.every((x) => x.start >= start && x.end <= end && (x.type === 'PER' || x.type === 'LOC')) && !m[1]!.split(' ').every((w) => gaz.places.has(aliasKey(w)))) {
      personAt(ms, start, end, m[1]!);
      continue;
    }
    // A word of it that is a known place, organisation or team's head makes it no player's name.
    const listed = m[1]!.split(' ').some((w) => gaz.places.has(aliasKey(w)) || gaz.orgs.has(aliasKey(w)) || TEAM_HEAD.test(w));
    // "Josh Rock ( Northern Ireland )", "Gerwyn Price ( Wales )": a surname that is also a common word ends the
    // tagger's name early; the name before the country is the player's, whole.
    if (nerRules.cutPlayers && !listed && inside.length === 1 && inside[0]!.type === 'PER' && inside[0]!.start === start && inside[0]!.end < end) {
      personAt(ms, start, end, m[1]!);
      continue;
    }
    if (inside.length || listed) continue;
    ms.push({ type: 'PER', start, end, text: m[1]! });
  }
  // "1. Francesco Bagnaia ( Italy ) Ducati 41:22.817", "3. Tadej Pogacar ( Slovenia ) UAE Team Emirates 4:12:33": in a
  // ranked results line, the name between the rider's country in brackets and the time or gap is his team's (a city's
  // name too: "Astana"), not another country.
  if (nerRules.rankedTeams && RANK.test(line)) {
    const t = RANKED_TEAM.exec(line);
    const country = t ? gaz.places.get(aliasKey(t[1]!)) : undefined;
    if (t && country !== undefined && gaz.countries.has(country) && !gaz.countries.has(gaz.places.get(aliasKey(t[2]!)) ?? '')) {
      const start = at + t.index + t[0].lastIndexOf(t[2]!, t[0].length - t[3]!.length);
      dropOverlapping(ms, start, start + t[2]!.length);
      ms.push({ type: 'ORG', start, end: start + t[2]!.length, text: t[2]! });
    }
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
 * A cricket scorecard's batting and bowling lines, as newswire prints them: every name in them is a player, a
 * person, whatever the tagger said ("c Jaiswal b Jadeja": a fielder and a bowler, not a place), written with its
 * initials ("Z. Crawley"). The "Bowling" that opens the bowlers' line is no name.
 */
function readScorecardLine(line: string, at: number, ms: RawMention[]): void {
  const names: [number, number][] = [];
  const batting = BATTING_LINE.exec(line);
  if (batting) {
    let from = 0;
    for (const name of batting.slice(1)) {
      if (!name) continue;
      const i = line.indexOf(name, from);
      from = i + name.length;
      names.push([i, from]);
    }
  }
  const bowling = /^[ \t]*(?:Bowling|BOWLING)[ \t]*:?/.exec(line);
  if (bowling) {
    dropOverlapping(ms, at + bowling.index, at + bowling.index + bowling[0].length);
    for (const b of line.matchAll(BOWLER)) if (b.index! >= bowling[0].length) names.push([b.index!, b.index! + b[1]!.length]);
  }
  for (const [i, j] of names) personAt(ms, at + i, at + j, line.slice(i, j));
}

/** A person at `start`–`end`, in place of whatever the tagger read there. */
function personAt(ms: RawMention[], start: number, end: number, text: string): void {
  dropOverlapping(ms, start, end);
  ms.push({ type: 'PER', start, end, text });
}

function dropOverlapping(ms: RawMention[], start: number, end: number): void {
  for (let k = ms.length - 1; k >= 0; k--) if (ms[k]!.start < end && ms[k]!.end > start) ms.splice(k, 1);
}

/**
 * Results tables, as newswire prints them line by line: in a line of a match score, a standings row or
 * cricket innings, the names are teams — organisations, even when a place gives one its name ("Dundee
 * United", "Derby", "Essex"), which is the newswire convention; a country's name is its national team,
 * which newswire annotates as the place. A name the tagger took for a person stays a person (golf and
 * athletics tables list players). Lines are read whole: a table has no full stops, so the sentence
 * splitter may run its rows together.
 */
export function addResultLines(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  const teams: { start: number; end: number; type: 'ORG' | 'LOC'; row?: 'score' | 'standing' | 'club'; line: number; country: boolean }[] = [];
  let line = 0;
  const add = (at: number, name: string, type: 'ORG' | 'LOC', row?: 'score' | 'standing' | 'club') => {
    const canon = gaz.places.get(aliasKey(name));
    const country = canon !== undefined && gaz.countries.has(canon);
    teams.push({ start: at, end: at + name.length, type: type === 'ORG' && country && row !== 'club' ? 'LOC' : type, row, line, country });
  };
  // A table's rows are short lines with figures: prose paragraphs are not read (they cost most of the time).
  let lineEnd = -1;
  for (const row of folded.matchAll(/^.*\d.*$/gm)) {
    // Rows of one table are lines next to one another.
    line += row.index! === lineEnd + 1 ? 0 : 1;
    lineEnd = row.index! + row[0].length;
    if (row[0].length > MAX_ROW) continue;
    readRow(row[0], row.index!, add, ms);
  }
  // "Monaco 9 4 1088 1031" among clubs' standings rows: a country's name in a table of clubs is a club's.
  if (nerRules.countryClubs) {
    for (const t of teams) {
      if (t.row !== 'standing' || !t.country) continue;
      const table = teams.filter((x) => x.row === 'standing' && x.line === t.line);
      const clubs = table.filter((x) => !x.country && x.type === 'ORG' && (gaz.places.get(aliasKey(folded.slice(x.start, x.end))) === undefined ||
        gaz.cities.has(gaz.places.get(aliasKey(folded.slice(x.start, x.end)))!))).length;
      if (clubs >= 3 && clubs >= 2 * (table.length - clubs)) t.type = 'ORG';
    }
  }
  for (const t of teams) {
    const inside = ms.filter((x) => x.start < t.end && x.end > t.start);
    if (inside.some((x) => x.type === 'PER')) continue;
    for (const x of inside) ms.splice(ms.indexOf(x), 1);
    ms.push({ type: t.type, start: t.start, end: t.end, text: folded.slice(t.start, t.end) });
  }
}

/**
 * Plural words after a place that are no team's name: places ("Cayman Islands", "Gulf States", "Palm Springs"), events
 * ("London Olympics"), and peoples and parties ("Ohio Democrats").
 */
const NOT_TEAM = /^(?:Islands|Isles|States|Emirates|Territories|Provinces|Heights|Hills|Springs|Falls|Lakes|Mountains|Plains|Highlands|Keys|Rapids|Gardens|Fields|Woods|Sands|Downs|Flats|Shores|Meadows|Acres|Oaks|Pines|Palms|Cliffs|Olympics|Games|Championships|Paralympics|Finals|Masters|Democrats|Republicans|Conservatives|Liberals|Socialists|Greens|Tories|Muslims|Christians|Jews|Catholics|Protestants|Sunnis|Shiites|Kurds|Arabs|Police|Residents|Officials|Authorities|Schools|Courts|Streets|Roads|Docks|Talks|Accords|Protests|Riots|Attacks|Bombings|Elections|Primaries|Hearings|Trials|Jobs|Vets|Veterans|Leaders|Questions|Marathons|Races|Derbies)$/;

/**
 * "The Los Angeles Dodgers won": a city or state and a capitalised plural after it is a team, read as one
 * organisation (newswire's convention for a club named after its place) where the tagger read only the place. Only in
 * ordinary-case text, where a capitalised plural after a place is a name.
 */
export function joinCityTeams(folded: string, out: RawMention[], sports = false): void {
  const gaz = gazetteer();
  for (let i = 0; i < out.length; i++) {
    const m = out[i]!;
    // (The tagger may have read the city as the club already: "the Kansas City" + "Chiefs".)
    if (m.type !== 'LOC' && m.type !== 'ORG') continue;
    // A city's or a state's: a country's team is named by the country alone, and a nationality names none. In a sports
    // report, a capitalised name the gazetteer does not know may be a city too (teamNicknames).
    const canon = gaz.places.get(aliasKey(m.text));
    const city = canon !== undefined && !gaz.countries.has(canon) && !gaz.demonyms.has(aliasKey(m.text));
    const unlisted = canon === undefined && sports && nerRules.teamNicknames && m.text.split(' ').every((w) => /^\p{Lu}/u.test(w));
    if (!city && !unlisted) continue;
    const tail = /^ ((?:\p{Lu}\p{Ll}+ )?\p{Lu}\p{Ll}+s)(?![\p{L}\p{N}'’-])/u.exec(folded.slice(m.end, m.end + 30));
    const last = tail?.[1]!.split(' ').at(-1);
    // (After an unlisted name, no kind of company either, "Acme Holdings"; a listed city names one, "Los Angeles Times".)
    if (!last || NOT_TEAM.test(last) || (unlisted && ORG_HEAD.test(last)) || gaz.demonyms.has(aliasKey(last.replace(/s$/, '')))) continue;
    const end = m.end + 1 + tail![1]!.length;
    if (out.some((x) => x !== m && x.start < end && x.end > m.end)) continue;
    const text = folded.slice(m.start, end);
    if (gaz.places.has(aliasKey(text)) || !ordinaryCaseAround(folded, m.start, end)) continue;
    out[i] = { type: 'ORG', start: m.start, end, text };
  }
}

/** A team's plural nickname ("Chiefs", "Dodgers"): not what NOT_TEAM lists, nor a company's kind ("Holdings"). */
function teamPlural(w: string): boolean {
  return /^\p{Lu}\p{Ll}+s$/u.test(w) && !NOT_TEAM.test(w) && !ORG_HEAD.test(w);
}

/**
 * In a sports report, "the Bills", "CHIEFS BEAT BILLS" after "Buffalo Bills" name the team by its plural nickname alone,
 * as written and in a headline's capitals; a nickname read as a person or a place is the team. (joinCityTeams has
 * joined "the Kansas City" + "Chiefs" before.)
 */
export function teamNicknames(folded: string, out: RawMention[]): void {
  const nicknames = new Set<string>();
  for (const m of out) {
    const words = m.text.split(' ');
    if (m.type === 'ORG' && words.length >= 2 && words.every((w) => /^\p{Lu}/u.test(w)) && teamPlural(words.at(-1)!)) nicknames.add(words.at(-1)!);
  }
  if (!nicknames.size) return;
  for (const m of out) if ((m.type === 'PER' || m.type === 'LOC') && nicknames.has(m.text)) m.type = 'ORG';
  const taken = new RangeMask(folded.length);
  for (const m of out) taken.add(m.start, m.end);
  addAgain(folded, [...nicknames].flatMap((n) => [n, n.toUpperCase()]), taken, out, () => true);
}
