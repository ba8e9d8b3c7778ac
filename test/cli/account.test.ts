// `lede account api-password`: an admin sets a reader's API password from standard input (never on the
// command line), the Fever key follows it, and --revoke ends it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { verifyPassword } from '../../src/web/auth.ts';
import { feverKeyHash } from '../../src/reader/index.ts';
import { openStore } from '../../src/store/index.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'lede-account-'));
const url = `sqlite:${join(dir, 'lede.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lede = (args: string[], input = '') => spawnSync(process.execPath, [join(ROOT, 'bin/lede.js'), ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, LEDE_DATABASE_URL: url } });

it('sets an API password from stdin and revokes it', async () => {
  let repo = await openStore(url);
  const account = await repo.createAccount({ email: 'Reader@Example.org', name: 'Reader', passwordHash: 'x' });
  await repo.close();

  expect(lede(['account', 'api-password', 'reader@example.org']).status).not.toBe(0);
  expect(lede(['account', 'api-password', 'nobody@example.org', '--password-stdin'], 'long enough secret\n').status).not.toBe(0);
  expect(lede(['account', 'api-password', 'reader@example.org', '--password-stdin'], 'short\n').status).not.toBe(0);
  const set = lede(['account', 'api-password', 'reader@example.org', '--password-stdin'], 'long enough secret\n');
  expect(set.status, set.stderr).toBe(0);

  repo = await openStore(url);
  const creds = await repo.apiPasswordOf(account.id);
  expect(await verifyPassword('long enough secret', creds!.passwordHash)).toBe(true);
  // The Fever key is md5 of the email as the account spells it and the API password.
  const key = createHash('md5').update('Reader@Example.org:long enough secret').digest('hex');
  expect((await repo.findAccountByFeverKey(feverKeyHash(key)))?.id).toBe(account.id);
  await repo.close();

  expect(lede(['account', 'api-password', 'reader@example.org', '--revoke']).status).toBe(0);
  repo = await openStore(url);
  expect(await repo.apiPasswordOf(account.id)).toBeNull();
  await repo.close();
}, 60_000);
