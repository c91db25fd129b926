import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../test/fixtures.ts';
import { ReferenceDataError } from '../modules/places/reference-data.ts';
import { createPerson } from '../modules/people/people.service.ts';
import type { Actor } from '../modules/auth/policy.ts';
import { prepare } from './bootstrap.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'epi-restart-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const actor: Actor = {
  userId: 0, username: 'system-test', role: 'province_admin', scopeKind: 'province', scopeCode: '24', scopeOrgId: null, provinceCode: '24', ip: null,
};
const quiet = () => {};

describe('start-up', () => {
  it('keeps data on disk across a restart of the embedded database', async () => {
    const dataDir = path.join(tempDir(), 'data');
    // The embedded engine is what `npm start` uses by default, whatever DATABASE_URL the test run has.
    const config = { ...testConfig({ DATA_DIR: dataDir }), databaseUrl: undefined };
    const first = await prepare(config, quiet, { demoPeople: 0, demoSeed: 1 });
    const created = await createPerson(first.db, actor, { fullName: 'Hoàng Văn Lâm', sex: 'male', communeCode: '07801' });
    await first.db.destroy();

    const logs: string[] = [];
    const second = await prepare(config, (m) => logs.push(m), { demoPeople: 0, demoSeed: 1 });
    const row = await second.db.selectFrom('person').select(['id', 'full_name']).where('id', '=', created.id).executeTakeFirst();
    await second.db.destroy();
    expect(row).toEqual({ id: created.id, full_name: 'Hoàng Văn Lâm' });
    // Nothing migrated or re-imported the second time.
    expect(logs.some((l) => l.includes('migrations applied') || l.includes('units loaded'))).toBe(false);
  });

  it('stops with a clear message naming a missing VN_ADMIN_DIR, before touching the data folder', async () => {
    const dataDir = path.join(tempDir(), 'never-created');
    const config = { ...testConfig({ DATA_DIR: dataDir, VN_ADMIN_DIR: '/no/such/vn-admin' }), databaseUrl: undefined };
    const run = prepare(config, quiet, { demoPeople: 0, demoSeed: 1 });
    await expect(run).rejects.toThrow(ReferenceDataError);
    await expect(run).rejects.toThrow('/no/such/vn-admin');
    expect(existsSync(dataDir)).toBe(false);
  });
});
