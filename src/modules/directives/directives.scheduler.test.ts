import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { fakeClock } from '../../test/fake-clock.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { startDirectivesScheduler } from './directives.scheduler.ts';
import { createAgency } from './directives.service.ts';
import { addReport, createTask } from './directives.tasks.ts';

let t: TestDb;
const office: Actor = { userId: 0, username: 'sched_office', role: 'steering_office', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
let officer: Actor;
let dateTask: number;
let dailyTask: number;

beforeAll(async () => {
  t = await createTestDb();
  const health = await createAgency(t.db, office, { name: 'Sở Y tế', shortName: 'SYT', agencyKind: 'department' });
  officer = { ...office, username: 'sched_soyte', role: 'agency_officer', scopeKind: 'org', scopeCode: String(health.id), scopeOrgId: health.id };
  const base = { body: '', leadAgencyId: health.id, supportAgencyIds: [], priority: 'normal' as const };
  dateTask = (await createTask(t.db, office, { ...base, title: 'Hoàn thành trước ngày 10/06/2021', deadline: { kind: 'date', dueOn: '2021-06-10' } })).id;
  dailyTask = (await createTask(t.db, office, { ...base, title: 'Báo cáo hằng ngày', deadline: { kind: 'daily', from: '2021-06-09', until: '2021-06-12' } })).id;
});
afterAll(async () => {
  await t.destroy();
});

const notes = async () => (await sql<{ task_id: number; kind: string; period: string }>`
  select task_id, kind, period from directive_notification where kind in ('due_soon', 'overdue') order by id`.execute(t.db)).rows
  .map((r) => `${r.task_id === dateTask ? 'date' : 'daily'}:${r.kind}:${r.period}`);

describe('directives scheduler', () => {
  it('writes due-soon and overdue notifications once per task and period', async () => {
    // 09/06 at 08:00 in Vietnam: the date task is due tomorrow, the daily one today.
    const c = fakeClock('2021-06-09T01:00:00Z');
    const s = startDirectivesScheduler(t.db, { provinceCode: '24', clock: c.clock, log: () => {} });
    expect(await s.tick()).toBe(2); // the check started with the scheduler
    expect(await s.tick()).toBe(0);
    expect(await notes()).toEqual(['date:due_soon:2021-06-10', 'daily:due_soon:2021-06-09']);
    expect(c.timer.every).toBe(600_000);

    // The agency reports on 09/06 at 23:59:59 Vietnam time (16:59:59Z): the daily period is met.
    await addReport(t.db, officer, dailyTask, { text: 'Trong ngày 0 ca', percent: 10, done: false }, new Date('2021-06-09T16:59:59Z'));
    // 10/06 at 00:00:00 in Vietnam: the daily task is due again; nothing overdue.
    c.set('2021-06-09T17:00:00Z');
    expect(await s.tick()).toBe(1);
    expect((await notes()).at(-1)).toBe('daily:due_soon:2021-06-10');
    // 11/06 at 00:00 in Vietnam: 10/06 passed without a daily report and the date task's day is over.
    c.set('2021-06-10T17:00:00Z');
    expect(await s.tick()).toBe(2);
    expect((await notes()).slice(-2).sort()).toEqual(['daily:overdue:2021-06-10', 'date:overdue:2021-06-10']);
    c.set('2021-06-10T20:00:00Z');
    expect(await s.tick()).toBe(0);
    const audit = await sql<{ username: string }>`select username from audit_log where record_kind = 'directive_notification'`.execute(t.db);
    expect(audit.rows.map((r) => r.username)).toEqual(['scheduler', 'scheduler', 'scheduler']);
    await s.stop();
    expect(c.timer.cancelled).toBe(true);
    c.set('2021-06-12T17:00:00Z');
    expect(await s.tick()).toBe(0);
  });

  it('logs a failure and keeps running', async () => {
    const c = fakeClock('2021-06-13T01:00:00Z');
    const logged: string[] = [];
    const s = startDirectivesScheduler(t.db, { provinceCode: '24', clock: c.clock, log: (m) => logged.push(m) });
    await s.tick();
    await sql`alter table directive_notification rename to directive_notification_away`.execute(t.db);
    expect(await s.tick()).toBe(0);
    await sql`alter table directive_notification_away rename to directive_notification`.execute(t.db);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('directives: deadline notifications failed');
    await s.stop();
  });
});
