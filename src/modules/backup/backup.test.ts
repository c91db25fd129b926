import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { type Db, openDatabase } from '../../db/database.ts';
import { fakeClock } from '../../test/fake-clock.ts';
import { adminUrl, databaseUrlFor } from '../../test/pg-url.ts';
import { AppError } from '../../server/errors.ts';
import {
  backupKindOf, backupsToPrune, nightlyBackupDue, nightlyFileName, parseBackupAt, parseBackupKeep,
} from './backup.domain.ts';
import { startBackupScheduler } from './backup.scheduler.ts';
import { restoreBackup, tableFingerprints, writeBackup } from './backup.service.ts';

/**
 * Each case gets a database of the engine under test: PGlite in a folder of its own (a copy of
 * the run's template), PostgreSQL a database cloned from the run's template with its URL (pg_dump
 * needs one).
 */
interface Target { db: Db; databaseUrl: string | undefined; dataDir: string; drop(): Promise<void> }

const tpl = inject('dbTemplate');
const work = mkdtempSync(path.join(os.tmpdir(), 'epicommand-backup-test-'));
const opened: Target[] = [];

async function sourceDb(): Promise<Target> {
  const dataDir = path.join(work, `src-${randomBytes(4).toString('hex')}`);
  if (tpl.engine === 'pglite') {
    const db = await openDatabase({ dataDir, loadDataDir: new Blob([readFileSync(tpl.file)]) });
    const t = { db, databaseUrl: undefined, dataDir, drop: () => db.destroy() };
    opened.push(t);
    return t;
  }
  return pgDatabase(true);
}

/** PostgreSQL only: a database from the template (tables) or an empty one. */
async function pgDatabase(fromTemplate: boolean): Promise<Target> {
  if (tpl.engine !== 'postgres') throw new Error('PostgreSQL only');
  const name = `epi_bk_${randomBytes(5).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: adminUrl(tpl.url) });
  await (fromTemplate ? sql`create database ${sql.id(name)} template ${sql.id(tpl.template)}` : sql`create database ${sql.id(name)}`).execute(admin);
  const databaseUrl = databaseUrlFor(tpl.url, name);
  const db = await openDatabase({ databaseUrl });
  const t: Target = {
    db, databaseUrl, dataDir: work,
    drop: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
  opened.push(t);
  return t;
}

/** A few rows in tables of several contexts, text with Vietnamese marks and nulls included. */
async function addRows(db: Db) {
  const user = await db.insertInto('app_user').values({
    username: 'backup_cdc', password_hash: 'x', full_name: 'Nguyễn Thị Sao Lưu', role: 'cdc', scope_kind: 'province', scope_code: '24', province_code: '24',
  }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into audit_log (username, user_id, action, record_kind, record_id, province_code)
    values ('backup_cdc', ${user.id}, 'read', 'person', '1', '24'), ('backup_cdc', ${user.id}, 'update', 'person', '2', '24')`.execute(db);
}

let src: Target;
let before: Awaited<ReturnType<typeof tableFingerprints>>;
let backupFile: string;

beforeAll(async () => {
  src = await sourceDb();
  await addRows(src.db);
  before = await tableFingerprints(src.db);
  backupFile = path.join(work, tpl.engine === 'pglite' ? 'round-trip.tar.gz' : 'round-trip.dump');
  const r = await writeBackup(src.db, { databaseUrl: src.databaseUrl, outFile: backupFile });
  expect(r.bytes).toBeGreaterThan(0);
});

afterAll(async () => {
  for (const t of opened) await t.drop().catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

/** Where a restore goes: a new PGlite folder, or a new empty PostgreSQL database. */
async function emptyTarget(): Promise<{ databaseUrl: string | undefined; dataDir: string; open(): Promise<Db> }> {
  if (tpl.engine === 'pglite') {
    const dataDir = path.join(work, `restored-${randomBytes(4).toString('hex')}`);
    return { databaseUrl: undefined, dataDir, open: () => openDatabase({ dataDir }) };
  }
  const t = await pgDatabase(false);
  return { databaseUrl: t.databaseUrl, dataDir: work, open: async () => t.db };
}

describe('backup and restore', () => {
  it('restores every table with the same rows and contents', async () => {
    expect(backupKindOf(readFileSync(backupFile).subarray(0, 512))).toBe(tpl.engine);
    expect(Object.keys(before).length).toBeGreaterThan(50);
    expect(before['public.app_user']!.rows).toBeGreaterThan(0);
    const target = await emptyTarget();
    const r = await restoreBackup(target, backupFile);
    expect(r.tables).toBe(Object.keys(before).length);
    const db = await target.open();
    try {
      expect(await tableFingerprints(db)).toEqual(before);
      const u = await db.selectFrom('app_user').select('full_name').where('username', '=', 'backup_cdc').executeTakeFirst();
      expect(u?.full_name).toBe('Nguyễn Thị Sao Lưu');
    } finally {
      if (tpl.engine === 'pglite') await db.destroy();
    }
  });

  it('refuses to overwrite a database that has tables unless forced, in Vietnamese and English', async () => {
    const target = await emptyTarget();
    await restoreBackup(target, backupFile);
    // Change the restored database, then restore over it.
    const db = await target.open();
    await sql`delete from audit_log`.execute(db);
    if (tpl.engine === 'pglite') await db.destroy();
    const refused = await restoreBackup(target, backupFile).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('RESTORE_TARGET_NOT_EMPTY');
    expect((refused as AppError).localised.vi).toContain('--force');
    expect((refused as AppError).localised.en).toMatch(/not empty.*--force/);
    const untouched = await target.open(); // the refused restore changed nothing
    expect((await sql<{ n: number }>`select count(*) as n from audit_log`.execute(untouched)).rows[0]!.n).toBe(0);
    if (tpl.engine === 'pglite') await untouched.destroy();
    const forced = await restoreBackup(target, backupFile, { force: true });
    if (tpl.engine === 'pglite') {
      expect(forced.movedAside).toBeDefined();
      expect(existsSync(path.join(forced.movedAside!, 'PG_VERSION'))).toBe(true);
    }
    const again = await target.open();
    try {
      expect(await tableFingerprints(again)).toEqual(before);
    } finally {
      if (tpl.engine === 'pglite') await again.destroy();
    }
  });

  it('refuses a file of the other engine or not a backup at all', async () => {
    const junk = path.join(work, 'junk.bin');
    writeFileSync(junk, 'hello');
    const target = await emptyTarget();
    const e1 = await restoreBackup(target, junk).catch((e: unknown) => e);
    expect((e1 as AppError).code).toBe('RESTORE_WRONG_KIND');
    const other = path.join(work, 'other.bin');
    writeFileSync(other, tpl.engine === 'pglite' ? 'PGDMP\u0001\u000e' : Buffer.from([0x1f, 0x8b, 8, 0]));
    const e2 = await restoreBackup(target, other).catch((e: unknown) => e);
    expect((e2 as AppError).localised.en).toContain(tpl.engine === 'pglite' ? 'is a PostgreSQL backup' : 'is a PGlite backup');
  });
});

describe('nightly backup', () => {
  it('writes one backup a night after BACKUP_AT (Vietnam time) and keeps the N newest', async () => {
    const dir = path.join(work, 'nightly');
    mkdirSync(dir);
    // Someone else's file in the same folder is never pruned.
    writeFileSync(path.join(dir, 'epicommand-otherdb-2021-06-01T0200.dump'), 'x');
    const c = fakeClock('2021-06-10T01:59:00+07:00');
    const s = startBackupScheduler(src.db, {
      databaseUrl: src.databaseUrl, dataDir: src.dataDir, dir, at: { hour: 2, minute: 0 }, keep: 2, clock: c.clock, log: () => {},
    });
    expect(await s.tick()).toBeNull();
    const mine = () => readdirSync(dir).filter((f) => !f.includes('otherdb')).sort();
    expect(mine()).toEqual([]);
    for (const night of ['2021-06-10', '2021-06-11', '2021-06-12']) {
      c.set(`${night}T02:05:00+07:00`);
      const file = await s.tick();
      expect(file).toMatch(new RegExp(`${night}T0205`));
      c.set(`${night}T02:15:00+07:00`);
      expect(await s.tick()).toBeNull(); // once a night
    }
    expect(mine()).toHaveLength(2);
    expect(mine()[0]).toContain('2021-06-11T0205');
    expect(mine()[1]).toContain('2021-06-12T0205');
    expect(readdirSync(dir)).toContain('epicommand-otherdb-2021-06-01T0200.dump');
    // What it wrote is a backup of this engine.
    expect(backupKindOf(readFileSync(path.join(dir, mine()[1]!)).subarray(0, 512))).toBe(tpl.engine);
    expect(c.timer.every).toBe(600_000);
    await s.stop();
    expect(c.timer.cancelled).toBe(true);
  });

  it('a failed backup is logged and the scheduler keeps going', async () => {
    const blocker = path.join(work, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const logged: string[] = [];
    const c = fakeClock('2021-06-10T02:30:00+07:00');
    const s = startBackupScheduler(src.db, {
      databaseUrl: src.databaseUrl, dataDir: src.dataDir, dir: blocker, at: { hour: 2, minute: 0 }, keep: 3, clock: c.clock, log: (m) => logged.push(m),
    });
    expect(await s.tick()).toBeNull();
    expect(logged[0]).toContain('nightly backup failed');
    await s.stop();
  });
});

describe('backup rules', () => {
  it('parses BACKUP_AT and BACKUP_KEEP', () => {
    expect(parseBackupAt(undefined)).toEqual({ hour: 2, minute: 0 });
    expect(parseBackupAt('23:45')).toEqual({ hour: 23, minute: 45 });
    expect(parseBackupAt('off')).toBeNull();
    expect(() => parseBackupAt('25:00')).toThrow(/BACKUP_AT/);
    expect(parseBackupKeep(undefined)).toBe(7);
    expect(() => parseBackupKeep('0')).toThrow(/BACKUP_KEEP/);
  });

  it('is due in the hours after the time, not in the afternoon, and not twice a night', () => {
    const at = { hour: 2, minute: 0 };
    const name = nightlyFileName('pglite-data', 'pglite', new Date('2021-06-10T02:10:00+07:00'));
    expect(name).toBe('epicommand-pglite-data-2021-06-10T0210.tar.gz');
    expect(nightlyBackupDue(new Date('2021-06-10T01:59:00+07:00'), at, [], 'pglite-data', 'pglite')).toBe(false);
    expect(nightlyBackupDue(new Date('2021-06-10T07:59:00+07:00'), at, [], 'pglite-data', 'pglite')).toBe(true);
    expect(nightlyBackupDue(new Date('2021-06-10T08:00:00+07:00'), at, [], 'pglite-data', 'pglite')).toBe(false);
    expect(nightlyBackupDue(new Date('2021-06-10T03:00:00+07:00'), at, [name], 'pglite-data', 'pglite')).toBe(false);
    // 02:00 in Vietnam is 19:00 UTC the day before.
    expect(nightlyBackupDue(new Date('2021-06-09T19:30:00Z'), at, [], 'pglite-data', 'pglite')).toBe(true);
    const files = ['a.txt', 'epicommand-db-2021-06-09T0200.dump', 'epicommand-db-2021-06-11T0200.dump', 'epicommand-db-2021-06-10T0200.dump', 'epicommand-db2-2021-06-01T0200.dump'];
    expect(backupsToPrune(files, 'db', 'postgres', 2)).toEqual(['epicommand-db-2021-06-09T0200.dump']);
  });
});
