import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { Actor } from '../auth/policy.ts';
import { boundariesGeoJson, importReferenceData, listFacilities, listUnits } from './places.service.ts';
import { ReferenceDataError, readUnits } from './reference-data.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.destroy());

describe('reference data', () => {
  it('loads every province, district and commune of the GSO list', async () => {
    const count = async (level: 'province' | 'district' | 'commune') =>
      (await listUnits(t.db, { level, page: 1, pageSize: 1 })).total;
    expect(await count('province')).toBe(63);
    expect(await count('district')).toBe(705);
    expect(await count('commune')).toBe(10599);
  });

  it('importing again changes nothing (idempotent)', async () => {
    const cfg = loadConfig();
    const r = await importReferenceData(t.db, cfg.vnAdminDir, '24');
    expect(r).toMatchObject({ provinces: 63, districts: 705, communes: 10599 });
    expect((await listUnits(t.db, { level: 'commune', page: 1, pageSize: 1 })).total).toBe(10599);
  });

  it('a missing folder is a clear error naming the path', () => {
    expect(() => readUnits('/nowhere/vn-admin')).toThrow(ReferenceDataError);
    expect(() => readUnits('/nowhere/vn-admin')).toThrow(/\/nowhere\/vn-admin/);
  });

  it('a broken units file is a clear error naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vn-admin-'));
    writeFileSync(path.join(dir, 'units-2021-11.json'), '{"provinces": [{"code": "x"}]}');
    expect(() => readUnits(dir)).toThrow(/units-2021-11\.json.*malformed province/);
  });
});

describe('search', () => {
  it('folds Vietnamese accents and đ', () => {
    expect(foldVietnamese('Tỉnh Bắc Giang')).toBe('tinh bac giang');
    expect(foldVietnamese('Đình  Trám')).toBe('dinh tram');
  });

  it('"bac giang" finds Bắc Giang without accents', async () => {
    const r = await listUnits(t.db, { level: 'province', q: 'bac giang', page: 1, pageSize: 10 });
    expect(r.items.map((u) => u.code)).toEqual(['24']);
  });

  it('lists the 10 districts of Bắc Giang under their parent', async () => {
    const r = await listUnits(t.db, { level: 'district', parent: '24', page: 1, pageSize: 50 });
    expect(r.total).toBe(10);
    expect(r.items.map((u) => u.name)).toContain('Huyện Việt Yên');
  });

  it('treats LIKE wildcards in the query literally', async () => {
    const r = await listUnits(t.db, { q: '%', page: 1, pageSize: 10 });
    expect(r.total).toBe(0);
  });
});

describe('boundaries', () => {
  it('serves the province outline and its 10 district polygons as GeoJSON', async () => {
    const fc = await boundariesGeoJson(t.db, '24');
    expect(fc.features.filter((f) => f.properties.level === 'district')).toHaveLength(10);
    expect(fc.features.find((f) => f.properties.code === '222')?.properties.name).toBe('Huyện Việt Yên');
  });
});

describe('facility lookup', () => {
  let app: App;
  let cdc: string;
  const ids: Record<string, number> = {};
  const addOrg = async (key: string, kind: string, name: string, area: { province_code: string; district_code: string | null; commune_code: string | null }) => {
    const r = await t.db.insertInto('org_unit').values({ kind, name, ...area, attrs: '{}' }).returning('id').executeTakeFirstOrThrow();
    ids[key] = r.id;
  };
  const vanTrung = { province_code: '24', district_code: '222', commune_code: '07801' };
  const actor = (provinceCode: string, role: Actor['role'] = 'cdc'): Actor => ({
    userId: 1, username: 'x', role, scopeKind: 'province', scopeCode: provinceCode, scopeOrgId: null, provinceCode, ip: null,
  });

  beforeAll(async () => {
    await addOrg('field', 'treatment_facility', 'Bệnh viện Dã chiến số 1', vanTrung);
    await addOrg('lung', 'treatment_facility', 'Bệnh viện Phổi tỉnh', { province_code: '24', district_code: '213', commune_code: null });
    await addOrg('dorm', 'quarantine_facility', 'Khu cách ly Ký túc xá Đại học Nông Lâm', vanTrung);
    await addOrg('firm', 'enterprise', 'Bệnh viện tư nhân (doanh nghiệp)', vanTrung);
    await addOrg('hanoi', 'treatment_facility', 'Bệnh viện Bạch Mai', { province_code: '01', district_code: null, commune_code: null });
    await seedTestUsers(t.db);
    app = await buildTestApp(t.db);
    cdc = await loginAs(app, 't_cdc');
  });
  afterAll(async () => app.close());

  it('lists both kinds of the actor’s province only, with commune and district names', async () => {
    const r = await listFacilities(t.db, actor('24'), { page: 1, pageSize: 20 });
    expect(r.total).toBe(3);
    expect(r.items.map((f) => f.id).sort()).toEqual([ids.field, ids.lung, ids.dorm].sort());
    expect(r.items.find((f) => f.id === ids.field)).toEqual({
      id: ids.field, kind: 'treatment_facility', name: 'Bệnh viện Dã chiến số 1', communeCode: '07801', communeName: 'Xã Vân Trung', districtName: 'Huyện Việt Yên',
    });
    expect(r.items.find((f) => f.id === ids.lung)).toMatchObject({ communeCode: null, communeName: null });
    expect((await listFacilities(t.db, actor('01'), { page: 1, pageSize: 20 })).items.map((f) => f.id)).toEqual([ids.hanoi]);
  });

  it('filters by kind and searches names without accents or case', async () => {
    const quarantine = await listFacilities(t.db, actor('24'), { kind: 'quarantine_facility', page: 1, pageSize: 20 });
    expect(quarantine.items.map((f) => f.id)).toEqual([ids.dorm]);
    const search = async (q: string) => (await listFacilities(t.db, actor('24'), { kind: 'treatment_facility', q, page: 1, pageSize: 20 })).items.map((f) => f.id);
    expect(await search('dã chiến')).toEqual([ids.field]);
    expect(await search('  DA   CHIEN ')).toEqual([ids.field]);
    expect(await search('benh vien')).toEqual([ids.field, ids.lung]);
    expect(await search('phoi')).toEqual([ids.lung]);
    expect(await search('%')).toEqual([]);
    expect((await listFacilities(t.db, actor('24'), { q: 'dai hoc nong lam', page: 1, pageSize: 20 })).items.map((f) => f.id)).toEqual([ids.dorm]);
  });

  it('pages the result', async () => {
    const page2 = await listFacilities(t.db, actor('24'), { kind: 'treatment_facility', page: 2, pageSize: 1 });
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.items.map((f) => f.id)).toEqual([ids.lung]);
  });

  it('serves GET /api/places/facilities to a signed-in user, validating the kind', async () => {
    const get = (url: string, cookie?: string) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const res = await get('/api/places/facilities?kind=treatment_facility&q=da%20chien&page=1&pageSize=10', cdc);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [{ id: ids.field, kind: 'treatment_facility', name: 'Bệnh viện Dã chiến số 1', communeCode: '07801', communeName: 'Xã Vân Trung', districtName: 'Huyện Việt Yên' }],
      total: 1, page: 1, pageSize: 10,
    });
    expect((await get('/api/places/facilities?kind=enterprise', cdc)).json().error.code).toBe('VALIDATION_FAILED');
    expect((await get('/api/places/facilities')).statusCode).toBe(401);
  });
});
