// Arabic over real HTTP: the English seed article and its Arabic version (test/fixtures/arabic/seed-ar.txt)
// ingested the way ingest does it (extract → placeVersion → enrich), then the pages a reader sees:
// right-to-left article, Arabic search, one story with coverage by language, and the Arabic interface.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { ArticleId } from '../../src/domain/types.ts';
import type { Repository } from '../../src/store/repository.ts';
import { ingestArabicSeed, ingestText, NOW, openTestStore } from './fixture.ts';
import { Client } from './client.ts';

let repo: Repository;
let cleanup: () => Promise<void>;
let web: { url: string; close(): Promise<void> };
let arabicId: ArticleId;
let englishId: ArticleId;
const anon = () => new Client(web.url);

beforeAll(async () => {
  ({ repo, cleanup } = await openTestStore());
  const seed = readFileSync(new URL('../../fixtures/seeds/001_03aee5fa6f29c944.txt', import.meta.url), 'utf8');
  const english = await ingestText(repo, `Iraq's ruling coalition to hold emergency meeting after Rubio call\n\n${seed}`, 'Asharq Al-Awsat', 5);
  const arabic = await ingestArabicSeed(repo);
  englishId = english.id;
  arabicId = arabic.id;
  const config = loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true }, {});
  web = await startWeb({ repo, config, port: 0, host: '127.0.0.1', now: () => NOW });
});
afterAll(async () => {
  await web?.close();
  await cleanup?.();
});

describe('an Arabic article', () => {
  it('is extracted as Arabic and joins the English article\'s story', async () => {
    const a = (await repo.getArticle(arabicId))!.article;
    const e = (await repo.getArticle(englishId))!.article;
    expect(a.language).toBe('ar');
    expect(a.storyId).not.toBeNull();
    expect(a.storyId).toBe(e.storyId);
  });

  it('reads right to left, with quotes in «» and their speakers, entities and hashtags isolated', async () => {
    const { body } = await anon().get(`/article/${arabicId}`);
    expect(body).toMatch(/<h1 id="h-title" lang="ar" dir="rtl">/);
    expect(body).toMatch(/<div class="body" lang="ar" dir="rtl">/);
    expect(body).toContain('«العراق عمل دائماً على الحفاظ على الحياد في صراعات المنطقة»');
    expect(body).toContain('— <bdi>عدي الخدران</bdi>');
    expect(body).toContain('<bdi>ماركو روبيو</bdi>');
    expect(body).toContain('#العراق');
    // The English interface stays left to right around it.
    expect(body).toMatch(/<html lang="en"[ >]/);
  });

  it('is listed under its Arabic hashtag', async () => {
    const { res, body } = await anon().get(`/hashtag/${encodeURIComponent('العراق')}`);
    expect(res.status).toBe(200);
    expect(body).toContain(`href="/article/${arabicId}"`);
  });

  it('is found by the bare stem and by prefixed forms', async () => {
    for (const q of ['عراق', 'والعراق', 'ايران']) {
      const { body } = await anon().get(`/search?q=${encodeURIComponent(q)}`);
      expect(body, q).toContain(`href="/article/${arabicId}"`);
    }
  });

  it('heads the shared story in the reader\'s language', async () => {
    const storyId = (await repo.getArticle(arabicId))!.article.storyId!;
    const en = (await anon().get(`/story/${storyId}`, { 'accept-language': 'en' })).body;
    const ar = (await anon().get(`/story/${storyId}`, { 'accept-language': 'ar' })).body;
    expect(/<h1 id="h-story" dir="auto">([^<]*)<\/h1>/.exec(en)?.[1]).toBe('Iraq&#39;s ruling coalition to hold emergency meeting after Rubio call');
    expect(/<h1 id="h-story" dir="auto">([^<]*)<\/h1>/.exec(ar)?.[1]).toBe('الإطار التنسيقي في العراق يعقد اجتماعاً طارئاً بعد اتصال روبيو والسوداني');
    // The summary across outlets is in the reader's language too.
    const summary = (body: string) => /<ul class="summary">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '';
    expect(summary(en)).toContain('Iraq');
    expect(summary(en)).not.toMatch(/[\u0600-\u06FF]/);
    expect(summary(ar)).toMatch(/[\u0600-\u06FF]/);
    expect((await anon().get('/', { 'accept-language': 'en' })).body).toContain('Iraq&#39;s ruling coalition to hold emergency meeting after Rubio call</a></h3>');
  });

  it('shows coverage by language on the story page', async () => {
    const storyId = (await repo.getArticle(arabicId))!.article.storyId!;
    const { body } = await anon().get(`/story/${storyId}`);
    expect(body).toMatch(/Coverage by language: <span class="badge">(English 1|Arabic 1)<\/span> · <span class="badge">(English 1|Arabic 1)<\/span>/);
    expect(body).toContain(`href="/article/${arabicId}"`);
    expect(body).toContain(`href="/article/${englishId}"`);
    // Iraq and العراق are one place of the story, counted in both articles.
    expect(body).toMatch(/>Iraq<\/bdi><\/a> <span class="meta">place · 2 articles</)
    expect(body).not.toContain('>العراق</bdi></a> <span class="meta">');
  });
});

describe('the interface in Arabic', () => {
  it('follows Accept-Language: Arabic words, right to left, Arabic relative times', async () => {
    const { res, body } = await anon().get('/', { 'accept-language': 'ar-IQ,ar;q=0.9,en;q=0.5' });
    expect(res.headers.get('vary')).toMatch(/Accept-Language/);
    expect(body).toMatch(/<html lang="ar" dir="rtl"/);
    expect(body).toContain('أهم القصص');
    expect(body).toContain('الوسوم الرائجة');
    expect(body).toMatch(/(منذ|قبل) (ساعتين|\d+ ساعات|ساعة واحدة)/);
    expect(body).not.toContain('Top stories');
  });

  it('keeps English for English readers and for a reader who chose it', async () => {
    expect((await anon().get('/', { 'accept-language': 'en-GB,en;q=0.9' })).body).toContain('Top stories');
    const c = anon();
    await c.get('/language?set=en&back=/');
    expect((await c.get('/', { 'accept-language': 'ar' })).body).toContain('Top stories');
    await c.get('/language?set=ar&back=/');
    const { body } = await c.get(`/story/${(await repo.getArticle(arabicId))!.article.storyId}`);
    expect(body).toContain('التغطية حسب اللغة');
    expect(body).toMatch(/(الإنجليزية|العربية) 1/);
  });

  it('localises the article page around the article, comments included', async () => {
    const { body } = await anon().get(`/article/${englishId}`, { 'accept-language': 'ar' });
    expect(body).toContain('<h2 id="h-comments">التعليقات');
    expect(body).toContain('لا تعليقات بعد. كن أول من يعلّق.');
    expect(body).toMatch(/<a href="\/signin\?back=[^"]+">تسجيل الدخول<\/a> أو <a href="\/signup\?back=[^"]+">أنشئ حساباً<\/a> للتعليق\./);
    expect(body).toContain('مقالات ذات صلة');
    // The English article keeps its own direction inside the Arabic interface.
    expect(body).toMatch(/<div class="body" lang="en" dir="ltr">/);
  });

  it('says how each reported quote was said in the reader\'s language, not the article\'s', async () => {
    const captions = (body: string) => [...body.matchAll(/<figcaption>— <bdi>[^<]+<\/bdi>(?: \(([^)]+)\))?<\/figcaption>/g)].map((m) => m[1]).filter(Boolean);
    const inArabic = captions((await anon().get(`/article/${englishId}`, { 'accept-language': 'ar' })).body);
    expect(inArabic).toContain('تصريح'); // "Uday al-Khadran … stated that …"
    for (const verb of inArabic) expect(verb).not.toMatch(/[A-Za-z]/);
    const inEnglish = captions((await anon().get(`/article/${englishId}`, { 'accept-language': 'en' })).body);
    expect(inEnglish).toContain('stated');
    for (const verb of inEnglish) expect(verb).not.toMatch(/[\u0600-\u06FF]/);
  });

  it('localises the search page and its counts', async () => {
    const { body } = await anon().get(`/search?q=${encodeURIComponent('العراق')}`, { 'accept-language': 'ar' });
    expect(body).toContain('نتائج البحث عن «العراق»');
    expect(body).toMatch(/(مقال واحد مطابق|مقالان مطابقان)/);
  });

  it('keeps a signed-in reader\'s choice on the account, in every browser', async () => {
    const a = anon();
    expect((await a.submit('/signup', '/signup', { name: 'Qari', email: 'qari@example.org', password: 'correct horse battery' })).res.status).toBe(303);
    const { res } = await a.submit('/', '/language', { set: 'ar', back: '/' });
    expect(res.status).toBe(303);
    expect((await repo.findAccountByEmail('qari@example.org'))?.locale).toBe('ar');
    const b = anon();
    await b.submit('/signin', '/signin', { email: 'qari@example.org', password: 'correct horse battery' });
    b.cookies.delete('lede_lang');
    const { body } = await b.get('/', { 'accept-language': 'en' });
    expect(body).toMatch(/<html lang="ar" dir="rtl"/);
    expect(body).toContain('تسجيل الخروج');
  });
});

describe('the admin pages in Arabic', () => {
  it('names each feed\'s status in Arabic, and in English for an English reader', async () => {
    const admin = anon();
    await admin.submit('/signup', '/signup', { name: 'Mudir', email: 'mudir@example.org', password: 'correct horse battery' });
    await repo.setRole((await repo.findAccountByEmail('mudir@example.org'))!.id, 'admin');
    const source = await repo.addSource({ name: 'الجزيرة', homeUrl: 'https://aljazeera.example/', language: 'ar' });
    const at = NOW.toISOString();
    for (const [path, status] of [['ok', 'ok'], ['same', 'not_modified'], ['broken', 'error'], ['blocked', 'refused']] as const) {
      const feed = await repo.addFeed({ sourceId: source.id, url: `https://aljazeera.example/${path}.xml` });
      await repo.recordFetch(feed.id, { status, fetchedAt: at, nextFetchAt: at, error: status === 'error' ? 'HTTP 500' : null });
    }
    await repo.addFeed({ sourceId: source.id, url: 'https://aljazeera.example/new.xml' });
    const statuses = (body: string) => [...body.matchAll(/<span class="status s-[a-z_]+">([^<]*)<\/span>/g)].map((m) => m[1]).sort();
    expect(statuses((await admin.get('/admin', { 'accept-language': 'ar' })).body)).toEqual(['بلا تغيير', 'خطأ', 'سليم', 'لم يُجلب بعد', 'مرفوض'].sort());
    admin.cookies.delete('lede_lang');
    await admin.get('/language?set=en&back=/');
    expect(statuses((await admin.get('/admin')).body)).toEqual(['OK', 'error', 'not fetched yet', 'refused', 'unchanged'].sort());
  });
});
