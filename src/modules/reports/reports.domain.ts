/**
 * The daily situation report: pure rules. Which days a report may be made for, the scheduler's
 * time of day, numbers and file names as Vietnamese documents print them. No I/O; `today` and
 * `now` are always passed in.
 */
import type { FieldIssue } from '../../server/errors.ts';

/** A real calendar date 'YYYY-MM-DD' (not 2021-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

/** A report is for a past day or today (Vietnam time): never a day still to come. */
export function reportDateIssue(date: string, today: string): FieldIssue | null {
  if (!isCalendarDate(date)) {
    return { field: 'date', code: 'INVALID_DATE', message: { vi: `Ngày báo cáo "${date}" không hợp lệ (YYYY-MM-DD)`, en: `The report date "${date}" is not a valid date (YYYY-MM-DD)` } };
  }
  if (date > today) {
    return { field: 'date', code: 'FUTURE_DATE', message: { vi: `Ngày báo cáo ${date} chưa tới (hôm nay là ${today})`, en: `The report date ${date} is in the future (today is ${today})` } };
  }
  return null;
}

/** '2021-06-10' → 'bao-cao-2021-06-10.docx'. */
export function reportFileName(date: string, kind: 'docx' | 'xlsx'): string {
  return `bao-cao-${date}.${kind}`;
}

/** 12345 → '12.345' (Vietnamese thousands separator, no dependence on the runtime's locale data). */
export function vnNumber(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 83.5 → '83,5' (one decimal, Vietnamese comma); null → '—'. */
export function vnPercent(p: number | null): string {
  return p === null ? '—' : `${String(p).replace('.', ',')}%`;
}

export interface TimeOfDay { hour: number; minute: number }

/**
 * REPORT_AT: 'HH:MM' (Vietnam time) or 'off'. Anything else is a configuration error, reported
 * at start-up rather than leaving the report silently unscheduled.
 */
export function parseReportAt(raw: string | undefined): TimeOfDay | null {
  const value = (raw ?? '15:30').trim();
  if (value.toLowerCase() === 'off') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`REPORT_AT must be HH:MM (Vietnam time) or "off", got "${raw}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The instant of a Vietnam time of day on a Vietnam calendar date (Vietnam keeps UTC+7 all year). */
export function vnInstant(date: string, at: TimeOfDay): Date {
  const hh = String(at.hour).padStart(2, '0');
  const mm = String(at.minute).padStart(2, '0');
  return new Date(`${date}T${hh}:${mm}:00+07:00`);
}

/**
 * Whether the scheduler should make the day's report now: the time of day has passed in Vietnam
 * and the day's report was not generated since then (a report made by hand in the morning is made
 * again with the afternoon's figures; a server started at 16:10 catches up).
 */
export function scheduledReportDue(now: Date, today: string, at: TimeOfDay, generatedAt: Date | null): boolean {
  const due = vnInstant(today, at);
  if (now < due) return false;
  return generatedAt === null || generatedAt < due;
}
