/**
 * The figures of the daily situation report for one province and day, one function per section
 * of the report, each read through the owning context's published aggregate (no personal data,
 * no other context's tables read here). What "on the day" means is each context's own: see the
 * published functions. Facility places and beds are as configured now (no history is kept).
 */
import type { Db } from '../../db/database.ts';
import type { AreaFilter } from '../auth/policy.ts';
import { caseDayByDistrict, caseOutcomesOn, caseStatsByDistrict } from '../cases/cases.service.ts';
import { clusterCountsOn } from '../clusters/clusters.service.ts';
import { listUnits, lookupUnit } from '../places/places.service.ts';
import { quarantineFiguresOn } from '../quarantine/quarantine.service.ts';
import { testingFiguresOn } from '../testing/testing.service.ts';
import { contactsManagedOn } from '../tracing/tracing.service.ts';
import { treatmentFiguresOn } from '../treatment/treatment.service.ts';
import { type ViolationFigures, violationCountsOn } from '../community/violations.service.ts';
import { provinceCoverageOn } from '../vaccination/vaccination.published.ts';

/** Bumped when the shape changes, so a kept report's figures can be read as they were stored. */
export const FIGURES_VERSION = 1;

export interface CaseCounts {
  newCases: number;
  newInQuarantine: number;
  newCommunity: number;
  newImported: number;
  cumulative: number;
  /** Isolated or in treatment at the end of the day (the case's timeline). */
  active: number;
}
export interface DistrictCases extends CaseCounts { code: string; name: string }

export type ClusterFigures = Awaited<ReturnType<typeof clusterCountsOn>>;
export type TracingFigures = Awaited<ReturnType<typeof contactsManagedOn>>;
export type QuarantineFigures = Awaited<ReturnType<typeof quarantineFiguresOn>>;
export type TestingFigures = Awaited<ReturnType<typeof testingFiguresOn>>;
export type TreatmentFigures = Awaited<ReturnType<typeof treatmentFiguresOn>> & Awaited<ReturnType<typeof caseOutcomesOn>>;

/**
 * Vaccination (issue 9): doses on the day and by then, coverage of the register's population by
 * age band. Unavailable (the report says there are no figures) while no dose is recorded.
 */
export type VaccinationFigures = { available: false } | {
  available: true; dosesOnDay: number; firstDosesOnDay: number; cumulativeDoses: number;
  adults: number; adultsOneDose: number; adultsOneDosePercent: number | null; over50FullPercent: number | null; over65FullPercent: number | null;
  populationFull: number; populationFullPercent: number | null;
};

export interface ReportFigures {
  version: typeof FIGURES_VERSION;
  date: string;
  province: { code: string; name: string };
  situation: { totals: CaseCounts; districts: DistrictCases[]; clusters: ClusterFigures };
  tracing: TracingFigures;
  quarantine: QuarantineFigures;
  testing: TestingFigures;
  /** Violations of the day and cumulative (issue 9; absent from reports kept before it). */
  violations?: ViolationFigures;
  treatment: TreatmentFigures;
  vaccination: VaccinationFigures;
}

const ZERO: CaseCounts = { newCases: 0, newInQuarantine: 0, newCommunity: 0, newImported: 0, cumulative: 0, active: 0 };

/** I. Situation: cases of the day by district (in quarantine, community, imported), cumulative, active; clusters. */
export async function situationFigures(db: Db, provinceCode: string, date: string): Promise<ReportFigures['situation']> {
  const area: AreaFilter = { column: 'province_code', value: provinceCode };
  const [districts, day, stats, clusters] = await Promise.all([
    listUnits(db, { level: 'district', parent: provinceCode, page: 1, pageSize: 500 }),
    caseDayByDistrict(db, area, date),
    caseStatsByDistrict(db, area, date),
    clusterCountsOn(db, area, date),
  ]);
  const rows: DistrictCases[] = districts.items.map((d) => {
    const c = day.get(d.code);
    return { code: d.code, name: d.name, ...(c ?? ZERO), active: stats.get(d.code)?.activeCases ?? 0 };
  });
  const totals = { ...ZERO };
  for (const r of rows) for (const k of Object.keys(ZERO) as Array<keyof CaseCounts>) totals[k] += r[k];
  return { totals, districts: rows, clusters };
}

/** II.1 Tracing: F1 and F2 new on the day, traced by then, under management. */
export function tracingFigures(db: Db, provinceCode: string, date: string): Promise<TracingFigures> {
  return contactsManagedOn(db, provinceCode, date);
}

/** II.2 Quarantine: centralized and home, begun and released on the day, facility use. */
export function quarantineFigures(db: Db, provinceCode: string, date: string): Promise<QuarantineFigures> {
  return quarantineFiguresOn(db, provinceCode, date);
}

/** II.3 Testing: samples of the day, results, positives, backlog. */
export function testingFigures(db: Db, provinceCode: string, date: string): Promise<TestingFigures> {
  return testingFiguresOn(db, provinceCode, date);
}

/** II.4 Treatment: in treatment by care level, beds and ICU, recovered and died on the day and by then. */
export async function treatmentFigures(db: Db, provinceCode: string, date: string): Promise<TreatmentFigures> {
  const [stays, outcomes] = await Promise.all([
    treatmentFiguresOn(db, provinceCode, date),
    caseOutcomesOn(db, { column: 'province_code', value: provinceCode }, date),
  ]);
  return { ...stays, ...outcomes };
}

/** II.5 Vaccination: doses and coverage on the day (see VaccinationFigures). */
export async function vaccinationFigures(db: Db, provinceCode: string, date: string): Promise<VaccinationFigures> {
  const c = await provinceCoverageOn(db, provinceCode, date);
  if (!c.known) return { available: false };
  return {
    available: true, dosesOnDay: c.dosesOnDay, firstDosesOnDay: c.firstDosesOnDay, cumulativeDoses: c.cumulativeDoses, adults: c.adults, adultsOneDose: c.adultsOneDose,
    adultsOneDosePercent: c.adultsOneDosePercent, over50FullPercent: c.over50FullPercent, over65FullPercent: c.over65FullPercent,
    populationFull: c.populationFull, populationFullPercent: c.populationFullPercent,
  };
}

/** Every figure of the report of `date` for the province. */
export async function reportFigures(db: Db, provinceCode: string, date: string): Promise<ReportFigures> {
  const [province, situation, tracing, quarantine, testing, treatment] = await Promise.all([
    lookupUnit(db, provinceCode),
    situationFigures(db, provinceCode, date),
    tracingFigures(db, provinceCode, date),
    quarantineFigures(db, provinceCode, date),
    testingFigures(db, provinceCode, date),
    treatmentFigures(db, provinceCode, date),
  ]);
  const violations = await violationCountsOn(db, provinceCode, date);
  return {
    version: FIGURES_VERSION,
    date,
    province: { code: provinceCode, name: province?.name ?? provinceCode },
    violations,
    situation, tracing, quarantine, testing, treatment,
    vaccination: await vaccinationFigures(db, provinceCode, date),
  };
}
