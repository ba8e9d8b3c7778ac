// Results written in a sentence of a sports report, as wire copy lists a round's matches after a colon:
// "Results on Sunday: Fiorentina 2 Juventus 1, Parma 0 Lazio 3, Sampdoria 1 Udinese 1." The table rules
// (addResultLines in sports.ts) read a match only on a line of its own.
import { aliasKey, gazetteer } from '../gazetteer.ts';
import type { RawMention } from './names.ts';

const TEAM = String.raw`\p{Lu}[\p{L}'.&-]*(?: (?:\p{Lu}[\p{L}'.&-]*|de|del|la|do|da|y)){0,3}`;
/** One match: a team, its score, the other team, its score, between a colon, comma or semicolon and the next. */
const MATCH = new RegExp(String.raw`(?<=(?:^|[:;,])[ \t]*)(${TEAM}) (\d{1,3}) (${TEAM}) (\d{1,3})(?=[ \t]*(?:[,;.]|$))`, 'gmu');

/**
 * The teams of matches listed in a sentence, two matches at least (one name and a figure after a comma is as often a
 * list of anything): clubs are organisations, and a country's name is its national team, which newswire annotates as
 * the place. A mention they overlap gives way, unless it is a person's.
 */
export function inlineScores(folded: string, ms: RawMention[]): void {
  const gaz = gazetteer();
  for (const line of folded.matchAll(/^.*\d.*$/gm)) {
    const matches = [...line[0].matchAll(MATCH)];
    if (matches.length < 2) continue;
    for (const m of matches) {
      let from = 0;
      for (const name of [m[1]!, m[3]!]) {
        const i = m[0].indexOf(name, from);
        from = i + name.length;
        const start = line.index! + m.index! + i, end = start + name.length;
        const inside = ms.filter((x) => x.start < end && x.end > start);
        if (inside.some((x) => x.type === 'PER')) continue;
        for (const x of inside) ms.splice(ms.indexOf(x), 1);
        const place = gaz.places.get(aliasKey(name));
        ms.push({ type: place !== undefined && gaz.countries.has(place) ? 'LOC' : 'ORG', start, end, text: name });
      }
    }
  }
}
