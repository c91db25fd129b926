import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DemoAnchors } from '../auth/demo-users.ts';
import { generateDemoProvince } from './demo.service.ts';
import { demoAgencyAnchors, runDemoDirectives } from '../directives/directives.demo.ts';
import { biggestIndustrialPark, runDemoEnterprises } from '../enterprises/enterprises.demo.ts';

type Log = (msg: string) => void;

/** Fills the demo province once, on an empty register; a register with people is never touched. */
export async function ensureDemoProvince(db: Db, opts: { provinceCode: string; people: number; seed: number }, log: Log): Promise<void> {
  const meta = await db.selectFrom('app_meta').select(['key', 'value']).where('key', '=', 'demo').executeTakeFirst();
  if (meta) {
    // A demo made before the directives existed gets its agencies and meetings once (a no-op when they are there).
    const asOf = (meta.value as { asOf?: string }).asOf;
    if (asOf) await db.transaction().execute((trx) => runDemoDirectives(trx, opts.provinceCode, asOf));
    // Likewise the enterprise detail (a no-op when every enterprise has one).
    await db.transaction().execute((trx) => runDemoEnterprises(trx, opts.provinceCode));
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
  };
}
