/**
 * `npm run bench -- dashboard`: 50 concurrent dashboard requests (autocannon on loopback) for
 * `--duration` seconds (default 30) against a province of `--cases` cases (default 50,000; a demo
 * of `--people` people with its cases multiplied, see bench-province.ts), and the same load on a
 * small baseline province in the same run; the last line is one JSON object with p95 and rps.
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Db } from '../db/database.ts';
import { loadConfig } from '../config.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import { build } from '../server/app.ts';
import { type BenchProvinces, loadBenchProvince, withScratchDb } from './bench-province.ts';

export interface DashboardBenchOptions extends BenchProvinces {
  durationS: number;
  connections: number;
}

const DAY = '2021-06-10';
const BENCH_PASSWORD = 'bench-only-password';

interface Load { coldMs: number; p95: number; p50: number; rps: number; requests: number; errors: number }

/** The p-th percentile (0–100) of the latencies, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function hammer(db: Db, o: DashboardBenchOptions, label: string): Promise<Load> {
  await createUser(db, { username: 'bench_cdc', password: BENCH_PASSWORD, role: 'cdc', scopeKind: 'province', scopeCode: o.provinceCode, fullName: 'Bench CDC', provinceCode: o.provinceCode });
  const config = loadConfig({ ...process.env, DEMO: 'false', LOGIN_RATE_LIMIT: '1000', REPORT_AT: 'off' });
  const app = await build({ db, config });
  try {
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench_cdc', password: BENCH_PASSWORD }) });
    if (!login.ok) throw new Error(`bench login failed: ${login.status}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // One request on a cold cache: the figures computed from SQL, as every 10 s under load.
    const t0 = performance.now();
    const cold = await fetch(`${url}/api/situation/dashboard?date=${DAY}`, { headers: { cookie } });
    if (!cold.ok) throw new Error(`dashboard failed: ${cold.status} ${await cold.text()}`);
    const coldMs = performance.now() - t0;
    const latencies: number[] = [];
    let errors = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${url}/api/situation/dashboard?date=${DAY}`, connections: o.connections, duration: o.durationS, headers: { cookie } },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on('response', (_client, status, _bytes, ms) => {
        if (status !== 200) errors++;
        latencies.push(ms);
      });
    });
    const load = { coldMs, p95: percentile(latencies, 95), p50: percentile(latencies, 50), rps: result.requests.average, requests: latencies.length, errors: errors + result.errors + result.timeouts };
    console.log(`  ${label}: cold ${coldMs.toFixed(0)} ms; ${load.requests.toLocaleString('en')} requests in ${o.durationS} s, p50 ${load.p50.toFixed(0)} ms, p95 ${load.p95.toFixed(0)} ms, ${load.rps.toFixed(0)} rps, ${load.errors} errors`);
    return load;
  } finally {
    await app.close();
  }
}

export async function runDashboardBench(o: DashboardBenchOptions): Promise<void> {
  const engine = o.databaseUrl ? 'postgresql' : 'pglite';
  console.log(`dashboard bench on ${engine}: ${o.connections} connections for ${o.durationS} s; baseline ${o.baseline.toLocaleString('en')} people, target ${o.people.toLocaleString('en')} people with ${o.cases.toLocaleString('en')} cases`);
  const base = await withScratchDb(o.databaseUrl, async (db) => ({ ...(await loadBenchProvince(db, o, o.baseline, 0, 'baseline')), ...(await hammer(db, o, 'baseline')) }));
  const big = await withScratchDb(o.databaseUrl, async (db) => ({ ...(await loadBenchProvince(db, o, o.people, o.cases, 'target')), ...(await hammer(db, o, 'target')) }));
  console.log(JSON.stringify({
    bench: 'dashboard', engine, cases: big.cases, p95_ms: Math.round(big.p95), rps: Math.round(big.rps), errors: big.errors, users: o.connections, duration_s: o.durationS,
    p50_ms: Math.round(big.p50), cold_ms: Math.round(big.coldMs), baseline_cold_ms: Math.round(base.coldMs), baseline_cases: base.cases, baseline_p95_ms: Math.round(base.p95), baseline_rps: Math.round(base.rps),
    p95_ratio_vs_baseline: Number((big.p95 / base.p95).toFixed(2)), target_p95_ms: 100, within_target: big.p95 <= 100 && big.errors === 0,
  }));
}
