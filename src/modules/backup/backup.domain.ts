/**
 * Backup rules without I/O: the nightly time (BACKUP_AT), the names of backup files, when the
 * nightly one is due, which old ones retention removes, and what kind of dump a file holds.
 */
import { vnDate } from '../../lib/time.ts';

export interface TimeOfDay { hour: number; minute: number }

/** BACKUP_AT: 'HH:MM' (Vietnam time, default 02:00) or 'off'; anything else stops the start-up. */
export function parseBackupAt(raw: string | undefined): TimeOfDay | null {
  const value = (raw ?? '02:00').trim();
  if (value.toLowerCase() === 'off') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`BACKUP_AT must be HH:MM (Vietnam time) or "off", got "${raw}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** BACKUP_KEEP: how many of the newest nightly backups stay in the folder (default 7). */
export function parseBackupKeep(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 7;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BACKUP_KEEP must be a positive whole number, got "${raw}"`);
  return n;
}

export type BackupEngine = 'pglite' | 'postgres';

/** File endings: PGlite's gzipped data-directory tarball, pg_dump's custom format. */
export const BACKUP_EXTENSION: Record<BackupEngine, string> = { pglite: '.tar.gz', postgres: '.dump' };

/**
 * Nightly files are `epicommand-<label>-<Vietnam date>T<HHMM><ext>` (label: `pglite` or the
 * PostgreSQL database's name), so names sort by time and retention only ever touches the files
 * of one database, even in a folder several servers share.
 */
export function backupPrefix(label: string): string {
  return `epicommand-${label.replace(/[^A-Za-z0-9_.-]/g, '_')}-`;
}

export function nightlyFileName(label: string, engine: BackupEngine, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const hh = parts.find((p) => p.type === 'hour')!.value;
  const mm = parts.find((p) => p.type === 'minute')!.value;
  return `${backupPrefix(label)}${vnDate(now)}T${hh}${mm}${BACKUP_EXTENSION[engine]}`;
}

/** Names in `files` that are nightly backups of this label and engine, oldest first. */
export function nightlyBackups(files: readonly string[], label: string, engine: BackupEngine): string[] {
  const prefix = backupPrefix(label);
  const ext = BACKUP_EXTENSION[engine];
  const shape = /^\d{4}-\d{2}-\d{2}T\d{4}$/;
  return files.filter((f) => f.startsWith(prefix) && f.endsWith(ext) && shape.test(f.slice(prefix.length, -ext.length))).sort();
}

/** A server (re)started up to this long after BACKUP_AT still makes that night's backup. */
export const CATCH_UP_MS = 6 * 3_600_000;

/**
 * Due in the hours after the time of day in Vietnam (CATCH_UP_MS: a server restarted during the
 * night catches up, one started in the afternoon waits for the night rather than dumping under
 * load) when no backup of today is in the folder (a restart does not make a second).
 */
export function nightlyBackupDue(now: Date, at: TimeOfDay, existing: readonly string[], label: string, engine: BackupEngine): boolean {
  const today = vnDate(now);
  const hh = String(at.hour).padStart(2, '0');
  const mm = String(at.minute).padStart(2, '0');
  const due = new Date(`${today}T${hh}:${mm}:00+07:00`);
  if (now < due || now.getTime() >= due.getTime() + CATCH_UP_MS) return false;
  const todayPrefix = `${backupPrefix(label)}${today}T`;
  return !nightlyBackups(existing, label, engine).some((f) => f.startsWith(todayPrefix));
}

/** The nightly backups retention removes: all but the `keep` newest. */
export function backupsToPrune(existing: readonly string[], label: string, engine: BackupEngine, keep: number): string[] {
  const mine = nightlyBackups(existing, label, engine);
  return mine.slice(0, Math.max(0, mine.length - keep));
}

/** What a backup file holds, from its first bytes. */
export function backupKindOf(head: Uint8Array): BackupEngine | null {
  if (head.length >= 5 && String.fromCharCode(...head.subarray(0, 5)) === 'PGDMP') return 'postgres';
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite'; // gzip (PGlite's dumpDataDir)
  if (head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'pglite'; // plain tar
  return null;
}
