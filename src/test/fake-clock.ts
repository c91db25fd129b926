import type { SchedulerClock } from '../lib/periodic-job.ts';

/** A scheduler clock a test moves by hand; the timer only records that it was set and cancelled. */
export function fakeClock(start: string) {
  let now = new Date(start);
  const timer = { every: 0, cancelled: false };
  const clock: SchedulerClock = {
    now: () => now,
    every: (ms) => {
      timer.every = ms;
      return () => {
        timer.cancelled = true;
      };
    },
  };
  return { clock, timer, set: (iso: string) => (now = new Date(iso)) };
}
