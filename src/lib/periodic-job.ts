/**
 * A job the server runs on a timer (the daily report, directive deadline notifications): the
 * clock and the timer are injectable, so a test drives a job without waiting.
 */

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

export interface PeriodicJob<T> {
  /** One run now (or the run already under way). */
  tick(): Promise<T>;
  /** No run after this; resolves when the one under way has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `run` at once and then every `everyMs`, one run at a time: a slow run is not started twice
 * by the next timer. A failed run is logged (`what` names the job) and gives `failed`.
 */
export function startPeriodicJob<T>(opts: {
  what: string;
  everyMs: number;
  run: () => Promise<T>;
  failed: T;
  clock?: SchedulerClock | undefined;
  log?: ((message: string) => void) | undefined;
}): PeriodicJob<T> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? ((m: string) => console.warn(m));
  let running: Promise<T> | null = null;
  let stopped = false;

  const tick = (): Promise<T> => {
    if (stopped) return Promise.resolve(opts.failed);
    running ??= opts.run()
      .catch((e: unknown) => {
        log(`${opts.what} failed: ${e instanceof Error ? e.message : String(e)}`);
        return opts.failed;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  const cancel = clock.every(opts.everyMs, () => void tick());
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
