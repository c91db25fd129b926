import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ClusterTable } from '../../db/schema.ts';
import type { AreaFilter } from '../auth/policy.ts';
import { MEMBERSHIP_LOOKBACK_DAYS, type PlaceCase } from './clusters.domain.ts';

export interface ClusterFilter {
  area: AreaFilter;
  districtCode?: string | undefined;
  id?: number | undefined;
}

/**
 * Clusters with their place names and the linked cases confirmed on or before asOf
 * (count, first and last confirmation date): the inputs of the status rule.
 */
export async function listClusters(db: Db, f: ClusterFilter, asOf: string) {
  let q = db
    .selectFrom('cluster as cl')
    .leftJoin('admin_unit as c', 'c.code', 'cl.commune_code')
    .leftJoin('admin_unit as d', 'd.code', 'cl.district_code')
    .leftJoin('org_unit as o', 'o.id', 'cl.org_unit_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('cluster_case as cc')
          .innerJoin('covid_case as k', 'k.id', 'cc.case_id')
          .where('k.confirmation_date', '<=', asOf)
          .select([
            'cc.cluster_id',
            sql<number>`count(*)`.as('cases'),
            sql<string>`min(k.confirmation_date)`.as('first_case_date'),
            sql<string>`max(k.confirmation_date)`.as('last_case_date'),
          ])
          .groupBy('cc.cluster_id')
          .as('agg'),
      (join) => join.onRef('agg.cluster_id', '=', 'cl.id'),
    )
    .select([
      'cl.id', 'cl.province_code', 'cl.district_code', 'cl.commune_code', 'cl.name', 'cl.place_kind', 'cl.org_unit_id',
      'cl.control_days', 'cl.note', 'cl.created_at', 'o.name as org_unit_name', 'c.name as commune_name', 'd.name as district_name',
      sql<number>`coalesce(agg.cases, 0)`.as('cases'),
      sql<string | null>`agg.first_case_date`.as('first_case_date'),
      sql<string | null>`agg.last_case_date`.as('last_case_date'),
    ])
    .where(`cl.${f.area.column}`, '=', f.area.value);
  if (f.districtCode) q = q.where('cl.district_code', '=', f.districtCode);
  if (f.id !== undefined) q = q.where('cl.id', '=', f.id);
  return q.orderBy('cl.id', 'desc').execute();
}
export type ClusterRow = Awaited<ReturnType<typeof listClusters>>[number];

export async function findClusterArea(db: Db, id: number) {
  return db
    .selectFrom('cluster')
    .select(['id', 'province_code', 'district_code', 'commune_code', 'name', 'control_days', 'note'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The linked cases of a cluster with their person and commune, oldest confirmation first. */
export async function casesOfCluster(db: Db, clusterId: number) {
  return db
    .selectFrom('cluster_case as cc')
    .innerJoin('covid_case as k', 'k.id', 'cc.case_id')
    .innerJoin('person as p', 'p.id', 'k.person_id')
    .leftJoin('admin_unit as c', 'c.code', 'k.commune_code')
    .select([
      'k.id', 'k.case_code', 'k.person_id', 'p.full_name', 'k.confirmation_date', 'k.status',
      'k.province_code', 'k.district_code', 'k.commune_code', 'c.name as commune_name',
    ])
    .where('cc.cluster_id', '=', clusterId)
    .orderBy('k.confirmation_date')
    .orderBy('k.id')
    .execute();
}

export async function findCases(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('covid_case')
    .select(['id', 'case_code', 'person_id', 'province_code', 'district_code', 'commune_code'])
    .where('id', 'in', ids)
    .execute();
}

export async function findOrgUnit(db: Db, id: number) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'kind', 'name', 'province_code', 'district_code', 'commune_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertCluster(db: Db, row: Insertable<ClusterTable>): Promise<number> {
  const r = await db.insertInto('cluster').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCluster(db: Db, id: number, patch: Updateable<ClusterTable>): Promise<void> {
  await db.updateTable('cluster').set(patch).where('id', '=', id).execute();
}

export async function linkCases(db: Db, clusterId: number, caseIds: number[], addedBy: number): Promise<void> {
  if (caseIds.length === 0) return;
  await db
    .insertInto('cluster_case')
    .values(caseIds.map((caseId) => ({ cluster_id: clusterId, case_id: caseId, added_by: addedBy })))
    .execute();
}

export async function unlinkCase(db: Db, clusterId: number, caseId: number): Promise<boolean> {
  const r = await db.deleteFrom('cluster_case').where('cluster_id', '=', clusterId).where('case_id', '=', caseId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function caseIdsOfCluster(db: Db, clusterId: number): Promise<number[]> {
  const rows = await db.selectFrom('cluster_case').select('case_id').where('cluster_id', '=', clusterId).orderBy('case_id').execute();
  return rows.map((r) => r.case_id);
}

// ---- suggestions

/** A membership counts when it was valid on some day of the lookback before the confirmation. */
const membershipAround = sql<boolean>`gm.valid_from <= k.confirmation_date
  and (gm.valid_to is null or gm.valid_to >= k.confirmation_date - ${sql.lit(MEMBERSHIP_LOOKBACK_DAYS)}::int)`;

function casesWithMemberships(db: Db, area: AreaFilter, asOf: string) {
  return db
    .selectFrom('covid_case as k')
    .innerJoin('group_membership as gm', 'gm.person_id', 'k.person_id')
    .innerJoin('contact_group as g', 'g.id', 'gm.group_id')
    .where(`k.${area.column}`, '=', area.value)
    .where('k.confirmation_date', '<=', asOf)
    .where(membershipAround);
}

/**
 * Confirmed cases tied to a place through their memberships: an enterprise (workshop+shift and
 * bus groups of the enterprise or of a unit under it), a boarding house (its rooms) or a
 * commune (households there). Distinct per place and case.
 */
export async function placeCases(db: Db, area: AreaFilter, asOf: string): Promise<PlaceCase[]> {
  const caseColumns = ['k.id as case_id', 'k.case_code', 'k.confirmation_date'] as const;
  const [enterprise, boarding, village] = await Promise.all([
    casesWithMemberships(db, area, asOf)
      .innerJoin('org_unit as o', 'o.id', 'g.org_unit_id')
      .innerJoin('org_unit as e', (join) =>
        join.on('e.kind', '=', 'enterprise').on((eb) => eb.or([eb('e.id', '=', eb.ref('o.id')), eb('e.id', '=', eb.ref('o.parent_id'))])),
      )
      .where('g.kind', 'in', ['workshop_shift', 'bus_route'])
      .select([...caseColumns, 'e.id as org_id', 'e.name as place_name', 'e.commune_code'])
      .distinct()
      .execute(),
    casesWithMemberships(db, area, asOf)
      .innerJoin('org_unit as o', 'o.id', 'g.org_unit_id')
      .where('g.kind', '=', 'room')
      .where('o.kind', '=', 'boarding_house')
      .select([...caseColumns, 'o.id as org_id', 'o.name as place_name', 'o.commune_code'])
      .distinct()
      .execute(),
    casesWithMemberships(db, area, asOf)
      .innerJoin('admin_unit as c', 'c.code', 'g.commune_code')
      .where('g.kind', '=', 'household')
      .select([...caseColumns, 'c.code as commune_code', 'c.name as place_name'])
      .distinct()
      .execute(),
  ]);
  const base = (r: { case_id: number; case_code: string; confirmation_date: string }) => ({
    caseId: r.case_id,
    caseCode: r.case_code,
    confirmationDate: r.confirmation_date,
  });
  return [
    ...enterprise.map((r) => ({
      placeKind: 'enterprise' as const, placeId: String(r.org_id), placeName: r.place_name, orgUnitId: r.org_id, communeCode: r.commune_code, ...base(r),
    })),
    ...boarding.map((r) => ({
      placeKind: 'boarding_house' as const, placeId: String(r.org_id), placeName: r.place_name, orgUnitId: r.org_id, communeCode: r.commune_code, ...base(r),
    })),
    ...village.map((r) => ({
      placeKind: 'village' as const, placeId: r.commune_code, placeName: r.place_name, orgUnitId: null, communeCode: r.commune_code, ...base(r),
    })),
  ];
}

/** The clusters each case of the area belongs to. */
export async function clustersOfCases(db: Db, area: AreaFilter): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('cluster_case as cc')
    .innerJoin('covid_case as k', 'k.id', 'cc.case_id')
    .select(['cc.case_id', 'cc.cluster_id'])
    .where(`k.${area.column}`, '=', area.value)
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.cluster_id]);
  return out;
}

export async function clusterName(db: Db, provinceCode: string, id: number): Promise<string | undefined> {
  const r = await db.selectFrom('cluster').select('name').where('id', '=', id).where('province_code', '=', provinceCode).executeTakeFirst();
  return r?.name;
}
