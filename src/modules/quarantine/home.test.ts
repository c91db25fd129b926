import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { isAbnormal, missedDays } from './quarantine.home.ts';

describe('home check rules', () => {
  it('counts absence, symptoms and 37.5 °C or more as abnormal', () => {
    expect(isAbnormal({ present: true, symptoms: false, temperature: 37.4 })).toBe(false);
    expect(isAbnormal({ present: true, symptoms: false, temperature: 37.5 })).toBe(true);
    expect(isAbnormal({ present: false, symptoms: false, temperature: null })).toBe(true);
    expect(isAbnormal({ present: true, symptoms: true, temperature: null })).toBe(true);
  });
  it('lists unchecked days across a month boundary', () => {
    expect(missedDays('2021-06-29', '2021-07-02', new Set(['2021-06-30']))).toEqual(['2021-06-29', '2021-07-01', '2021-07-02']);
    expect(missedDays('2021-07-03', '2021-07-02', new Set())).toEqual([]);
  });
});

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};
const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };
const inject = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload === undefined ? {} : { payload: payload as object }) });

let f2Order: number;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const u of ['t_cdc', 't_team', 't_viewer', 't_quangchau', 't_vantrung']) cookies[u] = await loginAs(app, u);
  const person = async (name: string) => (await t.db.insertInto('person').values({ ...AREA, full_name: name, name_search: foldVietnamese(name), sex: 'male', phone: '0912345678' })
    .returning('id').executeTakeFirstOrThrow()).id;
  const f1 = await person('Nguyễn Văn Nguồn');
  const f2 = await person('Trần Văn Theo Dõi');
  const res = await inject('t_cdc', 'POST', '/api/quarantine/orders', { personId: f2, kind: 'home', subject: 'f2', startDate: '2021-07-20', homeAddress: 'Thôn Trung, xã Vân Trung', source: { personId: f1, kind: 'household', groupId: null, date: '2021-07-19' } });
  expect(res.statusCode, res.body).toBe(201);
  f2Order = res.json().id;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('home follow-up', () => {
  it("lists the people to check with the days missed, to the commune's team (who call them) with phones, masked for viewers", async () => {
    const res = await inject('t_team', 'GET', '/api/quarantine/home-monitoring?date=2021-07-22');
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json().items.find((i: { orderId: number }) => i.orderId === f2Order);
    expect(item).toMatchObject({ kind: 'f2_monitoring', since: '2021-07-20', day: 3, today: null, missedDays: ['2021-07-20', '2021-07-21'] });
    expect(item.phone).toBe('0912345678');
    const viewer = (await inject('t_viewer', 'GET', '/api/quarantine/home-monitoring?date=2021-07-22')).json().items[0];
    expect(viewer.phone).toBe('*******678');
    // Outside the commune: nobody.
    expect((await inject('t_quangchau', 'GET', '/api/quarantine/home-monitoring?date=2021-07-22')).json().total).toBe(0);
  });

  it('records checks once a day; an abnormal one opens a task the health station closes', async () => {
    const ok = await inject('t_team', 'POST', `/api/quarantine/orders/${f2Order}/checks`, { date: '2021-07-22', present: true, symptoms: false, temperature: 36.8 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ abnormal: false, taskId: null });
    const dup = await inject('t_team', 'POST', `/api/quarantine/orders/${f2Order}/checks`, { date: '2021-07-22', present: true, symptoms: false });
    expect(dup.statusCode).toBe(409);
    expect((await inject('t_viewer', 'POST', `/api/quarantine/orders/${f2Order}/checks`, { date: '2021-07-23', present: true, symptoms: false })).statusCode).toBe(403);
    const hot = await inject('t_team', 'POST', `/api/quarantine/orders/${f2Order}/checks`, { date: '2021-07-23', present: true, symptoms: false, temperature: 38.2 });
    expect(hot.json()).toMatchObject({ abnormal: true });
    const taskId = hot.json().taskId as number;
    expect(taskId).toBeGreaterThan(0);
    const tasks = (await inject('t_vantrung', 'GET', '/api/quarantine/tasks?status=open')).json();
    expect(tasks.items).toMatchObject([{ id: taskId, status: 'open', detail: expect.stringContaining('sốt 38.2 °C') }]);
    const before = await inject('t_team', 'GET', '/api/quarantine/home-monitoring?date=2021-07-23');
    expect(before.json().counts).toMatchObject({ checkedToday: 1, abnormalToday: 1 });
    expect((await inject('t_vantrung', 'POST', `/api/quarantine/tasks/${taskId}/done`, { outcome: 'Đã lấy mẫu xét nghiệm' })).statusCode).toBe(200);
    expect((await inject('t_vantrung', 'POST', `/api/quarantine/tasks/${taskId}/done`, { outcome: 'lần nữa' })).statusCode).toBe(409);
    const bad = await inject('t_team', 'POST', `/api/quarantine/orders/${f2Order}/checks`, { date: '2021-07-19', present: true, symptoms: false, temperature: 48 });
    expect(bad.json().error.details.issues.map((i: { code: string }) => i.code).sort()).toEqual(['NOT_UNDER_FOLLOW_UP', 'RANGE']);
  });
});
