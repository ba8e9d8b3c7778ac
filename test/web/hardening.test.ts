// Regression tests for what a hostile round found (issue 18), over real HTTP on both store backends:
// open redirects, text PostgreSQL could not store, times out of range, account discovery by timing,
// lockout of the owner, piled-up reports, planted CSRF cookies and old password hashes.
import { randomBytes, scryptSync } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { contentHash } from '../../src/pipeline/run.ts';
import type { Repository } from '../../src/store/repository.ts';
import { backends } from '../store/backends.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, textOf } from './client.ts';

const PASSWORD = 'correct horse battery';

/** A client that connects from another loopback address: another reader, as far as the server can tell. */
const from = (base: string, address: string) =>
  new Client(base, { fetch: undiciFetch as unknown as typeof fetch, dispatcher: new Agent({ localAddress: address }) });

/** A password hash as the first round made them (scrypt N = 2^14). */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

for (const backend of backends()) {
  describe(`hardening (${backend.name})`, () => {
    let repo: Repository;
    let f: Fixture;
    let web: { url: string; close(): Promise<void> };
    let clock = new Date(NOW);
    const anon = () => new Client(web.url);

    beforeAll(async () => {
      repo = await backend.open();
      f = await makeFixture({ repo, fillers: 3 });
      web = await startWeb({ repo, config: f.config, port: 0, host: '127.0.0.1', now: () => clock });
      // The first account is the admin; the owner below is a reader.
      await repo.createAccount({ email: 'admin@example.org', name: 'Admin', passwordHash: oldHash(PASSWORD) });
    }, 120_000);
    afterAll(async () => {
      await web?.close();
      await backend.cleanup();
    });

    it('never redirects off-site from a back parameter, and a line break in it is no error', async () => {
      const hostile = ['/%09/evil.example', '/%0a/evil.example', '/%0d%0a/x', '//evil.example', '/%5Cevil.example', '/\\evil.example', 'https://evil.example/', '/%2F/evil.example'];
      for (const back of hostile) {
        const { res } = await anon().get(`/theme?set=dark&back=${back}`);
        expect(res.status, back).toBe(303);
        const to = new URL(res.headers.get('location')!, web.url);
        expect(to.origin, back).toBe(new URL(web.url).origin);
        expect(res.headers.get('location'), back).not.toMatch(/[\t\n\r\\]/);
      }
      expect((await anon().get('/theme?set=dark&back=/latest%3Fpage%3D2')).res.headers.get('location')).toBe('/latest?page=2');
      const c = anon();
      const signin = await c.submit('/signin', '/signin?back=/%09/evil.example', { email: 'admin@example.org', password: PASSWORD });
      expect(signin.res.status).toBe(303);
      expect(signin.res.headers.get('location')).toBe('/');
    });

    it('answers a NUL byte in any text parameter without a server error', async () => {
      for (const path of ['/search?q=iraq%00x', '/api/v1/search?q=%00', '/search?q=x&hashtag=%00', '/outlet/Daily%008', '/hashtag/ira%00q', '/api/v1/hashtags/%00', '/search?q=%00&outlet=%00Daily8']) {
        const { res } = await anon().get(path);
        expect(res.status, path).toBeLessThan(500);
      }
    });

    it('refuses times out of range with 400, not a store error', async () => {
      for (const since of ['-271821-04-20', '275760-09-13', '0000-01-01', '1969-12-31T23:59:59Z', 'yesterday']) {
        const { res, body } = await anon().get(`/api/v1/stories?since=${since}`);
        expect(res.status, since).toBe(400);
        expect(JSON.parse(body).error.code).toBe('bad_input');
      }
      expect((await anon().get('/api/v1/stories?since=2025-02-19T00:00:00Z')).res.status).toBe(200);
      for (const day of ['0000-01-01', '2024-02-31', '2024-13-01']) {
        const { res, body } = await anon().get(`/search?q=iraq&from=${day}`);
        expect(res.status, day).toBe(200);
        expect(textOf(body), day).toContain('Dates must be written YYYY-MM-DD');
      }
    });

    it('stores an article whose text holds U+0000 and other unstorable characters, the same on both backends', async () => {
      const text = 'The harbour\u0000 board met\uFFFE on Monday.\u0001\n\nIt approved the \uD800plan for the quay.';
      const { article } = await repo.createArticle({
        sourceId: null, feedId: null, outlet: 'Harbour Times', url: 'https://harbour.example/a', canonicalUrl: null,
        title: 'Harbour\u0000 board approves quay plan', byline: null, text, html: `<p>${text}</p>`, lede: null, image: null,
        language: 'en', published: NOW.toISOString(), fetchedAt: NOW.toISOString(), contentHash: contentHash(text),
      }, null);
      const stored = (await repo.getArticle(article.id))!.article;
      expect(stored.title).toBe('Harbour board approves quay plan');
      expect(stored.text).toBe('The harbour board met on Monday.\n\nIt approved the plan for the quay.');
      expect((await repo.search('quay', { limit: 5 })).hits.map((h) => h.id)).toContain(article.id);
    });

    it('takes as long to refuse an unknown email as a wrong password', async () => {
      const time = async (email: string) => {
        const t = performance.now();
        await from(web.url, '127.0.0.9').submit('/signin', '/signin', { email, password: 'not the password' });
        return performance.now() - t;
      };
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time('admin@example.org'));
        unknown.push(await time(`nobody${i}@example.org`));
      }
      // Both run one scrypt check (hundreds of ms); before, the unknown email answered 10x sooner.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    });

    it('slows a guesser down without locking the owner out', async () => {
      await repo.createAccount({ email: 'owner@example.org', name: 'Owner', passwordHash: oldHash(PASSWORD) });
      const owner = from(web.url, '127.0.0.2');
      expect((await owner.submit('/signin', '/signin', { email: 'owner@example.org', password: PASSWORD })).res.status).toBe(303);
      await owner.submit('/', '/signout', {});

      // One address: stopped after five failures for this account.
      const guesser = from(web.url, '127.0.0.3');
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await guesser.submit('/signin', '/signin', { email: 'owner@example.org', password: `guess ${i} wrong` })).res.status);
      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Even the right password does not get through from the guessing address.
      expect((await guesser.submit('/signin', '/signin', { email: 'owner@example.org', password: PASSWORD })).res.status).toBe(429);

      // Many addresses: the account pauses for at most a minute, and never for the owner's own browser.
      for (const a of ['127.0.0.4', '127.0.0.5']) {
        const g = from(web.url, a);
        for (let i = 0; i < 3; i++) await g.submit('/signin', '/signin', { email: 'owner@example.org', password: `guess ${a} ${i}` });
      }
      const back = await owner.submit('/signin', '/signin', { email: 'owner@example.org', password: PASSWORD });
      expect(back.res.status, textOf(back.body) + JSON.stringify([...owner.cookies])).toBe(303);
      const newBrowser = from(web.url, '127.0.0.6');
      const paused = await newBrowser.submit('/signin', '/signin', { email: 'owner@example.org', password: PASSWORD });
      expect(paused.res.status).toBe(429);
      expect(textOf(paused.body)).toMatch(/try again in \d+ seconds/);
      clock = new Date(clock.getTime() + 61_000);
      expect((await newBrowser.submit('/signin', '/signin', { email: 'owner@example.org', password: PASSWORD })).res.status).toBe(303);
    });

    it('raises an old password hash to the current parameters at sign-in', async () => {
      await repo.createAccount({ email: 'old@example.org', name: 'Old', passwordHash: oldHash(PASSWORD) });
      const c = from(web.url, '127.0.0.7');
      expect((await c.submit('/signin', '/signin', { email: 'old@example.org', password: PASSWORD })).res.status).toBe(303);
      const hash = (await repo.findAccountByEmail('old@example.org'))!.passwordHash;
      expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '131072', '8', '1']);
      await c.submit('/', '/signout', {});
      expect((await c.submit('/signin', '/signin', { email: 'old@example.org', password: PASSWORD })).res.status).toBe(303);
    });

    it('counts one report per reader per comment', async () => {
      const author = from(web.url, '127.0.0.8');
      await author.submit('/signup', '/signup', { name: 'Author', email: 'author@example.org', password: PASSWORD });
      const path = `/article/${f.seedArticle.id}`;
      await author.submit(path, `${path}/comments`, { body: 'A comment to report.' });
      const id = (await repo.listComments(f.seedArticle.id)).at(-1)!.id;
      const reader = from(web.url, '127.0.0.8');
      await reader.submit('/signup', '/signup', { name: 'Reporter', email: 'reporter@example.org', password: PASSWORD });
      for (let i = 0; i < 5; i++) expect((await reader.submit(path, `/comments/${id}/report`, {})).res.status).toBe(303);
      expect((await repo.getComment(id))!.reports).toBe(1);
      const again = await reader.get(`${path}?notice=already-reported`);
      expect(textOf(again.body)).toContain('reported this comment already');
    });

    it('refuses a planted signed-out CSRF cookie and token pair', async () => {
      const c = anon();
      // What an attacker on a sibling subdomain could plant: a cookie of their choosing, and the same value as token.
      const planted = randomBytes(18).toString('base64url');
      for (const cookie of [planted, `${planted}.${'A'.repeat(22)}`]) {
        c.cookies.set('lede_csrf', cookie);
        const { res } = await c.post('/signin', { _csrf: cookie, email: 'admin@example.org', password: PASSWORD });
        expect(res.status).toBe(403);
      }
      // The server's own cookie and the token of its page pass.
      c.cookies.clear();
      const ok = await c.submit('/signin', '/signin', { email: 'admin@example.org', password: PASSWORD });
      expect(ok.res.status).toBe(303);
    });
  });
}
