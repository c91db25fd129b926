import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { isCalendarDate, parseReportAt, reportDateIssue, scheduledReportDue, vnInstant, vnNumber, vnPercent } from './reports.domain.ts';
import { fakeClock } from '../../test/fake-clock.ts';
import { startReportScheduler } from './reports.scheduler.ts';
import { generateReport } from './reports.service.ts';

let t: TestDb;
let cdcId: number;
beforeAll(async () => {
  t = await createTestDb();
  cdcId = (await t.db.insertInto('app_user').values({
    username: 'sched_cdc', password_hash: 'x', full_name: 'CDC', role: 'cdc', scope_kind: 'province', scope_code: '24', province_code: '24',
  }).returning('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await t.destroy();
});

const rowOf = async (date: string) =>
  (await sql<{ generated_at: Date | null; generated_by: number | null; has_docx: boolean }>`
    select generated_at, generated_by, docx is not null as has_docx from daily_report where province_code = '24' and report_date = ${date}`.execute(t.db)).rows[0];

describe('report scheduler', () => {
  it('makes the day\'s report once the time of day has passed in Vietnam, once, by the scheduler', async () => {
    const c = fakeClock('2021-06-10T15:29:00+07:00');
    const s = startReportScheduler(t.db, { provinceCode: '24', at: { hour: 15, minute: 30 }, clock: c.clock, log: () => {} });
    expect(await s.tick()).toBeNull();
    expect(await rowOf('2021-06-10')).toBeUndefined();
    c.set('2021-06-10T15:31:00+07:00');
    expect(await s.tick()).toBe('2021-06-10');
    const row = await rowOf('2021-06-10');
    expect(row).toMatchObject({ generated_by: null, has_docx: true });
    expect(row!.generated_at!.toISOString()).toBe('2021-06-10T08:31:00.000Z');
    c.set('2021-06-10T15:32:00+07:00');
    expect(await s.tick()).toBeNull();
    const audit = await sql<{ username: string; user_id: number | null }>`
      select username, user_id from audit_log where record_kind = 'daily_report' and record_id = '2021-06-10'`.execute(t.db);
    expect(audit.rows).toEqual([{ username: 'scheduler', user_id: null }]);
    expect(c.timer.every).toBe(60_000);
    await s.stop();
    expect(c.timer.cancelled).toBe(true);
    c.set('2021-06-11T16:00:00+07:00');
    expect(await s.tick()).toBeNull();
  });

  it('remakes a report made by hand before the time, and catches up after a late start', async () => {
    const actor: Actor = { userId: cdcId, username: 'sched_cdc', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
    await generateReport(t.db, { actor }, '2021-06-12', new Date('2021-06-12T09:00:00+07:00'));
    expect((await rowOf('2021-06-12'))!.generated_by).toBe(cdcId);
    // The server starts at 18:00: the first check (at start) makes the day's report.
    const c = fakeClock('2021-06-12T18:00:00+07:00');
    const s = startReportScheduler(t.db, { provinceCode: '24', at: { hour: 15, minute: 30 }, clock: c.clock, log: () => {} });
    expect(await s.tick()).toBe('2021-06-12'); // the check started with the scheduler, still running
    expect(await s.tick()).toBeNull();
    const row = await rowOf('2021-06-12');
    expect(row!.generated_by).toBeNull();
    expect(row!.generated_at!.toISOString()).toBe('2021-06-12T11:00:00.000Z');
    await s.stop();
  });

  it('logs a failed generation and keeps running', async () => {
    const c = fakeClock('2021-06-13T15:30:00+07:00');
    const logged: string[] = [];
    const s = startReportScheduler(t.db, { provinceCode: '24', at: { hour: 15, minute: 30 }, clock: c.clock, log: (m) => logged.push(m) });
    await s.tick();
    // A broken database: the next day's generation fails, is logged, and the scheduler stays usable.
    await sql`alter table daily_report rename to daily_report_away`.execute(t.db);
    c.set('2021-06-14T15:45:00+07:00');
    expect(await s.tick()).toBeNull();
    await sql`alter table daily_report_away rename to daily_report`.execute(t.db);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('daily report: generation failed');
    expect(await s.tick()).toBe('2021-06-14');
    await s.stop();
  });
});

describe('report rules', () => {
  it('reads REPORT_AT as a Vietnam time of day, "off", or refuses it', () => {
    expect(parseReportAt(undefined)).toEqual({ hour: 15, minute: 30 });
    expect(parseReportAt('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseReportAt('OFF')).toBeNull();
    expect(() => parseReportAt('25:00')).toThrow(/REPORT_AT/);
    expect(() => parseReportAt('15h30')).toThrow(/REPORT_AT/);
  });

  it('is due after the time until generated after it', () => {
    const at = { hour: 15, minute: 30 };
    expect(vnInstant('2021-06-10', at).toISOString()).toBe('2021-06-10T08:30:00.000Z');
    const due = (now: string, generated: string | null) => scheduledReportDue(new Date(now), '2021-06-10', at, generated ? new Date(generated) : null);
    expect(due('2021-06-10T15:29:59+07:00', null)).toBe(false);
    expect(due('2021-06-10T15:30:00+07:00', null)).toBe(true);
    expect(due('2021-06-10T16:00:00+07:00', '2021-06-10T10:00:00+07:00')).toBe(true);
    expect(due('2021-06-10T16:00:00+07:00', '2021-06-10T15:30:00+07:00')).toBe(false);
  });

  it('takes past days and today only, and prints numbers the Vietnamese way', () => {
    expect(reportDateIssue('2021-06-10', '2021-06-10')).toBeNull();
    expect(reportDateIssue('2021-06-11', '2021-06-10')).toMatchObject({ field: 'date', code: 'FUTURE_DATE' });
    expect(reportDateIssue('2021-02-29', '2021-06-10')).toMatchObject({ code: 'INVALID_DATE' });
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(vnNumber(1234567)).toBe('1.234.567');
    expect(vnNumber(0)).toBe('0');
    expect(vnPercent(83.5)).toBe('83,5%');
    expect(vnPercent(null)).toBe('—');
  });
});
