import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { movementSums } from './supplies.repository.ts';

let t: TestDb;
let app: App;
const s: Record<string, string> = {};
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload: unknown, who = 'cdc') =>
  app.inject({ method, url, headers: { cookie: s[who]! }, ...(payload === undefined ? {} : { payload: payload as object }) });

let fa: number, fb: number, mask: number, kit: number;
const stockOf = async (facilityId: number, itemId: number) =>
  ((await inject('GET', `/api/supplies/stock?facilityId=${facilityId}`, undefined)).json().items.find((i: { itemId: number }) => i.itemId === itemId)?.quantity ?? 0) as number;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const [k, u] of Object.entries({ cdc: 't_cdc', district: 't_district', commune: 't_vantrung', viewer: 't_viewer' })) s[k] = await loginAs(app, u);
  const unit = async (name: string, commune: string) =>
    (await t.db.insertInto('org_unit').values({ kind: 'quarantine_facility', name, province_code: '24', district_code: '222', commune_code: commune }).returning('id').executeTakeFirstOrThrow()).id;
  fa = await unit('Khu cách ly Trường Cao đẳng', '07801');
  fb = await unit('Khu cách ly Ký túc xá', '07807');
  const item = async (code: string, name: string, unit: string, category: string) => {
    const r = await inject('POST', '/api/supplies/items', { code, name, unit, category });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };
  mask = await item('km-n95', 'Khẩu trang N95', 'chiếc', 'mask');
  kit = await item('test-nhanh', 'Test nhanh kháng nguyên', 'test', 'test_kit');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('stock', () => {
  it('keeps stock the sum of movements and refuses an issue beyond it', async () => {
    const mv = (body: object, who = 'cdc') => inject('POST', '/api/supplies/movements', body, who);
    expect((await mv({ facilityId: fa, itemId: mask, kind: 'receipt', quantity: 100, movedOn: '2021-05-20' })).statusCode).toBe(201);
    expect((await mv({ facilityId: fa, itemId: mask, kind: 'issue', quantity: 30, movedOn: '2021-05-21' })).statusCode).toBe(201);
    const over = await mv({ facilityId: fa, itemId: mask, kind: 'issue', quantity: 71 });
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { available: 70 } });
    expect(await stockOf(fa, mask)).toBe(70);
    expect((await mv({ facilityId: fa, itemId: mask, kind: 'adjustment', quantity: -5 })).json().error.details.issues[0].field).toBe('reason');
    expect((await mv({ facilityId: fa, itemId: mask, kind: 'adjustment', quantity: -5, reason: 'Hỏng do ẩm' })).statusCode).toBe(201);
    expect(await stockOf(fa, mask)).toBe(65);
  });

  it('transfers as two linked movements and reverses both legs once', async () => {
    const tr = await inject('POST', '/api/supplies/transfers', { fromFacilityId: fa, toFacilityId: fb, itemId: mask, quantity: 50, documentNo: 'PX-01' });
    expect(tr.statusCode, tr.body).toBe(201);
    expect([await stockOf(fa, mask), await stockOf(fb, mask)]).toEqual([15, 50]);
    const moves = (await inject('GET', `/api/supplies/movements?facilityId=${fb}`, undefined)).json();
    expect(moves.items[0]).toMatchObject({ kind: 'transfer_in', quantity: 50, linkedId: tr.json().outId, linkedFacilityName: 'Khu cách ly Trường Cao đẳng' });
    // The receiver used 10: the transfer can no longer be reversed in full.
    await inject('POST', '/api/supplies/movements', { facilityId: fb, itemId: mask, kind: 'issue', quantity: 10 });
    expect((await inject('POST', `/api/supplies/movements/${tr.json().outId}/reverse`, { reason: 'Nhầm cơ sở' })).json().error.code).toBe('INSUFFICIENT_STOCK');
    await inject('POST', '/api/supplies/movements', { facilityId: fb, itemId: mask, kind: 'receipt', quantity: 10 });
    const rev = await inject('POST', `/api/supplies/movements/${tr.json().outId}/reverse`, { reason: 'Nhầm cơ sở' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect([await stockOf(fa, mask), await stockOf(fb, mask)]).toEqual([65, 0]);
    expect((await inject('POST', `/api/supplies/movements/${tr.json().inId}/reverse`, { reason: 'Lần nữa' })).json().error.code).toBe('ALREADY_REVERSED');
    expect((await inject('POST', `/api/supplies/movements/${rev.json().ids[0]}/reverse`, { reason: 'Đảo của đảo' })).json().error.code).toBe('NOT_REVERSIBLE');
    const sums = await movementSums(t.db, '24');
    const stock = (await inject('GET', '/api/supplies/stock', undefined)).json().items;
    for (const r of stock) expect(Number(sums.find((x) => x.facility_id === r.facilityId && x.item_id === r.itemId)?.quantity ?? 0)).toBe(r.quantity);
  });

  it('alerts below a threshold, per facility', async () => {
    expect((await inject('PUT', '/api/supplies/thresholds', { facilityId: fa, itemId: mask, minQuantity: 80 })).statusCode).toBe(200);
    expect((await inject('PUT', '/api/supplies/thresholds', { facilityId: fb, itemId: kit, minQuantity: 0 })).statusCode).toBe(200);
    const alerts = (await inject('GET', '/api/supplies/alerts', undefined)).json().items;
    expect(alerts.map((a: { facilityId: number; itemId: number }) => [a.facilityId, a.itemId])).toEqual([[fa, mask]]);
  });

  it('keeps writers to their area and the commune to reading', async () => {
    expect((await inject('POST', '/api/supplies/movements', { facilityId: fa, itemId: mask, kind: 'receipt', quantity: 1 }, 'commune')).statusCode).toBe(403);
    expect((await inject('GET', '/api/supplies/stock', undefined, 'commune')).json().items.every((i: { facilityId: number }) => i.facilityId === fa)).toBe(true);
    expect((await inject('POST', '/api/supplies/movements', { facilityId: fa, itemId: mask, kind: 'receipt', quantity: 1 }, 'district')).statusCode).toBe(201);
    expect((await inject('POST', '/api/supplies/spending', { item: 'Xăng xe', amountVnd: 1 }, 'district')).statusCode).toBe(403);
    expect((await inject('GET', '/api/supplies/budget', undefined, 'viewer')).statusCode).toBe(200);
  });
});

describe('cash ledgers', () => {
  it('balances: cash in − out, reversals as entries, goods received into stock', async () => {
    const d1 = await inject('POST', '/api/supplies/donations', { donor: 'Công ty TNHH Fuhong', kind: 'cash', valueVnd: 10_000_000, receivedOn: '2021-05-20', purpose: 'Mua test nhanh' });
    expect(d1.statusCode, d1.body).toBe(201);
    await inject('POST', '/api/supplies/donations', { donor: 'Hội Chữ thập đỏ', kind: 'cash', valueVnd: 2_500_000, receivedOn: '2021-05-22' });
    const goods = await inject('POST', '/api/supplies/donations', { donor: 'Tập đoàn Viettel', kind: 'goods', itemId: kit, quantity: 500, valueVnd: 50_000_000, facilityId: fb, receivedOn: '2021-05-23' });
    expect(goods.statusCode, goods.body).toBe(201);
    expect(await stockOf(fb, kit)).toBe(500);
    const sp = await inject('POST', '/api/supplies/spending', { item: 'Test nhanh', amountVnd: 3_000_000, spentOn: '2021-05-24', documentNo: 'PC-12' });
    await inject('POST', '/api/supplies/spending', { item: 'Suất ăn cách ly', amountVnd: 1_200_000, spentOn: '2021-05-24' });
    expect((await inject('POST', `/api/supplies/spending/${sp.json().id}/reverse`, { reason: 'Nhập trùng' })).statusCode).toBe(201);
    expect((await inject('POST', `/api/supplies/spending/${sp.json().id}/reverse`, { reason: 'Nhập trùng' })).json().error.code).toBe('ALREADY_REVERSED');
    const rd = await inject('POST', `/api/supplies/donations/${d1.json().id}/reverse`, { reason: 'Chuyển nhầm' });
    expect(rd.statusCode, rd.body).toBe(201);

    const budget = (await inject('GET', '/api/supplies/budget', undefined)).json();
    const donations = (await inject('GET', '/api/supplies/donations?pageSize=500', undefined)).json().items;
    const spending = (await inject('GET', '/api/supplies/spending?pageSize=500', undefined)).json().items;
    const sum = (xs: Array<{ v: number }>) => xs.reduce((a, x) => a + x.v, 0);
    expect(budget.cashIn).toBe(sum(donations.filter((d: { kind: string }) => d.kind === 'cash').map((d: { valueVnd: number }) => ({ v: d.valueVnd }))));
    expect(budget.cashOut).toBe(sum(spending.map((x: { amountVnd: number }) => ({ v: x.amountVnd }))));
    expect(budget).toMatchObject({ cashIn: 2_500_000, cashOut: 1_200_000, balance: 1_300_000, goodsValue: 50_000_000 });
    expect(budget.spendingByItem).toEqual([{ item: 'Suất ăn cách ly', amountVnd: 1_200_000 }, { item: 'Test nhanh', amountVnd: 0 }]);

    // Reversing the goods donation takes its receipt back out of stock.
    expect((await inject('POST', `/api/supplies/donations/${goods.json().id}/reverse`, { reason: 'Trả lại' })).statusCode).toBe(201);
    expect(await stockOf(fb, kit)).toBe(0);
  });

  it('exports each ledger as XLSX with totals', async () => {
    for (const ledger of ['donations', 'spending', 'movements', 'stock']) {
      const res = await inject('GET', `/api/supplies/export/${ledger}`, undefined);
      expect(res.statusCode, ledger).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getRow(4).getCell(1).value).toBe('STT');
    }
    const res = await inject('GET', '/api/supplies/export/spending', undefined);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(ws.rowCount).getCell(4).value).toBe(1_200_000);
  });
});
