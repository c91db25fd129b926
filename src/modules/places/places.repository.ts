import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { foldedSql } from '../../db/sql-text.ts';
import type { AdminLevel } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';
import { villageKey, villageName } from '../people/village.ts';
import type { AdminUnitRow, FacilityKind } from './places.domain.ts';
import type { BoundaryFeature } from './reference-data.ts';

export async function countUnits(db: Db): Promise<number> {
  const r = await db.selectFrom('admin_unit').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

/** Upserts units in batches (idempotent: re-running the import changes nothing). */
export async function upsertUnits(db: Db, rows: AdminUnitRow[]): Promise<void> {
  // Parents first, so the ordering of the file never matters.
  const order: Record<AdminLevel, number> = { province: 0, district: 1, commune: 2 };
  const sorted = [...rows].sort((a, b) => order[a.level] - order[b.level]);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < sorted.length; i += 2000) {
      await trx
        .insertInto('admin_unit')
        .values(sorted.slice(i, i + 2000))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            type: eb.ref('excluded.type'),
            parent_code: eb.ref('excluded.parent_code'),
            name_search: eb.ref('excluded.name_search'),
          })),
        )
        .execute();
    }
  });
}

export async function upsertBoundaries(db: Db, features: BoundaryFeature[]): Promise<void> {
  if (features.length === 0) return;
  await db
    .insertInto('admin_boundary')
    .values(
      features.map((f) => ({
        code: f.code,
        province_code: f.provinceCode,
        level: f.level,
        geometry: JSON.stringify(f.geometry),
      })),
    )
    .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ geometry: eb.ref('excluded.geometry') })))
    .execute();
}

export interface UnitQuery {
  level?: AdminLevel | undefined;
  parentCode?: string | undefined;
  provinceCode?: string | undefined;
  /** Already folded with foldVietnamese. */
  foldedText?: string | undefined;
  limit: number;
  offset: number;
}

export async function findUnits(db: Db, q: UnitQuery): Promise<{ items: AdminUnitRow[]; total: number }> {
  let base = db.selectFrom('admin_unit');
  if (q.level) base = base.where('level', '=', q.level);
  if (q.parentCode) base = base.where('parent_code', '=', q.parentCode);
  if (q.provinceCode) base = base.where('province_code', '=', q.provinceCode);
  if (q.foldedText) base = base.where('name_search', 'like', `%${escapeLike(q.foldedText)}%`);
  const [items, total] = await Promise.all([
    base
      .selectAll()
      // Exact and prefix matches first, then by code.
      .orderBy(sql`case when ${sql.ref('name_search')} like ${`%${escapeLike(q.foldedText ?? '')}`} then 0 else 1 end`)
      .orderBy('code')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findUnit(db: Db, code: string): Promise<AdminUnitRow | undefined> {
  return db.selectFrom('admin_unit').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findUnitsByCodes(db: Db, codes: string[]): Promise<AdminUnitRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('admin_unit').selectAll().where('code', 'in', codes).execute();
}

export interface FacilityQuery {
  provinceCode: string;
  kinds: readonly FacilityKind[];
  /** Already folded with foldVietnamese. */
  foldedText?: string | undefined;
  limit: number;
  offset: number;
}

export async function findFacilities(db: Db, q: FacilityQuery) {
  const foldedName = foldedSql(sql.ref<string>('o.name'));
  let base = db.selectFrom('org_unit as o').where('o.province_code', '=', q.provinceCode).where('o.kind', 'in', [...q.kinds]);
  if (q.foldedText) base = base.where(foldedName, 'like', `%${escapeLike(q.foldedText)}%`);
  const [items, total] = await Promise.all([
    base
      .leftJoin('admin_unit as c', 'c.code', 'o.commune_code')
      .leftJoin('admin_unit as d', 'd.code', 'o.district_code')
      .select(['o.id', 'o.kind', 'o.name', 'o.commune_code', 'c.name as commune_name', 'd.name as district_name'])
      // Names starting with the text first, then alphabetically without accents.
      .orderBy(sql`case when ${foldedName} like ${`${escapeLike(q.foldedText ?? '')}%`} then 0 else 1 end`)
      .orderBy(foldedName)
      .orderBy('o.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function findBoundaries(db: Db, provinceCode: string) {
  return db
    .selectFrom('admin_boundary as b')
    .innerJoin('admin_unit as u', 'u.code', 'b.code')
    .select(['b.code', 'b.level', 'b.geometry', 'u.name'])
    .where('b.province_code', '=', provinceCode)
    .orderBy('b.code')
    .execute();
}

/**
 * The villages (thôn / tổ dân phố) of a commune with their residents: the part of a person's
 * address before the first comma, told apart without case, as a village sampling round matches it,
 * and named as most of its residents' addresses spell it.
 */
export async function findVillages(db: Db, provinceCode: string, communeCode: string) {
  const village = villageName('person');
  return db
    .selectFrom('person')
    .select([sql<string>`mode() within group (order by ${village})`.as('village'), sql<number>`count(*)::int`.as('people')])
    .where('province_code', '=', provinceCode)
    .where('commune_code', '=', communeCode)
    .where(village, '<>', '')
    .groupBy(villageKey('person'))
    .orderBy('village')
    .execute();
}

export async function unitPoints(db: Db, ids: number[]) {
  return db.selectFrom('org_unit').select(['id', 'name', 'lon', 'lat']).where('id', 'in', ids).where('lon', 'is not', null).execute();
}

export async function orgUnitName(db: Db, provinceCode: string, id: number, kinds: readonly string[]): Promise<string | undefined> {
  const r = await db.selectFrom('org_unit').select('name').where('id', '=', id).where('province_code', '=', provinceCode).where('kind', 'in', [...kinds]).executeTakeFirst();
  return r?.name;
}
