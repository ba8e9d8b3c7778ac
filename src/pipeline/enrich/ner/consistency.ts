// One name, one type per document: a tagger that decides sentence by sentence calls "Hariri" a person
// in one sentence and a place in the next. News keeps a name's referent fixed within an article, so
// the type most of its mentions got wins (label consistency, as in Krishnan & Manning 2006).
import type { RawMention } from './index.ts';

type NameType = 'PER' | 'ORG' | 'LOC';
const NAME_TYPES = new Set(['PER', 'ORG', 'LOC']);

/** Mentions with the same text retyped to their majority type; ties and single mentions stay. */
export function harmoniseTypes(ms: RawMention[]): RawMention[] {
  const votes = new Map<string, Map<NameType, number>>();
  for (const m of ms) {
    if (!NAME_TYPES.has(m.type)) continue;
    let v = votes.get(m.text);
    if (!v) votes.set(m.text, (v = new Map()));
    v.set(m.type as NameType, (v.get(m.type as NameType) ?? 0) + 1);
  }
  const winner = new Map<string, NameType>();
  for (const [text, v] of votes) {
    if (v.size < 2) continue;
    const ranked = [...v].sort((a, b) => b[1] - a[1]);
    if (ranked[0]![1] > ranked[1]![1]) winner.set(text, ranked[0]![0]);
  }
  if (!winner.size) return ms;
  return ms.map((m) => {
    const t = winner.get(m.text);
    return t && NAME_TYPES.has(m.type) && m.type !== t ? { ...m, type: t } : m;
  });
}
