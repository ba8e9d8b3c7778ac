// Screenshots of the Arabic pages for checking by eye: the demo fixture (the seeds and their related
// articles) plus the Arabic seed article, served on loopback and shot in Debian's chromium, light and
// dark: the Arabic article in the English interface, and home, article and story in the Arabic interface.
// Writes test-results/web/arabic-*.png (git-ignored).
//   node bin/run-ts.js scripts/screenshots-arabic.ts
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWeb } from '../src/web/index.ts';
import { ingestText, makeFixture, NOW } from '../test/web/fixture.ts';

const OUT = 'test-results/web';
mkdirSync(OUT, { recursive: true });
const f = await makeFixture({ fillers: 6 });
const arabic = await ingestText(f.repo, readFileSync('test/fixtures/arabic/seed-ar.txt', 'utf8'), 'الشرق الأوسط', 2);
const web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
const profile = mkdtempSync(join(tmpdir(), 'lede-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const shots: [string, string, string][] = [
    ['article-en-ui', `/article/${arabic.id}`, 'en'],
    ['article-ar-ui', `/article/${arabic.id}`, 'ar'],
    ['home-ar-ui', '/', 'ar'],
    ['story-ar-ui', `/story/${arabic.storyId}`, 'ar'],
  ];
  for (const [name, path, lang] of shots) {
    await page.setExtraHTTPHeaders({ 'Accept-Language': lang });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(web.url + path);
      const file = `${OUT}/arabic-${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
  }
} finally {
  await context.close();
  await web.close();
  await f.close();
  rmSync(profile, { recursive: true, force: true });
}
