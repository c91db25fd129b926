import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReportAt, type TimeOfDay } from './modules/reports/reports.domain.ts';

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
  webDistDir: string;
  /**
   * Trust X-Forwarded-For from this many proxy hops (or a list of proxy addresses). Off by default:
   * otherwise any client could pick the address that rate limiting and the audit trail see.
   */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  /** REPORT_AT: Vietnam time of day the server makes the day's situation report ('15:30'); null: off. */
  reportAt: TimeOfDay | null;
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
    webDistDir: path.join(repoRoot, 'web', 'dist'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    reportAt: parseReportAt(env.REPORT_AT),
  };
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
