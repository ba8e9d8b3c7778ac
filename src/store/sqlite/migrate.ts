// Versioned schema migrations: src/store/migrations/sqlite/NNN_name.sql, applied in order and recorded in
// schema_migrations. Each runs in a BEGIN IMMEDIATE transaction (SQLite DDL is transactional), so two
// processes opening one database at once apply it exactly once and a failed migration changes nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { LedeError } from '../../domain/errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const DIR = fileURLToPath(new URL('../migrations/sqlite/', import.meta.url));

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
export function migrate(conn: Database.Database, migrations = loadMigrations()): string[] {
  conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`);
  const done: string[] = [];
  for (const m of migrations) {
    const applied = conn.transaction(() => {
      const rows = conn.prepare('SELECT version, name FROM schema_migrations').all() as { version: number; name: string }[];
      const newest = Math.max(0, ...rows.map((r) => r.version));
      if (newest > migrations.length) {
        throw new LedeError('bad_config', `the database is at schema version ${newest}, newer than this Lede (${migrations.length}): upgrade Lede`);
      }
      const name = rows.find((r) => r.version === m.version)?.name;
      if (name !== undefined) {
        if (name !== m.name) throw new LedeError('bad_config', `schema version ${m.version} was applied as ${name}, but this Lede calls it ${m.name}`);
        return false;
      }
      try {
        conn.exec(m.sql);
      } catch (e) {
        throw new LedeError('internal', `migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      conn.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      return true;
    }).immediate();
    if (applied) done.push(m.name);
  }
  return done;
}

export function schemaVersion(conn: Database.Database): number {
  return Number((conn.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v);
}
