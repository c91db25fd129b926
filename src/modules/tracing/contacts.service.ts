/**
 * Contacts as epidemiologists see and edit them: a person's groups with their intervals,
 * check-ins and manual contacts; every write audited and applied to the tracing index.
 */
import type { Db } from '../../db/database.ts';
import type { ContactGroupKind } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertAreaInScope, assertPermission } from '../auth/policy.ts';
import { getPerson } from '../people/people.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import * as repo from './contacts.repository.ts';
import { dayNumber, maskName } from './tracing.domain.ts';
import { applyToIndex, defaultAsOf, liveTrace } from './tracing.live.ts';
import * as runs from './tracing.runs.repository.ts';
import { runInScope } from './tracing.views.ts';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

/** A calendar date that exists and is not in the future. */
function checkDate(field: string, value: string | null | undefined, today: string, issues: FieldIssue[], required = true): void {
  if (value == null || value === '') {
    if (required) issues.push(issue(field, 'REQUIRED', 'Chưa nhập ngày', 'The date is required'));
    return;
  }
  try { dayNumber(value); } catch {
    issues.push(issue(field, 'DATE', 'Ngày không hợp lệ (YYYY-MM-DD)', 'Not a valid date (YYYY-MM-DD)'));
    return;
  }
  if (value > today) issues.push(issue(field, 'FUTURE', 'Ngày không được ở tương lai', 'The date cannot be in the future'));
}

async function personArea(db: Db, actor: Actor, personId: number, field: string) {
  const [p] = await runs.peopleBrief(db, [personId]);
  if (!p || p.province_code !== actor.provinceCode) {
    throw new ValidationError([issue(field, 'UNKNOWN_PERSON', `Không có người mã ${personId} trong sổ đăng ký`, `No person ${personId} in the register`)]);
  }
  return p;
}

export async function personContacts(db: Db, actor: Actor, personId: number) {
  await getPerson(db, actor, personId); // scope check, audited read
  const [memberships, checkins, manual] = await Promise.all([
    repo.membershipsOf(db, personId), repo.recentCheckins(db, personId, 100), repo.manualContactsOf(db, personId),
  ]);
  return {
    memberships: memberships.map((m) => ({
      id: m.id, groupId: m.group_id, groupKind: m.kind, groupLabel: m.label, orgName: m.org_name, validFrom: m.valid_from, validTo: m.valid_to,
    })),
    checkins: checkins.map((c) => ({ venueId: c.venue_id, venueName: c.venue_name, checkedInAt: c.checked_in_at.toISOString() })),
    manualContacts: manual.map((m) => ({
      id: m.id, otherPersonId: m.other_id, otherName: areaInScope(actor, m) ? m.other_name : maskName(m.other_name),
      date: m.contact_date, place: m.place, note: m.note,
    })),
  };
}

export async function searchGroups(db: Db, actor: Actor, q: { kind?: ContactGroupKind | undefined; q?: string | undefined; communeCode?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'tracing:read');
  const area = areaScopeFilter(actor);
  if (!area) throw Errors.forbidden();
  const { rows, total } = await repo.searchGroups(db, actor.provinceCode, { ...q, area }, q.page, q.pageSize);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, label: r.label, orgName: r.org_name, communeName: r.commune_name, members: Number(r.members) })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export async function createGroup(db: Db, actor: Actor, input: { kind: ContactGroupKind; label: string; communeCode: string; orgUnitId?: number | null | undefined }) {
  assertPermission(actor, 'contact:write');
  const issues: FieldIssue[] = [];
  if (!input.label.trim()) issues.push(issue('label', 'REQUIRED', 'Chưa nhập tên nhóm', 'The group name is required'));
  const commune = await lookupUnit(db, input.communeCode);
  if (!commune || commune.level !== 'commune' || commune.province_code !== actor.provinceCode) {
    issues.push(issue('communeCode', 'UNKNOWN_COMMUNE', `Mã xã ${input.communeCode} không thuộc tỉnh`, `Commune ${input.communeCode} is not in the province`));
  }
  if (issues.length) throw new ValidationError(issues);
  const area = { province_code: actor.provinceCode, district_code: commune!.district_code, commune_code: commune!.code };
  assertAreaInScope(actor, area);
  return db.transaction().execute(async (trx) => {
    const g = await trx.insertInto('contact_group')
      .values({ kind: input.kind, label: input.label.trim(), org_unit_id: input.orgUnitId ?? null, ...area })
      .returning(['id', 'kind', 'label']).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'contact_group', recordId: g.id, detail: { after: input } });
    applyToIndex(db, actor.provinceCode, (index) => index.setGroupKind(g.id, g.kind));
    return { id: g.id, kind: g.kind, label: g.label, orgName: null, communeName: commune!.name, members: 0 };
  });
}

interface MembershipInput { personId: number; groupId: number; validFrom: string; validTo?: string | null | undefined }

function checkInterval(validFrom: string, validTo: string | null | undefined, today: string): void {
  const issues: FieldIssue[] = [];
  checkDate('validFrom', validFrom, today, issues);
  checkDate('validTo', validTo, today, issues, false);
  if (!issues.length && validTo && validTo < validFrom) {
    issues.push(issue('validTo', 'ORDER', 'Ngày kết thúc phải sau ngày bắt đầu', 'The end date must not be before the start date'));
  }
  if (issues.length) throw new ValidationError(issues);
}

function presentMembership(m: { id: number; group_id: number; person_id: number; valid_from: string; valid_to: string | null }) {
  return { id: m.id, groupId: m.group_id, personId: m.person_id, validFrom: m.valid_from, validTo: m.valid_to };
}

function indexMembership(db: Db, provinceCode: string, m: { id: number; group_id: number; person_id: number; valid_from: string; valid_to: string | null }) {
  applyToIndex(db, provinceCode, (index) => index.putMembership({
    id: m.id, group: m.group_id, person: m.person_id, from: dayNumber(m.valid_from), to: m.valid_to === null ? null : dayNumber(m.valid_to),
  }));
}

export async function addMembership(db: Db, actor: Actor, input: MembershipInput, today = vnDate()) {
  assertPermission(actor, 'contact:write');
  checkInterval(input.validFrom, input.validTo, today);
  const person = await personArea(db, actor, input.personId, 'personId');
  assertAreaInScope(actor, person);
  const group = await repo.findGroup(db, input.groupId);
  if (!group || group.province_code !== actor.provinceCode) {
    throw new ValidationError([issue('groupId', 'UNKNOWN_GROUP', `Không có nhóm mã ${input.groupId}`, `No group ${input.groupId}`)]);
  }
  const m = await db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('group_membership')
      .values({ group_id: group.id, person_id: person.id, province_code: actor.provinceCode, valid_from: input.validFrom, valid_to: input.validTo ?? null })
      .returning(['id', 'group_id', 'person_id', 'valid_from', 'valid_to']).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'group_membership', recordId: row.id, detail: { after: input } });
    return row;
  });
  indexMembership(db, actor.provinceCode, m);
  return presentMembership(m);
}

async function membershipInScope(db: Db, actor: Actor, id: number) {
  const m = await repo.findMembership(db, id);
  if (!m || m.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `thành viên nhóm ${id}`, en: `membership ${id}` });
  assertAreaInScope(actor, m);
  return m;
}

export async function updateMembership(db: Db, actor: Actor, id: number, patch: { validFrom?: string | undefined; validTo?: string | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'contact:write');
  const before = await membershipInScope(db, actor, id);
  const validFrom = patch.validFrom ?? before.valid_from;
  const validTo = patch.validTo === undefined ? before.valid_to : patch.validTo;
  checkInterval(validFrom, validTo, today);
  const m = await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('group_membership').set({ valid_from: validFrom, valid_to: validTo }).where('id', '=', id)
      .returning(['id', 'group_id', 'person_id', 'valid_from', 'valid_to']).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'group_membership', recordId: id,
      detail: { before: { validFrom: before.valid_from, validTo: before.valid_to }, after: { validFrom, validTo } },
    });
    return row;
  });
  indexMembership(db, actor.provinceCode, m);
  return presentMembership(m);
}

export async function deleteMembership(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'contact:write');
  const before = await membershipInScope(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('group_membership').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'delete', recordKind: 'group_membership', recordId: id, detail: { before: presentMembership(before) } });
  });
  applyToIndex(db, actor.provinceCode, (index) => index.removeMembership(id));
  return { deleted: true };
}

export interface ManualContactInput { personA: number; personB: number; date: string; place?: string | null | undefined; note?: string | null | undefined }

/** Checks a manual contact before any transaction opens (lookups use the pool, not the transaction). */
async function checkManualContact(db: Db, actor: Actor, input: ManualContactInput, today: string) {
  const issues: FieldIssue[] = [];
  checkDate('date', input.date, today, issues);
  if (input.personA === input.personB) issues.push(issue('personB', 'SAME_PERSON', 'Hai người tiếp xúc phải khác nhau', 'A contact needs two different people'));
  if (issues.length) throw new ValidationError(issues);
  const a = await personArea(db, actor, input.personA, 'personA');
  const b = await personArea(db, actor, input.personB, 'personB');
  // One of the two must be in the epidemiologist's area (usually the case they are tracing).
  if (!areaInScope(actor, a) && !areaInScope(actor, b)) throw Errors.outOfScope();
}

async function writeManualContact(trx: Db, actor: Actor, input: ManualContactInput) {
  const row = await trx.insertInto('manual_contact')
    .values({
      province_code: actor.provinceCode, person_a: input.personA, person_b: input.personB, contact_date: input.date,
      place: input.place ?? null, note: input.note ?? null, created_by: actor.userId || null,
    })
    .returning(['id', 'person_a', 'person_b', 'contact_date', 'place', 'note']).executeTakeFirstOrThrow();
  await recordAudit(trx, actor, { action: 'create', recordKind: 'manual_contact', recordId: row.id, detail: { after: input } });
  return row;
}

function indexContact(db: Db, provinceCode: string, row: { id: number; person_a: number; person_b: number; contact_date: string }) {
  applyToIndex(db, provinceCode, (index) => index.putContact({ id: row.id, a: row.person_a, b: row.person_b, day: dayNumber(row.contact_date) }));
}

export async function addManualContact(db: Db, actor: Actor, input: ManualContactInput, today = vnDate()) {
  assertPermission(actor, 'contact:write');
  await checkManualContact(db, actor, input, today);
  const row = await db.transaction().execute((trx) => writeManualContact(trx, actor, input));
  indexContact(db, actor.provinceCode, row);
  return { id: row.id, personA: row.person_a, personB: row.person_b, date: row.contact_date, place: row.place, note: row.note };
}

export async function deleteManualContact(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'contact:write');
  const before = await repo.findManualContact(db, id);
  if (!before || before.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `tiếp xúc ${id}`, en: `contact ${id}` });
  const [a, b] = await Promise.all([personArea(db, actor, before.person_a, 'personA'), personArea(db, actor, before.person_b, 'personB')]);
  if (!areaInScope(actor, a) && !areaInScope(actor, b)) throw Errors.outOfScope();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('manual_contact').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'delete', recordKind: 'manual_contact', recordId: id, detail: { before } });
  });
  applyToIndex(db, actor.provinceCode, (index) => index.removeContact(id));
  return { deleted: true };
}

/**
 * The epidemiologist adds someone the trace missed to a run: a manual contact with the source,
 * and the person on the run's list at the source's level + 1, marked 'added'.
 */
export async function addToRun(db: Db, actor: Actor, runId: number, input: { personId: number; sourcePersonId: number; date: string; place?: string | null | undefined; note?: string | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'tracing:review');
  await runInScope(db, actor, runId);
  const asOf = await defaultAsOf(db, actor.provinceCode);
  const { result } = await liveTrace(db, actor.provinceCode, asOf);
  let sourceLevel = -1;
  for (let i = 0; i < result.people.count; i++) if (result.people.person[i] === input.sourcePersonId) { sourceLevel = result.people.level[i]!; break; }
  if (sourceLevel < 0 || sourceLevel >= 3) {
    throw new ValidationError([issue('sourcePersonId', 'NOT_TRACED', 'Nguồn lây phải là F0, F1 hoặc F2 trong lượt truy vết hiện tại', 'The source must be an F0, F1 or F2 of the current trace')]);
  }
  const contact = { personA: input.sourcePersonId, personB: input.personId, date: input.date, place: input.place, note: input.note };
  await checkManualContact(db, actor, contact, today);
  const out = await db.transaction().execute(async (trx) => {
    const row = await writeManualContact(trx, actor, contact);
    await runs.addTracedPerson(trx, runId, actor.provinceCode, {
      person_id: input.personId, level: sourceLevel + 1, window_start: input.date, window_end: asOf, source_person_id: input.sourcePersonId,
      source_kind: 'manual', source_group_id: null, source_date: input.date, review_status: 'added', review_note: input.note ?? null,
    }, actor.userId);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'traced_person', recordId: `${runId}:${input.personId}`, detail: { after: { ...input, level: sourceLevel + 1 } } });
    return row;
  });
  indexContact(db, actor.provinceCode, out);
  return { added: true, level: sourceLevel + 1 };
}
