import { type Kysely, sql } from 'kysely';

/**
 * Command centre directives (issue 11): steering meetings (giao ban) with the situation figures of
 * their day, their numbered conclusions, the tasks each conclusion gives to agencies (org_unit rows
 * of kind 'agency': departments, district steering committees), the lead agency's progress reports
 * with attachments, each task's history, and notifications. Accent-insensitive full-text search
 * over conclusions, tasks and reports: the unaccent extension and a text search configuration
 * `vn_unaccent` (simple, after unaccent), with GIN indexes over the same expressions the queries use.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration vn_unaccent (copy = simple)`.execute(db);
  await sql`alter text search configuration vn_unaccent alter mapping for hword, hword_part, word with unaccent, simple`.execute(db);

  await db.schema
    .createTable('directive_meeting')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('chair', 'text', (c) => c.notNull())
    .addColumn('attendees', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // e.g. '245/TB-UBND'; null until the notice is numbered.
    .addColumn('notice_no', 'text')
    // The situation dashboard's figures of held_on as taken when the meeting was recorded; never recomputed.
    .addColumn('situation', 'jsonb')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('directive_meeting_day_idx').on('directive_meeting').columns(['province_code', 'held_on']).execute();

  await db.schema
    .createTable('directive_item')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('directive_meeting.id').onDelete('cascade'))
    .addColumn('ordinal', 'integer', (c) => c.notNull().check(sql`ordinal >= 1`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('directive_item_ordinal_uq', ['meeting_id', 'ordinal'])
    .execute();
  await sql`create index directive_item_fts_idx on directive_item using gin (to_tsvector('vn_unaccent', text))`.execute(db);

  await db.schema
    .createTable('directive_task')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'integer', (c) => c.references('directive_meeting.id'))
    .addColumn('item_id', 'integer', (c) => c.references('directive_item.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lead_agency_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal').check(sql`priority in ('high','normal','low')`))
    .addColumn('deadline_kind', 'text', (c) => c.notNull().check(sql`deadline_kind in ('date','daily','weekly')`))
    .addColumn('due_on', 'date')
    .addColumn('due_from', 'date')
    .addColumn('due_until', 'date')
    // ISO weekday: 1 = Monday … 7 = Sunday.
    .addColumn('due_weekday', 'smallint', (c) => c.check(sql`due_weekday between 1 and 7`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('assigned').check(sql`status in ('assigned','in_progress','reported','accepted','returned')`))
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0).check(sql`percent between 0 and 100`))
    .addColumn('concerns_kind', 'text', (c) => c.check(sql`concerns_kind in ('cluster','zone','enterprise','facility','commune')`))
    .addColumn('concerns_ref', 'text')
    .addColumn('concerns_label', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('accepted_at', 'timestamptz')
    .addCheckConstraint('directive_task_deadline', sql`(deadline_kind = 'date' and due_on is not null)
      or (deadline_kind = 'daily' and due_from is not null)
      or (deadline_kind = 'weekly' and due_from is not null and due_weekday is not null)`)
    .addCheckConstraint('directive_task_range', sql`due_until is null or due_from is null or due_until >= due_from`)
    .addCheckConstraint('directive_task_concerns', sql`(concerns_kind is null) = (concerns_ref is null)`)
    .execute();
  await db.schema.createIndex('directive_task_status_idx').on('directive_task').columns(['province_code', 'status']).execute();
  await db.schema.createIndex('directive_task_lead_idx').on('directive_task').columns(['lead_agency_id', 'status']).execute();
  await db.schema.createIndex('directive_task_meeting_idx').on('directive_task').columns(['meeting_id']).execute();
  await db.schema.createIndex('directive_task_item_idx').on('directive_task').columns(['item_id']).execute();
  await db.schema.createIndex('directive_task_due_idx').on('directive_task').columns(['province_code', 'due_on']).execute();
  await sql`create index directive_task_fts_idx on directive_task using gin (to_tsvector('vn_unaccent', title || ' ' || body))`.execute(db);

  await db.schema
    .createTable('directive_task_support')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('directive_task.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addPrimaryKeyConstraint('directive_task_support_pk', ['task_id', 'agency_id'])
    .execute();
  await db.schema.createIndex('directive_task_support_agency_idx').on('directive_task_support').columns(['agency_id']).execute();

  await db.schema
    .createTable('directive_report')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('directive_task.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().check(sql`percent between 0 and 100`))
    .addColumn('done', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.createIndex('directive_report_task_idx').on('directive_report').columns(['task_id', 'at']).execute();
  await sql`create index directive_report_fts_idx on directive_report using gin (to_tsvector('vn_unaccent', text))`.execute(db);

  await db.schema
    .createTable('directive_attachment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('report_id', 'integer', (c) => c.notNull().references('directive_report.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directive_attachment_report_idx').on('directive_attachment').columns(['report_id']).execute();

  await db.schema
    .createTable('directive_task_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('directive_task.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
    // The username as it was (null user_id: the scheduler).
    .addColumn('username', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('directive_task_event_task_idx').on('directive_task_event').columns(['task_id', 'at']).execute();

  await db.schema
    .createTable('directive_notification')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull().references('directive_task.id').onDelete('cascade'))
    // Addressed to an agency's officers; null: to the command centre (steering office).
    .addColumn('agency_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('due_soon','overdue','returned','assigned','reported')`))
    // The deadline period it is about (its due day) for due_soon/overdue, so each is written once; else a unique stamp.
    .addColumn('period', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .execute();
  await sql`create unique index directive_notification_once_uq on directive_notification (task_id, kind, period, coalesce(agency_id, 0))`.execute(db);
  await db.schema.createIndex('directive_notification_to_idx').on('directive_notification').columns(['province_code', 'agency_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['directive_notification', 'directive_task_event', 'directive_attachment', 'directive_report', 'directive_task_support', 'directive_task', 'directive_item', 'directive_meeting']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await sql`drop text search configuration if exists vn_unaccent`.execute(db);
}
