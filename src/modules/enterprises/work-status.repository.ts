/** All SQL of the day's work list, the F0 view's names and the F0 checklists of an enterprise. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OperatingStatus } from '../../db/schema.ts';

export interface DayWorker {
  id: number; person_id: number; employee_code: string; workshop_id: number | null; shift_id: number | null;
  full_name: string; phone: string | null; date_of_birth: string | null; national_id: string | null; address_detail: string | null;
  workshop_name: string | null; shift_name: string | null;
}

/**
 * Workers employed on the day with the workshop and shift in force that day: the workshop × shift
 * membership interval covering it (the history tracing reads), not the row's current one — a past
 * day's list shows each worker where they were then. A worker with no workshop × shift membership
 * in the enterprise at all (written before the history) keeps the row's. Optionally of one shift,
 * workshop or worker.
 */
export async function workersOnDay(db: Db, enterpriseId: number, day: string, f: { shiftId?: number | undefined; workshopId?: number | undefined; workerId?: number | undefined }): Promise<DayWorker[]> {
  const r = await sql<DayWorker>`
    with a as (
      select w.id, w.person_id, w.employee_code, p.full_name, p.phone, p.date_of_birth::text as date_of_birth, p.national_id, p.address_detail,
        case when d.group_id is not null then d.workshop_id when h.has_history then null else w.workshop_id end as workshop_id,
        case when d.group_id is not null then d.shift_id when h.has_history then null else w.shift_id end as shift_id
      from worker w
      join person p on p.id = w.person_id
      left join lateral (
        select m.group_id, x.workshop_id, x.shift_id from group_membership m
          join workshop_shift_group x on x.group_id = m.group_id
          join contact_group g on g.id = m.group_id
        where m.person_id = w.person_id and g.org_unit_id = w.enterprise_id
          and m.valid_from <= ${day}::date and (m.valid_to is null or m.valid_to >= ${day}::date)
        order by m.valid_from desc, m.id desc limit 1) d on true
      cross join lateral (
        select exists (select 1 from group_membership m join workshop_shift_group x on x.group_id = m.group_id join contact_group g on g.id = m.group_id
          where m.person_id = w.person_id and g.org_unit_id = w.enterprise_id) as has_history) h
      where w.enterprise_id = ${enterpriseId} and w.employed_from <= ${day}::date and (w.employed_to is null or w.employed_to >= ${day}::date)
        ${f.workerId !== undefined ? sql`and w.id = ${f.workerId}` : sql``}
    )
    select a.*, ws.name as workshop_name, sh.name as shift_name
    from a
      left join enterprise_workshop ws on ws.id = a.workshop_id
      left join enterprise_shift sh on sh.id = a.shift_id
    where true ${f.shiftId !== undefined ? sql`and a.shift_id = ${f.shiftId}` : sql``} ${f.workshopId !== undefined ? sql`and a.workshop_id = ${f.workshopId}` : sql``}
    order by sh.start_time, a.employee_code, a.id`.execute(db);
  return r.rows;
}

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
