import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie: cdc }, ...(payload === undefined ? {} : { payload: payload as object }) });
const upload = (csv: string, mode: 'all_or_nothing' | 'per_row') => app.inject({
  method: 'POST', url: `/api/testing/lab-results?mode=${mode}&fileName=ket-qua.csv`, headers: { cookie: cdc, 'content-type': 'text/csv' }, payload: Buffer.from(csv),
});

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  const people: number[] = [];
  for (let i = 0; i < 13; i++) {
    const name = `Trần Thị ${['An', 'Bích', 'Cúc', 'Dung', 'Giao', 'Hạnh', 'Khuê', 'Liên', 'Mai', 'Nga', 'Oanh', 'Phương', 'Quyên'][i]}`;
    people.push((await t.db.insertInto('person').values({ ...AREA, full_name: name, name_search: foldVietnamese(name), sex: 'female' }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const pooled = (await inject('POST', '/api/testing/rounds', { targetKind: 'list', targetLabel: 'Xưởng B', personIds: people.slice(0, 10), scheduledOn: '2021-06-09', method: 'rt_pcr_pool', riskLevel: 'high' })).json();
  for (let i = 0; i < 10; i++) expect((await inject('POST', `/api/testing/rounds/${pooled.id}/samples`, { personId: people[i], barcode: i < 5 ? 'POOL-1' : 'POOL-2' })).statusCode).toBe(201);
  const single = (await inject('POST', '/api/testing/rounds', { targetKind: 'list', targetLabel: 'Chốt kiểm dịch', personIds: people.slice(10), scheduledOn: '2021-06-09', method: 'rt_pcr' })).json();
  for (let i = 10; i < 13; i++) expect((await inject('POST', `/api/testing/rounds/${single.id}/samples`, { personId: people[i], barcode: `TUBE-${i}` })).statusCode).toBe(201);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const FILE = [
  'Mã ống;Kết quả;Ct;Ngày xét nghiệm;Phòng xét nghiệm',
  'POOL-1;Âm tính;;10/06/2021;CDC Bắc Giang',
  'POOL-2;Dương tính;26,5;10/06/2021;CDC Bắc Giang',
  'TUBE-10;Âm tính;;10/06/2021;CDC Bắc Giang',
  'TUBE-11;Không xác định;;10/06/2021;CDC Bắc Giang',
  'TUBE-99;Âm tính;;10/06/2021;CDC Bắc Giang',
  'TUBE-10;Âm tính;;10/06/2021;CDC Bắc Giang',
  'TUBE-12;Âm tính;;08/06/2021;CDC Bắc Giang',
].join('\n');

describe('lab result import', () => {
  it('refuses the whole file in all-or-nothing mode, naming each bad row', async () => {
    const res = await upload(FILE, 'all_or_nothing');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'rejected', total: 7, applied: 0, rejected: 3 });
    expect(r.issues.map((i: { row: number; code: string }) => `${i.row}:${i.code}`)).toEqual(['6:UNKNOWN_BARCODE', '7:DUPLICATE', '8:RANGE']);
    const resulted = await t.db.selectFrom('sample').select('id').where('result', 'is not', null).execute();
    expect(resulted).toEqual([]);
    const report = await inject('GET', `/api/testing/lab-imports/${r.importId}/report.xlsx`);
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(4);
  });

  it('applies the valid rows in per-row mode: a negative pool clears, a positive pool and an invalid tube ask for re-tests', async () => {
    const r = (await upload(FILE, 'per_row')).json();
    expect(r).toMatchObject({ status: 'applied', applied: 4, rejected: 3, cleared: 5, retests: 6, caseIds: [] });
    const retests = (await inject('GET', '/api/testing/retests?status=open')).json();
    expect(retests.items.map((x: { reason: string }) => x.reason).sort()).toEqual([...Array(5).fill('pool_positive'), 'invalid_result'].sort());
    // The same file again changes nothing.
    const again = (await upload(FILE, 'per_row')).json();
    expect(again).toMatchObject({ duplicateOf: r.importId, applied: 0 });
    expect((await inject('GET', '/api/testing/retests?status=open')).json().total).toBe(6);
    // Another file: the same result is unchanged, a different one is refused.
    const other = (await upload('Barcode,Result,Test date\nPOOL-1,negative,2021-06-10\nTUBE-10,positive,2021-06-10\n', 'per_row')).json();
    expect(other).toMatchObject({ applied: 0, unchanged: 1, rejected: 1 });
    expect(other.issues[0]).toMatchObject({ row: 3, code: 'ALREADY_RESULTED' });
  });

  it('counts tubes against lab capacity, with the backlog and turnaround', async () => {
    await t.db.insertInto('org_unit').values({ kind: 'lab', name: 'CDC Bắc Giang', ...AREA, attrs: JSON.stringify({ capacityPerDay: 3 }) }).execute();
    const r = (await inject('GET', '/api/testing/capacity?from=2021-06-09&to=2021-06-10')).json();
    // Two pools and three tubes taken on 09/06; four results on 10/06 (TUBE-12's was refused).
    expect(r.days).toMatchObject([
      { date: '2021-06-09', taken: 5, resulted: 0, backlog: 5 },
      { date: '2021-06-10', taken: 0, resulted: 4, backlog: 1, labs: [{ lab: 'CDC Bắc Giang', resulted: 4, avgTurnaroundDays: 1, capacityPerDay: 3, overCapacity: true }] },
    ]);
    expect(r.totalCapacity).toBe(3);
  });
});
