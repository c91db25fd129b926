/**
 * Security basics (issue 10, part 6): password hashing, login rate limit and lockout, session
 * expiry and logout, cross-site request refusal, sign-in before validation, security headers, no
 * internals in error answers, secrets from the environment only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, repoRoot } from '../config.ts';
import { createUser, DEFAULT_LOCKOUT } from '../modules/auth/auth.service.ts';
import { DEMO_PASSWORD } from '../modules/auth/demo-users.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../test/fixtures.ts';
import { createTestDb, type TestDb } from '../test/test-db.ts';
import type { App } from './app.ts';

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

const login = (a: App, username: string, password: string, headers: Record<string, string> = {}) =>
  a.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { username, password } });
const sessionsOf = async (username: string) =>
  Number((await t.db.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id')
    .select((eb) => eb.fn.countAll().as('n')).where('u.username', '=', username).executeTakeFirstOrThrow()).n);

describe('password hashing', () => {
  it('stores a salted argon2id hash with at least the OWASP memory and time costs, never the password', async () => {
    // The test users all have the same password.
    const rows = await t.db.selectFrom('app_user').select(['username', 'password_hash']).where('username', 'in', ['t_cdc', 't_viewer']).orderBy('username').execute();
    for (const r of rows) {
      const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(r.password_hash);
      expect(m, r.password_hash).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(19_456); // KiB
      expect(Number(m![2])).toBeGreaterThanOrEqual(2);
      expect(r.password_hash).not.toContain(TEST_PASSWORD);
    }
    // Same password, different salt: different hashes.
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
    expect((await login(app, 't_viewer', TEST_PASSWORD)).statusCode).toBe(200);
  }, 120_000);

  it('never sends a password hash in an API answer', async () => {
    const admin = await loginAs(app, 't_admin');
    const res = await app.inject({ method: 'GET', url: '/api/users?pageSize=100', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/argon2|password_?hash/i);
  });
});

describe('login rate limit and lockout', () => {
  it('limits login attempts per client address, whatever X-Forwarded-For says', async () => {
    const limited = await buildTestApp(t.db, { LOGIN_RATE_LIMIT: '2' });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await login(limited, 'nobody', 'x', { 'x-forwarded-for': `198.51.100.${i}` })).statusCode);
    expect(codes).toEqual([401, 401, 429, 429]);
    await limited.close();
  }, 120_000);

  it('locks an account after repeated wrong passwords, even against the right one, until the lock ends', async () => {
    expect(DEFAULT_LOCKOUT.attempts).toBeGreaterThanOrEqual(3);
    const strict = await buildTestApp(t.db, { LOGIN_LOCKOUT_ATTEMPTS: '3', LOGIN_LOCKOUT_MINUTES: '15' });
    await createUser(t.db, { username: 's_locked', password: TEST_PASSWORD, fullName: 'Locked', role: 'viewer', scopeKind: 'province', scopeCode: '24', provinceCode: '24' });
    // A sign-in in between starts the count again.
    for (const pw of ['wrong-1', 'wrong-2', TEST_PASSWORD, 'wrong-3', 'wrong-4']) await login(strict, 's_locked', pw);
    expect((await login(strict, 's_locked', TEST_PASSWORD)).statusCode).toBe(200);
    for (const pw of ['wrong-1', 'wrong-2', 'wrong-3']) expect((await login(strict, 's_locked', pw)).statusCode).toBe(401);
    const locked = await login(strict, 's_locked', TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toMatchObject({ code: 'ACCOUNT_LOCKED', message: { vi: expect.stringContaining('15 phút'), en: expect.stringContaining('15 minutes') } });
    expect(locked.cookies.find((c) => c.name === 'epi_session')).toBeUndefined();
    // Every refused attempt is audited: 7 wrong passwords, the third in a row locking, and the refusal while locked.
    const audit = await t.db.selectFrom('audit_log').select('detail').where('action', '=', 'login_failed').where('username', '=', 's_locked').orderBy('id').execute();
    expect(audit).toHaveLength(8);
    expect(audit[6]!.detail).toMatchObject({ locked: true, minutes: 15 });
    expect(audit[7]!.detail).toMatchObject({ reason: 'locked' });
    // Another account is not affected.
    expect((await login(strict, 't_viewer', TEST_PASSWORD)).statusCode).toBe(200);
    // The lock ends by itself.
    await t.db.updateTable('app_user').set({ locked_until: new Date(Date.now() - 1000) }).where('username', '=', 's_locked').execute();
    expect((await login(strict, 's_locked', TEST_PASSWORD)).statusCode).toBe(200);
    await strict.close();
  }, 120_000);

  it('lifts a lock when an administrator resets the password', async () => {
    const strict = await buildTestApp(t.db, { LOGIN_LOCKOUT_ATTEMPTS: '3' });
    const u = await createUser(t.db, { username: 's_reset', password: TEST_PASSWORD, fullName: 'Reset', role: 'viewer', scopeKind: 'province', scopeCode: '24', provinceCode: '24' });
    for (let i = 0; i < 3; i++) await login(strict, 's_reset', 'wrong');
    expect((await login(strict, 's_reset', TEST_PASSWORD)).statusCode).toBe(423);
    const admin = await loginAs(strict, 't_admin');
    const reset = await strict.inject({ method: 'POST', url: `/api/users/${u.id}/password`, headers: { cookie: admin }, payload: { password: 'a-new-password-2' } });
    expect(reset.statusCode, reset.body).toBeLessThan(300);
    expect((await login(strict, 's_reset', 'a-new-password-2')).statusCode).toBe(200);
    await strict.close();
  }, 120_000);
});

describe('sessions', () => {
  it('gives a random httpOnly SameSite=Strict cookie that expires with the session, and stores only its hash', async () => {
    const res = await login(app, 't_cdc', TEST_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'epi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value.length).toBeGreaterThanOrEqual(43); // 32 random bytes
    const hours = (new Date(cookie.expires!).getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(11);
    expect(hours).toBeLessThanOrEqual(12);
    const stored = await t.db.selectFrom('user_session').select('token_hash').execute();
    expect(stored.some((s) => s.token_hash === cookie.value)).toBe(false);
  });

  it('refuses a session past its expiry', async () => {
    const cookie = await loginAs(app, 't_district');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 't_district').executeTakeFirstOrThrow();
    await t.db.updateTable('user_session').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    const res = await app.inject({ method: 'GET', url: '/api/people', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('logout ends that session on the server (a kept copy of the cookie stops working) and leaves the others', async () => {
    const first = await loginAs(app, 't_vantrung');
    const second = await loginAs(app, 't_vantrung');
    const before = await sessionsOf('t_vantrung');
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: first } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'epi_session')?.value).toBe('');
    expect(await sessionsOf('t_vantrung')).toBe(before - 1);
    expect((await app.inject({ method: 'GET', url: '/api/people', headers: { cookie: first } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/people', headers: { cookie: second } })).statusCode).toBe(200);
  });

  it('ends every session of a user an administrator deactivates', async () => {
    const u = await createUser(t.db, { username: 's_leaver', password: TEST_PASSWORD, fullName: 'Leaver', role: 'viewer', scopeKind: 'province', scopeCode: '24', provinceCode: '24' });
    const cookie = await loginAs(app, 's_leaver');
    const admin = await loginAs(app, 't_admin');
    const off = await app.inject({ method: 'PATCH', url: `/api/users/${u.id}`, headers: { cookie: admin }, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('cross-site request forgery', () => {
  const newPerson = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/people', headers, payload: { fullName: 'Nguyễn Văn Giả Mạo', sex: 'male', communeCode: '07801', confirmDuplicate: true } });
  const count = async () => Number((await t.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a state change sent by a page of another site, and writes nothing', async () => {
    const cookie = await loginAs(app, 't_cdc');
    const n = await count();
    for (const headers of <Array<Record<string, string>>>[
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ]) {
      const res = await newPerson({ cookie, ...headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'CROSS_SITE_REQUEST', message: { vi: expect.any(String), en: expect.any(String) } });
    }
    // Login and logout too (login CSRF; a forced logout).
    expect((await login(app, 't_cdc', TEST_PASSWORD, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(403);
    expect(await count()).toBe(n);
  });

  it('accepts the same state change from this site, from PUBLIC_URL, and from clients that are not browsers', async () => {
    const cookie = await loginAs(app, 't_cdc');
    const n = await count();
    expect((await newPerson({ cookie, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' })).statusCode).toBe(201);
    expect((await newPerson({ cookie, host: 'epi.example.vn', origin: 'http://epi.example.vn' })).statusCode).toBe(201);
    expect((await newPerson({ cookie })).statusCode).toBe(201);
    const behindProxy = await buildTestApp(t.db, { PUBLIC_URL: 'https://covid.bacgiang.gov.vn/' });
    const c2 = await loginAs(behindProxy, 't_cdc');
    const res = await behindProxy.inject({ method: 'POST', url: '/api/people', headers: { cookie: c2, origin: 'https://covid.bacgiang.gov.vn' }, payload: { fullName: 'Trần Thị Hợp Lệ', sex: 'female', communeCode: '07801', confirmDuplicate: true } });
    expect(res.statusCode, res.body).toBe(201);
    await behindProxy.close();
    expect(await count()).toBe(n + 4);
  }, 120_000);

  it('lets reads from anywhere through (they change nothing)', async () => {
    const cookie = await loginAs(app, 't_viewer');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie, 'sec-fetch-site': 'cross-site' } })).statusCode).toBe(200);
  });
});

describe('sign-in before anything else', () => {
  it('answers 401 to an anonymous request before validating or reading its input', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/people', payload: { nothing: 'valid' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('UNAUTHENTICATED');
    const query = await app.inject({ method: 'GET', url: '/api/tracing/trace?depth=abc' });
    expect(query.statusCode).toBe(401);
    const upload = await app.inject({ method: 'POST', url: '/api/people/import', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(1024) });
    expect(upload.statusCode).toBe(401);
    // Public routes still validate as before, and unknown routes are 404.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/no-such-route' })).statusCode).toBe(404);
  });
});

describe('security headers', () => {
  it('sets CSP without inline scripts, nosniff, no framing by other sites, a strict referrer policy', async () => {
    for (const url of ['/api/health', '/api/no-such-route', '/docs/json']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('error answers', () => {
  it('answers an unexpected failure with a 500 and a bilingual message, no stack, no internal message', async () => {
    const a = await buildTestApp(t.db);
    a.get('/api/test-boom', { schema: { hide: true, security: [] } }, async () => {
      throw new Error('relation "secret_table" does not exist at /work/main/src/db/x.ts:12');
    });
    const res = await a.inject({ method: 'GET', url: '/api/test-boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: { vi: expect.any(String), en: expect.any(String) } } });
    expect(res.body).not.toMatch(/secret_table|\.ts|stack|\bat /);
    await a.close();
  }, 120_000);

  it('answers malformed JSON with a 400 that names no file or line of the server', async () => {
    const cookie = await loginAs(app, 't_cdc');
    const res = await app.inject({ method: 'POST', url: '/api/people', headers: { cookie, 'content-type': 'application/json' }, payload: '{"fullName": ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/node_modules|\.js:|\.ts:|stack/);
  });
});

describe('secrets', () => {
  it('reads secrets and the database address from the environment, with no value built in', () => {
    const bare = loadConfig({});
    expect(bare.venueCodeSecret).toBeUndefined();
    expect(bare.databaseUrl).toBeUndefined();
    const set = loadConfig({ VENUE_CODE_SECRET: 'from-env-1', DATABASE_URL: 'postgres://u:p@db:5432/epi' });
    expect(set.venueCodeSecret).toBe('from-env-1');
    expect(set.databaseUrl).toBe('postgres://u:p@db:5432/epi');
  });

  it('keeps the demo password in the demo users module only (and the start banner that prints it)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk(path.join(repoRoot, 'src'));
    walk(path.join(repoRoot, 'web', 'src'));
    const holders = files.filter((f) => readFileSync(f, 'utf8').includes(DEMO_PASSWORD)).map((f) => path.relative(repoRoot, f));
    expect(holders).toEqual([path.join('src', 'modules', 'auth', 'demo-users.ts')]);
  });

  it('disables the demo accounts outside demo mode, and demo mode enables them again', async () => {
    const { disableDemoUsers } = await import('../modules/auth/demo-users.ts');
    const { activateDemoUsers } = await import('../modules/auth/auth.repository.ts');
    await createUser(t.db, { username: 's_demo', password: DEMO_PASSWORD, fullName: 'Demo', role: 'viewer', scopeKind: 'province', scopeCode: '24', provinceCode: '24', isDemo: true });
    expect((await login(app, 's_demo', DEMO_PASSWORD)).statusCode).toBe(200);
    await disableDemoUsers(t.db);
    expect((await login(app, 's_demo', DEMO_PASSWORD)).statusCode).toBe(401);
    expect(await activateDemoUsers(t.db, ['s_demo', 's_leaver'])).toBe(1);
    expect((await login(app, 's_demo', DEMO_PASSWORD)).statusCode).toBe(200);
  });
});
