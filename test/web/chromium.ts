// Debian's chromium for the browser tests, driven by playwright-core (no browser download): installed by
// the project's script when missing, started headless with a fresh profile and no background networking
// (this machine's network is closed). One launch per test file; `close` removes the profile.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium as playwright, type BrowserContext } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(viewport = { width: 1280, height: 900 }, opts: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) execFileSync('bash', ['scripts/install-chromium.sh'], { stdio: 'inherit' });
  const profile = mkdtempSync(join(tmpdir(), 'lede-chromium-'));
  // A persistent context is how playwright takes a fresh --user-data-dir.
  const context = await playwright.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
  });
  context.setDefaultTimeout(5000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
