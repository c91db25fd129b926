import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};

/** Three cases in Vân Trung (two located households), one in Quang Châu, one in Kiên Thành (another district), one older. */
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const u of ['t_cdc', 't_district', 't_viewer']) cookies[u] = await loginAs(app, u);
  const household = async (commune: string, lon: number | null, lat: number | null) => (await t.db.insertInto('contact_group')
    .values({ kind: 'household', label: 'Hộ', province_code: '24', commune_code: commune, lon, lat, attrs: '{}' }).returning('id').executeTakeFirstOrThrow()).id;
  const [h1, h2, h3, h4] = [await household('07801', 106.07, 21.23), await household('07801', 106.09, 21.25), await household('07801', null, null), await household('07807', 106.1, 21.26)];
  const h5 = await household('07558', 106.6, 21.4);
  let n = 0;
  const caseAt = async (hh: number, commune: string, district: string, confirmed: string) => {
    const name = `Người ${++n}`;
    const { id } = await t.db.insertInto('person').values({ province_code: '24', district_code: district, commune_code: commune, household_id: hh, full_name: name, name_search: foldVietnamese(name), sex: 'male' })
      .returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('covid_case').values({
      case_code: `BN-M${n}`, person_id: id, province_code: '24', district_code: district, commune_code: commune, sample_date: confirmed, confirmation_date: confirmed,
      detection: 'community', classification: 'community', status: 'isolated',
    }).execute();
  };
  await caseAt(h1, '07801', '222', '2021-06-01');
  await caseAt(h2, '07801', '222', '2021-06-05');
  await caseAt(h3, '07801', '222', '2021-06-06');
  await caseAt(h4, '07807', '222', '2021-06-06');
  await caseAt(h5, '07558', '219', '2021-06-06');
  await caseAt(h1, '07801', '222', '2021-05-01');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const layer = async (user: string, query: string) => (await app.inject({ method: 'GET', url: `/api/situation/map/cases?${query}`, headers: { cookie: cookies[user]! } })).json();

describe('the situation map: cases', () => {
  it('shows each case at its household for those who read cases, and counts the unlocated', async () => {
    const r = await layer('t_cdc', 'date=2021-06-06&days=14');
    expect(r).toMatchObject({ date: '2021-06-06', total: 5, unlocated: 1, individual: true });
    expect(r.features.map((f: { properties: { caseCode: string } }) => f.properties.caseCode).sort()).toEqual(['BN-M1', 'BN-M2', 'BN-M4', 'BN-M5']);
    expect(r.features.find((f: { properties: { caseCode: string } }) => f.properties.caseCode === 'BN-M1').geometry.coordinates).toEqual([106.07, 21.23]);
    expect((await layer('t_cdc', 'date=2021-06-06&days=1')).total).toBe(3);
    const audited = await t.db.selectFrom('audit_log').select('detail').where('username', '=', 't_cdc').where('record_kind', '=', 'case').where('action', '=', 'list').execute();
    expect(audited.map((a) => (a.detail as { view?: string }).view)).toContain('map');
  });
  it('keeps a district user to the district', async () => {
    const r = await layer('t_district', 'date=2021-06-06&days=14');
    expect(r.features.map((f: { properties: { caseCode: string } }) => f.properties.caseCode).sort()).toEqual(['BN-M1', 'BN-M2', 'BN-M4']);
  });
  it('gives a viewer one point per commune with a count and no case codes', async () => {
    const r = await layer('t_viewer', 'date=2021-06-06&days=14');
    expect(r.individual).toBe(false);
    const vanTrung = r.features.find((f: { properties: { communeCode: string } }) => f.properties.communeCode === '07801');
    expect(vanTrung.properties).toEqual({ communeCode: '07801', communeName: expect.any(String), count: 2 });
    expect(vanTrung.geometry.coordinates).toEqual([106.08, 21.24]);
    expect(JSON.stringify(r)).not.toContain('BN-M');
    expect(await t.db.selectFrom('audit_log').select('id').where('username', '=', 't_viewer').where('record_kind', '=', 'case').execute()).toHaveLength(0);
  });
  it('refuses a window longer than 60 days', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/situation/map/cases?days=61', headers: { cookie: cookies.t_cdc! } })).statusCode).toBe(400);
  });
});

describe('the situation map: places visited by cases', () => {
  it('counts the cases who checked in while infectious, without naming anyone, and leaves out later visits', async () => {
    const venue = async (name: string, lon: number | null) => (await t.db.insertInto('org_unit').values({ kind: 'venue', name, province_code: '24', district_code: '222', commune_code: '07801', lon, lat: lon ? 21.21 : null })
      .returning('id').executeTakeFirstOrThrow()).id;
    const market = await venue('Chợ Vân Trung', 106.06);
    const shop = await venue('Tạp hoá', 106.061);
    const nowhere = await venue('Quán không vị trí', null);
    const caseOf = async (code: string) => (await t.db.selectFrom('covid_case').select(['person_id']).where('case_code', '=', code).executeTakeFirstOrThrow()).person_id;
    const visit = (venueId: number, personId: number, at: string) => t.db.insertInto('checkin').values({ venue_id: venueId, person_id: personId, province_code: '24', checked_in_at: at }).execute();
    // BN-M2 (sample and confirmation 05/06): infectious 03/06–05/06. BN-M3 (06/06): 04/06–06/06.
    await visit(market, await caseOf('BN-M2'), '2021-06-03T02:00:00Z');
    await visit(market, await caseOf('BN-M3'), '2021-06-05T02:00:00Z');
    await visit(shop, await caseOf('BN-M2'), '2021-06-01T02:00:00Z'); // before the window
    await visit(shop, await caseOf('BN-M3'), '2021-06-07T02:00:00Z'); // after confirmation
    await visit(nowhere, await caseOf('BN-M3'), '2021-06-05T03:00:00Z');
    const r = (await app.inject({ method: 'GET', url: '/api/situation/map/visited?date=2021-06-06&days=14', headers: { cookie: cookies.t_viewer! } })).json();
    expect(r.unlocated).toBe(1);
    expect(r.features).toEqual([{ type: 'Feature', geometry: { type: 'Point', coordinates: [106.06, 21.21] }, properties: { id: market, name: 'Chợ Vân Trung', cases: 2, lastVisit: '2021-06-05' } }]);
    const district = (await app.inject({ method: 'GET', url: '/api/situation/map/visited?date=2021-06-06&days=14', headers: { cookie: cookies.t_district! } })).json();
    expect(district.features).toHaveLength(1);
  });
});

describe('the situation map: facilities', () => {
  it('places quarantine facilities with their occupancy and leaves out the unlocated', async () => {
    const unit = async (name: string, lon: number | null) => (await t.db.insertInto('org_unit').values({ kind: 'quarantine_facility', name, province_code: '24', district_code: '222', commune_code: '07801', lon, lat: lon ? 21.2 : null })
      .returning('id').executeTakeFirstOrThrow()).id;
    const located = await unit('KCL Located', 106.05);
    const unlocated = await unit('KCL Nowhere', null);
    for (const id of [located, unlocated]) await t.db.insertInto('facility').values({ org_unit_id: id, province_code: '24', kind: 'quarantine', category: 'school', level: 'district', tier: null, staff_name: null, staff_phone: null, capacity: 50 }).execute();
    const r = (await app.inject({ method: 'GET', url: '/api/situation/map/facilities', headers: { cookie: cookies.t_cdc! } })).json();
    expect(r.unlocated).toBe(1);
    expect(r.features).toEqual([expect.objectContaining({ geometry: { type: 'Point', coordinates: [106.05, 21.2] }, properties: expect.objectContaining({ id: located, kind: 'quarantine', capacity: 50, used: 0 }) })]);
  });
});
