/** All SQL of the case register; functions take the db or a transaction first. */
import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CaseClassification, CaseDetection, CaseStatus, CaseStatusEventTable, CovidCaseTable, Database } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';
import type { AreaFilter } from '../auth/policy.ts';

export async function latestConfirmationDate(db: Db, provinceCode: string): Promise<string | null> {
  const r = await db
    .selectFrom('covid_case')
    .select((eb) => eb.fn.max('confirmation_date').as('d'))
    .where('province_code', '=', provinceCode)
    .executeTakeFirst();
  return r?.d ?? null;
}

/** Cases per district up to `asOf`: total, in the 7 days ending asOf, and still active. */
export async function caseCountsByDistrict(db: Db, area: AreaFilter, asOf: string, weekStart: string) {
  // Active as of the date: the latest timeline step by then (the current status when a case has none),
  // found for all the area's cases in one pass over their steps rather than a lookup per case.
  const latest = db.selectFrom('case_status_event as e').innerJoin('covid_case as k', 'k.id', 'e.case_id')
    .where(`k.${area.column}`, '=', area.value).where('k.confirmation_date', '<=', asOf).where('e.effective_date', '<=', asOf)
    .distinctOn('e.case_id').select(['e.case_id', 'e.status'])
    .orderBy('e.case_id').orderBy('e.effective_date', 'desc').orderBy('e.id', 'desc');
  return db
    .selectFrom('covid_case as c')
    .leftJoin(latest.as('l'), 'l.case_id', 'c.id')
    .select([
      'c.district_code',
      sql<number>`count(*)`.as('cases'),
      sql<number>`count(*) filter (where c.confirmation_date >= ${weekStart})`.as('cases_7d'),
      sql<number>`count(*) filter (where coalesce(l.status, c.status) in ('isolated','in_treatment'))`.as('active'),
    ])
    .where(`c.${area.column}`, '=', area.value)
    .where('c.confirmation_date', '<=', asOf)
    .groupBy('c.district_code')
    .execute();
}

export async function dailyCounts(db: Db, area: AreaFilter, asOf: string) {
  return db
    .selectFrom('covid_case')
    .select(['confirmation_date as date', sql<number>`count(*)`.as('cases')])
    .where(area.column, '=', area.value)
    .where('confirmation_date', '<=', asOf)
    .groupBy('confirmation_date')
    .orderBy('confirmation_date')
    .execute();
}

/** The date columns cases can be counted by (a case without an onset date has no onset day). */
export type CaseDateColumn = 'confirmation_date' | 'onset_date' | 'sample_date';

/** Cases per day of `column` over an area, from `from` (null: the first) to `to`; days without cases are absent. */
export async function countsByDay(db: Db, area: AreaFilter, column: CaseDateColumn, from: string | null, to: string) {
  const rows = await db
    .selectFrom('covid_case')
    .select((eb) => [eb.ref(column).as('date'), sql<number>`count(*)`.as('cases')])
    .where(area.column, '=', area.value)
    .where(column, 'is not', null)
    .where(column, '<=', to)
    .$if(from !== null, (qb) => qb.where(column, '>=', from!))
    .groupBy(column)
    .orderBy(column)
    .execute();
  return rows as Array<{ date: string; cases: number }>;
}

/** Cases per commune and day of `column` over an area, from `from` to `to`; (commune, day) pairs without cases are absent. */
export async function countsByCommuneAndDay(db: Db, area: AreaFilter, column: CaseDateColumn, from: string, to: string) {
  const rows = await db
    .selectFrom('covid_case')
    .select((eb) => ['commune_code', 'district_code', eb.ref(column).as('date'), sql<number>`count(*)`.as('cases')])
    .where(area.column, '=', area.value)
    .where(column, '>=', from)
    .where(column, '<=', to)
    .groupBy(['commune_code', 'district_code', column])
    .execute();
  return rows as Array<{ commune_code: string; district_code: string; date: string; cases: number }>;
}

// ---- the register (list, one case, writes)

/** Cases joined with their person (name, personal fields) and the names of their places. */
function withPeople(db: Db) {
  return db
    .selectFrom('covid_case as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('admin_unit as cu', 'cu.code', 'c.commune_code')
    .innerJoin('admin_unit as du', 'du.code', 'c.district_code')
    .leftJoin('org_unit as f', 'f.id', 'c.facility_id');
}
type CaseQuery = ReturnType<typeof withPeople>;

const CASE_COLUMNS = [
  'c.id', 'c.case_code', 'c.person_id', 'c.province_code', 'c.district_code', 'c.commune_code', 'c.onset_date', 'c.sample_date',
  'c.confirmation_date', 'c.isolation_date', 'c.detection', 'c.classification', 'c.status', 'c.facility_id', 'c.found_place',
  'c.found_org_unit_id', 'c.note', 'c.created_at', 'c.updated_at',
  'p.full_name', 'p.sex', 'p.date_of_birth', 'p.phone', 'p.national_id', 'p.address_detail',
  'cu.name as commune_name', 'du.name as district_name', 'f.name as facility_name',
] as const;

export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCaseById>>>;

export async function findCaseById(db: Db, id: number) {
  return withPeople(db).select(CASE_COLUMNS).where('c.id', '=', id).executeTakeFirst();
}

export type CaseSort = 'confirmationDate' | '-confirmationDate' | 'caseCode' | '-caseCode';

export interface CaseFilter {
  /** null: the actor sees no area (organisation-scoped roles). */
  area: AreaFilter | null;
  /** The search text as typed (trimmed), folded, and as digits when it is a phone or ID. */
  text?: { raw: string; folded: string; digits: string | null } | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
  status?: CaseStatus | undefined;
  classification?: CaseClassification | undefined;
  detection?: CaseDetection | undefined;
  /** Confirmation date range, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

type CaseEb = ExpressionBuilder<Database & { c: Database['covid_case'] }, 'c'>;

/** The filters on the case's own columns (alias `c`); the search text is the only one needing the person. */
function caseWhere(eb: CaseEb, f: CaseFilter): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [f.area ? eb(`c.${f.area.column}`, '=', f.area.value) : sql<boolean>`false`];
  if (f.districtCode) conds.push(eb('c.district_code', '=', f.districtCode));
  if (f.communeCode) conds.push(eb('c.commune_code', '=', f.communeCode));
  if (f.status) conds.push(eb('c.status', '=', f.status));
  if (f.classification) conds.push(eb('c.classification', '=', f.classification));
  if (f.detection) conds.push(eb('c.detection', '=', f.detection));
  if (f.from) conds.push(eb('c.confirmation_date', '>=', f.from));
  if (f.to) conds.push(eb('c.confirmation_date', '<=', f.to));
  return eb.and(conds);
}

function filtered(db: Db, f: CaseFilter): CaseQuery {
  let q = withPeople(db).where((eb) => caseWhere(eb as unknown as CaseEb, f));
  const text = f.text;
  if (text) {
    q = q.where((eb) => {
      const ors = [eb('c.case_code', 'ilike', `%${escapeLike(text.raw.replace(/\s+/g, ''))}%`)];
      if (text.folded) ors.push(eb('p.name_search', 'like', `%${escapeLike(text.folded)}%`));
      if (text.digits && text.digits.length >= 3) {
        ors.push(eb('p.phone', 'like', `${escapeLike(text.digits)}%`), eb('p.national_id', 'like', `${escapeLike(text.digits)}%`));
      }
      return eb.or(ors);
    });
  }
  return q;
}

/** How many cases the filter holds: without search text, from the case table alone (no joins). */
async function countCases(db: Db, f: CaseFilter): Promise<number> {
  const r = f.text
    ? await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    : await db.selectFrom('covid_case as c').select(sql<number>`count(*)::int`.as('n'))
      .where((eb) => caseWhere(eb as unknown as CaseEb, f)).executeTakeFirstOrThrow();
  return r.n;
}

/** 'BN<n>' codes sort by their number (BN99 before BN100); other codes after them, as text. */
const caseNumberSql = sql<number | null>`(substring(c.case_code from '^BN([0-9]{1,15})$'))::bigint`;

export async function listCases(db: Db, f: CaseFilter, sort: CaseSort, limit: number, offset: number) {
  const q = filtered(db, f);
  const dir = sort.startsWith('-') ? 'desc' : 'asc';
  let ordered = q.select(CASE_COLUMNS);
  if (sort.endsWith('caseCode')) {
    ordered = ordered.orderBy(caseNumberSql, (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast()).orderBy('c.case_code', dir);
  } else {
    ordered = ordered.orderBy('c.confirmation_date', dir).orderBy(caseNumberSql, (ob) => (dir === 'asc' ? ob.asc() : ob.desc()).nullsLast());
  }
  const [items, total] = await Promise.all([ordered.orderBy('c.id', dir).limit(limit).offset(offset).execute(), countCases(db, f)]);
  return { items, total };
}

export async function streamCases(db: Db, f: CaseFilter, limit: number) {
  return filtered(db, f).select(CASE_COLUMNS).orderBy('c.confirmation_date').orderBy('c.id').limit(limit).execute();
}

export async function caseTimeline(db: Db, caseId: number) {
  return db
    .selectFrom('case_status_event as e')
    .leftJoin('org_unit as f', 'f.id', 'e.facility_id')
    .leftJoin('app_user as u', 'u.id', 'e.created_by')
    .select(['e.id', 'e.status', 'e.effective_date', 'e.facility_id', 'f.name as facility_name', 'e.note', 'u.username', 'e.created_at'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.effective_date')
    .orderBy('e.id')
    .execute();
}

export async function caseClusters(db: Db, caseId: number) {
  return db
    .selectFrom('cluster_case as cc')
    .innerJoin('cluster as k', 'k.id', 'cc.cluster_id')
    .select(['k.id', 'k.name'])
    .where('cc.case_id', '=', caseId)
    .orderBy('k.id')
    .execute();
}

/** The newest trace run a case triggered (the tracing context writes them when it hears of the case). */
export async function latestTraceRunId(db: Db, caseId: number): Promise<number | null> {
  const r = await db
    .selectFrom('trace_run')
    .select('id')
    .where('trigger_case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Serialises writers of the register until the transaction ends, so that the next BN number
 * and the one-open-case-per-person rule hold under concurrent creates (readers go on).
 */
export async function lockCaseRegister(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('covid_case register'))`.execute(trx);
}

/** The largest number among 'BN<n>' codes (0 when there is none). */
export async function maxCaseNumber(db: Db): Promise<number> {
  const r = await sql<{ n: number | null }>`
    select max((substring(case_code from '^BN([0-9]{1,15})$'))::bigint) as n from covid_case`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function existingCaseCodes(db: Db, codes: string[], excludeCaseId?: number): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  let q = db.selectFrom('covid_case').select(['id', 'case_code']).where('case_code', 'in', [...new Set(codes)]);
  if (excludeCaseId !== undefined) q = q.where('id', '!=', excludeCaseId);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.case_code, r.id]));
}

/** Cases still open (isolated or in treatment) of any of these people. */
export async function openCasesOf(db: Db, personIds: number[], excludeCaseId?: number) {
  if (personIds.length === 0) return [];
  let q = db
    .selectFrom('covid_case')
    .select(['id', 'person_id', 'case_code', 'status'])
    .where('person_id', 'in', [...new Set(personIds)])
    .where('status', 'in', ['isolated', 'in_treatment']);
  if (excludeCaseId !== undefined) q = q.where('id', '!=', excludeCaseId);
  return q.execute();
}

export async function insertCases(trx: Db, rows: Insertable<CovidCaseTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const r = await trx.insertInto('covid_case').values(rows.slice(i, i + 1000)).returning('id').execute();
    ids.push(...r.map((x) => x.id));
  }
  return ids;
}

export async function insertStatusEvents(trx: Db, rows: Insertable<CaseStatusEventTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('case_status_event').values(rows.slice(i, i + 1000)).execute();
}

export async function updateCase(trx: Db, id: number, patch: Updateable<CovidCaseTable>): Promise<void> {
  await trx.updateTable('covid_case').set(patch).where('id', '=', id).execute();
}

/** Moves a case's timeline step from one date to another (its first step follows the confirmation date). */
export async function moveStatusEvent(trx: Db, eventId: number, effectiveDate: string): Promise<void> {
  await trx.updateTable('case_status_event').set({ effective_date: effectiveDate }).where('id', '=', eventId).execute();
}

// ---- what a case refers to

export async function orgUnitsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; kind: string; name: string; province_code: string }>();
  const rows = await db.selectFrom('org_unit').select(['id', 'kind', 'name', 'province_code']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The people a case (or an import) names, by id or by national ID: their area and identity. */
export async function findPeopleForCases(db: Db, keys: { ids: number[]; nationalIds: string[] }) {
  if (keys.ids.length === 0 && keys.nationalIds.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'full_name', 'national_id', 'province_code', 'district_code', 'commune_code'])
    .where((eb) => {
      const ors = [];
      if (keys.ids.length) ors.push(eb('id', 'in', [...new Set(keys.ids)]));
      if (keys.nationalIds.length) ors.push(eb('national_id', 'in', [...new Set(keys.nationalIds)]));
      return eb.or(ors);
    })
    .execute();
}

// ---- published for the daily report (reports): one day's cases by district and class, outcomes

/** Per district of an area: cases confirmed on `date` by classification, and all confirmed by then. */
export async function dayCountsByDistrict(db: Db, area: AreaFilter, date: string) {
  return db
    .selectFrom('covid_case')
    .select([
      'district_code',
      sql<number>`count(*) filter (where confirmation_date = ${date})`.as('new_cases'),
      sql<number>`count(*) filter (where confirmation_date = ${date} and classification = 'in_quarantine')`.as('new_in_quarantine'),
      sql<number>`count(*) filter (where confirmation_date = ${date} and classification = 'community')`.as('new_community'),
      sql<number>`count(*) filter (where confirmation_date = ${date} and classification = 'imported')`.as('new_imported'),
      sql<number>`count(*)`.as('cumulative'),
    ])
    .where(area.column, '=', area.value)
    .where('confirmation_date', '<=', date)
    .groupBy('district_code')
    .execute();
}

/** Cases of an area that recovered or died (a step of their timeline) on `date`, and by then. */
export async function outcomeCounts(db: Db, area: AreaFilter, date: string) {
  return db
    .selectFrom('case_status_event as e')
    .innerJoin('covid_case as c', 'c.id', 'e.case_id')
    .select([
      'e.status',
      sql<number>`count(distinct e.case_id) filter (where e.effective_date = ${date})`.as('on_day'),
      sql<number>`count(distinct e.case_id)`.as('total'),
    ])
    .where(`c.${area.column}`, '=', area.value)
    .where('e.status', 'in', ['recovered', 'died'])
    .where('e.effective_date', '<=', date)
    .groupBy('e.status')
    .execute();
}

export async function confirmedBetween(db: Db, area: AreaFilter, from: string, to: string) {
  return db.selectFrom('covid_case').select(['id', 'case_code as caseCode', 'person_id as personId', 'classification', 'confirmation_date as confirmationDate', 'commune_code as communeCode'])
    .where(area.column, '=', area.value).where('confirmation_date', '>=', from).where('confirmation_date', '<=', to)
    .orderBy('confirmation_date').orderBy('id').execute();
}

export async function countsByClassification(db: Db, area: AreaFilter, from: string, to: string) {
  return db.selectFrom('covid_case').select(['classification', sql<number>`count(*)::int`.as('n')])
    .where(area.column, '=', area.value).where('confirmation_date', '>=', from).where('confirmation_date', '<=', to)
    .groupBy('classification').execute();
}

/** The confirmation date of a person's open case (isolated or in treatment), or null. */
export async function openCaseConfirmation(db: Db, personId: number): Promise<string | null> {
  const r = await db.selectFrom('covid_case').select((eb) => eb.fn.min('confirmation_date').as('d'))
    .where('person_id', '=', personId).where('status', 'in', ['isolated', 'in_treatment']).executeTakeFirst();
  return r?.d ?? null;
}

/** The cases of a list of people (thousands: one array parameter) that are open or were confirmed between two days. */
export async function casesOfPeople(db: Db, personIds: readonly number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  const r = await sql<{ id: number; person_id: number; case_code: string; confirmation_date: string; status: CaseStatus }>`
    select id, person_id, case_code, confirmation_date::text as confirmation_date, status from covid_case
    where person_id = any(${[...personIds]}::int[]) and confirmation_date <= ${to}
      and (confirmation_date >= ${from} or status in ('isolated','in_treatment'))
    order by confirmation_date, id`.execute(db);
  return r.rows;
}
