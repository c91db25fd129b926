/** Vaccination SQL: sites, lots, sessions, doses and the coverage aggregates. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { escapeLike, foldVietnamese } from '../../lib/vn-text.ts';
import type { AreaFilter } from '../auth/policy.ts';
import { bornOnOrBefore, type CoverageCounts } from './vaccination.domain.ts';

export interface AreaLimit { districtCode?: string | undefined; communeCode?: string | undefined }

// ---- sites
export async function listSites(db: Db, provinceCode: string, scope: AreaFilter | null, q: { q?: string | undefined; districtCode?: string | undefined; page: number; pageSize: number }, onlySiteId: number | null = null) {
  let base = db.selectFrom('vaccination_site as s').innerJoin('org_unit as o', 'o.id', 's.org_unit_id').where('s.province_code', '=', provinceCode);
  if (scope && scope.column !== 'province_code') base = base.where(`o.${scope.column}`, '=', scope.value);
  if (onlySiteId !== null) base = base.where('o.id', '=', onlySiteId);
  if (q.districtCode) base = base.where('o.district_code', '=', q.districtCode);
  if (q.q) base = base.where('o.name', 'ilike', `%${escapeLike(q.q)}%`);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const items = await base
    .leftJoin('admin_unit as c', 'c.code', 'o.commune_code')
    .leftJoin('admin_unit as d', 'd.code', 'o.district_code')
    .select(['o.id', 'o.name', 'o.code', 'o.district_code', 'o.commune_code', 'o.address_detail', 'c.name as commune_name', 'd.name as district_name',
      's.capacity_per_session', 's.vaccinators', 's.emergency_staff', 's.staff', 's.active'])
    .select((eb) => eb.selectFrom('vaccine_dose as v').whereRef('v.site_id', '=', 'o.id').select(eb.fn.countAll<string>().as('n')).as('doses'))
    .orderBy('o.district_code').orderBy('o.name')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, items };
}

export async function findSite(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('vaccination_site as s').innerJoin('org_unit as o', 'o.id', 's.org_unit_id')
    .where('s.province_code', '=', provinceCode).where('o.id', '=', id)
    .select(['o.id', 'o.name', 'o.province_code', 'o.district_code', 'o.commune_code', 's.capacity_per_session', 's.active']).executeTakeFirst();
}

// ---- lots
export async function listLots(db: Db, provinceCode: string, q: { productCode?: string | undefined; validOn?: string | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('vaccine_lot as l').where('l.province_code', '=', provinceCode);
  if (q.productCode) base = base.where('l.product_code', '=', q.productCode);
  // Lots usable on a day: received by then and not expired.
  if (q.validOn) base = base.where('l.expiry_date', '>=', q.validOn).where((eb) => eb.or([eb('l.received_date', 'is', null), eb('l.received_date', '<=', q.validOn!)]));
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const items = await base.innerJoin('vaccine_product as p', 'p.code', 'l.product_code')
    .select(['l.id', 'l.product_code', 'p.name as product_name', 'l.lot_number', 'l.expiry_date', 'l.received_date', 'l.doses_received'])
    .select((eb) => eb.selectFrom('vaccine_dose as v').whereRef('v.lot_id', '=', 'l.id').select(eb.fn.countAll<string>().as('n')).as('doses_used'))
    .orderBy('l.expiry_date').orderBy('l.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, items };
}

export async function findLot(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('vaccine_lot').selectAll().where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

export async function lotsByNumber(db: Db, provinceCode: string, numbers: string[]) {
  if (numbers.length === 0) return [];
  return db.selectFrom('vaccine_lot').selectAll().where('province_code', '=', provinceCode).where('lot_number', 'in', numbers).execute();
}

export async function products(db: Db) {
  return db.selectFrom('vaccine_product').selectAll().orderBy('code').execute();
}

// ---- doses
export async function dosesOfPeople(db: Db, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('vaccine_dose').select(['id', 'person_id', 'dose_number', 'product_code', 'dose_date', 'lot_id', 'site_id', 'source'])
    .where('person_id', 'in', personIds).orderBy('person_id').orderBy('dose_number').execute();
}

export async function listDoses(db: Db, provinceCode: string, scope: AreaFilter | null, q: {
  q?: string | undefined; siteId?: number | undefined; from?: string | undefined; to?: string | undefined; communeCode?: string | undefined; page: number; pageSize: number;
}) {
  let base = db.selectFrom('vaccine_dose as v').innerJoin('person as p', 'p.id', 'v.person_id').where('v.province_code', '=', provinceCode);
  if (scope && scope.column !== 'province_code') base = base.where(`p.${scope.column}`, '=', scope.value);
  if (q.siteId) base = base.where('v.site_id', '=', q.siteId);
  if (q.from) base = base.where('v.dose_date', '>=', q.from);
  if (q.to) base = base.where('v.dose_date', '<=', q.to);
  if (q.communeCode) base = base.where('p.commune_code', '=', q.communeCode);
  if (q.q) base = base.where((eb) => eb.or([eb('p.name_search', 'like', `%${escapeLike(foldVietnamese(q.q!))}%`), eb('p.national_id', '=', q.q!), eb('p.phone', '=', q.q!)]));
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const items = await base.leftJoin('org_unit as s', 's.id', 'v.site_id').leftJoin('vaccine_lot as l', 'l.id', 'v.lot_id')
    .select(['v.id', 'v.person_id', 'p.full_name', 'p.date_of_birth', 'p.national_id', 'p.phone', 'p.address_detail', 'p.commune_code', 'v.dose_number', 'v.product_code',
      'v.dose_date', 'v.site_id', 's.name as site_name', 'v.lot_id', 'l.lot_number', 'v.early_override_reason', 'v.source'])
    .select((eb) => eb.selectFrom('vaccine_adverse_event as a').whereRef('a.dose_id', '=', 'v.id').select(eb.fn.countAll<string>().as('n')).as('adverse_events'))
    .orderBy('v.dose_date', 'desc').orderBy('v.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, items };
}

/** Adverse reactions, newest first, with their dose, person and site; `onlySiteId` for a site's vaccinators. */
export async function listAdverseEvents(db: Db, provinceCode: string, scope: AreaFilter | null, onlySiteId: number | null, q: {
  outcome?: string | undefined; siteId?: number | undefined; page: number; pageSize: number;
}) {
  let base = db.selectFrom('vaccine_adverse_event as a').innerJoin('vaccine_dose as v', 'v.id', 'a.dose_id').innerJoin('person as p', 'p.id', 'v.person_id')
    .where('v.province_code', '=', provinceCode);
  if (scope && scope.column !== 'province_code') base = base.where(`p.${scope.column}`, '=', scope.value);
  if (onlySiteId !== null) base = base.where('v.site_id', '=', onlySiteId);
  if (q.siteId) base = base.where('v.site_id', '=', q.siteId);
  if (q.outcome) base = base.where('a.outcome', '=', q.outcome as never);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const items = await base.leftJoin('org_unit as s', 's.id', 'v.site_id')
    .select(['a.id', 'a.dose_id', 'a.severity', 'a.onset_date', 'a.symptoms', 'a.outcome', 'a.note', 'a.updated_at', 'v.person_id', 'p.full_name', 'p.date_of_birth', 'p.national_id', 'p.phone',
      'p.address_detail', 'v.dose_number', 'v.product_code', 'v.dose_date', 'v.site_id', 's.name as site_name'])
    .orderBy('a.onset_date', 'desc').orderBy('a.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, items };
}

export async function personHistory(db: Db, personId: number) {
  const doses = await db.selectFrom('vaccine_dose as v').leftJoin('org_unit as s', 's.id', 'v.site_id').leftJoin('vaccine_lot as l', 'l.id', 'v.lot_id')
    .innerJoin('vaccine_product as pr', 'pr.code', 'v.product_code')
    .select(['v.id', 'v.dose_number', 'v.product_code', 'pr.name as product_name', 'v.dose_date', 'v.site_id', 's.name as site_name', 'v.lot_id', 'l.lot_number', 'v.early_override_reason', 'v.source'])
    .where('v.person_id', '=', personId).orderBy('v.dose_number').execute();
  const events = doses.length === 0 ? [] : await db.selectFrom('vaccine_adverse_event').selectAll().where('dose_id', 'in', doses.map((d) => d.id)).orderBy('id').execute();
  return { doses, events };
}

/** Whether any dose was given in the province by the day: without one, coverage is unknown, not 0 %. */
export async function hasDoses(db: Db, provinceCode: string, day: string): Promise<boolean> {
  const r = await db.selectFrom('vaccine_dose').select('id').where('province_code', '=', provinceCode).where('dose_date', '<=', day).limit(1).executeTakeFirst();
  return r !== undefined;
}

export interface CoverageRow extends CoverageCounts { district_code: string; commune_code: string }

/**
 * The vaccinated side of coverage per commune on a day: people with ≥1 dose / the full course by
 * then, by age band, from the trigger-kept `vaccination_person_status` (migration 0023): one row
 * per vaccinated person, so the cost follows the vaccinated, not the register.
 */
export async function vaccinatedByCommune(db: Db, provinceCode: string, day: string, limit: AreaLimit = {}) {
  const c18 = bornOnOrBefore(day, 18);
  const c50 = bornOnOrBefore(day, 50);
  const c65 = bornOnOrBefore(day, 65);
  let q = db.selectFrom('vaccination_person_status').where('province_code', '=', provinceCode).where('first_dose_on', '<=', day)
    .select(['district_code', 'commune_code',
      sql<string>`count(*)`.as('population_one_dose'),
      sql<string>`count(*) filter (where full_course_on <= ${day})`.as('population_full'),
      sql<string>`count(*) filter (where date_of_birth <= ${c18})`.as('adults_one_dose'),
      sql<string>`count(*) filter (where date_of_birth <= ${c50} and full_course_on <= ${day})`.as('over50_full'),
      sql<string>`count(*) filter (where date_of_birth <= ${c65} and full_course_on <= ${day})`.as('over65_full'),
    ])
    .groupBy(['district_code', 'commune_code']);
  if (limit.districtCode) q = q.where('district_code', '=', limit.districtCode);
  if (limit.communeCode) q = q.where('commune_code', '=', limit.communeCode);
  const rows = await q.execute();
  return new Map(rows.map((r) => [`${r.district_code}|${r.commune_code}`, {
    populationOneDose: Number(r.population_one_dose), populationFull: Number(r.population_full),
    adultsOneDose: Number(r.adults_one_dose), over50Full: Number(r.over50_full), over65Full: Number(r.over65_full),
  }]));
}

/** Doses given on the day (all, first doses) and by then, in the province: the dashboard and report. */
export async function dosesOn(db: Db, provinceCode: string, day: string) {
  const r = await db.selectFrom('vaccine_dose').where('province_code', '=', provinceCode).where('dose_date', '<=', day)
    .select([
      sql<string>`count(*) filter (where dose_date = ${day})`.as('on_day'),
      sql<string>`count(*) filter (where dose_date = ${day} and dose_number = 1)`.as('first_on_day'),
      sql<string>`count(*)`.as('cumulative'),
    ])
    .executeTakeFirstOrThrow();
  return { doses: Number(r.on_day), firstDoses: Number(r.first_on_day), cumulative: Number(r.cumulative) };
}
