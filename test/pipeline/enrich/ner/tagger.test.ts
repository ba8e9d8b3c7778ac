import { describe, expect, it } from 'vitest';
import { harmoniseTypes } from '../../../../src/pipeline/enrich/ner/consistency.ts';
import { lowerCaseWords, staticFeatures } from '../../../../src/pipeline/enrich/ner/features.ts';
import { gazetteer } from '../../../../src/pipeline/enrich/gazetteer.ts';
import type { RawMention } from '../../../../src/pipeline/enrich/ner/index.ts';
import { TAGS } from '../../../../src/pipeline/enrich/ner/perceptron.ts';
import { emissionScores, loadModel, spansOf, tagSentence, tagWords } from '../../../../src/pipeline/enrich/ner/tagger.ts';
import { allowed, pathScore, START, viterbi } from '../../../../src/pipeline/enrich/ner/viterbi.ts';
import { tokenizeWords } from '../../../../src/pipeline/enrich/tokens.ts';

const idx = (t: string) => TAGS.indexOf(t as (typeof TAGS)[number]);
const vec = (scores: Partial<Record<string, number>>) => Float64Array.from(TAGS, (t) => scores[t] ?? 0);

describe('viterbi', () => {
  it('only lets an I- tag continue an entity of its own type', () => {
    expect(allowed(idx('B-ORG'), idx('I-ORG'))).toBe(true);
    expect(allowed(idx('I-ORG'), idx('I-ORG'))).toBe(true);
    expect(allowed(idx('B-PER'), idx('I-ORG'))).toBe(false);
    expect(allowed(idx('O'), idx('I-LOC'))).toBe(false);
    expect(allowed(START, idx('I-PER'))).toBe(false);
  });

  it('finds the best whole sequence where greedy choice would go wrong', () => {
    // Token 0 slightly prefers B-PER, but token 1 strongly wants I-ORG, which only B-ORG can precede.
    const em = [vec({ 'B-PER': 2, 'B-ORG': 1.5 }), vec({ 'I-ORG': 5, 'I-PER': 0.5 })];
    const tags = viterbi(em, () => new Float64Array(TAGS.length)).map((k) => TAGS[k]);
    expect(tags).toEqual(['B-ORG', 'I-ORG']);
  });

  it('never emits an I- tag without its B- in real tagging', () => {
    const words = 'Officials of the Zanvoria Harbour Authority met Lemmi Durango in Pellaton on Monday .'.split(' ');
    const tags = tagWords(words);
    tags.forEach((t, i) => {
      if (t.startsWith('I-')) expect([`B-${t.slice(2)}`, t]).toContain(tags[i - 1]);
    });
    expect(spansOf(tags).length).toBeGreaterThan(0);
  });
});

describe('emission scores', () => {
  it('are the scores of every tag-independent feature, as training spells them (the tagger caches them by parts)', () => {
    const model = loadModel();
    const gaz = gazetteer();
    for (const text of ['Council meets as U.S. Defense Secretary Mark Esper visits Hanoi , Vietnam .', 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .',
      'Rubio Says Iran Must Stop Arming Militias', 'louis spence was in glasgow on monday']) {
      const words = text.split(' ');
      const want = staticFeatures(words, gaz, model.lower).map((f) => model.scores(f));
      emissionScores(words, model, gaz).forEach((e, i) => e.forEach((x, k) => expect(x).toBeCloseTo(want[i]![k]!, 6)));
    }
  });
});

describe('lower-case lexicon', () => {
  it('keeps words used in lower case away from the start of a sentence, often enough', () => {
    const lower = lowerCaseWords([['The', 'council', 'met'], ['A', 'council', 'vote'], ['Council', 'council', 'met']], 2);
    expect([...lower].sort()).toEqual(['council', 'met']);
  });
});

describe('harmoniseTypes', () => {
  const m = (text: string, type: RawMention['type'], start: number): RawMention => ({ text, type, start, end: start + text.length });

  it('gives every mention of a name the type most of its mentions have', () => {
    const out = harmoniseTypes([m('Okonkwo', 'PER', 0), m('Okonkwo', 'LOC', 20), m('Okonkwo', 'PER', 40), m('Lagos', 'LOC', 60)]);
    expect(out.map((x) => x.type)).toEqual(['PER', 'PER', 'PER', 'LOC']);
  });

  it('leaves ties and non-name mentions alone', () => {
    const out = harmoniseTypes([m('Jordan', 'PER', 0), m('Jordan', 'LOC', 20), m('2024', 'DATE', 30)]);
    expect(out.map((x) => x.type)).toEqual(['PER', 'LOC', 'DATE']);
  });
});

describe('tokenizeWords', () => {
  it('keeps "U.S.-led" whole and an initial with its period, as newswire corpora do', () => {
    const toks = tokenizeWords('The U.S.-led talks with Harry S. Truman ended on Plan B.').map((t) => t.text);
    expect(toks).toContain('U.S.-led');
    expect(toks).toContain('S.');
    expect(toks.slice(-2)).toEqual(['B', '.']); // a letter at the end of a sentence is no initial
  });

  it("keeps a number's hyphenated compound and a double dash whole", () => {
    const toks = tokenizeWords('A 25-year-old won 06-Apr in the 200-meter race -- again.').map((t) => t.text);
    expect(toks).toEqual(['A', '25-year-old', 'won', '06-Apr', 'in', 'the', '200-meter', 'race', '--', 'again', '.']);
  });
});

describe('tagger margins', () => {
  it('scores a path as the sum of its emissions and transitions', () => {
    const em = [vec({ 'B-PER': 2 }), vec({ 'I-PER': 3, O: 1 })];
    const trans = (_i: number, p: number) => vec(p === START ? { 'B-PER': 0.5 } : { O: -1 });
    expect(pathScore(em, trans, [idx('B-PER'), idx('I-PER')])).toBe(5.5);
    expect(pathScore(em, trans, [idx('B-PER'), idx('O')])).toBe(2.5);
  });

  it("is 0 for the tagger's own entity and larger the surer the tagger is of something else", () => {
    const words = 'Officials said Lemmi Durango met diplomats in Paris on Monday .'.split(' ');
    const t = tagSentence(words);
    const paris = words.indexOf('Paris');
    expect(t.tags[paris]).toBe('B-LOC');
    expect(t.margin(paris, paris + 1, 'LOC')).toBe(0);
    expect(t.margin(paris, paris + 1, 'ORG')).toBeGreaterThan(0);
    // "diplomats" is surely no name at all: making it a place costs more than retyping a name.
    expect(t.margin(5, 6, 'LOC')).toBeGreaterThan(t.margin(paris, paris + 1, 'ORG'));
    // 'O' asks for no entity: free for a word already outside one, a cost for the name.
    expect(t.margin(5, 6, 'O')).toBe(0);
    expect(t.margin(paris, paris + 1, 'O')).toBeGreaterThan(0);
  });
});
