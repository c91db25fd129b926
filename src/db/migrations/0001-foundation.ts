import { type Kysely, sql } from 'kysely';

// Frozen once landed: add a new migration instead of editing this one.
export async function up(db: Kysely<any>): Promise<void> {
  // Name search is a substring match on folded names; trigram indexes keep it fast at province scale.
  await sql`create extension if not exists pg_trgm`.execute(db);

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // ---- places: GSO administrative units and their boundaries
  await db.schema
    .createTable('admin_unit')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('province','district','commune')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('name_search', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('admin_unit_parent_idx').on('admin_unit').column('parent_code').execute();
  await db.schema.createIndex('admin_unit_province_level_idx').on('admin_unit').columns(['province_code', 'level']).execute();

  await db.schema
    .createTable('admin_boundary')
    .addColumn('code', 'text', (c) => c.primaryKey().references('admin_unit.code'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('geometry', 'jsonb', (c) => c.notNull())
    .execute();

  // ---- organisations: enterprises, boarding houses, venues, parks, facilities, labs... one table, a kind each
  await db.schema
    .createTable('org_unit')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('parent_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('address_detail', 'text')
    .addColumn('attrs', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('org_unit_kind_idx').on('org_unit').columns(['province_code', 'kind']).execute();
  await db.schema.createIndex('org_unit_parent_idx').on('org_unit').column('parent_id').execute();
  await sql`create unique index org_unit_kind_code_uq on org_unit (kind, code) where code is not null`.execute(db);

  // ---- contact groups (household, room, workshop_shift, bus_route) and memberships with intervals
  await db.schema
    .createTable('contact_group')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('household','room','workshop_shift','bus_route')`),
    )
    .addColumn('org_unit_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('commune_code', 'text')
    .addColumn('address_detail', 'text')
    .addColumn('attrs', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('contact_group_org_idx').on('contact_group').column('org_unit_id').execute();
  await db.schema.createIndex('contact_group_kind_idx').on('contact_group').columns(['province_code', 'kind']).execute();

  // ---- people: the shared register
  await db.schema
    .createTable('person')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull().references('admin_unit.code'))
    .addColumn('address_detail', 'text')
    .addColumn('household_id', 'integer', (c) => c.references('contact_group.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_search', 'text', (c) => c.notNull())
    // Vietnamese lists sort by given name (the last word) first: "nguyen thi hoa" -> "hoa nguyen thi".
    .addColumn('sort_name', 'text', (c) =>
      c.generatedAlwaysAs(sql`regexp_replace(name_search, '^(.*) ([^ ]+)$', '\\2 \\1')`).stored(),
    )
    .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('male','female','other')`))
    .addColumn('date_of_birth', 'date')
    .addColumn('national_id', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index person_national_id_uq on person (national_id) where national_id is not null`.execute(db);
  await db.schema.createIndex('person_commune_idx').on('person').columns(['commune_code', 'sort_name']).execute();
  await db.schema.createIndex('person_district_idx').on('person').columns(['district_code', 'sort_name']).execute();
  await db.schema.createIndex('person_sort_idx').on('person').columns(['sort_name', 'id']).execute();
  await sql`create index person_name_trgm_idx on person using gin (name_search gin_trgm_ops)`.execute(db);
  await db.schema.createIndex('person_name_dob_idx').on('person').columns(['name_search', 'date_of_birth']).execute();
  await db.schema.createIndex('person_phone_idx').on('person').column('phone').execute();
  await db.schema.createIndex('person_household_idx').on('person').column('household_id').execute();

  await db.schema
    .createTable('group_membership')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('contact_group.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addColumn('role', 'text')
    .execute();
  await db.schema.createIndex('group_membership_group_idx').on('group_membership').columns(['group_id', 'valid_from']).execute();
  await db.schema.createIndex('group_membership_person_idx').on('group_membership').column('person_id').execute();

  // ---- workers (enterprise context owns detail; foundation keeps the link person -> enterprise)
  await db.schema
    .createTable('worker')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('employee_code', 'text', (c) => c.notNull())
    .addColumn('commute_mode', 'text', (c) =>
      c.notNull().check(sql`commute_mode in ('motorbike','bus','boarding_house','dormitory','other')`),
    )
    .addColumn('employed_from', 'date', (c) => c.notNull())
    .addColumn('employed_to', 'date')
    .execute();
  await sql`create unique index worker_enterprise_code_uq on worker (enterprise_id, employee_code)`.execute(db);
  await db.schema.createIndex('worker_person_idx').on('worker').column('person_id').execute();

  // ---- venue QR check-ins
  await db.schema
    .createTable('checkin')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('venue_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkin_venue_time_idx').on('checkin').columns(['venue_id', 'checked_in_at']).execute();
  await db.schema.createIndex('checkin_person_idx').on('checkin').column('person_id').execute();

  // ---- cases (F0): the cases context extends this table
  await db.schema
    .createTable('covid_case')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_code', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', 'integer', (c) => c.notNull().references('person.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn('commune_code', 'text', (c) => c.notNull())
    .addColumn('onset_date', 'date')
    .addColumn('sample_date', 'date', (c) => c.notNull())
    .addColumn('confirmation_date', 'date', (c) => c.notNull())
    .addColumn('isolation_date', 'date')
    .addColumn('detection', 'text', (c) =>
      c.notNull().check(sql`detection in ('community','quarantine','lockdown_screening','enterprise_screening','arrival')`),
    )
    .addColumn('classification', 'text', (c) =>
      c.notNull().check(sql`classification in ('imported','community','in_quarantine')`),
    )
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('isolated','in_treatment','recovered','died')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('covid_case_confirm_idx').on('covid_case').columns(['province_code', 'confirmation_date']).execute();
  await db.schema.createIndex('covid_case_district_idx').on('covid_case').columns(['district_code', 'confirmation_date']).execute();
  await db.schema.createIndex('covid_case_commune_idx').on('covid_case').columns(['commune_code', 'confirmation_date']).execute();
  await db.schema.createIndex('covid_case_person_idx').on('covid_case').column('person_id').execute();

  // ---- auth
  await db.schema
    .createTable('app_user')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scope_kind', 'text', (c) =>
      c.notNull().check(sql`scope_kind in ('province','district','commune','org')`),
    )
    .addColumn('scope_code', 'text', (c) => c.notNull())
    .addColumn('scope_org_id', 'integer', (c) => c.references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('user_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute();

  // ---- audit
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_kind', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').columns(['province_code', 'at']).execute();
  await db.schema.createIndex('audit_log_record_idx').on('audit_log').columns(['record_kind', 'record_id']).execute();
  await db.schema.createIndex('audit_log_user_idx').on('audit_log').columns(['user_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'audit_log', 'user_session', 'app_user', 'covid_case', 'checkin', 'worker', 'group_membership',
    'person', 'contact_group', 'org_unit', 'admin_boundary', 'admin_unit', 'app_meta',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
