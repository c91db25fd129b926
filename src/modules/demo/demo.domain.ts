/**
 * The synthetic demo province: pure and deterministic. Given a seed, a head count, the
 * province's real communes and an as-of date, it plans the whole province (people in
 * households, industrial parks, enterprises and their workers, boarding houses, venues and
 * QR check-ins, facilities, and the May–July 2021 wave as a transmission process), then
 * `demoRows` emits it as table rows in batches. No I/O; the same input gives the same rows.
 */
import { dayOf } from './calendar.ts';
import { type DemoTable, type IdBases, caseCode, demoRows, plannedRowCounts } from './emit.ts';
import { type CommuneInput, type DistrictInput, type Geography, buildGeography } from './geography.ts';
import { type Lodging, generateLodging } from './lodging.ts';
import { type CaseRecord, simulateOutbreak } from './outbreak.ts';
import { type Population, generatePopulation } from './population.ts';
import { Registry } from './registry.ts';
import { Rng } from './rng.ts';
import { type Venues, generateVenues } from './venues.ts';
import { Commute, type Workforce, generateWorkforce } from './workforce.ts';

export { demoRows, plannedRowCounts, caseCode, type DemoTable, type IdBases };
export type { RowBatch } from './emit.ts';

export const DEFAULT_AS_OF = '2021-06-10';
export const MIN_PEOPLE = 200;
export const MAX_PEOPLE = 5_000_000;

export interface DemoInput {
  seed: number;
  people: number;
  provinceCode: string;
  provinceName?: string | undefined;
  communes: readonly CommuneInput[];
  /** District names for labels (bus routes, health centres, facilities); codes come from the communes. */
  districts?: readonly DistrictInput[] | undefined;
  /** 'YYYY-MM-DD'; nothing (case, check-in) is dated after it. */
  asOf?: string | undefined;
  /** Organisation codes already in use, which the generated ones must avoid. */
  takenOrgCodes?: Iterable<string> | undefined;
}

export interface DemoPlan {
  seed: number;
  asOf: string;
  geo: Geography;
  pop: Population;
  wf: Workforce;
  lodging: Lodging;
  venues: Venues;
  reg: Registry;
  /** Ordered by confirmation: case i is emitted as caseCode(i). */
  cases: CaseRecord[];
}

/** Separate random streams per phase: changing one phase never reshuffles the others. */
const PHASE = { geography: 1, population: 2, workforce: 3, lodging: 4, venues: 5, outbreak: 6 } as const;

export function planDemoProvince(input: DemoInput): DemoPlan {
  if (!Number.isInteger(input.seed)) throw new Error(`seed must be an integer, got ${input.seed}`);
  if (!Number.isInteger(input.people) || input.people < MIN_PEOPLE || input.people > MAX_PEOPLE) {
    throw new Error(`people must be an integer between ${MIN_PEOPLE} and ${MAX_PEOPLE}, got ${input.people}`);
  }
  const asOf = input.asOf ?? DEFAULT_AS_OF;
  const asOfDay = dayOf(asOf);
  const geo = buildGeography(new Rng(input.seed, PHASE.geography), input);
  const pop = generatePopulation(new Rng(input.seed, PHASE.population), geo, input.people);
  const reg = new Registry(input.takenOrgCodes);
  const wf = generateWorkforce(new Rng(input.seed, PHASE.workforce), geo, pop, reg);
  const lodging = generateLodging(new Rng(input.seed, PHASE.lodging), geo, pop, wf, reg);
  const venues = generateVenues(new Rng(input.seed, PHASE.venues), geo, pop, reg, asOfDay);
  const cases = simulateOutbreak(new Rng(input.seed, PHASE.outbreak), { geo, pop, wf, reg, lodging, venues }, asOfDay);
  return { seed: input.seed, asOf, geo, pop, wf, lodging, venues, reg, cases };
}

export interface DemoSample {
  enterpriseId: number | null;
  boardingHouseId: number | null;
  quarantineFacilityId: number | null;
  districtCode: string;
  communeCode: string;
}

import type { FacilitySummary } from './demo.facilities.ts';
import type { TestingSummary } from './demo.testing.ts';
import type { ZonesSummary } from './demo.zones.ts';
import type { LevelsDemoSummary } from '../levels/levels.demo.ts';
import type { DirectivesDemoSummary } from '../directives/directives.demo.ts';
import type { GeoSummary } from './demo.geo.ts';
import type { RiskDemoSummary } from '../enterprises/risk.demo.ts';
import type { EnterprisesDemoSummary } from '../enterprises/enterprises.demo.ts';

export interface DemoSummary {
  provinceCode: string;
  seed: number;
  asOf: string;
  people: number;
  households: number;
  industrialParks: number;
  enterprises: number;
  workers: number;
  workshopShifts: number;
  boardingHouses: number;
  dormitories: number;
  rooms: number;
  busRoutes: number;
  venues: number;
  checkins: number;
  memberships: number;
  cases: number;
  quarantineFacilities: number;
  treatmentFacilities: number;
  /** F1s put into quarantine the day after their F0 was confirmed (filled after the load). */
  quarantineOrders?: number;
  /** Facilities, rooms, placements, releases, samples and admissions written for them. */
  facilities?: FacilitySummary;
  /** Enterprise screening rounds, pools, samples and re-tests. */
  testing?: TestingSummary;
  zones?: ZonesSummary;
  /** Epidemic levels assessed every 7th day of the wave up to the as-of day. */
  levels?: LevelsDemoSummary;
  /** Agencies, steering meetings, tasks and reports of the command centre. */
  directives?: DirectivesDemoSummary;
  /** Points of communes, households, rooms and units for the map. */
  geo?: GeoSummary;
  /** Enterprise risk self-assessments (QĐ 2194), weekly over the wave. */
  enterpriseRisk?: RiskDemoSummary;
  /** Enterprise detail, workshops, shifts and bus routes as data, workers' current assignments. */
  enterpriseDetail?: EnterprisesDemoSummary;
  /** Anchors for the demo users (district/commune of the first park, one enterprise, boarding house and facility). */
  sample: DemoSample;
}

export function summarizePlan(plan: DemoPlan, bases: IdBases): DemoSummary {
  const { geo, pop, wf, reg, venues, cases, lodging } = plan;
  const groupsOf = (kind: string) => reg.groups.filter((g) => g.kind === kind).length;
  const orgId = (i: number | null) => (i === null ? null : bases.orgUnit + i + 1);
  const anchorPark = geo.parks.find((p) => p.key === 'van-trung') ?? geo.parks[0]!;
  const anchorCommune = geo.communes[anchorPark.communes[0]!]!;

  const casePeople = new Set(cases.map((c) => c.person));
  const casesAmong = (workers: number[]) => workers.reduce((n, w) => n + (casePeople.has(wf.person[w]!) ? 1 : 0), 0);
  // The enterprise of the anchor park with the most cases (the one a demo enterprise user should see).
  const enterprise = wf.enterprises
    .filter((e) => e.park === anchorPark.index)
    .map((e) => ({ e, n: casesAmong(e.workers), size: e.workers.length }))
    .sort((a, b) => b.n - a.n || b.size - a.size || a.e.org - b.e.org)[0]?.e;

  const tenantsByHouse = new Map<number, number[]>();
  for (let w = 0; w < wf.count; w++) {
    if (wf.mode[w] !== Commute.BoardingHouse || wf.roomGroup[w]! < 0) continue;
    const house = lodging.roomHouse.get(wf.roomGroup[w]!)!;
    const list = tenantsByHouse.get(house) ?? [];
    list.push(w);
    tenantsByHouse.set(house, list);
  }
  const house = lodging.boardingHouses
    .map((h) => ({ h, inAnchor: reg.orgs[h]!.commune === anchorCommune.index ? 1 : 0, n: casesAmong(tenantsByHouse.get(h) ?? []), size: tenantsByHouse.get(h)?.length ?? 0 }))
    .sort((a, b) => b.inAnchor - a.inAnchor || b.n - a.n || b.size - a.size || a.h - b.h)[0]?.h;
  const quarantine = venues.quarantine.find((q) => geo.communes[reg.orgs[q]!.commune]!.districtIndex === anchorCommune.districtIndex) ?? venues.quarantine[0];

  const counts = plannedRowCounts(plan);
  return {
    provinceCode: geo.provinceCode,
    seed: plan.seed,
    asOf: plan.asOf,
    people: pop.count,
    households: pop.householdCount,
    industrialParks: reg.count('industrial_park'),
    enterprises: reg.count('enterprise'),
    workers: wf.count,
    workshopShifts: groupsOf('workshop_shift'),
    boardingHouses: reg.count('boarding_house'),
    dormitories: reg.count('dormitory'),
    rooms: groupsOf('room'),
    busRoutes: groupsOf('bus_route'),
    venues: reg.count('venue'),
    checkins: venues.checkins.count,
    memberships: counts.group_membership,
    cases: cases.length,
    quarantineFacilities: reg.count('quarantine_facility'),
    treatmentFacilities: reg.count('treatment_facility'),
    sample: {
      enterpriseId: orgId(enterprise?.org ?? null),
      boardingHouseId: orgId(house ?? null),
      quarantineFacilityId: orgId(quarantine ?? null),
      districtCode: anchorCommune.districtCode,
      communeCode: anchorCommune.code,
    },
  };
}

/** Infector links as case codes, for tests and for checking what tracing rediscovers. */
export function infectorLinks(plan: DemoPlan): Array<{ caseCode: string; infectorCode: string | null; channel: string | null }> {
  return plan.cases.map((c, i) => ({
    caseCode: caseCode(i),
    infectorCode: c.infector === null ? null : caseCode(c.infector),
    channel: c.channel,
  }));
}
