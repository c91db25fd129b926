/**
 * The situation room's dashboard for a day: every figure an SQL aggregate from its owning module
 * (nothing counted from raw rows here or in the browser), for the actor's area or a district or
 * commune inside it. Quarantine, contacts under management, tests and beds are province resources
 * counted for the province (their rows carry no commune); the response says which figures are.
 */
import type { Db } from '../../db/database.ts';
import { addDays, dayNumber } from '../../lib/time.ts';
import { type Actor, type AreaFilter, assertPermission } from '../auth/policy.ts';
import { caseCountsBetween, caseStatsByDistrict } from '../cases/cases.service.ts';
import { clusterCountsOn } from '../clusters/clusters.service.ts';
import { unitLevelOn } from '../levels/levels.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import { quarantineFiguresOn } from '../quarantine/quarantine.service.ts';
import { testingFiguresOn } from '../testing/testing.service.ts';
import { contactsManagedOn } from '../tracing/tracing.service.ts';
import { treatmentFiguresOn } from '../treatment/treatment.service.ts';
import { asOfDate, requestedArea } from './situation.service.ts';
import { provinceCoverageOn } from '../vaccination/vaccination.published.ts';

export interface DashboardQuery { date?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined }

/**
 * Figures are kept this long per area and day: fifty officials watching the same province cost one
 * computation, not fifty. With the page polling every 20 s, a change shows within 30 s.
 */
export const DASHBOARD_TTL_MS = 10_000;
const MAX_CACHED = 1_000;
const cache = new Map<string, { at: number; figures: Promise<DashboardFigures> }>();

type DashboardFigures = Awaited<ReturnType<typeof computeDashboard>>;

export async function dashboard(db: Db, actor: Actor, q: DashboardQuery, now = Date.now()): Promise<DashboardFigures> {
  assertPermission(actor, 'overview:read');
  // Access is checked on every request; only the figures of an area and day are shared.
  const area = await requestedArea(db, actor, q);
  const key = `${actor.provinceCode}|${area.column}=${area.value}|${q.date ?? 'latest'}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < DASHBOARD_TTL_MS) return hit.figures;
  const figures = computeDashboard(db, actor, area, q.date);
  // One computation in flight per key (no stampede); a failure is not kept.
  figures.catch(() => cache.delete(key));
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: now, figures });
  return figures;
}

async function computeDashboard(db: Db, actor: Actor, area: AreaFilter, day: string | undefined) {
  const date = await asOfDate(db, actor, day);
  const unitLevel = area.column === 'province_code' ? 'province' : area.column === 'district_code' ? 'district' : 'commune';
  const vaccination = await provinceCoverageOn(db, actor.provinceCode, date);
  const [unit, today, week, stats, clusters, contacts, quarantine, testing, treatment, level] = await Promise.all([
    lookupUnit(db, area.value),
    caseCountsBetween(db, area, date, date),
    caseCountsBetween(db, area, addDays(date, -6), date),
    caseStatsByDistrict(db, area, date),
    clusterCountsOn(db, area, date),
    contactsManagedOn(db, actor.provinceCode, date),
    quarantineFiguresOn(db, actor.provinceCode, date),
    testingFiguresOn(db, actor.provinceCode, date),
    treatmentFiguresOn(db, actor.provinceCode, date),
    unitLevelOn(db, actor.provinceCode, unitLevel, area.value, date),
  ]);
  const cumulative = [...stats.values()].reduce((s, d) => s + d.cases, 0);
  const active = [...stats.values()].reduce((s, d) => s + d.activeCases, 0);
  const ages = clusters.activeList.map((c) => (c.firstCaseDate ? dayNumber(date) - dayNumber(c.firstCaseDate) : 0));
  return {
    date,
    area: { level: unitLevel, code: area.value, name: unit?.name ?? area.value },
    cases: { today, last7Days: week, cumulative, active },
    clusters: { active: clusters.active, newOnDay: clusters.newOnDay, oldestActiveDays: ages.length ? Math.max(...ages) : null },
    level,
    /** Counted for the province whatever the area. */
    province: {
      contacts: { f1: contacts.f1.managed, f2: contacts.f2.managed },
      quarantine: {
        centralized: quarantine.centralized, home: quarantine.home,
        capacity: quarantine.facilities.capacity, used: quarantine.facilities.used, percent: quarantine.facilities.percent,
      },
      testing: { takenOnDay: testing.takenOnDay, resultedOnDay: testing.resultedOnDay, positiveOnDay: testing.positiveOnDay, backlog: testing.backlog },
      treatment: { inTreatment: treatment.inTreatment.total, beds: treatment.beds },
      // Unknown (null), not zero, while the province has recorded no dose by the day.
      vaccination: vaccination.known ? {
        dosesOnDay: vaccination.dosesOnDay, firstDosesOnDay: vaccination.firstDosesOnDay, cumulativeDoses: vaccination.cumulativeDoses,
        adultsOneDose: vaccination.adultsOneDose, adultsOneDosePercent: vaccination.adultsOneDosePercent, over50FullPercent: vaccination.over50FullPercent,
        over65FullPercent: vaccination.over65FullPercent, populationFull: vaccination.populationFull, populationFullPercent: vaccination.populationFullPercent,
      } : null,
    },
  };
}
