/** SQL of sampling rounds, pools, re-test tasks and the bulk application of results. */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RetestReason, SampleResult, SamplingRoundTable } from '../../db/schema.ts';

export interface SampleFacts {
  id: number; province_code: string; person_id: number; method: 'rt_pcr' | 'rt_pcr_pool' | 'rapid_antigen'; taken_on: string;
  pool_id: number | null; round_id: number | null; result: SampleResult | null; barcode: string | null;
}

export async function samplesByIds(db: Db, ids: number[]): Promise<SampleFacts[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('sample').select(['id', 'province_code', 'person_id', 'method', 'taken_on', 'pool_id', 'round_id', 'result', 'barcode'])
    .where(sql<boolean>`id = any(${ids}::int[])`).execute();
}

export async function poolMembers(db: Db, poolIds: number[]) {
  if (poolIds.length === 0) return [];
  return db.selectFrom('sample').select(['id', 'person_id', 'pool_id', 'round_id', 'result', 'taken_on']).where(sql<boolean>`pool_id = any(${poolIds}::int[])`).execute();
}

export async function poolsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('pool').select(['id', 'province_code', 'round_id', 'barcode', 'size', 'taken_on', 'result']).where(sql<boolean>`id = any(${ids}::int[])`).execute();
}

/** Samples and pools by barcode (a lab file names either), with what applying a result needs. */
export async function byBarcodes(db: Db, provinceCode: string, barcodes: string[]) {
  if (barcodes.length === 0) return { samples: [], pools: [] };
  const samples = await sql<SampleFacts & { resulted_on: string | null }>`select s.id, s.province_code, s.person_id, s.method, s.taken_on, s.pool_id, s.round_id,
      s.result, s.barcode, s.resulted_on
    from unnest(${barcodes}::text[]) as b(code) join sample s on s.province_code = ${provinceCode} and s.barcode = b.code`.execute(db);
  const pools = await sql<{ id: number; barcode: string; taken_on: string; result: SampleResult | null; resulted_on: string | null }>`select p.id, p.barcode,
      p.taken_on, p.result, p.resulted_on
    from unnest(${barcodes}::text[]) as b(code) join pool p on p.province_code = ${provinceCode} and p.barcode = b.code`.execute(db);
  return { samples: samples.rows, pools: pools.rows };
}

export interface ResultRow { id: number; result: SampleResult; ct: string | null; lab: string | null; resulted_on: string }

/**
 * Rows with the same result, Ct, lab and date, together: a lab's day is mostly one negative group,
 * written by one `id = any(…)` statement instead of 20,000 joined rows.
 */
function groups<T extends { result?: string; ct?: string | null; lab: string | null; resulted_on: string }>(rows: T[], id: (r: T) => number) {
  const by = new Map<string, { key: T; ids: number[] }>();
  for (const r of rows) {
    const k = JSON.stringify([r.result ?? null, r.ct ?? null, r.lab, r.resulted_on]);
    const g = by.get(k);
    if (g) g.ids.push(id(r));
    else by.set(k, { key: r, ids: [id(r)] });
  }
  return [...by.values()];
}

/** Sets results on samples still without one; returns the ids written. */
export async function setSampleResults(db: Db, rows: ResultRow[]): Promise<number[]> {
  const out: number[] = [];
  for (const g of groups(rows, (r) => r.id)) {
    const r = await sql<{ id: number }>`update sample s set result = ${g.key.result}, ct = ${g.key.ct}::numeric, lab = ${g.key.lab}, resulted_on = ${g.key.resulted_on}::date
      from unnest(${g.ids}::int[]) as v(id) where s.id = v.id and s.result is null returning s.id`.execute(db);
    for (const x of r.rows) out.push(x.id);
  }
  return out;
}

export async function setPoolResults(db: Db, rows: ResultRow[]): Promise<number[]> {
  const out: number[] = [];
  for (const g of groups(rows, (r) => r.id)) {
    const r = await sql<{ id: number }>`update pool p set result = ${g.key.result}, ct = ${g.key.ct}::numeric, lab = ${g.key.lab}, resulted_on = ${g.key.resulted_on}::date
      from unnest(${g.ids}::int[]) as v(id) where p.id = v.id and p.result is null returning p.id`.execute(db);
    for (const x of r.rows) out.push(x.id);
  }
  return out;
}

/** A negative pool clears its members: each member's sample is negative. */
export async function clearPoolMembers(db: Db, poolIds: number[], lab: Map<number, { lab: string | null; resulted_on: string }>) {
  let n = 0;
  for (const g of groups(poolIds.map((id) => ({ id, lab: lab.get(id)?.lab ?? null, resulted_on: lab.get(id)!.resulted_on })), (r) => r.id)) {
    const r = await sql`update sample s set result = 'negative', lab = ${g.key.lab}, resulted_on = ${g.key.resulted_on}::date
      from unnest(${g.ids}::int[]) as v(id) where s.pool_id = v.id and s.result is null`.execute(db);
    n += Number(r.numAffectedRows ?? 0);
  }
  return n;
}

export interface NewRetest { province_code: string; person_id: number; round_id: number | null; pool_id: number | null; sample_id: number; reason: RetestReason }

export async function insertRetests(db: Db, rows: NewRetest[]): Promise<number> {
  if (rows.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const r = await db.insertInto('retest_task').values(rows.slice(i, i + 5000)).onConflict((oc) => oc.column('sample_id').doNothing()).executeTakeFirst();
    n += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

/** Re-test tasks whose new individual sample now has a negative or positive result are resolved. */
export async function resolveRetests(db: Db, sampleIds: number[]) {
  if (sampleIds.length === 0) return;
  await sql`update retest_task t set status = 'resolved', outcome = s.result, resolved_at = now()
    from sample s where t.new_sample_id = s.id and s.id = any(${sampleIds}::int[]) and s.result in ('negative','positive') and t.status <> 'resolved'`.execute(db);
}

export async function openRetestOf(db: Db, personId: number) {
  return db.selectFrom('retest_task').select(['id']).where('person_id', '=', personId).where('status', '=', 'open').orderBy('id').executeTakeFirst();
}

export async function linkRetest(db: Db, taskId: number, newSampleId: number) {
  await db.updateTable('retest_task').set({ status: 'sampled', new_sample_id: newSampleId }).where('id', '=', taskId).where('status', '=', 'open').execute();
}

export async function activeOrdersOf(db: Db, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.person_id', 'o.subject', 'o.room_id', 'o.start_date', 'p.full_name'])
    .where('o.person_id', 'in', personIds).where('o.status', '=', 'active').execute();
}

export async function insertRound(db: Db, row: Insertable<SamplingRoundTable>): Promise<number> {
  return (await db.insertInto('sampling_round').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** What a barcode already labels in the province: a tube, a pool, or nothing (a lab file names either, so they never share one). */
export async function barcodeUse(db: Db, provinceCode: string, barcode: string): Promise<'tube' | 'pool' | null> {
  const r = await sql<{ tube: boolean; pool: boolean }>`select
      exists (select 1 from sample where province_code = ${provinceCode} and barcode = ${barcode}) as tube,
      exists (select 1 from pool where province_code = ${provinceCode} and barcode = ${barcode}) as pool`.execute(db);
  const row = r.rows[0]!;
  return row.tube ? 'tube' : row.pool ? 'pool' : null;
}

// ---- published for the daily report (reports): samples of a province on a day

/** Samples (one per person sampled; a pooled member is one) taken by `date`: that day by method, all, and still without a result at its end. */
export async function samplesTakenBy(db: Db, provinceCode: string, date: string) {
  const r = await sql<{ on_day: number; rt_pcr: number; rt_pcr_pool: number; rapid_antigen: number; total: number; backlog: number }>`
    select count(*) filter (where taken_on = ${date}) as on_day,
      count(*) filter (where taken_on = ${date} and method = 'rt_pcr') as rt_pcr,
      count(*) filter (where taken_on = ${date} and method = 'rt_pcr_pool') as rt_pcr_pool,
      count(*) filter (where taken_on = ${date} and method = 'rapid_antigen') as rapid_antigen,
      count(*) as total,
      count(*) filter (where result is null or resulted_on is null or resulted_on > ${date}) as backlog
    from sample where province_code = ${provinceCode} and taken_on <= ${date}`.execute(db);
  return r.rows[0]!;
}

/** Sample results of a province returned on `date`: all and positive. */
export async function samplesResultedOn(db: Db, provinceCode: string, date: string) {
  const r = await sql<{ resulted: number; positive: number }>`
    select count(*) as resulted, count(*) filter (where result = 'positive') as positive
    from sample where province_code = ${provinceCode} and resulted_on = ${date}`.execute(db);
  return r.rows[0]!;
}

/** The earliest sample of a person still without a result taken since a day, or an open re-test task; null when none. */
export async function awaitingResultSince(db: Db, personId: number, since: string): Promise<string | null> {
  const sample = await db.selectFrom('sample').select((eb) => eb.fn.min('taken_on').as('d'))
    .where('person_id', '=', personId).where('result', 'is', null).where('taken_on', '>=', since).executeTakeFirst();
  const task = await db.selectFrom('retest_task').select(sql<string | null>`min((created_at at time zone 'Asia/Ho_Chi_Minh')::date)::text`.as('d'))
    .where('person_id', '=', personId).where('status', '!=', 'resolved').executeTakeFirst();
  return [sample?.d ?? null, task?.d ?? null].filter((d): d is string => d !== null).sort()[0] ?? null;
}

/** `awaitingResultSince` for a list of people (one array parameter): person → earliest day. */
export async function awaitingResultSinceMany(db: Db, personIds: readonly number[], since: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (personIds.length === 0) return out;
  const ids = [...personIds];
  const r = await sql<{ person_id: number; d: string }>`
    select person_id, min(d)::text as d from (
      select person_id, taken_on as d from sample where person_id = any(${ids}::int[]) and result is null and taken_on >= ${since}
      union all
      select person_id, (created_at at time zone 'Asia/Ho_Chi_Minh')::date as d from retest_task where person_id = any(${ids}::int[]) and status <> 'resolved'
    ) x group by person_id`.execute(db);
  for (const row of r.rows) out.set(row.person_id, row.d);
  return out;
}
