/**
 * Group commit for the check-in hot path. A market at rush hour sends hundreds of check-ins a
 * second; one statement per check-in would make the database's per-statement cost the limit
 * (PGlite runs one statement at a time). Check-ins that arrive while a statement is running wait
 * for the next one, which records them all (device lookup, the 5-minute repeat check, insert and
 * last-seen update in one `unnest` statement). A lone check-in goes at once.
 */
import type { Db } from '../../db/database.ts';
import * as repo from './venues.repository.ts';

const MAX_BATCH = 500;
/**
 * Runs `run` over the items queued since the last run, one run at a time: the check-ins that
 * arrive while a statement runs make the next batch. (Several statements in flight were measured
 * to make smaller batches and fewer check-ins a second, on PGlite and on PostgreSQL.)
 */
export class MicroBatcher<I, O> {
  private queue: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  private running = false;

  constructor(private readonly run: (items: I[]) => Promise<O[]>) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        // Let the other requests of this turn of the event loop join the first batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const out = await this.run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(out[i]!));
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    this.running = false;
  }
}

type Result = repo.RecordedCheckin | null;
const perDb = new WeakMap<Db, MicroBatcher<repo.NewCheckin, Result>>();

/** The same person (or device) at the same venue twice in one batch — a double tap — is one check-in. */
async function recordBatch(db: Db, list: repo.NewCheckin[]): Promise<Result[]> {
  const key = (c: repo.NewCheckin) => `${c.personId ?? c.deviceHash}|${c.venueId}`;
  const distinct = new Map<string, repo.NewCheckin>();
  for (const c of list) if (!distinct.has(key(c))) distinct.set(key(c), c);
  const firsts = [...distinct.values()];
  const results = await repo.recordCheckins(db, firsts);
  const byKey = new Map(firsts.map((c, i) => [key(c), results[i]!]));
  const seen = new Set<string>();
  return list.map((c) => {
    const r = byKey.get(key(c))!;
    const repeat = seen.has(key(c));
    seen.add(key(c));
    return repeat && r ? { ...r, created: false } : r;
  });
}

/** Records a check-in with the others of its batch; null: its device token is unknown. */
export function recordCheckin(db: Db, c: repo.NewCheckin): Promise<Result> {
  let b = perDb.get(db);
  if (!b) perDb.set(db, (b = new MicroBatcher((list) => recordBatch(db, list))));
  return b.submit(c);
}
