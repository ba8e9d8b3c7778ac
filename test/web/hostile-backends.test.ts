// The XSS and load checks on both store backends: hostile article pages (through the real extractor and
// its sanitiser) and hostile comments, opened in Debian's chromium — no script runs, no handler fires;
// then 50 connections at once on the reader's pages — every answer a 200.
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../src/pipeline/extract/index.ts';
import { contentHash } from '../../src/pipeline/run.ts';
import { startWeb } from '../../src/web/index.ts';
import type { Repository } from '../../src/store/repository.ts';
import { backends } from '../store/backends.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client } from './client.ts';


/** Payloads of the usual XSS lists, each trying to set window.__pwned or open a dialog. */
const PAYLOADS = [
  '<script>window.__pwned=1;alert(1)</script>',
  '<img src=x onerror="window.__pwned=1;alert(1)">',
  '<svg onload="window.__pwned=1"><circle r=1 /></svg>',
  '<a href="javascript:window.__pwned=1">click</a>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=1">',
  '<body onload="window.__pwned=1">',
  '<p style="background:url(javascript:window.__pwned=1)">styled</p>',
  '<object data="javascript:window.__pwned=1"></object>',
  '"><script>window.__pwned=1</script>',
  // Left open, as payloads usually are: a browser closes them at the next paragraph.
  '<svg onload="window.__pwned=1">',
  '<math><maction actiontype="statusline" xlink:href="javascript:window.__pwned=1">',
  '<details open ontoggle="window.__pwned=1">',
  '<table><tr><td onmouseover="window.__pwned=1">cell',
  '<a href="javascript:window.__pwned=1">',
  '<video><source onerror="window.__pwned=1">',
  '<select onfocus="window.__pwned=1" autofocus>',
  '<marquee onstart="window.__pwned=1">',
  '<object data="data:text/html,<script>parent.__pwned=1</script>">',
  '<form action="javascript:window.__pwned=1"><input type="submit">',
  '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">',
];

function hostilePage(i: number, payload: string): string {
  return `<!doctype html><html><head><title>Harbour report ${i}</title><script>window.__pwned=1</script></head><body>
<article><h1>Harbour report ${i}: the quay ${i} opens after repairs</h1>
<p>The harbour board of district ${i} reopened the quay on Monday after six weeks of repairs to the pier.</p>
${payload}
<p>Fishing boats returned to the berths by noon, and the ferry timetable for route ${i} resumes on Friday.</p>
<p>Officials said the repairs cost ${i + 2} million and were finished two days ahead of the plan.</p>
</article></body></html>`;
}

for (const backend of backends()) {
  describe(`hostile content and load (${backend.name})`, () => {
    let repo: Repository;
    let f: Fixture;
    let web: { url: string; close(): Promise<void> };
    let context: BrowserContext;
    let chrome: Awaited<ReturnType<typeof launchChromium>>;
    const ids: number[] = [];

    beforeAll(async () => {
      repo = await backend.open();
      f = await makeFixture({ repo, fillers: 3 });
      for (const [i, payload] of PAYLOADS.entries()) {
        const e = extract({ html: hostilePage(i, payload), url: `https://harbour${i}.example/report` });
        const { article } = await repo.createArticle({
          sourceId: null, feedId: null, outlet: `Harbour ${i} <b>Times</b>`, url: `https://harbour${i}.example/report`, canonicalUrl: null,
          title: e.title ?? `Harbour report ${i}`, byline: e.byline, text: e.text, html: e.html, lede: e.lede, image: null, language: 'en',
          published: NOW.toISOString(), fetchedAt: NOW.toISOString(), contentHash: contentHash(e.text),
        }, null);
        ids.push(article.id);
      }
      web = await startWeb({ repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
      const c = new Client(web.url);
      await c.submit('/signup', '/signup', { name: '<img src=x onerror=alert(1)>', email: 'hostile@example.org', password: 'correct horse battery' });
      for (const payload of PAYLOADS.slice(0, 4)) await c.submit(`/article/${ids[0]}`, `/article/${ids[0]}/comments`, { body: payload });
      chrome = await launchChromium();
      context = chrome.context;
    }, 120_000);
    afterAll(async () => {
      await chrome?.close();
      await web?.close();
      await backend.cleanup();
    });

    it('runs no script from hostile articles and comments, and keeps their text', async () => {
      // What a browser shows of each hostile page itself: the text Lede must keep.
      const shownByBrowser: boolean[] = [];
      for (const [i, payload] of PAYLOADS.entries()) {
        const p = await context.newPage();
        await p.setContent(hostilePage(i, payload));
        shownByBrowser.push((await p.locator('body').innerText()).includes('were finished two days ahead of the plan'));
        await p.close();
      }
      expect(shownByBrowser.filter(Boolean).length).toBeGreaterThan(PAYLOADS.length / 2);
      const page = context.pages()[0] ?? (await context.newPage());
      const dialogs: string[] = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      for (const id of ids) {
        await page.goto(`${web.url}/article/${id}`);
        await page.waitForLoadState('load');
        // Give any deferred handler (onerror of a broken image, onload) a moment to fire.
        await page.waitForTimeout(50);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `article ${id}`).toBeUndefined();
        const body = await page.locator('.body').innerText();
        // The article's own last paragraph survives whatever markup came before it, when a browser shows it.
        if (shownByBrowser[ids.indexOf(id)]) expect(body, `article ${id}`).toContain('were finished two days ahead of the plan');
        expect(await page.locator('.body script, .body iframe, .body object, .body svg, [onerror], [onload]').count()).toBe(0);
      }
      for (const path of ['/', '/latest', `/search?q=harbour`, `/outlet/${encodeURIComponent('Harbour 1 <b>Times</b>')}`]) {
        await page.goto(web.url + path);
        expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), path).toBeUndefined();
      }
      expect(dialogs).toEqual([]);
    });

    it('answers 50 connections at once with no error', async () => {
      const paths = ['/', '/latest', `/article/${f.seedArticle.id}`, `/story/${f.story.id}`, '/search?q=iraq', '/api/v1/articles', '/feed.xml', '/hashtags'];
      const statuses: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < 500) {
          const path = paths[next++ % paths.length]!;
          const res = await fetch(web.url + path);
          await res.arrayBuffer();
          statuses.push(res.status);
        }
      };
      await Promise.all(Array.from({ length: 50 }, worker));
      expect(statuses.length).toBeGreaterThanOrEqual(500);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
    }, 120_000);
  });
}
