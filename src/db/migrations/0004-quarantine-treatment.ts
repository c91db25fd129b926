import { type Kysely, sql } from 'kysely';

/**
 * Quarantine, isolation and treatment (issue 5): facility details (kind, category, level or tier,
 * status, capacity and beds, alert thresholds) beside their org unit, rooms grouped in zones, the
 * full quarantine order (risk group, place, subject, the rule version and the dates computed
 * from it, the source F0 and edge, status) with its event history, treatment admissions by care
 * level with transfers chained, and the daily checks of people quarantined at home.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('facility')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('quarantine','treatment')`))
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('school','dormitory','barracks','hotel','hospital','field_hospital','other')`))
    .addColumn('level', 'text', (c) => c.check(sql`level in ('province','district','commune')`))
    .addColumn('tier', 'smallint', (c) => c.check(sql`tier between 1 and 3`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','full','closed','disinfecting')`))
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(0).check(sql`capacity >= 0`))
    .addColumn('beds_normal', 'integer', (c) => c.notNull().defaultTo(0).check(sql`beds_normal >= 0`))
    .addColumn('beds_oxygen', 'integer', (c) => c.notNull().defaultTo(0).check(sql`beds_oxygen >= 0`))
    .addColumn('beds_icu', 'integer', (c) => c.notNull().defaultTo(0).check(sql`beds_icu >= 0`))
    .addColumn('staff_name', 'text')
    .addColumn('staff_phone', 'text')
    .addColumn('warn_percent', 'smallint', (c) => c.notNull().defaultTo(80).check(sql`warn_percent between 1 and 100`))
    .addColumn('critical_percent', 'smallint', (c) => c.notNull().defaultTo(95).check(sql`critical_percent between 1 and 100`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('facility_kind_fields', sql`(kind = 'quarantine' and tier is null) or (kind = 'treatment' and level is null)`)
    .execute();
  await db.schema.createIndex('facility_province_idx').on('facility').columns(['province_code', 'kind']).execute();

  await db.schema
    .createTable('facility_room')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('facility.org_unit_id'))
    .addColumn('zone', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addUniqueConstraint('facility_room_label_uq', ['facility_id', 'label'])
    .execute();

  await db.schema
    .alterTable('quarantine_order')
    .addColumn('subject', 'text', (c) => c.check(sql`subject in ('f1','f2','returning_citizen','case')`))
    .addColumn('risk_group', 'text', (c) => c.check(sql`risk_group in ('high','medium','low')`))
    .addColumn('vaccinated_or_recovered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('facility_id', 'integer', (c) => c.references('facility.org_unit_id'))
    .addColumn('room_id', 'integer', (c) => c.references('facility_room.id'))
    .addColumn('home_address', 'text')
    .addColumn('rule_code', 'text')
    .addColumn('rule_overridden', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_day', 'date')
    .addColumn('release_date', 'date')
    .addColumn('test_dates', sql`date[]`)
    .addColumn('home_monitoring_until', 'date')
    .addColumn('source_kind', 'text')
    .addColumn('source_group_id', 'integer')
    .addColumn('source_date', 'date')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active','released','transferred','became_case','cancelled')`))
    .addColumn('decided_by', 'integer')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('quarantine_order_room_idx').on('quarantine_order').columns(['room_id', 'status']).execute();
  await db.schema.createIndex('quarantine_order_facility_idx').on('quarantine_order').columns(['facility_id', 'status']).execute();
  await db.schema.createIndex('quarantine_order_status_idx').on('quarantine_order').columns(['province_code', 'status', 'kind']).execute();

  // Every change of an order, with who and why (placement, transfer, source or rule edits, release).
  await db.schema
    .createTable('quarantine_order_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('quarantine_order.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('created','placed','transferred','source_changed','rule_changed','released','became_case','cancelled')`))
    .addColumn('event_date', 'date', (c) => c.notNull())
    .addColumn('from_room_id', 'integer')
    .addColumn('to_room_id', 'integer')
    .addColumn('reason', 'text')
    .addColumn('detail', 'jsonb')
    .addColumn('actor_id', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('quarantine_order_event_order_idx').on('quarantine_order_event').columns(['order_id', 'id']).execute();

  // A stay at one care level; a transfer ends it and starts the next (previous_id keeps the chain).
  await db.schema
    .createTable('treatment_admission')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('covid_case.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('facility_id', 'integer', (c) => c.references('facility.org_unit_id'))
    .addColumn('care_level', 'text', (c) => c.notNull().check(sql`care_level in ('home_care','tier1','tier2','tier3')`))
    .addColumn('risk_group', 'text', (c) => c.notNull().check(sql`risk_group in ('low','medium','high','very_high')`))
    .addColumn('bed_kind', 'text', (c) => c.check(sql`bed_kind in ('normal','oxygen','icu')`))
    .addColumn('reason', 'text')
    .addColumn('vitals', 'jsonb')
    .addColumn('admitted_on', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('transferred','recovered','died')`))
    .addColumn('rule_code', 'text')
    .addColumn('previous_id', 'integer', (c) => c.references('treatment_admission.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('treatment_admission_end', sql`(ended_on is null) = (outcome is null) and (ended_on is null or ended_on >= admitted_on)`)
    .execute();
  await db.schema.createIndex('treatment_admission_facility_idx').on('treatment_admission').columns(['facility_id', 'ended_on']).execute();
  await sql`create unique index treatment_admission_open_uq on treatment_admission (case_id) where ended_on is null`.execute(db);

  // Community teams' daily check of people quarantined or monitored at home.
  await db.schema
    .createTable('home_check')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('order_id', 'integer', (c) => c.notNull().references('quarantine_order.id'))
    .addColumn('check_date', 'date', (c) => c.notNull())
    .addColumn('present', 'boolean', (c) => c.notNull())
    .addColumn('symptoms', 'boolean', (c) => c.notNull())
    .addColumn('temperature', sql`numeric(3,1)`)
    .addColumn('abnormal', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('checked_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('home_check_order_date_uq', ['order_id', 'check_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('home_check').execute();
  await db.schema.dropTable('treatment_admission').execute();
  await db.schema.dropTable('quarantine_order_event').execute();
  for (const c of ['subject', 'risk_group', 'vaccinated_or_recovered', 'facility_id', 'room_id', 'home_address', 'rule_code', 'rule_overridden', 'last_day',
    'release_date', 'test_dates', 'home_monitoring_until', 'source_kind', 'source_group_id', 'source_date', 'status', 'decided_by', 'updated_at']) {
    await db.schema.alterTable('quarantine_order').dropColumn(c).execute();
  }
  await db.schema.dropTable('facility_room').execute();
  await db.schema.dropTable('facility').execute();
}
