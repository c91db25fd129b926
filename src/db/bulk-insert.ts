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
