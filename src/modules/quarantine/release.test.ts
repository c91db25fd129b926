import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
let facilityId: number;
const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie: cdc }, ...(payload === undefined ? {} : { payload: payload as object }) });

let seq = 0;
async function person(name = `Người Ra Viện ${++seq}`) {
  const p = await t.db.insertInto('person').values({ ...AREA, full_name: name, name_search: foldVietnamese(name), sex: 'female', national_id: `0240900${String(seq).padStart(5, '0')}` })
    .returning('id').executeTakeFirstOrThrow();
  return p.id;
}

/** An F1 from 20/07/2021 (Công văn 5599: 14 days, tests on days 1, 7 and 14 = 20/07, 26/07, 02/08), placed in a room. */
async function stay(roomId: number) {
  const id = await person();
  const res = await inject('POST', '/api/quarantine/orders', {
    personId: id, kind: 'centralized', subject: 'f1', startDate: '2021-07-20', riskGroup: 'high',
    source: { personId: await person(), kind: 'workshop_shift', groupId: null, date: '2021-07-18' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const orderId = res.json().id as number;
  const placed = await inject('POST', '/api/quarantine/placement/confirm', { placements: [{ orderId, roomId }] });
  expect(placed.statusCode, placed.body).toBe(200);
  return { personId: id, orderId };
}

async function sample(personId: number, takenOn: string, result: 'negative' | 'positive' | null, method = 'rt_pcr') {
  const res = await inject('POST', '/api/samples', { personId, takenOn, method, ...(result ? { result: { result, resultedOn: takenOn } } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

let a: { personId: number; orderId: number }, b: typeof a, c: typeof a, d: typeof a;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  facilityId = (await t.db.insertInto('org_unit').values({ kind: 'quarantine_facility', name: 'Khu cách ly Ký túc xá Đình Trám', ...AREA }).returning('id').executeTakeFirstOrThrow()).id;
  expect((await inject('PUT', `/api/facilities/${facilityId}`, { kind: 'quarantine', category: 'dormitory', level: 'district', capacity: 4, staffName: 'Nguyễn Văn Trưởng' })).statusCode).toBe(200);
  const rooms = (await inject('POST', `/api/facilities/${facilityId}/rooms`, { rooms: [{ zone: 'A', label: 'A1', capacity: 2 }, { zone: 'A', label: 'A2', capacity: 2 }] })).json();
  a = await stay(rooms[0].id);
  b = await stay(rooms[0].id);
  c = await stay(rooms[1].id);
  d = await stay(rooms[1].id);
  for (const p of [a, b, c, d]) await sample(p.personId, '2021-07-20', 'negative');
  for (const p of [a, b, d]) await sample(p.personId, '2021-07-26', 'negative');
  // Day 14: A's sample is taken a day late (counts), B's is missing.
  await sample(a.personId, '2021-08-03', 'negative');
  await sample(d.personId, '2021-08-02', 'negative');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('test schedule, positive results, release and certificates', () => {
  it("lists the day's sampling by rule day and screening cycle, and exports it", async () => {
    const res = await inject('GET', `/api/quarantine/test-schedule?date=2021-07-26&facilityId=${facilityId}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ orderId: number; day: number; reasons: Array<{ reason: string }> }>;
    expect(items.map((i) => i.orderId).sort((x, y) => x - y)).toEqual([a.orderId, b.orderId, c.orderId, d.orderId]);
    // Day 7 is a rule day, and high risk is screened every 2 days (days 1, 3, 5, 7, ...).
    expect(items[0]!.day).toBe(7);
    expect(items[0]!.reasons.map((r) => r.reason)).toEqual(['rule_day', 'screening_cycle']);
    const day2 = (await inject('GET', `/api/quarantine/test-schedule?date=2021-07-21&facilityId=${facilityId}`)).json();
    expect(day2.items).toEqual([]);
    const xlsx = await inject('GET', `/api/quarantine/test-schedule.xlsx?date=2021-07-26&facilityId=${facilityId}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(4).value).toBe('Họ và tên / Full name');
    expect(ws.rowCount).toBe(3 + 4);
  });

  it('turns a positive RT-PCR into a case, ends the order and flags the room-mates; a repeat changes nothing', async () => {
    const s = await inject('POST', '/api/samples', { personId: c.personId, takenOn: '2021-07-28', method: 'rt_pcr', barcode: 'BG-0728-001' });
    const sampleId = s.json().id as number;
    const res = await inject('PUT', `/api/samples/${sampleId}/result`, { result: 'positive', resultedOn: '2021-07-29', ct: 22.5 });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.caseId).toBeGreaterThan(0);
    expect(out.flaggedOrderIds).toEqual([d.orderId]);
    const kase = (await inject('GET', `/api/cases/${out.caseId}`)).json();
    expect(kase).toMatchObject({ sampleDate: '2021-07-28', confirmationDate: '2021-07-29', classification: 'in_quarantine' });
    const orderC = await t.db.selectFrom('quarantine_order').select(['status', 'end_date']).where('id', '=', c.orderId).executeTakeFirstOrThrow();
    expect(orderC).toEqual({ status: 'became_case', end_date: '2021-07-28' });
    const again = await inject('PUT', `/api/samples/${sampleId}/result`, { result: 'positive', resultedOn: '2021-07-29', ct: 22.5 });
    expect(again.json()).toMatchObject({ caseId: out.caseId, flaggedOrderIds: [] });
    const other = await inject('PUT', `/api/samples/${sampleId}/result`, { result: 'negative', resultedOn: '2021-07-29' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('ALREADY_RESULTED');
    const dup = await inject('POST', '/api/samples', { personId: c.personId, takenOn: '2021-07-28', method: 'rt_pcr', barcode: 'BG-0728-001' });
    expect(dup.json().error.details.issues[0]).toMatchObject({ field: 'barcode', code: 'DUPLICATE' });
    // A positive rapid test confirms no one.
    const rapid = await sample(b.personId, '2021-07-30', 'positive', 'rapid_antigen');
    expect(rapid).toMatchObject({ caseId: null, needsConfirmation: true });
  });

  it('lists who is due and who is held with the reason', async () => {
    const before = (await inject('GET', `/api/quarantine/release?date=2021-08-01&facilityId=${facilityId}`)).json();
    expect(before.items).toEqual([]);
    const res = await inject('GET', `/api/quarantine/release?date=2021-08-02&facilityId=${facilityId}`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json();
    const status = new Map(list.items.map((i: { orderId: number; status: string }) => [i.orderId, i.status]));
    // B: a positive rapid test is still a positive result sampled during the stay.
    expect(Object.fromEntries([a, b, d].map((p) => [p.orderId, status.get(p.orderId)]))).toEqual({ [a.orderId]: 'due', [b.orderId]: 'positive', [d.orderId]: 'held' });
    expect(status.has(c.orderId)).toBe(false);
    const held = list.items.find((i: { orderId: number }) => i.orderId === d.orderId);
    expect(held.reason.en).toMatch(/room-mate tested positive/);
    expect(list.counts).toEqual({ due: 1, held: 1, positive: 1, waiting_for_source: 0 });
  });

  it('releases all or nothing, never early, and prints certificates only for released people', async () => {
    const mixed = await inject('POST', '/api/quarantine/release', { orderIds: [a.orderId, d.orderId], date: '2021-08-03' });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().error.details.issues).toMatchObject([{ row: 2, code: 'ROOMMATE_POSITIVE' }]);
    const early = await inject('POST', '/api/quarantine/release', { orderIds: [a.orderId], date: '2021-08-01' });
    expect(early.json().error.details.issues[0].code).toBe('NOT_DUE');
    expect((await t.db.selectFrom('quarantine_order').select('status').where('id', '=', a.orderId).executeTakeFirstOrThrow()).status).toBe('active');
    const used = async () => (await inject('GET', `/api/facilities/${facilityId}/rooms`)).json().facility.used as number;
    expect(await used()).toBe(3);

    const ok = await inject('POST', '/api/quarantine/release', { orderIds: [a.orderId], date: '2021-08-03' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ released: 1, orderIds: [a.orderId] });
    expect(await used()).toBe(2);
    const twice = await inject('POST', '/api/quarantine/release', { orderIds: [a.orderId], date: '2021-08-03' });
    expect(twice.json().error.details.issues[0].code).toBe('NOT_ACTIVE');

    const doc = await inject('GET', `/api/quarantine/release/certificates?orderIds=${a.orderId}`);
    expect(doc.statusCode, doc.body).toBe(200);
    expect(doc.headers['content-disposition']).toContain(`giay-xac-nhan-hoan-thanh-cach-ly-${a.orderId}.docx`);
    const xml = await (await JSZip.loadAsync(doc.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    const name = (await t.db.selectFrom('person').select('full_name').where('id', '=', a.personId).executeTakeFirstOrThrow()).full_name;
    expect(text).toContain(name);
    expect(text).toContain('20/07/2021');
    expect(text).toContain('03/08/2021');
    expect(text).toContain('Công văn 5599/BYT-MT');
    expect(text).toContain('Nguyễn Văn Trưởng');
    // A viewer's copy masks the ID number (all but its last four digits).
    const id = (await t.db.selectFrom('person').select('national_id').where('id', '=', a.personId).executeTakeFirstOrThrow()).national_id!;
    expect(text).toContain(id);
    const viewer = await loginAs(app, 't_viewer');
    const masked = await app.inject({ method: 'GET', url: `/api/quarantine/release/certificates?orderIds=${a.orderId}`, headers: { cookie: viewer } });
    const maskedText = (await (await JSZip.loadAsync(masked.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(maskedText).not.toContain(id);
    expect(maskedText).toContain(`********${id.slice(-4)}`);
    const refused = await inject('GET', `/api/quarantine/release/certificates?orderIds=${a.orderId},${d.orderId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.issues).toMatchObject([{ row: 2, code: 'NOT_RELEASED' }]);
    const events = await t.db.selectFrom('quarantine_order_event').select('kind').where('order_id', '=', d.orderId).execute();
    expect(events.map((e) => e.kind)).toContain('roommate_positive');
  });
});
