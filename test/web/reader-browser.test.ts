// A person makes Lede theirs in a real browser: signs up, follows an outlet and a hashtag from their
// pages, reads from "My Lede" with the keyboard (j, o, m, s, g u, ?), and sees the unread count fall.
// Screenshots go to test-results/web/ (git-ignored).
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.ts';
import { openBrowserReader, type BrowserReader } from './browser-reader.ts';

const SHOTS = 'test-results/web';
let web: BrowserReader['web'];
let page: Page;
let reader: BrowserReader | undefined;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  reader = await openBrowserReader();
  ({ web, page } = reader);
}, 120_000);

afterAll(async () => {
  await reader?.close();
});

const unread = async (): Promise<number> => Number((await page.locator('.reader-views .count').textContent()) ?? '0');

describe('My Lede in a browser', () => {
  it('signs up, follows an outlet and a hashtag, reads with the keyboard and sees the unread count fall', async () => {
    await page.goto(`${web.url}/signup`);
    await page.fill('#name', 'Layla');
    await page.fill('#email', 'layla@example.org');
    await page.fill('#password', 'a long web password');
    await page.click('form.stack button[type=submit]');
    await page.waitForURL((u) => !u.pathname.startsWith('/signup'));

    // Follow from the outlet's page and the hashtag's page; the button then says "Following".
    await page.goto(`${web.url}/outlet/${encodeURIComponent('Al Arabiya')}`);
    await page.click('form.follow button');
    await page.waitForURL(/\/outlet\//);
    expect(await page.locator('form.follow button').innerText()).toMatch(/^Following/);
    await page.goto(`${web.url}/hashtag/Iraq`);
    await page.click('form.follow button');
    expect(await page.locator('form.follow button').innerText()).toMatch(/^Following #Iraq/);

    await page.click('header.site a[href="/my"]');
    await page.waitForURL(/\/my$/);
    const follows = await page.locator('.reader-nav li a').allInnerTexts();
    expect(follows).toEqual(expect.arrayContaining(['Al Arabiya', '#Iraq']));
    const start = await unread();
    expect(start).toBeGreaterThan(2);
    expect(await page.locator('.reader-item').count()).toBe(start);
    await page.screenshot({ path: `${SHOTS}/my-lede-1280-light.png`, fullPage: true });

    // j selects the first article, o opens it (reading marks it read), g u comes back.
    await page.locator('body').press('j');
    expect(await page.locator('.reader-item.is-current').count()).toBe(1);
    const firstTitle = await page.locator('.reader-item.is-current h2').innerText();
    await page.keyboard.press('o');
    await page.waitForURL(/\/article\/\d+$/);
    expect(await page.locator('h1').first().innerText()).toBe(firstTitle);
    await page.keyboard.press('g');
    await page.keyboard.press('u');
    await page.waitForURL(/\/my$/);
    expect(await unread()).toBe(start - 1);

    // j then m marks the next one read in place; s stars the one after it.
    await page.locator('body').press('j');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('m')]);
    expect(await unread()).toBe(start - 2);
    await page.locator('body').press('j');
    const starredTitle = await page.locator('.reader-item.is-current h2').innerText();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('s')]);
    // Back on the same article after the post (its anchor), still the current one.
    expect(await page.locator('.reader-item.is-current h2').innerText()).toBe(starredTitle);
    await page.goto(`${web.url}/my?view=starred`);
    expect(await page.locator('.reader-item h2').allInnerTexts()).toEqual([starredTitle]);

    // ? shows the keys.
    await page.locator('body').press('?');
    expect(await page.locator('#keys-dialog').isVisible()).toBe(true);
    expect(await page.locator('#keys-dialog').innerText()).toContain('mark read or unread');
    await page.keyboard.press('Escape');

    // Mark all as read empties the unread list; "Show read" still lists them.
    await page.goto(`${web.url}/my`);
    await page.click('form.mark-all button');
    await page.waitForURL(/\/my$/);
    expect(await page.locator('.reader-views .count').count()).toBe(0);
    expect(await page.locator('.reader-item').count()).toBe(0);
    await page.click('text=Show read');
    expect(await page.locator('.reader-item.is-read').count()).toBe(start);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/my-lede-1280-dark.png`, fullPage: true });
    // The reader's pages fit a 360 px phone (tables scroll inside their own box).
    await page.setViewportSize({ width: 360, height: 800 });
    for (const path of ['/my', '/my/follows', '/my/settings']) {
      await page.goto(web.url + path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.screenshot({ path: `${SHOTS}/my-follows-360-dark.png`, fullPage: true });
  });

  it('serves a web app manifest with icons, and works without JavaScript', async () => {
    const manifest = await (await fetch(`${web.url}/manifest.webmanifest`)).json() as { start_url: string; icons: { src: string }[] };
    expect(manifest.start_url).toBe('/my');
    for (const icon of manifest.icons) expect((await fetch(web.url + icon.src)).status).toBe(200);
    // Without JavaScript: following is a plain form post, and the page comes back saying so.
    const noJs = await launchChromium(undefined, { javaScriptEnabled: false });
    try {
      const p = await noJs.context.newPage();
      await p.goto(`${web.url}/signin`);
      await p.fill('#email', 'layla@example.org');
      await p.fill('#password', 'a long web password');
      await p.click('form.stack button[type=submit]');
      await p.waitForURL((u) => !u.pathname.startsWith('/signin'));
      await p.goto(`${web.url}/outlet/${encodeURIComponent('Asharq Al-Awsat')}`);
      await p.click('form.follow button');
      expect(await p.locator('form.follow button').innerText()).toMatch(/^Following/);
      expect(await p.locator('#keys-dialog').isVisible()).toBe(false);
    } finally {
      await noJs.close();
    }
  });
});
