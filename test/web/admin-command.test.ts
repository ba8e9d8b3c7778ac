// `lede admin create EMAIL [--name N]`: makes an admin, or promotes an existing account.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import admin from '../../src/cli/commands/admin.ts';
import { openStore } from '../../src/store/index.ts';
import { verifyPassword } from '../../src/web/auth.ts';

const dir = mkdtempSync(join(tmpdir(), 'lede-admin-'));
const url = `sqlite:${join(dir, 'lede.db')}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lede admin create', () => {
  it('creates an admin with a printed password that signs in, and promotes an existing reader', async () => {
    vi.stubEnv('LEDE_DATABASE_URL', url);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => { lines.push(s); });
    try {
      // A reader first, so that the account made by the command is not admin merely by being first.
      const repo = await openStore(url);
      await repo.createAccount({ email: 'first@example.org', name: 'First', passwordHash: 'x' });
      const reader = await repo.createAccount({ email: 'reader@example.org', name: 'Reader', passwordHash: 'x' });
      expect(reader.role).toBe('reader');
      await repo.close();

      expect(await admin.run(['create', 'Boss@Example.org', '--name', 'Boss'])).toBe(0);
      expect(await admin.run(['create', 'reader@example.org'])).toBe(0);
      const password = /with password (\S+)/.exec(lines.join('\n'))![1]!;
      const check = await openStore(url);
      const boss = await check.findAccountByEmail('boss@example.org');
      expect(boss).toMatchObject({ name: 'Boss', role: 'admin' });
      expect(await verifyPassword(password, boss!.passwordHash)).toBe(true);
      expect((await check.findAccountByEmail('reader@example.org'))!.role).toBe('admin');
      await check.close();
      await expect(admin.run(['create', 'not-an-email'])).rejects.toThrow(/not an email/);
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});
