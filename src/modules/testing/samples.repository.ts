/** SQL of samples and results, and the quarantine rows a positive result touches. */
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SampleResult, SampleTable } from '../../db/schema.ts';

export async function insertSample(db: Db, row: Insertable<SampleTable>): Promise<number> {
  return (await db.insertInto('sample').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findSample(db: Db, id: number) {
  return db.selectFrom('sample').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function barcodeTaken(db: Db, provinceCode: string, barcode: string) {
  return !!(await db.selectFrom('sample').select('id').where('province_code', '=', provinceCode).where('barcode', '=', barcode).executeTakeFirst());
}

export async function setResult(db: Db, id: number, r: { result: SampleResult; resulted_on: string; ct: string | null; lab: string | null }) {
  await db.updateTable('sample').set(r).where('id', '=', id).where('result', 'is', null).execute();
}

export async function samplesOfPerson(db: Db, personId: number) {
  return db.selectFrom('sample').select(['id', 'barcode', 'method', 'purpose', 'order_id', 'taken_on', 'result', 'ct', 'lab', 'resulted_on'])
    .where('person_id', '=', personId).orderBy('taken_on', 'desc').orderBy('id', 'desc').execute();
}

export async function activeOrderOf(db: Db, personId: number) {
  return db.selectFrom('quarantine_order').select(['id', 'kind', 'subject', 'room_id', 'start_date', 'facility_id'])
    .where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst();
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
