import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let admin: string;
let cdc: string;
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  admin = await loginAs(app, 't_admin');
  cdc = await loginAs(app, 't_cdc');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const request = { kind: 'private_clinic', name: 'Phòng khám Đa khoa Việt Yên', communeCode: '07801', contactName: 'Lê Thị Hồng', contactPhone: '0912 345 678', username: 'pk.vietyen', password: 'matkhau-2021' };

describe('testing units', () => {
  it('lets the province add a lab, once, and only the admin', async () => {
    const add = (cookie: string, body: object) => app.inject({ method: 'POST', url: '/api/testing/units', headers: { cookie }, payload: body });
    const lab = { kind: 'lab', name: 'Bệnh viện Đa khoa tỉnh – Khoa Vi sinh', communeCode: '07801', capacityPerDay: 3000 };
    expect((await add(admin, lab)).statusCode).toBe(201);
    expect((await add(admin, lab)).json().error.details.issues[0]).toMatchObject({ field: 'name', code: 'DUPLICATE' });
    expect((await add(cdc, { ...lab, name: 'Khác' })).statusCode).toBe(403);
    const bad = await add(admin, { ...lab, name: 'Lab X', communeCode: '00001', capacityPerDay: 0 });
    expect(bad.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['capacityPerDay', 'communeCode']);
  });

  it('takes a clinic\'s own request without sign-in, and its approval creates the unit and a user who can sample', async () => {
    const areas = (await app.inject({ method: 'GET', url: '/api/testing/unit-registrations/areas' })).json();
    expect(areas.find((d: { code: string }) => d.code === '222').communes.map((c: { code: string }) => c.code)).toContain('07801');
    const reg = (body: object) => app.inject({ method: 'POST', url: '/api/testing/unit-registrations', payload: body });
    expect((await reg({ ...request, contactPhone: '12345' })).json().error.details.issues[0].field).toBe('contactPhone');
    const ok = await reg(request);
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await reg(request)).json().error.details.issues.map((i: { code: string }) => i.code)).toContain('DUPLICATE');
    const pending = (await app.inject({ method: 'GET', url: '/api/testing/unit-registrations?status=pending', headers: { cookie: admin } })).json();
    expect(pending).toHaveLength(1);
    // Nobody can sign in before the approval.
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'pk.vietyen', password: 'matkhau-2021' } })).statusCode).toBe(401);
    const decide = (body: object) => app.inject({ method: 'POST', url: `/api/testing/unit-registrations/${ok.json().id}/decision`, headers: { cookie: admin }, payload: body });
    expect((await decide({ approve: false })).json().error.field).toBe('note');
    const approved = await decide({ approve: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await decide({ approve: true })).statusCode).toBe(409);
    const clinic = await loginAs(app, 'pk.vietyen', 'matkhau-2021');
    const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: clinic } })).json().user;
    expect(me).toMatchObject({ role: 'lab_staff', scope: { kind: 'org', name: 'Phòng khám Đa khoa Việt Yên' } });
    expect(me.menu).toEqual(['overview', 'map', 'testing', 'zones', 'levels']);
    const units = (await app.inject({ method: 'GET', url: '/api/testing/units', headers: { cookie: clinic } })).json();
    expect(units.find((u: { name: string }) => u.name === request.name)).toMatchObject({ kind: 'private_clinic', users: 1 });

    // The clinic samples as its own team, and sees its rounds only.
    const person = (await t.db.insertInto('person').values({ province_code: '24', district_code: '222', commune_code: '07801', full_name: 'Đỗ Văn Khám', name_search: 'do van kham', sex: 'male' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const round = (body: object, cookie: string) => app.inject({ method: 'POST', url: '/api/testing/rounds', headers: { cookie }, payload: body });
    const mine = await round({ targetKind: 'list', targetLabel: 'Khách khám sàng lọc', personIds: [person], scheduledOn: '2021-06-10', method: 'rapid_antigen' }, clinic);
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().teamOrgId).toBe(approved.json().orgUnitId);
    expect((await round({ targetKind: 'list', targetLabel: 'CDC', personIds: [person], scheduledOn: '2021-06-10', method: 'rt_pcr' }, cdc)).statusCode).toBe(201);
    const seen = (await app.inject({ method: 'GET', url: '/api/testing/rounds', headers: { cookie: clinic } })).json();
    expect(seen.items.map((r: { teamName: string }) => r.teamName)).toEqual([request.name]);
    expect((await round({ targetKind: 'list', targetLabel: 'X', personIds: [person], scheduledOn: '2021-06-10', method: 'rt_pcr', teamOrgId: 99_999_999 }, cdc)).json().error.details.issues[0].field).toBe('teamOrgId');

    // A unit reads the results of the people it sampled, not anyone else's.
    const history = (who: number) => app.inject({ method: 'GET', url: `/api/samples?personId=${who}`, headers: { cookie: clinic } });
    expect((await history(person)).statusCode).toBe(403);
    const taken = await app.inject({ method: 'POST', url: `/api/testing/rounds/${mine.json().id}/samples`, headers: { cookie: clinic }, payload: { personId: person, barcode: 'PK-0001' } });
    expect(taken.statusCode, taken.body).toBe(201);
    expect((await history(person)).statusCode).toBe(200);
    const stranger = (await t.db.insertInto('person').values({ province_code: '24', district_code: '222', commune_code: '07801', full_name: 'Người Lạ', name_search: 'nguoi la', sex: 'female' })
      .returning('id').executeTakeFirstOrThrow()).id;
    expect((await history(stranger)).statusCode).toBe(403);
    // A re-test from the CDC's own round: the CDC sees it, the clinic does not.
    const cdcRound = (await round({ targetKind: 'list', targetLabel: 'Test nhanh CDC', personIds: [stranger], scheduledOn: '2021-06-10', method: 'rapid_antigen' }, cdc)).json();
    const s = (await app.inject({ method: 'POST', url: `/api/testing/rounds/${cdcRound.id}/samples`, headers: { cookie: cdc }, payload: { personId: stranger, barcode: 'TN-0001' } })).json();
    expect((await app.inject({ method: 'PUT', url: `/api/samples/${s.id}/result`, headers: { cookie: cdc }, payload: { result: 'positive', resultedOn: '2021-06-10' } })).json().needsConfirmation).toBe(true);
    const retests = (cookie: string) => app.inject({ method: 'GET', url: '/api/testing/retests', headers: { cookie } }).then((r) => r.json().total as number);
    expect(await retests(cdc)).toBe(1);
    expect(await retests(clinic)).toBe(0);
  });
});
