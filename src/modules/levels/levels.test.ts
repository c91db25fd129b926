import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { Actor } from '../auth/policy.ts';
import { assessLevels, confirmLevel, levelsOn } from './levels.service.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let vanTrung: string;
let viewer: string;

// Vân Trung (07801) and Quang Châu (07807) are in Việt Yên (222); Kiên Thành (07558) in Lục Ngạn (219).
const AREA = { '07801': '222', '07807': '222', '07558': '219' } as const;
type Commune = keyof typeof AREA;

async function people(commune: Commune, n: number) {
  await sql`insert into person (province_code, district_code, commune_code, full_name, name_search, sex)
    select '24', ${AREA[commune]}, ${commune}, 'Người ' || g, 'nguoi ' || g, 'male' from generate_series(1, ${n}) g`.execute(t.db);
}

let caseNo = 0;
async function cases(commune: Commune, confirmedOn: string, n: number, classification: 'community' | 'in_quarantine' = 'community') {
  const ids = await t.db.selectFrom('person').select('id').where('commune_code', '=', commune).orderBy('id').offset(caseNo).limit(n).execute();
  await t.db.insertInto('covid_case').values(ids.map((p) => ({
    case_code: `LV${++caseNo}`, person_id: p.id, province_code: '24', district_code: AREA[commune], commune_code: commune,
    sample_date: confirmedOn, confirmation_date: confirmedOn, detection: 'community' as const, classification, status: 'isolated' as const,
  }))).execute();
}

const get = async (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const post = (cookie: string, url: string, payload: object = {}) => app.inject({ method: 'POST', url, headers: { cookie }, payload });
interface Item { id: number; unitCode: string; unitLevel: string; level: number; levelInForce: number; status: string; proposal: { level: number; effectiveFrom: string } | null; assessedOn: string; inputs: { cases7: number; population: number; ratePer100k: number | null; reasons: Array<{ code: string; vi: string }> } }
const list = async (cookie: string, query: string) => {
  const res = await get(cookie, `/api/levels?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; rules: Array<{ code: string }> };
};
const unit = async (date: string, code: string, unitLevel = 'commune') => (await list(cdc, `date=${date}&unitLevel=${unitLevel}`)).items.find((i) => i.unitCode === code)!;

let cdcActor: Actor;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
  vanTrung = await loginAs(app, 't_vantrung');
  viewer = await loginAs(app, 't_viewer');
  const u = await t.db.selectFrom('app_user').select('id').where('username', '=', 't_cdc').executeTakeFirstOrThrow();
  cdcActor = { userId: u.id, username: 't_cdc', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
  await people('07801', 5000);
  await people('07807', 1000);
  await people('07558', 2000);
  // 8 community cases in Vân Trung in the 7 days to 01/06 = 160 per 100,000; one in Kiên Thành = 50.
  await cases('07801', '2021-05-26', 3);
  await cases('07801', '2021-06-01', 5);
  // Not counted: before the window, and found in quarantine.
  await cases('07801', '2021-05-25', 4);
  await cases('07801', '2021-05-30', 2, 'in_quarantine');
  await cases('07558', '2021-05-31', 1);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('assessing a day', () => {
  it('needs level:manage over the province and a day that has come', async () => {
    expect((await post(district, '/api/levels/assess', { date: '2021-06-01' })).statusCode).toBe(403);
    const future = await post(cdc, '/api/levels/assess', { date: '2099-01-01' });
    expect(future.json().error.details.issues[0]).toMatchObject({ field: 'date', code: 'FUTURE' });
  });

  it('levels communes by their community cases per 100,000 and rolls districts and the province up', async () => {
    const res = await post(cdc, '/api/levels/assess', { date: '2021-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ date: '2021-06-01', ruleCode: 'hd4800-2021-10', byLevel: { 3: 1, 4: 1 }, proposals: 0, kept: 0 });
    const vt = await unit('2021-06-01', '07801');
    expect(vt).toMatchObject({ level: 4, levelInForce: 4, status: 'in_force', proposal: null, inputs: { cases7: 8, population: 5000, ratePer100k: 160 } });
    expect(vt.inputs.reasons.map((r) => r.code)).toEqual(['rule_before_effective', 'c1_rate', 'c2_unknown', 'c3_unknown', 'first']);
    expect((await unit('2021-06-01', '07558')).level).toBe(3);
    // Việt Yên: one very high commune → high; Lục Ngạn: one high commune → medium; the province: one district above medium → medium.
    expect((await unit('2021-06-01', '222', 'district')).level).toBe(3);
    expect((await unit('2021-06-01', '219', 'district')).level).toBe(2);
    expect((await unit('2021-06-01', '24', 'province')).level).toBe(2);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'username']).where('record_kind', '=', 'level_assessment').where('record_id', '=', '24:2021-06-01').execute();
    expect(audit).toEqual([{ action: 'create', username: 't_cdc' }]);
  });

  it('proposes a raise, lowers at once, and holds a level while treatment capacity is not met', async () => {
    // Quang Châu: 3 cases in 1,000 people = 300 per 100,000.
    await cases('07807', '2021-06-07', 3);
    // Ten beds, nine taken on 08/06: 10 % free, under 20 %.
    const org = await t.db.insertInto('org_unit').values({ kind: 'treatment_facility', name: 'Bệnh viện dã chiến', province_code: '24', district_code: '222', commune_code: '07801' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('facility').values({ org_unit_id: org.id, province_code: '24', kind: 'treatment', category: 'field_hospital', level: null, tier: 1, beds_normal: 10 }).execute();
    const admitted = await t.db.selectFrom('covid_case').select(['id', 'person_id']).orderBy('id').limit(9).execute();
    await t.db.insertInto('treatment_admission').values(admitted.map((c) => ({
      province_code: '24', case_id: c.id, person_id: c.person_id, facility_id: org.id, care_level: 'tier1' as const, risk_group: 'medium' as const, bed_kind: 'normal' as const, admitted_on: '2021-06-05',
    }))).execute();

    expect((await post(cdc, '/api/levels/assess', { date: '2021-06-08' })).statusCode).toBe(200);
    const held = await unit('2021-06-08', '07801');
    expect(held).toMatchObject({ level: 4, status: 'in_force', inputs: { cases7: 0 } });
    expect(held.inputs.reasons.map((r) => r.code)).toContain('c3_hold');
    const qc = await unit('2021-06-08', '07807');
    // Seen as of the end of 08/06, the raise still waits for its 48 hours.
    expect(qc).toMatchObject({ level: 4, levelInForce: 1, status: 'proposed', proposal: { level: 4, effectiveFrom: '2021-06-10T17:00:00.000Z' } });
    expect((await unit('2021-06-10', '07807')).levelInForce).toBe(1);
    expect((await unit('2021-06-11', '07807')).levelInForce).toBe(4);

    // Beds freed on 08/06: re-running the day replaces its rows, and Vân Trung goes down at once.
    await t.db.updateTable('treatment_admission').set({ ended_on: '2021-06-08', outcome: 'recovered' }).execute();
    const before = await t.db.selectFrom('level_assessment').select(sql<number>`count(*)::int`.as('n')).where('assessed_on', '=', '2021-06-08').executeTakeFirstOrThrow();
    expect((await post(cdc, '/api/levels/assess', { date: '2021-06-08' })).statusCode).toBe(200);
    const after = await t.db.selectFrom('level_assessment').select(sql<number>`count(*)::int`.as('n')).where('assessed_on', '=', '2021-06-08').executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await unit('2021-06-08', '07801')).toMatchObject({ level: 1, levelInForce: 1, status: 'in_force' });
    expect((await unit('2021-06-08', '24', 'province')).level).toBe(2);
  });
});

describe('deciding on a level', () => {
  it('confirms a proposal (audited) and refuses to confirm what is no proposal', async () => {
    const qc = await unit('2021-06-08', '07807');
    expect((await post(district, `/api/levels/${qc.id}/confirm`)).statusCode).toBe(403);
    const res = await post(cdc, `/api/levels/${qc.id}/confirm`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', levelInForce: 4, proposal: null, decision: { by: 't_cdc', reason: null }, rule: { code: 'hd4800-2021-10' } });
    expect((await post(cdc, `/api/levels/${qc.id}/confirm`)).json().error.code).toBe('LEVEL_NOT_PROPOSED');
    const audit = await t.db.selectFrom('audit_log').select('detail').where('record_kind', '=', 'level_assessment').where('record_id', '=', String(qc.id)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ before: { status: 'proposed', level: 4 }, after: { status: 'confirmed', level: 4 } });
  });

  it('overrides with a reason only, on the latest assessment, audited with before and after; a re-run keeps it', async () => {
    const vt = await unit('2021-06-08', '07801');
    const override = (id: number, payload: object) => post(cdc, `/api/levels/${id}/override`, payload);
    expect((await override(vt.id, { level: 2, reason: '  ' })).json().error.details.issues[0]).toMatchObject({ field: 'reason', code: 'REQUIRED' });
    expect((await override(vt.id, { level: 5, reason: 'x' })).json().error.code).toBe('VALIDATION_FAILED');
    const older = await t.db.selectFrom('level_assessment').select('id').where('unit_code', '=', '07801').where('assessed_on', '=', '2021-06-01').executeTakeFirstOrThrow();
    expect((await override(older.id, { level: 2, reason: 'Ổ dịch chưa kiểm soát' })).json().error.code).toBe('LEVEL_SUPERSEDED');

    const res = await override(vt.id, { level: 2, reason: 'Ổ dịch chưa kiểm soát' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'overridden', level: 2, computedLevel: 1, levelInForce: 2, decision: { by: 't_cdc', reason: 'Ổ dịch chưa kiểm soát' } });
    const audit = await t.db.selectFrom('audit_log').select('detail').where('record_kind', '=', 'level_assessment').where('record_id', '=', String(vt.id)).executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ reason: 'Ổ dịch chưa kiểm soát', before: { status: 'in_force', level: 1 }, after: { status: 'overridden', level: 2 } });

    const rerun = await post(cdc, '/api/levels/assess', { date: '2021-06-08' });
    expect(rerun.json()).toMatchObject({ kept: 2 });
    expect(await unit('2021-06-08', '07801')).toMatchObject({ id: vt.id, level: 2, status: 'overridden' });
    expect((await unit('2021-06-08', '07807')).status).toBe('confirmed');
  });

  it('takes a raise into force after 48 hours, or at confirmation', async () => {
    // Assessed on the morning of 15/06: Kiên Thành has 2 new cases (100 per 100,000: level 3, up from 1).
    await cases('07558', '2021-06-14', 2);
    const morning = new Date('2021-06-15T03:00:00Z');
    const h = (n: number) => new Date(morning.getTime() + n * 3_600_000);
    await cases('07801', '2021-06-15', 3);
    await assessLevels(t.db, cdcActor, '24', '2021-06-15', { now: morning });
    expect((await levelsOn(t.db, '24', '2021-06-15', h(1))).get('07558')).toBe(1);
    expect((await levelsOn(t.db, '24', '2021-06-17', h(47.9))).get('07558')).toBe(1);
    expect((await levelsOn(t.db, '24', '2021-06-17', h(48))).get('07558')).toBe(3);
    // Vân Trung (60 per 100,000: level 3, up from the overridden 2) is confirmed two hours in.
    const vt = await t.db.selectFrom('level_assessment').select('id').where('unit_code', '=', '07801').where('assessed_on', '=', '2021-06-15').executeTakeFirstOrThrow();
    expect((await levelsOn(t.db, '24', '2021-06-15', h(1))).get('07801')).toBe(2);
    await confirmLevel(t.db, cdcActor, vt.id, h(2));
    expect((await levelsOn(t.db, '24', '2021-06-15', h(2))).get('07801')).toBe(3);
    const stored = await t.db.selectFrom('level_assessment').select('effective_from').where('id', '=', vt.id).executeTakeFirstOrThrow();
    expect(stored.effective_from).toEqual(h(2));
  });
});

describe('reading levels', () => {
  it('scopes the list to the user\'s area and the units above it', async () => {
    const own = await list(vanTrung, 'date=2021-06-08');
    expect(own.items.map((i) => i.unitCode)).toEqual(['07801']);
    expect((await list(vanTrung, 'date=2021-06-08&unitLevel=district')).items.map((i) => i.unitCode)).toEqual(['222']);
    expect((await list(vanTrung, 'date=2021-06-08&unitLevel=province')).items.map((i) => i.unitCode)).toEqual(['24']);
    const dist = await list(district, 'date=2021-06-08');
    const communes222 = await t.db.selectFrom('admin_unit').select('code').where('level', '=', 'commune').where('district_code', '=', '222').execute();
    expect(dist.items.map((i) => i.unitCode).sort()).toEqual(communes222.map((c) => c.code).sort());
    expect((await get(district, '/api/levels?date=2021-06-08&districtCode=219')).json().error.code).toBe('OUT_OF_SCOPE');
    const kt = (await list(cdc, 'date=2021-06-08&districtCode=219')).items.find((i) => i.unitCode === '07558')!;
    expect((await get(district, `/api/levels/${kt.id}`)).json().error.code).toBe('OUT_OF_SCOPE');
    const all = await list(viewer, 'date=2021-06-08');
    const communes = await t.db.selectFrom('admin_unit').select(sql<number>`count(*)::int`.as('n')).where('level', '=', 'commune').where('province_code', '=', '24').executeTakeFirstOrThrow();
    expect(all.items).toHaveLength(communes.n);
    expect(all.rules.map((r) => r.code)).toEqual(['hd4800-2021-10']);
  });

  it('gives each unit its latest assessment on or before the date, and explains it', async () => {
    // No assessment on 12/06: the one of 08/06 applies.
    expect((await unit('2021-06-12', '07558')).assessedOn).toBe('2021-06-08');
    expect((await list(cdc, 'date=2021-05-01')).items).toEqual([]);
    const vt = await unit('2021-06-01', '07801');
    const one = (await get(viewer, `/api/levels/${vt.id}`)).json();
    expect(one).toMatchObject({ id: vt.id, unitName: expect.any(String), rule: { code: 'hd4800-2021-10', caseBands: [{ level: 2, from: 20, configurable: true }, { level: 3, from: 50 }, { level: 4, from: 150, configurable: false }] } });
    expect(one.inputs.reasons.find((r: { code: string }) => r.code === 'c1_rate').vi).toContain('160 ca/100.000 dân/tuần');
  });
});

describe('a province\'s own level rule', () => {
  it('is validated, listed in the rules registry, and applies from its date', async () => {
    const rule = {
      code: 'bg-levels-2021', document: 'Quyết định 999/QĐ-UBND', name: { vi: 'Cấp độ dịch của tỉnh', en: 'Province epidemic levels' }, effectiveFrom: '2021-06-20',
      caseBands: [{ level: 2, from: 10 }, { level: 3, from: 40 }, { level: 4, from: 100 }],
    };
    const bad = await post(cdc, '/api/rules/epidemic-level', { ...rule, caseBands: [{ level: 2, from: 50 }, { level: 3, from: 40 }, { level: 4, from: 100 }] });
    expect(bad.json().error.details.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`)).toEqual(['caseBands:ORDER']);
    expect((await post(district, '/api/rules/epidemic-level', rule)).statusCode).toBe(403);
    const created = await post(cdc, '/api/rules/epidemic-level', rule);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'bg-levels-2021', source: 'configured', minFreeBedsPercent: 20, caseBands: [{ level: 2, from: 10, inclusive: true, configurable: true }, {}, {}] });
    const registry = (await get(cdc, '/api/rules')).json();
    expect(registry.epidemicLevel.map((v: { code: string; source: string }) => `${v.code}:${v.source}`)).toEqual(['hd4800-2021-10:built_in', 'qd218-2022-01:built_in', 'bg-levels-2021:configured']);

    // Kiên Thành: 2 cases of 14/06 in the 7 days to 20/06, 2 / 2,000 = 100 per 100,000: level 3 under 4800, level 4 under the province's rule.
    const res = await post(cdc, '/api/levels/assess', { date: '2021-06-20' });
    expect(res.json().ruleCode).toBe('bg-levels-2021');
    expect(await unit('2021-06-20', '07558')).toMatchObject({ level: 4, inputs: { ratePer100k: 100 } });
  });
});

describe('deaths under QĐ 218', () => {
  async function diedOn(commune: Commune, confirmedOn: string, day: string) {
    await cases(commune, confirmedOn, 1, 'in_quarantine');
    const c = await t.db.selectFrom('covid_case').select('id').where('case_code', '=', `LV${caseNo}`).executeTakeFirstOrThrow();
    await t.db.insertInto('case_status_event').values({ case_id: c.id, status: 'died', effective_date: day }).execute();
  }

  it('raises a commune one level for deaths above 6 per 100,000 in the 7 days, counting none outside them', async () => {
    // Quang Châu: 1 death in 1,000 people on 30/01/2022 = 100 per 100,000. Kiên Thành: one on 20/01, before the window.
    await diedOn('07807', '2022-01-20', '2022-01-30');
    await diedOn('07558', '2022-01-10', '2022-01-20');
    const res = await post(cdc, '/api/levels/assess', { date: '2022-02-01' });
    expect(res.json().ruleCode).toBe('qd218-2022-01');
    const qc = (await unit('2022-02-01', '07807')) as Item & { inputs: { deaths: unknown } };
    expect(qc).toMatchObject({ level: 2, inputs: { cases7: 0, deaths: { count: 1, windowDays: 7, ratePer100k: 100, above: 6, raised: true } } });
    expect(qc.inputs.reasons.map((r) => r.code)).toContain('deaths_raise');
    expect(await unit('2022-02-01', '07558')).toMatchObject({ inputs: { deaths: { count: 0, raised: false } } });
  });
});
