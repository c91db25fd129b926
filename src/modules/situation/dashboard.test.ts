import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { Actor } from '../auth/policy.ts';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { DASHBOARD_TTL_MS, dashboard } from './situation.dashboard.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let day: string;

beforeAll(async () => {
  t = await createTestDb();
  await generateDemoProvince(t.db, { provinceCode: '24', people: 2500, seed: 7 });
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
  // The busiest day of the demo wave.
  day = (await sql<{ d: string }>`select confirmation_date::text as d from covid_case group by 1 order by count(*) desc, 1 limit 1`.execute(t.db)).rows[0]!.d;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const n = async (q: ReturnType<typeof sql>) => Number(((await q.execute(t.db)).rows[0] as { n: number }).n);
const get = async (cookie: string, query: string) => (await app.inject({ method: 'GET', url: `/api/situation/dashboard?${query}`, headers: { cookie } })).json();

describe('the dashboard', () => {
  it('gives the province figures of a day equal to SQL counts over the demo', async () => {
    const d = await get(cdc, `date=${day}`);
    expect(d.area).toMatchObject({ level: 'province', code: '24' });
    expect(d.cases.today.total).toBe(await n(sql`select count(*)::int as n from covid_case where confirmation_date = ${day}::date`));
    expect(d.cases.today.community).toBe(await n(sql`select count(*)::int as n from covid_case where confirmation_date = ${day}::date and classification = 'community'`));
    expect(d.cases.last7Days.total).toBe(await n(sql`select count(*)::int as n from covid_case where confirmation_date between ${day}::date - 6 and ${day}::date`));
    expect(d.cases.cumulative).toBe(await n(sql`select count(*)::int as n from covid_case where confirmation_date <= ${day}::date`));
    expect(d.province.contacts.f1).toBe(await n(sql`select count(*)::int as n from quarantine_order where subject = 'f1' and status <> 'cancelled'
      and start_date <= ${day}::date and (end_date is null or end_date > ${day}::date)`));
    expect(d.province.testing.takenOnDay).toBe(await n(sql`select count(*)::int as n from sample where taken_on = ${day}::date`));
    expect(d.province.treatment.inTreatment).toBe(await n(sql`select count(*)::int as n from treatment_admission where admitted_on <= ${day}::date and (ended_on is null or ended_on > ${day}::date)`));
    expect(d.province.vaccination?.cumulativeDoses).toBe(await n(sql`select count(*)::int as n from vaccine_dose where dose_date <= ${day}::date`));
    expect(d.province.vaccination?.dosesOnDay).toBe(await n(sql`select count(*)::int as n from vaccine_dose where dose_date = ${day}::date`));
    expect(d.clusters.active).toBeGreaterThanOrEqual(0);
  });

  it('narrows cases to a district for its user, and refuses another district', async () => {
    const d = await get(district, `date=${day}`);
    expect(d.area).toMatchObject({ level: 'district', code: '222' });
    expect(d.cases.cumulative).toBe(await n(sql`select count(*)::int as n from covid_case where district_code = '222' and confirmation_date <= ${day}::date`));
    expect((await app.inject({ method: 'GET', url: '/api/situation/dashboard?districtCode=219', headers: { cookie: district } })).statusCode).toBe(403);
    const commune = await get(district, `date=${day}&communeCode=07801`);
    expect(commune.area).toMatchObject({ level: 'commune', code: '07801' });
  });

  it('shares the figures of an area and day for 10 s, then shows the change (here: the day assessed)', async () => {
    const cdcActor: Actor = { userId: 0, username: 't_cdc', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
    // Later than the requests above, whose figures are cached under the same key.
    const t0 = Date.now() + 86_400_000;
    const before = await dashboard(t.db, cdcActor, { date: day }, t0);
    expect(before.level).toBeNull();
    expect((await app.inject({ method: 'POST', url: '/api/levels/assess', headers: { cookie: cdc }, payload: { date: day } })).statusCode).toBeLessThan(300);
    expect((await dashboard(t.db, cdcActor, { date: day }, t0 + DASHBOARD_TTL_MS - 1)).level).toBeNull();
    expect([1, 2, 3, 4]).toContain((await dashboard(t.db, cdcActor, { date: day }, t0 + DASHBOARD_TTL_MS)).level);
    // Access is still checked per request, cached figures or not.
    const districtActor: Actor = { ...cdcActor, role: 'district_health', scopeKind: 'district', scopeCode: '222' };
    await expect(dashboard(t.db, districtActor, { districtCode: '219', date: day }, t0)).rejects.toMatchObject({ status: 403 });
  });
});
