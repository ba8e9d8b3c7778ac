// Roles from the words around a person's name: a title before it ("Iraqi Foreign Minister Fuad
// Hussein") or an apposition after it ("David Schenker, former Assistant Secretary of State, …").
import { gazetteer } from './gazetteer.ts';

const lw0 = (w: string) => w.toLowerCase();
const CONNECT = new Set(['of', 'for', 'the', 'and', 'on', 'at', 'in', '&']);
const ROLE_NOUN = /\b(?:figure|member|official|leader|head|chief|spokes\w+|minister|secretary|president|director|analyst|expert|professor|adviser|advisor|envoy|ambassador|commander|founder|executive|chairman|chairwoman|editor|correspondent|lawmaker|senator|governor|mayor|candidate|researcher|fellow|author|activist|lawyer|judge|officer|general|negotiator|representative|manager|partner|economist|owner|coach|player|ceo|cleric|scholar)\b/i;

/** The role just before `start` (a run of capitalised words and title words), or null. */
export function roleBefore(folded: string, start: number, limit = 0): string | null {
  const gaz = gazetteer();
  const before = folded.slice(Math.max(limit, start - 120), start);
  if (!/\s$/.test(before)) return null;
  const words = before.trimEnd().split(/ /);
  const nl = words.findLastIndex((w) => w.includes('\n'));
  if (nl >= 0) { words.splice(0, nl); words[0] = words[0]!.slice(words[0]!.lastIndexOf('\n') + 1); }
  const kept: string[] = [];
  let titled = false;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    // A full stop after a word longer than a title's abbreviation ("Gov.", "Prof.") ends the sentence before.
    if (!w || /[,;:"()]$/.test(w) || /^\p{L}{5,}\.$/u.test(w)) break;
    if (lw0(w) === 'and' && titled) break;
    const lw = w.toLowerCase().replace(/'s$/, '');
    const isTitle = gaz.titleWords.has(lw) || /^spokes/.test(lw);
    if (isTitle) titled = true;
    if (isTitle || /^\p{Lu}/u.test(w) || (CONNECT.has(lw) && kept.length)) kept.unshift(w);
    else break;
  }
  while (kept.length && CONNECT.has(kept[0]!.toLowerCase())) kept.shift();
  // A sentence-initial capitalised word ("On", "In") is not part of a role.
  while (kept.length && /^(?:On|In|At|As|But|And|Meanwhile|Then|When|After|Before|While)$/.test(kept[0]!)) kept.shift();
  if (!titled || !kept.length) return null;
  if (!kept.some((w) => gaz.titleWords.has(w.toLowerCase()) && !/^(?:former|acting|senior|top|special|national|state|foreign|home)$/i.test(w) || /^spokes/i.test(w))) return null;
  return kept.join(' ');
}

/** The apposition just after `end`: ", a senior figure in the Coordination Framework,". */
export function roleAfter(folded: string, end: number): string | null {
  const m = /^,\s+((?:a|an|the)\s+)?([^,;:.!?"()]{3,90}?)(?=,|\.(?:\s|$)|;| (?:said|says|told|stated|added)\b)/.exec(folded.slice(end, end + 120));
  if (!m) return null;
  const role = m[2]!.trim();
  // A role says what the person is: a role noun or a title word. Names alone after a comma are the next
  // items of a list ("judges Len Goodman, Bruno Tonioli and Carrie Ann Inaba", "Saraki, Melaye").
  const titles = gazetteer().titleWords;
  // An organisation's own ("PG&E's principal meteorologist") is a role too.
  if (!ROLE_NOUN.test(role) && !/^\p{Lu}\S*'s\s/u.test(role) && !role.split(/\s+/).some((w) => titles.has(w.toLowerCase().replace(/'s$/, '')))) return null;
  // A participle's clause says what they did, not what they are ("…, assigned to the unit, …").
  if (/^\p{L}+ed\s+(?:to|by|in|at|with|for|from)\b/iu.test(role)) return null;
  if (/^(?:who|which|that|where|when|he|she|they|it)\b/i.test(role)) return null;
  if (role.split(/\s+/).length > 12) return null;
  return role;
}
