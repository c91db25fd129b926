import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReportAt, type TimeOfDay } from './modules/reports/reports.domain.ts';
import { parseBackupAt, parseBackupKeep } from './modules/backup/backup.domain.ts';

/** Root of the repository (two levels above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppConfig {
  port: number;
  host: string;
  /** Folder of the embedded database; ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  vnAdminDir: string;
  provinceCode: string;
  /** Demo mode creates demo users with published passwords: never in a real deployment. */
  demo: boolean;
  sessionTtlHours: number;
  /** Login attempts per minute per client address. */
  loginRateLimit: number;
  /** LOGIN_LOCKOUT_ATTEMPTS wrong passwords in a row lock an account for LOGIN_LOCKOUT_MINUTES (defaults 5 and 15). */
  loginLockout: { attempts: number; minutes: number };
  webDistDir: string;
  /**
   * Trust X-Forwarded-For from this many proxy hops (or a list of proxy addresses). Off by default:
   * otherwise any client could pick the address that rate limiting and the audit trail see.
   */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** REPORT_AT: Vietnam time of day the server makes the day's situation report ('15:30'); null: off. */
  reportAt: TimeOfDay | null;
  /** ENTERPRISE_STALE_DAYS: a worker list not confirmed for more days than this is stale (default 7). */
  enterpriseStaleDays: number;
  /** VENUE_CODE_SECRET: the key venue and personal QR codes are signed with; unset: one kept in the database (app_meta). */
  venueCodeSecret: string | undefined;
  /** PUBLIC_URL: the base of the check-in URLs printed on QR posters; unset: the host of the request. */
  publicUrl: string | undefined;
  /** Public check-ins per minute: per device (CHECKIN_DEVICE_RATE_LIMIT), per client address (CHECKIN_IP_RATE_LIMIT), first-time registrations per address (CHECKIN_SIGNUP_RATE_LIMIT). */
  checkinRateLimit: { perDevice: number; perIp: number; signupPerIp: number };
  /** Nightly backup: BACKUP_AT (Vietnam time, default 02:00; null: off), BACKUP_DIR (default ./backups), BACKUP_KEEP newest kept (default 7). */
  backup: { at: ReturnType<typeof parseBackupAt>; dir: string; keep: number };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  }
  const provinceCode = env.PROVINCE_CODE ?? '24';
  if (!/^\d{2}$/.test(provinceCode)) {
    throw new Error(`PROVINCE_CODE must be a 2-digit GSO code, got "${provinceCode}"`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(repoRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    vnAdminDir: path.resolve(env.VN_ADMIN_DIR ?? path.join(repoRoot, '..', 'shared', 'data', 'vn-admin')),
    provinceCode,
    demo: (env.DEMO ?? 'true') !== 'false',
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 10),
    loginLockout: { attempts: positiveWhole(env, 'LOGIN_LOCKOUT_ATTEMPTS', 5), minutes: positiveWhole(env, 'LOGIN_LOCKOUT_MINUTES', 15) },
    webDistDir: path.resolve(env.WEB_DIST_DIR ?? path.join(repoRoot, 'web', 'dist')),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    reportAt: parseReportAt(env.REPORT_AT),
    enterpriseStaleDays: Math.max(1, Math.floor(Number(env.ENTERPRISE_STALE_DAYS ?? 7)) || 7),
    venueCodeSecret: env.VENUE_CODE_SECRET || undefined,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    checkinRateLimit: {
      perDevice: perMinute(env, 'CHECKIN_DEVICE_RATE_LIMIT', 10),
      perIp: perMinute(env, 'CHECKIN_IP_RATE_LIMIT', 600),
      signupPerIp: perMinute(env, 'CHECKIN_SIGNUP_RATE_LIMIT', 30),
    },
    backup: {
      at: parseBackupAt(env.BACKUP_AT),
      dir: path.resolve(env.BACKUP_DIR ?? path.join(repoRoot, 'backups')),
      keep: parseBackupKeep(env.BACKUP_KEEP),
    },
  };
}

/** A rate limit (requests a minute) from the environment: a positive whole number. */
function perMinute(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number (requests a minute), got "${raw}"`);
  return n;
}

/** A positive whole number from the environment (a count or minutes). */
function positiveWhole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}

function parseTrustProxy(raw: string | undefined): AppConfig['trustProxy'] {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    return (_address, hop) => hop < hops;
  }
  return raw; // comma-separated proxy addresses or CIDRs
}
