import { type Kysely, sql } from 'kysely';

/**
 * The daily situation report (issue 8): one row per province and day, holding the texts people
 * write (number, difficulties, proposals), and once generated the figures as computed then and the
 * two files, so a kept report downloads as it was. Regenerating replaces figures and files and
 * keeps the texts. Plus the indexes the report's per-day figures read by (samples taken and
 * resulted on a day, orders started on a day, admissions and status steps of a day).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('daily_report')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('report_date', 'date', (c) => c.notNull())
    // e.g. '123/BC-BCĐ'; null: left blank on the document, filled in by hand when issued.
    .addColumn('number', 'text')
    .addColumn('difficulties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposals', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('figures', 'jsonb')
    .addColumn('docx', 'bytea')
    .addColumn('xlsx', 'bytea')
    .addColumn('generated_at', 'timestamptz')
    // Null with generated_at set: made by the scheduler inside the server.
    .addColumn('generated_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('notes_updated_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('daily_report_day_uq', ['province_code', 'report_date'])
    .execute();

  await db.schema.createIndex('sample_taken_idx').on('sample').columns(['province_code', 'taken_on']).execute();
  await db.schema.createIndex('sample_resulted_idx').on('sample').columns(['province_code', 'resulted_on']).execute();
  await db.schema.createIndex('quarantine_order_start_idx').on('quarantine_order').columns(['province_code', 'start_date']).execute();
  await db.schema.createIndex('treatment_admission_day_idx').on('treatment_admission').columns(['province_code', 'admitted_on']).execute();
  await db.schema.createIndex('case_status_event_day_idx').on('case_status_event').columns(['status', 'effective_date']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_status_event_day_idx').execute();
  await db.schema.dropIndex('treatment_admission_day_idx').execute();
  await db.schema.dropIndex('quarantine_order_start_idx').execute();
  await db.schema.dropIndex('sample_resulted_idx').execute();
  await db.schema.dropIndex('sample_taken_idx').execute();
  await db.schema.dropTable('daily_report').execute();
}
