import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { createUser } from '../auth/auth.service.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { taxCodeFrom } from './enterprises.domain.ts';

/**
 * A demo-like enterprise: the F0 (w1) works in workshop SMT shift 1, rides bus route A and sleeps
 * in dormitory room P101; w2 shares the workshop shift, w3 the bus, w4 the room; w5 works shift 2
 * with w3 and w4 (an F2); w6 nobody. Day D is 10/06/2021.
 */
const D = '2021-06-10';
const NAMES: Record<string, string> = { w1: 'An', w2: 'Bình', w3: 'Cường', w4: 'Dũng', w5: 'Giang', w6: 'Hải' };
let t: TestDb;
let app: App;
let cdc: string;
let entUser: string;
let otherUser: string;
let entA: number;
let entB: number;
const w: Record<string, { id: number; personId: number }> = {};
let caseId: number;

const req = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  const create = async (name: string, n: string) => {
    const res = await req(cdc, 'POST', '/api/enterprises', { name, taxCode: taxCodeFrom(n), communeCode: '07801' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  entA = await create('Công ty TNHH Điện tử Fuhong', '240200001');
  entB = await create('Công ty TNHH May Lục Ngạn', '240200002');
  await createUser(t.db, { username: 'w_ent', password: TEST_PASSWORD, fullName: 'DN A', role: 'enterprise', scopeKind: 'org', scopeCode: String(entA), scopeOrgId: entA, provinceCode: '24' });
  await createUser(t.db, { username: 'w_entb', password: TEST_PASSWORD, fullName: 'DN B', role: 'enterprise', scopeKind: 'org', scopeCode: String(entB), scopeOrgId: entB, provinceCode: '24' });
  entUser = await loginAs(app, 'w_ent');
  otherUser = await loginAs(app, 'w_entb');
  const post = async (url: string, body: object) => {
    const res = await req(entUser, 'POST', `/api/enterprises/${entA}/${url}`, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const workshop = (await post('workshops', { name: 'Xưởng SMT' })).id as number;
  const s1 = (await post('shifts', { name: 'Ca 1', startTime: '06:00', endTime: '14:00' })).id as number;
  const s2 = (await post('shifts', { name: 'Ca 2', startTime: '14:00', endTime: '22:00' })).id as number;
  await post('bus-routes', { name: 'Tuyến Lục Nam', stops: ['Đồi Ngô'] });
  await post('dormitories', { name: 'KTX Fuhong', communeCode: '07801', rooms: [{ label: 'P101', capacity: 6 }] });
  const structure = (await req(entUser, 'GET', `/api/enterprises/${entA}/structure`)).json();
  const bus = structure.busRoutes[0].id as number;
  const room = structure.dormitories[0].rooms[0].id as number;
  const add = async (key: string, n: number, shiftId: number, over: object) => {
    const body = {
      employeeCode: `FH${n}`, fullName: `Nguyễn Văn ${NAMES[key]}`, sex: 'male', dateOfBirth: '1995-03-15', nationalId: `0240950000${String(n).padStart(2, '0')}`,
      phone: `091200000${n}`, communeCode: '07801', commuteMode: 'motorbike', workshopId: workshop, shiftId, employedFrom: '2021-05-01', changeDate: '2021-05-01', ...over,
    };
    const res = await req(entUser, 'POST', `/api/enterprises/${entA}/workers`, body);
    expect(res.statusCode, res.body).toBe(201);
    w[key] = { id: res.json().id, personId: res.json().personId };
  };
  await add('w1', 1, s1, { commuteMode: 'bus', busRouteId: bus, roomId: room });
  await add('w2', 2, s1, {});
  await add('w3', 3, s2, { commuteMode: 'bus', busRouteId: bus });
  await add('w4', 4, s2, { commuteMode: 'dormitory', roomId: room });
  await add('w5', 5, s2, {});
  await add('w6', 6, s2, {});
  // The enterprises were registered today: their first status is dated back to the wave.
  await t.db.updateTable('enterprise_status_event').set({ effective_date: '2021-05-01' }).execute();
  await t.db.updateTable('enterprise_profile').set({ status_since: '2021-05-01' }).execute();
  caseId = (await t.db.insertInto('covid_case').values({
    case_code: 'BN9001', person_id: w.w1!.personId, province_code: '24', district_code: '222', commune_code: '07801', sample_date: '2021-06-07',
    confirmation_date: '2021-06-08', detection: 'enterprise_screening', classification: 'community', status: 'isolated',
  }).returning('id').executeTakeFirstOrThrow()).id;
  const order = (p: number, subject: 'f1' | 'f2', risk: 'high' | 'low' | null) => ({ province_code: '24', person_id: p, kind: 'centralized' as const, start_date: '2021-06-09', subject, risk_group: risk });
  await t.db.insertInto('quarantine_order').values([order(w.w2!.personId, 'f1', 'high'), order(w.w3!.personId, 'f1', 'low'), order(w.w4!.personId, 'f2', null)]).execute();
  await t.db.insertInto('sample').values({ province_code: '24', person_id: w.w5!.personId, method: 'rt_pcr', purpose: 'screening', taken_on: '2021-06-09' }).execute();
  await t.db.insertInto('vaccine_dose').values([1, 2].map((n) => ({ province_code: '24', commune_code: '07801', person_id: w.w3!.personId, dose_number: n, product_code: 'astrazeneca', dose_date: n === 1 ? '2021-03-20' : '2021-05-15' }))).execute();
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const reasons = async (cookie: string, query = '&pageSize=50') => {
  const res = await req(cookie, 'GET', `/api/enterprises/${entA}/work-status?date=${D}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const byCode = Object.fromEntries(body.items.map((i: { employeeCode: string; mayWork: boolean; reason: string }) => [i.employeeCode, `${i.mayWork ? 'yes' : 'no'}:${i.reason}`]));
  return { body, byCode };
};

describe('who may work today', () => {
  it('applies the pilot rule to each worker of the day, with counts per shift', async () => {
    const { body, byCode } = await reasons(entUser);
    expect(body.ruleCode).toBe('bg-2021-3tc');
    expect(byCode).toEqual({ FH1: 'no:case', FH2: 'no:f1', FH3: 'no:f1', FH4: 'yes:f2', FH5: 'no:awaiting_test', FH6: 'yes:none' });
    expect(body.shifts.map((s: { shiftName: string; total: number; mayWork: number }) => `${s.shiftName}:${s.total}:${s.mayWork}`)).toEqual(['Ca 1:2:0', 'Ca 2:4:2']);
  });

  it('lists one shift, pages and filters who may not work', async () => {
    const shift2 = (await reasons(entUser)).body.shifts[1].shiftId as number;
    const { body } = await reasons(entUser, `&shiftId=${shift2}&mayWork=false&pageSize=1`);
    expect(body.total).toBe(2);
    expect(body.items.map((i: { employeeCode: string }) => i.employeeCode)).toEqual(['FH3']);
  });

  it('lets a low-risk vaccinated F1 work once the enterprise runs "3 tại chỗ"', async () => {
    const res = await req(cdc, 'POST', `/api/enterprises/${entA}/status`, { status: 'on_site', effectiveDate: '2021-06-09', reason: 'Phương án 3 tại chỗ được duyệt' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await reasons(entUser)).byCode.FH3).toBe('yes:f1_on_site');
    // The day before the change the rule still kept them home.
    const before = await req(entUser, 'GET', `/api/enterprises/${entA}/workers/${w.w3!.id}/work-status?date=2021-06-08`);
    expect(before.json()).toMatchObject({ date: '2021-06-08', mayWork: true, reason: 'none' });
    const detail = await req(entUser, 'GET', `/api/enterprises/${entA}/workers/${w.w3!.id}/work-status?date=${D}`);
    expect(detail.json()).toMatchObject({ mayWork: true, reason: 'f1_on_site', since: '2021-06-09' });
  });

  it('exports the day\'s list as XLSX', async () => {
    const res = await req(entUser, 'GET', `/api/enterprises/${entA}/work-status/export.xlsx?date=${D}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2 + 6);
    expect(ws.getRow(3).getCell(1).value).toBe('FH1');
    expect(ws.getRow(3).getCell(6).value).toBe('Không');
  });

  it('refuses another enterprise\'s user (403)', async () => {
    expect((await req(otherUser, 'GET', `/api/enterprises/${entA}/work-status?date=${D}`)).statusCode).toBe(403);
    expect((await req(otherUser, 'GET', `/api/enterprises/${entA}/f0?date=${D}`)).statusCode).toBe(403);
    expect((await req(otherUser, 'PUT', `/api/enterprises/${entA}/f0/${caseId}/checklist/disinfect`, { done: true })).statusCode).toBe(403);
  });
});

describe('the F0 view', () => {
  it('groups the F0\'s traced contacts by how they met, with F1 and F2', async () => {
    const res = await req(entUser, 'GET', `/api/enterprises/${entA}/f0?date=${D}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.traced).toBe(true);
    expect(body.cases).toHaveLength(1);
    const c = body.cases[0];
    expect(c).toMatchObject({ caseCode: 'BN9001', employeeCode: 'FH1', workshopName: 'Xưởng SMT', shiftName: 'Ca 1', busRouteName: 'Tuyến Lục Nam', roomLabel: 'P101' });
    const groups = Object.fromEntries(c.groups.map((g: { kind: string; contacts: Array<{ fullName: string; level: number }> }) => [g.kind, g.contacts.map((x) => `${x.fullName.split(' ').at(-1)}:F${x.level}`)]));
    expect(groups.workshop_shift).toEqual(['Bình:F1']);
    expect(groups.bus_route?.[0]).toBe('Cường:F1');
    expect(groups.room?.[0]).toBe('Dũng:F1');
    // w5 shares shift 2 with w3 and w4: an F2 under whichever of them tracing took as source.
    const f2 = [...(groups.bus_route ?? []), ...(groups.room ?? [])].filter((x: string) => x.endsWith('F2'));
    expect(f2).toContain('Giang:F2');
    expect(c.groups[0].kind).toBe('workshop_shift');
  });

  it('keeps the checklist per F0 event: ticks with who and when, audited, with progress', async () => {
    const put = (item: string, body: object, cookie = entUser) => req(cookie, 'PUT', `/api/enterprises/${entA}/f0/${caseId}/checklist/${item}`, body);
    const r1 = await put('lock_workshop', { done: true, note: 'Khoá xưởng SMT từ 8h', doneOn: '2021-06-08' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json().done).toBe(1);
    const r2 = await put('disinfect', { done: true });
    expect(r2.json()).toMatchObject({ done: 2, total: 7 });
    const lock = r2.json().items.find((i: { key: string }) => i.key === 'lock_workshop');
    expect(lock).toMatchObject({ done: true, note: 'Khoá xưởng SMT từ 8h', doneOn: '2021-06-08', updatedBy: 'w_ent' });
    const r3 = await put('disinfect', { done: false, note: 'Làm lại' });
    expect(r3.json().done).toBe(1);
    expect((await put('no_such_item', { done: true })).statusCode).toBe(400);
    expect((await put('screen_workshop', { done: true, doneOn: '2021-06-01' })).statusCode).toBe(400);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('record_kind', '=', 'enterprise_f0_check').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'update']);
    expect((audit[2]!.detail as { before: { done: boolean } }).before.done).toBe(true);
    const view = (await req(cdc, 'GET', `/api/enterprises/${entA}/f0?date=${D}`)).json();
    expect(view.cases[0].checklist).toMatchObject({ done: 1, total: 7, ruleCode: 'bg-2021-3tc' });
  });

  it('shows no case outside the window', async () => {
    const body = (await req(entUser, 'GET', `/api/enterprises/${entA}/f0?date=2021-06-01`)).json();
    expect(body.cases).toEqual([]);
  });
});

describe('work-status rule versions', () => {
  it('lists the built-in pilot and takes a province version that changes the list', async () => {
    const list = (await req(cdc, 'GET', '/api/rules')).json();
    expect(list.workStatus.map((v: { code: string; source: string }) => `${v.code}:${v.source}`)).toEqual(['bg-2021-3tc:built_in']);
    const admin = await loginAs(app, 't_admin');
    const bad = await req(admin, 'POST', '/api/rules/work-status', { code: 'bg-2021-f2', document: 'CV 99', name: { vi: 'x', en: 'y' }, effectiveFrom: '2021-06-10', f1LowRiskVaccinatedMayWork: true, f2MayWork: false, awaitingTestMayWork: true, f2TestEveryDays: 0 });
    expect(bad.statusCode).toBe(400);
    const res = await req(admin, 'POST', '/api/rules/work-status', { code: 'bg-2021-f2', document: 'CV 99', name: { vi: 'x', en: 'y' }, effectiveFrom: '2021-06-10', f1LowRiskVaccinatedMayWork: true, f2MayWork: false, awaitingTestMayWork: true });
    expect(res.statusCode, res.body).toBe(201);
    const { body, byCode } = await reasons(entUser);
    expect(body.ruleCode).toBe('bg-2021-f2');
    expect(byCode.FH4).toBe('no:f2');
    expect(byCode.FH5).toBe('yes:awaiting_test');
  });
});
