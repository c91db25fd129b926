/**
 * All SQL of the epidemic levels. The inputs are aggregates read from other contexts' tables
 * (people per commune, community cases per commune, beds against open admissions): counts only,
 * nothing personal.
 */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LevelAssessmentTable, LevelStatus, LevelUnit } from '../../db/schema.ts';
import type { BedKind, BedUse } from './levels.domain.ts';

/** People in the register per commune: the denominator of criterion 1. */
export async function populationByCommune(db: Db, provinceCode: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('person').select(['commune_code', sql<number>`count(*)::int`.as('n')])
    .where('province_code', '=', provinceCode).groupBy('commune_code').execute();
  return new Map(rows.map((r) => [r.commune_code, r.n]));
}

/** Community cases (classification 'community') per commune, by confirmation date in [from, to]. */
export async function communityCasesByCommune(db: Db, provinceCode: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('covid_case').select(['commune_code', sql<number>`count(*)::int`.as('n')])
    .where('province_code', '=', provinceCode).where('classification', '=', 'community')
    .where('confirmation_date', '>=', from).where('confirmation_date', '<=', to)
    .groupBy('commune_code').execute();
  return new Map(rows.map((r) => [r.commune_code, r.n]));
}

/** Cases of the province that died (status timeline) on a day between `from` and `to`, by commune. */
export async function deathsByCommune(db: Db, provinceCode: string, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('case_status_event as e').innerJoin('covid_case as c', 'c.id', 'e.case_id')
    .select(['c.commune_code', sql<number>`count(distinct e.case_id)::int`.as('n')])
    .where('c.province_code', '=', provinceCode).where('e.status', '=', 'died')
    .where('e.effective_date', '>=', from).where('e.effective_date', '<=', to)
    .groupBy('c.commune_code').execute();
  return new Map(rows.map((r) => [r.commune_code, r.n]));
}

/**
 * Treatment beds of the province and those in use on a day: admissions begun on or before it and
 * not ended by it (today, the open admissions). Beds are the facilities' current counts.
 */
export async function bedUseOn(db: Db, provinceCode: string, day: string): Promise<BedUse> {
  const totals = await db.selectFrom('facility')
    .select([sql<number>`coalesce(sum(beds_normal), 0)::int`.as('normal'), sql<number>`coalesce(sum(beds_oxygen), 0)::int`.as('oxygen'), sql<number>`coalesce(sum(beds_icu), 0)::int`.as('icu')])
    .where('province_code', '=', provinceCode).where('kind', '=', 'treatment').executeTakeFirstOrThrow();
  const used = await db.selectFrom('treatment_admission as a').innerJoin('facility as f', 'f.org_unit_id', 'a.facility_id')
    .select(['a.bed_kind', sql<number>`count(*)::int`.as('n')])
    .where('a.province_code', '=', provinceCode).where('f.kind', '=', 'treatment').where('a.bed_kind', 'is not', null)
    .where('a.admitted_on', '<=', day).where((eb) => eb.or([eb('a.ended_on', 'is', null), eb('a.ended_on', '>', day)]))
    .groupBy('a.bed_kind').execute();
  const usedOf = (k: BedKind) => used.find((u) => u.bed_kind === k)?.n ?? 0;
  return {
    normal: { total: totals.normal, used: usedOf('normal') },
    oxygen: { total: totals.oxygen, used: usedOf('oxygen') },
    icu: { total: totals.icu, used: usedOf('icu') },
  };
}

export const ROW_COLUMNS = [
  'a.id', 'a.province_code', 'a.district_code', 'a.commune_code', 'a.unit_level', 'a.unit_code', 'a.assessed_on', 'a.rule_code',
  'a.computed_level', 'a.effective_level', 'a.previous_level', 'a.inputs', 'a.status', 'a.effective_from',
  'a.decided_by', 'a.decided_at', 'a.decision_reason', 'a.created_at',
] as const;

/** Each unit's latest assessment before a day (its level in force when the day is assessed). */
export async function latestBefore(db: Db, provinceCode: string, day: string) {
  return db.selectFrom('level_assessment as a').select(ROW_COLUMNS)
    .distinctOn('a.unit_code')
    .where('a.province_code', '=', provinceCode).where('a.assessed_on', '<', day)
    .orderBy('a.unit_code').orderBy('a.assessed_on', 'desc').execute();
}

/** A day's decided rows: a re-run keeps them. */
export async function decidedOn(db: Db, provinceCode: string, day: string) {
  return db.selectFrom('level_assessment as a').select(ROW_COLUMNS)
    .where('a.province_code', '=', provinceCode).where('a.assessed_on', '=', day).where('a.status', 'in', ['confirmed', 'overridden']).execute();
}

export async function deleteUndecided(db: Db, provinceCode: string, day: string): Promise<number> {
  const r = await db.deleteFrom('level_assessment').where('province_code', '=', provinceCode).where('assessed_on', '=', day)
    .where('status', 'in', ['in_force', 'proposed']).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertAssessments(db: Db, rows: Array<Insertable<LevelAssessmentTable>>): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('level_assessment').values(rows.slice(i, i + 500)).execute();
}

/** Serialises assessments of one province (two runs of the same day would collide on the unique key). */
export async function lockProvince(db: Db, provinceCode: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`level_assessment:${provinceCode}`}))`.execute(db);
}

export interface ListFilter {
  provinceCode: string;
  date: string;
  unitLevel: LevelUnit;
  districtCodes?: string[] | undefined;
  communeCode?: string | undefined;
}

/** Each unit's latest assessment on or before the date, with the unit's and district's names and the decider's username. */
export async function latestOnOrBefore(db: Db, f: ListFilter) {
  let q = db.selectFrom('level_assessment as a')
    .leftJoin('admin_unit as u', 'u.code', 'a.unit_code')
    .leftJoin('admin_unit as d', 'd.code', 'a.district_code')
    .leftJoin('app_user as usr', 'usr.id', 'a.decided_by')
    .select(ROW_COLUMNS).select(['u.name as unit_name', 'd.name as district_name', 'usr.username as decided_by_username'])
    .distinctOn('a.unit_code')
    .where('a.province_code', '=', f.provinceCode).where('a.unit_level', '=', f.unitLevel).where('a.assessed_on', '<=', f.date);
  if (f.districtCodes) q = q.where('a.district_code', 'in', f.districtCodes.length ? f.districtCodes : ['']);
  if (f.communeCode) q = q.where('a.commune_code', '=', f.communeCode);
  return q.orderBy('a.unit_code').orderBy('a.assessed_on', 'desc').execute();
}

export type AssessmentRow = Awaited<ReturnType<typeof latestOnOrBefore>>[number];

export async function findAssessment(db: Db, id: number): Promise<AssessmentRow | undefined> {
  return db.selectFrom('level_assessment as a')
    .leftJoin('admin_unit as u', 'u.code', 'a.unit_code')
    .leftJoin('admin_unit as d', 'd.code', 'a.district_code')
    .leftJoin('app_user as usr', 'usr.id', 'a.decided_by')
    .select(ROW_COLUMNS).select(['u.name as unit_name', 'd.name as district_name', 'usr.username as decided_by_username'])
    .where('a.id', '=', id).executeTakeFirst();
}

/** Locks one assessment for a decision. */
export async function lockAssessment(db: Db, id: number) {
  return db.selectFrom('level_assessment').select(['id', 'status', 'effective_level', 'effective_from']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function newerAssessmentExists(db: Db, unitLevel: LevelUnit, unitCode: string, after: string): Promise<boolean> {
  const r = await db.selectFrom('level_assessment').select('id').where('unit_level', '=', unitLevel).where('unit_code', '=', unitCode)
    .where('assessed_on', '>', after).limit(1).executeTakeFirst();
  return r !== undefined;
}

export async function recordDecision(db: Db, id: number, d: { status: LevelStatus; effectiveLevel: number; effectiveFrom: Date; by: number | null; at: Date; reason: string | null }) {
  await db.updateTable('level_assessment').set({
    status: d.status, effective_level: d.effectiveLevel, effective_from: d.effectiveFrom, decided_by: d.by, decided_at: d.at, decision_reason: d.reason,
  }).where('id', '=', id).execute();
}
