import { type Kysely, sql } from 'kysely';

/**
 * Lockdown zones (issue 8): "khoanh vùng rộng, phong tỏa hẹp" — a narrow core lockdown inside a
 * wider buffer and surveillance ring. Each ring has its drawn shape (a GeoJSON polygon; a circle
 * keeps its centre and radius to be edited as one) and the administrative areas (a commune, or
 * one village of it) whose residents it holds, as the lockdown decision names them. Sampling
 * rounds and screening schedules can target a zone.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lockdown_zone')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    // The area of the core's first commune: who may see and edit the zone.
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    // The name folded (foldVietnamese) for searching without accents.
    .addColumn('name_search', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'date')
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('lockdown_zone_dates', sql`ended_on is null or ended_on >= started_on`)
    .execute();
  await db.schema.createIndex('lockdown_zone_area_idx').on('lockdown_zone').columns(['province_code', 'district_code', 'commune_code']).execute();
  await db.schema.createIndex('lockdown_zone_dates_idx').on('lockdown_zone').columns(['province_code', 'started_on', 'ended_on']).execute();

  await db.schema
    .createTable('lockdown_ring')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('zone_id', 'integer', (c) => c.notNull().references('lockdown_zone.id').onDelete('cascade'))
    .addColumn('ring', 'text', (c) => c.notNull().check(sql`ring in ('core','buffer','surveillance')`))
    .addColumn('geometry', 'jsonb', (c) => c.notNull())
    .addColumn('circle', 'jsonb')
    .addUniqueConstraint('lockdown_ring_zone_ring_uq', ['zone_id', 'ring'])
    .execute();

  await db.schema
    .createTable('lockdown_ring_area')
    .addColumn('ring_id', 'integer', (c) => c.notNull().references('lockdown_ring.id').onDelete('cascade'))
    .addColumn('commune_code', 'text', (c) => c.notNull().references('admin_unit.code'))
    .addColumn('village', 'text')
    .execute();
  await db.schema.createIndex('lockdown_ring_area_ring_idx').on('lockdown_ring_area').column('ring_id').execute();

  await db.schema.alterTable('sampling_round').addColumn('target_zone_id', 'integer', (c) => c.references('lockdown_zone.id')).execute();
  await db.schema.alterTable('screening_schedule').addColumn('target_zone_id', 'integer', (c) => c.references('lockdown_zone.id')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('screening_schedule').dropColumn('target_zone_id').execute();
  await db.schema.alterTable('sampling_round').dropColumn('target_zone_id').execute();
  await db.schema.dropTable('lockdown_ring_area').execute();
  await db.schema.dropTable('lockdown_ring').execute();
  await db.schema.dropTable('lockdown_zone').execute();
}
