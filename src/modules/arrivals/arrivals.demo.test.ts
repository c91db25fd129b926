import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { runDemoArrivals } from './arrivals.demo.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.destroy();
});

describe('the demo\'s arrivals and health declarations', () => {
  it('has a located checkpoint per district, arrivals of the wave with the rule\'s measures, declarations with calls, and runs once', async () => {
    const summary = await generateDemoProvince(t.db, { provinceCode: '24', people: 3000, seed: 7 });
    const districts = await t.db.selectFrom('admin_unit').select('code').where('level', '=', 'district').where('province_code', '=', '24').execute();
    const cps = await t.db.selectFrom('org_unit').innerJoin('checkpoint', 'checkpoint.org_unit_id', 'org_unit.id').select(['org_unit.district_code', 'org_unit.lat', 'checkpoint.road']).where('kind', '=', 'checkpoint').execute();
    expect(new Set(cps.map((c) => c.district_code)).size).toBe(cps.length);
    expect(cps.length).toBeGreaterThan(districts.length / 2);
    expect(cps.every((c) => c.lat !== null && c.road)).toBe(true);

    const arrivals = await t.db.selectFrom('arrival').selectAll().execute();
    expect(arrivals.length).toBeGreaterThanOrEqual(12);
    expect(arrivals.every((a) => a.arrival_date <= summary.asOf && a.arrival_date >= '2021-05-13')).toBe(true);
    // The measures are the rule's: lockdown → 21 days centralized for ordinary arrivals; none from non-epidemic origins.
    for (const a of arrivals.filter((x) => x.category === 'ordinary')) {
      if (a.origin_level === 'lockdown') expect([a.action, a.action_days]).toEqual(['centralized_quarantine', 21]);
      if (a.origin_level === 'none') expect(a.action).toBe('none');
    }
    expect(new Set(arrivals.map((a) => a.category)).size).toBeGreaterThanOrEqual(2);

    const decl = await t.db.selectFrom('health_declaration').selectAll().execute();
    const abnormal = decl.filter((d) => d.abnormal);
    expect(abnormal.length).toBeGreaterThan(0);
    expect(decl.filter((d) => !d.abnormal).every((d) => d.call_status === 'not_needed')).toBe(true);
    const calls = await t.db.selectFrom('declaration_call').select(['declaration_id']).execute();
    for (const d of abnormal) expect(calls.filter((c) => c.declaration_id === d.id)).toHaveLength(d.call_attempts);
    // The anchor commune's station has declarations to look at.
    expect(decl.some((d) => d.commune_code === summary.sample.communeCode && d.abnormal)).toBe(true);

    expect(await runDemoArrivals(t.db, '24', summary.asOf, summary.sample.communeCode)).toEqual({ checkpoints: 0, arrivals: 0, declarations: 0, abnormal: 0, calls: 0 });
  });
});
