/**
 * The report's figures equal SQL counts over a demo province, day by day: each published aggregate
 * the report reads (cases, clusters, tracing, quarantine, testing, treatment) against its own,
 * independently written SQL, for every day from the day before the first case to the demo's last.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { caseDayByDistrict, caseOutcomesOn } from '../cases/cases.service.ts';
import { clusterCountsOn } from '../clusters/clusters.service.ts';
import { generateDemoProvince } from '../demo/demo.service.ts';
import { quarantineFiguresOn } from '../quarantine/quarantine.service.ts';
import { testingFiguresOn } from '../testing/testing.service.ts';
import { contactsManagedOn } from '../tracing/tracing.service.ts';
import { treatmentFiguresOn } from '../treatment/treatment.service.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { reportFigures } from './reports.figures.ts';

let t: TestDb;
let days: string[];
const P = '24';
const AREA = { column: 'province_code', value: P } as const;
const LAST_DAY = '2021-06-10';

async function rows<T>(db: Db, q: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await q.execute(db)).rows;
}
async function one(db: Db, q: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return Number((await q.execute(db)).rows[0]?.n ?? 0);
}

beforeAll(async () => {
  t = await createTestDb();
  await generateDemoProvince(t.db, { provinceCode: P, people: 2500, seed: 7 });
  const db = t.db;
  // What the demo lacks: clusters, an imported case, a death, a cancelled order (which counts nowhere).
  const cases = await rows<{ id: number; confirmation_date: string; person_id: number }>(db,
    sql`select id, confirmation_date::text as confirmation_date, person_id from covid_case order by confirmation_date, id`);
  expect(cases.length).toBeGreaterThanOrEqual(4);
  const [a, b] = await Promise.all([
    db.insertInto('cluster').values({ province_code: P, district_code: '222', commune_code: '07801', name: 'KCN Vân Trung', place_kind: 'enterprise', control_days: 14 }).returning('id').executeTakeFirstOrThrow(),
    db.insertInto('cluster').values({ province_code: P, name: 'Thôn Bằng Công', place_kind: 'village', control_days: 3 }).returning('id').executeTakeFirstOrThrow(),
  ]);
  await db.insertInto('cluster_case').values([
    { cluster_id: a.id, case_id: cases[0]!.id }, { cluster_id: a.id, case_id: cases[2]!.id }, { cluster_id: b.id, case_id: cases[cases.length - 1]!.id },
  ]).execute();
  const free = await rows<{ id: number; district_code: string; commune_code: string }>(db,
    sql`select id, district_code, commune_code from person p where not exists (select 1 from covid_case c where c.person_id = p.id) order by id limit 1`);
  const imported = await db.insertInto('covid_case').values({
    case_code: 'BN-NHAP-1', person_id: free[0]!.id, province_code: P, district_code: free[0]!.district_code, commune_code: free[0]!.commune_code,
    sample_date: '2021-05-20', confirmation_date: '2021-05-21', detection: 'arrival', classification: 'imported', status: 'died',
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('case_status_event').values([
    { case_id: imported.id, status: 'isolated', effective_date: '2021-05-21' }, { case_id: imported.id, status: 'died', effective_date: '2021-05-30' },
  ]).execute();
  await db.insertInto('quarantine_order').values({ province_code: P, person_id: free[0]!.id, kind: 'centralized', subject: 'f1', start_date: '2021-05-12', status: 'cancelled' }).execute();
  const first = cases[0]!.confirmation_date;
  days = [];
  for (let d = addDays(first, -1); d <= LAST_DAY; d = addDays(d, 1)) days.push(d);
});
afterAll(async () => {
  await t.destroy();
});

/** Independent SQL, one statement per figure. */
const expected = {
  async casesByDistrict(db: Db, d: string) {
    const out = new Map<string, { newCases: number; newInQuarantine: number; newCommunity: number; newImported: number; cumulative: number }>();
    const at = (code: string) => out.get(code) ?? (out.set(code, { newCases: 0, newInQuarantine: 0, newCommunity: 0, newImported: 0, cumulative: 0 }), out.get(code)!);
    for (const r of await rows<{ district_code: string; classification: string; n: number }>(db,
      sql`select district_code, classification, count(*)::int as n from covid_case where province_code = ${P} and confirmation_date = ${d} group by 1, 2`)) {
      const x = at(r.district_code);
      x.newCases += r.n;
      if (r.classification === 'in_quarantine') x.newInQuarantine += r.n;
      if (r.classification === 'community') x.newCommunity += r.n;
      if (r.classification === 'imported') x.newImported += r.n;
    }
    for (const r of await rows<{ district_code: string; n: number }>(db,
      sql`select district_code, count(*)::int as n from covid_case where province_code = ${P} and confirmation_date <= ${d} group by 1`)) at(r.district_code).cumulative = r.n;
    return out;
  },
  async activeByDistrict(db: Db, d: string) {
    const r = await rows<{ district_code: string; n: number }>(db, sql`
      select c.district_code, count(*)::int as n from covid_case c
      where c.province_code = ${P} and c.confirmation_date <= ${d}
        and coalesce((select e.status from case_status_event e where e.case_id = c.id and e.effective_date <= ${d} order by e.effective_date desc, e.id desc limit 1), c.status)
            not in ('recovered', 'died')
      group by 1`);
    return new Map(r.map((x) => [x.district_code, x.n]));
  },
  async outcomes(db: Db, d: string) {
    const n = (status: string, op: '=' | '<=') => one(db, sql`select count(distinct e.case_id)::int as n from case_status_event e join covid_case c on c.id = e.case_id
      where c.province_code = ${P} and e.status = ${status} and e.effective_date ${sql.raw(op)} ${d}`);
    return { recoveredOnDay: await n('recovered', '='), recoveredTotal: await n('recovered', '<='), diedOnDay: await n('died', '='), diedTotal: await n('died', '<=') };
  },
  async clusters(db: Db, d: string) {
    const r = await rows<{ id: number; first: string; last: string; control_days: number }>(db, sql`
      select cl.id, min(k.confirmation_date)::text as first, max(k.confirmation_date)::text as last, cl.control_days
      from cluster cl join cluster_case cc on cc.cluster_id = cl.id join covid_case k on k.id = cc.case_id
      where cl.province_code = ${P} and k.confirmation_date <= ${d} group by cl.id, cl.control_days`);
    const active = r.filter((c) => addDays(c.last, c.control_days) > d);
    return { detected: r.length, active: active.length, controlled: r.length - active.length, newOnDay: r.filter((c) => c.first === d).length, activeIds: active.map((c) => c.id).sort() };
  },
  async contacts(db: Db, d: string) {
    const of = async (subject: string) => ({
      newOnDay: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and subject = ${subject} and status <> 'cancelled' and start_date = ${d}`),
      cumulative: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and subject = ${subject} and status <> 'cancelled' and start_date <= ${d}`),
      managed: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and subject = ${subject} and status <> 'cancelled'
        and start_date <= ${d} and coalesce(end_date, '9999-12-31') > ${d}`),
    });
    return { f1: await of('f1'), f2: await of('f2') };
  },
  async quarantine(db: Db, d: string) {
    const live = sql`province_code = ${P} and status <> 'cancelled' and start_date <= ${d} and coalesce(end_date, '9999-12-31') > ${d}`;
    const kinds = sql`kind in ('centralized', 'home')`;
    const facilities = await rows<{ id: number; capacity: number; used: number }>(db, sql`
      select f.org_unit_id as id, f.capacity, count(o.id)::int as used from facility f
      left join quarantine_order o on o.facility_id = f.org_unit_id and o.kind = 'centralized' and o.status <> 'cancelled' and o.start_date <= ${d} and coalesce(o.end_date, '9999-12-31') > ${d}
      where f.province_code = ${P} and f.kind = 'quarantine' group by f.org_unit_id, f.capacity`);
    return {
      centralized: await one(db, sql`select count(*)::int as n from quarantine_order where kind = 'centralized' and ${live}`),
      home: await one(db, sql`select count(*)::int as n from quarantine_order where kind = 'home' and ${live}`),
      startedOnDay: {
        centralized: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and status <> 'cancelled' and kind = 'centralized' and start_date = ${d}`),
        home: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and status <> 'cancelled' and kind = 'home' and start_date = ${d}`),
      },
      releasedOnDay: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and ${kinds} and status = 'released' and released_on = ${d}`),
      releasedTotal: await one(db, sql`select count(*)::int as n from quarantine_order where province_code = ${P} and ${kinds} and status = 'released' and released_on <= ${d}`),
      facilityCount: facilities.length,
      capacity: facilities.reduce((s, f) => s + f.capacity, 0),
      used: facilities.reduce((s, f) => s + f.used, 0),
    };
  },
  async testing(db: Db, d: string) {
    const s = (where: ReturnType<typeof sql>) => one(db, sql`select count(*)::int as n from sample where province_code = ${P} and ${where}`);
    return {
      takenOnDay: await s(sql`taken_on = ${d}`),
      takenByMethod: { rtPcr: await s(sql`taken_on = ${d} and method = 'rt_pcr'`), rtPcrPool: await s(sql`taken_on = ${d} and method = 'rt_pcr_pool'`), rapidAntigen: await s(sql`taken_on = ${d} and method = 'rapid_antigen'`) },
      takenTotal: await s(sql`taken_on <= ${d}`),
      resultedOnDay: await s(sql`resulted_on = ${d}`),
      positiveOnDay: await s(sql`resulted_on = ${d} and result = 'positive'`),
      backlog: await s(sql`taken_on <= ${d} and not (result is not null and resulted_on <= ${d})`),
    };
  },
  async treatment(db: Db, d: string) {
    const live = sql`province_code = ${P} and admitted_on <= ${d} and coalesce(ended_on, '9999-12-31') > ${d}`;
    const level = (l: string) => one(db, sql`select count(*)::int as n from treatment_admission where ${live} and care_level = ${l}`);
    const used = (k: string) => one(db, sql`select count(*)::int as n from treatment_admission where ${live} and facility_id is not null and bed_kind = ${k}`);
    const beds = (await rows<{ normal: number; oxygen: number; icu: number }>(db, sql`
      select coalesce(sum(beds_normal), 0)::int as normal, coalesce(sum(beds_oxygen), 0)::int as oxygen, coalesce(sum(beds_icu), 0)::int as icu
      from facility where province_code = ${P} and kind = 'treatment'`))[0]!;
    const inTreatment = { home_care: await level('home_care'), tier1: await level('tier1'), tier2: await level('tier2'), tier3: await level('tier3') };
    const bed = async (k: 'normal' | 'oxygen' | 'icu') => {
      const u = await used(k);
      return { total: beds[k], used: u, free: Math.max(0, beds[k] - u) };
    };
    return {
      inTreatment: { ...inTreatment, total: inTreatment.home_care + inTreatment.tier1 + inTreatment.tier2 + inTreatment.tier3 },
      admittedOnDay: await one(db, sql`select count(*)::int as n from treatment_admission where province_code = ${P} and admitted_on = ${d} and previous_id is null`),
      beds: { normal: await bed('normal'), oxygen: await bed('oxygen'), icu: await bed('icu') },
    };
  },
};

describe('daily report figures against SQL over the demo province', () => {
  it('cases of the day by district and class, cumulative and active (cases.caseDayByDistrict, caseOutcomesOn)', async () => {
    let newSeen = 0;
    for (const d of days) {
      const want = await expected.casesByDistrict(t.db, d);
      const got = await caseDayByDistrict(t.db, AREA, d);
      expect(Object.fromEntries(got), d).toEqual(Object.fromEntries(want));
      expect(await caseOutcomesOn(t.db, AREA, d), d).toEqual(await expected.outcomes(t.db, d));
      newSeen += [...got.values()].reduce((s, x) => s + x.newCases, 0);
    }
    expect(newSeen).toBeGreaterThan(0);
    expect((await caseOutcomesOn(t.db, AREA, LAST_DAY)).diedTotal).toBe(1);
  });

  it('clusters detected, active, controlled and new on each day (clusters.clusterCountsOn)', async () => {
    const seen = { active: 0, controlled: 0, newOnDay: 0 };
    for (const d of days) {
      const want = await expected.clusters(t.db, d);
      const got = await clusterCountsOn(t.db, AREA, d);
      expect({ detected: got.detected, active: got.active, controlled: got.controlled, newOnDay: got.newOnDay, activeIds: got.activeList.map((c) => c.id).sort() }, d).toEqual(want);
      seen.active += got.active;
      seen.controlled += got.controlled;
      seen.newOnDay += got.newOnDay;
    }
    expect(seen.active * seen.controlled * seen.newOnDay).toBeGreaterThan(0);
  });

  it('F1 and F2 new, traced and under management (tracing.contactsManagedOn)', async () => {
    let managed = 0;
    for (const d of days) {
      const got = await contactsManagedOn(t.db, P, d);
      expect(got, d).toEqual(await expected.contacts(t.db, d));
      managed += got.f1.managed + got.f2.managed;
    }
    expect(managed).toBeGreaterThan(0);
  });

  it('quarantine in force, begun, released and facility use (quarantine.quarantineFiguresOn)', async () => {
    let centralized = 0;
    for (const d of days) {
      const got = await quarantineFiguresOn(t.db, P, d);
      const want = await expected.quarantine(t.db, d);
      expect({
        centralized: got.centralized, home: got.home, startedOnDay: got.startedOnDay, releasedOnDay: got.releasedOnDay, releasedTotal: got.releasedTotal,
        facilityCount: got.facilities.count, capacity: got.facilities.capacity, used: got.facilities.used,
      }, d).toEqual(want);
      expect(got.facilities.list.reduce((s, f) => s + f.used, 0)).toBe(want.used);
      centralized += got.centralized;
    }
    expect(centralized).toBeGreaterThan(0);
  });

  it('samples taken, resulted, positive and backlog (testing.testingFiguresOn)', async () => {
    let taken = 0;
    for (const d of days) {
      const got = await testingFiguresOn(t.db, P, d);
      expect(got, d).toEqual(await expected.testing(t.db, d));
      taken += got.takenOnDay;
    }
    expect(taken).toBeGreaterThan(0);
  });

  it('in treatment by care level, admissions and beds (treatment.treatmentFiguresOn)', async () => {
    let inTreatment = 0;
    for (const d of days) {
      const got = await treatmentFiguresOn(t.db, P, d);
      const want = await expected.treatment(t.db, d);
      expect({ inTreatment: got.inTreatment, admittedOnDay: got.admittedOnDay, beds: got.beds }, d).toEqual(want);
      inTreatment += got.inTreatment.total;
    }
    expect(inTreatment).toBeGreaterThan(0);
  });

  it('assembles every section for the province, districts listed with zeros, vaccination from the dose records', async () => {
    const day = (await rows<{ d: string }>(t.db, sql`select max(confirmation_date)::text as d from covid_case where classification <> 'imported'`))[0]!.d;
    const f = await reportFigures(t.db, P, day);
    const districts = await rows<{ code: string }>(t.db, sql`select code from admin_unit where level = 'district' and parent_code = ${P}`);
    expect(f.situation.districts.map((x) => x.code).sort()).toEqual(districts.map((x) => x.code).sort());
    const byDistrict = await expected.casesByDistrict(t.db, day);
    const active = await expected.activeByDistrict(t.db, day);
    for (const row of f.situation.districts) {
      const want = byDistrict.get(row.code) ?? { newCases: 0, newInQuarantine: 0, newCommunity: 0, newImported: 0, cumulative: 0 };
      expect({ ...row, code: undefined, name: undefined }).toEqual({ ...want, active: active.get(row.code) ?? 0, code: undefined, name: undefined });
    }
    const total = await one(t.db, sql`select count(*)::int as n from covid_case where province_code = ${P} and confirmation_date <= ${day}`);
    expect(f.situation.totals.cumulative).toBe(total);
    expect(f.situation.totals.newCases).toBeGreaterThan(0);
    expect(f.province).toEqual({ code: P, name: 'Tỉnh Bắc Giang' });
    expect(f.vaccination).toMatchObject({
      available: true, cumulativeDoses: await one(t.db, sql`select count(*)::int as n from vaccine_dose where province_code = ${P} and dose_date <= ${day}`),
      adultsOneDose: await one(t.db, sql`select count(distinct d.person_id)::int as n from vaccine_dose d join person p on p.id = d.person_id
        where d.province_code = ${P} and d.dose_date <= ${day} and p.date_of_birth <= ${day}::date - interval '18 years'`),
    });
    expect(f.treatment).toMatchObject(await expected.outcomes(t.db, day));
  });
});
