// `lede migrate --from sqlite:./data/lede.db --to postgres://…`: moves a whole instance to PostgreSQL.
import { parseArgs } from 'node:util';
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede migrate --from sqlite:PATH --to postgres://USER@HOST:PORT/DATABASE [--batch N]

Copies a whole Lede instance from SQLite into an empty PostgreSQL database: sources, feeds, items,
articles and their versions, fingerprints, stories and the story index, enrichment, accounts, sessions,
rate-limit counters and comments, keeping every id. Both databases are first brought to this Lede's
schema. The copy is one PostgreSQL transaction; afterwards the row count of every table is compared, and
on any difference nothing is kept and the command exits non-zero.

Stop ingest workers and web nodes writing to the SQLite file first (a running ingest is not lost, but what
it writes after the copy began stays behind). Then set LEDE_DATABASE_URL to the PostgreSQL URL.

Options:
  --from URL    the SQLite instance (sqlite:PATH)
  --to URL      the PostgreSQL database (postgres://…); must hold no Lede data yet
  --batch N     rows per INSERT (default 1000)`;

export default {
  summary: 'copy a whole instance from SQLite into PostgreSQL, verifying counts',
  help,
  async run(argv: string[]): Promise<number> {
    let values: { from?: string; to?: string; batch?: string };
    try {
      ({ values } = parseArgs({ args: argv, options: { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string' } } }));
    } catch (e) {
      throw new LedeError('bad_input', `${(e as Error).message}\n\n${help}`);
    }
    const { from, to } = values;
    if (!from || !to) throw new LedeError('bad_input', `both --from and --to are required\n\n${help}`);
    if (!from.startsWith('sqlite:') || from === 'sqlite::memory:') throw new LedeError('bad_input', '--from must be a SQLite file: sqlite:PATH');
    if (!/^postgres(ql)?:\/\//.test(to)) throw new LedeError('bad_input', '--to must be a PostgreSQL URL: postgres://…');
    const batchRows = values.batch === undefined ? 1000 : Number(values.batch);
    if (!Number.isInteger(batchRows) || batchRows < 1) throw new LedeError('bad_input', '--batch must be a positive integer');
    const path = from.slice('sqlite:'.length);

    const { existsSync } = await import('node:fs');
    if (!existsSync(path)) throw new LedeError('not_found', `no SQLite database at ${path}`);
    const { openStore } = await import('../../store/index.ts');
    const { openPostgresStore } = await import('../../store/postgres/index.ts');
    const { copySqliteToPostgres } = await import('../../store/postgres/copy.ts');
    // Opening each store applies its pending migrations, so both sides are on this Lede's schema.
    await (await openStore(from)).close();
    await (await openPostgresStore(to)).close();

    const started = Date.now();
    const counts = await copySqliteToPostgres({ from: path, to, batchRows, log: (line) => console.error(`migrate: ${line}`) });
    const width = Math.max(...counts.map((c) => c.table.length));
    console.log(counts.map((c) => `${c.table.padEnd(width)}  ${String(c.target).padStart(9)}`).join('\n'));
    const rows = counts.reduce((n, c) => n + c.target, 0);
    console.log(`copied ${rows} rows in ${counts.length} tables in ${((Date.now() - started) / 1000).toFixed(1)} s; counts verified`);
    return 0;
  },
} satisfies Command;
