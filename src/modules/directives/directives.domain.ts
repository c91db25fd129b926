/**
 * The rules of directives, pure (the clock comes in as `now`): a task's status steps, its deadline
 * state and next due day, the periods of recurring deadlines, and the checks of a deadline against
 * its meeting. Deadlines are Vietnam calendar dates: a day ends at 24:00 in Asia/Ho_Chi_Minh
 * whatever the server's time zone (`vnDate` formats in that zone).
 */
import type { DirectiveTaskStatus } from '../../db/schema.ts';
import { dayNumber, isoDay, vnDate } from '../../lib/time.ts';
import type { FieldIssue } from '../../server/errors.ts';

export type TaskStatus = DirectiveTaskStatus;
export type Deadline =
  | { kind: 'date'; dueOn: string }
  | { kind: 'daily'; from: string; until?: string | null | undefined }
  | { kind: 'weekly'; weekday: number; from: string; until?: string | null | undefined };
export type DeadlineState = 'done' | 'overdue' | 'due_soon' | 'on_time';

/** What the deadline rules need to know of a task's reports. */
export interface TaskProgress {
  status: TaskStatus;
  /** Vietnam calendar days of the task's reports (any order, duplicates allowed). */
  reportDays: readonly string[];
  /** Vietnam day of the latest report that marked the task done (null: none). */
  doneDay: string | null;
}

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

const mod7 = (n: number) => ((n % 7) + 7) % 7;

/** The first due day on or after `day` (a recurring deadline's period end), or null when the series has ended. */
export function dueDayOnOrAfter(d: Exclude<Deadline, { kind: 'date' }>, day: string): string | null {
  let n = Math.max(dayNumber(day), dayNumber(d.from));
  if (d.kind === 'weekly') n += mod7(d.weekday - isoWeekday(isoDay(n)));
  const due = isoDay(n);
  return d.until && due > d.until ? null : due;
}

/** The last due day before `day`, or null when none has passed yet. */
export function dueDayBefore(d: Exclude<Deadline, { kind: 'date' }>, day: string): string | null {
  let n = dayNumber(day) - 1;
  if (d.until) n = Math.min(n, dayNumber(d.until));
  if (d.kind === 'weekly') n -= mod7(isoWeekday(isoDay(n)) - d.weekday);
  return n < dayNumber(d.from) ? null : isoDay(n);
}

/** The first day of the period that ends on due day `end`: the day itself, or the week up to it (not before `from`). */
export function periodStart(d: Exclude<Deadline, { kind: 'date' }>, end: string): string {
  if (d.kind === 'daily') return end;
  return isoDay(Math.max(dayNumber(d.from), dayNumber(end) - 6));
}

const reportedBetween = (p: TaskProgress, from: string, to: string) => p.reportDays.some((r) => r >= from && r <= to);

/** The deadline alert of a task at `now`, with the period (its due day) it is about; null when on time or done. */
export function deadlineAlert(d: Deadline, p: TaskProgress, now: Date): { state: 'overdue' | 'due_soon'; period: string } | null {
  if (p.status === 'accepted') return null;
  const today = vnDate(now);
  if (d.kind === 'date') {
    // Reported done by the end of the day: met, waiting for the command centre.
    if (p.status === 'reported' && p.doneDay !== null && p.doneDay <= d.dueOn) return null;
    if (today > d.dueOn) return { state: 'overdue', period: d.dueOn };
    if (p.status !== 'reported' && dayNumber(d.dueOn) - dayNumber(today) <= 1) return { state: 'due_soon', period: d.dueOn };
    return null;
  }
  // A recurring task marked done waits for the command centre to close it.
  if (p.status === 'reported') return null;
  // The last period that has ended with no report in it, nor any since: overdue until the agency reports.
  const ended = dueDayBefore(d, today);
  if (ended !== null && !reportedBetween(p, periodStart(d, ended), today)) return { state: 'overdue', period: ended };
  // The current period ends today (within 24 h) and has no report yet.
  const current = dueDayOnOrAfter(d, today);
  if (current === today && !reportedBetween(p, periodStart(d, current), today)) return { state: 'due_soon', period: current };
  return null;
}

export function deadlineState(d: Deadline, p: TaskProgress, now: Date): DeadlineState {
  if (p.status === 'accepted') return 'done';
  return deadlineAlert(d, p, now)?.state ?? 'on_time';
}

/** The next day a report is due: the date deadline, or the end of the first period not yet reported; null when done or the series is over. */
export function nextDueOn(d: Deadline, p: TaskProgress, now: Date): string | null {
  if (p.status === 'accepted') return null;
  if (d.kind === 'date') return d.dueOn;
  const today = vnDate(now);
  const ended = dueDayBefore(d, today);
  if (ended !== null && !reportedBetween(p, periodStart(d, ended), today)) return ended;
  const current = dueDayOnOrAfter(d, today);
  if (current === null) return null;
  if (!reportedBetween(p, periodStart(d, current), today)) return current;
  return dueDayOnOrAfter(d, isoDay(dayNumber(current) + 1));
}

/** The status a report leaves a task in: done → reported (for the command centre to accept or return), else in progress. */
export function statusAfterReport(status: TaskStatus, done: boolean): TaskStatus | null {
  if (status === 'accepted') return null;
  return done ? 'reported' : 'in_progress';
}

/** Accepting and returning are answers to a report marked done. */
export function mayReview(status: TaskStatus): boolean {
  return status === 'reported';
}

function calendarIssue(field: string, value: string): FieldIssue | null {
  try {
    dayNumber(value);
    return null;
  } catch {
    return issue(field, 'INVALID_DATE', `Ngày ${value} không có trên lịch`, `${value} is not a calendar date`);
  }
}

/**
 * Every problem of a deadline: dates on the calendar, nothing due before the meeting that gave the
 * task, `until` not before `from`, and a weekly series with at least one reporting day.
 */
export function deadlineIssues(d: Deadline, meetingOn: string | null, field = 'deadline'): FieldIssue[] {
  const dates = d.kind === 'date' ? [['dueOn', d.dueOn]] : [['from', d.from], ...(d.until ? [['until', d.until]] : [])];
  const bad = dates.map(([k, v]) => calendarIssue(`${field}.${k}`, v!)).filter((x): x is FieldIssue => x !== null);
  if (bad.length) return bad;
  const issues: FieldIssue[] = [];
  const first = d.kind === 'date' ? d.dueOn : d.from;
  if (meetingOn !== null && first < meetingOn) {
    issues.push(issue(`${field}.${d.kind === 'date' ? 'dueOn' : 'from'}`, 'BEFORE_MEETING',
      `Thời hạn ${dmy(first)} trước ngày họp ${dmy(meetingOn)}`, `The deadline ${dmy(first)} is before the meeting of ${dmy(meetingOn)}`));
  }
  if (d.kind !== 'date') {
    if (d.until && d.until < d.from) {
      issues.push(issue(`${field}.until`, 'ORDER', `Ngày kết thúc ${dmy(d.until)} trước ngày bắt đầu ${dmy(d.from)}`, `The end ${dmy(d.until)} is before the start ${dmy(d.from)}`));
    } else if (d.kind === 'weekly' && (d.weekday < 1 || d.weekday > 7 || !Number.isInteger(d.weekday))) {
      issues.push(issue(`${field}.weekday`, 'INVALID', 'Thứ trong tuần từ 1 (thứ Hai) đến 7 (Chủ nhật)', 'The weekday is 1 (Monday) to 7 (Sunday)'));
    } else if (d.kind === 'weekly' && dueDayOnOrAfter(d, d.from) === null) {
      issues.push(issue(`${field}.until`, 'NO_PERIOD', 'Không có ngày báo cáo nào giữa ngày bắt đầu và ngày kết thúc', 'There is no reporting day between the start and the end'));
    }
  }
  return issues;
}

/** The deadline as a notice prints it: "hoàn thành trước ngày 25/11/2021", "báo cáo hằng ngày từ …". */
export function deadlineText(d: Deadline): string {
  if (d.kind === 'date') return `hoàn thành trước ngày ${dmy(d.dueOn)}`;
  const until = d.until ? ` đến ngày ${dmy(d.until)}` : '';
  if (d.kind === 'daily') return `báo cáo kết quả hằng ngày từ ngày ${dmy(d.from)}${until}`;
  const day = d.weekday === 7 ? 'Chủ nhật' : `thứ ${['Hai', 'Ba', 'Tư', 'Năm', 'Sáu', 'Bảy'][d.weekday - 1]}`;
  return `báo cáo kết quả vào ${day} hằng tuần từ ngày ${dmy(d.from)}${until}`;
}

/** Stored columns → Deadline. */
export function deadlineOf(r: { deadline_kind: string; due_on: string | null; due_from: string | null; due_until: string | null; due_weekday: number | null }): Deadline {
  if (r.deadline_kind === 'date') return { kind: 'date', dueOn: r.due_on! };
  if (r.deadline_kind === 'daily') return { kind: 'daily', from: r.due_from!, until: r.due_until };
  return { kind: 'weekly', weekday: r.due_weekday!, from: r.due_from!, until: r.due_until };
}

/** Deadline → stored columns. */
export function deadlineColumns(d: Deadline) {
  return {
    deadline_kind: d.kind,
    due_on: d.kind === 'date' ? d.dueOn : null,
    due_from: d.kind === 'date' ? null : d.from,
    due_until: d.kind === 'date' ? null : (d.until ?? null),
    due_weekday: d.kind === 'weekly' ? d.weekday : null,
  };
}

const PRIORITY_ORDER = { high: 0, normal: 1, low: 2 } as const;
export const priorityRank = (p: 'high' | 'normal' | 'low') => PRIORITY_ORDER[p];
