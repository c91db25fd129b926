/** All SQL of an enterprise's workers: the list, one worker, their dated assignments, bulk writes. */
import { type Insertable, sql } from 'kysely';
import { reserveIds } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import type { CommuteMode, ContactGroupKind, WorkerTable } from '../../db/schema.ts';
import { escapeLike, foldVietnamese } from '../../lib/vn-text.ts';

export interface WorkerFilter {
  enterpriseId: number;
  q?: string | undefined;
  workshopId?: number | undefined;
  shiftId?: number | undefined;
  busGroupId?: number | undefined;
  commuteMode?: CommuteMode | undefined;
  /** active (default): not ended by `today`. */
  status?: 'active' | 'ended' | 'all' | undefined;
}

function workerBase(db: Db) {
  return db.selectFrom('worker as w').innerJoin('person as p', 'p.id', 'w.person_id');
}

function filtered(db: Db, f: WorkerFilter, today: string) {
  let q = workerBase(db).where('w.enterprise_id', '=', f.enterpriseId);
  if (f.q) {
    const text = f.q.trim();
    const folded = `%${escapeLike(foldVietnamese(text))}%`;
    q = q.where((eb) => eb.or([eb('p.name_search', 'like', folded), eb('w.employee_code', 'ilike', `${escapeLike(text)}%`), eb('p.phone', '=', text), eb('p.national_id', '=', text)]));
  }
  if (f.workshopId !== undefined) q = q.where('w.workshop_id', '=', f.workshopId);
  if (f.shiftId !== undefined) q = q.where('w.shift_id', '=', f.shiftId);
  if (f.busGroupId !== undefined) q = q.where('w.bus_group_id', '=', f.busGroupId);
  if (f.commuteMode) q = q.where('w.commute_mode', '=', f.commuteMode);
  const status = f.status ?? 'active';
  if (status === 'active') q = q.where((eb) => eb.or([eb('w.employed_to', 'is', null), eb('w.employed_to', '>=', today)]));
  if (status === 'ended') q = q.where('w.employed_to', '<', today);
  return q;
}

function withNames(q: ReturnType<typeof workerBase>) {
  return q
    .leftJoin('enterprise_workshop as ws', 'ws.id', 'w.workshop_id')
    .leftJoin('enterprise_shift as sh', 'sh.id', 'w.shift_id')
    .leftJoin('enterprise_bus_route as br', 'br.group_id', 'w.bus_group_id')
    .leftJoin('contact_group as room', 'room.id', 'w.room_group_id')
    .leftJoin('org_unit as house', 'house.id', 'room.org_unit_id')
    .leftJoin('admin_unit as c', 'c.code', 'p.commune_code')
    .select([
      'w.id', 'w.person_id', 'w.enterprise_id', 'w.employee_code', 'w.commute_mode', 'w.employed_from', 'w.employed_to',
      'w.workshop_id', 'w.shift_id', 'w.bus_group_id', 'w.room_group_id', 'w.home_address', 'w.updated_at',
      'p.full_name', 'p.sex', 'p.date_of_birth', 'p.national_id', 'p.phone', 'p.commune_code', 'p.address_detail', 'c.name as commune_name',
      'ws.name as workshop_name', 'sh.name as shift_name', 'br.name as bus_name', 'room.label as room_label', 'house.name as house_name', 'house.kind as house_kind',
    ]);
}

export type WorkerRow = Awaited<ReturnType<typeof findWorker>> & object;

export async function listWorkers(db: Db, f: WorkerFilter, today: string, limit: number, offset: number) {
  const q = filtered(db, f, today);
  const [items, total] = await Promise.all([
    withNames(q).orderBy('w.employee_code').orderBy('w.id').limit(limit).offset(offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function allWorkers(db: Db, f: WorkerFilter, today: string, limit: number) {
  return withNames(filtered(db, f, today)).orderBy('w.employee_code').orderBy('w.id').limit(limit).execute();
}

export async function findWorker(db: Db, id: number) {
  return withNames(workerBase(db).where('w.id', '=', id)).executeTakeFirst();
}

/** The dated assignments of a person as a worker (workshop × shift, bus, room), newest first. */
export async function assignmentHistory(db: Db, personId: number) {
  return db
    .selectFrom('group_membership as m')
    .innerJoin('contact_group as g', 'g.id', 'm.group_id')
    .leftJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .select(['m.id', 'm.group_id', 'g.kind', 'g.label', 'o.name as org_name', 'm.valid_from', 'm.valid_to'])
    .where('m.person_id', '=', personId)
    .where('g.kind', 'in', ['workshop_shift', 'bus_route', 'room'])
    .orderBy('m.valid_from', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
}

export interface OpenMembershipRow { id: number; person_id: number; group_id: number; valid_from: string }

/** Open memberships of these people in these groups (a worker's current slots). */
export async function openMemberships(db: Db, personIds: number[], groupIds: number[]): Promise<OpenMembershipRow[]> {
  if (personIds.length === 0 || groupIds.length === 0) return [];
  return db
    .selectFrom('group_membership')
    .select(['id', 'person_id', 'group_id', 'valid_from'])
    .where('person_id', '=', sql<number>`any(${personIds}::int[])`)
    .where('group_id', '=', sql<number>`any(${groupIds}::int[])`)
    .where('valid_to', 'is', null)
    .execute();
}

/** Every worker of an enterprise with the person's register details (an import's starting point). */
export async function workersForImport(db: Db, enterpriseId: number) {
  return db
    .selectFrom('worker as w')
    .innerJoin('person as p', 'p.id', 'w.person_id')
    .select([
      'w.id', 'w.person_id', 'w.employee_code', 'w.commute_mode', 'w.employed_from', 'w.employed_to',
      'w.workshop_id', 'w.shift_id', 'w.bus_group_id', 'w.room_group_id', 'w.home_address',
      'p.full_name', 'p.sex', 'p.date_of_birth', 'p.national_id', 'p.phone', 'p.commune_code', 'p.address_detail',
    ])
    .where('w.enterprise_id', '=', enterpriseId)
    .execute();
}

/** `embedded`: PGlite, the ids reserved as one block (db/bulk-insert.ts `reserveIds`). */
export async function insertWorkers(db: Db, rows: Array<Insertable<WorkerTable>>, embedded = false): Promise<number[]> {
  if (rows.length === 0) return [];
  const ids = await reserveIds(db, 'worker', rows.length, embedded);
  const col = <K extends keyof Insertable<WorkerTable>>(k: K) => rows.map((r) => r[k] ?? null);
  await sql`insert into worker (id, person_id, enterprise_id, province_code, employee_code, commute_mode, employed_from, employed_to,
      workshop_id, shift_id, bus_group_id, room_group_id, home_address)
    select * from unnest(${ids}::int[], ${col('person_id')}::int[], ${col('enterprise_id')}::int[], ${col('province_code')}::text[],
      ${col('employee_code')}::text[], ${col('commute_mode')}::text[], ${col('employed_from')}::date[], ${col('employed_to')}::date[],
      ${col('workshop_id')}::int[], ${col('shift_id')}::int[], ${col('bus_group_id')}::int[], ${col('room_group_id')}::int[], ${col('home_address')}::text[])`.execute(db);
  return ids;
}

/** Counts of these workers' references that point nowhere (db/bulk-insert.ts): person, enterprise, workshop, shift, bus route and room groups. */
export async function danglingWorkerReferences(db: Db, ids: number[]): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const r = await sql<Record<string, number>>`
    select
      count(*) filter (where not exists (select 1 from person p where p.id = w.person_id))::int as worker_person,
      count(*) filter (where not exists (select 1 from org_unit o where o.id = w.enterprise_id))::int as worker_enterprise,
      count(*) filter (where w.workshop_id is not null and not exists (select 1 from enterprise_workshop x where x.id = w.workshop_id))::int as worker_workshop,
      count(*) filter (where w.shift_id is not null and not exists (select 1 from enterprise_shift x where x.id = w.shift_id))::int as worker_shift,
      count(*) filter (where w.bus_group_id is not null and not exists (select 1 from contact_group g where g.id = w.bus_group_id))::int as worker_bus,
      count(*) filter (where w.room_group_id is not null and not exists (select 1 from contact_group g where g.id = w.room_group_id))::int as worker_room
    from worker w where w.id = any(${ids}::int[])`.execute(db);
  return r.rows[0]!;
}

export interface WorkerUpdate {
  id: number;
  employee_code: string;
  commute_mode: CommuteMode;
  employed_from: string;
  employed_to: string | null;
  workshop_id: number | null;
  shift_id: number | null;
  bus_group_id: number | null;
  room_group_id: number | null;
  home_address: string | null;
}

/** One statement per 5,000 changed workers (arrays joined with unnest). */
export async function updateWorkers(db: Db, rows: WorkerUpdate[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    const col = <K extends keyof WorkerUpdate>(k: K) => part.map((r) => r[k]);
    await sql`update worker w set
        employee_code = v.employee_code, commute_mode = v.commute_mode, employed_from = v.employed_from, employed_to = v.employed_to,
        workshop_id = v.workshop_id, shift_id = v.shift_id, bus_group_id = v.bus_group_id, room_group_id = v.room_group_id,
        home_address = v.home_address, updated_at = now()
      from unnest(${col('id')}::int[], ${col('employee_code')}::text[], ${col('commute_mode')}::text[], ${col('employed_from')}::date[],
        ${col('employed_to')}::date[], ${col('workshop_id')}::int[], ${col('shift_id')}::int[], ${col('bus_group_id')}::int[],
        ${col('room_group_id')}::int[], ${col('home_address')}::text[])
        as v(id, employee_code, commute_mode, employed_from, employed_to, workshop_id, shift_id, bus_group_id, room_group_id, home_address)
      where w.id = v.id`.execute(db);
  }
}

export interface MembershipWrite { id: number; group_id: number; person_id: number; valid_from: string; valid_to: string | null }

/** One statement for the whole list (arrays joined with unnest); `embedded`: the ids reserved as one block. */
export async function insertMemberships(db: Db, provinceCode: string, rows: Array<{ group_id: number; person_id: number; valid_from: string; valid_to?: string | null; role: string }>, embedded = false): Promise<MembershipWrite[]> {
  if (rows.length === 0) return [];
  const ids = await reserveIds(db, 'group_membership', rows.length, embedded);
  await sql`insert into group_membership (id, group_id, person_id, province_code, valid_from, valid_to, role)
    select i, g, p, ${provinceCode}, f, t, r from unnest(${ids}::int[], ${rows.map((x) => x.group_id)}::int[], ${rows.map((x) => x.person_id)}::int[],
      ${rows.map((x) => x.valid_from)}::date[], ${rows.map((x) => x.valid_to ?? null)}::date[], ${rows.map((x) => x.role)}::text[]) as v(i, g, p, f, t, r)`.execute(db);
  return rows.map((x, k) => ({ id: ids[k]!, group_id: x.group_id, person_id: x.person_id, valid_from: x.valid_from, valid_to: x.valid_to ?? null }));
}

/** Counts of these memberships' references that point nowhere (db/bulk-insert.ts): group, person. */
export async function danglingMembershipReferences(db: Db, ids: number[]): Promise<Record<string, number>> {
  if (ids.length === 0) return {};
  const r = await sql<Record<string, number>>`
    select
      count(*) filter (where not exists (select 1 from contact_group g where g.id = m.group_id))::int as membership_group,
      count(*) filter (where not exists (select 1 from person p where p.id = m.person_id))::int as membership_person
    from group_membership m where m.id = any(${ids}::int[])`.execute(db);
  return r.rows[0]!;
}

/** Ends open memberships (valid_to) or moves them to another group (a same-day correction). */
export async function closeMemberships(db: Db, rows: Array<{ id: number; valid_to: string }>): Promise<MembershipWrite[]> {
  if (rows.length === 0) return [];
  const r = await sql<MembershipWrite>`update group_membership m set valid_to = v.t
    from unnest(${rows.map((x) => x.id)}::int[], ${rows.map((x) => x.valid_to)}::date[]) as v(id, t) where m.id = v.id
    returning m.id, m.group_id, m.person_id, m.valid_from, m.valid_to`.execute(db);
  return r.rows;
}

export async function regroupMemberships(db: Db, rows: Array<{ id: number; group_id: number }>): Promise<MembershipWrite[]> {
  if (rows.length === 0) return [];
  const r = await sql<MembershipWrite>`update group_membership m set group_id = v.g
    from unnest(${rows.map((x) => x.id)}::int[], ${rows.map((x) => x.group_id)}::int[]) as v(id, g) where m.id = v.id
    returning m.id, m.group_id, m.person_id, m.valid_from, m.valid_to`.execute(db);
  return r.rows;
}

export async function deleteMemberships(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('group_membership').where('id', '=', sql<number>`any(${ids}::int[])`).execute();
}

export async function insertGroup(db: Db, g: { kind: ContactGroupKind; org_unit_id: number; label: string; province_code: string; district_code: string | null; commune_code: string | null; address_detail?: string | null; attrs?: Record<string, unknown> }) {
  const { attrs, ...rest } = g;
  return db.insertInto('contact_group').values({ ...rest, attrs: JSON.stringify(attrs ?? {}) }).returning('id').executeTakeFirstOrThrow();
}

/** Rooms (of dormitories and boarding houses) by their house's folded name, for an import's lodging column. */
export async function roomsByHouseNames(db: Db, provinceCode: string, enterpriseId: number, houseKeys: string[]) {
  if (houseKeys.length === 0) return [];
  const rows = await db
    .selectFrom('contact_group as g')
    .innerJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .select(['g.id', 'g.label', 'o.id as house_id', 'o.name as house_name', 'o.kind as house_kind'])
    .where('g.kind', '=', 'room')
    .where('o.province_code', '=', provinceCode)
    .where((eb) => eb.or([
      eb.and([eb('o.kind', '=', 'dormitory'), eb('o.parent_id', '=', enterpriseId)]),
      eb('o.kind', '=', 'boarding_house'),
    ]))
    .execute();
  const wanted = new Set(houseKeys);
  return rows.filter((r) => wanted.has(foldVietnamese(r.house_name.replace(/\s+/g, ' ').trim())));
}

// ---- published through enterprises.service for boarding houses (issue 7)

/** Workers of these people in the room left, not gone by the move's date, put in the new room. */
export async function moveWorkerRooms(db: Db, moves: Array<{ personId: number; fromRoomId: number; toRoomId: number; date: string }>) {
  if (moves.length === 0) return [];
  const r = await sql<{ id: number; enterprise_id: number; person_id: number; room_group_id: number; from_room: number; move_date: string }>`
    update worker w set room_group_id = v.t, updated_at = now()
    from unnest(${moves.map((m) => m.personId)}::int[], ${moves.map((m) => m.fromRoomId)}::int[], ${moves.map((m) => m.toRoomId)}::int[], ${moves.map((m) => m.date)}::date[]) as v(p, f, t, d)
    where w.person_id = v.p and w.room_group_id = v.f and (w.employed_to is null or w.employed_to >= v.d)
    returning w.id, w.enterprise_id, w.person_id, w.room_group_id, v.f as from_room, v.d as move_date`.execute(db);
  return r.rows;
}

/** The enterprises these people worked at during a window (any day of it), with the enterprise's name. */
export async function employersDuring(db: Db, personIds: number[], from: string, to: string) {
  if (personIds.length === 0) return [];
  return db.selectFrom('worker as w').innerJoin('org_unit as o', 'o.id', 'w.enterprise_id')
    .select(['w.person_id', 'w.enterprise_id', 'o.name as enterprise_name'])
    .where('w.person_id', '=', sql<number>`any(${personIds}::int[])`)
    .where('w.employed_from', '<=', to)
    .where((eb) => eb.or([eb('w.employed_to', 'is', null), eb('w.employed_to', '>=', from)]))
    .orderBy('w.person_id').orderBy('w.employed_from', 'desc').orderBy('w.id')
    .execute();
}

/** Enterprises of a province by tax code or folded name (an import's workplace column, a form's search). */
export async function enterpriseRefs(db: Db, provinceCode: string, keys: { taxCodes?: string[]; nameKeys?: string[]; search?: string; ids?: number[] }, limit = 20) {
  let q = db.selectFrom('org_unit as o').innerJoin('enterprise_profile as p', 'p.org_unit_id', 'o.id')
    .select(['o.id', 'o.name', 'p.tax_code', 'p.name_search']).where('o.province_code', '=', provinceCode).where('o.kind', '=', 'enterprise');
  q = q.where((eb) => {
    const ors = [];
    if (keys.taxCodes?.length) ors.push(eb('p.tax_code', '=', sql<string>`any(${keys.taxCodes}::text[])`));
    if (keys.nameKeys?.length) ors.push(eb('p.name_search', '=', sql<string>`any(${keys.nameKeys}::text[])`));
    if (keys.ids?.length) ors.push(eb('o.id', '=', sql<number>`any(${keys.ids}::int[])`));
    if (keys.search) ors.push(eb('p.name_search', 'like', `%${escapeLike(foldVietnamese(keys.search.trim()))}%`), eb('p.tax_code', 'like', `${escapeLike(keys.search.trim())}%`));
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  return keys.search ? q.orderBy('o.name').limit(limit).execute() : q.execute();
}
