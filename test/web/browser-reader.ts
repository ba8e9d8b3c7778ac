// A reader's browser on a served fixture, as the browser tests start it: the fixture store (with the
// Arabic seed article when asked), the web app over loopback, and Debian's chromium with one page.
import type { Page } from 'playwright-core';
import { startWeb } from '../../src/web/index.ts';
import { launchChromium } from './chromium.ts';
import { ingestArabicSeed, makeFixture, NOW, type Fixture } from './fixture.ts';

export interface BrowserReader {
  f: Fixture;
  web: { url: string; close(): Promise<void> };
  page: Page;
  /** The Arabic seed article's id, when `arabic` was asked for (else 0). */
  arabicId: number;
  close(): Promise<void>;
}

export async function openBrowserReader(opts: { fillers?: number; arabic?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserReader> {
  const f = await makeFixture(opts.fillers === undefined ? {} : { fillers: opts.fillers });
  const arabicId = opts.arabic ? (await ingestArabicSeed(f.repo)).id : 0;
  const web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
  const chrome = await launchChromium(opts.viewport);
  const page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
  return {
    f, web, page, arabicId,
    async close() {
      await chrome.close();
      await web.close();
      await f.close();
    },
  };
}
