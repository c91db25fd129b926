import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { AppConfig } from '../config.ts';
import { repoRoot } from '../config.ts';
import { type Db, describeTarget, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { disableDemoUsers, ensureDemoUsers } from '../modules/auth/demo-users.ts';
import { demoAnchors, ensureDemoProvince } from '../modules/demo/demo.start.ts';
import { countUnits } from '../modules/places/places.repository.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { readUnits } from '../modules/places/reference-data.ts';

export interface Prepared {
  db: Db;
  demoLogins: Array<{ username: string; label: string }>;
}

type Log = (msg: string) => void;

/**
 * Everything before listen(): check the reference data (a broken folder stops here,
 * before anything is written), migrate, load places, fill the demo province once.
 */
export async function prepare(config: AppConfig, log: Log, opts: { demoPeople: number; demoSeed: number }): Promise<Prepared> {
  const units = readUnits(config.vnAdminDir);
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  log(`Cơ sở dữ liệu / database: ${describeTarget(target)}`);
  const db = await openDatabase(target);
  try {
    const applied = await migrateToLatest(db);
    if (applied.length) log(`Đã cập nhật lược đồ / migrations applied: ${applied.join(', ')}`);
    if ((await countUnits(db)) !== units.length) {
      const r = await importReferenceData(db, config.vnAdminDir, config.provinceCode);
      log(`Đã nạp đơn vị hành chính / units loaded: ${r.provinces} provinces, ${r.districts} districts, ${r.communes} communes, ${r.boundaries} boundaries`);
    }
    let demoLogins: Prepared['demoLogins'] = [];
    if (config.demo) {
      await ensureDemoProvince(db, { provinceCode: config.provinceCode, people: opts.demoPeople, seed: opts.demoSeed }, log);
      const anchors = await demoAnchors(db, config.provinceCode);
      demoLogins = await ensureDemoUsers(db, anchors);
    } else {
      const n = await disableDemoUsers(db);
      if (n) log(`Đã khoá ${n} tài khoản demo / disabled ${n} demo accounts (DEMO=false)`);
    }
    return { db, demoLogins };
  } catch (e) {
    await db.destroy();
    throw e;
  }
}

/** Builds the web app when web/dist is missing, so `npm start` works on a fresh clone. */
export function ensureWebBuilt(config: AppConfig, log: Log): void {
  if (existsSync(path.join(config.webDistDir, 'index.html'))) return;
  log('Đang dựng giao diện web / building the web app (first start only)...');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('web build failed: run `npm run build:web` to see why');
}
