import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import { insertsWithoutRowTriggers, isEmbedded } from './bulk-insert.ts';

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.destroy(); });

const people = async () => Number((await sql<{ n: number }>`select count(*)::int as n from person where full_name = 'Bulk Test'`.execute(t.db)).rows[0]!.n);
/** A person whose household (a foreign key) does not exist. */
const insertOrphan = (trx: typeof t.db) =>
  sql`insert into person (province_code, district_code, commune_code, full_name, name_search, sex, household_id)
      values ('24', '222', '07801', 'Bulk Test', 'bulk test', 'male', 999999999) returning id`.execute(trx);
const orphans = (trx: typeof t.db) => async () =>
  (await sql<{ n: number }>`select count(*)::int as n from person p where p.full_name = 'Bulk Test'
      and not exists (select 1 from contact_group g where g.id = p.household_id)`.execute(trx)).rows[0]!;

describe('inserts without row triggers', () => {
  it('refuses, whole, inserts whose references its check finds pointing nowhere, on either engine', async () => {
    const run = t.db.transaction().execute((trx) => insertsWithoutRowTriggers(trx, isEmbedded(t.db), () => insertOrphan(trx), orphans(trx)));
    // PGlite: the triggers are skipped and the check refuses it; PostgreSQL: the foreign key does.
    await expect(run).rejects.toThrow(isEmbedded(t.db) ? /point nowhere: n 1/ : /foreign key/);
    expect(await people()).toBe(0);
  });

  it('turns the triggers back on for the rest of the transaction', async () => {
    const run = t.db.transaction().execute(async (trx) => {
      await insertsWithoutRowTriggers(trx, isEmbedded(t.db), async () => 0, async () => ({}));
      await insertOrphan(trx);
    });
    await expect(run).rejects.toThrow(/foreign key/);
    expect(await people()).toBe(0);
  });
});
