import { readFileSync } from 'node:fs';
import posTagger from 'wink-pos-tagger';
import { describe, expect, it } from 'vitest';
import { enrich, keyphraseCandidatesOf } from '../../../src/pipeline/enrich/index.ts';
import { idf, KEYPHRASE_FEATURES, linearRanker, stemOf, type KeyphraseModel } from '../../../src/pipeline/enrich/keyphrases.ts';
import { posTags } from '../../../src/pipeline/enrich/pos.ts';
import { tokenizeWords } from '../../../src/pipeline/enrich/tokens.ts';

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

  it('is the one ranking: enrich() lists the candidates in the order the shipped model scores them, single words shifted', () => {
    const ranker = linearRanker(model);
    const len1 = KEYPHRASE_FEATURES.indexOf('len1');
    const score = (f: Float64Array) => ranker.score(f) - (f[len1] === 1 ? model.singleWordShift ?? 0 : 0);
    const cands = keyphraseCandidatesOf({ ...story, language: 'en' });
    const byModel = [...cands].sort((a, b) => score(b.features) - score(a.features)).slice(0, 10).map((c) => c.phrase);
    expect(model.singleWordShift).toBeGreaterThan(0);
    expect(enrich({ ...story, language: 'en' }).keyphrases).toEqual(byModel);
  });

  it('lists no piece of a longer name as a topic of its own', () => {
    const e = enrich({ title: 'Ethiopia needs food aid', text: 'Ethiopia will need food assistance next year, the Food and Agriculture Organisation said. The Food and Agriculture Organisation said crop production rose, but the drought hurt farmers. Crop production in the north fell.' });
    expect(e.keyphrases.some((k) => /^(?:Food|Agriculture Organisation|Organisation)$/.test(k))).toBe(false);
    expect(e.keyphrases.map((k) => k.toLowerCase())).toContain('crop production');
  });

  it('never offers a day or a month as a topic', () => {
    const stems = keyphraseCandidatesOf({ title: 'Talks stalled, Lavrov says', text: 'Lavrov said on Tuesday that talks had stalled. Talks resume on Friday, and a deal is due in December. The talks on Tuesday went badly.' }).map((c) => c.phrase.toLowerCase());
    expect(stems).toContain('talks');
    expect(stems.some((p) => /tuesday|friday|december/.test(p))).toBe(false);
  });

  it('prefers the specific phrase a reader would write over a generic word the text repeats', () => {
    const lower = enrich(story).keyphrases.map((k) => k.toLowerCase());
    expect(lower).toContain('oil tanker');
    const company = lower.indexOf('company');
    if (company >= 0) expect(lower.indexOf('oil tanker')).toBeLessThan(company);
    expect(lower).not.toContain('percent');
  });

  it('names a person by the full name the article gives, not by a form of address, a post or the surname alone', () => {
    const e = enrich({
      title: 'Hallworth backs maternity pay plan',
      text: 'Industry Secretary Marjorie Hallworth has backed plans to extend maternity pay to a full year. ' +
        'Ms Hallworth said paid maternity leave would help mothers return to work. Ms Hallworth told MPs the maternity pay plan ' +
        'would cost small firms little. Hallworth said the plan would be in the election manifesto. Critics said maternity pay ' +
        'was already generous, but Ms Hallworth said it lagged behind other countries.',
      language: 'en',
    });
    const lower = e.keyphrases.map((k) => k.toLowerCase());
    expect(lower).toContain('marjorie hallworth');
    expect(lower.filter((k) => k.includes('hallworth'))).toEqual(['marjorie hallworth']);
    expect(lower).toContain('maternity pay');
  });

  it('names a person called by the given name alone by the full name', () => {
    const e = enrich({
      title: 'Paula sets sights on London marathon',
      text: 'Paula Ferrante will run the London marathon in April, her coach said. Paula has trained in Kenya since January. ' +
        'The London marathon is her first race since injury, and Paula said her training had gone well. Ferrante won the race in 2019.',
      language: 'en',
    });
    const lower = e.keyphrases.map((k) => k.toLowerCase());
    expect(lower).toContain('paula ferrante');
    expect(lower).not.toContain('paula');
  });

  it('never lists a single letter', () => {
    const e = enrich({
      title: 'Vexa unveils the E and the S',
      text: 'Carmaker Vexa unveiled two electric models, the E and the S. The S has a longer range than the E, and the S costs more. ' +
        'Vexa said the S would reach dealers in spring. The E is the cheaper model.',
      language: 'en',
    });
    expect(e.keyphrases.filter((k) => /^\p{L}$/u.test(k))).toEqual([]);
  });

  it('lists a knight once, with or without "Sir"', () => {
    const e = enrich({
      title: 'Sir Alfred Penrose portrait saved for the nation',
      text: 'A portrait by Sir Alfred Penrose has been saved for the nation after a public appeal. Alfred Penrose painted it in 1776, ' +
        'when Alfred Penrose was at the height of his fame. Critics say Alfred Penrose never painted better. The gallery will show it in May.',
      language: 'en',
    });
    expect(e.keyphrases.filter((k) => /Alfred Penrose$/.test(k))).toHaveLength(1);
  });

  it('reads a news word as more specific than a word every story uses', () => {
    expect(idf(stemOf('tanker'))).toBeGreaterThan(idf(stemOf('company')));
    expect(idf(stemOf('sanctions'))).toBeGreaterThan(idf(stemOf('said')));
  });
});

describe('part-of-speech tags', () => {
  it("are wink-pos-tagger's, word for word (pos.ts runs its steps with per-word caching)", () => {
    const tagger = posTagger();
    const texts = [story.title, story.text, 'In the mid-1990s, Wo Ltd. said it would buy 1,500 Big Shiny Trucks for $3.5 million -- "we can\'t wait," they\'re saying.',
      'OIL MAJOR BEATS PROFIT FORECASTS AS 2024 ENDS', 'Rubio Says Iran Must Stop Arming Militias', 'the unhappy runners ran faster than the fastest horses in 1980s races'];
    for (const text of texts) {
      const words = tokenizeWords(text).map((t) => t.text);
      for (const ws of [words, words.map((w) => w.toLowerCase())]) expect(posTags(ws)).toEqual(tagger.tagRawTokens(ws).map((t) => t.pos));
    }
  });
});

describe('keyphrase candidates', () => {
  const phrasesOf = (title: string, text: string) => keyphraseCandidatesOf({ title, text, language: 'en' }).map((c) => c.phrase);

  it('keeps a name whole when the tagger reads one of its capitalised words as a verb', () => {
    // wink-pos-tagger tags "State" in "the US State Department" VBP, which left "Department" a phrase alone.
    const phrases = phrasesOf('Talks go on', 'Following the call, the US State Department released a statement on the talks.');
    expect(phrases).toContain('US State Department');
    expect(phrases).not.toContain('Department');
  });

  it('reads a participle before a noun as part of the phrase, not one after an auxiliary', () => {
    const phrases = phrasesOf('', 'We study a distributed parameter model of heat flow. The firm has raised prices twice.');
    expect(phrases).toContain('distributed parameter model');
    expect(phrases).not.toContain('raised prices');
    expect(phrases).not.toContain('distributed');
  });

  it('offers a common word inside a phrase as a candidate of its own, not a word of a name', () => {
    const cands = keyphraseCandidatesOf({ title: '', text: 'The world cup drew record crowds to the Santa Monica pier.', language: 'en' });
    const inner = KEYPHRASE_FEATURES.indexOf('innerOnly');
    const world = cands.find((c) => c.phrase === 'world');
    expect(world?.features[inner]).toBe(1);
    expect(cands.find((c) => c.phrase === 'world cup')?.features[inner]).toBe(0);
    expect(cands.map((c) => c.phrase)).not.toContain('Santa');
  });

  it('measures how much of a word\'s use a phrase holds', () => {
    const cands = keyphraseCandidatesOf({ title: '', text: 'Neural networks learn. Neural networks generalise. The network of roads and the old network of rails stayed.', language: 'en' });
    const coh = KEYPHRASE_FEATURES.indexOf('cohesionMin');
    const neural = cands.find((c) => c.phrase === 'Neural networks')!;
    expect(neural.features[coh]).toBe(1); // "neural" is never used outside the phrase
    expect(neural.features[KEYPHRASE_FEATURES.indexOf('cohesionMax')]).toBeLessThan(1); // "network" is
  });
});

describe('keyphrases that are names with "of"', () => {
  it('offers the whole name, not only its pieces, and never the name of a post run into a person\'s name', () => {
    const phrases = keyphraseCandidatesOf({
      title: 'Printers vote on strike',
      text: 'The National Union of Printworkers will ballot members at the paper. The National Union of Printworkers said talks failed. ' +
        'The Bishop of Carlisle urged calm. Secretary of State Alan Marsh said he would not intervene.',
      language: 'en',
    }).map((c) => c.phrase);
    expect(phrases).toContain('National Union of Printworkers');
    expect(phrases).toContain('Bishop of Carlisle');
    expect(phrases.some((p) => p.startsWith('Secretary of State'))).toBe(false);
  });

  it('lists the whole name, not the piece before "of" that the text writes only in it', () => {
    const e = enrich({
      title: 'Biography of a queen tipped for book prize',
      text: 'A biography of Margit Queen of Galloway is tipped to win the Pellham book prize. The life of Margit Queen of Galloway ' +
        'took the author ten years to write. Margit Queen of Galloway ruled for forty years, the biography says. The book prize is worth 30,000 pounds.',
      language: 'en',
    });
    expect(e.keyphrases).toContain('Margit Queen of Galloway');
    expect(e.keyphrases).not.toContain('Margit Queen');
  });
});

describe('keyphrases with digits', () => {
  it('keeps "3D", "4G" and "G7" whole, not "D graphics" or "G network"', () => {
    const phrases = keyphraseCandidatesOf({
      title: 'Carriers race to build 4G networks',
      text: 'Three carriers will switch on 4G networks next year, and a maker showed a 3D camera. Leaders at the G7 summit talked about 4G networks. The 3D camera costs less than rivals.',
      language: 'en',
    }).map((c) => c.phrase);
    expect(phrases).toContain('4G networks');
    expect(phrases).toContain('3D camera');
    expect(phrases).toContain('G7 summit');
    expect(phrases.some((p) => /^(?:D|G) /.test(p) || p === 'D' || p === 'G')).toBe(false);
  });
});

describe('keyphrases of a name with "of"', () => {
  it('does not offer the common word that closes the name as a phrase of its own', () => {
    const phrases = keyphraseCandidatesOf({ title: '', text: 'He met the Secretary of State in Paris. The Bank of England held rates.', language: 'en' }).map((c) => c.phrase);
    expect(phrases).not.toContain('State');
    expect(phrases).toContain('England');
  });
});

describe('a headline\'s first word', () => {
  it('is no name when the body writes it in lower case, a name after it or not', () => {
    const e = enrich({
      title: 'House Hitler was born in will become a police station, Austria says',
      text: 'The house where Adolf Hitler was born will be turned into a police station, Austria\'s interior minister said. ' +
        'The house has stood empty for years. Architects will redesign the house, and the police station will open in 2023.',
    });
    const phrases = e.keyphrases;
    expect(phrases).not.toContain('House Hitler');
    expect(phrases.map((p) => p.toLowerCase())).toContain('house');
    // A name the body writes capitalised stays one.
    const f = enrich({ title: 'Facebook launches a mobile site', text: 'Facebook has one mobile site now (m [dot] facebook [dot] com). Facebook said users liked it. Facebook will add more.' });
    expect(f.keyphrases).toContain('Facebook');
  });

  it('is a name when it is a common word the body writes as a surname, and a headline verb is no part of a phrase', () => {
    const phrases = keyphraseCandidatesOf({
      title: 'Straw to attend camp service',
      text: 'Foreign Secretary Jack Straw will attend the memorial service at the camp on Thursday. Straw said the service mattered to survivors.',
      language: 'en',
    }).map((c) => c.phrase);
    expect(phrases).toContain('Straw');
    expect(phrases).not.toContain('straw');
    const verbs = keyphraseCandidatesOf({
      title: 'Renault deal boosts Tatra',
      text: 'Renault will buy a stake in the truck maker Tatra, the firms said. The Renault deal gives Tatra cash for new plants.',
      language: 'en',
    }).map((c) => c.phrase);
    expect(verbs).not.toContain('Renault deal boosts');
    expect(verbs).toContain('Renault deal');
  });
});
