/**
 * Clusters (ổ dịch) use cases: declare a cluster from linked cases, follow it to control,
 * suggest new ones from shared places. Every write is audited in its transaction, and so is
 * every read of one cluster (it names the cases' people).
 */
import type { Db } from '../../db/database.ts';
import type { ClusterPlaceKind } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, type AreaFilter, areaInScope, areaScopeFilter, assertAreaInScope, assertPermission, hasPermission } from '../auth/policy.ts';
import { latestConfirmationDate } from '../cases/cases.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import { chainForPeople } from '../tracing/tracing.service.ts';
import {
  type ClusterStatus, clusterStateAsOf, commonAreaOf, DEFAULT_CONTROL_DAYS, isCalendarDate, maskedName, repeatedIds, suggestClusters, validateClusterFields,
} from './clusters.domain.ts';
import * as repo from './clusters.repository.ts';

/** Clusters an actor may see: those whose area codes fall in the actor's area. */
function scopeOf(actor: Actor): AreaFilter {
  const area = areaScopeFilter(actor);
  if (!area) throw Errors.outOfScope();
  return area;
}

function invalid(field: string, code: string, vi: string, en: string): ValidationError {
  return new ValidationError([{ field, code, message: { vi, en } }]);
}

/** As of the given date, else the day of the province's latest confirmed case (the data's today), else today. */
async function resolveAsOf(db: Db, actor: Actor, asOf: string | undefined): Promise<string> {
  if (asOf !== undefined) {
    if (!isCalendarDate(asOf)) throw invalid('asOf', 'INVALID_DATE', `Ngày tính "${asOf}" không hợp lệ (YYYY-MM-DD)`, `The as-of date "${asOf}" is not a valid date (YYYY-MM-DD)`);
    return asOf;
  }
  return (await latestConfirmationDate(db, actor.provinceCode)) ?? vnDate();
}

export function presentCluster(r: repo.ClusterRow, asOf: string) {
  const state = clusterStateAsOf({ firstCaseDate: r.first_case_date, lastCaseDate: r.last_case_date, controlDays: r.control_days }, asOf);
  return {
    id: r.id,
    name: r.name,
    placeKind: r.place_kind,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    districtCode: r.district_code,
    districtName: r.district_name,
    status: state.status,
    cases: Number(r.cases),
    firstCaseDate: r.first_case_date,
    lastCaseDate: r.last_case_date,
    controlDays: r.control_days,
    controlledOn: state.controlledOn,
    daysToControl: state.daysToControl,
    ageDays: state.ageDays,
    createdAt: r.created_at.toISOString(),
  };
}
export type ClusterSummary = ReturnType<typeof presentCluster>;

export interface ClusterListQuery {
  status?: ClusterStatus | undefined;
  districtCode?: string | undefined;
  q?: string | undefined;
  asOf?: string | undefined;
  page: number;
  pageSize: number;
}

const statusOrder: Record<ClusterStatus, number> = { active: 0, controlled: 1 };

/**
 * Clusters in the actor's area as of a date, active first, most recent cases first. The status
 * is computed by the domain rule; a province holds hundreds of clusters at most, so they are
 * filtered and paged after it.
 */
export async function listClusters(db: Db, actor: Actor, q: ClusterListQuery) {
  assertPermission(actor, 'cluster:read');
  const asOf = await resolveAsOf(db, actor, q.asOf);
  const rows = await repo.listClusters(db, { area: scopeOf(actor), districtCode: q.districtCode }, asOf);
  const text = q.q ? foldVietnamese(q.q) : '';
  const all = rows
    .map((r) => presentCluster(r, asOf))
    .filter((c) => !q.status || c.status === q.status)
    .filter((c) => !text || foldVietnamese(`${c.name} ${c.orgUnitName ?? ''}`).includes(text))
    .sort(
      (a, b) =>
        statusOrder[a.status] - statusOrder[b.status] || (b.lastCaseDate ?? '9999').localeCompare(a.lastCaseDate ?? '9999') || b.id - a.id,
    );
  const start = (q.page - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize, asOf };
}

/** 404 for no such cluster in the actor's province, 403 when outside the actor's area. */
async function clusterInScope(db: Db, actor: Actor, id: number) {
  const c = await repo.findClusterArea(db, id);
  if (!c || c.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `ổ dịch ${id}`, en: `cluster ${id}` });
  assertAreaInScope(actor, c);
  return c;
}

/** The cluster's summary, note and cases; people outside the reader's area (or all, for roles without access to people) as initials. */
async function detailOf(db: Db, actor: Actor, id: number, asOf: string) {
  const [row] = await repo.listClusters(db, { area: { column: 'province_code', value: actor.provinceCode }, id }, asOf);
  if (!row) throw Errors.notFound({ vi: `ổ dịch ${id}`, en: `cluster ${id}` });
  const seesPeople = hasPermission(actor, 'person:read');
  const cases = (await repo.casesOfCluster(db, id)).map((k) => {
    const visible = seesPeople && areaInScope(actor, k);
    return {
      id: k.id,
      caseCode: k.case_code,
      fullName: visible ? k.full_name : maskedName(k.full_name),
      masked: !visible,
      confirmationDate: k.confirmation_date,
      communeName: k.commune_name,
      status: k.status,
    };
  });
  return { ...presentCluster(row, asOf), note: row.note, cases };
}
export type ClusterDetail = Awaited<ReturnType<typeof detailOf>>;

export async function getCluster(db: Db, actor: Actor, id: number, q: { asOf?: string | undefined } = {}): Promise<ClusterDetail> {
  assertPermission(actor, 'cluster:read');
  await clusterInScope(db, actor, id);
  const detail = await detailOf(db, actor, id, await resolveAsOf(db, actor, q.asOf));
  await recordAudit(db, actor, { action: 'read', recordKind: 'cluster', recordId: id, detail: { caseIds: detail.cases.map((c) => c.id) } });
  return detail;
}

/**
 * The cases of a request, checked: listed once, existing in the province, and in the actor's
 * area (a cluster only gathers cases its author may see).
 */
async function casesForLinking(db: Db, actor: Actor, caseIds: number[]) {
  const repeated = repeatedIds(caseIds);
  if (repeated.length) {
    throw invalid('caseIds', 'DUPLICATE_CASE', `Ca bệnh được liệt kê hai lần: ${repeated.join(', ')}`, `Case ids listed twice: ${repeated.join(', ')}`);
  }
  const found = (await repo.findCases(db, caseIds)).filter((k) => k.province_code === actor.provinceCode);
  const byId = new Map(found.map((k) => [k.id, k]));
  const unknown = caseIds.filter((id) => !byId.has(id));
  if (unknown.length) {
    throw invalid('caseIds', 'UNKNOWN_CASE', `Không có ca bệnh mã ${unknown.join(', ')}`, `No case has id ${unknown.join(', ')}`);
  }
  const outside = found.filter((k) => !areaInScope(actor, k));
  if (outside.length) throw Errors.casesOutOfScope('caseIds', outside.map((k) => k.case_code));
  return caseIds.map((id) => byId.get(id)!);
}

export interface CreateClusterInput {
  name: string;
  placeKind: ClusterPlaceKind;
  orgUnitId?: number | null | undefined;
  communeCode?: string | null | undefined;
  caseIds: number[];
  controlDays?: number | undefined;
  note?: string | null | undefined;
}

/** Where the cluster lives: the commune given, else its organisation's, else its cases' common area. */
async function areaForNewCluster(db: Db, actor: Actor, input: CreateClusterInput, cases: Array<{ district_code: string; commune_code: string }>) {
  const issues: FieldIssue[] = [];
  let area: { district_code: string | null; commune_code: string | null } | null = null;
  if (input.communeCode) {
    const unit = await lookupUnit(db, input.communeCode);
    if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode) {
      issues.push({ field: 'communeCode', code: 'UNKNOWN_COMMUNE', message: { vi: `Không có xã/phường mã "${input.communeCode}" trong tỉnh`, en: `No commune of the province has code "${input.communeCode}"` } });
    } else area = { district_code: unit.district_code, commune_code: unit.code };
  }
  if (input.orgUnitId != null) {
    const org = await repo.findOrgUnit(db, input.orgUnitId);
    if (!org || org.province_code !== actor.provinceCode) {
      issues.push({ field: 'orgUnitId', code: 'UNKNOWN_ORG_UNIT', message: { vi: `Không có cơ sở/đơn vị mã ${input.orgUnitId}`, en: `No organisation has id ${input.orgUnitId}` } });
    } else area ??= { district_code: org.district_code, commune_code: org.commune_code };
  }
  if (issues.length) throw new ValidationError(issues);
  return { province_code: actor.provinceCode, ...(area ?? commonAreaOf(cases)) };
}

export async function createCluster(db: Db, actor: Actor, input: CreateClusterInput): Promise<ClusterDetail> {
  assertPermission(actor, 'cluster:write');
  const v = validateClusterFields({ name: input.name, controlDays: input.controlDays ?? DEFAULT_CONTROL_DAYS, note: input.note });
  if (!v.ok) throw new ValidationError(v.issues);
  const cases = await casesForLinking(db, actor, input.caseIds);
  const area = await areaForNewCluster(db, actor, input, cases);
  assertAreaInScope(actor, area);
  const fields = { name: v.value.name!, controlDays: v.value.controlDays!, note: v.value.note ?? null };
  const id = await db.transaction().execute(async (trx) => {
    const clusterId = await repo.insertCluster(trx, {
      ...area,
      name: fields.name,
      place_kind: input.placeKind,
      org_unit_id: input.orgUnitId ?? null,
      control_days: fields.controlDays,
      note: fields.note,
      created_by: actor.userId,
    });
    await repo.linkCases(trx, clusterId, input.caseIds, actor.userId);
    await recordAudit(trx, actor, {
      action: 'create',
      recordKind: 'cluster',
      recordId: clusterId,
      detail: { after: { ...fields, placeKind: input.placeKind, orgUnitId: input.orgUnitId ?? null, ...area, caseIds: input.caseIds } },
    });
    return clusterId;
  });
  return detailOf(db, actor, id, await resolveAsOf(db, actor, undefined));
}

export async function updateCluster(
  db: Db,
  actor: Actor,
  id: number,
  patch: { name?: string | undefined; controlDays?: number | undefined; note?: string | null | undefined },
): Promise<ClusterDetail> {
  assertPermission(actor, 'cluster:write');
  const before = await clusterInScope(db, actor, id);
  const v = validateClusterFields(patch);
  if (!v.ok) throw new ValidationError(v.issues);
  const after = {
    name: v.value.name ?? before.name,
    controlDays: v.value.controlDays ?? before.control_days,
    note: v.value.note !== undefined ? v.value.note : before.note,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateCluster(trx, id, { name: after.name, control_days: after.controlDays, note: after.note });
    await recordAudit(trx, actor, {
      action: 'update',
      recordKind: 'cluster',
      recordId: id,
      detail: { before: { name: before.name, controlDays: before.control_days, note: before.note }, after },
    });
  });
  return detailOf(db, actor, id, await resolveAsOf(db, actor, undefined));
}

export async function addClusterCases(db: Db, actor: Actor, id: number, caseIds: number[]): Promise<ClusterDetail> {
  assertPermission(actor, 'cluster:write');
  await clusterInScope(db, actor, id);
  const cases = await casesForLinking(db, actor, caseIds);
  await db.transaction().execute(async (trx) => {
    const existing = await repo.caseIdsOfCluster(trx, id);
    const already = cases.filter((k) => existing.includes(k.id));
    if (already.length) throw Errors.casesAlreadyInCluster('caseIds', already.map((k) => k.case_code));
    await repo.linkCases(trx, id, caseIds, actor.userId);
    await recordAudit(trx, actor, {
      action: 'update',
      recordKind: 'cluster',
      recordId: id,
      detail: { before: { caseIds: existing }, after: { caseIds: [...existing, ...caseIds].sort((a, b) => a - b) }, added: caseIds },
    });
  });
  return detailOf(db, actor, id, await resolveAsOf(db, actor, undefined));
}

export async function removeClusterCase(db: Db, actor: Actor, id: number, caseId: number): Promise<ClusterDetail> {
  assertPermission(actor, 'cluster:write');
  await clusterInScope(db, actor, id);
  const [k] = await repo.findCases(db, [caseId]);
  await db.transaction().execute(async (trx) => {
    const existing = await repo.caseIdsOfCluster(trx, id);
    if (!k || !existing.includes(caseId)) {
      throw Errors.notFound({ vi: `ca bệnh ${caseId} trong ổ dịch ${id}`, en: `case ${caseId} in cluster ${id}` });
    }
    if (!areaInScope(actor, k)) throw Errors.casesOutOfScope('caseId', [k.case_code]);
    await repo.unlinkCase(trx, id, caseId);
    await recordAudit(trx, actor, {
      action: 'update',
      recordKind: 'cluster',
      recordId: id,
      detail: { before: { caseIds: existing }, after: { caseIds: existing.filter((c) => c !== caseId) }, removed: [caseId] },
    });
  });
  return detailOf(db, actor, id, await resolveAsOf(db, actor, undefined));
}

/** Groups of linked cases at one place (enterprise, boarding house, commune) not yet gathered in one cluster. */
export async function clusterSuggestions(db: Db, actor: Actor, q: { asOf?: string | undefined }) {
  assertPermission(actor, 'cluster:read');
  const area = scopeOf(actor);
  const asOf = await resolveAsOf(db, actor, q.asOf);
  const [placeCases, clustersOfCase] = await Promise.all([repo.placeCases(db, area, asOf), repo.clustersOfCases(db, area)]);
  return suggestClusters(placeCases, clustersOfCase);
}

/** The transmission chain below the cluster's cases (as F0 of the live trace). */
export async function clusterChain(
  db: Db,
  actor: Actor,
  id: number,
  q: { depth?: number | undefined; maxNodes?: number | undefined; asOf?: string | undefined },
) {
  assertPermission(actor, 'cluster:read');
  await clusterInScope(db, actor, id);
  const personIds = [...new Set((await repo.casesOfCluster(db, id)).map((k) => k.person_id))];
  const chain = await chainForPeople(db, actor, { personIds, depth: q.depth, maxNodes: q.maxNodes, asOf: q.asOf });
  await recordAudit(db, actor, { action: 'read', recordKind: 'cluster', recordId: id, detail: { view: 'chain', personIds, asOf: chain.asOf } });
  return chain;
}

// ---- published for the daily report (reports): clusters of an area on a day, no personal data

/**
 * Clusters of an area as they stood on `date` (only those with a linked case confirmed by then:
 * a cluster whose first case came later did not exist yet): detected, active, controlled, and
 * those detected that day (first case confirmed on it); the active ones listed, largest first.
 */
export async function clusterCountsOn(db: Db, area: AreaFilter, date: string) {
  const rows = (await repo.listClusters(db, { area }, date)).filter((r) => r.first_case_date !== null).map((r) => presentCluster(r, date));
  const active = rows.filter((c) => c.status === 'active');
  return {
    detected: rows.length,
    active: active.length,
    controlled: rows.length - active.length,
    newOnDay: rows.filter((c) => c.firstCaseDate === date).length,
    activeList: active
      .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name, 'vi'))
      .map((c) => ({ id: c.id, name: c.name, districtName: c.districtName, communeName: c.communeName, cases: c.cases, firstCaseDate: c.firstCaseDate, lastCaseDate: c.lastCaseDate })),
  };
}

/** Published for directives (a task about a cluster): the name of a cluster of the province, or undefined. */
export async function clusterName(db: Db, provinceCode: string, id: number): Promise<string | undefined> {
  return repo.clusterName(db, provinceCode, id);
}
