/**
 * The tracing engine: level-by-level expansion over the in-memory index, following the rules in
 * tracing.domain.ts exactly. Synchronous and allocation-light: scratch arrays sized by the
 * person capacity are kept between runs.
 */
import {
  DEFAULT_CHECKIN_MINUTES, EDGE_KINDS, type EdgeKind, KIND_CODE, exposureWindowEnd, infectiousWindow,
  vnDayOfEpochSeconds,
} from './tracing.domain.ts';
import type { TracingIndex } from './tracing.index.ts';

export interface F0Source { person: number; start: number; end: number }

export interface TraceOptions {
  f0: F0Source[];
  asOf: number;
  depth: number;
  checkinMinutes?: number;
}

/** Growable struct-of-arrays of exposure edges. */
export class EdgeList {
  count = 0;
  source = new Int32Array(1024);
  target = new Int32Array(1024);
  kind = new Uint8Array(1024);
  group = new Int32Array(1024);
  date = new Int32Array(1024);
  next = new Int32Array(1024);
  targetLevel = new Int8Array(1024);

  push(source: number, target: number, kind: number, group: number, date: number, next: number, level: number): number {
    if (this.count === this.source.length) this.grow();
    const i = this.count++;
    this.source[i] = source; this.target[i] = target; this.kind[i] = kind; this.group[i] = group; this.date[i] = date;
    this.next[i] = next; this.targetLevel[i] = level;
    return i;
  }

  private grow() {
    const n = this.source.length * 2;
    const g = <T extends Int32Array | Uint8Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.source = g(this.source); this.target = g(this.target); this.kind = g(this.kind); this.group = g(this.group);
    this.date = g(this.date); this.next = g(this.next); this.targetLevel = g(this.targetLevel);
  }
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
  /** People per level: [F0, F1, F2, F3…]. */
  counts: number[];
  /** F0 first, then each level sorted by person id; `edge` is the primary edge (−1 for F0). */
  people: { count: number; person: Int32Array; level: Int8Array; windowStart: Int32Array; windowEnd: Int32Array; edge: Int32Array; root: Int32Array };
  /** Every exposure edge: one per (source, target, kind, group) with its earliest date; group −1 for manual. */
  edges: EdgeList;
}

export function tracedPeople(r: TraceResult): TracedPersonOut[] {
  const out: TracedPersonOut[] = new Array(r.people.count);
  const e = r.edges;
  for (let i = 0; i < r.people.count; i++) {
    const x = r.people.edge[i]!;
    const g = x === -1 ? -1 : e.group[x]!;
    out[i] = {
      person: r.people.person[i]!, level: r.people.level[i]!, windowStart: r.people.windowStart[i]!, windowEnd: r.people.windowEnd[i]!,
      source: x === -1 ? null : e.source[x]!, kind: x === -1 ? null : EDGE_KINDS[e.kind[x]!]!, group: g === -1 ? null : g,
      date: x === -1 ? null : e.date[x]!, root: r.people.root[i]!,
    };
  }
  return out;
}

export interface EdgeOut { source: number; target: number; kind: EdgeKind; group: number | null; date: number; targetLevel: number }

export function exposureEdges(r: TraceResult): EdgeOut[] {
  const e = r.edges;
  const out: EdgeOut[] = new Array(e.count);
  for (let i = 0; i < e.count; i++) {
    const g = e.group[i]!;
    out[i] = { source: e.source[i]!, target: e.target[i]!, kind: EDGE_KINDS[e.kind[i]!]!, group: g === -1 ? null : g, date: e.date[i]!, targetLevel: e.targetLevel[i]! };
  }
  return out;
}

interface Scratch {
  capacity: number;
  level: Int8Array;
  seenStamp: Int32Array;
  seenHead: Int32Array;
  bestEdge: Int32Array;
  windowEnd: Int32Array;
  root: Int32Array;
  stamp: number;
}

const scratchOf = new WeakMap<TracingIndex, Scratch>();

function scratchFor(index: TracingIndex): Scratch {
  let s = scratchOf.get(index);
  if (!s || s.capacity < index.personCapacity) {
    const n = Math.ceil(index.personCapacity * 1.1) + 16;
    s = {
      capacity: n, level: new Int8Array(n).fill(-1), seenStamp: new Int32Array(n), seenHead: new Int32Array(n),
      bestEdge: new Int32Array(n), windowEnd: new Int32Array(n), root: new Int32Array(n), stamp: 0,
    };
    scratchOf.set(index, s);
  }
  return s;
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

/** A growable list of int32 without per-item allocation. */
class IntList {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n++] = v;
  }
  view(): Int32Array { return this.a.subarray(0, this.n); }
}

/**
 * One run's walk. Methods rather than closures: a closure per source costs an allocation (and a
 * name helper under tsx) millions of times on a province.
 */
class Walk {
  readonly edges = new EdgeList();
  readonly touched = new IntList();
  found = new IntList();
  // the current source
  S = 0; ws = 0; we = 0; stamp = 0; k = 0;

  constructor(readonly index: TracingIndex, readonly s: Scratch, readonly span: number) {}

  /** True when edge a ranks before edge b as a primary source (same source level). */
  private before(a: number, b: number): boolean {
    const e = this.edges;
    return (e.date[a]! - e.date[b]! || e.source[a]! - e.source[b]! || e.kind[a]! - e.kind[b]! || e.group[a]! - e.group[b]!) < 0;
  }

  emit(P: number, kind: number, group: number, date: number): void {
    if (P === this.S) return;
    const s = this.s;
    const lv = s.level[P]!;
    if (lv !== -1 && lv !== this.k) return;
    const edges = this.edges;
    if (s.seenStamp[P] === this.stamp) {
      for (let e = s.seenHead[P]!; e !== -1; e = edges.next[e]!) {
        if (edges.kind[e] === kind && edges.group[e] === group) {
          if (date < edges.date[e]!) {
            edges.date[e] = date;
            if (this.before(e, s.bestEdge[P]!)) s.bestEdge[P] = e;
          }
          return;
        }
      }
    } else {
      s.seenStamp[P] = this.stamp; s.seenHead[P] = -1;
    }
    const e = edges.push(this.S, P, kind, group, date, s.seenHead[P]!, this.k);
    s.seenHead[P] = e;
    if (lv === -1) {
      s.level[P] = this.k; this.touched.push(P); this.found.push(P); s.bestEdge[P] = e;
    } else if (this.before(e, s.bestEdge[P]!)) s.bestEdge[P] = e;
  }

  /** Shared group: the window and both memberships share a day; the first such day. */
  walkGroup(group: number, sFrom: number, sTo: number): void {
    const lo = this.ws > sFrom ? this.ws : sFrom;
    const hi = this.we < sTo ? this.we : sTo;
    if (lo > hi) return;
    const index = this.index;
    const kind = index.groupKind[group]!;
    if (group + 1 < index.gOffsets.length) {
      const ghi = index.gOffsets[group + 1]!;
      for (let g = index.gOffsets[group]!; g < ghi; g++) {
        const pf = index.gFrom[g]!;
        if (pf > hi || index.gTo[g]! < lo) continue;
        this.emit(index.gPerson[g]!, kind, group, pf > lo ? pf : lo);
      }
    }
    const extra = index.extraByGroup.get(group);
    if (extra) for (const x of extra) if (x.from <= hi && x.to >= lo) this.emit(x.person, kind, group, x.from > lo ? x.from : lo);
  }

  /** Check-ins at the venue within the span of the source's, dated in the source's window. */
  walkVenue(venue: number, t: number): void {
    const day = vnDayOfEpochSeconds(t);
    if (day < this.ws || day > this.we) return;
    const index = this.index;
    const span = this.span;
    if (venue + 1 < index.vOffsets.length) {
      const vhi = index.vOffsets[venue + 1]!;
      let a = index.vOffsets[venue]!, b = vhi;
      while (a < b) { const mid = (a + b) >> 1; if (index.vTime[mid]! < t - span) a = mid + 1; else b = mid; }
      for (let i = a; i < vhi && index.vTime[i]! <= t + span; i++) this.emit(index.vPerson[i]!, KIND_CODE.venue, venue, day);
    }
    const extra = index.extraCheckinsByVenue.get(venue);
    if (extra) for (const x of extra) if (Math.abs(x.time - t) <= span) this.emit(x.person, KIND_CODE.venue, venue, day);
  }

  fromSource(S: number, start: number, end: number): void {
    this.S = S; this.ws = start; this.we = end;
    if (start > end) return;
    this.stamp = ++this.s.stamp;
    const index = this.index;
    if (S + 1 < index.pOffsets.length) {
      const phi = index.pOffsets[S + 1]!;
      for (let j = index.pOffsets[S]!; j < phi; j++) this.walkGroup(index.pGroup[j]!, index.pFrom[j]!, index.pTo[j]!);
    }
    const extraGroups = index.extraByPerson.get(S);
    if (extraGroups) for (const x of extraGroups) this.walkGroup(x.group, x.from, x.to);
    if (S + 1 < index.pcOffsets.length) {
      const chi = index.pcOffsets[S + 1]!;
      for (let j = index.pcOffsets[S]!; j < chi; j++) this.walkVenue(index.pcVenue[j]!, index.pcTime[j]!);
    }
    const extraCheckins = index.extraCheckinsByPerson.get(S);
    if (extraCheckins) for (const x of extraCheckins) this.walkVenue(x.venue, x.time);
    const contacts = index.contactsByPerson.get(S);
    if (contacts) for (const x of contacts) if (x.day >= this.ws && x.day <= this.we) this.emit(x.other, KIND_CODE.manual, -1, x.day);
  }
}

export function trace(index: TracingIndex, opts: TraceOptions): TraceResult {
  const s = scratchFor(index);
  const walk = new Walk(index, s, (opts.checkinMinutes ?? DEFAULT_CHECKIN_MINUTES) * 60);
  const { edges, touched } = walk;
  const counts: number[] = [];
  const levels: Int32Array[] = [];

  const f0 = [...opts.f0].sort((a, b) => a.person - b.person);
  const f0Start = new Map<number, number>();
  let srcPerson = new IntList(), srcStart = new IntList(), srcEnd = new IntList();
  for (const f of f0) {
    if (s.level[f.person] !== -1) continue;
    s.level[f.person] = 0; s.windowEnd[f.person] = f.end; s.root[f.person] = f.person; s.bestEdge[f.person] = -1;
    touched.push(f.person); f0Start.set(f.person, f.start);
    srcPerson.push(f.person); srcStart.push(f.start); srcEnd.push(f.end);
  }
  levels.push(srcPerson.view());
  counts.push(srcPerson.n);

  try {
    for (let k = 1; k <= opts.depth; k++) {
      walk.k = k;
      walk.found = new IntList();
      for (let i = 0; i < srcPerson.n; i++) walk.fromSource(srcPerson.a[i]!, srcStart.a[i]!, srcEnd.a[i]!);
      const level = walk.found.view().sort();
      levels.push(level);
      counts.push(level.length);
      const nextPerson = new IntList(), nextStart = new IntList(), nextEnd = new IntList();
      for (let i = 0; i < level.length; i++) {
        const P = level[i]!;
        const best = s.bestEdge[P]!;
        const start = edges.date[best]!;
        const orders = index.quarantineByPerson.get(P);
        const end = orders ? exposureWindowEnd(start, orders.map((q) => q.start), opts.asOf) : opts.asOf;
        s.windowEnd[P] = end;
        s.root[P] = s.root[edges.source[best]!]!;
        nextPerson.push(P); nextStart.push(start); nextEnd.push(end);
      }
      srcPerson = nextPerson; srcStart = nextStart; srcEnd = nextEnd;
      if (level.length === 0) break;
    }
    while (counts.length < opts.depth + 1) counts.push(0);

    const total = touched.n;
    const people: TraceResult['people'] = {
      count: total, person: new Int32Array(total), level: new Int8Array(total), windowStart: new Int32Array(total),
      windowEnd: new Int32Array(total), edge: new Int32Array(total), root: new Int32Array(total),
    };
    let i = 0;
    for (const level of levels) {
      for (const P of level) {
        const e = s.bestEdge[P]!;
        people.person[i] = P; people.level[i] = s.level[P]!; people.edge[i] = e; people.root[i] = s.root[P]!;
        people.windowStart[i] = e === -1 ? f0Start.get(P)! : edges.date[e]!;
        people.windowEnd[i] = s.windowEnd[P]!;
        i++;
      }
    }
    return { asOf: opts.asOf, depth: opts.depth, counts, people, edges };
  } finally {
    for (let i = 0; i < touched.n; i++) s.level[touched.a[i]!] = -1;
  }
}
