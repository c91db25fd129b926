import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { createUser } from '../auth/auth.service.ts';

let t: TestDb;
let app: App;
let cdc: string;
let vanTrung: string;
let chot: string;
let viewer: string;
let known: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  await createUser(t.db, { username: 't_chot', role: 'checkpoint', scopeKind: 'district', scopeCode: '222', password: TEST_PASSWORD, fullName: 'Chốt', provinceCode: '24' });
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  vanTrung = await loginAs(app, 't_vantrung');
  chot = await loginAs(app, 't_chot');
  viewer = await loginAs(app, 't_viewer');
  // Someone of Quang Châu: a Vân Trung user finds them too (the search is province-wide).
  known = (await t.db.insertInto('person').values({
    province_code: '24', district_code: '222', commune_code: '07807', full_name: 'Nguyễn Thị Hường', name_search: foldVietnamese('Nguyễn Thị Hường'), sex: 'female',
    phone: '0987654321', national_id: '024190000123', date_of_birth: '1990-05-06', address_detail: 'Thôn Đông',
  }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const get = (cookie: string, url: string) => app.inject({ url, headers: { cookie } });

describe('the arrival form\'s register search', () => {
  it('finds a person by name without accents, by phone or ID prefix, and masks per role', async () => {
    const byName = await get(cdc, '/api/arrivals/people?q=nguyen%20thi%20huong');
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json().items).toEqual([expect.objectContaining({ id: known, fullName: 'Nguyễn Thị Hường', phone: '0987654321', nationalId: '024190000123', communeCode: '07807' })]);
    expect((await get(vanTrung, '/api/arrivals/people?q=0987654')).json().items.map((p: { id: number }) => p.id)).toEqual([known]);
    expect((await get(cdc, '/api/arrivals/people?q=0241900')).json().items.map((p: { id: number }) => p.id)).toEqual([known]);
    // A checkpoint sees the person to pick, never their ID, phone or address.
    const masked = (await get(chot, '/api/arrivals/people?q=Hường')).json().items[0];
    expect(masked.id).toBe(known);
    expect(masked.phone).not.toBe('0987654321');
    expect(masked.nationalId).not.toBe('024190000123');
    expect(masked.addressDetail).not.toBe('Thôn Đông');
    expect((await get(cdc, '/api/arrivals/people?q=x')).json().items).toEqual([]);
    expect((await get(viewer, '/api/arrivals/people?q=huong')).statusCode).toBe(403);
    const audit = await t.db.selectFrom('audit_log').select('detail').where('record_kind', '=', 'person').where('action', '=', 'list').execute();
    expect(audit.some((a) => (a.detail as { purpose?: string; ids?: number[] }).purpose === 'form_search' && (a.detail as { ids: number[] }).ids.includes(known))).toBe(true);
  });

  it('logs an arrival of the picked person without registering anyone', async () => {
    const before = (await t.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const res = await app.inject({
      method: 'POST', url: '/api/arrivals', headers: { cookie: chot },
      payload: {
        person: { personId: known, fullName: 'Nguyễn Thị Hường' }, originProvinceCode: '27', originLevel: 'none', means: 'motorbike', communeCode: '07807',
        destAddress: 'Thôn Đông', category: 'ordinary', checkpointId: null,
      },
    });
    // A checkpoint user must name the checkpoint: the person was accepted, the checkpoint is what is missing.
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['checkpointId']);
    const ok = await app.inject({
      method: 'POST', url: '/api/arrivals', headers: { cookie: vanTrung },
      payload: { person: { personId: known }, originProvinceCode: '27', originLevel: 'none', means: 'motorbike', communeCode: '07801', destAddress: 'Thôn Trung', category: 'ordinary' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().arrival.personId).toBe(known);
    expect(Number((await t.db.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(Number(before));
  });
});

describe('the arrivals import\'s error report', () => {
  const sheet = async (rows: string[][]) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Người đến');
    ws.addRow(['Họ và tên', 'Giới tính', 'Số điện thoại', 'Thời gian đến', 'Tỉnh nơi đi', 'Mức nơi đi', 'Phương tiện', 'Mã xã nơi đến', 'Địa chỉ nơi đến', 'Đối tượng']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const report = (cookie: string, file: Buffer) => app.inject({ method: 'POST', url: '/api/arrivals/import/report.xlsx', payload: file, headers: { cookie, 'content-type': XLSX_MIME } });
  const rowsOf = async (payload: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(payload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const out: string[][] = [];
    ws.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return out;
  };

  it('names the row, the column and the vi and en messages of each issue, and writes nothing', async () => {
    const file = await sheet([
      ['Trần Thị Lan', 'Nữ', '0914000001', '09/06/2021 08:30', 'Bắc Ninh', 'Vùng dịch', 'Xe máy', '07801', 'Thôn Trung Đồng', 'Người dân'],
      ['Trần Thị Hoa', 'Nữ', '0914000002', '09/06/2021 09:00', 'Bắc Ninh', 'Sao Hỏa', 'Xe máy', '07801', 'Thôn Trung Đồng', 'Người dân'],
      ['Trần Văn Nam', 'Nam', '0914000003', '09/06/2021 09:00', 'Bắc Ninh', 'Vùng dịch', 'Tàu bay', '07801', 'Thôn Trung Đồng', 'Người dân'],
    ]);
    const before = (await t.db.selectFrom('arrival').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const res = await report(vanTrung, file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain('bao-cao-loi-nhap-nguoi-den');
    expect(res.headers['x-issue-count']).toBe('2');
    const rows = await rowsOf(res.rawPayload);
    expect(rows[0]).toEqual(['Dòng / Row', 'Cột / Column', 'Mã lỗi / Code', 'Lỗi / Error (vi)', 'Error (en)']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([['3', 'Mức nơi đi / Origin level', 'INVALID'], ['4', 'Phương tiện / Means', 'INVALID']]);
    expect(rows[1]![3]).toContain('Sao Hỏa');
    expect(rows[1]![4]).toContain('Unknown origin level');
    expect((await t.db.selectFrom('arrival').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
  });

  it('gives the second pass\'s issues (units, reach) with the sheet\'s row numbers, and only the header for a clean file', async () => {
    const res = await report(vanTrung, await sheet([
      ['Trần Thị Lan', 'Nữ', '0914000001', '09/06/2021 08:30', 'Bắc Ninh', 'Vùng dịch', 'Xe máy', '07801', 'Thôn Trung Đồng', 'Người dân'],
      ['Trần Thị Hoa', 'Nữ', '0914000002', '09/06/2021 09:00', 'Không Có', 'Vùng dịch', 'Xe máy', '07801', 'Thôn Trung Đồng', 'Người dân'],
    ]));
    const rows = await rowsOf(res.rawPayload);
    expect(rows.slice(1).map((r) => `${r[0]}:${r[1]}`)).toEqual(['3:Tỉnh nơi đi / Origin province']);
    const clean = await report(vanTrung, await sheet([['Trần Thị Lan', 'Nữ', '0914000001', '09/06/2021 08:30', 'Bắc Ninh', 'Vùng dịch', 'Xe máy', '07801', 'Thôn Trung Đồng', 'Người dân']]));
    expect(clean.headers['x-issue-count']).toBe('0');
    expect((await rowsOf(clean.rawPayload)).length).toBe(1);
    expect((await report(viewer, await sheet([]))).statusCode).toBe(403);
  });
});
