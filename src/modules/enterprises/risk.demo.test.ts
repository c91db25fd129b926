import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { runDemoEnterpriseRisk } from './risk.demo.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.destroy();
});

describe('the demo\'s enterprise risk assessments', () => {
  it('has weekly forms of the wave for most enterprises, bigger ones scoring worse, some missing the latest week', async () => {
    const summary = await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
    const risk = summary.enterpriseRisk!;
    const rows = await t.db.selectFrom('enterprise_risk_assessment as a').innerJoin('org_unit as e', 'e.id', 'a.enterprise_id')
      .select(['a.enterprise_id', 'a.period', 'a.period_from', 'a.score', 'a.band', 'a.workforce', 'a.superseded_by', 'a.submitted_at', 'e.district_code as e_district', 'a.district_code'])
      .execute();
    expect(rows).toHaveLength(risk.submissions);
    expect(risk.enterprises).toBe(summary.enterprises);
    const current = rows.filter((r) => r.superseded_by === null);
    // ISO weeks 19 (10/5) to 23 (7/6–13/6, the as-of day 10/6 in it); nothing submitted after the as-of day.
    expect([...new Set(current.map((r) => r.period))].sort()).toEqual(['2021-W19', '2021-W20', '2021-W21', '2021-W22', '2021-W23']);
    expect(rows.every((r) => new Date(r.submitted_at).getTime() <= Date.parse('2021-06-10T23:59:59+07:00'))).toBe(true);
    const latest = new Set(current.filter((r) => r.period === '2021-W23').map((r) => r.enterprise_id));
    expect(risk.missingLatest).toBeGreaterThanOrEqual(1);
    expect(latest.size).toBe(summary.enterprises - risk.missingLatest);
    expect(latest.size).toBeGreaterThan(summary.enterprises / 2);
    expect(rows.every((r) => r.district_code === r.e_district)).toBe(true);
    // Larger employers answer worse: the mean index of the larger half is above the smaller half's.
    const byWorkforce = [...current].sort((a, b) => a.workforce! - b.workforce!);
    const mean = (xs: typeof current) => xs.reduce((s, r) => s + Number(r.score), 0) / xs.length;
    const half = Math.floor(byWorkforce.length / 2);
    expect(mean(byWorkforce.slice(half))).toBeGreaterThan(mean(byWorkforce.slice(0, half)));
    // Run again, it adds nothing.
    expect(await runDemoEnterpriseRisk(t.db, '24', summary.asOf)).toMatchObject({ submissions: 0 });
  });
});
