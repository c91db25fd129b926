/**
 * The engine worker's loop (started by tracing.parallel.ts): waits on the control block, takes
 * any new arrays from its port, runs the step on its half and reports. Its event loop never
 * turns: everything arrives through shared memory and synchronous port reads.
 */
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { type BaseArrays, Kernel, LevelLists, type LevelShared } from './tracing.kernel.ts';
import { CTL, type FromWorker, OP, type ToWorker } from './tracing.parallel.ts';

const { ctl: ctlBuffer, port } = workerData as { ctl: SharedArrayBuffer; port: MessagePort };
const ctl = new Int32Array(ctlBuffer);
const post = (m: FromWorker) => port.postMessage(m);
const lists = new LevelLists((bytes) => new SharedArrayBuffer(bytes), (name, array) => post({ type: 'list', name, array }));
const LISTS = ['eGroup', 'eSource', 'eLo', 'eHi', 'found', 'deferred'] as const;
for (const name of LISTS) post({ type: 'list', name, array: lists[name] });
for (const name of ['person', 'date', 'source', 'kind', 'group', 'end', 'root'] as const) post({ type: 'list', name, array: lists.people[name] });

let kernel: Kernel | null = null;
let base: BaseArrays | null = null;
let shared: LevelShared | null = null;
let nPeople = 0;

function take(m: ToWorker): void {
  if (m.type === 'base') base = m.base;
  else shared = m.shared;
  if (base && shared) {
    if (kernel) { kernel.base = base; kernel.shared = shared; } else kernel = new Kernel(base, shared, lists);
  }
}

function step(): void {
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as ToWorker);
  if (!kernel) throw new Error('tracing worker: a step before the index arrived');
  const op = ctl[CTL.op]!, a0 = ctl[CTL.arg0]!, a1 = ctl[CTL.arg1]!, a2 = ctl[CTL.arg2]!, a3 = ctl[CTL.arg3]!;
  const sh = kernel.shared;
  switch (op) {
    case OP.sources:
      // A level starts with its sources; its groups then add to the exposures found.
      lists.reset();
      kernel.sources(a0, a1, a2, a3);
      break;
    case OP.groups:
      kernel.groups(a0, a1);
      kernel.countFound(sh.posOther, a2);
      break;
    case OP.scatter:
      kernel.scatterFound(sh.posOther);
      break;
    case OP.reduce: {
      // Buckets [a0, a1) as of day a2, the level's sources from position a3: at most as many people as exposures.
      lists.ensurePeople(sh.posOther[a1 - 1]! - (a0 === 0 ? 0 : sh.posOther[a0 - 1]!));
      const p = lists.people;
      nPeople = kernel.reduce(a0, a1, sh.posOther, p, 0);
      kernel.sourcesAndRoots(p, p.root, 0, nPeople, a3);
      kernel.exposureEnds(p.person, p.date, p.end, 0, nPeople, a2);
      break;
    }
    default:
      throw new Error(`tracing worker: unknown step ${op}`);
  }
}

Atomics.store(ctl, CTL.ready, 1);
Atomics.notify(ctl, CTL.ready);
let last = Atomics.load(ctl, CTL.seq);
for (;;) {
  Atomics.wait(ctl, CTL.seq, last);
  const seq = Atomics.load(ctl, CTL.seq);
  if (seq === last) continue;
  last = seq;
  let status = 0;
  try {
    step();
  } catch (e) {
    status = 1;
    post({ type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
  ctl[CTL.entries] = lists.entries; ctl[CTL.found] = lists.nFound; ctl[CTL.deferred] = lists.nDeferred; ctl[CTL.people] = nPeople;
  Atomics.store(ctl, CTL.status, status);
  Atomics.store(ctl, CTL.done, seq);
  Atomics.notify(ctl, CTL.done);
}
