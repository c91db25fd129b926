/**
 * The engine against the SQL trace on random small provinces: same people, levels, windows,
 * primary edges and every exposure edge, for "all confirmed cases" and for a listed subset.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { OPEN_END, dayNumber, isoDay } from './tracing.domain.ts';
import { exposureEdges } from './tracing.edges.ts';
import { resolveF0, trace, tracedPeople } from './tracing.engine.ts';
import { BASE_DAY, clearWorld, insertWorld, worldArb } from './tracing.fixtures.ts';
import { TracingIndex } from './tracing.index.ts';
import { engineWorkerReady } from './tracing.parallel.ts';
import { loadContactData, traceSql } from './tracing.repository.ts';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  expect(await engineWorkerReady()).toBe(true);
});
afterAll(async () => { await t.destroy(); });

describe('tracing engine = SQL trace', () => {
  it('gives identical results on random small provinces', async () => {
    await fc.assert(fc.asyncProperty(worldArb, fc.integer({ min: 6, max: 18 }), fc.integer({ min: 1, max: 4 }), fc.boolean(),
      async (world, asOfOffset, depth, listed) => {
        await clearWorld(t.db);
        const ids = await insertWorld(t.db, world);
        const index = new TracingIndex(await loadContactData(t.db, '24'));
        const asOfIso = isoDay(BASE_DAY + asOfOffset);
        const f0 = listed ? [...new Set(world.cases.slice(0, 2).map((c) => ids.people[c.p - 1]!))] : null;
        const asOf = dayNumber(asOfIso);
        const engine = trace(index, { f0: resolveF0(index, f0, asOf).sources, asOf, depth, minParallelSources: Infinity });
        // The same run with every level split between the main thread and the engine's worker.
        const split = trace(index, { f0: resolveF0(index, f0, asOf).sources, asOf, depth, minParallelSources: 1 });
        expect(tracedPeople(split)).toEqual(tracedPeople(engine));
        const viaSql = await traceSql(t.db, { provinceCode: '24', f0, asOf: asOfIso, depth, checkinMinutes: 30 });

        const enginePeople = tracedPeople(engine).map((p) =>
          [p.person, p.level, isoDay(p.windowStart), isoDay(p.windowEnd), p.source, p.kind, p.group, p.date === null ? null : isoDay(p.date)].join('|'));
        const sqlPeople = viaSql.people.map((p) => [p.person_id, p.level, p.w_start, p.w_end, p.source, p.kind, p.group_id, p.d].join('|'));
        expect(enginePeople).toEqual(sqlPeople);
        const key = (e: { source: number; target: number; kind: string; group: number | null; date: string; level: number }) =>
          [e.level, e.target, e.source, e.kind, e.group, e.date].join('|');
        const engineEdges = exposureEdges(index, engine).map((e) => key({ ...e, date: isoDay(e.date), level: e.targetLevel })).sort();
        const sqlEdges = viaSql.edges.map((e) => key({ source: e.source, target: e.target, kind: e.kind, group: e.group_id, date: e.d, level: e.target_level })).sort();
        expect(engineEdges).toEqual(sqlEdges);
      }), { numRuns: 60 });
  }, 120_000);
});

describe('loading the contact data', () => {
  it("reads the same columns packed (PGlite's path) as row by row (the path inside a transaction and on PostgreSQL)", async () => {
    await fc.assert(fc.asyncProperty(worldArb, async (world) => {
      await clearWorld(t.db);
      await insertWorld(t.db, world);
      // Fractional seconds and open ends, as the register holds them.
      await t.db.updateTable('checkin').set({ checked_in_at: new Date(Date.UTC(2021, 4, 9, 16, 59, 59, 999)) }).where('id', '=', (eb) => eb.selectFrom('checkin').select((e) => e.fn.min('id').as('m'))).execute();
      const direct = await loadContactData(t.db, '24');
      const rows = await t.db.transaction().execute((trx) => loadContactData(trx, '24'));
      const plain = (d: typeof direct) => JSON.parse(JSON.stringify(d, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)));
      expect(plain(direct)).toEqual(plain(rows));
      expect(direct.memberships.count).toBe(world.groups.reduce((n, g) => n + g.members.length, 0));
      expect(Array.from(direct.memberships.to).some((d) => d === OPEN_END)).toBe(world.groups.some((g) => g.members.some((m) => m.to === null)));
    }), { numRuns: 25 });
  }, 120_000);

  it('reads an empty province as empty columns', async () => {
    await clearWorld(t.db);
    const d = await loadContactData(t.db, '24');
    expect([d.memberships.count, d.checkins.count, d.quarantines.count, d.groups.id.length]).toEqual([0, 0, 0, 0]);
  });
});
