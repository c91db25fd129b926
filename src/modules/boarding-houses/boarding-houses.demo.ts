/**
 * The demo province's boarding houses, beyond what the generator loads (houses, rooms, tenants as
 * room memberships): the tenancy details of tenants who are workers (their enterprise as the
 * workplace), and "smart boarding house" assessments by the commune health stations for about
 * three houses in five in the weeks before the as-of day — most meeting the checklist, some not,
 * a few with the owner's self-assessment after. Deterministic by the house's id; skipped when the
 * province has assessments already. Two statements, whatever the province's size.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { assessmentOutcome, BUILT_IN_CHECKLIST } from './boarding-houses.domain.ts';

export interface BoardingHousesDemoSummary { tenancyDetails: number; assessments: number; meets: number }

export async function runDemoBoardingHouses(db: Db, provinceCode: string, asOf: string): Promise<BoardingHousesDemoSummary> {
  const summary: BoardingHousesDemoSummary = { tenancyDetails: 0, assessments: 0, meets: 0 };
  const done = await db.selectFrom('boarding_house_assessment').select('id').where('province_code', '=', provinceCode).limit(1).execute();
  if (done.length > 0) return summary;

  const details = await sql`insert into boarding_house_tenancy (membership_id, house_id, province_code, workplace_enterprise_id, source)
    select distinct on (m.id) m.id, o.id, ${provinceCode}, w.enterprise_id, 'demo'
    from group_membership m
    join contact_group g on g.id = m.group_id and g.kind = 'room'
    join org_unit o on o.id = g.org_unit_id and o.kind = 'boarding_house' and o.province_code = ${provinceCode}
    join worker w on w.person_id = m.person_id
    where not exists (select 1 from boarding_house_tenancy t where t.membership_id = m.id)
    order by m.id, w.employed_from desc
    on conflict do nothing`.execute(db);
  summary.tenancyDetails = Number(details.numAffectedRows ?? 0);

  const required = BUILT_IN_CHECKLIST.filter((i) => i.required).map((i) => i.code);
  const all = BUILT_IN_CHECKLIST.map((i) => i.code);
  // Meets: everything ticked, or all but the optional ones; does not: one required item missing (the tenant book, or the isolation plan).
  const variants = [
    assessmentOutcome(BUILT_IN_CHECKLIST, all),
    assessmentOutcome(BUILT_IN_CHECKLIST, required),
    assessmentOutcome(BUILT_IN_CHECKLIST, all.filter((c) => c !== 'tenant_book')),
    assessmentOutcome(BUILT_IN_CHECKLIST, required.filter((c) => c !== 'isolation_plan')),
  ];
  const json = variants.map((v) => JSON.stringify(v.items));
  const notes = [null, null, 'Chủ trọ chưa lập sổ theo dõi người thuê', 'Chưa bố trí phòng cách ly tạm thời'];
  // House id → 0..9: 0–5 assessed (0–3 meet, 4–5 do not), 6–9 not yet; the date 1–27 days before the as-of day.
  const inserted = await sql<{ meets: boolean }>`insert into boarding_house_assessment
      (house_id, province_code, district_code, commune_code, assessed_on, checklist_id, items, meets, self_assessed, note, assessor_name)
    select o.id, o.province_code, o.district_code, o.commune_code, ${asOf}::date - (1 + (o.id * 7) % 27),
      null, (array[${json[0]}, ${json[1]}, ${json[2]}, ${json[3]}]::jsonb[])[v.k + 1], v.k < 2, false,
      (array[${notes[0]}, ${notes[1]}, ${notes[2]}, ${notes[3]}]::text[])[v.k + 1], 'Trạm Y tế xã'
    from org_unit o
    cross join lateral (select case when (o.id * 37) % 10 < 4 then (o.id % 2) when (o.id * 37) % 10 < 6 then 2 + (o.id % 2) else -1 end as k) v
    where o.kind = 'boarding_house' and o.province_code = ${provinceCode} and v.k >= 0
    returning meets`.execute(db);
  summary.assessments = inserted.rows.length;
  summary.meets = inserted.rows.filter((r) => r.meets).length;
  // Owners who were found wanting ticked everything themselves the next day: marked as self-assessments, the official one stands.
  const self = await sql`insert into boarding_house_assessment
      (house_id, province_code, district_code, commune_code, assessed_on, checklist_id, items, meets, self_assessed, note, assessor_name)
    select a.house_id, a.province_code, a.district_code, a.commune_code, least(a.assessed_on + 1, ${asOf}::date), null, ${json[0]}::jsonb, true, true, null, 'Chủ trọ'
    from boarding_house_assessment a where a.province_code = ${provinceCode} and not a.meets and a.house_id % 3 = 0`.execute(db);
  summary.assessments += Number(self.numAffectedRows ?? 0);
  return summary;
}
