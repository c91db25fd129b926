import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { lastDueOn, planStatus } from './testing.schedule.ts';

const every3 = { startsOn: '2021-05-29', endsOn: null, everyDays: 3 };

describe('screening recurrence', () => {
  it('falls due every N days from the start, across a month boundary, never after the end', () => {
    expect(lastDueOn(every3, '2021-05-28')).toBeNull();
    expect(lastDueOn(every3, '2021-05-29')).toBe('2021-05-29');
    expect(lastDueOn(every3, '2021-06-01')).toBe('2021-06-01');
    expect(lastDueOn(every3, '2021-06-03')).toBe('2021-06-01');
    expect(lastDueOn({ ...every3, endsOn: '2021-06-02' }, '2021-06-20')).toBe('2021-06-01');
  });
  it('tells due, done and overdue apart', () => {
    expect(planStatus(every3, '2021-06-01', '2021-05-29')).toEqual({ status: 'due', dueOn: '2021-06-01', daysLate: 0 });
    expect(planStatus(every3, '2021-06-01', '2021-06-01')).toEqual({ status: 'done', dueOn: '2021-06-01', daysLate: 0 });
    expect(planStatus(every3, '2021-06-03', '2021-05-29')).toEqual({ status: 'overdue', dueOn: '2021-06-01', daysLate: 2 });
    // A round held late covers the due day it was for.
    expect(planStatus(every3, '2021-06-03', '2021-06-02')).toEqual({ status: 'not_due', dueOn: '2021-06-01', daysLate: 0 });
    // An overdue screening done today shows as done today.
    expect(planStatus(every3, '2021-06-03', '2021-06-03')).toEqual({ status: 'done', dueOn: '2021-06-01', daysLate: 0 });
  });
});

let t: TestDb;
let app: App;
let cdc: string;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('screening schedules', () => {
  it('plans the day, starts a scheduled round and flags what is overdue', async () => {
    const inject = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { cookie: cdc }, ...(payload ? { payload } : {}) });
    const bad = await inject('POST', '/api/testing/schedules', { targetKind: 'commune', communeCode: '99999', everyDays: 0, startsOn: '2021-06-01', method: 'rt_pcr_pool' });
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['communeCode', 'everyDays', 'riskLevel']);
    const made = await inject('POST', '/api/testing/schedules', { targetKind: 'commune', communeCode: '07801', everyDays: 3, startsOn: '2021-06-01', method: 'rt_pcr_pool', riskLevel: 'high' });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as number;
    const plan = (date: string) => inject('GET', `/api/testing/plan?date=${date}`).then((r) => r.json());
    expect((await plan('2021-06-01')).items).toMatchObject([{ scheduleId: id, status: 'due' }]);
    const round = await inject('POST', `/api/testing/schedules/${id}/rounds`, { date: '2021-06-01' });
    expect(round.statusCode, round.body).toBe(201);
    expect(round.json()).toMatchObject({ targetKind: 'commune', poolSize: 5, scheduledOn: '2021-06-01' });
    expect((await plan('2021-06-01')).items).toMatchObject([{ scheduleId: id, status: 'done', roundToday: round.json().id }]);
    expect((await plan('2021-06-03')).items).toEqual([]);
    expect((await plan('2021-06-05')).items).toMatchObject([{ scheduleId: id, status: 'overdue', dueOn: '2021-06-04', daysLate: 1 }]);
    expect((await inject('POST', `/api/testing/schedules/${id}/end`, { endsOn: '2021-06-02' })).statusCode).toBe(200);
    expect((await plan('2021-06-05')).items).toEqual([]);
  });
});

describe('backlog by day', () => {
  it('is what was taken so far minus what was resulted so far, including days before the range', async () => {
    const { backlogByDay } = await import('./testing.capacity.ts');
    const b = backlogByDay([{ date: '2021-06-01', taken: 10, resulted: 0 }, { date: '2021-06-03', taken: 5, resulted: 8 }], ['2021-06-02', '2021-06-03', '2021-06-04']);
    expect([...b.values()]).toEqual([10, 7, 7]);
  });
});
