import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { Actor } from '../auth/policy.ts';
import { housesMap, listHouses } from './boarding-houses.service.ts';
import { runDemoBoardingHouses } from './boarding-houses.demo.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.destroy();
});

const cdc: Actor = { userId: 0, username: 'demo', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };

describe('the demo\'s boarding houses', () => {
  it('has workers\' tenancy details and assessments for a share of the houses, some meeting the checklist and some not', async () => {
    const summary = await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
    const houses = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'boarding_house').execute();
    expect(houses.length).toBeGreaterThan(3);
    const details = await t.db.selectFrom('boarding_house_tenancy').select(['membership_id', 'workplace_enterprise_id']).execute();
    expect(details.length).toBeGreaterThan(0);
    expect(details.every((d) => d.workplace_enterprise_id !== null)).toBe(true);
    const official = await t.db.selectFrom('boarding_house_assessment').select(['house_id', 'meets', 'assessed_on']).where('self_assessed', '=', false).execute();
    expect(new Set(official.map((a) => a.house_id)).size).toBe(official.length);
    expect(official.some((a) => a.meets)).toBe(true);
    expect(official.some((a) => !a.meets)).toBe(true);
    expect(official.length).toBeLessThan(houses.length);
    expect(official.every((a) => a.assessed_on < summary.asOf)).toBe(true);
    const list = await listHouses(t.db, cdc, { page: 1, pageSize: 500 }, summary.asOf);
    const statuses = new Set(list.items.map((h) => h.smartStatus));
    expect([...statuses].sort()).toEqual(['meets', 'not_meets', 'unassessed']);
    const map = await housesMap(t.db, cdc, {}, summary.asOf);
    expect(map.features.length).toBeGreaterThan(0);
    // Run again, it adds nothing.
    expect(await runDemoBoardingHouses(t.db, '24', summary.asOf)).toEqual({ tenancyDetails: 0, assessments: 0, meets: 0 });
  });
});
