import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { communeLines } from './support.eligibility.ts';
import { runDemoSupport } from './support.demo.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.destroy();
});

describe('the demo\'s support payments and supplies', () => {
  it('has decisions and bank details for most, one prepared list, stock equal to its movements, and alerts', async () => {
    const summary = await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
    const commune = summary.sample.communeCode;
    const lists = await t.db.selectFrom('support_payment_list').selectAll().execute();
    expect(lists.map((l) => [l.commune_code, l.status])).toEqual([[commune, 'prepared']]);
    const lines = await communeLines(t.db, '24', commune, { from: '2021-04-27', to: summary.asOf }, summary.asOf);
    expect(lines.length).toBeGreaterThan(0);
    // Some are still missing their decision or bank details (in the province); nothing on the list is claimed twice.
    const withOrders = await t.db.selectFrom('quarantine_order').select('person_id').distinct().execute();
    const accounts = await t.db.selectFrom('support_bank_account').select('person_id').execute();
    expect(accounts.length).toBeGreaterThan(withOrders.length / 2);
    expect(accounts.length).toBeLessThan(withOrders.length);
    const decisions = await t.db.selectFrom('support_decision').select('id').where('episode_kind', '=', 'quarantine_order').execute();
    const orders = await t.db.selectFrom('quarantine_order').select('id').where('subject', 'in', ['f1', 'case']).execute();
    expect(decisions.length).toBeLessThan(orders.length);
    const claims = await t.db.selectFrom('support_day_claim').select(['person_id', 'day', 'line_id']).execute();
    const listed = await t.db.selectFrom('support_payment_line').select(['id', 'days']).execute();
    expect(claims.length).toBe(listed.reduce((s, l) => s + l.days, 0));
    const movements = await t.db.selectFrom('supply_movement').select(['facility_id', 'item_id', 'quantity']).execute();
    const stock = await t.db.selectFrom('supply_stock').selectAll().execute();
    for (const s of stock) {
      expect(movements.filter((m) => m.facility_id === s.facility_id && m.item_id === s.item_id).reduce((a, m) => a + m.quantity, 0)).toBe(s.quantity);
    }
    expect(stock.some((s) => s.min_quantity !== null && s.quantity < s.min_quantity)).toBe(true);
    expect(await runDemoSupport(t.db, '24', summary.asOf, commune)).toMatchObject({ movements: 0, donations: 0 });
  });
});
