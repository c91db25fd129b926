/** `npm run cli -- <command>`: administration from the command line. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { describeTarget, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import { isRole } from '../modules/auth/policy.ts';
import { generateDemoProvince } from '../modules/demo/demo.service.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { ReferenceDataError } from '../modules/places/reference-data.ts';
import { traceCsv, traceListed } from '../modules/tracing/tracing.service.ts';
import { exportContacts } from '../modules/tracing/tracing.export.ts';
import { runBench } from './bench.ts';
import { runLabImportBench } from './bench-lab-import.ts';
import { runReportBench } from './bench-report.ts';
import { runDashboardBench } from './bench-dashboard.ts';
import { runTracingBench } from './bench-tracing.ts';
import { runCheckinBench } from './bench-checkin.ts';
import { runWorkerImportBench } from './bench-worker-import.ts';
import { runRtCommand } from './rt-command.ts';
import { runBackupCommand, runRestoreCommand } from './backup-command.ts';
import { runLoadBench } from './bench-load.ts';

const USAGE = `EpiCommand CLI
  npm run cli -- migrate                              apply database migrations
  npm run cli -- import-places                        load units and boundaries from VN_ADMIN_DIR
  npm run cli -- demo --province 24 --people 50000 --seed 2021 [--as-of 2021-06-10]
                                                      fill an empty register with a synthetic province
  npm run cli -- create-user --username U --role R --scope-kind province|district|commune|org
                 --scope-code CODE [--org-id ID] --full-name "Họ Tên"   (password from EPI_PASSWORD)
  npm run cli -- trace --f0 ID,ID,... [--as-of YYYY-MM-DD] [--depth 3] [--format json|csv]
                                                      trace listed F0 (person ids) to F1/F2/F3
  npm run cli -- export-contacts --out DIR            people, memberships, check-ins, contacts, cases and
                                                      quarantines as CSV, for independent checks
  npm run cli -- rt --input FILE.csv --si-mean 4.7 --si-sd 2.9 [--window 7] [--format csv|json]
                                                      Rt of a daily series (header date,new_cases) as EpiEstim
                                                      parametric_si: t_start,t_end,mean,std,q025,q975 (no database)
  npm run cli -- backup --out FILE                    the whole database: PGlite's data folder as .tar.gz, PostgreSQL
                                                      with pg_dump (custom format); PGlite: stop the server first
  npm run cli -- restore --in FILE [--force]          into the configured database; refuses one that has tables
                                                      unless --force (PGlite's old folder is moved aside)
  npm run bench -- [--people 2000000] [--baseline 200000]
  npm run bench -- tracing [--people 2000000] [--data-dir DIR]
  npm run bench -- lab-import                         22,000 lab results into a sampled province (DATABASE_URL: an empty database)
  npm run bench -- report [--people 1000000] [--cases 50000] [--baseline 20000]
  npm run bench -- dashboard [--people 200000] [--cases 50000] [--baseline 20000] [--duration 30] [--connections 50]
                                                      daily report of a province with 50,000 cases against a small one
  npm run bench -- checkin [--duration 10] [--connections 50] [--devices 20000]
                                                      public QR check-ins sustained on loopback (target 1,000/s)
  npm run bench -- load [--duration 600] [--users 50] [--rate 1] [--people 20000]
                                                      mixed users (reads, check-ins, lab result files) against
                                                      the server as a child process, each user making --rate
                                                      requests a second (0: back to back, the server's ceiling);
                                                      p95, errors, rps, server RSS
  npm run bench -- worker-import [--rows 10000]       one enterprise's worker XLSX: preview + commit (DATABASE_URL: a server to make a scratch database on)
The database is DATABASE_URL (PostgreSQL) or the embedded one in DATA_DIR (default ./data).`;

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  // Machine-readable output (trace) keeps stdout clean; the target goes to stderr.
  (opts.quiet ? console.error : console.log)(`database: ${describeTarget(target)}`);
  const db = await openDatabase(target);
  try {
    await migrateToLatest(db);
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  // rt reads a file, not the database, and has options of its own.
  if (command === 'rt') {
    process.exitCode = await runRtCommand(rest);
    return;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      province: { type: 'string' }, people: { type: 'string' }, seed: { type: 'string' }, 'as-of': { type: 'string' },
      username: { type: 'string' }, role: { type: 'string' }, 'scope-kind': { type: 'string' }, 'scope-code': { type: 'string' },
      'org-id': { type: 'string' }, 'full-name': { type: 'string' }, baseline: { type: 'string' }, cases: { type: 'string' }, duration: { type: 'string' }, connections: { type: 'string' },
      devices: { type: 'string' }, rows: { type: 'string' },
      in: { type: 'string' }, force: { type: 'boolean' }, users: { type: 'string' }, rate: { type: 'string' },
      f0: { type: 'string' }, depth: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'data-dir': { type: 'string' },
    },
    allowPositionals: true,
  });
  const config = loadConfig();
  switch (command) {
    case 'migrate':
      await withDb(async () => console.log('migrations: up to date'));
      return;
    case 'import-places':
      await withDb(async (db) => console.log(await importReferenceData(db, config.vnAdminDir, config.provinceCode)));
      return;
    case 'demo': {
      const provinceCode = values.province ?? config.provinceCode;
      const people = positiveInt(values.people ?? '50000', '--people');
      const seed = positiveInt(values.seed ?? '2021', '--seed');
      await withDb(async (db) => {
        await importReferenceData(db, config.vnAdminDir, provinceCode);
        const t0 = Date.now();
        const summary = await generateDemoProvince(db, {
          provinceCode, people, seed, ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
          onProgress: (phase, done, total) => process.stdout.write(`\r  ${phase} ${done}/${total}        `),
        });
        console.log(`\ndemo province generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        console.log(JSON.stringify(summary, null, 2));
      });
      return;
    }
    case 'create-user': {
      const password = process.env.EPI_PASSWORD;
      if (!password) throw new Error('set EPI_PASSWORD to the new user\'s password');
      const role = values.role ?? '';
      if (!isRole(role)) throw new Error(`unknown role "${role}"`);
      const scopeKind = values['scope-kind'];
      if (scopeKind !== 'province' && scopeKind !== 'district' && scopeKind !== 'commune' && scopeKind !== 'org') {
        throw new Error('--scope-kind must be province, district, commune or org');
      }
      await withDb(async (db) => {
        const u = await createUser(db, {
          username: required(values.username, '--username'),
          password,
          fullName: required(values['full-name'], '--full-name'),
          role,
          scopeKind,
          scopeCode: required(values['scope-code'], '--scope-code'),
          scopeOrgId: values['org-id'] ? positiveInt(values['org-id'], '--org-id') : null,
          provinceCode: config.provinceCode,
        });
        console.log(`created user ${u.username} (id ${u.id})`);
      });
      return;
    }
    case 'trace': {
      const f0 = required(values.f0, '--f0').split(',').map((x) => positiveInt(x.trim(), '--f0'));
      const format = values.format ?? 'json';
      if (format !== 'json' && format !== 'csv') throw new Error('--format must be json or csv');
      await withDb(async (db) => {
        const out = await traceListed(db, config.provinceCode, f0, {
          asOf: values['as-of'], depth: values.depth ? positiveInt(values.depth, '--depth') : undefined,
        });
        process.stdout.write(format === 'csv' ? traceCsv(out) : `${JSON.stringify(out, null, 2)}\n`);
      }, { quiet: true });
      return;
    }
    case 'backup':
      process.exitCode = await runBackupCommand(config, values.out);
      return;
    case 'restore':
      process.exitCode = await runRestoreCommand(config, values.in, values.force ?? false);
      return;
    case 'export-contacts': {
      const out = required(values.out, '--out');
      await withDb(async (db) => {
        const counts = await exportContacts(db, config.provinceCode, out);
        for (const [file, n] of Object.entries(counts)) console.log(`  ${file.padEnd(16)} ${n.toLocaleString('en')} rows`);
      });
      return;
    }
    case 'bench':
      if (positionals[0] === 'lab-import') {
        await runLabImportBench({ vnAdminDir: config.vnAdminDir, provinceCode: config.provinceCode, databaseUrl: config.databaseUrl });
        return;
      }
      if (positionals[0] === 'report') {
        await runReportBench({
          vnAdminDir: config.vnAdminDir, provinceCode: config.provinceCode, databaseUrl: config.databaseUrl,
          people: positiveInt(values.people ?? '1000000', '--people'), cases: positiveInt(values.cases ?? '50000', '--cases'),
          baseline: positiveInt(values.baseline ?? '20000', '--baseline'),
        });
        return;
      }
      if (positionals[0] === 'dashboard') {
        await runDashboardBench({
          vnAdminDir: config.vnAdminDir, provinceCode: config.provinceCode, databaseUrl: config.databaseUrl,
          people: positiveInt(values.people ?? '200000', '--people'), cases: positiveInt(values.cases ?? '50000', '--cases'),
          baseline: positiveInt(values.baseline ?? '20000', '--baseline'), durationS: positiveInt(values.duration ?? '30', '--duration'),
          connections: positiveInt(values.connections ?? '50', '--connections'),
        });
        return;
      }
      if (positionals[0] === 'worker-import') {
        await runWorkerImportBench({ vnAdminDir: config.vnAdminDir, provinceCode: config.provinceCode, databaseUrl: config.databaseUrl, rows: positiveInt(values.rows ?? '10000', '--rows') });
        return;
      }
      if (positionals[0] === 'load') {
        await runLoadBench({
          vnAdminDir: config.vnAdminDir, provinceCode: config.provinceCode, databaseUrl: config.databaseUrl,
          durationS: positiveInt(values.duration ?? '600', '--duration'), users: positiveInt(values.users ?? '50', '--users'),
          people: positiveInt(values.people ?? '20000', '--people'), ratePerUser: positiveInt(values.rate ?? '1', '--rate'),
        });
        return;
      }
      if (positionals[0] === 'checkin') {
        await runCheckinBench({
          vnAdminDir: config.vnAdminDir, provinceCode: config.provinceCode, databaseUrl: config.databaseUrl,
          durationS: positiveInt(values.duration ?? '10', '--duration'), connections: positiveInt(values.connections ?? '50', '--connections'),
          devices: positiveInt(values.devices ?? '20000', '--devices'),
        });
        return;
      }
      if (positionals[0] === 'tracing') {
        await runTracingBench({
          people: positiveInt(values.people ?? '2000000', '--people'),
          dataDir: values['data-dir'] ?? path.join(config.dataDir, `bench-${values.people ?? '2000000'}`),
          vnAdminDir: config.vnAdminDir,
          provinceCode: config.provinceCode,
          databaseUrl: config.databaseUrl,
        });
        return;
      }
      await runBench({
        people: positiveInt(values.people ?? '2000000', '--people'),
        baseline: positiveInt(values.baseline ?? '200000', '--baseline'),
        vnAdminDir: config.vnAdminDir,
        provinceCode: config.provinceCode,
      });
      return;
    default:
      console.log(USAGE);
      if (command && command !== 'help') process.exitCode = 2;
  }
}

function required(v: string | undefined, name: string): string {
  if (!v) throw new Error(`${name} is required`);
  return v;
}

function positiveInt(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${v}"`);
  return n;
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof ReferenceDataError ? `cannot start: ${e.message}` : e instanceof Error ? `error: ${e.message}` : e);
  process.exit(1);
});
