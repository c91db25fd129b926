import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { demoUsers } from '../auth/demo-users.ts';
import { demoAnchors } from '../demo/demo.start.ts';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { runDemoCommunity } from './community.demo.ts';
import { listTeamTasks } from './team-tasks.service.ts';
import { violationCountsOn } from './violations.service.ts';

let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
}, 240_000);
afterAll(async () => {
  await t.destroy();
});

describe('demo community', () => {
  it('gives the demo commune teams and open tasks, a pharmacy user, violations; runs once', async () => {
    const anchors = await demoAnchors(t.db, '24');
    expect(anchors.pharmacyId).toBeGreaterThan(0);
    expect(demoUsers(anchors).find((u) => u.username === 'nhathuoc')).toMatchObject({ role: 'pharmacy', scopeOrgId: anchors.pharmacyId });
    const team: Actor = { userId: 0, username: 'demo-test', role: 'community_team', scopeKind: 'commune', scopeCode: anchors.communeCode, scopeOrgId: null, provinceCode: '24', ip: null };
    const tasks = await listTeamTasks(t.db, team, { status: 'open', page: 1, pageSize: 50 }, '2021-06-10');
    expect(tasks.total).toBeGreaterThan(0);
    expect(tasks.items.every((i) => i.kind !== 'pharmacy_followup' && i.communeCode === anchors.communeCode)).toBe(true);
    const teams = await t.db.selectFrom('community_team').select('id').where('commune_code', '=', anchors.communeCode).execute();
    expect(teams.length).toBeGreaterThan(0);
    const followups = await t.db.selectFrom('team_task').select(['status']).where('kind', '=', 'pharmacy_followup').execute();
    expect(followups.length).toBe(8);
    expect(followups.some((f) => f.status === 'done') && followups.some((f) => f.status === 'open')).toBe(true);
    const counts = await violationCountsOn(t.db, '24', '2021-06-10');
    expect(counts.total.cumulative).toBe(24);
    expect(counts.total.day).toBeGreaterThan(0);
    expect(await runDemoCommunity(t.db, '24', '2021-06-10', anchors.communeCode)).toEqual({ teams: 0, tasks: 0, pharmacies: 0, saleReports: 0, violations: 0 });
  });
});
