// `lede account reset-link EMAIL`: a one-time link that lets the account's owner choose a new password.
// `lede account api-password EMAIL --password-stdin | --revoke`: the password the account's apps sign in with.
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede account reset-link EMAIL
       lede account api-password EMAIL --password-stdin
       lede account api-password EMAIL --revoke

reset-link     Prints a one-time link for the account with that email to choose a new password (valid
               24 hours; using it signs the account out everywhere else). Hand it to the owner over a
               channel you trust. The link starts with LEDE_BASE_URL when it is set.
api-password   Sets the account's API password from the first line of standard input (at least 10
               characters): apps sign in with it through the Google Reader API (/api/greader), the Fever
               API (/api/fever) and /api/v1/tokens. It is separate from the web password; setting a new one
               or --revoke signs every app out.`;

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export default {
  summary: 'account tools: a password reset link, the API password for apps',
  help,
  async run(argv: string[]): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { 'password-stdin': { type: 'boolean' }, revoke: { type: 'boolean' } } });
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    const [action, email] = parsed.positionals;
    if (!email || (action !== 'reset-link' && action !== 'api-password')) throw new LedeError('bad_input', help);
    if (action === 'api-password' && Boolean(parsed.values['password-stdin']) === Boolean(parsed.values.revoke)) {
      throw new LedeError('bad_input', `api-password needs either --password-stdin or --revoke\n\n${help}`);
    }
    const password = action === 'api-password' && parsed.values['password-stdin'] ? await readStdinLine() : '';
    const { loadConfig } = await import('../../config/index.ts');
    const { openStore } = await import('../../store/index.ts');
    const config = loadConfig();
    const repo = await openStore(config.databaseUrl);
    try {
      if (action === 'reset-link') {
        const { issueResetLink } = await import('../../web/reset.ts');
        const link = await issueResetLink(repo, email, new Date());
        const base = (config.baseUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
        console.log(`${base}${link.path}`);
        console.error(`lede: the link works once, until ${link.expiresAt}`);
        return 0;
      }
      const found = await repo.findAccountByEmail(email);
      if (!found) throw new LedeError('not_found', `no account with email ${email}`);
      const { passwordHash: _omit, ...account } = found;
      if (parsed.values.revoke) {
        await repo.revokeApiPassword(account.id);
        console.error(`lede: the API password of ${account.email} is revoked; its apps are signed out`);
        return 0;
      }
      const { setApiPassword } = await import('../../reader/index.ts');
      const { hashPassword } = await import('../../web/auth.ts');
      await setApiPassword({ repo, fetcher: () => { throw new Error('unused'); }, now: () => new Date(), maxFollows: config.readerMaxFollows, readersAddFeeds: config.readersAddFeeds }, account, password, hashPassword);
      console.error(`lede: API password set for ${account.email}; apps sign in with it (earlier app sign-ins are ended)`);
      return 0;
    } finally {
      await repo.close();
    }
  },
} satisfies Command;
