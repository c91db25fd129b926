import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};
let otherCommune: string;
let ip = 1;
/** Each public request from its own address unless one is given, so the rate limit is tested on purpose only. */
const submit = (payload: Record<string, unknown>, remoteAddress = `10.0.0.${ip++}`) =>
  app.inject({ method: 'POST', url: '/api/community/pharmacy-registrations', payload, remoteAddress });
const inject = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload ? { payload } : {}) });
const form = (over: Record<string, unknown> = {}) => ({
  name: 'Nhà thuốc Minh Tâm', licenceNo: '24-0123/ĐKKDD', communeCode: '07801', address: 'Thôn Trung', contactName: 'Nguyễn Thị Tâm',
  contactPhone: '0912 345 678', username: 'nt_minhtam', password: 'mat-khau-du-dai', ...over,
});
const registrations = async (who: string) => (await inject(who, 'GET', '/api/community/pharmacy-registrations')).json() as Array<{ id: number; name: string; username: string; status: string; usernameTaken: boolean; districtCode: string }>;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const u of ['t_cdc', 't_district', 't_vantrung', 't_admin']) cookies[u] = await loginAs(app, u);
  otherCommune = (await t.db.selectFrom('admin_unit as c').innerJoin('admin_unit as d', 'd.code', 'c.parent_code').select('c.code')
    .where('c.level', '=', 'commune').where('d.parent_code', '=', '24').where('d.code', '<>', '222').orderBy('c.code').executeTakeFirstOrThrow()).code;
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('a pharmacy asks to take part (public)', () => {
  it('answers the same whether the username is new, taken or already requested', async () => {
    const fresh = await submit(form());
    const taken = await submit(form({ name: 'Nhà thuốc Số 2', licenceNo: 'L-2', username: 't_cdc' }));
    const again = await submit(form({ name: 'Nhà thuốc Số 3', licenceNo: 'L-3' }));
    for (const r of [fresh, taken, again]) expect(r.statusCode, r.body).toBe(202);
    expect(taken.body).toBe(fresh.body);
    expect(again.body).toBe(fresh.body);
    expect(fresh.json()).toMatchObject({ status: 'received', message: { vi: expect.stringContaining('Đã nhận'), en: expect.stringContaining('received') } });
    const rows = await t.db.selectFrom('unit_registration').select(['kind', 'username', 'district_code', 'licence_no', 'contact_phone']).where('kind', '=', 'pharmacy').orderBy('id').execute();
    expect(rows).toEqual([
      { kind: 'pharmacy', username: 'nt_minhtam', district_code: '222', licence_no: '24-0123/ĐKKDD', contact_phone: '0912345678' },
      { kind: 'pharmacy', username: 't_cdc', district_code: '222', licence_no: 'L-2', contact_phone: '0912345678' },
      { kind: 'pharmacy', username: 'nt_minhtam', district_code: '222', licence_no: 'L-3', contact_phone: '0912345678' },
    ]);
  });

  it('names the fields of a malformed request in Vietnamese and English', async () => {
    const r = await submit(form({ contactPhone: '12345', communeCode: '99999', username: 'A B', password: 'short', name: ' ' }));
    expect(r.statusCode).toBe(400);
    const issues = r.json().error.details.issues as Array<{ field: string; message: { vi: string; en: string } }>;
    expect(issues.map((i) => i.field).sort()).toEqual(['communeCode', 'contactPhone', 'name', 'password', 'username']);
    expect(issues.every((i) => i.message.vi && i.message.en)).toBe(true);
  });

  it('takes at most 5 requests an hour from one address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await submit(form({ name: `Nhà thuốc giới hạn ${i}`, licenceNo: `RL-${i}` }), '10.9.9.9')).statusCode);
    expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = await submit(form({ name: 'Nhà thuốc giới hạn 7', licenceNo: 'RL-7' }), '10.9.9.9');
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect((await submit(form({ name: 'Nhà thuốc địa chỉ khác', licenceNo: 'RL-8' }), '10.9.9.10')).statusCode).toBe(202);
  });
});

describe('district health reviews the requests', () => {
  it('shows each reviewer the requests of its area, not the testing units\' reviewers, and no one without pharmacy:manage', async () => {
    expect((await submit(form({ name: 'Nhà thuốc huyện khác', licenceNo: 'OTHER-1', communeCode: otherCommune, username: 'nt_khac' }))).statusCode).toBe(202);
    const district = await registrations('t_district');
    expect(district.length).toBeGreaterThan(0);
    expect(district.every((r) => r.districtCode === '222')).toBe(true);
    expect((await registrations('t_cdc')).some((r) => r.username === 'nt_khac')).toBe(true);
    expect((await inject('t_vantrung', 'GET', '/api/community/pharmacy-registrations')).statusCode).toBe(403);
    const testing = (await inject('t_admin', 'GET', '/api/testing/unit-registrations')).json() as Array<{ kind: string }>;
    expect(testing.some((r) => r.kind === 'pharmacy')).toBe(false);
    const id = district[0]!.id;
    expect((await inject('t_admin', 'POST', `/api/testing/unit-registrations/${id}/decision`, { approve: true })).statusCode).toBe(404);
    const outside = (await registrations('t_cdc')).find((r) => r.username === 'nt_khac')!;
    expect((await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${outside.id}/decision`, { approve: true })).statusCode).toBe(403);
  });

  it('approval creates the pharmacy and its first user, who can sign in', async () => {
    const req = (await registrations('t_district')).find((r) => r.name === 'Nhà thuốc Minh Tâm')!;
    expect(req.usernameTaken).toBe(false);
    const r = await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${req.id}/decision`, { approve: true });
    expect(r.statusCode, r.body).toBe(200);
    const { orgUnitId } = r.json() as { orgUnitId: number };
    expect(r.json()).toMatchObject({ status: 'approved', username: 'nt_minhtam' });
    const unit = await t.db.selectFrom('org_unit').select(['kind', 'name', 'code', 'district_code', 'commune_code']).where('id', '=', orgUnitId).executeTakeFirstOrThrow();
    expect(unit).toEqual({ kind: 'pharmacy', name: 'Nhà thuốc Minh Tâm', code: '24-0123/ĐKKDD', district_code: '222', commune_code: '07801' });
    const user = await t.db.selectFrom('app_user').select(['role', 'scope_kind', 'scope_org_id']).where('username', '=', 'nt_minhtam').executeTakeFirstOrThrow();
    expect(user).toEqual({ role: 'pharmacy', scope_kind: 'org', scope_org_id: orgUnitId });
    const cookie = await loginAs(app, 'nt_minhtam', 'mat-khau-du-dai');
    const own = await app.inject({ method: 'GET', url: `/api/community/pharmacies/${orgUnitId}`, headers: { cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ licenceNo: '24-0123/ĐKKDD', ownerName: 'Nguyễn Thị Tâm' });
    // Decided once only.
    expect((await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${req.id}/decision`, { approve: true })).statusCode).toBe(409);
  });

  it('checks the username at approval: a taken one is refused until the reviewer gives another', async () => {
    const list = await registrations('t_district');
    const second = list.find((r) => r.name === 'Nhà thuốc Số 3')!;
    expect(second.usernameTaken).toBe(true);
    const refused = await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${second.id}/decision`, { approve: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.issues.map((i: { field: string; code: string }) => `${i.field}:${i.code}`)).toEqual(['username:DUPLICATE']);
    expect(await t.db.selectFrom('org_unit').select('id').where('code', '=', 'L-3').executeTakeFirst()).toBeUndefined();
    const ok = await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${second.id}/decision`, { approve: true, username: 'nt_so3' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', username: 'nt_so3' });
    expect((await t.db.selectFrom('app_user').select('role').where('username', '=', 'nt_so3').executeTakeFirstOrThrow()).role).toBe('pharmacy');
  });

  it('refuses only with a reason, and creates nothing', async () => {
    const req = (await registrations('t_district')).find((r) => r.username === 't_cdc')!;
    expect((await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${req.id}/decision`, { approve: false })).statusCode).toBe(400);
    const r = await inject('t_district', 'POST', `/api/community/pharmacy-registrations/${req.id}/decision`, { approve: false, note: 'Không có giấy phép' });
    expect(r.json()).toMatchObject({ status: 'rejected', orgUnitId: null, username: null });
    expect(await t.db.selectFrom('org_unit').select('id').where('code', '=', 'L-2').executeTakeFirst()).toBeUndefined();
  });
});
