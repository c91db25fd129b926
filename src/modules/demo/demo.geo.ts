/**
 * Where the demo province's places are. The reference data has district outlines only, so each
 * commune gets a stable point well inside its district, away from the district's other communes
 * where there is room; a village lies up to ~850 m from its commune's point (by the village name),
 * a household up to ~250 m from its village's; units (facilities, enterprises, boarding houses…)
 * up to ~1 km from their commune's. Real data gets its points from addresses or the map.
 */
import bbox from '@turf/bbox';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import destination from '@turf/destination';
import distance from '@turf/distance';
import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { villageName } from '../people/village.ts';
import { stableUnit } from './rng.ts';

const GEO_STREAM = 0x51ed270b;
/** A commune's point keeps this far from its district's edge… */
const EDGE_MARGIN_M = 1_200;
/** …and, where the district has room, this far from its other communes'. */
const MIN_GAP_KM = 1.5;
const TRIES = 400;
/** Offsets in degrees (1° latitude ≈ 111 km): village ±0.0077 (~850 m), household ±0.0023 (~250 m), unit ±0.009 (~1 km). */
const VILLAGE_SPREAD = 0.0077;
const HOUSEHOLD_SPREAD = 0.0023;
const UNIT_SPREAD = 0.009;

export interface GeoSummary { communes: number; groups: number; units: number }

/** The point and eight points around it at `marginM` are inside the outline (cheap, and enough for placing). */
function insideWithMargin(c: [number, number], outline: Polygon | MultiPolygon, marginM: number): boolean {
  if (!booleanPointInPolygon(c, outline)) return false;
  for (let bearing = 0; bearing < 360; bearing += 45) {
    if (!booleanPointInPolygon(destination(c, marginM, bearing, { units: 'meters' }), outline)) return false;
  }
  return true;
}

/** A stable point of the outline at least EDGE_MARGIN_M inside it, away from `taken` when it can be. */
export function stablePointIn(outline: Polygon | MultiPolygon, taken: ReadonlyArray<[number, number]>, seed: number, marginM = EDGE_MARGIN_M, gapKm = MIN_GAP_KM): [number, number] | null {
  const [minLon, minLat, maxLon, maxLat] = bbox(outline);
  let fallback: [number, number] | null = null;
  for (let k = 0; k < TRIES; k++) {
    const c: [number, number] = [
      Number((minLon + (maxLon - minLon) * stableUnit(GEO_STREAM, seed, 2 * k)).toFixed(5)),
      Number((minLat + (maxLat - minLat) * stableUnit(GEO_STREAM, seed, 2 * k + 1)).toFixed(5)),
    ];
    if (!insideWithMargin(c, outline, marginM)) continue;
    if (taken.every((t) => distance(t, c, { units: 'kilometers' }) >= gapKm)) return c;
    fallback ??= c;
  }
  return fallback;
}

/** A stable offset in [-1, 1] from a hash (PostgreSQL's hashtext/hashint4 are the same on both engines). */
const spread = (hash: ReturnType<typeof sql>) => sql<number>`((mod(${hash}::bigint + 2147483648, 2001) - 1000) / 1000.0)`;

/** A point per commune inside its district's outline, as a derived table (code, lon, lat) for updates. */
async function communeCentres(db: Db, provinceCode: string) {
  const outlines = new Map((await db.selectFrom('admin_boundary').select(['code', 'geometry']).where('province_code', '=', provinceCode).where('level', '=', 'district').execute())
    .map((b) => [b.code, b.geometry as unknown as Polygon | MultiPolygon]));
  const communes = await db.selectFrom('admin_unit').select(['code', 'district_code']).where('province_code', '=', provinceCode).where('level', '=', 'commune').orderBy('code').execute();
  const codes: string[] = [], lons: number[] = [], lats: number[] = [];
  const taken = new Map<string, Array<[number, number]>>();
  for (const c of communes) {
    const outline = c.district_code ? outlines.get(c.district_code) : undefined;
    if (!outline) continue;
    const points = taken.get(c.district_code!) ?? [];
    const p = stablePointIn(outline, points, Number(c.code));
    if (!p) continue;
    taken.set(c.district_code!, [...points, p]);
    codes.push(c.code); lons.push(p[0]); lats.push(p[1]);
  }
  return { count: codes.length, table: sql`(select unnest(${codes}::text[]) as code, unnest(${lons}::float8[]) as lon, unnest(${lats}::float8[]) as lat)` };
}

/** Places the units of a commune near its centre: all of them, or (onlyUnplaced) those without a point yet. */
function placeUnits(db: Db, provinceCode: string, centres: ReturnType<typeof sql>, onlyUnplaced: boolean) {
  return sql`update org_unit o set
      lon = round((c.lon + ${spread(sql`hashint4(o.id)`)} * ${UNIT_SPREAD})::numeric, 6),
      lat = round((c.lat + ${spread(sql`hashint4(o.id + 104729)`)} * ${UNIT_SPREAD})::numeric, 6)
    from ${centres} c
    where o.commune_code = c.code and o.province_code = ${provinceCode}${onlyUnplaced ? sql` and o.lon is null` : sql``}`.execute(db);
}

/** Units the phases after the places phase added (vaccination sites, pharmacies...) get their point too. */
export async function placeNewDemoUnits(db: Db, provinceCode: string): Promise<number> {
  const centres = await communeCentres(db, provinceCode);
  return Number((await placeUnits(db, provinceCode, centres.table, true)).numAffectedRows ?? 0);
}

export async function runDemoGeo(db: Db, provinceCode: string): Promise<GeoSummary> {
  const { count, table: centres } = await communeCentres(db, provinceCode);
  const village = villageName('g');
  const groups = await sql`update contact_group g set
      lon = round((c.lon + ${spread(sql`hashtext(${village})`)} * ${VILLAGE_SPREAD} + ${spread(sql`hashint4(g.id)`)} * ${HOUSEHOLD_SPREAD})::numeric, 6),
      lat = round((c.lat + ${spread(sql`hashtext(reverse(${village}))`)} * ${VILLAGE_SPREAD} + ${spread(sql`hashint4(g.id + 104729)`)} * ${HOUSEHOLD_SPREAD})::numeric, 6)
    from ${centres} c
    where g.commune_code = c.code and g.province_code = ${provinceCode} and g.kind in ('household', 'room') and g.address_detail is not null`.execute(db);
  const units = await placeUnits(db, provinceCode, centres, false);
  return { communes: count, groups: Number(groups.numAffectedRows ?? 0), units: Number(units.numAffectedRows ?? 0) };
}
