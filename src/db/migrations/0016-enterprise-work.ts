import { type Kysely, sql } from 'kysely';
import { allowRuleContext, dropRuleContext } from './rule-contexts.ts';

/**
 * Enterprise work status and F0 response (issue 7). `rule_version` gets the context
 * 'work_status' (who may work today, and the checklist an enterprise follows when a worker
 * becomes F0). `enterprise_f0_check` keeps one row per ticked item of an F0 event (the case) at
 * an enterprise: an item without a row is not done. The context list is read from the constraint
 * in place, so contexts another migration added are kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await allowRuleContext(db, 'work_status');

  await db.schema
    .createTable('enterprise_f0_check')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('covid_case.id'))
    // The item's key in the work-status rule version's checklist.
    .addColumn('item_key', 'text', (c) => c.notNull().check(sql`item_key ~ '^[a-z0-9_]{1,40}$'`))
    .addColumn('done', 'boolean', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('done_on', 'date')
    .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('enterprise_f0_check_uq', ['enterprise_id', 'case_id', 'item_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('enterprise_f0_check').execute();
  await dropRuleContext(db, 'work_status');
}
