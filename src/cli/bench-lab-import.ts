/**
 * `npm run bench -- lab-import`: a lab's day of results (22,000 rows: 2,000 pools of 10 with 10 %
 * positive, which fan out into individual re-tests, and 20,000 individual tubes) imported into a
 * province with its rounds already sampled. A tenth of the file is imported first in the same
 * run as the baseline; the last line is one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Actor } from '../modules/auth/policy.ts';
import { generateDemoProvince } from '../modules/demo/demo.service.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { importLabResults } from '../modules/testing/testing.import.ts';

const POOL_SIZE = 10;

const cdc = (provinceCode: string): Actor => ({
  userId: 0, username: 'bench', role: 'cdc', scopeKind: 'province', scopeCode: provinceCode, scopeOrgId: null, provinceCode, ip: null,
});

/** Sampled rounds for `pools` pools and `tubes` individual tubes; returns the lab file's CSV. */
async function sampledRounds(db: Db, provinceCode: string, tag: string, people: number[], pools: number, tubes: number): Promise<string> {
  const round = async (method: string, poolSize: number | null) => (await db.insertInto('sampling_round').values({
    province_code: provinceCode, code: `BENCH-${tag}-${method}`, target_kind: 'list', target_label: `Bench ${tag}`, scheduled_on: '2021-06-09',
    method: method as 'rt_pcr', pool_size: poolSize, status: 'sampling',
  }).returning('id').executeTakeFirstOrThrow()).id;
  const pooled = await round('rt_pcr_pool', POOL_SIZE);
  const single = await round('rt_pcr', null);
  const poolCodes = Array.from({ length: pools }, (_, i) => `P${tag}${String(i).padStart(6, '0')}`);
  const poolIds = (await sql<{ id: number }>`insert into pool (province_code, round_id, barcode, size, taken_on)
    select ${provinceCode}, ${pooled}, b, ${POOL_SIZE}, '2021-06-09' from unnest(${poolCodes}::text[]) as b returning id`.execute(db)).rows.map((r) => r.id);
  const pooledPeople = people.slice(0, pools * POOL_SIZE);
  await sql`insert into sample (province_code, person_id, method, purpose, taken_on, round_id, pool_id)
    select ${provinceCode}, p, 'rt_pcr_pool', 'screening', '2021-06-09', ${pooled}, (${poolIds}::int[])[(i - 1) / ${POOL_SIZE} + 1]
    from unnest(${pooledPeople}::int[]) with ordinality as t(p, i)`.execute(db);
  const tubeCodes = Array.from({ length: tubes }, (_, i) => `T${tag}${String(i).padStart(6, '0')}`);
  await sql`insert into sample (province_code, person_id, barcode, method, purpose, taken_on, round_id)
    select ${provinceCode}, p, b, 'rt_pcr', 'screening', '2021-06-09', ${single}
    from unnest(${people.slice(pools * POOL_SIZE, pools * POOL_SIZE + tubes)}::int[], ${tubeCodes}::text[]) as t(p, b)`.execute(db);
  const lines = ['Mã ống,Kết quả,Ct,Ngày xét nghiệm,Phòng xét nghiệm'];
  poolCodes.forEach((b, i) => lines.push(i % 10 === 0 ? `${b},Dương tính,27.5,10/06/2021,CDC Bắc Giang` : `${b},Âm tính,,10/06/2021,CDC Bắc Giang`));
  for (const b of tubeCodes) lines.push(`${b},Âm tính,,10/06/2021,CDC Bắc Giang`);
  return lines.join('\n');
}

export async function runLabImportBench(opts: { vnAdminDir: string; provinceCode: string; databaseUrl?: string | undefined }): Promise<void> {
  const db = await openDatabase({ databaseUrl: opts.databaseUrl, dataDir: 'memory://' });
  const engine = opts.databaseUrl ? 'postgresql' : 'pglite';
  try {
    if (opts.databaseUrl) {
      const { n } = await db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().catch(() => ({ n: 0 }));
      if (n > 0) throw new Error('the bench needs an empty database (DATABASE_URL names one with people)');
    }
    await migrateToLatest(db);
    await importReferenceData(db, opts.vnAdminDir, opts.provinceCode);
    console.log(`lab-import bench on ${engine}: generating a 50,000-person province…`);
    await generateDemoProvince(db, { provinceCode: opts.provinceCode, people: 50_000, seed: 2021 });
    // People without a sample yet, so rounds do not collide with the demo's quarantine samples.
    const people = (await sql<{ id: number }>`select id from person p where not exists (select 1 from sample s where s.person_id = p.id) order by id limit 46200`.execute(db)).rows.map((r) => r.id);
    const actor = cdc(opts.provinceCode);
    const run = async (tag: string, from: number, pools: number, tubes: number) => {
      const csv = Buffer.from(await sampledRounds(db, opts.provinceCode, tag, people.slice(from), pools, tubes));
      const t0 = performance.now();
      const r = await importLabResults(db, actor, csv, { mode: 'all_or_nothing', fileName: `bench-${tag}.csv` }, '2021-06-10');
      const ms = performance.now() - t0;
      if (r.status !== 'applied' || r.applied !== pools + tubes) throw new Error(`bench import ${tag} did not apply every row: ${JSON.stringify({ ...r, issues: r.issues.slice(0, 3) })}`);
      return { rows: pools + tubes, ms, retests: r.retests, cleared: r.cleared };
    };
    const base = await run('B', 0, 200, 2_000);
    const full = await run('F', 200 * POOL_SIZE + 2_000, 2_000, 20_000);
    console.log(`  baseline: ${base.rows} rows in ${base.ms.toFixed(0)} ms; full: ${full.rows} rows in ${full.ms.toFixed(0)} ms (${full.retests} re-tests, ${full.cleared} cleared)`);
    console.log(JSON.stringify({
      bench: 'lab-import', engine, rows: full.rows, ms: Math.round(full.ms), rows_per_s: Math.round((full.rows * 1000) / full.ms),
      retests: full.retests, baseline_rows: base.rows, baseline_ms: Math.round(base.ms), ratio_vs_baseline: Number((full.ms / base.ms).toFixed(2)),
    }));
  } finally {
    await db.destroy();
  }
}
