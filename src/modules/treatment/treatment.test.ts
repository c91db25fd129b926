import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
let viewer: string;
const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, cookie = cdc) =>
  app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

let seq = 0;
async function kase() {
  const name = `Bệnh Nhân ${++seq}`;
  const p = await t.db.insertInto('person').values({ ...AREA, full_name: name, name_search: foldVietnamese(name), sex: 'male' }).returning('id').executeTakeFirstOrThrow();
  const res = await inject('POST', '/api/cases', { personId: p.id, sampleDate: '2021-08-01', confirmationDate: '2021-08-02', detection: 'community', classification: 'community' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

async function facility(name: string, tier: number, beds: { normal?: number; oxygen?: number; icu?: number }) {
  const id = (await t.db.insertInto('org_unit').values({ kind: 'treatment_facility', name, ...AREA }).returning('id').executeTakeFirstOrThrow()).id;
  const res = await inject('PUT', `/api/facilities/${id}`, { kind: 'treatment', category: 'hospital', tier, beds });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

let tier1: number, tier3: number;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  viewer = await loginAs(app, 't_viewer');
  tier1 = await facility('Cơ sở thu dung, điều trị COVID-19 số 1', 1, { normal: 2 });
  tier3 = await facility('Bệnh viện Đa khoa tỉnh', 3, { oxygen: 1, icu: 1 });
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const board = async () => (await inject('GET', '/api/treatment/beds', undefined, viewer)).json();
const bedsOf = async (id: number) => (await board()).facilities.find((f: { facilityId: number }) => f.facilityId === id).beds;

describe('treatment tower', () => {
  it('admits by risk group, refuses a tier too low, a full ward and ineligible home care', async () => {
    const x = await kase();
    const ok = await inject('POST', '/api/treatment/admissions', { caseId: x, riskGroup: 'medium', facilityId: tier1, date: '2021-08-02' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ careLevel: 'tier1', bedKind: 'normal', facilityId: tier1 });
    expect((await bedsOf(tier1)).normal).toEqual({ total: 2, used: 1, free: 1 });
    const twice = await inject('POST', '/api/treatment/admissions', { caseId: x, riskGroup: 'medium', facilityId: tier1, date: '2021-08-02' });
    expect(twice.json().error.details.issues[0].code).toBe('ALREADY_ADMITTED');

    const y = await kase();
    const low = await inject('POST', '/api/treatment/admissions', { caseId: y, riskGroup: 'very_high', facilityId: tier1, date: '2021-08-02' });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details.issues[0].code).toBe('TIER_TOO_LOW');
    expect((await inject('POST', '/api/treatment/admissions', { caseId: y, riskGroup: 'very_high', facilityId: tier3, date: '2021-08-02' })).json()).toMatchObject({ careLevel: 'tier3', bedKind: 'icu' });
    const z = await kase();
    const full = await inject('POST', '/api/treatment/admissions', { caseId: z, riskGroup: 'very_high', facilityId: tier3, date: '2021-08-02' });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('NO_BED_FREE');
    const other = await inject('POST', '/api/treatment/admissions', { caseId: z, riskGroup: 'medium', careLevel: 'tier2', facilityId: tier3, date: '2021-08-02' });
    expect(other.json().error.details.issues[0]).toMatchObject({ field: 'reason', code: 'REQUIRED' });

    const w = await kase();
    const home = await inject('POST', '/api/treatment/admissions', { caseId: w, riskGroup: 'low', date: '2021-08-02', vitals: { spo2: 94, respiratoryRate: 18, uncontrolledComorbidity: false } });
    expect(home.json().error.details.issues[0].code).toBe('NOT_ELIGIBLE_HOME_CARE');
    const homeOk = await inject('POST', '/api/treatment/admissions', { caseId: w, riskGroup: 'low', date: '2021-08-02', vitals: { spo2: 98, respiratoryRate: 18, uncontrolledComorbidity: false } });
    expect(homeOk.json()).toMatchObject({ careLevel: 'home_care', bedKind: null, facilityId: null });
    expect((await inject('POST', '/api/treatment/admissions', { caseId: z, riskGroup: 'medium', facilityId: tier1, date: '2021-08-02' }, viewer)).statusCode).toBe(403);
  });

  it('transfers up with history and frees the bed left; discharges by the F0 release rule', async () => {
    const x = await kase();
    const a = (await inject('POST', '/api/treatment/admissions', { caseId: x, riskGroup: 'medium', facilityId: tier1, date: '2021-08-02' })).json().id as number;
    const before = await bedsOf(tier1);
    const noReason = await inject('POST', `/api/treatment/admissions/${a}/transfer`, { riskGroup: 'high', facilityId: tier3, date: '2021-08-04' });
    expect(noReason.json().error.field).toBe('reason');
    const up = await inject('POST', `/api/treatment/admissions/${a}/transfer`, { riskGroup: 'high', facilityId: tier3, date: '2021-08-04', reason: 'SpO2 giảm còn 93%' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ previousId: a, direction: 'up', careLevel: 'tier2', bedKind: 'oxygen' });
    expect((await bedsOf(tier1)).normal.used).toBe(before.normal.used - 1);
    expect((await bedsOf(tier3)).oxygen).toEqual({ total: 1, used: 1, free: 0 });
    const next = up.json().id as number;
    expect((await inject('POST', `/api/treatment/admissions/${a}/discharge`, { date: '2021-08-20', outcome: 'recovered' })).json().error.code).toBe('ADMISSION_ENDED');
    // Confirmed 02/08: without a rapid test, 10 days → 11/08 at the earliest.
    const early = await inject('POST', `/api/treatment/admissions/${next}/discharge`, { date: '2021-08-10', outcome: 'recovered' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'NOT_RELEASABLE', details: { earliestDate: '2021-08-11' } });
    const ok = await inject('POST', `/api/treatment/admissions/${next}/discharge`, { date: '2021-08-11', outcome: 'recovered' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().release).toMatchObject({ basis: 'days', fallback: true });
    expect((await bedsOf(tier3)).oxygen.used).toBe(0);
    // The case's timeline follows: in treatment at tier 1, then at tier 3, then recovered.
    const detail = (await inject('GET', `/api/cases/${x}`)).json();
    expect(detail.status).toBe('recovered');
    expect(detail.timeline.map((e: { status: string; effectiveDate: string }) => `${e.status}@${e.effectiveDate}`)).toEqual([
      'isolated@2021-08-02', 'in_treatment@2021-08-02', 'in_treatment@2021-08-04', 'recovered@2021-08-11',
    ]);
    const list = (await inject('GET', `/api/treatment/admissions?open=false&facilityId=${tier1}`)).json();
    expect(list.items.find((i: { id: number }) => i.id === a)).toMatchObject({ outcome: 'transferred', endedOn: '2021-08-04' });
    const tiers = (await board()).tiers.map((x: { tier: number }) => x.tier);
    expect(tiers).toEqual([1, 3]);
  });
});
