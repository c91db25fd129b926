import { type Kysely, sql } from 'kysely';

/**
 * Testing (issue 6): recurring screening schedules, sampling rounds with their expected people, pools of 5 or 10 with their
 * barcode and result, samples linked to their round and pool, the individual re-test tasks a
 * positive or invalid pool (or an invalid or rapid positive result) creates, and the record of
 * each lab result file imported (by content hash, so the same file applied twice changes nothing).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Labs, hospitals, private clinics and sampling teams that ask to take part: approved by the
  // province, which creates their unit and first user from the request.
  await db.schema
    .createTable('unit_registration')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('lab','hospital','private_clinic','sampling_team')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('address_detail', 'text')
    .addColumn('capacity_per_day', 'integer')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending','approved','rejected')`))
    .addColumn('decision_note', 'text')
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Recurring screening (every N days) of a lockdown zone, an enterprise, a facility or a commune.
  await db.schema
    .createTable('screening_schedule')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('lockdown_zone','commune','enterprise','facility')`))
    .addColumn('target_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('every_days', 'smallint', (c) => c.notNull().check(sql`every_days between 1 and 30`))
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('rt_pcr','rt_pcr_pool','rapid_antigen')`))
    .addColumn('risk_level', 'text', (c) => c.check(sql`risk_level in ('high','low')`))
    .addColumn('team_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('screening_schedule_dates', sql`ends_on is null or ends_on >= starts_on`)
    .execute();

  await db.schema
    .createTable('sampling_round')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('lockdown_zone','commune','village','enterprise','workshop','facility','list')`))
    .addColumn('target_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('target_label', 'text', (c) => c.notNull())
    .addColumn('scheduled_on', 'date', (c) => c.notNull())
    .addColumn('team_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('rt_pcr','rt_pcr_pool','rapid_antigen')`))
    .addColumn('risk_level', 'text', (c) => c.check(sql`risk_level in ('high','low')`))
    .addColumn('pool_size', 'smallint', (c) => c.check(sql`pool_size between 2 and 20`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned','sampling','done','cancelled')`))
    .addColumn('schedule_id', 'integer', (c) => c.references('screening_schedule.id'))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('sampling_round_code_uq', ['province_code', 'code'])
    .addCheckConstraint('sampling_round_pool', sql`(method = 'rt_pcr_pool') = (pool_size is not null)`)
    .execute();
  await db.schema.createIndex('sampling_round_day_idx').on('sampling_round').columns(['province_code', 'scheduled_on']).execute();

  await db.schema
    .createTable('round_person')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('sampling_round.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addPrimaryKeyConstraint('round_person_pk', ['round_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('pool')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('round_id', 'integer', (c) => c.notNull().references('sampling_round.id'))
    .addColumn('barcode', 'text', (c) => c.notNull())
    .addColumn('size', 'smallint', (c) => c.notNull())
    .addColumn('taken_on', 'date', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.check(sql`result in ('negative','positive','invalid')`))
    .addColumn('ct', sql`numeric(4,1)`)
    .addColumn('lab', 'text')
    .addColumn('resulted_on', 'date')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pool_barcode_uq', ['province_code', 'barcode'])
    .addCheckConstraint('pool_result_date', sql`(result is null) = (resulted_on is null)`)
    .execute();
  await db.schema.createIndex('pool_round_idx').on('pool').column('round_id').execute();

  await db.schema
    .alterTable('sample')
    .addColumn('round_id', 'integer', (c) => c.references('sampling_round.id'))
    .addColumn('pool_id', 'integer', (c) => c.references('pool.id'))
    .execute();
  // A sample is written once and given its result once: room left on each page lets that update
  // stay on the page without touching the table's six indexes (a HOT update).
  await sql`alter table sample set (fillfactor = 80)`.execute(db);
  await sql`alter table pool set (fillfactor = 80)`.execute(db);
  await db.schema.createIndex('sample_round_idx').on('sample').column('round_id').execute();
  await db.schema.createIndex('sample_pool_idx').on('sample').column('pool_id').execute();

  await db.schema
    .createTable('retest_task')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('round_id', 'integer', (c) => c.references('sampling_round.id'))
    .addColumn('pool_id', 'integer', (c) => c.references('pool.id'))
    .addColumn('sample_id', 'integer', (c) => c.notNull().references('sample.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('pool_positive','pool_invalid','invalid_result','rapid_positive')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','sampled','resolved')`))
    .addColumn('new_sample_id', 'integer', (c) => c.references('sample.id'))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('negative','positive')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addUniqueConstraint('retest_task_sample_uq', ['sample_id'])
    .execute();
  await db.schema.createIndex('retest_task_open_idx').on('retest_task').columns(['province_code', 'status']).execute();
  await db.schema.createIndex('retest_task_person_idx').on('retest_task').columns(['person_id', 'status']).execute();

  await db.schema
    .createTable('lab_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('all_or_nothing','per_row')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('applied','rejected')`))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('applied', 'integer', (c) => c.notNull())
    .addColumn('rejected', 'integer', (c) => c.notNull())
    .addColumn('report', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A file applied once is never applied again; a rejected attempt can be repeated once fixed.
  await sql`create unique index lab_import_sha_uq on lab_import (province_code, sha256) where status = 'applied'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('lab_import').execute();
  await db.schema.dropTable('unit_registration').execute();
  await db.schema.dropTable('retest_task').execute();
  await db.schema.alterTable('sample').dropColumn('pool_id').execute();
  await db.schema.alterTable('sample').dropColumn('round_id').execute();
  await db.schema.dropTable('pool').execute();
  await db.schema.dropTable('round_person').execute();
  await db.schema.dropTable('sampling_round').execute();
  await db.schema.dropTable('screening_schedule').execute();
}
