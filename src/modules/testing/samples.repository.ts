/** SQL of samples and results, and the quarantine rows a positive result touches. */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SampleTable } from '../../db/schema.ts';

export async function insertSample(db: Db, row: Insertable<SampleTable>): Promise<number> {
  return (await db.insertInto('sample').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findSample(db: Db, id: number) {
  return db.selectFrom('sample').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function samplesOfPerson(db: Db, personId: number) {
  return db.selectFrom('sample as s').leftJoin('pool as p', 'p.id', 's.pool_id').leftJoin('sampling_round as r', 'r.id', 's.round_id')
    .select(['s.id', 's.barcode', 's.method', 's.purpose', 's.order_id', 's.taken_on', 's.result', 's.ct', 's.lab', 's.resulted_on', 'p.barcode as pool_barcode',
      'p.result as pool_result', 'r.code as round_code'])
    .where('s.person_id', '=', personId).orderBy('s.taken_on', 'desc').orderBy('s.id', 'desc').execute();
}

/** A sample with what its result slip prints: the person, the pool, the lab unit's district. */
export async function slipFacts(db: Db, sampleId: number) {
  return db.selectFrom('sample as s').innerJoin('person as pe', 'pe.id', 's.person_id').leftJoin('pool as p', 'p.id', 's.pool_id')
    .leftJoin('admin_unit as c', 'c.code', 'pe.commune_code').leftJoin('admin_unit as d', 'd.code', 'pe.district_code').leftJoin('admin_unit as pr', 'pr.code', 's.province_code')
    .select(['s.id', 's.province_code', 's.person_id', 's.barcode', 's.method', 's.taken_on', 's.result', 's.ct', 's.lab', 's.resulted_on', 'p.barcode as pool_barcode',
      'p.lab as pool_lab', 'pe.full_name', 'pe.sex', 'pe.date_of_birth', 'pe.national_id', 'pe.address_detail', 'pe.district_code', 'pe.commune_code',
      'c.name as commune_name', 'd.name as district_name', 'pr.name as province_name'])
    .where('s.id', '=', sampleId).executeTakeFirst();
}

export async function personOf(db: Db, id: number) {
  return db.selectFrom('person').select(['id', 'province_code', 'district_code', 'commune_code', 'full_name']).where('id', '=', id).executeTakeFirst();
}

/** The order becomes a case's: it ends on the sample date. */
export async function endOrderAsCase(db: Db, orderId: number, date: string) {
  await db.updateTable('quarantine_order').set({ status: 'became_case', end_date: date, updated_at: sql`now()` }).where('id', '=', orderId).execute();
}

/** Flags the other active occupants of a room; returns their order ids. */
export async function flagRoommates(db: Db, roomId: number, exceptOrderId: number, date: string, reason: string): Promise<Array<{ id: number; person_id: number }>> {
  return db.updateTable('quarantine_order').set({ flagged_on: date, flag_reason: reason, updated_at: sql`now()` })
    .where('room_id', '=', roomId).where('status', '=', 'active').where('id', '!=', exceptOrderId)
    .returning(['id', 'person_id']).execute();
}

/** Whether a unit has sampled this person (in one of its rounds) or holds them (quarantine, treatment). */
export async function personKnownToUnit(db: Db, orgId: number, personId: number): Promise<boolean> {
  const r = await sql<{ known: boolean }>`select exists (select 1 from sample s join sampling_round r on r.id = s.round_id
      where s.person_id = ${personId} and (r.team_org_id = ${orgId} or r.target_org_id = ${orgId}))
    or exists (select 1 from quarantine_order o where o.person_id = ${personId} and o.facility_id = ${orgId})
    or exists (select 1 from treatment_admission a where a.person_id = ${personId} and a.facility_id = ${orgId}) as known`.execute(db);
  return r.rows[0]?.known ?? false;
}
