import type { Kysely } from 'kysely';

/**
 * Where things are on the map (issue 8): a point (WGS 84 longitude, latitude) for units
 * (facilities, enterprises, boarding houses, checkpoints…) and for contact groups with an address
 * (households, boarding-house rooms). Null: not located yet, left off the map and counted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['org_unit', 'contact_group']) {
    await db.schema.alterTable(table).addColumn('lon', 'double precision').addColumn('lat', 'double precision').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['org_unit', 'contact_group']) {
    await db.schema.alterTable(table).dropColumn('lon').dropColumn('lat').execute();
  }
}
