/**
 * The engine's worker coming and going: a trace split with it, a worker stopped or failing
 * midway, after which traces run on one thread and give the same result.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { resolveF0, trace, tracedPeople } from './tracing.engine.ts';
import { BASE_DAY, worldArb, worldData } from './tracing.fixtures.ts';
import { TracingIndex } from './tracing.index.ts';
import { EngineWorker, OP, WorkerLost, engineWorkerReady, engineWorkerSteps, engineWorkerWaitTimeouts, stopEngineWorker } from './tracing.parallel.ts';

/** A random world that traces someone at F1 at least. */
function busyWorld() {
  const asOf = BASE_DAY + 18;
  for (const world of fc.sample(worldArb, { numRuns: 200, seed: 7 })) {
    const index = new TracingIndex(worldData(world));
    const sources = resolveF0(index, null, asOf).sources;
    if (trace(index, { f0: sources, asOf, depth: 3, minParallelSources: Infinity }).counts[1]! > 0) return { index, opts: { f0: sources, asOf, depth: 3 } };
  }
  throw new Error('no world with an F1 in the sample');
}

describe('the engine worker', () => {
  it('gives up a step when the worker is gone, with WorkerLost', async () => {
    const worker = new EngineWorker();
    expect(await worker.ready()).toBe(true);
    expect(worker.available).toBe(true);
    await worker.close();
    expect(worker.available).toBe(false);
    const { index } = busyWorld();
    expect(() => {
      worker.begin(OP.groups, index.base, {} as never, 0, [0, 0, 0]);
      worker.finish();
    }).toThrow(WorkerLost);
  });

  it('sees every step done as soon as the worker reports it, over thousands of steps', async () => {
    // A step done between the main thread's test of the control block and its wait used to be
    // missed: the wait then slept its whole second. Tiny steps make that moment frequent.
    expect(await engineWorkerReady()).toBe(true);
    const { index, opts } = busyWorld();
    const one = tracedPeople(trace(index, { ...opts, minParallelSources: Infinity }));
    const steps = engineWorkerSteps(), timeouts = engineWorkerWaitTimeouts();
    for (let i = 0; i < 3000; i++) {
      const r = trace(index, { ...opts, minParallelSources: 1 });
      if (i % 500 === 0) expect(tracedPeople(r)).toEqual(one);
      if (engineWorkerWaitTimeouts() > timeouts) break;
    }
    expect(engineWorkerSteps() - steps).toBeGreaterThan(3000);
    expect(engineWorkerWaitTimeouts()).toBe(timeouts);
  }, 60_000);

  it('retraces on one thread when the worker is lost midway, and on one thread once it is stopped', async () => {
    expect(await engineWorkerReady()).toBe(true);
    const { index, opts } = busyWorld();
    const one = tracedPeople(trace(index, { ...opts, minParallelSources: Infinity }));
    let steps = engineWorkerSteps();
    expect(tracedPeople(trace(index, { ...opts, minParallelSources: 1 }))).toEqual(one);
    expect(engineWorkerSteps()).toBeGreaterThan(steps);

    // The first step's answer is lost: the run retraces on one thread, after waiting out that
    // step (the second call), and the next run splits again.
    const finish = vi.spyOn(EngineWorker.prototype, 'finish').mockImplementationOnce(() => { throw new WorkerLost('lost in a test'); });
    steps = engineWorkerSteps();
    expect(tracedPeople(trace(index, { ...opts, minParallelSources: 1 }))).toEqual(one);
    expect(finish).toHaveBeenCalledTimes(2);
    expect(engineWorkerSteps()).toBe(steps + 1);
    finish.mockRestore();
    expect(tracedPeople(trace(index, { ...opts, minParallelSources: 1 }))).toEqual(one);
    expect(engineWorkerSteps()).toBeGreaterThan(steps + 1);

    await stopEngineWorker();
    steps = engineWorkerSteps();
    expect(tracedPeople(trace(index, { ...opts, minParallelSources: 1 }))).toEqual(one);
    expect(engineWorkerSteps()).toBe(steps);
  });
});
