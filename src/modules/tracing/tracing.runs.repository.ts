/** SQL of trace runs, their review, and the lookups that dress engine results for people. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EdgeKind, ReviewStatus } from '../../db/schema.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';

export async function findCase(db: Db, id: number) {
  return db.selectFrom('covid_case')
    .select(['id', 'person_id', 'case_code', 'province_code', 'district_code', 'commune_code', 'confirmation_date'])
    .where('id', '=', id).executeTakeFirst();
}

export async function casesOfPeople(db: Db, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('covid_case').select(['id', 'person_id', 'case_code', 'province_code', 'district_code', 'commune_code'])
    .where('person_id', '=', sql<number>`any(${personIds}::int[])`).orderBy('confirmation_date', 'desc').execute();
}

export async function peopleBrief(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('person as p')
    .innerJoin('admin_unit as c', 'c.code', 'p.commune_code')
    .innerJoin('admin_unit as d', 'd.code', 'p.district_code')
    .select(['p.id', 'p.full_name', 'p.province_code', 'p.district_code', 'p.commune_code', 'c.name as commune_name', 'd.name as district_name'])
    .where('p.id', '=', sql<number>`any(${ids}::int[])`).execute();
}

/** Of the given people, those in a commune and/or matching a name, phone or ID search. */
export async function filterPeople(db: Db, ids: number[], f: { communeCode?: string | undefined; q?: string | undefined }): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  let q = db.selectFrom('person').select('id').where('id', '=', sql<number>`any(${ids}::int[])`);
  if (f.communeCode) q = q.where('commune_code', '=', f.communeCode);
  if (f.q) {
    const folded = `%${foldVietnamese(f.q)}%`;
    q = q.where((eb) => eb.or([eb('name_search', 'like', folded), eb('phone', 'like', `%${f.q!.replace(/\D/g, '') || '-'}%`), eb('national_id', '=', f.q!.trim())]));
  }
  return new Set((await q.execute()).map((r) => r.id));
}

/** The latest review of each person, whichever run it came from. */
export async function latestReviews(db: Db, personIds: number[]) {
  if (personIds.length === 0) return new Map<number, { run_id: number; level: number; review_status: ReviewStatus }>();
  const rows = await db.selectFrom('traced_person')
    .select(['person_id', 'run_id', 'level', 'review_status'])
    .distinctOn('person_id')
    .where('person_id', '=', sql<number>`any(${personIds}::int[])`)
    .orderBy('person_id').orderBy('id', 'desc').execute();
  return new Map(rows.map((r) => [r.person_id, r]));
}

/**
 * Lowest level at which each person is already on a list, whatever its review: someone the
 * epidemiologist dismissed is not offered again unless they come closer to a case.
 */
export async function recordedLevels(db: Db, personIds: number[]): Promise<Map<number, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('traced_person').select(['person_id', sql<number>`min(level)`.as('level')])
    .where('person_id', '=', sql<number>`any(${personIds}::int[])`)
    .groupBy('person_id').execute();
  return new Map(rows.map((r) => [r.person_id, r.level]));
}

export async function groupLabels(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom('contact_group').select(['id', 'label']).where('id', '=', sql<number>`any(${ids}::int[])`).execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

export async function orgNames(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db.selectFrom('org_unit').select(['id', 'name']).where('id', '=', sql<number>`any(${ids}::int[])`).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface NewRun {
  province_code: string; as_of: string; depth: number; trigger: 'case_confirmed' | 'manual'; trigger_case_id: number | null;
  f0_person_ids: number[]; counts: Record<string, number>; engine_ms: number; created_by: number | null;
}
export interface NewTracedPerson {
  person_id: number; level: number; window_start: string; window_end: string; source_person_id: number | null;
  source_kind: EdgeKind | null; source_group_id: number | null; source_date: string | null; review_status?: ReviewStatus; review_note?: string | null;
}
export interface NewEdge { source_person_id: number; target_person_id: number; kind: EdgeKind; group_id: number | null; exposure_date: string; target_level: number }

const BATCH = 2000;

export async function insertRun(db: Db, run: NewRun, people: NewTracedPerson[], edges: NewEdge[]): Promise<number> {
  const { id } = await db.insertInto('trace_run')
    .values({ ...run, counts: JSON.stringify(run.counts) })
    .returning('id').executeTakeFirstOrThrow();
  for (let i = 0; i < people.length; i += BATCH) {
    await db.insertInto('traced_person').values(people.slice(i, i + BATCH).map((p) => ({ ...p, run_id: id, province_code: run.province_code }))).execute();
  }
  for (let i = 0; i < edges.length; i += BATCH) {
    await db.insertInto('exposure_edge').values(edges.slice(i, i + BATCH).map((e) => ({ ...e, run_id: id }))).execute();
  }
  return id;
}

export async function addTracedPerson(db: Db, runId: number, provinceCode: string, p: NewTracedPerson, reviewer: number) {
  await db.insertInto('traced_person')
    .values({ ...p, run_id: runId, province_code: provinceCode, reviewed_by: reviewer, reviewed_at: new Date() })
    .onConflict((oc) => oc.columns(['run_id', 'person_id']).doUpdateSet({ review_status: p.review_status ?? 'added', review_note: p.review_note ?? null, reviewed_by: reviewer, reviewed_at: new Date() }))
    .execute();
}

export async function findRun(db: Db, id: number) {
  return db.selectFrom('trace_run as r')
    .leftJoin('covid_case as c', 'c.id', 'r.trigger_case_id')
    .select(['r.id', 'r.province_code', 'r.as_of', 'r.depth', 'r.trigger', 'r.trigger_case_id', 'r.counts', 'r.created_at', 'r.created_by',
      'c.case_code', 'c.district_code', 'c.commune_code'])
    .where('r.id', '=', id).executeTakeFirst();
}

export async function listRuns(db: Db, provinceCode: string, f: { caseId?: number | undefined; area?: { column: 'district_code' | 'commune_code'; value: string } | null }, page: number, pageSize: number) {
  let q = db.selectFrom('trace_run as r').leftJoin('covid_case as c', 'c.id', 'r.trigger_case_id').where('r.province_code', '=', provinceCode);
  if (f.caseId) q = q.where('r.trigger_case_id', '=', f.caseId);
  if (f.area) q = q.where(`c.${f.area.column}`, '=', f.area.value);
  const [rows, total] = await Promise.all([
    q.leftJoin('app_user as u', 'u.id', 'r.created_by')
      .select(['r.id', 'r.as_of', 'r.trigger', 'r.trigger_case_id', 'c.case_code', 'r.counts', 'r.created_at', 'u.username',
        sql<number>`(select count(*) from traced_person t where t.run_id = r.id and t.review_status = 'pending')`.as('pending')])
      .orderBy('r.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function runPeople(db: Db, runId: number, f: { review?: ReviewStatus | undefined; level?: number | undefined }, page: number, pageSize: number) {
  let q = db.selectFrom('traced_person as t').where('t.run_id', '=', runId);
  if (f.review) q = q.where('t.review_status', '=', f.review);
  if (f.level) q = q.where('t.level', '=', f.level);
  const [rows, total] = await Promise.all([
    q.innerJoin('person as p', 'p.id', 't.person_id')
      .innerJoin('admin_unit as c', 'c.code', 'p.commune_code')
      .leftJoin('person as s', 's.id', 't.source_person_id')
      .select(['t.person_id', 't.level', 't.source_person_id', 't.source_kind', 't.source_date', 't.review_status', 't.review_note',
        'p.full_name', 'p.province_code', 'p.district_code', 'p.commune_code', 'c.name as commune_name', 's.full_name as source_name'])
      .orderBy('t.level').orderBy('t.person_id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function reviewPeople(db: Db, runId: number, personIds: number[], decision: ReviewStatus, note: string | null, reviewer: number) {
  const r = await db.updateTable('traced_person')
    .set({ review_status: decision, review_note: note, reviewed_by: reviewer, reviewed_at: new Date() })
    .where('run_id', '=', runId).where('person_id', '=', sql<number>`any(${personIds}::int[])`)
    .returning(['person_id']).execute();
  return r.map((x) => x.person_id);
}
