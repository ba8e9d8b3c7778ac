// `lede restore FILE`: puts a backup in place of the SQLite store, when no Lede process has it open.
import { LedeError } from '../../domain/errors.ts';
import type { Command } from '../command.ts';

const help = `Usage: lede restore FILE

Replaces the SQLite store (LEDE_DATABASE_URL, default sqlite:./data/lede.db) with the backup FILE made by
lede backup. Refuses while a Lede process (lede serve, lede ingest, lede demo) has the store open: stop them
first. The backup is checked (SQLite integrity, a Lede schema no newer than this Lede) before it is used,
and the store it replaces is kept beside it as lede.db.before-restore-TIME.
For PostgreSQL use pg_restore (see docs/operations.md).`;

/** The file path of a sqlite: database URL; other stores are refused with a pointer to their tools. */
export function sqlitePathOf(databaseUrl: string, what: string): string {
  if (!databaseUrl.startsWith('sqlite:')) throw new LedeError('bad_input', `lede ${what} is for SQLite stores; for PostgreSQL use pg_dump / pg_restore (docs/operations.md)`);
  const path = databaseUrl.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
  if (!path || path === ':memory:') throw new LedeError('bad_input', `lede ${what} needs a SQLite file, not ${databaseUrl}`);
  return path;
}

export default {
  summary: 'replace the SQLite store with a backup (Lede stopped)',
  help,
  async run(argv: string[]): Promise<number> {
    const [file, ...extra] = argv;
    if (!file || extra.length || file.startsWith('-')) throw new LedeError('bad_input', help);
    const { loadConfig } = await import('../../config/index.ts');
    const { restoreSqlite } = await import('../../store/sqlite/backup.ts');
    const path = sqlitePathOf(loadConfig().databaseUrl, 'restore');
    const r = await restoreSqlite(file, path);
    console.log(`lede: restored ${r.articles} article(s) from ${file} into ${path}${r.kept ? `; the previous store is kept as ${r.kept}` : ''}`);
    return 0;
  },
} satisfies Command;
