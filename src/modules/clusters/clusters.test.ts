import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
let district: string;
let vanTrung: string;
let quangChau: string;
let team: string;
let viewer: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  district = await loginAs(app, 't_district');
  vanTrung = await loginAs(app, 't_vantrung');
  quangChau = await loginAs(app, 't_quangchau');
  team = await loginAs(app, 't_team');
  viewer = await loginAs(app, 't_viewer');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

// Vân Trung and Quang Châu are communes of Việt Yên (222); Thọ Xương is in Bắc Giang city (213).
const VAN_TRUNG = { province_code: '24', district_code: '222', commune_code: '07801' };
const QUANG_CHAU = { province_code: '24', district_code: '222', commune_code: '07807' };
const THO_XUONG = { province_code: '24', district_code: '213', commune_code: '07201' };
type Area = typeof VAN_TRUNG;

let seq = 0;

/** A person in a household of their own (plus the given groups) confirmed as a case on `confirmed`. */
async function addCase(area: Area, confirmed: string, opts: { groups?: number[]; name?: string; memberFrom?: string; memberTo?: string | null } = {}) {
  seq++;
  const name = opts.name ?? `Bệnh Nhân Thử ${seq}`;
  const household = await t.db
    .insertInto('contact_group')
    .values({ kind: 'household', label: `Hộ ${name}`, ...area })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await t.db
    .insertInto('person')
    .values({ ...area, household_id: household.id, full_name: name, name_search: foldVietnamese(name), sex: seq % 2 ? 'male' : 'female' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('group_membership')
    .values([household.id, ...(opts.groups ?? [])].map((g, i) => ({
      group_id: g, person_id: person.id, province_code: '24',
      valid_from: i === 0 ? '2021-01-01' : (opts.memberFrom ?? '2021-01-01'), valid_to: i === 0 ? null : (opts.memberTo ?? null),
    })))
    .execute();
  const code = `BN${9000 + seq}`;
  const k = await t.db
    .insertInto('covid_case')
    .values({
      case_code: code, person_id: person.id, ...area, sample_date: addDays(confirmed, -1), confirmation_date: confirmed,
      detection: 'community', classification: 'community', status: 'isolated',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: k.id, personId: person.id, householdId: household.id, code, name };
}

async function addOrg(kind: string, name: string, area: Area, parentId: number | null = null) {
  return (await t.db.insertInto('org_unit').values({ kind, name, parent_id: parentId, ...area }).returning('id').executeTakeFirstOrThrow()).id;
}

async function addGroup(kind: 'room' | 'workshop_shift' | 'bus_route', orgId: number, area: Area) {
  return (await t.db.insertInto('contact_group').values({ kind, label: `${kind} ${orgId}`, org_unit_id: orgId, ...area }).returning('id').executeTakeFirstOrThrow()).id;
}

const api = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const count = async (table: 'cluster' | 'cluster_case' | 'audit_log') =>
  (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

describe('status as of a date', () => {
  let a: Awaited<ReturnType<typeof addCase>>;
  let b: Awaited<ReturnType<typeof addCase>>;
  let late: Awaited<ReturnType<typeof addCase>>;
  let id: number;

  beforeAll(async () => {
    a = await addCase(VAN_TRUNG, '2021-04-01', { name: 'Nguyễn Văn An' });
    b = await addCase(VAN_TRUNG, '2021-04-06', { name: 'Trần Thị Bình' });
    late = await addCase(VAN_TRUNG, '2021-04-15');
    const res = await api(cdc, 'POST', '/api/clusters', { name: 'Ổ dịch thôn Trung Đồng', placeKind: 'village', caseIds: [a.id, b.id], note: 'Phát hiện qua sàng lọc' });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
  });

  /** The cluster's summary in the list as of a date (the detail replaces the case count by the cases). */
  const summary = async (asOf: string) =>
    (await api(cdc, 'GET', `/api/clusters?asOf=${asOf}&pageSize=500`)).json().items.find((c: { id: number }) => c.id === id);

  it('creates the cluster in the commune its cases share, with the default 14 control days', async () => {
    const res = await api(cdc, 'GET', `/api/clusters/${id}?asOf=2021-04-10`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Ổ dịch thôn Trung Đồng', placeKind: 'village', communeCode: '07801', communeName: 'Xã Vân Trung', districtCode: '222',
      districtName: 'Huyện Việt Yên', controlDays: 14, firstCaseDate: '2021-04-01', lastCaseDate: '2021-04-06', status: 'active',
      note: 'Phát hiện qua sàng lọc',
    });
    expect(res.json().cases.map((c: { caseCode: string }) => c.caseCode)).toEqual([a.code, b.code]);
    expect(res.json().cases[0]).toMatchObject({ fullName: 'Nguyễn Văn An', masked: false, confirmationDate: '2021-04-01', communeName: 'Xã Vân Trung', status: 'isolated' });
  });

  it.each([
    ['2021-03-31', { status: 'active', cases: 0, firstCaseDate: null, lastCaseDate: null, controlledOn: null, daysToControl: null, ageDays: null }],
    ['2021-04-03', { status: 'active', cases: 1, firstCaseDate: '2021-04-01', lastCaseDate: '2021-04-01', controlledOn: null, ageDays: 2 }],
    ['2021-04-19', { status: 'active', cases: 2, lastCaseDate: '2021-04-06', controlledOn: null, daysToControl: null, ageDays: 18 }],
    ['2021-04-20', { status: 'controlled', cases: 2, controlledOn: '2021-04-20', daysToControl: 19, ageDays: 19 }],
    ['2021-05-20', { status: 'controlled', controlledOn: '2021-04-20', daysToControl: 19, ageDays: 49 }],
  ])('as of %s', async (asOf, expected: Record<string, unknown>) => {
    expect(await summary(asOf)).toMatchObject(expected);
    const { cases: _count, ...withoutCount } = expected;
    expect((await api(cdc, 'GET', `/api/clusters/${id}?asOf=${asOf}`)).json()).toMatchObject(withoutCount);
  });

  it('filters the list by status as of the date', async () => {
    const ids = async (q: string) => (await api(cdc, 'GET', `/api/clusters?${q}&pageSize=500`)).json().items.map((c: { id: number }) => c.id);
    expect(await ids('status=controlled&asOf=2021-04-20')).toContain(id);
    expect(await ids('status=active&asOf=2021-04-20')).not.toContain(id);
    expect(await ids('status=active&asOf=2021-04-19')).toContain(id);
  });

  it('defaults asOf to the latest confirmation date of the province', async () => {
    const latest = (await t.db.selectFrom('covid_case').select((eb) => eb.fn.max('confirmation_date').as('d')).executeTakeFirstOrThrow()).d;
    const res = await api(cdc, 'GET', '/api/clusters');
    expect(res.statusCode).toBe(200);
    expect(res.json().asOf).toBe(latest);
  });

  it('finds a cluster by its name without accents', async () => {
    const res = await api(cdc, 'GET', '/api/clusters?q=trung%20dong&asOf=2021-04-20');
    expect(res.json().items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(res.json().total).toBe(1);
  });

  it('a shorter controlDays controls it earlier; the change is audited with before and after', async () => {
    const res = await api(cdc, 'PATCH', `/api/clusters/${id}`, { controlDays: 7 });
    expect(res.statusCode).toBe(200);
    expect(res.json().controlDays).toBe(7);
    const asOf = await api(cdc, 'GET', `/api/clusters/${id}?asOf=2021-04-13`);
    expect(asOf.json()).toMatchObject({ status: 'controlled', controlledOn: '2021-04-13', daysToControl: 12 });
    const entry = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'cluster').where('record_id', '=', String(id)).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ before: { controlDays: 14, name: 'Ổ dịch thôn Trung Đồng' }, after: { controlDays: 7 } });
  });

  it('a case linked later re-opens the cluster; unlinking it closes it again', async () => {
    const added = await api(cdc, 'POST', `/api/clusters/${id}/cases`, { caseIds: [late.id] });
    expect(added.statusCode).toBe(200);
    expect(added.json().cases.map((c: { id: number }) => c.id)).toEqual([a.id, b.id, late.id]);
    expect(await summary('2021-04-20')).toMatchObject({ status: 'active', lastCaseDate: '2021-04-15', cases: 3 });
    const removed = await api(cdc, 'DELETE', `/api/clusters/${id}/cases/${late.id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json().cases).toHaveLength(2);
    expect((await api(cdc, 'GET', `/api/clusters/${id}?asOf=2021-04-20`)).json()).toMatchObject({ status: 'controlled', controlledOn: '2021-04-13' });
    const again = await api(cdc, 'DELETE', `/api/clusters/${id}/cases/${late.id}`);
    expect(again.statusCode).toBe(404);
  });

  it('audits the creation and every read of one cluster', async () => {
    const created = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'cluster').where('record_id', '=', String(id)).where('action', '=', 'create').executeTakeFirstOrThrow();
    expect(created.username).toBe('t_cdc');
    expect(created.detail).toMatchObject({ after: { name: 'Ổ dịch thôn Trung Đồng', controlDays: 14, caseIds: [a.id, b.id], commune_code: '07801' } });
    const before = await count('audit_log');
    await api(cdc, 'GET', `/api/clusters/${id}`);
    const read = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'cluster').where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(await count('audit_log')).toBe(before + 1);
    expect(read).toMatchObject({ username: 't_cdc', record_id: String(id) });
    expect(read.detail).toMatchObject({ caseIds: [a.id, b.id] });
  });
});

describe('validation', () => {
  let k1: Awaited<ReturnType<typeof addCase>>;
  let k2: Awaited<ReturnType<typeof addCase>>;
  let id: number;
  const body = () => ({ name: 'Ổ dịch chợ Vân Trung', placeKind: 'market', caseIds: [k1.id] });

  beforeAll(async () => {
    k1 = await addCase(VAN_TRUNG, '2021-03-01');
    k2 = await addCase(VAN_TRUNG, '2021-03-02');
    const res = await api(cdc, 'POST', '/api/clusters', { ...body(), caseIds: [k1.id], controlDays: 60 });
    expect(res.statusCode).toBe(201);
    expect(res.json().controlDays).toBe(60);
    id = res.json().id;
  });

  it.each([
    ['name', () => ({ name: '   ' }), 'REQUIRED'],
    ['controlDays', () => ({ controlDays: 0 }), 'OUT_OF_RANGE'],
    ['controlDays', () => ({ controlDays: 61 }), 'OUT_OF_RANGE'],
    ['caseIds', () => ({ caseIds: [k1.id, 999_999] }), 'UNKNOWN_CASE'],
    ['caseIds', () => ({ caseIds: [k1.id, k2.id, k1.id] }), 'DUPLICATE_CASE'],
    ['communeCode', () => ({ communeCode: '99999' }), 'UNKNOWN_COMMUNE'],
    ['orgUnitId', () => ({ orgUnitId: 999_999 }), 'UNKNOWN_ORG_UNIT'],
    ['placeKind', () => ({ placeKind: 'castle' }), 'INVALID'],
  ])('rejects a bad %s with 400 naming the field in vi and en, writing nothing', async (field, patch, code) => {
    const [clusters, links, audits] = [await count('cluster'), await count('cluster_case'), await count('audit_log')];
    const res = await api(cdc, 'POST', '/api/clusters', { ...body(), ...patch() });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', field });
    const issue = err.details.issues.find((i: { field: string }) => i.field === field);
    expect(issue.code).toBe(code);
    expect(err.message.vi).not.toBe(err.message.en);
    expect(err.message.vi.length).toBeGreaterThan(10);
    expect(err.message.en.length).toBeGreaterThan(10);
    expect([await count('cluster'), await count('cluster_case'), await count('audit_log')]).toEqual([clusters, links, audits]);
  });

  it('names the unknown case ids in the message', async () => {
    const res = await api(cdc, 'POST', '/api/clusters', { ...body(), caseIds: [999_998] });
    expect(res.json().error.message.en).toContain('999998');
    expect(res.json().error.message.vi).toContain('999998');
  });

  it('rejects bad control days on a change too', async () => {
    const res = await api(cdc, 'PATCH', `/api/clusters/${id}`, { controlDays: 61, name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['controlDays', 'name']);
    expect((await api(cdc, 'GET', `/api/clusters/${id}`)).json()).toMatchObject({ controlDays: 60, name: 'Ổ dịch chợ Vân Trung' });
  });

  it('refuses a case already in the cluster (409 naming the case) and adds nothing', async () => {
    const res = await api(cdc, 'POST', `/api/clusters/${id}/cases`, { caseIds: [k2.id, k1.id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DUPLICATE', field: 'caseIds', details: { caseCodes: [k1.code] } });
    expect(res.json().error.message.vi).toContain(k1.code);
    const detail = await api(cdc, 'GET', `/api/clusters/${id}`);
    expect(detail.json().cases.map((c: { id: number }) => c.id)).toEqual([k1.id]);
  });

  it('needs at least one case to add', async () => {
    const res = await api(cdc, 'POST', `/api/clusters/${id}/cases`, { caseIds: [] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('caseIds');
  });

  it('rejects an impossible asOf date', async () => {
    const res = await api(cdc, 'GET', '/api/clusters?asOf=2021-02-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('asOf');
  });

  it('answers 404 for a cluster that does not exist', async () => {
    expect((await api(cdc, 'GET', '/api/clusters/999999')).statusCode).toBe(404);
    expect((await api(cdc, 'PATCH', '/api/clusters/999999', { name: 'x' })).statusCode).toBe(404);
  });
});

describe('scope', () => {
  let vt: Awaited<ReturnType<typeof addCase>>;
  let qc: Awaited<ReturnType<typeof addCase>>;
  let tx: Awaited<ReturnType<typeof addCase>>;
  let inQuangChau: number;
  let acrossDistricts: number;
  let vanTrungWithVisitor: number;

  beforeAll(async () => {
    vt = await addCase(VAN_TRUNG, '2021-02-10', { name: 'Lê Văn Cường' });
    qc = await addCase(QUANG_CHAU, '2021-02-11', { name: 'Phạm Thị Dung' });
    tx = await addCase(THO_XUONG, '2021-02-12', { name: 'Hoàng Văn Em' });
    const create = async (payload: object) => {
      const res = await api(cdc, 'POST', '/api/clusters', payload);
      expect(res.statusCode).toBe(201);
      return res.json().id as number;
    };
    inQuangChau = await create({ name: 'Ổ dịch Quang Châu', placeKind: 'village', communeCode: '07807', caseIds: [qc.id] });
    acrossDistricts = await create({ name: 'Ổ dịch liên huyện', placeKind: 'other', caseIds: [vt.id, tx.id] });
    vanTrungWithVisitor = await create({ name: 'Ổ dịch đám cưới Vân Trung', placeKind: 'other', communeCode: '07801', caseIds: [vt.id, qc.id] });
  });

  it('a commune user declares a cluster of its own cases, placed in its commune', async () => {
    const res = await api(vanTrung, 'POST', '/api/clusters', { name: 'Ổ dịch nhà văn hoá', placeKind: 'other', caseIds: [vt.id] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ communeCode: '07801', districtCode: '222' });
  });

  it("a commune user cannot gather another commune's case (403 naming the case) and nothing is written", async () => {
    const before = await count('cluster');
    const res = await api(vanTrung, 'POST', '/api/clusters', { name: 'Ổ dịch X', placeKind: 'other', caseIds: [vt.id, qc.id] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'caseIds', details: { caseCodes: [qc.code] } });
    expect(res.json().error.message.en).toContain(qc.code);
    expect(await count('cluster')).toBe(before);
  });

  it('a commune user cannot place a cluster in another commune', async () => {
    const res = await api(vanTrung, 'POST', '/api/clusters', { name: 'Ổ dịch Y', placeKind: 'other', communeCode: '07807', caseIds: [vt.id] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('OUT_OF_SCOPE');
  });

  it("a commune user can neither read nor change another commune's cluster", async () => {
    for (const res of [
      await api(vanTrung, 'GET', `/api/clusters/${inQuangChau}`),
      await api(vanTrung, 'PATCH', `/api/clusters/${inQuangChau}`, { name: 'Đổi tên' }),
      await api(vanTrung, 'POST', `/api/clusters/${inQuangChau}/cases`, { caseIds: [vt.id] }),
      await api(vanTrung, 'DELETE', `/api/clusters/${inQuangChau}/cases/${qc.id}`),
      await api(vanTrung, 'GET', `/api/clusters/${inQuangChau}/chain`),
    ]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('OUT_OF_SCOPE');
      expect(res.body).not.toContain('Phạm Thị Dung');
    }
    expect((await api(quangChau, 'GET', `/api/clusters/${inQuangChau}`)).statusCode).toBe(200);
  });

  it("lists only the clusters of the actor's area", async () => {
    const ids = async (cookie: string, q = '') => (await api(cookie, 'GET', `/api/clusters?pageSize=500${q}`)).json().items.map((c: { id: number }) => c.id);
    const commune = await ids(vanTrung);
    expect(commune).toContain(vanTrungWithVisitor);
    expect(commune).not.toContain(inQuangChau);
    expect(commune).not.toContain(acrossDistricts);
    const viet = await ids(district);
    expect(viet).toEqual(expect.arrayContaining([inQuangChau, vanTrungWithVisitor]));
    expect(viet).not.toContain(acrossDistricts);
    const province = await ids(cdc);
    expect(province).toEqual(expect.arrayContaining([inQuangChau, vanTrungWithVisitor, acrossDistricts]));
    expect(await ids(cdc, '&districtCode=213')).toEqual([]);
    expect(await ids(cdc, '&districtCode=222')).not.toContain(acrossDistricts);
  });

  it('a cluster whose cases span districts belongs to the province: a district user may not open it', async () => {
    const res = await api(cdc, 'GET', `/api/clusters/${acrossDistricts}`);
    expect(res.json()).toMatchObject({ districtCode: null, communeCode: null, cases: [{ id: vt.id }, { id: tx.id }] });
    expect((await api(district, 'GET', `/api/clusters/${acrossDistricts}`)).statusCode).toBe(403);
  });

  it("shows a case from outside the reader's area by initials only, and the reader may not unlink it", async () => {
    const res = await api(vanTrung, 'GET', `/api/clusters/${vanTrungWithVisitor}`);
    expect(res.statusCode).toBe(200);
    const byId = new Map(res.json().cases.map((c: { id: number }) => [c.id, c]));
    expect(byId.get(vt.id)).toMatchObject({ fullName: 'Lê Văn Cường', masked: false });
    expect(byId.get(qc.id)).toMatchObject({ fullName: 'P. T. D.', masked: true, caseCode: qc.code });
    expect(res.body).not.toContain('Phạm Thị Dung');
    const del = await api(vanTrung, 'DELETE', `/api/clusters/${vanTrungWithVisitor}/cases/${qc.id}`);
    expect(del.statusCode).toBe(403);
    expect(del.json().error.field).toBe('caseId');
    expect((await api(cdc, 'GET', `/api/clusters/${vanTrungWithVisitor}`)).json().cases).toHaveLength(2);
  });

  it('a community team reads its commune\'s clusters but cannot change them', async () => {
    const res = await api(team, 'GET', `/api/clusters/${vanTrungWithVisitor}`);
    expect(res.statusCode).toBe(200);
    const patch = await api(team, 'PATCH', `/api/clusters/${vanTrungWithVisitor}`, { name: 'Đổi' });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.code).toBe('FORBIDDEN');
  });

  it('a viewer sees clusters with every name masked and cannot declare one', async () => {
    const list = await api(viewer, 'GET', '/api/clusters');
    expect(list.statusCode).toBe(200);
    const detail = await api(viewer, 'GET', `/api/clusters/${acrossDistricts}`);
    expect(detail.json().cases.map((c: { fullName: string; masked: boolean }) => [c.fullName, c.masked])).toEqual([['L. V. C.', true], ['H. V. E.', true]]);
    const post = await api(viewer, 'POST', '/api/clusters', { name: 'Ổ dịch Z', placeKind: 'other', caseIds: [vt.id] });
    expect(post.statusCode).toBe(403);
    expect(post.json().error.code).toBe('FORBIDDEN');
  });

  it('needs a session', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/clusters' });
    expect(res.statusCode).toBe(401);
  });
});

describe('suggestions', () => {
  let enterprise: number;
  let boardingHouse: number;
  let w1: Awaited<ReturnType<typeof addCase>>;
  let w2: Awaited<ReturnType<typeof addCase>>;
  let w3: Awaited<ReturnType<typeof addCase>>;
  let former: Awaited<ReturnType<typeof addCase>>;
  let t1: Awaited<ReturnType<typeof addCase>>;
  let t2: Awaited<ReturnType<typeof addCase>>;
  type Suggestion = { key: string; placeKind: string; orgUnitId: number | null; communeCode: string | null; caseIds: number[]; name: string };
  const suggestions = async (cookie: string, asOf = '2021-07-31') => {
    const res = await api(cookie, 'GET', `/api/clusters/suggestions?asOf=${asOf}`);
    expect(res.statusCode).toBe(200);
    return res.json() as Suggestion[];
  };

  beforeAll(async () => {
    enterprise = await addOrg('enterprise', 'Công ty TNHH Thử Nghiệm', VAN_TRUNG);
    const workshop = await addOrg('workshop', 'Phân xưởng May 1', VAN_TRUNG, enterprise);
    const other = await addOrg('enterprise', 'Công ty Khác', VAN_TRUNG);
    boardingHouse = await addOrg('boarding_house', 'Nhà trọ Bà Tư', QUANG_CHAU);
    const shiftOfWorkshop = await addGroup('workshop_shift', workshop, VAN_TRUNG);
    const shiftOfEnterprise = await addGroup('workshop_shift', enterprise, VAN_TRUNG);
    const bus = await addGroup('bus_route', enterprise, VAN_TRUNG);
    const otherShift = await addGroup('workshop_shift', other, VAN_TRUNG);
    const [room1, room2] = [await addGroup('room', boardingHouse, QUANG_CHAU), await addGroup('room', boardingHouse, QUANG_CHAU)];
    w1 = await addCase(VAN_TRUNG, '2021-06-01', { groups: [shiftOfWorkshop] });
    w2 = await addCase(THO_XUONG, '2021-06-05', { groups: [bus] });
    w3 = await addCase(VAN_TRUNG, '2021-07-10', { groups: [shiftOfEnterprise] });
    await addCase(VAN_TRUNG, '2021-06-03', { groups: [otherShift] });
    former = await addCase(VAN_TRUNG, '2021-06-04', { groups: [shiftOfEnterprise], memberTo: '2021-04-30' });
    t1 = await addCase(QUANG_CHAU, '2021-06-02', { groups: [room1] });
    t2 = await addCase(QUANG_CHAU, '2021-06-03', { groups: [room2] });
  });

  it('groups the workers of one enterprise (its own groups and those of units under it) confirmed within 14 days', async () => {
    const s = (await suggestions(cdc)).filter((x) => x.placeKind === 'enterprise');
    expect(s).toEqual([
      expect.objectContaining({
        key: `enterprise:${enterprise}:2021-06-01`, name: 'Công ty TNHH Thử Nghiệm', orgUnitId: enterprise, communeCode: '07801',
        caseIds: [w1.id, w2.id], caseCodes: [w1.code, w2.code], firstCaseDate: '2021-06-01',
      }),
    ]);
    // w3 came 35 days later, on its own; `former` had left the enterprise; the other company had one case.
    expect(s[0]!.caseIds).not.toContain(w3.id);
    expect(s[0]!.caseIds).not.toContain(former.id);
  });

  it('groups the tenants of one boarding house, and the households of one commune', async () => {
    const s = await suggestions(cdc);
    expect(s.find((x) => x.placeKind === 'boarding_house')).toMatchObject({ orgUnitId: boardingHouse, communeCode: '07807', caseIds: [t1.id, t2.id], name: 'Nhà trọ Bà Tư' });
    expect(s.find((x) => x.placeKind === 'village' && x.communeCode === '07807' && x.caseIds.includes(t1.id))).toMatchObject({
      orgUnitId: null, caseIds: [t1.id, t2.id], name: 'Xã Quang Châu', firstCaseDate: '2021-06-02',
    });
  });

  it('only counts cases confirmed by asOf', async () => {
    const s = await suggestions(cdc, '2021-06-04');
    expect(s.find((x) => x.placeKind === 'enterprise')).toBeUndefined();
    expect(s.find((x) => x.placeKind === 'boarding_house')!.caseIds).toEqual([t1.id, t2.id]);
  });

  it("only offers the actor's cases", async () => {
    expect((await suggestions(district)).filter((x) => x.placeKind === 'enterprise')).toEqual([]);
    const commune = await suggestions(vanTrung);
    expect(commune.some((x) => x.caseIds.includes(t1.id))).toBe(false);
    expect(commune.length).toBeGreaterThan(0);
  });

  it('drops a suggestion once a cluster holds all its cases', async () => {
    const s = (await suggestions(cdc)).find((x) => x.placeKind === 'enterprise')!;
    const res = await api(cdc, 'POST', '/api/clusters', { name: s.name, placeKind: 'enterprise', orgUnitId: s.orgUnitId, caseIds: s.caseIds });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ orgUnitId: enterprise, orgUnitName: 'Công ty TNHH Thử Nghiệm', communeCode: '07801', cases: [{ id: w1.id }, { id: w2.id }] });
    const after = await suggestions(cdc);
    expect(after.find((x) => x.placeKind === 'enterprise')).toBeUndefined();
    expect(after.find((x) => x.placeKind === 'boarding_house')).toBeDefined();
  });
});

describe('chain', () => {
  let id: number;
  let a: Awaited<ReturnType<typeof addCase>>;
  let b: Awaited<ReturnType<typeof addCase>>;
  let relative: number;

  beforeAll(async () => {
    a = await addCase(VAN_TRUNG, '2021-01-20', { name: 'Đỗ Văn Giang' });
    b = await addCase(VAN_TRUNG, '2021-01-22');
    relative = (await t.db.insertInto('person').values({ ...VAN_TRUNG, household_id: a.householdId, full_name: 'Đỗ Thị Hà', name_search: 'do thi ha', sex: 'female' }).returning('id').executeTakeFirstOrThrow()).id;
    await t.db.insertInto('group_membership').values({ group_id: a.householdId, person_id: relative, province_code: '24', valid_from: '2021-01-01' }).execute();
    const res = await api(cdc, 'POST', '/api/clusters', { name: 'Ổ dịch tháng Giêng', placeKind: 'village', caseIds: [a.id, b.id] });
    id = res.json().id;
  });

  it("draws the chain below the cluster's cases and audits the read", async () => {
    const res = await api(cdc, 'GET', `/api/clusters/${id}/chain?depth=1&asOf=2021-01-25`);
    expect(res.statusCode).toBe(200);
    const chain = res.json();
    const node = (pid: number) => chain.nodes.find((n: { id: number }) => n.id === pid);
    expect(node(a.personId)).toMatchObject({ level: 0, caseCode: a.code, label: 'Đỗ Văn Giang' });
    expect(node(b.personId)).toMatchObject({ level: 0, caseCode: b.code });
    expect(node(relative)).toMatchObject({ level: 1, label: 'Đỗ Thị Hà', caseCode: null });
    expect(chain.edges).toContainEqual(expect.objectContaining({ source: a.personId, target: relative, kind: 'household', primary: true }));
    expect(chain.counts[0]).toBe(2);
    const entry = await t.db.selectFrom('audit_log').selectAll().where('record_kind', '=', 'cluster').where('record_id', '=', String(id)).where('action', '=', 'read').executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ view: 'chain', personIds: [a.personId, b.personId] });
  });

  it('needs tracing access', async () => {
    const res = await api(viewer, 'GET', `/api/clusters/${id}/chain`);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });
});
