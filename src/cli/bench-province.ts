/**
 * What the situation-room benches share: a scratch database (PGlite in memory, or a database made
 * and dropped on the PostgreSQL server) holding a demo province whose cases are multiplied up to a
 * target count. The demo makes about 3 cases per 1,000 people (Bắc Giang's 5,770 for 1.9 million),
 * so 50,000 cases would need some 17 million people: each added case copies a demo case (dates,
 * classification, detection, status, its status timeline and treatment stays) onto a person of the
 * province without one. Orders and samples stay those of the demo (they scale with people).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { generateDemoProvince } from '../modules/demo/demo.service.ts';
import { importReferenceData } from '../modules/places/places.service.ts';

export const BENCH_SEED = 2021;

/** A bench's two provinces: a target whose cases are multiplied, and a baseline as generated. */
export interface BenchProvinces {
  vnAdminDir: string;
  provinceCode: string;
  databaseUrl: string | undefined;
  /** People of the target province's demo (before its cases are multiplied). */
  people: number;
  /** Cases of the target province after multiplying. */
  cases: number;
  /** People of the baseline province (its demo cases as they are). */
  baseline: number;
}

/** Copies demo cases onto people without a case until the province holds `target` cases; returns the count added. */
export async function multiplyCases(db: Db, provinceCode: string, target: number): Promise<number> {
  const { n } = await db.selectFrom('covid_case').select(sql<number>`count(*)`.as('n')).where('province_code', '=', provinceCode).executeTakeFirstOrThrow();
  const extra = target - n;
  if (extra <= 0) return 0;
  await db.transaction().execute(async (trx) => {
    // The template's id rides in the case code, so timelines and stays can follow it.
    const added = await sql`
      with demo as (select row_number() over (order by id) - 1 as i, c.* from covid_case c where province_code = ${provinceCode}),
           free as (select row_number() over (order by md5(p.id::text)) - 1 as j, p.id, p.district_code, p.commune_code from person p
                    where p.province_code = ${provinceCode} and not exists (select 1 from covid_case c where c.person_id = p.id) limit ${extra})
      insert into covid_case (case_code, person_id, province_code, district_code, commune_code, onset_date, sample_date, confirmation_date,
        isolation_date, detection, classification, status)
      select 'BENCH-' || d.id || '-' || f.j, f.id, ${provinceCode}, f.district_code, f.commune_code, d.onset_date, d.sample_date, d.confirmation_date,
        d.isolation_date, d.detection, d.classification, d.status
      from free f join demo d on d.i = f.j % ${n}`.execute(trx);
    if (Number(added.numAffectedRows ?? 0) < extra) throw new Error(`the province has too few people without a case to reach ${target} cases: raise --people`);
    await sql`insert into case_status_event (case_id, status, effective_date, facility_id, note)
      select c.id, e.status, e.effective_date, e.facility_id, e.note from covid_case c
      join case_status_event e on e.case_id = split_part(c.case_code, '-', 2)::int where c.case_code like 'BENCH-%'`.execute(trx);
    await sql`insert into treatment_admission (province_code, case_id, person_id, facility_id, care_level, risk_group, bed_kind, reason, vitals,
        admitted_on, ended_on, outcome, rule_code)
      select a.province_code, c.id, c.person_id, a.facility_id, a.care_level, a.risk_group, a.bed_kind, a.reason, a.vitals, a.admitted_on, a.ended_on, a.outcome, a.rule_code
      from covid_case c join treatment_admission a on a.case_id = split_part(c.case_code, '-', 2)::int where c.case_code like 'BENCH-%'`.execute(trx);
  });
  return extra;
}

/** A fresh database for one province: PGlite in memory, or a scratch database on the PostgreSQL server. */
export async function withScratchDb<T>(databaseUrl: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  if (!databaseUrl) {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      return await fn(db);
    } finally {
      await db.destroy();
    }
  }
  const name = `epi_bench_${randomBytes(4).toString('hex')}`;
  const at = (database: string) => Object.assign(new URL(databaseUrl), { pathname: `/${database}` }).toString();
  const admin = await openDatabase({ databaseUrl: at('postgres') });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const db = await openDatabase({ databaseUrl: at(name) });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
  }
}

export interface LoadedProvince { people: number; cases: number; demoCases: number; loadS: number }

/** Migrates, loads the places, generates the demo of `people` and multiplies its cases up to `cases` (0: as generated). */
export async function loadBenchProvince(db: Db, o: { vnAdminDir: string; provinceCode: string }, people: number, cases: number, label: string): Promise<LoadedProvince> {
  await migrateToLatest(db);
  await importReferenceData(db, o.vnAdminDir, o.provinceCode);
  const t0 = performance.now();
  process.stdout.write(`  ${label}: generating a ${people.toLocaleString('en')}-person demo province…`);
  const summary = await generateDemoProvince(db, { provinceCode: o.provinceCode, people, seed: BENCH_SEED });
  const added = cases > 0 ? await multiplyCases(db, o.provinceCode, cases) : 0;
  // What autovacuum does on a PostgreSQL server (PGlite has none): the demo analyses the tables it
  // bulk-loads, not those its later phases fill (orders, samples, admissions), nor the copied cases.
  await sql`analyze`.execute(db);
  const loadS = (performance.now() - t0) / 1000;
  console.log(` ${summary.cases.toLocaleString('en')} demo cases${added ? ` + ${added.toLocaleString('en')} copied` : ''} in ${loadS.toFixed(0)} s`);
  return { people, cases: summary.cases + added, demoCases: summary.cases, loadS };
}
