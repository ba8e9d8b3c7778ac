import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/pipeline/enrich/index.ts';

const said = (e: ReturnType<typeof enrich>) => e.quotes.map((q) => [q.speaker, q.text]);

describe('quotes a reader is shown', () => {
  it('takes a quoted title (a show, a song, a theme) for no one\'s words', () => {
    const e = enrich({
      title: 'Actor out',
      text: 'Jane Roe has been eliminated from “Dancing with the Stars.” The festival took ‘The Medium is the Message’ as its theme, and the crowd sang “We’re Not Gonna Take It” outside. “We will be back next year,” Roe said.',
    });
    expect(said(e)).toEqual([['Jane Roe', 'We will be back next year']]);
  });

  it('names no speaker when the attribution is a noun phrase, rather than a person the sentence names', () => {
    const e = enrich({
      title: 'Threat',
      text: 'Prosecutors said John Doe called the office of Rep. Ilhan Omar. During the call, he asked about the Muslim Brotherhood and said, “somebody ought to hurt her,” the prosecutor’s office said. ' +
        'Omar is one of the first Muslim women elected. A staff member recalled that he said, "I will hurt her," the U.S. attorney\'s office said.',
    });
    expect(e.quotes.filter((q) => q.direct).map((q) => q.speaker)).toEqual([null, null]);
  });

  it('ends a quote at two closing apostrophes and finds the speaker after an apposition', () => {
    const e = enrich({
      title: 'Debate',
      text: '“It was an attempt to mislead voters,’’ Will Moy, chief executive of the fact-checking website Full Fact, told the BBC. ' +
        '"We will act today," Minister for the Middle East, Hamish Falconer, said.',
    });
    expect(said(e)).toEqual([['Will Moy', 'It was an attempt to mislead voters'], ['Hamish Falconer', 'We will act today']]);
  });

  it('lists a line the page repeats once, with its speaker, and takes "said in a statement" for no words', () => {
    const e = enrich({
      title: 'Border',
      text: '"$53 million a week is coming across the border in drugs." That is the claim. "$53 million a week is coming across the border in drugs," McKinley said. ' +
        'The building will house the police, the Interior Ministry said in a statement.',
    });
    expect(said(e)).toEqual([['McKinley', '$53 million a week is coming across the border in drugs']]);
  });

  it('reads the speaker after a lower-case title, and takes a passive for no speech', () => {
    const e = enrich({
      title: 'Outlook',
      text: '"Demand for our grid technology is unprecedented," chief executive Christian Bruch told analysts. ' +
        'The wind unit Siemens Gamesa is expected to break even in 2026. The hunter was admitted to hospital on Saturday.',
    });
    expect(said(e)).toEqual([['Christian Bruch', 'Demand for our grid technology is unprecedented']]);
  });
  it('reports nothing from a comparison with what someone suggests ("more complicated than McKinley suggests, but …")', () => {
    const e = enrich({
      title: 'Drugs at the border',
      text: 'Rep. David McKinley said the border needs more agents. It is more complicated than McKinley suggests, but he appears to be in the ballpark.',
    });
    expect(said(e)).toEqual([['David McKinley', 'the border needs more agents']]);
  });

  it('reports no words where the verb takes an object, a dash or a relative clause, not a clause of its own', () => {
    const e = enrich({
      title: 'NASA adds five companies to commercial lunar lander program',
      text: 'Destiny 2 does not run in native 4K on the service. Google confirmed this in a statement on Tuesday. ' +
        'Google promised more, and for whatever reason it is not delivering yet. The engine puts out 151 PS, which Nissan claims is a 20% improvement. ' +
        'Google promised – it was revealed in a review – a better picture. Google said the service would improve by the spring.',
    });
    expect(said(e)).toEqual([['Google', 'the service would improve by the spring']]);
  });

  it('reads past where and when it was said, a date abbreviated in it, to the words after "that"', () => {
    const e = enrich({
      title: 'Power shutoff',
      text: 'The California Governor\'s Office of Emergency Services said in an Oct. 26 letter to communications companies that their level of engagement was unacceptable.',
    });
    expect(said(e)).toEqual([["California Governor's Office of Emergency Services", 'their level of engagement was unacceptable']]);
  });

  it('reads a quote that runs over paragraphs, each opened and only the last closed, in its speaker\'s voice', () => {
    const e = enrich({
      title: 'Manager appointed',
      text: 'Jose Mourinho has agreed a deal to manage Tottenham.\n\nThe 56-year-old said after his appointment: "I am excited to be joining a club with such a great heritage.\n\n' +
        '"The quality in both the squad and the academy excites me."\n\nTottenham said in a statement: "Jose is one of the world\'s most accomplished managers.\n\n' +
        '"He is renowned for his tactical prowess."',
    });
    expect(said(e)).toEqual([
      ['Jose Mourinho', 'I am excited to be joining a club with such a great heritage.'],
      ['Jose Mourinho', 'The quality in both the squad and the academy excites me.'],
      ['Tottenham', 'Jose is one of the world\'s most accomplished managers.'],
      ['Tottenham', 'He is renowned for his tactical prowess.'],
    ]);
  });

  it('takes no one named inside a quote for the "he" who said it', () => {
    const e = enrich({
      title: 'Guards charged',
      text: 'Senator Ben Sasse said the charges are overdue. "Heads needed to roll the day Jeffrey Epstein died," he said.',
    });
    expect(e.quotes.filter((q) => q.direct).map((q) => [q.speaker, q.text])).toEqual([['Ben Sasse', 'Heads needed to roll the day Jeffrey Epstein died']]);
  });
});

describe('reported speech after "told"', () => {
  it('starts after the "that" that ends whom the speaker told, however long', () => {
    const e = enrich({ title: 'Rally', text: 'Union president Keith Gambill told a few thousand teachers who covered the Statehouse lawn that the ' +
      'Legislature should direct money toward schools. Aid worker Patrick Nicholson told The Associated Press that volunteers visited ' +
      'one neighborhood.' });
    const quotes = e.quotes.map((q) => `${q.speaker}: ${q.text}`);
    expect(quotes).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Keith Gambill: the Legislature should direct money toward schools/),
      expect.stringMatching(/^Patrick Nicholson: volunteers visited one neighborhood/),
    ]));
  });
});

describe('wire copy of the typewriter era', () => {
  it("reads ``quotes'' as quotes and \"(AP) _\" as a dateline's dash", () => {
    const e = enrich({
      title: 'Flood waters rise in river valley',
      text: "BATON ROUGE, La. (AP) _ Flood waters rose across the river valley Sunday as crews stacked sandbags along the levees.\n" +
        "``We are ready for the worst,'' parish emergency director Marla Thibodeaux said at a briefing.\n" +
        'Thibodeaux said 4,000 residents had left their homes.',
      language: 'en',
    });
    const direct = e.quotes.find((q) => q.direct);
    expect(direct?.text).toBe('We are ready for the worst');
    expect(direct?.speaker).toBe('Marla Thibodeaux');
    expect(e.summary[0]).toMatch(/^Flood waters rose/);
  });
});
