import { type Kysely, sql } from 'kysely';

/**
 * The day a quarantine or isolation order ended (released, moved to treatment): tracing needs it
 * to tell an order in force on an exposure date (no onward exposure window) from an earlier,
 * finished episode (ignored). Null = still in force.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarantine_order').addColumn('end_date', 'date').execute();
  await db.schema
    .alterTable('quarantine_order')
    .addCheckConstraint('quarantine_order_end_after_start', sql`end_date is null or end_date >= start_date`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('quarantine_order').dropConstraint('quarantine_order_end_after_start').execute();
  await db.schema.alterTable('quarantine_order').dropColumn('end_date').execute();
}
