/** All SQL of enterprises: the enterprise with its detail, structure and status history. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, EnterpriseProfileTable, OperatingStatus } from '../../db/schema.ts';
import { escapeLike, foldVietnamese } from '../../lib/vn-text.ts';
import type { EnterpriseScope } from '../auth/policy.ts';

export type EnterpriseSort = 'name' | '-name' | 'confirmed' | '-confirmed' | 'workers' | '-workers';

export interface EnterpriseFilter {
  provinceCode: string;
  scope: EnterpriseScope;
  q?: string | undefined;
  parkId?: number | undefined;
  districtCode?: string | undefined;
  status?: OperatingStatus | undefined;
  /** Only lists last confirmed before this instant (or never). */
  staleBefore?: Date | undefined;
}

function base(db: Db) {
  return db
    .selectFrom('org_unit as o')
    .leftJoin('enterprise_profile as p', 'p.org_unit_id', 'o.id')
    .leftJoin('org_unit as park', (j) => j.onRef('park.id', '=', 'o.parent_id').on('park.kind', '=', 'industrial_park'))
    .where('o.kind', '=', 'enterprise');
}

type Base = ReturnType<typeof base>;

function filtered(db: Db, f: EnterpriseFilter): Base {
  let q = base(db).where('o.province_code', '=', f.provinceCode);
  const s = f.scope;
  if (s.kind === 'none') q = q.where(sql<boolean>`false`);
  if (s.kind === 'area') q = q.where(`o.${s.area.column}`, '=', s.area.value);
  if (s.kind === 'park') q = q.where('o.parent_id', '=', s.parkId);
  if (s.kind === 'enterprise') q = q.where('o.id', '=', s.enterpriseId);
  if (f.q) {
    const text = f.q.trim();
    const folded = `%${escapeLike(foldVietnamese(text))}%`;
    q = q.where((eb) => eb.or([eb('p.name_search', 'like', folded), eb('p.tax_code', 'like', `${escapeLike(text.replace(/[\s.]/g, ''))}%`)]));
  }
  if (f.parkId !== undefined) q = q.where('o.parent_id', '=', f.parkId);
  if (f.districtCode) q = q.where('o.district_code', '=', f.districtCode);
  if (f.status) q = q.where(sql`coalesce(p.operating_status, 'operating')`, '=', f.status);
  if (f.staleBefore) {
    const before = f.staleBefore;
    q = q.where((eb) => eb.or([eb('p.list_confirmed_at', 'is', null), eb('p.list_confirmed_at', '<', before)]));
  }
  return q;
}

const activeWorkers = (today: string) =>
  sql<number>`(select count(*)::int from worker w where w.enterprise_id = o.id and w.employed_from <= ${today} and (w.employed_to is null or w.employed_to >= ${today}))`;

function withColumns(q: Base, today: string) {
  return q
    .leftJoin('admin_unit as d', 'd.code', 'o.district_code')
    .leftJoin('admin_unit as c', 'c.code', 'o.commune_code')
    .select([
      'o.id', 'o.name', 'o.province_code', 'o.district_code', 'o.commune_code', 'o.address_detail', 'o.parent_id as park_id', 'o.lon', 'o.lat',
      'park.name as park_name', 'd.name as district_name', 'c.name as commune_name',
      'p.tax_code', 'p.sector', 'p.declared_workforce', 'p.contact_name', 'p.contact_phone',
      'p.operating_status', 'p.status_since', 'p.list_confirmed_at', 'p.updated_at',
      activeWorkers(today).as('workers'),
    ]);
}

export type EnterpriseRow = Awaited<ReturnType<typeof findEnterprise>> & object;

function sorted(q: ReturnType<typeof withColumns>, sort: EnterpriseSort) {
  switch (sort) {
    case 'name': return q.orderBy('o.name').orderBy('o.id');
    case '-name': return q.orderBy('o.name', 'desc').orderBy('o.id');
    case 'confirmed': return q.orderBy(sql`p.list_confirmed_at asc nulls first`).orderBy('o.id');
    case '-confirmed': return q.orderBy(sql`p.list_confirmed_at desc nulls last`).orderBy('o.id');
    case 'workers': return q.orderBy('workers').orderBy('o.id');
    case '-workers': return q.orderBy('workers', 'desc').orderBy('o.id');
  }
}

export async function listEnterprises(db: Db, f: EnterpriseFilter, sort: EnterpriseSort, today: string, limit: number, offset: number) {
  const q = filtered(db, f);
  const [items, total] = await Promise.all([
    sorted(withColumns(q, today), sort).limit(limit).offset(offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findEnterprise(db: Db, id: number, today: string) {
  return withColumns(base(db).where('o.id', '=', id), today).executeTakeFirst();
}

export async function findPark(db: Db, id: number) {
  return db.selectFrom('org_unit').select(['id', 'name', 'province_code']).where('id', '=', id).where('kind', '=', 'industrial_park').executeTakeFirst();
}

export async function listParks(db: Db, provinceCode: string) {
  return db.selectFrom('org_unit').select(['id', 'name', 'district_code']).where('kind', '=', 'industrial_park').where('province_code', '=', provinceCode).orderBy('name').execute();
}

export async function taxCodeOwner(db: Db, taxCode: string): Promise<number | null> {
  const r = await db.selectFrom('enterprise_profile').select('org_unit_id').where('tax_code', '=', taxCode).executeTakeFirst();
  return r?.org_unit_id ?? null;
}

export async function insertEnterprise(
  db: Db,
  org: Insertable<Database['org_unit']>,
  profile: Omit<Insertable<EnterpriseProfileTable>, 'org_unit_id'>,
): Promise<number> {
  const { id } = await db.insertInto('org_unit').values(org).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('enterprise_profile').values({ ...profile, org_unit_id: id }).execute();
  return id;
}

export async function updateEnterprise(
  db: Db,
  id: number,
  org: Updateable<Database['org_unit']>,
  profile: Omit<Insertable<EnterpriseProfileTable>, 'org_unit_id'>,
): Promise<void> {
  await db.updateTable('org_unit').set(org).where('id', '=', id).execute();
  await db
    .insertInto('enterprise_profile')
    .values({ ...profile, org_unit_id: id })
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet({ ...profile, updated_at: new Date() }))
    .execute();
}

/** Enterprises created before their detail existed get an empty one on first write (tax code: none yet). */
export async function setProfile(db: Db, id: number, patch: Updateable<EnterpriseProfileTable>): Promise<number> {
  const r = await db.updateTable('enterprise_profile').set({ ...patch, updated_at: new Date() }).where('org_unit_id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertStatusEvent(db: Db, e: Insertable<Database['enterprise_status_event']>) {
  await db.insertInto('enterprise_status_event').values(e).execute();
}

export async function statusEvents(db: Db, enterpriseId: number) {
  return db
    .selectFrom('enterprise_status_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.created_by')
    .select(['e.id', 'e.status', 'e.effective_date', 'e.reason', 'e.created_at', 'u.full_name as created_by_name'])
    .where('e.enterprise_id', '=', enterpriseId)
    .orderBy('e.effective_date', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

// ---- structure

export async function workshopsOf(db: Db, enterpriseId: number) {
  return db.selectFrom('enterprise_workshop').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('name').orderBy('id').execute();
}

export async function shiftsOf(db: Db, enterpriseId: number) {
  return db.selectFrom('enterprise_shift').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('start_time').orderBy('id').execute();
}

export async function busRoutesOf(db: Db, enterpriseId: number) {
  return db.selectFrom('enterprise_bus_route').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('name').orderBy('group_id').execute();
}

export async function workshopShiftGroupsOf(db: Db, enterpriseId: number) {
  return db
    .selectFrom('workshop_shift_group as g')
    .innerJoin('enterprise_workshop as w', 'w.id', 'g.workshop_id')
    .select(['g.group_id', 'g.workshop_id', 'g.shift_id'])
    .where('w.enterprise_id', '=', enterpriseId)
    .execute();
}

/** Dormitories (org units under the enterprise) and their rooms. */
export async function dormitoriesOf(db: Db, enterpriseId: number) {
  return db
    .selectFrom('org_unit as d')
    .leftJoin('admin_unit as c', 'c.code', 'd.commune_code')
    .select([
      'd.id', 'd.name', 'd.commune_code', 'c.name as commune_name', 'd.address_detail', 'd.attrs',
      sql<Array<{ id: number; label: string; capacity: number | null }>>`coalesce((
        select json_agg(json_build_object('id', g.id, 'label', g.label, 'capacity', (g.attrs->>'capacity')::int) order by g.label, g.id)
        from contact_group g where g.org_unit_id = d.id and g.kind = 'room'), '[]'::json)`.as('rooms'),
    ])
    .where('d.kind', '=', 'dormitory')
    .where('d.parent_id', '=', enterpriseId)
    .orderBy('d.name')
    .execute();
}

export async function findStructureItem(db: Db, kind: 'workshop' | 'shift', id: number) {
  const table = kind === 'workshop' ? 'enterprise_workshop' : 'enterprise_shift';
  return db.selectFrom(table).select(['id', 'enterprise_id', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findBusRoute(db: Db, groupId: number) {
  return db.selectFrom('enterprise_bus_route').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

export async function findDormitory(db: Db, id: number) {
  return db.selectFrom('org_unit').select(['id', 'parent_id', 'name', 'commune_code', 'district_code', 'province_code']).where('id', '=', id).where('kind', '=', 'dormitory').executeTakeFirst();
}

export async function findRoom(db: Db, groupId: number) {
  return db
    .selectFrom('contact_group as g')
    .innerJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .select(['g.id', 'g.label', 'g.province_code', 'o.id as house_id', 'o.kind as house_kind', 'o.parent_id as house_parent_id', 'o.name as house_name'])
    .where('g.id', '=', groupId)
    .where('g.kind', '=', 'room')
    .executeTakeFirst();
}

/** Workers currently assigned to a structure item (it cannot be deleted while they are). */
export async function assignedWorkers(db: Db, column: 'workshop_id' | 'shift_id' | 'bus_group_id' | 'room_group_id', id: number): Promise<number> {
  const r = await db
    .selectFrom('worker')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(column, '=', id)
    .where('employed_to', 'is', null)
    .executeTakeFirstOrThrow();
  return r.n;
}

/** Every membership ever held in a group (a group with history is deactivated, never deleted). */
export async function membershipCount(db: Db, groupIds: number[]): Promise<number> {
  if (groupIds.length === 0) return 0;
  const r = await db.selectFrom('group_membership').select(sql<number>`count(*)::int`.as('n')).where('group_id', 'in', groupIds).executeTakeFirstOrThrow();
  return r.n;
}

// ---- freshness

export async function staleEnterprises(db: Db, f: EnterpriseFilter & { staleBefore: Date }, today: string, limit: number) {
  return withColumns(filtered(db, f), today).orderBy(sql`p.list_confirmed_at asc nulls first`).orderBy('o.id').limit(limit).execute();
}
