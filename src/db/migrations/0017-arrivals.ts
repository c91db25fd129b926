import { type Kysely, sql } from 'kysely';
import { allowRuleContext, dropRuleContext } from './rule-contexts.ts';

/**
 * Arrivals, checkpoints and health declarations (issue 9). Checkpoints stay `org_unit` rows of
 * kind 'checkpoint' (point in lon/lat) with their detail here (road, status, staff, shifts);
 * arrivals logged at a checkpoint or reported by a commune keep the action the arrival rule
 * version in force gave them and the order it led to; public health declarations with the
 * commune's call list (status on the declaration, each attempt in `declaration_call`).
 * `rule_version` gets the context 'arrival'; the list is read from the constraint in place, so
 * contexts another migration added are kept.
 */
const ORIGIN_LEVELS = sql`('none','level1','level2','level3','level4','epidemic_zone','lockdown')`;

export async function up(db: Kysely<any>): Promise<void> {
  await allowRuleContext(db, 'arrival');

  await db.schema
    .createTable('checkpoint')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('road', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','suspended','closed')`))
    // [{ name, phone, unit }]: the people on duty there (police, health, army, youth union).
    .addColumn('staff', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // [{ name, start: 'HH:MM', end: 'HH:MM' }]
    .addColumn('shifts', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('arrival')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('checkpoint','commune','import','demo')`))
    .addColumn('checkpoint_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('arrived_at', 'timestamptz', (c) => c.notNull())
    // Vietnam's calendar day of arrived_at, for lists and counts by day.
    .addColumn('arrival_date', 'date', (c) => c.notNull())
    .addColumn('origin_province_code', 'text', (c) => c.notNull())
    .addColumn('origin_district_code', 'text')
    .addColumn('origin_level', 'text', (c) => c.notNull().check(sql`origin_level in ${ORIGIN_LEVELS}`))
    .addColumn('means', 'text', (c) => c.notNull().check(sql`means in ('car','truck','bus','motorbike','other')`))
    .addColumn('purpose', 'text')
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('dest_address', 'text')
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('ordinary','long_haul_driver','postal_staff')`))
    .addColumn('vehicle_plate', 'text')
    .addColumn('route', 'text')
    .addColumn('test_type', 'text', (c) => c.check(sql`test_type in ('rt_pcr','rapid')`))
    .addColumn('test_at', 'timestamptz')
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('none','test','home_monitoring','centralized_quarantine','test_at_checkpoint')`))
    .addColumn('action_days', 'integer')
    .addColumn('action_hours', 'integer')
    // pending: an order still to be made by someone who may (the commune, the district); applied: made.
    .addColumn('action_status', 'text', (c) => c.notNull().check(sql`action_status in ('none','pending','applied')`))
    .addColumn('quarantine_order_id', 'integer', (c) => c.references('quarantine_order.id'))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('arrival_province_date_idx').on('arrival').columns(['province_code', 'arrival_date']).execute();
  await db.schema.createIndex('arrival_commune_idx').on('arrival').columns(['commune_code', 'arrival_date']).execute();
  await db.schema.createIndex('arrival_checkpoint_idx').on('arrival').columns(['checkpoint_id', 'arrival_date']).execute();
  await db.schema.createIndex('arrival_person_idx').on('arrival').columns(['person_id']).execute();

  await db.schema
    .createTable('health_declaration')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('declared_at', 'timestamptz', (c) => c.notNull())
    .addColumn('symptoms', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('contact_f0', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('visited_outbreak', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('travel_province_code', 'text')
    .addColumn('travel_epidemic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('abnormal', 'boolean', (c) => c.notNull())
    .addColumn('reasons', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('call_status', 'text', (c) => c.notNull().check(sql`call_status in ('not_needed','to_call','not_reached','reached','referred','no_action')`))
    .addColumn('call_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_called_at', 'timestamptz')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('public').check(sql`source in ('public','demo')`))
    .execute();
  await db.schema.createIndex('health_declaration_calls_idx').on('health_declaration').columns(['province_code', 'call_status', 'commune_code']).execute();
  await db.schema.createIndex('health_declaration_person_idx').on('health_declaration').columns(['person_id']).execute();

  await db.schema
    .createTable('declaration_call')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('declaration_id', 'integer', (c) => c.notNull().references('health_declaration.id'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('reached','not_reached','referred','no_action')`))
    .addColumn('note', 'text')
    .addColumn('called_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('called_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('declaration_call_decl_idx').on('declaration_call').columns(['declaration_id']).execute();
  await sql`create index org_unit_checkpoint_idx on org_unit (province_code, district_code) where kind = 'checkpoint'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists org_unit_checkpoint_idx`.execute(db);
  await db.schema.dropTable('declaration_call').execute();
  await db.schema.dropTable('health_declaration').execute();
  await db.schema.dropTable('arrival').execute();
  await db.schema.dropTable('checkpoint').execute();
  await dropRuleContext(db, 'arrival');
}
