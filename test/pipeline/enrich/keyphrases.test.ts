import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enrich, keyphraseCandidatesOf } from '../../../src/pipeline/enrich/index.ts';
import { idf, KEYPHRASE_FEATURES, linearRanker, stemOf, type KeyphraseModel } from '../../../src/pipeline/enrich/keyphrases.ts';

const story = {
  title: 'Tanker seized in Gulf as sanctions bite',
  text: 'Iranian forces seized an oil tanker in the Gulf on Tuesday, the shipping company that manages the vessel said. ' +
    'The company said the oil tanker was carrying fuel to Singapore. The seizure comes weeks after new sanctions on Iranian oil exports. ' +
    'The company said it had lost contact with the crew. Oil prices rose 2 percent after the oil tanker was seized, and shipping insurers raised war-risk premiums for the Gulf.',
};

describe('keyphrases ranked by the learned ranker', () => {
  const model = JSON.parse(readFileSync(new URL('../../../src/pipeline/enrich/data/keyphrase-model.json', import.meta.url), 'utf8')) as KeyphraseModel;

  it('ships a model over features the ranker computes, rebuilt by scripts/train-keyphrases.ts', () => {
    for (const f of model.features) expect(KEYPHRASE_FEATURES).toContain(f);
    expect(model.weights).toHaveLength(model.features.length);
    expect(model.mean).toHaveLength(model.features.length);
  });

  it('is the one ranking: enrich() lists the candidates in the order the shipped model scores them', () => {
    const ranker = linearRanker(model);
    const cands = keyphraseCandidatesOf({ ...story, language: 'en' });
    const byModel = [...cands].sort((a, b) => ranker.score(b.features) - ranker.score(a.features)).slice(0, 10).map((c) => c.phrase);
    expect(enrich({ ...story, language: 'en' }).keyphrases).toEqual(byModel);
  });

  it('prefers the specific phrase a reader would write over a generic word the text repeats', () => {
    const lower = enrich(story).keyphrases.map((k) => k.toLowerCase());
    expect(lower).toContain('oil tanker');
    const company = lower.indexOf('company');
    if (company >= 0) expect(lower.indexOf('oil tanker')).toBeLessThan(company);
    expect(lower).not.toContain('percent');
  });

  it('reads a news word as more specific than a word every story uses', () => {
    expect(idf(stemOf('tanker'))).toBeGreaterThan(idf(stemOf('company')));
    expect(idf(stemOf('sanctions'))).toBeGreaterThan(idf(stemOf('said')));
  });
});
