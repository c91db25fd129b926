/**
 * `npm run bench -- tracing`: the tracing engine against the same trace in SQL on the
 * 2,000,000-person demo province (PGlite; and PostgreSQL when DATABASE_URL is set), for 100 and
 * 1,000 F0 to F3. Checks that all give identical results and prints one JSON line per F0 count.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { generateDemoProvince } from '../modules/demo/demo.service.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { dayNumber, isoDay } from '../modules/tracing/tracing.domain.ts';
import { type TraceResult, resolveF0, trace, tracedPeople } from '../modules/tracing/tracing.engine.ts';
import { buildTracingIndex } from '../modules/tracing/tracing.build.ts';
import { engineWorkerReady } from '../modules/tracing/tracing.parallel.ts';
import { traceSql } from '../modules/tracing/tracing.repository.ts';

interface Options { people: number; dataDir: string; vnAdminDir: string; provinceCode: string; databaseUrl: string | undefined }

const F0_COUNTS = [100, 1000];
const DEPTH = 3;
const SEED = 2021;
/** Engine runs before timing (compiling it), then timed runs (the median is reported). */
const WARM_RUNS = 5;
const TIMED_RUNS = 15;

/** Opens a database holding the demo province of this size, generating it only when absent. */
async function demoDatabase(target: { databaseUrl?: string; dataDir?: string }, o: Options, label: string): Promise<{ db: Db; asOf: string }> {
  const db = await openDatabase(target);
  await migrateToLatest(db);
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', 'demo').executeTakeFirst();
  const summary = (meta?.value as { summary?: { people?: number; seed?: number; asOf?: string } } | undefined)?.summary;
  if (summary?.people === o.people && summary.seed === SEED && summary.asOf) {
    console.log(`  ${label}: reusing the ${o.people.toLocaleString('en')}-person demo province`);
    return { db, asOf: summary.asOf };
  }
  const { n } = await db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (n > 0) throw new Error(`${label} holds another register (${n} people): point the bench at an empty database`);
  console.log(`  ${label}: generating the ${o.people.toLocaleString('en')}-person demo province (once; reused by later runs)...`);
  const t0 = performance.now();
  await importReferenceData(db, o.vnAdminDir, o.provinceCode);
  const s = await generateDemoProvince(db, {
    provinceCode: o.provinceCode, people: o.people, seed: SEED,
    onProgress: (phase, done, total) => process.stdout.write(`\r    ${phase} ${done}/${total}          `),
  });
  console.log(`\n    generated in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return { db, asOf: s.asOf };
}

/** F0 sets: n cases spread evenly over the cases confirmed by asOf (person ids). */
async function pickF0(db: Db, provinceCode: string, asOf: string, n: number): Promise<number[]> {
  const rows = await db.selectFrom('covid_case').select('person_id').where('province_code', '=', provinceCode)
    .where('confirmation_date', '<=', asOf).orderBy('confirmation_date').orderBy('id').execute();
  const people = [...new Set(rows.map((r) => r.person_id))];
  if (people.length < n) {
    console.log(`  note: only ${people.length} cases by ${asOf}; tracing all of them for F0 = ${n}`);
    return people;
  }
  const step = people.length / n;
  return Array.from({ length: n }, (_, i) => people[Math.floor(i * step)]!);
}

function engineKeys(r: TraceResult): string[] {
  return tracedPeople(r).map((p) => [p.person, p.level, p.source ?? '', p.kind ?? '', p.group ?? '', p.date === null ? '' : isoDay(p.date)].join('|'));
}

function sqlKeys(rows: Awaited<ReturnType<typeof traceSql>>['people']): string[] {
  return rows.map((p) => [p.person_id, p.level, p.source ?? '', p.kind ?? '', p.group_id ?? '', p.d ?? ''].join('|'));
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function runTracingBench(o: Options): Promise<void> {
  console.log(`EpiCommand tracing bench: ${o.people.toLocaleString('en')} people, F0 ${F0_COUNTS.join(' and ')} to F${DEPTH}`);
  const twoThreads = engineWorkerReady();
  const lite = await demoDatabase({ dataDir: o.dataDir }, o, `PGlite (${o.dataDir})`);
  const pg = o.databaseUrl ? await demoDatabase({ databaseUrl: o.databaseUrl }, o, 'PostgreSQL') : null;
  try {
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const index = await buildTracingIndex(lite.db, o.provinceCode);
    const indexBuildMs = performance.now() - t0;
    const indexMb = index.byteSize / 1e6;
    console.log(`  index: built in ${(indexBuildMs / 1000).toFixed(2)} s, ${indexMb.toFixed(0)} MB of arrays (RSS +${((process.memoryUsage().rss - rssBefore) / 1e6).toFixed(0)} MB)`);
    const asOfDay = dayNumber(lite.asOf);
    if (!(await twoThreads)) console.log('  note: the engine worker did not start; the engine runs on one thread only');
    const lines: string[] = [];
    const table: string[] = [];
    for (const n of F0_COUNTS) {
      const f0 = await pickF0(lite.db, o.provinceCode, lite.asOf, n);
      const sources = resolveF0(index, f0, asOfDay).sources;
      // The first runs also compile the engine: a server traces many times, so the figure is the
      // median once it is compiled; the first run is printed beside it. The engine splits large
      // levels with its worker; the same runs on one thread are the baseline.
      const timed = (minParallelSources?: number) => {
        const opts = { f0: sources, asOf: asOfDay, depth: DEPTH, ...(minParallelSources === undefined ? {} : { minParallelSources }) };
        const c0 = performance.now();
        let r = trace(index, opts);
        const first = performance.now() - c0;
        for (let i = 1; i < WARM_RUNS; i++) r = trace(index, opts);
        const times: number[] = [];
        for (let i = 0; i < TIMED_RUNS; i++) {
          const s = performance.now();
          r = trace(index, opts);
          times.push(performance.now() - s);
        }
        times.sort((a, b) => a - b);
        return { result: r, first, median: times[TIMED_RUNS >> 1]!, min: times[0]!, max: times[TIMED_RUNS - 1]! };
      };
      const one = timed(Infinity);
      const two = timed();
      const result = two.result;
      const engineMs = two.median;
      if (!sameList(engineKeys(one.result), engineKeys(result))) throw new Error(`F0 ${n}: the engine on one thread and on two disagree`);
      console.log(`  F0 ${n}: engine first run ${two.first.toFixed(1)} ms; median of ${TIMED_RUNS} after ${WARM_RUNS} runs ${engineMs.toFixed(1)} ms (${two.min.toFixed(1)}–${two.max.toFixed(1)}); ` +
        `on one thread ${one.median.toFixed(1)} ms (${one.min.toFixed(1)}–${one.max.toFixed(1)}), ${(one.median / engineMs).toFixed(2)}× the time`);
      const expected = engineKeys(result);
      const s1 = performance.now();
      const viaLite = await traceSql(lite.db, { provinceCode: o.provinceCode, f0, asOf: lite.asOf, depth: DEPTH, checkinMinutes: 30 });
      const liteMs = performance.now() - s1;
      if (!sameList(expected, sqlKeys(viaLite.people))) throw new Error(`F0 ${n}: the engine and the SQL on PGlite disagree`);
      let pgMs: number | null = null;
      if (pg) {
        const f0pg = await pickF0(pg.db, o.provinceCode, pg.asOf, n);
        if (!sameList(f0.map(String), f0pg.map(String))) throw new Error('PostgreSQL holds a different demo province');
        const s2 = performance.now();
        const viaPg = await traceSql(pg.db, { provinceCode: o.provinceCode, f0, asOf: pg.asOf, depth: DEPTH, checkinMinutes: 30 });
        pgMs = performance.now() - s2;
        if (!sameList(expected, sqlKeys(viaPg.people))) throw new Error(`F0 ${n}: the engine and the SQL on PostgreSQL disagree`);
      }
      const [, f1, f2, f3] = result.counts;
      table.push(`${String(n).padStart(6)} ${String(f1).padStart(9)} ${String(f2).padStart(9)} ${String(f3).padStart(9)} ${engineMs.toFixed(1).padStart(10)} ${one.median.toFixed(1).padStart(10)} ` +
        `${liteMs.toFixed(0).padStart(12)} ${(pgMs === null ? '-' : pgMs.toFixed(0)).padStart(12)} ${(liteMs / engineMs).toFixed(0).padStart(9)}× ${(pgMs === null ? '-' : `${(pgMs / engineMs).toFixed(0)}×`).padStart(9)}  identical`);
      lines.push(JSON.stringify({
        bench: 'tracing', people: o.people, f0: n, f1, f2, f3, engine_ms: round(engineMs), pglite_sql_ms: Math.round(liteMs),
        postgres_sql_ms: pgMs === null ? null : Math.round(pgMs), index_build_ms: Math.round(indexBuildMs), index_mb: round(indexMb),
      }));
    }
    console.log(`\n${'F0'.padStart(6)} ${'F1'.padStart(9)} ${'F2'.padStart(9)} ${'F3'.padStart(9)} ${'engine ms'.padStart(10)} ${'1 thread'.padStart(10)} ${'PGlite SQL'.padStart(12)} ${'PG SQL'.padStart(12)} ${'vs PGlite'.padStart(10)} ${'vs PG'.padStart(9)}`);
    for (const t of table) console.log(t);
    console.log('');
    for (const l of lines) console.log(l);
  } finally {
    await lite.db.destroy();
    await pg?.db.destroy();
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
