/**
 * Backup and restore of the whole database, on either engine.
 *
 * PGlite: the data directory as PGlite's own gzipped tarball (`dumpDataDir`), taken while holding
 * the one serialized connection after a CHECKPOINT, so no transaction is half-way; restored by
 * opening a new data directory with `loadDataDir`. PostgreSQL: `pg_dump --format=custom` and
 * `pg_restore --single-transaction` (the client binaries must be installed: PG_BIN_DIR picks a
 * folder, else PATH). A restore never overwrites a database that has tables unless forced; forced,
 * a PGlite folder is moved aside (never deleted) and a PostgreSQL schema `public` is dropped.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { type Db, openDatabase, pgliteClientOf } from '../../db/database.ts';
import { AppError } from '../../server/errors.ts';
import { type BackupEngine, backupKindOf } from './backup.domain.ts';

export interface BackupResult {
  file: string;
  engine: BackupEngine;
  bytes: number;
}

export interface RestoreResult {
  engine: BackupEngine;
  tables: number;
  /** PGlite, forced: where the replaced data directory was moved. */
  movedAside?: string;
}

/** Errors of backup and restore, in Vietnamese and English (the CLI prints both). */
export const BackupErrors = {
  targetNotEmpty: (what: string, tables: number) =>
    new AppError('RESTORE_TARGET_NOT_EMPTY', 409, {
      vi: `Cơ sở dữ liệu đích (${what}) không trống: có ${tables} bảng. Khôi phục sẽ ghi đè toàn bộ dữ liệu; chạy lại với --force nếu chắc chắn.`,
      en: `The target database (${what}) is not empty: it has ${tables} tables. A restore replaces all of its data; run again with --force if you are sure.`,
    }),
  wrongKind: (file: string, kind: BackupEngine | null, engine: BackupEngine) =>
    new AppError('RESTORE_WRONG_KIND', 400, kind === null
      ? { vi: `Tệp ${file} không phải bản sao lưu của EpiCommand (PGlite .tar.gz hoặc pg_dump)`, en: `${file} is not an EpiCommand backup (PGlite .tar.gz or pg_dump)` }
      : {
        vi: `Tệp ${file} là bản sao lưu ${engineName(kind)}, không khôi phục được vào ${engineName(engine)}`,
        en: `${file} is a ${engineName(kind)} backup and cannot be restored into ${engineName(engine)}`,
      }),
  toolMissing: (tool: string) =>
    new AppError('BACKUP_TOOL_MISSING', 500, {
      vi: `Không tìm thấy chương trình ${tool}: cài gói postgresql-client (cùng phiên bản hoặc mới hơn máy chủ) hoặc đặt PG_BIN_DIR là thư mục chứa nó`,
      en: `${tool} was not found: install postgresql-client (the server's version or newer) or set PG_BIN_DIR to the folder that holds it`,
    }),
  toolFailed: (tool: string, code: number | null, stderr: string) =>
    new AppError('BACKUP_TOOL_FAILED', 500, {
      vi: `${tool} thất bại (mã ${code}): ${stderr.trim().slice(-2000)}`,
      en: `${tool} failed (exit code ${code}): ${stderr.trim().slice(-2000)}`,
    }),
  inMemory: () =>
    new AppError('BACKUP_IN_MEMORY', 400, {
      vi: 'Cơ sở dữ liệu trong bộ nhớ (memory://) không khôi phục được vào thư mục',
      en: 'An in-memory database (memory://) is not a restore target',
    }),
} as const;

function engineName(e: BackupEngine): string {
  return e === 'pglite' ? 'PGlite' : 'PostgreSQL';
}

/**
 * Writes a backup of `db` to `outFile` (through `<outFile>.partial` and a rename, so a crash never
 * leaves a file that looks complete). PostgreSQL needs the connection string for pg_dump.
 */
export async function writeBackup(db: Db, opts: { databaseUrl?: string | undefined; outFile: string }): Promise<BackupResult> {
  const outFile = path.resolve(opts.outFile);
  mkdirSync(path.dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  const client = pgliteClientOf(db);
  try {
    if (client) {
      // Hold the serialized connection: nobody else's transaction is open while the files are read.
      const dump = await db.connection().execute(async (conn) => {
        await sql`checkpoint`.execute(conn);
        return client.dumpDataDir('gzip');
      });
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    } else {
      if (!opts.databaseUrl) throw new Error('a PostgreSQL backup needs the connection string (DATABASE_URL)');
      await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${opts.databaseUrl}`]);
    }
    renameSync(partial, outFile);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { file: outFile, engine: client ? 'pglite' : 'postgres', bytes: statSync(outFile).size };
}

/** Restores `inFile` into the database of `target`: PostgreSQL at databaseUrl, else PGlite in dataDir. */
export async function restoreBackup(
  target: { databaseUrl?: string | undefined; dataDir: string },
  inFile: string,
  opts: { force?: boolean } = {},
): Promise<RestoreResult> {
  const engine: BackupEngine = target.databaseUrl ? 'postgres' : 'pglite';
  const kind = backupKindOf(await readHead(inFile));
  if (kind !== engine) throw BackupErrors.wrongKind(inFile, kind, engine);
  return target.databaseUrl
    ? restorePostgres(target.databaseUrl, inFile, opts.force ?? false)
    : restorePglite(target.dataDir, inFile, opts.force ?? false);
}

async function restorePglite(dataDir: string, inFile: string, force: boolean): Promise<RestoreResult> {
  if (dataDir.startsWith('memory://')) throw BackupErrors.inMemory();
  const dir = path.resolve(dataDir);
  let movedAside: string | undefined;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    // A folder with a database: count its tables (a folder of something else counts as not empty).
    let tables = -1;
    if (existsSync(path.join(dir, 'PG_VERSION'))) {
      const existing = await openDatabase({ dataDir: dir });
      try {
        tables = await countTables(existing);
      } finally {
        await existing.destroy();
      }
    }
    if (tables !== 0 && !force) throw BackupErrors.targetNotEmpty(dir, Math.max(tables, 0));
    movedAside = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dir, movedAside);
  }
  const blob = new Blob([await readFile(inFile)]);
  const db = await openDatabase({ dataDir: dir, loadDataDir: blob });
  try {
    // The restored database checkpoints now, so its folder stands on its own without the tarball.
    await sql`checkpoint`.execute(db);
    return { engine: 'pglite', tables: await countTables(db), ...(movedAside ? { movedAside } : {}) };
  } finally {
    await db.destroy();
  }
}

async function restorePostgres(databaseUrl: string, inFile: string, force: boolean): Promise<RestoreResult> {
  const db = await openDatabase({ databaseUrl });
  try {
    const tables = await countTables(db);
    if (tables > 0) {
      if (!force) throw BackupErrors.targetNotEmpty(describeUrl(databaseUrl), tables);
      // Everything of the application lives in schema public (tables, the extensions' functions,
      // the vn_unaccent text search configuration): dropping it leaves an empty database.
      await sql`drop schema public cascade`.execute(db);
      await sql`create schema public`.execute(db);
    }
  } finally {
    await db.destroy();
  }
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${databaseUrl}`, inFile]);
  const after = await openDatabase({ databaseUrl });
  try {
    await sql`analyze`.execute(after); // pg_restore leaves the planner without statistics
    return { engine: 'postgres', tables: await countTables(after) };
  } finally {
    await after.destroy();
  }
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL ${u.host}${u.pathname}`;
}

async function readHead(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The application's tables: every ordinary table outside the system schemas. */
async function tableNames(db: Db): Promise<Array<{ schema: string; name: string }>> {
  const r = await sql<{ schema: string; name: string }>`
    select schemaname as schema, tablename as name from pg_tables
    where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\_%'
    order by schemaname, tablename`.execute(db);
  return r.rows;
}

async function countTables(db: Db): Promise<number> {
  return (await tableNames(db)).length;
}

export interface TableFingerprint {
  rows: number;
  /** md5 over the md5 of each row's text, in sorted order: equal contents give equal sums whatever the physical order. */
  checksum: string;
}

/** Row count and content checksum of every table, keyed `schema.table` (the round-trip check). */
export async function tableFingerprints(db: Db): Promise<Record<string, TableFingerprint>> {
  const out: Record<string, TableFingerprint> = {};
  for (const t of await tableNames(db)) {
    const r = await sql<{ rows: number; sums: string | null }>`
      select count(*) as rows, string_agg(h, '' order by h) as sums
      from (select md5(x::text) as h from ${sql.table(`${t.schema}.${t.name}`)} x) s`.execute(db);
    const row = r.rows[0]!;
    out[`${t.schema}.${t.name}`] = { rows: Number(row.rows), checksum: createHash('md5').update(row.sums ?? '').digest('hex') };
  }
  return out;
}

/** The client binary: PG_BIN_DIR/<tool> when set, else <tool> from PATH. */
function toolPath(tool: string): string {
  return process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, tool) : tool;
}

function runTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath(tool), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? BackupErrors.toolMissing(tool) : e));
    child.once('close', (code) => (code === 0 ? resolve() : reject(BackupErrors.toolFailed(tool, code, stderr))));
  });
}
