import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { BASE_DAY, type World, emptyWorld, insertWorld } from './tracing.fixtures.ts';
import { isoDay } from './tracing.domain.ts';

/**
 * Person 1 (F0, Vân Trung) shares a household with 2 and 3; 3 rides bus route with 4 from day 11;
 * 4 shares a room with 5; 6 is unrelated. All in commune 07801.
 */
function world(): World {
  const w = emptyWorld(6);
  w.cases.push({ p: 1, onset: null, sample: 10, confirmation: 12, isolation: null });
  w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }, { p: 3, from: 0, to: null }] });
  w.groups.push({ kind: 'bus_route', members: [{ p: 3, from: 11, to: null }, { p: 4, from: 0, to: null }] });
  w.groups.push({ kind: 'room', members: [{ p: 4, from: 0, to: null }, { p: 5, from: 0, to: null }] });
  return w;
}

let t: TestDb;
let app: App;
let cdc: string;
let quangChau: string;
let ids: Awaited<ReturnType<typeof insertWorld>>;
let caseId: number;
const day = (n: number) => isoDay(BASE_DAY + n);

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  ids = await insertWorld(t.db, world());
  caseId = (await t.db.selectFrom('covid_case').select('id').executeTakeFirstOrThrow()).id;
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  quangChau = await loginAs(app, 't_quangchau');
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const P = (n: number) => ids.people[n - 1]!;

describe('tracing API', () => {
  it('traces listed F0 as JSON and CSV with the primary source edge', async () => {
    const res = await app.inject({ url: `/api/tracing/trace?f0=${P(1)}&asOf=${day(20)}`, headers: { cookie: cdc } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual([1, 2, 1, 1]);
    const byId = new Map(body.people.map((p: { personId: number }) => [p.personId, p]));
    expect(byId.get(P(4))).toMatchObject({ level: 2, source: { personId: P(3), kind: 'bus_route', groupId: ids.groups[1], date: day(11) } });
    const csv = await app.inject({ url: `/api/tracing/trace?f0=${P(1)}&asOf=${day(20)}&format=csv`, headers: { cookie: cdc } });
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('person_id,level,source_id,kind,group_id,date');
    expect(lines).toContain(`${P(1)},0,,,,`);
    expect(lines).toContain(`${P(5)},3,${P(4)},room,${ids.groups[2]},${day(11)}`);
  });

  it('rejects a listed person who is not a case, and a bad depth, with field errors', async () => {
    const res = await app.inject({ url: `/api/tracing/trace?f0=${P(6)}`, headers: { cookie: cdc } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'f0' });
    expect((await app.inject({ url: `/api/tracing/trace?f0=${P(1)}&depth=9`, headers: { cookie: cdc } })).statusCode).toBe(400);
    for (const url of [`/api/tracing/trace?f0=${P(1)}&asOf=2021-02-30`, `/api/cases/${caseId}/contacts?asOf=2021-02-30`, `/api/cases/${caseId}/chain?asOf=2021-02-30`]) {
      const bad = await app.inject({ url, headers: { cookie: cdc } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe('asOf');
    }
  });

  it("lists a case's F1/F2/F3 with filters, and keeps them out of other communes' reach", async () => {
    const res = await app.inject({ url: `/api/cases/${caseId}/contacts`, headers: { cookie: cdc } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.counts).toEqual({ f1: 2, f2: 1, f3: 1 });
    expect(body.items.map((i: { personId: number }) => i.personId)).toEqual([P(2), P(3), P(4), P(5)]);
    expect(body.items[2]).toMatchObject({ level: 2, source: { personId: P(3), kind: 'bus_route', groupLabel: 'Nhóm 2' } });
    const f2 = await app.inject({ url: `/api/cases/${caseId}/contacts?level=2`, headers: { cookie: cdc } });
    expect(f2.json().total).toBe(1);
    const byKind = await app.inject({ url: `/api/cases/${caseId}/contacts?kind=household`, headers: { cookie: cdc } });
    expect(byKind.json().items.map((i: { personId: number }) => i.personId)).toEqual([P(2), P(3)]);
    expect((await app.inject({ url: `/api/cases/${caseId}/contacts`, headers: { cookie: quangChau } })).statusCode).toBe(403);
  });

  it('exports the list as XLSX', async () => {
    const res = await app.inject({ url: `/api/cases/${caseId}/contacts/export`, headers: { cookie: cdc } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('draws the chain with primary and other edges', async () => {
    const res = await app.inject({ url: `/api/cases/${caseId}/chain?depth=3`, headers: { cookie: cdc } });
    const chain = res.json();
    expect(chain.nodes.map((n: { level: number }) => n.level)).toEqual([0, 1, 1, 2, 3]);
    expect(chain.nodes[0]).toMatchObject({ id: P(1), caseCode: expect.stringMatching(/^T1-/) });
    expect(chain.edges.filter((e: { primary: boolean }) => e.primary)).toHaveLength(4);
    const shallow = await app.inject({ url: `/api/cases/${caseId}/chain?depth=1`, headers: { cookie: cdc } });
    expect(shallow.json().nodes).toHaveLength(3);
  });

  it('records a run for review, lists only new people on the next run, and audits the review', async () => {
    const run = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/trace`, headers: { cookie: cdc } });
    expect(run.statusCode).toBe(200);
    const { runId, newPeople } = run.json();
    expect(newPeople).toBe(4);
    const people = await app.inject({ url: `/api/tracing/runs/${runId}/people?review=pending`, headers: { cookie: cdc } });
    expect(people.json().total).toBe(4);
    const review = await app.inject({
      method: 'POST', url: `/api/tracing/runs/${runId}/review`, headers: { cookie: cdc },
      payload: { personIds: [P(2), P(3)], decision: 'confirmed', note: 'đã gọi điện' },
    });
    expect(review.json()).toEqual({ updated: 2 });
    await app.inject({
      method: 'POST', url: `/api/tracing/runs/${runId}/review`, headers: { cookie: cdc }, payload: { personIds: [P(5)], decision: 'dismissed' },
    });
    // Confirmed, pending and dismissed people are not offered again.
    const again = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/trace`, headers: { cookie: cdc } });
    expect(again.json().newPeople).toBe(0);
    const audit = await t.db.selectFrom('audit_log').select('record_id').where('record_kind', '=', 'traced_person').execute();
    expect(audit.map((a) => a.record_id).sort()).toEqual([`${runId}:${P(2)}`, `${runId}:${P(3)}`, `${runId}:${P(5)}`].sort());
    const listed = await app.inject({ url: `/api/cases/${caseId}/contacts?review=confirmed`, headers: { cookie: cdc } });
    expect(listed.json().items.map((i: { personId: number }) => i.personId)).toEqual([P(2), P(3)]);
    const added = await app.inject({
      method: 'POST', url: `/api/tracing/runs/${runId}/add`, headers: { cookie: cdc },
      payload: { personId: P(6), sourcePersonId: P(1), date: day(11), note: 'gặp ở chợ' },
    });
    expect(added.json()).toEqual({ added: true, level: 1 });
    const elsewhere = await app.inject({
      method: 'POST', url: `/api/tracing/runs/${runId}/add`, headers: { cookie: quangChau },
      payload: { personId: P(6), sourcePersonId: P(1), date: day(11) },
    });
    expect(elsewhere.statusCode).toBe(403);
    const after = await app.inject({ url: `/api/cases/${caseId}/contacts?level=1`, headers: { cookie: cdc } });
    expect(after.json().items.find((i: { personId: number }) => i.personId === P(6))).toMatchObject({ source: { kind: 'manual' }, reviewStatus: 'added' });
  });

  it('keeps the index current when memberships and manual contacts change', async () => {
    const add = await app.inject({
      method: 'POST', url: '/api/contacts/memberships', headers: { cookie: cdc },
      payload: { personId: P(6), groupId: ids.groups[2], validFrom: day(5) },
    });
    expect(add.statusCode).toBe(201);
    const membershipId = add.json().id;
    let chain = (await app.inject({ url: `/api/tracing/trace?f0=${P(1)}&asOf=${day(20)}`, headers: { cookie: cdc } })).json();
    // 6 is F1 by the manual contact added above; sharing the room from day 5, 6 now makes 5 an F2 (was F3 via 4).
    expect(chain.counts).toEqual([1, 3, 2, 0]);
    const end = await app.inject({
      method: 'PATCH', url: `/api/contacts/memberships/${membershipId}`, headers: { cookie: cdc }, payload: { validTo: day(2) },
    });
    expect(end.statusCode).toBe(400);
    expect(end.json().error.field).toBe('validTo');
    const del = await app.inject({ method: 'DELETE', url: `/api/contacts/memberships/${membershipId}`, headers: { cookie: cdc } });
    expect(del.statusCode).toBe(200);
    const contacts = await app.inject({ url: `/api/people/${P(6)}/contacts`, headers: { cookie: cdc } });
    expect(contacts.json().memberships).toEqual([]);
    const manual = contacts.json().manualContacts;
    expect(manual).toHaveLength(1);
    await app.inject({ method: 'DELETE', url: `/api/contacts/manual/${manual[0].id}`, headers: { cookie: cdc } });
    chain = (await app.inject({ url: `/api/tracing/trace?f0=${P(1)}&asOf=${day(20)}`, headers: { cookie: cdc } })).json();
    expect(chain.counts).toEqual([1, 2, 1, 1]);
  });

  it('reopens an ended membership when its end date is cleared with null', async () => {
    const add = await app.inject({
      method: 'POST', url: '/api/contacts/memberships', headers: { cookie: cdc },
      payload: { personId: P(6), groupId: ids.groups[1], validFrom: day(1), validTo: day(2), },
    });
    expect(add.json().validTo).toBe(day(2));
    const reopen = await app.inject({ method: 'PATCH', url: `/api/contacts/memberships/${add.json().id}`, headers: { cookie: cdc }, payload: { validTo: null } });
    expect(reopen.statusCode).toBe(200);
    expect(reopen.json().validTo).toBeNull();
    const note = await app.inject({ method: 'POST', url: '/api/contacts/manual', headers: { cookie: cdc }, payload: { personA: P(5), personB: P(6), date: day(3), note: null } });
    expect(note.json().note).toBeNull();
    await app.inject({ method: 'DELETE', url: `/api/contacts/manual/${note.json().id}`, headers: { cookie: cdc } });
    await app.inject({ method: 'DELETE', url: `/api/contacts/memberships/${add.json().id}`, headers: { cookie: cdc } });
  });

  it('finds groups by name without accents', async () => {
    await app.inject({ method: 'POST', url: '/api/contacts/groups', headers: { cookie: cdc }, payload: { kind: 'bus_route', label: 'Tuyến Tân Yên – Quang Châu', communeCode: '07801' } });
    const res = await app.inject({ url: '/api/contacts/groups?q=tan%20yen', headers: { cookie: cdc } });
    expect(res.json().items.map((g: { label: string }) => g.label)).toEqual(['Tuyến Tân Yên – Quang Châu']);
  });

  it('validates manual contacts: same person, future date, unknown person', async () => {
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/contacts/manual', headers: { cookie: cdc }, payload });
    expect((await post({ personA: P(1), personB: P(1), date: day(3) })).json().error.field).toBe('personB');
    expect((await post({ personA: P(1), personB: P(2), date: '2999-01-01' })).json().error.field).toBe('date');
    expect((await post({ personA: P(1), personB: 99_999_999, date: day(3) })).json().error.field).toBe('personB');
  });
});
