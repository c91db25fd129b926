import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DemoAnchors } from '../auth/demo-users.ts';
import { generateDemoProvince } from './demo.service.ts';
import { runDemoBoardingHouses } from '../boarding-houses/boarding-houses.demo.ts';
import { demoAgencyAnchors, runDemoDirectives } from '../directives/directives.demo.ts';
import { biggestIndustrialPark, runDemoEnterprises } from '../enterprises/enterprises.demo.ts';
import { demoPharmacyAnchor, runDemoCommunity } from '../community/community.demo.ts';
import { runDemoWorkChecklists } from '../enterprises/work-status.demo.ts';
import { runDemoSupport } from '../support/support.demo.ts';
import { demoVaccinationSiteAnchor, runDemoVaccination } from '../vaccination/vaccination.demo.ts';
import { runDemoArrivals } from '../arrivals/arrivals.demo.ts';
import { placeNewDemoUnits } from './demo.geo.ts';

type Log = (msg: string) => void;

interface DemoMeta { asOf?: string; summary?: { sample?: { communeCode?: string } } }

/**
 * A demo made before a capability existed gets that capability's demo data once: each phase is a
 * no-op when its data is there (agencies, enterprise detail, boarding-house assessments, community
 * teams, F0 checklists, supply items, vaccination sites, checkpoints), then the units they added
 * get their map points.
 */
async function addLaterPhases(db: Db, provinceCode: string, meta: DemoMeta): Promise<void> {
  const asOf = meta.asOf;
  const anchorCommune = meta.summary?.sample?.communeCode ?? null;
  await db.transaction().execute((trx) => runDemoEnterprises(trx, provinceCode));
  if (!asOf) return;
  const phases: Array<(trx: Db) => Promise<unknown>> = [
    (trx) => runDemoDirectives(trx, provinceCode, asOf),
    (trx) => runDemoBoardingHouses(trx, provinceCode, asOf),
    (trx) => runDemoCommunity(trx, provinceCode, asOf, anchorCommune),
    (trx) => runDemoWorkChecklists(trx, provinceCode, asOf),
    (trx) => runDemoSupport(trx, provinceCode, asOf, anchorCommune ?? undefined),
    (trx) => runDemoVaccination(trx, provinceCode, asOf),
    (trx) => runDemoArrivals(trx, provinceCode, asOf, anchorCommune),
    (trx) => placeNewDemoUnits(trx, provinceCode),
  ];
  for (const run of phases) await db.transaction().execute(run);
}

/** Fills the demo province once, on an empty register; a register with people is never touched. */
export async function ensureDemoProvince(db: Db, opts: { provinceCode: string; people: number; seed: number }, log: Log): Promise<void> {
  const meta = await db.selectFrom('app_meta').select(['key', 'value']).where('key', '=', 'demo').executeTakeFirst();
  if (meta) {
    await addLaterPhases(db, opts.provinceCode, meta.value as DemoMeta);
    return;
  }
  const { n } = await db.selectFrom('person').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (n > 0) {
    log('Sổ đăng ký đã có dữ liệu: không tạo tỉnh demo / the register has data: no demo province is generated');
    return;
  }
  log(`Đang tạo tỉnh demo / generating the demo province: ${opts.people.toLocaleString('vi-VN')} người / people, seed ${opts.seed}...`);
  const t0 = Date.now();
  let lastPhase = '';
  const summary = await generateDemoProvince(db, {
    ...opts,
    onProgress: (phase) => {
      if (phase !== lastPhase) log(`  … ${phase}`);
      lastPhase = phase;
    },
  });
  log(
    `Tỉnh demo sẵn sàng / demo province ready in ${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
      `${summary.people} people, ${summary.households} households, ${summary.enterprises} enterprises, ` +
      `${summary.workers} workers, ${summary.cases} cases`,
  );
}

/** Where the demo users are anchored: read from what the generator recorded. */
export async function demoAnchors(db: Db, provinceCode: string): Promise<DemoAnchors> {
  const meta = await db.selectFrom('app_meta').select('value').where('key', '=', 'demo').executeTakeFirst();
  const sample = ((meta?.value as { summary?: { sample?: Partial<DemoAnchors> } } | undefined)?.summary?.sample ?? {});
  return {
    provinceCode,
    districtCode: sample.districtCode ?? '222',
    communeCode: sample.communeCode ?? '07801',
    enterpriseId: sample.enterpriseId ?? null,
    boardingHouseId: sample.boardingHouseId ?? null,
    quarantineFacilityId: sample.quarantineFacilityId ?? null,
    ...(await demoAgencyAnchors(db, provinceCode)),
    parkId: await biggestIndustrialPark(db, provinceCode),
    pharmacyId: await demoPharmacyAnchor(db, provinceCode),
    vaccinationSiteId: await demoVaccinationSiteAnchor(db, provinceCode, sample.districtCode ?? '222'),
  };
}
