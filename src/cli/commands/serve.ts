// `lede serve [--port N] [--host H]`: serves the reader, the API and the feeds from the configured store.
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede serve [--port N] [--host HOST]

Serves the web reader (pages, JSON API under /api/v1, RSS/Atom/JSON feeds) from the store named by
LEDE_DATABASE_URL (default sqlite:./data/lede.db). Web nodes keep no state of their own: run several
against one PostgreSQL database behind a load balancer if needed.

Options:
  --port N      port to listen on (default LEDE_PORT or 8080; 0 picks a free port)
  --host HOST   address to bind (default LEDE_HOST or 127.0.0.1; 0.0.0.0 for every interface)

Set LEDE_BASE_URL to the public URL (e.g. https://news.example.org) so that feeds carry absolute links
and cookies are marked Secure.`;

export default {
  summary: 'serve the web reader, API and feeds',
  help,
  async run(argv: string[]): Promise<number> {
    let values: { port?: string; host?: string };
    try {
      ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' } } }));
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    const { loadConfig } = await import('../../config/index.ts');
    const config = loadConfig({ port: values.port, host: values.host });
    (await import('../../log/index.ts')).configureLogging(config);
    const { openStore } = await import('../../store/index.ts');
    const { startWeb } = await import('../../web/index.ts');
    const repo = await openStore(config.databaseUrl);
    const web = await startWeb({ repo, config, port: config.port, host: config.host });
    console.log(`lede: serving on ${web.url} (Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    console.log('lede: stopping');
    await web.close();
    await repo.close();
    return 0;
  },
} satisfies Command;
