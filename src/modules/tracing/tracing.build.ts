/**
 * Building a province's contact index from the database (tracing.index.ts). Loading is the
 * database's work, one table after another; laying the arrays out is ours. For a large province
 * a helper thread lays out the memberships while the check-ins and the rest load, then the
 * check-ins while the rest loads, so that the build takes little more than the loading. The
 * helper shares the columns and the arrays it makes (SharedArrayBuffer): nothing is copied.
 * A helper that cannot start or fails leaves its part to the main thread (a warning, the same
 * index).
 */
import type { Worker } from 'node:worker_threads';
import type { Db } from '../../db/database.ts';
import { moduleUrl, moduleWorker } from '../../lib/module-worker.ts';
import { type CheckinArrays, type ContactData, type MembershipArrays, TracingIndex } from './tracing.index.ts';
import { loadContactData, membershipTableBytes } from './tracing.repository.ts';

/** Rows of a part from which the helper thread is worth its start (about half a second of the other core). */
export const BUILD_WORKER_MIN_ROWS = 200_000;
/** Bytes a membership row takes on disk, a little under the demo table's 57, so that the estimate errs towards starting early. */
const MEMBERSHIP_ROW_BYTES = 50;

export type BuildRequest =
  | { id: number; part: 'memberships'; rows: ContactData['memberships'] }
  | { id: number; part: 'checkins'; rows: ContactData['checkins'] };
export type BuildReply = { id: number; memberships?: MembershipArrays; checkins?: CheckinArrays; error?: string };

/** The helper thread of one build: each part asked for resolves with its arrays, or null when the helper failed. */
export class BuildHelper {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, (reply: BuildReply | null) => void>();
  private next = 0;
  private failed = false;

  constructor(module = moduleUrl('tracing.build.worker', import.meta.url)) {
    this.worker = moduleWorker(module);
    this.worker.on('message', (reply: BuildReply) => {
      if (reply.error) this.fail(reply.error);
      this.settle(reply.id, reply.error ? null : reply);
    });
    this.worker.on('error', (e) => this.fail(e.message));
    this.worker.on('exit', () => this.fail('the helper thread stopped'));
  }

  private settle(id: number, reply: BuildReply | null): void {
    this.waiting.get(id)?.(reply);
    this.waiting.delete(id);
  }

  private fail(message: string): void {
    if (this.failed) return;
    this.failed = true;
    if (this.waiting.size) process.emitWarning(`tracing index helper failed: ${message}; the main thread lays out its part`);
    for (const id of [...this.waiting.keys()]) this.settle(id, null);
  }

  run(request: Omit<BuildRequest, 'id'>): Promise<BuildReply | null> {
    if (this.failed) return Promise.resolve(null);
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...request, id } as BuildRequest);
    });
  }

  close(): void {
    this.failed = true;
    void this.worker.terminate();
  }
}

/**
 * The province's index from the database. `minWorkerRows`: parts of at least this many rows go
 * to the helper thread (BUILD_WORKER_MIN_ROWS; tests force it with 1 or prevent it with Infinity).
 */
export async function buildTracingIndex(db: Db, provinceCode: string, opts: { minWorkerRows?: number } = {}): Promise<TracingIndex> {
  const min = opts.minWorkerRows ?? BUILD_WORKER_MIN_ROWS;
  let helper: BuildHelper | null = null;
  let unavailable = min === Infinity;
  const started = (): BuildHelper | null => {
    if (helper || unavailable) return helper;
    try {
      helper = new BuildHelper();
    } catch (e) {
      unavailable = true;
      process.emitWarning(`tracing index helper could not start: ${e instanceof Error ? e.message : String(e)}`);
    }
    return helper;
  };
  // A large memberships table (any province's) starts the helper now: it loads while they do.
  if (!unavailable && (await membershipTableBytes(db)) >= min * MEMBERSHIP_ROW_BYTES) started();
  const helperFor = (rows: number) => (rows >= min ? started() : null);
  let memberships: Promise<BuildReply | null> | undefined;
  let checkins: Promise<BuildReply | null> | undefined;
  try {
    const data = await loadContactData(db, provinceCode, {
      memberships: (rows) => { memberships = helperFor(rows.count)?.run({ part: 'memberships', rows }); },
      checkins: (rows) => { checkins = helperFor(rows.count)?.run({ part: 'checkins', rows }); },
    });
    const [m, c] = await Promise.all([memberships, checkins]);
    return new TracingIndex(data, { memberships: m?.memberships, checkins: c?.checkins });
  } finally {
    (helper as BuildHelper | null)?.close();
  }
}
