/**
 * Tracing use cases: listed traces (API, CLI, bench), the live trace behind a case's F1/F2/F3
 * lists and chain graph, runs on confirmation with the epidemiologist's review, and the index
 * kept current on case writes.
 */
import type { Db } from '../../db/database.ts';
import type { ReviewStatus } from '../../db/schema.ts';
import { ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, type AreaFilter, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { type CaseWritten, onCaseWritten } from '../cases/case-events.ts';
import { DEFAULT_DEPTH, EDGE_KINDS, type EdgeKind, type GroupKind, MAX_DEPTH, dayNumber, isoDay, maskName } from './tracing.domain.ts';
import { exposureEdges } from './tracing.edges.ts';
import { type TraceResult, resolveF0, trace, tracedPeople } from './tracing.engine.ts';
import { applyToIndex, defaultAsOf, indexFor, invalidateIndex, liveTrace, refreshCase } from './tracing.live.ts';
import { contactOrderCounts, venuesVisitedByCases as visitedVenues } from './tracing.repository.ts';
import * as runs from './tracing.runs.repository.ts';
import { caseInScope, checkAsOf, runInScope } from './tracing.views.ts';

export { caseChain, caseContacts, chainForPeople, exportCaseContacts } from './tracing.views.ts';
export { defaultAsOf } from './tracing.live.ts';

export { buildIndex, indexStats } from './tracing.live.ts';

/** Re-trace on every new case; keep the index current on every case write. */
export function registerTracing(db: Db, log: (msg: string) => void = console.warn): void {
  onCaseWritten(db, async (d, e: CaseWritten) => {
    // The case is committed already: a failure here is logged, the index is rebuilt on the next
    // use, and the trace can be re-run from the case page.
    try {
      await refreshCase(d, e.provinceCode, e.caseId);
      if (e.kind === 'created') await runForCase(d, e.actor, e.caseId, 'case_confirmed');
    } catch (err) {
      invalidateIndex(d, e.provinceCode);
      log(`tracing after case ${e.caseId} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

function checkDepth(depth: number | undefined): number {
  const d = depth ?? DEFAULT_DEPTH;
  if (!Number.isInteger(d) || d < 1 || d > MAX_DEPTH) {
    throw new ValidationError([{ field: 'depth', code: 'RANGE', message: { vi: `Độ sâu phải từ 1 đến ${MAX_DEPTH}`, en: `Depth must be 1 to ${MAX_DEPTH}` } }]);
  }
  return d;
}

export interface ListedTrace {
  asOf: string;
  depth: number;
  counts: number[];
  engineMs: number;
  people: Array<{ personId: number; level: number; windowStart: string; windowEnd: string; source: { personId: number; kind: EdgeKind; groupId: number | null; date: string } | null }>;
}

/** Traces from listed F0 (person ids), as the CLI and the bench do; no actor (callers check). */
export async function traceListed(db: Db, provinceCode: string, f0: number[], opts: { asOf?: string | undefined; depth?: number | undefined }): Promise<ListedTrace> {
  const depth = checkDepth(opts.depth);
  const asOf = opts.asOf ?? (await defaultAsOf(db, provinceCode));
  const day = checkAsOf(asOf);
  const index = await indexFor(db, provinceCode);
  const { sources, missing } = resolveF0(index, f0, day);
  if (missing.length) {
    throw new ValidationError([{ field: 'f0', code: 'NOT_A_CASE', message: { vi: `Không phải ca bệnh: ${missing.join(', ')}`, en: `Not a case: ${missing.join(', ')}` } }]);
  }
  const t0 = performance.now();
  const result = trace(index, { f0: sources, asOf: day, depth });
  const engineMs = performance.now() - t0;
  return {
    asOf, depth, counts: result.counts, engineMs,
    people: tracedPeople(result).map((p) => ({
      personId: p.person, level: p.level, windowStart: isoDay(p.windowStart), windowEnd: isoDay(p.windowEnd),
      source: p.source === null ? null : { personId: p.source, kind: p.kind!, groupId: p.group, date: isoDay(p.date!) },
    })),
  };
}

export async function traceForActor(db: Db, actor: Actor, f0: number[], opts: { asOf?: string | undefined; depth?: number | undefined }) {
  assertPermission(actor, 'tracing:run');
  const out = await traceListed(db, actor.provinceCode, f0, opts);
  await recordAudit(db, actor, { action: 'read', recordKind: 'trace', detail: { f0, asOf: out.asOf, depth: out.depth, counts: out.counts } });
  return out;
}

export const CSV_HEADER = 'person_id,level,source_id,kind,group_id,date';
export function traceCsv(t: ListedTrace): string {
  const lines = [CSV_HEADER];
  for (const p of t.people) lines.push([p.personId, p.level, p.source?.personId ?? '', p.source?.kind ?? '', p.source?.groupId ?? '', p.source?.date ?? ''].join(','));
  return `${lines.join('\n')}\n`;
}

/** Positions in a result of the people whose primary lineage goes back to one of `roots`. */
function descendants(r: TraceResult, roots: Set<number>, maxLevel: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.people.count; i++) {
    if (roots.has(r.people.root[i]!) && r.people.level[i]! <= maxLevel) out.push(i);
  }
  return out;
}

/** Runs the live trace now and records the case's new F1/F2/F3 for review. */
export async function runForCase(db: Db, actor: Actor, caseId: number, trigger: 'case_confirmed' | 'manual') {
  assertPermission(actor, 'tracing:run');
  const c = await caseInScope(db, actor, caseId);
  const asOf = await defaultAsOf(db, actor.provinceCode);
  const { result, engineMs, index } = await liveTrace(db, actor.provinceCode, asOf);
  const mine = descendants(result, new Set([c.person_id]), MAX_DEPTH).filter((i) => result.people.level[i]! > 0);
  const ids = mine.map((i) => result.people.person[i]!);
  const recorded = await runs.recordedLevels(db, ids);
  const fresh = mine.filter((i) => {
    const before = recorded.get(result.people.person[i]!);
    return before === undefined || before > result.people.level[i]!;
  });
  const people = fresh.map((i): runs.NewTracedPerson => {
    const g = result.people.group[i]!;
    return {
      person_id: result.people.person[i]!, level: result.people.level[i]!,
      window_start: isoDay(result.people.windowStart[i]!), window_end: isoDay(result.people.windowEnd[i]!),
      source_person_id: result.people.source[i]!, source_kind: EDGE_KINDS[result.people.kind[i]!]!, source_group_id: g === -1 ? null : g,
      source_date: isoDay(result.people.date[i]!),
    };
  });
  const edges: runs.NewEdge[] = exposureEdges(index, result, people.map((p) => p.person_id)).map((e) => ({
    source_person_id: e.source, target_person_id: e.target, kind: e.kind, group_id: e.group, exposure_date: isoDay(e.date), target_level: e.targetLevel,
  }));
  const counts = { f1: 0, f2: 0, f3: 0 } as Record<string, number>;
  for (const i of mine) counts[`f${result.people.level[i]}`] = (counts[`f${result.people.level[i]}`] ?? 0) + 1;
  const runId = await db.transaction().execute(async (trx) => {
    const id = await runs.insertRun(trx, {
      province_code: actor.provinceCode, as_of: asOf, depth: result.depth, trigger, trigger_case_id: caseId,
      f0_person_ids: [c.person_id], counts: { ...counts, new: people.length }, engine_ms: engineMs, created_by: actor.userId || null,
    }, people, edges);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'trace_run', recordId: id, detail: { caseId, trigger, asOf, counts, newPeople: people.length } });
    return id;
  });
  return { runId, asOf, counts, newPeople: people.length };
}



export async function listRuns(db: Db, actor: Actor, q: { caseId?: number | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'tracing:read');
  const area = areaScopeFilter(actor);
  const { rows, total } = await runs.listRuns(db, actor.provinceCode, { caseId: q.caseId, area: area && area.column !== 'province_code' ? area : null }, q.page, q.pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id, asOf: r.as_of, trigger: r.trigger, caseId: r.trigger_case_id, caseCode: r.case_code, counts: r.counts,
      pending: Number(r.pending), createdAt: r.created_at.toISOString(), createdBy: r.username,
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export async function runPeople(db: Db, actor: Actor, runId: number, q: { review?: ReviewStatus | undefined; level?: number | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'tracing:read');
  await runInScope(db, actor, runId);
  const { rows, total } = await runs.runPeople(db, runId, q, q.page, q.pageSize);
  await recordAudit(db, actor, { action: 'list', recordKind: 'trace_run', recordId: runId, detail: { review: q.review ?? null, level: q.level ?? null, page: q.page } });
  return {
    items: rows.map((r) => {
      const visible = areaInScope(actor, r);
      return {
        personId: r.person_id, fullName: visible ? r.full_name : maskName(r.full_name), masked: !visible, communeName: r.commune_name, level: r.level,
        source: r.source_person_id === null ? null : { personId: r.source_person_id, fullName: r.source_name ?? '', kind: r.source_kind!, date: r.source_date! },
        reviewStatus: r.review_status, reviewNote: r.review_note,
      };
    }),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export async function reviewRun(db: Db, actor: Actor, runId: number, input: { personIds: number[]; decision: 'confirmed' | 'dismissed'; note?: string | null | undefined }) {
  assertPermission(actor, 'tracing:review');
  await runInScope(db, actor, runId);
  return db.transaction().execute(async (trx) => {
    const updated = await runs.reviewPeople(trx, runId, input.personIds, input.decision, input.note ?? null, actor.userId);
    await recordAudit(trx, actor, updated.map((personId) => ({
      action: 'update' as const, recordKind: 'traced_person', recordId: `${runId}:${personId}`, detail: { after: { reviewStatus: input.decision, note: input.note ?? null } },
    })));
    return { updated: updated.length };
  });
}

/** A person's primary source edge in the live trace (for quarantine orders of F1s), or null when not traced. */
export async function primarySourceOf(db: Db, provinceCode: string, personId: number): Promise<{ level: number; personId: number; kind: EdgeKind; groupId: number | null; date: string } | null> {
  const asOf = await defaultAsOf(db, provinceCode);
  const { result } = await liveTrace(db, provinceCode, asOf);
  for (let i = 0; i < result.people.count; i++) {
    if (result.people.person[i] !== personId) continue;
    if (result.people.level[i] === 0) return null;
    const g = result.people.group[i]!;
    return { level: result.people.level[i]!, personId: result.people.source[i]!, kind: EDGE_KINDS[result.people.kind[i]!]!, groupId: g === -1 ? null : g, date: isoDay(result.people.date[i]!) };
  }
  return null;
}

/** Keeps the index's quarantine orders current after a committed order write. */
export function orderWritten(db: Db, provinceCode: string, o: { id: number; personId: number; startDate: string; endDate: string | null }): void {
  applyToIndex(db, provinceCode, (index) => index.putQuarantine({ id: o.id, person: o.personId, start: dayNumber(o.startDate), end: o.endDate === null ? null : dayNumber(o.endDate) }));
}

/**
 * Keeps the index's memberships current after a committed write by another context (an
 * enterprise's workshops, buses, rooms): new groups, added or changed intervals, removed ones.
 * A bulk write (an imported worker list) drops the index instead: one rebuild beats 10,000 edits.
 */
export function membershipsWritten(
  db: Db,
  provinceCode: string,
  w: { groups: Array<{ id: number; kind: GroupKind }>; put: Array<{ id: number; group_id: number; person_id: number; valid_from: string; valid_to: string | null }>; removed: number[] },
): void {
  if (w.groups.length + w.put.length + w.removed.length === 0) return;
  if (w.put.length + w.removed.length > 2000) {
    invalidateIndex(db, provinceCode);
    return;
  }
  applyToIndex(db, provinceCode, (index) => {
    for (const g of w.groups) index.setGroupKind(g.id, g.kind);
    for (const id of w.removed) index.removeMembership(id);
    for (const m of w.put) {
      index.putMembership({ id: m.id, group: m.group_id, person: m.person_id, from: dayNumber(m.valid_from), to: m.valid_to === null ? null : dayNumber(m.valid_to) });
    }
  });
}

// ---- published for the daily report (reports): F1 and F2 traced and under management on a day

/** F1 and F2 of a province on `date`: new that day, traced by then, and under management (quarantine in force). */
export async function contactsManagedOn(db: Db, provinceCode: string, date: string) {
  const rows = await contactOrderCounts(db, provinceCode, date);
  const of = (subject: 'f1' | 'f2') => {
    const r = rows.find((x) => x.subject === subject);
    return { newOnDay: r?.on_day ?? 0, cumulative: r?.total ?? 0, managed: r?.managed ?? 0 };
  };
  return { f1: of('f1'), f2: of('f2') };
}

/** Published for the situation map: venues visited by infectious cases of an area between two days, with how many cases and the last visit. */
export async function venuesVisitedByCases(db: Db, area: AreaFilter, from: string, to: string) {
  return (await visitedVenues(db, area, from, to)).map((v) => ({ id: v.id, cases: v.cases, lastVisit: v.last_visit }));
}

/** Keeps the index's check-ins current after a committed check-in (venues: QR check-in and scans). */
export function checkinWritten(db: Db, provinceCode: string, c: { venueId: number; personId: number; at: Date }): void {
  applyToIndex(db, provinceCode, (index) => index.addCheckin({ venue: c.venueId, person: c.personId, at: c.at.getTime() / 1000 }));
}
