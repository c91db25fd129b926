/**
 * `npm run bench -- report`: time to generate the daily report (figures, DOCX, XLSX, stored) for
 * a province with about 50,000 cases, against a small baseline province in the same run; the last
 * line is one JSON object.
 *
 * The target province is the demo province of `--people` (default 1,000,000: ~2,900 cases, its
 * quarantine orders, samples, facilities and admissions) whose cases are multiplied up to
 * `--cases` (default 50,000); see bench-province.ts. On PostgreSQL (DATABASE_URL) two scratch
 * databases are created on that server and dropped.
 */
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/database.ts';
import { reportFigures } from '../modules/reports/reports.figures.ts';
import { generateReport } from '../modules/reports/reports.service.ts';
import { type BenchProvinces, loadBenchProvince, withScratchDb } from './bench-province.ts';

export type ReportBenchOptions = BenchProvinces;

const REPORT_DAY = '2021-06-10';
const REPEAT = 5;

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEAT / 2)]!;
}

interface Measured { people: number; cases: number; demoCases: number; loadS: number; figuresMs: number; reportMs: number }

async function measure(db: Db, o: ReportBenchOptions, people: number, cases: number, label: string): Promise<Measured> {
  const loaded = await loadBenchProvince(db, o, people, cases, label);
  const scheduler = { scheduler: { username: 'bench', provinceCode: o.provinceCode, ip: null } };
  const figuresMs = await median(() => reportFigures(db, o.provinceCode, REPORT_DAY));
  const reportMs = await median(() => generateReport(db, scheduler, REPORT_DAY));
  const f = await reportFigures(db, o.provinceCode, REPORT_DAY);
  console.log(`  ${label}: ${f.situation.totals.cumulative.toLocaleString('en')} cases by ${REPORT_DAY} (${f.situation.totals.newCases} that day), ` +
    `${(f.quarantine.centralized + f.quarantine.home).toLocaleString('en')} in quarantine, ${f.testing.takenTotal.toLocaleString('en')} samples; ` +
    `figures ${figuresMs.toFixed(0)} ms, report ${reportMs.toFixed(0)} ms (median of ${REPEAT})`);
  return { ...loaded, figuresMs, reportMs };
}

export async function runReportBench(o: ReportBenchOptions): Promise<void> {
  const engine = o.databaseUrl ? 'postgresql' : 'pglite';
  console.log(`report bench on ${engine}: baseline ${o.baseline.toLocaleString('en')} people, target ${o.people.toLocaleString('en')} people with ${o.cases.toLocaleString('en')} cases`);
  const base = await withScratchDb(o.databaseUrl, (db) => measure(db, o, o.baseline, 0, 'baseline'));
  const big = await withScratchDb(o.databaseUrl, (db) => measure(db, o, o.people, o.cases, 'target'));
  console.log(JSON.stringify({
    bench: 'report', engine, date: REPORT_DAY, cases: big.cases, ms: Math.round(big.reportMs), figures_ms: Math.round(big.figuresMs),
    people: big.people, demo_cases: big.demoCases, baseline_people: base.people, baseline_cases: base.cases, baseline_ms: Math.round(base.reportMs),
    ratio_vs_baseline: Number((big.reportMs / base.reportMs).toFixed(2)), target_ms: 1000, within_target: big.reportMs <= 1000,
  }));
}
