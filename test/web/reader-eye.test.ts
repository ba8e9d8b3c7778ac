// What a careful reader notices, over real HTTP: times that read right in both interfaces, every page
// of the Arabic interface in Arabic, and Arabic text inside the English interface isolated so that
// the page's own words keep their order around it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/index.ts';
import { ingestText, makeFixture, NOW, type Fixture } from './fixture.ts';
import { Client, textOf } from './client.ts';

let f: Fixture;
let web: { url: string; close(): Promise<void> };
let arabicId: number;
const anon = () => new Client(web.url);
const ar = { 'accept-language': 'ar' };

beforeAll(async () => {
  f = await makeFixture({ fillers: 2 });
  // Published 00:40 UTC: the first hour of the day.
  arabicId = (await ingestText(f.repo, readFileSync(new URL('../fixtures/arabic/seed-ar.txt', import.meta.url), 'utf8'), 'الشرق الأوسط', 11 + 20 / 60)).id;
  web = await startWeb({ repo: f.repo, config: f.config, port: 0, host: '127.0.0.1', now: () => NOW });
}, 60_000);

afterAll(async () => {
  await web?.close();
  await f?.close();
});

describe('times', () => {
  it('writes the hour after midnight as 00, not 24, in both interfaces', async () => {
    for (const headers of [ar, { 'accept-language': 'en' }]) {
      const { body } = await anon().get(`/article/${arabicId}`, headers);
      expect(body).toMatch(/00:40 UTC/);
      expect(body).not.toMatch(/24:\d\d UTC/);
    }
  });
});
