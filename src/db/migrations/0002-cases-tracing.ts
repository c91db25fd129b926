import { type Kysely, sql } from 'kysely';

/**
 * Cases and tracing: the case status timeline, manual contacts, quarantine starts (the
 * quarantine context extends `quarantine_order`), trace runs with every exposure edge and the
 * review of each traced person, and clusters (ổ dịch).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('covid_case')
    .addColumn('found_place', 'text')
    .addColumn('found_org_unit_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('facility_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('note', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('covid_case_status_idx').on('covid_case').columns(['province_code', 'status']).execute();

  // Dated status timeline: the case row holds the latest; this keeps every step.
  await db.schema
    .createTable('case_status_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('covid_case.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('isolated','in_treatment','recovered','died')`))
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('facility_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_status_event_case_idx').on('case_status_event').columns(['case_id', 'effective_date']).execute();

  await db.schema
    .createTable('manual_contact')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('person_a', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('person_b', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('contact_date', 'date', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('manual_contact_two_people', sql`person_a <> person_b`)
    .execute();
  await db.schema.createIndex('manual_contact_a_idx').on('manual_contact').column('person_a').execute();
  await db.schema.createIndex('manual_contact_b_idx').on('manual_contact').column('person_b').execute();

  await db.schema
    .createTable('quarantine_order')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('centralized','home','medical_isolation')`))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('source_person_id', 'integer', (c) => c.references('person.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('quarantine_order_person_idx').on('quarantine_order').columns(['person_id', 'start_date']).execute();

  await db.schema
    .createTable('trace_run')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('case_confirmed','manual')`))
    .addColumn('trigger_case_id', 'integer', (c) => c.references('covid_case.id'))
    .addColumn('f0_person_ids', sql`integer[]`, (c) => c.notNull())
    .addColumn('counts', 'jsonb', (c) => c.notNull())
    .addColumn('engine_ms', 'real')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('trace_run_case_idx').on('trace_run').columns(['trigger_case_id', 'created_at']).execute();

  // One row per traced person of a run: level, primary source edge, and the epidemiologist's review.
  await db.schema
    .createTable('traced_person')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('trace_run.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('level', 'smallint', (c) => c.notNull())
    .addColumn('window_start', 'date')
    .addColumn('window_end', 'date')
    .addColumn('source_person_id', 'integer')
    .addColumn('source_kind', 'text')
    .addColumn('source_group_id', 'integer')
    .addColumn('source_date', 'date')
    .addColumn('review_status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`review_status in ('pending','confirmed','dismissed','added')`),
    )
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'integer')
    .addColumn('reviewed_at', 'timestamptz')
    .execute();
  await sql`create unique index traced_person_run_person_uq on traced_person (run_id, person_id)`.execute(db);
  await db.schema.createIndex('traced_person_person_idx').on('traced_person').column('person_id').execute();

  // Every exposure edge of a run (source -> target at the next level).
  await db.schema
    .createTable('exposure_edge')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('trace_run.id'))
    .addColumn('source_person_id', 'integer', (c) => c.notNull())
    .addColumn('target_person_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('household','room','workshop_shift','bus_route','venue','manual')`),
    )
    .addColumn('group_id', 'integer')
    .addColumn('exposure_date', 'date', (c) => c.notNull())
    .addColumn('target_level', 'smallint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exposure_edge_run_idx').on('exposure_edge').columns(['run_id', 'target_level']).execute();

  await db.schema
    .createTable('cluster')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place_kind', 'text', (c) =>
      c.notNull().check(sql`place_kind in ('enterprise','village','market','hospital','boarding_house','other')`),
    )
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('control_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('cluster_case')
    .addColumn('cluster_id', 'integer', (c) => c.notNull().references('cluster.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('covid_case.id'))
    .addColumn('added_by', 'integer')
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cluster_case_pk', ['cluster_id', 'case_id'])
    .execute();
  await db.schema.createIndex('cluster_case_case_idx').on('cluster_case').column('case_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['cluster_case', 'cluster', 'exposure_edge', 'traced_person', 'trace_run', 'quarantine_order', 'manual_contact', 'case_status_event']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('covid_case').dropColumn('found_place').dropColumn('found_org_unit_id').dropColumn('facility_id').dropColumn('note').dropColumn('updated_at').execute();
}
