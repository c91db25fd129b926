/**
 * `npm run bench -- load`: `--users` concurrent users (default 50) for `--duration` seconds
 * (default 600) against the server as it runs in production: `src/cli/start.ts` as a child process
 * on loopback, over a scratch database (PGlite in a temporary folder, or a database made and
 * dropped on the PostgreSQL server of DATABASE_URL) holding a demo province of `--people` people
 * (default 20,000). Each user sends a request, reads the whole answer, then pauses for a time drawn
 * at random with a mean of 1/`--rate` s (default 1 request a second: already more than a person at a
 * screen, who opens a page with a few requests and then reads it). The users are a mix:
 *   - 80 % officials reading: the dashboard, a page of the person register, a page of cases, in turn;
 *   - 16 % the public checking in at venues by QR (real codes and remembered phones);
 *   - 4 % labs posting result files (20 tubes each, CSV, all or nothing), 2 files a second in all
 *     (files run out on long runs and are sent again: a file already applied changes nothing).
 * `--rate 0` sends each user's next request as soon as the last is answered: the server's ceiling,
 * where latency only measures the queue (50 users at N requests a second answered wait 50/N s).
 * The server's resident memory is read from /proc every second (the child's, not this process's).
 * The last line is one JSON object: {"bench":"load","users":…,"p95_ms":…,"errors":…,"rps":…, rss…}.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, repoRoot } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import { generateDemoProvince } from '../modules/demo/demo.service.ts';
import { importReferenceData } from '../modules/places/places.service.ts';
import { seedVenuesAndPhones } from './bench-checkin.ts';
import { percentile } from './bench-dashboard.ts';

export interface LoadBenchOptions {
  vnAdminDir: string;
  provinceCode: string;
  databaseUrl: string | undefined;
  durationS: number;
  users: number;
  people: number;
  /** Requests a second per reading or checking-in user; 0: back to back. */
  ratePerUser: number;
}

const PASSWORD = 'bench-load-password';
const SECRET = 'bench-load-venue-code-secret';
const VENUES = 199;
const DEVICES = 20_000;
const TUBES_PER_FILE = 20;
const LAB_FILES_PER_S = 2;
const MAX_LAB_FILES = 1_200;

interface Prepared { codes: string[]; tokens: string[]; labFiles: string[]; day: string }

async function prepare(db: Db, o: LoadBenchOptions): Promise<Prepared> {
  await migrateToLatest(db);
  await importReferenceData(db, o.vnAdminDir, o.provinceCode);
  console.log(`  generating a ${o.people.toLocaleString('en')}-person demo province…`);
  await generateDemoProvince(db, { provinceCode: o.provinceCode, people: o.people, seed: 2021 });
  await createUser(db, { username: 'bench_load', password: PASSWORD, role: 'cdc', scopeKind: 'province', scopeCode: o.provinceCode, fullName: 'Bench Load', provinceCode: o.provinceCode });
  const { day } = await db.selectFrom('covid_case').select(sql<string>`max(confirmation_date)::text`.as('day')).executeTakeFirstOrThrow();

  // Venues with signed codes, and remembered phones (people of their own, as first check-ins make).
  const config = loadConfig({ ...process.env, VENUE_CODE_SECRET: SECRET });
  const { codes, tokens } = await seedVenuesAndPhones(db, config, o.provinceCode, VENUES, DEVICES);

  // The labs' files: one sampled round each, its tubes taken from the register in turn.
  const files = Math.min(MAX_LAB_FILES, Math.ceil(o.durationS * LAB_FILES_PER_S) + 10);
  const people = (await sql<{ id: number }>`select id from person where province_code = ${o.provinceCode} order by id limit ${files * TUBES_PER_FILE}`.execute(db)).rows.map((r) => r.id);
  const labFiles: string[] = [];
  for (let f = 0; f < files; f++) {
    const round = (await db.insertInto('sampling_round').values({
      province_code: o.provinceCode, code: `LOAD-${f}`, target_kind: 'list', target_label: `Tải ${f}`, scheduled_on: day, method: 'rt_pcr', pool_size: null, status: 'sampling',
    }).returning('id').executeTakeFirstOrThrow()).id;
    const tubes = Array.from({ length: TUBES_PER_FILE }, (_, i) => `L${String(f).padStart(5, '0')}${String(i).padStart(3, '0')}`);
    const who = tubes.map((_, i) => people[(f * TUBES_PER_FILE + i) % people.length]!);
    await sql`insert into sample (province_code, person_id, barcode, method, purpose, taken_on, round_id)
      select ${o.provinceCode}, p, b, 'rt_pcr', 'screening', ${day}, ${round} from unnest(${who}::int[], ${tubes}::text[]) as t(p, b)`.execute(db);
    const [y, m, d] = day.split('-');
    labFiles.push(['Mã ống,Kết quả,Ct,Ngày xét nghiệm,Phòng xét nghiệm', ...tubes.map((b) => `${b},Âm tính,,${d}/${m}/${y},CDC tải`)].join('\n'));
  }
  await sql`analyze`.execute(db);
  return { codes, tokens, labFiles, day };
}

interface Server { url: string; child: ChildProcess; exited: Promise<void> }

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const url = /EpiCommand: (http:\/\/\S+)/.exec(log)?.[1];
      if (url) resolve({ url, child, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${log}`)));
  });
}

/** The child's resident set in MB (Linux /proc), or null elsewhere. */
function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

interface KindStats { latencies: number[]; errors: number; statuses: Map<number, number>; failures: Map<string, number> }
interface Call { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One user until `until`: a request, its whole answer read, then a pause drawn from an exponential
 * distribution of mean 1/rate s (people act independently; 0: no pause). Each user starts at a
 * random point of its first period, so that users do not arrive in step.
 */
async function user(url: string, next: () => Call, ratePerS: number, until: number, stats: KindStats): Promise<void> {
  const meanPauseMs = ratePerS > 0 ? 1000 / ratePerS : 0;
  await sleep(Math.random() * meanPauseMs);
  while (Date.now() < until) {
    const call = next();
    const t = performance.now();
    try {
      const res = await fetch(url + call.path, { method: call.method, headers: call.headers, body: call.body ?? null, signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      stats.latencies.push(performance.now() - t);
      stats.statuses.set(res.status, (stats.statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 400) stats.errors++;
    } catch (e) {
      const key = (e as NodeJS.ErrnoException).code ?? (e as Error).name;
      stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
      stats.errors++;
    }
    if (meanPauseMs > 0) await sleep(-Math.log(1 - Math.random()) * meanPauseMs);
  }
}

export async function runLoadBench(o: LoadBenchOptions): Promise<void> {
  const engine = o.databaseUrl ? 'postgresql' : 'pglite';
  const checkinUsers = Math.max(1, Math.round(o.users * 0.16));
  const labUsers = Math.max(1, Math.round(o.users * 0.04));
  const readUsers = Math.max(1, o.users - checkinUsers - labUsers);
  const pace = o.ratePerUser > 0 ? `${o.ratePerUser} request(s) a second each` : 'back to back';
  console.log(`load bench on ${engine}: ${o.users} users (${readUsers} reading, ${checkinUsers} checking in, ${labUsers} labs, ${pace}) for ${o.durationS} s`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'epicommand-load-'));
  const dataDir = path.join(work, 'data');
  const webDir = path.join(work, 'web');
  mkdirSync(webDir);
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>load bench</title>');
  let databaseUrl: string | undefined;
  let admin: Db | undefined;
  const scratch = `epi_load_${randomBytes(4).toString('hex')}`;
  let server: Server | undefined;
  try {
    if (o.databaseUrl) {
      admin = await openDatabase({ databaseUrl: o.databaseUrl });
      await sql`create database ${sql.id(scratch)}`.execute(admin);
      const u = new URL(o.databaseUrl);
      u.pathname = `/${scratch}`;
      databaseUrl = u.toString();
    }
    const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
    let prepared: Prepared;
    try {
      prepared = await prepare(db, o);
    } finally {
      await db.destroy();
    }
    server = await startServer({
      PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', DEMO: 'false', REPORT_AT: 'off', BACKUP_AT: 'off',
      WEB_DIST_DIR: webDir, VENUE_CODE_SECRET: SECRET, LOGIN_RATE_LIMIT: '1000', CHECKIN_IP_RATE_LIMIT: '100000000', CHECKIN_SIGNUP_RATE_LIMIT: '100000000',
    });
    const { url } = server;
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: 'bench_load', password: PASSWORD }) });
    if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const headers = { cookie, origin: url };

    const pid = server.child.pid!;
    const rss: number[] = [];
    const sample = () => {
      const v = rssMb(pid);
      if (v !== null) rss.push(v);
    };
    sample();
    const sampler = setInterval(sample, 1_000);
    const kinds = { read: newStats(), checkin: newStats(), lab: newStats() };
    let checkins = 0;
    let labs = 0;
    let readsSent = 0;
    const reads = [`/api/situation/dashboard?date=${prepared.day}`, '/api/people?page=1&pageSize=20', '/api/cases?page=1&pageSize=20'];
    const t0 = Date.now();
    const until = t0 + o.durationS * 1000;
    const users = (n: number, rate: number, stats: KindStats, next: () => Call) => Array.from({ length: n }, () => user(url, next, rate, until, stats));
    await Promise.all([
      ...users(readUsers, o.ratePerUser, kinds.read, () => ({ method: 'GET', path: reads[readsSent++ % reads.length]!, headers })),
      ...users(checkinUsers, o.ratePerUser, kinds.checkin, () => {
        const i = checkins++;
        return {
          method: 'POST', path: '/api/checkin', headers: { 'content-type': 'application/json', origin: url },
          body: JSON.stringify({ code: prepared.codes[i % prepared.codes.length], deviceToken: prepared.tokens[i % prepared.tokens.length] }),
        };
      }),
      // Labs send LAB_FILES_PER_S files a second in all, whatever the pace of the others.
      ...users(labUsers, LAB_FILES_PER_S / labUsers, kinds.lab, () => {
        const i = labs++ % prepared.labFiles.length;
        return { method: 'POST', path: `/api/testing/lab-results?fileName=load-${i}.csv`, headers: { ...headers, 'content-type': 'text/csv' }, body: prepared.labFiles[i]! };
      }),
    ]);
    const seconds = (Date.now() - t0) / 1000;
    clearInterval(sampler);
    sample();

    const all = [...kinds.read.latencies, ...kinds.checkin.latencies, ...kinds.lab.latencies];
    const errors = kinds.read.errors + kinds.checkin.errors + kinds.lab.errors;
    // Stable memory: the last tenth of the run against the tenth after warm-up (the first tenth).
    const tenth = Math.max(1, Math.floor(rss.length / 10));
    const avg = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
    const rssWarm = avg(rss.slice(tenth, 2 * tenth));
    const rssLast = avg(rss.slice(-tenth));
    for (const [kind, s] of Object.entries(kinds)) {
      console.log(`  ${kind.padEnd(8)} ${s.latencies.length.toLocaleString('en').padStart(9)} requests, p50 ${percentile(s.latencies, 50).toFixed(0)} ms, p95 ${percentile(s.latencies, 95).toFixed(0)} ms, statuses ${JSON.stringify(Object.fromEntries(s.statuses))}, failed ${JSON.stringify(Object.fromEntries(s.failures))}`);
    }
    console.log(`  server RSS: start ${rss[0]} MB, after warm-up ${rssWarm} MB, last tenth ${rssLast} MB, max ${Math.max(...rss)} MB`);
    console.log(JSON.stringify({
      bench: 'load', users: o.users, rate_per_user: o.ratePerUser, p95_ms: Math.round(percentile(all, 95)), errors, rps: Math.round(all.length / seconds),
      engine, duration_s: o.durationS, requests: all.length, p50_ms: Math.round(percentile(all, 50)),
      read_p95_ms: Math.round(percentile(kinds.read.latencies, 95)), checkin_p95_ms: Math.round(percentile(kinds.checkin.latencies, 95)), lab_import_p95_ms: Math.round(percentile(kinds.lab.latencies, 95)),
      reads: kinds.read.latencies.length, checkins: kinds.checkin.latencies.length, lab_imports: kinds.lab.latencies.length,
      rss_start_mb: rss[0], rss_warm_mb: rssWarm, rss_end_mb: rssLast, rss_max_mb: Math.max(...rss), rss_growth_mb: rssLast - rssWarm,
      target_p95_ms: 100, within_target: percentile(all, 95) <= 100 && errors === 0,
    }));
  } finally {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (admin) {
      await sql`drop database if exists ${sql.id(scratch)} with (force)`.execute(admin).catch(() => {});
      await admin.destroy();
    }
    rmSync(work, { recursive: true, force: true });
  }
}

function newStats(): KindStats {
  return { latencies: [], errors: 0, statuses: new Map(), failures: new Map() };
}
