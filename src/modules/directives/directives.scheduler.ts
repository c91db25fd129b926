/**
 * Every 10 minutes inside the serving process: due-soon and overdue notifications to the agencies
 * (directives.alerts.ts `writeDeadlineNotifications`, each once per task and period). The clock and
 * timer are injectable like the daily report's scheduler, so a test drives it without waiting.
 */
import type { Db } from '../../db/database.ts';
import { type PeriodicJob, type SchedulerClock, startPeriodicJob, systemClock } from '../../lib/periodic-job.ts';
import { writeDeadlineNotifications } from './directives.alerts.ts';

export const DIRECTIVES_CHECK_EVERY_MS = 10 * 60_000;

/** tick(): one check now; resolves to the number of notifications written. */
export type DirectivesScheduler = PeriodicJob<number>;

export function startDirectivesScheduler(db: Db, opts: { provinceCode: string; clock?: SchedulerClock; log?: (message: string) => void }): DirectivesScheduler {
  const clock = opts.clock ?? systemClock;
  return startPeriodicJob({
    what: 'directives: deadline notifications', everyMs: DIRECTIVES_CHECK_EVERY_MS,
    run: () => writeDeadlineNotifications(db, opts.provinceCode, clock.now()), failed: 0, clock, log: opts.log,
  });
}
