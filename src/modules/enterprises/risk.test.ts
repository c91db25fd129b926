import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../lib/time.ts';
import { createUser } from '../auth/auth.service.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { isoWeekOf, QD2194 } from './risk.domain.ts';

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};
const ent: Record<'a' | 'b' | 'c' | 'd', number> = { a: 0, b: 0, c: 0, d: 0 };
let park = 0;

/** The lowest option of every indicator (30 points, 10 %), with some answers replaced. */
const answers = (over: Record<string, string> = {}) => ({ ...Object.fromEntries(QD2194.indicators.map((i) => [i.code, i.options[0]!.code])), ...over });
/** 74 points: 24.7 %, low. */
const LOW_FORM = answers({ cs01: '1000-4999', cs03: '1-2m', cs09: 'crowded' });
/** Every indicator at its highest option: 300 points, 100 %. */
const WORST = Object.fromEntries(QD2194.indicators.map((i) => [i.code, i.options.at(-1)!.code]));

const api = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const submit = (who: string, body: object) => api(cookies[who]!, 'POST', '/api/enterprise-risk/submissions', body);

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  const org = async (kind: string, name: string, district: string, commune: string, extra: { parent_id?: number; attrs?: object; lon?: number; lat?: number } = {}) =>
    (await t.db.insertInto('org_unit').values({
      kind, name, province_code: '24', district_code: district, commune_code: commune, code: kind === 'enterprise' ? `24${String(name.length).padStart(8, '0')}${kind.length}` : null,
      parent_id: extra.parent_id ?? null, attrs: JSON.stringify(extra.attrs ?? {}), lon: extra.lon ?? null, lat: extra.lat ?? null,
    }).returning('id').executeTakeFirstOrThrow()).id;
  park = await org('industrial_park', 'KCN Vân Trung', '222', '07801');
  ent.a = await org('enterprise', 'Công ty TNHH Điện tử An Phát', '222', '07801', { parent_id: park, attrs: { workforce: 1200 }, lon: 106.1, lat: 21.25 });
  ent.b = await org('enterprise', 'Công ty TNHH May Bình Minh Vina', '222', '07807', { parent_id: park, attrs: { workforce: 300 }, lon: 106.11, lat: 21.26 });
  ent.c = await org('enterprise', 'Công ty TNHH Bao bì Cát Tường', '213', '07201', { attrs: { workforce: 40 }, lon: 106.2, lat: 21.3 });
  ent.d = await org('enterprise', 'Công ty TNHH Cơ khí Đông Á', '222', '07801', { parent_id: park, attrs: { workforce: 5000 } });
  for (const [username, id] of [['dn_a', ent.a], ['dn_b', ent.b]] as const) {
    await createUser(t.db, { username, password: TEST_PASSWORD, fullName: username, role: 'enterprise', scopeKind: 'org', scopeCode: String(id), scopeOrgId: id, provinceCode: '24' });
  }
  app = await buildTestApp(t.db);
  for (const u of ['dn_a', 'dn_b', 't_cdc', 't_admin', 't_district', 't_viewer', 't_vantrung']) cookies[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('the form', () => {
  it('gives an enterprise its own form with the workforce option it falls in', async () => {
    const res = await api(cookies.dn_a!, 'GET', '/api/enterprise-risk/form');
    expect(res.statusCode, res.body).toBe(200);
    const form = res.json();
    expect(form.rule).toMatchObject({ code: 'qd2194-2020-05', maxTotal: 300, period: 'iso_week', source: 'built_in' });
    expect(form.rule.indicators).toHaveLength(15);
    expect(form.period).toBe(isoWeekOf(vnDate()));
    expect(form.enterprise).toMatchObject({ id: ent.a, workforce: 1200, workforceOption: '1000-4999', parkName: 'KCN Vân Trung', currentSubmission: null });
    expect(form.canSubmit).toBe(true);
    expect((await api(cookies.dn_a!, 'GET', `/api/enterprise-risk/form?enterpriseId=${ent.b}`)).statusCode).toBe(403);
  });

  it('previews the index of a form being filled in', async () => {
    const partial = (await api(cookies.dn_a!, 'POST', '/api/enterprise-risk/preview', { answers: { cs01: 'ge5000' } })).json();
    expect(partial).toMatchObject({ complete: false, answered: 1, total: 20, index: null, band: null });
    const full = (await api(cookies.dn_a!, 'POST', '/api/enterprise-risk/preview', { answers: LOW_FORM, workforce: 1200 })).json();
    expect(full).toMatchObject({ complete: true, total: 74, index: 24.7, band: 'low', issues: [] });
  });
});

describe('submissions', () => {
  it('scores and bands a submission and audits it', async () => {
    const res = await submit('dn_a', { enterpriseId: ent.a, answers: LOW_FORM, workforce: 1200 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ enterpriseId: ent.a, period: isoWeekOf(vnDate()), total: 74, maxTotal: 300, score: 24.7, band: 'low', ruleCode: 'qd2194-2020-05', onBehalf: false, current: true, submittedBy: 'dn_a' });
    expect(res.json().points.cs03).toBe(15);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'username']).where('record_kind', '=', 'enterprise_risk_assessment').where('record_id', '=', String(res.json().id)).execute();
    expect(audit).toEqual([{ action: 'create', username: 'dn_a' }]);
  });

  it('refuses another enterprise (403) and roles that only read', async () => {
    const other = await submit('dn_a', { enterpriseId: ent.b, answers: LOW_FORM });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await submit('t_viewer', { enterpriseId: ent.a, answers: LOW_FORM })).statusCode).toBe(403);
    expect((await submit('t_district', { enterpriseId: ent.a, answers: LOW_FORM })).statusCode).toBe(403);
    expect((await submit('t_vantrung', { enterpriseId: ent.a, answers: LOW_FORM })).json().error.code).toBe('FORBIDDEN');
    expect(await t.db.selectFrom('enterprise_risk_assessment').select('id').where('enterprise_id', '=', ent.b).execute()).toEqual([]);
  });

  it('names the indicator of an invalid or missing answer (400)', async () => {
    const wrong = await submit('dn_a', { enterpriseId: ent.a, answers: { ...LOW_FORM, cs05: 'sometimes' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'answers/cs05' });
    expect(wrong.json().error.message.vi).toContain('5. Người lao động đi về từ vùng có dịch');
    const { cs12: _left, ...rest } = LOW_FORM;
    const missing = await submit('dn_a', { enterpriseId: ent.a, answers: rest });
    expect(missing.json().error.details.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`)).toEqual(['answers/cs12:REQUIRED']);
    const size = await submit('dn_a', { enterpriseId: ent.a, answers: LOW_FORM, workforce: 40 });
    expect(size.json().error).toMatchObject({ field: 'answers/cs01' });
    const past = await submit('dn_a', { enterpriseId: ent.a, period: '2021-W22', answers: LOW_FORM });
    expect(past.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'period' });
    expect((await submit('t_cdc', { enterpriseId: ent.a, period: '2099-W01', answers: LOW_FORM })).json().error.field).toBe('period');
    expect((await submit('t_cdc', { enterpriseId: ent.a, period: '2021-W60', answers: LOW_FORM })).json().error.field).toBe('period');
  });

  it('keeps the history: a newer submission for the period supersedes the older one', async () => {
    const second = await submit('dn_a', { enterpriseId: ent.a, answers: WORST, note: 'Có ca F0 trong xưởng' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ score: 100, band: 'very_high', current: true });
    const history = (await api(cookies.dn_a!, 'GET', `/api/enterprise-risk/enterprises/${ent.a}/history`)).json();
    expect(history.items.map((i: { score: number; current: boolean }) => `${i.score}:${i.current}`)).toEqual(['100:true', '24.7:false']);
    expect(history.items[1].supersededBy).toBe(second.json().id);
    expect((await api(cookies.dn_b!, 'GET', `/api/enterprise-risk/enterprises/${ent.a}/history`)).statusCode).toBe(403);
    expect((await api(cookies.t_district!, 'GET', `/api/enterprise-risk/enterprises/${ent.a}/history`)).json().items).toHaveLength(2);
    const form = (await api(cookies.dn_a!, 'GET', '/api/enterprise-risk/form')).json();
    expect(form.enterprise.currentSubmission).toMatchObject({ id: second.json().id, band: 'very_high' });
  });
});

describe('the health side\'s lists', () => {
  const W21 = '2021-W21';
  const W22 = '2021-W22';
  beforeAll(async () => {
    // Week 21: A and B; week 22: A (resubmitted lower), B and C; D never.
    const rows: Array<[number, string, Record<string, string>]> = [
      [ent.a, W21, answers({ cs01: '1000-4999', cs02: 'lt2.5' })], [ent.b, W21, answers({ cs01: '200-499' })],
      [ent.a, W22, WORST], [ent.a, W22, answers({ cs01: '1000-4999', cs03: 'lt1m', cs08: 'full' })], [ent.b, W22, answers({ cs01: '200-499', cs09: 'crowded', cs10: 'crowded' })],
      [ent.c, W22, answers()],
    ];
    for (const [enterpriseId, period, a] of rows) {
      const res = await submit('t_cdc', { enterpriseId, period, answers: a });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().onBehalf).toBe(true);
    }
  });

  it('ranks the latest submission of each enterprise, highest index first', async () => {
    const r = (await api(cookies.t_cdc!, 'GET', `/api/enterprise-risk/ranking?period=${W22}`)).json();
    // A: 30 − 2 − 3 − 2 + 16 + 30 + 20 = 89 → 29.7; B: 30 − 2 − 4 + 8 + 20 + 20 = 72 → 24.0; C: 30 → 10.0
    expect(r.items.map((i: { enterpriseId: number; score: number; rank: number }) => [i.rank, i.enterpriseId, i.score])).toEqual([[1, ent.a, 29.7], [2, ent.b, 24], [3, ent.c, 10]]);
    expect(r).toMatchObject({ period: W22, from: '2021-05-31', to: '2021-06-06', previousPeriod: W21, total: 3, enterprises: 4, missing: 1 });
    expect(r.counts).toEqual({ very_low: 1, low: 2, medium: 0, high: 0, very_high: 0 });
    // A in week 21: 30 − 2 − 2 + 16 + 20 = 62 → 20.7
    expect(r.items[0].previousScore).toBe(20.7);
    expect(r.items[2].previousScore).toBeNull();

    const low = (await api(cookies.t_cdc!, 'GET', `/api/enterprise-risk/ranking?period=${W22}&band=low`)).json();
    expect(low.items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([ent.a, ent.b]);
    const district213 = (await api(cookies.t_cdc!, 'GET', `/api/enterprise-risk/ranking?period=${W22}&districtCode=213`)).json();
    expect(district213.items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([ent.c]);
    const inPark = (await api(cookies.t_cdc!, 'GET', `/api/enterprise-risk/ranking?period=${W22}&parkId=${park}&pageSize=1&page=2`)).json();
    expect(inPark).toMatchObject({ total: 2, items: [{ rank: 2, enterpriseId: ent.b }] });
    // District health of Việt Yên sees its district's enterprises only.
    const district = (await api(cookies.t_district!, 'GET', `/api/enterprise-risk/ranking?period=${W22}`)).json();
    expect(district.items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([ent.a, ent.b]);
    expect((await api(cookies.dn_a!, 'GET', `/api/enterprise-risk/ranking?period=${W22}`)).statusCode).toBe(403);
    expect((await api(cookies.t_cdc!, 'GET', '/api/enterprise-risk/ranking?period=2021-W99')).statusCode).toBe(400);
  });

  it('lists who has not submitted in the period, with their latest earlier submission', async () => {
    const w22 = (await api(cookies.t_cdc!, 'GET', `/api/enterprise-risk/missing?period=${W22}`)).json();
    expect(w22.items.map((i: { enterpriseId: number }) => i.enterpriseId)).toEqual([ent.d]);
    expect(w22.items[0]).toMatchObject({ lastPeriod: null, parkName: 'KCN Vân Trung' });
    const w23 = (await api(cookies.t_cdc!, 'GET', '/api/enterprise-risk/missing?period=2021-W23')).json();
    expect(w23.total).toBe(4);
    const b = w23.items.find((i: { enterpriseId: number }) => i.enterpriseId === ent.b);
    expect(b).toMatchObject({ lastPeriod: W22, lastScore: 24, lastBand: 'low' });
  });

  it('gives the located enterprises and their band for the map', async () => {
    const m = (await api(cookies.t_viewer!, 'GET', `/api/enterprise-risk/map?period=${W22}`)).json();
    expect(m.points.map((p: { enterpriseId: number; band: string | null }) => [p.enterpriseId, p.band])).toEqual([[ent.a, 'low'], [ent.b, 'low'], [ent.c, 'very_low']]);
    const w20 = (await api(cookies.t_viewer!, 'GET', '/api/enterprise-risk/map?period=2021-W20')).json();
    expect(w20.points.every((p: { band: string | null }) => p.band === null)).toBe(true);
    expect((await api(cookies.t_viewer!, 'GET', '/api/enterprise-risk/parks')).json().items).toEqual([{ id: park, name: 'KCN Vân Trung' }]);
  });

  it('exports the ranking as a spreadsheet (audited)', async () => {
    const res = await api(cookies.t_cdc!, 'GET', `/api/enterprise-risk/ranking/export?period=${W22}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(3).getCell(2).value).toBe('Công ty TNHH Điện tử An Phát');
    expect(ws.getRow(3).getCell(6).value).toBe(29.7);
    expect(ws.rowCount).toBe(5);
    const audit = await t.db.selectFrom('audit_log').select('action').where('record_kind', '=', 'enterprise_risk_assessment').where('action', '=', 'export').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('a province\'s own version of the form', () => {
  it('is added by rule:manage users and scores later submissions', async () => {
    const today = vnDate();
    const version = {
      code: 'bg-2021-dn', document: 'Quyết định 999/QĐ-UBND', name: { vi: 'Bộ chỉ số của tỉnh', en: 'Province index' }, effectiveFrom: today, period: 'month',
      indicators: [
        { ...QD2194.indicators[0]!, weight: 1 },
        { code: 'vaccine', text: { vi: 'Tỷ lệ người lao động đã tiêm vắc xin', en: 'Share of workers vaccinated' }, weight: 1, options: [
          { code: 'high', label: { vi: 'Trên 80%', en: 'Over 80%' }, points: 0 }, { code: 'low', label: { vi: 'Dưới 80%', en: 'Under 80%' }, points: 10 },
        ] },
      ],
    };
    expect((await api(cookies.t_district!, 'POST', '/api/rules/enterprise-risk', version)).statusCode).toBe(403);
    const bad = await api(cookies.t_cdc!, 'POST', '/api/rules/enterprise-risk', { ...version, indicators: [version.indicators[1]!, version.indicators[1]!] });
    expect(bad.json().error.details.issues[0]).toMatchObject({ field: 'indicators/1/code', code: 'DUPLICATE' });
    const created = await api(cookies.t_cdc!, 'POST', '/api/rules/enterprise-risk', version);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ maxTotal: 20, period: 'month', source: 'configured' });
    const listed = (await api(cookies.t_cdc!, 'GET', '/api/rules')).json();
    expect(listed.enterpriseRisk.map((v: { code: string; source: string }) => `${v.code}:${v.source}`)).toEqual(['qd2194-2020-05:built_in', 'bg-2021-dn:configured']);

    const form = (await api(cookies.dn_b!, 'GET', '/api/enterprise-risk/form')).json();
    expect(form).toMatchObject({ period: today.slice(0, 7), rule: { code: 'bg-2021-dn', source: 'configured' } });
    const res = await submit('dn_b', { enterpriseId: ent.b, answers: { cs01: '200-499', vaccine: 'low' } });
    expect(res.statusCode, res.body).toBe(201);
    // 4 + 10 of 20 = 70 %
    expect(res.json()).toMatchObject({ ruleCode: 'bg-2021-dn', period: today.slice(0, 7), score: 70, band: 'high' });
    // A past week is still scored by the version in force then.
    const past = await submit('t_cdc', { enterpriseId: ent.d, period: '2021-W22', answers: answers({ cs01: 'ge5000' }) });
    expect(past.json()).toMatchObject({ ruleCode: 'qd2194-2020-05', period: '2021-W22', total: 48, score: 16, band: 'low' });
    expect((await submit('t_cdc', { enterpriseId: ent.d, period: isoWeekOf(today), answers: answers() })).json().error).toMatchObject({ field: 'period' });
  });
});
