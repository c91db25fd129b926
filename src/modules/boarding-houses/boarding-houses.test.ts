import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vnDate } from '../../lib/time.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers, TEST_PASSWORD } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { createUser } from '../auth/auth.service.ts';
import { taxCodeFrom } from '../enterprises/enterprises.domain.ts';
import { invalidateIndex } from '../tracing/tracing.live.ts';
import { traceListed } from '../tracing/tracing.service.ts';
import { assessmentOutcome, BUILT_IN_CHECKLIST, moveSteps, tenancyDateIssues } from './boarding-houses.domain.ts';
import { type TenantExportRow, writeTenantSheet } from './tenants.xlsx.ts';

let t: TestDb;
let app: App;
let cdc: string;
let vanTrung: string;
let quangChau: string;
let team: string;
let owner: string;
let houseA: number;
let houseB: number;
const rooms = new Map<string, number>();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = vnDate();

const req = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const upload = (cookie: string, url: string, file: Buffer) => app.inject({ method: 'POST', url, headers: { cookie, 'content-type': XLSX }, payload: file });
const issuesOf = (body: { error: { details: { issues: Array<{ row?: number; field: string; code: string }> } } }) =>
  body.error.details.issues.map((i) => `${i.row ?? '-'}:${i.field}:${i.code}`);
const cccd = (serial: number) => `0240${'95'}${String(serial).padStart(6, '0')}`;
const tenant = (n: number, over: object = {}) => ({
  fullName: `Trần Văn Thuê ${String.fromCharCode(65 + (n % 26))}`, sex: 'male', dateOfBirth: '1995-03-15', nationalId: cccd(n), phone: `09${String(13_000_000 + n).padStart(8, '0')}`, ...over,
});
/** Room memberships (a new person also gets a household of their own). */
const count = async (table: 'group_membership' | 'person' | 'boarding_house_tenancy') => Number((table === 'group_membership'
  ? await t.db.selectFrom('group_membership as m').innerJoin('contact_group as g', 'g.id', 'm.group_id').where('g.kind', '=', 'room').select(t.db.fn.countAll().as('n')).executeTakeFirstOrThrow()
  : await t.db.selectFrom(table).select(t.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const membershipsOf = async (personId: number) => t.db.selectFrom('group_membership as m').innerJoin('contact_group as g', 'g.id', 'm.group_id').where('g.kind', '=', 'room')
  .select(['m.id', 'm.group_id', 'm.valid_from', 'm.valid_to']).where('m.person_id', '=', personId).orderBy('m.valid_from').execute();
const aCase = async (personId: number, onset: string, confirmation: string, code: string) => t.db.insertInto('covid_case').values({
  case_code: code, person_id: personId, province_code: '24', district_code: '222', commune_code: '07801', onset_date: onset, sample_date: confirmation,
  confirmation_date: confirmation, isolation_date: null, detection: 'enterprise_screening', classification: 'community', status: 'isolated',
}).execute().then(() => invalidateIndex(t.db, '24')); // written past the cases module: the index rebuilds on next use

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  vanTrung = await loginAs(app, 't_vantrung');
  quangChau = await loginAs(app, 't_quangchau');
  team = await loginAs(app, 't_team');
  const create = async (cookie: string, body: object) => {
    const res = await req(cookie, 'POST', '/api/boarding-houses', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; roomList: Array<{ id: number; label: string }> };
  };
  const a = await create(vanTrung, { ownerName: 'Nguyễn Thị Chủ', ownerPhone: '0912000111', communeCode: '07801', addressDetail: 'Thôn Trung Đồng', rooms: [{ label: 'P101', capacity: 2 }, { label: 'P102', capacity: 3 }, { label: 'P103', capacity: 2 }] });
  houseA = a.id;
  for (const r of a.roomList) rooms.set(r.label, r.id);
  houseB = (await create(quangChau, { ownerName: 'Lê Văn Khác', communeCode: '07807', rooms: [{ label: 'A1', capacity: 4 }] })).id;
  await createUser(t.db, { username: 't_owner', password: TEST_PASSWORD, fullName: 'Chủ trọ A', role: 'boarding_house_owner', scopeKind: 'org', scopeCode: String(houseA), scopeOrgId: houseA, provinceCode: '24' });
  owner = await loginAs(app, 't_owner');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('rules', () => {
  it('a move closes the open interval the day before; a move on its first day corrects it; an earlier one is refused', () => {
    const open = { id: 7, roomId: 1, validFrom: '2021-05-01' };
    expect(moveSteps(open, 2, '2021-06-01')).toEqual([{ kind: 'close', id: 7, validTo: '2021-05-31' }, { kind: 'open', roomId: 2, validFrom: '2021-06-01', validTo: null }]);
    expect(moveSteps(open, 2, '2021-05-01')).toEqual([{ kind: 'regroup', id: 7, roomId: 2 }]);
    expect(moveSteps(open, 2, '2021-04-30')).toBeNull();
    expect(moveSteps(open, 1, '2021-06-01')).toEqual([]);
  });
  it('dates: not after today, until not before from', () => {
    expect(tenancyDateIssues('2021-05-02', '2021-05-01', '2021-06-10').map((i) => i.code)).toEqual(['ORDER']);
    expect(tenancyDateIssues('2021-06-11', null, '2021-06-10').map((i) => i.code)).toEqual(['FUTURE_DATE']);
    expect(tenancyDateIssues('2021-06-01', '2021-06-10', '2021-06-10')).toEqual([]);
  });
  it('a house meets the checklist when every required item is ticked', () => {
    const required = BUILT_IN_CHECKLIST.filter((i) => i.required).map((i) => i.code);
    expect(assessmentOutcome(BUILT_IN_CHECKLIST, required).meets).toBe(true);
    expect(assessmentOutcome(BUILT_IN_CHECKLIST, required.slice(1)).meets).toBe(false);
    expect(assessmentOutcome(BUILT_IN_CHECKLIST, ['nope']).unknown).toEqual(['nope']);
  });
});

describe('scope', () => {
  it('an owner reaches only its own house, cannot register houses; communes see their own', async () => {
    expect((await req(owner, 'GET', `/api/boarding-houses/${houseA}`)).statusCode).toBe(200);
    expect((await req(owner, 'GET', `/api/boarding-houses/${houseB}`)).statusCode).toBe(403);
    expect((await req(owner, 'GET', `/api/boarding-houses/${houseB}/tenants`)).statusCode).toBe(403);
    expect((await req(owner, 'POST', `/api/boarding-houses/${houseB}/tenants`, { ...tenant(90), roomId: rooms.get('P101'), validFrom: '2021-05-01' })).statusCode).toBe(403);
    expect((await req(owner, 'POST', '/api/boarding-houses', { ownerName: 'X', communeCode: '07801', rooms: [] })).statusCode).toBe(403);
    expect((await req(owner, 'GET', '/api/boarding-houses')).json().items.map((h: { id: number }) => h.id)).toEqual([houseA]);
    expect((await req(quangChau, 'GET', `/api/boarding-houses/${houseA}`)).statusCode).toBe(403);
    expect((await req(vanTrung, 'GET', '/api/boarding-houses')).json().items.map((h: { id: number }) => h.id)).toEqual([houseA]);
    expect((await req(cdc, 'GET', '/api/boarding-houses?sort=name')).json().total).toBe(2);
    // The community team reads and assesses but does not register tenants.
    expect((await req(team, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(91), roomId: rooms.get('P101'), validFrom: '2021-05-01' })).statusCode).toBe(403);
    // A commune cannot register a house in another commune.
    const other = await req(vanTrung, 'POST', '/api/boarding-houses', { ownerName: 'Y', communeCode: '07807', rooms: [] });
    expect(other.statusCode).toBe(400);
    expect(issuesOf(other.json())).toEqual(['-:communeCode:OUT_OF_SCOPE']);
  });
});

describe('tenancies', () => {
  let a: { membershipId: number; personId: number };
  let b: { personId: number };

  it('registering a tenant makes a room membership tracing sees: a room-mate who falls ill makes them F1', async () => {
    const before = await count('group_membership');
    const res = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(1), roomId: rooms.get('P101'), validFrom: '2021-05-01' });
    expect(res.statusCode, res.body).toBe(201);
    a = res.json();
    expect(res.json()).toMatchObject({ roomLabel: 'P101', validFrom: '2021-05-01', validTo: null, current: true, nationalId: '********0001' });
    const resB = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(2), roomId: rooms.get('P101'), validFrom: '2021-05-03' });
    expect(resB.statusCode, resB.body).toBe(201);
    b = resB.json();
    expect(await count('group_membership')).toBe(before + 2);
    await aCase(b.personId, '2021-05-15', '2021-05-16', 'BN-BH-1');
    const trace = await traceListed(t.db, '24', [b.personId], { asOf: '2021-05-17', depth: 1 });
    const f1 = trace.people.find((p) => p.personId === a.personId);
    expect(f1).toMatchObject({ level: 1, source: { kind: 'room', groupId: rooms.get('P101') } });
  });

  it('the same person twice is refused (one open tenancy per house); a full room is refused', async () => {
    const again = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(1), roomId: rooms.get('P102'), validFrom: '2021-05-10' });
    expect(again.statusCode).toBe(400);
    expect(issuesOf(again.json())).toEqual(['-:roomId:ALREADY_TENANT']);
    const full = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(3), roomId: rooms.get('P101'), validFrom: '2021-05-10' });
    expect(full.statusCode).toBe(400);
    expect(issuesOf(full.json())).toEqual(['-:roomId:ROOM_FULL']);
    const future = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(3), roomId: rooms.get('P102'), validFrom: addDays(today, 1) });
    expect(issuesOf(future.json())).toEqual(['-:validFrom:FUTURE_DATE']);
  });

  it('a move closes the old interval the day before; a case in the old room afterwards does not reach the mover', async () => {
    const res = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants/${a.membershipId}/move`, { roomId: rooms.get('P102'), date: '2021-06-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roomLabel: 'P102', validFrom: '2021-06-01', validTo: null });
    expect(await membershipsOf(a.personId)).toMatchObject([
      { group_id: rooms.get('P101'), valid_from: '2021-05-01', valid_to: '2021-05-31' },
      { group_id: rooms.get('P102'), valid_from: '2021-06-01', valid_to: null },
    ]);
    const early = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants/${res.json().membershipId}/move`, { roomId: rooms.get('P103'), date: '2021-05-20' });
    expect(issuesOf(early.json())).toEqual(['-:date:BEFORE_CURRENT']);
    // A new room-mate in P101 from June falls ill in late June: the mover, gone since 31/05, is not exposed.
    const c = (await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(4), roomId: rooms.get('P101'), validFrom: '2021-06-02' })).json();
    expect(c.personId).toBeGreaterThan(0);
    await aCase(c.personId, '2021-06-20', '2021-06-21', 'BN-BH-2');
    const trace = await traceListed(t.db, '24', [c.personId], { asOf: '2021-06-22', depth: 1 });
    expect(trace.people.filter((p) => p.level === 1).map((p) => p.personId)).not.toContain(a.personId);
  });

  it('ending a tenancy sets its last day; a second end is refused', async () => {
    const list = (await req(owner, 'GET', `/api/boarding-houses/${houseA}/tenants`)).json();
    const bRow = list.items.find((i: { personId: number }) => i.personId === b.personId);
    const end = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants/${bRow.membershipId}/end`, { validTo: '2021-05-16' });
    expect(end.statusCode, end.body).toBe(200);
    expect(end.json()).toMatchObject({ validTo: '2021-05-16', current: false });
    expect((await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants/${bRow.membershipId}/end`, { validTo: '2021-05-17' })).statusCode).toBe(400);
  });

  it('a person the worker import put in the room keeps that one membership', async () => {
    // As the enterprise module writes it: an open room membership of role worker's lodging.
    const person = (await t.db.insertInto('person').values({
      province_code: '24', district_code: '222', commune_code: '07801', full_name: 'Phạm Văn Công', name_search: 'pham van cong', sex: 'male',
      date_of_birth: '1995-03-15', national_id: cccd(5), phone: '0913000005', household_id: null, address_detail: null,
    }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('group_membership').values({ group_id: rooms.get('P103')!, person_id: person, province_code: '24', valid_from: '2021-04-01', valid_to: null, role: 'tenant' }).execute();
    const before = await count('group_membership');
    const res = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { fullName: 'Phạm Văn Công', sex: 'male', dateOfBirth: '1995-03-15', nationalId: cccd(5), roomId: rooms.get('P103'), validFrom: '2021-05-01', workplaceText: 'Chợ Vân Trung' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ personId: person, validFrom: '2021-04-01', workplaceText: 'Chợ Vân Trung' });
    expect(await count('group_membership')).toBe(before);
  });
});

describe('tenant list import', () => {
  const row = (n: number, over: Partial<TenantExportRow> = {}): TenantExportRow => ({
    fullName: `Đỗ Thị Nhập ${String.fromCharCode(65 + n)}`, sex: 'female', dateOfBirth: '1995-03-15', nationalId: `0241${'95'}${String(500 + n).padStart(6, '0')}`,
    phone: null, communeCode: null, room: 'P102', validFrom: '2021-05-05', validTo: null, workplace: null, ...over,
  });

  it('reports every bad row by row and field and writes nothing', async () => {
    const before = await Promise.all([count('group_membership'), count('person'), count('boarding_house_tenancy')]);
    const file = await writeTenantSheet([
      row(1),
      row(2, { room: 'P999' }),
      row(3, { validFrom: addDays(today, 3) }),
      row(4, { validTo: '2021-05-01' }),
      row(5, { nationalId: null }),
      row(6, { fullName: '' }),
    ]);
    const res = await upload(owner, `/api/boarding-houses/${houseA}/tenants/import?dryRun=true`, file);
    expect(res.statusCode, res.body).toBe(400);
    expect(issuesOf(res.json())).toEqual(['3:room:UNKNOWN_ROOM', '4:validFrom:FUTURE_DATE', '5:validTo:ORDER', '6:nationalId:REQUIRED', '7:fullName:REQUIRED']);
    expect((await upload(owner, `/api/boarding-houses/${houseA}/tenants/import`, file)).statusCode).toBe(400);
    expect(await Promise.all([count('group_membership'), count('person'), count('boarding_house_tenancy')])).toEqual(before);
  });

  it('a room filled by the file is refused at the row that overfills it', async () => {
    const file = await writeTenantSheet([row(1, { room: 'P103' }), row(2, { room: 'P103' })]);
    const res = await upload(owner, `/api/boarding-houses/${houseA}/tenants/import?dryRun=true`, file);
    // P103 holds Phạm Văn Công already (capacity 2): the second row is one too many.
    expect(issuesOf(res.json())).toEqual(['3:room:ROOM_FULL']);
  });

  it('previews, commits, and a re-import of the same file changes nothing', async () => {
    const file = await writeTenantSheet([row(1), row(2, { room: 'P103', validTo: '2021-05-20' })]);
    const preview = await upload(owner, `/api/boarding-houses/${houseA}/tenants/import?dryRun=true`, file);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, total: 2, created: 2, unchanged: 0 });
    const before = await count('group_membership');
    const done = await upload(owner, `/api/boarding-houses/${houseA}/tenants/import`, file);
    expect(done.json()).toMatchObject({ dryRun: false, created: 2 });
    expect(await count('group_membership')).toBe(before + 2);
    const again = await upload(owner, `/api/boarding-houses/${houseA}/tenants/import`, file);
    expect(again.json()).toMatchObject({ created: 0, moved: 0, updated: 0, unchanged: 2 });
    expect(await count('group_membership')).toBe(before + 2);
    // The same list naming another room moves the tenant.
    const moved = await upload(owner, `/api/boarding-houses/${houseA}/tenants/import?dryRun=true`, await writeTenantSheet([row(1, { room: 'P101', validFrom: '2021-06-05' })]));
    expect(moved.json()).toMatchObject({ moved: 1 });
    const template = await req(owner, 'GET', `/api/boarding-houses/${houseA}/tenants/template.xlsx`);
    expect(template.statusCode).toBe(200);
    const exported = await req(owner, 'GET', `/api/boarding-houses/${houseA}/tenants/export.xlsx`);
    expect(exported.headers['content-type']).toContain(XLSX);
  });
});

describe('smart boarding house', () => {
  const required = BUILT_IN_CHECKLIST.filter((i) => i.required).map((i) => i.code);

  it('status comes from the latest official assessment; an owner\'s self-assessment is marked and does not overrule it', async () => {
    expect((await req(cdc, 'GET', `/api/boarding-houses/${houseA}`)).json().smartStatus).toBe('unassessed');
    const meets = await req(team, 'POST', `/api/boarding-houses/${houseA}/assessments`, { assessedOn: '2021-06-01', ticked: required });
    expect(meets.statusCode, meets.body).toBe(201);
    expect(meets.json()).toMatchObject({ smartStatus: 'meets', selfAssessed: false });
    const fails = await req(vanTrung, 'POST', `/api/boarding-houses/${houseA}/assessments`, { assessedOn: '2021-06-05', ticked: required.slice(1), note: 'Chưa có sổ theo dõi' });
    expect(fails.json()).toMatchObject({ smartStatus: 'not_meets' });
    const self = await req(owner, 'POST', `/api/boarding-houses/${houseA}/assessments`, { assessedOn: '2021-06-06', ticked: required });
    expect(self.json()).toMatchObject({ smartStatus: 'not_meets', selfAssessed: false });
    const history = (await req(owner, 'GET', `/api/boarding-houses/${houseA}/assessments`)).json();
    expect(history.map((h: { selfAssessed: boolean; meets: boolean }) => [h.selfAssessed, h.meets])).toEqual([[true, true], [false, false], [false, true]]);
    expect((await req(cdc, 'GET', '/api/boarding-houses?status=not_meets')).json().items.map((h: { id: number }) => h.id)).toEqual([houseA]);
    expect((await req(cdc, 'GET', '/api/boarding-houses?status=unassessed')).json().items.map((h: { id: number }) => h.id)).toEqual([houseB]);
    expect((await req(quangChau, 'POST', `/api/boarding-houses/${houseA}/assessments`, { assessedOn: '2021-06-06', ticked: [] })).statusCode).toBe(403);
  });

  it('a province\'s own checklist is the one in force', async () => {
    expect((await req(vanTrung, 'POST', '/api/boarding-houses/checklist', { items: [{ code: 'a', label: { vi: 'A' }, required: true }] })).statusCode).toBe(403);
    const bad = await req(cdc, 'POST', '/api/boarding-houses/checklist', { items: [{ code: 'a', label: { vi: 'A' }, required: false }, { code: 'a', label: { vi: '' }, required: false }] });
    expect(issuesOf(bad.json()).sort()).toEqual(['-:items.1.code:DUPLICATE', '-:items.1.label:REQUIRED', '-:items:NO_REQUIRED']);
    const set = await req(cdc, 'POST', '/api/boarding-houses/checklist', { items: [{ code: 'so_theo_doi', label: { vi: 'Sổ theo dõi người thuê' }, required: true }, { code: 'qr', label: { vi: 'Mã QR' }, required: false }] });
    expect(set.statusCode, set.body).toBe(201);
    expect((await req(owner, 'GET', '/api/boarding-houses/checklist')).json()).toMatchObject({ source: 'configured', items: [{ code: 'so_theo_doi' }, { code: 'qr' }] });
    const res = await req(cdc, 'POST', `/api/boarding-houses/${houseB}/assessments`, { assessedOn: '2021-06-07', ticked: ['so_theo_doi'] });
    expect(res.json()).toMatchObject({ smartStatus: 'meets' });
    const unknown = await req(cdc, 'POST', `/api/boarding-houses/${houseB}/assessments`, { assessedOn: '2021-06-07', ticked: ['tenant_book'] });
    expect(issuesOf(unknown.json())).toEqual(['-:ticked:UNKNOWN']);
  });
});

describe('rooms and the commune view', () => {
  it('a room with tenants cannot be deactivated; an empty one can', async () => {
    const house = (await req(vanTrung, 'GET', `/api/boarding-houses/${houseA}`)).json();
    const body = (over: (r: { id: number; label: string; capacity: number | null }) => object) => ({
      ownerName: house.ownerName, ownerPhone: house.ownerPhone, communeCode: '07801', addressDetail: house.addressDetail,
      rooms: house.roomList.map((r: { id: number; label: string; capacity: number | null }) => ({ id: r.id, label: r.label, capacity: r.capacity, ...over(r) })),
    });
    const busy = await req(vanTrung, 'PUT', `/api/boarding-houses/${houseA}`, body((r) => (r.label === 'P102' ? { active: false } : {})));
    expect(busy.statusCode).toBe(400);
    expect(issuesOf(busy.json())).toEqual(['-:rooms.1.active:NOT_EMPTY']);
    const added = await req(owner, 'PUT', `/api/boarding-houses/${houseA}`, { ...body(() => ({})), rooms: [...body(() => ({})).rooms, { label: 'P104', capacity: 2 }] });
    expect(added.statusCode, added.body).toBe(200);
    const p104 = added.json().roomList.find((r: { label: string }) => r.label === 'P104');
    const off = await req(owner, 'PUT', `/api/boarding-houses/${houseA}`, { ...body(() => ({})), rooms: [{ id: p104.id, label: 'P104', capacity: 2, active: false }] });
    expect(off.json().roomList.find((r: { label: string }) => r.label === 'P104')).toMatchObject({ active: false });
    // The owner cannot move the house to another commune.
    const moved = await req(owner, 'PUT', `/api/boarding-houses/${houseA}`, { ...body(() => ({})), communeCode: '07807' });
    expect(issuesOf(moved.json())).toEqual(['-:communeCode:OUT_OF_SCOPE']);
  });

  it('marks tenants whose workplace had a case confirmed in the last 14 days, and filters to them', async () => {
    const ent = await req(cdc, 'POST', '/api/enterprises', { name: 'Công ty TNHH Có Ca', taxCode: taxCodeFrom('240200001'), communeCode: '07801' });
    expect(ent.statusCode, ent.body).toBe(201);
    const entId = ent.json().id as number;
    const w = await req(cdc, 'POST', `/api/enterprises/${entId}/workers`, { employeeCode: 'W1', fullName: 'Vũ Văn Ốm', sex: 'male', communeCode: '07801', commuteMode: 'motorbike', employedFrom: '2021-01-01' });
    expect(w.statusCode, w.body).toBe(201);
    await aCase(w.json().personId, addDays(today, -4), addDays(today, -3), 'BN-BH-3');
    const p = await req(owner, 'POST', `/api/boarding-houses/${houseA}/tenants`, { ...tenant(30), roomId: rooms.get('P103'), validFrom: '2021-06-01', workplaceEnterpriseId: entId });
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json()).toMatchObject({ marked: true, markedEnterprise: 'Công ty TNHH Có Ca', workplaceName: 'Công ty TNHH Có Ca' });
    const all = (await req(vanTrung, 'GET', '/api/boarding-houses/tenants?communeCode=07801')).json();
    expect(all.total).toBeGreaterThan(1);
    expect(all.markedEnterprises).toEqual([{ id: entId, name: 'Công ty TNHH Có Ca', cases: 1 }]);
    const marked = (await req(vanTrung, 'GET', '/api/boarding-houses/tenants?onlyMarked=true')).json();
    expect(marked.items.map((i: { personId: number }) => i.personId)).toEqual([p.json().personId]);
    expect((await req(quangChau, 'GET', '/api/boarding-houses/tenants?onlyMarked=true')).json().total).toBe(0);
  });

  it('the map gives points with status and counts, no one named', async () => {
    await t.db.updateTable('org_unit').set({ lon: 106.1, lat: 21.2 }).where('id', 'in', [houseA, houseB]).execute();
    const map = (await req(cdc, 'GET', '/api/boarding-houses/map')).json();
    expect(map.counts).toEqual({ meets: 1, not_meets: 1, unassessed: 0 });
    expect(map.features[0].properties).not.toHaveProperty('name');
    expect(JSON.stringify(map)).not.toContain('Nguyễn Thị Chủ');
    expect((await req(owner, 'GET', '/api/boarding-houses/map')).json().features.map((f: { properties: { id: number } }) => f.properties.id)).toEqual([houseA]);
  });
});
