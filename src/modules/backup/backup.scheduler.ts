/**
 * The nightly backup inside the server: in the hours after the Vietnam time of day BACKUP_AT
 * (default 02:00, `off` disables), when the folder BACKUP_DIR holds no backup of today for this
 * database, writes one and keeps the BACKUP_KEEP newest (default 7). Checked every 10 minutes on the shared
 * periodic-job runner, so a server restarted during the night catches up; clock and
 * timer are injectable for tests. Only files named like this database's nightly backups are ever
 * removed.
 */
import { readdirSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import { pgliteClientOf } from '../../db/database.ts';
import { type PeriodicJob, type SchedulerClock, startPeriodicJob, systemClock } from '../../lib/periodic-job.ts';
import { type BackupEngine, backupsToPrune, nightlyBackupDue, nightlyFileName, type TimeOfDay } from './backup.domain.ts';
import { writeBackup } from './backup.service.ts';

/** tick(): one check now; resolves to the file written, or null. */
export type BackupScheduler = PeriodicJob<string | null>;

export const BACKUP_CHECK_EVERY_MS = 10 * 60_000;

export function startBackupScheduler(db: Db, opts: {
  databaseUrl: string | undefined;
  /** PGlite's data folder (its name labels the files). */
  dataDir: string;
  dir: string;
  at: TimeOfDay;
  keep: number;
  clock?: SchedulerClock;
  log?: (message: string) => void;
  /** Told of each file written and each one retention removed (the server logs them). */
  info?: (message: string) => void;
}): BackupScheduler {
  const clock = opts.clock ?? systemClock;
  const engine: BackupEngine = pgliteClientOf(db) ? 'pglite' : 'postgres';
  // Named after the database, so servers sharing a folder never prune each other's backups.
  const label = engine === 'pglite'
    ? `pglite-${path.basename(path.resolve(opts.dataDir))}`
    : decodeURIComponent(new URL(opts.databaseUrl!).pathname.replace(/^\//, '')) || 'postgres';
  const dir = path.resolve(opts.dir);

  const check = async (): Promise<string | null> => {
    const now = clock.now();
    await mkdir(dir, { recursive: true });
    if (!nightlyBackupDue(now, opts.at, readdirSync(dir), label, engine)) return null;
    const file = path.join(dir, nightlyFileName(label, engine, now));
    const r = await writeBackup(db, { databaseUrl: opts.databaseUrl, outFile: file });
    opts.info?.(`nightly backup: ${r.file} (${r.bytes} bytes)`);
    for (const old of backupsToPrune(readdirSync(dir), label, engine, opts.keep)) {
      rmSync(path.join(dir, old), { force: true });
      opts.info?.(`nightly backup: removed ${old} (keeping the ${opts.keep} newest)`);
    }
    return file;
  };

  return startPeriodicJob({ what: 'nightly backup', everyMs: BACKUP_CHECK_EVERY_MS, run: check, failed: null, clock, log: opts.log });
}
