// Plain-text pages: the title line, the body, and aggregator furniture (widget headings, related items)
// separated from it. The seeds are the real case; the variants are written here to check that the rules are
// general (other headings, wording, order, times), not tied to the seed's exact strings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../../src/pipeline/extract/index.ts';

const SEEDS = join(import.meta.dirname, '../../../fixtures/seeds');
const seed000 = readFileSync(join(SEEDS, '000_8d169c1d68591c33.txt'), 'utf8');
const seed001 = readFileSync(join(SEEDS, '001_03aee5fa6f29c944.txt'), 'utf8');
const ref = new Date('2025-02-20T12:00:00Z');

describe('seed 000: aggregator copy', () => {
  const page = extract({ text: seed000, referenceTime: ref });
  const lines = seed000.split('\n');
  const bodyStart = lines.findIndex((l) => l.startsWith('Following the conversation'));
  const bodyEnd = lines.findIndex((l) => l === 'Hashtags');
  const article = lines.slice(bodyStart, bodyEnd).filter((l) => l.trim()).join('\n\n');

  it('takes the first line as the title', () => {
    expect(page.title).toBe("Iraq's Ruling Coalition to Discuss US Warnings");
  });
  it('keeps exactly the article as the body, without furniture', () => {
    expect(page.text).toBe(article);
    for (const f of ['Hashtags', 'Try Our AI Features', 'Comments', 'No comments yet', 'Related Articles', 'Al Arabiya', 'an hour ago']) {
      expect(page.text).not.toContain(f);
    }
    expect(page.lede).toBe(lines[bodyStart]);
  });
  it('recognises the three related items with outlet, time, title and text', () => {
    expect(page.related.map((r) => [r.outlet, r.relativeTime, r.published, r.title])).toEqual([
      ['Asharq Al-Awsat', 'an hour ago', '2025-02-20T11:00:00.000Z', 'UK Targets Iranian Oil Magnate, Four Companies with Asset Freeze'],
      ['Al Arabiya', '4 hours ago', '2025-02-20T08:00:00.000Z', 'UK adds five new designations under Iran sanctions regime'],
      ['Al Arabiya', '4 hours ago', '2025-02-20T08:00:00.000Z', "Iran's freeze on nuclear inspections prompts US-UN crisis talks: Report"],
    ]);
    expect(page.related[0]!.text).toMatch(/^Britain imposed sanctions on one individual and four entities/);
    expect(page.related[0]!.text).toMatch(/hostile allegations"\.$/);
    expect(page.related[1]!.text).toBe('Britain added five new designations under its Iran sanctions regime, a government update showed on Wednesday.');
    expect(page.related[2]!.text).toMatch(/^International Atomic Energy Agency/);
  });
  it('escapes the body into paragraphs of HTML', () => {
    expect(page.html.startsWith('<p>Following the conversation')).toBe(true);
    expect(page.html.split('<p>')).toHaveLength(article.split('\n\n').length + 1);
  });
});

describe('seed 001: publisher text', () => {
  const page = extract({ text: seed001, referenceTime: ref });
  it('keeps the body intact, lede included', () => {
    const paras = seed001.split('\n').map((l) => l.trim()).filter(Boolean);
    expect(page.text).toBe(paras.join('\n\n'));
    expect(page.lede).toBe(paras[0]);
    expect(page.lede).toMatch(/^Iraq’s ruling coalition is set to hold an emergency meeting/);
    expect(page.related).toEqual([]);
  });
  it('does not take a sentence for a title', () => {
    expect(page.title).toBeNull();
  });
});

const BODY = [
  'The regional water authority said on Friday that reservoir levels had fallen to their lowest point in a decade after a dry winter.',
  'Officials asked households to cut use by a fifth and said a hosepipe ban could follow in June if rainfall stayed below average.',
  'Farmers warned that irrigation limits would hit vegetable growers hardest, with some already leaving fields unplanted.',
];

describe('furniture variants', () => {
  const ref2 = new Date('2024-06-10T18:30:00Z');

  it('different widget headings, order and times', () => {
    const text = [
      'Reservoirs Hit Ten-Year Low',
      ...BODY,
      'Share this',
      'Sign up for our newsletter',
      'Read more',
      'BBC News · 2 days ago',
      'Farmers count the cost of the drought',
      'Growers in the east say yields could fall by a third this year.',
      '',
      'The Guardian',
      'yesterday',
      '- The Guardian',
      'Hosepipe bans: what you need to know',
      'Water companies can restrict use during droughts. Here is how the rules work.',
      '',
      'Sky News',
      'just now',
      'Rain forecast at last for the weekend',
      'Forecasters expect the first significant rainfall in six weeks.',
    ].join('\n');
    const page = extract({ text, referenceTime: ref2 });
    expect(page.title).toBe('Reservoirs Hit Ten-Year Low');
    expect(page.text).toBe(BODY.join('\n\n'));
    expect(page.related.map((r) => [r.outlet, r.relativeTime, r.published, r.title])).toEqual([
      ['BBC News', '2 days ago', '2024-06-08T18:30:00.000Z', 'Farmers count the cost of the drought'],
      ['The Guardian', 'yesterday', '2024-06-09T18:30:00.000Z', 'Hosepipe bans: what you need to know'],
      ['Sky News', 'just now', '2024-06-10T18:30:00.000Z', 'Rain forecast at last for the weekend'],
    ]);
    expect(page.related[1]!.text).toBe('Water companies can restrict use during droughts. Here is how the rules work.');
  });

  it('other product names and comment sections', () => {
    const text = [
      'Reservoirs Hit Ten-Year Low',
      '',
      ...BODY,
      'Topics',
      'Try the Smart Features',
      'Explore what NewsPilot AI can do for you:',
      '3 Comments',
      'Be the first to comment',
      'More Stories',
      '',
      'Reuters',
      '15 minutes ago',
      '- Reuters',
      'Drought declared in three counties',
      'The environment agency moved the counties into drought status on Monday.',
    ].join('\n');
    const page = extract({ text, referenceTime: ref2 });
    expect(page.text).toBe(BODY.join('\n\n'));
    expect(page.related).toHaveLength(1);
    expect(page.related[0]).toMatchObject({ outlet: 'Reuters', relativeTime: '15 minutes ago', published: '2024-06-10T18:15:00.000Z', title: 'Drought declared in three counties' });
  });

  it('keeps a short subheading inside the body', () => {
    const text = ['Reservoirs Hit Ten-Year Low', BODY[0], 'What happens next', BODY[1], BODY[2], 'Comments', 'No comments yet...'].join('\n');
    const page = extract({ text, referenceTime: ref2 });
    expect(page.text).toBe([BODY[0], 'What happens next', BODY[1], BODY[2]].join('\n\n'));
  });

  it('a page with no furniture keeps every line', () => {
    const page = extract({ text: ['A Title Line', ...BODY].join('\n'), referenceTime: ref2 });
    expect(page.title).toBe('A Title Line');
    expect(page.text).toBe(BODY.join('\n\n'));
    expect(page.related).toEqual([]);
  });

  it('joins hard-wrapped lines into paragraphs', () => {
    const text = 'Title Here\n\nThe first paragraph is wrapped\nacross two lines.\n\nThe second one too, also\nwrapped by the sender.';
    const page = extract({ text });
    expect(page.text).toBe('The first paragraph is wrapped across two lines.\n\nThe second one too, also wrapped by the sender.');
  });

  it('empty input gives an empty page', () => {
    const page = extract({ text: '' });
    expect(page).toMatchObject({ title: null, text: '', lede: null, related: [] });
  });
});

describe('furniture worded otherwise', () => {
  const lines = seed000.split('\n');
  const bodyStart = lines.findIndex((l) => l.startsWith('Following the conversation'));
  const bodyEnd = lines.findIndex((l) => l === 'Hashtags');
  const article = lines.slice(bodyStart, bodyEnd).filter((l) => l.trim()).join('\n\n');
  const variants: [string, string][] = [
    ['an AI assistant promo with its pitch and a bare Tags heading', seed000.replace('Try Our AI Features', 'Ask our AI assistant')
      .replace('Explore what Daily8 AI can do for you:', 'Get instant answers about this story, summaries and translations in seconds.').replace(/^Hashtags$/m, 'Tags')],
    ['German widgets', seed000.replace(/^Hashtags$/m, 'Schlagwörter').replace('Try Our AI Features', 'Artikel teilen').replace(/^Comments$/m, 'Kommentare').replace('Related Articles', 'Lesen Sie auch')],
    ['French widgets', seed000.replace('Try Our AI Features', 'Partager cet article').replace(/^Comments$/m, 'Commentaires').replace('Related Articles', 'À lire aussi')],
  ];
  for (const [what, text] of variants) {
    it(`keeps only the article: ${what}`, () => {
      const page = extract({ text, referenceTime: ref });
      expect(page.text).toBe(article);
      expect(page.related.length).toBe(3);
    });
  }
});
