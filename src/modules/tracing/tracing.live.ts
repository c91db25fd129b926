/**
 * The live contact index of a database: built from the database on first use (or at start),
 * kept current by the writers (cases, contacts, and later check-ins and quarantine orders),
 * rebuilt when its overlays grow. Live traces are cached until the next write.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { latestConfirmationDate } from '../cases/cases.service.ts';
import { DEFAULT_DEPTH, dayNumber } from './tracing.domain.ts';
import { PARALLEL_MIN_SOURCES, type TraceResult, resolveF0, trace } from './tracing.engine.ts';
import { engineWorkerReady } from './tracing.parallel.ts';
import type { TracingIndex } from './tracing.index.ts';
import { buildTracingIndex } from './tracing.build.ts';
import { loadCases } from './tracing.repository.ts';

/** Overlay writes after which the next use rebuilds the index from the database. */
const REBUILD_AFTER_WRITES = 200_000;

interface Live {
  index: TracingIndex | null;
  building: Promise<TracingIndex> | null;
  version: number;
  buildMs: number;
  cache: { key: string; result: TraceResult; engineMs: number; index: TracingIndex } | null;
}

const lives = new WeakMap<Db, Map<string, Live>>();

function liveOf(db: Db, provinceCode: string): Live {
  let byProvince = lives.get(db);
  if (!byProvince) lives.set(db, (byProvince = new Map()));
  let live = byProvince.get(provinceCode);
  if (!live) byProvince.set(provinceCode, (live = { index: null, building: null, version: 0, buildMs: 0, cache: null }));
  return live;
}

export async function buildIndex(db: Db, provinceCode: string): Promise<TracingIndex> {
  const live = liveOf(db, provinceCode);
  if (!live.building) {
    const t0 = performance.now();
    live.building = buildTracingIndex(db, provinceCode)
      .then((index) => {
        live.index = index;
        live.buildMs = performance.now() - t0;
        // A province this large splits its traces with the engine's worker: have it up before the first.
        if (live.index.personCapacity >= PARALLEL_MIN_SOURCES * 16) void engineWorkerReady();
        live.version++;
        live.cache = null;
        return live.index;
      })
      .finally(() => { live.building = null; });
  }
  return live.building;
}

export async function indexFor(db: Db, provinceCode: string): Promise<TracingIndex> {
  const live = liveOf(db, provinceCode);
  if (live.index && live.index.overlayWrites < REBUILD_AFTER_WRITES) return live.index;
  return buildIndex(db, provinceCode);
}

export function indexStats(db: Db, provinceCode: string) {
  const live = liveOf(db, provinceCode);
  return live.index
    ? { built: true, builtAt: live.index.builtAt.toISOString(), buildMs: Math.round(live.buildMs), megabytes: Math.round(live.index.byteSize / 1e5) / 10, overlayWrites: live.index.overlayWrites }
    : { built: false, builtAt: null, buildMs: null, megabytes: null, overlayWrites: 0 };
}

/**
 * Applies a write to the index if it is built (otherwise the next build reads it from the
 * database anyway), and invalidates cached traces.
 */
export function applyToIndex(db: Db, provinceCode: string, apply: (index: TracingIndex) => void): void {
  const live = liveOf(db, provinceCode);
  live.version++;
  live.cache = null;
  if (!live.index) return;
  try {
    apply(live.index);
  } catch {
    // A write the index cannot follow (say, a member of a group it never heard of): drop it, and
    // the next use rebuilds it from the database, the source of truth.
    live.index = null;
  }
}

/** Drops the index (after a write it could not follow): the next use rebuilds it from the database. */
export function invalidateIndex(db: Db, provinceCode: string): void {
  const live = liveOf(db, provinceCode);
  live.index = null;
  live.cache = null;
  live.version++;
}

export async function refreshCase(db: Db, provinceCode: string, caseId: number): Promise<void> {
  const rows = await loadCases(db, provinceCode, caseId);
  applyToIndex(db, provinceCode, (index) => {
    index.removeCase(caseId);
    for (const r of rows) index.putCase(r);
  });
}

/** The live trace as of a date: F0 = every case confirmed by then. Cached until the next write. */
export async function liveTrace(db: Db, provinceCode: string, asOf: string, depth = DEFAULT_DEPTH): Promise<{ result: TraceResult; engineMs: number; index: TracingIndex }> {
  const index = await indexFor(db, provinceCode);
  const live = liveOf(db, provinceCode);
  const key = `${live.version}|${asOf}|${depth}`;
  if (live.cache?.key === key) return live.cache;
  const day = dayNumber(asOf);
  const t0 = performance.now();
  const result = trace(index, { f0: resolveF0(index, null, day).sources, asOf: day, depth });
  const entry = { key, result, engineMs: performance.now() - t0, index };
  live.cache = entry;
  return entry;
}

/** The as-of date of the live trace: the day of the latest confirmed case (the data's today), else today. */
export async function defaultAsOf(db: Db, provinceCode: string): Promise<string> {
  return (await latestConfirmationDate(db, provinceCode)) ?? vnDate();
}
