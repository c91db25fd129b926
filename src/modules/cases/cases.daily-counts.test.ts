import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { dailyCaseCounts, dailyCaseCountsByCommune } from './cases.service.ts';

let t: TestDb;

async function addCase(code: string, communeCode: string, districtCode: string, dates: { confirmation: string; sample: string; onset: string | null }) {
  const p = await t.db
    .insertInto('person')
    .values({ province_code: '24', district_code: districtCode, commune_code: communeCode, full_name: code, name_search: code.toLowerCase(), sex: 'male' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('covid_case').values({
    case_code: code, person_id: p.id, province_code: '24', district_code: districtCode, commune_code: communeCode,
    onset_date: dates.onset, sample_date: dates.sample, confirmation_date: dates.confirmation,
    detection: 'community', classification: 'community', status: 'isolated',
  }).execute();
}

beforeAll(async () => {
  t = await createTestDb();
  // Vân Trung (07801, Việt Yên 222): three cases; Thọ Xương (07201, TP Bắc Giang 213): one.
  await addCase('BN1', '07801', '222', { onset: '2021-05-01', sample: '2021-05-02', confirmation: '2021-05-03' });
  await addCase('BN2', '07801', '222', { onset: null, sample: '2021-05-02', confirmation: '2021-05-05' });
  await addCase('BN3', '07801', '222', { onset: '2021-05-04', sample: '2021-05-05', confirmation: '2021-05-05' });
  await addCase('BN4', '07201', '213', { onset: '2021-05-02', sample: '2021-05-03', confirmation: '2021-05-04' });
});
afterAll(async () => {
  await t.destroy();
});

describe('daily case counts (published for the situation views)', () => {
  const province = { column: 'province_code', value: '24' } as const;

  it('counts by confirmation date from the first case, zero days filled in, up to the last day asked', async () => {
    expect(await dailyCaseCounts(t.db, province, 'confirmation', null, '2021-05-07')).toEqual([
      { date: '2021-05-03', cases: 1 }, { date: '2021-05-04', cases: 1 }, { date: '2021-05-05', cases: 2 },
      { date: '2021-05-06', cases: 0 }, { date: '2021-05-07', cases: 0 },
    ]);
  });

  it('counts by sample or onset date; a case without an onset date has no onset day', async () => {
    expect(await dailyCaseCounts(t.db, province, 'sample', null, '2021-05-05')).toEqual([
      { date: '2021-05-02', cases: 2 }, { date: '2021-05-03', cases: 1 }, { date: '2021-05-04', cases: 0 }, { date: '2021-05-05', cases: 1 },
    ]);
    const byOnset = await dailyCaseCounts(t.db, province, 'onset', null, '2021-05-05');
    expect(byOnset.reduce((a, d) => a + d.cases, 0)).toBe(3);
    expect(byOnset[0]).toEqual({ date: '2021-05-01', cases: 1 });
  });

  it('keeps to the area and to the days from … to, and is empty without cases', async () => {
    expect(await dailyCaseCounts(t.db, { column: 'district_code', value: '213' }, 'confirmation', null, '2021-05-05')).toEqual([
      { date: '2021-05-04', cases: 1 }, { date: '2021-05-05', cases: 0 },
    ]);
    expect(await dailyCaseCounts(t.db, { column: 'commune_code', value: '07801' }, 'confirmation', '2021-05-01', '2021-05-04')).toEqual([
      { date: '2021-05-01', cases: 0 }, { date: '2021-05-02', cases: 0 }, { date: '2021-05-03', cases: 1 }, { date: '2021-05-04', cases: 0 },
    ]);
    expect(await dailyCaseCounts(t.db, { column: 'commune_code', value: '07807' }, 'confirmation', null, '2021-05-05')).toEqual([]);
  });

  it('counts per commune and day, only where there are cases', async () => {
    const rows = await dailyCaseCountsByCommune(t.db, province, 'confirmation', '2021-05-04', '2021-05-05');
    expect(rows.sort((a, b) => a.date.localeCompare(b.date) || a.communeCode.localeCompare(b.communeCode))).toEqual([
      { communeCode: '07201', districtCode: '213', date: '2021-05-04', cases: 1 },
      { communeCode: '07801', districtCode: '222', date: '2021-05-05', cases: 2 },
    ]);
  });
});
