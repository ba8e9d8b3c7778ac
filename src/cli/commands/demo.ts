// `lede demo` (what `npm start` runs): the bundled newswire, ingested through the real pipeline, served.
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede demo [--port N]

Starts a demo newswire on loopback (several outlets with RSS, Atom and JSON Feed feeds and their
article pages: the seed story of an Iraqi coalition meeting, its aggregator copy and three related
Iran-sanctions articles, and 40 real article pages), subscribes to it, ingests it once through the real
pipeline over HTTP, and serves the reader on http://localhost:8080.

The store is LEDE_DATABASE_URL (default sqlite:./data/lede.db, created when missing). Running the demo
again stores nothing twice. The demo alone lifts the guard against private addresses, for its own
loopback newswire.

Options:
  --port N   the reader's port (default LEDE_PORT or 8080; 0 picks a free port)

Environment:
  LEDE_DEMO_NEWSWIRE_PORT   the newswire's port (default 8079; a free one when taken)`;

export default {
  summary: 'demo newswire + ingest + reader (npm start)',
  help,
  async run(argv: string[]): Promise<number> {
    let values: { port?: string };
    try {
      ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' } } }));
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    const wirePort = process.env.LEDE_DEMO_NEWSWIRE_PORT;
    if (wirePort !== undefined && !/^\d+$/.test(wirePort)) throw new LedeError('bad_config', `LEDE_DEMO_NEWSWIRE_PORT: not a port: ${wirePort}`);
    const { loadConfig } = await import('../../config/index.ts');
    const { startDemo } = await import('../../demo/index.ts');
    const { stopSignal } = await import('../../main.ts');
    const config = loadConfig({ port: values.port });
    (await import('../../log/index.ts')).configureLogging(config);
    const stop = stopSignal(() => process.stderr.write('\nlede demo: stopping\n'));
    const log = (line: string) => console.log(`lede demo: ${line}`);
    try {
      const demo = await startDemo({ config, newswirePort: wirePort === undefined ? undefined : Number(wirePort), log, signal: stop.signal });
      if (stop.signal.aborted) {
        await demo.close();
        return 130;
      }
      console.log(`lede demo: the reader is on ${demo.url} (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
      await demo.close();
      return 0;
    } finally {
      stop.dispose();
    }
  },
} satisfies Command;
