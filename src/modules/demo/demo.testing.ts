/**
 * The demo province's screening of enterprises, as the province ran it: every enterprise that had
 * a case is screened weekly from its first case, its workers pooled by 10 (by 5 while a case is
 * recent), a few absent each time; a pool holding someone whose infection shows within two days
 * is positive, its members re-tested one by one the next day, and the case's own re-test is the
 * sample that confirmed it. Results come the day after sampling, never after the as-of date.
 */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SampleTable } from '../../db/schema.ts';
import { addDays, dayNumber } from '../../lib/time.ts';
import { POOL_SIZE } from '../testing/testing.service.ts';
import { stableUnit } from './rng.ts';

const BATCH = 5000;
const CYCLE_DAYS = 7;
const LAB = 'CDC Bắc Giang';

const TESTING_STREAM = 0x7f4a7c15;
const unit = (id: number, salt: number) => stableUnit(TESTING_STREAM, id, salt);

export interface TestingSummary { rounds: number; pools: number; samples: number; positivePools: number; retests: number }

export async function runDemoTesting(db: Db, provinceCode: string, asOf: string): Promise<TestingSummary> {
  // The provincial CDC lab: the real province's labs handled 20,000–22,000 tubes a day for ~1.9 M people.
  const { n: population } = await db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).where('province_code', '=', provinceCode).executeTakeFirstOrThrow();
  const capital = await db.selectFrom('org_unit').select(['district_code', 'commune_code']).where('province_code', '=', provinceCode).where('kind', '=', 'treatment_facility')
    .orderBy('id').executeTakeFirst();
  await db.insertInto('org_unit').values({
    kind: 'lab', name: LAB, province_code: provinceCode, district_code: capital?.district_code ?? null, commune_code: capital?.commune_code ?? null,
    attrs: JSON.stringify({ capacityPerDay: Math.max(200, Math.round((population * 22_000) / 1_900_000)) }),
  }).execute();
  const workers = await db.selectFrom('worker').select(['person_id', 'enterprise_id', 'employed_from', 'employed_to']).where('province_code', '=', provinceCode).execute();
  const cases = await db.selectFrom('covid_case').select(['person_id', 'sample_date', 'confirmation_date']).where('province_code', '=', provinceCode).execute();
  const caseOf = new Map(cases.map((c) => [c.person_id, c]));
  const orders = await db.selectFrom('quarantine_order').select(['person_id', 'start_date', 'end_date']).where('province_code', '=', provinceCode).where('kind', '=', 'centralized').execute();
  const quarantined = new Map<number, Array<{ from: string; to: string }>>();
  for (const o of orders) quarantined.set(o.person_id, [...(quarantined.get(o.person_id) ?? []), { from: o.start_date, to: o.end_date ?? '9999-12-31' }]);
  const orgs = new Map((await db.selectFrom('org_unit').select(['id', 'name', 'district_code', 'commune_code']).where('province_code', '=', provinceCode).where('kind', '=', 'enterprise').execute()).map((o) => [o.id, o]));

  const byEnterprise = new Map<number, typeof workers>();
  for (const w of workers) byEnterprise.set(w.enterprise_id, [...(byEnterprise.get(w.enterprise_id) ?? []), w]);
  const summary: TestingSummary = { rounds: 0, pools: 0, samples: 0, positivePools: 0, retests: 0 };
  const samples: Array<Insertable<SampleTable>> = [];
  const retests: Array<{ person: number; pool: number; round: number; takenOn: string }> = [];

  for (const [enterpriseId, staff] of [...byEnterprise].sort((a, b) => a[0] - b[0])) {
    const sick = staff.map((w) => caseOf.get(w.person_id)).filter((c) => c !== undefined).sort((a, b) => (a.sample_date < b.sample_date ? -1 : 1));
    if (sick.length === 0) continue;
    const org = orgs.get(enterpriseId);
    if (!org) continue;
    const first = sick[0]!.sample_date;
    const phase = enterpriseId % CYCLE_DAYS;
    let n = 0;
    for (let day = addDays(first, -((dayNumber(first) - phase) % CYCLE_DAYS)); day <= asOf; day = addDays(day, CYCLE_DAYS)) {
      if (day < first) continue;
      const recent = sick.some((c) => c.sample_date <= day && c.sample_date >= addDays(day, -14));
      const size = recent ? POOL_SIZE.high : POOL_SIZE.low;
      const away = (p: number) => {
        const c = caseOf.get(p);
        if (c && c.sample_date < day) return true;
        return (quarantined.get(p) ?? []).some((q) => q.from <= day && q.to >= day);
      };
      const expected = staff.filter((w) => w.employed_from <= day && (!w.employed_to || w.employed_to >= day) && !away(w.person_id)).map((w) => w.person_id).sort((a, b) => a - b);
      if (expected.length === 0) continue;
      n++;
      const round = (await db.insertInto('sampling_round').values({
        province_code: provinceCode, district_code: org.district_code, commune_code: org.commune_code, code: `VL-${day.replaceAll('-', '')}-DN${enterpriseId}`,
        target_kind: 'enterprise', target_org_id: enterpriseId, target_label: org.name, scheduled_on: day, method: 'rt_pcr_pool', risk_level: recent ? 'high' : 'low',
        pool_size: size, status: day < asOf ? 'done' : 'sampling',
      }).returning('id').executeTakeFirstOrThrow()).id;
      summary.rounds++;
      for (let i = 0; i < expected.length; i += 10_000) {
        await db.insertInto('round_person').values(expected.slice(i, i + 10_000).map((p) => ({ round_id: round, person_id: p }))).execute();
      }
      const sampled = expected.filter((p) => unit(p * 31 + n, 7) >= 0.05);
      const resultDay = addDays(day, 1);
      const groups: Array<{ members: number[]; result: 'positive' | 'negative' | null }> = [];
      for (let i = 0; i < sampled.length; i += size) {
        const members = sampled.slice(i, i + size);
        const infected = members.some((p) => {
          const c = caseOf.get(p);
          return c !== undefined && c.sample_date >= day && c.sample_date <= addDays(day, 2);
        });
        groups.push({ members, result: resultDay > asOf ? null : infected ? 'positive' : 'negative' });
      }
      if (groups.length === 0) continue;
      const barcodeOf = (k: number) => `G${day.replaceAll('-', '').slice(2)}-${enterpriseId}-${String(k + 1).padStart(3, '0')}`;
      const inserted = await db.insertInto('pool').values(groups.map((g, k) => ({
        province_code: provinceCode, round_id: round, barcode: barcodeOf(k), size, taken_on: day, result: g.result, lab: g.result ? LAB : null, resulted_on: g.result ? resultDay : null,
      }))).returning(['id', 'barcode']).execute();
      const poolId = new Map(inserted.map((r) => [r.barcode, r.id]));
      groups.forEach((g, k) => {
        const pool = poolId.get(barcodeOf(k))!;
        summary.pools++;
        if (g.result === 'positive') summary.positivePools++;
        for (const p of g.members) {
          samples.push({ province_code: provinceCode, person_id: p, method: 'rt_pcr_pool', purpose: 'screening', taken_on: day, round_id: round, pool_id: pool,
            result: g.result === 'negative' ? 'negative' : null, lab: g.result === 'negative' ? LAB : null, resulted_on: g.result === 'negative' ? resultDay : null });
          if (g.result === 'positive') retests.push({ person: p, pool, round, takenOn: day });
        }
      });
    }
  }
  for (let i = 0; i < samples.length; i += BATCH) await db.insertInto('sample').values(samples.slice(i, i + BATCH)).execute();
  summary.samples = samples.length;
  const memberSample = new Map<string, number>();
  const positivePools = [...new Set(retests.map((r) => r.pool))];
  for (let i = 0; i < positivePools.length; i += BATCH) {
    for (const m of await db.selectFrom('sample').select(['id', 'pool_id', 'person_id']).where('pool_id', 'in', positivePools.slice(i, i + BATCH)).execute()) {
      memberSample.set(`${m.pool_id}:${m.person_id}`, m.id);
    }
  }

  // Individual re-tests of positive pools' members: the case's own is the sample that confirmed it.
  for (const r of retests) {
    const c = caseOf.get(r.person);
    const sampleId = memberSample.get(`${r.pool}:${r.person}`)!;
    const taken = c && c.sample_date >= r.takenOn ? c.sample_date : addDays(r.takenOn, 1);
    if (taken > asOf) {
      await db.insertInto('retest_task').values({ province_code: provinceCode, person_id: r.person, round_id: r.round, pool_id: r.pool, sample_id: sampleId, reason: 'pool_positive' }).execute();
      continue;
    }
    const resulted = c ? c.confirmation_date : addDays(taken, 1);
    const done = resulted <= asOf;
    const outcome = c ? 'positive' as const : 'negative' as const;
    const single = (await db.insertInto('sample').values({
      province_code: provinceCode, person_id: r.person, barcode: `D${taken.replaceAll('-', '').slice(2)}-${sampleId}`, method: 'rt_pcr', purpose: 'screening', taken_on: taken,
      result: done ? outcome : null, lab: done ? LAB : null, resulted_on: done ? resulted : null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('retest_task').values({
      province_code: provinceCode, person_id: r.person, round_id: r.round, pool_id: r.pool, sample_id: sampleId, reason: 'pool_positive',
      status: done ? 'resolved' : 'sampled', new_sample_id: single, outcome: done ? outcome : null, resolved_at: done ? new Date(`${resulted}T10:00:00Z`) : null,
    }).execute();
    summary.retests++;
  }
  return summary;
}
