import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { exposureEdges } from './tracing.edges.ts';
import { resolveF0, trace, tracedPeople } from './tracing.engine.ts';
import { BASE_DAY, type World, emptyWorld, worldArb, worldData } from './tracing.fixtures.ts';
import { OPEN_END, exposureWindowEnd, infectiousWindow, vnDayOfEpochSeconds } from './tracing.domain.ts';
import { TracingIndex } from './tracing.index.ts';
import { engineWorkerReady, engineWorkerSteps } from './tracing.parallel.ts';

const D = (n: number) => BASE_DAY + n;

/** `split`: every level split with the engine's worker (else: one thread). */
function run(w: World, opts: { f0?: number[] | null; asOf?: number; depth?: number; minutes?: number; split?: boolean } = {}) {
  const index = new TracingIndex(worldData(w));
  const asOf = D(opts.asOf ?? 40);
  const { sources } = resolveF0(index, opts.f0 ?? null, asOf);
  const r = trace(index, {
    f0: sources, asOf, depth: opts.depth ?? 3, minParallelSources: opts.split ? 1 : Infinity, ...(opts.minutes ? { checkinMinutes: opts.minutes } : {}),
  });
  const people = tracedPeople(r);
  return { r, people, byPerson: new Map(people.map((p) => [p.person, p])), edges: exposureEdges(index, r), index };
}

/** Person 1 is F0: sample day 10, confirmed day 12; so the window is days 8..12. */
function withF0(people: number): World {
  const w = emptyWorld(people);
  w.cases.push({ p: 1, onset: null, sample: 10, confirmation: 12, isolation: null });
  return w;
}

describe('infectious window', () => {
  it('starts 2 days before onset, else before sampling, and ends at isolation, else confirmation', () => {
    expect(infectiousWindow({ onset: 100, sample: 103, confirmation: 105, isolation: 104 })).toEqual({ start: 98, end: 104 });
    expect(infectiousWindow({ onset: null, sample: 103, confirmation: 105, isolation: null })).toEqual({ start: 101, end: 105 });
  });

  it('bounds group exposure inclusively at both ends', () => {
    const w = withF0(5);
    // Person 2 joins on the window's last day, 3 leaves on its first day, 4 joins a day late, 5 left a day early.
    w.groups.push({ kind: 'household', members: [
      { p: 1, from: 0, to: null }, { p: 2, from: 12, to: null }, { p: 3, from: 0, to: 8 }, { p: 4, from: 13, to: null }, { p: 5, from: 0, to: 7 },
    ] });
    const { byPerson } = run(w, { depth: 1 });
    expect(byPerson.get(2)).toMatchObject({ level: 1, source: 1, kind: 'household', date: D(12) });
    expect(byPerson.get(3)).toMatchObject({ level: 1, date: D(8) });
    expect(byPerson.has(4)).toBe(false);
    expect(byPerson.has(5)).toBe(false);
  });

  it('uses the onset date and the isolation date when known', () => {
    const w = emptyWorld(3);
    w.cases.push({ p: 1, onset: 5, sample: 10, confirmation: 12, isolation: 9 });
    w.groups.push({ kind: 'room', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: 3 }, { p: 3, from: 10, to: null }] });
    const { byPerson } = run(w);
    expect(byPerson.get(2)).toMatchObject({ level: 1, date: D(3) }); // window 3..9
    expect(byPerson.has(3)).toBe(false); // joined after isolation
  });

  it("ends an Fk's window at its quarantine start, else at the as-of date", () => {
    const order = (start: number, end: number | null = null) => ({ start: D(start), end: end === null ? OPEN_END : D(end) });
    expect(exposureWindowEnd(D(10), [order(14), order(12)], D(40))).toBe(D(12));
    expect(exposureWindowEnd(D(10), [order(10)], D(40))).toBe(D(10)); // starting on the exposure day: that day only
    expect(exposureWindowEnd(D(10), [order(5, 9)], D(40))).toBe(D(40)); // an earlier, finished episode does not count
    expect(exposureWindowEnd(D(10), [order(45)], D(40))).toBe(D(40)); // nor one after asOf
    expect(exposureWindowEnd(D(10), [order(5)], D(40))).toBe(D(9)); // in quarantine when exposed: no window
    expect(exposureWindowEnd(D(10), [order(5, 10), order(12)], D(40))).toBe(D(9)); // still in force on the exposure day
    const w = withF0(4);
    w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }] });
    w.groups.push({ kind: 'workshop_shift', members: [{ p: 2, from: 0, to: null }, { p: 3, from: 15, to: null }, { p: 4, from: 20, to: null }] });
    w.quarantines.push({ p: 2, start: 18 });
    const { byPerson } = run(w, { depth: 2 });
    expect(byPerson.get(2)).toMatchObject({ level: 1, windowStart: D(8), windowEnd: D(18) });
    expect(byPerson.get(3)).toMatchObject({ level: 2, source: 2, date: D(15) });
    expect(byPerson.has(4)).toBe(false); // joined after 2 went into quarantine
  });

  it('gives no onward window to someone already in quarantine when exposed, unless that episode had ended', () => {
    const build = (end: number | null) => {
      const w = withF0(3);
      w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }] });
      w.groups.push({ kind: 'room', members: [{ p: 2, from: 0, to: null }, { p: 3, from: 0, to: null }] });
      w.quarantines.push({ p: 2, start: 4, end });
      return run(w, { depth: 2 }).byPerson;
    };
    const inForce = build(null);
    expect(inForce.get(2)).toMatchObject({ level: 1, windowStart: D(8), windowEnd: D(7) });
    expect(inForce.has(3)).toBe(false);
    const ended = build(6);
    expect(ended.get(2)).toMatchObject({ level: 1, windowStart: D(8), windowEnd: D(40) });
    expect(ended.get(3)).toMatchObject({ level: 2, source: 2, date: D(8) });
  });
});

describe('venue check-ins', () => {
  it('links check-ins at most 30 minutes apart (configurable), dated by the source', () => {
    const w = withF0(5);
    w.venues = 2;
    const t = 10 * 1440 + 9 * 60; // day 10, 09:00
    w.checkins.push({ p: 1, v: 1, minute: t }, { p: 2, v: 1, minute: t + 30 }, { p: 3, v: 1, minute: t - 31 }, { p: 4, v: 2, minute: t }, { p: 5, v: 1, minute: t - 30 });
    const { byPerson } = run(w, { depth: 1 });
    expect(byPerson.get(2)).toMatchObject({ level: 1, kind: 'venue', date: D(10) });
    expect(byPerson.get(5)).toMatchObject({ level: 1, kind: 'venue' });
    expect(byPerson.has(3)).toBe(false);
    expect(byPerson.has(4)).toBe(false); // another venue
    expect(run(w, { minutes: 31, depth: 1 }).byPerson.get(3)).toMatchObject({ level: 1 });
  });

  it("dates a check-in in Vietnam time and requires it inside the source's window", () => {
    expect(vnDayOfEpochSeconds(Date.UTC(2021, 4, 10, 16, 59) / 1000)).toBe(D(9)); // 23:59 in Hà Nội
    expect(vnDayOfEpochSeconds(Date.UTC(2021, 4, 10, 17, 0) / 1000)).toBe(D(10)); // 00:00 next day
    const w = withF0(3);
    // 23:50 on day 12 (the window's last day) and 00:10 on day 13: one inside, one outside.
    w.checkins.push({ p: 1, v: 1, minute: 12 * 1440 + 23 * 60 + 50 }, { p: 2, v: 1, minute: 13 * 1440 + 5 });
    w.checkins.push({ p: 1, v: 1, minute: 13 * 1440 + 10 }, { p: 3, v: 1, minute: 13 * 1440 + 50 });
    const { byPerson } = run(w, { depth: 1 });
    expect(byPerson.get(2)).toMatchObject({ level: 1, date: D(12) });
    expect(byPerson.has(3)).toBe(false);
  });
});

describe('levels and lineage', () => {
  it('gives each person the lowest level reached, never counts twice, and never makes an F0 an F1', () => {
    const w = withF0(5);
    w.cases.push({ p: 5, onset: null, sample: 9, confirmation: 11, isolation: null });
    w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }, { p: 5, from: 0, to: null }] });
    w.groups.push({ kind: 'bus_route', members: [{ p: 2, from: 0, to: null }, { p: 3, from: 0, to: null }] });
    w.groups.push({ kind: 'workshop_shift', members: [{ p: 1, from: 0, to: null }, { p: 3, from: 0, to: null }, { p: 4, from: 0, to: null }] });
    w.groups.push({ kind: 'room', members: [{ p: 3, from: 0, to: null }, { p: 4, from: 0, to: null }] });
    const { people, byPerson, r } = run(w);
    expect(byPerson.get(5)).toMatchObject({ level: 0 });
    expect(byPerson.get(3)).toMatchObject({ level: 1, kind: 'workshop_shift' }); // F1 directly, not F2 via the bus
    expect(byPerson.get(4)).toMatchObject({ level: 1 });
    expect(people.filter((p) => p.person === 3)).toHaveLength(1);
    expect(r.counts).toEqual([2, 3, 0, 0]);
  });

  it('traces to F3 and stops at the depth asked', () => {
    const w = withF0(5);
    for (let p = 1; p <= 4; p++) w.groups.push({ kind: 'household', members: [{ p, from: 0, to: null }, { p: p + 1, from: 0, to: null }] });
    expect(run(w).people.map((p) => p.level)).toEqual([0, 1, 2, 3]);
    expect(run(w, { depth: 2 }).people.map((p) => p.level)).toEqual([0, 1, 2]);
    const { byPerson } = run(w);
    expect(byPerson.get(4)).toMatchObject({ source: 3, root: 1 });
  });

  it('picks the primary source by earliest date, then smallest source id, and keeps every edge', () => {
    const w = emptyWorld(4);
    w.cases.push({ p: 2, onset: null, sample: 10, confirmation: 12, isolation: null }); // window 8..12
    w.cases.push({ p: 3, onset: null, sample: 10, confirmation: 12, isolation: null });
    w.cases.push({ p: 1, onset: null, sample: 12, confirmation: 14, isolation: null }); // window 10..14
    // Person 4 meets 3 on day 9, 2 on day 9 and 1 on day 10.
    w.contacts.push({ a: 4, b: 3, day: 9 }, { a: 2, b: 4, day: 9 }, { a: 1, b: 4, day: 10 });
    const { byPerson, edges } = run(w);
    expect(byPerson.get(4)).toMatchObject({ level: 1, source: 2, kind: 'manual', date: D(9), windowStart: D(9) });
    expect(edges.filter((e) => e.target === 4).map((e) => e.source).sort()).toEqual([1, 2, 3]);
  });

  it('keeps one edge per source, target, kind and group, with its earliest date', () => {
    const w = withF0(2);
    w.checkins.push({ p: 1, v: 1, minute: 11 * 1440 + 600 }, { p: 2, v: 1, minute: 11 * 1440 + 610 });
    w.checkins.push({ p: 1, v: 1, minute: 9 * 1440 + 600 }, { p: 2, v: 1, minute: 9 * 1440 + 590 });
    w.groups.push({ kind: 'household', members: [{ p: 1, from: 10, to: null }, { p: 2, from: 0, to: null }] });
    const { edges } = run(w);
    expect(edges.map((e) => `${e.kind} ${e.date - BASE_DAY}`).sort()).toEqual(['household 10', 'venue 9']);
  });

  it('promotes an F1 who is confirmed to F0 with a window of their own', () => {
    const w = withF0(3);
    w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }] });
    w.groups.push({ kind: 'room', members: [{ p: 2, from: 0, to: null }, { p: 3, from: 30, to: null }] });
    w.quarantines.push({ p: 2, start: 13 });
    // Before 2's confirmation, 3 (who joined the room on day 30) is not exposed: 2's window ended at quarantine.
    expect(run(w, { asOf: 29 }).byPerson.has(3)).toBe(false);
    w.cases.push({ p: 2, onset: 29, sample: 31, confirmation: 32, isolation: null });
    const { byPerson } = run(w, { asOf: 35 });
    expect(byPerson.get(2)).toMatchObject({ level: 0, windowStart: D(27), windowEnd: D(32) });
    expect(byPerson.get(3)).toMatchObject({ level: 1, source: 2, date: D(30) });
  });

  it('takes the listed F0s only when given, and reports listed people who are not cases', () => {
    const w = withF0(3);
    w.cases.push({ p: 2, onset: null, sample: 10, confirmation: 12, isolation: null });
    w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }] });
    expect(run(w, { f0: [1] }).byPerson.get(2)).toMatchObject({ level: 1 });
    const index = new TracingIndex(worldData(w));
    expect(resolveF0(index, [1, 3], D(40)).missing).toEqual([3]);
  });
});

/** The same world with its people spread over tens of thousands of ids, in the same order (so every tie breaks alike). */
const SPREAD = 2_011;
const spread = (p: number) => p * SPREAD + (p % 3) * 700;
const spreadWorld = (w: World): World => ({
  ...w,
  people: spread(w.people) + 1,
  groups: w.groups.map((g) => ({ ...g, members: g.members.map((m) => ({ ...m, p: spread(m.p) })) })),
  checkins: w.checkins.map((c) => ({ ...c, p: spread(c.p) })),
  contacts: w.contacts.map((c) => ({ ...c, a: spread(c.a), b: spread(c.b) })),
  cases: w.cases.map((c) => ({ ...c, p: spread(c.p) })),
  quarantines: w.quarantines.map((q) => ({ ...q, p: spread(q.p) })),
});

describe('people far apart', () => {
  // The engine sorts each level's exposures by person in buckets of 2,048 people; the SQL
  // property test's provinces have a few dozen. Spreading the same people over tens of thousands
  // of ids must give the same trace.
  it('traces the same when the ids are spread over many buckets', () => {
    let manyBuckets = 0;
    fc.assert(fc.property(worldArb, fc.integer({ min: 6, max: 18 }), fc.integer({ min: 1, max: 4 }), (world, asOf, depth) => {
      const near = run(world, { asOf, depth });
      const far = run(spreadWorld(world), { asOf, depth });
      const nearKey = (p: ReturnType<typeof tracedPeople>[number]) =>
        [spread(p.person), p.level, p.windowStart, p.windowEnd, p.source === null ? null : spread(p.source), p.kind, p.group, p.date, spread(p.root)].join('|');
      const farKey = (p: ReturnType<typeof tracedPeople>[number]) =>
        [p.person, p.level, p.windowStart, p.windowEnd, p.source, p.kind, p.group, p.date, p.root].join('|');
      expect(far.people.map(farKey)).toEqual(near.people.map(nearKey));
      expect(far.r.counts).toEqual(near.r.counts);
      if (new Set(far.people.map((p) => p.person >> 11)).size >= 3) manyBuckets++;
    }), { numRuns: 200 });
    expect(manyBuckets).toBeGreaterThan(50); // the spread did put traces across buckets
  });
});

describe('on two threads', () => {
  beforeAll(async () => { expect(await engineWorkerReady()).toBe(true); });

  // Each level's sources, groups and buckets split between the main thread and the worker,
  // whose lists are read back in order: the trace must not change, nor its edges.
  it('traces the same as on one thread, every level split with the worker', () => {
    const stepsBefore = engineWorkerSteps();
    let runs = 0;
    fc.assert(fc.property(worldArb, fc.integer({ min: 6, max: 18 }), fc.integer({ min: 1, max: 4 }), fc.boolean(), (world, asOf, depth, far) => {
      const w = far ? spreadWorld(world) : world;
      const one = run(w, { asOf, depth });
      const two = run(w, { asOf, depth, split: true });
      expect(two.people).toEqual(one.people);
      expect(two.r.counts).toEqual(one.r.counts);
      expect(two.edges).toEqual(one.edges);
      if (one.r.counts[1]! > 0) runs++;
    }), { numRuns: 200 });
    // Four steps per level: sources, groups, scatter, reduce.
    expect(engineWorkerSteps() - stepsBefore).toBeGreaterThanOrEqual(runs * 4);
    expect(runs).toBeGreaterThan(50);
  });
});

describe('index overlays', () => {
  beforeAll(async () => { expect(await engineWorkerReady()).toBe(true); });

  it.for([['one thread', Infinity], ['two threads', 1]] as const)('sees memberships, check-ins, contacts, cases and quarantines written after the build (%s)', ([, minParallelSources]) => {
    const w = withF0(4);
    w.groups.push({ kind: 'household', members: [{ p: 1, from: 0, to: null }, { p: 2, from: 0, to: null }] });
    const index = new TracingIndex(worldData(w));
    const asOf = D(40);
    const traceNow = () => new Map(tracedPeople(trace(index, { f0: resolveF0(index, null, asOf).sources, asOf, depth: 3, minParallelSources })).map((p) => [p.person, p]));
    expect(traceNow().get(2)?.level).toBe(1);
    index.putMembership({ id: 1, group: 1, person: 1, from: D(0), to: D(5) }); // 1 moved out before the window
    expect(traceNow().has(2)).toBe(false);
    // A group the index never heard of is refused (the live index is then dropped and rebuilt),
    // never filed under a kind it does not have.
    expect(() => index.putMembership({ id: 100, group: 7, person: 1, from: D(11), to: null })).toThrow(/unknown to the index/);
    index.setGroupKind(7, 'bus_route');
    index.putMembership({ id: 100, group: 7, person: 1, from: D(11), to: null });
    index.putMembership({ id: 101, group: 7, person: 3, from: D(0), to: null });
    expect(traceNow().get(3)).toMatchObject({ level: 1, kind: 'bus_route', group: 7, date: D(11) });
    index.removeMembership(101);
    index.addCheckin({ venue: 3, person: 1, at: (D(12) * 1440 + 8 * 60 - 420) * 60 });
    index.addCheckin({ venue: 3, person: 4, at: (D(12) * 1440 + 8 * 60 - 420 + 10) * 60 });
    expect(traceNow().get(4)).toMatchObject({ level: 1, kind: 'venue' });
    expect(traceNow().has(3)).toBe(false);
    index.putContact({ id: 9, a: 3, b: 1, day: D(9) });
    expect(traceNow().get(3)).toMatchObject({ level: 1, kind: 'manual' });
    index.putCase({ id: 50, person: 3, onset: null, sample: D(20), confirmation: D(21), isolation: null });
    expect(traceNow().get(3)?.level).toBe(0);
    index.removeCase(50);
    index.removeContact(9);
    expect(traceNow().has(3)).toBe(false);
    index.putQuarantine({ id: 5, person: 4, start: D(12) });
    expect(traceNow().get(4)?.windowEnd).toBe(D(12));
  });
});
