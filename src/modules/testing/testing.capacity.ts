/**
 * Testing capacity: tubes to test per day (an individual sample or a pool is one tube) against
 * the labs' daily capacity, the backlog at the end of each day (taken, no result yet) and the
 * turnaround from sampling to result, per lab and per day.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays, dayNumber, vnDate } from '../../lib/time.ts';
import { ValidationError } from '../../server/errors.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';

const MAX_DAYS = 120;

export interface DayCounts { date: string; taken: number; resulted: number }

/** Backlog at the end of each day from whole-history daily counts: taken so far minus resulted so far. */
export function backlogByDay(history: readonly DayCounts[], days: readonly string[]): Map<string, number> {
  const sorted = [...history].sort((a, b) => (a.date < b.date ? -1 : 1));
  const out = new Map<string, number>();
  let i = 0;
  let taken = 0;
  let resulted = 0;
  for (const d of days) {
    while (i < sorted.length && sorted[i]!.date <= d) {
      taken += sorted[i]!.taken;
      resulted += sorted[i]!.resulted;
      i++;
    }
    out.set(d, taken - resulted);
  }
  return out;
}

export async function capacityReport(db: Db, actor: Actor, q: { from?: string | undefined; to?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'testing:read');
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -13);
  if (from > to || dayNumber(to) - dayNumber(from) >= MAX_DAYS) {
    throw new ValidationError([{ field: 'from', code: 'RANGE', message: { vi: `Khoảng ngày từ 1 đến ${MAX_DAYS} ngày`, en: `The range is 1 to ${MAX_DAYS} days` } }]);
  }
  const p = actor.provinceCode;
  const tubes = sql`(select taken_on, resulted_on, lab from sample where province_code = ${p} and pool_id is null
    union all select taken_on, resulted_on, lab from pool where province_code = ${p}) t`;
  const taken = await sql<{ d: string; n: number }>`select taken_on::text as d, count(*)::int as n from ${tubes} where taken_on <= ${to}::date group by 1`.execute(db);
  const resulted = await sql<{ d: string; n: number }>`select resulted_on::text as d, count(*)::int as n from ${tubes} where resulted_on <= ${to}::date group by 1`.execute(db);
  const perLab = await sql<{ d: string; lab: string; n: number; tat: number }>`select resulted_on::text as d, coalesce(lab, '') as lab, count(*)::int as n,
      avg(resulted_on - taken_on)::float8 as tat
    from ${tubes} where resulted_on between ${from}::date and ${to}::date group by 1, 2 order by 1, 2`.execute(db);
  const labs = await db.selectFrom('org_unit').select(['id', 'name', 'attrs']).where('province_code', '=', p).where('kind', '=', 'lab').orderBy('name').execute();
  const capacityOf = new Map(labs.map((l) => [l.name, Number((l.attrs as { capacityPerDay?: number }).capacityPerDay ?? 0) || null]));
  const totalCapacity = [...capacityOf.values()].reduce<number>((s, c) => s + (c ?? 0), 0) || null;

  const history = new Map<string, DayCounts>();
  const at = (d: string) => history.get(d) ?? (history.set(d, { date: d, taken: 0, resulted: 0 }), history.get(d)!);
  for (const r of taken.rows) at(r.d).taken = r.n;
  for (const r of resulted.rows) at(r.d).resulted = r.n;
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  const backlog = backlogByDay([...history.values()], days);
  return {
    from, to, totalCapacity,
    labs: labs.map((l) => ({ id: l.id, name: l.name, capacityPerDay: capacityOf.get(l.name) ?? null })),
    days: days.map((d) => {
      const labsOfDay = perLab.rows.filter((r) => r.d === d).map((r) => ({
        lab: r.lab || null, resulted: r.n, avgTurnaroundDays: Math.round(r.tat * 10) / 10, capacityPerDay: capacityOf.get(r.lab) ?? null,
        overCapacity: (capacityOf.get(r.lab) ?? Infinity) < r.n,
      }));
      const day = history.get(d);
      return { date: d, taken: day?.taken ?? 0, resulted: day?.resulted ?? 0, backlog: backlog.get(d) ?? 0, overCapacity: totalCapacity !== null && (day?.taken ?? 0) > totalCapacity, labs: labsOfDay };
    }),
  };
}
