import { type Kysely, sql } from 'kysely';

/**
 * Pharmacies ask to take part through the testing units' registration (issue 9): the request
 * table takes the kind 'pharmacy', the pharmacy's licence number, and the district its commune is
 * in (district health reviews the requests of its district). The kinds of 0006 are kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table unit_registration drop constraint if exists unit_registration_kind_check`.execute(db);
  await sql`alter table unit_registration add constraint unit_registration_kind_check check (kind in ('lab','hospital','private_clinic','sampling_team','pharmacy'))`.execute(db);
  await db.schema.alterTable('unit_registration').addColumn('licence_no', 'text').execute();
  await db.schema.alterTable('unit_registration').addColumn('district_code', 'text').execute();
  await db.schema.createIndex('unit_registration_kind_status_idx').on('unit_registration').columns(['province_code', 'kind', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('unit_registration_kind_status_idx').execute();
  await db.deleteFrom('unit_registration').where('kind', '=', 'pharmacy').execute();
  await db.schema.alterTable('unit_registration').dropColumn('district_code').execute();
  await db.schema.alterTable('unit_registration').dropColumn('licence_no').execute();
  await sql`alter table unit_registration drop constraint if exists unit_registration_kind_check`.execute(db);
  await sql`alter table unit_registration add constraint unit_registration_kind_check check (kind in ('lab','hospital','private_clinic','sampling_team'))`.execute(db);
}
