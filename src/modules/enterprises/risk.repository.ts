/**
 * All SQL of the enterprise risk self-assessment: the enterprises it is about (`org_unit` of kind
 * 'enterprise', the park being the parent unit), the submissions, the ranking of a period, who
 * has not submitted, the map points.
 */
import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, EnterpriseRiskAssessmentTable, EnterpriseRiskBand } from '../../db/schema.ts';
import type { EnterpriseRiskScope } from '../auth/policy.ts';

export interface EnterpriseFilter {
  provinceCode: string;
  scope: EnterpriseRiskScope;
  districtCode?: string | undefined;
  parkId?: number | undefined;
}

type EnterpriseEb = ExpressionBuilder<Database & { e: Database['org_unit'] }, 'e'>;

/** Enterprises of the province within the actor's reach and the filters (on alias `e`). */
function enterpriseWhere(eb: EnterpriseEb, f: EnterpriseFilter) {
  const conds = [eb('e.kind', '=', 'enterprise'), eb('e.province_code', '=', f.provinceCode)];
  if (f.scope.kind === 'area') conds.push(eb(`e.${f.scope.area.column}`, '=', f.scope.area.value));
  else if (f.scope.kind === 'park') conds.push(eb('e.parent_id', '=', f.scope.parkId));
  else conds.push(eb('e.id', '=', f.scope.enterpriseId));
  if (f.districtCode) conds.push(eb('e.district_code', '=', f.districtCode));
  if (f.parkId) conds.push(eb('e.parent_id', '=', f.parkId));
  return eb.and(conds);
}

export async function findEnterprise(db: Db, id: number) {
  return db.selectFrom('org_unit as e')
    .leftJoin('org_unit as p', (j) => j.onRef('p.id', '=', 'e.parent_id').on('p.kind', '=', 'industrial_park'))
    .leftJoin('admin_unit as d', 'd.code', 'e.district_code')
    .select([
      'e.id', 'e.name', 'e.code', 'e.province_code', 'e.district_code', 'e.commune_code', 'p.id as park_id', 'p.name as park_name', 'd.name as district_name',
      sql<number | null>`case when e.attrs->>'workforce' ~ '^[0-9]+$' then (e.attrs->>'workforce')::int end`.as('declared_workforce'),
    ])
    .where('e.id', '=', id).where('e.kind', '=', 'enterprise').executeTakeFirst();
}

/** Workers employed on a day: the workforce a form is pre-filled with when the enterprise keeps its list here. */
export async function currentWorkers(db: Db, enterpriseId: number, day: string): Promise<number> {
  const r = await db.selectFrom('worker').select(sql<number>`count(*)::int`.as('n'))
    .where('enterprise_id', '=', enterpriseId).where('employed_from', '<=', day)
    .where((eb) => eb.or([eb('employed_to', 'is', null), eb('employed_to', '>=', day)])).executeTakeFirstOrThrow();
  return r.n;
}

/** Serialises submissions of one enterprise (two at once for the same period would both be current). */
export async function lockEnterprise(trx: Db, id: number): Promise<void> {
  await trx.selectFrom('org_unit').select('id').where('id', '=', id).forUpdate().execute();
}

export async function currentSubmission(db: Db, enterpriseId: number, period: string) {
  return db.selectFrom('enterprise_risk_assessment').select(['id', 'score', 'band'])
    .where('enterprise_id', '=', enterpriseId).where('period', '=', period).where('superseded_by', 'is', null).executeTakeFirst();
}

/**
 * Inserts a submission; the one it supersedes is marked first, by the id reserved for the new
 * row (the one-current-per-period index allows no moment with two, the reference is checked at commit).
 */
export async function insertSubmission(trx: Db, row: Insertable<EnterpriseRiskAssessmentTable>, supersedes: { id: number; at: Date } | null): Promise<number> {
  const { id } = (await sql<{ id: number }>`select nextval(pg_get_serial_sequence('enterprise_risk_assessment', 'id'))::int as id`.execute(trx)).rows[0]!;
  if (supersedes) {
    await trx.updateTable('enterprise_risk_assessment').set({ superseded_by: id, superseded_at: supersedes.at }).where('id', '=', supersedes.id).execute();
  }
  await trx.insertInto('enterprise_risk_assessment').values({ ...row, id }).execute();
  return id;
}

const SUBMISSION_COLUMNS = [
  'a.id', 'a.enterprise_id', 'a.period', 'a.period_from', 'a.period_to', 'a.rule_code', 'a.answers', 'a.points', 'a.workforce', 'a.total', 'a.max_total',
  'a.score', 'a.band', 'a.note', 'a.on_behalf', 'a.submitted_at', 'a.superseded_by', 'a.superseded_at', 'u.username as submitted_by',
] as const;

export async function getSubmission(db: Db, id: number) {
  return db.selectFrom('enterprise_risk_assessment as a').leftJoin('app_user as u', 'u.id', 'a.submitted_by')
    .select(SUBMISSION_COLUMNS).where('a.id', '=', id).executeTakeFirst();
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;

/** Every submission of an enterprise, newest period first and, within a period, newest first. */
export async function history(db: Db, enterpriseId: number, limit: number) {
  return db.selectFrom('enterprise_risk_assessment as a').leftJoin('app_user as u', 'u.id', 'a.submitted_by')
    .select(SUBMISSION_COLUMNS).where('a.enterprise_id', '=', enterpriseId)
    .orderBy('a.period_from', 'desc').orderBy('a.submitted_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

export interface RankingFilter extends EnterpriseFilter {
  period: string;
  previousPeriod: string | null;
  band?: EnterpriseRiskBand | undefined;
}

function rankingBase(db: Db, f: RankingFilter) {
  return db.selectFrom('enterprise_risk_assessment as a')
    .innerJoin('org_unit as e', 'e.id', 'a.enterprise_id')
    .where('a.period', '=', f.period).where('a.superseded_by', 'is', null)
    .where((eb) => enterpriseWhere(eb as unknown as EnterpriseEb, f))
    .$if(!!f.band, (q) => q.where('a.band', '=', f.band!));
}

/** The current submission of each enterprise in the period, highest index first, with the previous period's index. */
export async function ranking(db: Db, f: RankingFilter, page: { limit: number; offset: number } | null) {
  const q = rankingBase(db, f)
    .leftJoin('org_unit as p', 'p.id', 'e.parent_id')
    .leftJoin('admin_unit as d', 'd.code', 'e.district_code')
    .leftJoin('app_user as u', 'u.id', 'a.submitted_by')
    .leftJoin('enterprise_risk_assessment as prev', (j) => j.onRef('prev.enterprise_id', '=', 'a.enterprise_id')
      .on('prev.period', '=', f.previousPeriod ?? '').on('prev.superseded_by', 'is', null))
    .select([
      'a.id', 'a.enterprise_id', 'e.name as enterprise_name', 'e.code as tax_code', 'e.district_code', 'd.name as district_name', 'p.id as park_id', 'p.name as park_name',
      'a.score', 'a.band', 'a.total', 'a.max_total', 'a.workforce', 'a.rule_code', 'a.on_behalf', 'a.submitted_at', 'u.username as submitted_by', 'prev.score as previous_score',
    ])
    .orderBy('a.score', 'desc').orderBy('e.name').orderBy('a.id');
  return (page ? q.limit(page.limit).offset(page.offset) : q).execute();
}

/** How many current submissions the period has in each band (before the band filter). */
export async function bandCounts(db: Db, f: RankingFilter): Promise<Record<EnterpriseRiskBand, number>> {
  const rows = await rankingBase(db, { ...f, band: undefined }).select(['a.band', sql<number>`count(*)::int`.as('n')]).groupBy('a.band').execute();
  const counts = { very_low: 0, low: 0, medium: 0, high: 0, very_high: 0 };
  for (const r of rows) counts[r.band] = r.n;
  return counts;
}

export async function countRanking(db: Db, f: RankingFilter): Promise<number> {
  return (await rankingBase(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

function enterprisesWithout(db: Db, f: EnterpriseFilter, period: string) {
  return db.selectFrom('org_unit as e')
    .where((eb) => enterpriseWhere(eb as unknown as EnterpriseEb, f))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('enterprise_risk_assessment as a').select('a.id')
      .whereRef('a.enterprise_id', '=', 'e.id').where('a.period', '=', period).where('a.superseded_by', 'is', null))));
}

/** Enterprises in reach with no submission in the period, with their latest earlier one. */
export async function missing(db: Db, f: EnterpriseFilter, period: string, page: { limit: number; offset: number } | null) {
  const q = enterprisesWithout(db, f, period)
    .leftJoin('org_unit as p', 'p.id', 'e.parent_id')
    .leftJoin('admin_unit as d', 'd.code', 'e.district_code')
    .leftJoinLateral(
      (eb) => eb.selectFrom('enterprise_risk_assessment as l').select(['l.period', 'l.score', 'l.band', 'l.submitted_at'])
        .whereRef('l.enterprise_id', '=', 'e.id').where('l.superseded_by', 'is', null).orderBy('l.period_from', 'desc').limit(1).as('last'),
      (j) => j.onTrue(),
    )
    .select([
      'e.id as enterprise_id', 'e.name as enterprise_name', 'e.code as tax_code', 'e.district_code', 'd.name as district_name', 'p.id as park_id', 'p.name as park_name',
      'last.period as last_period', 'last.score as last_score', 'last.band as last_band', 'last.submitted_at as last_submitted_at',
    ])
    .orderBy('e.name').orderBy('e.id');
  return (page ? q.limit(page.limit).offset(page.offset) : q).execute();
}

export async function countMissing(db: Db, f: EnterpriseFilter, period: string): Promise<number> {
  return (await enterprisesWithout(db, f, period).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function countEnterprises(db: Db, f: EnterpriseFilter): Promise<number> {
  return (await db.selectFrom('org_unit as e').where((eb) => enterpriseWhere(eb as unknown as EnterpriseEb, f))
    .select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

/** Located enterprises in reach with the band of their current submission in the period (null: none). */
export async function mapPoints(db: Db, f: EnterpriseFilter, period: string) {
  return db.selectFrom('org_unit as e')
    .leftJoin('enterprise_risk_assessment as a', (j) => j.onRef('a.enterprise_id', '=', 'e.id').on('a.period', '=', period).on('a.superseded_by', 'is', null))
    .where((eb) => enterpriseWhere(eb as unknown as EnterpriseEb, f))
    .where('e.lon', 'is not', null).where('e.lat', 'is not', null)
    .select(['e.id as enterprise_id', 'e.name as enterprise_name', 'e.lon', 'e.lat', 'a.score', 'a.band'])
    .orderBy('e.id').execute();
}

/** The first day of the latest period anyone in the province submitted for, up to a day (the lists' default period). */
export async function latestPeriodFrom(db: Db, provinceCode: string, upTo: string): Promise<string | null> {
  const r = await db.selectFrom('enterprise_risk_assessment').select(sql<string | null>`max(period_from)::text`.as('d'))
    .where('province_code', '=', provinceCode).where('period_from', '<=', upTo).executeTakeFirstOrThrow();
  return r.d;
}

/** The industrial parks holding enterprises in reach (the ranking's filter). */
export async function parksInReach(db: Db, f: EnterpriseFilter) {
  return db.selectFrom('org_unit as p')
    .where('p.kind', '=', 'industrial_park')
    .where((eb) => eb.exists(eb.selectFrom('org_unit as e').select('e.id').whereRef('e.parent_id', '=', 'p.id')
      .where((eb2) => enterpriseWhere(eb2 as unknown as EnterpriseEb, { ...f, parkId: undefined }))))
    .select(['p.id', 'p.name']).orderBy('p.name').execute();
}
