// Dates, relative times and the sanitiser: the small parts extract leans on.
import { describe, expect, it } from 'vitest';
import { parseDate, resolveRelative } from '../../../src/pipeline/extract/dates.ts';
import { sanitize } from '../../../src/pipeline/extract/sanitize.ts';
import { extract } from '../../../src/pipeline/extract/index.ts';
import { chooseSiteName } from '../../../src/pipeline/extract/metadata.ts';
import { isDateStamp } from '../../../src/pipeline/extract/index.ts';
import { parseFeedDate } from '../../../src/pipeline/feeds/index.ts';

describe('parseDate', () => {
  it.each([
    ['2019-11-20T06:01:44-05:00', '2019-11-20T11:01:44.000Z'],
    ['2019-11-20', '2019-11-20T00:00:00.000Z'],
    ['Tue, 12 Sep 2023 14:05:00 -0700', '2023-09-12T21:05:00.000Z'],
    ['Published: November 19, 2019', '2019-11-19T00:00:00.000Z'],
    ['Nov. 19, 2019 at 5:30 p.m. ET', '2019-11-19T22:30:00.000Z'],
    ['Updated 19 November 2019, 17:30', '2019-11-19T17:30:00.000Z'],
    ['2019/11/19', '2019-11-19T00:00:00.000Z'],
    ['19.11.2019', '2019-11-19T00:00:00.000Z'],
    ['By Jane Doe, Nov 19, 2019', '2019-11-19T00:00:00.000Z'],
    ['1574168580', '2019-11-19T13:03:00.000Z'],
  ])('%s', (input, iso) => expect(parseDate(input)).toBe(iso));

  it('rejects what is not a date', () => {
    for (const s of ['', 'yesterday-ish', 'February 30, 2020', 'Chapter 11', '2019-13-45']) expect(parseDate(s)).toBeNull();
  });
});

describe('resolveRelative', () => {
  const ref = new Date('2024-06-10T18:30:00Z');
  it.each([
    ['an hour ago', '2024-06-10T17:30:00.000Z'],
    ['4 hours ago', '2024-06-10T14:30:00.000Z'],
    ['15 minutes ago', '2024-06-10T18:15:00.000Z'],
    ['2 days ago', '2024-06-08T18:30:00.000Z'],
    ['yesterday', '2024-06-09T18:30:00.000Z'],
    ['just now', '2024-06-10T18:30:00.000Z'],
    ['3h ago', '2024-06-10T15:30:00.000Z'],
    ['a week ago', '2024-06-03T18:30:00.000Z'],
  ])('%s', (t, iso) => expect(resolveRelative(t, ref)).toBe(iso));
  it('is null for other text', () => expect(resolveRelative('Al Arabiya', ref)).toBeNull());
});

describe('sanitize', () => {
  it('keeps structure, safe links and images; drops scripts, handlers and unsafe schemes', () => {
    const out = sanitize(
      '<h2 onclick="x()">Head</h2><p style="color:red">a <a href="/rel" target="_blank">b</a> <a href="javascript:alert(1)">c</a> <a href="//evil.example/x">d</a></p>'
      + '<img src="data:image/png;base64,iVBORw0KGgo="><img src="data:text/html;base64,PHNjcmlwdD4="><script>alert(1)</script><iframe src="https://x"></iframe>'
      + '<ul><li>one</li></ul><blockquote>q</blockquote><figure><img src="/i.jpg" alt="A"><figcaption>cap</figcaption></figure>',
      'https://news.example/a/b',
    );
    expect(out).toBe(
      '<h2>Head</h2><p>a <a href="https://news.example/rel" rel="noopener nofollow">b</a> <a rel="noopener nofollow">c</a> <a href="https://evil.example/x" rel="noopener nofollow">d</a></p>'
      + '<img src="data:image/png;base64,iVBORw0KGgo=" />'
      + '<ul><li>one</li></ul><blockquote>q</blockquote><figure><img src="https://news.example/i.jpg" alt="A" /><figcaption>cap</figcaption></figure>',
    );
  });
});

describe('extract input', () => {
  it('needs html or text', () => {
    expect(() => extract({})).toThrow(/html or text/);
  });
  it('survives malformed and empty HTML', () => {
    expect(extract({ html: '<div><p>Unclosed <b>bold <i>text' }).text).toBe('Unclosed bold text');
    expect(extract({ html: '<<<>>>&&&' }).title).toBeNull();
    const deep = '<div>'.repeat(5000) + '<p>Deep paragraph of text that is long enough to be scored as content here.</p>' + '</div>'.repeat(5000);
    expect(extract({ html: deep }).text).toContain('Deep paragraph');
  });
});

describe('chooseSiteName', () => {
  it('skips a site name that is only a subdomain of the host, and writes a short handle as its acronym', () => {
    // AP's hosted.ap.org pages: og:site_name "Hosted", twitter:site "@ap".
    expect(chooseSiteName(['Hosted', null], '@ap', 'https://hosted.ap.org/x/story')).toBe('AP');
    // A name equal to the site's own label stays, whatever the public suffix.
    expect(chooseSiteName(['The Sun'], '@thesun', 'https://www.thesun.co.uk/news/1')).toBe('The Sun');
    expect(chooseSiteName(['MoreBikes'], '@EvenMoreBikes', 'https://www.morebikes.co.uk/1')).toBe('MoreBikes');
    // A longer handle is a name as written; no candidate at all gives null.
    expect(chooseSiteName([null, null], '@politifact', 'https://www.politifact.com/a')).toBe('politifact');
    expect(chooseSiteName([null], null, 'https://example.com/')).toBeNull();
    expect(chooseSiteName(['@SlashGear'], null, undefined)).toBe('SlashGear');
  });
});

describe('publication dates', () => {
  const page = (ld: string, meta = '') => `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Quay reopens","datePublished":"${ld}"}</script>${meta}</head>
<body><article><h1>Quay reopens</h1><p>The harbour board reopened the quay on Monday after six weeks of repairs to the old pier.</p>
<p>Fishing boats returned to their berths by noon, and the ferry timetable resumes on Friday as planned.</p></article></body></html>`;
  const now = new Date('2026-12-05T12:00:00Z');
  it('never takes a placeholder, pre-web or future date: the next source wins, else none', () => {
    expect(extract({ html: page('0001-01-01T00:00:00Z'), url: 'https://x.example/a', referenceTime: now }).published).toBeNull();
    expect(extract({ html: page('0001-01-01T00:00:00Z', '<meta property="article:published_time" content="2026-12-01T08:00:00Z">'), url: 'https://x.example/a', referenceTime: now }).published).toBe('2026-12-01T08:00:00.000Z');
    expect(extract({ html: page('1970-01-01T00:00:00Z'), url: 'https://x.example/a', referenceTime: now }).published).toBeNull();
    expect(extract({ html: page('2031-01-01T00:00:00Z', '<meta name="date" content="2026-11-30">'), url: 'https://x.example/a', referenceTime: now }).published).toBe('2026-11-30T00:00:00.000Z');
    expect(extract({ html: page('2026-12-05T09:00:00Z'), url: 'https://x.example/a', referenceTime: now }).published).toBe('2026-12-05T09:00:00.000Z');
  });
  it('reads a two-digit year as the feeds write it, and a four-digit year 0001 as no date', () => {
    expect(parseFeedDate('Wed, 02 Oct 02 13:00:00 GMT')).toBe('2002-10-02T13:00:00.000Z');
    expect(parseFeedDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseDate('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseDate('Mon, 01 Jan 0001 00:00:00 GMT')).toBeNull();
  });
});

describe('reading-time labels', () => {
  it('drops "5 min read" and its kin in other languages, and keeps sentences that mention reading', () => {
    const labels = ['Tempo de leitura: 1 minuto', '5 min read', 'Reading time: 3 minutes', 'Lesezeit: 4 Min.', 'Temps de lecture : 2 min'];
    const kept = ['He spent 5 min reading the report before the council began its vote on the plan.', 'Reading time matters to editors, who track it closely across the whole site every week.'];
    const html = `<html><body><article><h1>A page</h1>${[...labels, ...kept].map((t) => `<p>${t}</p>`).join('')}
<p>The council approved the budget on Tuesday after a long debate about the cost of the new library in the town centre.</p></article></body></html>`;
    const paragraphs = extract({ html, url: 'https://news.example/d' }).text.split('\n\n');
    for (const t of labels) expect(paragraphs, t).not.toContain(t);
    for (const t of kept) expect(paragraphs).toContain(t);
  });
});

describe('metadata encoded twice', () => {
  it('decodes the entities a site left in its headline', () => {
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: 'Stadia doesn&#8217;t run at 60fps &#8211; a test' });
    const html = `<html><head><script type="application/ld+json">${ld}</script></head><body><article><h1>Stadia</h1>
<p>The promise of the service was high quality visuals and rock-solid performance streamed to a browser, and the test shows where it falls short.</p></article></body></html>`;
    const page = extract({ html, url: 'https://news.example/c' });
    expect(page.title).toBe('Stadia doesn’t run at 60fps – a test');
  });
});

describe('isDateStamp', () => {
  it('knows a line of dates, times and their labels, and nothing else', () => {
    for (const t of ['Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.', 'Published 12 May 2024 · 14:02 CEST', 'Updated: Tuesday, March 3, 2020 10:15 PM ET', '2024-05-12 14:02', 'Veröffentlicht am 12.05.2024'])
      expect(isDateStamp(t), t).toBe(true);
    for (const t of ['On Nov. 20, 2019 the council voted 7 to 2 for the plan.', 'Updated guidance was published on Monday.', 'The 2019 budget'])
      expect(isDateStamp(t), t).toBe(false);
  });
});

describe('front matter', () => {
  it('drops a byline and a date stamp above the first paragraph, whatever their form', () => {
    const html = `<html><body><article><h1>Utility begins power shutoff over fire danger</h1>
<p>JANIE HAR</p><p>Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.</p>
<p>SAN FRANCISCO (AP) — The utility was set to begin shutting off power Wednesday to some 375,000 people in Northern California.</p>
<p>The company said the shutoffs would last until the winds died down and crews could inspect the lines for damage.</p></article></body></html>`;
    const page = extract({ html, url: 'https://news.example/a' });
    expect(page.text.startsWith('SAN FRANCISCO (AP)')).toBe(true);
    expect(page.lede?.startsWith('SAN FRANCISCO (AP)')).toBe(true);
  });

  it('drops a sign-up box and a byline that only their component names tell apart (hashed classes)', () => {
    // As component-built pages ship them: the box's class is a hash, its message has no sign-up word, and
    // it sits inside the article body, whose class would otherwise rescue it.
    const html = `<html><body><article><h1>House to become a police station, Austria says</h1>
<div class="article-body__content-x1"><div class="container___jsHMh news___34TC8" data-test="newsletter-signup">
<h2 class="signupTitle___15fvr">Breaking News Emails</h2><div class="signupMessage___3ctJh">Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.</div>
<a href="https://news.example/newsletters">SUBSCRIBE</a></div>
<section><time datetime="2019-11-20T09:28:00Z">Nov. 20, 2019, 9:28 AM UTC</time><div class="f6___a8Jk" data-testid="byline">By Reuters</div></section>
<p>VIENNA — The house where the dictator was born will be turned into a police station, Austria's interior minister said on Tuesday.</p>
<p>Architects from across the European Union will be invited to submit plans for the building's redesign this month.</p></div></article></body></html>`;
    const page = extract({ html, url: 'https://news.example/b' });
    expect(page.lede?.startsWith('VIENNA —')).toBe(true);
    expect(page.text).not.toMatch(/breaking news alerts|By Reuters|9:28 AM/);
    expect(page.text).toMatch(/Architects from across/);
  });
});
