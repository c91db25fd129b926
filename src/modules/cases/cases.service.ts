import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import type { AreaFilter } from '../auth/policy.ts';
import * as repo from './cases.repository.ts';

/** Published for the situation views: case counts by district over an area, as of a date. */
export async function caseStatsByDistrict(db: Db, area: AreaFilter, asOf: string) {
  const rows = await repo.caseCountsByDistrict(db, area, asOf, addDays(asOf, -6));
  return new Map(rows.map((r) => [r.district_code, { cases: r.cases, casesLast7Days: r.cases_7d, activeCases: r.active }]));
}

/** Daily new confirmed cases, with zero days filled in, from the first case to asOf. */
export async function epidemicCurve(db: Db, area: AreaFilter, asOf: string) {
  const rows = await repo.dailyCounts(db, area, asOf);
  if (rows.length === 0) return [];
  const byDate = new Map(rows.map((r) => [r.date, r.cases]));
  const out: Array<{ date: string; cases: number }> = [];
  for (let d = rows[0]!.date; d <= asOf; d = addDays(d, 1)) out.push({ date: d, cases: byDate.get(d) ?? 0 });
  return out;
}

export function latestConfirmationDate(db: Db, provinceCode: string) {
  return repo.latestConfirmationDate(db, provinceCode);
}
