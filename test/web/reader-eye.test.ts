// What a careful reader notices, over real HTTP: times that read right in both interfaces, every page
// of the Arabic interface in Arabic, and Arabic text inside the English interface isolated so that
// the page's own words keep their order around it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { differenceItem } from '../../src/web/views/intelligence.ts';
import { ingestArabicSeed, makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, textOf } from './client.ts';

let f: Fixture;
let web: { url: string; close(): Promise<void> };
let arabicId: number;
const anon = () => new Client(web.url);
const ar = { 'accept-language': 'ar' };

beforeAll(async () => {
  f = await makeFixture({ fillers: 2 });
  // Published 00:40 UTC: the first hour of the day.
  arabicId = (await ingestArabicSeed(f.repo, 11 + 20 / 60)).id;
  web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
}, 60_000);

afterAll(async () => {
  await web?.close();
  await f?.close();
});

describe('times', () => {
  it('writes the hour after midnight as 00, not 24, in both interfaces', async () => {
    for (const headers of [ar, { 'accept-language': 'en' }]) {
      const { body } = await anon().get(`/article/${arabicId}`, headers);
      expect(body).toMatch(/00:40 UTC/);
      expect(body).not.toMatch(/24:\d\d UTC/);
    }
  });
});

describe('Arabic inside the English interface', () => {
  it('gives an Arabic article\'s title its direction, and leaves the interface\'s words around it left to right', async () => {
    const { body } = await anon().get(`/article/${arabicId}`);
    expect(body).toMatch(/<h1 id="h-title" lang="ar" dir="rtl">/);
    // The kicker, times and links are the interface's: not inside a right-to-left header.
    expect(body).toMatch(/<header>\s*<p class="kicker">/);
    expect(body).toMatch(/<a class="outlet" href="[^"]+" dir="auto">الشرق الأوسط<\/a>/);
  });

  it('isolates each outlet of a list, not the whole list (which ran right to left from an Arabic first name)', async () => {
    const story = (await anon().get(`/story/${f.story.id}`)).body;
    const home = (await anon().get('/')).body;
    for (const body of [story, home]) {
      expect(body).toContain('<bdi>الشرق الأوسط</bdi>');
      expect(body).not.toMatch(/<bdi>[^<]*(?:Asharq Al-Awsat|Daily8|الشرق الأوسط)[^<]*[,،][^<]*<\/bdi>/);
    }
  });

  it('puts an Arabic key quote in guillemets, laid out right to left with its speaker', async () => {
    const { body } = await anon().get(`/story/${f.story.id}`);
    const quotes = body.slice(body.indexOf('class="quotes key-quotes"'));
    expect(quotes).toMatch(/<li dir="rtl"><blockquote dir="auto">«[^“”<]+»<\/blockquote>/);
    expect(quotes).not.toMatch(/“[^”<]*[\u0600-\u06FF][^”<]*”/);
  });

  it('lays a quote only one account has out in its own direction, the speaker after it', async () => {
    const item = String(await differenceItem({ kind: 'only-quotes', quotes: [{ text: 'العراق ليس حالياً من أولويات واشنطن', speaker: 'ديفيد شينكر' }] }));
    expect(item).toMatch(/<li dir="rtl"><q dir="auto">[\u0600-\u06FF][^<]*<\/q> — <bdi>[\u0600-\u06FF]/);
  });

  it('does not list the Arabic account\'s quotes as its own when the English account carries them in English', async () => {
    const { body } = await anon().get(`/story/${f.story.id}`);
    expect(body).not.toContain('diff-only-quotes');
  });
});

describe('hashtags', () => {
  it('break between their words in a narrow column, and keep their count beside them', async () => {
    const { body } = await anon().get('/');
    const trending = body.slice(body.indexOf('id="h-trending"'));
    expect(trending).toMatch(/#United<wbr>States<\/a><\/bdi>&nbsp;<span class="count"/);
  });
});

describe('the Arabic interface', () => {
  /** The page's own words: its text without what readers wrote or outlets published (titles, names, tags). */
  const interfaceText = (body: string) => textOf(body
    .replace(/<(bdi|time|code)\b[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<(h1|h2|h3|p|a)\b[^>]*dir="auto"[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<footer[\s\S]*<\/footer>/, ' ')
    .replace(/<p class="feeds">[\s\S]*?<\/p>/g, ' ')
    .replace(/<a class="brand"[\s\S]*?<\/a>/, ' ')
    .replace(/<(a|button)[^>]*class="[^"]*lang-toggle[\s\S]*?<\/\1>/, ' ')
    .replace(/<span class="who"[^>]*>[^<]*<\/span>/, ' '));

  it('speaks Arabic on the account, error and list pages, titles and hints included', async () => {
    for (const path of ['/signin', '/signup', '/forgot', '/no-such-page', '/story/999999', '/hashtag/Iraq', '/search?q=iraq']) {
      const { body } = await anon().get(path, ar);
      const words = interfaceText(body.slice(body.indexOf('<body')));
      expect(words.match(/[A-Za-z]{3,}/g) ?? [], path).toEqual([]);
      const title = /<title>([^<]*)<\/title>/.exec(body)![1]!.replace(/ · Lede$/, '');
      expect(title, path).toMatch(/[\u0600-\u06FF#]|^Lede$/);
      const placeholders = [...body.matchAll(/placeholder="([^"]*)"/g)].map((m) => m[1]!.replace(/&\w+;/g, ''));
      expect(placeholders.filter((p) => /[A-Za-z]{3,}/.test(p)), path).toEqual([]);
    }
  });

  it('speaks Arabic on the admin pages', async () => {
    const admin = anon();
    await admin.submit('/signup', '/signup', { name: 'Admin', email: 'admin@example.org', password: 'a long admin password' });
    for (const path of ['/admin', '/admin/outlets', '/admin/comments']) {
      const { res, body } = await admin.get(path, ar);
      expect(res.status, path).toBe(200);
      // Outlet names, feed addresses, their status codes and errors are what the feeds say, not the interface's words.
      const page = body.slice(body.indexOf('<body'))
        .replace(/<th scope="row"[^>]*>[\s\S]*?<\/th>/g, ' ')
        .replace(/<td class="(?:url|err)">[\s\S]*?<\/td>/g, ' ')
        .replace(/<span class="status[^"]*">[^<]*<\/span>/g, ' ')
        .replace(/<h2 id="h-opml">OPML<\/h2>/, ' ')
        .replace(/OPML/g, ' ');
      expect(interfaceText(page).match(/[A-Za-z]{3,}/g) ?? [], path).toEqual([]);
    }
  });

  it('says what went wrong in Arabic when a form is refused', async () => {
    const client = anon();
    const page = await client.get('/signin', ar);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const res = await client.request('/signin', { method: 'POST', headers: { ...ar, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, email: 'nobody@example.org', password: 'not the password' }).toString() });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('البريد الإلكتروني أو كلمة المرور غير صحيحة.');
  });
});
