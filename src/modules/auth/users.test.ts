import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import type { App } from '../../server/app.ts';

let t: TestDb;
let app: App;
let admin: string;
let enterpriseId: number;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  admin = await loginAs(app, 't_admin');
  const ent = await t.db
    .insertInto('org_unit')
    .values({ kind: 'enterprise', name: 'Công ty TNHH Điện tử Đình Trám', code: '2400000001', province_code: '24', district_code: '222', commune_code: '07783' })
    .returning('id')
    .executeTakeFirstOrThrow();
  enterpriseId = ent.id;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const createUser = (payload: object, cookie = admin) => app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });

describe('user administration', () => {
  it('creates a commune user who can then sign in with that scope', async () => {
    const res = await createUser({ username: 'tyt.vanha', password: 'mat-khau-1', fullName: 'Trạm Y tế Vân Hà', role: 'commune_health', scopeKind: 'commune', scopeCode: '07804' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username: 'tyt.vanha', scope: { kind: 'commune', code: '07804', name: 'Xã Vân Hà' }, active: true, isDemo: false });
    const cookie = await loginAs(app, 'tyt.vanha', 'mat-khau-1');
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.scope.code).toBe('07804');
  });

  it('ties an enterprise user to an enterprise found by an accent-free search', async () => {
    const found = await app.inject({ method: 'GET', url: '/api/users/org-units?kind=enterprise&q=dinh%20tram', headers: { cookie: admin } });
    expect(found.json().items).toEqual([{ id: enterpriseId, name: 'Công ty TNHH Điện tử Đình Trám', kind: 'enterprise' }]);
    const res = await createUser({ username: 'dn.dinhtram', password: 'mat-khau-2', fullName: 'DN', role: 'enterprise', scopeKind: 'org', scopeCode: String(enterpriseId), scopeOrgId: enterpriseId });
    expect(res.statusCode).toBe(201);
    expect(res.json().scope.name).toBe('Công ty TNHH Điện tử Đình Trám');
  });

  it.each([
    ['username', { username: 'A B' }],
    ['password', { password: 'short' }],
    ['scopeKind', { role: 'commune_health', scopeKind: 'province', scopeCode: '24' }],
    ['scopeCode', { scopeCode: '01234' }],
    ['role', { role: 'superuser' }],
    ['scopeOrgId', { role: 'enterprise', scopeKind: 'org', scopeCode: '999', scopeOrgId: 999 }],
  ])('rejects a bad %s with 400 naming it', async (field, patch) => {
    const res = await createUser({ username: 'someone', password: 'long-enough', fullName: 'X', role: 'commune_health', scopeKind: 'commune', scopeCode: '07801', ...patch });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
  });

  it('refuses a username that exists (409)', async () => {
    const res = await createUser({ username: 't_cdc', password: 'long-enough', fullName: 'X', role: 'cdc', scopeKind: 'province', scopeCode: '24' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE', field: 'username' });
  });

  it('locking a user ends their session; an admin cannot lock themselves', async () => {
    const cookie = await loginAs(app, 'tyt.vanha', 'mat-khau-1');
    const list = await app.inject({ method: 'GET', url: '/api/users?q=vanha', headers: { cookie: admin } });
    const id = list.json().items[0].id;
    const lock = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie: admin }, payload: { active: false } });
    expect(lock.json().active).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const relogin = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tyt.vanha', password: 'mat-khau-1' } });
    expect(relogin.statusCode).toBe(401);

    const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin } })).json().user;
    const self = await app.inject({ method: 'PATCH', url: `/api/users/${me.id}`, headers: { cookie: admin }, payload: { active: false } });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('resets a password and audits it without the password', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/users?q=dn.dinhtram', headers: { cookie: admin } });
    const id = list.json().items[0].id;
    const res = await app.inject({ method: 'POST', url: `/api/users/${id}/password`, headers: { cookie: admin }, payload: { password: 'mat-khau-moi' } });
    expect(res.statusCode).toBe(204);
    await loginAs(app, 'dn.dinhtram', 'mat-khau-moi');
    const entries = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'user').where('record_id', '=', String(id)).execute();
    expect(entries.some((e) => JSON.stringify(e.detail).includes('passwordReset'))).toBe(true);
    expect(JSON.stringify(entries)).not.toContain('mat-khau');
  });

  it('is for province admins only', async () => {
    const cdc = await loginAs(app, 't_cdc');
    expect((await app.inject({ method: 'GET', url: '/api/users', headers: { cookie: cdc } })).statusCode).toBe(403);
    expect((await createUser({ username: 'x.y', password: 'long-enough', fullName: 'X', role: 'cdc', scopeKind: 'province', scopeCode: '24' }, cdc)).statusCode).toBe(403);
  });

  it('lists the roles with their allowed scopes', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/users/roles', headers: { cookie: admin } });
    const byRole = Object.fromEntries(res.json().roles.map((r: { role: string }) => [r.role, r]));
    expect(byRole.enterprise).toEqual({ role: 'enterprise', scopeKinds: ['org'], orgKinds: ['enterprise'] });
    expect(byRole.lab_staff).toEqual({ role: 'lab_staff', scopeKinds: ['org'], orgKinds: ['lab', 'hospital', 'private_clinic', 'sampling_team'] });
    expect(byRole.agency_officer).toEqual({ role: 'agency_officer', scopeKinds: ['org'], orgKinds: ['agency'] });
    expect(byRole.steering_office).toEqual({ role: 'steering_office', scopeKinds: ['province'], orgKinds: [] });
    expect(byRole.venue_staff).toEqual({ role: 'venue_staff', scopeKinds: ['org'], orgKinds: ['venue'] });
    expect(byRole.pharmacy).toEqual({ role: 'pharmacy', scopeKinds: ['org'], orgKinds: ['pharmacy'] });
    expect(byRole.vaccinator).toEqual({ role: 'vaccinator', scopeKinds: ['org'], orgKinds: ['vaccination_site'] });
    expect(Object.keys(byRole)).toHaveLength(17);
  });
});
