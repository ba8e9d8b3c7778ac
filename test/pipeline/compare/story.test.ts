// A whole story analysed: accounts written by different outlets (a number that disagrees, a quote only
// one carries), copies of one article (verbatim, an update, a changed number), coverage and who was
// first, the timeline of developments, and the briefing's ranking.
import { describe, expect, it } from 'vitest';
import type { BriefingCandidate, Outlet } from '../../../src/domain/analysis.ts';
import type { ArticleId, StoryId, VersionId } from '../../../src/domain/types.ts';
import { analyseStory, compareAccounts, disagreements, factText, rankBriefing, type StoryArticleInput } from '../../../src/pipeline/compare/index.ts';
import { textCopy, WIRE, WIRE_TITLE, type ReadCopy } from './helpers.ts';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const at = (h: number) => new Date(T0 + h * 3600_000).toISOString();
let nextVersion = 1;

function article(id: number, copies: { outlet: string; hours: number; copy: ReadCopy }[]): StoryArticleInput {
  const versions = copies.map((c) => ({
    id: nextVersion++ as VersionId, outlet: c.outlet, url: null, title: c.copy.title, text: c.copy.text, language: 'en', published: at(c.hours), fetchedAt: at(c.hours),
    digest: c.copy.digest,
  }));
  const canonical = copies.reduce((best, c, i) => (c.copy.text.length > copies[best]!.copy.text.length ? i : best), 0);
  const e = copies[canonical]!.copy.digest;
  return {
    id: id as ArticleId, title: copies[canonical]!.copy.title, text: copies[canonical]!.copy.text, language: 'en', canonicalVersionId: versions[canonical]!.id,
    hashtags: null, facts: e.facts, quotes: e.quotes, entities: [], versions,
  };
}

const registry = (xs: Partial<Outlet>[]): Map<string, Outlet> =>
  new Map(xs.map((o) => [o.name!, { homeUrl: null, country: null, language: 'en', kind: 'publisher', owner: null, firstSeen: at(0), editedAt: null, ...o } as Outlet]));

const UPDATE = 'Late on Tuesday the governor said two people had died and that 40 homes were destroyed in Orsa.';
const RIVAL_TITLE = 'Thousands evacuated as northern valley floods';
const RIVAL = [
  'About 1,500 residents of the northern valley were evacuated on Tuesday as the river burst its banks after days of heavy rain, emergency services said.',
  '“This is the worst flooding the valley has seen in a decade,” said Jonas Berg, head of the regional rescue service, who added that helicopters were standing by.',
  'The army deployed 300 soldiers to help with sandbags and pumps, while engineers inspected a dam upstream of Orsa overnight.',
];

describe('analyseStory', () => {
  const wire = textCopy(WIRE_TITLE, WIRE);
  const rival = textCopy(RIVAL_TITLE, RIVAL);
  const renumbered = textCopy(WIRE_TITLE, WIRE.map((p, i) => (i === 3 ? p.replace('300 soldiers', '500 soldiers') : p)));
  const updated = textCopy(WIRE_TITLE, [...WIRE, UPDATE]);
  const input = {
    storyId: 7 as StoryId,
    articles: [
      article(1, [
        { outlet: 'Nordic Wire', hours: 0, copy: wire },
        { outlet: 'Valley Daily', hours: 1, copy: wire },
        { outlet: 'River Post', hours: 2, copy: renumbered },
        { outlet: 'Nordic Wire', hours: 5, copy: updated },
      ]),
      article(2, [{ outlet: 'Channel North', hours: 3, copy: rival }]),
    ],
    articleCount: 2,
    outlets: registry([
      { name: 'Nordic Wire', country: 'SE', kind: 'wire' },
      { name: 'Valley Daily', country: 'SE', kind: 'aggregator' },
      { name: 'River Post', country: 'NO' },
      { name: 'Channel North', country: 'NO', kind: 'broadcaster', language: 'sv' },
    ]),
    now: at(6),
  };
  const { analysis, stats, roles } = analyseStory(input);
  const wireArticle = analysis.articles.find((a) => a.articleId === 1)!;
  const byOutlet = (name: string) => wireArticle.versions.filter((v) => v.outlet === name);

  it('credits the first publisher as the original and tells each copy from it', () => {
    expect(wireArticle.original).toMatchObject({ outlet: 'Nordic Wire', at: at(0) });
    expect(byOutlet('Valley Daily')[0]).toMatchObject({ role: 'copy', differences: [{ kind: 'verbatim' }] });
    expect(byOutlet('River Post')[0]).toMatchObject({ role: 'copy', differences: [{ kind: 'numbers-differ', changes: [{ from: '300', to: '500', unit: 'soldiers' }] }] });
    // The wire's own later version adds the update: its own text, updated.
    expect(byOutlet('Nordic Wire')[1]).toMatchObject({ role: 'original', differences: [{ kind: 'adds-update', count: 1, first: UPDATE }] });
    expect(roles.filter((r) => r.role === 'copy').map((r) => r.outlet).sort()).toEqual(['River Post', 'Valley Daily']);
  });

  it('shows coverage by country, language and kind, who was first, and who only republished', () => {
    const c = analysis.coverage;
    expect(c.first).toMatchObject({ outlet: 'Nordic Wire', at: at(0), articleId: 1 });
    expect(Object.fromEntries(c.byCountry)).toEqual({ SE: ['Nordic Wire', 'Valley Daily'], NO: ['River Post', 'Channel North'] });
    expect(Object.fromEntries(c.byLanguage)).toEqual({ en: ['Nordic Wire', 'Valley Daily', 'River Post'], sv: ['Channel North'] });
    expect(Object.fromEntries(c.byKind)).toMatchObject({ wire: ['Nordic Wire'], aggregator: ['Valley Daily'], broadcaster: ['Channel North'], publisher: ['River Post'] });
    const o = Object.fromEntries(c.outlets.map((x) => [x.name, x]));
    expect(o['Nordic Wire']).toMatchObject({ own: 1, copies: 0, copiedFrom: [] });
    expect(o['Valley Daily']).toMatchObject({ own: 0, copies: 1, copiedFrom: ['Nordic Wire'] });
    expect(o['Channel North']).toMatchObject({ own: 1, copies: 0 });
  });

  it('compares the accounts: a number that disagrees, a quote only one outlet has', () => {
    expect(analysis.fullest).toBe(1);
    const rivalDiffs = analysis.articles.find((a) => a.articleId === 2)!.againstStory;
    expect(rivalDiffs).toContainEqual({ kind: 'numbers-differ', changes: [{ from: 'about 1,200', to: 'About 1,500', unit: 'residents' }] });
    expect(rivalDiffs).toContainEqual({ kind: 'only-quotes', quotes: [{ text: 'This is the worst flooding the valley has seen in a decade', speaker: 'Jonas Berg' }] });
    // 300 soldiers are in both accounts: not a fact of one outlet only, nor a disagreement.
    const only = rivalDiffs.find((d) => d.kind === 'only-facts');
    expect(only && 'facts' in only ? only.facts.join(' ') : '').not.toMatch(/300/);
    expect(wireArticle.againstStory).toContainEqual({ kind: 'only-quotes', quotes: [{ text: 'We will not leave anyone behind while the water is still rising', speaker: 'Marta Lindqvist' }] });
  });

  it('tells the story\'s developments in time order with outlet and time', () => {
    const t = analysis.timeline;
    expect(t[0]).toMatchObject({ kind: 'first-report', outlet: 'Nordic Wire', at: at(0), title: WIRE_TITLE });
    expect(t).toContainEqual({ kind: 'number-changed', at: at(2), outlet: 'River Post', articleId: 1, change: { from: '300', to: '500', unit: 'soldiers' } });
    expect(t).toContainEqual({ kind: 'new-account', at: at(3), outlet: 'Channel North', articleId: 2, title: RIVAL_TITLE });
    expect(t).toContainEqual({ kind: 'quote', at: at(3), outlet: 'Channel North', articleId: 2, text: 'This is the worst flooding the valley has seen in a decade', speaker: 'Jonas Berg' });
    expect(t).toContainEqual({ kind: 'update', at: at(5), outlet: 'Nordic Wire', articleId: 1, text: UPDATE });
    // The verbatim copy brought nothing new: it is only listed as a republication.
    expect(t.filter((d) => d.outlet === 'Valley Daily')).toEqual([{ kind: 'republished', at: at(1), outlet: 'Valley Daily', articleId: 1, from: 'Nordic Wire' }]);
    expect(t.map((d) => d.at)).toEqual([...t.map((d) => d.at)].sort());
  });

  it('keeps the key quotes, the summary and the counts the briefing ranks by', () => {
    expect(analysis.keyQuotes[0]).toMatchObject({ text: 'We will not leave anyone behind while the water is still rising', speaker: 'Marta Lindqvist', outlet: 'Nordic Wire', outlets: 3 });
    expect(analysis.summary.length).toBeGreaterThan(0);
    expect(stats).toEqual({ outlets: 4, articles: 2, versions: 5, arrivals: [0, 1, 2, 3, 5].map((h) => Date.parse(at(h))) });
  });
});

describe('compareAccounts and disagreements', () => {
  it('does not call two numbers that count different things a disagreement', () => {
    const ours = [
      { kind: 'number' as const, text: '2,500', value: 2500, unit: 'troops', about: 'troops in Iraq' },
      { kind: 'number' as const, text: '1,000', value: 1000, unit: 'troops', about: 'additional troops from allied nations' },
    ];
    expect(disagreements(ours, [{ kind: 'number', text: '2,000', value: 2000, unit: 'troops', about: 'troops in Iraq' }])).toEqual([{ from: '2,500', to: '2,000', unit: 'troops' }]);
    // "troops" alone could be either figure: no claim.
    expect(disagreements(ours, [{ kind: 'number', text: '2,000', value: 2000, unit: 'troops', about: 'troops' }])).toEqual([]);
    expect(disagreements(ours, [{ kind: 'number', text: '1,000', value: 1000, unit: 'troops', about: 'troops' }])).toEqual([]);
  });

  it('compares an account only with accounts in its language: a translated figure or quote is not exclusive', () => {
    const en = { articleId: 1 as ArticleId, language: 'en', texts: ['The US keeps around 2,500 troops in Iraq, officials said.'], facts: [{ kind: 'number' as const, text: '2,500', value: 2500, unit: 'troops', about: 'troops in Iraq' }], quotes: [] };
    const ar = { articleId: 2 as ArticleId, language: 'ar', texts: ['وتحتفظ الولايات المتحدة بنحو ٢٥٠٠ جندي في العراق، وقال «العراق ليس حالياً من أولويات واشنطن» شينكر.'], facts: [{ kind: 'number' as const, text: '٢٥٠٠', value: 2500, unit: 'جندي', about: 'جندي في العراق' }], quotes: [{ text: 'العراق ليس حالياً من أولويات واشنطن', speaker: 'شينكر', direct: true }] };
    expect(compareAccounts([en, ar]).differences).toEqual(new Map());
    // In one language the same figure missing from the other account is listed.
    const en2 = { ...en, articleId: 3 as ArticleId, texts: ['Officials met in Baghdad on Monday.'], facts: [] };
    expect(compareAccounts([en, ar, en2]).differences.get(1 as ArticleId)).toEqual([{ kind: 'only-facts', facts: ['2,500 troops in Iraq'] }]);
  });

  it('a story of one account has nothing to compare', () => {
    expect(compareAccounts([{ articleId: 1 as ArticleId, texts: ['x'], facts: [], quotes: [] }])).toEqual({ fullest: 1, differences: new Map() });
  });
});

describe('rankBriefing', () => {
  const now = new Date(at(24));
  const candidate = (id: number, outlets: number, arrivals: number[]): BriefingCandidate => ({
    storyId: id as StoryId, title: `S${id}`, firstSeen: at(0), lastSeen: at(Math.max(...arrivals)),
    stats: { outlets, articles: outlets, versions: arrivals.length, arrivals: arrivals.map((h) => Date.parse(at(h))) },
  });
  it('ranks by coverage and growth today, and leaves out stories that did not grow today', () => {
    const ranked = rankBriefing([candidate(1, 5, [1, 2, 3]), candidate(2, 3, [20, 21, 22, 23]), candidate(3, 9, [-10]), candidate(4, 1, [23])], now, 10);
    expect(ranked.map((r) => r.storyId)).toEqual([2, 1, 4]);
    expect(ranked[0]).toMatchObject({ today: 4, lastHours: 4 });
  });
});

describe('a fact as a difference lists it', () => {
  it('reads as the article wrote it: the unit is not put in front again when the phrase holds it', () => {
    expect(factText({ kind: 'number', text: 'five', value: 5, unit: 'designations', about: 'new designations under Iran sanctions' })).toBe('five new designations under Iran sanctions');
    expect(factText({ kind: 'number', text: '2,500', value: 2500, unit: 'troops', about: 'troops in Iraq' })).toBe('2,500 troops in Iraq');
    expect(factText({ kind: 'number', text: '40', value: 40, unit: 'barrels', about: 'a day' })).toBe('40 barrels a day');
    expect(factText({ kind: 'number', text: '12%', value: 12, unit: '%', about: 'rise in exports' })).toBe('12% rise in exports');
    expect(factText({ kind: 'number', text: '$1.5 billion', value: 1.5e9, unit: 'USD', about: 'in loans' })).toBe('$1.5 billion in loans');
  });
});

describe('facts only one account has', () => {
  it('are listed once per figure, though a headline and its body both state it', () => {
    const five = { kind: 'number' as const, value: 5, unit: 'designations' };
    const accounts = [
      { articleId: 1 as ArticleId, texts: ['Britain sanctions an oil magnate and four firms in a long statement about Iran and its networks abroad.'], facts: [], quotes: [] },
      {
        articleId: 2 as ArticleId, texts: ['UK adds five new designations\n\nBritain added five new designations under its Iran sanctions regime.'], quotes: [],
        facts: [{ ...five, text: 'five', about: 'new designations under Iran sanctions' }, { ...five, text: 'five', about: 'new designations' }],
      },
    ];
    const diffs = compareAccounts(accounts).differences.get(2 as ArticleId) ?? [];
    expect(diffs).toContainEqual({ kind: 'only-facts', facts: ['five new designations under Iran sanctions'] });
  });
});
