import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { isEmbedded, reserveIds } from './bulk-insert.ts';

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.destroy(); });

const next = async () => (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('worker', 'id'))::int as id`.execute(t.db)).rows[0]!.id;

describe('reserveIds', () => {
  it('draws n ids in order that the sequence will not hand out again, on either engine', async () => {
    const before = await next();
    const ids = await t.db.transaction().execute((trx) => reserveIds(trx, 'worker', 500, isEmbedded(t.db)));
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
    expect(ids[0]).toBeGreaterThan(before);
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(await next()).toBeGreaterThan(ids[499]!);
    expect(await reserveIds(t.db, 'worker', 0, isEmbedded(t.db))).toEqual([]);
  });
});
