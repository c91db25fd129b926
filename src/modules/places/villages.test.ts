import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';

let t: TestDb;
let app: App;
let cdc: string;
const get = (url: string, cookie: string | undefined = cdc) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  const add = (commune_code: string, district_code: string, address_detail: string | null, i: number) => {
    const full = `Trần Thị Thôn ${i}`;
    return t.db.insertInto('person').values({ province_code: '24', district_code, commune_code, address_detail, full_name: full, name_search: foldVietnamese(full), sex: 'female' }).execute();
  };
  // Vân Trung (07801): two villages and a street group, one address spelt in lower case, one without a village.
  const vanTrung = ['Thôn Vân Cốc, xóm 1', 'Thôn Vân Cốc, xóm 2', ' thôn Vân Cốc ', 'Thôn Trung Đồng, xóm 3', 'Thôn Trung Đồng', 'Tổ dân phố 5', null, ', xóm 4'];
  for (const [i, a] of vanTrung.entries()) await add('07801', '222', a, i);
  // Quang Châu (07807): a village of the same name elsewhere is another village.
  await add('07807', '222', 'Thôn Vân Cốc, xóm 9', 99);
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('GET /api/places/villages', () => {
  it("lists a commune's villages with their residents, case aside, sorted by name", async () => {
    const res = await get('/api/places/villages?communeCode=07801');
    expect(res.statusCode, res.body).toBe(200);
    const count = async (village: string) => (await sql<{ n: number }>`select count(*)::int as n from person
      where commune_code = '07801' and lower(trim(split_part(address_detail, ',', 1))) = lower(${village})`.execute(t.db)).rows[0]!.n;
    expect(res.json()).toEqual({
      items: [
        { village: 'Thôn Trung Đồng', people: await count('Thôn Trung Đồng') },
        { village: 'Thôn Vân Cốc', people: await count('Thôn Vân Cốc') },
        { village: 'Tổ dân phố 5', people: await count('Tổ dân phố 5') },
      ],
    });
    expect(res.json().items.map((v: { people: number }) => v.people)).toEqual([2, 3, 1]);
  });

  it('lists nothing for a commune without residents', async () => {
    expect((await get('/api/places/villages?communeCode=07795')).json()).toEqual({ items: [] });
  });

  it('refuses a malformed code and does not find a commune outside the province', async () => {
    const bad = await get('/api/places/villages?communeCode=78O1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'communeCode' });
    expect(bad.json().error.message.en).toContain('5 digits');
    expect((await get('/api/places/villages')).json().error.code).toBe('VALIDATION_FAILED');
    for (const code of ['99999', '00001']) {
      const res = await get(`/api/places/villages?communeCode=${code}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect((await get('/api/places/villages?communeCode=07801', '')).statusCode).toBe(401);
  });
});
