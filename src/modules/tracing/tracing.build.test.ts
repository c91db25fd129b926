/**
 * Building the index from the database with the helper thread gives the same index as building
 * it on the main thread alone; a helper that fails leaves its part to the main thread.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../../test/test-db.ts';
import { BuildHelper, buildTracingIndex } from './tracing.build.ts';
import { dayNumber, isoDay } from './tracing.domain.ts';
import { resolveF0, trace, tracedPeople } from './tracing.engine.ts';
import { BASE_DAY, clearWorld, insertWorld, worldArb } from './tracing.fixtures.ts';
import type { ContactData, TracingIndex } from './tracing.index.ts';
import { loadContactData } from './tracing.repository.ts';

let t: TestDb;
beforeAll(async () => { t = await createTestDb(); });
afterAll(async () => { await t.destroy(); });

/** Every array of an index as plain lists, with its capacity. */
function arraysOf(index: TracingIndex): Record<string, unknown> {
  const out: Record<string, unknown> = { personCapacity: index.personCapacity, groupKind: Array.from(index.groupKind), gId: Array.from(index.gId), pId: Array.from(index.pId) };
  for (const [name, a] of Object.entries(index.base)) out[name] = Array.from(a as ArrayLike<number>);
  return out;
}

describe('building the index', () => {
  it('lays out the same arrays with the helper thread as without it, on random small provinces', async () => {
    // A helper that failed would warn and leave its parts to the main thread: none may here.
    const warn = vi.spyOn(process, 'emitWarning');
    await fc.assert(fc.asyncProperty(worldArb, async (world) => {
      await clearWorld(t.db);
      const ids = await insertWorld(t.db, world);
      const helped = await buildTracingIndex(t.db, '24', { minWorkerRows: 1 });
      const alone = await buildTracingIndex(t.db, '24', { minWorkerRows: Infinity });
      expect(arraysOf(helped)).toEqual(arraysOf(alone));
      // The base arrays reach past the memberships' own largest person and group when other
      // tables name larger ones (check-ins, cases, orders): the offsets are padded.
      expect(helped.base.pOffsets.length).toBe(helped.personCapacity + 1);
      expect(helped.base.gOffsets.length).toBe(helped.groupKind.length + 1);
      const asOf = dayNumber(isoDay(BASE_DAY + 14));
      const f0 = [...new Set(world.cases.map((c) => ids.people[c.p - 1]!))];
      const run = (index: TracingIndex) => tracedPeople(trace(index, { f0: resolveF0(index, f0, asOf).sources, asOf, depth: 3, minParallelSources: Infinity }));
      expect(run(helped)).toEqual(run(alone));
    }), { numRuns: 8 });
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  }, 120_000);

  it('pads the person offsets of parts laid out apart to the whole capacity', async () => {
    await clearWorld(t.db);
    const ids = await insertWorld(t.db, {
      people: 5, venues: 1, contacts: [], quarantines: [], cases: [{ p: 5, onset: null, sample: 1, confirmation: 2, isolation: null }],
      groups: [{ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }] }],
      checkins: [{ p: 3, v: 1, minute: 600 }],
    });
    const index = await buildTracingIndex(t.db, '24', { minWorkerRows: 1 });
    expect(index.personCapacity).toBe(Math.max(...ids.people) + 1);
    // Person 5 (only a case) has no memberships or check-ins: empty ranges, not past the arrays' end.
    expect(index.personMembershipRange(ids.people[4]!)).toEqual([2, 2]);
    expect(index.personCheckinRange(ids.people[4]!)).toEqual([1, 1]);
    expect(index.personMembershipRange(ids.people[1]!)[1] - index.personMembershipRange(ids.people[1]!)[0]).toBe(1);
  });

  it('leaves the part of a helper that cannot run to the main thread, with a warning', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const helper = new BuildHelper(new URL('./no-such-module.ts', import.meta.url));
      const data: ContactData = await loadContactData(t.db, '24');
      expect(await helper.run({ part: 'memberships', rows: data.memberships })).toBeNull();
      expect(await helper.run({ part: 'checkins', rows: data.checkins })).toBeNull();
      helper.close();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('tracing index helper failed'));
    } finally {
      warn.mockRestore();
    }
  });
});
