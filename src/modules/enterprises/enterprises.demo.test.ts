import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { demoUsers } from '../auth/demo-users.ts';
import { demoAnchors } from '../demo/demo.start.ts';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { parseTaxCode } from './enterprises.domain.ts';
import { runDemoEnterprises } from './enterprises.demo.ts';
import { listEnterprises, staleEnterprises } from './enterprises.service.ts';

let t: TestDb;
let enterpriseDetail: Awaited<ReturnType<typeof generateDemoProvince>>['enterpriseDetail'];

beforeAll(async () => {
  t = await createTestDb();
  enterpriseDetail = (await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 })).enterpriseDetail;
}, 240_000);
afterAll(async () => {
  await t.destroy();
});

const cdc: Actor = { userId: 0, username: 'demo-test', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };

describe('demo enterprises', () => {
  it('gives every enterprise a valid, unique tax code, a status and a list confirmation, a quarter stale', async () => {
    const rows = await t.db.selectFrom('org_unit as o').innerJoin('enterprise_profile as p', 'p.org_unit_id', 'o.id')
      .select(['o.id', 'o.code', 'p.tax_code', 'p.operating_status', 'p.list_confirmed_at']).where('o.kind', '=', 'enterprise').execute();
    const all = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'enterprise').execute();
    expect(rows.length).toBe(all.length);
    expect(enterpriseDetail).toMatchObject({ enterprises: all.length });
    expect(rows.every((r) => parseTaxCode(r.tax_code).ok && r.code === r.tax_code)).toBe(true);
    expect(new Set(rows.map((r) => r.tax_code)).size).toBe(rows.length);
    const stale = await staleEnterprises(t.db, cdc, {});
    expect(stale.items.length).toBe(enterpriseDetail!.stale);
    expect(stale.items.length).toBeGreaterThan(0);
    expect(stale.items.length).toBeLessThan(rows.length);
    expect(rows.some((r) => r.operating_status !== 'operating')).toBe(true);
  });

  it('turns the workshop × shift groups and buses into data and sets each worker\'s assignment from its memberships', async () => {
    const unmapped = await sql<{ n: number }>`select count(*)::int as n from contact_group g
      where g.kind = 'workshop_shift' and not exists (select 1 from workshop_shift_group w where w.group_id = g.id)`.execute(t.db);
    expect(unmapped.rows[0]!.n).toBe(0);
    const routes = await sql<{ n: number }>`select count(*)::int as n from contact_group g where g.kind = 'bus_route' and not exists (select 1 from enterprise_bus_route b where b.group_id = g.id)`.execute(t.db);
    expect(routes.rows[0]!.n).toBe(0);
    // Every worker's shift column names the group of its open 'worker' membership; riders have their bus.
    const mismatched = await sql<{ n: number }>`select count(*)::int as n from worker w
      where not exists (select 1 from group_membership m join workshop_shift_group s on s.group_id = m.group_id
        where m.person_id = w.person_id and m.valid_to is null and s.workshop_id = w.workshop_id and s.shift_id = w.shift_id)`.execute(t.db);
    expect(mismatched.rows[0]!.n).toBe(0);
    const busRiders = await sql<{ riders: number; assigned: number }>`select count(*)::int as riders, count(bus_group_id)::int as assigned from worker where commute_mode = 'bus'`.execute(t.db);
    expect(busRiders.rows[0]!.assigned).toBe(busRiders.rows[0]!.riders);
    const shifts = await t.db.selectFrom('enterprise_shift').select(['start_time', 'end_time']).execute();
    expect(shifts.every((s) => /^\d{2}:\d{2}$/.test(s.start_time) && /^\d{2}:\d{2}$/.test(s.end_time))).toBe(true);
  });

  it('runs again without changing anything, and anchors the park board user at the biggest park', async () => {
    const count = async () => (await sql<{ n: number }>`select (select count(*) from enterprise_profile) + (select count(*) from enterprise_workshop)
      + (select count(*) from enterprise_status_event) + (select count(*) from enterprise_bus_route) as n`.execute(t.db)).rows[0]!.n;
    const before = await count();
    expect(await runDemoEnterprises(t.db, '24')).toMatchObject({ enterprises: 0 });
    expect(await count()).toBe(before);
    const anchors = await demoAnchors(t.db, '24');
    expect(anchors.parkId).not.toBeNull();
    const kcn = demoUsers(anchors).find((u) => u.username === 'kcn')!;
    expect(kcn).toMatchObject({ role: 'park_board', scopeOrgId: anchors.parkId });
    const board: Actor = { ...cdc, role: 'park_board', scopeKind: 'org', scopeCode: String(anchors.parkId), scopeOrgId: anchors.parkId! };
    const seen = await listEnterprises(t.db, board, { page: 1, pageSize: 500 });
    const inPark = await t.db.selectFrom('org_unit').select('id').where('kind', '=', 'enterprise').where('parent_id', '=', anchors.parkId!).execute();
    expect(seen.items.map((e) => e.id).sort((a, b) => a - b)).toEqual(inPark.map((e) => e.id).sort((a, b) => a - b));
    expect(seen.total).toBeGreaterThan(0);
  });
});
