/** All SQL of checkpoints, arrivals, health declarations and their calls; functions take the db or a transaction first. */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ArrivalTable, CallStatus, HealthDeclarationTable } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';
import type { AreaFilter } from '../auth/policy.ts';

// ---- checkpoints

function checkpoints(db: Db) {
  return db.selectFrom('org_unit as u')
    .leftJoin('checkpoint as k', 'k.org_unit_id', 'u.id')
    .leftJoin('admin_unit as d', 'd.code', 'u.district_code')
    .leftJoin('admin_unit as c', 'c.code', 'u.commune_code')
    .where('u.kind', '=', 'checkpoint')
    .select([
      'u.id', 'u.name', 'u.province_code', 'u.district_code', 'u.commune_code', 'u.address_detail', 'u.lat', 'u.lon', 'u.created_at',
      'd.name as district_name', 'c.name as commune_name', 'k.road',
      sql<string>`coalesce(k.status, 'active')`.as('status'),
      sql<Array<{ name: string; phone?: string | null; unit?: string | null }>>`coalesce(k.staff, '[]'::jsonb)`.as('staff'),
      sql<Array<{ name: string; start: string; end: string }>>`coalesce(k.shifts, '[]'::jsonb)`.as('shifts'),
    ]);
}
export type CheckpointRow = Awaited<ReturnType<typeof checkpointById>> & {};

export async function checkpointById(db: Db, id: number) {
  return checkpoints(db).where('u.id', '=', id).executeTakeFirst();
}

export interface CheckpointFilter { provinceCode: string; area: AreaFilter | null; districtCode?: string | undefined; status?: string | undefined; q?: string | undefined }

function filteredCheckpoints(db: Db, f: CheckpointFilter) {
  let q = checkpoints(db).where('u.province_code', '=', f.provinceCode);
  if (f.area) q = q.where(`u.${f.area.column}`, '=', f.area.value);
  if (f.districtCode) q = q.where('u.district_code', '=', f.districtCode);
  if (f.status) q = q.where(sql<string>`coalesce(k.status, 'active')`, '=', f.status);
  if (f.q?.trim()) q = q.where(sql<string>`lower(u.name || ' ' || coalesce(k.road, ''))`, 'like', `%${escapeLike(f.q.trim().toLowerCase())}%`);
  return q;
}

export async function listCheckpoints(db: Db, f: CheckpointFilter, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    filteredCheckpoints(db, f).orderBy('d.name').orderBy('u.name').orderBy('u.id').limit(limit).offset(offset).execute(),
    filteredCheckpoints(db, f).clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Checkpoints with a point, and the arrivals logged at each in [from, to]. */
export async function checkpointPoints(db: Db, provinceCode: string, from: string, to: string) {
  return checkpoints(db).where('u.province_code', '=', provinceCode).where('u.lat', 'is not', null)
    .select((eb) => [
      eb.selectFrom('arrival as a').whereRef('a.checkpoint_id', '=', 'u.id').where('a.arrival_date', '>=', from).where('a.arrival_date', '<=', to)
        .select(sql<number>`count(*)::int`.as('n')).as('arrivals'),
      eb.selectFrom('arrival as a').whereRef('a.checkpoint_id', '=', 'u.id').where('a.arrival_date', '>=', from).where('a.arrival_date', '<=', to)
        .where('a.origin_level', '!=', 'none').select(sql<number>`count(*)::int`.as('n')).as('from_epidemic'),
    ])
    .orderBy('u.id').execute();
}

export interface CheckpointValues {
  name: string; provinceCode: string; districtCode: string; communeCode: string | null; addressDetail: string | null; lat: number | null; lon: number | null;
  road: string | null; status: 'active' | 'suspended' | 'closed'; staff: unknown[]; shifts: unknown[]; userId: number | null;
}

export async function insertCheckpoint(db: Db, v: CheckpointValues): Promise<number> {
  const u = await db.insertInto('org_unit').values({
    kind: 'checkpoint', name: v.name, province_code: v.provinceCode, district_code: v.districtCode, commune_code: v.communeCode, address_detail: v.addressDetail, lat: v.lat, lon: v.lon,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('checkpoint').values({
    org_unit_id: u.id, province_code: v.provinceCode, road: v.road, status: v.status, staff: JSON.stringify(v.staff), shifts: JSON.stringify(v.shifts), created_by: v.userId,
  }).execute();
  return u.id;
}

export async function updateCheckpoint(db: Db, id: number, v: CheckpointValues): Promise<void> {
  await db.updateTable('org_unit').set({
    name: v.name, district_code: v.districtCode, commune_code: v.communeCode, address_detail: v.addressDetail, lat: v.lat, lon: v.lon,
  }).where('id', '=', id).execute();
  await db.insertInto('checkpoint').values({
    org_unit_id: id, province_code: v.provinceCode, road: v.road, status: v.status, staff: JSON.stringify(v.staff), shifts: JSON.stringify(v.shifts), created_by: v.userId,
  }).onConflict((oc) => oc.column('org_unit_id').doUpdateSet({
    road: v.road, status: v.status, staff: JSON.stringify(v.staff), shifts: JSON.stringify(v.shifts), updated_at: new Date(),
  })).execute();
}

// ---- arrivals

export async function insertArrival(db: Db, row: Insertable<ArrivalTable>): Promise<number> {
  const r = await db.insertInto('arrival').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertArrivals(db: Db, rows: Insertable<ArrivalTable>[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const out = await db.insertInto('arrival').values(rows).returning('id').execute();
  return out.map((r) => r.id);
}

export async function setArrivalApplied(db: Db, id: number, orderId: number | null): Promise<void> {
  await db.updateTable('arrival').set({ action_status: 'applied', quarantine_order_id: orderId }).where('id', '=', id).execute();
}

export interface ArrivalFilter {
  provinceCode: string;
  /** The actor's area: arrivals going there or logged at a checkpoint there. */
  area: AreaFilter | null;
  from?: string | undefined; to?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined; checkpointId?: number | undefined;
  originLevel?: string | undefined; category?: string | undefined; action?: string | undefined; actionStatus?: string | undefined; q?: string | undefined;
}

function arrivals(db: Db) {
  return db.selectFrom('arrival as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('org_unit as cp', 'cp.id', 'a.checkpoint_id')
    .leftJoin('admin_unit as op', 'op.code', 'a.origin_province_code')
    .leftJoin('admin_unit as od', 'od.code', 'a.origin_district_code')
    .leftJoin('admin_unit as dc', 'dc.code', 'a.commune_code')
    .leftJoin('admin_unit as dd', 'dd.code', 'a.district_code');
}

function filteredArrivals(db: Db, f: ArrivalFilter) {
  let q = arrivals(db).where('a.province_code', '=', f.provinceCode);
  const area = f.area;
  if (area && area.column !== 'province_code') {
    q = q.where((eb) => eb.or([eb(`a.${area.column}`, '=', area.value), eb(`cp.${area.column}`, '=', area.value)]));
  }
  if (f.from) q = q.where('a.arrival_date', '>=', f.from);
  if (f.to) q = q.where('a.arrival_date', '<=', f.to);
  if (f.districtCode) q = q.where('a.district_code', '=', f.districtCode);
  if (f.communeCode) q = q.where('a.commune_code', '=', f.communeCode);
  if (f.checkpointId) q = q.where('a.checkpoint_id', '=', f.checkpointId);
  if (f.originLevel) q = q.where('a.origin_level', '=', f.originLevel as ArrivalTable['origin_level']);
  if (f.category) q = q.where('a.category', '=', f.category as ArrivalTable['category']);
  if (f.action) q = q.where('a.action', '=', f.action as ArrivalTable['action']);
  if (f.actionStatus) q = q.where('a.action_status', '=', f.actionStatus as ArrivalTable['action_status']);
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim().toLowerCase())}%`;
    q = q.where((eb) => eb.or([eb('p.name_search', 'like', like), eb(sql<string>`lower(coalesce(a.vehicle_plate, ''))`, 'like', like)]));
  }
  return q;
}

const ARRIVAL_COLUMNS = [
  'a.id', 'a.person_id', 'p.full_name', 'p.date_of_birth', 'p.national_id', 'p.phone', 'p.address_detail', 'a.source', 'a.checkpoint_id', 'cp.name as checkpoint_name',
  'a.arrived_at', 'a.arrival_date', 'a.origin_province_code', 'op.name as origin_province_name', 'a.origin_district_code', 'od.name as origin_district_name', 'a.origin_level',
  'a.means', 'a.purpose', 'a.district_code', 'dd.name as district_name', 'a.commune_code', 'dc.name as commune_name', 'a.dest_address', 'a.category', 'a.vehicle_plate', 'a.route',
  'a.test_type', 'a.test_at', 'a.rule_code', 'a.action', 'a.action_days', 'a.action_hours', 'a.action_status', 'a.quarantine_order_id', 'a.province_code', 'cp.district_code as checkpoint_district_code',
  'cp.commune_code as checkpoint_commune_code',
] as const;
export type ArrivalRow = Awaited<ReturnType<typeof arrivalById>> & {};

export async function arrivalById(db: Db, id: number) {
  return arrivals(db).select(ARRIVAL_COLUMNS).where('a.id', '=', id).executeTakeFirst();
}

export async function listArrivals(db: Db, f: ArrivalFilter, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    filteredArrivals(db, f).select(ARRIVAL_COLUMNS).orderBy('a.arrived_at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute(),
    filteredArrivals(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function streamArrivals(db: Db, f: ArrivalFilter, limit: number) {
  return filteredArrivals(db, f).select(ARRIVAL_COLUMNS).orderBy('a.arrived_at').orderBy('a.id').limit(limit).execute();
}

/** Counts by category and by origin (not epidemic vs the rest) over a filter, for the page's header. */
export async function arrivalCounts(db: Db, f: ArrivalFilter) {
  return filteredArrivals(db, f).select([
    sql<number>`count(*)::int`.as('total'),
    sql<number>`count(*) filter (where a.origin_level <> 'none')::int`.as('from_epidemic'),
    sql<number>`count(*) filter (where a.category = 'long_haul_driver')::int`.as('drivers'),
    sql<number>`count(*) filter (where a.category = 'postal_staff')::int`.as('postal'),
    sql<number>`count(*) filter (where a.action_status = 'pending')::int`.as('pending'),
  ]).executeTakeFirstOrThrow();
}

// ---- health declarations and the call list

export async function insertDeclaration(db: Db, row: Insertable<HealthDeclarationTable>): Promise<number> {
  const r = await db.insertInto('health_declaration').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export interface CallFilter {
  provinceCode: string; area: AreaFilter | null; view: 'to_call' | 'done' | 'all'; districtCode?: string | undefined; communeCode?: string | undefined;
  from?: string | undefined; to?: string | undefined; q?: string | undefined;
}

function calls(db: Db, f: CallFilter) {
  let q = db.selectFrom('health_declaration as h').innerJoin('person as p', 'p.id', 'h.person_id')
    .leftJoin('admin_unit as c', 'c.code', 'h.commune_code').leftJoin('admin_unit as tp', 'tp.code', 'h.travel_province_code')
    .where('h.province_code', '=', f.provinceCode).where('h.abnormal', '=', true);
  if (f.area) q = q.where(`h.${f.area.column}`, '=', f.area.value);
  if (f.view === 'to_call') q = q.where('h.call_status', 'in', ['to_call', 'not_reached']);
  if (f.view === 'done') q = q.where('h.call_status', 'in', ['reached', 'referred', 'no_action']);
  if (f.districtCode) q = q.where('h.district_code', '=', f.districtCode);
  if (f.communeCode) q = q.where('h.commune_code', '=', f.communeCode);
  if (f.from) q = q.where(sql<string>`(h.declared_at at time zone 'Asia/Ho_Chi_Minh')::date`, '>=', f.from);
  if (f.to) q = q.where(sql<string>`(h.declared_at at time zone 'Asia/Ho_Chi_Minh')::date`, '<=', f.to);
  if (f.q?.trim()) q = q.where('p.name_search', 'like', `%${escapeLike(f.q.trim().toLowerCase())}%`);
  return q;
}

const CALL_COLUMNS = [
  'h.id', 'h.person_id', 'p.full_name', 'p.phone', 'p.date_of_birth', 'p.national_id', 'p.address_detail', 'h.province_code', 'h.district_code', 'h.commune_code', 'c.name as commune_name',
  'h.declared_at', 'h.symptoms', 'h.contact_f0', 'h.visited_outbreak', 'h.travel_province_code', 'tp.name as travel_province_name', 'h.reasons',
  'h.call_status', 'h.call_attempts', 'h.last_called_at',
] as const;

export async function listCalls(db: Db, f: CallFilter, limit: number, offset: number) {
  const [items, total] = await Promise.all([
    calls(db, f).select(CALL_COLUMNS)
      // Who is still to call first, the oldest declaration first; then the others, latest call first.
      .orderBy(sql`case when h.call_status in ('to_call', 'not_reached') then 0 else 1 end`)
      .orderBy(sql`case when h.call_status in ('to_call', 'not_reached') then h.declared_at end`)
      .orderBy('h.last_called_at', 'desc').orderBy('h.id').limit(limit).offset(offset).execute(),
    calls(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function callCounts(db: Db, f: Omit<CallFilter, 'view'>) {
  return calls(db, { ...f, view: 'all' }).select([
    sql<number>`count(*) filter (where h.call_status = 'to_call')::int`.as('to_call'),
    sql<number>`count(*) filter (where h.call_status = 'not_reached')::int`.as('not_reached'),
    sql<number>`count(*) filter (where h.call_status in ('reached', 'referred', 'no_action'))::int`.as('done'),
  ]).executeTakeFirstOrThrow();
}

export async function declarationById(db: Db, id: number) {
  return db.selectFrom('health_declaration as h').innerJoin('person as p', 'p.id', 'h.person_id')
    .select(['h.id', 'h.person_id', 'p.full_name', 'p.address_detail', 'h.province_code', 'h.district_code', 'h.commune_code', 'h.abnormal', 'h.call_status', 'h.call_attempts', 'h.reasons', 'h.symptoms'])
    .where('h.id', '=', id).executeTakeFirst();
}

export async function recordCall(db: Db, id: number, call: { outcome: 'reached' | 'not_reached' | 'referred' | 'no_action'; note: string | null; userId: number | null; status: CallStatus; at: Date }) {
  const r = await db.insertInto('declaration_call').values({ declaration_id: id, outcome: call.outcome, note: call.note, called_by: call.userId, called_at: call.at }).returning('id').executeTakeFirstOrThrow();
  await db.updateTable('health_declaration').set((eb) => ({ call_status: call.status, call_attempts: eb('call_attempts', '+', 1), last_called_at: call.at })).where('id', '=', id).execute();
  return r.id;
}

export async function callsOf(db: Db, declarationId: number) {
  return db.selectFrom('declaration_call as k').leftJoin('app_user as u', 'u.id', 'k.called_by')
    .select(['k.id', 'k.outcome', 'k.note', 'k.called_at', 'u.full_name as called_by_name'])
    .where('k.declaration_id', '=', declarationId).orderBy('k.called_at').orderBy('k.id').execute();
}

export async function provinces(db: Db) {
  return db.selectFrom('admin_unit').select(['code', 'name']).where('level', '=', 'province').execute();
}
