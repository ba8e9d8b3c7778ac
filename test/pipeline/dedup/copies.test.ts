// Each kind of copy ingest meets is recognised; different articles are not.
import { describe, expect, it } from 'vitest';
import { DedupStream } from '../../../src/pipeline/stories/index.ts';
import { fingerprintText, isCopy, isMoreComplete, resemblance } from '../../../src/pipeline/dedup/index.ts';
import { SEED_AGGREGATOR, SEED_PUBLISHER, unrelatedNews } from '../stories/helpers.ts';

const original = SEED_PUBLISHER;
const paragraphs = original.split('\n').filter((p) => p.trim());
const straight = (s: string) => s.replace(/[\u201C\u201D]/g, '"').replace(/[\u2018\u2019]/g, "'");

function copyOf(a: string, b: string): boolean {
  return isCopy(resemblance(fingerprintText(a), fingerprintText(b)));
}

// Another outlet's own article about the same event: same facts and names, its own words.
const SAME_EVENT = `Leaders of Iraq's governing Coordination Framework will meet in an emergency session after Secretary of State Marco Rubio spoke by telephone with Prime Minister Mohammed Shia al-Sudani, officials in Baghdad said.
The call, in which Washington pressed Baghdad to curb Tehran's sway and wean itself off Iranian gas and electricity, alarmed the pro-Iran parties in the bloc, who fear sanctions on banks and politicians.
Framework member Uday al-Khadran told reporters the alliance wanted Iraq to stay neutral. Analysts said the talks would weigh how far the government can go without angering either ally.
About 2,500 American soldiers remain in the country under the anti-ISIS coalition.`;

describe('copies are recognised', () => {
  const cases: [string, string][] = [
    ['syndication with a wire credit', `By Asharq Al-Awsat staff\n${original}\nAll rights reserved.`],
    ['aggregator page with furniture and related block (seed 000)', SEED_AGGREGATOR],
    ['lede dropped', paragraphs.slice(1).join('\n')],
    ['truncated to the first paragraphs', paragraphs.slice(0, 3).join('\n') + '\nRead more...'],
    ['quote typography flattened', straight(original)],
    ['new headline', `Iraq's pro-Iran bloc weighs its answer to Washington\n${original}`],
    ['updated version', [...paragraphs.slice(0, 5), 'Update: the meeting was later postponed to next week, officials said.', ...paragraphs.slice(5)].join('\n')],
  ];
  it.each(cases)('%s', (_, copy) => {
    expect(copyOf(copy, original)).toBe(true);
    expect(copyOf(original, copy)).toBe(true);
  });
});

describe('different articles are not copies', () => {
  it('an article about the same event in other words', () => {
    expect(copyOf(SAME_EVENT, original)).toBe(false);
  });

  it('an article sharing only a quoted paragraph', () => {
    const quoted = paragraphs[4]!;
    const other = unrelatedNews().map((n) => n.text);
    const host = [other[0], other[1], `As a report on Iraq put it: "${quoted}"`, other[2], other[3]].join('\n\n');
    expect(copyOf(host, original)).toBe(false);
  });

  it('unrelated articles', () => {
    const news = unrelatedNews();
    for (let i = 0; i < news.length; i++) {
      expect(copyOf(news[i]!.text, original)).toBe(false);
      for (let j = i + 1; j < news.length; j++) expect(copyOf(news[i]!.text, news[j]!.text)).toBe(false);
    }
  });
});

describe('DedupStream', () => {
  it('points each copy at the first item of its article, in stream order', async () => {
    const s = new DedupStream();
    const news = unrelatedNews();
    const order = [news[0]!.text, original, news[1]!.text, straight(paragraphs.slice(1).join('\n')), SAME_EVENT, paragraphs.slice(0, 3).join('\n'), news[2]!.text];
    const placed: number[] = [];
    for (const t of order) placed.push((await s.place(t)).article);
    expect(placed).toEqual([0, 1, 2, 1, 4, 1, 6]);
  });

  it('a short item is a copy only when it has the same words throughout', async () => {
    const s = new DedupStream();
    const brief = 'Flooding closes the main coastal highway north of the capital.';
    expect((await s.place(brief)).article).toBe(0);
    expect((await s.place('Flooding closes the main coastal highway north of the capital')).article).toBe(0);
    expect((await s.place('Flooding closes the main coastal railway north of the capital.')).article).toBe(2);
    expect((await s.place('Storm warning.')).article).toBe(3);
    expect((await s.place('Storm warning, update.')).article).toBe(4); // too short to tell a copy from a common phrase
  });

  it('an exact repeat is the same article however short (the content hash, as ingest stores it)', async () => {
    const s = new DedupStream();
    expect((await s.place('Storm warning.')).article).toBe(0);
    expect((await s.place('STORM  warning.')).article).toBe(0);
    expect((await s.place('Storm watch.')).article).toBe(2);
  });

  it('two items at one URL are one article, the later text a version of it', async () => {
    const s = new DedupStream();
    const news = unrelatedNews();
    expect((await s.place(news[0]!.text, null, { url: 'https://outlet.example/a?utm_source=x' })).article).toBe(0);
    expect((await s.place(news[1]!.text, null, { url: 'https://www.outlet.example/a' })).article).toBe(0);
    expect((await s.place(news[2]!.text, null, { url: 'https://outlet.example/b' })).article).toBe(2);
  });
});

describe('canonical choice', () => {
  const full = { fingerprint: fingerprintText(original), published: Date.parse('2025-02-20T09:00:00Z') };
  const noLede = { fingerprint: fingerprintText(paragraphs.slice(1).join('\n')), published: Date.parse('2025-02-20T08:00:00Z') };
  it('the most complete text wins, whatever arrives first', () => {
    expect(isMoreComplete(full, noLede)).toBe(true);
    expect(isMoreComplete(noLede, full)).toBe(false);
  });
  it('between equally complete texts, the earliest publisher wins', () => {
    const later = { fingerprint: fingerprintText(straight(original)), published: Date.parse('2025-02-20T10:00:00Z') };
    expect(isMoreComplete(later, full)).toBe(false);
    expect(isMoreComplete(full, later)).toBe(true);
  });
});
