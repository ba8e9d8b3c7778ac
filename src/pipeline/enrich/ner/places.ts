// Places the tagger reads as people or misses, told by how news writes them: a US state abbreviated after a town
// ("Orange County, Calif."), a planet of the solar system ("Jupiter's moon Europa"), a name ending in a kind of
// administrative area ("Marin County's cell sites"). Each runs on the tagger's mentions and is switched by nerRules
// (names.ts).
import { fullNameParts, type RawMention } from './names.ts';

/**
 * US states as the AP stylebook (and most American newswire) abbreviates them after a town ("Boise, Idaho" is
 * written in full; "Orange County, Calif.", "Trenton, N.J."), with the older "Cal.", "Penn.", "Tex.", "Wisc.".
 */
const STATE_ABBREVIATIONS: Record<string, string> = {
  'Ala.': 'Alabama', 'Ariz.': 'Arizona', 'Ark.': 'Arkansas', 'Calif.': 'California', 'Cal.': 'California', 'Colo.': 'Colorado',
  'Conn.': 'Connecticut', 'Del.': 'Delaware', 'Fla.': 'Florida', 'Ga.': 'Georgia', 'Ill.': 'Illinois', 'Ind.': 'Indiana',
  'Kan.': 'Kansas', 'Kans.': 'Kansas', 'Ky.': 'Kentucky', 'La.': 'Louisiana', 'Md.': 'Maryland', 'Mass.': 'Massachusetts',
  'Mich.': 'Michigan', 'Minn.': 'Minnesota', 'Miss.': 'Mississippi', 'Mo.': 'Missouri', 'Mont.': 'Montana', 'Neb.': 'Nebraska',
  'Nebr.': 'Nebraska', 'Nev.': 'Nevada', 'N.H.': 'New Hampshire', 'N.J.': 'New Jersey', 'N.M.': 'New Mexico', 'N.Y.': 'New York',
  'N.C.': 'North Carolina', 'N.D.': 'North Dakota', 'Okla.': 'Oklahoma', 'Ore.': 'Oregon', 'Oreg.': 'Oregon', 'Pa.': 'Pennsylvania',
  'Penn.': 'Pennsylvania', 'R.I.': 'Rhode Island', 'S.C.': 'South Carolina', 'S.D.': 'South Dakota', 'Tenn.': 'Tennessee',
  'Tex.': 'Texas', 'Vt.': 'Vermont', 'Va.': 'Virginia', 'Wash.': 'Washington', 'W.Va.': 'West Virginia', 'Wis.': 'Wisconsin',
  'Wisc.': 'Wisconsin', 'Wyo.': 'Wyoming',
};
const ABBREVIATED_STATE = new RegExp(
  `^, (${Object.keys(STATE_ABBREVIATIONS).map((k) => k.replace(/\./g, '\\.')).join('|')})(?=[\\s,;:)'"’”]|$)`,
);

/**
 * The state a mention abbreviates, when the text writes it with its stop ("Calif" of "Orange County, Calif."), as a
 * place in the gazetteer is named canonically. Never a word alone: "Ill", "Mass", "Miss", "La" are words too.
 */
export function abbreviatedState(folded: string, m: { start: number; end: number; text: string }): string | null {
  const written = folded.slice(m.start, m.end).replace(/\.?$/, '.');
  const state = STATE_ABBREVIATIONS[written];
  if (!state || !/, $/.test(folded.slice(Math.max(0, m.start - 2), m.start))) return null;
  return folded[m.end] === '.' || m.text.endsWith('.') ? state : null;
}

/**
 * "Orange County, Calif., sheriff's office": an abbreviated state after a name and a comma is a place, and the name
 * before it a place in that state, whatever the tagger read (a person "Calif", often).
 */
export function abbreviatedStates(folded: string, ms: RawMention[]): void {
  ms.sort((a, b) => a.start - b.start);
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'PER' && m.type !== 'ORG' && m.type !== 'LOC') continue;
    const x = ABBREVIATED_STATE.exec(folded.slice(m.end, m.end + 10));
    if (!x) continue;
    const start = m.end + 2;
    // The state's mention without its stop, as the tagger's tokens write it ("Calif"); "N.Y." keeps its inner stops.
    const end = start + x[1]!.length - 1;
    const text = folded.slice(start, end);
    // A person listed with their state ("Sen. Dianne Feinstein, D-Calif.") is written with a party's letter, not so.
    if (m.type === 'PER' && /\s/.test(m.text)) continue;
    if (m.type !== 'LOC') ms[i] = { ...m, type: 'LOC' };
    const at = ms.findIndex((o) => o.start < end + 1 && o.end > start);
    const state: RawMention = { type: 'LOC', start, end, text };
    if (at < 0) ms.splice(i + 1, 0, state);
    else if (ms[at]!.start >= start && ms[at]!.end <= end + 1) ms[at] = state;
  }
}

/** The planets of the solar system: places, as newswire annotates "Mars" and "Jupiter's moon Europa". */
const PLANETS = /^(?:Mercury|Venus|Earth|Mars|Jupiter|Saturn|Uranus|Neptune|Pluto)$/;
/** Words of astronomy and spaceflight that say a planet is meant, not the Roman god of the same name ("entreated Venus"). */
const SKY_WORDS = /(?<![\p{L}])(?:moons?|orbit\w*|planet\w*|spacecraft|probes?|rovers?|landers?|missions?|surface|atmosphere|astronauts?|telescopes?|NASA|ESA|solar|asteroids?|comets?|rings)(?![\p{L}])/u;

/**
 * "Jupiter's moon Europa": a planet's name read as a person's, in a sentence about space, is the planet; not the god
 * of a myth, nor a person the text names in full ("Bruno Mars", "Venus Williams", "Freddie Mercury").
 */
export function planets(folded: string, ms: RawMention[]): void {
  const people = fullNameParts(ms);
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type !== 'PER' || !PLANETS.test(m.text) || people.has(m.text.toLowerCase())) continue;
    // Its sentence (at most 150 characters either side).
    const before = folded.slice(Math.max(0, m.start - 150), m.start);
    const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'));
    const after = folded.slice(m.end, m.end + 150);
    const end = after.search(/[.!?](?:\s|$)|\n/);
    const own = before.slice(stop + 1) + m.text + (end < 0 ? after : after.slice(0, end));
    if (SKY_WORDS.test(own)) ms[i] = { ...m, type: 'LOC' };
  }
}

/** Kinds of administrative area that end a place's name ("Marin County", "Hebei Province"), never a person's. */
const AREA_HEAD = /^(?:County|Province|Township|Parish|Prefecture|Governorate|Oblast|Municipality|Peninsula|Islands)$/;

/** "About half of Marin County's cell sites": a name read as a person's that ends in a kind of area is a place. */
export function areaNames(ms: RawMention[], folded: string): void {
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    if (m.type === 'PER' && /\s/.test(m.text) && AREA_HEAD.test(m.text.slice(m.text.lastIndexOf(' ') + 1))) ms[i] = { ...m, type: 'LOC' };
    // "Orange and Riverside counties", "Hebei, Henan and Shandong provinces": names before a plural kind of area.
    else if (m.type !== 'LOC' && !/\s/.test(m.text) && AREAS_AFTER.test(folded.slice(m.end, m.end + 60))) ms[i] = { ...m, type: 'LOC' };
  }
}

/** What may follow a name of a list that a plural kind of area ends: more names of the list, then the kind. */
const AREAS_AFTER = /^(?:,? (?:and |or )?\p{Lu}\p{Ll}+)* (?:counties|provinces|townships|parishes|prefectures|governorates|oblasts|municipalities)\b/u;
