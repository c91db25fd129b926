import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { vaccinationStatusOf } from './vaccination.published.ts';

let t: TestDb;
const person = async (name: string) => (await t.db.insertInto('person').values({
  province_code: '24', district_code: '222', commune_code: '07801', full_name: name, name_search: name.toLowerCase(), sex: 'male', date_of_birth: '1980-01-01',
}).returning('id').executeTakeFirstOrThrow()).id;

beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t?.destroy(); });

describe('vaccinationStatusOf', () => {
  it('counts doses up to the day; full course by the first product; absent without a dose', async () => {
    const a = await person('A'); const b = await person('B'); const c = await person('C');
    const dose = (personId: number, n: number, product: string, date: string) =>
      t.db.insertInto('vaccine_dose').values({ province_code: '24', commune_code: '07801', person_id: personId, dose_number: n, product_code: product, dose_date: date }).execute();
    await dose(a, 1, 'astrazeneca', '2021-03-10');
    await dose(a, 2, 'astrazeneca', '2021-06-01');
    await dose(b, 1, 'janssen', '2021-05-01');
    const on = await vaccinationStatusOf(t.db, [a, b, c], '2021-05-31');
    expect(on.get(a)).toEqual({ doses: 1, lastDoseDate: '2021-03-10', fullyVaccinated: false });
    expect(on.get(b)).toEqual({ doses: 1, lastDoseDate: '2021-05-01', fullyVaccinated: true });
    expect(on.has(c)).toBe(false);
    const later = await vaccinationStatusOf(t.db, [a], '2021-06-01');
    expect(later.get(a)).toEqual({ doses: 2, lastDoseDate: '2021-06-01', fullyVaccinated: true });
  });
});
