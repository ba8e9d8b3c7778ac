// Opens the store named by a database URL: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`.
// Each backend is imported on demand, so SQLite users never load `pg` and vice versa.
import { LedeError } from '../domain/errors.ts';
import type { Repository } from './repository.ts';

export type { Repository } from './repository.ts';

export async function openStore(databaseUrl: string): Promise<Repository> {
  const url = databaseUrl.trim();
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new LedeError('bad_config', 'LEDE_DATABASE_URL: sqlite: needs a path, e.g. sqlite:./data/lede.db or sqlite::memory:');
    const { openSqliteStore } = await import('./sqlite/index.ts');
    return openSqliteStore(path);
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { openPostgresStore } = await import('./postgres/index.ts');
    return openPostgresStore(url);
  }
  throw new LedeError('bad_config', `LEDE_DATABASE_URL: unsupported database URL (expected sqlite:PATH or postgres://…)`);
}
