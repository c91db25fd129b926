/** All SQL of boarding houses: houses (org_unit), rooms (contact_group), tenancies (room memberships + details), checklists, assessments. */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { BoardingHouseChecklistItem } from '../../db/schema.ts';
import { escapeLike, foldVietnamese } from '../../lib/vn-text.ts';
import type { AreaFilter } from '../auth/policy.ts';

export interface HouseFilter {
  provinceCode: string;
  area: AreaFilter | null;
  /** An owner: only this house. */
  houseId?: number | null | undefined;
  q?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
  status?: 'meets' | 'not_meets' | 'unassessed' | undefined;
}

/** The latest official assessment, else the latest self-assessment (an owner's own cannot overrule an officer's). */
const LATEST = sql`left join lateral (
    select x.meets, x.self_assessed, x.assessed_on from boarding_house_assessment x where x.house_id = o.id
    order by x.self_assessed, x.assessed_on desc, x.id desc limit 1) a on true`;

function where(f: HouseFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`o.kind = 'boarding_house'`, sql`o.province_code = ${f.provinceCode}`];
  if (f.area) parts.push(sql`${sql.ref(`o.${f.area.column}`)} = ${f.area.value}`);
  if (f.houseId != null) parts.push(sql`o.id = ${f.houseId}`);
  if (f.districtCode) parts.push(sql`o.district_code = ${f.districtCode}`);
  if (f.communeCode) parts.push(sql`o.commune_code = ${f.communeCode}`);
  if (f.q) {
    const like = `%${escapeLike(f.q.trim())}%`;
    parts.push(sql`(o.name ilike ${like} or o.attrs->>'owner' ilike ${like} or o.attrs->>'ownerPhone' = ${f.q.trim()} or o.address_detail ilike ${like})`);
  }
  if (f.status === 'unassessed') parts.push(sql`a.meets is null`);
  if (f.status === 'meets') parts.push(sql`a.meets = true`);
  if (f.status === 'not_meets') parts.push(sql`a.meets = false`);
  return sql.join(parts, sql` and `);
}

export interface HouseRow {
  id: number; name: string; province_code: string; district_code: string | null; commune_code: string | null; address_detail: string | null;
  attrs: Record<string, unknown>; lon: number | null; lat: number | null; district_name: string | null; commune_name: string | null;
  rooms: number; capacity: number; tenants: number; meets: boolean | null; self_assessed: boolean | null; assessed_on: string | null;
}

const ACTIVE_ROOM = sql`g.kind = 'room' and coalesce((g.attrs->>'active')::boolean, true)`;

function houseSelect(today: string) {
  return sql`select o.id, o.name, o.province_code, o.district_code, o.commune_code, o.address_detail, o.attrs, o.lon, o.lat,
      d.name as district_name, c.name as commune_name,
      (select count(*)::int from contact_group g where g.org_unit_id = o.id and ${ACTIVE_ROOM}) as rooms,
      (select coalesce(sum(coalesce((g.attrs->>'capacity')::int, 0)), 0)::int from contact_group g where g.org_unit_id = o.id and ${ACTIVE_ROOM}) as capacity,
      (select count(*)::int from group_membership m join contact_group g on g.id = m.group_id
        where g.org_unit_id = o.id and g.kind = 'room' and m.valid_from <= ${today} and (m.valid_to is null or m.valid_to >= ${today})) as tenants,
      a.meets, a.self_assessed, a.assessed_on::text as assessed_on
    from org_unit o
    left join admin_unit d on d.code = o.district_code
    left join admin_unit c on c.code = o.commune_code
    ${LATEST}`;
}

const SORTS = { name: sql`o.name`, tenants: sql`tenants`, commune: sql`c.name` } as const;
export type HouseSort = keyof typeof SORTS;

export async function listHouses(db: Db, f: HouseFilter, today: string, limit: number, offset: number, sort: HouseSort = 'name', desc = false) {
  const w = where(f);
  const total = await sql<{ n: number }>`select count(*)::int as n from org_unit o ${LATEST} where ${w}`.execute(db);
  const rows = await sql<HouseRow>`${houseSelect(today)} where ${w} order by ${SORTS[sort]} ${desc ? sql`desc` : sql`asc`}, o.id limit ${limit} offset ${offset}`.execute(db);
  return { total: total.rows[0]!.n, items: rows.rows };
}

export async function findHouse(db: Db, id: number, today: string): Promise<HouseRow | undefined> {
  const r = await sql<HouseRow>`${houseSelect(today)} where o.id = ${id} and o.kind = 'boarding_house'`.execute(db);
  return r.rows[0];
}

/** Points of the houses of an area for the map (located houses only). */
export async function housePoints(db: Db, f: HouseFilter, today: string) {
  const r = await sql<HouseRow>`${houseSelect(today)} where ${where(f)} and o.lon is not null and o.lat is not null order by o.id`.execute(db);
  return r.rows;
}

export async function insertHouse(db: Db, h: { name: string; province_code: string; district_code: string; commune_code: string; address_detail: string | null; attrs: Record<string, unknown>; lon: number | null; lat: number | null }) {
  const { attrs, ...rest } = h;
  return (await db.insertInto('org_unit').values({ ...rest, kind: 'boarding_house', code: null, parent_id: null, attrs: JSON.stringify(attrs) }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateHouse(db: Db, id: number, h: { name: string; district_code: string; commune_code: string; address_detail: string | null; attrs: Record<string, unknown> }) {
  const { attrs, ...rest } = h;
  await db.updateTable('org_unit').set({ ...rest, attrs: JSON.stringify(attrs) }).where('id', '=', id).execute();
}

/** A commune's centre-ish point for a new house: the mean of its located households. */
export async function communePoint(db: Db, communeCode: string): Promise<{ lon: number; lat: number } | null> {
  const r = await sql<{ lon: number | null; lat: number | null }>`select avg(lon)::float8 as lon, avg(lat)::float8 as lat from contact_group
    where kind = 'household' and commune_code = ${communeCode} and lon is not null`.execute(db);
  const p = r.rows[0];
  return p && p.lon !== null && p.lat !== null ? { lon: p.lon, lat: p.lat } : null;
}

// ---- rooms

export interface RoomRow { id: number; label: string; capacity: number | null; active: boolean; occupants: number }

export async function roomsOf(db: Db, houseId: number, today: string): Promise<RoomRow[]> {
  const r = await sql<RoomRow>`select g.id, g.label, (g.attrs->>'capacity')::int as capacity, coalesce((g.attrs->>'active')::boolean, true) as active,
      (select count(*)::int from group_membership m where m.group_id = g.id and m.valid_from <= ${today} and (m.valid_to is null or m.valid_to >= ${today})) as occupants
    from contact_group g where g.org_unit_id = ${houseId} and g.kind = 'room' order by g.label, g.id`.execute(db);
  return r.rows;
}

export async function insertRoom(db: Db, g: { houseId: number; label: string; capacity: number | null; province_code: string; district_code: string; commune_code: string; address_detail: string | null; lon: number | null; lat: number | null }) {
  return (await db.insertInto('contact_group').values({
    kind: 'room', org_unit_id: g.houseId, label: g.label, province_code: g.province_code, district_code: g.district_code, commune_code: g.commune_code,
    address_detail: g.address_detail, lon: g.lon, lat: g.lat, attrs: JSON.stringify({ capacity: g.capacity }),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRoom(db: Db, id: number, r: { label: string; capacity: number | null; active: boolean }) {
  await sql`update contact_group set label = ${r.label},
      attrs = attrs || jsonb_build_object('capacity', ${r.capacity}::int, 'active', ${r.active}::boolean) where id = ${id}`.execute(db);
}

/** Rooms follow their house's address when it moves. */
export async function moveRooms(db: Db, houseId: number, a: { district_code: string; commune_code: string; address_detail: string | null }) {
  await db.updateTable('contact_group').set(a).where('org_unit_id', '=', houseId).where('kind', '=', 'room').execute();
}

// ---- tenancies (room memberships)

export interface MembershipRow { id: number; group_id: number; person_id: number; valid_from: string; valid_to: string | null }

/** Every membership of these people in the rooms of a house. */
export async function membershipsInHouse(db: Db, houseId: number, personIds: number[]): Promise<MembershipRow[]> {
  if (personIds.length === 0) return [];
  const r = await sql<MembershipRow>`select m.id, m.group_id, m.person_id, m.valid_from::text as valid_from, m.valid_to::text as valid_to
    from group_membership m join contact_group g on g.id = m.group_id
    where g.org_unit_id = ${houseId} and g.kind = 'room' and m.person_id = any(${personIds}::int[]) order by m.valid_from, m.id`.execute(db);
  return r.rows;
}

export async function findMembership(db: Db, id: number) {
  const r = await sql<MembershipRow & { house_id: number }>`select m.id, m.group_id, m.person_id, m.valid_from::text as valid_from, m.valid_to::text as valid_to, g.org_unit_id as house_id
    from group_membership m join contact_group g on g.id = m.group_id where m.id = ${id} and g.kind = 'room'`.execute(db);
  return r.rows[0];
}

export interface TenantRow {
  membership_id: number; group_id: number; room_label: string; person_id: number; full_name: string; sex: string; date_of_birth: string | null;
  national_id: string | null; phone: string | null; address_detail: string | null; person_commune_code: string; valid_from: string; valid_to: string | null;
  house_id: number; house_name: string; house_commune_code: string | null; workplace_enterprise_id: number | null; workplace_name: string | null;
  workplace_text: string | null; source: string | null; registered_by_name: string | null;
}

export interface TenantFilter {
  provinceCode: string;
  area: AreaFilter | null;
  houseId?: number | null | undefined;
  communeCode?: string | undefined;
  districtCode?: string | undefined;
  q?: string | undefined;
  /** current (default): living there today; all: the history too. */
  status?: 'current' | 'all' | undefined;
  personIds?: number[] | undefined;
}

function tenantWhere(f: TenantFilter, today: string) {
  const parts: RawBuilder<unknown>[] = [sql`o.kind = 'boarding_house'`, sql`o.province_code = ${f.provinceCode}`];
  if (f.area) parts.push(sql`${sql.ref(`o.${f.area.column}`)} = ${f.area.value}`);
  if (f.houseId != null) parts.push(sql`o.id = ${f.houseId}`);
  if (f.districtCode) parts.push(sql`o.district_code = ${f.districtCode}`);
  if (f.communeCode) parts.push(sql`o.commune_code = ${f.communeCode}`);
  if ((f.status ?? 'current') === 'current') parts.push(sql`m.valid_from <= ${today} and (m.valid_to is null or m.valid_to >= ${today})`);
  if (f.personIds) parts.push(sql`m.person_id = any(${f.personIds}::int[])`);
  if (f.q) {
    const text = f.q.trim();
    parts.push(sql`(p.name_search like ${`%${escapeLike(foldVietnamese(text))}%`} or p.full_name ilike ${`%${escapeLike(text)}%`} or p.phone = ${text} or p.national_id = ${text} or g.label ilike ${`%${escapeLike(text)}%`})`);
  }
  return sql.join(parts, sql` and `);
}

const TENANT_FROM = sql`from group_membership m
    join contact_group g on g.id = m.group_id and g.kind = 'room'
    join org_unit o on o.id = g.org_unit_id
    join person p on p.id = m.person_id
    left join boarding_house_tenancy t on t.membership_id = m.id
    left join org_unit e on e.id = t.workplace_enterprise_id
    left join app_user u on u.id = t.registered_by`;

const TENANT_COLUMNS = sql`m.id as membership_id, m.group_id, g.label as room_label, p.id as person_id, p.full_name, p.sex, p.date_of_birth::text as date_of_birth,
    p.national_id, p.phone, p.address_detail, p.commune_code as person_commune_code, m.valid_from::text as valid_from, m.valid_to::text as valid_to,
    o.id as house_id, o.name as house_name, o.commune_code as house_commune_code, t.workplace_enterprise_id, e.name as workplace_name, t.workplace_text,
    t.source, u.full_name as registered_by_name`;

export async function listTenants(db: Db, f: TenantFilter, today: string, limit: number, offset: number) {
  const w = tenantWhere(f, today);
  const total = await sql<{ n: number }>`select count(*)::int as n ${TENANT_FROM} where ${w}`.execute(db);
  const rows = await sql<TenantRow>`select ${TENANT_COLUMNS} ${TENANT_FROM} where ${w}
    order by o.name, o.id, g.label, m.valid_to desc nulls first, p.full_name, m.id limit ${limit} offset ${offset}`.execute(db);
  return { total: total.rows[0]!.n, items: rows.rows };
}

/** Person ids of the tenants a filter selects (the commune view's "only marked" filter works on them). */
export async function tenantPersonIds(db: Db, f: TenantFilter, today: string): Promise<number[]> {
  const r = await sql<{ person_id: number }>`select distinct m.person_id ${TENANT_FROM} where ${tenantWhere(f, today)}`.execute(db);
  return r.rows.map((x) => x.person_id);
}

/** Person ids of tenants whose recorded workplace is one of these enterprises. */
export async function tenantsWorkingAt(db: Db, f: TenantFilter, today: string, enterpriseIds: number[]): Promise<number[]> {
  if (enterpriseIds.length === 0) return [];
  const r = await sql<{ person_id: number }>`select distinct m.person_id ${TENANT_FROM} where ${tenantWhere(f, today)} and t.workplace_enterprise_id = any(${enterpriseIds}::int[])`.execute(db);
  return r.rows.map((x) => x.person_id);
}

export async function insertMemberships(db: Db, provinceCode: string, rows: Array<{ group_id: number; person_id: number; valid_from: string; valid_to: string | null }>): Promise<MembershipRow[]> {
  if (rows.length === 0) return [];
  const r = await sql<MembershipRow>`insert into group_membership (group_id, person_id, province_code, valid_from, valid_to, role)
    select g, p, ${provinceCode}, f, t, 'tenant' from unnest(${rows.map((x) => x.group_id)}::int[], ${rows.map((x) => x.person_id)}::int[],
      ${rows.map((x) => x.valid_from)}::date[], ${rows.map((x) => x.valid_to)}::date[]) as v(g, p, f, t)
    returning id, group_id, person_id, valid_from::text as valid_from, valid_to::text as valid_to`.execute(db);
  return r.rows;
}

export async function setMembershipEnd(db: Db, id: number, validTo: string | null): Promise<MembershipRow> {
  const r = await sql<MembershipRow>`update group_membership set valid_to = ${validTo}::date where id = ${id}
    returning id, group_id, person_id, valid_from::text as valid_from, valid_to::text as valid_to`.execute(db);
  return r.rows[0]!;
}

export async function regroupMembership(db: Db, id: number, groupId: number): Promise<MembershipRow> {
  const r = await sql<MembershipRow>`update group_membership set group_id = ${groupId} where id = ${id}
    returning id, group_id, person_id, valid_from::text as valid_from, valid_to::text as valid_to`.execute(db);
  return r.rows[0]!;
}

export interface TenancyDetail { membership_id: number; workplace_enterprise_id: number | null; workplace_text: string | null }

export async function tenancyDetails(db: Db, membershipIds: number[]): Promise<Map<number, TenancyDetail>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await db.selectFrom('boarding_house_tenancy').select(['membership_id', 'workplace_enterprise_id', 'workplace_text'])
    .where('membership_id', '=', sql<number>`any(${membershipIds}::int[])`).execute();
  return new Map(rows.map((r) => [r.membership_id, r]));
}

/** Writes the details of tenancies (insert or replace), in one statement. */
export async function upsertTenancyDetails(db: Db, rows: Array<{ membership_id: number; house_id: number; province_code: string; workplace_enterprise_id: number | null; workplace_text: string | null; source: 'form' | 'import' | 'demo'; registered_by: number | null }>) {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`insert into boarding_house_tenancy (membership_id, house_id, province_code, workplace_enterprise_id, workplace_text, source, registered_by)
    select * from unnest(${col('membership_id')}::int[], ${col('house_id')}::int[], ${col('province_code')}::text[], ${col('workplace_enterprise_id')}::int[],
      ${col('workplace_text')}::text[], ${col('source')}::text[], ${col('registered_by')}::int[])
    on conflict (membership_id) do update set workplace_enterprise_id = excluded.workplace_enterprise_id, workplace_text = excluded.workplace_text, updated_at = now()`.execute(db);
}

/** Locks a house while its tenancies are planned and written (two owners' phones, an import). */
export async function lockHouse(db: Db, id: number) {
  await db.selectFrom('org_unit').select('id').where('id', '=', id).forUpdate().execute();
}

// ---- checklist and assessments

export async function latestChecklist(db: Db, provinceCode: string) {
  return db.selectFrom('boarding_house_checklist').selectAll().where('province_code', '=', provinceCode).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertChecklist(db: Db, c: { province_code: string; items: BoardingHouseChecklistItem[]; note: string | null; created_by: number | null }) {
  return (await db.insertInto('boarding_house_checklist').values({ ...c, items: JSON.stringify(c.items) }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertAssessment(db: Db, a: {
  house_id: number; province_code: string; district_code: string | null; commune_code: string | null; assessed_on: string; checklist_id: number | null;
  items: Array<BoardingHouseChecklistItem & { ticked: boolean }>; meets: boolean; self_assessed: boolean; note: string | null; assessor_id: number | null; assessor_name: string | null;
}) {
  return (await db.insertInto('boarding_house_assessment').values({ ...a, items: JSON.stringify(a.items) }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function assessmentsOf(db: Db, houseId: number) {
  return db.selectFrom('boarding_house_assessment').selectAll().where('house_id', '=', houseId).orderBy('assessed_on', 'desc').orderBy('id', 'desc').execute();
}
