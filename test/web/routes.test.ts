// Route tests: every page and API call over real HTTP on loopback, against a real store filled through
// the repository (see fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { parseFeed } from '../../src/pipeline/feeds/index.ts';
import { hashToken } from '../../src/web/auth.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, section, textOf } from './client.ts';

let f: Fixture;
let web: { url: string; close(): Promise<void> };
let clock = new Date(NOW);
const anon = () => new Client(web.url);

beforeAll(async () => {
  f = await makeFixture();
  web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => clock });
});
afterAll(async () => {
  await web?.close();
  await f?.close();
});

async function signedUp(name: string, email = `${name.toLowerCase()}@example.org`): Promise<Client> {
  const c = anon();
  const { res } = await c.submit('/signup', '/signup', { name, email, password: 'correct horse battery' });
  expect(res.status).toBe(303);
  return c;
}

// The first account becomes admin: create it before any other test signs up.
let admin: Client;
beforeAll(async () => { admin = await signedUp('Editor'); });

describe('security headers', () => {
  it('sends a CSP without inline script, nosniff, a referrer policy and no framing on pages and API', async () => {
    for (const path of ['/', '/api/v1/articles', '/no-such-page']) {
      const { res } = await anon().get(path);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'self'/);
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    }
  });

  it('pages carry no inline script or style attributes', async () => {
    const { body } = await anon().get(`/article/${f.seedArticle.id}`);
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(body).not.toMatch(/\sstyle="/);
    expect(body).not.toMatch(/\son[a-z]+="/);
  });
});

describe('home and lists', () => {
  it('shows top stories, latest articles and trending hashtags', async () => {
    const { res, body } = await anon().get('/');
    expect(res.status).toBe(200);
    const top = section(body, 'id="h-top"', '</section>');
    expect(top).toContain(`/story/${f.story.id}`);
    expect(textOf(top)).toContain("Iraq's Ruling Coalition to Discuss US Warnings");
    expect(textOf(section(body, 'id="h-latest"', '</section>'))).toContain('UK Targets Iranian Oil Magnate');
    expect(section(body, 'id="h-trending"', '</aside>')).toMatch(/href="\/hashtag\/Iran"/);
    expect(body).toContain('<a class="skip" href="#main">');
    expect(body).toMatch(/<main id="main"/);
    expect(body).toMatch(/rel="alternate" type="application\/rss\+xml"/);
  });

  it('never shows a story last updated days ago as a top story: such stories fill the page under "Earlier stories"', async () => {
    const later = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => new Date(NOW.getTime() + 10 * 86400_000) });
    try {
      const { body } = await new Client(later.url).get('/');
      const top = section(body, 'id="h-top"', 'id="h-earlier"');
      expect(textOf(top)).toContain('Nothing new in the last two days.');
      expect(top).not.toContain('/story/');
      expect(section(body, 'id="h-earlier"', '</section>')).toContain(`/story/${f.story.id}`);
    } finally {
      await later.close();
    }
    // At the time they were written, the same stories are the top stories.
    const { body } = await anon().get('/');
    expect(section(body, 'id="h-top"', '</section>')).toContain(`/story/${f.story.id}`);
  });

  it('pages the latest articles with a cursor', async () => {
    const c = anon();
    const first = await c.get('/latest');
    const next = /rel="next" href="([^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await c.get(next!);
    expect(second.res.status).toBe(200);
    const ids = (h: string) => [...h.matchAll(/href="\/article\/(\d+)"/g)].map((m) => m[1]);
    expect(ids(second.body).length).toBeGreaterThan(0);
    expect(ids(second.body).some((id) => ids(first.body).includes(id))).toBe(false);
  });

  it('hashtag and outlet pages list their articles; unknown ones are 404', async () => {
    const tag = await anon().get('/hashtag/Iran');
    expect(tag.res.status).toBe(200);
    expect(textOf(tag.body)).toContain("Iraq's Ruling Coalition");
    expect((await anon().get('/hashtag/NoSuchTagAnywhere')).res.status).toBe(404);
    const outlet = await anon().get('/outlet/Al%20Arabiya');
    expect(outlet.res.status).toBe(200);
    expect(textOf(outlet.body)).toContain('UK adds five new designations');
    expect(textOf(outlet.body)).not.toContain('UK Targets Iranian Oil Magnate');
    expect((await anon().get('/outlet/Nobody%20Times')).res.status).toBe(404);
    expect((await anon().get('/hashtags')).body).toContain('href="/hashtag/Iran"');
    expect(textOf((await anon().get('/outlets')).body)).toContain('Asharq Al-Awsat');
  });
});

describe('article page', () => {
  it('credits both outlets, keeps the lede, links hashtags, lists related articles with relative times', async () => {
    const { res, body } = await anon().get(`/article/${f.seedArticle.id}`);
    expect(res.status).toBe(200);
    const text = textOf(body);
    expect(text).toContain("Iraq's Ruling Coalition to Discuss US Warnings");
    expect(section(body, '<p class="kicker">', '</p>')).toContain('Asharq Al-Awsat');
    expect(textOf(section(body, '<p class="also">', '</p>'))).toMatch(/Also published by Daily8/);
    expect(body).toMatch(/<time datetime="2025-02-20T07:00:00.000Z">20 Feb 2025, 07:00 UTC<\/time> <span class="rel">\(5 hours ago\)<\/span>/);
    const articleBody = section(body, '<div class="body"', '</div>');
    // The lede (missing from the aggregator's copy) opens the body.
    expect(textOf(articleBody).startsWith('Iraq’s ruling coalition is set to hold an emergency meeting')).toBe(true);
    for (const furniture of ['Try Our AI Features', 'No comments yet...', 'Related Articles', 'Hashtags']) expect(articleBody).not.toContain(furniture);
    expect(section(body, 'id="h-tags"', '</section>')).toMatch(/<a href="\/hashtag\/Iraq">#Iraq<\/a>/);
    const related = section(body, 'id="h-related"', '</aside>');
    expect(textOf(related)).toContain('Asharq Al-Awsat · an hour ago UK Targets Iranian Oil Magnate');
    expect(textOf(related)).toMatch(/Al Arabiya · 4 hours ago UK adds five new designations/);
    expect(related).not.toContain(`/article/${f.seedArticle.id}"`);
  });

  it('shows the AI panel: summary, key facts, quotes with speakers, entities', async () => {
    const { body } = await anon().get(`/article/${f.seedArticle.id}`);
    const ai = textOf(section(body, 'id="h-ai"', '</section>'));
    expect(ai).toContain('Summary');
    expect(ai).toMatch(/Key facts .*2,500/);
    expect(ai).toMatch(/Quotes .*— Tammy Bruce/);
    // Every speaker's quotes, the later ones too (a cap of six once hid the foreign minister's four).
    const quotes = section(body, '<h3>Quotes</h3>', '<h3>Entities</h3>');
    expect((textOf(quotes).match(/— Fuad Hussein/g) ?? []).length).toBe(4);
    for (const speaker of ['Uday al-Khadran', 'David Schenker', 'Fuad Hussein']) expect(textOf(quotes)).toContain(`— ${speaker}`);
    expect(ai).toMatch(/People .*Marco Rubio US Secretary of State/);
    // No language model configured: no Ask/Translate forms.
    expect(body).not.toContain('/ask"');
  });

  it('is 404 for an unknown article and for a malformed id', async () => {
    expect((await anon().get('/article/999999')).res.status).toBe(404);
    expect((await anon().get('/article/abc')).res.status).toBe(404);
    expect((await anon().get('/api/v1/articles/999999')).res.status).toBe(404);
  });
});

describe('story page', () => {
  it('shows the headline, coverage by outlet with versions, a timeline, summary, entities and hashtags', async () => {
    const { res, body } = await anon().get(`/story/${f.story.id}`);
    expect(res.status).toBe(200);
    const text = textOf(body);
    expect(text).toContain("Iraq's Ruling Coalition to Discuss US Warnings");
    const coverage = textOf(section(body, 'id="h-cov"', '</section>'));
    expect(coverage).toContain('Asharq Al-Awsat');
    expect(coverage).toMatch(/Versions: Asharq Al-Awsat .*Daily8/);
    const timeline = section(body, 'id="h-tl"', '</section>');
    // The publisher's first report, then the aggregator's republication.
    expect([...timeline.matchAll(/<li class="dev /g)].length).toBe(2);
    // Oldest first.
    expect(textOf(timeline).indexOf('Asharq Al-Awsat')).toBeLessThan(textOf(timeline).indexOf('Daily8'));
    expect(text).toContain('Summary across outlets');
    expect(section(body, 'id="h-stags"', '</section>')).toContain('href="/hashtag/');
    expect(textOf(section(body, 'id="h-ent"', '</section>'))).toContain('Marco Rubio');
    expect((await anon().get('/story/424242')).res.status).toBe(404);
  });
});

describe('search', () => {
  it('ranks matches, highlights them and filters by outlet, hashtag and date', async () => {
    const { body } = await anon().get('/search?q=sanctions');
    expect(body).toMatch(/<mark>sanctions<\/mark>/i);
    expect(textOf(body)).toMatch(/\d+ articles match/);
    const byOutlet = await anon().get('/search?q=sanctions&outlet=Al%20Arabiya');
    expect(textOf(byOutlet.body)).toContain('UK adds five new designations');
    expect(textOf(byOutlet.body)).not.toContain('UK Targets Iranian Oil Magnate');
    const byTag = await anon().get('/search?q=sanctions&hashtag=Iraq');
    expect(textOf(byTag.body)).toContain("Iraq's Ruling Coalition");
    expect(textOf(byTag.body)).not.toContain('UK Targets Iranian Oil Magnate');
    const future = await anon().get('/search?q=sanctions&from=2030-01-01');
    expect(textOf(future.body)).toContain('No articles match with these filters');
    const bad = await anon().get('/search?q=sanctions&from=yesterday');
    expect(bad.res.status).toBe(200);
    expect(textOf(bad.body)).toContain('Dates must be written YYYY-MM-DD');
  });

  it('paginates results with numbered pages', async () => {
    const { body } = await anon().get('/search?q=district');
    expect(textOf(body)).toMatch(/30 articles match/);
    const pager = section(body, 'aria-label="Result pages"', '</nav>');
    expect(pager).toContain('aria-current="page"');
    expect(pager).toMatch(/href="\/search\?q=district&amp;page=2"/);
    const second = await anon().get('/search?q=district&page=2');
    expect(second.body).toContain('<ol class="results" start="21">');
    const api = await anon().get('/api/v1/search?q=district&limit=5');
    const page1 = JSON.parse(api.body) as { total: number; items: { id: number; highlight: string }[]; next: string };
    expect(page1.total).toBe(30);
    expect(page1.items).toHaveLength(5);
    expect(page1.items[0]!.highlight).toMatch(/<mark>/i);
    const page2 = JSON.parse((await anon().get(`/api/v1/search?q=district&limit=5&cursor=${page1.next}`)).body) as typeof page1;
    expect(page2.items.map((i) => i.id).some((id) => page1.items.some((x) => x.id === id))).toBe(false);
  });

  it('escapes hostile queries', async () => {
    const { body } = await anon().get('/search?q=%3Cscript%3Ealert(1)%3C/script%3E');
    expect(body).not.toContain('<script>alert(1)');
  });
});

describe('feeds out', () => {
  for (const [path, what] of [['', 'home'], [`/story/{story}`, 'story'], ['/hashtag/Iran', 'hashtag'], ['/outlet/Al%20Arabiya', 'outlet']] as const) {
    it(`serves RSS, Atom and JSON Feed for ${what}`, async () => {
      const base = path.replace('{story}', String(f.story.id));
      for (const [ext, format, type] of [['xml', 'rss', 'application/rss+xml'], ['atom', 'atom', 'application/atom+xml'], ['json', 'json', 'application/feed+json']] as const) {
        const { res, body } = await anon().get(`${base}/feed.${ext}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain(type);
        const feed = parseFeed(body, { contentType: res.headers.get('content-type') });
        expect(feed.format).toBe(format);
        expect(feed.items.length).toBeGreaterThan(0);
        expect(feed.items[0]!.url).toMatch(new RegExp(`^${web.url}/article/\\d+$`));
      }
    });
  }
});

describe('API', () => {
  it('lists articles with cursor pagination, ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const c = anon();
    const first = await c.get('/api/v1/articles?limit=5');
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = first.res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const page = JSON.parse(first.body) as { items: { id: number }[]; next: string };
    expect(page.items).toHaveLength(5);
    const second = JSON.parse((await c.get(`/api/v1/articles?limit=5&cursor=${encodeURIComponent(page.next)}`)).body) as typeof page;
    expect(second.items.some((a) => page.items.some((b) => b.id === a.id))).toBe(false);
    const again = await c.get('/api/v1/articles?limit=5', { 'if-none-match': etag });
    expect(again.res.status).toBe(304);
  });

  it('serves stories, an article with versions and enrichment, related, hashtags and comments', async () => {
    const stories = JSON.parse((await anon().get('/api/v1/stories')).body);
    expect(stories.items.map((s: { id: number }) => s.id)).toContain(f.story.id);
    const story = JSON.parse((await anon().get(`/api/v1/stories/${f.story.id}`)).body);
    expect(story.articles.map((a: { id: number }) => a.id)).toContain(f.seedArticle.id);
    const art = JSON.parse((await anon().get(`/api/v1/articles/${f.seedArticle.id}`)).body);
    expect(art.versions.map((v: { outlet: string }) => v.outlet).sort()).toEqual(['Asharq Al-Awsat', 'Daily8']);
    expect(art.enrichment.hashtags).toContain('#Iraq');
    const related = JSON.parse((await anon().get(`/api/v1/articles/${f.seedArticle.id}/related`)).body);
    expect(related.items.length).toBeGreaterThan(0);
    const tags = JSON.parse((await anon().get('/api/v1/hashtags?days=30')).body);
    expect(tags.items.length).toBeGreaterThan(0);
    const tagged = JSON.parse((await anon().get('/api/v1/hashtags/Iran/articles')).body);
    expect(tagged.items.length).toBeGreaterThan(0);
    const comments = JSON.parse((await anon().get(`/api/v1/articles/${f.seedArticle.id}/comments`)).body);
    expect(Array.isArray(comments.items)).toBe(true);
  });

  it('answers clear JSON errors', async () => {
    for (const [path, status, code] of [['/api/v1/articles?limit=0', 400, 'bad_input'], ['/api/v1/articles?cursor=garbage', 400, 'bad_input'], ['/api/v1/search', 400, 'bad_input'], ['/api/v1/stories/77777', 404, 'not_found'], ['/api/v1/nothing', 404, 'not_found']] as const) {
      const { res, body } = await anon().get(path);
      expect(res.status, path).toBe(status);
      expect(JSON.parse(body).error.code, path).toBe(code);
    }
    const post = await anon().request(`/api/v1/articles/${f.seedArticle.id}/comments`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(post.status).toBe(401);
  });

  it('describes itself in OpenAPI 3.1', async () => {
    const doc = JSON.parse((await anon().get('/api/openapi.json')).body);
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/stories', '/articles', '/articles/{id}', '/search', '/hashtags', '/articles/{id}/comments']) expect(doc.paths[p]).toBeTruthy();
  });
});

describe('accounts', () => {
  it('made the first account an admin; later accounts are readers', async () => {
    expect((await admin.get('/admin')).res.status).toBe(200);
    const reader = await signedUp('Reader');
    expect((await reader.get('/admin')).res.status).toBe(403);
    expect((await anon().get('/admin')).res.status).toBe(303);
  });

  it('sets an HttpOnly SameSite=Lax session cookie and stores only its hash', async () => {
    const c = anon();
    await c.submit('/signup', '/signup', { name: 'Cookie', email: 'cookie@example.org', password: 'correct horse battery' });
    const set = c.lastSetCookie.find((s) => s.startsWith('lede_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).not.toMatch(/Secure/i); // plain http on loopback
    const token = c.cookies.get('lede_session')!;
    expect(await f.repo.findSession(token, clock.toISOString())).toBeNull();
    expect((await f.repo.findSession(hashToken(token), clock.toISOString()))?.email).toBe('cookie@example.org');
  });

  it('signs in and out; wrong passwords and bad sign-ups get clear errors', async () => {
    const c = anon();
    const wrong = await c.submit('/signin', '/signin', { email: 'reader@example.org', password: 'not the password' });
    expect(wrong.res.status).toBe(401);
    expect(textOf(wrong.body)).toContain('Wrong email or password');
    const ok = await c.submit('/signin', '/signin?back=%2Flatest', { email: 'Reader@Example.org', password: 'correct horse battery' });
    expect(ok.res.status).toBe(303);
    expect(ok.res.headers.get('location')).toBe('/latest');
    expect(textOf((await c.get('/')).body)).toContain('Sign out');
    await c.submit('/', '/signout', {});
    expect(textOf((await c.get('/')).body)).toContain('Sign in');
    const dup = await anon().submit('/signup', '/signup', { name: 'X', email: 'reader@example.org', password: 'correct horse battery' });
    expect(dup.res.status).toBe(409);
    const short = await anon().submit('/signup', '/signup', { name: 'X', email: 'x@example.org', password: 'short' });
    expect(short.res.status).toBe(400);
    expect(textOf(short.body)).toContain('at least 10 characters');
    // An open redirect through ?back= is refused.
    const evil = await anon().submit('/signin', '/signin?back=%2F%2Fevil.example', { email: 'reader@example.org', password: 'correct horse battery' });
    expect(evil.res.headers.get('location')).toBe('/');
  });

  it('refuses form posts without the CSRF token, and bad forms never crash', async () => {
    const c = anon();
    await c.get('/signin');
    const noToken = await c.post('/signin', { email: 'reader@example.org', password: 'correct horse battery' });
    expect(noToken.res.status).toBe(403);
    expect(textOf(noToken.body)).toContain('Reload the page');
    const json = await c.request('/signin', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    const huge = await c.request('/signup', { method: 'POST', body: 'name=' + 'x'.repeat(200_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(huge.status).toBe(413);
  });
});

describe('comments', () => {
  const articlePath = () => `/article/${f.seedArticle.id}`;
  const post = (c: Client, body: string, parentId?: number) => c.submit(articlePath(), `${articlePath()}/comments`, parentId ? { body, parentId: String(parentId) } : { body });

  it('posts a comment, escaped and auto-linked, that shows after reload', async () => {
    const alice = await signedUp('Alice');
    const { res } = await post(alice, '<script>alert(1)</script> Read https://example.org/report?id=1. Good piece.');
    expect(res.status).toBe(303);
    const id = /#comment-(\d+)/.exec(res.headers.get('location')!)![1];
    const page = (await anon().get(articlePath())).body;
    const li = section(page, `id="comment-${id}"`, '</li>');
    expect(li).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(li).toContain('<a href="https://example.org/report?id=1" rel="nofollow ugc noopener" target="_blank">https://example.org/report?id=1</a>.');
    expect(textOf(li)).toContain('Alice');
  });

  it('replies go one level deep', async () => {
    const bob = await signedUp('Bob');
    const carol = await signedUp('Carol');
    const top = /#comment-(\d+)/.exec((await post(bob, 'Top-level thought')).res.headers.get('location')!)![1]!;
    const reply = /#comment-(\d+)/.exec((await post(carol, 'A reply', Number(top))).res.headers.get('location')!)![1]!;
    const replyToReply = /#comment-(\d+)/.exec((await post(bob, 'Answering the reply', Number(reply))).res.headers.get('location')!)![1]!;
    const stored = await f.repo.getComment(Number(replyToReply) as never);
    expect(stored!.parentId).toBe(Number(top));
    const page = (await bob.get(articlePath())).body;
    const thread = section(page, `id="comment-${top}"`, '</ol>');
    expect(thread).toContain(`id="comment-${reply}"`);
  });

  it('edits or deletes your own comment within 15 minutes only', async () => {
    const dan = await signedUp('Dan');
    const id = /#comment-(\d+)/.exec((await post(dan, 'Frist!')).res.headers.get('location')!)![1]!;
    const edited = await dan.submit(`/comments/${id}/edit`, `/comments/${id}/edit`, { body: 'First, corrected.' });
    expect(edited.res.status).toBe(303);
    expect(textOf((await anon().get(articlePath())).body)).toContain('First, corrected.');
    const other = await signedUp('Eve');
    expect((await other.get(`/comments/${id}/edit`)).res.status).toBe(403);
    clock = new Date(clock.getTime() + 16 * 60_000);
    try {
      expect((await dan.get(`/comments/${id}/edit`)).res.status).toBe(403);
    } finally {
      clock = new Date(NOW);
    }
    const late = await dan.submit(articlePath(), `/comments/${id}/delete`, {});
    expect(late.res.status).toBe(303);
    expect(textOf((await anon().get(articlePath())).body)).not.toContain('First, corrected.');
  });

  it('enforces length and rate limits with clear errors, keeping the draft', async () => {
    const fay = await signedUp('Fay');
    const long = await post(fay, 'x'.repeat(4001));
    expect(long.res.status).toBe(400);
    expect(textOf(long.body)).toContain('limited to 4000 characters');
    const empty = await post(fay, '   ');
    expect(empty.res.status).toBe(400);
    for (let i = 0; i < 5; i++) expect((await post(fay, `comment ${i}`)).res.status).toBe(303);
    const limited = await post(fay, 'one too many');
    expect(limited.res.status).toBe(429);
    expect(limited.body).toContain('one too many</textarea>');
    expect(textOf(limited.body)).toMatch(/Too many attempts/);
  });

  it('lets readers report and moderators hide or delete', async () => {
    const gus = await signedUp('Gus');
    const id = /#comment-(\d+)/.exec((await post(gus, 'Buy cheap watches')).res.headers.get('location')!)![1]!;
    const hal = await signedUp('Hal');
    const reported = await hal.submit(articlePath(), `/comments/${id}/report`, {});
    expect(reported.res.headers.get('location')).toContain('notice=reported');
    const queue = (await admin.get('/admin/comments')).body;
    expect(textOf(queue)).toContain('Buy cheap watches');
    expect(textOf(queue)).toContain('1 report');
    const hide = await admin.submit('/admin/comments', `/comments/${id}/moderate`, { action: 'hide', back: 'queue' });
    expect(hide.res.status).toBe(303);
    expect(textOf((await anon().get(articlePath())).body)).not.toContain('Buy cheap watches');
    expect((await hal.submit(articlePath(), `/comments/${id}/moderate`, { action: 'delete' })).res.status).toBe(403);
    const api = JSON.parse((await anon().get(`/api/v1/articles/${f.seedArticle.id}/comments`)).body);
    // Hidden comments are either left out of the API or published without their body.
    const hidden = api.items.find((c: { id: number }) => c.id === Number(id));
    expect(hidden === undefined || hidden.body === null).toBe(true);
    expect(JSON.stringify(api)).not.toContain('Buy cheap watches');
  });
});

describe('admin', () => {
  it('shows feed health and adds, imports, exports and removes sources', async () => {
    const page = await admin.get('/admin');
    expect(textOf(page.body)).toContain('Feed health');
    expect(page.body).toContain('https://english.aawsat.com/feed');
    const bad = await admin.submit('/admin', '/admin/sources', { name: 'X', homeUrl: 'javascript:alert(1)', feedUrl: 'https://x.example/rss' });
    expect(bad.res.status).toBe(400);
    expect(textOf(bad.body)).toContain('must be an http(s) URL');
    const added = await admin.submit('/admin', '/admin/sources', { name: 'Reuters', homeUrl: 'https://www.reuters.com/', feedUrl: 'https://www.reuters.com/rss.xml' });
    expect(added.res.status).toBe(303);
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="The Guardian" title="The Guardian" type="rss" xmlUrl="https://www.theguardian.com/world/rss" htmlUrl="https://www.theguardian.com/"/></body></opml>`;
    const imported = await admin.submit('/admin', '/admin/opml', { opml });
    expect(textOf(imported.body)).toContain('Imported 1 feed');
    const exported = await admin.get('/admin/opml');
    expect(exported.res.headers.get('content-type')).toContain('opml');
    expect(exported.body).toContain('https://www.reuters.com/rss.xml');
    expect(exported.body).toContain('https://www.theguardian.com/world/rss');
    const broken = await admin.submit('/admin', '/admin/opml', { opml: '<opml><body><outline' });
    expect(broken.res.status).toBe(400);
    expect(textOf(broken.body)).toContain('OPML import failed');
    const reuters = (await f.repo.listSources()).find((s) => s.name === 'Reuters')!;
    expect((await admin.submit('/admin', `/admin/sources/${reuters.id}/delete`, {})).res.status).toBe(303);
    expect((await f.repo.listSources()).some((s) => s.name === 'Reuters')).toBe(false);
  });
});

describe('themes', () => {
  it('switches to dark without JavaScript through a cookie', async () => {
    const c = anon();
    const res = await c.request('/theme?set=dark&back=%2Flatest');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/latest');
    expect((await c.get('/latest')).body).toContain('<html lang="en" data-theme="dark">');
    expect((await c.request('/theme?set=dark&back=https%3A%2F%2Fevil.example')).headers.get('location')).toBe('/');
  });
});
