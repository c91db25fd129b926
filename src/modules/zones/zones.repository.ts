import type { Polygon } from 'geojson';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LockdownRingKind } from '../../db/schema.ts';
import { escapeLike, foldVietnamese } from '../../lib/vn-text.ts';
import { villageKey, villageKeyOf } from '../people/village.ts';
import type { Circle } from './zones.domain.ts';

export interface RingRow { zone_id: number; ring: LockdownRingKind; geometry: Polygon; circle: Circle | null; areas: Array<{ communeCode: string; communeName: string; districtCode: string | null; village: string | null }> }


/** The people a ring's areas hold: its communes, or the named village of a commune. */
function ringPeople(db: Db, zoneIds: number[], ring: LockdownRingKind) {
  return db.selectFrom('lockdown_ring as r')
    .innerJoin('lockdown_zone as z', 'z.id', 'r.zone_id')
    .innerJoin('lockdown_ring_area as a', 'a.ring_id', 'r.id')
    .innerJoin('person as p', (j) => j.onRef('p.commune_code', '=', 'a.commune_code').onRef('p.province_code', '=', 'z.province_code'))
    .where('r.zone_id', 'in', zoneIds)
    .where('r.ring', '=', ring)
    .where((eb) => eb.or([eb('a.village', 'is', null), eb(villageKey('p'), '=', villageKeyOf(sql.ref('a.village')))]));
}

export async function residentCounts(db: Db, zoneIds: number[]): Promise<Map<number, number>> {
  if (zoneIds.length === 0) return new Map();
  const rows = await ringPeople(db, zoneIds, 'core')
    .select(['r.zone_id', sql<number>`count(distinct p.id)::int`.as('n')]).groupBy('r.zone_id').execute();
  return new Map(rows.map((r) => [r.zone_id, r.n]));
}

export async function residentIds(db: Db, zoneId: number, ring: LockdownRingKind): Promise<number[]> {
  const rows = await ringPeople(db, [zoneId], ring).select('p.id').distinct().orderBy('p.id').execute();
  return rows.map((r) => r.id);
}

export async function ringsOf(db: Db, zoneIds: number[]): Promise<RingRow[]> {
  if (zoneIds.length === 0) return [];
  return db.selectFrom('lockdown_ring as r')
    .select(['r.zone_id', 'r.ring', 'r.geometry', 'r.circle', sql<RingRow['areas']>`coalesce((
        select json_agg(json_build_object('communeCode', a.commune_code, 'communeName', u.name, 'districtCode', u.district_code, 'village', a.village) order by u.name, a.village nulls first)
        from lockdown_ring_area a join admin_unit u on u.code = a.commune_code where a.ring_id = r.id), '[]'::json)`.as('areas')])
    .where('r.zone_id', 'in', zoneIds)
    .orderBy('r.zone_id').orderBy(sql`array_position(array['surveillance','buffer','core'], r.ring)`)
    .execute();
}

export interface ZoneFilter { provinceCode: string; asOf: string; status: 'planned' | 'active' | 'ended' | 'all'; q?: string | undefined }

function filtered(db: Db, f: ZoneFilter) {
  let query = db.selectFrom('lockdown_zone as z').where('z.province_code', '=', f.provinceCode);
  if (f.status === 'planned') query = query.where('z.started_on', '>', f.asOf);
  if (f.status === 'active') query = query.where('z.started_on', '<=', f.asOf).where((eb) => eb.or([eb('z.ended_on', 'is', null), eb('z.ended_on', '>', f.asOf)]));
  if (f.status === 'ended') query = query.where('z.ended_on', '<=', f.asOf);
  if (f.q) {
    const folded = `%${escapeLike(foldVietnamese(f.q))}%`;
    query = query.where((eb) => eb.or([eb('z.name_search', 'like', folded), eb('z.decision_no', 'ilike', `%${escapeLike(f.q!)}%`)]));
  }
  return query;
}

export async function findZones(db: Db, f: ZoneFilter, limit: number, offset: number) {
  const total = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await filtered(db, f).selectAll('z').orderBy('z.started_on', 'desc').orderBy('z.id', 'desc').limit(limit).offset(offset).execute();
  return { items, total: total.n };
}

export async function villageExists(db: Db, communeCode: string, village: string): Promise<boolean> {
  const row = await db.selectFrom('person as p').select('p.id').where('p.commune_code', '=', communeCode)
    .where(villageKey('p'), '=', villageKeyOf(village)).limit(1).executeTakeFirst();
  return row !== undefined;
}
