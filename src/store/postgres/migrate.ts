// Versioned schema migrations: src/store/migrations/postgres/NNN_name.sql, applied in order and recorded
// in schema_migrations. Everything runs in one transaction holding an advisory lock, so several workers
// or web nodes starting at once apply each migration exactly once (the others wait, then find it done),
// and a failing migration leaves the schema as it was (PostgreSQL DDL is transactional).
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LedeError } from '../../domain/errors.ts';
import type { Db } from './db.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const DIR = fileURLToPath(new URL('../migrations/postgres/', import.meta.url));

export function loadMigrations(dir = DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new LedeError('internal', `migration ${m.name}: expected number ${String(i + 1).padStart(3, '0')}`);
  });
  return migrations;
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  return db.transaction(async () => {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('lede:migrations'))`);
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Map(
      (await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations')).map((r) => [r.version, r.name]),
    );
    const newest = Math.max(0, ...applied.keys());
    if (newest > migrations.length) {
      throw new LedeError('bad_config', `the database is at schema version ${newest}, newer than this Lede (${migrations.length}): upgrade Lede`);
    }
    const done: string[] = [];
    for (const m of migrations) {
      const name = applied.get(m.version);
      if (name !== undefined) {
        if (name !== m.name) throw new LedeError('bad_config', `schema version ${m.version} was applied as ${name}, but this Lede calls it ${m.name}`);
        continue;
      }
      try {
        await db.query(m.sql);
      } catch (e) {
        throw new LedeError('internal', `migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      done.push(m.name);
    }
    return done;
  });
}
