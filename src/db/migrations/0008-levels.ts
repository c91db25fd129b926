import { type Kysely, sql } from 'kysely';

/**
 * Epidemic levels (cấp độ dịch, issue 8; NQ 128/NQ-CP with Hướng dẫn 4800 and QĐ 218): one
 * assessment per administrative unit (commune, district, province) and day, keeping the inputs
 * and the rule version it was computed with, so a level can be explained. A raise is a proposal
 * that takes effect 48 hours later unless an authorised user confirms it earlier; a user may also
 * override a level with a reason. A province may add its own level rule versions beside the
 * built-in ones: `rule_version` gets the context 'epidemic_level'.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table rule_version drop constraint rule_version_context_check`.execute(db);
  await sql`alter table rule_version add constraint rule_version_context_check check (context in ('quarantine','f0_release','epidemic_level'))`.execute(db);

  await db.schema
    .createTable('level_assessment')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    // Null on the province's own row; the district itself on a district row.
    .addColumn('district_code', 'text')
    // Only on commune rows.
    .addColumn('commune_code', 'text')
    .addColumn('unit_level', 'text', (c) => c.notNull().check(sql`unit_level in ('commune','district','province')`))
    // The assessed unit's own code (commune, district or province): one row per unit and day.
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'date', (c) => c.notNull())
    .addColumn('rule_code', 'text', (c) => c.notNull())
    // The level the criteria give (criterion 1, raised by criterion 2) or the roll-up.
    .addColumn('computed_level', 'smallint', (c) => c.notNull().check(sql`computed_level between 1 and 4`))
    // The level that applies once in force: criterion 3 may keep it from being lowered; an override replaces it.
    .addColumn('effective_level', 'smallint', (c) => c.notNull().check(sql`effective_level between 1 and 4`))
    // The level in force when the assessment was made (null: the unit's first assessment).
    .addColumn('previous_level', 'smallint', (c) => c.check(sql`previous_level between 1 and 4`))
    .addColumn('inputs', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('in_force','proposed','confirmed','overridden')`))
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('level_assessment_unit', sql`(unit_level = 'commune' and commune_code is not null and district_code is not null)
      or (unit_level = 'district' and commune_code is null and district_code is not null)
      or (unit_level = 'province' and commune_code is null and district_code is null)`)
    .addCheckConstraint('level_assessment_decision', sql`(status in ('confirmed','overridden')) = (decided_at is not null)`)
    .addUniqueConstraint('level_assessment_unit_day_uq', ['unit_level', 'unit_code', 'assessed_on'])
    .execute();
  await db.schema.createIndex('level_assessment_province_day_idx').on('level_assessment').columns(['province_code', 'assessed_on']).execute();
  await db.schema.createIndex('level_assessment_commune_day_idx').on('level_assessment').columns(['commune_code', 'assessed_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('level_assessment').execute();
  await sql`delete from rule_version where context = 'epidemic_level'`.execute(db);
  await sql`alter table rule_version drop constraint rule_version_context_check`.execute(db);
  await sql`alter table rule_version add constraint rule_version_context_check check (context in ('quarantine','f0_release'))`.execute(db);
}
