/** All SQL of the day's work list, the F0 view's names and the F0 checklists of an enterprise. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OperatingStatus } from '../../db/schema.ts';

/** Workers employed on the day (the current workshop and shift), optionally of one shift or workshop. */
export async function workersOnDay(db: Db, enterpriseId: number, day: string, f: { shiftId?: number | undefined; workshopId?: number | undefined; workerId?: number | undefined }) {
  let q = db.selectFrom('worker as w').innerJoin('person as p', 'p.id', 'w.person_id')
    .leftJoin('enterprise_workshop as ws', 'ws.id', 'w.workshop_id')
    .leftJoin('enterprise_shift as sh', 'sh.id', 'w.shift_id')
    .select([
      'w.id', 'w.person_id', 'w.employee_code', 'w.workshop_id', 'w.shift_id', 'p.full_name', 'p.phone', 'p.date_of_birth', 'p.national_id', 'p.address_detail',
      'ws.name as workshop_name', 'sh.name as shift_name',
    ])
    .where('w.enterprise_id', '=', enterpriseId).where('w.employed_from', '<=', day)
    .where((eb) => eb.or([eb('w.employed_to', 'is', null), eb('w.employed_to', '>=', day)]));
  if (f.shiftId !== undefined) q = q.where('w.shift_id', '=', f.shiftId);
  if (f.workshopId !== undefined) q = q.where('w.workshop_id', '=', f.workshopId);
  if (f.workerId !== undefined) q = q.where('w.id', '=', f.workerId);
  return q.orderBy('sh.start_time').orderBy('w.employee_code').orderBy('w.id').execute();
}
export type DayWorker = Awaited<ReturnType<typeof workersOnDay>>[number];

/** The operating status in force on a day: the latest dated event on or before it, else the current one. */
export async function statusOn(db: Db, enterpriseId: number, day: string, current: OperatingStatus): Promise<OperatingStatus> {
  const r = await db.selectFrom('enterprise_status_event').select('status').where('enterprise_id', '=', enterpriseId).where('effective_date', '<=', day)
    .orderBy('effective_date', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return r?.status ?? current;
}

/** Every worker of the enterprise employed at some point up to the day, with their current assignment's names. */
export async function workersUpTo(db: Db, enterpriseId: number, day: string) {
  return db.selectFrom('worker as w').innerJoin('person as p', 'p.id', 'w.person_id')
    .leftJoin('enterprise_workshop as ws', 'ws.id', 'w.workshop_id')
    .leftJoin('enterprise_shift as sh', 'sh.id', 'w.shift_id')
    .leftJoin('enterprise_bus_route as br', 'br.group_id', 'w.bus_group_id')
    .leftJoin('contact_group as room', 'room.id', 'w.room_group_id')
    .leftJoin('org_unit as house', 'house.id', 'room.org_unit_id')
    .select(['w.id', 'w.person_id', 'w.employee_code', 'p.full_name', 'ws.name as workshop_name', 'sh.name as shift_name', 'br.name as bus_name', 'room.label as room_label', 'house.name as house_name'])
    .where('w.enterprise_id', '=', enterpriseId).where('w.employed_from', '<=', day).execute();
}

/** Names and phones of traced people, and whether each is a worker of the enterprise. */
export async function peopleNamed(db: Db, enterpriseId: number, personIds: readonly number[]) {
  if (personIds.length === 0) return [];
  const r = await sql<{ id: number; full_name: string; phone: string | null; date_of_birth: string | null; national_id: string | null; address_detail: string | null; worker_id: number | null }>`
    select p.id, p.full_name, p.phone, p.date_of_birth::text as date_of_birth, p.national_id, p.address_detail,
      (select min(w.id) from worker w where w.person_id = p.id and w.enterprise_id = ${enterpriseId}) as worker_id
    from person p where p.id = any(${[...personIds]}::int[])`.execute(db);
  return r.rows;
}

/** Labels of contact groups (workshop × shift, bus route, room) with their owner's name. */
export async function groupLabels(db: Db, groupIds: readonly number[]) {
  if (groupIds.length === 0) return [];
  return db.selectFrom('contact_group as g').leftJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .select(['g.id', 'g.kind', 'g.label', 'o.name as org_name']).where('g.id', 'in', [...groupIds]).execute();
}

export async function checksOf(db: Db, enterpriseId: number, caseIds: readonly number[]) {
  if (caseIds.length === 0) return [];
  return db.selectFrom('enterprise_f0_check as c').leftJoin('app_user as u', 'u.id', 'c.updated_by')
    .select(['c.id', 'c.case_id', 'c.item_key', 'c.done', 'c.note', 'c.done_on', 'c.updated_at', 'u.username'])
    .where('c.enterprise_id', '=', enterpriseId).where('c.case_id', 'in', [...caseIds]).execute();
}

/** One item's state, inserted or replaced (one row per enterprise, case and item). */
export async function upsertCheck(db: Db, row: { province_code: string; enterprise_id: number; case_id: number; item_key: string; done: boolean; note: string | null; done_on: string | null; updated_by: number | null }) {
  return db.insertInto('enterprise_f0_check').values({ ...row, updated_at: new Date() })
    .onConflict((oc) => oc.constraint('enterprise_f0_check_uq').doUpdateSet((eb) => ({
      done: eb.ref('excluded.done'), note: eb.ref('excluded.note'), done_on: eb.ref('excluded.done_on'), updated_by: eb.ref('excluded.updated_by'), updated_at: eb.ref('excluded.updated_at'),
    })))
    .returning('id').executeTakeFirstOrThrow();
}

export async function findCheck(db: Db, enterpriseId: number, caseId: number, itemKey: string) {
  return db.selectFrom('enterprise_f0_check').selectAll().where('enterprise_id', '=', enterpriseId).where('case_id', '=', caseId).where('item_key', '=', itemKey).executeTakeFirst();
}
