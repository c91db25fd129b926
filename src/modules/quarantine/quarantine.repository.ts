/**
 * All SQL of quarantine: facilities with their live occupancy, rooms with their occupants (for
 * placement), and orders with their event history.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Insertable } from 'kysely';
import type { FacilityKind, FacilityTable, QuarantineOrderEventTable, QuarantineOrderTable } from '../../db/schema.ts';
import type { AreaFilter } from '../auth/policy.ts';

export interface FacilityFilter { provinceCode: string; kind?: FacilityKind | undefined; districtCode?: string | undefined; orgId?: number | undefined }

/** Facilities with the number of people in them now (active centralized orders or open admissions). */
export async function listFacilities(db: Db, f: FacilityFilter) {
  let q = db.selectFrom('facility as f')
    .innerJoin('org_unit as u', 'u.id', 'f.org_unit_id')
    .leftJoin('admin_unit as d', 'd.code', 'u.district_code')
    .select(['f.org_unit_id as id', 'u.name', 'u.district_code', 'd.name as district_name', 'u.commune_code', 'u.address_detail', 'f.kind',
      'f.category', 'f.level', 'f.tier', 'f.status', 'f.capacity', 'f.beds_normal', 'f.beds_oxygen', 'f.beds_icu', 'f.staff_name',
      'f.staff_phone', 'f.warn_percent', 'f.critical_percent', 'u.province_code',
      sql<number>`(select count(*)::int from quarantine_order o where o.facility_id = f.org_unit_id and o.status = 'active')`.as('quarantined'),
      sql<number>`(select count(*)::int from treatment_admission a where a.facility_id = f.org_unit_id and a.ended_on is null)`.as('admitted'),
      sql<number>`(select count(*)::int from facility_room r where r.facility_id = f.org_unit_id and r.active)`.as('rooms')])
    .where('f.province_code', '=', f.provinceCode);
  if (f.kind) q = q.where('f.kind', '=', f.kind);
  if (f.districtCode) q = q.where('u.district_code', '=', f.districtCode);
  if (f.orgId !== undefined) q = q.where('f.org_unit_id', '=', f.orgId);
  return q.orderBy('f.kind').orderBy('u.name').orderBy('f.org_unit_id').execute();
}

export async function findOrgUnit(db: Db, id: number) {
  return db.selectFrom('org_unit').select(['id', 'kind', 'name', 'province_code', 'district_code', 'commune_code']).where('id', '=', id).executeTakeFirst();
}

export async function upsertFacility(db: Db, row: Insertable<FacilityTable>) {
  const { org_unit_id: _id, ...rest } = row;
  await db.insertInto('facility').values(row)
    .onConflict((oc) => oc.column('org_unit_id').doUpdateSet({ ...rest, updated_at: sql`now()` })).execute();
}

export async function insertRooms(db: Db, facilityId: number, rooms: Array<{ zone: string | null; label: string; capacity: number }>) {
  if (rooms.length === 0) return [];
  return db.insertInto('facility_room').values(rooms.map((r) => ({ facility_id: facilityId, ...r }))).returning(['id', 'label']).execute();
}

export async function roomLabelsTaken(db: Db, facilityId: number, labels: string[]): Promise<string[]> {
  if (labels.length === 0) return [];
  const rows = await db.selectFrom('facility_room').select('label').where('facility_id', '=', facilityId).where('label', 'in', labels).execute();
  return rows.map((r) => r.label);
}

/** Rooms of the given facilities with their active occupants (risk group, household). */
export async function roomsWithOccupants(db: Db, facilityIds: number[]) {
  if (facilityIds.length === 0) return [];
  const rooms = await db.selectFrom('facility_room as r').innerJoin('facility as f', 'f.org_unit_id', 'r.facility_id')
    .select(['r.id', 'r.facility_id', 'r.zone', 'r.label', 'r.capacity', 'f.status'])
    .where('r.facility_id', 'in', facilityIds).where('r.active', '=', true).orderBy('r.facility_id').orderBy('r.id').execute();
  const occupants = await db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['o.room_id', 'o.person_id', 'o.risk_group', 'p.household_id'])
    .where('o.facility_id', 'in', facilityIds).where('o.status', '=', 'active').where('o.room_id', 'is not', null).execute();
  return rooms.map((r) => ({ ...r, occupants: occupants.filter((o) => o.room_id === r.id) }));
}

/** Locks the province's quarantine facilities so that two placements cannot fill the same places at once; read them after. */
export async function lockQuarantineFacilities(db: Db, provinceCode: string) {
  await db.selectFrom('facility').select('org_unit_id').where('province_code', '=', provinceCode).where('kind', '=', 'quarantine')
    .orderBy('org_unit_id').forUpdate().execute();
}

export async function insertOrder(db: Db, row: Insertable<QuarantineOrderTable>): Promise<number> {
  const r = await db.insertInto('quarantine_order').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertOrderEvents(db: Db, rows: Array<Insertable<QuarantineOrderEventTable>>) {
  if (rows.length) await db.insertInto('quarantine_order_event').values(rows).execute();
}

export async function ordersByIds(db: Db, provinceCode: string, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.person_id', 'o.kind', 'o.status', 'o.risk_group', 'o.facility_id', 'o.room_id', 'o.start_date', 'o.end_date',
      'p.household_id', 'p.district_code', 'p.commune_code', 'p.province_code'])
    .where('o.province_code', '=', provinceCode).where('o.id', 'in', ids).execute();
}

export async function placeOrder(db: Db, id: number, facilityId: number, roomId: number) {
  await db.updateTable('quarantine_order').set({ facility_id: facilityId, room_id: roomId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function activeOrderOf(db: Db, personId: number) {
  return db.selectFrom('quarantine_order').select(['id', 'kind', 'start_date']).where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
}

export async function personArea(db: Db, personId: number) {
  return db.selectFrom('person').select(['id', 'province_code', 'district_code', 'commune_code', 'household_id']).where('id', '=', personId).executeTakeFirst();
}

export interface OrderFilter { provinceCode: string; status?: string | undefined; facilityId?: number | undefined; kind?: string | undefined; page: number; pageSize: number }

export async function listOrders(db: Db, f: OrderFilter, area: { column: 'province_code' | 'district_code' | 'commune_code'; value: string } | null) {
  let q = db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .leftJoin('org_unit as u', 'u.id', 'o.facility_id').leftJoin('facility_room as r', 'r.id', 'o.room_id')
    .where('o.province_code', '=', f.provinceCode);
  if (area) q = q.where(`p.${area.column}`, '=', area.value);
  if (f.status) q = q.where('o.status', '=', f.status as never);
  if (f.kind) q = q.where('o.kind', '=', f.kind as never);
  if (f.facilityId !== undefined) q = q.where('o.facility_id', '=', f.facilityId);
  const { total } = await q.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await q.select(['o.id', 'o.person_id', 'p.full_name', 'p.commune_code', 'p.district_code', 'p.province_code', 'o.kind', 'o.subject',
    'o.risk_group', 'o.status', 'o.start_date', 'o.last_day', 'o.release_date', 'o.test_dates', 'o.home_monitoring_until', 'o.rule_code',
    'o.facility_id', 'u.name as facility_name', 'o.room_id', 'r.label as room_label', 'o.source_person_id', 'o.source_kind', 'o.source_date'])
    .orderBy('o.start_date', 'desc').orderBy('o.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { total, items };
}

/** Where an actor may see orders: the facility of an org-scoped actor, else the person's area. */
export type OrderScope = { facilityId: number } | { area: AreaFilter | null };

export interface StayFilter { provinceCode: string; scope: OrderScope; facilityId?: number | undefined; orderIds?: number[] | undefined }

/** Orders with their person, facility and room, as the release list, test schedule and certificates read them. */
function stays(db: Db, f: StayFilter) {
  let q = db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .leftJoin('org_unit as u', 'u.id', 'o.facility_id').leftJoin('facility_room as r', 'r.id', 'o.room_id')
    .where('o.province_code', '=', f.provinceCode);
  if ('facilityId' in f.scope) q = q.where('o.facility_id', '=', f.scope.facilityId);
  else if (f.scope.area) q = q.where(`p.${f.scope.area.column}`, '=', f.scope.area.value);
  if (f.facilityId !== undefined) q = q.where('o.facility_id', '=', f.facilityId);
  if (f.orderIds) q = q.where('o.id', 'in', f.orderIds.length ? f.orderIds : [-1]);
  return q.select(['o.id', 'o.person_id', 'p.full_name', 'o.kind', 'o.subject', 'o.status', 'o.risk_group', 'o.vaccinated_or_recovered',
    'o.start_date', 'o.end_date', 'o.last_day', 'o.release_date', 'o.test_dates', 'o.home_monitoring_until', 'o.rule_code', 'o.facility_id',
    'u.name as facility_name', 'o.room_id', 'r.label as room_label', 'o.source_person_id', 'o.flagged_on', 'o.flag_reason', 'o.released_on',
    'p.district_code', 'p.commune_code', 'p.province_code']);
}
export type StayRow = Awaited<ReturnType<ReturnType<typeof stays>['execute']>>[number];

/** Active contact orders whose release date has come by `date` (F2 at any time: their end hangs on the source F1). */
export async function staysEndingBy(db: Db, f: StayFilter, date: string, limit: number): Promise<StayRow[]> {
  return stays(db, f).where('o.status', '=', 'active').where('o.subject', 'in', ['f1', 'f2', 'returning_citizen'])
    .where((eb) => eb.or([eb('o.release_date', '<=', date), eb('o.subject', '=', 'f2')]))
    .orderBy('o.release_date').orderBy('o.id').limit(limit).execute();
}

/** Active centralized stays in a facility on `date` (the test schedule's population). */
export async function centralizedStaysOn(db: Db, f: StayFilter, date: string): Promise<StayRow[]> {
  return stays(db, f).where('o.status', '=', 'active').where('o.kind', '=', 'centralized').where('o.start_date', '<=', date)
    .where('o.last_day', '>=', date).where('o.facility_id', 'is not', null).orderBy('u.name').orderBy('r.label').orderBy('p.sort_name').execute();
}

export async function staysByIds(db: Db, f: StayFilter & { orderIds: number[] }): Promise<StayRow[]> {
  return stays(db, f).orderBy('o.id').execute();
}

/** Every sample of these people taken on or after `from`, with its result (null while pending). */
export async function samplesOf(db: Db, personIds: number[], from: string) {
  if (personIds.length === 0) return [];
  return db.selectFrom('sample').select(['person_id', 'taken_on', 'result', 'method'])
    .where('person_id', 'in', personIds).where('taken_on', '>=', from).orderBy('taken_on').execute();
}

export async function markReleased(db: Db, ids: number[], date: string, by: number | null) {
  if (ids.length === 0) return;
  await db.updateTable('quarantine_order').set({ status: 'released', end_date: date, released_on: date, released_by: by, updated_at: sql`now()` })
    .where('id', 'in', ids).where('status', '=', 'active').execute();
}

/** Personal details printed on release certificates. */
export async function certificatePeople(db: Db, personIds: number[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('person as p').leftJoin('admin_unit as c', 'c.code', 'p.commune_code').leftJoin('admin_unit as d', 'd.code', 'p.district_code')
    .select(['p.id', 'p.full_name', 'p.sex', 'p.date_of_birth', 'p.national_id', 'p.address_detail', 'c.name as commune_name', 'd.name as district_name'])
    .where('p.id', 'in', personIds).execute();
}

export async function facilityPlaces(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org_unit as u').leftJoin('admin_unit as d', 'd.code', 'u.district_code').leftJoin('admin_unit as pr', 'pr.code', 'u.province_code')
    .leftJoin('facility as f', 'f.org_unit_id', 'u.id')
    .select(['u.id', 'u.name', 'd.name as district_name', 'pr.name as province_name', 'f.staff_name']).where('u.id', 'in', ids).execute();
}

// ---- published for the daily report (reports): quarantine of a province on a day

/**
 * Per kind (centralized, home) and facility, in one pass over the orders begun by `date`: in force
 * at its end, begun that day, released that day and by then.
 */
export async function orderCountsOn(db: Db, provinceCode: string, date: string) {
  const r = await sql<{ kind: 'centralized' | 'home'; facility_id: number | null; in_force: number; started: number; released_on_day: number; released_total: number }>`
    select kind, facility_id,
      count(*) filter (where end_date is null or end_date > ${date}) as in_force,
      count(*) filter (where start_date = ${date}) as started,
      count(*) filter (where status = 'released' and released_on = ${date}) as released_on_day,
      count(*) filter (where status = 'released' and released_on <= ${date}) as released_total
    from quarantine_order
    where province_code = ${provinceCode} and start_date <= ${date} and kind in ('centralized', 'home') and status <> 'cancelled'
    group by kind, facility_id`.execute(db);
  return r.rows;
}

/** Quarantine facilities of a province with their places. */
export async function quarantineFacilities(db: Db, provinceCode: string) {
  const r = await sql<{ id: number; name: string; district_name: string | null; capacity: number }>`
    select f.org_unit_id as id, u.name, d.name as district_name, f.capacity
    from facility f join org_unit u on u.id = f.org_unit_id left join admin_unit d on d.code = u.district_code
    where f.province_code = ${provinceCode} and f.kind = 'quarantine'
    order by u.name, f.org_unit_id`.execute(db);
  return r.rows;
}

/** A person's orders in force on a day (started, not ended, still active): subject and start. */
export async function ordersInForceOf(db: Db, personId: number, day: string) {
  return db.selectFrom('quarantine_order').select(['subject', 'start_date'])
    .where('person_id', '=', personId).where('status', '=', 'active').where('start_date', '<=', day)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', day)]))
    .orderBy('start_date').execute();
}

/** Orders in force on a day of a list of people (one array parameter): subject, start, risk group, kind. */
export async function ordersInForceOfMany(db: Db, personIds: readonly number[], day: string) {
  if (personIds.length === 0) return [];
  const r = await sql<{ person_id: number; subject: string | null; start_date: string; risk_group: string | null; kind: string }>`
    select person_id, subject, start_date::text as start_date, risk_group, kind from quarantine_order
    where person_id = any(${[...personIds]}::int[]) and status = 'active' and start_date <= ${day} and (end_date is null or end_date > ${day})
    order by person_id, start_date, id`.execute(db);
  return r.rows;
}

/** NQ68 support: F1 orders (no subject = an F1 of issue 4) and cases' isolation orders of a commune's residents overlapping a period. */
export async function ordersForSupport(db: Db, provinceCode: string, f: { communeCode: string; from: string; to: string }) {
  return db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.person_id', 'o.kind', 'o.subject', 'o.start_date', 'o.end_date', 'o.released_on', 'o.last_day', 'o.status', 'o.source_person_id'])
    .where('o.province_code', '=', provinceCode).where('p.commune_code', '=', f.communeCode)
    .where((eb) => eb.or([eb('o.subject', 'in', ['f1', 'case']), eb('o.subject', 'is', null)]))
    .where('o.status', '!=', 'cancelled')
    .where('o.start_date', '<=', f.to)
    .where((eb) => eb.or([eb('o.end_date', 'is', null), eb('o.end_date', '>=', f.from)]))
    .orderBy('o.id')
    .execute();
}
