import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { type Db, openDatabase } from '../db/database.ts';
import { adminUrl, databaseUrlFor } from './pg-url.ts';

export interface TestDb {
  db: Db;
  /** Drops the database (PostgreSQL) or closes the instance (PGlite). */
  destroy(): Promise<void>;
}

/**
 * A fresh database for one test file: migrated, reference data loaded, nothing else.
 * PGlite: a clone of the run's template data dir. PostgreSQL: CREATE DATABASE ... TEMPLATE.
 */
export async function createTestDb(): Promise<TestDb> {
  const tpl = inject('dbTemplate');
  if (tpl.engine === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([readFileSync(tpl.file)]) });
    return { db, destroy: () => db.destroy() };
  }
  const name = `epi_t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: adminUrl(tpl.url) });
  await sql`create database ${sql.id(name)} template ${sql.id(tpl.template)}`.execute(admin);
  const db = await openDatabase({ databaseUrl: databaseUrlFor(tpl.url, name) });
  return {
    db,
    destroy: async () => {
      await db.destroy();
      // The pool has closed its clients; the server may take a moment to end their backends.
      // Wait for that rather than killing them (which surfaces as 57P01 in a closing client).
      for (let i = 0; i < 50; i++) {
        const r = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = ${name}`.execute(admin);
        if (r.rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}
