import type { Db } from '../../db/database.ts';
import type { CaseClassification, CaseDetection, CaseStatus } from '../../db/schema.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, type AreaFilter, areaScopeFilter, assertAreaInScope, assertPermission, maskedFieldsFor } from '../auth/policy.ts';
import { maskValue, parseCalendarDate } from '../people/people.domain.ts';
import type { AdminUnitRow } from '../places/places.domain.ts';
import { lookupUnit } from '../places/places.service.ts';
import { caseWritten } from './case-events.ts';
import {
  caseCodeFor, caseIssue, FACILITY_KINDS, isClosedStatus, isOpenStatus, STATUSES, statusChangeIssues, type ValidCase, validateCase,
} from './cases.domain.ts';
import * as repo from './cases.repository.ts';
import { writeCasesSheet } from './cases.xlsx.ts';

/** Published for the situation views: case counts by district over an area, as of a date. */
export async function caseStatsByDistrict(db: Db, area: AreaFilter, asOf: string) {
  const rows = await repo.caseCountsByDistrict(db, area, asOf, addDays(asOf, -6));
  return new Map(rows.map((r) => [r.district_code, { cases: r.cases, casesLast7Days: r.cases_7d, activeCases: r.active }]));
}

/** Daily new confirmed cases, with zero days filled in, from the first case to asOf. */
export async function epidemicCurve(db: Db, area: AreaFilter, asOf: string) {
  const rows = await repo.dailyCounts(db, area, asOf);
  if (rows.length === 0) return [];
  const byDate = new Map(rows.map((r) => [r.date, r.cases]));
  const out: Array<{ date: string; cases: number }> = [];
  for (let d = rows[0]!.date; d <= asOf; d = addDays(d, 1)) out.push({ date: d, cases: byDate.get(d) ?? 0 });
  return out;
}

export function latestConfirmationDate(db: Db, provinceCode: string) {
  return repo.latestConfirmationDate(db, provinceCode);
}

/** Which date of a case places it on a day: its confirmation, symptom onset or sample. */
export const CASE_DATE_BASES = ['confirmation', 'onset', 'sample'] as const;
export type CaseDateBasis = (typeof CASE_DATE_BASES)[number];
const DATE_COLUMN: Record<CaseDateBasis, repo.CaseDateColumn> = { confirmation: 'confirmation_date', onset: 'onset_date', sample: 'sample_date' };

/**
 * Published for the situation views: new cases per day over an area (all cases, whatever their
 * classification) by the chosen date, zero days filled in, from `from` (null: the first such day)
 * to `to`. By onset, cases without an onset date (asymptomatic) are not counted.
 */
export async function dailyCaseCounts(db: Db, area: AreaFilter, by: CaseDateBasis, from: string | null, to: string) {
  const rows = await repo.countsByDay(db, area, DATE_COLUMN[by], from, to);
  const start = from ?? rows[0]?.date;
  if (start === undefined) return [];
  const byDate = new Map(rows.map((r) => [r.date, r.cases]));
  const out: Array<{ date: string; cases: number }> = [];
  for (let d = start; d <= to; d = addDays(d, 1)) out.push({ date: d, cases: byDate.get(d) ?? 0 });
  return out;
}

/** Published for the situation views: cases per commune and day (as dailyCaseCounts), only the (commune, day) pairs with cases. */
export async function dailyCaseCountsByCommune(db: Db, area: AreaFilter, by: CaseDateBasis, from: string, to: string) {
  const rows = await repo.countsByCommuneAndDay(db, area, DATE_COLUMN[by], from, to);
  return rows.map((r) => ({ communeCode: r.commune_code, districtCode: r.district_code, date: r.date, cases: r.cases }));
}

// ---- the register: list, read, create, update, status timeline, export (the import: cases.import.ts)

export interface CaseFields {
  caseCode?: string | null | undefined;
  onsetDate?: string | null | undefined;
  sampleDate?: string | undefined;
  confirmationDate?: string | undefined;
  isolationDate?: string | null | undefined;
  detection?: string | undefined;
  classification?: string | undefined;
  status?: string | undefined;
  facilityId?: number | null | undefined;
  foundPlace?: string | null | undefined;
  foundOrgUnitId?: number | null | undefined;
  /** The commune where the case is counted; default the person's commune. */
  communeCode?: string | null | undefined;
  note?: string | null | undefined;
}
export interface NewCase extends CaseFields {
  personId: number;
}

export type CaseArea = { province_code: string; district_code: string; commune_code: string };

export function presentCase(r: repo.CaseRow, actor: Actor) {
  const masked = new Set(maskedFieldsFor(actor));
  return {
    id: r.id,
    caseCode: r.case_code,
    personId: r.person_id,
    fullName: r.full_name,
    sex: r.sex,
    dateOfBirth: masked.has('dateOfBirth') ? null : r.date_of_birth,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    districtCode: r.district_code,
    districtName: r.district_name,
    onsetDate: r.onset_date,
    sampleDate: r.sample_date,
    confirmationDate: r.confirmation_date,
    isolationDate: r.isolation_date,
    detection: r.detection,
    classification: r.classification,
    status: r.status,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    foundPlace: r.found_place,
    masked: masked.size > 0,
  };
}
export type CaseSummary = ReturnType<typeof presentCase>;

async function caseDetail(db: Db, actor: Actor, r: repo.CaseRow) {
  const masked = new Set(maskedFieldsFor(actor));
  const [timeline, clusters] = await Promise.all([repo.caseTimeline(db, r.id), repo.caseClusters(db, r.id)]);
  return {
    ...presentCase(r, actor),
    phone: masked.has('phone') ? maskValue(r.phone, 3) : r.phone,
    nationalId: masked.has('nationalId') ? maskValue(r.national_id, 4) : r.national_id,
    addressDetail: masked.has('addressDetail') ? (r.address_detail ? '***' : null) : r.address_detail,
    note: r.note,
    foundOrgUnitId: r.found_org_unit_id,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    timeline: timeline.map((e) => ({
      id: e.id,
      status: e.status,
      effectiveDate: e.effective_date,
      facilityId: e.facility_id,
      facilityName: e.facility_name,
      note: e.note,
      createdBy: e.username,
      createdAt: e.created_at.toISOString(),
    })),
    clusters: clusters.map((c) => ({ id: c.id, name: c.name })),
  };
}
export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;

const caseWhat = (id: number) => ({ vi: `ca bệnh có mã ${id}`, en: `case ${id}` });

async function loadCaseInScope(db: Db, actor: Actor, id: number) {
  const row = await repo.findCaseById(db, id);
  if (!row) throw Errors.notFound(caseWhat(id));
  assertAreaInScope(actor, row);
  return row;
}

/** One case with its person, timeline and clusters; the read is audited. */
export async function getCase(db: Db, actor: Actor, id: number): Promise<CaseDetail> {
  assertPermission(actor, 'case:read');
  const row = await loadCaseInScope(db, actor, id);
  await recordAudit(db, actor, { action: 'read', recordKind: 'case', recordId: id, detail: { personId: row.person_id } });
  return caseDetail(db, actor, row);
}

export interface CasesQuery {
  q?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
  status?: CaseStatus | undefined;
  classification?: CaseClassification | undefined;
  detection?: CaseDetection | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort?: repo.CaseSort | undefined;
  page: number;
  pageSize: number;
}

function filterOf(actor: Actor, q: Omit<CasesQuery, 'page' | 'pageSize' | 'sort'>): repo.CaseFilter {
  const raw = q.q?.trim();
  const text = raw
    ? { raw, folded: foldVietnamese(raw), digits: /^\d[\d\s.]*$/.test(raw) ? raw.replace(/[\s.]/g, '') : null }
    : undefined;
  return {
    area: areaScopeFilter(actor),
    text,
    districtCode: q.districtCode,
    communeCode: q.communeCode,
    status: q.status,
    classification: q.classification,
    detection: q.detection,
    from: q.from,
    to: q.to,
  };
}

export async function listCases(db: Db, actor: Actor, q: CasesQuery) {
  assertPermission(actor, 'case:read');
  const { items, total } = await repo.listCases(db, filterOf(actor, q), q.sort ?? '-confirmationDate', q.pageSize, (q.page - 1) * q.pageSize);
  await recordAudit(db, actor, {
    action: 'list',
    recordKind: 'case',
    detail: { q: q.q ?? null, districtCode: q.districtCode ?? null, communeCode: q.communeCode ?? null, status: q.status ?? null, page: q.page, ids: items.map((r) => r.id) },
  });
  return { items: items.map((r) => presentCase(r, actor)), total, page: q.page, pageSize: q.pageSize };
}

export function areaOfCommuneUnit(actor: Actor, unit: AdminUnitRow | undefined, communeCode: string): CaseArea | FieldIssue {
  if (!unit || unit.level !== 'commune' || !unit.district_code || unit.province_code !== actor.provinceCode) {
    return caseIssue('communeCode', 'UNKNOWN_COMMUNE', `không có xã/phường mã "${communeCode}" trong tỉnh`, `no commune of the province has code "${communeCode}"`);
  }
  return { province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code };
}

export const isIssue = (x: CaseArea | FieldIssue): x is FieldIssue => 'field' in x;

/** The facility and the organisation where the case was found must exist in the actor's province. */
async function referenceIssues(db: Db, actor: Actor, refs: { facilityId?: number | null | undefined; foundOrgUnitId?: number | null | undefined }): Promise<FieldIssue[]> {
  const ids = [refs.facilityId, refs.foundOrgUnitId].filter((x): x is number => typeof x === 'number');
  const orgs = await repo.orgUnitsByIds(db, ids);
  const issues: FieldIssue[] = [];
  if (typeof refs.facilityId === 'number') {
    const f = orgs.get(refs.facilityId);
    if (!f || f.province_code !== actor.provinceCode || !(FACILITY_KINDS as readonly string[]).includes(f.kind)) {
      issues.push(caseIssue('facilityId', 'NOT_A_FACILITY', `mã ${refs.facilityId} không phải cơ sở cách ly hoặc điều trị của tỉnh`, `${refs.facilityId} is not a quarantine or treatment facility of the province`));
    }
  }
  if (typeof refs.foundOrgUnitId === 'number') {
    const o = orgs.get(refs.foundOrgUnitId);
    if (!o || o.province_code !== actor.provinceCode) {
      issues.push(caseIssue('foundOrgUnitId', 'UNKNOWN_ORG_UNIT', `không có đơn vị mã ${refs.foundOrgUnitId} trong tỉnh`, `no organisation of the province has id ${refs.foundOrgUnitId}`));
    }
  }
  return issues;
}

function duplicateCode(code: string) {
  return Errors.duplicate('caseCode', { vi: `mã bệnh nhân ${code}`, en: `case code ${code}` });
}

export async function afterWrite(db: Db, actor: Actor, kind: 'created' | 'updated', cases: Array<{ id: number; personId: number; provinceCode: string }>) {
  for (const c of cases) await caseWritten(db, { kind, caseId: c.id, personId: c.personId, provinceCode: c.provinceCode, actor });
}

/** The person's open case (isolated or in treatment), if any: for other contexts deciding whether to confirm one. */
export async function openCaseOf(db: Db, personId: number): Promise<{ id: number; caseCode: string } | null> {
  const [open] = await repo.openCasesOf(db, [personId]);
  return open ? { id: open.id, caseCode: open.case_code } : null;
}

/** Of these people, those with an open case (one query for a whole batch of results). */
export async function peopleWithOpenCase(db: Db, personIds: number[]): Promise<Set<number>> {
  return new Set((await repo.openCasesOf(db, personIds)).map((c) => c.person_id));
}

/**
 * Confirms a new case (F0): the person must have no open case; the code defaults to the next
 * BN number; the first timeline step (the status at the confirmation date) is written with it.
 */
export async function createCase(db: Db, actor: Actor, input: NewCase, today = vnDate()) {
  assertPermission(actor, 'case:write');
  const v = validateCase(input, { today });
  const issues = v.ok ? [] : [...v.issues];
  const [person] = await repo.findPeopleForCases(db, { ids: [input.personId], nationalIds: [] });
  if (!person || person.province_code !== actor.provinceCode) {
    issues.push(caseIssue('personId', 'UNKNOWN_PERSON', `không có người mã ${input.personId} trong sổ đăng ký của tỉnh`, `no person of the province's register has id ${input.personId}`));
  }
  let area: CaseArea | null = person ? { province_code: person.province_code, district_code: person.district_code, commune_code: person.commune_code } : null;
  const communeCode = input.communeCode?.trim();
  if (communeCode) {
    const a = areaOfCommuneUnit(actor, await lookupUnit(db, communeCode), communeCode);
    if (isIssue(a)) issues.push(a);
    else area = a;
  }
  issues.push(...(await referenceIssues(db, actor, input)));
  if (!v.ok || issues.length) throw new ValidationError(issues);
  const c = v.value;
  assertAreaInScope(actor, area!);

  const id = await db.transaction().execute(async (trx) => {
    await repo.lockCaseRegister(trx);
    const [open] = await repo.openCasesOf(trx, [input.personId]);
    if (open) throw Errors.openCaseExists(open.case_code, { caseId: open.id, caseCode: open.case_code });
    let code = c.caseCode;
    if (code) {
      if ((await repo.existingCaseCodes(trx, [code])).size) throw duplicateCode(code);
    } else code = caseCodeFor((await repo.maxCaseNumber(trx)) + 1);
    const [created] = await repo.insertCases(trx, [caseRowOf(c, code, input.personId, area!, input)]);
    await repo.insertStatusEvents(trx, [
      { case_id: created!, status: c.status, effective_date: c.confirmationDate, facility_id: input.facilityId ?? null, created_by: actor.userId },
    ]);
    await recordAudit(trx, actor, {
      action: 'create',
      recordKind: 'case',
      recordId: created,
      detail: { after: { ...c, caseCode: code, personId: input.personId, communeCode: area!.commune_code, facilityId: input.facilityId ?? null, foundOrgUnitId: input.foundOrgUnitId ?? null } },
    });
    return created!;
  });
  await afterWrite(db, actor, 'created', [{ id, personId: input.personId, provinceCode: area!.province_code }]);
  const detail = await caseDetail(db, actor, (await repo.findCaseById(db, id))!);
  return { ...detail, latestTraceRunId: await repo.latestTraceRunId(db, id) };
}

export function caseRowOf(
  c: ValidCase,
  code: string,
  personId: number,
  area: CaseArea,
  refs: { facilityId?: number | null | undefined; foundOrgUnitId?: number | null | undefined },
) {
  return {
    case_code: code,
    person_id: personId,
    ...area,
    onset_date: c.onsetDate,
    sample_date: c.sampleDate,
    confirmation_date: c.confirmationDate,
    isolation_date: c.isolationDate,
    detection: c.detection,
    classification: c.classification,
    status: c.status,
    facility_id: refs.facilityId ?? null,
    found_place: c.foundPlace,
    found_org_unit_id: refs.foundOrgUnitId ?? null,
    note: c.note,
  };
}

function snapshot(r: repo.CaseRow) {
  return {
    caseCode: r.case_code, onsetDate: r.onset_date, sampleDate: r.sample_date, confirmationDate: r.confirmation_date,
    isolationDate: r.isolation_date, detection: r.detection, classification: r.classification, status: r.status,
    facilityId: r.facility_id, foundPlace: r.found_place, foundOrgUnitId: r.found_org_unit_id, communeCode: r.commune_code, note: r.note,
  };
}

/**
 * Changes a case (audited before/after). A different status is a new timeline step dated today,
 * under the rules of a status change; a new confirmation date takes the first step with it and
 * may not pass a later step.
 */
export async function updateCase(db: Db, actor: Actor, id: number, patch: CaseFields, today = vnDate()): Promise<CaseDetail> {
  assertPermission(actor, 'case:write');
  const before = await loadCaseInScope(db, actor, id);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, val]) => val !== undefined)) as CaseFields;
  const merged = { ...snapshot(before), ...defined };
  const v = validateCase(merged, { today });
  const issues = v.ok ? [] : [...v.issues];
  let area: CaseArea = { province_code: before.province_code, district_code: before.district_code, commune_code: before.commune_code };
  const communeCode = defined.communeCode?.trim();
  if (communeCode && communeCode !== before.commune_code) {
    const a = areaOfCommuneUnit(actor, await lookupUnit(db, communeCode), communeCode);
    if (isIssue(a)) issues.push(a);
    else area = a;
  }
  issues.push(...(await referenceIssues(db, actor, {
    facilityId: defined.facilityId !== before.facility_id ? defined.facilityId : undefined,
    foundOrgUnitId: defined.foundOrgUnitId !== before.found_org_unit_id ? defined.foundOrgUnitId : undefined,
  })));
  const timeline = await repo.caseTimeline(db, id);
  const c = v.ok ? v.value : null;
  const statusChanged = c !== null && c.status !== before.status;
  if (c && statusChanged && !isClosedStatus(before.status)) {
    const latest = timeline.at(-1)?.effective_date ?? null;
    const why = statusChangeIssues({ confirmationDate: c.confirmationDate, latestEventDate: latest }, { effectiveDate: today }, today);
    issues.push(...why.map((i) => ({ ...i, field: 'status' })));
  }
  // The first step follows the confirmation date when it was dated at it; no later step may precede it.
  const [first, ...later] = timeline;
  if (c && c.confirmationDate !== before.confirmation_date) {
    const earlier = later.find((e) => e.effective_date < c.confirmationDate);
    if (earlier) {
      issues.push(caseIssue('confirmationDate', 'AFTER_STATUS_CHANGE', `không được sau lần đổi tình trạng ngày ${earlier.effective_date}`, `cannot be after the status change of ${earlier.effective_date}`));
    }
  }
  if (!c || issues.length) throw new ValidationError(issues);
  if (statusChanged && isClosedStatus(before.status)) throw Errors.caseClosed(before.case_code);
  assertAreaInScope(actor, area);

  await db.transaction().execute(async (trx) => {
    await repo.lockCaseRegister(trx);
    if (c.caseCode && c.caseCode !== before.case_code && (await repo.existingCaseCodes(trx, [c.caseCode], id)).size) throw duplicateCode(c.caseCode);
    if (statusChanged && isOpenStatus(c.status)) {
      const [open] = await repo.openCasesOf(trx, [before.person_id], id);
      if (open) throw Errors.openCaseExists(open.case_code, { caseId: open.id, caseCode: open.case_code });
    }
    const facilityId = defined.facilityId !== undefined ? defined.facilityId : before.facility_id;
    const foundOrgUnitId = defined.foundOrgUnitId !== undefined ? defined.foundOrgUnitId : before.found_org_unit_id;
    await repo.updateCase(trx, id, {
      ...caseRowOf(c, c.caseCode ?? before.case_code, before.person_id, area, { facilityId, foundOrgUnitId }),
      updated_at: new Date(),
    });
    if (first && c.confirmationDate !== before.confirmation_date && first.effective_date === before.confirmation_date) {
      await repo.moveStatusEvent(trx, first.id, c.confirmationDate);
    }
    if (statusChanged) {
      await repo.insertStatusEvents(trx, [{ case_id: id, status: c.status, effective_date: today, facility_id: facilityId, created_by: actor.userId }]);
    }
    const after = await repo.findCaseById(trx, id);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'case', recordId: id, detail: { before: snapshot(before), after: snapshot(after!) } });
  });
  await afterWrite(db, actor, 'updated', [{ id, personId: before.person_id, provinceCode: area.province_code }]);
  return caseDetail(db, actor, (await repo.findCaseById(db, id))!);
}

export interface StatusChangeInput {
  status: CaseStatus;
  effectiveDate: string;
  facilityId?: number | null | undefined;
  note?: string | null | undefined;
}

/** Appends a dated step to the timeline and makes it the case's current status. */
export async function changeCaseStatus(db: Db, actor: Actor, id: number, input: StatusChangeInput, today = vnDate()): Promise<CaseDetail> {
  assertPermission(actor, 'case:write');
  const before = await loadCaseInScope(db, actor, id);
  if (isClosedStatus(before.status)) throw Errors.caseClosed(before.case_code);
  const timeline = await repo.caseTimeline(db, id);
  const issues = statusChangeIssues(
    { confirmationDate: before.confirmation_date, latestEventDate: timeline.at(-1)?.effective_date ?? null },
    { effectiveDate: input.effectiveDate },
    today,
  );
  if (!(STATUSES as readonly string[]).includes(input.status)) {
    issues.push(caseIssue('status', 'INVALID', `"${input.status}" không hợp lệ`, `"${input.status}" is not valid`));
  }
  issues.push(...(await referenceIssues(db, actor, { facilityId: input.facilityId })));
  const note = input.note?.trim() || null;
  if (note && note.length > 2000) issues.push(caseIssue('note', 'TOO_LONG', 'tối đa 2000 ký tự', 'at most 2000 characters'));
  if (issues.length) throw new ValidationError(issues);
  const effectiveDate = parseCalendarDate(input.effectiveDate)!;

  await db.transaction().execute(async (trx) => {
    await repo.lockCaseRegister(trx);
    if (isOpenStatus(input.status) && !isOpenStatus(before.status)) {
      const [open] = await repo.openCasesOf(trx, [before.person_id], id);
      if (open) throw Errors.openCaseExists(open.case_code, { caseId: open.id, caseCode: open.case_code });
    }
    const facilityId = input.facilityId ?? before.facility_id;
    await repo.insertStatusEvents(trx, [{ case_id: id, status: input.status, effective_date: effectiveDate, facility_id: input.facilityId ?? null, note, created_by: actor.userId }]);
    await repo.updateCase(trx, id, { status: input.status, facility_id: facilityId, updated_at: new Date() });
    await recordAudit(trx, actor, {
      action: 'update',
      recordKind: 'case',
      recordId: id,
      detail: {
        before: { status: before.status, facilityId: before.facility_id },
        after: { status: input.status, facilityId, effectiveDate, note },
      },
    });
  });
  await afterWrite(db, actor, 'updated', [{ id, personId: before.person_id, provinceCode: before.province_code }]);
  return caseDetail(db, actor, (await repo.findCaseById(db, id))!);
}

/**
 * A status step that another context's use case implies (an admission puts the case in
 * treatment at a facility, a discharge ends it), written inside that context's transaction; the
 * caller has checked its own permission. A step dated before the timeline's latest one, or that
 * changes nothing, is not written (returns false): the timeline stays in date order.
 */
export async function appendImpliedStatus(trx: Db, actor: Actor, caseId: number, step: { status: CaseStatus; effectiveDate: string; facilityId: number | null; note: string }): Promise<boolean> {
  const before = await repo.findCaseById(trx, caseId);
  if (!before || isClosedStatus(before.status)) return false;
  const latest = (await repo.caseTimeline(trx, caseId)).at(-1);
  if (latest && (step.effectiveDate < latest.effective_date || (latest.status === step.status && latest.facility_id === step.facilityId))) return false;
  await repo.insertStatusEvents(trx, [{ case_id: caseId, status: step.status, effective_date: step.effectiveDate, facility_id: step.facilityId, note: step.note, created_by: actor.userId }]);
  await repo.updateCase(trx, caseId, { status: step.status, facility_id: step.facilityId ?? before.facility_id, updated_at: new Date() });
  await recordAudit(trx, actor, {
    action: 'update', recordKind: 'case', recordId: caseId,
    detail: { before: { status: before.status, facilityId: before.facility_id }, after: { status: step.status, facilityId: step.facilityId, effectiveDate: step.effectiveDate, note: step.note } },
  });
  return true;
}

export const MAX_EXPORT_ROWS = 100_000;

export async function exportCases(db: Db, actor: Actor, q: Omit<CasesQuery, 'page' | 'pageSize' | 'sort'>): Promise<Buffer> {
  assertPermission(actor, 'case:export');
  const rows = await repo.streamCases(db, filterOf(actor, q), MAX_EXPORT_ROWS);
  const masked = new Set(maskedFieldsFor(actor));
  await recordAudit(db, actor, { action: 'export', recordKind: 'case', detail: { filters: q, rows: rows.length } });
  return writeCasesSheet(
    rows.map((r) => ({
      ...presentCase(r, actor),
      nationalId: masked.has('nationalId') ? maskValue(r.national_id, 4) : r.national_id,
      phone: masked.has('phone') ? maskValue(r.phone, 3) : r.phone,
      note: r.note,
    })),
  );
}

export { importTemplate } from './cases.xlsx.ts';

// ---- published for the daily report (reports): one day's new cases and outcomes, no personal data

/**
 * Per district of an area: cases confirmed on `date`, split in quarantine / community / imported
 * (their classification), and every case confirmed by then. Districts without a case are absent.
 */
export async function caseDayByDistrict(db: Db, area: AreaFilter, date: string) {
  const rows = await repo.dayCountsByDistrict(db, area, date);
  return new Map(rows.map((r) => [r.district_code, {
    newCases: r.new_cases, newInQuarantine: r.new_in_quarantine, newCommunity: r.new_community, newImported: r.new_imported, cumulative: r.cumulative,
  }]));
}

/** Cases of an area that recovered and died on `date` and by then, from their status timelines. */
export async function caseOutcomesOn(db: Db, area: AreaFilter, date: string) {
  const rows = await repo.outcomeCounts(db, area, date);
  const of = (s: CaseStatus) => rows.find((r) => r.status === s) ?? { on_day: 0, total: 0 };
  return {
    recoveredOnDay: of('recovered').on_day, recoveredTotal: of('recovered').total,
    diedOnDay: of('died').on_day, diedTotal: of('died').total,
  };
}

/** Published for the situation map: the cases confirmed between two days (inclusive) in an area, oldest first. */
export async function casesConfirmedBetween(db: Db, area: AreaFilter, from: string, to: string) {
  return repo.confirmedBetween(db, area, from, to);
}

/** Published for the dashboard: cases confirmed between two days (inclusive) in an area, by classification. */
export async function caseCountsBetween(db: Db, area: AreaFilter, from: string, to: string) {
  const rows = await repo.countsByClassification(db, area, from, to);
  const of = (c: string) => rows.find((r) => r.classification === c)?.n ?? 0;
  return { community: of('community'), inQuarantine: of('in_quarantine'), imported: of('imported'), total: rows.reduce((s, r) => s + r.n, 0) };
}

/** Published for the personal status page (venues): the confirmation date of the person's open case, or null. */
export async function openCaseSince(db: Db, personId: number): Promise<string | null> {
  return repo.openCaseConfirmation(db, personId);
}

/**
 * Published for enterprises (work status, the F0 view): the cases of a list of people that are open
 * (isolated, in treatment) or were confirmed between two days, oldest first.
 */
export async function casesOfPeople(db: Db, personIds: readonly number[], from: string, to: string) {
  const rows = await repo.casesOfPeople(db, personIds, from, to);
  return rows.map((r) => ({ caseId: r.id, personId: r.person_id, caseCode: r.case_code, confirmationDate: r.confirmation_date, open: r.status === 'isolated' || r.status === 'in_treatment' }));
}
