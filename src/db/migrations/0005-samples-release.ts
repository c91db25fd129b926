import { type Kysely, sql } from 'kysely';

/**
 * Samples and their results (the first table of the testing context, which its issue extends
 * with rounds and pools), and what releasing a quarantined person records: the release date and
 * who released them, and the flag put on room-mates when someone in the room tests positive;
 * the tasks an abnormal home check raises for the commune health station; and the rule versions
 * a province configures beside the built-in ones.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sample')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('barcode', 'text')
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('rt_pcr','rt_pcr_pool','rapid_antigen')`))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('quarantine','screening','case','other')`))
    .addColumn('order_id', 'integer', (c) => c.references('quarantine_order.id'))
    .addColumn('taken_on', 'date', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.check(sql`result in ('negative','positive','invalid')`))
    .addColumn('ct', sql`numeric(4,1)`)
    .addColumn('lab', 'text')
    .addColumn('resulted_on', 'date')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('sample_result_date', sql`(result is null) = (resulted_on is null) and (resulted_on is null or resulted_on >= taken_on)`)
    .execute();
  await db.schema.createIndex('sample_person_idx').on('sample').columns(['person_id', 'taken_on']).execute();
  await db.schema.createIndex('sample_order_idx').on('sample').column('order_id').execute();
  await sql`create unique index sample_barcode_uq on sample (province_code, barcode) where barcode is not null`.execute(db);

  await db.schema
    .alterTable('quarantine_order')
    .addColumn('released_on', 'date')
    .addColumn('released_by', 'integer')
    .addColumn('flagged_on', 'date')
    .addColumn('flag_reason', 'text')
    .execute();
  // Room-mates of someone who tests positive are flagged on their own orders' history; a risk
  // group changed by an operator is an amendment.
  await sql`alter table quarantine_order_event drop constraint quarantine_order_event_kind_check`.execute(db);
  await sql`alter table quarantine_order_event add constraint quarantine_order_event_kind_check check (kind in
    ('created','placed','transferred','source_changed','rule_changed','amended','released','became_case','cancelled','roommate_positive'))`.execute(db);
  // Work for a commune health station raised by the system (an abnormal home check, a missed one).
  await db.schema
    .createTable('commune_task')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('abnormal_home_check')`))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('order_id', 'integer', (c) => c.references('quarantine_order.id'))
    .addColumn('home_check_id', 'integer', (c) => c.references('home_check.id'))
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','done')`))
    .addColumn('outcome', 'text')
    .addColumn('done_by', 'integer')
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('commune_task_open_idx').on('commune_task').columns(['commune_code', 'status', 'due_date']).execute();
  await db.schema.createIndex('home_check_date_idx').on('home_check').columns(['check_date']).execute();

  // Rule versions a province adds beside the built-in ones (never edited: a new version supersedes).
  await db.schema
    .createTable('rule_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull().check(sql`context in ('quarantine','f0_release')`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('name_vi', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rule_version_code_uq', ['province_code', 'context', 'code'])
    .execute();

  await sql`create index quarantine_order_release_idx on quarantine_order (province_code, release_date) where status = 'active'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists quarantine_order_release_idx`.execute(db);
  await sql`drop index if exists home_check_date_idx`.execute(db);
  await db.schema.dropTable('commune_task').execute();
  await db.schema.dropTable('rule_version').execute();
  for (const c of ['released_on', 'released_by', 'flagged_on', 'flag_reason']) await db.schema.alterTable('quarantine_order').dropColumn(c).execute();
  await db.schema.dropTable('sample').execute();
}
