// What a careful reader sees in a real browser (Debian's chromium via playwright-core): at 390 px no page
// scrolls sideways and no section link is cut off, in both interfaces; an Arabic article inside the English
// interface keeps the interface's words left to right; Arabic quotations and list items sit the right way.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserReader, type BrowserReader } from './browser-reader.ts';
import { NOW, type Fixture } from './fixture.ts';

let f: Fixture;
let web: BrowserReader['web'];
let page: Page;
let arabicId: number;
let reader: BrowserReader | undefined;

beforeAll(async () => {
  reader = await openBrowserReader({ fillers: 4, arabic: true, viewport: { width: 390, height: 900 } });
  ({ f, web, page, arabicId } = reader);
}, 120_000);

afterAll(async () => {
  await reader?.close();
});

describe('at 390 px', () => {
  it('no page scrolls sideways and every section link is whole, in English and in Arabic', async () => {
    for (const lang of ['en', 'ar']) {
      await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
      for (const path of ['/', `/story/${f.story.id}`, `/article/${arabicId}`, `/article/${f.seedArticle.id}`, '/briefing', '/search?q=iraq']) {
        await page.goto(web.url + path);
        const where = `${lang} ${path}`;
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), where).toBeLessThanOrEqual(0);
        const cut = await page.locator('nav.sections a').evaluateAll((as) => as.filter((a) => {
          const r = a.getBoundingClientRect();
          const box = a.parentElement!.getBoundingClientRect();
          return r.left < box.left - 0.5 || r.right > box.right + 0.5;
        }).map((a) => a.textContent));
        expect(cut, where).toEqual([]);
      }
    }
  });
});

describe('trending hashtags', () => {
  it('keep their count on the line of the tag\'s last word, at any width', async () => {
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${web.url}/`);
      const alone = await page.locator('.trend li').evaluateAll((lis) => lis.filter((li) => {
        const rects = li.querySelector('a')!.getClientRects();
        const last = rects[rects.length - 1]!;
        const count = li.querySelector('.count')!.getBoundingClientRect();
        return Math.abs((count.top + count.bottom) / 2 - (last.top + last.bottom) / 2) > last.height / 2;
      }).map((li) => li.textContent));
      expect(alone, String(width)).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 900 });
  });
});

describe('the Arabic interface, signed in', () => {
  it('writes addresses left to right and its notes upright', async () => {
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'ar' });
    await page.goto(`${web.url}/signup`);
    await page.fill('#name', 'Layla');
    await page.fill('#email', 'layla@example.org');
    await page.fill('#password', 'a long web password');
    await Promise.all([page.waitForURL(`${web.url}/`), page.click('form.stack button[type=submit]')]);
    await page.goto(`${web.url}/my`);
    const style = (sel: string) => page.locator(sel).first().evaluate((el) => ({ direction: getComputedStyle(el).direction, fontStyle: getComputedStyle(el).fontStyle }));
    expect((await style('#feed-url')).direction).toBe('ltr');
    expect((await style('.empty')).fontStyle).toBe('normal');
  });
});

describe('key quotes', () => {
  it('sit with their speaker and outlet on the same side, whatever the interface\'s direction', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const lang of ['en', 'ar']) {
      await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
      await page.goto(`${web.url}/story/${f.story.id}`);
      const apart = await page.locator('.key-quotes li').evaluateAll((lis) => lis.filter((li) => {
        const q = li.querySelector('blockquote')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(li.querySelector('blockquote')!);
        const text = range.getBoundingClientRect();
        const meta = li.querySelector('.meta')!;
        const m = document.createRange();
        m.selectNodeContents(meta);
        const line = m.getBoundingClientRect();
        // Text and its attribution start from the same edge of the column.
        const rtl = getComputedStyle(li.querySelector('blockquote')!).direction === 'rtl';
        return rtl ? Math.abs(text.right - line.right) > 40 || q.right < line.right - 40 : Math.abs(text.left - line.left) > 40;
      }).map((li) => li.textContent));
      expect(apart, lang).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 900 });
  });
});

describe('an image the publisher does not serve', () => {
  it('leaves no empty frame on a card: the card closes up around its text', async () => {
    // A lead image at a port nothing listens on: the proxy answers with its transparent placeholder.
    const text = 'The lighthouse keepers voted on Monday to keep the lamp lit through the winter storms.';
    const { article } = await f.repo.createArticle({
      sourceId: null, feedId: null, outlet: 'Coast Times', url: null, canonicalUrl: null, title: 'Lighthouse keepers vote to keep the lamp lit',
      byline: null, text, html: `<p>${text}</p>`, lede: null, image: 'http://127.0.0.1:9/lamp.jpg', language: 'en',
      published: NOW.toISOString(), fetchedAt: NOW.toISOString(), contentHash: 'lighthouse-lamp',
    }, null);
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await page.goto(`${web.url}/latest`, { waitUntil: 'load' });
    const card = page.locator('article.card', { has: page.locator(`a[href="/article/${article.id}"]`) });
    await expect.poll(() => card.locator('img').count(), { timeout: 5000 }).toBe(0);
    expect(await card.evaluate((el) => el.classList.contains('with-image'))).toBe(false);
  });
});

describe('the search box', () => {
  it('rounds its outer ends in both interfaces (the Arabic one mirrors the corners with the box)', async () => {
    for (const [lang, outer] of [['en', 'Left'], ['ar', 'Right']] as const) {
      await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
      await page.goto(`${web.url}/`);
      const inner = outer === 'Left' ? 'Right' : 'Left';
      const corners = await page.evaluate(([o, i]) => {
        const input = getComputedStyle(document.querySelector('form.search input')!);
        const button = getComputedStyle(document.querySelector('form.search button')!);
        const r = (s: CSSStyleDeclaration, side: string) => s.getPropertyValue(`border-top-${side.toLowerCase()}-radius`);
        return { inputOuter: r(input, o!), inputInner: r(input, i!), buttonOuter: r(button, i!), buttonInner: r(button, o!) };
      }, [outer, inner]);
      expect(corners, lang).toEqual({ inputOuter: '6px', inputInner: '0px', buttonOuter: '6px', buttonInner: '0px' });
    }
  });
});

describe('an Arabic article in the English interface', () => {
  it('reads its title right to left and the interface\'s line under it left to right', async () => {
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await page.goto(`${web.url}/article/${arabicId}`);
    const dir = (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).direction);
    expect(await dir('#h-title')).toBe('rtl');
    expect(await dir('.article header .meta')).toBe('ltr');
    expect(await dir('.article header .kicker')).toBe('ltr');
    // Its quotations have their bar and their speaker on the right, with the text.
    expect(await dir('.ai figure.quote')).toBe('rtl');
  });
});

describe('the story page in the English interface', () => {
  it('marks Arabic quotations «» and keeps Arabic list items\' markers inside the column', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await page.goto(`${web.url}/story/${f.story.id}`);
    const quotes = await page.locator('q').evaluateAll((qs) => qs.filter((q) => /[\u0600-\u06FF]/.test(q.textContent ?? '')).map((q) => getComputedStyle(q).quotes));
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) expect(q).toMatch(/^"«" "»"/);
    const hanging = await page.locator('li[dir]').evaluateAll((lis) => lis.filter((li) => {
      const list = li.parentElement!;
      if (getComputedStyle(li).direction === getComputedStyle(list).direction || getComputedStyle(li).listStyleType === 'none') return false;
      // The marker sits before the item's start edge: there must be room for it inside the list.
      const a = li.getBoundingClientRect();
      const b = list.getBoundingClientRect();
      return getComputedStyle(li).direction === 'rtl' ? b.right - a.right < 10 : a.left - b.left < 10;
    }).map((li) => li.textContent));
    expect(hanging).toEqual([]);
  });
});
