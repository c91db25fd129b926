import { type Kysely, sql } from 'kysely';

/**
 * Boarding houses (issue 7): the house stays an `org_unit` (kind 'boarding_house') and each room a
 * `contact_group` (kind 'room'); a tenancy IS the room membership tracing reads. Beside them: the
 * details of a tenancy (workplace, who registered it) keyed to its membership, the province's
 * "smart boarding house" checklist versions and the dated assessments of each house.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('boarding_house_tenancy')
    // A membership removed by another writer (a same-day correction of a worker's room) takes its details along.
    .addColumn('membership_id', 'integer', (c) => c.primaryKey().references('group_membership.id').onDelete('cascade'))
    .addColumn('house_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('workplace_enterprise_id', 'integer', (c) => c.references('org_unit.id'))
    // A workplace that is not a registered enterprise, as the owner wrote it.
    .addColumn('workplace_text', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('form','import','demo')`))
    .addColumn('registered_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('boarding_house_tenancy_house_idx').on('boarding_house_tenancy').column('house_id').execute();
  await db.schema.createIndex('boarding_house_tenancy_workplace_idx').on('boarding_house_tenancy').column('workplace_enterprise_id').execute();

  await db.schema
    .createTable('boarding_house_checklist')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    // [{ code, label: { vi, en }, required }]; never edited: a newer version supersedes.
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('boarding_house_checklist_prov_idx').on('boarding_house_checklist').columns(['province_code', 'id']).execute();

  await db.schema
    .createTable('boarding_house_assessment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('house_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('assessed_on', 'date', (c) => c.notNull())
    // Null: the built-in checklist.
    .addColumn('checklist_id', 'integer', (c) => c.references('boarding_house_checklist.id'))
    // The items as they were (code, label, required, ticked), so an old assessment reads as made.
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('meets', 'boolean', (c) => c.notNull())
    .addColumn('self_assessed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addColumn('assessor_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('assessor_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('boarding_house_assessment_house_idx').on('boarding_house_assessment').columns(['house_id', 'assessed_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('boarding_house_assessment').execute();
  await db.schema.dropTable('boarding_house_checklist').execute();
  await db.schema.dropTable('boarding_house_tenancy').execute();
}
