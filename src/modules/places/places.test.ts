import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { boundariesGeoJson, importReferenceData, listUnits } from './places.service.ts';
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
