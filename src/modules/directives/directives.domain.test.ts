import { afterEach, describe, expect, it } from 'vitest';
import {
  type Deadline, deadlineAlert, deadlineIssues, deadlineState, dueDayBefore, dueDayOnOrAfter, isoWeekday, nextDueOn, statusAfterReport, type TaskProgress,
} from './directives.domain.ts';

const progress = (over: Partial<TaskProgress> = {}): TaskProgress => ({ status: 'assigned', reportDays: [], doneDay: null, ...over });
const at = (iso: string) => new Date(iso);
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('date deadlines (Vietnam calendar days)', () => {
  const due: Deadline = { kind: 'date', dueOn: '2021-06-10' };

  it('turns overdue at midnight in Vietnam (17:00 UTC), whatever the server time zone', () => {
    for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati']) {
      process.env.TZ = tz;
      expect(deadlineState(due, progress(), at('2021-06-10T16:59:59Z')), tz).toBe('due_soon');
      expect(deadlineState(due, progress(), at('2021-06-10T17:00:00Z')), tz).toBe('overdue');
      // Two days before in Vietnam is on time; the day before is due soon.
      expect(deadlineState(due, progress(), at('2021-06-08T16:59:59Z')), tz).toBe('on_time');
      expect(deadlineState(due, progress(), at('2021-06-08T17:00:00Z')), tz).toBe('due_soon');
    }
  });

  it('is met by a done report made before the end of the day in Vietnam, and done once accepted', () => {
    const later = at('2021-06-20T03:00:00Z');
    // 16:59:59Z on 10/06 is 23:59:59 in Vietnam: in time.
    expect(deadlineState(due, progress({ status: 'reported', doneDay: '2021-06-10', reportDays: ['2021-06-10'] }), later)).toBe('on_time');
    expect(deadlineState(due, progress({ status: 'reported', doneDay: '2021-06-11', reportDays: ['2021-06-11'] }), later)).toBe('overdue');
    // Returned: the done report no longer counts.
    expect(deadlineState(due, progress({ status: 'returned', doneDay: '2021-06-09', reportDays: ['2021-06-09'] }), later)).toBe('overdue');
    expect(deadlineState(due, progress({ status: 'accepted', doneDay: '2021-06-12' }), later)).toBe('done');
    expect(nextDueOn(due, progress({ status: 'accepted' }), later)).toBeNull();
    expect(nextDueOn(due, progress(), later)).toBe('2021-06-10');
    expect(deadlineAlert(due, progress(), later)).toEqual({ state: 'overdue', period: '2021-06-10' });
  });
});

describe('recurring deadlines', () => {
  const daily: Deadline = { kind: 'daily', from: '2021-06-01', until: '2021-06-05' };
  // Friday reports from Tuesday 01/06/2021: due on 04/06, 11/06, 18/06.
  const weekly: Deadline = { kind: 'weekly', weekday: 5, from: '2021-06-01', until: '2021-06-20' };

  it('finds the periods of a series', () => {
    expect(isoWeekday('2021-06-01')).toBe(2);
    expect(isoWeekday('2021-06-06')).toBe(7);
    expect(dueDayOnOrAfter(daily, '2021-05-20')).toBe('2021-06-01');
    expect(dueDayOnOrAfter(daily, '2021-06-06')).toBeNull();
    expect(dueDayBefore(daily, '2021-06-01')).toBeNull();
    expect(dueDayBefore(daily, '2021-06-09')).toBe('2021-06-05');
    expect(dueDayOnOrAfter(weekly, '2021-06-01')).toBe('2021-06-04');
    expect(dueDayOnOrAfter(weekly, '2021-06-05')).toBe('2021-06-11');
    expect(dueDayOnOrAfter(weekly, '2021-06-19')).toBeNull();
    expect(dueDayBefore(weekly, '2021-06-11')).toBe('2021-06-04');
    expect(dueDayBefore(weekly, '2021-06-04')).toBeNull();
  });

  it('a daily task is due soon each day until reported that day, and overdue after a day without a report', () => {
    // 03/06 at 10:00 in Vietnam.
    const now = at('2021-06-03T03:00:00Z');
    expect(deadlineState(daily, progress({ status: 'in_progress', reportDays: ['2021-06-01', '2021-06-02'] }), now)).toBe('due_soon');
    expect(deadlineState(daily, progress({ status: 'in_progress', reportDays: ['2021-06-01', '2021-06-02', '2021-06-03'] }), now)).toBe('on_time');
    expect(nextDueOn(daily, progress({ status: 'in_progress', reportDays: ['2021-06-02', '2021-06-03'] }), now)).toBe('2021-06-04');
    // Nothing on 02/06: overdue for that day until a report comes.
    expect(deadlineAlert(daily, progress({ status: 'in_progress', reportDays: ['2021-06-01'] }), now)).toEqual({ state: 'overdue', period: '2021-06-02' });
    // The Vietnam day decides: 16:59:59Z on 02/06 is still 02/06, 17:00Z is 03/06.
    const p = progress({ status: 'in_progress', reportDays: ['2021-06-01'] });
    expect(deadlineState(daily, p, at('2021-06-02T16:59:59Z'))).toBe('due_soon');
    expect(deadlineState(daily, p, at('2021-06-02T17:00:00Z'))).toBe('overdue');
    // Before the series and after its last reported day.
    expect(deadlineState(daily, progress(), at('2021-05-30T03:00:00Z'))).toBe('on_time');
    expect(deadlineState(daily, progress({ status: 'in_progress', reportDays: ['2021-06-05'] }), at('2021-06-08T03:00:00Z'))).toBe('on_time');
    expect(nextDueOn(daily, progress({ status: 'in_progress', reportDays: ['2021-06-05'] }), at('2021-06-08T03:00:00Z'))).toBeNull();
  });

  it('a weekly task needs one report in each week up to its weekday', () => {
    // Wednesday 09/06: the week of 04/06 had a report on 03/06; the current week ends Friday 11/06.
    const wed = at('2021-06-09T03:00:00Z');
    expect(deadlineState(weekly, progress({ status: 'in_progress', reportDays: ['2021-06-03'] }), wed)).toBe('on_time');
    expect(nextDueOn(weekly, progress({ status: 'in_progress', reportDays: ['2021-06-03'] }), wed)).toBe('2021-06-11');
    // On Friday itself without a report this week: due soon; Saturday: overdue for 11/06.
    expect(deadlineState(weekly, progress({ status: 'in_progress', reportDays: ['2021-06-03'] }), at('2021-06-11T03:00:00Z'))).toBe('due_soon');
    expect(deadlineAlert(weekly, progress({ status: 'in_progress', reportDays: ['2021-06-03'] }), at('2021-06-12T03:00:00Z'))).toEqual({ state: 'overdue', period: '2021-06-11' });
    // A report on Saturday 05/06 belongs to the week ending 11/06.
    expect(deadlineState(weekly, progress({ status: 'in_progress', reportDays: ['2021-06-03', '2021-06-05'] }), at('2021-06-11T03:00:00Z'))).toBe('on_time');
    // Marked done: waits for the command centre, never overdue.
    expect(deadlineState(weekly, progress({ status: 'reported', reportDays: ['2021-06-03'], doneDay: '2021-06-03' }), at('2021-06-15T03:00:00Z'))).toBe('on_time');
  });
});

describe('statuses and checks', () => {
  it('moves a task by its reports and only reviews a reported one', () => {
    expect(statusAfterReport('assigned', false)).toBe('in_progress');
    expect(statusAfterReport('in_progress', true)).toBe('reported');
    expect(statusAfterReport('returned', false)).toBe('in_progress');
    expect(statusAfterReport('accepted', true)).toBeNull();
  });

  it('refuses a deadline before the meeting, an end before the start and a week without its day', () => {
    const codes = (d: Deadline, on: string | null) => deadlineIssues(d, on).map((i) => `${i.field}:${i.code}`);
    expect(codes({ kind: 'date', dueOn: '2021-05-12' }, '2021-05-13')).toEqual(['deadline.dueOn:BEFORE_MEETING']);
    expect(codes({ kind: 'date', dueOn: '2021-05-13' }, '2021-05-13')).toEqual([]);
    expect(codes({ kind: 'daily', from: '2021-06-05', until: '2021-06-01' }, null)).toEqual(['deadline.until:ORDER']);
    expect(codes({ kind: 'weekly', weekday: 1, from: '2021-06-01', until: '2021-06-05' }, null)).toEqual(['deadline.until:NO_PERIOD']);
    expect(codes({ kind: 'date', dueOn: '2021-02-30' }, null)).toEqual(['deadline.dueOn:INVALID_DATE']);
    expect(deadlineIssues({ kind: 'date', dueOn: '2021-05-12' }, '2021-05-13')[0]!.message.vi).toContain('trước ngày họp 13/05/2021');
  });
});
