// `lede account reset-link EMAIL`: a one-time link that lets the account's owner choose a new password.
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede account reset-link EMAIL

Prints a one-time link for the account with that email to choose a new password (valid 24 hours; using
it signs the account out everywhere else). Hand it to the owner over a channel you trust. The link starts
with LEDE_BASE_URL when it is set.`;

export default {
  summary: 'account tools: a password reset link',
  help,
  async run(argv: string[]): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: {} });
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    const [action, email] = parsed.positionals;
    if (action !== 'reset-link' || !email) throw new LedeError('bad_input', help);
    const { loadConfig } = await import('../../config/index.ts');
    const { openStore } = await import('../../store/index.ts');
    const { issueResetLink } = await import('../../web/reset.ts');
    const config = loadConfig();
    const repo = await openStore(config.databaseUrl);
    try {
      const link = await issueResetLink(repo, email, new Date());
      const base = (config.baseUrl ?? `http://localhost:${config.port}`).replace(/\/$/, '');
      console.log(`${base}${link.path}`);
      console.error(`lede: the link works once, until ${link.expiresAt}`);
      return 0;
    } finally {
      await repo.close();
    }
  },
} satisfies Command;
