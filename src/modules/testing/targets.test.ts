import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
const cookies: Record<string, string> = {};
const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, user = 't_cdc') =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, ...(payload === undefined ? {} : { payload: payload as object }) });
const issueOf = (res: { json: () => { error: { details: { issues: unknown[] } } } }) => res.json().error.details.issues[0];
const roundPeople = async (roundId: number) =>
  (await t.db.selectFrom('round_person').select('person_id').where('round_id', '=', roundId).orderBy('person_id').execute()).map((r) => r.person_id);

async function addPerson(commune_code: string, address_detail: string | null, name: string) {
  const full = `Lê Văn ${name}`;
  return (await t.db.insertInto('person').values({ province_code: '24', district_code: '222', commune_code, address_detail, full_name: full, name_search: foldVietnamese(full), sex: 'male' })
    .returning('id').executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  for (const u of ['t_cdc', 't_vantrung', 't_quangchau']) cookies[u] = await loginAs(app, u);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('village rounds', () => {
  const round = (village: string, communeCode = '07801', user = 't_cdc') =>
    inject('POST', '/api/testing/rounds', { targetKind: 'village', communeCode, village, scheduledOn: '2021-07-05', method: 'rt_pcr' }, user);

  beforeAll(async () => {
    const addresses = ['Thôn Vân Cốc, xóm 1', 'Thôn Vân Cốc, xóm 2', '  thôn Vân Cốc', 'Thôn Vân Cốc 2, xóm 1', 'Thôn Trung Đồng, xóm 3', 'Tổ dân phố 5', null];
    for (const [i, a] of addresses.entries()) await addPerson('07801', a, `Vân ${i}`);
    await addPerson('07807', 'Thôn Vân Cốc, xóm 1', 'Quang');
  });

  it("expects exactly the village's residents, whatever the case of their address", async () => {
    const res = await round('Thôn Vân Cốc ');
    expect(res.statusCode, res.body).toBe(201);
    const residents = await sql<{ id: number }>`select id from person where province_code = '24' and commune_code = '07801'
      and lower(trim(split_part(address_detail, ',', 1))) = lower('Thôn Vân Cốc') order by id`.execute(t.db);
    expect(residents.rows).toHaveLength(3);
    expect(res.json()).toMatchObject({ targetKind: 'village', targetLabel: 'Thôn Vân Cốc, Xã Vân Trung', communeCode: '07801', districtCode: '222', targetOrgId: null, expected: residents.rows.length });
    expect(await roundPeople(res.json().id)).toEqual(residents.rows.map((r) => r.id));
  });

  it('names the village when nobody lives there, and the commune when it is unknown', async () => {
    const empty = await round('Thôn Không Có');
    expect(empty.statusCode).toBe(400);
    expect(issueOf(empty)).toMatchObject({ field: 'village', code: 'EMPTY' });
    expect(empty.json().error.message.vi).toContain('Thôn Không Có');
    expect(empty.json().error.message.en).toContain('Xã Vân Trung');
    expect(issueOf(await round('Thôn Vân Cốc', '99999'))).toMatchObject({ field: 'communeCode', code: 'UNKNOWN' });
    expect(issueOf(await round('  '))).toMatchObject({ field: 'village', code: 'REQUIRED' });
  });

  it("lets a commune team sample its own villages only", async () => {
    expect((await round('Thôn Vân Cốc', '07801', 't_vantrung')).statusCode).toBe(201);
    const other = await round('Thôn Vân Cốc', '07801', 't_quangchau');
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
  });
});

describe('workshop rounds', () => {
  let enterprise: number;
  const p: number[] = [];
  const round = (body: Record<string, unknown>) =>
    inject('POST', '/api/testing/rounds', { targetKind: 'workshop', targetOrgId: enterprise, scheduledOn: '2021-07-05', method: 'rt_pcr', ...body });

  beforeAll(async () => {
    enterprise = (await t.db.insertInto('org_unit').values({ kind: 'enterprise', name: 'Công ty TNHH May Vân Trung', province_code: '24', district_code: '222', commune_code: '07801', attrs: '{}' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const group = async (workshop: string, shift: string, start: string, end: string) =>
      (await t.db.insertInto('contact_group').values({
        kind: 'workshop_shift', org_unit_id: enterprise, label: `${workshop} – ${shift}`, province_code: '24', district_code: '222', commune_code: '07801', address_detail: null,
        attrs: JSON.stringify({ workshop, shift, start, end }),
      }).returning('id').executeTakeFirstOrThrow()).id;
    const sew1 = await group('Xưởng May 1', 'Ca 1', '06:00', '14:00');
    const sew2 = await group('Xưởng May 1', 'Ca 2', '14:00', '22:00');
    const cut = await group('Xưởng Cắt 1', 'Ca 1', '06:00', '14:00');
    for (let i = 0; i < 6; i++) p.push(await addPerson('07807', null, `Thợ ${i}`));
    const member = (group_id: number, person_id: number, valid_from: string, valid_to: string | null = null) =>
      t.db.insertInto('group_membership').values({ group_id, person_id, province_code: '24', valid_from, valid_to, role: null }).execute();
    await member(sew1, p[0]!, '2021-01-04');
    await member(sew1, p[1]!, '2021-03-01');
    // Moved off the workshop before the round's day: not expected.
    await member(sew1, p[2]!, '2021-01-04', '2021-06-30');
    await member(sew2, p[3]!, '2021-02-01');
    // On both shifts of the workshop: expected once.
    await member(sew2, p[0]!, '2021-05-01', '2021-07-05');
    // Starts after the round's day: not expected.
    await member(sew2, p[4]!, '2021-07-10');
    await member(cut, p[5]!, '2021-07-01');
  });

  it("expects the shift's members on the round's day", async () => {
    const res = await round({ workshop: 'Xưởng May 1', shift: 'Ca 1' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ targetLabel: 'Xưởng May 1 – Ca 1, Công ty TNHH May Vân Trung', targetOrgId: enterprise, communeCode: '07801', districtCode: '222', expected: 2 });
    expect(await roundPeople(res.json().id)).toEqual([p[0], p[1]]);
  });

  it("expects every shift's members without a shift, each once", async () => {
    const res = await round({ workshop: 'Xưởng May 1', shift: null });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ targetLabel: 'Xưởng May 1 – mọi ca, Công ty TNHH May Vân Trung', targetOrgId: enterprise, expected: 3 });
    expect(await roundPeople(res.json().id)).toEqual([p[0], p[1], p[3]]);
  });

  it('names the workshop when it or its shift is unknown, or nobody works there that day', async () => {
    for (const body of [{ workshop: 'Xưởng Không Có' }, { workshop: 'Xưởng May 1', shift: 'Ca 9' }]) {
      const res = await round(body);
      expect(res.statusCode).toBe(400);
      expect(issueOf(res)).toMatchObject({ field: 'workshop', code: 'UNKNOWN' });
    }
    expect(issueOf(await round({ workshop: 'Xưởng Cắt 1', scheduledOn: '2021-06-20' }))).toMatchObject({ field: 'workshop', code: 'EMPTY' });
    expect(issueOf(await round({}))).toMatchObject({ field: 'workshop', code: 'REQUIRED' });
    expect(issueOf(await round({ targetOrgId: 999_999, workshop: 'Xưởng May 1' }))).toMatchObject({ field: 'targetOrgId', code: 'UNKNOWN' });
  });

  it('lists the workshops and shifts with their people on a day, by workshop then shift start', async () => {
    const res = await inject('GET', `/api/testing/targets/workshops?enterpriseId=${enterprise}&on=2021-07-05`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((w: { workshop: string; shift: string; start: string; end: string; people: number }) => `${w.workshop}|${w.shift}|${w.start}-${w.end}|${w.people}`)).toEqual([
      'Xưởng Cắt 1|Ca 1|06:00-14:00|1',
      'Xưởng May 1|Ca 1|06:00-14:00|2',
      'Xưởng May 1|Ca 2|14:00-22:00|2',
    ]);
    expect(res.json().items[0].groupId).toBeGreaterThan(0);
    // Today by default: the membership ended in July 2021 no longer counts, the one started later does.
    const today = (await inject('GET', `/api/testing/targets/workshops?enterpriseId=${enterprise}`)).json();
    expect(today.items.map((w: { people: number }) => w.people)).toEqual([1, 2, 2]);
    expect(today.items[2]).toMatchObject({ workshop: 'Xưởng May 1', shift: 'Ca 2', people: 2 });
  });

  it('does not find an unknown enterprise, and keeps an area team to its own area', async () => {
    const unknown = await inject('GET', '/api/testing/targets/workshops?enterpriseId=999999');
    expect(unknown.statusCode).toBe(404);
    expect((await inject('GET', `/api/testing/targets/workshops?enterpriseId=${enterprise}&on=5-7-2021`)).statusCode).toBe(400);
    expect((await inject('GET', `/api/testing/targets/workshops?enterpriseId=${enterprise}`, undefined, 't_quangchau')).statusCode).toBe(403);
    expect((await inject('GET', `/api/testing/targets/workshops?enterpriseId=${enterprise}`, undefined, 't_vantrung')).statusCode).toBe(200);
  });
});
