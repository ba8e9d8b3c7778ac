// Password reset through a one-time link: `lede account reset-link EMAIL` prints it, the owner opens it
// and chooses a new password; the link works once, expires, and the old sessions end. Both backends.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import account from '../../src/cli/commands/account.ts';
import { loadConfig } from '../../src/config/index.ts';
import { startWeb } from '../../src/web/index.ts';
import { hashPassword } from '../../src/web/auth.ts';
import type { Repository } from '../../src/store/repository.ts';
import { backends } from '../store/backends.ts';
import { Client, textOf } from './client.ts';

for (const backend of backends()) {
  describe(`password reset link (${backend.name})`, () => {
    let repo: Repository;
    let web: { url: string; close(): Promise<void> };
    let clock = new Date();

    beforeAll(async () => {
      repo = await backend.open();
      await repo.createAccount({ email: 'admin@example.org', name: 'Admin', passwordHash: await hashPassword('the admin password') });
      await repo.createAccount({ email: 'owner@example.org', name: 'Owner', passwordHash: await hashPassword('the forgotten password') });
      web = await startWeb({ repo, port: 0, host: '127.0.0.1', now: () => clock, config: loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true }, {}) });
    }, 60_000);
    afterAll(async () => {
      await web?.close();
      await backend.cleanup();
    });

    /** A link as `lede account reset-link` prints it, for the store `repo` is. */
    async function resetLink(email: string): Promise<string> {
      const lines: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((s: string) => { lines.push(s); });
      const err = vi.spyOn(console, 'error').mockImplementation(() => {});
      vi.stubEnv('LEDE_DATABASE_URL', backend.urlOf(repo));
      vi.stubEnv('LEDE_BASE_URL', web.url);
      try {
        expect(await account.run(['reset-link', email])).toBe(0);
      } finally {
        log.mockRestore();
        err.mockRestore();
        vi.unstubAllEnvs();
      }
      const link = lines.join('\n').trim();
      expect(link).toMatch(new RegExp(`^${web.url}/reset/[\\w-]{43}$`));
      return link.slice(web.url.length);
    }

    it('lets the owner choose a new password once, and signs out their other sessions', async () => {
      const old = new Client(web.url);
      expect((await old.submit('/signin', '/signin', { email: 'owner@example.org', password: 'the forgotten password' })).res.status).toBe(303);
      const path = await resetLink('owner@example.org');

      const c = new Client(web.url);
      const form = await c.get(path);
      expect(form.res.status).toBe(200);
      expect(textOf(form.body)).toContain('Choose a new password');
      const short = await c.submit(path, path, { password: 'short' });
      expect(short.res.status).toBe(400);
      const set = await c.submit(path, path, { password: 'a brand new password' });
      expect(set.res.status).toBe(303);
      expect(textOf((await c.get('/')).body)).toContain('Owner');

      // The old session is over; the old password is gone; the new one works; the link is spent.
      expect(textOf((await old.get('/')).body)).not.toContain('Sign out');
      const signin = (password: string) => new Client(web.url).submit('/signin', '/signin', { email: 'owner@example.org', password });
      expect((await signin('the forgotten password')).res.status).toBe(401);
      expect((await signin('a brand new password')).res.status).toBe(303);
      const again = await new Client(web.url).submit(path, path, { password: 'yet another password' });
      expect(again.res.status).toBe(400);
      expect(textOf(again.body)).toContain('expired or was used');
    });

    it('expires after a day, and refuses unknown accounts and forged tokens', async () => {
      const path = await resetLink('owner@example.org');
      clock = new Date(clock.getTime() + 25 * 3600_000);
      expect((await new Client(web.url).submit(path, path, { password: 'too late a password' })).res.status).toBe(400);
      const forged = `/reset/${'A'.repeat(43)}`;
      expect((await new Client(web.url).submit(forged, forged, { password: 'a forged password' })).res.status).toBe(400);
      vi.stubEnv('LEDE_DATABASE_URL', backend.urlOf(repo));
      try {
        await expect(account.run(['reset-link', 'nobody@example.org'])).rejects.toThrow(/no account/);
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });
}


describe('password reset by mail (a real SMTP server on loopback)', () => {
  const inbox: { to: string; text: string }[] = [];
  let smtp: SMTPServer;
  let repo: Repository;
  let web: { url: string; close(): Promise<void> };
  const [backend] = backends();

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (d: Buffer) => chunks.push(d));
        stream.on('end', () => {
          // The body as the reader sees it: quoted-printable soft breaks joined, =3D decoded.
          const text = Buffer.concat(chunks).toString().replace(/=\r?\n/g, '').replace(/=3D/g, '=');
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
          done();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    repo = await backend!.open();
    await repo.createAccount({ email: 'admin@example.org', name: 'Admin', passwordHash: await hashPassword('the admin password') });
    await repo.createAccount({ email: 'owner@example.org', name: 'Owner', passwordHash: await hashPassword('the forgotten password') });
    web = await startWeb({
      repo, port: 0, host: '127.0.0.1',
      config: loadConfig({ databaseUrl: 'sqlite::memory:', allowPrivateNetworks: true, smtpUrl: `smtp://127.0.0.1:${port}`, smtpFrom: 'Lede <lede@example.org>' }, {}),
    });
  }, 60_000);
  afterAll(async () => {
    await web?.close();
    await backend?.cleanup();
    await new Promise<void>((r) => smtp?.close(() => r()));
  });

  const waitForMail = async (n: number) => {
    for (let i = 0; i < 100 && inbox.length < n; i++) await new Promise((r) => setTimeout(r, 50));
  };

  it('mails a link that sets a new password, and answers the same for an unknown address', async () => {
    expect(textOf((await new Client(web.url).get('/signin')).body)).toContain('Forgot your password?');
    const known = await new Client(web.url).submit('/forgot', '/forgot', { email: 'Owner@Example.org' });
    const unknown = await new Client(web.url).submit('/forgot', '/forgot', { email: 'nobody@example.org' });
    expect(known.res.status).toBe(200);
    expect(textOf(unknown.body)).toBe(textOf(known.body));
    await waitForMail(1);
    await new Promise((r) => setTimeout(r, 300)); // a mail to nobody would have arrived by now
    expect(inbox.map((m) => m.to)).toEqual(['owner@example.org']);
    const path = new RegExp(`${web.url}(/reset/[\\w-]{43})`).exec(inbox[0]!.text)![1]!;
    const c = new Client(web.url);
    expect((await c.submit(path, path, { password: 'a password from the mail' })).res.status).toBe(303);
    expect((await new Client(web.url).submit('/signin', '/signin', { email: 'owner@example.org', password: 'a password from the mail' })).res.status).toBe(303);
  });
});
