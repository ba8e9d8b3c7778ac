// `lede admin create EMAIL [--name N]`: makes an admin account (or promotes an existing account).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede admin create EMAIL [--name NAME] [--password-stdin]

Creates an administrator account, or makes the existing account with that email an administrator.
A new account gets a random password, printed once, unless --password-stdin reads one (at least
10 characters) from standard input. (The first account that signs up on the site also becomes admin.)

Options:
  --name NAME         display name (default: the part of EMAIL before @)
  --password-stdin    read the password from standard input instead of generating one`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export default {
  summary: 'create an admin account',
  help,
  async run(argv: string[]): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { name: { type: 'string' }, 'password-stdin': { type: 'boolean' } } });
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    const [action, rawEmail] = parsed.positionals;
    if (action !== 'create' || !rawEmail) throw new LedeError('bad_input', help);
    const email = rawEmail.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new LedeError('bad_input', `not an email address: ${rawEmail}`);
    const name = (parsed.values.name ?? email.split('@')[0]!).trim().slice(0, 60);
    const { loadConfig } = await import('../../config/index.ts');
    const { openStore } = await import('../../store/index.ts');
    const { hashPassword, PASSWORD_MIN } = await import('../../web/auth.ts');
    const repo = await openStore(loadConfig().databaseUrl);
    try {
      const existing = await repo.findAccountByEmail(email);
      if (existing) {
        await repo.setRole(existing.id, 'admin');
        console.log(`lede: ${email} is now an admin`);
        return 0;
      }
      let password: string;
      let generated = false;
      if (parsed.values['password-stdin']) {
        password = await readStdin();
        if (password.length < PASSWORD_MIN) throw new LedeError('bad_input', `the password must have at least ${PASSWORD_MIN} characters`);
      } else {
        password = randomBytes(12).toString('base64url');
        generated = true;
      }
      const account = await repo.createAccount({ email, name, passwordHash: await hashPassword(password), role: 'admin' });
      if (account.role !== 'admin') await repo.setRole(account.id, 'admin');
      console.log(`lede: created admin ${email}${generated ? ` with password ${password} (shown only now: keep it safe)` : ''}`);
      return 0;
    } finally {
      await repo.close();
    }
  },
} satisfies Command;
