import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
const s: Record<string, string> = {};
const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload: unknown, who: string) =>
  app.inject({ method, url, headers: { cookie: s[who]! }, ...(payload === undefined ? {} : { payload: payload as object }) });
const PERIOD = { from: '2021-04-27', to: '2021-06-30' };

let idSeq = 0;
async function person(name: string, dob: string) {
  return (await t.db.insertInto('person').values({ ...AREA, full_name: name, name_search: foldVietnamese(name), sex: 'female', date_of_birth: dob, national_id: `0012${String(++idSeq).padStart(8, '0')}` })
    .returning('id').executeTakeFirstOrThrow()).id;
}
async function f1Order(personId: number, from: string, to: string, source: number | null) {
  return (await t.db.insertInto('quarantine_order').values({ province_code: '24', person_id: personId, kind: 'centralized', subject: 'f1', start_date: from, end_date: to, status: 'released', source_person_id: source })
    .returning('id').executeTakeFirstOrThrow()).id;
}
let caseSeq = 0;
async function f0Stay(personId: number, from: string, to: string) {
  const c = await t.db.insertInto('covid_case').values({
    ...AREA, case_code: `BN-S${++caseSeq}`, person_id: personId, sample_date: from, confirmation_date: from, detection: 'community', classification: 'community', status: 'recovered',
  }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('treatment_admission').values({ province_code: '24', case_id: c.id, person_id: personId, care_level: 'tier1', risk_group: 'low', admitted_on: from, ended_on: to, outcome: 'recovered' }).execute();
  return c.id;
}
const decide = (episodeKind: string, episodeId: number, personId: number) =>
  inject('PUT', '/api/support/decisions', { episodeKind, episodeId, personId, decisionNo: `${episodeId}/QĐ-UBND`, decisionDate: '2021-05-01', issuedBy: 'UBND huyện Việt Yên' }, 'commune');
const bank = (personId: number) => inject('PUT', `/api/support/people/${personId}/payment-details`, { method: 'bank', bankName: 'Agribank', accountNo: '2500 2050 12345', holderName: 'NGUYEN VAN A' }, 'commune');
const eligible = async (query = '') => {
  const r = await inject('GET', `/api/support/eligibility?communeCode=07801&from=${PERIOD.from}&to=${PERIOD.to}&pageSize=100${query}`, undefined, 'commune');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

let source: number, adult: number, child: number, orphan: number, f0: number;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const [k, u] of Object.entries({ admin: 't_admin', cdc: 't_cdc', district: 't_district', commune: 't_vantrung', other: 't_quangchau', viewer: 't_viewer' })) s[k] = await loginAs(app, u);
  source = await person('Nguồn Lây', '1980-01-01');
  adult = await person('Trần Thị Lớn', '1990-03-04');
  child = await person('Lê Văn Bé', '2010-05-06');
  orphan = await person('Phạm Thị Thiếu', '1985-07-08');
  f0 = await person('Hoàng Văn Khỏi', '1975-09-10');
  const a = await f1Order(adult, '2021-05-01', '2021-05-31', source);
  const b = await f1Order(child, '2021-05-05', '2021-05-14', source);
  await f1Order(orphan, '2021-05-01', '2021-05-10', null);
  const d1 = await f1Order(f0, '2021-04-28', '2021-05-01', source);
  const d0 = await f0Stay(f0, '2021-05-01', '2021-07-01');
  for (const [kind, id, p] of [['quarantine_order', a, adult], ['quarantine_order', b, child], ['quarantine_order', d1, f0], ['covid_case', d0, f0]] as const) {
    expect((await decide(kind, id, p)).statusCode).toBe(200);
  }
  for (const p of [adult, f0]) expect((await bank(p)).statusCode).toBe(200);
  expect((await inject('PUT', `/api/support/people/${child}/payment-details`, { method: 'cash' }, 'commune')).statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('NQ68 eligibility', () => {
  it('computes days with caps, the child bonus, overlaps once, and lists what is missing', async () => {
    const e = await eligible();
    const of = (id: number) => e.items.filter((l: { personId: number }) => l.personId === id);
    expect(of(adult)[0]).toMatchObject({ subject: 'f1', days: 21, daysAmount: 1_680_000, childBonus: 0, total: 1_680_000, missing: [], beyondCapDays: 10 });
    expect(of(child)[0]).toMatchObject({ days: 10, childBonus: 1_000_000, total: 1_800_000, child: true, missing: [] });
    expect(of(orphan)[0].missing).toEqual(['no_decision', 'no_source_f0', 'no_payment_details']);
    // The F1 order ends on the day the F0's treatment starts: 4 F1 days, then 45 F0 days of which the first (05-01) is already taken.
    const [q, c] = of(f0);
    expect(q).toMatchObject({ subject: 'f1', days: 4 });
    expect(c).toMatchObject({ subject: 'f0', days: 44, overlapDays: 1, beyondCapDays: 16 });
    expect(e.summary).toMatchObject({ complete: 4, missing: { no_decision: 1, no_source_f0: 1, no_payment_details: 1 } });
    const onlySource = await eligible('&missing=no_source_f0');
    expect(onlySource.items.map((l: { personId: number }) => l.personId)).toEqual([orphan]);
    expect((await eligible('&show=complete')).total).toBe(4);
  });

  it('keeps a commune to its own lists and the viewer out', async () => {
    expect((await inject('GET', `/api/support/eligibility?communeCode=07801&from=${PERIOD.from}&to=${PERIOD.to}`, undefined, 'other')).statusCode).toBe(403);
    expect((await inject('GET', `/api/support/eligibility?communeCode=07801&from=${PERIOD.from}&to=${PERIOD.to}`, undefined, 'viewer')).statusCode).toBe(403);
    expect((await inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD }, 'other')).statusCode).toBe(403);
    expect((await inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD }, 'district')).statusCode).toBe(403);
    expect((await inject('GET', `/api/support/eligibility?communeCode=07801&from=${PERIOD.from}&to=${PERIOD.to}`, undefined, 'district')).statusCode).toBe(200);
  });
});

describe('payment lists', () => {
  let listId: number;
  it('prepares a list of complete lines and never pays the same days twice', async () => {
    const [a, b] = await Promise.all([
      inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD }, 'commune'),
      inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD }, 'commune'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const list = (a.statusCode === 201 ? a : b).json();
    listId = list.id;
    expect(list).toMatchObject({ status: 'prepared', lineCount: 4, totalAmount: 1_680_000 + 1_800_000 + 4 * 80_000 + 44 * 80_000 });
    const again = await inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD }, 'commune');
    expect(again.json().error.code).toBe('NOTHING_TO_PAY');
    const after = await eligible();
    const adultLine = after.items.find((l: { personId: number }) => l.personId === adult);
    expect(adultLine).toMatchObject({ days: 0, alreadyClaimedDays: 21, total: 0 });
    const claims = await t.db.selectFrom('support_day_claim').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('day').distinct().as('d')]).where('person_id', '=', f0).executeTakeFirstOrThrow();
    expect(Number(claims.n)).toBe(48);
  });

  it('moves through commune → district → province → paid, by the right roles only', async () => {
    const act = (action: string, who: string, body: object = {}) => inject('POST', `/api/support/lists/${listId}/${action}`, body, who);
    expect((await act('check', 'district')).json().error.code).toBe('BAD_TRANSITION');
    expect((await act('submit', 'other')).statusCode).toBe(404);
    expect((await act('submit', 'commune')).json().status).toBe('submitted');
    expect((await act('check', 'commune')).statusCode).toBe(403);
    expect((await act('check', 'district')).json().status).toBe('checked');
    expect((await act('approve', 'district')).statusCode).toBe(403);
    const approved = await act('approve', 'admin');
    expect(approved.json().status).toBe('approved');
    const paid = await act('pay', 'commune', { paidOn: '2021-07-15', reference: 'UNC 123' });
    expect(paid.json()).toMatchObject({ status: 'paid', paidOn: '2021-07-15', paidReference: 'UNC 123' });
    expect(paid.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['prepared', 'submitted', 'checked', 'approved', 'paid']);
    expect((await act('return', 'admin', { reason: 'x' })).json().error.code).toBe('BAD_TRANSITION');
  });

  it('writes the payment list XLSX with totals', async () => {
    const res = await inject('GET', `/api/support/lists/${listId}/xlsx`, undefined, 'district');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(4).getCell(2).value).toBe('Họ và tên');
    const totals = ws.getRow(4 + 4 + 1);
    expect(totals.getCell(2).value).toBe('Tổng cộng');
    expect(totals.getCell(13).value).toBe(1_000_000);
    expect(totals.getCell(14).value).toBe(1_680_000 + 1_800_000 + 48 * 80_000);
  });

  it('a returned list releases its days for another list', async () => {
    const late = await person('Đỗ Văn Sau', '1999-01-01');
    const o = await f1Order(late, '2021-06-01', '2021-06-05', source);
    await decide('quarantine_order', o, late);
    await bank(late);
    const list = (await inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD, personIds: [late] }, 'commune')).json();
    expect(list).toMatchObject({ lineCount: 1, totalAmount: 400_000 });
    expect((await inject('POST', `/api/support/lists/${list.id}/submit`, {}, 'commune')).statusCode).toBe(200);
    expect((await inject('POST', `/api/support/lists/${list.id}/return`, {}, 'district')).json().error.code).toBe('REASON_REQUIRED');
    const returned = await inject('POST', `/api/support/lists/${list.id}/return`, { reason: 'Sai số tài khoản' }, 'district');
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: 'Sai số tài khoản' });
    expect((await eligible()).items.find((l: { personId: number }) => l.personId === late)).toMatchObject({ days: 5 });
    const again = await inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD, personIds: [late] }, 'commune');
    expect(again.statusCode).toBe(201);
    const notPayable = await inject('POST', '/api/support/lists', { communeCode: '07801', ...PERIOD, personIds: [orphan] }, 'commune');
    expect(notPayable.json().error).toMatchObject({ code: 'NOT_PAYABLE', details: { personIds: [orphan] } });
    const lists = (await inject('GET', '/api/support/lists', undefined, 'district')).json();
    expect(lists.items.map((l: { status: string }) => l.status)).toEqual(['prepared', 'returned', 'paid']);
    expect((await inject('GET', '/api/support/lists', undefined, 'other')).json().total).toBe(0);
  });

  it('takes rates and caps from a province version', async () => {
    const added = await inject('POST', '/api/support/rules', {
      code: 'bg-2021-07', document: 'NQ tỉnh', name: { vi: 'Mức tỉnh', en: 'Province rate' }, effectiveFrom: '2021-07-01', effectiveTo: null,
      dailyRate: 100_000, f0MaxDays: 45, f1MaxDays: 14, childBonus: 1_000_000, childUnderAge: 16, childBonusOnce: 'person', f1HomeEligible: true,
    }, 'admin');
    expect(added.statusCode, added.body).toBe(201);
    const late = await person('Vũ Thị Tháng Bảy', '1990-01-01');
    await f1Order(late, '2021-07-01', '2021-07-31', source);
    const r = (await inject('GET', '/api/support/eligibility?communeCode=07801&from=2021-07-01&to=2021-07-31', undefined, 'commune')).json();
    expect(r.items.find((l: { personId: number }) => l.personId === late)).toMatchObject({ days: 14, daysAmount: 1_400_000, ruleCode: 'bg-2021-07' });
    expect((await inject('GET', '/api/support/rules', undefined, 'commune')).json().items.map((v: { source: string }) => v.source)).toEqual(['built_in', 'configured']);
  });
});
