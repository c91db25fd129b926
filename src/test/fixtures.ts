import { loadConfig } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createUser } from '../modules/auth/auth.service.ts';
import type { Role } from '../modules/auth/policy.ts';
import type { ScopeKind } from '../db/schema.ts';
import { build, type App } from '../server/app.ts';

export const TEST_PASSWORD = 'test-password-1';

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({ ...process.env, DEMO: 'false', LOGIN_RATE_LIMIT: '1000', ...overrides });
}

export async function buildTestApp(db: Db, overrides: Record<string, string> = {}): Promise<App> {
  return build({ db, config: testConfig(overrides) });
}

/** A user of each kind the tests need: Việt Yên (222) district, Vân Trung (07801) and Quang Châu (07807) communes. */
export const TEST_USERS: Array<{ username: string; role: Role; scopeKind: ScopeKind; scopeCode: string }> = [
  { username: 't_admin', role: 'province_admin', scopeKind: 'province', scopeCode: '24' },
  { username: 't_cdc', role: 'cdc', scopeKind: 'province', scopeCode: '24' },
  { username: 't_district', role: 'district_health', scopeKind: 'district', scopeCode: '222' },
  { username: 't_vantrung', role: 'commune_health', scopeKind: 'commune', scopeCode: '07801' },
  { username: 't_quangchau', role: 'commune_health', scopeKind: 'commune', scopeCode: '07807' },
  { username: 't_team', role: 'community_team', scopeKind: 'commune', scopeCode: '07801' },
  { username: 't_viewer', role: 'viewer', scopeKind: 'province', scopeCode: '24' },
];

export async function seedTestUsers(db: Db): Promise<void> {
  for (const u of TEST_USERS) {
    await createUser(db, { ...u, password: TEST_PASSWORD, fullName: `Test ${u.username}`, provinceCode: '24' });
  }
}

/** Signs in through the API and returns the Cookie header to send. */
export async function loginAs(app: App, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'epi_session');
  if (!cookie) throw new Error('no session cookie');
  return `epi_session=${cookie.value}`;
}
