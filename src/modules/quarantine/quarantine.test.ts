import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
let viewer: string;
let facilityId: number;

const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  viewer = await loginAs(app, 't_viewer');
  const unit = await t.db.insertInto('org_unit').values({ kind: 'quarantine_facility', name: 'Khu cách ly Trường THCS Vân Trung', ...AREA })
    .returning('id').executeTakeFirstOrThrow();
  facilityId = unit.id;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

let seq = 0;
async function addPerson(householdId?: number) {
  seq++;
  const name = `Người Cách Ly ${seq}`;
  const household = householdId ?? (await t.db.insertInto('contact_group').values({ kind: 'household', label: `Hộ ${seq}`, ...AREA }).returning('id').executeTakeFirstOrThrow()).id;
  const p = await t.db.insertInto('person').values({ ...AREA, household_id: household, full_name: name, name_search: foldVietnamese(name), sex: 'male' })
    .returning('id').executeTakeFirstOrThrow();
  return { id: p.id, household };
}

const inject = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function order(personId: number, riskGroup: 'high' | 'low', source = { personId: 0, kind: 'household', groupId: null as number | null, date: '2021-05-20' }) {
  const src = await addPerson();
  const res = await inject(cdc, 'POST', '/api/quarantine/orders', {
    personId, kind: 'centralized', subject: 'f1', startDate: '2021-05-25', riskGroup, source: { ...source, personId: source.personId || src.id },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('facilities and occupancy', () => {
  it('sets a facility up with rooms, refuses duplicates and inconsistent thresholds', async () => {
    const bad = await inject(cdc, 'PUT', `/api/facilities/${facilityId}`, { kind: 'quarantine', category: 'school', capacity: 4, warnPercent: 95, criticalPercent: 80 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('warnPercent');
    const wrongKind = await inject(cdc, 'PUT', `/api/facilities/${facilityId}`, { kind: 'treatment', category: 'hospital', tier: 1 });
    expect(wrongKind.json().error.field).toBe('kind');
    const ok = await inject(cdc, 'PUT', `/api/facilities/${facilityId}`, { kind: 'quarantine', category: 'school', level: 'district', capacity: 4 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ kind: 'quarantine', capacity: 4, used: 0, alert: 'normal' });
    const rooms = await inject(cdc, 'POST', `/api/facilities/${facilityId}/rooms`, { rooms: [{ zone: 'A', label: 'A1', capacity: 2 }, { zone: 'B', label: 'B1', capacity: 2 }] });
    expect(rooms.statusCode, rooms.body).toBe(201);
    const again = await inject(cdc, 'POST', `/api/facilities/${facilityId}/rooms`, { rooms: [{ label: 'A1', capacity: 2 }] });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details.issues[0].code).toBe('DUPLICATE');
    expect((await inject(viewer, 'PUT', `/api/facilities/${facilityId}`, { kind: 'quarantine', category: 'school' })).statusCode).toBe(403);
  });

  it('computes an order by the rule in force and keeps the F1 source; refuses an F1 without one', async () => {
    const p = await addPerson();
    const src = await addPerson();
    const res = await inject(cdc, 'POST', '/api/quarantine/orders', {
      personId: p.id, kind: 'centralized', subject: 'f1', startDate: '2021-05-25', riskGroup: 'high',
      source: { personId: src.id, kind: 'household', groupId: null, date: '2021-05-23' },
    });
    expect(res.statusCode, res.body).toBe(201);
    // Công điện 600 (from 5 May 2021): 21 days, tests days 1, 14 and 20, then 7 days at home.
    expect(res.json()).toMatchObject({
      ruleCode: 'cd600-2021-05', source: { personId: src.id, kind: 'household' },
      plan: { lastDay: '2021-06-14', testDates: ['2021-05-25', '2021-06-07', '2021-06-13'], homeMonitoringUntil: '2021-06-21' },
    });
    const twice = await inject(cdc, 'POST', '/api/quarantine/orders', { personId: p.id, kind: 'centralized', subject: 'f1', startDate: '2021-05-26', riskGroup: 'high', source: { personId: src.id, kind: 'household', groupId: null, date: '2021-05-23' } });
    expect(twice.json().error.details.issues.map((i: { field: string }) => i.field)).toContain('personId');
    const q = await addPerson();
    const noSource = await inject(cdc, 'POST', '/api/quarantine/orders', { personId: q.id, kind: 'centralized', subject: 'f1', startDate: '2021-05-25', riskGroup: 'low' });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.json().error.field).toBe('source');
    const override = await inject(cdc, 'POST', '/api/quarantine/orders', {
      personId: q.id, kind: 'centralized', subject: 'f1', startDate: '2021-05-25', riskGroup: 'low', ruleCode: 'cv5599-2021-07',
      source: { personId: src.id, kind: 'manual', groupId: null, date: '2021-05-24' },
    });
    expect(override.json().error.field).toBe('ruleReason');
  });

  it('places a batch without mixing risk groups, shows occupancy, and refuses an overbooked room', async () => {
    const low1 = await addPerson();
    const low2 = await addPerson(low1.household);
    const high = await addPerson();
    const ids = [await order(low1.id, 'low'), await order(low2.id, 'low'), await order(high.id, 'high')];
    const suggestion = await inject(cdc, 'POST', '/api/quarantine/placement/suggest', { orderIds: ids });
    expect(suggestion.statusCode, suggestion.body).toBe(200);
    const s = suggestion.json();
    expect(s.unplaced).toEqual([]);
    const roomOf = new Map(s.placements.map((p: { orderId: number; roomId: number }) => [p.orderId, p.roomId]));
    expect(roomOf.get(ids[0])).toBe(roomOf.get(ids[1])); // one household, one room
    expect(roomOf.get(ids[2])).not.toBe(roomOf.get(ids[0])); // high risk apart from low risk
    const confirmed = await inject(cdc, 'POST', '/api/quarantine/placement/confirm', { placements: s.placements.map((p: { orderId: number; roomId: number }) => ({ orderId: p.orderId, roomId: p.roomId })) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const rooms = (await inject(cdc, 'GET', `/api/facilities/${facilityId}/rooms`)).json();
    expect(rooms.facility).toMatchObject({ used: 3, free: 1, percent: 75, alert: 'normal' });
    expect(rooms.rooms.map((r: { used: number; riskGroups: string[] }) => [r.used, r.riskGroups]).sort()).toEqual([[1, ['high']], [2, ['low']]]);
    const occupancy = (await inject(viewer, 'GET', '/api/facilities/occupancy')).json();
    expect(occupancy.province.quarantine).toMatchObject({ facilities: 1, capacity: 4, used: 3 });

    // One more high-risk person into the full low-risk room: over capacity and mixed.
    const extra = await addPerson();
    const extraOrder = await order(extra.id, 'high');
    const lowRoom = roomOf.get(ids[0]);
    const refused = await inject(cdc, 'POST', '/api/quarantine/placement/confirm', { placements: [{ orderId: extraOrder, roomId: lowRoom }] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.issues.map((i: { code: string }) => i.code).sort()).toEqual(['mixed_risk_room', 'mixed_risk_zone', 'room_over_capacity']);
    const after = (await inject(cdc, 'GET', `/api/facilities/${facilityId}/rooms`)).json();
    expect(after.facility.used).toBe(3); // nothing half-written
    const events = await t.db.selectFrom('quarantine_order_event').select(['order_id', 'kind']).where('order_id', 'in', ids).execute();
    expect(events.filter((e) => e.kind === 'placed')).toHaveLength(3);
  });
});

describe('order import', () => {
  async function sheet(rows: Array<Record<string, string | number | Date>>) {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('QĐ');
    ws.addRow(['Mã người', 'Hình thức', 'Đối tượng', 'Ngày bắt đầu', 'Nhóm nguy cơ', 'Mã người nguồn lây', 'Mối liên hệ', 'Ngày tiếp xúc', 'Địa chỉ cách ly tại nhà']);
    for (const r of rows) ws.addRow([r.person, r.kind, r.subject, r.start, r.risk, r.source, r.link, r.exposed, r.address]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const post = (body: Buffer, dryRun = false) => app.inject({
    method: 'POST', url: `/api/quarantine/orders/import?dryRun=${dryRun}`, headers: { cookie: cdc, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, payload: body,
  });

  it('refuses the whole file naming each bad row, then imports the corrected one', async () => {
    const a = await addPerson();
    const b = await addPerson();
    const src = await addPerson();
    const bad = await sheet([
      { person: a.id, kind: 'tập trung', subject: 'F1', start: new Date(Date.UTC(2021, 4, 25)), risk: 'cao', source: src.id, link: 'hộ gia đình', exposed: '23/05/2021' },
      { person: b.id, kind: 'tại nhà', subject: 'F2', start: '31/02/2021', risk: 'rất cao', source: a.id, link: 'hộ gia đình', exposed: '24/05/2021', address: 'Thôn Đông' },
      { person: a.id, kind: 'tập trung', subject: 'F1', start: '25/05/2021', risk: 'thấp', source: src.id, link: 'hộ gia đình', exposed: '23/05/2021' },
      { person: 999999, kind: 'tại nhà', subject: 'F2', start: '25/05/2021', address: 'x', source: a.id, link: 'hộ gia đình', exposed: '24/05/2021' },
    ]);
    const dry = await post(bad, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const rows = dry.json().issues.map((i: { row: number; field: string; code: string }) => `${i.row}:${i.field}:${i.code}`).sort();
    expect(rows).toEqual(['3:riskGroup:INVALID', '3:startDate:INVALID_DATE', '4:personId:DUPLICATE', '5:personId:UNKNOWN_PERSON']);
    const refused = await post(bad);
    expect(refused.statusCode).toBe(400);
    const count = async () => (await t.db.selectFrom('quarantine_order').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    expect(await count()).toBe(before);
    const good = await sheet([
      { person: a.id, kind: 'tập trung', subject: 'F1', start: new Date(Date.UTC(2021, 4, 25)), risk: 'cao', source: src.id, link: 'hộ gia đình', exposed: '23/05/2021' },
      { person: b.id, kind: 'tại nhà', subject: 'F2', start: '25/05/2021', source: a.id, link: 'hộ gia đình', exposed: '24/05/2021', address: 'Thôn Đông' },
    ]);
    const ok = await post(good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ created: 2, total: 2 });
    const made = await t.db.selectFrom('quarantine_order').select(['person_id', 'rule_code', 'last_day', 'source_person_id', 'source_kind']).where('person_id', 'in', [a.id, b.id]).orderBy('person_id').execute();
    expect(made).toEqual([
      { person_id: a.id, rule_code: 'cd600-2021-05', last_day: '2021-06-14', source_person_id: src.id, source_kind: 'household' },
      { person_id: b.id, rule_code: 'cd600-2021-05', last_day: null, source_person_id: a.id, source_kind: 'household' },
    ]);
    // The same file again: every row now meets an order in force.
    const again = await post(good);
    expect(again.json().error.details.issues.map((i: { code: string }) => i.code)).toEqual(['ACTIVE_ORDER', 'ACTIVE_ORDER']);
  });
});

describe('order amendments', () => {
  it('changes the rule or the source only with a reason, recomputes the dates and keeps the history', async () => {
    const p = await addPerson();
    const id = await order(p.id, 'low');
    const patch = (body: object) => inject(cdc, 'PATCH', `/api/quarantine/orders/${id}`, body);
    expect((await patch({ reason: ' ', ruleCode: 'cv5599-2021-07' })).json().error.field).toBe('reason');
    const ok = await patch({ reason: 'Áp dụng Công văn 5599 theo chỉ đạo của tỉnh', ruleCode: 'cv5599-2021-07' });
    expect(ok.statusCode, ok.body).toBe(200);
    const row = await t.db.selectFrom('quarantine_order').select(['rule_code', 'rule_overridden', 'last_day', 'test_dates']).where('id', '=', id).executeTakeFirstOrThrow();
    // Started 25/05/2021: 14 days under Công văn 5599, tests on days 1, 7 and 14.
    expect(row).toEqual({ rule_code: 'cv5599-2021-07', rule_overridden: true, last_day: '2021-06-07', test_dates: ['2021-05-25', '2021-05-31', '2021-06-07'] });
    const src = await addPerson();
    const moved = await patch({ reason: 'Điều tra lại: lây tại xưởng', source: { personId: src.id, kind: 'workshop_shift', groupId: null, date: '2021-05-22' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const bad = await patch({ reason: 'x', source: { personId: p.id, kind: 'manual', groupId: null, date: '2021-06-22' } });
    expect(bad.json().error.details.issues.map((i: { code: string }) => i.code).sort()).toEqual(['ORDER', 'SELF']);
    const events = await t.db.selectFrom('quarantine_order_event').select(['kind', 'reason']).where('order_id', '=', id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'rule_changed', 'source_changed']);
    expect(events[2]!.reason).toBe('Điều tra lại: lây tại xưởng');
  });
});
