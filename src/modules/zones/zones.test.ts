import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let vanTrung: string;
let viewer: string;

// Vân Trung (07801) and Quang Châu (07807) are in Việt Yên (222); Kiên Thành (07558) is not.
const CENTRE: [number, number] = [106.08, 21.23];
const zoneBody = (over: object = {}) => ({
  name: 'Thôn Trung Đồng', decisionNo: '123/QĐ-UBND', decidedOn: '2021-05-18', startedOn: '2021-05-19',
  rings: [
    { ring: 'core', circle: { center: CENTRE, radiusM: 400 }, areas: [{ communeCode: '07801', village: 'Thôn Trung Đồng' }] },
    { ring: 'buffer', circle: { center: CENTRE, radiusM: 1500 }, areas: [{ communeCode: '07801' }] },
    { ring: 'surveillance', circle: { center: CENTRE, radiusM: 4000 }, areas: [{ communeCode: '07801' }, { communeCode: '07807' }] },
  ],
  ...over,
});

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
  vanTrung = await loginAs(app, 't_vantrung');
  viewer = await loginAs(app, 't_viewer');
  const person = (name: string, commune: string, address: string) => ({
    province_code: '24', district_code: commune === '07558' ? '219' : '222', commune_code: commune, address_detail: address,
    full_name: name, name_search: foldVietnamese(name), sex: 'female' as const,
  });
  await t.db.insertInto('person').values([
    person('Trung Đồng Một', '07801', 'Thôn Trung Đồng, xóm 1'),
    person('Trung Đồng Hai', '07801', 'thôn trung đồng, xóm 2'),
    person('Trung Đồng Ba', '07801', 'Thôn Trung Đồng'),
    person('Vân Cốc Một', '07801', 'Thôn Vân Cốc, xóm 4'),
    person('Quang Châu Một', '07807', 'Thôn Núi Hiểu'),
  ]).execute();
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const post = (cookie: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: { cookie }, payload });
const issuesOf = (body: { error: { details: { issues: Array<{ field: string; code: string }> } } }) => body.error.details.issues.map((i) => `${i.field}:${i.code}`);

describe('lockdown zones', () => {
  it('declares a zone with three nested rings whose core holds the residents of the named village, audited', async () => {
    // A commune's user cannot draw the neighbouring commune into the surveillance ring; the district's can.
    expect(issuesOf((await post(vanTrung, '/api/zones', zoneBody())).json())).toEqual(['rings.2.areas.1.communeCode:OUT_OF_SCOPE']);
    const res = await post(district, '/api/zones', zoneBody());
    expect(res.statusCode, res.body).toBe(201);
    const zone = res.json();
    expect(zone).toMatchObject({ name: 'Thôn Trung Đồng', status: expect.any(String), districtCode: '222', communeCode: '07801', residents: 3 });
    expect(zone.rings.map((r: { ring: string }) => r.ring)).toEqual(['surveillance', 'buffer', 'core']);
    expect(zone.rings[2].areas).toEqual([{ communeCode: '07801', communeName: expect.any(String), districtCode: '222', village: 'Thôn Trung Đồng' }]);
    expect(zone.rings[0].areas.map((a: { communeCode: string }) => a.communeCode).sort()).toEqual(['07801', '07807']);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'username']).where('record_kind', '=', 'lockdown_zone').where('record_id', '=', String(zone.id)).execute();
    expect(audit).toEqual([{ action: 'create', username: 't_district' }]);

    const got = (await app.inject({ method: 'GET', url: `/api/zones/${zone.id}?asOf=2021-05-25`, headers: { cookie: viewer } })).json();
    expect(got).toMatchObject({ id: zone.id, status: 'active', residents: 3 });
    expect((await app.inject({ method: 'GET', url: `/api/zones/${zone.id}?asOf=2021-05-18`, headers: { cookie: viewer } })).json().status).toBe('planned');
  });

  it('names every problem: core missing its area, a ring outside the next, an unknown village, a commune outside the user\'s area', async () => {
    const body = zoneBody({
      rings: [
        { ring: 'core', circle: { center: [106.2, 21.23], radiusM: 400 }, areas: [{ communeCode: '07801', village: 'Thôn Không Có' }] },
        { ring: 'buffer', circle: { center: CENTRE, radiusM: 1500 }, areas: [{ communeCode: '07558' }] },
      ],
    });
    const res = await post(district, '/api/zones', body);
    expect(res.statusCode).toBe(400);
    expect(issuesOf(res.json()).sort()).toEqual(['rings.0.areas.0.village:UNKNOWN', 'rings.0.geometry:NOT_NESTED', 'rings.1.areas.0.communeCode:OUT_OF_SCOPE']);
    const noArea = await post(cdc, '/api/zones', zoneBody({ rings: [{ ring: 'core', circle: { center: CENTRE, radiusM: 400 }, areas: [] }] }));
    expect(issuesOf(noArea.json())).toEqual(['rings.0.areas:REQUIRED']);
    const future = await post(cdc, '/api/zones', zoneBody({ startedOn: '2099-01-01', decidedOn: null }));
    expect(issuesOf(future.json())).toEqual(['startedOn:FUTURE']);
    expect((await post(viewer, '/api/zones', zoneBody())).statusCode).toBe(403);
    expect(await t.db.selectFrom('lockdown_zone').select('id').where('decision_no', '=', '123/QĐ-UBND').execute()).toHaveLength(1);
  });

  it('redraws a zone with a reason (before and after audited), lifts it, and then refuses edits', async () => {
    const zone = (await post(cdc, '/api/zones', zoneBody({ name: 'Khu Vân Cốc', decisionNo: '200/QĐ-UBND', rings: [
      { ring: 'core', circle: { center: CENTRE, radiusM: 300 }, areas: [{ communeCode: '07801', village: 'Thôn Vân Cốc' }] },
    ] }))).json();
    expect(zone.residents).toBe(1);
    const put = (cookie: string, payload: object) => app.inject({ method: 'PUT', url: `/api/zones/${zone.id}`, headers: { cookie }, payload });
    const widened = zoneBody({ name: 'Khu Vân Cốc', decisionNo: '200/QĐ-UBND', rings: [
      { ring: 'core', geometry: { type: 'Polygon', coordinates: [[[106.07, 21.22], [106.09, 21.22], [106.09, 21.24], [106.07, 21.24], [106.07, 21.22]]] }, areas: [{ communeCode: '07801' }] },
    ] });
    expect(issuesOf((await put(cdc, { ...widened, reason: ' ' })).json())).toEqual(['reason:REQUIRED']);
    expect((await put(vanTrung, { ...widened, reason: 'Mở rộng' })).statusCode).toBe(200);
    const after = (await app.inject({ method: 'GET', url: `/api/zones/${zone.id}`, headers: { cookie: cdc } })).json();
    expect(after).toMatchObject({ residents: 4, rings: [{ ring: 'core', circle: null, areas: [{ communeCode: '07801', village: null }] }] });
    const update = await t.db.selectFrom('audit_log').select('detail').where('record_kind', '=', 'lockdown_zone').where('record_id', '=', String(zone.id)).where('action', '=', 'update').executeTakeFirstOrThrow();
    const detail = update.detail as { reason: string; before: { residents: number }; after: { rings: unknown[] } };
    expect(detail.reason).toBe('Mở rộng');
    expect(detail.before.residents).toBe(1);

    const end = (payload: object) => post(cdc, `/api/zones/${zone.id}/end`, payload);
    expect(issuesOf((await end({ endedOn: '2021-05-01', reason: 'Hết ca bệnh' })).json())).toEqual(['endedOn:ORDER']);
    const ended = await end({ endedOn: '2021-06-05', reason: '14 ngày không có ca mới' });
    expect(ended.json()).toMatchObject({ endedOn: '2021-06-05', endReason: '14 ngày không có ca mới', status: 'ended' });
    expect((await end({ endedOn: '2021-06-06', reason: 'lần hai' })).json().error.code).toBe('ZONE_ENDED');
    expect((await put(cdc, { ...widened, reason: 'sau khi dỡ' })).json().error.code).toBe('ZONE_ENDED');
  });

  it('lists by status on a day and by name without accents, and maps the rings in force widest first', async () => {
    const list = async (query: string) => (await app.inject({ method: 'GET', url: `/api/zones?${query}`, headers: { cookie: viewer } })).json();
    const active = await list('asOf=2021-05-25&status=active');
    expect(active.items.map((z: { name: string }) => z.name).sort()).toEqual(['Khu Vân Cốc', 'Thôn Trung Đồng']);
    expect((await list('asOf=2021-06-07&status=ended')).items.map((z: { name: string }) => z.name)).toEqual(['Khu Vân Cốc']);
    expect((await list('q=trung dong')).items.map((z: { name: string }) => z.name)).toEqual(['Thôn Trung Đồng']);
    expect((await list('q=200/QĐ')).total).toBe(1);
    const map = (await app.inject({ method: 'GET', url: '/api/zones/map?asOf=2021-06-07', headers: { cookie: viewer } })).json();
    expect(map.features.map((f: { properties: { ring: string; name: string } }) => `${f.properties.name}:${f.properties.ring}`))
      .toEqual(['Thôn Trung Đồng:surveillance', 'Thôn Trung Đồng:buffer', 'Thôn Trung Đồng:core']);
    expect(map.features[2].geometry.type).toBe('Polygon');
  });
});

describe('sampling a lockdown zone', () => {
  const zoneId = async (name: string) => (await t.db.selectFrom('lockdown_zone').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  it('expects the residents of the core while the zone is in force, and refuses a lifted zone', async () => {
    const id = await zoneId('Thôn Trung Đồng');
    const round = (scheduledOn: string, zone = id) => post(cdc, '/api/testing/rounds', { targetKind: 'lockdown_zone', targetZoneId: zone, scheduledOn, method: 'rt_pcr_pool', riskLevel: 'high' });
    const res = await round('2021-05-21');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ targetKind: 'lockdown_zone', targetZoneId: id, targetLabel: 'Thôn Trung Đồng', expected: 3, poolSize: 5, communeCode: '07801' });
    const expected = await t.db.selectFrom('round_person as rp').innerJoin('person as p', 'p.id', 'rp.person_id').select('p.full_name').where('rp.round_id', '=', res.json().id).orderBy('p.full_name').execute();
    expect(expected.map((p) => p.full_name)).toEqual(['Trung Đồng Ba', 'Trung Đồng Hai', 'Trung Đồng Một']);
    expect(issuesOf((await round('2021-05-10')).json())).toEqual(['targetZoneId:NOT_IN_FORCE']);
    expect(issuesOf((await round('2021-06-05', await zoneId('Khu Vân Cốc'))).json())).toEqual(['targetZoneId:NOT_IN_FORCE']);
    expect(issuesOf((await round('2021-05-21', 999_999)).json())).toEqual(['targetZoneId:UNKNOWN']);
  });

  it('screens a zone every 2 days until the day before it is lifted', async () => {
    const id = await zoneId('Thôn Trung Đồng');
    const res = await post(cdc, '/api/testing/schedules', { targetKind: 'lockdown_zone', targetZoneId: id, everyDays: 2, startsOn: '2021-05-21', method: 'rt_pcr_pool', riskLevel: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    const schedule = res.json().id;
    const plan = async (date: string) => (await app.inject({ method: 'GET', url: `/api/testing/plan?date=${date}`, headers: { cookie: cdc } })).json()
      .items.find((i: { scheduleId: number }) => i.scheduleId === schedule);
    expect(await plan('2021-05-23')).toMatchObject({ status: 'due', targetZoneId: id, targetLabel: 'Thôn Trung Đồng' });
    const started = await post(cdc, `/api/testing/schedules/${schedule}/rounds`, { date: '2021-05-23' });
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json()).toMatchObject({ targetZoneId: id, expected: 3 });
    const lifted = await post(cdc, `/api/zones/${id}/end`, { endedOn: '2021-05-30', reason: '14 ngày không có ca mới' });
    expect(lifted.statusCode, lifted.body).toBe(200);
    // Due on 29/5 (the day before the lift, 4 × 2 days from 21/5), not due again after it.
    expect((await plan('2021-05-29'))?.status).toBe('due');
    expect((await plan('2021-06-02'))?.dueOn).toBe('2021-05-29');
    const again = await post(cdc, '/api/testing/schedules', { targetKind: 'lockdown_zone', targetZoneId: id, everyDays: 2, startsOn: '2021-06-01', method: 'rt_pcr', riskLevel: null });
    expect(issuesOf(again.json())).toEqual(['targetZoneId:UNKNOWN']);
  });
});

