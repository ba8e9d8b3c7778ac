import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/pipeline/enrich/index.ts';

const listed = (e: ReturnType<typeof enrich>) => e.facts.map((f) => `${f.text} — ${f.about ?? f.unit ?? ''}`);

describe('key facts a reader is shown', () => {
  it('takes no count from a number that is part of a word, a compound, a range or a name', () => {
    const e = enrich({
      title: 'Cars',
      text: 'The 7th motor show opened in the 21st century hall. The 56-year-old designer showed a 4-door coupe with an 8-inch screen and a 2.0-liter engine. ' +
        'It runs at 1080p and 60fps in Red Dead Redemption 2 tests, as in the 2022/23 season, case FHC/ABJ/03 and the ID.3 model; ' +
        'the hall at Corso Monforte 15 takes 60-90 minutes to tour. Organisers counted 12 cars from 4 countries.',
    });
    expect(listed(e)).toEqual(['12 — cars from 4 countries', '4 — countries']);
  });

  it('keeps a count after a capitalised word that merely opens the sentence', () => {
    const e = enrich({ title: 'Teachers', text: 'Nearly 300 school districts closed. Some 375,000 people lost power.' });
    expect(e.facts.map((f) => f.value)).toEqual([300, 375000]);
  });

  it('lists a count once, none from the headline when there is a body, and no "today"', () => {
    const e = enrich({
      title: 'UK Targets Iranian Oil Magnate, Four Companies with Asset Freeze',
      text: 'NASA said the five companies - Blue Origin, Ceres Robotics and SpaceX - had been selected. All five companies may bid. "Today, the UK is announcing sanctions," the minister said.',
      published: '2019-11-19T10:00:00Z',
    });
    expect(listed(e)).toEqual(['five — companies']);
  });

  it('says what happened on a date without the wire dateline, and lists an amount converted in brackets once', () => {
    const e = enrich({
      title: 'Orders',
      text: 'WASHINGTON - NASA announced Nov. 18 that it was adding five companies to the programme.\nOrders rose to 15.3 billion euros ($16.2 billion) in the fourth quarter.',
      published: '2019-11-19T10:00:00Z',
    });
    expect(e.facts.find((f) => f.kind === 'date')?.about).toBe('NASA announced that it was adding five companies to the programme');
    expect(e.facts.filter((f) => f.unit === 'EUR' || f.unit === 'USD').map((f) => f.text)).toEqual(['15.3 billion euros']);
  });

  it('leaves no preposition hanging where the date was taken out', () => {
    const e = enrich({ title: 'Court', text: 'He pleaded guilty on Monday. Sentencing is scheduled for Feb. 14.', published: '2019-11-19T10:00:00Z' });
    expect(e.facts.find((f) => f.text === 'Feb. 14')?.about).toBe('Sentencing is scheduled');
  });
  it('takes no fact from a byline, and keeps a date a sentence opens with "By"', () => {
    const e = enrich({
      title: 'Border agents seize drugs',
      text: 'By\nMatthew Digby\n,\nMinh Do\nPublished March 3, 2026\n\nAgents seized 40 rifles on March 2 at the crossing, officials said. ' +
        'By March 10, the agency plans to add 12 officers.',
      published: '2026-03-03T10:00:00Z',
    });
    expect(e.facts.filter((f) => f.kind === 'date').map((f) => f.text)).toEqual(['March 2', 'March 10']);
  });

  it('reads pounds of a thing or a weight as a weight, and pounds fined or of funding as money', () => {
    const e = enrich({
      title: 'Seizure',
      text: 'Agents seized 300 pounds of fentanyl at the port. The suspect weighed 200 pounds. ' +
        'The importer was fined 5,000 pounds. The port got 2 million pounds of funding.',
    });
    expect(e.facts.map((f) => [f.value, f.unit])).toEqual([[300, 'pounds'], [200, 'pounds'], [5000, 'GBP'], [2_000_000, 'GBP']]);
  });
  it('takes a weekday written before its date as that date, not as a second fact of another day', () => {
    const e = enrich({
      title: 'Claim',
      text: 'The congressman made the claim on Sunday, October 13th, 2019 in an article in a local newspaper. Agents seized 12 rifles on Friday at the crossing.',
      published: '2019-11-18T11:08:00Z',
    });
    expect(e.facts.filter((f) => f.kind === 'date').map((f) => [f.text, f.value])).toEqual([['October 13th, 2019', '2019-10-13'], ['Friday', '2019-11-15']]);
  });
  it('says what happened on a date without the dash that opens an attribution line', () => {
    const e = enrich({
      title: 'Claim',
      text: '"$53 million a week is coming across the border in drugs."\n\n— David McKinley on October 13th, 2019 in an article in a local newspaper\n\nThe claim was checked.',
    });
    expect(e.facts.find((f) => f.kind === 'date')?.about).toBe('David McKinley in an article in a local newspaper');
  });
  it('names nothing counted by a pronoun\'s piece ("that\'s less than 2%", "That\'s $30,000")', () => {
    const e = enrich({
      title: 'Tariffs',
      text: 'Revenues from the tariffs totaled $63 billion. For context, that’s less than 2% of annual federal revenues. That\'s $30,000 a year for each farm.',
    });
    const about = (text: string) => e.facts.find((f) => f.text === text)?.about;
    expect(about('$63 billion')).toBe('Revenues from the tariffs');
    expect(about('less than 2%')).toBeNull();
    expect(about('$30,000')).toBeNull();
  });
});

