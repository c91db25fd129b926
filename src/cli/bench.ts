/**
 * `npm run bench`: speed and memory of the foundation at benchmark scale, printed with
 * ratios against a smaller baseline measured in the same run (never asserted in tests).
 */
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Actor } from '../modules/auth/policy.ts';
import { generateDemoProvince } from '../modules/demo/demo.service.ts';
import { overview } from '../modules/overview/overview.service.ts';
import { listPeople } from '../modules/people/people.service.ts';
import { importReferenceData } from '../modules/places/places.service.ts';

interface Figures {
  people: number;
  loadSeconds: number;
  peakRssMb: number;
  queries: Record<string, number>;
}

const admin = (provinceCode: string): Actor => ({
  userId: 0, username: 'bench', role: 'province_admin', scopeKind: 'province', scopeCode: provinceCode, scopeOrgId: null, provinceCode, ip: null,
});

async function timeIt(fn: () => Promise<unknown>, repeat = 5): Promise<number> {
  await fn(); // warm
  const t0 = performance.now();
  for (let i = 0; i < repeat; i++) await fn();
  return (performance.now() - t0) / repeat;
}

async function measure(people: number, vnAdminDir: string, provinceCode: string): Promise<Figures> {
  const db: Db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://' });
  try {
    await migrateToLatest(db);
    await importReferenceData(db, vnAdminDir, provinceCode);
    const t0 = performance.now();
    await generateDemoProvince(db, { provinceCode, people, seed: 2021 });
    const loadSeconds = (performance.now() - t0) / 1000;
    const actor = admin(provinceCode);
    const queries = {
      'list page (district 222, by name)': await timeIt(() => listPeople(db, actor, { districtCode: '222', page: 1, pageSize: 20, sort: 'fullName' })),
      'search "nguyen van" (province)': await timeIt(() => listPeople(db, actor, { q: 'nguyen van', page: 1, pageSize: 20, sort: 'createdAt' })),
      'search "giap thi hue" (province)': await timeIt(() => listPeople(db, actor, { q: 'giap thi hue', page: 1, pageSize: 20, sort: 'fullName' })),
      'search phone prefix': await timeIt(() => listPeople(db, actor, { q: '0912', page: 1, pageSize: 20, sort: 'createdAt' })),
      'overview aggregates': await timeIt(() => overview(db, actor, {})),
    };
    // The kernel's high-water mark: PGlite runs inside this process and blocks the event loop,
    // so sampling from a timer would miss its peaks. It only grows, so measure the small size first.
    return { people, loadSeconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), queries };
  } finally {
    await db.destroy();
  }
}

export async function runBench(opts: { people: number; baseline: number; vnAdminDir: string; provinceCode: string }) {
  const engine = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (memory)';
  console.log(`EpiCommand bench on ${engine}: baseline ${opts.baseline.toLocaleString('en')} people, target ${opts.people.toLocaleString('en')} people`);
  const report = (f: Figures) =>
    console.log(`  measured ${f.people.toLocaleString('en')} people: load ${f.loadSeconds.toFixed(1)} s, peak RSS ${f.peakRssMb} MB, ` +
      Object.entries(f.queries).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', '));
  const base = await measure(opts.baseline, opts.vnAdminDir, opts.provinceCode);
  report(base);
  const big = await measure(opts.people, opts.vnAdminDir, opts.provinceCode);
  report(big);
  const scale = big.people / base.people;
  const row = (name: string, a: number, b: number, unit: string) =>
    console.log(`${name.padEnd(40)} ${a.toFixed(1).padStart(10)} ${b.toFixed(1).padStart(10)} ${unit.padEnd(4)} ratio ${(b / a).toFixed(2)} (size ×${scale.toFixed(1)})`);
  console.log(`${''.padEnd(40)} ${'baseline'.padStart(10)} ${'target'.padStart(10)}`);
  row('demo load', base.loadSeconds, big.loadSeconds, 's');
  row('load rate (people/s)', base.people / base.loadSeconds, big.people / big.loadSeconds, '/s');
  row('peak RSS', base.peakRssMb, big.peakRssMb, 'MB');
  for (const k of Object.keys(base.queries)) row(k, base.queries[k]!, big.queries[k]!, 'ms');
}
