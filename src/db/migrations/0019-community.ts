import { type Kysely, sql } from 'kysely';

/**
 * Community COVID teams, pharmacies and violations (issue 9).
 * - `community_team` per village / quarter of a commune (villages have no codes: the village is the
 *   part of an address before the first comma, compared folded as `village_key`), its members;
 * - `team_task`: work the system hands to a team or to the commune health station (home-quarantine
 *   checks, arrivals and abnormal declarations to visit, pharmacy sale follow-ups), idempotent per
 *   (source_kind, source_id, kind) so generators may run again;
 * - `pharmacy_sale_report`: a pharmacy's sale of fever / cough / throat medicine (pharmacies are
 *   `org_unit` rows of kind 'pharmacy');
 * - `violation`: administrative violations of the epidemic rules and their fines.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community_team')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull().references('admin_unit.code'))
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('village_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text')
    .addColumn('leader_phone', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One active team per village of a commune: tasks resolve to it.
  await sql`create unique index community_team_village_uq on community_team (commune_code, village_key) where active`.execute(db);

  await db.schema
    .createTable('community_team_member')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('team_id', 'integer', (c) => c.notNull().references('community_team.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('team_role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('community_team_member_team_idx').on('community_team_member').column('team_id').execute();
  await db.schema.createIndex('community_team_member_user_idx').on('community_team_member').column('user_id').execute();

  await db.schema
    .createTable('team_task')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('village_key', 'text')
    // Null: no team for the village yet; the commune health station sees it and may assign one.
    .addColumn('team_id', 'integer', (c) => c.references('community_team.id'))
    .addColumn('assigned_member_id', 'integer', (c) => c.references('community_team_member.id'))
    .addColumn('person_id', 'integer', (c) => c.references('person.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('home_quarantine_check','arrival_visit','declaration_visit','pharmacy_followup','other')`),
    )
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','done','cancelled')`))
    // Structured outcome (met, not_home, referred, ...) and the free text beside it.
    .addColumn('result', 'text')
    .addColumn('outcome', 'text')
    .addColumn('outcome_data', 'jsonb')
    .addColumn('done_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('done_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index team_task_source_uq on team_task (source_kind, source_id, kind)`.execute(db);
  await db.schema.createIndex('team_task_commune_idx').on('team_task').columns(['commune_code', 'status', 'due_date']).execute();
  await db.schema.createIndex('team_task_team_idx').on('team_task').columns(['team_id', 'status']).execute();

  await db.schema
    .createTable('pharmacy_sale_report')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('pharmacy_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('sold_on', 'date', (c) => c.notNull())
    .addColumn('medicine_group', 'text', (c) => c.notNull().check(sql`medicine_group in ('fever','cough','throat')`))
    .addColumn('medicine_name', 'text')
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_phone', 'text')
    .addColumn('buyer_district_code', 'text', (c) => c.notNull())
    .addColumn('buyer_commune_code', 'text', (c) => c.notNull().references('admin_unit.code'))
    .addColumn('buyer_address_detail', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('pharmacy_sale_report_pharmacy_idx').on('pharmacy_sale_report').columns(['pharmacy_id', 'sold_on']).execute();

  await db.schema
    .createTable('violation')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull().references('admin_unit.code'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('no_mask','gathering','leaving_quarantine','false_declaration','other')`),
    )
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('place_detail', 'text')
    .addColumn('offender_kind', 'text', (c) => c.notNull().defaultTo('person').check(sql`offender_kind in ('person','organisation')`))
    .addColumn('offender_name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('decision_no', 'text')
    .addColumn('fine_vnd', 'integer', (c) => c.check(sql`fine_vnd >= 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('recorded').check(sql`status in ('recorded','decided','paid','cancelled')`),
    )
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('violation_area_idx').on('violation').columns(['province_code', 'occurred_on']).execute();
  await db.schema.createIndex('violation_commune_idx').on('violation').columns(['commune_code', 'occurred_on']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['violation', 'pharmacy_sale_report', 'team_task', 'community_team_member', 'community_team']) {
    await db.schema.dropTable(t).execute();
  }
}
