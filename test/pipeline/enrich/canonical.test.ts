import { describe, expect, it } from 'vitest';
import { enrich } from '../../../src/pipeline/enrich/index.ts';

const orgs = (e: ReturnType<typeof enrich>) => e.entities.filter((x) => x.type === 'ORG').map((x) => x.canonical);

describe('canonical names of words written in capitals', () => {
  it('keeps an acronym written in running text as written, and resolves it to its long form when the article has one', () => {
    const e = enrich({
      title: 'Inquiry',
      text: 'The New York State Attorney General (NYAG) is investigating the company, two people said. The office of the NYAG declined to comment. ' +
        'The California Public Utilities Commission met on Monday, and CPUC officials said the shutoffs would go on.',
    });
    expect(orgs(e)).toContain('NYAG');
    expect(orgs(e)).not.toContain('Nyag');
    expect(orgs(e)).not.toContain('Cpuc');
  });

  it('still recases a name a results line shouts', () => {
    const e = enrich({ title: 'Results', text: 'NHL results on Sunday.\nTORONTO 5 Montreal 3\nOttawa 2 New Jersey 1' });
    expect(e.entities.map((x) => x.canonical)).not.toContain('TORONTO');
  });
});

describe('canonical names of people who share a surname', () => {
  it('reads the surname alone as the person the article names first, not the longer name', () => {
    const e = enrich({
      title: 'Maria Lopez, pioneering surgeon, dies at 91',
      text: 'Maria Lopez, the first woman to lead a cardiac surgery unit in Spain, died on Tuesday. Her death was confirmed by her son, Javier Lopez. ' +
        'Born in Cordoba, Dr. Lopez studied medicine in Madrid.',
    });
    const people = Object.fromEntries(e.entities.filter((x) => x.type === 'PER').map((x) => [x.canonical, x.mentions]));
    expect(people['Maria Lopez']).toBe(3);
    expect(people['Javier Lopez']).toBe(1);
  });
});


describe('a platform and its owner', () => {
  it('keeps Facebook, the network a story names, apart from Meta, the company that owns it', () => {
    const e = enrich({ title: 'Facebook launches a mobile site', text: 'Facebook has one mobile site now. Facebook said users liked it. Facebook will add more, Facebook Inc said.' });
    expect(e.hashtags).toContain('#Facebook');
    expect(e.hashtags).not.toContain('#Meta');
  });
});

describe('organisations the gazetteer knows by name', () => {
  it('are organisations where the tagger doubts, under one name, and leave the trained tagger\'s features as they were', async () => {
    const { gazetteer, aliasKey } = await import('../../../src/pipeline/enrich/gazetteer.ts');
    const e = enrich({ title: 'Telecom deal', text: 'Ericsson would not disclose how many patents it is accusing the rival of infringing, a spokesman said. ' +
      'Shares in Ericsson rose 2 percent on the NYSE, while Verizon fell.' });
    expect(orgs(e)).toEqual(expect.arrayContaining(['Ericsson', 'New York Stock Exchange', 'Verizon']));
    expect(e.entities.filter((x) => x.type === 'PER' || x.type === 'LOC')).toEqual([]);
    // data/orgs-known.tsv is looked up, not read by the tagger's features (data/orgs.tsv is what its model was trained with).
    expect(gazetteer().orgs.has(aliasKey('Ericsson'))).toBe(true);
    expect(gazetteer().taggerOrgs.has(aliasKey('Ericsson'))).toBe(false);
    expect(gazetteer().taggerOrgs.has(aliasKey('Reuters'))).toBe(true);
  });

  it('know the clubs of a wire sports page that the tagger reads as a place or a person (data/orgs-sport.tsv)', () => {
    const e = enrich({ title: 'Transfers', text: 'Ferencvaros signed the striker from Dinamo Zagreb on Monday, while Rapid Vienna and Sturm Graz drew 1-1.' });
    expect(orgs(e)).toEqual(expect.arrayContaining(['Dinamo Zagreb', 'Rapid Vienna', 'Sturm Graz']));
    expect(e.mentions.filter((x) => x.type === 'PER' || x.type === 'LOC').map((x) => x.text)).toEqual([]);
  });

  it('end where the text stops naming them: an English word that opens a known name opens no other ("Young" of Young Boys)', () => {
    const e = enrich({ title: 'Premiere', text: 'Fans waited outside the cinema for hours. Young Mackenzie Foy and her mother waved to them from the hotel.' });
    expect(e.entities.filter((x) => x.type === 'PER').map((x) => x.canonical)).toEqual(['Mackenzie Foy']);
  });

  it('take the legal form after them in a shouted company heading ("SUMITOMO METAL MINING CO LTD")', () => {
    const e = enrich({ title: '', text: 'SUMITOMO METAL MINING CO LTD - HALF-YEAR RESULTS\n\nTOKYO 2026-11-12\n\nSix months to September 30 :\n\nSALES 712.5 VS 698.1' });
    expect(e.mentions.filter((m) => m.type === 'ORG').map((m) => m.text)).toContain('SUMITOMO METAL MINING CO LTD');
  });

  it('are one company however the article writes its legal form or its ampersand', () => {
    const e = enrich({ title: 'Power cut', text: 'Pacific Gas & Electric Co. began shutting off power on Wednesday. PG&E said crews would inspect the lines. ' +
      'Shares of Toyota Motor Corp. and Siemens AG rose, and Toyota said it would keep its plants open.' });
    expect(orgs(e)).toEqual(expect.arrayContaining(['Pacific Gas and Electric', 'Toyota', 'Siemens']));
    expect(orgs(e)).toHaveLength(3);
  });

  it('leave a competition out: a league in a results line is no organisation', () => {
    const e = enrich({ title: 'Results', text: 'Results of English Premier League matches on Saturday: Arsenal 3 Everton 1, Aston Villa 2 Fulham 2.' });
    expect(orgs(e)).not.toContain('Premier League');
    expect(orgs(e)).not.toContain('English Premier League');
  });
});

describe('towns, regions and venues the gazetteer knows by name (data/places-world.tsv)', () => {
  it('are places where the tagger read them short or missed them', () => {
    const e = enrich({ title: 'Ship fire', text: 'THE SHIP SAILED FROM PORT KLANG IN MALAYSIA WHEN THE FIRE BROKE OUT , THE PORTS AUTHORITY SAID .' });
    expect(e.mentions.filter((m) => m.type === 'LOC').map((m) => m.text)).toContain('PORT KLANG');
  });

  it('are not looked up in a sports report, where a town or a province names its club as often', () => {
    const text = 'Leinster lock James Ryan returns to the side after the Six Nations, and the coach said the squad would rotate.';
    const places = enrich({ title: 'RUGBY UNION - RYAN BACK FOR LEINSTER', text }).mentions.filter((m) => m.type === 'LOC').map((m) => m.text);
    expect(places).not.toContain('Leinster');
  });
});

describe('a place said short', () => {
  it('is the longer place the article names, unless a known place or another place ("New …")', () => {
    const e = enrich({ title: 'Teachers rally', text: 'Thousands of teachers surrounded the Indiana Statehouse on Tuesday. Hundreds lined the entrances to the Statehouse. ' +
      'The band played on the Statehouse steps. Police came from Las Vegas and later from Vegas again. Ties with South Sudan and Sudan were discussed. ' +
      'A new town, New Omagh, lies far from Omagh.' });
    const places = e.entities.filter((x) => x.type === 'LOC').map((x) => x.canonical);
    expect(places).toContain('Indiana Statehouse');
    expect(places).not.toContain('Statehouse');
    expect(places).toEqual(expect.arrayContaining(['Las Vegas', 'South Sudan', 'Sudan']));
    expect(places).not.toContain('Vegas');
    expect(places).toEqual(expect.arrayContaining(['New Omagh', 'Omagh']));
  });
});
