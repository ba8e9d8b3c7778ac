// `lede backup FILE`: a consistent copy of the running SQLite store (see store/sqlite/backup.ts).
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede backup FILE

Copies the SQLite store named by LEDE_DATABASE_URL into FILE (which must not exist) through SQLite's
online backup API: the copy is one consistent snapshot even while lede serve and lede ingest keep
running. Restore it with lede restore FILE. For PostgreSQL use pg_dump (see docs/operations.md).`;

export default {
  summary: 'take a consistent copy of the running SQLite store',
  help,
  async run(argv: string[]): Promise<number> {
    const [file, ...rest] = argv;
    if (!file || rest.length) throw new LedeError('bad_input', help);
    const { loadConfig } = await import('../../config/index.ts');
    const { sqlitePathOf } = await import('../../store/index.ts');
    const { backupSqlite } = await import('../../store/sqlite/backup.ts');
    const path = sqlitePathOf(loadConfig().databaseUrl, 'lede backup');
    const started = Date.now();
    const r = await backupSqlite(path, file);
    process.stdout.write(`lede: backed up ${path} to ${file} (${r.pages} pages, ${Date.now() - started} ms)\n`);
    return 0;
  },
} satisfies Command;
