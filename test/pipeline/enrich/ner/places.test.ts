import { describe, expect, it } from 'vitest';
import { enrich } from '../../../../src/pipeline/enrich/index.ts';

const typeOf = (e: ReturnType<typeof enrich>, name: string) => e.entities.find((x) => x.canonical === name)?.type;
const names = (e: ReturnType<typeof enrich>, type: string) => e.entities.filter((x) => x.type === type).map((x) => x.canonical);

describe('places the tagger reads as people', () => {
  it('reads a US state abbreviated after a town as the state, and the town as a place in it', () => {
    const e = enrich({
      title: 'Drug seizure',
      text: 'Deputies in Riverside, Calif., seized 40 pounds of methamphetamine on Friday. A spokesman for the sheriff in Trenton, N.J., said a similar case was open. ' +
        'The suspects were later moved to a jail in Tulsa, Okla.',
    });
    expect(typeOf(e, 'California')).toBe('LOC');
    expect(typeOf(e, 'Riverside')).toBe('LOC');
    expect(names(e, 'PER')).not.toContain('Calif');
    expect(names(e, 'LOC')).toEqual(expect.arrayContaining(['New Jersey', 'Oklahoma']));
  });

  it('reads the names of a list that a plural kind of area ends as places ("Orange and Riverside counties")', () => {
    const e = enrich({
      title: 'Power shutoff',
      text: 'Power was cut on Wednesday for a few communities in an area of Orange and Riverside counties that was burned in a wildfire. ' +
        'Floods also hit Hebei, Henan and Shandong provinces in China, officials said.',
    });
    for (const place of ['Riverside', 'Hebei', 'Henan', 'Shandong']) expect(typeOf(e, place)).toBe('LOC');
    expect(names(e, 'PER')).toEqual([]);
  });

  it('does not read a word that abbreviates a state as the state where no town and comma come before it', () => {
    const e = enrich({ title: 'Health', text: 'Ill health forced the mayor to resign on Monday. Mass layoffs followed at the plant, officials said.' });
    expect(names(e, 'LOC')).not.toContain('Illinois');
    expect(names(e, 'LOC')).not.toContain('Massachusetts');
  });

  it('reads a planet as a place, unless the text names a person in full with its name', () => {
    const e = enrich({
      title: 'Probe',
      text: "The probe will study Jupiter's moon Europa, where scientists have detected water vapour. Jupiter has at least 80 moons, the agency said.",
    });
    expect(names(e, 'PER')).not.toContain('Jupiter');
    expect(typeOf(e, 'Jupiter')).toBe('LOC');
    const singer = enrich({ title: 'Concert', text: 'Bruno Mars played two shows in Las Vegas on Saturday. Mars said he would tour Europe next year.' });
    expect(names(singer, 'LOC')).not.toContain('Mars');
    // The god of a myth is no planet: no word of astronomy or spaceflight in his sentence.
    const myth = enrich({ title: 'The Cat and Venus', text: 'A cat fell in love with a handsome young man, and entreated Venus to change her into the form of a woman. Venus consented to her request.' });
    expect(names(myth, 'LOC')).not.toContain('Venus');
  });

  it('reads a name ending in a kind of administrative area as a place', () => {
    const e = enrich({ title: 'Outage', text: 'About half of Marin County’s cell sites were out of service on Sunday, the utility said.' });
    expect(names(e, 'PER')).not.toContain('Marin County');
  });
});

describe('bylines', () => {
  it('reads the names of a byline as people, one per name, whatever the tagger made of them', () => {
    const e = enrich({
      title: 'What is the value of drugs at the border?',
      text: 'By\nMatthew Digby\n,\nMinh Do\non Monday, November 18th, 2019 at 11:08 a.m.\n\nIn October, the congressman said $53 million a week was coming across the border in drugs.',
    });
    expect(names(e, 'PER')).toEqual(expect.arrayContaining(['Matthew Digby', 'Minh Do']));
    expect(names(e, 'LOC')).not.toContain('Minh');
    // A byline credits the writers: no hashtag of them.
    expect(e.hashtags).not.toContain('#MinhDo');
  });

  it('reads no byline into "By" and a time', () => {
    const e = enrich({ title: 'Deadline', text: 'By Christmas Day the shops had sold out.\n\nBy Monday Morning the talks had failed, officials said.' });
    expect(names(e, 'PER')).not.toContain('Christmas Day');
    expect(names(e, 'PER')).not.toContain('Monday Morning');
  });
});
