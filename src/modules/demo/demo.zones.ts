/**
 * The demo province's lockdown zones, as the province drew them: a narrow lockdown of each village
 * where a case was found in the community (outside quarantine), the villages with most such cases first, inside a buffer and a surveillance ring over its commune
 * ("khoanh vùng rộng, phong tỏa hẹp"), decided the day of the village's first case and lifted
 * 14 days after its last one (when that day has come by the as-of date). The reference data has
 * district outlines only, so each zone is placed at a stable point of its district where the
 * surveillance ring fits inside the district, away from the district's other zones.
 */
import bbox from '@turf/bbox';
import booleanWithin from '@turf/boolean-within';
import distance from '@turf/distance';
import type { MultiPolygon, Polygon } from 'geojson';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { villageName } from '../people/village.ts';
import { type RingShape, ringShape } from '../zones/zones.domain.ts';
import { stableUnit } from './rng.ts';

/** The real province drew 162; the demo draws at most this many. */
const MAX_ZONES = 40;
const LIFT_AFTER_DAYS = 14;
const RADII = { core: 300, buffer: 1_000, surveillance: 3_000 } as const;
/** Zones of one district keep their surveillance rings apart. */
const MIN_GAP_KM = 6;
const TRIES = 300;
const ZONES_STREAM = 0x2c1b3c6d;

export interface ZonesSummary { zones: number; active: number }

interface Hotspot { district_code: string; commune_code: string; commune_name: string; village: string; first: string; last: string; n: number }

/** A stable point of the district whose widest ring fits inside it, away from the given centres. */
function placeIn(district: Polygon | MultiPolygon, taken: Array<[number, number]>, seed: number): [number, number] | null {
  const [minLon, minLat, maxLon, maxLat] = bbox(district);
  let fallback: [number, number] | null = null;
  for (let k = 0; k < TRIES; k++) {
    const c: [number, number] = [
      Number((minLon + (maxLon - minLon) * stableUnit(ZONES_STREAM, seed, 2 * k)).toFixed(5)),
      Number((minLat + (maxLat - minLat) * stableUnit(ZONES_STREAM, seed, 2 * k + 1)).toFixed(5)),
    ];
    const widest = ringShape({ ring: 'surveillance', circle: { center: c, radiusM: RADII.surveillance } }, 0);
    if ('field' in widest || !booleanWithin(widest.geometry, district)) continue;
    if (taken.every((t) => distance(t, c, { units: 'kilometers' }) >= MIN_GAP_KM)) return c;
    fallback ??= c;
  }
  return fallback;
}

export async function runDemoZones(db: Db, provinceCode: string, asOf: string): Promise<ZonesSummary> {
  const hotspots = (await sql<Hotspot>`
    select p.district_code, p.commune_code, u.name as commune_name, ${villageName('p')} as village,
      min(c.confirmation_date)::text as first, max(c.confirmation_date)::text as last, count(*)::int as n
    from covid_case c join person p on p.id = c.person_id join admin_unit u on u.code = p.commune_code
    where c.province_code = ${provinceCode} and c.classification = 'community' and c.confirmation_date <= ${asOf}::date and p.address_detail is not null
    group by 1, 2, 3, 4
    order by n desc, first, p.commune_code, village limit ${MAX_ZONES}`.execute(db)).rows;
  const outlines = new Map((await db.selectFrom('admin_boundary').select(['code', 'geometry']).where('province_code', '=', provinceCode).where('level', '=', 'district').execute())
    .map((b) => [b.code, b.geometry as unknown as Polygon | MultiPolygon]));
  const taken = new Map<string, Array<[number, number]>>();
  const summary: ZonesSummary = { zones: 0, active: 0 };
  for (const [i, h] of hotspots.entries()) {
    const outline = outlines.get(h.district_code);
    const centres = taken.get(h.district_code) ?? [];
    const centre = outline ? placeIn(outline, centres, i + 1) : null;
    if (!centre) continue;
    taken.set(h.district_code, [...centres, centre]);
    const lifted = addDays(h.last, LIFT_AFTER_DAYS);
    const name = `${h.village}, ${h.commune_name}`;
    const { id } = await db.insertInto('lockdown_zone').values({
      province_code: provinceCode, district_code: h.district_code, commune_code: h.commune_code, name, name_search: foldVietnamese(name),
      decision_no: `${100 + i}/QĐ-UBND`, decided_on: h.first, started_on: addDays(h.first, 1), ended_on: lifted <= asOf ? lifted : null,
      end_reason: lifted <= asOf ? `${LIFT_AFTER_DAYS} ngày không có ca mắc mới trong cộng đồng` : null,
    }).returning('id').executeTakeFirstOrThrow();
    for (const ring of ['core', 'buffer', 'surveillance'] as const) {
      const shape = ringShape({ ring, circle: { center: centre, radiusM: RADII[ring] } }, 0) as RingShape;
      const r = await db.insertInto('lockdown_ring').values({ zone_id: id, ring, geometry: JSON.stringify(shape.geometry), circle: JSON.stringify(shape.circle) })
        .returning('id').executeTakeFirstOrThrow();
      await db.insertInto('lockdown_ring_area').values({ ring_id: r.id, commune_code: h.commune_code, village: ring === 'core' ? h.village : null }).execute();
    }
    summary.zones++;
    if (lifted > asOf) summary.active++;
  }
  return summary;
}
