import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { type Actor, areaScopeFilter, assertPermission, type AreaFilter } from '../auth/policy.ts';
import { caseStatsByDistrict, epidemicCurve, latestConfirmationDate } from '../cases/cases.service.ts';
import { enterpriseTotals } from '../enterprises/enterprises.service.ts';
import { populationByDistrict } from '../people/people.service.ts';
import { listUnits, lookupUnit } from '../places/places.service.ts';

/**
 * The province (or the actor's district/commune) at a glance: aggregates only, computed
 * in SQL by the owning contexts. Organisation-scoped users see the province aggregates.
 */
export async function overview(db: Db, actor: Actor, q: { date?: string | undefined }) {
  assertPermission(actor, 'overview:read');
  const area: AreaFilter = areaScopeFilter(actor) ?? { column: 'province_code', value: actor.provinceCode };
  const today = vnDate();
  const asOf = q.date ?? (await latestConfirmationDate(db, actor.provinceCode)) ?? today;
  const [province, scopeUnit, districts, population, cases, curve, ent] = await Promise.all([
    lookupUnit(db, actor.provinceCode),
    lookupUnit(db, area.value),
    listUnits(db, { level: 'district', parent: actor.provinceCode, page: 1, pageSize: 100 }),
    populationByDistrict(db, area),
    caseStatsByDistrict(db, area, asOf),
    epidemicCurve(db, area, asOf),
    enterpriseTotals(db, area, asOf),
  ]);
  const districtOfScope = area.column === 'district_code' ? area.value : scopeUnit?.district_code;
  const inScope = districts.items.filter((d) => area.column === 'province_code' || d.code === districtOfScope);
  const rows = inScope.map((d) => {
    const pop = population.get(d.code)?.people ?? 0;
    const c = cases.get(d.code) ?? { cases: 0, casesLast7Days: 0, activeCases: 0 };
    return {
      code: d.code,
      name: d.name,
      population: pop,
      ...c,
      casesPer100k: pop > 0 ? Math.round((c.cases / pop) * 100_000 * 10) / 10 : 0,
    };
  });
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    province: { code: actor.provinceCode, name: province?.name ?? actor.provinceCode },
    scope: { kind: area.column.replace('_code', ''), code: area.value, name: scopeUnit?.name ?? area.value },
    asOf,
    totals: {
      population: sum((r) => r.population),
      households: [...population.values()].reduce((a, p) => a + p.households, 0),
      enterprises: ent.enterprises,
      workers: ent.workers,
      cases: sum((r) => r.cases),
      casesLast7Days: sum((r) => r.casesLast7Days),
      activeCases: sum((r) => r.activeCases),
    },
    districts: rows,
    curve,
  };
}
