/**
 * Personal data (issue 10, part 1): the ID number, phone and street address of a person are masked
 * for the roles that do their job without them, in the API's lists and in the XLSX exports
 * (people, cases, an enterprise's workers), as the policy's `maskedFieldsFor` says; reads of
 * people are audited.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, maskedFieldsFor, type Permission, type PersonalField, permissionsOf, type Role } from '../modules/auth/policy.ts';
import { ACCESS_ACTORS, loginAccessActors, seedAccessActors } from '../test/access-fixtures.ts';
import { buildTestApp } from '../test/fixtures.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import type { App } from './app.ts';

let t: TestDb;
let app: App;
let cookies: Record<string, string>;
let enterpriseId: number;
let personId: number;
let caseId: number;
let workerId: number;

const PERSON = { nationalId: '024195000123', phone: '0912345678', addressDetail: 'Số 17 ngõ Hoa Sữa, thôn Trung Đồng' };
const FIELDS: Array<[PersonalField, string]> = [['nationalId', PERSON.nationalId], ['phone', PERSON.phone], ['addressDetail', PERSON.addressDetail]];

const get = (label: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[label]! } });
const masked = (role: Role) => new Set(maskedFieldsFor({ role } as Actor));

async function sheetText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { out.push(c.text); })));
  return out.join('\n');
}

/** Every personal field is shown in full unless the role masks it, then it appears nowhere in full. */
function expectMasking(text: string, role: Role, where: string) {
  for (const [field, value] of FIELDS) {
    if (masked(role).has(field)) expect(text, `${where} as ${role}: ${field} masked`).not.toContain(value);
    else expect(text, `${where} as ${role}: ${field} shown`).toContain(value);
  }
}

beforeAll(async () => {
  t = await createTestDb();
  const orgs = await seedAccessActors(t.db);
  enterpriseId = orgs.enterprise!;
  // The enterprise lies in the park board's industrial park: the board reads its workers, masked.
  await t.db.updateTable('org_unit').set({ parent_id: orgs.industrial_park! }).where('id', '=', enterpriseId).execute();
  app = await buildTestApp(t.db);
  cookies = await loginAccessActors(app);
  // The enterprise registers a worker; the register gets the person; CDC confirms them as a case.
  const w = await app.inject({
    method: 'POST', url: `/api/enterprises/${enterpriseId}/workers`, headers: { cookie: cookies.enterprise! },
    payload: { employeeCode: 'NV0001', fullName: 'Nguyễn Thị Riêng Tư', sex: 'female', dateOfBirth: '1995-03-15', communeCode: '07801', commuteMode: 'motorbike', employedFrom: '2021-05-01', ...PERSON },
  });
  expect(w.statusCode, w.body).toBe(201);
  workerId = w.json().id;
  personId = w.json().personId;
  const c = await app.inject({
    method: 'POST', url: '/api/cases', headers: { cookie: cookies.cdc! },
    payload: { personId, onsetDate: '2021-05-10', sampleDate: '2021-05-12', confirmationDate: '2021-05-13', isolationDate: '2021-05-12', detection: 'community', classification: 'community' },
  });
  expect(c.statusCode, c.body).toBe(201);
  caseId = c.json().id;
}, 300_000);
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const holders = (permission: Permission) => ACCESS_ACTORS.filter((a) => permissionsOf(a.role).includes(permission));

describe('masking of personal fields per role', () => {
  it('in the register list and the register export', async () => {
    const readers = holders('person:read').filter((a) => a.scopeKind !== 'org' || a.role === 'enterprise');
    expect(readers.length).toBeGreaterThan(4);
    for (const a of readers) {
      const res = await get(a.label, '/api/people?communeCode=07801&pageSize=100');
      expect(res.statusCode, `${a.label} ${res.body}`).toBe(200);
      expect(res.json().items.some((p: { id: number }) => p.id === personId), a.label).toBe(true);
      expectMasking(res.body, a.role, 'GET /api/people');
    }
    for (const a of holders('person:export').filter((x) => x.scopeKind !== 'org' || x.role === 'enterprise')) {
      const res = await get(a.label, '/api/people/export.xlsx?communeCode=07801');
      expect(res.statusCode, `${a.label} ${res.body}`).toBe(200);
      const text = await sheetText(res.rawPayload);
      expect(text).toContain('Nguyễn Thị Riêng Tư');
      expectMasking(text, a.role, 'people export');
    }
  });

  it('in the case list, the case detail and the case export', async () => {
    const readers = holders('case:read');
    expect(readers.map((a) => a.role)).toContain('community_team');
    for (const a of readers) {
      const list = await get(a.label, '/api/cases?pageSize=100');
      expect(list.statusCode, `${a.label} ${list.body}`).toBe(200);
      expect(list.body).toContain('Nguyễn Thị Riêng Tư');
      for (const [field, value] of FIELDS.filter(([f]) => f !== 'addressDetail')) {
        if (masked(a.role).has(field)) expect(list.body, `${a.label} ${field}`).not.toContain(value);
      }
      const one = await get(a.label, `/api/cases/${caseId}`);
      expect(one.statusCode).toBe(200);
      for (const [field, value] of FIELDS) if (masked(a.role).has(field)) expect(one.body, `${a.label} case ${field}`).not.toContain(value);
    }
    for (const a of holders('case:export')) {
      const res = await get(a.label, '/api/cases/export');
      expect(res.statusCode, `${a.label} ${res.body}`).toBe(200);
      const text = await sheetText(res.rawPayload);
      expect(text).toContain('Nguyễn Thị Riêng Tư');
      for (const [field, value] of FIELDS) if (masked(a.role).has(field)) expect(text, `${a.label} export ${field}`).not.toContain(value);
    }
  });

  it('in an enterprise\'s worker list and worker export', async () => {
    const readers = holders('enterprise:read');
    expect(readers.map((a) => a.role)).toEqual(expect.arrayContaining(['enterprise', 'park_board', 'district_health']));
    for (const a of readers) {
      const list = await get(a.label, `/api/enterprises/${enterpriseId}/workers`);
      expect(list.statusCode, `${a.label} ${list.body}`).toBe(200);
      expect(list.body).toContain('Nguyễn Thị Riêng Tư');
      expectMasking(list.body, a.role, 'worker list');
      const xlsx = await get(a.label, `/api/enterprises/${enterpriseId}/workers/export.xlsx`);
      expect(xlsx.statusCode).toBe(200);
      expectMasking(await sheetText(xlsx.rawPayload), a.role, 'worker export');
    }
  });

  it('masks for the roles outside the health side (the policy the tests above hold the API to)', () => {
    for (const r of ['viewer', 'checkpoint', 'facility_staff', 'steering_office', 'agency_officer', 'venue_staff'] as const) {
      expect(masked(r).has('nationalId') && masked(r).has('phone') && masked(r).has('addressDetail'), r).toBe(true);
    }
    expect(masked('community_team').has('nationalId')).toBe(true);
  });
});

describe('audit of reads of people', () => {
  const audits = async (userLabel: string) =>
    t.db.selectFrom('audit_log').select(['action', 'record_kind', 'record_id', 'detail']).where('username', '=', `a_${userLabel}`).orderBy('id').execute();

  it('records who read which person: one person, a list, a case, a worker, an export', async () => {
    const before = (await audits('district')).length;
    expect((await get('district', `/api/people/${personId}`)).statusCode).toBe(200);
    expect((await get('district', '/api/people?communeCode=07801')).statusCode).toBe(200);
    expect((await get('district', `/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await get('district', `/api/enterprises/${enterpriseId}/workers`)).statusCode).toBe(200);
    expect((await get('district', `/api/enterprises/${enterpriseId}/workers/${workerId}`)).statusCode).toBe(200);
    expect((await get('district', '/api/people/export.xlsx?communeCode=07801')).statusCode).toBe(200);
    const rows = (await audits('district')).slice(before);
    expect(rows.map((r) => `${r.action} ${r.record_kind}`)).toEqual([
      'read person', 'list person', 'read case', 'list worker', 'read worker', 'export person',
    ]);
    expect(rows[0]!.record_id).toBe(String(personId));
    expect(rows[1]!.detail).toMatchObject({ ids: expect.arrayContaining([personId]) });
    expect(rows[2]!.detail).toMatchObject({ personId });
    expect(rows[3]!.detail).toMatchObject({ people: [personId] });
    expect(rows[4]!.detail).toMatchObject({ personId });
  });
});
