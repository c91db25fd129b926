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
 */
import {
  DEFAULT_CHECKIN_MINUTES, EDGE_KINDS, type EdgeKind, KIND_CODE, infectiousWindow,
  vnDayOfEpochSeconds,
} from './tracing.domain.ts';
import { REC, type TracingIndex } from './tracing.index.ts';

export interface F0Source { person: number; start: number; end: number }

export interface TraceOptions {
  f0: F0Source[];
  asOf: number;
  depth: number;
  checkinMinutes?: number;
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

/** Int32 values per exposure found (Scratch.found): person, date, source position, kind code, group. */
const FOUND = 5;
/** A level's exposures are sorted by person in buckets of 2^BUCKET_BITS people (a word of the bucket's bitmap per 32). */
const BUCKET_BITS = 11;
const BUCKET_PEOPLE = 1 << BUCKET_BITS;
/** Int32 values of member records touched ahead of a run of group walks (128 KB: well inside the L2 cache). */
const TOUCH_INTS = 32_768;
/** Sources whose records are touched ahead of their walk. */
const SOURCE_RUN = 1024;

/**
 * Scratch state per index, reused between runs: the bitmap of people placed at an earlier level
 * (a quarter of a megabyte for two million people, which stays in cache where a byte per person
 * would not), a stamp and an entry count per group, and the dense working lists of a level.
 */
interface Scratch {
  capacity: number;
  before: Uint32Array;
  groupCapacity: number;
  /** Per group g: at [2g] the stamp of the last level that touched it, at [2g + 1] its entry count, then end (one cache line). */
  groupState: Int32Array;
  stamp: number;
  /** The level's exposures as found (FOUND values each), then sorted by bucket of person. */
  found: Int32Array;
  sorted: Int32Array;
  /** Per bucket of people, the end of its exposures in `sorted` (counts first). */
  bucketEnd: Int32Array;
  /** Within one bucket: which people have an exposure (bitmap) and where their best one is. */
  bucketBits: Uint32Array;
  bucketBest: Int32Array;
  /** The level's source memberships (group, source position, first and last shared day), then by group. */
  eGroup: Int32Array;
  eSource: Int32Array;
  eLo: Int32Array;
  eHi: Int32Array;
  bySource: Int32Array;
  byLo: Int32Array;
  byHi: Int32Array;
  groups: Int32Array;
  /** The level's entries of the i-th touched group start at groupFirst[i] (and end at groupFirst[i + 1]). */
  groupFirst: Int32Array;
}

const scratchOf = new WeakMap<TracingIndex, Scratch>();

function scratchFor(index: TracingIndex): Scratch {
  let s = scratchOf.get(index);
  const groups = index.groupKind.length;
  if (!s || s.capacity < index.personCapacity || s.groupCapacity < groups) {
    const n = Math.ceil(index.personCapacity * 1.1) + 64;
    const g = Math.ceil(groups * 1.1) + 16;
    const words = (n + 31) >>> 5;
    const found = 4096 * FOUND, entries = 4096;
    s = {
      capacity: words * 32, before: new Uint32Array(words),
      groupCapacity: g, groupState: new Int32Array(g * 2), stamp: 0,
      found: new Int32Array(found), sorted: new Int32Array(found), bucketEnd: new Int32Array(((words * 32) >>> BUCKET_BITS) + 2),
      bucketBits: new Uint32Array(BUCKET_PEOPLE >>> 5), bucketBest: new Int32Array(BUCKET_PEOPLE),
      eGroup: new Int32Array(entries), eSource: new Int32Array(entries), eLo: new Int32Array(entries), eHi: new Int32Array(entries),
      bySource: new Int32Array(entries), byLo: new Int32Array(entries), byHi: new Int32Array(entries), groups: new Int32Array(entries),
      groupFirst: new Int32Array(entries + 1),
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
 * One run's walk. Methods rather than closures: a closure per source costs an allocation
 * millions of times on a province.
 */
class Walk {
  k = 0;
  readonly out = new Out();
  /** Exposures found at the current level. */
  private found = 0;
  private entries = 0;
  private groupCount = 0;
  /** Where the touching loops leave what they read, so that the compiler keeps the reads. */
  touch = 0;

  constructor(readonly index: TracingIndex, readonly s: Scratch, readonly span: number, readonly asOf: number) {}

  addF0(P: number, start: number, end: number): void {
    const w = P >>> 5, bit = 1 << (P & 31);
    if ((this.s.before[w]! & bit) !== 0) return;
    this.s.before[w]! |= bit;
    const o = this.out;
    o.ensure(o.n + 1);
    const i = o.n++;
    o.person[i] = P; o.level[i] = 0; o.windowStart[i] = start; o.windowEnd[i] = end;
    o.source[i] = -1; o.kind[i] = -1; o.group[i] = -1; o.date[i] = 0; o.root[i] = P;
  }

  /** P is exposed by the source at `source` on `date` through (kind, group); the level's end keeps the best. */
  offer(P: number, date: number, source: number, kind: number, group: number): void {
    const s = this.s;
    if ((s.before[P >>> 5]! & (1 << (P & 31))) !== 0) return;
    const q = this.found++ * FOUND;
    if (q === s.found.length) s.found = grown(s.found, q * 2, q);
    const f = s.found;
    f[q] = P; f[q + 1] = date; f[q + 2] = source; f[q + 3] = kind; f[q + 4] = group;
  }

  private ensureEntries(more: number): void {
    const s = this.s;
    const n = this.entries + more;
    if (n <= s.eGroup.length) return;
    const length = Math.max(n, s.eGroup.length * 2);
    const keep = this.entries;
    s.eGroup = grown(s.eGroup, length, keep); s.eSource = grown(s.eSource, length, keep); s.eLo = grown(s.eLo, length, keep); s.eHi = grown(s.eHi, length, keep);
    s.bySource = new Int32Array(length); s.byLo = new Int32Array(length); s.byHi = new Int32Array(length);
    s.groups = new Int32Array(length);
    s.groupFirst = new Int32Array(length + 1);
  }

  /** Files one source membership under its group when the window and the membership share a day. */
  private bucket(group: number, source: number, ws: number, we: number, from: number, to: number): void {
    const lo = ws > from ? ws : from;
    const hi = we < to ? we : to;
    if (lo > hi) return;
    const s = this.s;
    const e = this.entries++;
    s.eGroup[e] = group; s.eSource[e] = source; s.eLo[e] = lo; s.eHi[e] = hi;
  }

  /** Check-ins at the venue within the span of the source's, dated in the source's window. */
  private walkVenue(source: number, ws: number, we: number, venue: number, t: number): void {
    const day = vnDayOfEpochSeconds(t);
    if (day < ws || day > we) return;
    const index = this.index;
    const span = this.span;
    const vOffsets = index.vOffsets, vTime = index.vTime, vPerson = index.vPerson;
    if (venue + 1 < vOffsets.length) {
      const vhi = vOffsets[venue + 1]!;
      let a = vOffsets[venue]!, b = vhi;
      while (a < b) { const mid = (a + b) >> 1; if (vTime[mid]! < t - span) a = mid + 1; else b = mid; }
      for (let i = a; i < vhi && vTime[i]! <= t + span; i++) this.offer(vPerson[i]!, day, source, KIND_CODE.venue, venue);
    }
    if (index.mayHaveVenueOverlay(venue)) {
      const extra = index.extraCheckinsByVenue.get(venue);
      if (extra) for (const x of extra) if (Math.abs(x.time - t) <= span) this.offer(x.person, day, source, KIND_CODE.venue, venue);
    }
  }

  /**
   * The sources at positions [from, to) of the result, in runs of SOURCE_RUN: each run's
   * memberships and check-ins are first read in loops of loads alone (their offsets, then the
   * records), so that their misses overlap, and then walked.
   */
  fromSources(from: number, to: number): void {
    const index = this.index, person = this.out.person;
    const pOffsets = index.pOffsets, pcOffsets = index.pcOffsets, pRec = index.pRec, pcVenue = index.pcVenue;
    const people = Math.min(pOffsets.length, pcOffsets.length) - 1;
    const lastRec = pRec.length - 1, lastCheckin = pcVenue.length - 1;
    for (let run = from; run < to; run += SOURCE_RUN) {
      const end = Math.min(run + SOURCE_RUN, to);
      let touch = 0;
      for (let i = run; i < end; i++) { const S = person[i]!; if (S < people) touch ^= pOffsets[S]! ^ pcOffsets[S]!; }
      for (let i = run; i < end; i++) {
        const S = person[i]!;
        if (S >= people) continue;
        touch ^= pRec[Math.min(pOffsets[S]! * REC, lastRec)]! ^ pcVenue[Math.min(pcOffsets[S]!, lastCheckin)]!;
      }
      this.touch ^= touch;
      for (let i = run; i < end; i++) this.fromSource(i);
    }
  }

  /** The source at position i of the result: memberships are bucketed; venue check-ins and manual contacts (few per person) go at once. */
  fromSource(i: number): void {
    const o = this.out;
    const S = o.person[i]!, ws = o.windowStart[i]!, we = o.windowEnd[i]!;
    if (ws > we) return;
    const index = this.index;
    const pOffsets = index.pOffsets;
    if (S + 1 < pOffsets.length) {
      const plo = pOffsets[S]!, phi = pOffsets[S + 1]!;
      if (phi > plo) {
        this.ensureEntries(phi - plo);
        const pRec = index.pRec;
        for (let j = plo * REC, end = phi * REC; j < end; j += REC) this.bucket(pRec[j]!, i, ws, we, pRec[j + 1]!, pRec[j + 2]!);
      }
    }
    const pcOffsets = index.pcOffsets;
    if (S + 1 < pcOffsets.length) {
      const chi = pcOffsets[S + 1]!;
      for (let j = pcOffsets[S]!; j < chi; j++) this.walkVenue(i, ws, we, index.pcVenue[j]!, index.pcTime[j]!);
    }
    if (!index.mayHavePersonOverlay(S)) return;
    const extraGroups = index.extraByPerson.get(S);
    if (extraGroups) {
      this.ensureEntries(extraGroups.length);
      for (const x of extraGroups) this.bucket(x.group, i, ws, we, x.from, x.to);
    }
    const extraCheckins = index.extraCheckinsByPerson.get(S);
    if (extraCheckins) for (const x of extraCheckins) this.walkVenue(i, ws, we, x.venue, x.time);
    const contacts = index.contactsByPerson.get(S);
    if (contacts) for (const x of contacts) if (x.day >= ws && x.day <= we) this.offer(x.other, x.day, i, KIND_CODE.manual, -1);
  }

  /** Lays the entries out group by group (a stable counting sort: each group's stay in source order). */
  private groupEntries(): void {
    const s = this.s;
    const n = this.entries;
    const groups = s.groups, state = s.groupState, stamp = s.stamp;
    const eGroup = s.eGroup;
    // The groups touched and their entry counts: a pass of its own, away from the sources' walk,
    // so that its scattered reads overlap.
    let groupCount = 0;
    for (let i = 0; i < n; i++) {
      const g = eGroup[i]!;
      if (state[g * 2] !== stamp) { state[g * 2] = stamp; state[g * 2 + 1] = 0; groups[groupCount++] = g; }
      state[g * 2 + 1]!++;
    }
    this.groupCount = groupCount;
    const groupFirst = s.groupFirst;
    let at = 0;
    for (let i = 0; i < groupCount; i++) {
      const g = groups[i]!;
      const count = state[g * 2 + 1]!;
      groupFirst[i] = at; state[g * 2 + 1] = at; at += count;
    }
    groupFirst[groupCount] = at;
    const eSource = s.eSource, eLo = s.eLo, eHi = s.eHi, bySource = s.bySource, byLo = s.byLo, byHi = s.byHi;
    for (let i = 0; i < n; i++) {
      const j = state[eGroup[i]! * 2 + 1]!++;
      bySource[j] = eSource[i]!; byLo[j] = eLo[i]!; byHi[j] = eHi[i]!;
    }
  }

  /** Scans every bucketed group's members once against that group's sources. */
  walkGroups(): void {
    this.groupEntries();
    const index = this.index;
    const s = this.s;
    const before = s.before;
    const gOffsets = index.gOffsets, gRec = index.gRec;
    const byLo = s.byLo, groups = s.groups, groupFirst = s.groupFirst, groupKind = index.groupKind;
    const n = this.groupCount;
    // Each group's member range and kind gathered first, in a pass of their own (the entry lists
    // are free again once grouped): the scattered reads overlap instead of heading each walk.
    const memberLo = s.eGroup, memberHi = s.eSource, kindOf = s.eLo;
    for (let gi = 0; gi < n; gi++) {
      const group = groups[gi]!;
      const inBase = group + 1 < gOffsets.length;
      memberLo[gi] = inBase ? gOffsets[group]! * REC : 0;
      memberHi[gi] = inBase ? gOffsets[group + 1]! * REC : 0;
      kindOf[gi] = groupKind[group]!;
    }
    // Groups are walked in runs of about TOUCH_INTS record values, each run's lines first read
    // in a loop of loads alone: their misses overlap there, and the walk then finds them cached.
    let touchedTo = 0;
    for (let gi = 0; gi < n; gi++) {
      if (gi === touchedTo) {
        let touch = 0, ints = 0;
        for (; touchedTo < n && ints < TOUCH_INTS; touchedTo++) {
          const lo = memberLo[touchedTo]!, hi = memberHi[touchedTo]!;
          for (let g = lo; g < hi; g += 16) touch ^= gRec[g]!;
          ints += hi - lo;
        }
        this.touch ^= touch;
      }
      const group = groups[gi]!;
      const e0 = groupFirst[gi]!, e1 = groupFirst[gi + 1]!;
      const kind = kindOf[gi]!;
      let minLo = byLo[e0]!;
      for (let e = e0 + 1; e < e1; e++) if (byLo[e]! < minLo) minLo = byLo[e]!;
      const ghi = memberHi[gi]!;
      for (let g = memberLo[gi]!; g < ghi; g += REC) {
        const P = gRec[g]!;
        if ((before[P >>> 5]! & (1 << (P & 31))) !== 0) continue;
        this.member(P, gRec[g + 1]!, gRec[g + 2]!, e0, e1, minLo, kind, group);
      }
      if (index.mayHaveGroupOverlay(group)) {
        const extra = index.extraByGroup.get(group);
        if (extra) for (const x of extra) this.member(x.person, x.from, x.to, e0, e1, minLo, kind, group);
      }
    }
  }

  /** Best (date, source) for a member over the group's sources, which are in source order. */
  private member(P: number, pf: number, pt: number, e0: number, e1: number, minLo: number, kind: number, group: number): void {
    // No source can expose P before max(pf, minLo): the first source reaching it is the primary one.
    const bound = pf > minLo ? pf : minLo;
    const s = this.s;
    const byLo = s.byLo, byHi = s.byHi;
    let bestDate = 0x7fffffff, bestSource = -1;
    for (let e = e0; e < e1; e++) {
      const lo = byLo[e]!, hi = byHi[e]!;
      if (lo > pt || hi < pf) continue;
      const date = lo > pf ? lo : pf;
      if (date < bestDate) { bestDate = date; bestSource = s.bySource[e]!; if (date === bound) break; }
    }
    if (bestSource !== -1) this.offer(P, bestDate, bestSource, kind, group);
  }

  startLevel(k: number): void {
    this.k = k;
    this.found = 0; this.entries = 0; this.groupCount = 0;
    this.s.stamp++;
  }

  /**
   * Appends the level's new people to the result in person order, each with its best edge (the
   * lowest date, then source position, kind and group), window and root, and marks them placed.
   * The exposures found are laid out by bucket of people (a counting sort: two sequential
   * passes), then each bucket's, which fit in cache, are reduced to one per person through the
   * bucket's bitmap, read word by word in person order.
   */
  finishLevel(): number {
    const s = this.s, o = this.out, k = this.k;
    const n = this.found;
    const buckets = (s.capacity >>> BUCKET_BITS) + 1;
    if (s.sorted.length < n * FOUND) s.sorted = new Int32Array(s.found.length);
    const found = s.found, sorted = s.sorted, bucketEnd = s.bucketEnd;
    bucketEnd.fill(0, 0, buckets + 1);
    for (let q = 0, end = n * FOUND; q < end; q += FOUND) bucketEnd[(found[q]! >>> BUCKET_BITS) + 1]!++;
    for (let b = 0; b < buckets; b++) bucketEnd[b + 1]! += bucketEnd[b]!;
    // Each bucket's start, advanced as it fills, ends as its end.
    for (let q = 0, end = n * FOUND; q < end; q += FOUND) {
      const d = bucketEnd[found[q]! >>> BUCKET_BITS]!++ * FOUND;
      sorted[d] = found[q]!; sorted[d + 1] = found[q + 1]!; sorted[d + 2] = found[q + 2]!; sorted[d + 3] = found[q + 3]!; sorted[d + 4] = found[q + 4]!;
    }
    o.ensure(o.n + n);
    const person = o.person, source = o.source, kind = o.kind, group = o.group, date = o.date, root = o.root;
    const before = s.before, bits = s.bucketBits, best = s.bucketBest;
    const n0 = o.n;
    let i = n0;
    for (let b = 0, start = 0; b < buckets; b++) {
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
    const n1 = i;
    for (let j = n0; j < n1; j++) { const src = source[j]!; source[j] = person[src]!; root[j] = root[src]!; }
    // The primary edge is the earliest: its date starts P's exposure window.
    o.level.fill(k, n0, n1);
    o.windowStart.set(date.subarray(n0, n1), n0);
    const windowEnd = o.windowEnd, index = this.index, asOf = this.asOf;
    for (let j = n0; j < n1; j++) windowEnd[j] = index.exposureEnd(person[j]!, date[j]!, asOf);
    o.n = n1;
    return n1 - n0;
  }
}

export function trace(index: TracingIndex, opts: TraceOptions): TraceResult {
  const s = scratchFor(index);
  // A run that threw leaves bits behind: every run starts from clean bitmaps (a few microseconds).
  s.before.fill(0); s.bucketBits.fill(0);
  const span = (opts.checkinMinutes ?? DEFAULT_CHECKIN_MINUTES) * 60;
  const walk = new Walk(index, s, span, opts.asOf);
  const f0 = [...opts.f0].sort((a, b) => a.person - b.person);
  for (const f of f0) walk.addF0(f.person, f.start, f.end);
  const counts: number[] = [walk.out.n];
  let levelStart = 0;
  for (let k = 1; k <= opts.depth; k++) {
    const levelEnd = walk.out.n;
    walk.startLevel(k);
    walk.fromSources(levelStart, levelEnd);
    walk.walkGroups();
    const found = walk.finishLevel();
    counts.push(found);
    levelStart = levelEnd;
    if (found === 0) break;
  }
  while (counts.length < opts.depth + 1) counts.push(0);
  return { asOf: opts.asOf, depth: opts.depth, span, counts, people: walk.out.people() };
}
