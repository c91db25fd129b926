import { type Kysely, sql } from 'kysely';

/**
 * Vaccination (issue 9): sites beside their `org_unit` row (kind 'vaccination_site'), vaccine
 * products and lots, the configurable priority groups, sessions with their invited lists, one row
 * per dose given, adverse reaction follow-ups, and the province's dated interval-rule versions
 * (kept here rather than in `rule_version` so the shared context check is not rewritten).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vaccination_site')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('capacity_per_session', 'integer', (c) => c.notNull().defaultTo(100).check(sql`capacity_per_session > 0`))
    .addColumn('vaccinators', 'integer', (c) => c.notNull().defaultTo(0).check(sql`vaccinators >= 0`))
    .addColumn('emergency_staff', 'integer', (c) => c.notNull().defaultTo(0).check(sql`emergency_staff >= 0`))
    // Names of the staff on the roster: [{ name, role: 'vaccinator' | 'emergency', phone? }].
    .addColumn('staff', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .createTable('vaccine_product')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    // Doses for a full course (Janssen 1).
    .addColumn('doses_required', 'integer', (c) => c.notNull().check(sql`doses_required between 1 and 3`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.insertInto('vaccine_product').values([
    { code: 'astrazeneca', name: 'AstraZeneca (Vaxzevria)', doses_required: 2 },
    { code: 'pfizer', name: 'Pfizer-BioNTech (Comirnaty)', doses_required: 2 },
    { code: 'moderna', name: 'Moderna (Spikevax)', doses_required: 2 },
    { code: 'verocell', name: 'Sinopharm Vero Cell', doses_required: 2 },
    { code: 'sputnik_v', name: 'Sputnik V', doses_required: 2 },
    { code: 'janssen', name: 'Janssen', doses_required: 1 },
  ]).execute();

  await db.schema
    .createTable('vaccine_lot')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text', (c) => c.notNull().references('vaccine_product.code'))
    .addColumn('lot_number', 'text', (c) => c.notNull())
    .addColumn('expiry_date', 'date', (c) => c.notNull())
    .addColumn('received_date', 'date')
    .addColumn('doses_received', 'integer', (c) => c.notNull().check(sql`doses_received >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index vaccine_lot_number_uq on vaccine_lot (province_code, product_code, lot_number)`.execute(db);

  await db.schema
    .createTable('vaccination_priority_group')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    // High-risk groups count toward the "≥90% of high-risk" target.
    .addColumn('high_risk', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`create unique index vaccination_priority_group_uq on vaccination_priority_group (province_code, code)`.execute(db);

  await db.schema
    .createTable('vaccination_session')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('session_date', 'date', (c) => c.notNull())
    .addColumn('shift', 'text', (c) => c.notNull().check(sql`shift in ('morning','afternoon','all_day')`))
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('product_code', 'text', (c) => c.references('vaccine_product.code'))
    .addColumn('priority_groups', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('vaccination_session_date_idx').on('vaccination_session').columns(['province_code', 'session_date']).execute();

  await db.schema
    .createTable('vaccination_invitee')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('vaccination_session.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('priority_group', 'text')
    .addColumn('attended', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('vaccination_invitee_pk', ['session_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('vaccine_dose')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    // The person's commune when the dose was recorded: coverage counts by the register's commune.
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('dose_number', 'integer', (c) => c.notNull().check(sql`dose_number between 1 and 5`))
    .addColumn('product_code', 'text', (c) => c.notNull().references('vaccine_product.code'))
    .addColumn('dose_date', 'date', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('lot_id', 'integer', (c) => c.references('vaccine_lot.id'))
    .addColumn('session_id', 'integer', (c) => c.references('vaccination_session.id'))
    // Set when a dose given earlier than the interval rule advises was recorded anyway.
    .addColumn('early_override_reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual').check(sql`source in ('manual','import','demo')`))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index vaccine_dose_person_number_uq on vaccine_dose (person_id, dose_number)`.execute(db);
  await db.schema.createIndex('vaccine_dose_commune_idx').on('vaccine_dose').columns(['province_code', 'commune_code', 'dose_date']).execute();
  await db.schema.createIndex('vaccine_dose_lot_idx').on('vaccine_dose').column('lot_id').execute();

  await db.schema
    .createTable('vaccine_adverse_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('dose_id', 'integer', (c) => c.notNull().references('vaccine_dose.id'))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('mild','moderate','severe')`))
    .addColumn('onset_date', 'date', (c) => c.notNull())
    .addColumn('symptoms', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('monitoring').check(sql`outcome in ('monitoring','recovered','hospitalized','died')`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('vaccine_adverse_event_dose_idx').on('vaccine_adverse_event').column('dose_id').execute();

  await db.schema
    .createTable('vaccine_rule_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index vaccine_rule_version_uq on vaccine_rule_version (province_code, code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['vaccine_rule_version', 'vaccine_adverse_event', 'vaccine_dose', 'vaccination_invitee', 'vaccination_session',
    'vaccination_priority_group', 'vaccine_lot', 'vaccine_product', 'vaccination_site']) {
    await db.schema.dropTable(t).execute();
  }
}
