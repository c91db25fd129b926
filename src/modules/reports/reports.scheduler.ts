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
import { vnDate } from '../../lib/time.ts';
import { scheduledReportDue, type TimeOfDay } from './reports.domain.ts';
import { generateReport, reportGeneratedAt } from './reports.service.ts';

export interface SchedulerClock {
  now(): Date;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const systemClock: SchedulerClock = {
  now: () => new Date(),
  every: (ms, fn) => {
    const timer = setInterval(fn, ms);
    timer.unref(); // never keeps the process alive on its own
    return () => clearInterval(timer);
  },
};

export interface ReportScheduler {
  /** One check now: generates the day's report when due. Resolves to the day generated, or null. */
  tick(): Promise<string | null>;
  stop(): Promise<void>;
}

export const CHECK_EVERY_MS = 60_000;

export function startReportScheduler(db: Db, opts: {
  provinceCode: string;
  at: TimeOfDay;
  clock?: SchedulerClock;
  log?: (message: string) => void;
}): ReportScheduler {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((m: string) => console.warn(m));
  let running: Promise<string | null> | null = null;
  let stopped = false;

  const check = async (): Promise<string | null> => {
    const now = clock.now();
    const today = vnDate(now);
    if (!scheduledReportDue(now, today, opts.at, await reportGeneratedAt(db, opts.provinceCode, today))) return null;
    await generateReport(db, { scheduler: { username: 'scheduler', provinceCode: opts.provinceCode, ip: null } }, today, now);
    return today;
  };

  // One check at a time: a slow generation is not started twice by the next minute's timer.
  const tick = (): Promise<string | null> => {
    if (stopped) return Promise.resolve(null);
    running ??= check()
      .catch((e: unknown) => {
        log(`daily report: generation failed: ${e instanceof Error ? e.message : String(e)}`);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const cancel = clock.every(CHECK_EVERY_MS, () => void tick());
  void tick();
  return {
    tick,
    stop: async () => {
      stopped = true;
      cancel();
      await running;
    },
  };
}
