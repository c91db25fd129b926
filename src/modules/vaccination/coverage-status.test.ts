import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { bornOnOrBefore } from './vaccination.domain.ts';
import { vaccinatedByCommune } from './vaccination.repository.ts';

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t?.destroy(); });

const person = async (commune: { district: string; commune: string }, dob: string | null) => (await t.db.insertInto('person').values({
  province_code: '24', district_code: commune.district, commune_code: commune.commune, full_name: 'Người thử', name_search: 'nguoi thu', sex: 'female', date_of_birth: dob,
}).returning('id').executeTakeFirstOrThrow()).id;
const dose = (personId: number, n: number, product: string, date: string) =>
  t.db.insertInto('vaccine_dose').values({ province_code: '24', commune_code: '07801', person_id: personId, dose_number: n, product_code: product, dose_date: date }).returning('id').executeTakeFirstOrThrow();

/** The same counts joined straight from the doses and the register: what the kept rows must always give. */
async function joined(day: string) {
  const [c18, c50, c65] = [18, 50, 65].map((y) => bornOnOrBefore(day, y));
  const r = await sql<Record<string, string>>`
    with v as (select d.person_id, count(*) >= coalesce(min(case when d.dose_number = 1 then pr.doses_required end), 2) as full_course
               from vaccine_dose d join vaccine_product pr on pr.code = d.product_code where d.dose_date <= ${day} group by d.person_id)
    select p.district_code, p.commune_code, count(*) as one, count(*) filter (where v.full_course) as full,
      count(*) filter (where p.date_of_birth <= ${c18}) as a18, count(*) filter (where p.date_of_birth <= ${c50} and v.full_course) as f50,
      count(*) filter (where p.date_of_birth <= ${c65} and v.full_course) as f65
    from v join person p on p.id = v.person_id group by 1, 2`.execute(t.db);
  return new Map(r.rows.map((x) => [`${x.district_code}|${x.commune_code}`, {
    populationOneDose: Number(x.one), populationFull: Number(x.full), adultsOneDose: Number(x.a18), over50Full: Number(x.f50), over65Full: Number(x.f65),
  }]));
}

describe('the vaccinated side of coverage, kept per person', () => {
  const A = { district: '222', commune: '07801' };
  const B = { district: '213', commune: '07264' };
  const days = ['2021-03-09', '2021-03-10', '2021-05-31', '2021-06-01', '2021-12-31'];

  it('equals the doses joined to the register on every day, through moves, corrected birth dates and removed doses', async () => {
    const a = await person(A, '1950-06-01'); const b = await person(A, '2003-06-01'); const c = await person(B, null); const d = await person(B, '1970-01-01');
    await dose(a, 1, 'astrazeneca', '2021-03-10');
    await dose(a, 2, 'astrazeneca', '2021-06-01');
    await dose(b, 1, 'janssen', '2021-05-01');
    await dose(c, 1, 'pfizer', '2021-05-31');
    const last = await dose(d, 1, 'moderna', '2021-06-01');
    await dose(d, 2, 'moderna', '2021-07-01');
    for (const day of days) expect(await vaccinatedByCommune(t.db, '24', day)).toEqual(await joined(day));
    expect((await vaccinatedByCommune(t.db, '24', '2021-06-01')).get('222|07801')).toEqual({ populationOneDose: 2, populationFull: 2, adultsOneDose: 2, over50Full: 1, over65Full: 1 });

    await t.db.updateTable('person').set({ district_code: B.district, commune_code: B.commune }).where('id', '=', a).execute();
    await t.db.updateTable('person').set({ date_of_birth: '1940-01-01' }).where('id', '=', c).execute();
    await t.db.deleteFrom('vaccine_dose').where('id', '=', last.id + 1).execute();
    for (const day of days) expect(await vaccinatedByCommune(t.db, '24', day)).toEqual(await joined(day));
    expect(await vaccinatedByCommune(t.db, '24', '2021-12-31', { communeCode: '07801' })).toEqual(new Map([['222|07801', { populationOneDose: 1, populationFull: 1, adultsOneDose: 1, over50Full: 0, over65Full: 0 }]]));
  });
});
