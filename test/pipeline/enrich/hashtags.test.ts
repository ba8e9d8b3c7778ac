import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nerRules } from '../../../src/pipeline/enrich/ner/index.ts';
import { enrich } from '../../../src/pipeline/enrich/index.ts';
import { isStopwordOfAnyLanguage } from '../../../src/pipeline/enrich/common-words.ts';

// The seed article as the demo publishes it: a Title Case headline over the body.
const seed = readFileSync(new URL('../../../fixtures/seeds/001_03aee5fa6f29c944.txt', import.meta.url), 'utf8');
const seedArticle = enrich({ title: 'Iraq’s Ruling Coalition to Discuss US Warnings', text: seed, published: '2025-02-20T10:00:00Z' });

describe('hashtags a person would pick', () => {
  it('takes no name or tag from a Title Case headline verb, and keeps the names the body confirms', () => {
    const e = seedArticle;
    expect(e.entities.map((x) => x.canonical)).not.toContain('Discuss US');
    expect(e.hashtags).not.toContain('#DiscussUS');
    const headlineUS = e.mentions.find((m) => m.start < 50 && m.text === 'US');
    expect(headlineUS).toMatchObject({ type: 'LOC', canonical: 'United States' });
    for (const h of ['#Iraq', '#MarcoRubio']) expect(e.hashtags).toContain(h);
  });

  it('does not make an organisation of the tail of an office name', () => {
    const orgs = seedArticle.entities.filter((x) => x.type === 'ORG').map((x) => x.canonical);
    expect(orgs).not.toContain('Near Eastern Affairs');
    expect(orgs).toContain('US State Department');
  });

  it('gives one tag per concept: a country acronym is the country, a place', () => {
    const e = enrich({
      title: 'UK Targets Iranian Oil Magnate With Asset Freeze',
      text: 'The UK government froze the assets of an Iranian oil magnate on Tuesday. The United Kingdom said the measures target companies that ship Iranian oil. UK officials said more sanctions would follow. '.repeat(2),
    });
    expect(e.mentions.filter((m) => m.text === 'UK').every((m) => m.type === 'LOC' && m.canonical === 'United Kingdom')).toBe(true);
    expect(e.hashtags).toContain('#UnitedKingdom');
    expect(e.hashtags).not.toContain('#UK');
  });

  it('never tags a common word the article writes in lower case, however it is capitalised in the headline', () => {
    const e = enrich({
      title: 'Light Festival Opens in Amsterdam',
      text: 'The Amsterdam Light Festival opened on Thursday with thirty artworks along the canals. Artists use light to change how visitors see the city. The light installations stay until January, organisers in Amsterdam said. Light artists from Serbia and France take part. '.repeat(2),
    });
    expect(e.hashtags).not.toContain('#Light');
    expect(e.hashtags).not.toContain('#Festival');
    expect(e.hashtags).toContain('#Amsterdam');
    for (const h of e.hashtags) expect(isStopwordOfAnyLanguage(h.slice(1))).toBe(false);
  });

  it('takes no tag from a headline word the body writes once, in another form or in lower case', () => {
    const body = [
      'What was this British royal and his aides thinking of when he granted a long interview to the BBC about Jeffrey Epstein?',
      'Prince Andrew told friends that the interview was a great success, but his own self-indicting words left him open to prosecution. Jeffrey Epstein died in a New York prison in August.',
      'It is testimony to how out-of-touch and arrogant the pampered royals are, critics in London said.',
      'The BBC said the interview with Prince Andrew was watched by millions. Epstein had friends in London and New York.',
    ].join('\n\n');
    const e = enrich({ title: 'Royal Self-Indicting Arrogance', text: body });
    expect(e.hashtags).not.toContain('#Arrogant');
    expect(e.hashtags).not.toContain('#Arrogance');
    expect(e.entities.map((x) => x.canonical)).not.toContain('Royal Self-Indicting');
    for (const h of ['#JeffreyEpstein', '#BBC']) expect(e.hashtags).toContain(h);
  });

  it('takes no topic from what the people in the article are (their roles), and keeps a phrase used for more', () => {
    const text = [
      'Tariffs raised the cost of imported goods, said Monica de Bolle, a senior fellow at the Peterson Institute.',
      'Howard Gleckman, a senior fellow at the Tax Policy Center, said importers paid the tariffs. Tariffs on steel rose again.',
      'Importers passed the tariffs on to shoppers, according to principal economist Mary Lovely. Tariffs on steel hit builders, and steel prices rose.',
      'Steel prices rose by a fifth, and builders said steel prices would stay high. Mary Lovely said the tariffs cost shoppers more.',
    ].join('\n\n');
    const tags = enrich({ title: 'Who pays the tariffs', text }).hashtags;
    expect(tags).not.toContain('#SeniorFellow');
    expect(tags).not.toContain('#PrincipalEconomist');
    expect(tags).toContain('#SteelPrices');
  });

  it('tags a country, never a nationality', () => {
    const e = enrich({ title: 'Korean Dance Festival Opens in Seoul', text: 'The Korean dance festival opened in Seoul on Friday. Korean performers and Japanese guests filled the Jeongdong Theater. Korea has held the festival since 1998, and Korean audiences love it.' });
    expect(e.hashtags).not.toContain('#Korean');
    expect(e.hashtags).not.toContain('#Japanese');
    expect(e.hashtags).toContain('#Seoul');
  });

  it('tags no name the tagger cut short of the capitalised words that go on after it', () => {
    const text = 'The promise of Google Stadia: smooth play streamed to any screen. For example, the Google Stadia Red Dead Redemption 2 port ' +
      'does not run at a solid 60fps, Digital Foundry found. When the Google Stadia Red Dead Redemption 2 port runs at 4K, it drops frames. ' +
      'Google said it would improve the service. NASA Administrator Jim Bridenstine, asked about it, laughed. NASA Administrator Jim Bridenstine ' +
      'plays games on NASA time, NASA said.';
    const e = enrich({ title: 'Red Dead Redemption 2 stutters on Stadia', text });
    expect(e.hashtags.some((t) => t.startsWith('#GoogleStadiaRed'))).toBe(false);
    expect(e.hashtags).toContain('#GoogleStadia');
    // A title after a name is no name going on: NASA keeps its tag.
    expect(e.hashtags).toContain('#NASA');
  });

  it('tags a person known by one name with the style the article gives them', () => {
    const e = enrich({
      title: 'Palace under pressure after interview',
      text: 'Prince Andrew gave an interview to the BBC on Saturday about his friendship with Jeffrey Epstein. ' +
        'Critics said Prince Andrew showed no remorse. Lawyers for the victims said they would ask Prince Andrew to testify. ' +
        'Andrew’s office did not reply. Jeffrey Epstein died in a New York jail in August.',
    });
    expect(e.hashtags).toContain('#PrinceAndrew');
    expect(e.hashtags).not.toContain('#Andrew');
    expect(e.hashtags).toContain('#JeffreyEpstein');
  });

  it('tags no topic from a language it has neither tagger nor common words for', () => {
    const e = enrich({ title: 'Só quem se Ama', text: 'O amor é a maior força da vida. Cada dia de amor é um dia de vida, e aqui queremos viver o amor. '.repeat(4) });
    expect(e.language).toBe('pt');
    expect(e.hashtags.map((h) => h.toLowerCase())).not.toEqual(expect.arrayContaining(['#amor']));
    expect(e.hashtags.map((h) => h.toLowerCase())).not.toEqual(expect.arrayContaining(['#aqui']));
  });
});

describe('newswire conventions', () => {
  const wire = enrich({
    title: 'Apple Shares Fall After Earnings Miss',
    text: 'NEW YORK, Jan 5 (Reuters) - Shares of Apple Inc fell 3 percent on Tuesday after the iPhone maker reported weaker sales. Goldman Sachs analysts cut their target.',
  });

  it('reads a dateline: the place is a place, the month no person, the credited agency no hashtag', () => {
    const names = wire.mentions.filter((m) => m.type === 'PER' || m.type === 'ORG' || m.type === 'LOC').map((m) => `${m.type}:${m.text}`);
    expect(names).toContain('LOC:NEW YORK');
    expect(names).not.toContain('PER:Jan');
    expect(names).toContain('ORG:Reuters'); // still an organisation named in the text
    expect(wire.hashtags).not.toContain('#Reuters');
  });

  it('tags no one for writing or testing the piece: a credit line names its authors, not its subject', () => {
    // The demo's bike-kit reviews open "Tested by: John Milbank RRP: £23.99" (it gave #JohnMilbankRRP).
    const review = enrich({ title: 'Clymer workshop manual review', text: 'Tested by: John Milbank RRP: £23.99 More info: www.clymer.co.uk\n\nI have worked on my own vehicles since I was 17, but this is my first time with a Clymer manual. The level of detail of the Clymer manual is superb, with very clear diagrams.' });
    expect(review.hashtags.filter((h) => h.includes('Milbank'))).toEqual([]);
    expect(review.entities.find((e) => e.canonical.includes('Milbank'))?.canonical).toBe('John Milbank');
    const agency = enrich({ title: 'Libya talks resume', text: 'Rival Libyan factions resumed talks in Geneva on Monday, the United Nations said. The talks in Geneva were suspended in May.\n\n(Reporting by Aidan Lewis; Editing by Nick Macfie)' });
    expect(agency.hashtags.filter((h) => /Lewis|Macfie/.test(h))).toEqual([]);
    // A person the article is about is still tagged when a credit line also names them once.
    const subject = enrich({ title: 'Tour de France', text: 'Photos: Tadej Pogacar\n\nTadej Pogacar won the stage on Sunday. Pogacar now leads the race by two minutes.' });
    expect(subject.hashtags).toContain('#TadejPogacar');
  });

  it("reads a wire sign-off's names as people and takes no keyphrase or tag from it", () => {
    const e = enrich({
      title: 'WeWork to cut jobs',
      text: 'WeWork said on Monday it would cut 2,400 jobs as it seeks to save cash. WeWork shares are not listed; SoftBank owns most of the company.\n\n' +
        '(Reporting by Koh Gui Qing and Herb Lash in New York; Additional reporting by Megan Davies; Editing by Martin Howell and Dan Grebler)',
    });
    const typeOf = (name: string) => e.entities.find((x) => x.canonical === name)?.type;
    for (const person of ['Koh Gui Qing', 'Herb Lash', 'Megan Davies', 'Martin Howell', 'Dan Grebler']) {
      expect(typeOf(person)).toBe('PER');
      expect(e.keyphrases).not.toContain(person);
      expect(e.hashtags).not.toContain('#' + person.replace(/ /g, ''));
    }
    expect(e.keyphrases.map((k) => k.toLowerCase())).not.toEqual(expect.arrayContaining(['editing']));
    expect(e.keyphrases.map((k) => k.toLowerCase())).not.toEqual(expect.arrayContaining(['additional reporting']));
    expect(e.hashtags).toContain('#WeWork');
  });

  it('reads a sign-off whose clauses are joined by commas ("…, with reporting by …, editing by …")', () => {
    const e = enrich({
      title: 'WeWork to cut jobs',
      text: 'WeWork said on Monday it would cut 2,400 jobs as it seeks to save cash. SoftBank owns most of the company.\n\n' +
        '(Reporting by Greg Roumeliotis, Joshua Franklin, Koh Gui Qing, with reporting by Herb Lash and Megan Davies, editing by Martin Howell.)',
    });
    const found = (name: string) => e.entities.filter((x) => x.canonical === name);
    for (const person of ['Greg Roumeliotis', 'Joshua Franklin', 'Koh Gui Qing', 'Herb Lash', 'Megan Davies', 'Martin Howell']) {
      expect(found(person).map((x) => x.type)).toEqual(['PER']);
      expect(e.hashtags).not.toContain('#' + person.replace(/ /g, ''));
    }
  });

  it('keeps a sentence-opening common noun out of the company name', () => {
    expect(wire.mentions.map((m) => m.text)).toContain('Apple Inc');
    expect(wire.mentions.map((m) => m.text)).not.toContain('Shares of Apple Inc');
  });

  it('finds noun phrases in a shouted wire headline, not the whole headline', () => {
    const e = enrich({ title: 'SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT', text: 'AL-AIN, United Arab Emirates 1996-12-06\nJapan began the defence of their Asian Cup title with a lucky 2-1 win against Syria on Friday.' });
    const lower = e.keyphrases.map((k) => k.toLowerCase());
    expect(lower).not.toContain('japan get lucky win');
    expect(lower).toContain('lucky win');
  });
});

describe('keyphrases', () => {
  it('skip a wire dateline and a number\'s unit, and read a Title Case headline as ordinary words', () => {
    const e = enrich({
      title: 'Copper Miner Lifts Output Forecast After Strike Ends',
      text: 'SANTIAGO (Reuters) - Chilean copper miner Andes Cobre raised its output forecast by 5 percent on Monday after a strike at its largest mine ended.\nThe miner expects to produce 410,000 tonnes this year, up 3 percent, as the strike ended sooner than investors feared. Andes Cobre shares rose 2 percent.',
    });
    const lower = e.keyphrases.map((k) => k.toLowerCase());
    expect(lower).not.toContain('santiago');
    expect(lower).not.toContain('reuters');
    expect(lower).not.toContain('percent');
    expect(lower).not.toContain('copper miner lifts output forecast');
    expect(lower).toContain('output forecast');
    expect(e.keyphrases).not.toContain('Strike');
  });

  it('name a person as a reader would, without a contraction or the title before the name', () => {
    const e = enrich({
      title: 'Jobs report shows slow recovery',
      text: 'WASHINGTON (AP) - Employers added 120,000 jobs in March, the Labor Department said on Friday. "It\'s a slow recovery," said economist Mark Zandi. "It\'s not enough, and job gains haven\'t kept pace with the population." Zandi said it\'s too early to call a turn. The director Mary Daly of the San Francisco Fed said job gains haven\'t reached most workers.',
    });
    const lower = e.keyphrases.map((k) => k.toLowerCase());
    // The headline's two-word noun phrase, and the story's, whole.
    expect(lower).toContain('slow recovery');
    expect(lower).toContain('job gains');
    expect(e.keyphrases).toContain('Mark Zandi');
    expect(lower.filter((k) => /\b(?:economist|director) \p{L}/u.test(k))).toEqual([]);
    expect(lower.filter((k) => /'s$|n't\b|^it's/.test(k))).toEqual([]);
  });

  it('are noun phrases of one to four words, multi-word ones among them', () => {
    const k = seedArticle.keyphrases;
    expect(k.length).toBeGreaterThanOrEqual(5);
    for (const p of k) expect(p.split(/\s+/).length).toBeLessThanOrEqual(4);
    expect(k.some((p) => p.includes(' '))).toBe(true);
    // No verbs: the headline's "Discuss" is no keyphrase.
    expect(k.map((p) => p.toLowerCase())).not.toContain('discuss');
  });

});

describe('hashtags: plain nouns, datelines, one company once', () => {
  it('makes no tag of a plain noun that a dictionary writes in lower case, however often the text repeats it', () => {
    const text = 'The festival shows twenty artworks along the canals. Visitors can see the artworks from boats. ' +
      'Several artworks were made by students, and the artworks stay lit until midnight. Curator Koen Dijkstra chose the artworks in Utrecht.';
    const e = enrich({ title: 'Light Festival Opens in Utrecht', text });
    expect(e.hashtags).not.toContain('#Artworks');
    expect(e.hashtags).not.toContain('#TwentyArtworks');
    expect(e.hashtags).toContain('#Utrecht');
  });

  // With an agency credit, or as a line of its own with the filing date.
  it.each(['LONDON (Reuters) - ', 'LONDON 2026-11-14\n', 'LONDON , England 2026-11-14\n'])("tags neither a dateline's place nor its agency when the story names them only there: %j", (dateline) => {
    const text = `${dateline}Glencore said on Thursday it followed strict sourcing rules in Congo. Glencore shares fell 2 percent, and Congo said it would study the report.`;
    const e = enrich({ title: 'Glencore Defends Sourcing', text });
    expect(e.entities.find((x) => x.canonical === 'London')?.type).toBe('LOC');
    expect(e.hashtags).not.toContain('#London');
    expect(e.hashtags).not.toContain('#Reuters');
    expect(e.hashtags).toContain('#Glencore');
  });

  it('gives one company one tag, with or without the words that say what kind of company it is', () => {
    const text = 'TOKYO (Reuters) - Toyota Motor Corp said on Wednesday it would recall 1 million vehicles. Toyota said no injuries were reported. ' +
      'Toyota shares fell 1 percent in Tokyo.';
    const tags = enrich({ title: 'Toyota Recalls 1 Million Vehicles', text }).hashtags;
    expect(tags.filter((t) => t.startsWith('#Toyota'))).toHaveLength(1);
  });

  it('tags an organisation whose name makes a long tag by the short form people tag it with; a short name stays whole', () => {
    const text = 'The Food and Drug Administration approved the drug on Friday, and the Environmental Protection Agency opened a review. ' +
      'The FDA said the approval covered adults. The European Union welcomed it.';
    const tags = enrich({ title: 'Drug approved', text }).hashtags;
    expect(tags).toEqual(expect.arrayContaining(['#FDA', '#EPA', '#EuropeanUnion']));
    expect(tags).not.toContain('#FoodAndDrugAdministration');
    expect(tags).not.toContain('#EnvironmentalProtectionAgency');
  });

  it('tags no outlet that the article cites once as its source, named with its town or not', () => {
    const text = 'Governor Kristi Noem defended the state campaign on Tuesday. According to a report in the Argus Leader of Sioux Falls, ' +
      'the state paid an agency $449,000 for the campaign. Kristi Noem said the campaign was working, and South Dakota would keep it. ' +
      'Lawmakers in South Dakota said they would review the spending, the Sioux City Journal reported. ' +
      'A spokesman told the Capital Journal that the state stood by the campaign.';
    const e = enrich({ title: 'South Dakota Defends Anti-Drug Campaign', text });
    expect(e.hashtags.filter((h) => /Argus|Journal/.test(h))).toEqual([]);
    expect(e.hashtags).toContain('#SouthDakota');
    expect(e.hashtags).toContain('#KristiNoem');
  });

  it('tags a name from a shouted headline as the body writes it', () => {
    const text = 'Juventus were held to a goalless draw by Torino on Sunday, while Celtic beat Rangers in the Old Firm derby at Parkhead. The striker scored twice in the match.';
    const e = enrich({ title: 'SOCCER - JUVENTUS HELD AT HOME AS CELTIC BEAT RANGERS', text });
    expect(e.hashtags).toContain('#Celtic');
    expect(e.hashtags).not.toContain('#CELTIC');
    expect(e.entities.find((x) => x.canonical === 'Celtic')?.mentions).toBe(2);
    // Or as the body opens a longer name of it.
    const flos = enrich({ title: "Milan Design Week | Anastassiades' light installation for FLOS",
      text: 'During Milan Design Week, the Flos Showroom in Corso Monforte features a light installation by Michael Anastassiades, who has designed lamps for Flos since 2013. Michael Anastassiades said the Flos Showroom would stay open late.' });
    expect(flos.hashtags).not.toContain('#FLOS');
  });

  it('tags no phrase that only judges a plain noun ("silly fuss"); a kind of thing stays a topic', () => {
    const e = enrich({ title: 'Campbell dismisses silly fuss over poster', text: 'Alastair Campbell said the row over the election poster was a silly fuss. The silly fuss, he said, would be forgotten by the weekend. Labour said the poster showed flying pigs, and the Conservatives said the flying pigs poster was offensive. Campbell said the silly fuss was made by newspapers.' });
    expect(e.keyphrases).toContain('silly fuss');
    expect(e.hashtags).not.toContain('#SillyFuss');
    expect(e.hashtags).toContain('#AlastairCampbell');
    const trade = enrich({ title: 'Ministers back free trade deal', text: 'Ministers backed a free trade deal with Canada on Monday. The free trade deal cuts tariffs on cars. Free trade, ministers said, would lift exports. Farmers said free trade would hurt them.' });
    expect(trade.hashtags).toContain('#FreeTrade');
  });

  it('tags no phrase that says how recent or how striking a plain noun is ("existing tariffs", "dramatic moment")', () => {
    const e = enrich({ title: 'Trump weighs rolling back tariffs', text: 'Donald Trump may roll back existing tariffs on Chinese goods. Rolling back existing tariffs is what Beijing wants. Officials said existing tariffs would stay until a deal. A video showed the dramatic moment of the talks, and the dramatic moment was shared. Another dramatic moment came later.' });
    expect(e.hashtags).not.toContain('#ExistingTariffs');
    expect(e.hashtags).not.toContain('#DramaticMoment');
    expect(e.hashtags).toContain('#DonaldTrump');
  });

  it('tags no compound word that qualifies like an adjective ("all-new"); one that names a thing stays ("hat-trick")', () => {
    const car = enrich({ title: 'Nissan shows a new Sentra', text: 'Nissan showed the all-new Sentra on Monday. The all-new sedan goes on sale in January, and the all-new engine is quieter. Nissan said the all-new car would cost less.' });
    expect(car.hashtags).not.toContain('#AllNew');
    const match = enrich({ title: 'Rooney hits hat-trick', text: 'Wayne Rooney scored a hat-trick as Manchester United beat West Ham. His hat-trick was his first of the season. The hat-trick came in 20 minutes. Rooney said the hat-trick was for the fans.' });
    expect(match.hashtags).toContain('#HatTrick');
  });

  it('reads no contraction into a name ("Jay Carney wouldn\'t") and no name across a line break', () => {
    const run = () => enrich({ title: 'White House stays quiet', text: 'White House spokesman Jay Carney wouldn’t say on Monday what President Obama will do. Jay Carney wouldn’t comment further. Carney said Obama was briefed.\n\nDefensive line\n\nPos Player Plays % Stats\nDL Larry Ogunjobi 63 85% 1 tackle.\nDL Myles Garrett 57 77% 3 tackles.' });
    const e = run();
    expect(e.hashtags).toContain('#JayCarney');
    expect(e.hashtags.some((h) => /Wouldn|Stats/.test(h))).toBe(false);
    expect(e.mentions.filter((m) => /\n/.test(m.text) || /n['’]t$/.test(m.text))).toEqual([]);
    // The rules are what make it so.
    nerRules.lineBreaks = nerRules.contractionTails = false;
    try {
      expect(run().mentions.some((m) => /\n/.test(m.text) || /n['’]t$/.test(m.text))).toBe(true);
    } finally {
      nerRules.lineBreaks = nerRules.contractionTails = true;
    }
  });

  it('takes no keyphrase or tag from a link in the text (an embedded tweet\'s address)', () => {
    const e = enrich({ title: 'South Dakota defends its meth campaign', text: 'South Dakota launched an anti-drug campaign on Monday. https://t.co/Nc0nKoXGBP\n\nThe anti-drug campaign cost the state half a million dollars. https://t.co/HO1ZRs9T1P pic.twitter.com/KQLpngeTbO\n\nGovernor Kristi Noem said the anti-drug campaign was working. https://t.co/hopPjqa95w See www.onmeth.com for more.' });
    for (const bit of ['https', 'Https', 'co', 'com', 'www', 'pic']) expect(e.keyphrases).not.toContain(bit);
    expect(e.hashtags.filter((h) => /http|www|twitter/i.test(h))).toEqual([]);
    expect(e.keyphrases).toContain('anti-drug campaign');
  });

  it('tags a name written only in capitals in Title Case, a place as the gazetteer writes it, an acronym as it is', () => {
    const e = enrich({ title: 'ICE HOCKEY - NHL RESULTS .', text: 'Results of National Hockey League games on Monday ( home team in CAPS ) :\nNY RANGERS 3 Boston 2\nTORONTO 5 Montreal 3\nTORONTO 14 6 2 70 55 30' });
    const names = e.entities.map((x) => x.canonical);
    expect(names).toEqual(expect.arrayContaining(['Toronto', 'NY Rangers']));
    expect(names.some((n) => /TORONTO|RANGERS/.test(n))).toBe(false);
    const nato = enrich({ title: 'Alliance meets', text: 'NATO ministers met in Brussels on Thursday. NATO said the UNHCR would attend.' });
    expect(nato.entities.map((x) => x.canonical)).toEqual(expect.arrayContaining(['NATO', 'UNHCR']));
  });

  it('tags a name once, by its longer form, when another tag ends with it', () => {
    const e = enrich({
      title: 'Teachers rally at the Indiana Statehouse',
      text: 'Thousands of teachers surrounded the Indiana Statehouse on Tuesday. Teachers lined the entrances to the Statehouse, and the Statehouse lawn filled by noon. ' +
        'Gov. Eric Holcomb did not come to the Statehouse. Keith Gambill of the Indiana State Teachers Association spoke at the Statehouse.',
    });
    expect(e.hashtags).toContain('#IndianaStatehouse');
    expect(e.hashtags).not.toContain('#Statehouse');
  });

  it('tags a surname as the full name the text writes, where the tagger read the full name into another name', () => {
    const e = enrich({
      title: "NASA's moon shot: Musk's and Bezos's firms to bid",
      text: "NASA picked companies on Monday, among them Amazon founder Jeff Bezos's Blue Origin and Elon Musk's SpaceX, to bid for lunar landers. " +
        'SpaceX and Blue Origin will compete with nine other firms. NASA said the landers would fly in 2021, and SpaceX said it was ready.',
    });
    expect(e.hashtags).not.toContain('#Musk');
    expect(e.entities.filter((x) => x.type === 'PER').map((x) => x.canonical)).not.toContain('Musk');
    expect(e.entities.find((x) => x.canonical === 'Elon Musk')?.type).toBe('PER');
  });

  it('leaves a surname alone where the text names two people of it, or only a title before it', () => {
    const two = enrich({
      title: 'Smith wins',
      text: 'Smith won the vote on Monday. Analysts at Morgan Stanley and Goldman Sachs said John Smith of the Acme Foundation and Mary Smith of the Beta Institute had both run. Smith said she was pleased.',
    });
    expect(two.entities.map((x) => x.canonical)).not.toContain('John Smith Smith');
    const titled = enrich({ title: 'Johnson resigns', text: 'Prime Minister Johnson resigned on Thursday. Johnson said he would stay until autumn.' });
    expect(titled.entities.filter((x) => x.type === 'PER').map((x) => x.canonical)).not.toContain('Minister Johnson');
  });
});
