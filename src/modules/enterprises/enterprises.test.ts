import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../lib/time.ts';
import type { App } from '../../server/app.ts';
import { createUser } from '../auth/auth.service.ts';
import { traceListed } from '../tracing/tracing.service.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { parseTaxCode, taxCodeFrom } from './enterprises.domain.ts';
import { type WorkerExportRow, writeWorkerSheet } from './enterprises.xlsx.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let viewer: string;
let parkA: number;
let parkB: number;
let entA: number;
let entB: number;
let entUser: string;
let boardA: string;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const req = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const upload = (cookie: string, url: string, file: Buffer) => app.inject({ method: 'POST', url, headers: { cookie, 'content-type': XLSX }, payload: file });
const issuesOf = (body: { error: { details: { issues: Array<{ row?: number; field: string; code: string }> } } }) =>
  body.error.details.issues.map((i) => `${i.row ?? '-'}:${i.field}:${i.code}`);

/** A valid CCCD for a man born in `year` (19xx), with a serial. */
const cccd = (year: number, serial: number) => `0240${String(year % 100).padStart(2, '0')}${String(serial).padStart(6, '0')}`;
const worker = (n: number, over: Partial<WorkerExportRow> = {}): WorkerExportRow => ({
  employeeCode: `NV${String(n).padStart(4, '0')}`, fullName: `Nguyễn Văn Thợ ${String.fromCharCode(65 + (n % 26))}`, sex: 'male', dateOfBirth: '1995-03-15',
  nationalId: cccd(1995, n), phone: `09${String(12_000_000 + n).padStart(8, '0')}`, communeCode: '07801', addressDetail: 'Thôn Trung Đồng',
  workshop: 'Xưởng SMT', shift: 'Ca 1', commuteMode: 'motorbike', busRoute: null, lodging: null, room: null, homeAddress: null,
  employedFrom: '2021-05-01', employedTo: null, ...over,
});
const sheet = (rows: WorkerExportRow[]) => writeWorkerSheet(rows);
const countRows = async (table: 'worker' | 'person' | 'group_membership') =>
  Number((await t.db.selectFrom(table).select(t.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
  viewer = await loginAs(app, 't_viewer');
  const park = async (name: string, commune: string, districtCode: string) =>
    (await t.db.insertInto('org_unit').values({ kind: 'industrial_park', name, province_code: '24', district_code: districtCode, commune_code: commune }).returning('id').executeTakeFirstOrThrow()).id;
  parkA = await park('KCN Vân Trung', '07801', '222');
  parkB = await park('KCN Song Khê', '07558', '219');
  const create = async (body: object) => {
    const res = await req(cdc, 'POST', '/api/enterprises', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  entA = await create({ name: 'Công ty TNHH Điện tử Hanjin Vina', taxCode: taxCodeFrom('240100001'), parkId: parkA, communeCode: '07801', sector: 'electronics', declaredWorkforce: 1200 });
  entB = await create({ name: 'Công ty TNHH May Phúc An', taxCode: taxCodeFrom('240100002'), parkId: parkB, communeCode: '07558', sector: 'garment' });
  await createUser(t.db, { username: 't_ent', password: TEST_PASSWORD, fullName: 'DN A', role: 'enterprise', scopeKind: 'org', scopeCode: String(entA), scopeOrgId: entA, provinceCode: '24' });
  await createUser(t.db, { username: 't_kcn', password: TEST_PASSWORD, fullName: 'BQL KCN A', role: 'park_board', scopeKind: 'org', scopeCode: String(parkA), scopeOrgId: parkA, provinceCode: '24' });
  entUser = await loginAs(app, 't_ent');
  boardA = await loginAs(app, 't_kcn');
  // Structure of A: one workshop, two shifts, a bus route, a dormitory.
  expect((await req(entUser, 'POST', `/api/enterprises/${entA}/workshops`, { name: 'Xưởng SMT' })).statusCode).toBe(201);
  expect((await req(entUser, 'POST', `/api/enterprises/${entA}/shifts`, { name: 'Ca 1', startTime: '06:00', endTime: '14:00' })).statusCode).toBe(201);
  expect((await req(entUser, 'POST', `/api/enterprises/${entA}/shifts`, { name: 'Ca 2', startTime: '14:00', endTime: '22:00' })).statusCode).toBe(201);
  expect((await req(entUser, 'POST', `/api/enterprises/${entA}/bus-routes`, { name: 'Tuyến Lục Nam', vehiclePlate: '98B-123.45', driverName: 'Trần Văn Lái', stops: ['Đồi Ngô', 'Bảo Đài'] })).statusCode).toBe(201);
  const dorm = await req(entUser, 'POST', `/api/enterprises/${entA}/dormitories`, { name: 'KTX Hanjin', communeCode: '07801', rooms: [{ label: 'P101', capacity: 6 }, { label: 'P102', capacity: 6 }] });
  expect(dorm.statusCode, dorm.body).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('tax code (mã số thuế)', () => {
  it('accepts 10 digits with the check digit and 13 as 10-3, rejects a wrong check digit or shape', () => {
    expect(parseTaxCode('0100109106')).toEqual({ ok: true, value: '0100109106' }); // Vietcombank
    expect(parseTaxCode('0100109106-001')).toEqual({ ok: true, value: '0100109106-001' });
    expect(parseTaxCode('0100 109 106 001')).toEqual({ ok: true, value: '0100109106-001' });
    expect(parseTaxCode('0100109105')).toMatchObject({ ok: false, issue: { field: 'taxCode', code: 'INVALID_CHECK_DIGIT' } });
    expect(parseTaxCode('010010910')).toMatchObject({ ok: false, issue: { code: 'INVALID_FORMAT' } });
    expect(parseTaxCode('0100109106-000')).toMatchObject({ ok: false, issue: { code: 'INVALID_FORMAT' } });
    expect(parseTaxCode(taxCodeFrom('240123456')).ok).toBe(true);
  });

  it('is checked and unique when an enterprise is registered', async () => {
    const bad = await req(cdc, 'POST', '/api/enterprises', { name: 'DN sai mã', taxCode: '0100109105', communeCode: '07801' });
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad.json())).toEqual(['-:taxCode:INVALID_CHECK_DIGIT']);
    const dup = await req(cdc, 'POST', '/api/enterprises', { name: 'DN trùng mã', taxCode: taxCodeFrom('240100001'), communeCode: '07801' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', field: 'taxCode' });
  });
});

describe('scope', () => {
  it('an enterprise user sees and edits only its enterprise', async () => {
    const list = await req(entUser, 'GET', '/api/enterprises');
    expect(list.json().items.map((e: { id: number }) => e.id)).toEqual([entA]);
    expect((await req(entUser, 'GET', `/api/enterprises/${entB}`)).statusCode).toBe(403);
    expect((await req(entUser, 'GET', `/api/enterprises/${entB}/workers`)).statusCode).toBe(403);
    expect((await req(entUser, 'POST', `/api/enterprises/${entB}/confirm-list`)).statusCode).toBe(403);
    expect((await req(entUser, 'POST', `/api/enterprises/${entB}/workshops`, { name: 'X' })).statusCode).toBe(403);
    expect((await upload(entUser, `/api/enterprises/${entB}/workers/import?dryRun=true`, await sheet([worker(1)]))).statusCode).toBe(403);
    expect((await req(entUser, 'POST', '/api/enterprises', { name: 'DN mới', taxCode: taxCodeFrom('240100009'), communeCode: '07801' })).statusCode).toBe(403);
  });

  it('the park board sees the enterprises of its park, read only; district health its area; a viewer none', async () => {
    const list = await req(boardA, 'GET', '/api/enterprises');
    expect(list.json().items.map((e: { id: number }) => e.id)).toEqual([entA]);
    expect((await req(boardA, 'GET', `/api/enterprises/${entA}`)).statusCode).toBe(200);
    expect((await req(boardA, 'GET', `/api/enterprises/${entB}`)).statusCode).toBe(403);
    expect((await req(boardA, 'POST', `/api/enterprises/${entA}/confirm-list`)).statusCode).toBe(403);
    expect((await req(boardA, 'GET', '/api/enterprises/parks')).json().map((p: { id: number }) => p.id)).toEqual([parkA]);
    // Việt Yên (222) holds park A's enterprise only.
    expect((await req(district, 'GET', '/api/enterprises')).json().items.map((e: { id: number }) => e.id)).toEqual([entA]);
    expect((await req(district, 'POST', `/api/enterprises/${entA}/workshops`, { name: 'Y' })).statusCode).toBe(403);
    expect((await req(viewer, 'GET', '/api/enterprises')).statusCode).toBe(403);
  });
});

describe('worker list import', () => {
  it('reports every bad row by row and field and writes nothing', async () => {
    const before = await Promise.all([countRows('worker'), countRows('person'), countRows('group_membership')]);
    const file = await sheet([
      worker(1),
      worker(2, { fullName: '' }),
      worker(3, { employedFrom: '2021-02-30' }),
      worker(4, { workshop: 'Xưởng Không Có' }),
      worker(5, { employeeCode: 'NV0001' }),
      worker(6, { phone: '12345' }),
      worker(7, { nationalId: '12345' }),
      worker(8, { commuteMode: 'bus' }),
    ]);
    // The writer turns the invalid ISO date into text as given; overwrite it as a user would type it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    wb.worksheets[0]!.getCell('P4').value = '30/02/2021';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    for (const dryRun of [true, false]) {
      const res = await upload(entUser, `/api/enterprises/${entA}/workers/import?dryRun=${dryRun}`, bad);
      expect(res.statusCode).toBe(400);
      expect(issuesOf(res.json())).toEqual([
        '3:fullName:REQUIRED',
        '4:employedFrom:INVALID_DATE',
        '5:workshop:UNKNOWN_WORKSHOP',
        '6:employeeCode:DUPLICATE_IN_FILE',
        '7:phone:INVALID_FORMAT',
        '8:nationalId:INVALID_FORMAT',
        '9:busRoute:REQUIRED',
      ]);
      expect(res.json().error.message.vi).toMatch(/^Dòng 3: Họ và tên/);
    }
    expect(await Promise.all([countRows('worker'), countRows('person'), countRows('group_membership')])).toEqual(before);
    const report = await upload(entUser, `/api/enterprises/${entA}/workers/import/report.xlsx`, bad);
    expect(report.statusCode).toBe(200);
    const rwb = new ExcelJS.Workbook();
    await rwb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = rwb.worksheets[0]!;
    expect(ws.rowCount).toBe(8);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['Dòng / Row', 'Cột / Column', 'Mã lỗi / Code', 'Lỗi / Error (vi)', 'Error (en)']);
    // Sorted by row; the column as the sheet names it, not the field's key.
    const last = (ws.getRow(8).values as unknown[]).slice(1);
    expect(last.slice(0, 3)).toEqual([9, 'Tuyến xe đưa đón / Bus route', 'REQUIRED']);
    expect(last.slice(3)).toEqual(['Tuyến xe đưa đón: bắt buộc khi đi xe đưa đón', expect.stringMatching(/bus route/i)]);
  });

  it('previews, commits, re-imports unchanged, and updates a changed row in place', async () => {
    // One of them is already in the register (matched by ID number, not created again).
    const known = await req(cdc, 'POST', '/api/people', { fullName: 'Nguyễn Văn Thợ D', sex: 'Nam', dateOfBirth: '1995-03-15', nationalId: cccd(1995, 3), communeCode: '07801' });
    expect(known.statusCode, known.body).toBe(201);
    const rows = [
      worker(1),
      worker(2, { commuteMode: 'bus', busRoute: 'Tuyến Lục Nam' }),
      worker(3, { commuteMode: 'dormitory', lodging: 'KTX Hanjin', room: 'P101' }),
    ];
    const people = await countRows('person');
    const preview = await upload(entUser, `/api/enterprises/${entA}/workers/import?dryRun=true`, await sheet(rows));
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, total: 3, created: 3, updated: 0, unchanged: 0 });
    expect(preview.json().rows.find((r: { row: number }) => r.row === 4)).toMatchObject({ status: 'create', existingPerson: true });
    expect(await countRows('worker')).toBe(0);

    const commit = await upload(entUser, `/api/enterprises/${entA}/workers/import?changeDate=2021-05-01`, await sheet(rows));
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0 });
    expect(await countRows('person')).toBe(people + 2);
    expect(await countRows('worker')).toBe(3);
    const memberships = await countRows('group_membership');
    const audit = await t.db.selectFrom('audit_log').select(['username', 'detail']).where('action', '=', 'import').where('record_kind', '=', 'enterprise').where('record_id', '=', String(entA)).executeTakeFirstOrThrow();
    expect(audit.username).toBe('t_ent');
    expect((audit.detail as { created: Array<[number, string]> }).created.map(([, code]) => code)).toEqual(['NV0001', 'NV0002', 'NV0003']);
    const detail = (await req(entUser, 'GET', `/api/enterprises/${entA}`)).json();
    expect(detail.stale).toBe(false);
    expect(detail.listConfirmedAt).not.toBeNull();

    const again = await upload(entUser, `/api/enterprises/${entA}/workers/import`, await sheet(rows));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect([await countRows('worker'), await countRows('person'), await countRows('group_membership')]).toEqual([3, people + 2, memberships]);

    rows[0] = worker(1, { shift: 'Ca 2', phone: '0987654321' });
    const changed = await upload(entUser, `/api/enterprises/${entA}/workers/import?changeDate=2021-05-20`, await sheet(rows));
    expect(changed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(changed.json().rows[0]).toMatchObject({ row: 2, status: 'update', changed: ['phone', 'shift'] });
    expect(await countRows('worker')).toBe(3);
    const list = (await req(entUser, 'GET', `/api/enterprises/${entA}/workers?q=NV0001`)).json();
    expect(list.items[0]).toMatchObject({ shiftName: 'Ca 2', phone: '0987654321' });
    const history = (await req(entUser, 'GET', `/api/enterprises/${entA}/workers/${list.items[0].id}`)).json().history;
    expect(history.filter((h: { kind: string }) => h.kind === 'workshop_shift').map((h: { label: string; validFrom: string; validTo: string | null }) => [h.label.slice(0, 18), h.validFrom, h.validTo])).toEqual([
      ['Xưởng SMT – Ca 2 (', '2021-05-20', null],
      ['Xưởng SMT – Ca 1 (', '2021-05-01', '2021-05-19'],
    ]);
    // A change dated before the current interval began is refused, the file whole.
    rows[0] = worker(1, { shift: 'Ca 1', phone: '0987654321' });
    const early = await upload(entUser, `/api/enterprises/${entA}/workers/import?changeDate=2021-05-10`, await sheet(rows));
    expect(issuesOf(early.json())).toEqual(['2:changeDate:BEFORE_CURRENT']);
  });
});

describe('membership intervals and tracing', () => {
  it('a case in the old shift before the change date links the moved worker, one after does not', async () => {
    const rows = [worker(101), worker(102), worker(103), worker(104)];
    expect((await upload(cdc, `/api/enterprises/${entA}/workers/import`, await sheet(rows))).statusCode).toBe(200);
    const list = (await req(cdc, 'GET', `/api/enterprises/${entA}/workers?q=NV01&pageSize=50`)).json().items as Array<{ id: number; personId: number; employeeCode: string; shiftId: number }>;
    const byCode = new Map(list.map((w) => [w.employeeCode, w]));
    const moved = byCode.get('NV0101')!;
    const shifts = (await req(cdc, 'GET', `/api/enterprises/${entA}/structure`)).json().shifts as Array<{ id: number; name: string }>;
    const current = (await req(cdc, 'GET', `/api/enterprises/${entA}/workers/${moved.id}`)).json();
    const put = await req(cdc, 'PUT', `/api/enterprises/${entA}/workers/${moved.id}`, {
      ...current, nationalId: current.nationalId, dateOfBirth: current.dateOfBirth, shiftId: shifts.find((s) => s.name === 'Ca 2')!.id, changeDate: '2021-05-20',
      workshopId: current.workshopId, busRouteId: null, roomId: null,
    });
    expect(put.statusCode, put.body).toBe(200);
    // Two co-workers who stay in Ca 1 fall ill: one infectious before the move, one after.
    const person = async (code: string) => byCode.get(code)!.personId;
    const aCase = async (code: string, onset: string, confirmation: string) => t.db.insertInto('covid_case').values({
      case_code: `BN-${code}`, person_id: await person(code), province_code: '24', district_code: '222', commune_code: '07801',
      onset_date: onset, sample_date: confirmation, confirmation_date: confirmation, isolation_date: null,
      detection: 'enterprise_screening', classification: 'community', status: 'isolated',
    }).execute();
    await aCase('NV0102', '2021-05-15', '2021-05-16');
    await aCase('NV0103', '2021-05-25', '2021-05-26');
    const early = await traceListed(t.db, '24', [await person('NV0102')], { asOf: '2021-05-17', depth: 1 });
    const f1Early = early.people.filter((p) => p.level === 1);
    expect(f1Early.map((p) => p.personId)).toContain(moved.personId);
    expect(f1Early.find((p) => p.personId === moved.personId)!.source).toMatchObject({ kind: 'workshop_shift' });
    const late = await traceListed(t.db, '24', [await person('NV0103')], { asOf: '2021-05-27', depth: 1 });
    const f1Late = late.people.filter((p) => p.level === 1).map((p) => p.personId);
    expect(f1Late).toContain(await person('NV0104'));
    expect(f1Late).not.toContain(moved.personId);
  });
});

describe('freshness', () => {
  it('lists enterprises whose list is older than N days; confirming takes one off', async () => {
    await t.db.updateTable('enterprise_profile').set({ list_confirmed_at: new Date(Date.now() - 10 * 86_400_000) }).where('org_unit_id', '=', entA).execute();
    const stale = await req(cdc, 'GET', '/api/enterprises/stale?days=7');
    expect(stale.json().items.map((e: { id: number }) => e.id)).toEqual([entB, entA]);
    expect(stale.json().items[1]).toMatchObject({ stale: true, daysSinceConfirmed: 10 });
    expect((await req(cdc, 'GET', '/api/enterprises/stale?days=14')).json().items.map((e: { id: number }) => e.id)).toEqual([entB]);
    expect((await req(boardA, 'GET', '/api/enterprises/stale')).json().items.map((e: { id: number }) => e.id)).toEqual([entA]);
    expect((await req(cdc, 'GET', '/api/enterprises?stale=true')).json().total).toBe(2);
    const confirmed = await req(entUser, 'POST', `/api/enterprises/${entA}/confirm-list`);
    expect(confirmed.json()).toMatchObject({ stale: false, daysSinceConfirmed: 0 });
    expect((await req(cdc, 'GET', '/api/enterprises/stale')).json().items.map((e: { id: number }) => e.id)).toEqual([entB]);
  });

  it('changes the operating status with a date and reason, kept as history and audited', async () => {
    const today = vnDate();
    const res = await req(cdc, 'POST', `/api/enterprises/${entA}/status`, { status: 'on_site', effectiveDate: today, reason: 'Phương án 3 tại chỗ được duyệt' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ operatingStatus: 'on_site', statusSince: today });
    expect(res.json().statusHistory.map((h: { status: string }) => h.status)).toEqual(['on_site', 'operating']);
    expect(res.json().statusHistory[0]).toMatchObject({ effectiveDate: today, reason: 'Phương án 3 tại chỗ được duyệt' });
    const noReason = await req(cdc, 'POST', `/api/enterprises/${entA}/status`, { status: 'operating', effectiveDate: today, reason: ' ' });
    expect(issuesOf(noReason.json())).toEqual(['-:reason:REQUIRED']);
    const before = await req(cdc, 'POST', `/api/enterprises/${entA}/status`, { status: 'operating', effectiveDate: '2021-05-20', reason: 'Mở lại' });
    expect(issuesOf(before.json())).toEqual(['-:effectiveDate:BEFORE_CURRENT']);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('record_kind', '=', 'enterprise').where('record_id', '=', String(entA)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ operatingStatus: { after: 'on_site' } });
  });

  it('gives a template with the enterprise\'s lists and a drop-down of commute modes', async () => {
    const res = await req(entUser, 'GET', `/api/enterprises/${entA}/workers/template.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [list, catalogue] = [wb.getWorksheet('Danh sách công nhân')!, wb.getWorksheet('Danh mục')!];
    expect(String(list.getCell('K1').value)).toBe('Phương tiện đi làm / Commute');
    expect(list.getCell('K2').dataValidation).toMatchObject({ type: 'list', formulae: ["'Danh mục'!$A$2:$A$6"] });
    expect([2, 3, 4, 5, 6].map((r) => catalogue.getCell(r, 1).value)).toEqual(['Xe máy', 'Xe đưa đón', 'Nhà trọ', 'Ký túc xá', 'Khác']);
    expect(catalogue.getCell(2, 3).value).toBe('Xưởng SMT');
    expect([catalogue.getCell(2, 4).value, catalogue.getCell(3, 4).value]).toEqual(['Ca 1', 'Ca 2']);
  });

  it('exports the worker list masked per role', async () => {
    const res = await req(boardA, 'GET', `/api/enterprises/${entA}/workers/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('E1').value)).toBe('Số CCCD/CMND / ID number');
    expect(String(ws.getCell('E2').value)).toMatch(/^\*{8}\d{4}$/);
  });
});
