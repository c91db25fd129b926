/**
 * What other modules may read about vaccination (issue 9): a person's status on a day, and the
 * coverage of an area on a day (levels, dashboard, daily report). Reads only; no permission check
 * here — callers have already checked theirs.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CoverageInput } from '../levels/levels.domain.ts';
import { populationByCommuneBornBy } from '../people/people.service.ts';
import { bornOnOrBefore, type CoverageCounts, coveragePercents, round1 } from './vaccination.domain.ts';
import * as repo from './vaccination.repository.ts';

/**
 * Counts per commune on a day: the register's people by age band (through people's trigger-kept
 * head counts) and those of them with ≥1 dose / the full course by then. Age cut-offs are birth
 * dates, so the 18th birthday on the day counts.
 */
async function coverageByCommune(db: Db, provinceCode: string, day: string, limit: repo.AreaLimit = {}): Promise<repo.CoverageRow[]> {
  const [population, vaccinated] = await Promise.all([
    populationByCommuneBornBy(db, provinceCode, [18, 50, 65].map((years) => bornOnOrBefore(day, years)), limit),
    repo.vaccinatedByCommune(db, provinceCode, day, limit),
  ]);
  return population.map((c): repo.CoverageRow => {
    const v = vaccinated.get(`${c.districtCode}|${c.communeCode}`);
    const [adults, over50, over65] = c.bornBy as [number, number, number];
    const counts: CoverageCounts = {
      population: c.population, populationOneDose: v?.populationOneDose ?? 0, populationFull: v?.populationFull ?? 0,
      adults, adultsOneDose: v?.adultsOneDose ?? 0, over50, over50Full: v?.over50Full ?? 0, over65, over65Full: v?.over65Full ?? 0,
    };
    return { district_code: c.districtCode, commune_code: c.communeCode, ...counts };
  });
}

export interface VaccinationStatus { doses: number; lastDoseDate: string; fullyVaccinated: boolean }

/**
 * Each person's doses given on or before `onDate`. Fully vaccinated: as many doses as the first
 * dose's product needs (Janssen 1, the others 2). People with no dose are absent from the map.
 */
export async function vaccinationStatusOf(db: Db, personIds: readonly number[], onDate: string): Promise<Map<number, VaccinationStatus>> {
  const out = new Map<number, VaccinationStatus>();
  if (personIds.length === 0) return out;
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const rows = await db
      .selectFrom('vaccine_dose as d')
      .where('d.person_id', 'in', chunk)
      .where('d.dose_date', '<=', onDate)
      .select((eb) => [
        'd.person_id',
        eb.fn.countAll<string>().as('doses'),
        eb.fn.max('d.dose_date').as('last_dose_date'),
        sql<number>`min(case when d.dose_number = 1 then (select p.doses_required from vaccine_product p where p.code = d.product_code) end)`.as('required'),
      ])
      .groupBy('d.person_id')
      .execute();
    for (const r of rows) {
      const doses = Number(r.doses);
      const required = r.required == null ? 2 : Number(r.required);
      out.set(r.person_id, { doses, lastDoseDate: String(r.last_dose_date), fullyVaccinated: doses >= required });
    }
  }
  return out;
}

export interface CoverageFigures extends CoverageCounts {
  /** Percentages, one decimal: ≥18 with ≥1 dose, ≥50 full, ≥65 full, whole population full. */
  adultsOneDosePercent: number | null;
  over50FullPercent: number | null;
  over65FullPercent: number | null;
  populationFullPercent: number | null;
}

const sumCounts = (rows: readonly CoverageCounts[]): CoverageCounts => {
  const t: CoverageCounts = { population: 0, populationOneDose: 0, populationFull: 0, adults: 0, adultsOneDose: 0, over50: 0, over50Full: 0, over65: 0, over65Full: 0 };
  for (const r of rows) for (const k of Object.keys(t) as Array<keyof CoverageCounts>) t[k] += r[k];
  return t;
};

export function coverageFigures(c: CoverageCounts): CoverageFigures {
  const p = coveragePercents(c);
  return {
    ...c, adultsOneDosePercent: round1(p.adultsOneDose), over50FullPercent: round1(p.over50Full),
    over65FullPercent: round1(p.highRiskFull), populationFullPercent: round1(p.populationFull),
  };
}

/** Province-wide coverage on a day (dashboard, daily report); `known` false while no dose was recorded. */
export async function provinceCoverageOn(db: Db, provinceCode: string, day: string): Promise<CoverageFigures & { known: boolean; dosesOnDay: number; firstDosesOnDay: number; cumulativeDoses: number }> {
  const [rows, known, onDay] = await Promise.all([coverageByCommune(db, provinceCode, day), repo.hasDoses(db, provinceCode, day), repo.dosesOn(db, provinceCode, day)]);
  return { ...coverageFigures(sumCounts(rows)), known, dosesOnDay: onDay.doses, firstDosesOnDay: onDay.firstDoses, cumulativeDoses: onDay.cumulative };
}

/** Coverage per commune and district on a day. */
export async function coverageByArea(db: Db, provinceCode: string, day: string, limit: repo.AreaLimit = {}) {
  const rows = await coverageByCommune(db, provinceCode, day, limit);
  const byDistrict = new Map<string, repo.CoverageRow[]>();
  for (const r of rows) byDistrict.set(r.district_code, [...(byDistrict.get(r.district_code) ?? []), r]);
  return {
    communes: rows.map((r) => ({ districtCode: r.district_code, communeCode: r.commune_code, ...coverageFigures(r) })),
    districts: [...byDistrict].map(([districtCode, list]) => ({ districtCode, ...coverageFigures(sumCounts(list)) })),
    total: coverageFigures(sumCounts(rows)),
  };
}

/**
 * Criterion 2 of the epidemic levels: each commune's coverage on the day, unrounded. Undefined
 * while the province has recorded no dose by then (coverage unknown raises nothing).
 */
export async function levelCoverageOn(db: Db, provinceCode: string, day: string): Promise<Map<string, CoverageInput> | undefined> {
  if (!(await repo.hasDoses(db, provinceCode, day))) return undefined;
  const rows = await coverageByCommune(db, provinceCode, day);
  return new Map(rows.map((r) => [r.commune_code, coveragePercents(r)]));
}
