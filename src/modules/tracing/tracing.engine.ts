/**
 * The tracing engine: level-by-level expansion over the in-memory index, following the rules in
 * tracing.domain.ts exactly.
 *
 * Each level is walked group by group, not source by source: the sources' memberships are first
 * bucketed by group, then every touched group's members are scanned once, each member taking
 * the best (date, source) over that group's sources. A workshop shift with 30 sources costs one
 * pass over its members instead of 30, which is what makes a province-wide F3 trace fast. Only
 * the primary edge of each person is kept; every other edge is derived on demand from the
 * result and the index (tracing.edges.ts), since people's levels and windows fix them.
 * Synchronous and allocation-light: scratch arrays sized by the index are kept between runs.
 */
import {
  DEFAULT_CHECKIN_MINUTES, EDGE_KINDS, type EdgeKind, KIND_CODE, infectiousWindow,
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

/**
 * Scratch state per index, reused between runs: a level and a slot per person, a stamp and an
 * entry range per group. A person's working state lives at their slot in the walk's dense lists:
 * the per-person arrays are touched once per visit, which keeps a 2-million-person walk in cache.
 */
interface Scratch {
  capacity: number;
  level: Int8Array;
  slotOf: Int32Array;
  groupCapacity: number;
  groupStamp: Int32Array;
  groupStart: Int32Array;
  groupEnd: Int32Array;
  stamp: number;
}

const scratchOf = new WeakMap<TracingIndex, Scratch>();

function scratchFor(index: TracingIndex): Scratch {
  let s = scratchOf.get(index);
  const groups = index.groupKind.length;
  if (!s || s.capacity < index.personCapacity || s.groupCapacity < groups) {
    const n = Math.ceil(index.personCapacity * 1.1) + 16;
    const g = Math.ceil(groups * 1.1) + 16;
    s = {
      capacity: n, level: new Int8Array(n).fill(-1), slotOf: new Int32Array(n),
      groupCapacity: g, groupStamp: new Int32Array(g), groupStart: new Int32Array(g), groupEnd: new Int32Array(g), stamp: 0,
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
export class IntList {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n++] = v;
  }
  clear(): void { this.n = 0; }
  view(): Int32Array { return this.a.subarray(0, this.n); }
}

/**
 * One run's walk. Methods rather than closures: a closure per source costs an allocation
 * millions of times on a province.
 */
class Walk {
  k = 0;
  /** Per slot (discovery order): person, primary edge (date, source, kind, group), window end and root. */
  readonly person = new IntList();
  readonly date = new IntList();
  readonly source = new IntList();
  readonly kind = new IntList();
  readonly group = new IntList();
  readonly end = new IntList();
  readonly root = new IntList();
  found = new IntList();
  // The level's source memberships (group, source, lo, hi), in source order; then by group.
  readonly groups = new IntList();
  private readonly eGroup = new IntList();
  private readonly eSource = new IntList();
  private readonly eLo = new IntList();
  private readonly eHi = new IntList();
  private bySource = new Int32Array(1024);
  private byLo = new Int32Array(1024);
  private byHi = new Int32Array(1024);

  constructor(readonly index: TracingIndex, readonly s: Scratch, readonly span: number) {}

  /** A new person at the current level; returns their slot. */
  private place(P: number, date: number, source: number, kind: number, group: number): number {
    const slot = this.person.n;
    this.s.level[P] = this.k; this.s.slotOf[P] = slot;
    this.person.push(P); this.date.push(date); this.source.push(source); this.kind.push(kind); this.group.push(group);
    this.end.push(0); this.root.push(P);
    return slot;
  }

  addF0(P: number, end: number): void {
    this.k = 0;
    const slot = this.place(P, 0, -1, -1, -1);
    this.end.a[slot] = end;
  }

  /** P is exposed by `source` on `date` through (kind, group): keeps the lowest level and the primary edge. */
  offer(P: number, date: number, source: number, kind: number, group: number): void {
    const lv = this.s.level[P]!;
    if (lv === -1) { this.place(P, date, source, kind, group); this.found.push(P); return; }
    if (lv !== this.k) return;
    const slot = this.s.slotOf[P]!;
    if ((date - this.date.a[slot]! || source - this.source.a[slot]! || kind - this.kind.a[slot]! || group - this.group.a[slot]!) >= 0) return;
    this.date.a[slot] = date; this.source.a[slot] = source; this.kind.a[slot] = kind; this.group.a[slot] = group;
  }

  /** Files one source membership under its group when the window and the membership share a day. */
  private bucket(group: number, S: number, ws: number, we: number, from: number, to: number): void {
    const lo = ws > from ? ws : from;
    const hi = we < to ? we : to;
    if (lo > hi) return;
    const s = this.s;
    if (s.groupStamp[group] !== s.stamp) { s.groupStamp[group] = s.stamp; s.groupEnd[group] = 0; this.groups.push(group); }
    s.groupEnd[group]!++;
    this.eGroup.push(group); this.eSource.push(S); this.eLo.push(lo); this.eHi.push(hi);
  }

  /** Check-ins at the venue within the span of the source's, dated in the source's window. */
  private walkVenue(S: number, ws: number, we: number, venue: number, t: number): void {
    const day = vnDayOfEpochSeconds(t);
    if (day < ws || day > we) return;
    const index = this.index;
    const span = this.span;
    const [vlo, vhi] = index.venueRange(venue);
    let a = vlo, b = vhi;
    while (a < b) { const mid = (a + b) >> 1; if (index.vTime[mid]! < t - span) a = mid + 1; else b = mid; }
    for (let i = a; i < vhi && index.vTime[i]! <= t + span; i++) this.offer(index.vPerson[i]!, day, S, KIND_CODE.venue, venue);
    const extra = index.extraCheckinsByVenue.get(venue);
    if (extra) for (const x of extra) if (Math.abs(x.time - t) <= span) this.offer(x.person, day, S, KIND_CODE.venue, venue);
  }

  /** Venue check-ins and manual contacts go source by source (few per person); memberships are bucketed. */
  fromSource(S: number, ws: number, we: number): void {
    if (ws > we) return;
    const index = this.index;
    const [plo, phi] = index.personMembershipRange(S);
    for (let j = plo; j < phi; j++) this.bucket(index.pGroup[j]!, S, ws, we, index.pFrom[j]!, index.pTo[j]!);
    const extraGroups = index.extraByPerson.get(S);
    if (extraGroups) for (const x of extraGroups) this.bucket(x.group, S, ws, we, x.from, x.to);
    const [clo, chi] = index.personCheckinRange(S);
    for (let j = clo; j < chi; j++) this.walkVenue(S, ws, we, index.pcVenue[j]!, index.pcTime[j]!);
    const extraCheckins = index.extraCheckinsByPerson.get(S);
    if (extraCheckins) for (const x of extraCheckins) this.walkVenue(S, ws, we, x.venue, x.time);
    const contacts = index.contactsByPerson.get(S);
    if (contacts) for (const x of contacts) if (x.day >= ws && x.day <= we) this.offer(x.other, x.day, S, KIND_CODE.manual, -1);
  }

  /** Lays the entries out group by group (a stable counting sort: each group's stay in source order). */
  private groupEntries(): void {
    const s = this.s;
    const n = this.eGroup.n;
    if (this.bySource.length < n) { this.bySource = new Int32Array(n * 2); this.byLo = new Int32Array(n * 2); this.byHi = new Int32Array(n * 2); }
    let at = 0;
    for (let i = 0; i < this.groups.n; i++) {
      const g = this.groups.a[i]!;
      const count = s.groupEnd[g]!;
      s.groupStart[g] = at; s.groupEnd[g] = at; at += count;
    }
    for (let i = 0; i < n; i++) {
      const j = s.groupEnd[this.eGroup.a[i]!]!++;
      this.bySource[j] = this.eSource.a[i]!; this.byLo[j] = this.eLo.a[i]!; this.byHi[j] = this.eHi.a[i]!;
    }
  }

  /** Scans every bucketed group's members once against that group's sources. */
  walkGroups(): void {
    this.groupEntries();
    const index = this.index;
    const s = this.s;
    for (let gi = 0; gi < this.groups.n; gi++) {
      const group = this.groups.a[gi]!;
      const e0 = s.groupStart[group]!, e1 = s.groupEnd[group]!;
      const kind = index.groupKind[group]!;
      let minLo = this.byLo[e0]!;
      for (let e = e0 + 1; e < e1; e++) if (this.byLo[e]! < minLo) minLo = this.byLo[e]!;
      const [glo, ghi] = index.groupRange(group);
      for (let g = glo; g < ghi; g++) {
        const P = index.gPerson[g]!;
        const lv = s.level[P]!;
        if (lv !== -1 && lv !== this.k) continue;
        this.member(P, index.gFrom[g]!, index.gTo[g]!, e0, e1, minLo, kind, group);
      }
      const extra = index.extraByGroup.get(group);
      if (extra) for (const x of extra) this.member(x.person, x.from, x.to, e0, e1, minLo, kind, group);
    }
  }

  /** Best (date, source) for a member over the group's sources, which are in source order. */
  private member(P: number, pf: number, pt: number, e0: number, e1: number, minLo: number, kind: number, group: number): void {
    // No source can expose P before max(pf, minLo): the first source reaching it is the primary one.
    const bound = pf > minLo ? pf : minLo;
    let bestDate = 0x7fffffff, bestSource = -1;
    for (let e = e0; e < e1; e++) {
      const lo = this.byLo[e]!, hi = this.byHi[e]!;
      if (lo > pt || hi < pf) continue;
      const date = lo > pf ? lo : pf;
      if (date < bestDate) { bestDate = date; bestSource = this.bySource[e]!; if (date === bound) break; }
    }
    if (bestSource !== -1) this.offer(P, bestDate, bestSource, kind, group);
  }

  startLevel(k: number): void {
    this.k = k;
    this.found = new IntList();
    this.groups.clear(); this.eGroup.clear(); this.eSource.clear(); this.eLo.clear(); this.eHi.clear();
    this.s.stamp++;
  }

  /** Forgets the run in the shared scratch arrays. */
  reset(): void {
    for (let i = 0; i < this.person.n; i++) this.s.level[this.person.a[i]!] = -1;
  }
}

export function trace(index: TracingIndex, opts: TraceOptions): TraceResult {
  const s = scratchFor(index);
  const span = (opts.checkinMinutes ?? DEFAULT_CHECKIN_MINUTES) * 60;
  const walk = new Walk(index, s, span);
  const counts: number[] = [];
  const levels: Int32Array[] = [];

  const f0 = [...opts.f0].sort((a, b) => a.person - b.person);
  const f0Start = new Map<number, number>();
  let srcPerson = new IntList(), srcStart = new IntList(), srcEnd = new IntList();
  try {
    for (const f of f0) {
      if (s.level[f.person] !== -1) continue;
      walk.addF0(f.person, f.end);
      f0Start.set(f.person, f.start);
      srcPerson.push(f.person); srcStart.push(f.start); srcEnd.push(f.end);
    }
    levels.push(srcPerson.view());
    counts.push(srcPerson.n);
    for (let k = 1; k <= opts.depth; k++) {
      walk.startLevel(k);
      for (let i = 0; i < srcPerson.n; i++) walk.fromSource(srcPerson.a[i]!, srcStart.a[i]!, srcEnd.a[i]!);
      walk.walkGroups();
      const level = walk.found.view().sort();
      levels.push(level);
      counts.push(level.length);
      const nextPerson = new IntList(), nextStart = new IntList(), nextEnd = new IntList();
      for (let i = 0; i < level.length; i++) {
        const P = level[i]!;
        const slot = s.slotOf[P]!;
        // The primary edge is the earliest: its date starts P's exposure window.
        const start = walk.date.a[slot]!;
        const end = index.exposureEnd(P, start, opts.asOf);
        walk.end.a[slot] = end;
        walk.root.a[slot] = walk.root.a[s.slotOf[walk.source.a[slot]!]!]!;
        nextPerson.push(P); nextStart.push(start); nextEnd.push(end);
      }
      srcPerson = nextPerson; srcStart = nextStart; srcEnd = nextEnd;
      if (level.length === 0) break;
    }
    while (counts.length < opts.depth + 1) counts.push(0);
    return { asOf: opts.asOf, depth: opts.depth, span, counts, people: collect(walk, levels, f0Start) };
  } finally {
    walk.reset();
  }
}

function collect(w: Walk, levels: Int32Array[], f0Start: Map<number, number>): TraceResult['people'] {
  const total = w.person.n;
  const people: TraceResult['people'] = {
    count: total, person: new Int32Array(total), level: new Int8Array(total), windowStart: new Int32Array(total),
    windowEnd: new Int32Array(total), source: new Int32Array(total), kind: new Int8Array(total), group: new Int32Array(total),
    date: new Int32Array(total), root: new Int32Array(total),
  };
  let i = 0;
  for (let k = 0; k < levels.length; k++) {
    for (const P of levels[k]!) {
      const slot = w.s.slotOf[P]!;
      people.person[i] = P; people.level[i] = k; people.root[i] = w.root.a[slot]!;
      people.source[i] = w.source.a[slot]!; people.kind[i] = w.kind.a[slot]!; people.group[i] = w.group.a[slot]!;
      people.date[i] = w.date.a[slot]!;
      people.windowStart[i] = k === 0 ? f0Start.get(P)! : w.date.a[slot]!;
      people.windowEnd[i] = w.end.a[slot]!;
      i++;
    }
  }
  return people;
}
