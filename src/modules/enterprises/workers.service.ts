/**
 * Worker use cases: the list of an enterprise (paged, searched, filtered), one worker with the
 * dated history of their workshop × shift, bus and lodging, create and edit from a form (the
 * import's own path, one row), end of employment, the template and the export (masked per role).
 */
import type { Db } from '../../db/database.ts';
import type { CommuteMode, Sex } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, maskedFieldsFor } from '../auth/policy.ts';
import { communeAreas, type PersonInput, personalFieldsFor, personValidator } from '../people/people.service.ts';
import { membershipsWritten } from '../tracing/tracing.service.ts';
import { issue } from './enterprises.domain.ts';
import * as repo from './enterprises.repository.ts';
import { loadEnterprise } from './enterprises.service.ts';
import { workerTemplate, writeWorkerSheet } from './enterprises.xlsx.ts';
import { commitDrafts, type EnterpriseRef, planDrafts, type WorkerDraft } from './workers.core.ts';
import * as workersRepo from './workers.repository.ts';

function present(r: workersRepo.WorkerRow, actor: Actor, today: string) {
  const masked = new Set(maskedFieldsFor(actor));
  const personal = personalFieldsFor(r, actor);
  return {
    id: r.id,
    personId: r.person_id,
    enterpriseId: r.enterprise_id,
    employeeCode: r.employee_code,
    fullName: r.full_name,
    sex: r.sex,
    dateOfBirth: personal.dateOfBirth,
    nationalId: personal.nationalId,
    phone: personal.phone,
    communeCode: r.commune_code,
    communeName: r.commune_name,
    addressDetail: personal.addressDetail,
    commuteMode: r.commute_mode,
    workshopId: r.workshop_id, workshopName: r.workshop_name,
    shiftId: r.shift_id, shiftName: r.shift_name,
    busRouteId: r.bus_group_id, busRouteName: r.bus_name,
    roomId: r.room_group_id, roomLabel: r.room_label, lodgingName: r.house_name, lodgingKind: r.house_kind,
    homeAddress: masked.has('addressDetail') ? (r.home_address ? '***' : null) : r.home_address,
    employedFrom: r.employed_from,
    employedTo: r.employed_to,
    active: r.employed_to === null || r.employed_to >= today,
    masked: masked.size > 0,
  };
}
export type WorkerView = ReturnType<typeof present>;

export interface WorkerQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  workshopId?: number | undefined;
  shiftId?: number | undefined;
  busRouteId?: number | undefined;
  commuteMode?: CommuteMode | undefined;
  status?: 'active' | 'ended' | 'all' | undefined;
}

const filterOf = (enterpriseId: number, q: Omit<WorkerQuery, 'page' | 'pageSize'>): workersRepo.WorkerFilter => ({
  enterpriseId, q: q.q, workshopId: q.workshopId, shiftId: q.shiftId, busGroupId: q.busRouteId, commuteMode: q.commuteMode, status: q.status,
});

export async function listWorkers(db: Db, actor: Actor, enterpriseId: number, q: WorkerQuery, today = vnDate()) {
  await loadEnterprise(db, actor, enterpriseId, 'read', today);
  const { items, total } = await workersRepo.listWorkers(db, filterOf(enterpriseId, q), today, q.pageSize, (q.page - 1) * q.pageSize);
  // A page of workers names people: audited like the register's and the cases' lists.
  await recordAudit(db, actor, { action: 'list', recordKind: 'worker', recordId: enterpriseId, detail: { page: q.page, people: items.map((r) => r.person_id) } });
  return { items: items.map((r) => present(r, actor, today)), total, page: q.page, pageSize: q.pageSize };
}

async function loadWorker(db: Db, actor: Actor, enterpriseId: number, workerId: number, mode: 'read' | 'write', today: string) {
  const e = await loadEnterprise(db, actor, enterpriseId, mode, today);
  const w = await workersRepo.findWorker(db, workerId);
  if (!w || w.enterprise_id !== enterpriseId) throw Errors.notFound({ vi: `công nhân ${workerId}`, en: `worker ${workerId}` });
  return { e, w };
}

/** One worker with the dated history of their assignments; the read is audited (it names a person). */
export async function getWorker(db: Db, actor: Actor, enterpriseId: number, workerId: number, today = vnDate()) {
  const { w } = await loadWorker(db, actor, enterpriseId, workerId, 'read', today);
  const history = await workersRepo.assignmentHistory(db, w.person_id);
  await recordAudit(db, actor, { action: 'read', recordKind: 'worker', recordId: workerId, detail: { personId: w.person_id } });
  return {
    ...present(w, actor, today),
    history: history.map((h) => ({ id: h.id, groupId: h.group_id, kind: h.kind, label: h.label, orgName: h.org_name, validFrom: h.valid_from, validTo: h.valid_to })),
  };
}

export interface WorkerInput extends PersonInput {
  employeeCode: string;
  commuteMode: CommuteMode;
  workshopId?: number | null | undefined;
  shiftId?: number | null | undefined;
  busRouteId?: number | null | undefined;
  roomId?: number | null | undefined;
  homeAddress?: string | null | undefined;
  employedFrom: string;
  /** From when a changed assignment holds (default today); the old one ends the day before. */
  changeDate?: string | undefined;
}

/** A form's worker as a draft: the person through the register's rules, the ids against the enterprise. */
async function draftOf(db: Db, e: EnterpriseRef, input: WorkerInput, today: string, workerId?: number): Promise<WorkerDraft> {
  const issues: FieldIssue[] = [];
  const code = input.employeeCode.replace(/\s+/g, ' ').trim();
  if (!code) issues.push(issue('employeeCode', 'REQUIRED', 'Mã nhân viên: bắt buộc', 'Employee code: is required'));
  const v = (await personValidator(db, [input], today))(input);
  if (!v.ok) issues.push(...v.issues);
  if (input.employedFrom > today) issues.push(issue('employedFrom', 'FUTURE_DATE', 'Ngày vào làm: không được ở tương lai', 'Employed from: cannot be in the future'));
  const [workshops, shifts, routes] = await Promise.all([repo.workshopsOf(db, e.id), repo.shiftsOf(db, e.id), repo.busRoutesOf(db, e.id)]);
  const known = (field: string, id: number | null | undefined, ids: number[], what: { vi: string; en: string }) => {
    if (id != null && !ids.includes(id)) issues.push(issue(field, 'UNKNOWN', `${what.vi} ${id} không thuộc doanh nghiệp`, `${what.en} ${id} is not the enterprise's`));
  };
  known('workshopId', input.workshopId, workshops.map((w) => w.id), { vi: 'Phân xưởng', en: 'Workshop' });
  known('shiftId', input.shiftId, shifts.map((s) => s.id), { vi: 'Ca', en: 'Shift' });
  known('busRouteId', input.busRouteId, routes.map((r) => r.group_id), { vi: 'Tuyến xe', en: 'Bus route' });
  if ((input.workshopId == null) !== (input.shiftId == null)) issues.push(issue(input.workshopId == null ? 'workshopId' : 'shiftId', 'REQUIRED', 'Chọn cả phân xưởng và ca', 'Pick both the workshop and the shift'));
  if (input.commuteMode === 'bus' && input.busRouteId == null) issues.push(issue('busRouteId', 'REQUIRED', 'Tuyến xe: bắt buộc khi đi xe đưa đón', 'Bus route: is required for the company bus'));
  if (input.roomId != null) {
    const room = await repo.findRoom(db, input.roomId);
    const ok = room && room.province_code === e.province_code && (room.house_kind === 'boarding_house' || (room.house_kind === 'dormitory' && room.house_parent_id === e.id));
    if (!ok) issues.push(issue('roomId', 'UNKNOWN_ROOM', `Không có phòng ${input.roomId} của nhà trọ hay ký túc xá của doanh nghiệp`, `No room ${input.roomId} of a boarding house or of the enterprise's dormitories`));
  } else if (input.commuteMode === 'boarding_house' || input.commuteMode === 'dormitory') {
    issues.push(issue('roomId', 'REQUIRED', 'Phòng: bắt buộc khi ở nhà trọ hoặc ký túc xá', 'Room: is required for a boarding house or dormitory'));
  }
  const area = v.ok ? (await communeAreas(db, [v.value.communeCode])).get(v.value.communeCode) : undefined;
  if (issues.length || !v.ok || !area) throw new ValidationError(issues);
  return {
    row: 0, workerId, employeeCode: code, person: v.value, area, commuteMode: input.commuteMode,
    assignment: { workshopId: input.workshopId ?? null, shiftId: input.shiftId ?? null, busGroupId: input.busRouteId ?? null, roomGroupId: input.roomId ?? null },
    homeAddress: input.homeAddress?.trim() || null, employedFrom: input.employedFrom, employedTo: null,
  };
}

async function writeOne(db: Db, actor: Actor, e: EnterpriseRef, draft: WorkerDraft, changeDate: string, today: string) {
  const result = await db.transaction().execute(async (trx) => {
    const plan = await planDrafts(trx, e, [draft], changeDate);
    if (plan.issues.length) throw new ValidationError(plan.issues);
    const r = await commitDrafts(trx, e, plan, changeDate, today);
    const events = [
      ...r.created.map((c) => ({ action: 'create' as const, recordKind: 'worker', recordId: c.workerId, detail: { enterpriseId: e.id, employeeCode: c.employeeCode } })),
      ...r.updated.map((u) => ({ action: 'update' as const, recordKind: 'worker', recordId: u.workerId, detail: { enterpriseId: e.id, changed: u.changed, changeDate } })),
    ];
    await recordAudit(trx, actor, events);
    return r;
  });
  membershipsWritten(db, actor.provinceCode, { groups: result.newGroups.map((id) => ({ id, kind: 'workshop_shift' as const })), put: result.put, removed: result.removed });
  return result.created[0]?.workerId ?? result.updated[0]?.workerId ?? draft.workerId!;
}

export async function createWorker(db: Db, actor: Actor, enterpriseId: number, input: WorkerInput, today = vnDate()) {
  const e = await loadEnterprise(db, actor, enterpriseId, 'write', today);
  const draft = await draftOf(db, e, input, today);
  const workers = await workersRepo.workersForImport(db, e.id);
  if (workers.some((w) => w.employee_code === draft.employeeCode)) throw Errors.duplicate('employeeCode', { vi: `mã nhân viên ${draft.employeeCode}`, en: `employee code ${draft.employeeCode}` });
  const id = await writeOne(db, actor, e, draft, draft.employedFrom, today);
  return getWorker(db, actor, enterpriseId, id, today);
}

export async function updateWorker(db: Db, actor: Actor, enterpriseId: number, workerId: number, input: WorkerInput, today = vnDate()) {
  const { e, w } = await loadWorker(db, actor, enterpriseId, workerId, 'write', today);
  if (w.employed_to !== null) throw new ValidationError([issue('employedTo', 'ENDED', 'Công nhân đã nghỉ việc: không sửa được', 'The worker has left: the record cannot change')]);
  const changeDate = input.changeDate ?? today;
  if (changeDate > today) throw new ValidationError([issue('changeDate', 'FUTURE_DATE', 'Ngày thay đổi: không được ở tương lai', 'Change date: cannot be in the future')]);
  const draft = await draftOf(db, e, input, today, workerId);
  await writeOne(db, actor, e, draft, changeDate, today);
  return getWorker(db, actor, enterpriseId, workerId, today);
}

/** Ends the employment on a date: every open assignment ends that day. */
export async function endEmployment(db: Db, actor: Actor, enterpriseId: number, workerId: number, input: { employedTo: string; reason?: string | null | undefined }, today = vnDate()) {
  const { e, w } = await loadWorker(db, actor, enterpriseId, workerId, 'write', today);
  if (w.employed_to !== null) throw new ValidationError([issue('employedTo', 'ENDED', 'Công nhân đã nghỉ việc', 'The worker has left already')]);
  if (input.employedTo < w.employed_from) throw new ValidationError([issue('employedTo', 'ORDER', 'Ngày nghỉ việc trước ngày vào làm', 'The end is before the employment start')]);
  const area = (await communeAreas(db, [w.commune_code])).get(w.commune_code)!;
  const draft: WorkerDraft = {
    row: 0, workerId, employeeCode: w.employee_code, area, commuteMode: w.commute_mode,
    person: { fullName: w.full_name, sex: w.sex as Sex, dateOfBirth: w.date_of_birth, nationalId: w.national_id, phone: w.phone, communeCode: w.commune_code, addressDetail: w.address_detail },
    assignment: { workshopId: w.workshop_id, shiftId: w.shift_id, busGroupId: w.bus_group_id, roomGroupId: w.room_group_id },
    homeAddress: w.home_address, employedFrom: w.employed_from, employedTo: input.employedTo,
  };
  await writeOne(db, actor, e, draft, input.employedTo, today);
  await recordAudit(db, actor, { action: 'update', recordKind: 'worker', recordId: workerId, detail: { employedTo: input.employedTo, reason: input.reason ?? null } });
  return getWorker(db, actor, enterpriseId, workerId, today);
}

export async function workerImportTemplate(db: Db, actor: Actor, enterpriseId: number) {
  const e = await loadEnterprise(db, actor, enterpriseId, 'read');
  const [workshops, shifts, routes, dorms] = await Promise.all([repo.workshopsOf(db, e.id), repo.shiftsOf(db, e.id), repo.busRoutesOf(db, e.id), repo.dormitoriesOf(db, e.id)]);
  return workerTemplate({
    workshops: workshops.filter((w) => w.active).map((w) => w.name),
    shifts: shifts.filter((s) => s.active).map((s) => s.name),
    busRoutes: routes.filter((r) => r.active).map((r) => r.name),
    lodgings: dorms.map((d) => d.name),
  });
}

export const MAX_WORKER_EXPORT = 50_000;

export async function exportWorkers(db: Db, actor: Actor, enterpriseId: number, q: Omit<WorkerQuery, 'page' | 'pageSize'>, today = vnDate()) {
  const e = await loadEnterprise(db, actor, enterpriseId, 'read', today);
  const rows = (await workersRepo.allWorkers(db, filterOf(enterpriseId, q), today, MAX_WORKER_EXPORT)).map((r) => present(r, actor, today));
  await recordAudit(db, actor, { action: 'export', recordKind: 'worker', recordId: e.id, detail: { enterpriseId: e.id, filters: q, rows: rows.length } });
  return writeWorkerSheet(rows.map((r) => ({
    employeeCode: r.employeeCode, fullName: r.fullName, sex: r.sex, dateOfBirth: r.dateOfBirth, nationalId: r.nationalId, phone: r.phone,
    communeCode: r.communeCode, addressDetail: r.addressDetail, workshop: r.workshopName, shift: r.shiftName, commuteMode: r.commuteMode,
    busRoute: r.busRouteName, lodging: r.lodgingName, room: r.roomLabel, homeAddress: r.homeAddress, employedFrom: r.employedFrom, employedTo: r.employedTo,
  })));
}
