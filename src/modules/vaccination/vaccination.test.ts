import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { assessLevels } from '../levels/levels.service.ts';
import { vaccinationFigures } from '../reports/reports.figures.ts';
import { coverageByArea, provinceCoverageOn } from './vaccination.published.ts';

let t: TestDb;
let app: App;
let cdc: string;
let viewer: string;
let siteId: number;
let lotId: number;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const req = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const issuesOf = (body: { error: { details: { issues: Array<{ row?: number; field: string; code: string }> } } }) => body.error.details.issues.map((i) => `${i.row ?? '-'}:${i.field}:${i.code}`);
const person = async (name: string, dob: string, commune = '07801', district = '222', nationalId: string | null = null) => (await t.db.insertInto('person').values({
  province_code: '24', district_code: district, commune_code: commune, full_name: name, name_search: name.toLowerCase(), sex: 'male', date_of_birth: dob, national_id: nationalId,
}).returning('id').executeTakeFirstOrThrow()).id;
const dose = (personId: number, n: number, product: string, date: string, commune = '07801') =>
  t.db.insertInto('vaccine_dose').values({ province_code: '24', commune_code: commune, person_id: personId, dose_number: n, product_code: product, dose_date: date }).execute();

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  viewer = await loginAs(app, 't_viewer');
  const s = await req(cdc, 'POST', '/api/vaccination/sites', { name: 'Trạm Y tế xã Vân Trung', communeCode: '07801', capacityPerSession: 200, vaccinators: 4, emergencyStaff: 2 });
  expect(s.statusCode, s.body).toBe(201);
  siteId = s.json().id;
  const l = await req(cdc, 'POST', '/api/vaccination/lots', { productCode: 'astrazeneca', lotNumber: 'AZ-01', expiryDate: '2021-08-31', receivedDate: '2021-03-01', dosesReceived: 1000 });
  expect(l.statusCode, l.body).toBe(201);
  lotId = l.json().id;
});
afterAll(async () => {
  await app?.close();
  await t?.destroy();
});

describe('sites, lots and permissions', () => {
  it('refuses an expired lot and a viewer writing', async () => {
    const expired = await req(cdc, 'POST', '/api/vaccination/lots', { productCode: 'pfizer', lotNumber: 'PF-OLD', expiryDate: '2021-02-01', receivedDate: '2021-03-01', dosesReceived: 10 });
    expect(issuesOf(expired.json())).toEqual(['-:expiryDate:LOT_EXPIRED']);
    expect((await req(viewer, 'POST', '/api/vaccination/sites', { name: 'X', communeCode: '07801', capacityPerSession: 1, vaccinators: 0, emergencyStaff: 0 })).statusCode).toBe(403);
    expect((await req(viewer, 'GET', '/api/vaccination/coverage?date=2021-06-10')).statusCode).toBe(200);
  });
});

describe('recording doses', () => {
  it('checks the interval, needs a reason when early, counts the lot as used and shows the history', async () => {
    const p = await person('Trần Văn Tiêm', '1980-05-05');
    const first = await req(cdc, 'POST', '/api/vaccination/doses', { personId: p, doseNumber: 1, productCode: 'astrazeneca', doseDate: '2021-03-10', siteId, lotId });
    expect(first.statusCode, first.body).toBe(201);
    const tooEarly = await req(cdc, 'POST', '/api/vaccination/doses', { personId: p, doseNumber: 2, productCode: 'astrazeneca', doseDate: '2021-04-01', siteId, lotId });
    expect(issuesOf(tooEarly.json())).toEqual(['-:doseDate:TOO_EARLY_RULE']);
    const early = await req(cdc, 'POST', '/api/vaccination/doses', { personId: p, doseNumber: 2, productCode: 'astrazeneca', doseDate: '2021-04-20', siteId, lotId });
    expect(issuesOf(early.json())).toEqual(['-:overrideReason:OVERRIDE_REASON_REQUIRED']);
    const wrongOrder = await req(cdc, 'POST', '/api/vaccination/doses', { personId: p, doseNumber: 3, productCode: 'astrazeneca', doseDate: '2021-05-20', siteId, lotId });
    expect(issuesOf(wrongOrder.json())).toEqual(['-:doseNumber:DOSE_ORDER']);
    const ok = await req(cdc, 'POST', '/api/vaccination/doses', { personId: p, doseNumber: 2, productCode: 'astrazeneca', doseDate: '2021-04-20', siteId, lotId, overrideReason: 'Đi công tác' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().warnings.map((w: { code: string }) => w.code)).toEqual(['EARLY']);
    const h = (await req(cdc, 'GET', `/api/vaccination/people/${p}`)).json();
    expect(h).toMatchObject({ doses: 2, fullyVaccinated: true, items: [{ doseNumber: 1, lotNumber: 'AZ-01' }, { doseNumber: 2, overrideReason: 'Đi công tác' }] });
    const lots = (await req(cdc, 'GET', '/api/vaccination/lots')).json();
    expect(lots.items.find((l: { id: number }) => l.id === lotId)).toMatchObject({ dosesUsed: 2, dosesLeft: 998 });
    const audit = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'vaccine_dose').execute();
    expect(audit.filter((a) => a.action === 'create')).toHaveLength(2);
    const ae = await req(cdc, 'POST', `/api/vaccination/doses/${ok.json().id}/adverse-events`, { severity: 'mild', onsetDate: '2021-04-20', symptoms: 'Sốt nhẹ' });
    expect(ae.statusCode, ae.body).toBe(201);
    const before = await req(cdc, 'POST', `/api/vaccination/doses/${ok.json().id}/adverse-events`, { severity: 'mild', onsetDate: '2021-04-19', symptoms: 'Sốt' });
    expect(issuesOf(before.json())).toEqual(['-:onsetDate:BEFORE_DOSE']);
  });
});

describe('coverage by age band', () => {
  it('counts the 18th, 50th and 65th birthday on the day itself', async () => {
    const day = '2021-06-10';
    const a18 = await person('A18', '2003-06-10', '07807');
    const a17 = await person('A17', '2003-06-11', '07807');
    const a50 = await person('A50', '1971-06-10', '07807');
    const a49 = await person('A49', '1971-06-11', '07807');
    const a65 = await person('A65', '1956-06-10', '07807');
    const a64 = await person('A64', '1956-06-11', '07807');
    for (const p of [a18, a17]) await dose(p, 1, 'pfizer', '2021-06-01', '07807');
    for (const p of [a50, a49]) {
      await dose(p, 1, 'astrazeneca', '2021-03-10', '07807');
      await dose(p, 2, 'astrazeneca', '2021-05-10', '07807');
    }
    await dose(a65, 1, 'janssen', '2021-05-01', '07807');
    await dose(a64, 1, 'astrazeneca', '2021-05-01', '07807');
    const on = (await coverageByArea(t.db, '24', day, { communeCode: '07807' })).communes[0]!;
    expect(on).toMatchObject({ population: 6, adults: 5, adultsOneDose: 5, over50: 3, over50Full: 2, over65: 1, over65Full: 1, populationFull: 3 });
    expect(on.over50FullPercent).toBe(66.7);
    const dayBefore = (await coverageByArea(t.db, '24', '2021-06-09', { communeCode: '07807' })).communes[0]!;
    expect(dayBefore).toMatchObject({ adults: 4, adultsOneDose: 4, over50: 2, over50Full: 1, over65: 0, over65Full: 0 });
    // Doses after the day do not count.
    const early = (await coverageByArea(t.db, '24', '2021-05-09', { communeCode: '07807' })).communes[0]!;
    expect(early).toMatchObject({ adultsOneDose: 4, over50Full: 1, over65: 0 });
    const api = (await req(cdc, 'GET', `/api/vaccination/coverage?date=${day}`)).json();
    expect(api.communes.find((c: { communeCode: string }) => c.communeCode === '07807')).toMatchObject({ adults: 5, over65Full: 1, name: expect.any(String) });
    const xlsx = await req(cdc, 'GET', `/api/vaccination/coverage.xlsx?date=${day}`);
    expect(xlsx.statusCode).toBe(200);
    const prov = await provinceCoverageOn(t.db, '24', day);
    expect(prov.known).toBe(true);
    expect(prov.adultsOneDose).toBeGreaterThanOrEqual(5);
    // The daily report's section and the dashboard read the same figures.
    expect(await vaccinationFigures(t.db, '24', day)).toMatchObject({ available: true, adultsOneDose: prov.adultsOneDose, dosesOnDay: 0 });
    expect(await vaccinationFigures(t.db, '24', '2021-01-01')).toEqual({ available: false });
  });
});

describe('importing dose records', () => {
  const sheet = async (rows: Array<Partial<Record<string, string | number>>>) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['Số CCCD/CMND', 'Số điện thoại', 'Họ và tên', 'Ngày sinh', 'Mũi số', 'Loại vắc xin', 'Ngày tiêm', 'Điểm tiêm', 'Số lô']);
    for (const r of rows) ws.addRow([r.nid ?? '', r.phone ?? '', r.name ?? '', r.dob ?? '', r.n ?? '', r.product ?? '', r.date ?? '', r.site ?? '', r.lot ?? '']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (file: Buffer, dryRun = false) => app.inject({ method: 'POST', url: `/api/vaccination/doses/import${dryRun ? '?dryRun=true' : ''}`, headers: { cookie: cdc, 'content-type': XLSX }, payload: file });

  it('reports per-row errors, writes nothing when one row is wrong, and a re-import changes nothing', async () => {
    await person('Lê Thị Nhập', '1990-01-01', '07801', '222', '024190000111');
    await t.db.insertInto('person').values({ province_code: '24', district_code: '222', commune_code: '07801', full_name: 'Phạm Văn Điện', name_search: 'pham van dien', sex: 'male', date_of_birth: '1985-02-02', phone: '0912000111' }).execute();
    const count = async () => Number((await t.db.selectFrom('vaccine_dose').select((eb) => eb.fn.countAll().as('n')).where('source', '=', 'import').executeTakeFirstOrThrow()).n);
    const good = [
      { nid: '024190000111', name: 'Lê Thị Nhập', dob: '01/01/1990', n: 1, product: 'AstraZeneca', date: '01/03/2021', site: 'Trạm Y tế xã Vân Trung', lot: 'AZ-01' },
      { nid: '024190000111', name: 'Lê Thị Nhập', dob: '01/01/1990', n: 2, product: 'AstraZeneca', date: '10/05/2021', lot: 'AZ-01' },
      { phone: '0912000111', name: 'Phạm Văn Điện', dob: '02/02/1985', n: 1, product: 'Vero Cell', date: '01/06/2021' },
    ];
    const bad = [...good,
      { nid: '999999999999', name: 'Không Có', n: 1, product: 'Pfizer', date: '01/06/2021' },
      { phone: '0912000111', name: 'Phạm Văn Điện', dob: '02/02/1985', n: 2, product: 'Vero Cell', date: '05/06/2021' },
      { nid: '024190000111', name: 'Lê Thị Nhập', n: 3, product: 'Thuốc lạ', date: '01/06/2021' },
    ];
    const preview = (await upload(await sheet(bad), true)).json();
    expect(preview.issues.map((i: { row: number; field: string; code: string }) => `${i.row}:${i.field}:${i.code}`)).toEqual([
      '5:nationalId:UNKNOWN_PERSON', '6:doseDate:TOO_EARLY_RULE', '7:product:UNKNOWN_PRODUCT',
    ]);
    const refused = await upload(await sheet(bad));
    expect(refused.statusCode).toBe(400);
    expect(await count()).toBe(0);
    const done = await upload(await sheet(good));
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: 3, unchanged: 0 });
    expect(await count()).toBe(3);
    const again = (await upload(await sheet(good))).json();
    expect(again).toMatchObject({ created: 0, unchanged: 3, issues: [] });
    expect(await count()).toBe(3);
  });
});

describe('levels criterion 2', () => {
  it('raises a commune one level below the coverage target and not at it', async () => {
    // Kiên Thành (07558, Lục Ngạn 219): 10,000 people, 3 community cases in the week = 30 per 100,000 → level 2.
    await sql`insert into person (province_code, district_code, commune_code, full_name, name_search, sex, date_of_birth)
      select '24', '219', '07558', 'KT ' || g, 'kt ' || g, 'male',
        (case when g <= 7000 then '1990-01-01' when g <= 9000 then '1960-01-01' else '2012-01-01' end)::date
      from generate_series(1, 10000) g`.execute(t.db);
    const ids = (await t.db.selectFrom('person').select(['id', 'date_of_birth']).where('commune_code', '=', '07558').orderBy('id').execute());
    const young = ids.filter((p) => p.date_of_birth === '1990-01-01').map((p) => p.id);
    const old = ids.filter((p) => p.date_of_birth === '1960-01-01').map((p) => p.id);
    await t.db.insertInto('covid_case').values(young.slice(0, 3).map((id, i) => ({
      case_code: `VX${i}`, person_id: id, province_code: '24', district_code: '219', commune_code: '07558', sample_date: '2021-06-08', confirmation_date: '2021-06-08',
      detection: 'community' as const, classification: 'community' as const, status: 'isolated' as const,
    }))).execute();
    // 80 % of the over-50s fully vaccinated; 70 % of adults with a dose: 1,600 + 4,700 = 6,300 of 9,000.
    await sql`insert into vaccine_dose (province_code, commune_code, person_id, dose_number, product_code, dose_date)
      select '24', '07558', id, n, 'astrazeneca', case n when 1 then '2021-03-10'::date else '2021-05-10'::date end
      from unnest(${old.slice(0, 1600)}::int[]) id cross join (values (1), (2)) v(n)`.execute(t.db);
    await sql`insert into vaccine_dose (province_code, commune_code, person_id, dose_number, product_code, dose_date)
      select '24', '07558', id, 1, 'pfizer', '2021-06-01' from unnest(${young.slice(0, 4700)}::int[]) id`.execute(t.db);
    const now = new Date('2021-06-10T10:00:00Z');
    const row = async () => t.db.selectFrom('level_assessment').select(['computed_level', 'inputs']).where('unit_code', '=', '07558').where('assessed_on', '=', '2021-06-10').executeTakeFirstOrThrow();
    await assessLevels(t.db, 'system', '24', '2021-06-10', { now });
    const at = await row();
    expect(at.computed_level).toBe(2);
    expect((at.inputs as { coverage: Record<string, number>; reasons: Array<{ code: string }> }).coverage).toMatchObject({ adultsOneDose: 70, over50Full: 80 });
    expect((at.inputs as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code)).toContain('c2_met');
    // One dose fewer: 6,299 of 9,000 = 69.99 % → level 3.
    await t.db.deleteFrom('vaccine_dose').where('person_id', '=', young[4699]!).execute();
    await assessLevels(t.db, 'system', '24', '2021-06-10', { now });
    const below = await row();
    expect(below.computed_level).toBe(3);
    expect((below.inputs as { reasons: Array<{ code: string }> }).reasons.map((r) => r.code)).toContain('c2_below');
  });
});
