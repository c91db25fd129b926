import { type Kysely, sql } from 'kysely';
import { allowRuleContext, dropRuleContext } from './rule-contexts.ts';

/**
 * NQ68 / QĐ 23 support payments and the supplies ledgers (issue 9).
 *
 * Support: the decision details of an F0's or F1's episode (number, date, issuer) where the
 * quarantine or treatment record lacks them, bank details (or cash), payment lists with their lines
 * (a snapshot), the days and child bonuses each line claims — unique per person and day (and per
 * bonus key), so two lists can never pay the same day twice — and each list's history.
 *
 * Supplies: a catalogue, stock movements per facility (signed quantities; a transfer is two linked
 * movements) with a running stock row that cannot go below zero, low-stock thresholds, donations
 * and spending. History is never edited: a correction is a reversing entry.
 *
 * `rule_version` gets the context 'support_nq68'; the contexts other migrations allowed are kept.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await allowRuleContext(db, 'support_nq68');

  await db.schema
    .createTable('support_decision')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('episode_kind', 'text', (c) => c.notNull().check(sql`episode_kind in ('quarantine_order','covid_case')`))
    .addColumn('episode_id', 'integer', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'date', (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('support_decision_episode_uq', ['episode_kind', 'episode_id'])
    .execute();

  await db.schema
    .createTable('support_bank_account')
    .addColumn('person_id', 'integer', (c) => c.primaryKey().references('person.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('bank','cash')`))
    .addColumn('bank_name', 'text')
    .addColumn('account_no', 'text')
    .addColumn('holder_name', 'text')
    .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('support_bank_account_complete', sql`method = 'cash' or (bank_name is not null and account_no is not null and holder_name is not null)`)
    .execute();

  await db.schema
    .createTable('support_payment_list')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('period_to', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('prepared')
      .check(sql`status in ('prepared','submitted','checked','approved','paid','returned')`))
    .addColumn('note', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('paid_on', 'date')
    .addColumn('paid_reference', 'text')
    .addColumn('prepared_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('support_payment_list_area_idx').on('support_payment_list').columns(['province_code', 'commune_code', 'status']).execute();

  await db.schema
    .createTable('support_payment_line')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('list_id', 'integer', (c) => c.notNull().references('support_payment_list.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`subject in ('f0','f1')`))
    .addColumn('episode_kind', 'text', (c) => c.notNull())
    .addColumn('episode_id', 'integer', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('decision_date', 'date', (c) => c.notNull())
    .addColumn('source_person_id', 'integer')
    .addColumn('episode_from', 'date', (c) => c.notNull())
    .addColumn('episode_to', 'date', (c) => c.notNull())
    .addColumn('first_day', 'date')
    .addColumn('last_day', 'date')
    .addColumn('days', 'integer', (c) => c.notNull().check(sql`days >= 0`))
    .addColumn('daily_rate', 'integer', (c) => c.notNull())
    .addColumn('days_amount', 'integer', (c) => c.notNull().check(sql`days_amount >= 0`))
    .addColumn('child_bonus', 'integer', (c) => c.notNull().check(sql`child_bonus >= 0`))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date')
    .addColumn('national_id', 'text')
    .addColumn('address', 'text')
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('bank_name', 'text')
    .addColumn('account_no', 'text')
    .addColumn('holder_name', 'text')
    .addCheckConstraint('support_payment_line_total', sql`total = days_amount + child_bonus`)
    .execute();
  await db.schema.createIndex('support_payment_line_list_idx').on('support_payment_line').columns(['list_id']).execute();

  // One row per paid day: the unique key is what makes a second claim of the same day fail.
  await db.schema
    .createTable('support_day_claim')
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('list_id', 'integer', (c) => c.notNull().references('support_payment_list.id'))
    .addColumn('line_id', 'integer', (c) => c.notNull().references('support_payment_line.id'))
    .addPrimaryKeyConstraint('support_day_claim_pk', ['person_id', 'day'])
    .execute();
  await db.schema.createIndex('support_day_claim_list_idx').on('support_day_claim').columns(['list_id']).execute();

  await db.schema
    .createTable('support_bonus_claim')
    .addColumn('person_id', 'integer', (c) => c.notNull())
    // 'person' (once per person) or 'episode:<kind>:<id>' (once per episode), by the rule version.
    .addColumn('bonus_key', 'text', (c) => c.notNull())
    .addColumn('list_id', 'integer', (c) => c.notNull().references('support_payment_list.id'))
    .addColumn('line_id', 'integer', (c) => c.notNull().references('support_payment_line.id'))
    .addPrimaryKeyConstraint('support_bonus_claim_pk', ['person_id', 'bonus_key'])
    .execute();
  await db.schema.createIndex('support_bonus_claim_list_idx').on('support_bonus_claim').columns(['list_id']).execute();

  await db.schema
    .createTable('support_list_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('list_id', 'integer', (c) => c.notNull().references('support_payment_list.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('support_list_event_list_idx').on('support_list_event').columns(['list_id']).execute();

  // ---- supplies
  await db.schema
    .createTable('supply_item')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('mask','test_kit','oxygen','ppe','medicine','equipment','other')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('supply_item_code_uq', ['province_code', 'code'])
    .execute();

  await db.schema
    .createTable('supply_movement')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('supply_item.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('receipt','issue','transfer_out','transfer_in','adjustment','reversal')`))
    // Signed: receipts and transfers in are positive, issues and transfers out negative.
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity <> 0`))
    .addColumn('moved_on', 'date', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('document_no', 'text')
    .addColumn('linked_id', 'integer', (c) => c.references('supply_movement.id'))
    .addColumn('reverses_id', 'integer', (c) => c.references('supply_movement.id').unique())
    .addColumn('donation_id', 'integer')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('supply_movement_facility_idx').on('supply_movement').columns(['facility_id', 'item_id', 'moved_on']).execute();

  // The running stock: written with each movement in its transaction; the check refuses a negative stock.
  await db.schema
    .createTable('supply_stock')
    .addColumn('facility_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('supply_item.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('min_quantity', 'integer', (c) => c.check(sql`min_quantity >= 0`))
    .addPrimaryKeyConstraint('supply_stock_pk', ['facility_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('supply_donation')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('donor', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('cash','goods')`))
    .addColumn('item_id', 'integer', (c) => c.references('supply_item.id'))
    .addColumn('quantity', 'integer')
    .addColumn('value_vnd', 'bigint', (c) => c.notNull())
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('facility_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('purpose', 'text')
    .addColumn('reverses_id', 'integer', (c) => c.references('supply_donation.id').unique())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('supply_donation_day_idx').on('supply_donation').columns(['province_code', 'received_on']).execute();

  await db.schema
    .createTable('supply_spending')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('spent_on', 'date', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('amount_vnd', 'bigint', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('document_no', 'text')
    .addColumn('reverses_id', 'integer', (c) => c.references('supply_spending.id').unique())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('supply_spending_day_idx').on('supply_spending').columns(['province_code', 'spent_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'supply_spending', 'supply_donation', 'supply_stock', 'supply_movement', 'supply_item',
    'support_list_event', 'support_bonus_claim', 'support_day_claim', 'support_payment_line', 'support_payment_list', 'support_bank_account', 'support_decision',
  ]) await db.schema.dropTable(t).execute();
  await dropRuleContext(db, 'support_nq68');
}
