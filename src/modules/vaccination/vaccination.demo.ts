/**
 * The demo province's vaccination by 10/06/2021, as Bắc Giang had it: a few sites per district
 * (the district health centre and commune health stations), AstraZeneca lots and one Vero Cell
 * lot, low coverage — health workers and older adults from March (about 2 % of adults), a second
 * dose for some of those 8–12 weeks later, and from early June the industrial-park workers. All in
 * a few set-based statements; a province with sites already is left alone.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { bornOnOrBefore } from './vaccination.domain.ts';
import { ensurePriorityGroups } from './vaccination.service.ts';

export interface VaccinationDemoSummary { sites: number; lots: number; doses: number; sessions: number }

const STAFF = ['Nguyễn Thị Hoa', 'Trần Văn Minh', 'Lê Thị Thu', 'Phạm Văn Đức', 'Hoàng Thị Mai', 'Vũ Văn Nam', 'Đỗ Thị Lan', 'Ngô Văn Long'];

export async function runDemoVaccination(db: Db, provinceCode: string, asOf: string): Promise<VaccinationDemoSummary> {
  const summary: VaccinationDemoSummary = { sites: 0, lots: 0, doses: 0, sessions: 0 };
  const has = await db.selectFrom('vaccination_site').select('org_unit_id').where('province_code', '=', provinceCode).limit(1).executeTakeFirst();
  if (has) {
    await addDemoInvitees(db, provinceCode, asOf);
    return summary;
  }
  await ensurePriorityGroups(db, provinceCode);

  // ---- sites: per district, its first three communes' health stations (the first named as the district centre).
  const communes = await db.selectFrom('admin_unit').select(['code', 'name', 'district_code']).where('province_code', '=', provinceCode).where('level', '=', 'commune').orderBy('code').execute();
  const byDistrict = new Map<string, typeof communes>();
  for (const c of communes) if (c.district_code) byDistrict.set(c.district_code, [...(byDistrict.get(c.district_code) ?? []), c]);
  const sites: Array<{ name: string; district: string; commune: string; cap: number; vacc: number; emerg: number; staff: string }> = [];
  let k = 0;
  for (const [district, list] of byDistrict) {
    list.slice(0, 3).forEach((c, i) => {
      k++;
      const vacc = 4 + (k % 5);
      const emerg = 2 + (k % 2);
      const staff = [...Array(vacc).keys()].map((j) => ({ name: STAFF[(k + j) % STAFF.length]!, role: 'vaccinator' }))
        .concat([...Array(emerg).keys()].map((j) => ({ name: STAFF[(k + j + 3) % STAFF.length]!, role: 'emergency' })));
      sites.push({ name: i === 0 ? `Trung tâm Y tế — điểm tiêm ${c.name}` : `Trạm Y tế ${c.name}`, district, commune: c.code, cap: i === 0 ? 300 : 150, vacc, emerg, staff: JSON.stringify(staff) });
    });
  }
  if (sites.length === 0) return summary;
  const col = <K extends keyof (typeof sites)[number]>(key: K) => sites.map((s) => s[key]);
  const ids = await sql<{ id: number }>`insert into org_unit (kind, name, province_code, district_code, commune_code)
    select 'vaccination_site', n, ${provinceCode}, d, c from unnest(${col('name')}::text[], ${col('district')}::text[], ${col('commune')}::text[]) with ordinality as v(n, d, c, o)
    order by o returning id`.execute(db);
  const siteIds = ids.rows.map((r) => r.id);
  await sql`insert into vaccination_site (org_unit_id, province_code, capacity_per_session, vaccinators, emergency_staff, staff)
    select id, ${provinceCode}, cap, vacc, emerg, staff::jsonb from unnest(${siteIds}::int[], ${col('cap')}::int[], ${col('vacc')}::int[], ${col('emerg')}::int[], ${col('staff')}::text[]) as v(id, cap, vacc, emerg, staff)`.execute(db);
  summary.sites = siteIds.length;

  // ---- lots: AstraZeneca deliveries of March, May and June (COVAX), one Vero Cell lot.
  const lots = await db.insertInto('vaccine_lot').values([
    { province_code: provinceCode, product_code: 'astrazeneca', lot_number: 'ABV5300', expiry_date: '2021-06-30', received_date: '2021-03-10', doses_received: 20_000 },
    { province_code: provinceCode, product_code: 'astrazeneca', lot_number: 'ABW0411', expiry_date: '2021-08-31', received_date: '2021-05-20', doses_received: 30_000 },
    { province_code: provinceCode, product_code: 'astrazeneca', lot_number: 'NX0019', expiry_date: '2021-09-30', received_date: '2021-06-01', doses_received: 150_000 },
    { province_code: provinceCode, product_code: 'verocell', lot_number: '202104B1237', expiry_date: '2023-04-01', received_date: '2021-05-25', doses_received: 5_000 },
  ]).returning(['id', 'lot_number']).execute();
  summary.lots = lots.length;
  const lotId = (n: string) => lots.find((l) => l.lot_number === n)!.id;
  const adultBy = addDays(asOf, 0).replace(/^(\d{4})/, (y) => String(Number(y) - 18));

  // ---- doses. A person's site: one of their district's sites; a stable hash picks people and days.
  const siteDistricts = sites.map((s) => s.district);
  await sql`create temporary table if not exists demo_vax_pick (person_id int primary key, district_code text, commune_code text, site_id int, d1 date, d2 date) on commit drop`.execute(db);
  await sql`delete from demo_vax_pick`.execute(db);
  // Health workers and older adults (≈2 % of adults), 15/03 – 31/05; a second dose 8–12 weeks later for those early enough.
  await sql`insert into demo_vax_pick (person_id, district_code, commune_code, d1)
    select p.id, p.district_code, p.commune_code, date '2021-03-15' + ((p.id::bigint * 7919) % 78)::int
    from person p
    where p.province_code = ${provinceCode} and p.date_of_birth <= ${adultBy} and (p.id * 2654435761::bigint) % 1000 < 20`.execute(db);
  // Industrial-park workers from early June (about 10 %).
  await sql`insert into demo_vax_pick (person_id, district_code, commune_code, d1)
    select p.id, p.district_code, p.commune_code, date '2021-06-01' + ((p.id::bigint * 104729) % 10)::int
    from worker w join person p on p.id = w.person_id
    where w.province_code = ${provinceCode} and w.employed_to is null and p.date_of_birth <= ${adultBy} and (p.id * 40503::bigint) % 100 < 10
    on conflict (person_id) do nothing`.execute(db);
  await sql`delete from demo_vax_pick where d1 > ${asOf}`.execute(db);
  await sql`update demo_vax_pick v set site_id = s.id from (
      select site_id as id, d, row_number() over (partition by d order by site_id) as rn, count(*) over (partition by d) as cnt
      from unnest(${siteIds}::int[], ${siteDistricts}::text[]) as x(site_id, d)) s
    where s.d = v.district_code and s.rn = 1 + (v.person_id % s.cnt)`.execute(db);
  await sql`update demo_vax_pick set d2 = d1 + (56 + (person_id % 29))::int where d1 < date '2021-04-15' and person_id % 10 < 6`.execute(db);
  await sql`update demo_vax_pick set d2 = null where d2 > ${asOf}`.execute(db);
  const first = await sql`insert into vaccine_dose (province_code, commune_code, person_id, dose_number, product_code, dose_date, site_id, lot_id, source)
    select ${provinceCode}, commune_code, person_id, 1,
      case when person_id % 97 = 0 then 'verocell' else 'astrazeneca' end, d1, site_id,
      case when person_id % 97 = 0 then ${lotId('202104B1237')}::int when d1 < date '2021-05-20' then ${lotId('ABV5300')}::int when d1 < date '2021-06-01' then ${lotId('ABW0411')}::int else ${lotId('NX0019')}::int end,
      'demo'
    from demo_vax_pick`.execute(db);
  const second = await sql`insert into vaccine_dose (province_code, commune_code, person_id, dose_number, product_code, dose_date, site_id, lot_id, source)
    select ${provinceCode}, commune_code, person_id, 2, 'astrazeneca', d2, site_id,
      case when d2 < date '2021-06-01' then ${lotId('ABW0411')}::int else ${lotId('NX0019')}::int end, 'demo'
    from demo_vax_pick where d2 is not null and person_id % 97 <> 0`.execute(db);
  summary.doses = Number(first.numAffectedRows ?? 0) + Number(second.numAffectedRows ?? 0);

  // ---- sessions: each site's June days with doses, the groups the province called.
  const sessions = await sql`insert into vaccination_session (province_code, site_id, session_date, shift, capacity, product_code, priority_groups)
    select ${provinceCode}, d.site_id, d.dose_date, 'all_day', s.capacity_per_session, 'astrazeneca', '["health_workers","industrial_workers","elderly_65"]'::jsonb
    from (select distinct site_id, dose_date from vaccine_dose where province_code = ${provinceCode} and dose_date >= date '2021-06-01' and site_id is not null) d
    join vaccination_site s on s.org_unit_id = d.site_id`.execute(db);
  summary.sessions = Number(sessions.numAffectedRows ?? 0);
  await sql`update vaccine_dose v set session_id = s.id from vaccination_session s
    where v.province_code = ${provinceCode} and s.province_code = ${provinceCode} and s.site_id = v.site_id and s.session_date = v.dose_date`.execute(db);
  // A few reactions, one in about 150 doses, mostly mild; those of the last three days still followed.
  await sql`insert into vaccine_adverse_event (dose_id, severity, onset_date, symptoms, outcome)
    select id, case when id % 1500 = 0 then 'moderate' else 'mild' end, dose_date,
      case when id % 2 = 0 then 'Sốt, đau tại chỗ tiêm' else 'Mệt mỏi, đau đầu, sốt nhẹ' end,
      case when dose_date > ${addDays(asOf, -3)} then 'monitoring' else 'recovered' end
    from vaccine_dose where province_code = ${provinceCode} and source = 'demo' and id % 150 = 0`.execute(db);
  await addDemoInvitees(db, provinceCode, asOf);
  return summary;
}

/**
 * The sessions' invited lists (also added once to a demo made before them): those vaccinated at a
 * session, attended, by their group; and at each site's last session up to 15 people of its commune
 * aged 50 or more not yet vaccinated, invited and not (yet) come.
 */
export async function addDemoInvitees(db: Db, provinceCode: string, asOf: string): Promise<number> {
  const any = await db.selectFrom('vaccination_invitee as i').innerJoin('vaccination_session as s', 's.id', 'i.session_id').select('i.session_id')
    .where('s.province_code', '=', provinceCode).limit(1).executeTakeFirst();
  if (any) return 0;
  const over65 = bornOnOrBefore(asOf, 65);
  const over50 = bornOnOrBefore(asOf, 50);
  const came = await sql`insert into vaccination_invitee (session_id, person_id, priority_group, attended)
    select v.session_id, v.person_id,
      case when exists (select 1 from worker w where w.person_id = v.person_id) then 'industrial_workers' when p.date_of_birth <= ${over65} then 'elderly_65' else 'health_workers' end, true
    from vaccine_dose v join person p on p.id = v.person_id
    where v.province_code = ${provinceCode} and v.session_id is not null
    on conflict do nothing`.execute(db);
  const invited = await sql`insert into vaccination_invitee (session_id, person_id, priority_group, attended)
    select l.id, x.id, case when x.date_of_birth <= ${over65} then 'elderly_65' else 'other' end, false
    from (select distinct on (s.site_id) s.id, o.commune_code from vaccination_session s join org_unit o on o.id = s.site_id
          where s.province_code = ${provinceCode} order by s.site_id, s.session_date desc, s.id desc) l
    cross join lateral (select p.id, p.date_of_birth from person p
      where p.commune_code = l.commune_code and p.date_of_birth <= ${over50}
        and not exists (select 1 from vaccine_dose d where d.person_id = p.id)
      order by p.id limit 15) x
    on conflict do nothing`.execute(db);
  return Number(came.numAffectedRows ?? 0) + Number(invited.numAffectedRows ?? 0);
}

/** The site of the demo vaccinator: the one of the district with the most doses (lists not empty), else the province's first. */
export async function demoVaccinationSiteAnchor(db: Db, provinceCode: string, districtCode: string): Promise<number | null> {
  const r = await db.selectFrom('vaccination_site as s').innerJoin('org_unit as o', 'o.id', 's.org_unit_id').select('o.id')
    .where('s.province_code', '=', provinceCode)
    .orderBy(sql`o.district_code = ${districtCode}`, 'desc')
    .orderBy((eb) => eb.selectFrom('vaccine_dose as v').whereRef('v.site_id', '=', 'o.id').select(eb.fn.countAll().as('n')), 'desc')
    .orderBy('o.id').executeTakeFirst();
  return r?.id ?? null;
}
