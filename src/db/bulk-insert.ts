/**
 * Inserts of thousands of rows without the per-row foreign-key triggers — pg_restore's technique,
 * used by the demo load too — only where that is safe: the embedded PGlite, whose one connection
 * runs one transaction at a time, so nothing can remove a referenced row between the check and the
 * commit. Only inserts may run inside (an update or a delete there would skip its ON UPDATE /
 * ON DELETE actions as well), and `verify` checks, set-based, every reference the inserts made.
 * On PostgreSQL the triggers run as usual (they also lock the referenced rows against concurrent
 * deletes) and `verify` is not called. A 10,000-row worker list spends about a third less in its
 * inserts this way on PGlite.
 */
import { sql } from 'kysely';
import { type Db, pgliteClientOf } from './database.ts';

/** Whether `db` (the handle, not a transaction) is the embedded engine, where insertsWithoutRowTriggers skips the triggers. */
export function isEmbedded(db: Db): boolean {
  return pgliteClientOf(db) !== undefined;
}

export async function insertsWithoutRowTriggers<T>(
  trx: Db,
  embedded: boolean,
  insert: () => Promise<T>,
  verify: (inserted: T) => Promise<Record<string, number>>,
): Promise<T> {
  if (!embedded) return insert();
  await sql`set local session_replication_role = replica`.execute(trx);
  const inserted = await insert();
  await sql`set local session_replication_role = origin`.execute(trx);
  const dangling = Object.entries(await verify(inserted)).filter(([, n]) => n > 0);
  // Never expected: the rows refer only to what the caller looked up or inserted in this transaction.
  if (dangling.length) throw new Error(`bulk insert left references that point nowhere: ${dangling.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return inserted;
}

/**
 * `n` new ids of a serial column, in order. On PGlite one statement moves the sequence past the
 * whole block (nothing else can draw from it meanwhile: one connection, one transaction at a
 * time); on PostgreSQL each id is drawn with nextval, as concurrent writers may draw too.
 */
export async function reserveIds(trx: Db, table: string, n: number, embedded: boolean): Promise<number[]> {
  if (n <= 0) return [];
  if (!embedded) {
    return (await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`.execute(trx)).rows.map((r) => r.id);
  }
  const { first } = (await sql<{ first: number }>`select (setval(pg_get_serial_sequence(${table}, 'id'), nextval(pg_get_serial_sequence(${table}, 'id')) + ${n - 1}) - ${n - 1})::int as first`.execute(trx)).rows[0]!;
  return Array.from({ length: n }, (_, i) => first + i);
}
