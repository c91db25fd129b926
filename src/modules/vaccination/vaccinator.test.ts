import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { createUser } from '../auth/auth.service.ts';
import { menuOf } from '../auth/policy.ts';

/** The `vaccinator` role: a site's staff record doses, attendance and reactions at their own site only. */
let t: TestDb;
let app: App;
let cdc: string;
let vax: string;
let ownSite: number;
let otherSite: number;
let lotId: number;
let personA: number;
let personB: number;
const req = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const codesOf = (body: { error: { details: { issues: Array<{ field: string; code: string }> } } }) => body.error.details.issues.map((i) => `${i.field}:${i.code}`);
const person = async (name: string, nameSearch: string, dob: string, commune: string, district: string, nationalId: string, phone: string) => (await t.db.insertInto('person').values({
  province_code: '24', district_code: district, commune_code: commune, full_name: name, name_search: nameSearch, sex: 'female', date_of_birth: dob, national_id: nationalId, phone, address_detail: 'Thôn Đông',
}).returning('id').executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  const site = async (name: string, communeCode: string) => {
    const r = await req(cdc, 'POST', '/api/vaccination/sites', { name, communeCode, capacityPerSession: 100, vaccinators: 3, emergencyStaff: 1 });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as number;
  };
  ownSite = await site('Trạm Y tế xã Vân Trung', '07801');
  otherSite = await site('Trạm Y tế xã Quang Châu', '07807');
  const l = await req(cdc, 'POST', '/api/vaccination/lots', { productCode: 'astrazeneca', lotNumber: 'AZ-V1', expiryDate: '2021-12-31', receivedDate: '2021-03-01', dosesReceived: 500 });
  lotId = l.json().id;
  // People of two districts: a site vaccinates whoever comes, wherever they live.
  personA = await person('Nguyễn Thị Ánh', 'nguyen thi anh', '1960-02-03', '07801', '222', '024160000111', '0912000111');
  personB = await person('Lê Thị Bình', 'le thi binh', '1955-07-08', '07807', '222', '024155000222', '0912000222');
  await createUser(t.db, { username: 't_vax', password: TEST_PASSWORD, fullName: 'Nhân viên điểm tiêm', role: 'vaccinator', scopeKind: 'org', scopeCode: String(ownSite), scopeOrgId: ownSite, provinceCode: '24' });
  vax = await loginAs(app, 't_vax');
});
afterAll(async () => {
  await app?.close();
  await t?.destroy();
});

describe('vaccinator role', () => {
  it('has the vaccination pages only and cannot manage or plan', async () => {
    expect(menuOf('vaccinator')).toEqual(['overview', 'map', 'zones', 'levels', 'vaccination', 'vaccinationDose']);
    expect((await req(vax, 'POST', '/api/vaccination/sites', { name: 'X', communeCode: '07801', capacityPerSession: 1, vaccinators: 0, emergencyStaff: 0 })).statusCode).toBe(403);
    expect((await req(vax, 'POST', '/api/vaccination/lots', { productCode: 'pfizer', lotNumber: 'P1', expiryDate: '2030-01-01', dosesReceived: 1 })).statusCode).toBe(403);
    expect((await req(vax, 'POST', '/api/vaccination/sessions', { siteId: ownSite, date: '2021-06-10', shift: 'morning', priorityGroups: [] })).statusCode).toBe(403);
    expect((await req(vax, 'GET', '/api/vaccination/coverage?date=2021-06-10')).statusCode).toBe(403);
    expect((await req(vax, 'GET', '/api/people?q=nguyen')).statusCode).toBe(403);
    const sites = (await req(vax, 'GET', '/api/vaccination/sites')).json();
    expect(sites.items.map((s: { id: number }) => s.id)).toEqual([ownSite]);
  });

  it('finds people of the province without accents, with their ID and phone masked', async () => {
    const found = await req(vax, 'GET', `/api/vaccination/people?q=${encodeURIComponent('le thi binh')}`);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toHaveLength(1);
    const b = found.json().items[0];
    expect(b).toMatchObject({ id: personB, fullName: 'Lê Thị Bình', dateOfBirth: '1955-07-08', addressDetail: '***', nextDose: 1, doses: [] });
    expect(b.nationalId).not.toBe('024155000222');
    expect(b.phone).not.toBe('0912000222');
    // CDC sees the same person unmasked.
    expect((await req(cdc, 'GET', '/api/vaccination/people?q=B%C3%ACnh')).json().items[0]).toMatchObject({ id: personB, nationalId: '024155000222' });
  });

  it('records a dose at its own site (the default) and is refused at another site', async () => {
    const own = await req(vax, 'POST', '/api/vaccination/doses', { personId: personB, doseNumber: 1, productCode: 'astrazeneca', doseDate: '2021-04-01', lotId });
    expect(own.statusCode, own.body).toBe(201);
    const row = await t.db.selectFrom('vaccine_dose').select(['site_id', 'created_by']).where('id', '=', own.json().id).executeTakeFirstOrThrow();
    expect(row.site_id).toBe(ownSite);
    const elsewhere = await req(vax, 'POST', '/api/vaccination/doses', { personId: personA, doseNumber: 1, productCode: 'astrazeneca', doseDate: '2021-04-01', lotId, siteId: otherSite });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await req(vax, 'POST', '/api/vaccination/doses/check', { personId: personA, doseNumber: 1, productCode: 'astrazeneca', doseDate: '2021-04-01', siteId: otherSite })).statusCode).toBe(403);
    expect(await t.db.selectFrom('vaccine_dose').select('id').where('person_id', '=', personA).execute()).toEqual([]);
  });

  it('gets the interval outcome: refused below the minimum, a reason below the advised interval', async () => {
    const base = { personId: personB, doseNumber: 2, productCode: 'astrazeneca', lotId };
    const tooEarly = await req(vax, 'POST', '/api/vaccination/doses/check', { ...base, doseDate: '2021-04-20' });
    expect(tooEarly.json().errors.map((e: { code: string }) => e.code)).toEqual(['TOO_EARLY_RULE']);
    const early = await req(vax, 'POST', '/api/vaccination/doses/check', { ...base, doseDate: '2021-05-10' });
    expect(early.json().warnings.map((e: { code: string }) => e.code)).toEqual(['EARLY']);
    expect(early.json().errors.map((e: { code: string }) => e.code)).toEqual(['OVERRIDE_REASON_REQUIRED']);
    const refused = await req(vax, 'POST', '/api/vaccination/doses', { ...base, doseDate: '2021-05-10' });
    expect(codesOf(refused.json())).toEqual(['overrideReason:OVERRIDE_REASON_REQUIRED']);
    const ok = await req(vax, 'POST', '/api/vaccination/doses', { ...base, doseDate: '2021-05-10', overrideReason: 'Đi làm xa' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('sees only its site\'s doses, sessions and reactions; records attendance and reactions there, 403 elsewhere', async () => {
    // CDC gives a dose at the other site and plans a session at each site with an invited list.
    const other = await req(cdc, 'POST', '/api/vaccination/doses', { personId: personA, doseNumber: 1, productCode: 'astrazeneca', doseDate: '2021-04-02', lotId, siteId: otherSite });
    expect(other.statusCode, other.body).toBe(201);
    const session = async (siteId: number) => {
      const s = await req(cdc, 'POST', '/api/vaccination/sessions', { siteId, date: '2021-06-10', shift: 'morning', priorityGroups: ['elderly_65'] });
      expect(s.statusCode, s.body).toBe(201);
      const b = await req(cdc, 'POST', `/api/vaccination/sessions/${s.json().id}/invitees/build`, { priorityGroup: 'elderly_65', districtCode: '222', minAge: 60 });
      expect(b.statusCode, b.body).toBe(200);
      return s.json().id as number;
    };
    const mine = await session(ownSite);
    const theirs = await session(otherSite);

    const doses = (await req(vax, 'GET', '/api/vaccination/doses')).json();
    expect(doses.items.map((d: { personId: number }) => d.personId)).toEqual([personB, personB]);
    const sessions = (await req(vax, 'GET', '/api/vaccination/sessions')).json();
    expect(sessions.items.map((s: { id: number }) => s.id)).toEqual([mine]);

    const invitees = await req(vax, 'GET', `/api/vaccination/sessions/${mine}/invitees`);
    expect(invitees.statusCode).toBe(200);
    expect(invitees.json().items.map((i: { personId: number }) => i.personId)).toEqual([personA]);
    expect(invitees.json().items[0].phone).not.toBe('0912000111');
    expect((await req(vax, 'PUT', `/api/vaccination/sessions/${mine}/invitees/${personA}`, { attended: true })).statusCode).toBe(200);
    expect((await req(vax, 'GET', `/api/vaccination/sessions/${theirs}/invitees`)).statusCode).toBe(403);
    expect((await req(vax, 'PUT', `/api/vaccination/sessions/${theirs}/invitees/${personA}`, { attended: true })).statusCode).toBe(403);
    expect((await req(vax, 'POST', `/api/vaccination/sessions/${mine}/invitees/build`, { priorityGroup: 'elderly_65' })).statusCode).toBe(403);
    // A dose given in another site's session is refused; in its own session it counts the person as come.
    expect((await req(vax, 'POST', '/api/vaccination/doses/check', { personId: personA, doseNumber: 2, productCode: 'astrazeneca', doseDate: '2021-06-10', sessionId: theirs })).statusCode).toBe(403);
    const inSession = await req(cdc, 'POST', '/api/vaccination/doses/check', { personId: personA, doseNumber: 2, productCode: 'astrazeneca', doseDate: '2021-06-10', sessionId: mine, siteId: otherSite });
    expect(inSession.json().errors.map((e: { code: string }) => e.code)).toContain('UNKNOWN_SESSION');

    const ownDose = doses.items[0].id as number;
    const ae = await req(vax, 'POST', `/api/vaccination/doses/${ownDose}/adverse-events`, { severity: 'mild', onsetDate: '2021-05-10', symptoms: 'Sốt 38,5 độ' });
    expect(ae.statusCode, ae.body).toBe(201);
    expect((await req(vax, 'PUT', `/api/vaccination/adverse-events/${ae.json().id}`, { outcome: 'recovered', note: 'Hết sốt sau 1 ngày' })).statusCode).toBe(200);
    expect((await req(vax, 'POST', `/api/vaccination/doses/${other.json().id}/adverse-events`, { severity: 'mild', onsetDate: '2021-04-02', symptoms: 'Đau tay' })).statusCode).toBe(403);
    const cdcAe = await req(cdc, 'POST', `/api/vaccination/doses/${other.json().id}/adverse-events`, { severity: 'moderate', onsetDate: '2021-04-03', symptoms: 'Sốt cao' });
    expect(cdcAe.statusCode).toBe(201);
    expect((await req(vax, 'PUT', `/api/vaccination/adverse-events/${cdcAe.json().id}`, { outcome: 'recovered' })).statusCode).toBe(403);

    const mineList = (await req(vax, 'GET', '/api/vaccination/adverse-events')).json();
    expect(mineList.items.map((e: { id: number; outcome: string; siteId: number }) => [e.id, e.outcome, e.siteId])).toEqual([[ae.json().id, 'recovered', ownSite]]);
    const all = (await req(cdc, 'GET', '/api/vaccination/adverse-events')).json();
    expect(all.total).toBe(2);
    expect((await req(cdc, 'GET', '/api/vaccination/adverse-events?outcome=monitoring')).json().items.map((e: { id: number }) => e.id)).toEqual([cdcAe.json().id]);
  });

  it('lists the lots usable on a day (received by then, not expired)', async () => {
    await req(cdc, 'POST', '/api/vaccination/lots', { productCode: 'astrazeneca', lotNumber: 'AZ-LATE', expiryDate: '2022-06-30', receivedDate: '2021-09-01', dosesReceived: 100 });
    await req(cdc, 'POST', '/api/vaccination/lots', { productCode: 'astrazeneca', lotNumber: 'AZ-SHORT', expiryDate: '2021-05-01', receivedDate: '2021-03-01', dosesReceived: 100 });
    const lots = (await req(vax, 'GET', '/api/vaccination/lots?productCode=astrazeneca&validOn=2021-06-10')).json();
    expect(lots.items.map((l: { lotNumber: string }) => l.lotNumber)).toEqual(['AZ-V1']);
  });
});
