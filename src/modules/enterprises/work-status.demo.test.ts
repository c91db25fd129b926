import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/time.ts';
import { generateDemoProvince } from '../demo/demo.service.ts';
import type { Actor } from '../auth/policy.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { f0View } from './f0-view.service.ts';
import { runDemoWorkChecklists } from './work-status.demo.ts';
import { workStatusList } from './work-status.service.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.destroy();
});

const cdc: Actor = { userId: 0, username: 'demo-test', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };

describe('the demo\'s enterprise F0 checklists', () => {
  it('ticks items of recent F0 events at enterprises, shown with progress in the F0 view and the day\'s list', async () => {
    const summary = await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
    const rows = await t.db.selectFrom('enterprise_f0_check').select(['enterprise_id', 'case_id', 'item_key', 'done']).execute();
    expect(rows.length).toBeGreaterThan(0);
    const enterpriseId = rows[0]!.enterprise_id;
    // The F0 view of a few days after that event (a small demo's cases are early in the wave).
    const c = await t.db.selectFrom('covid_case').select('confirmation_date').where('id', '=', rows[0]!.case_id).executeTakeFirstOrThrow();
    const day = addDays(c.confirmation_date, 3);
    const view = await f0View(t.db, cdc, enterpriseId, { date: day }, summary.asOf);
    const ticked = view.cases.filter((c) => c.checklist.done > 0);
    expect(ticked.length).toBeGreaterThan(0);
    expect(ticked.every((c) => c.checklist.total === 7 && c.checklist.items[0]!.key === 'lock_workshop' && c.checklist.items[0]!.done)).toBe(true);
    const list = await workStatusList(t.db, cdc, enterpriseId, { date: day, page: 1, pageSize: 500 }, summary.asOf);
    const f0 = new Set(view.cases.filter((c) => c.open).map((c) => c.personId));
    expect(list.items.filter((i) => f0.has(i.personId)).every((i) => !i.mayWork && i.reason === 'case')).toBe(true);
    // Run again, it adds nothing.
    expect(await runDemoWorkChecklists(t.db, '24', summary.asOf)).toEqual({ events: 0, ticked: 0 });
  });
});
