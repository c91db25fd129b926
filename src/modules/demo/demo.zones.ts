/**
 * The demo province's lockdown zones, as the province drew them: a narrow lockdown of each village
 * where a case was found in the community (outside quarantine), the villages with most such cases first,
 * centred on the village's households, inside a buffer and a surveillance ring over its commune
 * ("khoanh vùng rộng, phong tỏa hẹp"), decided the day of the village's first case and lifted
 * 14 days after its last one (when that day has come by the as-of date).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { villageName } from '../people/village.ts';
import { type RingShape, ringShape } from '../zones/zones.domain.ts';

/** The real province drew 162; the demo draws at most this many. */
const MAX_ZONES = 40;
const LIFT_AFTER_DAYS = 14;
const RADII = { core: 300, buffer: 1_000, surveillance: 3_000 } as const;

export interface ZonesSummary { zones: number; active: number }

interface Hotspot { district_code: string; commune_code: string; commune_name: string; village: string; first: string; last: string; n: number }

export async function runDemoZones(db: Db, provinceCode: string, asOf: string): Promise<ZonesSummary> {
  const hotspots = (await sql<Hotspot>`
    select p.district_code, p.commune_code, u.name as commune_name, ${villageName('p')} as village,
      min(c.confirmation_date)::text as first, max(c.confirmation_date)::text as last, count(*)::int as n
    from covid_case c join person p on p.id = c.person_id join admin_unit u on u.code = p.commune_code
    where c.province_code = ${provinceCode} and c.classification = 'community' and c.confirmation_date <= ${asOf}::date and p.address_detail is not null
    group by 1, 2, 3, 4
    order by n desc, first, p.commune_code, village limit ${MAX_ZONES}`.execute(db)).rows;
  const summary: ZonesSummary = { zones: 0, active: 0 };
  for (const [i, h] of hotspots.entries()) {
    // The middle of the village's households (demo.geo.ts placed them).
    const mid = await db.selectFrom('contact_group as g').select([sql<number | null>`avg(g.lon)`.as('lon'), sql<number | null>`avg(g.lat)`.as('lat')])
      .where('g.kind', '=', 'household').where('g.commune_code', '=', h.commune_code).where(villageName('g'), '=', h.village).executeTakeFirst();
    if (mid?.lon == null || mid.lat == null) continue;
    const centre: [number, number] = [Number(Number(mid.lon).toFixed(5)), Number(Number(mid.lat).toFixed(5))];
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
