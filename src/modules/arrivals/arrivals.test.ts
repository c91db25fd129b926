import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { createUser } from '../auth/auth.service.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let vanTrung: string;
let quangChau: string;
let chot: string;
let viewer: string;
let checkpointId: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  await createUser(t.db, { username: 't_chot', role: 'checkpoint', scopeKind: 'district', scopeCode: '222', password: TEST_PASSWORD, fullName: 'Chốt', provinceCode: '24' });
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
  vanTrung = await loginAs(app, 't_vantrung');
  quangChau = await loginAs(app, 't_quangchau');
  chot = await loginAs(app, 't_chot');
  viewer = await loginAs(app, 't_viewer');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const send = (method: 'POST' | 'PUT', cookie: string | null, url: string, payload: object) => app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
const get = (cookie: string | null, url: string) => app.inject({ url, headers: cookie ? { cookie } : {} });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

const arrival = (n: number, over: object = {}) => ({
  person: { fullName: `Người Đến ${['Một', 'Hai', 'Ba', 'Bốn', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín'][n - 1] ?? 'Mười'}`, sex: 'male', phone: `09130000${String(n).padStart(2, '0')}`, dateOfBirth: '1988-03-04' },
  originProvinceCode: '27', originLevel: 'epidemic_zone', means: 'motorbike', purpose: 'Về quê', communeCode: '07801', destAddress: 'Thôn Trung Đồng', category: 'ordinary',
  ...over,
});

describe('checkpoints', () => {
  it('a district adds and edits one of its checkpoints; a commune and a checkpoint user cannot; outside the district is refused', async () => {
    const body = {
      name: 'Chốt QL1A Việt Yên', districtCode: '222', communeCode: '07801', road: 'QL1A', lat: 21.27, lon: 106.1,
      staff: [{ name: 'Nguyễn Văn Công', unit: 'Công an' }], shifts: [{ name: 'Ca 1', start: '06:00', end: '14:00' }],
    };
    const created = await send('POST', district, '/api/arrivals/checkpoints', body);
    expect(created.statusCode, created.body).toBe(201);
    checkpointId = created.json().id;
    expect(created.json()).toMatchObject({ road: 'QL1A', status: 'active', staff: [{ name: 'Nguyễn Văn Công' }], shifts: [{ start: '06:00' }] });
    expect((await send('POST', vanTrung, '/api/arrivals/checkpoints', body)).statusCode).toBe(403);
    expect((await send('POST', chot, '/api/arrivals/checkpoints', body)).statusCode).toBe(403);
    const outside = await send('POST', district, '/api/arrivals/checkpoints', { ...body, districtCode: '213', communeCode: null });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.field).toBe('districtCode');
    const badShift = await send('POST', district, '/api/arrivals/checkpoints', { ...body, shifts: [{ name: 'Ca', start: '25:00', end: '08:00' }] });
    expect(badShift.json().error.details.issues[0]).toMatchObject({ field: 'shifts/0/start', row: 1 });
    const edited = await send('PUT', district, `/api/arrivals/checkpoints/${checkpointId}`, { ...body, status: 'suspended' });
    expect(edited.json().status).toBe('suspended');
    await send('PUT', district, `/api/arrivals/checkpoints/${checkpointId}`, body);
    const list = await get(chot, '/api/arrivals/checkpoints');
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(checkpointId);
    // A commune's users see their district's checkpoints.
    expect((await get(vanTrung, '/api/arrivals/checkpoints')).json().total).toBeGreaterThanOrEqual(1);
    const audit = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'checkpoint').where('record_id', '=', String(checkpointId)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update', 'update']);
  });

  it('the map layer is GeoJSON points with arrivals of the last 7 days', async () => {
    const res = await get(viewer, '/api/arrivals/checkpoints/map');
    expect(res.statusCode).toBe(200);
    const f = res.json().features.find((x: { properties: { id: number } }) => x.properties.id === checkpointId);
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [106.1, 21.27] });
    expect(typeof f.properties.arrivals7d).toBe('number');
  });
});

describe('arrivals', () => {
  it('a checkpoint user logs an arrival from an epidemic zone: home monitoring pending, a team visit, the register gains the person', async () => {
    const res = await send('POST', chot, '/api/arrivals', arrival(1, { checkpointId, arrivedAt: hoursAgo(1) }));
    expect(res.statusCode, res.body).toBe(201);
    const { arrival: a, decision } = res.json();
    expect(decision).toMatchObject({ action: 'home_monitoring', days: 14 });
    expect(a).toMatchObject({ source: 'checkpoint', checkpointId, action: 'home_monitoring', actionStatus: 'pending', ruleCode: 'arrivals-2021-05', originProvinceName: expect.stringContaining('Bắc Ninh') });
    // The checkpoint role sees the phone masked.
    expect(a.phone).not.toBe('0913000001');
    const task = await t.db.selectFrom('team_task').selectAll().where('source_kind', '=', 'arrival').where('source_id', '=', a.id).executeTakeFirst();
    expect(task).toMatchObject({ kind: 'arrival_visit', commune_code: '07801', person_id: a.personId });
    // The commune applies it: a home order through quarantine, subject returning citizen.
    const applied = await send('POST', vanTrung, `/api/arrivals/${a.id}/apply`, {});
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().actionStatus).toBe('applied');
    const order = await t.db.selectFrom('quarantine_order').selectAll().where('id', '=', applied.json().quarantineOrderId).executeTakeFirstOrThrow();
    expect(order).toMatchObject({ person_id: a.personId, kind: 'home', subject: 'returning_citizen', home_address: 'Thôn Trung Đồng', source_person_id: null });
    expect((await send('POST', vanTrung, `/api/arrivals/${a.id}/apply`, {})).statusCode).toBe(400);
  });

  it('a commune reporting an arrival from a lockdown area makes the centralized order at once; the same person is matched, not registered twice', async () => {
    const before = await t.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await send('POST', vanTrung, '/api/arrivals', arrival(2, { originLevel: 'lockdown', means: 'bus' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().arrival).toMatchObject({ source: 'commune', action: 'centralized_quarantine', actionDays: 21, actionStatus: 'applied' });
    const order = await t.db.selectFrom('quarantine_order').select(['kind', 'risk_group']).where('id', '=', res.json().arrival.quarantineOrderId).executeTakeFirstOrThrow();
    expect(order).toEqual({ kind: 'centralized', risk_group: 'medium' });
    // Again, same phone and name (accents aside): the register's person; the order in force is reported, the arrival stays pending.
    const again = await send('POST', vanTrung, '/api/arrivals', arrival(2, { originLevel: 'lockdown', person: { ...arrival(2).person, fullName: 'nguoi den hai' } }));
    expect(again.json().arrival.personId).toBe(res.json().arrival.personId);
    expect(again.json().arrival.actionStatus).toBe('pending');
    expect(again.json().applyIssues[0].code).toBe('ACTIVE_ORDER');
    const after = await t.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
  });

  it('drivers: a valid test and a route pass; without them, a test at the checkpoint and no team visit', async () => {
    const driver = (n: number, over: object) => arrival(n, { checkpointId, category: 'long_haul_driver', means: 'truck', vehiclePlate: '29c-123.45', originLevel: 'lockdown', destAddress: null, ...over });
    const ok = await send('POST', chot, '/api/arrivals', driver(3, { testType: 'rt_pcr', testAt: hoursAgo(30), route: 'Hà Nội – QL1A – Lạng Sơn' }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().arrival).toMatchObject({ action: 'none', actionStatus: 'none', vehiclePlate: '29C-123.45' });
    const stale = await send('POST', chot, '/api/arrivals', driver(4, { testType: 'rapid', testAt: hoursAgo(80), route: 'QL1A' }));
    expect(stale.json().arrival.action).toBe('test_at_checkpoint');
    expect(await t.db.selectFrom('team_task').select('id').where('source_kind', '=', 'arrival').where('source_id', '=', stale.json().arrival.id).execute()).toEqual([]);
    const noPlate = await send('POST', chot, '/api/arrivals', driver(5, { vehiclePlate: null }));
    expect(noPlate.statusCode).toBe(400);
    expect(noPlate.json().error.details.issues.map((i: { field: string }) => i.field)).toContain('vehiclePlate');
  });

  it('refuses what is out of reach: a commune reporting for another, a checkpoint user without a checkpoint outside its commune list, unknown units', async () => {
    expect((await send('POST', quangChau, '/api/arrivals', arrival(6))).json().error.details.issues[0]).toMatchObject({ field: 'communeCode', code: 'OUT_OF_SCOPE' });
    const bad = await send('POST', vanTrung, '/api/arrivals', arrival(6, { originProvinceCode: '99', arrivedAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['arrivedAt', 'originProvinceCode']);
    expect((await send('POST', viewer, '/api/arrivals', arrival(6))).statusCode).toBe(403);
    // A checkpoint's user logs at a checkpoint, not as a commune.
    expect((await send('POST', chot, '/api/arrivals', arrival(6))).json().error.details.issues[0]).toMatchObject({ field: 'checkpointId', code: 'REQUIRED' });
  });

  it('lists by scope with filters and counts (audited), exports XLSX', async () => {
    const all = (await get(cdc, '/api/arrivals?pageSize=50')).json();
    expect(all.counts).toMatchObject({ total: 5, drivers: 2 });
    expect((await get(quangChau, '/api/arrivals')).json().total).toBe(0);
    expect((await get(chot, '/api/arrivals?category=long_haul_driver')).json().total).toBe(2);
    expect((await get(district, '/api/arrivals?originLevel=lockdown&actionStatus=pending')).json().total).toBe(2);
    expect((await get(cdc, '/api/arrivals?q=nguoi den mot')).json().total).toBe(1);
    const x = await get(district, '/api/arrivals/export.xlsx');
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(6);
    const reads = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'arrival').where('action', 'in', ['read', 'export']).execute();
    expect(reads.length).toBeGreaterThanOrEqual(6);
  });

  it('imports a commune list: per-row issues reject the whole file; a clean file previews then commits', async () => {
    const sheet = async (rows: Array<Record<string, string>>) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Người đến');
      ws.addRow(['Họ và tên', 'Giới tính', 'Số điện thoại', 'Thời gian đến', 'Tỉnh nơi đi', 'Mức nơi đi', 'Phương tiện', 'Mã xã nơi đến', 'Địa chỉ nơi đến', 'Đối tượng']);
      for (const r of rows) ws.addRow([r.name, 'Nữ', r.phone, r.at, r.province, r.level, 'Xe máy', r.commune, 'Thôn Trung Đồng', 'Người dân']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const imp = (file: Buffer, dryRun: boolean) => app.inject({ method: 'POST', url: `/api/arrivals/import?dryRun=${dryRun}`, payload: file, headers: { cookie: vanTrung, 'content-type': XLSX_MIME } });
    const bad = await imp(await sheet([
      { name: 'Trần Thị Lan', phone: '0914000001', at: '09/06/2021 08:30', province: 'Bắc Ninh', level: 'Vùng dịch', commune: '07801' },
      { name: 'Trần Thị Hoa', phone: '0914000002', at: '09/06/2021 09:00', province: 'Không Có', level: 'Sao Hỏa', commune: '07801' },
    ]), true);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues.map((i: { row: number; field: string }) => `${i.row}:${i.field}`)).toEqual(['3:originLevel']);
    const good = await sheet([
      { name: 'Trần Thị Lan', phone: '0914000001', at: '09/06/2021 08:30', province: 'Bắc Ninh', level: 'Vùng dịch', commune: '07801' },
      { name: 'Trần Thị Hoa', phone: '0914000002', at: '09/06/2021 09:00', province: 'Hà Nội', level: 'Không phải vùng dịch', commune: '07801' },
    ]);
    const before = (await get(vanTrung, '/api/arrivals')).json().total as number;
    const preview = await imp(good, true);
    expect(preview.json()).toMatchObject({ dryRun: true, total: 2, created: 0, actions: { home: 1 } });
    expect((await get(vanTrung, '/api/arrivals')).json().total).toBe(before);
    const done = await imp(good, false);
    expect(done.json()).toMatchObject({ dryRun: false, created: 2 });
    const listed = (await get(vanTrung, '/api/arrivals?from=2021-06-09&to=2021-06-09')).json();
    expect(listed.items.map((a: { source: string; originLevel: string }) => `${a.source}:${a.originLevel}`).sort()).toEqual(['import:epidemic_zone', 'import:none']);
  });

  it('a province adds an arrival rule version; arrivals after its date follow it', async () => {
    const rules = (await get(cdc, '/api/arrivals/rules')).json();
    const base = rules[0];
    const res = await send('POST', cdc, '/api/rules/arrival', {
      code: 'bg-arrivals-test', document: 'Văn bản thử', name: { vi: 'Thử', en: 'Test' }, effectiveFrom: '2022-01-01',
      byOrigin: { ...base.byOrigin, epidemic_zone: { action: 'test', hours: 24 } }, transport: base.transport, epidemicProvinces: ['27'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = await send('POST', vanTrung, '/api/arrivals', arrival(7, { originLevel: 'epidemic_zone' }));
    expect(a.json().arrival).toMatchObject({ ruleCode: 'bg-arrivals-test', action: 'test', actionHours: 24 });
    expect((await send('POST', vanTrung, '/api/rules/arrival', { ...res.json(), code: 'x-y-z' })).statusCode).toBe(403);
  });
});

describe('health declarations and the call list', () => {
  const declare = (over: object = {}) => app.inject({
    method: 'POST', url: '/api/declarations',
    payload: { fullName: 'Lê Thị Khai', phone: '0915000001', dateOfBirth: '1995-01-02', sex: 'female', communeCode: '07801', symptoms: [], contactF0: false, visitedOutbreak: false, ...over },
  });

  it('a normal declaration is not on the list; one with a symptom is, first, for its commune only', async () => {
    const normal = await declare();
    expect(normal.statusCode, normal.body).toBe(201);
    expect(normal.json()).toMatchObject({ abnormal: false, reasons: [] });
    const sick = await declare({ symptoms: ['fever', 'cough'] });
    expect(sick.json()).toMatchObject({ abnormal: true, reasons: ['symptom'] });
    const travel = await declare({ fullName: 'Phạm Văn Đi', phone: '0915000002', dateOfBirth: undefined, sex: 'male', travelProvinceCode: '27' });
    expect(travel.json().reasons).toEqual(['travel_epidemic']);
    const list = (await get(vanTrung, '/api/arrivals/calls')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([sick.json().id, travel.json().id]);
    expect(list.items[0]).toMatchObject({ fullName: 'Lê Thị Khai', phone: '0915000001', symptoms: ['fever', 'cough'], callStatus: 'to_call', callAttempts: 0 });
    expect(list.counts).toEqual({ toCall: 2, notReached: 0, done: 0 });
    expect((await get(quangChau, '/api/arrivals/calls')).json().total).toBe(0);
    expect((await get(chot, '/api/arrivals/calls')).statusCode).toBe(403);
    // A known phone and name with another birth date does not open the person.
    expect((await declare({ dateOfBirth: '1990-01-01' })).statusCode).toBe(400);
  });

  it('not reached stays on the list with its attempts; referred to testing leaves it and gives the team a visit; all audited', async () => {
    const list = (await get(vanTrung, '/api/arrivals/calls')).json();
    const id = list.items[0].id as number;
    const first = await send('POST', vanTrung, `/api/arrivals/calls/${id}`, { outcome: 'not_reached', note: 'Không nghe máy' });
    expect(first.json()).toMatchObject({ callStatus: 'not_reached', callAttempts: 1 });
    const still = (await get(vanTrung, '/api/arrivals/calls')).json();
    expect(still.items.find((i: { id: number }) => i.id === id)).toMatchObject({ callStatus: 'not_reached', callAttempts: 1 });
    expect((await send('POST', quangChau, `/api/arrivals/calls/${id}`, { outcome: 'reached' })).statusCode).toBe(403);
    const second = await send('POST', vanTrung, `/api/arrivals/calls/${id}`, { outcome: 'referred', note: 'Hẹn lấy mẫu' });
    expect(second.json()).toMatchObject({ callStatus: 'referred', callAttempts: 2 });
    expect((await get(vanTrung, '/api/arrivals/calls')).json().items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect((await get(vanTrung, '/api/arrivals/calls?view=done')).json().items[0]).toMatchObject({ id, callStatus: 'referred' });
    const attempts = (await get(vanTrung, `/api/arrivals/calls/${id}/attempts`)).json();
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['not_reached', 'referred']);
    const task = await t.db.selectFrom('team_task').selectAll().where('source_kind', '=', 'health_declaration').where('source_id', '=', id).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ kind: 'declaration_visit', commune_code: '07801' });
    expect((await send('POST', vanTrung, `/api/arrivals/calls/${id}`, { outcome: 'reached' })).statusCode).toBe(400);
    const audit = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'health_declaration').where('record_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action).filter((a) => a === 'update')).toHaveLength(2);
  });
});
