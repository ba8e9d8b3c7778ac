// `lede restore FILE`: puts a backup in place of the SQLite store, refusing while the store is in use.
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede restore FILE

Replaces the SQLite store named by LEDE_DATABASE_URL with the backup FILE (made by lede backup). It
refuses while any process has the store open: every Lede process records its pid in
<store>.holders/ while it holds the store; stop lede serve and lede ingest first. The backup is
checked (PRAGMA integrity_check) before the store is touched, and swapped in by rename.
For PostgreSQL use pg_restore (see docs/operations.md).`;

export default {
  summary: 'replace the stopped SQLite store with a backup',
  help,
  async run(argv: string[]): Promise<number> {
    const [file, ...rest] = argv;
    if (!file || rest.length) throw new LedeError('bad_input', help);
    const { loadConfig } = await import('../../config/index.ts');
    const { sqlitePathOf } = await import('../../store/index.ts');
    const { restoreSqlite } = await import('../../store/sqlite/backup.ts');
    const path = sqlitePathOf(loadConfig().databaseUrl, 'lede restore');
    await restoreSqlite(file, path);
    process.stdout.write(`lede: restored ${path} from ${file}\n`);
    return 0;
  },
} satisfies Command;
