// How a copy differs from its article's original: the seed pair (the aggregator dropped the lede,
// flattened the quotes, left a quote with a speaker it never introduces, added furniture — and nothing
// else), and constructed copies that change one thing each.
import { describe, expect, it } from 'vitest';
import { changedNumbers, compareCopy } from '../../../src/pipeline/compare/index.ts';
import { seedPair, textCopy, WIRE, WIRE_TITLE } from './helpers.ts';

const HOUR = 3600_000;

describe('compareCopy on the seed pair', () => {
  const { publisher, aggregator } = seedPair();
  const diffs = compareCopy({ text: publisher.text, at: 0, digest: publisher.digest }, { text: aggregator.text, at: 2 * HOUR, digest: aggregator.digest });

  it('says the aggregator dropped the lede, flattened the quotes and left a quote without its attribution', () => {
    const lede = diffs.find((d) => d.kind === 'dropped-lede');
    expect(lede).toMatchObject({ kind: 'dropped-lede' });
    expect(lede && 'text' in lede && lede.text).toMatch(/^Iraq’s ruling coalition is set to hold an emergency meeting/);
    expect(diffs).toContainEqual({ kind: 'flattened-quotes', count: 1, example: 'limit Iran’s malign influence' });
    // Sudani's quote: the copy names him only as "Sudani"; who he is was in the dropped lede.
    expect(diffs).toContainEqual({
      kind: 'unattributed-quotes',
      quotes: [{ text: 'negotiations for a new security agreement with Washington are underway', speaker: 'Sudani', original: 'Mohammed Shia al-Sudani' }],
    });
    const furniture = diffs.find((d) => d.kind === 'adds-furniture');
    expect(furniture && 'items' in furniture && furniture.items).toEqual(expect.arrayContaining(['Hashtags', 'Comments', 'Related Articles']));
  });

  it('lists no difference that is not real', () => {
    // The other ten paragraphs are the same words (curly against straight apostrophes is typography, not
    // a change): nothing truncated, added, reworded or renumbered.
    expect(diffs.map((d) => d.kind).sort()).toEqual(['adds-furniture', 'dropped-lede', 'flattened-quotes', 'unattributed-quotes']);
  });

  it('finds nothing between the original and itself, or a copy with only its typography straightened', () => {
    expect(compareCopy({ text: publisher.text, at: 0, digest: publisher.digest }, { text: publisher.text, at: HOUR, digest: publisher.digest })).toEqual([{ kind: 'verbatim' }]);
    const straight = publisher.text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
    expect(compareCopy({ text: publisher.text, at: 0, digest: publisher.digest }, { text: straight, at: HOUR, digest: publisher.digest })).toEqual([{ kind: 'verbatim' }]);
  });
});

describe('compareCopy on constructed copies', () => {
  const original = textCopy(WIRE_TITLE, WIRE);
  const at0 = { text: original.text, at: 0, digest: original.digest };
  const copy = (ps: string[], at = HOUR) => {
    const c = textCopy(WIRE_TITLE, ps);
    return { text: c.text, at, digest: c.digest };
  };

  it('a word-for-word republication is verbatim', () => {
    expect(compareCopy(at0, copy(WIRE))).toEqual([{ kind: 'verbatim' }]);
  });

  it('a changed number is the only difference, with what it counts', () => {
    const changed = WIRE.map((p, i) => (i === 3 ? p.replace('300 soldiers', '500 soldiers') : p));
    expect(compareCopy(at0, copy(changed))).toEqual([{ kind: 'numbers-differ', changes: [{ from: '300', to: '500', unit: 'soldiers' }] }]);
  });

  it('a paragraph added at the end by a later copy is an update', () => {
    const update = 'Late on Tuesday the governor said two people had died and that 40 homes were destroyed in Orsa.';
    expect(compareCopy(at0, copy([...WIRE, update]))).toEqual([{ kind: 'adds-update', count: 1, first: update }]);
    // The same paragraph in a copy published before the original is not an update.
    expect(compareCopy(at0, copy([...WIRE, update], -HOUR))).toEqual([{ kind: 'adds-paragraphs', count: 1, first: update }]);
  });

  it('a copy cut short, or missing a middle paragraph, says so', () => {
    expect(compareCopy(at0, copy(WIRE.slice(0, 3)))).toEqual([{ kind: 'truncated', count: 2 }]);
    expect(compareCopy(at0, copy([WIRE[0]!, WIRE[1]!, WIRE[3]!, WIRE[4]!]))).toEqual([{ kind: 'dropped-paragraphs', count: 1, first: expect.stringMatching(/^The river peaked at 4\.8 metres/) }]);
  });

  it('a reworded paragraph is counted, not listed as dropped and added', () => {
    const reworded = WIRE.map((p, i) => (i === 4 ? p.replace('Forecasters expect the rain to ease by Thursday', 'The rain should ease by Thursday, forecasters said') : p));
    expect(compareCopy(at0, copy(reworded))).toEqual([{ kind: 'reworded', count: 1 }]);
  });

  it('a quote whose speaker the copy drops is without attribution', () => {
    const anonymous = WIRE.map((p, i) => (i === 1 ? p.replace('Lindqvist told reporters in the valley town of Orsa.', 'an official said.').replace('The regional governor, Marta Lindqvist, said', 'Officials said') : p));
    const d = compareCopy(at0, copy(anonymous));
    expect(d.find((x) => x.kind === 'reworded')).toBeTruthy();
    const un = d.find((x) => x.kind === 'unattributed-quotes');
    expect(un && 'quotes' in un && un.quotes[0]).toMatchObject({ text: 'We will not leave anyone behind while the water is still rising', original: 'Marta Lindqvist' });
  });
});

describe('changedNumbers', () => {
  it('pairs the numbers that differ and keeps the ones that agree', () => {
    expect(changedNumbers('The US keeps around 2,500 troops in Iraq, alongside 1,000 allied troops.', 'The US keeps around 2,000 troops in Iraq, alongside 1,000 allied troops.'))
      .toEqual([{ from: '2,500', to: '2,000', unit: 'troops' }]);
    expect(changedNumbers('Prices rose 5% in March.', 'Prices rose 5 percent in March.')).toEqual([]);
  });
});
