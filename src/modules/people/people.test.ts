import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { App } from '../../server/app.ts';
import { XLSX_MIME } from '../../server/app.ts';

let t: TestDb;
let app: App;
let cdc: string;
let vanTrung: string;
let quangChau: string;
let team: string;
let viewer: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  vanTrung = await loginAs(app, 't_vantrung');
  quangChau = await loginAs(app, 't_quangchau');
  team = await loginAs(app, 't_team');
  viewer = await loginAs(app, 't_viewer');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const valid = {
  fullName: 'Nguyễn Thị Hoa',
  sex: 'female',
  dateOfBirth: '1995-04-12',
  nationalId: '024195001234',
  phone: '+84 912 345 678',
  communeCode: '07801',
  addressDetail: 'Thôn Trung Đồng',
};

const post = (cookie: string, payload: object) => app.inject({ method: 'POST', url: '/api/people', headers: { cookie }, payload });
const personCount = async () => (await sql<{ n: number }>`select count(*) as n from person`.execute(t.db)).rows[0]!.n;

describe('creating a person', () => {
  it('normalises the phone and returns names of the places', async () => {
    const res = await post(cdc, valid);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ phone: '0912345678', communeName: 'Xã Vân Trung', districtName: 'Huyện Việt Yên', districtCode: '222' });
  });

  it.each([
    ['phone', { phone: '12345' }, 'INVALID_FORMAT'],
    ['nationalId', { nationalId: '02419500123' }, 'INVALID_FORMAT'],
    ['nationalId', { nationalId: '999195001234' }, 'INVALID_PROVINCE'],
    ['nationalId', { nationalId: '024090001234' }, 'MISMATCH_BIRTH_YEAR'],
    ['communeCode', { communeCode: '99999' }, 'UNKNOWN_COMMUNE'],
    ['dateOfBirth', { dateOfBirth: '2999-01-01' }, 'FUTURE_DATE'],
    ['dateOfBirth', { dateOfBirth: '31/02/1990' }, 'INVALID_DATE'],
    ['fullName', { fullName: '  ' }, 'REQUIRED'],
  ])('rejects a bad %s (%j) with 400, the field and a vi/en message', async (field, patch, code) => {
    const before = await personCount();
    const res = await post(cdc, { ...valid, nationalId: null, ...patch });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const issue = err.details.issues.find((i: { field: string }) => i.field === field);
    expect(issue).toMatchObject({ code });
    expect(issue.message.vi.length).toBeGreaterThan(5);
    expect(issue.message.en.length).toBeGreaterThan(5);
    expect(await personCount()).toBe(before);
  });

  it('refuses a second person with the same ID number (409 DUPLICATE)', async () => {
    const res = await post(cdc, { ...valid, fullName: 'Người Khác', phone: null });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE', field: 'nationalId' });
  });

  it('offers a possible duplicate (same name, birth date, phone) and creates on confirmation', async () => {
    const again = { ...valid, nationalId: null, fullName: 'nguyễn thị  hoa' };
    const res = await post(cdc, again);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('POSSIBLE_DUPLICATE');
    expect(res.json().error.details.matches[0]).toMatchObject({ fullName: 'Nguyễn Thị Hoa', reason: 'name_dob_phone' });
    const check = await app.inject({ method: 'POST', url: '/api/people/duplicates', headers: { cookie: cdc }, payload: again });
    expect(check.json().matches).toHaveLength(1);
    const confirmed = await post(cdc, { ...again, confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('audits the creation with the values written', async () => {
    const res = await post(cdc, { ...valid, nationalId: '024095009999', fullName: 'Trần Văn Bình', sex: 'male', phone: '0987654321' });
    const id = res.json().id;
    const entry = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'person').where('record_id', '=', String(id)).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(entry.username).toBe('t_cdc');
    expect(JSON.stringify(entry.detail)).toContain('Trần Văn Bình');
  });
});

describe('scope', () => {
  let inQuangChau: number;
  beforeAll(async () => {
    const r = await post(quangChau, { ...valid, nationalId: null, phone: null, fullName: 'Lê Văn Cường', sex: 'male', communeCode: '07807' });
    expect(r.statusCode).toBe(201);
    inQuangChau = r.json().id;
  });

  it("a commune user cannot read another commune's person (403) but its own commune can", async () => {
    const other = await app.inject({ method: 'GET', url: `/api/people/${inQuangChau}`, headers: { cookie: vanTrung } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    expect(other.body).not.toContain('Lê Văn Cường');
    const own = await app.inject({ method: 'GET', url: `/api/people/${inQuangChau}`, headers: { cookie: quangChau } });
    expect(own.statusCode).toBe(200);
  });

  it("lists only the actor's commune", async () => {
    const res = await app.inject({ method: 'GET', url: '/api/people?pageSize=100', headers: { cookie: vanTrung } });
    const communes = new Set(res.json().items.map((p: { communeCode: string }) => p.communeCode));
    expect([...communes]).toEqual(['07801']);
  });

  it('a commune user cannot create a person in another commune', async () => {
    const res = await post(vanTrung, { ...valid, nationalId: null, phone: null, fullName: 'Phạm Văn Dũng', sex: 'male', communeCode: '07807' });
    expect(res.statusCode).toBe(403);
  });

  it('a viewer has no access to personal records', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/people', headers: { cookie: viewer } });
    expect(res.statusCode).toBe(403);
  });

  it('a community team sees the ID number masked', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/people?q=hoa', headers: { cookie: team } });
    const hoa = res.json().items.find((p: { nationalId: string | null }) => p.nationalId);
    expect(hoa.nationalId).toBe('********1234');
    expect(hoa.masked).toBe(true);
  });
});

describe('reading and listing', () => {
  it('audits the read of one person: who, which record, from where', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/people?q=binh', headers: { cookie: cdc } });
    const id = list.json().items[0].id;
    const res = await app.inject({ method: 'GET', url: `/api/people/${id}`, headers: { cookie: cdc }, remoteAddress: '10.1.2.3' });
    expect(res.statusCode).toBe(200);
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'read').where('record_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ username: 't_cdc', role: 'cdc', record_kind: 'person', ip: '10.1.2.3' });
  });

  it('searches without accents and by phone', async () => {
    const byName = await app.inject({ method: 'GET', url: '/api/people?q=tran%20van%20binh', headers: { cookie: cdc } });
    expect(byName.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['Trần Văn Bình']);
    const byPhone = await app.inject({ method: 'GET', url: '/api/people?q=0987', headers: { cookie: cdc } });
    expect(byPhone.json().total).toBe(1);
  });

  it('pages and sorts by given name, the Vietnamese way', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/people?sort=fullName&pageSize=2&page=1', headers: { cookie: cdc } });
    const body = res.json();
    expect(body.items).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(4);
    // Given names: Bình < Cường < Hoa
    expect(body.items[0].fullName).toBe('Trần Văn Bình');
    expect(body.items[1].fullName).toBe('Lê Văn Cường');
  });

  it('answers 404 for a person that does not exist', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/people/999999', headers: { cookie: cdc } });
    expect(res.statusCode).toBe(404);
  });

  it('updates a person and audits before and after', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/people?q=binh', headers: { cookie: cdc } });
    const id = list.json().items[0].id;
    const res = await app.inject({ method: 'PATCH', url: `/api/people/${id}`, headers: { cookie: cdc }, payload: { phone: '0977 111 222' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().phone).toBe('0977111222');
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'update').where('record_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ before: { phone: '0987654321' }, after: { phone: '0977111222' } });
  });
});

async function sheet(rows: Array<Array<string | Date | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Số CCCD/CMND', 'Số điện thoại', 'Mã xã/phường', 'Địa chỉ (thôn, đường)']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (cookie: string, body: Buffer, query = '') =>
  app.inject({ method: 'POST', url: `/api/people/import${query}`, headers: { cookie, 'content-type': XLSX_MIME }, payload: body });

describe('XLSX import', () => {
  it('rejects a file with one bad row, reports row and field, and writes nothing', async () => {
    const before = await personCount();
    const beforeAudit = (await sql<{ n: number }>`select count(*) as n from audit_log where action = 'create'`.execute(t.db)).rows[0]!.n;
    const file = await sheet([
      ['Đỗ Văn Em', 'Nam', '02/03/1988', '', '0912000111', '07801', 'Thôn A'],
      ['Bùi Thị Gấm', 'Nữ', '15/07/1999', '', '0912abc', '07801', 'Thôn B'],
      ['Hồ Văn Hải', 'Nam', '01/01/2990', '', '', '07801', ''],
    ]);
    const res = await upload(cdc, file);
    expect(res.statusCode).toBe(400);
    const issues = res.json().error.details.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: 'phone' }),
        expect.objectContaining({ row: 4, field: 'dateOfBirth', code: 'FUTURE_DATE' }),
      ]),
    );
    expect(res.json().error.message.vi).toMatch(/^Dòng 3:/);
    expect(await personCount()).toBe(before);
    expect((await sql<{ n: number }>`select count(*) as n from audit_log where action = 'create'`.execute(t.db)).rows[0]!.n).toBe(beforeAudit);
  });

  it('rejects something that is not a workbook', async () => {
    const res = await upload(cdc, Buffer.from('this is not a spreadsheet'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_FILE');
  });

  it('rejects a sheet without the required columns, naming them', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['Tên', 'Tuổi']);
    const res = await upload(cdc, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message.en).toContain('Full name');
  });

  it('reports duplicates inside the file and against the register', async () => {
    const file = await sheet([
      ['Đỗ Văn Em', 'Nam', '02/03/1988', '024088000001', '', '07801', ''],
      ['Đỗ Văn Em', 'Nam', '02/03/1988', '024088000001', '', '07801', ''],
      ['Nguyễn Thị Hoa', 'Nữ', '12/04/1995', '024195001234', '', '07801', ''],
    ]);
    const res = await upload(cdc, file);
    expect(res.statusCode).toBe(400);
    const codes = res.json().error.details.issues.map((i: { row: number; code: string }) => `${i.row}:${i.code}`);
    expect(codes).toEqual(['3:DUPLICATE_IN_FILE', '4:DUPLICATE']);
  });

  it('dry-runs without writing, then imports all rows, dates as real calendar dates', async () => {
    const before = await personCount();
    const file = await sheet([
      ['Đỗ Văn Em', 'Nam', new Date(Date.UTC(1988, 2, 2)), '024088000001', '0912000111', '07801', 'Thôn A'],
      ['Bùi Thị Gấm', 'Nữ', '15/07/1999', '', '0912000222', '07801', 'Thôn B'],
    ]);
    const dry = await upload(cdc, file, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, total: 2, created: 0 });
    expect(await personCount()).toBe(before);
    const real = await upload(cdc, file);
    expect(real.json()).toMatchObject({ dryRun: false, total: 2, created: 2 });
    expect(await personCount()).toBe(before + 2);
    const em = await app.inject({ method: 'GET', url: '/api/people?q=do%20van%20em', headers: { cookie: cdc } });
    expect(em.json().items[0].dateOfBirth).toBe('1988-03-02');
  });

  it('refuses rows outside the importer’s commune', async () => {
    const file = await sheet([['Vũ Văn Khoa', 'Nam', '', '', '', '07807', '']]);
    const res = await upload(vanTrung, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0]).toMatchObject({ row: 2, field: 'communeCode', code: 'OUT_OF_SCOPE' });
  });
});

describe('XLSX export and template', () => {
  it('exports the filtered list as a workbook and audits the export', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/people/export.xlsx?communeCode=07801', headers: { cookie: cdc } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('Họ và tên');
    expect(ws.rowCount - 1).toBeGreaterThanOrEqual(4);
    const entry = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').executeTakeFirstOrThrow();
    expect(entry.username).toBe('t_cdc');
  });

  it('neutralises text a spreadsheet would run as a formula', async () => {
    await t.db.insertInto('person').values({
      province_code: '24', district_code: '222', commune_code: '07807', full_name: '=HYPERLINK("http://x","bấm")',
      name_search: 'hyperlink', sex: 'male', address_detail: '+cmd|calc',
    }).execute();
    const res = await app.inject({ method: 'GET', url: '/api/people/export.xlsx?q=hyperlink', headers: { cookie: cdc } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(2);
    const texts = (row.values as unknown[]).filter((v): v is string => typeof v === 'string');
    expect(texts).toContain(`'=HYPERLINK("http://x","bấm")`);
    expect(texts).toContain(`'+cmd|calc`);
  });

  it('serves a template that imports cleanly as a dry run', async () => {
    const tpl = await app.inject({ method: 'GET', url: '/api/people/import-template.xlsx', headers: { cookie: cdc } });
    expect(tpl.statusCode).toBe(200);
    const res = await upload(cdc, tpl.rawPayload, '?dryRun=true');
    expect(res.statusCode).toBe(200);
  });
});
