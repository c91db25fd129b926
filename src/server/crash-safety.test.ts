/**
 * Crash safety (issue 10, part 3): the server is a child process (`src/cli/start.ts`), a large
 * worker XLSX import is under way, the process is SIGKILLed (by itself, at a named crash point
 * after the commit has written every row and before it commits: lib/crash-point.ts), and it is started again on the same
 * data. Every row of the import must be committed or none, and importing the file again must
 * leave exactly one copy. PGlite: its data folder must reopen after the kill. PostgreSQL
 * (DATABASE_URL): a database of its own cloned from the run's template.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import type { Actor } from '../modules/auth/policy.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import { taxCodeFrom } from '../modules/enterprises/enterprises.domain.ts';
import { createEnterprise } from '../modules/enterprises/enterprises.service.ts';
import { type WorkerExportRow, writeWorkerSheet } from '../modules/enterprises/enterprises.xlsx.ts';
import { saveShift, saveWorkshop } from '../modules/enterprises/structure.service.ts';
import { communesOf } from '../modules/places/places.service.ts';
import { adminUrl, databaseUrlFor } from '../test/pg-url.ts';

const ROWS = 4_000;
/** Each new worker is a member of their household and of their workshop × shift. */
const MEMBERSHIPS_PER_WORKER = 2;
const started = Date.now();
const log = (m: string) => console.log(`[crash ${((Date.now() - started) / 1000).toFixed(1)} s] ${m}`);
const PASSWORD = 'crash-test-password';
const tpl = inject('dbTemplate');
const work = mkdtempSync(path.join(os.tmpdir(), 'epicommand-crash-'));
const dataDir = path.join(work, 'data');
/** The API is what is tested: a stand-in web build, so the server never builds the real one. */
const webDir = path.join(work, 'web');
let databaseUrl: string | undefined;
let dropPg: (() => Promise<void>) | undefined;
let enterpriseId: number;
let file: Buffer;
let nationalIds: string[];

const open = (): Promise<Db> => openDatabase(databaseUrl ? { databaseUrl } : { dataDir });

function workerRows(communes: string[]): WorkerExportRow[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    employeeCode: `CR${String(i).padStart(6, '0')}`, fullName: `Trần Văn Sự Cố ${String.fromCharCode(65 + (i % 26))}`, sex: 'female',
    dateOfBirth: `19${80 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`, nationalId: `0241${80 + (i % 20)}${String(i).padStart(6, '0')}`,
    phone: `039${String(1_000_000 + i).padStart(7, '0')}`, communeCode: communes[i % communes.length]!, addressDetail: `Thôn ${1 + (i % 9)}`,
    workshop: `Xưởng ${1 + (i % 4)}`, shift: `Ca ${1 + (i % 2)}`, commuteMode: 'motorbike', busRoute: null, lodging: null, room: null,
    homeAddress: null, employedFrom: '2021-01-04', employedTo: null,
  }));
}

beforeAll(async () => {
  mkdirSync(webDir);
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>crash test</title>');
  if (tpl.engine === 'postgres') {
    const name = `epi_crash_${randomBytes(5).toString('hex')}`;
    const admin = await openDatabase({ databaseUrl: adminUrl(tpl.url) });
    await sql`create database ${sql.id(name)} template ${sql.id(tpl.template)}`.execute(admin);
    databaseUrl = databaseUrlFor(tpl.url, name);
    dropPg = async () => {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    };
  }
  const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir, loadDataDir: new Blob([readFileSync((tpl as { file: string }).file)]) });
  try {
    const actor: Actor = { userId: 0, username: 'setup', role: 'cdc', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null };
    const communes = (await communesOf(db, '24')).map((c) => c.code).slice(0, 20);
    enterpriseId = await createEnterprise(db, actor, { name: 'Công ty TNHH Thử Sự Cố', taxCode: taxCodeFrom('240990001'), communeCode: communes[0]! });
    for (let w = 1; w <= 4; w++) await saveWorkshop(db, actor, enterpriseId, { name: `Xưởng ${w}` });
    await saveShift(db, actor, enterpriseId, { name: 'Ca 1', startTime: '06:00', endTime: '14:00' });
    await saveShift(db, actor, enterpriseId, { name: 'Ca 2', startTime: '14:00', endTime: '22:00' });
    await createUser(db, { username: 'crash_cdc', password: PASSWORD, fullName: 'CDC Sự Cố', role: 'cdc', scopeKind: 'province', scopeCode: '24', provinceCode: '24' });
    const rows = workerRows(communes);
    nationalIds = rows.map((r) => r.nationalId!);
    file = await writeWorkerSheet(rows);
  } finally {
    await db.destroy();
  }
});

afterAll(async () => {
  await dropPg?.();
  rmSync(work, { recursive: true, force: true });
});

interface Server { url: string; child: ChildProcess; exited: Promise<void>; output: () => string }

/** `npm start` as a child process on the prepared database, no demo, no schedulers. */
function startServer(crashAt?: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: databaseUrl ?? '', DEMO: 'false',
      REPORT_AT: 'off', BACKUP_AT: 'off', LOGIN_RATE_LIMIT: '1000', WEB_DIST_DIR: webDir, EPI_CRASH_AT: crashAt ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const url = /EpiCommand: (http:\/\/[^\s]+)/.exec(log)?.[1];
      if (url) resolve({ url, child, exited, output: () => log });
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${log}`)));
  });
}

async function login(url: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: url }, body: JSON.stringify({ username: 'crash_cdc', password: PASSWORD }) });
  expect(r.status).toBe(200);
  return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

function postImport(url: string, cookie: string, dryRun: boolean): Promise<Response> {
  return fetch(`${url}/api/enterprises/${enterpriseId}/workers/import?dryRun=${dryRun}`, {
    method: 'POST', headers: { cookie, origin: url, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: new Uint8Array(file),
  });
}

/** What the import left: its people, workers, and memberships (total and distinct person × group). */
async function counts() {
  const db = await open();
  try {
    const r = await sql<{ people: number; workers: number; memberships: number; distinct_memberships: number }>`
      select
        (select count(*) from person where national_id = any(${nationalIds}::text[])) as people,
        (select count(*) from worker where enterprise_id = ${enterpriseId}) as workers,
        (select count(*) from group_membership m join person p on p.id = m.person_id where p.national_id = any(${nationalIds}::text[])) as memberships,
        (select count(distinct (m.person_id, m.group_id)) from group_membership m join person p on p.id = m.person_id where p.national_id = any(${nationalIds}::text[])) as distinct_memberships`.execute(db);
    return r.rows[0]!;
  } finally {
    await db.destroy();
  }
}

describe(`crash safety (${tpl.engine})`, () => {
  it('a SIGKILL in the middle of a large import leaves all rows or none, the data reopens, and a repeat makes one copy', async () => {
    // The server kills itself (SIGKILL) once the commit has written every row, before it commits (lib/crash-point.ts).
    const first = await startServer('worker-import:written');
    let cut: boolean;
    try {
      const cookie = await login(first.url);
      const t0 = Date.now();
      const preview = await postImport(first.url, cookie, true);
      const previewBody = await preview.text();
      expect(preview.status, previewBody.slice(0, 500)).toBe(200);
      expect((JSON.parse(previewBody) as { created: number }).created).toBe(ROWS);
      const previewMs = Date.now() - t0;
      log(`server up, preview of ${ROWS} rows in ${previewMs} ms`);
      const commit = postImport(first.url, cookie, false).then((r) => r.status, () => 'cut' as const);
      await first.exited;
      cut = (await commit) === 'cut';
      log(`killed ${Date.now() - t0 - previewMs} ms into the commit`);
    } finally {
      first.child.kill('SIGKILL');
    }
    expect(first.child.signalCode).toBe('SIGKILL');
    // The import never answered: it was cut off, not finished.
    expect(cut).toBe(true);

    // The data reopens after the kill and holds none of the import: it died after writing every row, before its commit.
    const after = await counts();
    expect(after.people).toBe(0);
    expect(after.workers).toBe(after.people);
    expect(after.memberships).toBe(after.people * MEMBERSHIPS_PER_WORKER);
    expect(after.distinct_memberships).toBe(after.memberships);
    log(`after the kill: ${after.people} of ${ROWS} rows`);

    // Restarted on the same data, importing the file again leaves exactly one copy.
    const second = await startServer();
    log('restarted');
    try {
      const cookie = await login(second.url);
      const again = await postImport(second.url, cookie, false);
      expect(again.status).toBe(200);
      const report = await again.json() as { created: number; unchanged: number };
      expect(report.created + report.unchanged).toBe(ROWS);
      expect(report.created).toBe(ROWS - after.people);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const final = await counts();
    expect(final).toEqual({ people: ROWS, workers: ROWS, memberships: ROWS * MEMBERSHIPS_PER_WORKER, distinct_memberships: ROWS * MEMBERSHIPS_PER_WORKER });
  }, 300_000);
});
