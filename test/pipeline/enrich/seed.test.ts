import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrich, enrichDocument } from '../../../src/pipeline/enrich/index.ts';

const seed = readFileSync(new URL('../../../fixtures/seeds/001_03aee5fa6f29c944.txt', import.meta.url), 'utf8');
const titleEnd = seed.indexOf('\n');
const e = enrichDocument(seed, { titleEnd, published: '2025-02-20T10:00:00Z' });

describe('enrich on the seed article', () => {
  it('finds people, organisations and places with canonical names', () => {
    const canon = (text: string) => e.mentions.filter((m) => m.text === text).map((m) => m.canonical);
    expect(canon('Sudani')).toEqual(['Mohammed Shia al-Sudani', 'Mohammed Shia al-Sudani']);
    expect(canon('Hussein')).toEqual(['Fuad Hussein']);
    expect(canon('Rubio')).toEqual(['Marco Rubio', 'Marco Rubio']);
    expect(canon('Schenker')).toEqual(['David Schenker']);
    const byName = new Map(e.entities.map((x) => [x.canonical, x]));
    expect(byName.get('Marco Rubio')).toMatchObject({ type: 'PER', mentions: 3 });
    expect(byName.get('Fuad Hussein')).toMatchObject({ type: 'PER', role: 'Iraqi Foreign Minister' });
    expect(byName.get('Uday al-Khadran')?.role).toBe('senior figure in the Coordination Framework');
    expect(byName.get('David Schenker')?.role).toBe('former Assistant Secretary of State for Near Eastern Affairs');
    expect(byName.get('Coordination Framework')?.type).toBe('ORG');
    expect(byName.get('US State Department')?.type).toBe('ORG');
    expect(byName.get('Iraq')?.type).toBe('LOC');
    expect(byName.get('Iran')?.type).toBe('LOC');
  });

  it('gives offsets that point at the mention in the input', () => {
    expect(e.mentions.length).toBeGreaterThan(30);
    for (const m of e.mentions) expect(seed.slice(m.start, m.end)).toBe(m.text);
    for (const q of e.quotes) expect(seed.slice(q.start, q.end)).toBe(q.text);
    for (const f of e.facts) expect(seed.slice(f.start, f.end)).toBe(f.text);
  });

  it('extracts numbers with what they count and dates with the year of publication', () => {
    const troops = e.facts.filter((f) => f.kind === 'number' && f.unit === 'troops');
    expect(troops.map((f) => f.value)).toEqual([2500, 1000]);
    expect(troops[0]!.text).toBe('around 2,500');
    expect(troops[1]!.about).toBe('additional troops from allied nations');
    const date = e.facts.find((f) => f.kind === 'date');
    expect(date).toMatchObject({ text: 'February 1', value: '2025-02-01' });
    expect(date!.about).toMatch(/^Trump signed a presidential memorandum/);
  });

  it('attributes reported and direct speech to the right speakers', () => {
    const by = (verb: string) => e.quotes.find((q) => q.verb === verb)?.speaker;
    expect(by('stated')).toBe('Uday al-Khadran');
    expect(by('expected')).toBe('Uday al-Khadran'); // "He expected …": pronoun resolved
    expect(by('confirmed')).toBe('Tammy Bruce');
    expect(by('remarked')).toBe('David Schenker');
    expect(by('emphasized')).toBe('David Schenker');
    for (const v of ['reiterated', 'highlighted', 'revealed', 'noted']) expect(by(v)).toBe('Fuad Hussein');
    const direct = e.quotes.find((q) => q.direct);
    expect(direct).toMatchObject({ speaker: 'US State Department', text: 'limit Iran’s malign influence' });
  });

  it('tags the article with its key places, people, organisations and topics', () => {
    expect(e.hashtags.length).toBeGreaterThanOrEqual(3);
    expect(e.hashtags.length).toBeLessThanOrEqual(8);
    for (const h of ['#Iraq', '#Iran', '#MarcoRubio']) expect(e.hashtags).toContain(h);
    for (const h of e.hashtags) expect(h).toMatch(/^#[\p{Lu}\p{N}][\p{L}\p{N}]*$/u);
  });

  it('summarises in three body sentences without the title', () => {
    expect(e.summary).toHaveLength(3);
    for (const s of e.summary) expect(seed.includes(s)).toBe(true);
    expect(e.summary).not.toContain(seed.slice(0, titleEnd));
  });

  it('enrich() offsets are into title + blank line + text', () => {
    const [title, ...rest] = seed.split('\n');
    const r = enrich({ title: title!, text: rest.join('\n'), published: '2025-02-20' });
    const doc = `${title}\n\n${rest.join('\n')}`;
    for (const m of r.mentions) expect(doc.slice(m.start, m.end)).toBe(m.text);
    expect(r.language).toBe('en');
  });

  it('lists no word that the text only uses inside a longer name ("Department" of "US State Department")', () => {
    for (const k of e.keyphrases.filter((p) => /^\p{Lu}\p{Ll}+$/u.test(p))) {
      // Some use of the word stands apart from capitalised neighbours and from a name's "of".
      const apart = [...seed.matchAll(new RegExp(`(\\S+\\s+)?(\\S+\\s+)?\\b${k}\\b(\\s+\\S+)?`, 'gu'))].some((m) => {
        const prev = m[2]?.trim() ?? '', before = m[1]?.trim() ?? '', next = m[3]?.trim() ?? '';
        const cap = (w: string) => /^\p{Lu}/u.test(w) && !/[.!?]$/.test(w);
        return !(prev && cap(prev)) && !(next && /^\p{Lu}/u.test(next)) && !(prev === 'of' && cap(before));
      });
      expect(apart, k).toBe(true);
    }
  });
});
