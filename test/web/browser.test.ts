// Browser tests: Debian's chromium driven by playwright-core (no browser download) against a real server
// on loopback. One browser launch for the file. Screenshots go to test-results/web/ (git-ignored).
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { makeFixture, NOW, type Fixture } from './fixture.ts';

const SHOTS = 'test-results/web';
let f: Fixture;
let web: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
let chrome: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  f = await makeFixture();
  web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
  chrome = await launchChromium();
  context = chrome.context;
  page = context.pages()[0] ?? (await context.newPage());
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await web?.close();
  await f?.close();
});

async function shot(name: string, width: number, scheme: 'light' | 'dark'): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  await page.screenshot({ path: `${SHOTS}/${name}-${width}-${scheme}.png`, fullPage: true });
}

/** No element wider than the viewport (the page must not scroll sideways at 360 px). */
async function overflowsSideways(): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

describe('reader in a browser', () => {
  it('home: top stories, latest, trending; skip link first in tab order; fits 360 px', async () => {
    await page.goto(web.url + '/');
    await expect(page.locator('#h-top')).toBeDefined();
    expect((await page.locator('.top .story h3').allInnerTexts()).join('\n')).toContain("Iraq's Ruling Coalition");
    expect(await page.locator('.trend a').count()).toBeGreaterThan(3);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await shot('home', 1280, 'light');
    await shot('home', 360, 'dark');
    expect(await overflowsSideways()).toBe(false);
  });

  it('story: coverage, timeline, summary', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(web.url + '/');
    await page.locator('.top .story h3 a', { hasText: "Iraq's Ruling Coalition" }).click();
    await page.waitForURL(/\/story\/\d+$/);
    expect(await page.locator('.coverage > li').count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline > li').count()).toBeGreaterThan(1);
    expect(await page.locator('#h-sum').count()).toBe(1);
    await shot('story', 1280, 'dark');
    await shot('story', 360, 'light');
    expect(await overflowsSideways()).toBe(false);
  });

  it('the seed article: both outlets, the lede, hashtags, related with relative times, no furniture', async () => {
    await page.goto(`${web.url}/article/${f.seedArticle.id}`);
    expect(await page.locator('.kicker .outlet').textContent()).toBe('Asharq Al-Awsat');
    expect(await page.locator('.also').innerText()).toContain('Also published by Daily8');
    const first = await page.locator('.body > p').first().innerText();
    expect(first).toMatch(/^Iraq’s ruling coalition is set to hold an emergency meeting/);
    const body = await page.locator('.body').innerText();
    for (const furniture of ['Try Our AI Features', 'No comments yet...', 'Related Articles', 'Hashtags']) expect(body).not.toContain(furniture);
    const tags = await page.locator('.hashtags .tags a').allInnerTexts();
    expect(tags).toContain('#Iraq');
    const related = await page.locator('.related-list > li').allInnerTexts();
    expect(related.some((r) => /Asharq Al-Awsat · an hour ago\s+UK Targets Iranian Oil Magnate/.test(r))).toBe(true);
    expect(related.some((r) => /Al Arabiya · 4 hours ago/.test(r))).toBe(true);
    for (const [w, s] of [[1280, 'light'], [1280, 'dark'], [360, 'light'], [360, 'dark']] as const) await shot('article', w, s);
    expect(await overflowsSideways()).toBe(false);
  });

  it('search from the header box shows highlighted results', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(web.url + '/');
    await page.getByLabel('Search articles').fill('sanctions');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=sanctions/);
    expect(await page.locator('.results mark').count()).toBeGreaterThan(0);
    await page.getByLabel('Outlet').fill('Al Arabiya');
    await page.locator('.search-filters button').click();
    await page.waitForURL(/outlet=Al\+Arabiya/);
    const outlets = await page.locator('.results .meta .outlet').allInnerTexts();
    expect(outlets.length).toBeGreaterThan(0);
    expect(new Set(outlets)).toEqual(new Set(['Al Arabiya']));
    await shot('search', 1280, 'light');
    await shot('search', 360, 'dark');
    expect(await overflowsSideways()).toBe(false);
  });

  it('sign up, comment, see it after reload, moderate it away', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${web.url}/article/${f.seedArticle.id}`);
    await page.getByRole('link', { name: 'create an account' }).click();
    await page.getByLabel('Display name').fill('Ada');
    await page.getByLabel('Email').fill('ada@example.org');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/article\/\d+#comments$/);
    await page.getByLabel('Comment as Ada').fill('Worth reading alongside https://example.org/analysis.');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await page.waitForURL(/#comment-\d+$/);
    await page.reload();
    const comment = page.locator('.comment-list > li').filter({ hasText: 'Worth reading alongside' });
    expect(await comment.count()).toBe(1);
    expect(await comment.locator('a[rel~="ugc"]').getAttribute('href')).toBe('https://example.org/analysis');
    await shot('comments', 1280, 'light');
    // Ada is the first account, hence admin: she can hide it.
    await comment.getByRole('button', { name: 'Hide' }).click();
    await page.waitForURL(/notice=hidden/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${web.url}/article/${f.seedArticle.id}`);
    expect(await page.locator('.comments').innerText()).not.toContain('Worth reading alongside');
  });

  it('switches theme without JavaScript', async () => {
    await page.goto(web.url + '/latest');
    await page.getByRole('link', { name: 'Dark theme' }).click();
    await page.waitForURL(/\/latest$/);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(20, 21, 23)');
    await page.getByRole('link', { name: 'Light theme' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
  });
});
