/**
 * The tracing engine: level-by-level expansion over the in-memory index, following the rules in
 * tracing.domain.ts exactly.
 *
 * Each level is walked group by group, not source by source: the sources' memberships are first
 * bucketed by group, then every touched group's members are scanned once, each member taking
 * the best (date, source) over that group's sources. A workshop shift with 30 sources costs one
 * pass over its members instead of 30, which is what makes a province-wide F3 trace fast. Each
 * exposure found is appended to a list; the level's end sorts that list by person in cache-sized
 * buckets and keeps each person's best edge, so no step writes to a place per person. Only
 * the primary edge of each person is kept; every other edge is derived on demand from the
 * result and the index (tracing.edges.ts), since people's levels and windows fix them.
 * Synchronous and allocation-light: scratch arrays sized by the index are kept between runs.
 * The walking itself is the kernel's (tracing.kernel.ts); large levels run it on two threads,
 * half each, with the engine's worker (tracing.parallel.ts), the same result as on one.
 */
import {
  DEFAULT_CHECKIN_MINUTES, EDGE_KINDS, type EdgeKind, KIND_CODE, infectiousWindow,
  vnDayOfEpochSeconds,
} from './tracing.domain.ts';
import type { TracingIndex } from './tracing.index.ts';
import { BUCKET_BITS, DEFERRED, END_ON_MAIN, FOUND, Kernel, LevelLists, type LevelShared, REC, sharedInt32 } from './tracing.kernel.ts';
import { type EngineWorker, OP, WorkerLost, type WorkerLists, availableWorker, settleEngineWorker } from './tracing.parallel.ts';

export interface F0Source { person: number; start: number; end: number }

export interface TraceOptions {
  f0: F0Source[];
  asOf: number;
  depth: number;
  checkinMinutes?: number;
  /** Levels with at least this many sources are split with the worker (default PARALLEL_MIN_SOURCES; Infinity: never). */
  minParallelSources?: number;
}

/** One traced person, materialised from a result (see tracedPeople). */
export interface TracedPersonOut {
  person: number;
  level: number;
  windowStart: number;
  windowEnd: number;
  /** Primary source edge; null for an F0. */
  source: number | null;
  kind: EdgeKind | null;
  group: number | null;
  date: number | null;
  /** The F0 at the root of the primary-source lineage. */
  root: number;
}

export interface TraceResult {
  asOf: number;
  depth: number;
  /** Check-in overlap span used, in seconds (edges are derived with the same). */
  span: number;
  /** People per level: [F0, F1, F2, F3…]. */
  counts: number[];
  /**
   * F0 first, then each level sorted by person id, with the primary source edge: source person,
   * kind code (KIND_CODE), group or venue id (−1 for manual) and date; source and kind are −1 for an F0.
   */
  people: {
    count: number; person: Int32Array; level: Int8Array; windowStart: Int32Array; windowEnd: Int32Array;
    source: Int32Array; kind: Int8Array; group: Int32Array; date: Int32Array; root: Int32Array;
  };
}

export function tracedPeople(r: TraceResult): TracedPersonOut[] {
  const p = r.people;
  const out: TracedPersonOut[] = new Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const f0 = p.kind[i] === -1;
    const g = p.group[i]!;
    out[i] = {
      person: p.person[i]!, level: p.level[i]!, windowStart: p.windowStart[i]!, windowEnd: p.windowEnd[i]!,
      source: f0 ? null : p.source[i]!, kind: f0 ? null : EDGE_KINDS[p.kind[i]!]!, group: f0 || g === -1 ? null : g,
      date: f0 ? null : p.date[i]!, root: p.root[i]!,
    };
  }
  return out;
}

/** Levels with this many sources or more are split with the engine's worker, when it is up. */
export const PARALLEL_MIN_SOURCES = 2048;
/** Bits of the group id sorted per pass when laying out a level's entries (a counter array of 4 KB). */
const RADIX_BITS = 10;
const RADIX = 1 << RADIX_BITS;

/**
 * Scratch state per index, reused between runs: the bitmap of people placed at an earlier level
 * (a quarter of a megabyte for two million people, which stays in cache where a byte per person
 * would not), the radix sort's arrays, the main thread's lists and the level's state shared
 * with the worker (`version` counts its arrays' replacements).
 */
interface Scratch {
  capacity: number;
  groupCapacity: number;
  /** The radix sort of entries by group: digit counts of every pass, and records [group, source, lo, hi] between passes. */
  hist: Int32Array;
  recA: Int32Array;
  recB: Int32Array;
  shared: LevelShared;
  version: number;
  lists: LevelLists;
  /** Buckets of people (BUCKET_BITS) in the capacity. */
  buckets: number;
}

const scratchOf = new WeakMap<TracingIndex, Scratch>();

function scratchFor(index: TracingIndex): Scratch {
  let s = scratchOf.get(index);
  const groups = index.groupKind.length;
  if (!s || s.capacity < index.personCapacity || s.groupCapacity < groups) {
    const n = Math.ceil(index.personCapacity * 1.1) + 64;
    const g = Math.ceil(groups * 1.1) + 16;
    const words = (n + 31) >>> 5;
    const buckets = ((words * 32) >>> BUCKET_BITS) + 1;
    const entries = 4096;
    s = {
      capacity: words * 32, groupCapacity: g, hist: new Int32Array(0), recA: new Int32Array(0), recB: new Int32Array(0),
      shared: {
        before: new Uint32Array(new SharedArrayBuffer(words * 4)),
        srcPerson: sharedInt32(entries), srcStart: sharedInt32(entries), srcEnd: sharedInt32(entries), srcRoot: sharedInt32(entries),
        groups: sharedInt32(entries), groupFirst: sharedInt32(entries + 1), memberLo: sharedInt32(entries), memberHi: sharedInt32(entries),
        kindOf: sharedInt32(entries), bySource: sharedInt32(entries), byLo: sharedInt32(entries), byHi: sharedInt32(entries),
        sorted: sharedInt32(entries * FOUND), posMain: sharedInt32(buckets + 1), posOther: sharedInt32(buckets + 1),
      },
      version: 0,
      lists: new LevelLists((bytes) => new ArrayBuffer(bytes)),
      buckets,
    };
    scratchOf.set(index, s);
  }
  return s;
}

function grown<T extends Int32Array | Int8Array>(a: T, length: number, keep: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a.subarray(0, keep));
  return b;
}

/** A shared array of at least `length` values (a new one keeps nothing: the caller fills it). */
function roomIn(s: Scratch, name: Exclude<keyof LevelShared, 'before' | 'posMain' | 'posOther'>, length: number): Int32Array {
  const a = s.shared[name];
  if (a.length >= length) return a;
  s.version++;
  return (s.shared[name] = sharedInt32(Math.max(length, a.length * 2)));
}

/** The F0 sources of a run: listed people (each must have a case) or everyone confirmed by asOf. */
export function resolveF0(index: TracingIndex, people: number[] | null, asOf: number): { sources: F0Source[]; missing: number[] } {
  const list = people ?? index.confirmedPeople(asOf);
  const sources: F0Source[] = [];
  const missing: number[] = [];
  for (const person of [...new Set(list)].sort((a, b) => a - b)) {
    // The latest case confirmed by asOf; a listed case confirmed only later still counts (the earliest such).
    const c = index.caseOf(person, asOf) ?? earliestCase(index.casesByPerson.get(person));
    if (!c) { missing.push(person); continue; }
    sources.push({ person, ...infectiousWindow(c) });
  }
  return { sources, missing };
}

function earliestCase<T extends { id: number; confirmation: number }>(list: T[] | undefined): T | null {
  let best: T | null = null;
  for (const c of list ?? []) if (!best || c.confirmation < best.confirmation || (c.confirmation === best.confirmation && c.id < best.id)) best = c;
  return best;
}

/**
 * The result as it grows, level after level, each level in person order: it is also the list of
 * the next level's sources, which are named by their position here (positions within a level
 * follow person ids, so they break ties as the ids would).
 */
class Out {
  n = 0;
  person = new Int32Array(1024);
  level = new Int8Array(1024);
  windowStart = new Int32Array(1024);
  windowEnd = new Int32Array(1024);
  source = new Int32Array(1024);
  kind = new Int8Array(1024);
  group = new Int32Array(1024);
  date = new Int32Array(1024);
  root = new Int32Array(1024);

  ensure(n: number): void {
    if (n <= this.person.length) return;
    const length = Math.max(n, this.person.length * 2);
    const keep = this.n;
    this.person = grown(this.person, length, keep); this.level = grown(this.level, length, keep);
    this.windowStart = grown(this.windowStart, length, keep); this.windowEnd = grown(this.windowEnd, length, keep);
    this.source = grown(this.source, length, keep); this.kind = grown(this.kind, length, keep);
    this.group = grown(this.group, length, keep); this.date = grown(this.date, length, keep); this.root = grown(this.root, length, keep);
  }

  people(): TraceResult['people'] {
    const n = this.n;
    return {
      count: n, person: this.person.subarray(0, n), level: this.level.subarray(0, n), windowStart: this.windowStart.subarray(0, n),
      windowEnd: this.windowEnd.subarray(0, n), source: this.source.subarray(0, n), kind: this.kind.subarray(0, n),
      group: this.group.subarray(0, n), date: this.date.subarray(0, n), root: this.root.subarray(0, n),
    };
  }
}

/**
 * One run's walk. A level runs in steps: the sources (memberships filed by group, check-ins
 * offered), the overlays' part of them, the entries laid out by group, the groups' walk, the
 * overlays' part of that, and the level's end (scatter by bucket, reduce, complete the people).
 * All but the overlays' parts and the layout run on the kernel (tracing.kernel.ts), split in two
 * halves with the worker on large levels.
 */
class Walk {
  k = 0;
  readonly out = new Out();
  readonly kernel: Kernel;
  private groupCount = 0;
  /** Where the level's sources start in the result. */
  private from = 0;
  /** The worker's lists after the level's last step, or null when the level ran on one thread. */
  private other: WorkerLists | null = null;

  constructor(readonly index: TracingIndex, readonly s: Scratch, readonly span: number, readonly asOf: number,
    private readonly minSources: number) {
    this.kernel = new Kernel(index.base, s.shared, s.lists);
  }

  addF0(P: number, start: number, end: number): void {
    const before = this.s.shared.before;
    const w = P >>> 5, bit = 1 << (P & 31);
    if ((before[w]! & bit) !== 0) return;
    before[w]! |= bit;
    const o = this.out;
    o.ensure(o.n + 1);
    const i = o.n++;
    o.person[i] = P; o.level[i] = 0; o.windowStart[i] = start; o.windowEnd[i] = end;
    o.source[i] = -1; o.kind[i] = -1; o.group[i] = -1; o.date[i] = 0; o.root[i] = P;
  }

  /** Level k from the sources at positions [from, to) of the result; returns the number of new people. */
  level(k: number, from: number, to: number): number {
    this.k = k;
    const s = this.s, n = to - from;
    s.lists.reset();
    // The level's sources, where the worker can read them.
    const srcPerson = roomIn(s, 'srcPerson', n), srcStart = roomIn(s, 'srcStart', n), srcEnd = roomIn(s, 'srcEnd', n), srcRoot = roomIn(s, 'srcRoot', n);
    const o = this.out;
    srcPerson.set(o.person.subarray(from, to)); srcStart.set(o.windowStart.subarray(from, to)); srcEnd.set(o.windowEnd.subarray(from, to)); srcRoot.set(o.root.subarray(from, to));
    this.from = from;
    const worker = n >= this.minSources ? availableWorker() : null;
    const mid = worker ? n >> 1 : n;
    worker?.begin(OP.sources, this.index.base, s.shared, s.version, [mid, n, from, this.span]);
    this.kernel.sources(0, mid, from, this.span);
    const baseEntries = s.lists.entries;
    this.other = worker ? worker.finish() : null;
    this.overlaySources(from, to);
    this.groupEntries(baseEntries);
    const split = worker ? this.groupSplit() : this.groupCount;
    worker?.begin(OP.groups, this.index.base, s.shared, s.version, [split, this.groupCount, s.buckets]);
    this.kernel.groups(0, split);
    this.overlayGroups();
    this.kernel.countFound(s.shared.posMain, s.buckets);
    if (worker) this.other = worker.finish();
    return this.finishLevel(worker);
  }

  /** What the overlays add to the level's sources: memberships, check-ins and manual contacts written since the build. */
  private overlaySources(from: number, to: number): void {
    const index = this.index, kernel = this.kernel, o = this.out, span = this.span;
    for (const l of [this.s.lists, this.other]) {
      if (!l) continue;
      // Check-ins of the base at venues with overlay check-ins (the kernel deferred them).
      const d = l.deferred;
      for (let q = 0, end = l.nDeferred * DEFERRED; q < end; q += DEFERRED) this.overlayVenue(d[q]!, d[q + 1]!, d[q + 2]!);
    }
    for (let i = from; i < to; i++) {
      const S = o.person[i]!, ws = o.windowStart[i]!, we = o.windowEnd[i]!;
      if (ws > we || !index.mayHavePersonOverlay(S)) continue;
      const extraGroups = index.extraByPerson.get(S);
      if (extraGroups) {
        kernel.lists.ensureEntries(extraGroups.length);
        for (const x of extraGroups) kernel.bucket(x.group, i, ws, we, x.from, x.to);
      }
      const extraCheckins = index.extraCheckinsByPerson.get(S);
      if (extraCheckins) {
        for (const x of extraCheckins) if (kernel.walkVenue(i, ws, we, x.venue, x.time, span)) this.overlayVenue(i, x.venue, x.time);
      }
      const contacts = index.contactsByPerson.get(S);
      if (contacts) for (const x of contacts) if (x.day >= ws && x.day <= we) kernel.offer(x.other, x.day, i, KIND_CODE.manual, -1);
    }
  }

  /** Overlay check-ins at the venue within the span of the source's check-in at t (dated in its window). */
  private overlayVenue(source: number, venue: number, t: number): void {
    if (!this.index.mayHaveVenueOverlay(venue)) return;
    const extra = this.index.extraCheckinsByVenue.get(venue);
    if (!extra) return;
    const day = vnDayOfEpochSeconds(t);
    for (const x of extra) if (Math.abs(x.time - t) <= this.span) this.kernel.offer(x.person, day, source, KIND_CODE.venue, venue);
  }

  /**
   * Lays the entries out group by group, in source order within each: the main thread's base
   * entries, the worker's (the later sources), then the overlays' (any source, so a group holding
   * some is put back in source order). A stable LSD radix sort on the group id, RADIX_BITS at a
   * time: each pass reads and writes in order with a counter array in cache, where a counter per
   * group would be a random access per entry. Groups come out in id order, so their member
   * records are then read in address order. Gathers each group's member range and kind.
   */
  private groupEntries(baseEntries: number): void {
    const s = this.s;
    const mine = s.lists, other = this.other;
    const total = mine.entries + (other?.entries ?? 0);
    let passes = 1;
    while (2 ** (RADIX_BITS * passes) < this.index.groupKind.length) passes++;
    if (s.hist.length < passes * RADIX) s.hist = new Int32Array(passes * RADIX);
    if (s.recA.length < total * 4) { s.recA = new Int32Array(total * 8); s.recB = new Int32Array(total * 8); }
    const hist = s.hist;
    hist.fill(0, 0, passes * RADIX);
    this.countDigits(mine.eGroup, 0, mine.entries, passes);
    if (other) this.countDigits(other.eGroup, 0, other.entries, passes);
    for (let p = 0; p < passes; p++) {
      for (let d = p * RADIX, at = 0, end = d + RADIX; d < end; d++) { const c = hist[d]!; hist[d] = at; at += c; }
    }
    // The first pass reads the lists, each later one the last pass's records.
    let from = s.recB, to = s.recA;
    this.firstPass(mine.eGroup, mine.eSource, mine.eLo, mine.eHi, 0, baseEntries, to);
    if (other) this.firstPass(other.eGroup, other.eSource, other.eLo, other.eHi, 0, other.entries, to);
    this.firstPass(mine.eGroup, mine.eSource, mine.eLo, mine.eHi, baseEntries, mine.entries, to);
    for (let p = 1; p < passes; p++) {
      [from, to] = [to, from];
      const shift = p * RADIX_BITS, h = p * RADIX;
      for (let q = 0, end = total * 4; q < end; q += 4) {
        const g = from[q]!;
        const d = hist[h + ((g >>> shift) & (RADIX - 1))]!++ * 4;
        to[d] = g; to[d + 1] = from[q + 1]!; to[d + 2] = from[q + 2]!; to[d + 3] = from[q + 3]!;
      }
    }
    // Split into the shared layout, a group starting wherever the id changes.
    const groups = roomIn(s, 'groups', total), groupFirst = roomIn(s, 'groupFirst', total + 1);
    const bySource = roomIn(s, 'bySource', total), byLo = roomIn(s, 'byLo', total), byHi = roomIn(s, 'byHi', total);
    let groupCount = 0, last = -1;
    for (let e = 0, q = 0; e < total; e++, q += 4) {
      const g = to[q]!;
      if (g !== last) { groups[groupCount] = g; groupFirst[groupCount++] = e; last = g; }
      bySource[e] = to[q + 1]!; byLo[e] = to[q + 2]!; byHi[e] = to[q + 3]!;
    }
    groupFirst[groupCount] = total;
    this.groupCount = groupCount;
    if (mine.entries > baseEntries) this.sortGroupsBySource();
    const memberLo = roomIn(s, 'memberLo', groupCount), memberHi = roomIn(s, 'memberHi', groupCount), kindOf = roomIn(s, 'kindOf', groupCount);
    const gOffsets = this.index.gOffsets, groupKind = this.index.groupKind;
    for (let gi = 0; gi < groupCount; gi++) {
      const group = groups[gi]!;
      const inBase = group + 1 < gOffsets.length;
      memberLo[gi] = inBase ? gOffsets[group]! * REC : 0;
      memberHi[gi] = inBase ? gOffsets[group + 1]! * REC : 0;
      kindOf[gi] = groupKind[group]!;
    }
  }

  /** Counts the digits of entries [a, b)'s groups, for every pass. */
  private countDigits(eGroup: Int32Array, a: number, b: number, passes: number): void {
    const hist = this.s.hist;
    for (let i = a; i < b; i++) {
      const g = eGroup[i]!;
      for (let p = 0, h = 0; p < passes; p++, h += RADIX) hist[h + ((g >>> (p * RADIX_BITS)) & (RADIX - 1))]!++;
    }
  }

  /** The radix sort's first pass over entries [a, b) of a list, into records [group, source, lo, hi]. */
  private firstPass(eGroup: Int32Array, eSource: Int32Array, eLo: Int32Array, eHi: Int32Array, a: number, b: number, to: Int32Array): void {
    const hist = this.s.hist;
    for (let i = a; i < b; i++) {
      const g = eGroup[i]!;
      const d = hist[g & (RADIX - 1)]!++ * 4;
      to[d] = g; to[d + 1] = eSource[i]!; to[d + 2] = eLo[i]!; to[d + 3] = eHi[i]!;
    }
  }

  /** Puts each group's entries in source order (insertion sort: only overlay entries are out of place). */
  private sortGroupsBySource(): void {
    const { groupFirst, bySource, byLo, byHi } = this.s.shared;
    for (let gi = 0; gi < this.groupCount; gi++) {
      const e0 = groupFirst[gi]!, e1 = groupFirst[gi + 1]!;
      for (let e = e0 + 1; e < e1; e++) {
        const src = bySource[e]!, lo = byLo[e]!, hi = byHi[e]!;
        let j = e - 1;
        for (; j >= e0 && bySource[j]! > src; j--) { bySource[j + 1] = bySource[j]!; byLo[j + 1] = byLo[j]!; byHi[j + 1] = byHi[j]!; }
        bySource[j + 1] = src; byLo[j + 1] = lo; byHi[j + 1] = hi;
      }
    }
  }

  /** Where to split the touched groups so that each thread scans about half the member records. */
  private groupSplit(): number {
    const { memberLo, memberHi } = this.s.shared;
    const n = this.groupCount;
    let total = 0;
    for (let gi = 0; gi < n; gi++) total += memberHi[gi]! - memberLo[gi]!;
    let half = 0, gi = 0;
    while (gi < n && half * 2 < total) { half += memberHi[gi]! - memberLo[gi]!; gi++; }
    return gi;
  }

  /** Members the overlays added to the touched groups. */
  private overlayGroups(): void {
    const index = this.index, kernel = this.kernel;
    const { groups, groupFirst, kindOf, before } = this.s.shared;
    for (let gi = 0; gi < this.groupCount; gi++) {
      const group = groups[gi]!;
      if (!index.mayHaveGroupOverlay(group)) continue;
      const extra = index.extraByGroup.get(group);
      if (!extra) continue;
      const e0 = groupFirst[gi]!, e1 = groupFirst[gi + 1]!;
      const minLo = kernel.minLo(e0, e1);
      for (const x of extra) {
        if ((before[x.person >>> 5]! & (1 << (x.person & 31))) === 0) kernel.member(x.person, x.from, x.to, e0, e1, minLo, kindOf[gi]!, group);
      }
    }
  }

  /**
   * Appends the level's new people to the result in person order, each with its best edge (the
   * lowest date, then source position, kind and group), window and root, and marks them placed.
   * The exposures found are laid out by bucket of people (a counting sort: two sequential
   * passes; each thread scatters its own), then each bucket's, which fit in cache, are reduced
   * to one per person (Kernel.reduce); with the worker, each thread reduces about half the
   * buckets, the worker's people joining the result after the main thread's.
   */
  private finishLevel(worker: EngineWorker | null): number {
    const s = this.s, o = this.out, kernel = this.kernel;
    const other = worker ? this.other : null;
    const buckets = s.buckets;
    const posMain = s.shared.posMain, posOther = s.shared.posOther;
    const n = s.lists.nFound + (other?.nFound ?? 0);
    // Counts to starts: in each bucket, the main thread's exposures and then the worker's.
    let at = 0;
    for (let b = 0; b < buckets; b++) {
      const mine = posMain[b]!;
      posMain[b] = at; at += mine;
      if (other) { const theirs = posOther[b]!; posOther[b] = at; at += theirs; }
    }
    roomIn(s, 'sorted', n * FOUND);
    worker?.begin(OP.scatter, this.index.base, s.shared, s.version, []);
    kernel.scatterFound(posMain);
    if (worker) this.other = worker.finish();
    // Each bucket's end: where the last of its parts ended.
    const bucketEnd = other ? posOther : posMain;
    o.ensure(o.n + n);
    const n0 = o.n;
    if (!worker) {
      const n1 = kernel.reduce(0, buckets, bucketEnd, o, n0);
      this.place(n0, n1, false);
      o.n = n1;
      return n1 - n0;
    }
    let split = 0;
    while (split < buckets && bucketEnd[split]! * 2 < n) split++;
    worker.begin(OP.reduce, this.index.base, s.shared, s.version, [split, buckets, this.asOf, this.from]);
    const mainEnd = kernel.reduce(0, split, bucketEnd, o, n0);
    this.place(n0, mainEnd, false);
    const theirs = worker.finish();
    const p = theirs.people, m = theirs.nPeople, n1 = mainEnd + m;
    o.person.set(p.person.subarray(0, m), mainEnd); o.date.set(p.date.subarray(0, m), mainEnd); o.source.set(p.source.subarray(0, m), mainEnd);
    o.kind.set(p.kind.subarray(0, m), mainEnd); o.group.set(p.group.subarray(0, m), mainEnd); o.windowEnd.set(p.end.subarray(0, m), mainEnd);
    o.root.set(p.root.subarray(0, m), mainEnd);
    this.place(mainEnd, n1, true);
    o.n = n1;
    return n1 - n0;
  }

  /**
   * Completes the level's people at [from, to) of the result: source person, root, level and
   * window (the primary edge is the earliest: its date starts P's exposure window). `worker`:
   * the worker did the sources, roots and window ends, but those the overlays may change.
   */
  private place(from: number, to: number, worker: boolean): void {
    const o = this.out, kernel = this.kernel;
    const person = o.person, date = o.date, windowEnd = o.windowEnd;
    if (!worker) {
      kernel.sourcesAndRoots(o, o.root, from, to, this.from);
      kernel.exposureEnds(person, date, windowEnd, from, to, this.asOf);
    }
    o.level.fill(this.k, from, to);
    o.windowStart.set(date.subarray(from, to), from);
    const index = this.index, asOf = this.asOf;
    for (let j = from; j < to; j++) if (windowEnd[j] === END_ON_MAIN) windowEnd[j] = index.exposureEnd(person[j]!, date[j]!, asOf);
  }
}

/**
 * Traces the F0 sources to the given depth. Levels of PARALLEL_MIN_SOURCES sources or more
 * (`minParallelSources` in tests) are split with the engine's worker when it is up; a worker
 * lost midway leaves the run to finish on one thread, from the start.
 */
export function trace(index: TracingIndex, opts: TraceOptions): TraceResult {
  const minSources = opts.minParallelSources ?? PARALLEL_MIN_SOURCES;
  try {
    return traceOnce(index, opts, minSources);
  } catch (e) {
    settleEngineWorker();
    if (!(e instanceof WorkerLost)) throw e;
    return traceOnce(index, opts, Infinity);
  }
}

function traceOnce(index: TracingIndex, opts: TraceOptions, minSources: number): TraceResult {
  const s = scratchFor(index);
  // A run that threw leaves bits behind: every run starts from clean bitmaps (a few microseconds).
  s.shared.before.fill(0);
  const span = (opts.checkinMinutes ?? DEFAULT_CHECKIN_MINUTES) * 60;
  const walk = new Walk(index, s, span, opts.asOf, minSources);
  const f0 = [...opts.f0].sort((a, b) => a.person - b.person);
  for (const f of f0) walk.addF0(f.person, f.start, f.end);
  const counts: number[] = [walk.out.n];
  let levelStart = 0;
  for (let k = 1; k <= opts.depth; k++) {
    const levelEnd = walk.out.n;
    const found = walk.level(k, levelStart, levelEnd);
    counts.push(found);
    levelStart = levelEnd;
    if (found === 0) break;
  }
  while (counts.length < opts.depth + 1) counts.push(0);
  return { asOf: opts.asOf, depth: opts.depth, span, counts, people: walk.out.people() };
}
