// The Arabic pages in a real browser (Debian's chromium via playwright-core): an Arabic article lays out
// right to left inside the English interface, the Arabic interface mirrors the whole page, and neither
// scrolls sideways at 360 px. Screenshots for checking by eye: scripts/screenshots-arabic.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserReader, type BrowserReader } from './browser-reader.ts';

let web: BrowserReader['web'];
let page: Page;
let arabicId: number;
let reader: BrowserReader | undefined;

beforeAll(async () => {
  reader = await openBrowserReader({ fillers: 4, arabic: true });
  ({ web, page, arabicId } = reader);
}, 120_000);

afterAll(async () => {
  await reader?.close();
});

const style = (selector: string) => page.locator(selector).first().evaluate((el) => {
  const s = getComputedStyle(el);
  return { direction: s.direction, textAlign: s.textAlign, right: el.getBoundingClientRect().right, left: el.getBoundingClientRect().left };
});

describe('Arabic in a browser', () => {
  it('lays an Arabic article out right to left inside the English interface', async () => {
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'en' });
    await page.goto(`${web.url}/article/${arabicId}`);
    expect((await style('html')).direction).toBe('ltr');
    const body = await style('.article .body p');
    expect(body.direction).toBe('rtl');
    // The first line starts at the right edge of the column: the title's right edge is the body's.
    const title = await style('#h-title');
    expect(Math.abs(title.right - body.right)).toBeLessThan(2);
    // A quote's guillemets stay at its two ends in reading order.
    expect(await page.locator('.quote p').first().innerText()).toMatch(/^«.+»$/);
  });

  it('mirrors the whole page in the Arabic interface and fits 360 px', async () => {
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'ar' });
    await page.goto(`${web.url}/`);
    expect((await style('html')).direction).toBe('rtl');
    // The brand sits at the right, the search box to its left.
    const brand = await style('.brand');
    const search = await style('form.search');
    expect(brand.left).toBeGreaterThan(search.left);
    await page.setViewportSize({ width: 360, height: 900 });
    for (const path of ['/', `/article/${arabicId}`]) {
      await page.goto(web.url + path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth), path).toBe(false);
    }
  });
});
