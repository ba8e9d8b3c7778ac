// `lede backup FILE`: a consistent copy of the running SQLite store (serve and ingest keep running).
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';
import { sqlitePathOf } from './restore.ts';

const help = `Usage: lede backup FILE

Writes a consistent copy of the SQLite store (LEDE_DATABASE_URL, default sqlite:./data/lede.db) to FILE,
while lede serve and lede ingest keep running: every article committed before the backup began is in it,
nothing half-written. FILE must not exist. Restore it with lede restore FILE.
For PostgreSQL use pg_dump (see docs/operations.md).`;

export default {
  summary: 'a consistent copy of the SQLite store, while Lede runs',
  help,
  async run(argv: string[]): Promise<number> {
    const [file, ...extra] = argv;
    if (!file || extra.length || file.startsWith('-')) throw new LedeError('bad_input', help);
    const { loadConfig } = await import('../../config/index.ts');
    const { backupSqlite } = await import('../../store/sqlite/backup.ts');
    const started = Date.now();
    const r = await backupSqlite(sqlitePathOf(loadConfig().databaseUrl, 'backup'), file);
    console.log(`lede: backed up ${r.articles} article(s) (${r.pages} pages) to ${r.file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  },
} satisfies Command;
