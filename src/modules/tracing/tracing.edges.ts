/**
 * Every exposure edge of a trace, derived on demand. The engine keeps only each person's primary
 * edge; the others follow from the result (levels and windows) and the index, because an edge
 * into a person at level k is exactly an exposure by a level k−1 source under the rules. Walked
 * from the target's side: its memberships, check-ins and manual contacts, looking for level k−1
 * people. One edge per (source, target, kind, group) with its earliest date; group −1 for manual.
 */
import { EDGE_KINDS, type EdgeKind, KIND_CODE, vnDayOfEpochSeconds } from './tracing.domain.ts';
import type { TraceResult } from './tracing.engine.ts';
import { REC, type TracingIndex } from './tracing.index.ts';

export interface EdgeOut { source: number; target: number; kind: EdgeKind; group: number | null; date: number; targetLevel: number }

const positionsOf = new WeakMap<TraceResult, Map<number, number>>();

/** Position of each traced person in the result. */
function positions(r: TraceResult): Map<number, number> {
  let m = positionsOf.get(r);
  if (!m) {
    m = new Map();
    for (let i = 0; i < r.people.count; i++) m.set(r.people.person[i]!, i);
    positionsOf.set(r, m);
  }
  return m;
}

/** The edges into one target, merged per (source, kind, group) to the earliest date. */
class TargetEdges {
  readonly source: number[] = [];
  readonly kind: number[] = [];
  readonly group: number[] = [];
  readonly date: number[] = [];

  add(source: number, kind: number, group: number, date: number): void {
    for (let i = 0; i < this.source.length; i++) {
      if (this.source[i] === source && this.kind[i] === kind && this.group[i] === group) {
        if (date < this.date[i]!) this.date[i] = date;
        return;
      }
    }
    this.source.push(source); this.kind.push(kind); this.group.push(group); this.date.push(date);
  }
}

class EdgeFinder {
  private readonly at: Map<number, number>;

  constructor(private readonly index: TracingIndex, private readonly r: TraceResult) {
    this.at = positions(r);
  }

  /** Position of Q when Q is a source one level above `level`, else −1. */
  private sourceAt(Q: number, level: number): number {
    const i = this.at.get(Q);
    return i !== undefined && this.r.people.level[i] === level - 1 ? i : -1;
  }

  private groupMembers(out: TargetEdges, level: number, group: number, pf: number, pt: number): void {
    const index = this.index;
    const kind = index.groupKind[group]!;
    const consider = (Q: number, qf: number, qt: number) => {
      const i = this.sourceAt(Q, level);
      if (i === -1) return;
      const ws = this.r.people.windowStart[i]!, we = this.r.people.windowEnd[i]!;
      const lo = Math.max(ws, qf, pf);
      const hi = Math.min(we, qt, pt);
      if (lo <= hi) out.add(Q, kind, group, lo);
    };
    const [glo, ghi] = index.groupRange(group);
    const gRec = index.gRec;
    for (let g = glo * REC; g < ghi * REC; g += REC) consider(gRec[g]!, gRec[g + 1]!, gRec[g + 2]!);
    for (const x of index.extraByGroup.get(group) ?? []) consider(x.person, x.from, x.to);
  }

  private venueCheckins(out: TargetEdges, level: number, venue: number, tp: number): void {
    const index = this.index;
    const span = this.r.span;
    const consider = (Q: number, tq: number) => {
      const i = this.sourceAt(Q, level);
      if (i === -1) return;
      const day = vnDayOfEpochSeconds(tq);
      if (day >= this.r.people.windowStart[i]! && day <= this.r.people.windowEnd[i]!) out.add(Q, KIND_CODE.venue, venue, day);
    };
    const [vlo, vhi] = index.venueRange(venue);
    let a = vlo, b = vhi;
    while (a < b) { const mid = (a + b) >> 1; if (index.vTime[mid]! < tp - span) a = mid + 1; else b = mid; }
    for (let i = a; i < vhi && index.vTime[i]! <= tp + span; i++) consider(index.vPerson[i]!, index.vTime[i]!);
    for (const x of index.extraCheckinsByVenue.get(venue) ?? []) if (Math.abs(x.time - tp) <= span) consider(x.person, x.time);
  }

  edgesInto(P: number): TargetEdges | null {
    const i = this.at.get(P);
    if (i === undefined) return null;
    const level = this.r.people.level[i]!;
    if (level === 0) return null;
    const index = this.index;
    const out = new TargetEdges();
    const [plo, phi] = index.personMembershipRange(P);
    const pRec = index.pRec;
    for (let j = plo * REC; j < phi * REC; j += REC) this.groupMembers(out, level, pRec[j]!, pRec[j + 1]!, pRec[j + 2]!);
    for (const x of index.extraByPerson.get(P) ?? []) this.groupMembers(out, level, x.group, x.from, x.to);
    const [clo, chi] = index.personCheckinRange(P);
    for (let j = clo; j < chi; j++) this.venueCheckins(out, level, index.pcVenue[j]!, index.pcTime[j]!);
    for (const x of index.extraCheckinsByPerson.get(P) ?? []) this.venueCheckins(out, level, x.venue, x.time);
    for (const x of index.contactsByPerson.get(P) ?? []) {
      const q = this.sourceAt(x.other, level);
      if (q !== -1 && x.day >= this.r.people.windowStart[q]! && x.day <= this.r.people.windowEnd[q]!) out.add(x.other, KIND_CODE.manual, -1, x.day);
    }
    return out;
  }
}

/**
 * Every exposure edge into the given people (default: everyone traced), ordered by target as
 * given, then source, kind and group.
 */
export function exposureEdges(index: TracingIndex, r: TraceResult, targets?: Iterable<number>): EdgeOut[] {
  const finder = new EdgeFinder(index, r);
  const out: EdgeOut[] = [];
  const list = targets ?? r.people.person.subarray(0, r.people.count);
  const at = positions(r);
  for (const P of list) {
    const found = finder.edgesInto(P);
    if (!found) continue;
    const level = r.people.level[at.get(P)!]!;
    const order = found.source.map((_, i) => i).sort((a, b) =>
      found.source[a]! - found.source[b]! || found.kind[a]! - found.kind[b]! || found.group[a]! - found.group[b]!);
    for (const i of order) {
      const g = found.group[i]!;
      out.push({ source: found.source[i]!, target: P, kind: EDGE_KINDS[found.kind[i]!]!, group: g === -1 ? null : g, date: found.date[i]!, targetLevel: level });
    }
  }
  return out;
}
