/**
 * The tracing engine's second thread: one worker per process, started on first need and never
 * keeping the process alive, that runs half of each large level's sources and groups
 * (tracing.kernel.ts) while the main thread runs the other half.
 *
 * The two threads share memory: the index's base arrays, the level's sources and group layout,
 * and the worker's lists. A step is handed over through a control block of shared Int32
 * values (Atomics: a few microseconds), not through messages; messages carry only new arrays
 * (an index attached, a list grown), read synchronously at the next step. A worker that fails
 * or does not answer is dropped: the engine then traces on one thread.
 */
import { MessageChannel, type MessagePort, type Worker, receiveMessageOnPort } from 'node:worker_threads';
import { moduleUrl, moduleWorker } from '../../lib/module-worker.ts';
import type { BaseArrays, LevelLists, LevelShared, ListName } from './tracing.kernel.ts';

/** Control block slots (Int32). */
export const CTL = {
  /** Bumped by the main thread to hand over a step. */
  seq: 0,
  op: 1,
  arg0: 2,
  arg1: 3,
  arg2: 4,
  arg3: 5,
  /** The worker's module is loaded (1). */
  ready: 6,
  /** The seq of the last step done, its status (0 ok) and the worker's list lengths. */
  done: 8,
  status: 9,
  entries: 10,
  found: 11,
  deferred: 12,
  people: 13,
  size: 16,
} as const;

/** The worker's steps: a level's sources, its groups (and counting its exposures by bucket), scattering them, reducing its buckets. */
export const OP = { sources: 1, groups: 2, scatter: 3, reduce: 4 } as const;

export type ToWorker =
  | { type: 'base'; base: BaseArrays }
  | { type: 'shared'; shared: LevelShared };
export type FromWorker =
  | { type: 'list'; name: ListName; array: Int32Array | Float64Array | Int8Array }
  | { type: 'error'; message: string };

/** How long a step may take before the worker is given up (a step takes milliseconds). */
const STEP_TIMEOUT_MS = 30_000;

export class WorkerLost extends Error {}

/** The worker's lists as the main thread sees them after a step. */
export type WorkerLists = Pick<LevelLists, 'eGroup' | 'eSource' | 'eLo' | 'eHi' | 'found' | 'deferred' | 'entries' | 'nFound' | 'nDeferred' | 'people'> & {
  /** How many people the worker's reduce placed. */
  nPeople: number;
};

export class EngineWorker {
  private readonly ctl = new Int32Array(new SharedArrayBuffer(CTL.size * 4));
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private lost = false;
  private busy = false;
  private base: BaseArrays | null = null;
  private shared: LevelShared | null = null;
  private sharedVersion = -1;
  /** Steps the worker has done (tests check that a split ran). */
  steps = 0;
  /** Waits for a step that ran out their time (a second each) before the step was seen done. */
  waitTimeouts = 0;
  readonly lists: WorkerLists = {
    eGroup: new Int32Array(0), eSource: new Int32Array(0), eLo: new Int32Array(0), eHi: new Int32Array(0),
    found: new Int32Array(0), deferred: new Float64Array(0), entries: 0, nFound: 0, nDeferred: 0,
    people: { person: new Int32Array(0), date: new Int32Array(0), source: new Int32Array(0), kind: new Int8Array(0), group: new Int32Array(0), end: new Int32Array(0), root: new Int32Array(0) },
    nPeople: 0,
  };

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = moduleWorker(moduleUrl('tracing.worker', import.meta.url), { workerData: { ctl: this.ctl.buffer, port: port2 }, transferList: [port2] });
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', (e) => this.lose(`tracing worker failed: ${e.message}`));
    this.worker.on('exit', () => { this.lost = true; });
  }

  /** Loaded, alive and not in the middle of a step. */
  get available(): boolean {
    return !this.lost && !this.busy && Atomics.load(this.ctl, CTL.ready) === 1;
  }

  /** Resolves once the worker has loaded (false when it failed). */
  async ready(): Promise<boolean> {
    while (!this.lost && Atomics.load(this.ctl, CTL.ready) !== 1) await new Promise((resolve) => setTimeout(resolve, 10));
    return !this.lost;
  }

  private lose(message: string): void {
    if (this.lost) return;
    this.lost = true;
    process.emitWarning(`${message}; tracing continues on one thread`);
    void this.worker.terminate();
  }

  /** Hands over a step: the worker runs it while the caller runs its own half, then calls finish(). */
  begin(op: number, base: BaseArrays, shared: LevelShared, sharedVersion: number, args: [number?, number?, number?, number?]): void {
    if (this.base !== base) { this.port.postMessage({ type: 'base', base } satisfies ToWorker); this.base = base; }
    if (this.shared !== shared || this.sharedVersion !== sharedVersion) {
      this.port.postMessage({ type: 'shared', shared } satisfies ToWorker);
      this.shared = shared; this.sharedVersion = sharedVersion;
    }
    const c = this.ctl;
    c[CTL.op] = op; c[CTL.arg0] = args[0] ?? 0; c[CTL.arg1] = args[1] ?? 0; c[CTL.arg2] = args[2] ?? 0; c[CTL.arg3] = args[3] ?? 0;
    this.busy = true;
    Atomics.add(c, CTL.seq, 1);
    Atomics.notify(c, CTL.seq);
  }

  /** Waits for the step handed over; throws WorkerLost when the worker failed or did not answer. */
  finish(): WorkerLists {
    const c = this.ctl;
    const seq = Atomics.load(c, CTL.seq);
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    // One read of `done` both tests it and is the value waited on: read twice, the worker could
    // finish in between, and the wait would then sleep on the new value until its timeout.
    for (let done = Atomics.load(c, CTL.done); done !== seq; done = Atomics.load(c, CTL.done)) {
      const left = deadline - Date.now();
      if (left <= 0 || this.lost) { this.lose('tracing worker did not answer'); throw new WorkerLost('tracing worker lost'); }
      if (Atomics.wait(c, CTL.done, done, Math.min(left, 1000)) === 'timed-out') this.waitTimeouts++;
    }
    this.busy = false;
    this.steps++;
    let error: string | null = null;
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const msg = m.message as FromWorker;
      if (msg.type === 'list') this.adopt(msg.name, msg.array);
      else error = msg.message;
    }
    if (c[CTL.status] !== 0) { this.lose(`tracing worker step failed: ${error ?? 'unknown error'}`); throw new WorkerLost(error ?? 'tracing worker step failed'); }
    const l = this.lists;
    l.entries = c[CTL.entries]!; l.nFound = c[CTL.found]!; l.nDeferred = c[CTL.deferred]!; l.nPeople = c[CTL.people]!;
    return l;
  }

  /** Takes an array the worker made (a list grown). */
  private adopt(name: ListName, array: Int32Array | Float64Array | Int8Array): void {
    const l = this.lists;
    switch (name) {
      case 'deferred': l.deferred = array as Float64Array; break;
      case 'kind': l.people.kind = array as Int8Array; break;
      case 'person': case 'date': case 'source': case 'group': case 'end': case 'root': l.people[name] = array as Int32Array; break;
      default: l[name] = array as Int32Array;
    }
  }

  /** Waits out a step left running by a run that threw, so that the next run can hand over steps. */
  settle(): void {
    if (!this.busy) return;
    try { this.finish(); } catch { /* lost: later runs use one thread */ }
  }

  async close(): Promise<void> {
    this.lost = true;
    await this.worker.terminate();
  }
}

let instance: EngineWorker | null = null;
/** The worker could not even be started (no worker threads, no loader): one thread for good. */
let unavailable = false;

/** The process's engine worker, started on first call; null when it cannot start. */
function engineWorker(): EngineWorker | null {
  if (!instance && !unavailable) {
    try {
      instance = new EngineWorker();
    } catch (e) {
      unavailable = true;
      process.emitWarning(`tracing worker could not start: ${e instanceof Error ? e.message : String(e)}; tracing runs on one thread`);
    }
  }
  return instance;
}

/** The engine worker when it can take a step now; the first call starts it (it is up some 0.3 s later). */
export function availableWorker(): EngineWorker | null {
  const w = engineWorker();
  return w?.available ? w : null;
}

/** Starts the engine worker and resolves when it can take steps (false when it failed to load). */
export async function engineWorkerReady(): Promise<boolean> {
  return (await engineWorker()?.ready()) ?? false;
}

/** Waits out a step of the engine worker left running by a run that threw. */
export function settleEngineWorker(): void {
  instance?.settle();
}

/** Steps the engine worker has done in this process. */
export function engineWorkerSteps(): number {
  return instance?.steps ?? 0;
}

/** Waits for the engine worker's steps that ran out their time (tests: a step of microseconds never should). */
export function engineWorkerWaitTimeouts(): number {
  return instance?.waitTimeouts ?? 0;
}

/** Stops the engine worker for good: later traces run on one thread. */
export async function stopEngineWorker(): Promise<void> {
  await engineWorker()?.close();
}
