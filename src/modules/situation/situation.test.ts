import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/time.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { expectClose, referenceCsv } from './reference.fixtures.ts';

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};

const DISTRICT_OF: Record<string, string> = { '07801': '222', '07807': '222', '07762': '222', '07201': '213' };

/** One person and one case per unit of `n`, confirmed on `date`, sampled the day before. */
async function addCases(communeCode: string, date: string, n: number) {
  if (n === 0) return;
  const districtCode = DISTRICT_OF[communeCode]!;
  const people = await t.db
    .insertInto('person')
    .values(Array.from({ length: n }, (_, i) => ({
      province_code: '24', district_code: districtCode, commune_code: communeCode, full_name: `F0 ${date} ${i}`, name_search: `f0 ${date} ${i}`, sex: 'female' as const,
    })))
    .returning('id')
    .execute();
  await t.db
    .insertInto('covid_case')
    .values(people.map((p) => ({
      case_code: `BN${p.id}`, person_id: p.id, province_code: '24', district_code: districtCode, commune_code: communeCode,
      sample_date: addDays(date, -1), confirmation_date: date, detection: 'community' as const, classification: 'community' as const, status: 'isolated' as const,
    })))
    .execute();
}

// The day of the alerts, the latest confirmation in the province: 20/07/2021; its C2 baseline is 11–17/07.
const D = '2021-07-20';
const BASELINE = [1, 3, 1, 3, 2, 1, 3]; // mean 2, sample sd 1: threshold 2 + 3 × 1 = 5

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const u of ['t_cdc', 't_district', 't_vantrung', 't_quangchau', 't_viewer']) cookies[u] = await loginAs(app, u);
  // Vân Trung (07801): the synthetic series of the EpiEstim reference, 01/05 … 09/07/2021 (its first three days have no case).
  for (const r of referenceCsv('rt-synthetic-incidence.csv')) await addCases('07801', r.date!, Number(r.new_cases));
  // Quang Châu (07807): the baseline, then 6 cases on D (above 5). Thọ Xương (07201, another district): the
  // same baseline, 10 cases on each guard day D−2 and D−1 (which C2 ignores), and exactly 5 on D.
  // Việt Tiến (07762): nothing before, 2 cases on D (above 0 + 3 × 0.5).
  for (const [i, n] of BASELINE.entries()) {
    await addCases('07807', addDays(D, i - 9), n);
    await addCases('07201', addDays(D, i - 9), n);
  }
  await addCases('07201', addDays(D, -2), 10);
  await addCases('07201', addDays(D, -1), 10);
  await addCases('07807', D, 6);
  await addCases('07201', D, 5);
  await addCases('07762', D, 2);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const get = (user: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
async function ok(user: string, url: string) {
  const res = await get(user, url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const errorOf = async (user: string, url: string) => {
  const res = await get(user, url);
  const body = res.json();
  return { status: res.statusCode, code: body.error.code, field: body.error.field as string | undefined };
};

interface RtWindowOut { tStart: number; tEnd: number; dateStart: string; dateEnd: string; mean: number; std: number; q025: number; q975: number }

describe('GET /api/situation/rt', () => {
  it('gives EpiEstim\'s Rt of a commune\'s daily cases, each window with its dates', async () => {
    const rt = await ok('t_cdc', '/api/situation/rt?communeCode=07801&date=2021-07-09&siMean=5.2&siSd=2.8');
    expect(rt).toMatchObject({ siMean: 5.2, siSd: 2.8, by: 'confirmation', asOf: '2021-07-09' });
    // The series starts on the first case, 04/05 (day 4 of the reference): its day t is the reference's t + 3. Zero days
    // before the first case add nothing to the cases or the infectivity, so the windows from the reference's t_start 5
    // on are the same windows.
    expect(rt.series[0]).toEqual({ date: '2021-05-04', cases: 2 });
    expect(rt.series).toHaveLength(67);
    const ref = new Map(referenceCsv('rt-synthetic-epiestim-si5.2-2.8.csv').map((r) => [Number(r.t_start), r]));
    expect(rt.windows).toHaveLength(60);
    for (const w of rt.windows as RtWindowOut[]) {
      const r = ref.get(w.tStart + 3)!;
      expect(w.tEnd).toBe(Number(r.t_end) - 3);
      expect([w.dateStart, w.dateEnd]).toEqual([addDays('2021-05-01', Number(r.t_start) - 1), addDays('2021-05-01', Number(r.t_end) - 1)]);
      expect([w.dateStart, w.dateEnd]).toEqual([rt.series[w.tStart - 1].date, rt.series[w.tEnd - 1].date]);
      for (const k of ['mean', 'std', 'q025', 'q975'] as const) expectClose(w[k], Number(r[k]), `${k} ${w.dateStart}`);
    }
  });

  it('defaults to the actor\'s area, the latest confirmation date and the COVID-19 serial interval 4.7 ± 2.9', async () => {
    const rt = await ok('t_vantrung', '/api/situation/rt');
    expect(rt).toMatchObject({ siMean: 4.7, siSd: 2.9, asOf: D });
    expect(rt.series[0].date).toBe('2021-05-04');
    expect(rt.series.at(-1)).toEqual({ date: D, cases: 0 });
    expect(rt.windows[0]).toMatchObject({ tStart: 2, tEnd: 8, dateStart: '2021-05-05', dateEnd: '2021-05-11' });
    expect(rt.windows.at(-1)).toMatchObject({ dateEnd: D });
    // The district sees its three communes together.
    const district = await ok('t_district', '/api/situation/rt?districtCode=222');
    const total = (s: Array<{ cases: number }>) => s.reduce((a, d) => a + d.cases, 0);
    expect(total(district.series)).toBe(total(rt.series) + 14 + 6 + 2);
  });

  it('counts by sample date when asked', async () => {
    const rt = await ok('t_quangchau', `/api/situation/rt?by=sample&date=${D}`);
    expect(rt.by).toBe('sample');
    expect(rt.series[0]).toEqual({ date: '2021-07-10', cases: 1 });
    expect(rt.series.at(-1)).toEqual({ date: D, cases: 0 });
    expect(rt.series.at(-2)).toEqual({ date: addDays(D, -1), cases: 6 });
  });

  it('keeps to the actor\'s area: a unit outside it is 403, an unknown one 400 naming the field', async () => {
    expect(await errorOf('t_vantrung', '/api/situation/rt?communeCode=07807')).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await errorOf('t_vantrung', '/api/situation/rt?districtCode=222')).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await errorOf('t_district', '/api/situation/rt?communeCode=07201')).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect(await errorOf('t_district', '/api/situation/rt?districtCode=213')).toMatchObject({ status: 403, code: 'OUT_OF_SCOPE' });
    expect((await ok('t_district', '/api/situation/rt?communeCode=07807')).series.length).toBeGreaterThan(0);
    expect((await ok('t_viewer', '/api/situation/rt?districtCode=213')).series.length).toBeGreaterThan(0);
    expect(await errorOf('t_cdc', '/api/situation/rt?communeCode=99999')).toMatchObject({ status: 400, field: 'communeCode' });
    expect(await errorOf('t_cdc', '/api/situation/rt?districtCode=999')).toMatchObject({ status: 400, field: 'districtCode' });
    expect(await errorOf('t_cdc', '/api/situation/rt?districtCode=213&communeCode=07801')).toMatchObject({ status: 400, field: 'communeCode' });
    expect((await app.inject({ method: 'GET', url: '/api/situation/rt' })).statusCode).toBe(401);
  });

  it('refuses a serial interval EpiEstim cannot use and a day that is not on the calendar', async () => {
    expect(await errorOf('t_cdc', '/api/situation/rt?siMean=1')).toMatchObject({ status: 400, field: 'siMean' });
    expect(await errorOf('t_cdc', '/api/situation/rt?siSd=0')).toMatchObject({ status: 400, field: 'siSd' });
    expect(await errorOf('t_cdc', '/api/situation/rt?date=2021-02-30')).toMatchObject({ status: 400, field: 'date' });
    expect(await errorOf('t_cdc', '/api/situation/rt?by=report')).toMatchObject({ status: 400 });
  });

  it('is empty for an area without cases', async () => {
    const rt = await ok('t_cdc', '/api/situation/rt?communeCode=07759');
    expect(rt).toMatchObject({ series: [], windows: [] });
  });
});

describe('GET /api/situation/alerts (EARS C2)', () => {
  it('lists the communes above their threshold on the latest day, not one exactly at it', async () => {
    const a = await ok('t_cdc', '/api/situation/alerts');
    expect(a).toMatchObject({ date: D, multiplier: 3, minCases: 1, minSigma: 0.5, baselineFrom: '2021-07-11', baselineTo: '2021-07-17' });
    expect(a.alerts).toEqual([
      { communeCode: '07807', communeName: expect.any(String), districtCode: '222', districtName: 'Huyện Việt Yên', cases: 6, baselineMean: 2, baselineSd: 1, threshold: 5 },
      { communeCode: '07762', communeName: 'Xã Việt Tiến', districtCode: '222', districtName: 'Huyện Việt Yên', cases: 2, baselineMean: 0, baselineSd: 0, threshold: 1.5 },
    ]);
  });

  it('takes the multiplier, the minimum count and the sd floor from the query', async () => {
    const codes = async (q: string) => (await ok('t_cdc', `/api/situation/alerts?${q}`)).alerts.map((x: { communeCode: string }) => x.communeCode);
    // Thọ Xương: 5 > 2 + 2 × 1; its 20 cases on the two guard days are not in its baseline.
    expect(await codes('multiplier=2')).toEqual(['07807', '07201', '07762']);
    expect(await codes('minCases=3')).toEqual(['07807']);
    expect(await codes('minSigma=1')).toEqual(['07807']);
    expect(await codes('date=2021-07-09')).toEqual([]);
    expect(await errorOf('t_cdc', '/api/situation/alerts?multiplier=0')).toMatchObject({ status: 400, field: 'multiplier' });
    expect(await errorOf('t_cdc', '/api/situation/alerts?minCases=0')).toMatchObject({ status: 400, field: 'minCases' });
  });

  it('shows each actor the communes of their own area', async () => {
    const codes = async (user: string) => (await ok(user, '/api/situation/alerts')).alerts.map((x: { communeCode: string }) => x.communeCode);
    expect(await codes('t_district')).toEqual(['07807', '07762']);
    expect(await codes('t_quangchau')).toEqual(['07807']);
    expect(await codes('t_vantrung')).toEqual([]);
  });
});
