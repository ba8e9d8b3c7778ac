// Story intelligence on the web, on both store backends, over real HTTP: the seed story's page says that
// Daily8's copy dropped the lede and flattened the quotes, credits Asharq Al-Awsat as the original and
// lists no difference that is not real; the API serves the same analysis; the briefing and its feeds
// carry the story; the outlet page shows the registry and coverage; admins edit outlets on the admin
// page and through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { parseFeed } from '../../src/pipeline/feeds/index.ts';
import { backends } from '../store/backends.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, section, textOf } from './client.ts';

for (const backend of backends()) {
  describe(`story intelligence on the web (${backend.name})`, () => {
    let f: Fixture;
    let web: { url: string; close(): Promise<void> };
    let admin: Client;
    const anon = () => new Client(web.url);

    beforeAll(async () => {
      f = await makeFixture({ repo: await backend.open(), fillers: 6 });
      web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
      admin = anon();
      expect((await admin.submit('/signup', '/signup', { name: 'Editor', email: 'editor@example.org', password: 'correct horse battery' })).res.status).toBe(303);
    });
    afterAll(async () => {
      await web?.close();
      await backend.cleanup();
    });

    it('says Daily8 dropped the lede and flattened the quotes, credits Asharq Al-Awsat as the original, and lists nothing unreal', async () => {
      const { res, body } = await anon().get(`/story/${f.story.id}`);
      expect(res.status).toBe(200);
      const differ = section(body, 'id="h-differ"', '</section>');
      const text = textOf(differ);
      expect(text).toContain('Original: Asharq Al-Awsat');
      expect(textOf(section(body, '<header>', '</header>'))).toContain('First reported by Asharq Al-Awsat');
      const copy = textOf(section(differ, 'data-outlet="Daily8"', '</li>\n  </ul>'));
      expect(copy).toMatch(/^data-outlet="Daily8"> Daily8’s copy/);
      expect(copy).toContain('dropped the opening paragraph (the lede): Iraq’s ruling coalition is set to hold an emergency meeting');
      expect(copy).toContain('flattened the quotes: a quotation is no longer in quotation marks: limit Iran’s malign influence');
      expect(copy).toContain('quotes without attribution: negotiations for a new security agreement with Washington are underway — attributed only to “Sudani”, never introduced (the original: Mohammed Shia al-Sudani)');
      expect(copy).toMatch(/adds page furniture: Hashtags, Try Our AI Features, Comments, .*Related Articles/);
      // Exactly these findings, and nothing about the publisher's own copy.
      expect([...differ.matchAll(/class="diff (diff-[a-z-]+)"/g)].map((m) => m[1]).sort()).toEqual(['diff-dropped-lede', 'diff-flattened', 'diff-furniture', 'diff-unattributed']);
      expect(differ).not.toContain('data-outlet="Asharq Al-Awsat"');
      expect(text).not.toMatch(/disagree|rewords|cuts the last|drops \d|only in this account|update/);

      const who = textOf(section(body, 'id="h-who"', '</section>'));
      expect(who).toContain('Asharq Al-Awsat publisher — own text');
      expect(who).toContain('Daily8 aggregator — republished Asharq Al-Awsat');
      expect(who).toMatch(/By country Saudi Arabia 1 Asharq Al-Awsat Unknown 1 Daily8/);
      const timeline = textOf(section(body, 'id="h-tl"', '</section>'));
      expect(timeline).toMatch(/Asharq Al-Awsat : first report: Iraq.s Ruling Coalition .* Daily8 : republished Asharq Al-Awsat’s text/);
    });

    it('shows a speaker’s own words in quotation marks and reported speech without them', async () => {
      const quotes = section((await anon().get(`/story/${f.story.id}`)).body, 'id="h-quotes"', '</section>');
      // "Uday al-Khadran … stated that Iraq has consistently worked to maintain neutrality": the outlet's words.
      const reported = /<blockquote class="reported"[^>]*>([^<]*)<\/blockquote><p class="meta">([\s\S]*?)<\/p>/.exec(quotes);
      expect(reported?.[1]).toMatch(/^Iraq has consistently worked to maintain neutrality/);
      expect(textOf(reported?.[2] ?? '')).toMatch(/Uday al-Khadran · reported speech · Asharq Al-Awsat/);
      // Direct quotes keep their marks.
      expect(quotes).toMatch(/<blockquote dir="auto">“[^<]+”<\/blockquote>/);
      const { analysis } = JSON.parse((await anon().get(`/api/v1/stories/${f.story.id}`)).body);
      expect(analysis.keyQuotes.find((q: { text: string }) => q.text.startsWith('Iraq has consistently')).direct).toBe(false);
      expect(analysis.keyQuotes.some((q: { direct: boolean }) => q.direct)).toBe(true);
    });

    it('serves the same analysis in the API', async () => {
      const { res, body } = await anon().get(`/api/v1/stories/${f.story.id}`);
      expect(res.status).toBe(200);
      const { analysis } = JSON.parse(body);
      expect(analysis.coverage.first.outlet).toBe('Asharq Al-Awsat');
      const seed = analysis.articles.find((a: { articleId: number }) => a.articleId === f.seedArticle.id);
      expect(seed.original.outlet).toBe('Asharq Al-Awsat');
      const daily8 = seed.versions.find((v: { outlet: string }) => v.outlet === 'Daily8');
      expect(daily8.role).toBe('copy');
      expect(daily8.differences.map((d: { kind: string }) => d.kind).sort()).toEqual(['adds-furniture', 'dropped-lede', 'flattened-quotes', 'unattributed-quotes']);
      expect(JSON.parse((await anon().get(`/api/v1/stories/${f.story.id}/analysis`)).body)).toEqual(analysis);
      expect((await anon().get('/api/v1/stories/424242/analysis')).res.status).toBe(404);
    });

    it('puts the story in the briefing, with its differences and key quotes, and in the briefing feeds', async () => {
      const { res, body } = await anon().get('/briefing');
      expect(res.status).toBe(200);
      // The day's stories: the seed story and the related sanctions stories (published in the last hours).
      const ids = [...body.matchAll(/<li class="briefing-story" id="story-(\d+)"/g)].map((m) => Number(m[1]));
      expect(ids).toContain(f.story.id);
      expect(ids.length).toBeLessThanOrEqual(10);
      const text = textOf(section(body, `id="story-${f.story.id}"`, '</li>\n'));
      expect(text).toContain('2 outlets · 2 new copies today');
      expect(text).toContain('Daily8’s copy dropped the opening paragraph (the lede)');
      expect(text.split('Daily8’s copy').length - 1).toBe(1); // one heading per copy, its differences under it
      expect(text).toContain('Key quotes');
      for (const path of ['/briefing/feed.xml', '/briefing.atom', '/briefing.json']) {
        const r = await anon().get(path);
        expect(r.res.status).toBe(200);
        const feed = parseFeed(Buffer.from(r.body), { contentType: r.res.headers.get('content-type') });
        const item = feed.items.find((i) => i.url?.endsWith(`/story/${f.story.id}`));
        expect(item?.contentHtml ?? '').toContain('dropped the opening paragraph');
      }
      const api = JSON.parse((await anon().get('/api/v1/briefing')).body);
      expect(api.items.map((i: { story: { storyId: number } }) => i.story.storyId)).toEqual(ids);
      // Filler stories (30 hours old and more) did not grow today: not in the briefing.
      expect(api.items.every((i: { story: { today: number } }) => i.story.today > 0)).toBe(true);
    });

    it('gives a signed-in reader the briefing of what they follow, and everyone else everyone\'s', async () => {
      const everyone = async (client: Client, path = '/briefing') => [...(await client.get(path)).body.matchAll(/<li class="briefing-story" id="story-(\d+)"/g)].map((m) => Number(m[1]));
      const all = await everyone(anon());
      expect(all.length).toBeGreaterThan(1);
      // Following nothing yet: everyone's briefing, with no note about follows.
      expect(await everyone(admin)).toEqual(all);
      expect((await admin.submit('/my', '/my/follow', { kind: 'outlet', target: 'Daily8' })).res.status).toBe(303);
      const { body } = await admin.get('/briefing');
      expect(textOf(body)).toContain('From what you follow.');
      expect(await everyone(admin)).toEqual([f.story.id]);
      expect(await everyone(admin, '/briefing?everyone=1')).toEqual(all);
      expect(textOf((await admin.get('/briefing?everyone=1')).body)).toContain('Your briefing, from what you follow');
      // The same through the API for apps; a visitor has no "me".
      const mine = JSON.parse((await admin.get('/api/v1/me/briefing')).body);
      expect(mine.items.map((i: { story: { storyId: number } }) => i.story.storyId)).toEqual([f.story.id]);
      expect((await anon().get('/api/v1/me/briefing')).res.status).toBe(401);
      expect(await everyone(anon())).toEqual(all);
    });

    it('shows the registry and the coverage on the outlet page', async () => {
      const page = textOf((await anon().get('/outlet/Daily8')).body);
      expect(page).toContain('About this outlet Kind aggregator');
      expect(page).toMatch(/1 republished copy/);
      const asharq = textOf((await anon().get('/outlet/Asharq%20Al-Awsat')).body);
      expect(asharq).toMatch(/Kind publisher Country Saudi Arabia Language English/);
      // The seed article and the related UK sanctions article are its own texts; it reported the seed story first.
      expect(asharq).toMatch(/2 articles in 2 stories; 2 own texts, 0 republished copies; first to report 1 story/);
    });

    it('lets an admin edit an outlet on the admin page and through the API; the story page follows', async () => {
      const form = await admin.get('/admin/outlets');
      expect(form.res.status).toBe(200);
      expect(form.body).toContain('value="Daily8"');
      const saved = await admin.submit('/admin/outlets', '/admin/outlets', { name: 'Daily8', kind: 'aggregator', country: 'ae', language: 'en', owner: 'Daily8 Media', homeUrl: 'https://daily8.example/' });
      expect(saved.res.status).toBe(303);
      expect(await f.repo.getOutlet('Daily8')).toMatchObject({ country: 'AE', owner: 'Daily8 Media' });
      const bad = await admin.submit('/admin/outlets', '/admin/outlets', { name: 'Daily8', kind: 'tabloid' });
      expect(bad.res.status).toBe(400);
      expect(bad.body).toContain('The kind is one of wire, publisher, broadcaster, aggregator.');

      // Through the API: the session and the CSRF token of a page, as for comments.
      const token = /name="_csrf" value="([^"]+)"/.exec((await admin.get('/admin/outlets')).body)![1]!;
      const patch = (c: Client, body: unknown, csrf = token) => c.request('/api/v1/outlets/Asharq%20Al-Awsat', { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
      const ok = await patch(admin, { kind: 'publisher', owner: 'Saudi Research and Media Group' });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ name: 'Asharq Al-Awsat', owner: 'Saudi Research and Media Group', country: 'SA' });
      expect((await patch(admin, { country: 'Saudi' })).status).toBe(400);
      expect((await patch(anon(), { owner: 'x' })).status).toBe(401);
      expect(JSON.parse((await anon().get('/api/v1/outlets/Asharq%20Al-Awsat')).body)).toMatchObject({ owner: 'Saudi Research and Media Group', coverage: { originals: 2, copies: 0, first: 1 } });

      const who = textOf(section((await anon().get(`/story/${f.story.id}`)).body, 'id="h-who"', '</section>'));
      expect(who).toMatch(/By country (Saudi Arabia 1 Asharq Al-Awsat United Arab Emirates 1 Daily8|United Arab Emirates 1 Daily8 Saudi Arabia 1 Asharq Al-Awsat)/);
    });
  });
}
