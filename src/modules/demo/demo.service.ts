/**
 * Loads the synthetic demo province into an empty register, in one transaction: either the
 * whole province is there or nothing is. Refuses a register that already holds people, so a
 * demo is never mixed into real data.
 */
import type { Db } from '../../db/database.ts';
import { Errors } from '../../server/errors.ts';
import { communesOf, lookupUnit, lookupUnits } from '../places/places.service.ts';
import { DEFAULT_AS_OF, type DemoSummary, demoRows, planDemoProvince, plannedRowCounts, summarizePlan } from './demo.domain.ts';
import * as repo from './demo.repository.ts';
import { runDemoFacilities } from './demo.facilities.ts';
import { quarantineDemoContacts } from './demo.quarantine.ts';
import { runDemoTesting } from './demo.testing.ts';
import { runDemoZones } from './demo.zones.ts';
import { assessDemoWave } from '../levels/levels.demo.ts';
import { runDemoDirectives } from '../directives/directives.demo.ts';
import { runDemoEnterpriseRisk } from '../enterprises/risk.demo.ts';
import { runDemoBoardingHouses } from '../boarding-houses/boarding-houses.demo.ts';
import { runDemoWorkChecklists } from '../enterprises/work-status.demo.ts';
import { runDemoEnterprises } from '../enterprises/enterprises.demo.ts';
import { placeNewDemoUnits, runDemoGeo } from './demo.geo.ts';
import { runDemoCommunity } from '../community/community.demo.ts';
import { runDemoSupport } from '../support/support.demo.ts';
import { runDemoVaccination } from '../vaccination/vaccination.demo.ts';
import { runDemoArrivals } from '../arrivals/arrivals.demo.ts';
import type { DemoTable } from './emit.ts';

export type { DemoSummary } from './demo.domain.ts';

export interface GenerateDemoOptions {
  provinceCode: string;
  people: number;
  seed: number;
  /** 'YYYY-MM-DD', default 2021-06-10 (the height of the wave): nothing is dated after it. */
  asOf?: string;
  onProgress?: (phase: string, done: number, total: number) => void;
  /** Rows per INSERT statement (default 5,000). */
  batchSize?: number;
  /**
   * Bulk-load mode (default true): skip per-row triggers and rebuild secondary indexes after the
   * load when the role may. false always loads row by row with every check on.
   */
  bulkLoad?: boolean;
}

const PHASE_NAMES: Record<DemoTable, string> = {
  org_unit: 'organisations',
  contact_group: 'contact groups',
  person: 'people',
  group_membership: 'memberships',
  worker: 'workers',
  checkin: 'check-ins',
  covid_case: 'cases',
  case_status_event: 'case timelines',
};

/** The register is not empty: a demo is never mixed into real data. */
export async function generateDemoProvince(db: Db, opts: GenerateDemoOptions): Promise<DemoSummary> {
  const progress = opts.onProgress ?? (() => {});
  const existing = await repo.countPeople(db);
  if (existing > 0) throw Errors.demoRegisterNotEmpty(existing);

  const communes = await communesOf(db, opts.provinceCode);
  if (communes.length === 0) {
    throw new Error(`no communes for province ${opts.provinceCode}: import the administrative units first`);
  }
  const province = await lookupUnit(db, opts.provinceCode);
  const districts = await lookupUnits(db, [...new Set(communes.map((c) => c.district_code).filter((d): d is string => !!d))]);

  progress('plan', 0, 1);
  const plan = planDemoProvince({
    seed: opts.seed,
    people: opts.people,
    provinceCode: opts.provinceCode,
    provinceName: province?.name,
    communes,
    districts: [...districts.values()].map((d) => ({ code: d.code, name: d.name })),
    asOf: opts.asOf ?? DEFAULT_AS_OF,
    takenOrgCodes: await repo.existingOrgCodes(db),
  });
  progress('plan', 1, 1);

  const totals = plannedRowCounts(plan);
  const summary = await db.transaction().execute(async (trx) => {
    const bases = await repo.lockAndReserveIds(trx);
    const people = await repo.countPeople(trx);
    if (people > 0) throw Errors.demoRegisterNotEmpty(people);
    const bulk = opts.bulkLoad === false ? { triggersSkipped: false, droppedIndexes: [] } : await repo.enterBulkLoad(trx);
    const done: Partial<Record<DemoTable, number>> = {};
    for (const batch of demoRows(plan, bases, opts.batchSize ?? 5000)) {
      await repo.insertBatch(trx, batch);
      done[batch.table] = (done[batch.table] ?? 0) + batch.rows.length;
      progress(PHASE_NAMES[batch.table], done[batch.table]!, totals[batch.table]);
    }
    await repo.recreateIndexes(trx, bulk, (n, total) => progress('indexes', n, total));
    if (bulk.triggersSkipped) {
      const dangling = Object.entries(await repo.verifyReferences(trx, bases)).filter(([, n]) => n > 0);
      if (dangling.length > 0) throw new Error(`demo generator produced dangling references: ${JSON.stringify(Object.fromEntries(dangling))}`);
    }
    await repo.syncSequences(trx);
    const s = summarizePlan(plan, bases);
    // Each later phase reports its start and end, as one step.
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      progress(name, 0, 1);
      const result = await run();
      progress(name, 1, 1);
      return result;
    };
    s.quarantineOrders = await phase('quarantine', () => quarantineDemoContacts(trx, opts.provinceCode, plan.asOf));
    s.facilities = await phase('facilities', () => runDemoFacilities(trx, opts.provinceCode, plan.asOf));
    s.testing = await phase('screening', () => runDemoTesting(trx, opts.provinceCode, plan.asOf));
    // Points for the map, once every unit exists; the zones centre on their villages' households.
    s.geo = await phase('places', () => runDemoGeo(trx, opts.provinceCode));
    s.zones = await phase('zones', () => runDemoZones(trx, opts.provinceCode, plan.asOf));
    s.levels = await phase('levels', () => assessDemoWave(trx, opts.provinceCode, plan.asOf));
    // Enterprise detail (tax codes, status, list freshness), workshops, shifts and buses as data.
    s.enterpriseDetail = await phase('enterprises', () => runDemoEnterprises(trx, opts.provinceCode));
    // Agencies and the steering meetings of the wave, each with the dashboard's figures of its day.
    s.directives = await phase('directives', () => runDemoDirectives(trx, opts.provinceCode, plan.asOf));
    s.enterpriseRisk = await phase('enterprise risk', () => runDemoEnterpriseRisk(trx, opts.provinceCode, plan.asOf));
    // Boarding houses: workers' tenancy details and the smart boarding-house assessments of the weeks before.
    await phase('boarding houses', () => runDemoBoardingHouses(trx, opts.provinceCode, plan.asOf));
    // The F0 checklists of enterprises whose workers became cases in the last 14 days.
    await phase('enterprise F0 checklists', () => runDemoWorkChecklists(trx, opts.provinceCode, plan.asOf));
    // Community teams and their tasks, pharmacies with sales reports, violations.
    await phase('community', () => runDemoCommunity(trx, opts.provinceCode, plan.asOf, s.sample.communeCode));
    // NQ68 decisions, bank details and a prepared list; the supplies catalogue, stock, donations and spending.
    await phase('support and supplies', () => runDemoSupport(trx, opts.provinceCode, plan.asOf, s.sample.communeCode));
    // Vaccination sites, lots and the spring 2021 doses (low coverage; health workers, then park workers in June).
    await phase('vaccination', () => runDemoVaccination(trx, opts.provinceCode, plan.asOf));
    // Checkpoints, arrivals of the wave with their measures, health declarations and the calls made (after the community teams, who get the visits).
    await phase('arrivals', () => runDemoArrivals(trx, opts.provinceCode, plan.asOf, s.sample.communeCode));
    // The sites, pharmacies and checkpoints added since the places phase get their map points.
    await phase('places', () => placeNewDemoUnits(trx, opts.provinceCode));
    await repo.saveDemoMeta(trx, {
      seed: opts.seed,
      people: opts.people,
      provinceCode: opts.provinceCode,
      asOf: plan.asOf,
      generatedAt: new Date().toISOString(),
      summary: s,
    });
    return s;
  });
  // Fresh planner statistics for the tables just filled: PGlite has no autovacuum, and without
  // them province-wide queries at 2 million people pick plans that take minutes.
  progress('statistics', 0, 1);
  await repo.analyzeLoadedTables(db);
  progress('statistics', 1, 1);
  return summary;
}
