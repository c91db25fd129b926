import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { SerialPGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DbTarget {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for a throw-away database. */
  dataDir?: string;
  /** PGlite only: start from this dumped data directory (test template clones). */
  loadDataDir?: Blob;
}

// Both engines return the same JS shapes: int8 (count(*), bigserial) as number,
// calendar dates as 'YYYY-MM-DD' strings (never a local-midnight Date), numeric as string.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);
// date[] as 'YYYY-MM-DD' strings too (pg's default builds Dates at local midnight).
// (array type ids are not in pg's TypeId list of scalar built-ins)
const DATE_ARRAY = 1182 as Parameters<typeof pg.types.setTypeParser>[0];
const TEXT_ARRAY = 1009 as Parameters<typeof pg.types.getTypeParser>[0];
pg.types.setTypeParser(DATE_ARRAY, pg.types.getTypeParser(TEXT_ARRAY));

export async function openDatabase(target: DbTarget): Promise<Db> {
  if (target.databaseUrl) {
    const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 10 });
    // An idle client dropped by the server (restart, admin command) must not crash the process;
    // the pool replaces it on the next query.
    pool.on('error', (e) => console.warn(`PostgreSQL idle connection closed: ${e.message}`));
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const dataDir = target.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, {
    // Trigram indexes for accent-folded name search (PostgreSQL: the pg_trgm contrib extension);
    // unaccent for the directives' full-text search configuration (vn_unaccent).
    extensions: { pg_trgm, unaccent },
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    parsers: {
      [pgliteTypes.INT8]: (v: string) => Number(v),
      [pgliteTypes.DATE]: (v: string) => v,
    },
  });
  // A new WAL segment is created with only its last byte written instead of 16 MB of zeros (a
  // documented setting, WAL records carry their own checks): in the embedded engine, which never
  // recycles segments between checkpoints, zero-filling made a large write's commit cost a third
  // of its inserts.
  await client.exec('set wal_init_zero = off');
  // One connection runs one query at a time, so a server's 4 MB per sort or hash (sized for many
  // connections) only sends the situation figures' sorts of a few hundred thousand rows to disk.
  await client.exec("set work_mem = '32MB'");
  const db = new Kysely<Database>({ dialect: new SerialPGliteDialect(client) });
  pgliteClients.set(db, client);
  return db;
}

const pgliteClients = new WeakMap<Db, PGlite>();

/** The embedded engine behind a Db, or undefined on PostgreSQL (used for test templates and backups). */
export function pgliteClientOf(db: Db): PGlite | undefined {
  return pgliteClients.get(db);
}

export function describeTarget(target: DbTarget): string {
  if (target.databaseUrl) {
    const url = new URL(target.databaseUrl);
    return `PostgreSQL ${url.host}${url.pathname}`;
  }
  return `PGlite ${target.dataDir ?? 'memory://'}`;
}
