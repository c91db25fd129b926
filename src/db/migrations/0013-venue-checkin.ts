import { type Kysely, sql } from 'kysely';

/**
 * Venue QR check-in (issue 7): the venue details the QR posters need (the code version a reissued
 * poster bumps, so older codes stop working; deactivation), the phones that check in without an
 * account (only a hash of their device token is kept), and where each check-in came from.
 * Venues stay `org_unit` rows of kind 'venue'; a venue without a `venue` row is active at version 1
 * (the demo's and the tracing fixtures' venues).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('venue')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('code_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('deactivated_at', 'timestamptz')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('checkin_device')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Check-ins before this migration were loaded (demo, imports); new ones say how they were made.
  await sql`alter table checkin add column source text not null default 'import'
    constraint checkin_source_ck check (source in ('venue_qr', 'person_qr', 'import'))`.execute(db);
  await sql`alter table checkin add column device_id integer references checkin_device (id)`.execute(db);
  await sql`alter table checkin add column created_by integer references app_user (id)`.execute(db);
  // The 5-minute repeat check of one person at one venue.
  await db.schema.createIndex('checkin_person_venue_time_idx').on('checkin').columns(['person_id', 'venue_id', 'checked_in_at']).execute();
  await sql`create index org_unit_venue_idx on org_unit (province_code, commune_code) where kind = 'venue'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists org_unit_venue_idx`.execute(db);
  await db.schema.dropIndex('checkin_person_venue_time_idx').execute();
  await sql`alter table checkin drop column created_by`.execute(db);
  await sql`alter table checkin drop column device_id`.execute(db);
  await sql`alter table checkin drop column source`.execute(db);
  await db.schema.dropTable('checkin_device').execute();
  await db.schema.dropTable('venue').execute();
}
