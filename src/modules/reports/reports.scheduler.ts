/**
 * Makes the day's report inside the server at a time of day (REPORT_AT, default 15:30 Vietnam
 * time, so it is ready for the 16:00 report to the provincial People's Committee). Once a minute
 * it checks whether the time has passed and the day's report was not generated since (a restart
 * after the time catches up; a report made by hand in the morning is made again with the
 * afternoon's figures). The clock and the timer are injectable, so a test drives it without
 * waiting. Several server processes on one database would each generate it: harmless (the last
 * one wins), but run the scheduler in one.
 */
import type { Db } from '../../db/database.ts';
import { type PeriodicJob, type SchedulerClock, startPeriodicJob, systemClock } from '../../lib/periodic-job.ts';
import { vnDate } from '../../lib/time.ts';
import { scheduledReportDue, type TimeOfDay } from './reports.domain.ts';
import { generateReport, reportGeneratedAt } from './reports.service.ts';

/** tick(): one check now, generating the day's report when due; resolves to the day generated, or null. */
export type ReportScheduler = PeriodicJob<string | null>;

export const CHECK_EVERY_MS = 60_000;

export function startReportScheduler(db: Db, opts: {
  provinceCode: string;
  at: TimeOfDay;
  clock?: SchedulerClock;
  log?: (message: string) => void;
}): ReportScheduler {
  const clock = opts.clock ?? systemClock;
  const check = async (): Promise<string | null> => {
    const now = clock.now();
    const today = vnDate(now);
    if (!scheduledReportDue(now, today, opts.at, await reportGeneratedAt(db, opts.provinceCode, today))) return null;
    await generateReport(db, { scheduler: { username: 'scheduler', provinceCode: opts.provinceCode, ip: null } }, today, now);
    return today;
  };

  // Once a minute, one check at a time: a slow generation is not started twice by the next minute's timer.
  return startPeriodicJob({ what: 'daily report: generation', everyMs: CHECK_EVERY_MS, run: check, failed: null, clock, log: opts.log });
}
