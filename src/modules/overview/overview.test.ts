import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { App } from '../../server/app.ts';

let t: TestDb;
let app: App;

async function addPerson(name: string, communeCode: string, district: string): Promise<number> {
  const r = await t.db
    .insertInto('person')
    .values({ province_code: '24', district_code: district, commune_code: communeCode, full_name: name, name_search: name.toLowerCase(), sex: 'male' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function addCase(code: string, personId: number, communeCode: string, district: string, confirmed: string, status: 'isolated' | 'recovered') {
  await t.db
    .insertInto('covid_case')
    .values({
      case_code: code, person_id: personId, province_code: '24', district_code: district, commune_code: communeCode,
      sample_date: confirmed, confirmation_date: confirmed, detection: 'community', classification: 'community', status,
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  // Việt Yên (222): 3 people, 2 cases; TP Bắc Giang (213): 1 person, 1 case.
  const a = await addPerson('a', '07801', '222');
  const b = await addPerson('b', '07807', '222');
  await addPerson('c', '07807', '222');
  const d = await addPerson('d', '07201', '213');
  await addCase('BN1', a, '07801', '222', '2021-05-07', 'recovered');
  await addCase('BN2', b, '07807', '222', '2021-05-20', 'isolated');
  await addCase('BN3', d, '07201', '213', '2021-05-18', 'isolated');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const get = async (user: string, url = '/api/overview') => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: await loginAs(app, user) } });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('province overview', () => {
  it('aggregates population and cases per district, as of the latest case', async () => {
    const o = await get('t_viewer');
    expect(o.province).toEqual({ code: '24', name: 'Tỉnh Bắc Giang' });
    expect(o.asOf).toBe('2021-05-20');
    expect(o.districts).toHaveLength(10);
    const vy = o.districts.find((d: { code: string }) => d.code === '222');
    expect(vy).toMatchObject({ population: 3, cases: 2, casesLast7Days: 1, activeCases: 1, casesPer100k: 66666.7 });
    expect(o.totals).toMatchObject({ population: 4, cases: 3, activeCases: 2 });
    expect(o.curve[0]).toEqual({ date: '2021-05-07', cases: 1 });
    expect(o.curve.at(-1)).toEqual({ date: '2021-05-20', cases: 1 });
    expect(o.curve).toHaveLength(14);
  });

  it('counts only up to a chosen date, with each case as it stood that day', async () => {
    const o = await get('t_viewer', '/api/overview?date=2021-05-10');
    expect(o.totals.cases).toBe(1);
    // BN1 is recovered now; its timeline says it was isolated on 10 May and recovered on 28 May.
    const bn1 = await t.db.selectFrom('covid_case').select('id').where('case_code', '=', 'BN1').executeTakeFirstOrThrow();
    await t.db.insertInto('case_status_event').values([
      { case_id: bn1.id, status: 'isolated', effective_date: '2021-05-07' },
      { case_id: bn1.id, status: 'recovered', effective_date: '2021-05-28' },
    ]).execute();
    expect((await get('t_viewer', '/api/overview?date=2021-05-10')).totals.activeCases).toBe(1);
    expect((await get('t_viewer', '/api/overview?date=2021-05-28')).totals.activeCases).toBe(2);
  });

  it("scopes a district user to the district's figures", async () => {
    const o = await get('t_district');
    expect(o.districts.map((d: { code: string }) => d.code)).toEqual(['222']);
    expect(o.totals).toMatchObject({ population: 3, cases: 2 });
  });

  it("scopes a commune user to the commune's figures", async () => {
    const o = await get('t_quangchau');
    expect(o.scope).toMatchObject({ kind: 'commune', code: '07807', name: 'Xã Quang Châu' });
    expect(o.totals).toMatchObject({ population: 2, cases: 1 });
  });

  it('rejects a malformed date with a 400 naming the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/overview?date=20-05-2021', headers: { cookie: await loginAs(app, 't_viewer') } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('date');
  });
});
