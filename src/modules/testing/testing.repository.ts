/** SQL of sampling rounds, pools, re-test tasks and the bulk application of results. */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RetestReason, SampleResult, SamplingRoundTable } from '../../db/schema.ts';

export async function samplesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('sample').select(['id', 'province_code', 'person_id', 'method', 'taken_on', 'pool_id', 'round_id', 'result', 'barcode'])
    .where('id', 'in', ids).execute();
}

export async function poolMembers(db: Db, poolIds: number[]) {
  if (poolIds.length === 0) return [];
  return db.selectFrom('sample').select(['id', 'person_id', 'pool_id', 'round_id', 'result', 'taken_on']).where('pool_id', 'in', poolIds).execute();
}

export async function poolsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('pool').select(['id', 'province_code', 'round_id', 'barcode', 'size', 'taken_on', 'result']).where('id', 'in', ids).execute();
}

/** Samples and pools by barcode (a lab file names either). */
export async function byBarcodes(db: Db, provinceCode: string, barcodes: string[]) {
  if (barcodes.length === 0) return { samples: [], pools: [] };
  const samples = await db.selectFrom('sample').select(['id', 'barcode', 'person_id', 'method', 'taken_on', 'result', 'resulted_on'])
    .where('province_code', '=', provinceCode).where(sql<boolean>`barcode = any(${barcodes}::text[])`).execute();
  const pools = await db.selectFrom('pool').select(['id', 'barcode', 'taken_on', 'result', 'resulted_on'])
    .where('province_code', '=', provinceCode).where(sql<boolean>`barcode = any(${barcodes}::text[])`).execute();
  return { samples, pools };
}

export interface ResultRow { id: number; result: SampleResult; ct: string | null; lab: string | null; resulted_on: string }

/** Sets results on samples still without one; returns the ids written. */
export async function setSampleResults(db: Db, rows: ResultRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: number }>`update sample s set result = v.result, ct = v.ct, lab = v.lab, resulted_on = v.resulted_on
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id int, result text, ct numeric, lab text, resulted_on date)
    where s.id = v.id and s.result is null returning s.id`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function setPoolResults(db: Db, rows: ResultRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: number }>`update pool p set result = v.result, ct = v.ct, lab = v.lab, resulted_on = v.resulted_on
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id int, result text, ct numeric, lab text, resulted_on date)
    where p.id = v.id and p.result is null returning p.id`.execute(db);
  return r.rows.map((x) => x.id);
}

/** A negative pool clears its members: each member's sample is negative. */
export async function clearPoolMembers(db: Db, poolIds: number[], lab: Map<number, { lab: string | null; resulted_on: string }>) {
  if (poolIds.length === 0) return 0;
  const rows = poolIds.map((id) => ({ id, lab: lab.get(id)?.lab ?? null, resulted_on: lab.get(id)!.resulted_on }));
  const r = await sql`update sample s set result = 'negative', lab = v.lab, resulted_on = v.resulted_on
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id int, lab text, resulted_on date)
    where s.pool_id = v.id and s.result is null`.execute(db);
  return Number(r.numAffectedRows ?? 0);
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
