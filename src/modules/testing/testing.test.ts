import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { App } from '../../server/app.ts';
import { buildTestApp, loginAs, seedTestUsers } from '../../test/fixtures.ts';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { normaliseBarcode, poolSizeFor } from './testing.service.ts';

describe('pooling rules', () => {
  it('pools 5 for higher risk and 10 for lower, unless configured', () => {
    expect(poolSizeFor('high')).toBe(5);
    expect(poolSizeFor('low')).toBe(10);
    expect(poolSizeFor('low', { high: 3, low: 6 })).toBe(6);
  });
  it('normalises barcodes and refuses malformed ones', () => {
    expect(normaliseBarcode(' bg-0610-001 ')).toBe('BG-0610-001');
    expect(normaliseBarcode('a')).toBeNull();
    expect(normaliseBarcode('=cmd|x')).toBeNull();
  });
});

let t: TestDb;
let app: App;
let cdc: string;
const AREA = { province_code: '24', district_code: '222', commune_code: '07801' };
const inject = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  app.inject({ method, url, headers: { cookie: cdc }, ...(payload === undefined ? {} : { payload: payload as object }) });

let people: number[] = [];
beforeAll(async () => {
  t = await createTestDb();
  await seedTestUsers(t.db);
  app = await buildTestApp(t.db);
  cdc = await loginAs(app, 't_cdc');
  const names = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Lan'];
  people = [];
  for (const n of names) {
    const full = `Nguyễn Văn ${n}`;
    people.push((await t.db.insertInto('person').values({ ...AREA, full_name: full, name_search: foldVietnamese(full), sex: 'male' }).returning('id').executeTakeFirstOrThrow()).id);
  }
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

describe('sampling rounds and pools', () => {
  it('pools by risk, refuses a full pool and a second sample, lists who is missing', async () => {
    const res = await inject('POST', '/api/testing/rounds', { targetKind: 'list', targetLabel: 'Công nhân xưởng A, ca 1', personIds: people, scheduledOn: '2021-06-10', method: 'rt_pcr_pool', riskLevel: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json();
    expect(round).toMatchObject({ poolSize: 5, expected: 8, sampled: 0, missing: 8, status: 'planned', code: 'VL-20210610-001' });
    const sample = (i: number, barcode: string) => inject('POST', `/api/testing/rounds/${round.id}/samples`, { personId: people[i], barcode });
    for (let i = 0; i < 5; i++) expect((await sample(i, 'gop-a')).statusCode).toBe(201);
    const full = await sample(5, 'GOP-A');
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('POOL_FULL');
    expect((await sample(5, 'GOP-B')).statusCode).toBe(201);
    expect((await sample(6, 'GOP-B')).statusCode).toBe(201);
    expect((await sample(6, 'GOP-C')).json().error.code).toBe('ALREADY_SAMPLED');
    const missing = (await inject('GET', `/api/testing/rounds/${round.id}/missing`)).json();
    expect(missing.items.map((p: { id: number }) => p.id)).toEqual([people[7]]);
    // Found by name without accents, only among those still to sample.
    expect((await inject('GET', `/api/testing/rounds/${round.id}/missing?q=van%20lan`)).json().items.map((p: { id: number }) => p.id)).toEqual([people[7]]);
    expect((await inject('GET', `/api/testing/rounds/${round.id}/missing?q=an`)).json().items.map((p: { id: number }) => p.id)).toEqual([people[7]]);
    expect((await inject('GET', `/api/testing/rounds/${round.id}/missing?q=${people[0]}`)).json().total).toBe(0);
    const detail = (await inject('GET', `/api/testing/rounds/${round.id}`)).json();
    expect(detail).toMatchObject({ expected: 8, sampled: 7, missing: 1, status: 'sampling' });
    expect(detail.pools.map((p: { barcode: string; members: number; status: string }) => `${p.barcode}:${p.members}:${p.status}`)).toEqual(['GOP-A:5:full', 'GOP-B:2:open']);
  });

  it('clears a negative pool, and turns a positive pool into individual re-tests without confirming anyone', async () => {
    const round = (await inject('GET', '/api/testing/rounds')).json().items[0];
    const detail = (await inject('GET', `/api/testing/rounds/${round.id}`)).json();
    const [a, b] = detail.pools as Array<{ id: number }>;
    // A tube may not take a pool's barcode: a lab file naming it would be ambiguous.
    const clash = await inject('POST', '/api/samples', { personId: people[7], takenOn: '2021-06-10', method: 'rt_pcr', barcode: 'GOP-A' });
    expect(clash.json().error.details.issues[0]).toMatchObject({ field: 'barcode', code: 'DUPLICATE' });
    const neg = await inject('PUT', `/api/testing/pools/${a!.id}/result`, { result: 'negative', resultedOn: '2021-06-11' });
    expect(neg.json()).toEqual({ retests: 0, cleared: 5 });
    const pos = await inject('PUT', `/api/testing/pools/${b!.id}/result`, { result: 'positive', resultedOn: '2021-06-11', ct: 24 });
    expect(pos.json()).toEqual({ retests: 2, cleared: 0 });
    // The same result again changes nothing; another one is refused.
    expect((await inject('PUT', `/api/testing/pools/${b!.id}/result`, { result: 'positive', resultedOn: '2021-06-11' })).json()).toEqual({ retests: 0, cleared: 0 });
    expect((await inject('PUT', `/api/testing/pools/${b!.id}/result`, { result: 'negative', resultedOn: '2021-06-11' })).statusCode).toBe(409);
    expect(await t.db.selectFrom('covid_case').select('id').execute()).toEqual([]);
    const after = (await inject('GET', `/api/testing/rounds/${round.id}`)).json();
    expect(after.results).toEqual({ negative: 5, pending: 2 });
    expect(after.pools.map((p: { status: string; awaitingRetest: number }) => `${p.status}:${p.awaitingRetest}`)).toEqual(['cleared:0', 'retesting:2']);
    const open = (await inject('GET', `/api/testing/retests?status=open&roundId=${round.id}`)).json();
    expect(open.items.map((x: { personId: number; reason: string }) => `${x.personId}:${x.reason}`).sort()).toEqual([`${people[5]}:pool_positive`, `${people[6]}:pool_positive`].sort());

    // The individual re-test: one negative (resolved), one positive (a case, through cases).
    const retestRound = (await inject('POST', '/api/testing/rounds', { targetKind: 'list', targetLabel: 'Xét nghiệm lại mẫu gộp GOP-B', personIds: [people[5], people[6]], scheduledOn: '2021-06-12', method: 'rt_pcr' })).json();
    const s5 = (await inject('POST', `/api/testing/rounds/${retestRound.id}/samples`, { personId: people[5], barcode: 'DON-001' })).json();
    const s6 = (await inject('POST', `/api/testing/rounds/${retestRound.id}/samples`, { personId: people[6], barcode: 'DON-002' })).json();
    expect(s5.retestId).toBeGreaterThan(0);
    expect((await inject('PUT', `/api/samples/${s5.id}/result`, { result: 'negative', resultedOn: '2021-06-13' })).statusCode).toBe(200);
    const pos6 = await inject('PUT', `/api/samples/${s6.id}/result`, { result: 'positive', resultedOn: '2021-06-13' });
    expect(pos6.json().caseId).toBeGreaterThan(0);
    const resolved = (await inject('GET', `/api/testing/retests?status=resolved`)).json();
    expect(resolved.items.map((x: { personId: number; outcome: string }) => `${x.personId}:${x.outcome}`).sort()).toEqual([`${people[5]}:negative`, `${people[6]}:positive`].sort());
    const final = (await inject('GET', `/api/testing/rounds/${round.id}`)).json();
    expect(final.pools[1].status).toBe('resolved');

    // The person's history shows the pooled sample and the re-test; the slip prints the result.
    const history = (await inject('GET', `/api/samples?personId=${people[5]}`)).json();
    expect(history.map((h: { barcode: string | null; pool_barcode: string | null; result: string | null }) => `${h.barcode ?? h.pool_barcode}:${h.result}`)).toEqual(['DON-001:negative', 'GOP-B:null']);
    const slip = await inject('GET', `/api/samples/${s5.id}/slip.docx`);
    expect(slip.statusCode, slip.body).toBe(200);
    const xml = await (await JSZip.loadAsync(slip.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('PHIẾU TRẢ KẾT QUẢ XÉT NGHIỆM');
    expect(text).toContain('Nguyễn Văn Hà');
    expect(text).toContain('DON-001');
    expect(text).toContain('ÂM TÍNH');
    const pending = (await inject('GET', `/api/samples?personId=${people[0]}`)).json()[0];
    expect(pending.result).toBe('negative');
  });

  it('asks for a new sample after an invalid result', async () => {
    const r = (await inject('POST', '/api/testing/rounds', { targetKind: 'list', targetLabel: 'Test nhanh', personIds: [people[7]], scheduledOn: '2021-06-14', method: 'rt_pcr' })).json();
    const s = (await inject('POST', `/api/testing/rounds/${r.id}/samples`, { personId: people[7], barcode: 'DON-003' })).json();
    await inject('PUT', `/api/samples/${s.id}/result`, { result: 'invalid', resultedOn: '2021-06-14' });
    const open = (await inject('GET', '/api/testing/retests?status=open')).json();
    expect(open.items.map((x: { personId: number; reason: string }) => `${x.personId}:${x.reason}`)).toContain(`${people[7]}:invalid_result`);
  });
});
