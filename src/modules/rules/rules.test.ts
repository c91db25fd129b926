import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { validateF0ReleaseRule, validateQuarantineRule } from './rules.domain.ts';

const header = { code: 'bg-2021-08', document: 'Quyết định 1234/QĐ-UBND', name: { vi: 'Quy định tỉnh tháng 8/2021', en: 'Province rule of August 2021' }, effectiveFrom: '2021-08-01' };

describe('rule version validation', () => {
  it('refuses test days outside the stay, a taken code and a date before 2020', () => {
    const r = validateQuarantineRule({ ...header, code: 'cd600-2021-05', effectiveFrom: '2019-12-31', f1: { centralizedDays: 10, testDays: [1, 12], homeMonitoringDays: 7 } }, new Set(['cd600-2021-05']));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual(['code:DUPLICATE', 'effectiveFrom:RANGE', 'f1/testDays:RANGE']);
    const ok = validateQuarantineRule({ ...header, f1: { centralizedDays: 10, testDays: [10, 1], homeMonitoringDays: 7 } }, new Set());
    expect(ok.ok && ok.value.f1.testDays).toEqual([1, 10]);
    expect(ok.ok && ok.value.returningCitizen).toEqual({ centralizedDays: 14, testDays: [1, 7, 14], homeMonitoringDays: 7 });
    expect(ok.ok && ok.value.screeningIntervalDays).toEqual({ high: 2, medium: 3, low: 4 });
    const badCycle = validateQuarantineRule({ ...header, f1: { centralizedDays: 10, testDays: [1], homeMonitoringDays: 7 }, screeningIntervalDays: { high: 0, medium: 3, low: 4 } }, new Set());
    expect(!badCycle.ok && badCycle.issues.map((i) => i.field)).toEqual(['screeningIntervalDays/high']);
  });
  it('keeps the F0 release days in order', () => {
    expect(validateF0ReleaseRule({ ...header, daysWithNegativeRapidTest: 10, daysWithoutTest: 7, daysWithPersistentSymptoms: 14 }, new Set()).ok).toBe(false);
    expect(validateF0ReleaseRule({ ...header, daysWithNegativeRapidTest: 7, daysWithoutTest: 10, daysWithPersistentSymptoms: 14 }, new Set()).ok).toBe(true);
  });
});

let t: TestDb;
let app: App;
let admin: string;
let district: string;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  admin = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('configured rule versions', () => {
  it('applies a province version from its date to new orders, and lists it beside the built-in ones', async () => {
    const add = (cookie: string, body: object) => app.inject({ method: 'POST', url: '/api/rules/quarantine', headers: { cookie }, payload: body });
    const rule = { ...header, f1: { centralizedDays: 10, testDays: [1, 5, 10], homeMonitoringDays: 14 } };
    expect((await add(district, rule)).statusCode).toBe(403);
    const created = await add(admin, rule);
    expect(created.statusCode, created.body).toBe(201);
    expect((await add(admin, rule)).json().error.details.issues[0]).toMatchObject({ field: 'code', code: 'DUPLICATE' });
    const list = (await app.inject({ method: 'GET', url: '/api/rules', headers: { cookie: district } })).json();
    expect(list.quarantine.map((v: { code: string; source: string }) => `${v.code}:${v.source}`)).toContain('bg-2021-08:configured');
    expect(list.quarantine.map((v: { code: string; source: string }) => `${v.code}:${v.source}`)).toContain('cv5599-2021-07:built_in');

    const person = async (name: string) => (await t.db.insertInto('person').values({ province_code: '24', district_code: '222', commune_code: '07801', full_name: name, name_search: foldVietnamese(name), sex: 'male' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const src = await person('Nguồn Quy Định');
    const order = async (startDate: string) => (await app.inject({
      method: 'POST', url: '/api/quarantine/orders', headers: { cookie: admin },
      payload: { personId: await person('Theo Quy Định'), kind: 'centralized', subject: 'f1', startDate, riskGroup: 'low', source: { personId: src, kind: 'manual', groupId: null, date: '2021-07-20' } },
    })).json();
    // The day before it takes effect, Công văn 5599 still applies; from 01/08/2021 the province's version.
    expect(await order('2021-07-31')).toMatchObject({ ruleCode: 'cv5599-2021-07', plan: { lastDay: '2021-08-13' } });
    expect(await order('2021-08-01')).toMatchObject({ ruleCode: 'bg-2021-08', plan: { lastDay: '2021-08-10', testDates: ['2021-08-01', '2021-08-05', '2021-08-10'], homeMonitoringUntil: '2021-08-24' } });
  });
});
