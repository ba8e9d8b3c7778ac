// `lede COMMAND [ARGS]`: thin dispatch; each command lives in commands/<name>.ts and is loaded on
// demand so that `lede extract` does not pay for the web server's imports.
import { describeError } from '../domain/errors.ts';
import type { Command } from './command.ts';
import { exitCodeOf } from './exit-codes.ts';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  sources: () => import('./commands/sources.ts'),
  ingest: () => import('./commands/ingest.ts'),
  serve: () => import('./commands/serve.ts'),
  demo: () => import('./commands/demo.ts'),
  extract: () => import('./commands/extract.ts'),
  dedup: () => import('./commands/dedup.ts'),
  cluster: () => import('./commands/cluster.ts'),
  analyze: () => import('./commands/analyze.ts'),
  admin: () => import('./commands/admin.ts'),
  account: () => import('./commands/account.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
  migrate: () => import('./commands/migrate.ts'),
};

async function loadCommand(name: string): Promise<Command | null> {
  const load = COMMANDS[name];
  if (!load) return null;
  try {
    return (await load()).default;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  }
}

async function usage(): Promise<string> {
  const lines = ['Usage: lede COMMAND [OPTIONS]', '', 'Commands:'];
  for (const name of Object.keys(COMMANDS)) {
    const c = await loadCommand(name);
    if (c) lines.push(`  ${name.padEnd(10)} ${c.summary}`);
  }
  lines.push('', 'Run `lede COMMAND --help` for the options of a command.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await usage());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    const { VERSION } = await import('../version.ts');
    console.log(VERSION);
    return 0;
  }
  const command = await loadCommand(name);
  if (!command) {
    console.error(`lede: unknown command '${name}'\n\n${await usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  return command.run(rest);
}

// A reader that stops reading (`lede extract … | head`) closes the pipe: that ends the command quietly,
// as it ends any Unix tool, instead of an EPIPE error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    console.error(`lede: ${describeError(e)}`);
    process.exitCode = exitCodeOf(e);
  },
);
