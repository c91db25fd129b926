import { type Kysely, sql } from 'kysely';

/**
 * Enterprises and their workers (issue 7): the enterprise's detail beside its `org_unit` row,
 * its operating status history, workshops and shifts as data, bus routes and the contact group
 * each workshop × shift and each route is, and the worker's current assignment. The dated
 * assignments themselves stay `group_membership` rows, which tracing reads.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('enterprise_profile')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_unit.id'))
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('tax_code', 'text', (c) => c.notNull())
    // The folded name, for search.
    .addColumn('name_search', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('declared_workforce', 'integer', (c) => c.check(sql`declared_workforce >= 0`))
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('operating_status', 'text', (c) =>
      c.notNull().defaultTo('operating').check(sql`operating_status in ('operating','partial','suspended','on_site')`),
    )
    .addColumn('status_since', 'date')
    .addColumn('list_confirmed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index enterprise_profile_tax_code_uq on enterprise_profile (tax_code)`.execute(db);
  await db.schema.createIndex('enterprise_profile_confirmed_idx').on('enterprise_profile').columns(['province_code', 'list_confirmed_at']).execute();

  await db.schema
    .createTable('enterprise_status_event')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('operating','partial','suspended','on_site')`))
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('enterprise_status_event_ent_idx').on('enterprise_status_event').columns(['enterprise_id', 'effective_date']).execute();

  for (const table of ['enterprise_workshop', 'enterprise_shift']) {
    let t = db.schema
      .createTable(table)
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('org_unit.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      // Folded name (no accents, lower case): an import names a workshop or shift however it is typed.
      .addColumn('name_key', 'text', (c) => c.notNull());
    if (table === 'enterprise_shift') {
      t = t
        .addColumn('start_time', 'text', (c) => c.notNull().check(sql`start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`))
        .addColumn('end_time', 'text', (c) => c.notNull().check(sql`end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`));
    }
    await t.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true)).execute();
    await sql`create unique index ${sql.id(`${table}_name_uq`)} on ${sql.id(table)} (enterprise_id, name_key)`.execute(db);
  }

  // One contact group per workshop × shift: the people who share a floor at the same hours.
  await db.schema
    .createTable('workshop_shift_group')
    .addColumn('group_id', 'integer', (c) => c.primaryKey().references('contact_group.id'))
    .addColumn('workshop_id', 'integer', (c) => c.notNull().references('enterprise_workshop.id'))
    .addColumn('shift_id', 'integer', (c) => c.notNull().references('enterprise_shift.id'))
    .execute();
  await sql`create unique index workshop_shift_group_uq on workshop_shift_group (workshop_id, shift_id)`.execute(db);

  // A worker bus: its route is a contact group of kind bus_route.
  await db.schema
    .createTable('enterprise_bus_route')
    .addColumn('group_id', 'integer', (c) => c.primaryKey().references('contact_group.id'))
    .addColumn('enterprise_id', 'integer', (c) => c.notNull().references('org_unit.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('vehicle_plate', 'text')
    .addColumn('driver_name', 'text')
    .addColumn('driver_phone', 'text')
    .addColumn('stops', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await sql`create unique index enterprise_bus_route_name_uq on enterprise_bus_route (enterprise_id, name_key)`.execute(db);

  // The worker's current assignment (the history is in group_membership).
  await db.schema
    .alterTable('worker')
    .addColumn('workshop_id', 'integer', (c) => c.references('enterprise_workshop.id'))
    .addColumn('shift_id', 'integer', (c) => c.references('enterprise_shift.id'))
    .addColumn('bus_group_id', 'integer', (c) => c.references('contact_group.id'))
    .addColumn('room_group_id', 'integer', (c) => c.references('contact_group.id'))
    .addColumn('home_address', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('worker_enterprise_idx').on('worker').columns(['enterprise_id', 'workshop_id', 'shift_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('worker_enterprise_idx').execute();
  await db.schema
    .alterTable('worker')
    .dropColumn('workshop_id').dropColumn('shift_id').dropColumn('bus_group_id').dropColumn('room_group_id')
    .dropColumn('home_address').dropColumn('updated_at')
    .execute();
  for (const t of ['enterprise_bus_route', 'workshop_shift_group', 'enterprise_shift', 'enterprise_workshop', 'enterprise_status_event', 'enterprise_profile']) {
    await db.schema.dropTable(t).execute();
  }
}
