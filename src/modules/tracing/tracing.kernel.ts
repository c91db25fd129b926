/**
 * The steps of a tracing level over the index's base arrays alone, run by the main thread and
 * by the engine's worker (tracing.worker.ts), each on its half of a large level:
 * - sources: each source's memberships are filed as entries under their group, and its check-ins
 *   offer the people at the venue within the span;
 * - groups: each touched group's members are scanned once against that group's entries;
 * - the level's end: the exposures found are counted and scattered by bucket of people, a range
 *   of buckets is reduced to each person's best edge, and those people are completed (source
 *   person, root, window end).
 * The overlays (what was written since the index was built) live in maps that only the main
 * thread holds: the engine (tracing.engine.ts) walks them after these steps; the kernel hands it
 * the check-ins at venues that may have overlay check-ins (`deferred`) and the window ends of
 * people who may have overlay orders (END_ON_MAIN).
 * Every array here is in shared memory or owned by one thread; a thread's lists allocate only
 * when they must grow, and tell the other thread of the new array (LevelLists).
 */
import { KIND_CODE, vnDayOfEpochSeconds } from './tracing.domain.ts';

/** Int32 values per membership record (gRec, pRec): [person or group, from, to]. */
export const REC = 3;
/** Int32 values per exposure found: person, date, source position, kind code, group. */
export const FOUND = 5;
/** Float64 values per deferred check-in: source position, venue, time. */
export const DEFERRED = 3;
/** Int32 values of member records touched ahead of a run of group walks (128 KB: well inside the L2 cache). */
const TOUCH_INTS = 32_768;
/** Sources whose records are touched ahead of their walk. */
const SOURCE_RUN = 1024;

/** The index's base arrays (tracing.index.ts), in shared memory when a worker is used. */
export interface BaseArrays {
  pOffsets: Int32Array;
  pRec: Int32Array;
  pcOffsets: Int32Array;
  pcVenue: Int32Array;
  pcTime: Float64Array;
  vOffsets: Int32Array;
  vTime: Float64Array;
  vPerson: Int32Array;
  gOffsets: Int32Array;
  gRec: Int32Array;
  /** Set bit: the venue may have overlay check-ins (beyond its length: may). */
  venueOverlay: Uint32Array;
  /** Set bit: the person may have overlay entries, quarantine orders included (beyond its length: may). */
  personOverlay: Uint32Array;
  /** Set bit: the person has base quarantine orders. */
  ordered: Uint32Array;
  /** Base quarantine orders by person: start and end days. */
  qOffsets: Int32Array;
  qStart: Int32Array;
  qEnd: Int32Array;
}

/** An Int32Array in shared memory (the engine's worker reads it without a copy). */
export function sharedInt32(n: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(n * 4));
}

/** A Float64Array in shared memory (as sharedInt32). */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

/** Whether bit i is set; beyond the bitmap, true (the bitmaps only ever say "surely not"). */
export function mayHave(bits: Uint32Array, i: number): boolean {
  return i >>> 5 >= bits.length || (bits[i >>> 5]! & (1 << (i & 31))) !== 0;
}

/**
 * End of an exposure window starting on `windowStart` from the base quarantine orders
 * (exposureWindowEnd in tracing.domain.ts, without allocating): the window ends the day before
 * an order in force on its first day, else on the earliest order start within it, else asOf.
 */
export function baseExposureEnd(b: BaseArrays, person: number, windowStart: number, asOf: number): number {
  if (!mayHave(b.ordered, person) || person + 1 >= b.qOffsets.length) return asOf;
  let end = asOf;
  const hi = b.qOffsets[person + 1]!;
  for (let j = b.qOffsets[person]!; j < hi; j++) {
    const start = b.qStart[j]!;
    if (start > asOf || b.qEnd[j]! < windowStart) continue;
    if (start < windowStart) return windowStart - 1;
    if (start < end) end = start;
  }
  return end;
}

/** A level's exposures are sorted by person in buckets of 2^BUCKET_BITS people (a word of the bucket's bitmap per 32). */
export const BUCKET_BITS = 11;
const BUCKET_PEOPLE = 1 << BUCKET_BITS;
/** A window end the worker leaves to the main thread: the person has overlay orders. */
export const END_ON_MAIN = -0x7fffffff;

/** Where a reduce writes a level's people: one array per field, from a position. */
export interface LevelPeople {
  person: Int32Array; date: Int32Array; source: Int32Array; kind: Int8Array; group: Int32Array;
}

/** A level's state that both threads read: written by the main thread between steps. */
export interface LevelShared {
  /** People placed at an earlier level (a bit per person). */
  before: Uint32Array;
  /** The level's sources: person and window, at positions base + i of the result. */
  srcPerson: Int32Array;
  srcStart: Int32Array;
  srcEnd: Int32Array;
  /** The F0 at the root of each source's lineage. */
  srcRoot: Int32Array;
  /** Touched groups in walk order, their entries' range, member record range and kind. */
  groups: Int32Array;
  groupFirst: Int32Array;
  memberLo: Int32Array;
  memberHi: Int32Array;
  kindOf: Int32Array;
  /** The entries laid out group by group, in source order within each group. */
  bySource: Int32Array;
  byLo: Int32Array;
  byHi: Int32Array;
  /**
   * The level's exposures sorted by bucket of person: each thread first counts its own per
   * bucket (posMain, posOther), the main thread turns the counts into where each thread's
   * part of each bucket starts (the main thread's first), and each thread scatters its own;
   * posOther (posMain on one thread) then holds each bucket's end.
   */
  sorted: Int32Array;
  posMain: Int32Array;
  posOther: Int32Array;
}

export type ListName = 'eGroup' | 'eSource' | 'eLo' | 'eHi' | 'found' | 'deferred' | 'person' | 'date' | 'source' | 'kind' | 'group' | 'end' | 'root';

/** What one thread writes during a level: entries (memberships by group), exposures found and deferred check-ins. */
export class LevelLists {
  eGroup: Int32Array;
  eSource: Int32Array;
  eLo: Int32Array;
  eHi: Int32Array;
  entries = 0;
  found: Int32Array;
  nFound = 0;
  deferred: Float64Array;
  nDeferred = 0;
  /** The people this thread's reduce placed (the worker's half of a level), their window ends and roots. */
  people: LevelPeople & { end: Int32Array; root: Int32Array };

  /** `alloc` makes an array's memory (shared or not); `announce` tells another thread of a new array. */
  constructor(
    private readonly alloc: (bytes: number) => ArrayBufferLike,
    private readonly announce: (name: ListName, array: Int32Array | Float64Array | Int8Array) => void = () => {},
  ) {
    this.eGroup = this.int32(4096); this.eSource = this.int32(4096); this.eLo = this.int32(4096); this.eHi = this.int32(4096);
    this.found = this.int32(4096 * FOUND); this.deferred = new Float64Array(this.alloc(64 * DEFERRED * 8));
    this.people = {
      person: this.int32(0), date: this.int32(0), source: this.int32(0), kind: new Int8Array(this.alloc(0)), group: this.int32(0), end: this.int32(0), root: this.int32(0),
    };
  }

  /** Room for n people in `people` (nothing kept: a reduce fills it from the start). */
  ensurePeople(n: number): void {
    const p = this.people;
    if (n <= p.person.length) return;
    const length = Math.max(n, p.person.length * 2);
    for (const name of ['person', 'date', 'source', 'group', 'end', 'root'] as const) { p[name] = this.int32(length); this.announce(name, p[name]); }
    p.kind = new Int8Array(this.alloc(length));
    this.announce('kind', p.kind);
  }

  private int32(n: number): Int32Array {
    return new Int32Array(this.alloc(n * 4));
  }

  reset(): void {
    this.entries = 0; this.nFound = 0; this.nDeferred = 0;
  }

  /** Room for `more` entries. */
  ensureEntries(more: number): void {
    const n = this.entries + more;
    if (n <= this.eGroup.length) return;
    const length = Math.max(n, this.eGroup.length * 2);
    this.eGroup = this.grownInt32('eGroup', this.eGroup, length, this.entries);
    this.eSource = this.grownInt32('eSource', this.eSource, length, this.entries);
    this.eLo = this.grownInt32('eLo', this.eLo, length, this.entries);
    this.eHi = this.grownInt32('eHi', this.eHi, length, this.entries);
  }

  growFound(): void {
    this.found = this.grownInt32('found', this.found, this.found.length * 2, this.nFound * FOUND);
  }

  growDeferred(): void {
    const next = new Float64Array(this.alloc(this.deferred.length * 2 * 8));
    next.set(this.deferred.subarray(0, this.nDeferred * DEFERRED));
    this.deferred = next;
    this.announce('deferred', next);
  }

  private grownInt32(name: 'eGroup' | 'eSource' | 'eLo' | 'eHi' | 'found', a: Int32Array, length: number, keep: number): Int32Array {
    const next = this.int32(length);
    next.set(a.subarray(0, keep));
    this.announce(name, next);
    return next;
  }

}

/**
 * One thread's kernel: the base arrays, the level's shared state and this thread's lists.
 * Methods rather than closures: a closure per source costs an allocation millions of times.
 */
export class Kernel {
  /** Where the touching loops leave what they read, so that the compiler keeps the reads. */
  touch = 0;
  /** Within one bucket: which people have an exposure (bitmap) and where their best one is. */
  private readonly bucketBits = new Uint32Array(BUCKET_PEOPLE >>> 5);
  private readonly bucketBest = new Int32Array(BUCKET_PEOPLE);

  constructor(public base: BaseArrays, public shared: LevelShared, readonly lists: LevelLists) {}

  /** Counts this thread's exposures per bucket into pos[0..buckets). */
  countFound(pos: Int32Array, buckets: number): void {
    pos.fill(0, 0, buckets + 1);
    const found = this.lists.found;
    for (let q = 0, end = this.lists.nFound * FOUND; q < end; q += FOUND) pos[found[q]! >>> BUCKET_BITS]!++;
  }

  /** Scatters this thread's exposures into the shared sorted list, pos[b] advancing from where its part of bucket b starts. */
  scatterFound(pos: Int32Array): void {
    const found = this.lists.found, sorted = this.shared.sorted;
    for (let q = 0, end = this.lists.nFound * FOUND; q < end; q += FOUND) {
      const d = pos[found[q]! >>> BUCKET_BITS]!++ * FOUND;
      sorted[d] = found[q]!; sorted[d + 1] = found[q + 1]!; sorted[d + 2] = found[q + 2]!; sorted[d + 3] = found[q + 3]!; sorted[d + 4] = found[q + 4]!;
    }
  }

  /**
   * Reduces the sorted exposures of buckets [b0, b1) (bucket b ends at bucketEnd[b]) to one per
   * person, the best (lowest date, then source position, kind and group), written to `out` from
   * position `at` in person order; marks the people placed. Each bucket's exposures fit in cache
   * and are reduced through the bucket's bitmap, read word by word in person order. Returns the
   * position after the last person written.
   */
  reduce(b0: number, b1: number, bucketEnd: Int32Array, out: LevelPeople, at: number): number {
    const sorted = this.shared.sorted, before = this.shared.before, bits = this.bucketBits, best = this.bucketBest;
    const person = out.person, date = out.date, source = out.source, kind = out.kind, group = out.group;
    let i = at;
    for (let b = b0, start = b0 === 0 ? 0 : bucketEnd[b0 - 1]!; b < b1; b++) {
      const end = bucketEnd[b]!;
      if (end === start) continue;
      for (let q = start * FOUND, qe = end * FOUND; q < qe; q += FOUND) {
        const p = sorted[q]! & (BUCKET_PEOPLE - 1);
        const w = p >>> 5, bit = 1 << (p & 31);
        if ((bits[w]! & bit) === 0) { bits[w]! |= bit; best[p] = q; continue; }
        const x = best[p]!;
        if ((sorted[q + 1]! - sorted[x + 1]! || sorted[q + 2]! - sorted[x + 2]! || sorted[q + 3]! - sorted[x + 3]! || sorted[q + 4]! - sorted[x + 4]!) < 0) best[p] = q;
      }
      const word0 = b << (BUCKET_BITS - 5);
      for (let w = 0; w < bits.length; w++) {
        let x = bits[w]!;
        if (x === 0) continue;
        bits[w] = 0;
        before[word0 + w]! |= x;
        while (x !== 0) {
          const t = x & -x;
          x ^= t;
          const q = best[(w << 5) | (31 - Math.clz32(t))]!;
          person[i] = sorted[q]!; date[i] = sorted[q + 1]!; source[i] = sorted[q + 2]!; kind[i] = sorted[q + 3]!; group[i] = sorted[q + 4]!;
          i++;
        }
      }
      start = end;
    }
    return i;
  }

  /**
   * Completes people [from, to) of a reduce: the source, a position in the result (base + i of
   * the level's sources), becomes the source person, and the root is the source's.
   */
  sourcesAndRoots(out: LevelPeople, root: Int32Array, from: number, to: number, base: number): void {
    const { srcPerson, srcRoot } = this.shared;
    const source = out.source;
    for (let j = from; j < to; j++) { const i = source[j]! - base; source[j] = srcPerson[i]!; root[j] = srcRoot[i]!; }
  }

  /** Window ends of people [from, to) whose windows start on their dates; END_ON_MAIN where overlays may hold orders. */
  exposureEnds(person: Int32Array, date: Int32Array, end: Int32Array, from: number, to: number, asOf: number): void {
    const b = this.base;
    for (let j = from; j < to; j++) {
      const P = person[j]!;
      end[j] = mayHave(b.personOverlay, P) ? END_ON_MAIN : baseExposureEnd(b, P, date[j]!, asOf);
    }
  }

  /** P is exposed by the source at `source` on `date` through (kind, group); the level's end keeps the best. */
  offer(P: number, date: number, source: number, kind: number, group: number): void {
    if ((this.shared.before[P >>> 5]! & (1 << (P & 31))) !== 0) return;
    const l = this.lists;
    const q = l.nFound++ * FOUND;
    if (q === l.found.length) l.growFound();
    const f = l.found;
    f[q] = P; f[q + 1] = date; f[q + 2] = source; f[q + 3] = kind; f[q + 4] = group;
  }

  /** Files one source membership under its group when the window and the membership share a day. */
  bucket(group: number, source: number, ws: number, we: number, from: number, to: number): void {
    const lo = ws > from ? ws : from;
    const hi = we < to ? we : to;
    if (lo > hi) return;
    const l = this.lists;
    const e = l.entries++;
    l.eGroup[e] = group; l.eSource[e] = source; l.eLo[e] = lo; l.eHi[e] = hi;
  }

  /** Base check-ins at the venue within the span of the source's, dated in the source's window; false when outside it. */
  walkVenue(source: number, ws: number, we: number, venue: number, t: number, span: number): boolean {
    const day = vnDayOfEpochSeconds(t);
    if (day < ws || day > we) return false;
    const b = this.base;
    const vOffsets = b.vOffsets, vTime = b.vTime, vPerson = b.vPerson;
    if (venue + 1 < vOffsets.length) {
      const vhi = vOffsets[venue + 1]!;
      let lo = vOffsets[venue]!, hi = vhi;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (vTime[mid]! < t - span) lo = mid + 1; else hi = mid; }
      for (let i = lo; i < vhi && vTime[i]! <= t + span; i++) this.offer(vPerson[i]!, day, source, KIND_CODE.venue, venue);
    }
    return true;
  }

  /**
   * The level's sources at [from, to) of the shared source list (result positions base + i),
   * in runs of SOURCE_RUN: each run's memberships and check-ins are first read in loops of loads
   * alone (their offsets, then the records), so that their misses overlap, and then walked.
   */
  sources(from: number, to: number, base: number, span: number): void {
    const { srcPerson } = this.shared;
    const { pOffsets, pcOffsets, pRec, pcVenue } = this.base;
    const people = Math.min(pOffsets.length, pcOffsets.length) - 1;
    const lastRec = pRec.length - 1, lastCheckin = pcVenue.length - 1;
    for (let run = from; run < to; run += SOURCE_RUN) {
      const end = Math.min(run + SOURCE_RUN, to);
      let touch = 0;
      for (let i = run; i < end; i++) { const S = srcPerson[i]!; if (S < people) touch ^= pOffsets[S]! ^ pcOffsets[S]!; }
      for (let i = run; i < end; i++) {
        const S = srcPerson[i]!;
        if (S >= people) continue;
        touch ^= pRec[Math.min(pOffsets[S]! * REC, lastRec)]! ^ pcVenue[Math.min(pcOffsets[S]!, lastCheckin)]!;
      }
      this.touch ^= touch;
      for (let i = run; i < end; i++) this.source(i, base, span);
    }
  }

  /** One source's base memberships (bucketed) and check-ins (offered at once: few per person). */
  private source(i: number, base: number, span: number): void {
    const sh = this.shared;
    const S = sh.srcPerson[i]!, ws = sh.srcStart[i]!, we = sh.srcEnd[i]!;
    if (ws > we) return;
    const b = this.base;
    const at = base + i;
    const pOffsets = b.pOffsets;
    if (S + 1 < pOffsets.length) {
      const plo = pOffsets[S]!, phi = pOffsets[S + 1]!;
      if (phi > plo) {
        this.lists.ensureEntries(phi - plo);
        const pRec = b.pRec;
        for (let j = plo * REC, end = phi * REC; j < end; j += REC) this.bucket(pRec[j]!, at, ws, we, pRec[j + 1]!, pRec[j + 2]!);
      }
    }
    const pcOffsets = b.pcOffsets;
    if (S + 1 < pcOffsets.length) {
      const chi = pcOffsets[S + 1]!;
      const venueOverlay = b.venueOverlay;
      for (let j = pcOffsets[S]!; j < chi; j++) {
        const venue = b.pcVenue[j]!, t = b.pcTime[j]!;
        if (!this.walkVenue(at, ws, we, venue, t, span)) continue;
        if (venue >>> 5 >= venueOverlay.length || (venueOverlay[venue >>> 5]! & (1 << (venue & 31))) !== 0) this.defer(at, venue, t);
      }
    }
  }

  /** A check-in at a venue that may have overlay check-ins: the main thread walks those. */
  defer(source: number, venue: number, t: number): void {
    const l = this.lists;
    const q = l.nDeferred++ * DEFERRED;
    if (q === l.deferred.length) l.growDeferred();
    l.deferred[q] = source; l.deferred[q + 1] = venue; l.deferred[q + 2] = t;
  }

  /**
   * Scans the touched groups [from, to) of the shared layout, each one's base members once
   * against the group's entries. Groups are walked in runs of about TOUCH_INTS record values,
   * each run's lines first read in a loop of loads alone: their misses overlap there, and the
   * walk then finds them cached.
   */
  groups(from: number, to: number): void {
    const sh = this.shared;
    const before = sh.before, gRec = this.base.gRec;
    const groups = sh.groups, groupFirst = sh.groupFirst, memberLo = sh.memberLo, memberHi = sh.memberHi, kindOf = sh.kindOf;
    let touchedTo = from;
    for (let gi = from; gi < to; gi++) {
      if (gi === touchedTo) {
        let touch = 0, ints = 0;
        for (; touchedTo < to && ints < TOUCH_INTS; touchedTo++) {
          const lo = memberLo[touchedTo]!, hi = memberHi[touchedTo]!;
          for (let g = lo; g < hi; g += 16) touch ^= gRec[g]!;
          ints += hi - lo;
        }
        this.touch ^= touch;
      }
      const group = groups[gi]!;
      const e0 = groupFirst[gi]!, e1 = groupFirst[gi + 1]!;
      const kind = kindOf[gi]!;
      const minLo = this.minLo(e0, e1);
      const ghi = memberHi[gi]!;
      for (let g = memberLo[gi]!; g < ghi; g += REC) {
        const P = gRec[g]!;
        if ((before[P >>> 5]! & (1 << (P & 31))) !== 0) continue;
        this.member(P, gRec[g + 1]!, gRec[g + 2]!, e0, e1, minLo, kind, group);
      }
    }
  }

  /** The first day any of entries [e0, e1) (one group's, e1 > e0) can expose a member. */
  minLo(e0: number, e1: number): number {
    const byLo = this.shared.byLo;
    let minLo = byLo[e0]!;
    for (let e = e0 + 1; e < e1; e++) if (byLo[e]! < minLo) minLo = byLo[e]!;
    return minLo;
  }

  /** Best (date, source) for a member over the group's entries, which are in source order. */
  member(P: number, pf: number, pt: number, e0: number, e1: number, minLo: number, kind: number, group: number): void {
    // No source can expose P before max(pf, minLo): the first source reaching it is the primary one.
    const bound = pf > minLo ? pf : minLo;
    const sh = this.shared;
    const byLo = sh.byLo, byHi = sh.byHi;
    let bestDate = 0x7fffffff, bestSource = -1;
    for (let e = e0; e < e1; e++) {
      const lo = byLo[e]!, hi = byHi[e]!;
      if (lo > pt || hi < pf) continue;
      const date = lo > pf ? lo : pf;
      if (date < bestDate) { bestDate = date; bestSource = sh.bySource[e]!; if (date === bound) break; }
    }
    if (bestSource !== -1) this.offer(P, bestDate, bestSource, kind, group);
  }
}
