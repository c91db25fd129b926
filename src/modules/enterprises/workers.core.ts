/**
 * The one path every worker write takes — a form's single worker and an imported list of
 * thousands alike: drafts (validated rows) are matched with the enterprise's workers by
 * employee code and with the person register (national ID, else phone + name + date of birth),
 * classified create / update / unchanged, and committed in the caller's transaction with the
 * membership intervals of every changed assignment.
 */
import { insertsWithoutRowTriggers } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import type { CommuteMode } from '../../db/schema.ts';
import { crashPoint } from '../../lib/crash-point.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { FieldIssue } from '../../server/errors.ts';
import { type CommuneArea, danglingRegisteredReferences, findRegisterMatches, registerPeople, updateRegisteredPeople, type ValidPerson } from '../people/people.service.ts';
import { issue } from './enterprises.domain.ts';
import {
  type AppliedMemberships, type Assignment, type AssignmentChange, applyMembershipPlan, loadOpenMemberships, NO_ASSIGNMENT, planMemberships,
  slotGroups, WorkshopShiftGroups,
} from './workers.assign.ts';
import * as workersRepo from './workers.repository.ts';

export interface WorkerDraft {
  /** Spreadsheet row (a form: 0). */
  row: number;
  /** The worker a form edits (an import matches by employee code). */
  workerId?: number | undefined;
  employeeCode: string;
  person: ValidPerson;
  area: CommuneArea;
  commuteMode: CommuteMode;
  assignment: Assignment;
  homeAddress: string | null;
  employedFrom: string;
  employedTo: string | null;
}

export type DraftStatus = 'create' | 'update' | 'unchanged';

export interface PlannedDraft {
  draft: WorkerDraft;
  status: DraftStatus;
  workerId: number | null;
  /** Existing person (null: a new one is registered). */
  personId: number | null;
  personChanged: boolean;
  /** Which fields differ from the stored worker (for the preview). */
  changed: string[];
}

export interface EnterpriseRef { id: number; province_code: string; district_code: string | null; commune_code: string | null }

type Existing = Awaited<ReturnType<typeof workersRepo.workersForImport>>[number];

const assignmentOf = (w: Existing): Assignment => ({ workshopId: w.workshop_id, shiftId: w.shift_id, busGroupId: w.bus_group_id, roomGroupId: w.room_group_id });

function workerDiff(w: Existing, d: WorkerDraft): string[] {
  const out: string[] = [];
  if (w.employee_code !== d.employeeCode) out.push('employeeCode');
  if (w.commute_mode !== d.commuteMode) out.push('commuteMode');
  if (w.employed_from !== d.employedFrom) out.push('employedFrom');
  if (w.employed_to !== d.employedTo) out.push('employedTo');
  if (w.workshop_id !== d.assignment.workshopId) out.push('workshop');
  if (w.shift_id !== d.assignment.shiftId) out.push('shift');
  if (w.bus_group_id !== d.assignment.busGroupId) out.push('busRoute');
  if (w.room_group_id !== d.assignment.roomGroupId) out.push('room');
  if ((w.home_address ?? null) !== d.homeAddress) out.push('homeAddress');
  return out;
}

type RegisteredPerson = Pick<Existing, 'full_name' | 'sex' | 'date_of_birth' | 'national_id' | 'phone' | 'commune_code' | 'address_detail'>;

function personDiff(w: RegisteredPerson, p: ValidPerson): string[] {
  const out: string[] = [];
  if (w.full_name !== p.fullName) out.push('fullName');
  if (w.sex !== p.sex) out.push('sex');
  if (w.date_of_birth !== p.dateOfBirth) out.push('dateOfBirth');
  if (w.national_id !== p.nationalId) out.push('nationalId');
  if (w.phone !== p.phone) out.push('phone');
  if (w.commune_code !== p.communeCode) out.push('communeCode');
  if ((w.address_detail ?? null) !== p.addressDetail) out.push('addressDetail');
  return out;
}

/** The membership change a planned draft makes (null: none). */
function changeOf(p: PlannedDraft, existing: Map<number, Existing>, changeDate: string): AssignmentChange | null {
  const d = p.draft;
  if (p.status === 'create') {
    return { personId: -1, before: NO_ASSIGNMENT, after: d.assignment, changeDate: d.employedFrom, endsOn: d.employedTo };
  }
  if (p.status !== 'update') return null;
  const w = existing.get(p.workerId!)!;
  if (d.employedTo && d.employedTo !== w.employed_to) return { personId: w.person_id, before: assignmentOf(w), after: NO_ASSIGNMENT, changeDate, endOn: d.employedTo };
  return { personId: w.person_id, before: assignmentOf(w), after: d.assignment, changeDate };
}

export interface DraftPlan {
  issues: FieldIssue[];
  planned: PlannedDraft[];
  existing: Map<number, Existing>;
  counts: Record<DraftStatus, number>;
}

/** Matches and classifies drafts; every problem is a row issue, nothing is written. */
export async function planDrafts(db: Db, enterprise: EnterpriseRef, drafts: WorkerDraft[], changeDate: string): Promise<DraftPlan> {
  const issues: FieldIssue[] = [];
  const at = (row: number, i: FieldIssue) => issues.push(row ? { ...i, row } : i);
  const workers = await workersRepo.workersForImport(db, enterprise.id);
  const existing = new Map(workers.map((w) => [w.id, w]));
  const byCode = new Map(workers.map((w) => [w.employee_code, w]));
  const byPerson = new Map(workers.map((w) => [w.person_id, w]));

  // Inside the file: one row per employee code and per ID number.
  const codeRow = new Map<string, number>();
  const idRow = new Map<string, number>();
  const ok: WorkerDraft[] = [];
  for (const d of drafts) {
    let bad = false;
    if (codeRow.has(d.employeeCode)) {
      at(d.row, issue('employeeCode', 'DUPLICATE_IN_FILE', `Mã nhân viên ${d.employeeCode} trùng với dòng ${codeRow.get(d.employeeCode)}`, `Employee code ${d.employeeCode} repeats row ${codeRow.get(d.employeeCode)}`));
      bad = true;
    } else codeRow.set(d.employeeCode, d.row);
    if (d.person.nationalId) {
      if (idRow.has(d.person.nationalId)) {
        at(d.row, issue('nationalId', 'DUPLICATE_IN_FILE', `Số CCCD/CMND trùng với dòng ${idRow.get(d.person.nationalId)}`, `ID number repeats row ${idRow.get(d.person.nationalId)}`));
        bad = true;
      } else idRow.set(d.person.nationalId, d.row);
    }
    if (!bad) ok.push(d);
  }

  // Against the register.
  const matches = await findRegisterMatches(db, {
    nationalIds: ok.flatMap((d) => (d.person.nationalId ? [d.person.nationalId] : [])),
    phones: ok.flatMap((d) => (d.person.phone ? [d.person.phone] : [])),
  });
  const personByNationalId = new Map(matches.filter((m) => m.national_id).map((m) => [m.national_id!, m]));
  const personBySoftKey = new Map<string, (typeof matches)[number]>();
  for (const m of matches) if (m.phone && m.date_of_birth) personBySoftKey.set(`${m.phone}|${m.name_search}|${m.date_of_birth}`, m);

  const planned: PlannedDraft[] = [];
  const counts: Record<DraftStatus, number> = { create: 0, update: 0, unchanged: 0 };
  for (const d of ok) {
    const w = d.workerId !== undefined ? existing.get(d.workerId) : byCode.get(d.employeeCode);
    if (d.workerId !== undefined) {
      const clash = byCode.get(d.employeeCode);
      if (clash && clash.id !== d.workerId) {
        at(d.row, issue('employeeCode', 'DUPLICATE', `Mã nhân viên ${d.employeeCode} đã dùng cho người khác`, `Employee code ${d.employeeCode} is another worker's`));
        continue;
      }
    }
    const idOwner = d.person.nationalId ? personByNationalId.get(d.person.nationalId) : undefined;
    if (w) {
      if (idOwner && idOwner.id !== w.person_id) {
        at(d.row, issue('nationalId', 'DUPLICATE', `Số CCCD/CMND đã thuộc người khác trong sổ (${idOwner.full_name}, mã ${idOwner.id})`, `ID number belongs to another person of the register (${idOwner.full_name}, id ${idOwner.id})`));
        continue;
      }
      const changed = [...personDiff(w, d.person), ...workerDiff(w, d)];
      const status: DraftStatus = changed.length ? 'update' : 'unchanged';
      counts[status]++;
      planned.push({ draft: d, status, workerId: w.id, personId: w.person_id, personChanged: personDiff(w, d.person).length > 0, changed });
      continue;
    }
    const soft = d.person.phone && d.person.dateOfBirth ? personBySoftKey.get(`${d.person.phone}|${foldVietnamese(d.person.fullName)}|${d.person.dateOfBirth}`) : undefined;
    const person = idOwner ?? soft;
    if (person) {
      const other = byPerson.get(person.id);
      if (other && (other.employed_to === null || other.employed_to >= changeDate)) {
        at(d.row, issue('employeeCode', 'ALREADY_WORKER', `Người này đã là công nhân mã ${other.employee_code} của doanh nghiệp`, `This person is already worker ${other.employee_code} of the enterprise`));
        continue;
      }
    }
    counts.create++;
    // A person already in the register takes the list's details (so the next import finds nothing changed).
    planned.push({ draft: d, status: 'create', workerId: null, personId: person?.id ?? null, personChanged: !!person && personDiff(person, d.person).length > 0, changed: [] });
  }

  // Assignment changes dated before the interval they would end are refused.
  const groups = await WorkshopShiftGroups.load(db, enterprise);
  const withChange = planned.map((p) => ({ p, change: changeOf(p, existing, changeDate) })).filter((x) => x.change && x.change.personId !== -1);
  const changes = withChange.map((x) => x.change!);
  const plan = planMemberships(changes, slotGroups(groups), await loadOpenMemberships(db, changes, slotGroups(groups)));
  for (const r of plan.refused) {
    at(withChange[r.index]!.p.draft.row, issue('changeDate', 'BEFORE_CURRENT', `Ngày thay đổi trước ngày bắt đầu của phân công hiện tại (${r.validFrom})`, `The change date is before the current assignment began (${r.validFrom})`));
  }
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { issues, planned, existing, counts };
}

export interface CommitResult extends AppliedMemberships {
  created: Array<{ workerId: number; row: number; employeeCode: string }>;
  updated: Array<{ workerId: number; row: number; employeeCode: string; changed: string[] }>;
  newGroups: number[];
}

/**
 * Writes a plan without issues, in the caller's transaction (audit is the caller's). `embedded`:
 * the database is PGlite, where the new people and workers are inserted without per-row
 * foreign-key triggers and checked set-based instead (db/bulk-insert.ts).
 */
export async function commitDrafts(trx: Db, enterprise: EnterpriseRef, plan: DraftPlan, changeDate: string, today: string, embedded = false): Promise<CommitResult> {
  const creates = plan.planned.filter((p) => p.status === 'create');
  const updates = plan.planned.filter((p) => p.status === 'update');
  // New people first (each with a household), then the workers: inserts only.
  const toRegister = creates.filter((p) => p.personId === null);
  const { createdIds } = await insertsWithoutRowTriggers(trx, embedded, async () => {
    const newIds = await registerPeople(trx, toRegister.map((p) => ({ person: p.draft.person, area: p.draft.area })), today, embedded);
    toRegister.forEach((p, i) => { p.personId = newIds[i]!; });
    const createdIds = await workersRepo.insertWorkers(trx, creates.map((p) => ({
      person_id: p.personId!, enterprise_id: enterprise.id, province_code: enterprise.province_code, employee_code: p.draft.employeeCode,
      commute_mode: p.draft.commuteMode, employed_from: p.draft.employedFrom, employed_to: p.draft.employedTo,
      workshop_id: p.draft.assignment.workshopId, shift_id: p.draft.assignment.shiftId, bus_group_id: p.draft.assignment.busGroupId,
      room_group_id: p.draft.assignment.roomGroupId, home_address: p.draft.homeAddress,
    })), embedded);
    return { newIds, createdIds };
  }, async ({ newIds, createdIds }) => ({
    ...(await danglingRegisteredReferences(trx, newIds)),
    ...(await workersRepo.danglingWorkerReferences(trx, createdIds)),
  }));
  await updateRegisteredPeople(trx, [...creates, ...updates].filter((p) => p.personChanged).map((p) => ({ id: p.personId!, person: p.draft.person, area: p.draft.area })));
  await workersRepo.updateWorkers(trx, updates.map((p) => {
    const d = p.draft;
    const w = plan.existing.get(p.workerId!)!;
    // Ending the employment keeps the last assignment on the row (the history says until when).
    const a = d.employedTo && d.employedTo !== w.employed_to ? assignmentOf(w) : d.assignment;
    return {
      id: p.workerId!, employee_code: d.employeeCode, commute_mode: d.commuteMode, employed_from: d.employedFrom, employed_to: d.employedTo,
      workshop_id: a.workshopId, shift_id: a.shiftId, bus_group_id: a.busGroupId, room_group_id: a.roomGroupId, home_address: d.homeAddress,
    };
  }));

  const groups = await WorkshopShiftGroups.load(trx, enterprise);
  await groups.ensure(trx, [...creates, ...updates].map((p) => p.draft.assignment));
  const changes: AssignmentChange[] = [];
  for (const p of [...creates, ...updates]) {
    const c = changeOf(p, plan.existing, changeDate);
    if (c) changes.push({ ...c, personId: p.personId! });
  }
  const memberships = planMemberships(changes, slotGroups(groups), await loadOpenMemberships(trx, changes, slotGroups(groups)));
  const applied = await applyMembershipPlan(trx, enterprise.province_code, memberships, embedded);
  crashPoint('worker-import:written');
  return {
    ...applied,
    newGroups: groups.created,
    created: creates.map((p, i) => ({ workerId: createdIds[i]!, row: p.draft.row, employeeCode: p.draft.employeeCode })),
    updated: updates.map((p) => ({ workerId: p.workerId!, row: p.draft.row, employeeCode: p.draft.employeeCode, changed: p.changed })),
  };
}
