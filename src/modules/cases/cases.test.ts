import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { App } from '../../server/app.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { type CaseWritten, onCaseWritten } from './case-events.ts';
import { normaliseCaseCode, statusChangeIssues, validateCase } from './cases.domain.ts';

let t: TestDb;
let app: App;
let cdc: string;
let vanTrung: string;
let quangChau: string;
let team: string;
let viewer: string;
const heard: CaseWritten[] = [];
const people: Record<string, number> = {};
let treatmentFacility: number;
let enterprise: number;

async function addPerson(key: string, fullName: string, communeCode: string, extra: { national_id?: string; phone?: string } = {}) {
  const r = await t.db
    .insertInto('person')
    .values({
      province_code: '24', district_code: communeCode === '07201' ? '213' : '222', commune_code: communeCode, full_name: fullName,
      name_search: fullName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase(),
      sex: 'female', date_of_birth: '1990-03-15', address_detail: 'Thôn Trung Đồng', ...extra,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  people[key] = r.id;
}

async function addOrg(kind: string, name: string) {
  const r = await t.db
    .insertInto('org_unit')
    .values({ kind, name, province_code: '24', district_code: '222', commune_code: '07801', attrs: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  // What tracing does on a confirmation: record a run triggered by the case.
  onCaseWritten(t.db, async (db, e) => {
    heard.push(e);
    if (e.kind === 'created') {
      await db
        .insertInto('trace_run')
        .values({ province_code: e.provinceCode, as_of: '2021-05-20', depth: 3, trigger: 'case_confirmed', trigger_case_id: e.caseId, f0_person_ids: [e.personId], counts: '{}' })
        .execute();
    }
  });
  cdc = await loginAs(app, 't_cdc');
  vanTrung = await loginAs(app, 't_vantrung');
  quangChau = await loginAs(app, 't_quangchau');
  team = await loginAs(app, 't_team');
  viewer = await loginAs(app, 't_viewer');
  await addPerson('hoa', 'Nguyễn Thị Hoa', '07801', { national_id: '024190001234', phone: '0912345678' });
  await addPerson('lan', 'Trần Thị Lan', '07801', { national_id: '024190005678' });
  await addPerson('mai', 'Lê Thị Mai', '07807');
  await addPerson('cuc', 'Phạm Thị Cúc', '07201');
  await addPerson('dao', 'Đỗ Thị Đào', '07801', { national_id: '024190009999' });
  await addPerson('an', 'Nguyễn Văn An', '07801', { national_id: '024090001234' });
  treatmentFacility = await addOrg('treatment_facility', 'Bệnh viện dã chiến số 1');
  enterprise = await addOrg('enterprise', 'Công ty TNHH Thử');
  // Existing codes: the next BN number follows the largest one, whatever else is there.
  await t.db
    .insertInto('covid_case')
    .values([
      { case_code: 'BN99', person_id: people.cuc!, province_code: '24', district_code: '213', commune_code: '07201', sample_date: '2021-05-01', confirmation_date: '2021-05-02', detection: 'community', classification: 'community', status: 'recovered' },
      { case_code: 'HN-7', person_id: people.cuc!, province_code: '24', district_code: '213', commune_code: '07201', sample_date: '2021-04-01', confirmation_date: '2021-04-02', detection: 'arrival', classification: 'imported', status: 'recovered' },
    ])
    .execute();
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const valid = {
  onsetDate: '2021-05-10',
  sampleDate: '2021-05-12',
  confirmationDate: '2021-05-13',
  isolationDate: '2021-05-12',
  detection: 'community',
  classification: 'community',
};
const post = (cookie: string, payload: object) => app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload });
const get = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const count = async (table: 'covid_case' | 'case_status_event') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;
const audits = (action: string, recordId: number) =>
  t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'case').where('action', '=', action).where('record_id', '=', String(recordId)).orderBy('id').execute();

describe('case rules (pure)', () => {
  const today = '2021-06-01';
  it('orders the dates: onset and sample not after confirmation, nothing after today', () => {
    const r = validateCase({ ...valid, onsetDate: '2021-05-14', sampleDate: '14/05/2021', isolationDate: '2021-06-02' }, { today });
    expect(r.ok).toBe(false);
    const issues = r.ok ? [] : r.issues;
    expect(issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual(['isolationDate:FUTURE_DATE', 'onsetDate:AFTER_CONFIRMATION', 'sampleDate:AFTER_CONFIRMATION']);
    expect(issues.find((i) => i.field === 'onsetDate')!.message).toEqual({
      vi: 'Ngày khởi phát: không được sau ngày khẳng định',
      en: 'Onset date: cannot be after the confirmation date',
    });
  });

  it('has no rule between isolation and onset, defaults the status and reads Vietnamese labels', () => {
    const r = validateCase({ ...valid, isolationDate: '2021-05-01', detection: 'Sàng lọc doanh nghiệp', classification: 'ca cong dong', status: '' }, { today });
    expect(r).toMatchObject({ ok: true, value: { isolationDate: '2021-05-01', detection: 'enterprise_screening', classification: 'community', status: 'isolated', caseCode: null } });
  });

  it('names the field of a missing or unknown value', () => {
    const r = validateCase({ sampleDate: '2021-02-30', confirmationDate: '2021-05-13', detection: 'ufo', classification: null }, { today });
    const issues = r.ok ? [] : r.issues;
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['sampleDate:INVALID_DATE', 'detection:INVALID', 'classification:REQUIRED']);
  });

  it('normalises case codes and refuses odd ones', () => {
    expect(normaliseCaseCode(' bn 3001 ')).toBe('BN3001');
    expect(normaliseCaseCode('BN 30;01')).toBeNull();
  });

  it('dates a status change on or after the confirmation and the latest step, not in the future', () => {
    const current = { confirmationDate: '2021-05-13', latestEventDate: '2021-05-20' };
    expect(statusChangeIssues(current, { effectiveDate: '2021-05-12' }, today)[0]).toMatchObject({ field: 'effectiveDate', code: 'BEFORE_CONFIRMATION' });
    expect(statusChangeIssues(current, { effectiveDate: '2021-05-19' }, today)[0]).toMatchObject({ code: 'BEFORE_LATEST_EVENT' });
    expect(statusChangeIssues(current, { effectiveDate: '2021-06-02' }, today)[0]).toMatchObject({ code: 'FUTURE_DATE' });
    expect(statusChangeIssues(current, { effectiveDate: '2021-05-20' }, today)).toEqual([]);
  });
});

let hoaCase: number;

describe('confirming a case', () => {
  it('takes the next BN number and the person’s commune, writes the first step, audits, and tells tracing', async () => {
    const before = await count('case_status_event');
    const res = await post(cdc, { ...valid, personId: people.hoa, facilityId: treatmentFacility, foundOrgUnitId: enterprise, foundPlace: 'Cổng công ty' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    hoaCase = body.id;
    expect(body).toMatchObject({
      caseCode: 'BN100', personId: people.hoa, fullName: 'Nguyễn Thị Hoa', communeCode: '07801', communeName: 'Xã Vân Trung',
      districtCode: '222', districtName: 'Huyện Việt Yên', status: 'isolated', facilityName: 'Bệnh viện dã chiến số 1',
      foundOrgUnitId: enterprise, phone: '0912345678', nationalId: '024190001234', dateOfBirth: '1990-03-15', masked: false, clusters: [],
    });
    expect(body.timeline).toEqual([
      expect.objectContaining({ status: 'isolated', effectiveDate: '2021-05-13', facilityId: treatmentFacility, createdBy: 't_cdc' }),
    ]);
    expect(await count('case_status_event')).toBe(before + 1);
    const [entry] = await audits('create', hoaCase);
    expect(entry).toMatchObject({ username: 't_cdc' });
    expect(entry!.detail).toMatchObject({ after: { caseCode: 'BN100', personId: people.hoa, confirmationDate: '2021-05-13' } });
    expect(heard.at(-1)).toMatchObject({ kind: 'created', caseId: hoaCase, personId: people.hoa, provinceCode: '24' });
    const runs = await t.db.selectFrom('trace_run').select('id').where('trigger_case_id', '=', hoaCase).orderBy('id', 'desc').execute();
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(body.latestTraceRunId).toBe(runs[0]!.id);
  });

  it('refuses a second case for a person whose case is open (409), with the open case named', async () => {
    const n = await count('covid_case');
    const res = await post(cdc, { ...valid, personId: people.hoa });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'OPEN_CASE_EXISTS', field: 'personId', details: { caseCode: 'BN100' } });
    expect(res.json().error.message.en).toContain('BN100');
    expect(await count('covid_case')).toBe(n);
  });

  it('refuses a code already in use (409) and keeps a given code', async () => {
    const dup = await post(cdc, { ...valid, personId: people.lan, caseCode: 'bn99' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'DUPLICATE', field: 'caseCode' });
    const own = await post(cdc, { ...valid, personId: people.lan, caseCode: 'bn 5000', onsetDate: null, confirmationDate: '2021-05-20', sampleDate: '2021-05-19', status: 'in_treatment' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ caseCode: 'BN5000', status: 'in_treatment', onsetDate: null });
  });

  it.each([
    ['onsetDate', { onsetDate: '2021-05-14' }, 'AFTER_CONFIRMATION'],
    ['sampleDate', { sampleDate: '2999-01-01' }, 'FUTURE_DATE'],
    ['confirmationDate', { confirmationDate: '13/13/2021' }, 'INVALID_DATE'],
    ['detection', { detection: 'rumour' }, 'INVALID'],
    ['personId', { personId: 999999 }, 'UNKNOWN_PERSON'],
    ['communeCode', { communeCode: '00001' }, 'UNKNOWN_COMMUNE'],
    ['facilityId', { facilityId: 999999 }, 'NOT_A_FACILITY'],
    ['personId', { personId: 'x' }, 'INVALID'],
  ])('rejects a bad %s (%j) with 400 naming the field', async (field, patch, code) => {
    const n = await count('covid_case');
    const res = await post(cdc, { ...valid, personId: people.dao, ...patch });
    expect(res.statusCode).toBe(400);
    const issue = res.json().error.details.issues.find((i: { field: string }) => i.field === field);
    expect(issue).toMatchObject({ code });
    expect(issue.message.vi.length).toBeGreaterThan(5);
    expect(await count('covid_case')).toBe(n);
  });

  it('accepts only a treatment or quarantine facility', async () => {
    const res = await post(cdc, { ...valid, personId: people.dao, facilityId: enterprise });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'facilityId', details: { issues: [{ code: 'NOT_A_FACILITY' }] } });
  });

  it('counts the case in another commune when asked, but only one in the actor’s area', async () => {
    const outside = await post(vanTrung, { ...valid, personId: people.dao, communeCode: '07807' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('OUT_OF_SCOPE');
    const res = await post(quangChau, { ...valid, personId: people.dao, communeCode: '07807', confirmationDate: '2021-05-25', sampleDate: '2021-05-24' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ caseCode: 'BN5001', communeCode: '07807', communeName: 'Xã Quang Châu', districtCode: '222' });
  });

  it('is closed to roles without case:write', async () => {
    expect((await post(team, { ...valid, personId: people.mai })).statusCode).toBe(403);
  });
});

describe('reading and listing', () => {
  it('shows one case with its clusters and audits the read; 404 and 403 OUT_OF_SCOPE otherwise', async () => {
    const cluster = await t.db.insertInto('cluster').values({ province_code: '24', name: 'Ổ dịch Vân Trung', place_kind: 'village' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('cluster_case').values({ cluster_id: cluster.id, case_id: hoaCase }).execute();
    const res = await get(vanTrung, `/api/cases/${hoaCase}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().clusters).toEqual([{ id: cluster.id, name: 'Ổ dịch Vân Trung' }]);
    const [read] = await audits('read', hoaCase);
    expect(read).toMatchObject({ username: 't_vantrung', role: 'commune_health' });
    expect((await get(cdc, '/api/cases/999999')).statusCode).toBe(404);
    const other = await get(quangChau, `/api/cases/${hoaCase}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    expect(other.body).not.toContain('Nguyễn Thị Hoa');
  });

  it('masks the ID for a community team and hides cases from a viewer', async () => {
    const res = await get(team, `/api/cases/${hoaCase}`);
    expect(res.json()).toMatchObject({ nationalId: '********1234', phone: '0912345678', masked: true });
    expect((await get(viewer, '/api/cases')).statusCode).toBe(403);
  });

  it('lists only the actor’s area, newest confirmation first', async () => {
    const own = (await get(vanTrung, '/api/cases?pageSize=100')).json();
    expect(own.items.map((c: { caseCode: string }) => c.caseCode)).toEqual(['BN5000', 'BN100']);
    const all = (await get(cdc, '/api/cases?pageSize=2&page=1')).json();
    expect(all.total).toBe(5);
    expect(all.items.map((c: { caseCode: string }) => c.caseCode)).toEqual(['BN5001', 'BN5000']);
  });

  it('filters and sorts codes by their number', async () => {
    const codes = async (query: string) => {
      const body = (await get(cdc, `/api/cases?${query}`)).json();
      // The total is counted apart from the page (without the joins): it must agree with the list.
      expect((await get(cdc, `/api/cases?${query}&pageSize=1`)).json().total).toBe(body.items.length);
      return body.items.map((c: { caseCode: string }) => c.caseCode);
    };
    expect(await codes('sort=caseCode')).toEqual(['BN99', 'BN100', 'BN5000', 'BN5001', 'HN-7']);
    expect(await codes('status=recovered&sort=-caseCode')).toEqual(['BN99', 'HN-7']);
    expect(await codes('from=2021-05-13&to=2021-05-20&sort=caseCode')).toEqual(['BN100', 'BN5000']);
    expect(await codes('districtCode=213&classification=imported')).toEqual(['HN-7']);
    expect(await codes('communeCode=07807&detection=community')).toEqual(['BN5001']);
  });

  it('searches by accent-free name, code, phone and ID', async () => {
    const codes = async (q: string) => {
      const body = (await get(cdc, `/api/cases?q=${encodeURIComponent(q)}`)).json();
      expect((await get(cdc, `/api/cases?q=${encodeURIComponent(q)}&pageSize=1`)).json().total).toBe(body.items.length);
      return body.items.map((c: { caseCode: string }) => c.caseCode);
    };
    expect(await codes('nguyen thi hoa')).toEqual(['BN100']);
    expect(await codes('bn500')).toEqual(['BN5001', 'BN5000']);
    expect(await codes('0912 345')).toEqual(['BN100']);
    expect(await codes('024190005678')).toEqual(['BN5000']);
  });
});

describe('changing a case', () => {
  it('updates fields, audits before and after, and tells tracing', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/api/cases/${hoaCase}`, headers: { cookie: cdc }, payload: { isolationDate: '2021-05-11', note: 'Đã điều tra' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ isolationDate: '2021-05-11', note: 'Đã điều tra', caseCode: 'BN100', status: 'isolated' });
    const [entry] = await audits('update', hoaCase);
    expect(entry!.detail).toMatchObject({ before: { isolationDate: '2021-05-12', note: null }, after: { isolationDate: '2021-05-11', note: 'Đã điều tra' } });
    expect(heard.at(-1)).toMatchObject({ kind: 'updated', caseId: hoaCase });
  });

  it('moves the first step with the confirmation date and rejects a date rule violation', async () => {
    const moved = await app.inject({ method: 'PATCH', url: `/api/cases/${hoaCase}`, headers: { cookie: cdc }, payload: { confirmationDate: '2021-05-14' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().timeline.map((e: { effectiveDate: string }) => e.effectiveDate)).toEqual(['2021-05-14']);
    const bad = await app.inject({ method: 'PATCH', url: `/api/cases/${hoaCase}`, headers: { cookie: cdc }, payload: { sampleDate: '2021-05-15' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ field: 'sampleDate', message: { en: 'Sample date: cannot be after the confirmation date' } });
    const dup = await app.inject({ method: 'PATCH', url: `/api/cases/${hoaCase}`, headers: { cookie: cdc }, payload: { caseCode: 'BN5000' } });
    expect(dup.statusCode).toBe(409);
  });

  it('appends dated status steps under the timeline rules', async () => {
    const step = (payload: object) => app.inject({ method: 'POST', url: `/api/cases/${hoaCase}/status`, headers: { cookie: cdc }, payload });
    const early = await step({ status: 'in_treatment', effectiveDate: '2021-05-13' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error).toMatchObject({ field: 'effectiveDate', details: { issues: [{ code: 'BEFORE_CONFIRMATION' }] } });
    const notFacility = await step({ status: 'in_treatment', effectiveDate: '2021-05-16', facilityId: enterprise });
    expect(notFacility.statusCode).toBe(400);
    expect(notFacility.json().error.field).toBe('facilityId');
    const ok = await step({ status: 'in_treatment', effectiveDate: '2021-05-16', facilityId: treatmentFacility, note: 'Chuyển tầng 2' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('in_treatment');
    expect(ok.json().timeline.map((e: { status: string; effectiveDate: string }) => `${e.status}@${e.effectiveDate}`)).toEqual(['isolated@2021-05-14', 'in_treatment@2021-05-16']);
    expect(ok.json().timeline[1]).toMatchObject({ facilityName: 'Bệnh viện dã chiến số 1', note: 'Chuyển tầng 2', createdBy: 't_cdc' });
    const backwards = await step({ status: 'recovered', effectiveDate: '2021-05-15' });
    expect(backwards.json().error.details.issues[0].code).toBe('BEFORE_LATEST_EVENT');
    const [entry] = (await audits('update', hoaCase)).filter((a) => JSON.stringify(a.detail).includes('effectiveDate'));
    expect(entry!.detail).toMatchObject({ before: { status: 'isolated' }, after: { status: 'in_treatment', effectiveDate: '2021-05-16' } });
  });

  it('takes no change after death', async () => {
    const died = await app.inject({ method: 'POST', url: `/api/cases/${hoaCase}/status`, headers: { cookie: cdc }, payload: { status: 'died', effectiveDate: '2021-05-20' } });
    expect(died.statusCode).toBe(200);
    const after = await app.inject({ method: 'POST', url: `/api/cases/${hoaCase}/status`, headers: { cookie: cdc }, payload: { status: 'recovered', effectiveDate: '2021-05-25' } });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('CASE_CLOSED');
    const patch = await app.inject({ method: 'PATCH', url: `/api/cases/${hoaCase}`, headers: { cookie: cdc }, payload: { status: 'recovered' } });
    expect(patch.statusCode).toBe(409);
  });

  it('makes a status change by PATCH a step dated today', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/api/cases/${await caseIdOf('BN5001')}`, headers: { cookie: quangChau }, payload: { status: 'recovered' } });
    expect(res.statusCode).toBe(200);
    const last = res.json().timeline.at(-1);
    expect(last.status).toBe('recovered');
    expect(last.effectiveDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(last.effectiveDate > '2021-05-25').toBe(true);
  });
});

async function caseIdOf(code: string): Promise<number> {
  return (await t.db.selectFrom('covid_case').select('id').where('case_code', '=', code).executeTakeFirstOrThrow()).id;
}

async function sheet(header: string[], rows: Array<Array<string | number | Date | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ca bệnh');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const HEADER = ['Mã BN', 'Mã người', 'Số CCCD/CMND', 'Ngày khởi phát', 'Ngày lấy mẫu', 'Ngày khẳng định', 'Ngày cách ly', 'Nguồn phát hiện', 'Phân loại', 'Tình trạng', 'Mã xã'];
const upload = (cookie: string, body: Buffer, query = '') =>
  app.inject({ method: 'POST', url: `/api/cases/import${query}`, headers: { cookie, 'content-type': XLSX_MIME }, payload: body });

describe('XLSX import', () => {
  it('rejects the whole file for bad rows, naming row and field, and writes nothing', async () => {
    const [cases, events] = [await count('covid_case'), await count('case_status_event')];
    const file = await sheet(HEADER, [
      ['', people.mai!, '', '', '20/05/2021', '21/05/2021', '', 'Cộng đồng', 'Ca cộng đồng', '', ''],
      ['', '', '024190009999', '22/05/2021', '20/05/2021', '21/05/2021', '', 'Cộng đồng', 'Ca cộng đồng', '', ''],
      ['', '', '024999999999', '', '20/05/2021', '21/05/2021', '', 'UFO', 'Ca cộng đồng', '', ''],
      ['BN5000', people.mai!, '', '', '20/05/2021', '21/05/2021', '', 'Cộng đồng', 'Ca cộng đồng', '', ''],
      ['', people.lan!, '', '', '20/05/2021', '21/05/2021', '', 'Cộng đồng', 'Ca cộng đồng', 'Cách ly', ''],
    ]);
    const res = await upload(cdc, file);
    expect(res.statusCode).toBe(400);
    const got = res.json().error.details.issues.map((i: { row: number; field: string; code: string }) => `${i.row}:${i.field}:${i.code}`);
    expect(got).toEqual([
      '3:onsetDate:AFTER_CONFIRMATION',
      '4:detection:INVALID',
      '4:nationalId:UNKNOWN_PERSON',
      '5:personId:DUPLICATE_IN_FILE',
      '5:caseCode:DUPLICATE',
      '6:personId:OPEN_CASE_EXISTS',
    ]);
    expect(res.json().error.message.vi).toMatch(/^Dòng 3:/);
    expect([await count('covid_case'), await count('case_status_event')]).toEqual([cases, events]);
  });

  it('refuses rows outside the importer’s area', async () => {
    const file = await sheet(HEADER, [['', people.mai!, '', '', '20/05/2021', '21/05/2021', '', 'Cộng đồng', 'Ca cộng đồng', '', '']]);
    const res = await upload(vanTrung, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({ row: 2, field: 'communeCode', code: 'OUT_OF_SCOPE' });
  });

  it('dry-runs without writing, then imports every row with the next BN numbers and a first step each', async () => {
    const [cases, events] = [await count('covid_case'), await count('case_status_event')];
    const file = await sheet(HEADER, [
      ['', people.mai!, '', '', new Date(Date.UTC(2021, 4, 20)), '21/05/2021', '', 'Sàng lọc doanh nghiệp', 'Ca cộng đồng', 'Đang điều trị', ''],
      ['', '', '024190009999', '', '2021-05-22', '2021-05-23', '', 'community', 'community', '', 7807],
    ]);
    const dry = await upload(cdc, file, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 2, created: 0 });
    expect(await count('covid_case')).toBe(cases);
    const real = await upload(cdc, file);
    expect(real.json()).toMatchObject({ dryRun: false, total: 2, created: 2 });
    expect([await count('covid_case'), await count('case_status_event')]).toEqual([cases + 2, events + 2]);
    const rows = await t.db.selectFrom('covid_case').select(['case_code', 'person_id', 'commune_code', 'sample_date', 'detection', 'status']).where('case_code', 'in', ['BN5002', 'BN5003']).orderBy('case_code').execute();
    expect(rows).toEqual([
      { case_code: 'BN5002', person_id: people.mai, commune_code: '07807', sample_date: '2021-05-20', detection: 'enterprise_screening', status: 'in_treatment' },
      { case_code: 'BN5003', person_id: people.dao, commune_code: '07807', sample_date: '2021-05-22', detection: 'community', status: 'isolated' },
    ]);
    const imported = await t.db.selectFrom('audit_log').select('detail').where('record_kind', '=', 'case').where('action', '=', 'import').executeTakeFirstOrThrow();
    expect(imported.detail).toMatchObject({ rows: 2, created: 2 });
    expect(heard.filter((e) => e.kind === 'created').map((e) => e.personId).slice(-2)).toEqual([people.mai, people.dao]);
  });

  it('rejects something that is not a workbook, or one without the needed columns', async () => {
    expect((await upload(cdc, Buffer.from('not a spreadsheet'))).json().error.code).toBe('BAD_FILE');
    const res = await upload(cdc, await sheet(['Mã BN', 'Ngày lấy mẫu'], [['BN1', '20/05/2021']]));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message.en).toContain('Confirmation date');
  });

  it('serves a template whose example imports cleanly as a dry run', async () => {
    const tpl = await get(cdc, '/api/cases/import/template');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain(XLSX_MIME);
    const res = await upload(cdc, tpl.rawPayload, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1 });
  });
  it('imports rows written with the web app’s labels, any case, with or without accents', async () => {
    const keys = ['ui1', 'ui2', 'ui3', 'ui4', 'ui5'];
    for (const [i, key] of keys.entries()) await addPerson(key, `Vũ Thị Nhãn ${i + 1}`, '07807');
    const row = (key: string, detection: string, classification: string, status: string) =>
      ['', people[key]!, '', '', '20/05/2021', '21/05/2021', '', detection, classification, status, ''];
    const file = await sheet(HEADER, [
      row('ui1', 'Phát hiện tại cộng đồng', 'Ca cộng đồng', 'Đang cách ly'),
      row('ui2', 'TRONG KHU CÁCH LY', 'ca trong khu cach ly', 'Đang điều trị'),
      row('ui3', 'Sàng lọc vùng phong tỏa', 'Ca nhập cảnh', 'khoi benh'),
      row('ui4', 'sang loc doanh nghiep', 'Ca cộng đồng', 'Tử vong'),
      row('ui5', 'Nhập cảnh', 'CA NHẬP CẢNH', 'Đang Cách Ly'),
    ]);
    const res = await upload(cdc, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 5 });
    const stored = await t.db.selectFrom('covid_case').select(['person_id', 'detection', 'classification', 'status'])
      .where('person_id', 'in', keys.map((k) => people[k]!)).orderBy('person_id').execute();
    expect(stored.map((c) => [c.detection, c.classification, c.status])).toEqual([
      ['community', 'community', 'isolated'],
      ['quarantine', 'in_quarantine', 'in_treatment'],
      ['lockdown_screening', 'imported', 'recovered'],
      ['enterprise_screening', 'community', 'died'],
      ['arrival', 'imported', 'isolated'],
    ]);
  });

  it('lists the accepted wordings of each value on the template’s help sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(cdc, '/api/cases/import/template')).rawPayload as unknown as ArrayBuffer);
    const help = wb.getWorksheet('Hướng dẫn')!;
    const byCode = new Map<string, string[]>();
    help.eachRow((r) => {
      const [label, code, also] = [1, 2, 3].map((c) => String(r.getCell(c).value ?? ''));
      if (/^[a-z_]+$/.test(code!)) byCode.set(`${byCode.has(code!) ? 'classification:' : ''}${code}`, [label!, ...also!.split('; ')]);
    });
    expect(byCode.get('isolated')).toEqual(['Cách ly', 'Đang cách ly', 'Isolated']);
    expect(byCode.get('in_treatment')).toContain('Đang điều trị');
    expect(byCode.get('community')).toEqual(expect.arrayContaining(['Cộng đồng', 'Phát hiện tại cộng đồng', 'In the community']));
    expect(byCode.get('classification:community')).toEqual(expect.arrayContaining(['Ca cộng đồng', 'Community']));
    expect(byCode.get('lockdown_screening')).toContain('Sàng lọc vùng phong tỏa');
    expect(byCode.get('imported')).toContain('Ca nhập cảnh');
  });
});

describe('XLSX export', () => {
  it('exports the filtered cases, neutralises formula-like text, and audits the export', async () => {
    await app.inject({ method: 'PATCH', url: `/api/cases/${await caseIdOf('BN5000')}`, headers: { cookie: cdc }, payload: { foundPlace: '=HYPERLINK("http://x","y")' } });
    const res = await get(cdc, '/api/cases/export?communeCode=07801');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers[0]).toBe('Mã BN / Case code');
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2));
    const cell = (r: ExcelJS.Row, header: string) => r.getCell(headers.indexOf(header) + 1).value;
    expect(rows.map((r) => cell(r, 'Mã BN / Case code'))).toEqual(['BN100', 'BN5000']);
    const bn5000 = rows[1]!;
    expect(cell(bn5000, 'Nơi phát hiện / Place found')).toBe('\'=HYPERLINK("http://x","y")');
    expect(cell(bn5000, 'Ngày khẳng định / Confirmation date')).toBe('20/05/2021');
    expect(cell(bn5000, 'Tình trạng / Status')).toBe('Đang điều trị');
    const entry = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'case').where('action', '=', 'export').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ username: 't_cdc', detail: { rows: 2 } });
  });

  it('is not for a community team', async () => {
    expect((await get(team, '/api/cases/export')).statusCode).toBe(403);
  });
});
