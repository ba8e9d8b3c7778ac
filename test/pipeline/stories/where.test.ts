// Where a story happens (stories/where.ts): countries read from story terms, and the judgement that keeps
// two reports of one kind of event in two countries apart, in memory (StoryClusterer) and over the store
// (placeVersion).
import { afterEach, describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../../src/pipeline/stories/streams.ts';
import { placeVersion } from '../../../src/pipeline/stories/index.ts';
import { countriesOf, elsewhere, headlineCountries, placesOf, sharedNames, whereFacts } from '../../../src/pipeline/stories/where.ts';
import { storyTerms } from '../../../src/pipeline/stories/terms.ts';
import { openStore } from '../../../src/store/index.ts';
import type { Repository } from '../../../src/store/repository.ts';
import { newVersion } from './helpers.ts';

const terms = (text: string) => {
  const m = new Map<string, number>();
  for (const t of storyTerms(text)) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};
const view = (title: string, text: string) => ({ terms: terms(`${title} ${text}`), title: terms(title) });

// Two short reports of one kind of event, in two countries, a day apart: they share most of their words
// (central bank, rate, basis points, the Fed) and the United States, named as the Fed's country.
const KUWAIT = {
  title: 'Kuwait central bank cuts discount rate by 25 basis points',
  text: 'The Central Bank of Kuwait cut its discount rate by 25 basis points on Thursday, a day after the US Federal Reserve lowered rates. Banks said loan rates would follow.',
};
const QATAR = {
  title: 'Qatar central bank lowers lending rate after Fed cut',
  text: 'Qatar Central Bank lowered its lending rate by 25 basis points on Thursday after the US Federal Reserve cut rates. Banks are expected to pass on the cut to borrowers.',
};
// One event told twice: a city in one report, its country in the other.
const QUAKE = [
  { title: 'Earthquake of magnitude 5.9 shakes Antalya', text: 'An earthquake of magnitude 5.9 shook Antalya on Sunday, damaging old buildings. Rescuers searched two collapsed houses.' },
  { title: 'Turkey earthquake damages buildings', text: 'A 5.9 magnitude earthquake hit southern Turkey on Sunday, damaging buildings; rescuers searched collapsed houses, officials said.' },
];

describe('countries in story terms', () => {
  it('reads a city as its country, and a name of several words only whole', () => {
    expect([...countriesOf(terms('Rescuers in Istanbul and Khartoum'))]).toEqual([['Turkey', 1], ['Sudan', 1]]);
    expect(placesOf(terms('a Christmas sale'))).toEqual(new Map());
    expect([...placesOf(terms('flights to Christmas Island'))].map(([p]) => p)).toEqual(['Christmas Island']);
    expect([...countriesOf(terms('banks in Abu Dhabi'))].map(([c]) => c)).toEqual(['United Arab Emirates']);
    // "Port Said" is only "port" once "said" is dropped: a port names no place; nor does "holy" with "see".
    expect(placesOf(terms('the port said ships left'))).toEqual(new Map());
    expect(placesOf(terms('pilgrims see the holy sites'))).toEqual(new Map());
    // A country's own name of ordinary words is read, in English and as Arabic text is written.
    expect([...countriesOf(terms('United States officials'))].map(([c]) => c)).toEqual(['United States']);
    expect([...countriesOf(terms('مسؤولون في الولايات المتحدة'))].map(([c]) => c)).toEqual(['United States']);
  });

  it('counts shared names, not places, numbers or common words', () => {
    expect(sharedNames(terms('Nokia Lumia sold in Taiwan 2014'), terms('Nokia launches the Lumia in Britain 2014'))).toBe(2);
    expect(sharedNames(terms('central bank cuts rate in Kuwait'), terms('central bank cuts rate in Qatar'))).toBe(0);
  });
});

describe('elsewhere', () => {
  it('keeps one kind of event in two countries apart, though both name a third country', () => {
    expect(elsewhere(view(KUWAIT.title, KUWAIT.text), view(QATAR.title, QATAR.text))).toBe(true);
  });

  it('parts a report whose text never names the country its story\'s headline is about', () => {
    const story = view('Kuwait emir suspends parliament', 'Kuwait\'s emir suspended parliament; the United States and Britain urged calm.');
    const other = view('US and Iran hold talks in Oman', 'American and Iranian negotiators met in Muscat; Britain welcomed the talks.');
    expect(elsewhere(other, story)).toBe(true);
    // Named anywhere in the text is enough.
    const same = view('Parliament suspended for four years', 'The emir of Kuwait suspended parliament; Washington and London urged calm.');
    expect(elsewhere(same, story)).toBe(false);
  });

  it('does not part one event told with a city in one report and its country in the other', () => {
    for (const q of QUAKE) expect([...countriesOf(terms(`${q.title} ${q.text}`)).keys()]).toEqual(['Turkey']);
    expect(elsewhere(view(QUAKE[0]!.title, QUAKE[0]!.text), view(QUAKE[1]!.title, QUAKE[1]!.text))).toBe(false);
  });

  it('does not part reports that share two names, wherever they are reported from', () => {
    const a = view('Nokia Lumia 1520 goes on sale in Taiwan', 'The Nokia Lumia 1520 goes on sale in Taipei this week.');
    const b = view('Nokia Lumia 1520 arrives in Britain', 'British buyers can order the Nokia Lumia 1520 from Friday.');
    expect(elsewhere(a, b)).toBe(false);
  });

  it('reads a headline\'s demonym as who acts, its place name as where the event is', () => {
    const countries = (title: string) => [...headlineCountries(terms(title)).keys()];
    expect(countries('Turkish drones strike targets in northern Iraq')).toEqual(['Iraq']);
    expect(countries('Egyptian court jails activist')).toEqual(['Egypt']);
    // "Saudi" of "Saudi Arabia" is part of the name.
    expect(countries('Saudi Arabia and Jordan sign power deal')).toEqual(['Saudi Arabia', 'Jordan']);
  });

  it('parts two strikes by one country on two others, though both reports name the attacker', () => {
    const a = view('Turkish drones strike targets in northern Iraq',
      'Turkish drones struck suspected militant hideouts in the mountains of northern Iraq on Monday, Ankara said. Kurdish officials in Iraq reported two dead.');
    const b = view('Turkish drones hit fuel depot in northeast Syria',
      'Turkish drones hit a fuel depot near Qamishli in northeast Syria on Monday, a monitoring group said. Turkey said it targeted militants.');
    expect(elsewhere(a, b)).toBe(true);
    // One strike told twice, the attacker named in one headline only, is still one event.
    const c = view('Drone strike kills two in northern Iraq', 'A Turkish drone strike killed two people in northern Iraq on Monday, Kurdish officials said.');
    expect(elsewhere(a, c)).toBe(false);
  });

  it('says nothing when one side names no country', () => {
    expect(elsewhere(view('Central bank cuts rate', 'The central bank cut its rate by 25 basis points.'), view(QATAR.title, QATAR.text))).toBe(false);
  });

  // Placement works out each side's facts once and compares them with several others (placement.ts).
  it('judges the same from facts worked out beforehand as from the views', () => {
    const views = [
      view(KUWAIT.title, KUWAIT.text), view(QATAR.title, QATAR.text), view(QUAKE[0]!.title, QUAKE[0]!.text), view(QUAKE[1]!.title, QUAKE[1]!.text),
      view('Central bank cuts rate', 'The central bank cut its rate by 25 basis points.'),
      view('Turkish drones strike targets in northern Iraq', 'Turkish drones struck hideouts in northern Iraq, Ankara said.'),
      view('Turkish drones hit fuel depot in northeast Syria', 'Turkish drones hit a depot near Qamishli in Syria.'),
    ];
    let apart = 0;
    for (const a of views) {
      for (const b of views) {
        const judged = elsewhere(a, b);
        apart += judged ? 1 : 0;
        expect(elsewhere(whereFacts(a), whereFacts(b))).toBe(judged);
        expect(elsewhere(a, whereFacts(b))).toBe(judged);
      }
    }
    expect(apart).toBeGreaterThan(0);
  });
});

describe('placement keeps events in two countries apart', () => {
  const t0 = Date.parse('2025-04-02T08:00:00Z');

  it('in memory: two rate cuts stay two stories, two reports of one quake are one', async () => {
    const c = new StoryClusterer();
    const k = await c.place({ ...KUWAIT, published: t0 });
    const q = await c.place({ ...QATAR, published: t0 + 3600_000 });
    const a = await c.place({ ...QUAKE[0]!, published: t0 + 7200_000 });
    const b = await c.place({ ...QUAKE[1]!, published: t0 + 9000_000 });
    expect(c.resolve(q.story)).not.toBe(c.resolve(k.story));
    expect(c.resolve(b.story)).toBe(c.resolve(a.story));
  });

  it('without the check the cosine alone joins the two rate cuts (what the check is for)', async () => {
    const c = new StoryClusterer({ checkWhere: false });
    const k = await c.place({ ...KUWAIT, published: t0 });
    const q = await c.place({ ...QATAR, published: t0 + 3600_000 });
    expect(c.resolve(q.story)).toBe(c.resolve(k.story));
  });

  let repo: Repository | null = null;
  afterEach(async () => { await repo?.close(); repo = null; });

  it('over the store (ingest): the same', async () => {
    const r = (repo = await openStore('sqlite::memory:'));
    const at = (h: number) => new Date(t0 + h * 3600_000).toISOString();
    const k = await placeVersion(r, newVersion({ outlet: 'A', ...KUWAIT, published: at(0) }));
    const q = await placeVersion(r, newVersion({ outlet: 'B', ...QATAR, published: at(1) }));
    const a = await placeVersion(r, newVersion({ outlet: 'C', ...QUAKE[0]!, published: at(2) }));
    const b = await placeVersion(r, newVersion({ outlet: 'D', ...QUAKE[1]!, published: at(2.5) }));
    expect(q.storyId).not.toBe(k.storyId);
    expect(b.storyId).toBe(a.storyId);
  });
});
