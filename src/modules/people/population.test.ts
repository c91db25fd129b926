import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertsWithoutRowTriggers, isEmbedded } from '../../db/bulk-insert.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { listPeople, type PersonFilter } from './people.repository.ts';
import { populationByCommuneBornBy } from './people.service.ts';

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.destroy(); });

// Two communes of Bắc Giang (district 213, Lục Ngạn; district 222, Việt Yên).
const A = { district: '222', commune: '07801' };
const B = { district: '213', commune: '07264' };

const add = (db: typeof t.db, rows: Array<{ at: typeof A; dob: string | null }>) =>
  db.insertInto('person').values(rows.map((r, i) => ({
    province_code: '24', district_code: r.at.district, commune_code: r.at.commune,
    full_name: `Người ${i}`, name_search: `nguoi ${i}`, sex: 'female' as const, date_of_birth: r.dob,
  }))).returning('id').execute();

/** The same figures counted straight from the register: what the kept counts must always equal. */
async function fromRegister([c1, c2, c3]: string[]) {
  const r = await sql<{ district_code: string; commune_code: string; population: number; b1: number; b2: number; b3: number }>`
    select district_code, commune_code, count(*)::int as population, (count(*) filter (where date_of_birth <= ${c1}))::int as b1,
      (count(*) filter (where date_of_birth <= ${c2}))::int as b2, (count(*) filter (where date_of_birth <= ${c3}))::int as b3
    from person where province_code = '24' group by district_code, commune_code order by district_code, commune_code`.execute(t.db);
  return r.rows.map((x) => ({ districtCode: x.district_code, communeCode: x.commune_code, population: x.population, bornBy: [x.b1, x.b2, x.b3] }));
}

describe('the register head count by commune and birth date', () => {
  const cutoffs = ['2003-06-10', '1971-06-10', '1956-06-10'];

  it('counts a birthday on the cut-off day and not the day after, and people without a birth date only in the total', async () => {
    await add(t.db, [
      { at: A, dob: '2003-06-10' }, { at: A, dob: '2003-06-11' }, { at: A, dob: '2003-01-01' }, { at: A, dob: '2002-12-31' },
      { at: A, dob: null }, { at: B, dob: '1956-06-10' }, { at: B, dob: '1956-06-11' }, { at: B, dob: '1940-02-29' },
    ]);
    const got = await populationByCommuneBornBy(t.db, '24', cutoffs);
    expect(got).toEqual([
      { districtCode: '213', communeCode: '07264', population: 3, bornBy: [3, 3, 2] },
      { districtCode: '222', communeCode: '07801', population: 5, bornBy: [3, 0, 0] },
    ]);
    expect(await populationByCommuneBornBy(t.db, '24', cutoffs, { communeCode: '07801' })).toEqual([got[1]]);
    expect(got).toEqual(await fromRegister(cutoffs));
  });

  it('follows moves, corrected birth dates and deletions', async () => {
    const [p1, p2, p3] = await add(t.db, [{ at: A, dob: '1960-05-05' }, { at: A, dob: null }, { at: B, dob: '2010-01-01' }]);
    await t.db.updateTable('person').set({ district_code: B.district, commune_code: B.commune }).where('id', '=', p1!.id).execute();
    await t.db.updateTable('person').set({ date_of_birth: '1950-01-01' }).where('id', '=', p2!.id).execute();
    await t.db.updateTable('person').set({ phone: '0912345678' }).where('id', '=', p3!.id).execute();
    await t.db.deleteFrom('person').where('id', '=', p3!.id).execute();
    expect(await populationByCommuneBornBy(t.db, '24', cutoffs)).toEqual(await fromRegister(cutoffs));
    const zero = await sql<{ n: number }>`select count(*)::int as n from person_birth_year_count where n < 0`.execute(t.db);
    expect(zero.rows[0]!.n).toBe(0);
  });

  it('is kept by bulk inserts that skip ordinary triggers, and a rolled-back insert leaves it as it was', async () => {
    const before = await populationByCommuneBornBy(t.db, '24', cutoffs);
    await t.db.transaction().execute((trx) => insertsWithoutRowTriggers(trx, isEmbedded(t.db),
      () => add(trx, Array.from({ length: 500 }, (_, i) => ({ at: i % 2 ? A : B, dob: `19${String(40 + (i % 60)).padStart(2, '0')}-06-${String(1 + (i % 28)).padStart(2, '0')}` }))),
      async () => ({})));
    const after = await populationByCommuneBornBy(t.db, '24', cutoffs);
    expect(after.reduce((s, c) => s + c.population, 0)).toBe(before.reduce((s, c) => s + c.population, 0) + 500);
    expect(after).toEqual(await fromRegister(cutoffs));

    await expect(t.db.transaction().execute(async (trx) => {
      await add(trx, [{ at: A, dob: '1990-01-01' }]);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await populationByCommuneBornBy(t.db, '24', cutoffs)).toEqual(after);
  });
});

describe("the register list's total", () => {
  it('equals a count of the register for each area, with and without search text', async () => {
    await add(t.db, [{ at: A, dob: '1985-03-03' }, { at: B, dob: null }]);
    const direct = async (where: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from person p where ${sql.raw(where)}`.execute(t.db)).rows[0]!.n;
    const cases: Array<[PersonFilter, string]> = [
      [{ scope: { kind: 'area', column: 'province_code', value: '24' } }, "p.province_code = '24'"],
      [{ scope: { kind: 'area', column: 'district_code', value: A.district } }, `p.district_code = '${A.district}'`],
      [{ scope: { kind: 'area', column: 'province_code', value: '24' }, communeCode: B.commune }, `p.commune_code = '${B.commune}'`],
      [{ scope: { kind: 'area', column: 'province_code', value: '24' }, districtCode: B.district, communeCode: A.commune }, 'false'],
      [{ scope: { kind: 'area', column: 'province_code', value: '24' }, text: 'nguoi 1' }, "p.name_search like '%nguoi 1%'"],
      [{ scope: { kind: 'area', column: 'province_code', value: '25' } }, "p.province_code = '25'"],
    ];
    for (const [filter, where] of cases) {
      const n = await direct(where);
      const list = await listPeople(t.db, filter, 'fullName', 5, 0);
      expect({ filter, total: list.total }).toEqual({ filter, total: n });
      expect(list.items.length).toBe(Math.min(5, n));
    }
    expect(await direct("p.province_code = '24'")).toBeGreaterThan(500);
  });
});
