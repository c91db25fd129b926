/** SQL of treatment: admissions (one open per case, transfers chained) and the beds they hold. */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CareLevel, TreatmentAdmissionTable } from '../../db/schema.ts';
import type { AreaFilter } from '../auth/policy.ts';

export async function caseForAdmission(db: Db, caseId: number) {
  return db.selectFrom('covid_case as c').innerJoin('person as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'c.province_code', 'c.district_code', 'c.commune_code', 'c.sample_date', 'c.confirmation_date', 'c.status', 'p.full_name'])
    .where('c.id', '=', caseId).executeTakeFirst();
}

export async function openAdmissionOfCase(db: Db, caseId: number) {
  return db.selectFrom('treatment_admission').select(['id', 'facility_id', 'care_level']).where('case_id', '=', caseId).where('ended_on', 'is', null).executeTakeFirst();
}

export async function findAdmission(db: Db, id: number) {
  return db.selectFrom('treatment_admission as a').innerJoin('covid_case as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.case_id', 'a.person_id', 'a.province_code', 'a.facility_id', 'a.care_level', 'a.risk_group', 'a.bed_kind', 'a.admitted_on',
      'a.ended_on', 'a.outcome', 'c.district_code', 'c.commune_code', 'c.confirmation_date'])
    .where('a.id', '=', id).executeTakeFirst();
}

/** The first admission of a chain of transfers (where the stay began). */
export async function stayStart(db: Db, caseId: number): Promise<string | null> {
  const r = await db.selectFrom('treatment_admission').select(sql<string>`min(admitted_on)::text`.as('start')).where('case_id', '=', caseId).executeTakeFirst();
  return r?.start ?? null;
}

export async function treatmentFacility(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('facility as f').innerJoin('org_unit as u', 'u.id', 'f.org_unit_id')
    .select(['f.org_unit_id as id', 'u.name', 'f.kind', 'f.tier', 'f.status', 'f.beds_normal', 'f.beds_oxygen', 'f.beds_icu', 'u.district_code', 'u.commune_code', 'u.province_code'])
    .where('f.org_unit_id', '=', id).where('f.province_code', '=', provinceCode).executeTakeFirst();
}

/** Locks the facility row so that two admissions cannot take the last bed at once. */
export async function lockFacility(db: Db, id: number) {
  await db.selectFrom('facility').select('org_unit_id').where('org_unit_id', '=', id).forUpdate().execute();
}

/** Beds in use per facility and kind (open admissions). */
export async function bedsUsed(db: Db, provinceCode: string, facilityId?: number) {
  let q = db.selectFrom('treatment_admission').select(['facility_id', 'bed_kind', sql<number>`count(*)::int`.as('used')])
    .where('province_code', '=', provinceCode).where('ended_on', 'is', null).where('facility_id', 'is not', null).where('bed_kind', 'is not', null);
  if (facilityId !== undefined) q = q.where('facility_id', '=', facilityId);
  return q.groupBy(['facility_id', 'bed_kind']).execute();
}

export async function treatmentFacilities(db: Db, provinceCode: string) {
  return db.selectFrom('facility as f').innerJoin('org_unit as u', 'u.id', 'f.org_unit_id').leftJoin('admin_unit as d', 'd.code', 'u.district_code')
    .select(['f.org_unit_id as id', 'u.name', 'f.tier', 'f.status', 'f.beds_normal', 'f.beds_oxygen', 'f.beds_icu', 'd.name as district_name', 'u.district_code', 'u.commune_code', 'u.province_code'])
    .where('f.province_code', '=', provinceCode).where('f.kind', '=', 'treatment').orderBy('f.tier').orderBy('u.name').execute();
}

export async function insertAdmission(db: Db, row: Insertable<TreatmentAdmissionTable>): Promise<number> {
  return (await db.insertInto('treatment_admission').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function endAdmission(db: Db, id: number, endedOn: string, outcome: 'transferred' | 'recovered' | 'died') {
  const r = await db.updateTable('treatment_admission').set({ ended_on: endedOn, outcome }).where('id', '=', id).where('ended_on', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function lastNegativeRapidTest(db: Db, personId: number, from: string): Promise<string | null> {
  const r = await db.selectFrom('sample').select(sql<string | null>`max(taken_on)::text`.as('on')).where('person_id', '=', personId)
    .where('method', '=', 'rapid_antigen').where('result', '=', 'negative').where('taken_on', '>=', from).executeTakeFirst();
  return r?.on ?? null;
}

export interface AdmissionFilter { provinceCode: string; open?: boolean | undefined; facilityId?: number | undefined; page: number; pageSize: number }

export async function listAdmissions(db: Db, f: AdmissionFilter, scope: { facilityId: number } | { area: AreaFilter | null }) {
  let q = db.selectFrom('treatment_admission as a').innerJoin('person as p', 'p.id', 'a.person_id').innerJoin('covid_case as c', 'c.id', 'a.case_id')
    .leftJoin('org_unit as u', 'u.id', 'a.facility_id').where('a.province_code', '=', f.provinceCode);
  if ('facilityId' in scope) q = q.where('a.facility_id', '=', scope.facilityId);
  else if (scope.area) q = q.where(`c.${scope.area.column}`, '=', scope.area.value);
  if (f.open !== undefined) q = q.where('a.ended_on', f.open ? 'is' : 'is not', null);
  if (f.facilityId !== undefined) q = q.where('a.facility_id', '=', f.facilityId);
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await q.select(['a.id', 'a.case_id', 'c.case_code', 'a.person_id', 'p.full_name', 'a.facility_id', 'u.name as facility_name', 'a.care_level',
    'a.risk_group', 'a.bed_kind', 'a.admitted_on', 'a.ended_on', 'a.outcome', 'a.reason', 'a.previous_id'])
    .orderBy('a.admitted_on', 'desc').orderBy('a.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { total, items };
}

// ---- published for the daily report (reports): treatment of a province on a day

/** Stays by care level and bed kind: in treatment at the end of `date` and admitted that day (first stays, not transfers). */
export async function staysOn(db: Db, provinceCode: string, date: string) {
  const r = await sql<{ care_level: CareLevel; bed_kind: 'normal' | 'oxygen' | 'icu' | null; in_facility: boolean; in_force: number; admitted: number }>`
    select care_level, bed_kind, facility_id is not null as in_facility,
      count(*) filter (where ended_on is null or ended_on > ${date}) as in_force,
      count(*) filter (where admitted_on = ${date} and previous_id is null) as admitted
    from treatment_admission where province_code = ${provinceCode} and admitted_on <= ${date}
    group by 1, 2, 3`.execute(db);
  return r.rows;
}

/** Beds of the province's treatment facilities, as configured now. */
export async function bedTotals(db: Db, provinceCode: string) {
  const r = await sql<{ facilities: number; normal: number; oxygen: number; icu: number }>`
    select count(*) as facilities, coalesce(sum(beds_normal), 0)::int as normal, coalesce(sum(beds_oxygen), 0)::int as oxygen, coalesce(sum(beds_icu), 0)::int as icu
    from facility where province_code = ${provinceCode} and kind = 'treatment'`.execute(db);
  return r.rows[0]!;
}

/** NQ68 support: the treatment stays of a commune's residents whose case has a stay overlapping a period. */
export async function staysForSupport(db: Db, provinceCode: string, f: { communeCode: string; from: string; to: string }) {
  return db.selectFrom('treatment_admission as a').innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.case_id', 'a.person_id', 'a.admitted_on', 'a.ended_on'])
    .where('a.province_code', '=', provinceCode).where('p.commune_code', '=', f.communeCode)
    // Every stay of a case with one stay in the period: the episode starts at its first admission.
    .where('a.case_id', 'in', (eb) => eb.selectFrom('treatment_admission as x').select('x.case_id')
      .where('x.province_code', '=', provinceCode).where('x.admitted_on', '<=', f.to)
      .where((w) => w.or([w('x.ended_on', 'is', null), w('x.ended_on', '>=', f.from)])))
    .orderBy('a.id')
    .execute();
}
