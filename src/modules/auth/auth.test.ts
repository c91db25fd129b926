import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { App } from '../../server/app.ts';
import { menuOf, ROLES } from './policy.ts';

let t: TestDb;
let app: App;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('login and session', () => {
  it('signs in with an httpOnly SameSite cookie and returns the role menu', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 't_cdc', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'epi_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = res.json().user;
    expect(me).toMatchObject({ username: 't_cdc', role: 'cdc', scope: { kind: 'province', code: '24', name: 'Tỉnh Bắc Giang' } });
    expect(me.menu).toEqual([
      'overview', 'map', 'people', 'cases', 'clusters', 'quarantine', 'treatment', 'testing', 'zones', 'levels', 'reports', 'directives', 'enterprises', 'venues',
      'enterpriseRisk', 'boardingHouses', 'arrivals', 'community', 'vaccination', 'vaccinationDose', 'support', 'supplies',
    ]);
  });

  it('stores an argon2 hash, never the password', async () => {
    const row = await t.db.selectFrom('app_user').select('password_hash').where('username', '=', 't_cdc').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2/);
    expect(row.password_hash).not.toContain(TEST_PASSWORD);
  });

  it('rejects a wrong password with a bilingual message and audits the attempt', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 't_cdc', password: 'wrong-password' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'BAD_CREDENTIALS', message: { vi: expect.stringContaining('mật khẩu'), en: expect.stringContaining('password') } });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'login_failed').where('username', '=', 't_cdc').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('answers 401 without a session and after logout', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const cookie = await loginAs(app, 't_viewer');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('rate-limits login attempts per client', async () => {
    const limited = await buildTestApp(t.db, { LOGIN_RATE_LIMIT: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    // A forged X-Forwarded-For does not buy a fresh allowance.
    const forged = await limited.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'nobody', password: 'x' } });
    expect(forged.statusCode).toBe(429);
    const last = await limited.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(last.json().error.code).toBe('RATE_LIMITED');
    await limited.close();
  });
});

describe('policy', () => {
  it('gives every role a menu and only admins the audit page', () => {
    for (const r of ROLES) expect(menuOf(r)).toContain('overview');
    expect(ROLES.filter((r) => menuOf(r).includes('audit'))).toEqual(['province_admin']);
  });

  it('forbids the audit trail to non-admins (403) and serves it to admins', async () => {
    const cdc = await loginAs(app, 't_cdc');
    const r1 = await app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: cdc } });
    expect(r1.statusCode).toBe(403);
    const admin = await loginAs(app, 't_admin');
    const r2 = await app.inject({ method: 'GET', url: '/api/audit?action=login&pageSize=5', headers: { cookie: admin } });
    expect(r2.statusCode).toBe(200);
    expect(r2.json().items.every((e: { action: string }) => e.action === 'login')).toBe(true);
    expect(r2.json().total).toBeGreaterThan(0);
  });
});

describe('HTTP basics', () => {
  it('answers an unknown API route with a 404 JSON error', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: { vi: expect.any(String), en: expect.any(String) } });
  });

  it('sends security headers', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('publishes the OpenAPI document with every API route', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/auth/login', '/api/people/', '/api/people/{id}', '/api/places/units', '/api/audit/', '/api/overview/']) {
      expect(paths).toContain(p);
    }
  });

  it('turns a schema violation into a 400 naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' });
  });
});
