/**
 * `npm run cli -- backup --out FILE` and `npm run cli -- restore --in FILE [--force]`.
 * PGlite: stop the server first (its data folder must not be opened by two processes; the
 * running server makes its own nightly backups). PostgreSQL: pg_dump / pg_restore.
 */
import type { AppConfig } from '../config.ts';
import { describeTarget, openDatabase } from '../db/database.ts';
import { restoreBackup, writeBackup } from '../modules/backup/backup.service.ts';
import { AppError } from '../server/errors.ts';

export async function runBackupCommand(config: AppConfig, outFile: string | undefined): Promise<number> {
  if (!outFile) return usage('backup --out FILE');
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  console.log(`database: ${describeTarget(target)}`);
  return reportErrors(async () => {
    const db = await openDatabase(target);
    try {
      const r = await writeBackup(db, { databaseUrl: config.databaseUrl, outFile });
      console.log(`Đã sao lưu / backup written: ${r.file} (${r.engine}, ${r.bytes.toLocaleString('en')} bytes)`);
    } finally {
      await db.destroy();
    }
  });
}

export async function runRestoreCommand(config: AppConfig, inFile: string | undefined, force: boolean): Promise<number> {
  if (!inFile) return usage('restore --in FILE [--force]');
  const target = { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
  console.log(`database: ${describeTarget(target)}`);
  return reportErrors(async () => {
    const r = await restoreBackup(target, inFile, { force });
    if (r.movedAside) console.log(`Dữ liệu cũ đã chuyển sang / the replaced data folder was moved to: ${r.movedAside}`);
    console.log(`Đã khôi phục / restored: ${inFile} (${r.engine}, ${r.tables} tables)`);
  });
}

function usage(line: string): number {
  console.error(`usage: npm run cli -- ${line}`);
  return 2;
}

/** Errors of the catalogue in both languages; exit code 1. */
async function reportErrors(fn: () => Promise<void>): Promise<number> {
  try {
    await fn();
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    console.error(`Lỗi: ${e.localised.vi}\nerror: ${e.localised.en}`);
    return 1;
  }
}
