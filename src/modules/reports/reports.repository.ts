/** All SQL of the daily report (`daily_report`); functions take the db or a transaction first. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The kept reports of a province, newest day first, without their files. */
export async function listReports(db: Db, provinceCode: string, page: number, pageSize: number) {
  const [items, count] = await Promise.all([
    db.selectFrom('daily_report as r')
      .leftJoin('app_user as u', 'u.id', 'r.generated_by')
      .select(['r.report_date', 'r.number', 'r.generated_at', 'r.generated_by', 'u.username', 'u.full_name',
        sql<boolean>`r.docx is not null and r.xlsx is not null`.as('has_files')])
      .where('r.province_code', '=', provinceCode)
      .orderBy('r.report_date', 'desc')
      .limit(pageSize).offset((page - 1) * pageSize)
      .execute(),
    db.selectFrom('daily_report').select(sql<number>`count(*)`.as('n')).where('province_code', '=', provinceCode).executeTakeFirstOrThrow(),
  ]);
  return { items, total: count.n };
}

/** One day's report without its files: texts, kept figures, who generated it and when. */
export async function findReport(db: Db, provinceCode: string, date: string) {
  return db.selectFrom('daily_report as r')
    .leftJoin('app_user as u', 'u.id', 'r.generated_by')
    .select(['r.id', 'r.report_date', 'r.number', 'r.difficulties', 'r.proposals', 'r.figures', 'r.generated_at', 'r.generated_by', 'r.updated_at',
      'u.username', 'u.full_name', sql<boolean>`r.docx is not null and r.xlsx is not null`.as('has_files')])
    .where('r.province_code', '=', provinceCode).where('r.report_date', '=', date)
    .executeTakeFirst();
}

export async function reportFile(db: Db, provinceCode: string, date: string, kind: 'docx' | 'xlsx') {
  return db.selectFrom('daily_report').select(kind === 'docx' ? 'docx as file' : 'xlsx as file')
    .where('province_code', '=', provinceCode).where('report_date', '=', date).executeTakeFirst();
}

/** The day's row, created empty when missing, locked until the transaction ends (notes and generation do not interleave). */
export async function lockReport(trx: Db, provinceCode: string, date: string) {
  await trx.insertInto('daily_report').values({ province_code: provinceCode, report_date: date })
    .onConflict((oc) => oc.columns(['province_code', 'report_date']).doNothing()).execute();
  return trx.selectFrom('daily_report')
    .select(['id', 'number', 'difficulties', 'proposals', 'generated_at', 'generated_by'])
    .where('province_code', '=', provinceCode).where('report_date', '=', date)
    .forUpdate().executeTakeFirstOrThrow();
}

export async function updateNotes(trx: Db, id: number, notes: { number: string | null; difficulties: string; proposals: string }, by: number) {
  await trx.updateTable('daily_report').set({ ...notes, notes_updated_by: by, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function saveGenerated(trx: Db, id: number, g: { figures: unknown; docx: Buffer; xlsx: Buffer; by: number | null; at: Date }) {
  await trx.updateTable('daily_report')
    .set({ figures: JSON.stringify(g.figures), docx: g.docx, xlsx: g.xlsx, generated_at: g.at, generated_by: g.by, updated_at: sql<Date>`now()` })
    .where('id', '=', id).execute();
}

/** When the day's report was last generated (null: never). */
export async function generatedAt(db: Db, provinceCode: string, date: string): Promise<Date | null> {
  const r = await db.selectFrom('daily_report').select('generated_at').where('province_code', '=', provinceCode).where('report_date', '=', date).executeTakeFirst();
  return r?.generated_at ?? null;
}
