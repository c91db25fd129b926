/**
 * The one path every tenancy write takes — the owner's phone form and an imported list alike:
 * drafts are matched with the register (ID number, else phone + name, the birth date agreeing
 * where both have one) and with the person's room memberships in the house, classified
 * create / move / update / unchanged, checked against the rooms' capacity, and committed in the
 * caller's transaction. A person the worker import already put in that room keeps that one
 * membership (its details are added); a move closes the open interval the day before.
 */
import type { Db } from '../../db/database.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { FieldIssue } from '../../server/errors.ts';
import { workersFollowRoomMoves } from '../enterprises/enterprises.service.ts';
import { type CommuneArea, findRegisterMatches, registerPeople, type ValidPerson } from '../people/people.service.ts';
import { covers, issue, moveSteps, overlaps, type TenancyStep } from './boarding-houses.domain.ts';
import * as repo from './boarding-houses.repository.ts';
import type { MembershipRow, RoomRow } from './boarding-houses.repository.ts';

export interface TenancyDraft {
  /** Spreadsheet row (a form: 0). */
  row: number;
  person: ValidPerson;
  area: CommuneArea;
  roomId: number;
  validFrom: string;
  validTo: string | null;
  workplaceEnterpriseId: number | null;
  workplaceText: string | null;
}

export type TenancyStatus = 'create' | 'move' | 'update' | 'unchanged';

export interface PlannedTenancy {
  draft: TenancyDraft;
  status: TenancyStatus;
  personId: number | null;
  /** The membership kept (update, unchanged) or left (move). */
  membership: MembershipRow | null;
  steps: TenancyStep[];
  changed: string[];
}

export interface HouseRef { id: number; province_code: string }

export interface TenancyPlan {
  issues: FieldIssue[];
  planned: PlannedTenancy[];
  counts: Record<TenancyStatus, number>;
}

const at = (row: number, i: FieldIssue): FieldIssue => (row ? { ...i, row } : i);

/**
 * Plans drafts against the house (`allowMove`: a row naming another room than the open
 * tenancy's moves the tenant — an import; a form registering a tenant refuses instead).
 */
export async function planTenancies(db: Db, house: HouseRef, drafts: TenancyDraft[], today: string, opts: { allowMove: boolean }): Promise<TenancyPlan> {
  const issues: FieldIssue[] = [];
  const rooms = new Map<number, RoomRow>((await repo.roomsOf(db, house.id, today)).map((r) => [r.id, r]));

  // Inside the file: one row per person (ID number, else phone + name).
  const keyRow = new Map<string, number>();
  const ok: TenancyDraft[] = [];
  for (const d of drafts) {
    const key = d.person.nationalId ?? (d.person.phone ? `${d.person.phone}|${foldVietnamese(d.person.fullName)}` : null);
    if (key && keyRow.has(key)) {
      issues.push(at(d.row, issue(d.person.nationalId ? 'nationalId' : 'phone', 'DUPLICATE_IN_FILE', `Người thuê trùng với dòng ${keyRow.get(key)}`, `The tenant repeats row ${keyRow.get(key)}`)));
      continue;
    }
    if (key) keyRow.set(key, d.row);
    const room = rooms.get(d.roomId);
    if (!room || !room.active) {
      issues.push(at(d.row, issue('roomId', 'UNKNOWN_ROOM', `Phòng không thuộc nhà trọ này hoặc đã ngừng sử dụng`, `The room is not this house's or is no longer in use`)));
      continue;
    }
    ok.push(d);
  }

  const matches = await findRegisterMatches(db, {
    nationalIds: ok.flatMap((d) => (d.person.nationalId ? [d.person.nationalId] : [])),
    phones: ok.flatMap((d) => (d.person.phone ? [d.person.phone] : [])),
  });
  const byId = new Map(matches.filter((m) => m.national_id).map((m) => [m.national_id!, m]));
  const byPhoneName = new Map<string, (typeof matches)[number]>();
  for (const m of matches) if (m.phone) byPhoneName.set(`${m.phone}|${m.name_search}`, m);
  const personOf = (d: TenancyDraft) => {
    if (d.person.nationalId) {
      const m = byId.get(d.person.nationalId);
      if (m) return m;
    }
    if (!d.person.phone) return undefined;
    const m = byPhoneName.get(`${d.person.phone}|${foldVietnamese(d.person.fullName)}`);
    // A phone and a name alone are easy to share: a birth date on both sides must agree, and an ID on both too.
    if (!m) return undefined;
    if (m.date_of_birth && d.person.dateOfBirth && m.date_of_birth !== d.person.dateOfBirth) return undefined;
    if (m.national_id && d.person.nationalId && m.national_id !== d.person.nationalId) return undefined;
    return m;
  };

  const people = new Map(ok.map((d) => [d, personOf(d)?.id ?? null]));
  const memberships = await repo.membershipsInHouse(db, house.id, [...new Set([...people.values()].filter((p): p is number => p !== null))]);
  const details = await repo.tenancyDetails(db, memberships.map((m) => m.id));
  const msOf = new Map<number, MembershipRow[]>();
  for (const m of memberships) msOf.set(m.person_id, [...(msOf.get(m.person_id) ?? []), m]);

  const occupancy = new Map([...rooms.values()].map((r) => [r.id, r.occupants]));
  const planned: PlannedTenancy[] = [];
  const counts: Record<TenancyStatus, number> = { create: 0, move: 0, update: 0, unchanged: 0 };
  const label = (id: number) => rooms.get(id)?.label ?? String(id);

  for (const d of ok) {
    const personId = people.get(d)!;
    const ms = personId === null ? [] : (msOf.get(personId) ?? []);
    const span = { from: d.validFrom, to: d.validTo };
    let p: PlannedTenancy;
    let leaving: MembershipRow | null = null;
    const same = ms.find((m) => m.group_id === d.roomId && (m.valid_to === null || m.valid_from === d.validFrom));
    const open = ms.find((m) => m.valid_to === null);
    if (same) {
      const changed: string[] = [];
      const steps: TenancyStep[] = [];
      if (same.valid_to !== d.validTo) {
        if (d.validTo !== null && d.validTo < same.valid_from) {
          issues.push(at(d.row, issue('validTo', 'ORDER', `Đến ngày: trước ngày bắt đầu thuê đã ghi (${same.valid_from})`, `Until: before the recorded start of the tenancy (${same.valid_from})`)));
          continue;
        }
        const clash = ms.find((m) => m.id !== same.id && overlaps({ from: same.valid_from, to: d.validTo }, { from: m.valid_from, to: m.valid_to }));
        if (clash) {
          issues.push(at(d.row, issue('validTo', 'OVERLAP', `Trùng thời gian với lần thuê khác (từ ${clash.valid_from})`, `Overlaps another tenancy (from ${clash.valid_from})`)));
          continue;
        }
        changed.push('validTo');
        steps.push({ kind: 'close', id: same.id, validTo: d.validTo as string });
      }
      const detail = details.get(same.id);
      if (!detail || detail.workplace_enterprise_id !== d.workplaceEnterpriseId || (detail.workplace_text ?? null) !== d.workplaceText) changed.push('workplace');
      p = { draft: d, status: changed.length ? 'update' : 'unchanged', personId, membership: same, steps, changed };
    } else if (open && open.group_id !== d.roomId) {
      if (!opts.allowMove) {
        issues.push(at(d.row, issue('roomId', 'ALREADY_TENANT', `Người này đang thuê phòng ${label(open.group_id)} của nhà trọ: dùng "chuyển phòng"`, `This person already rents room ${label(open.group_id)} of the house: use "move"`)));
        continue;
      }
      const steps = moveSteps({ id: open.id, roomId: open.group_id, validFrom: open.valid_from }, d.roomId, d.validFrom, d.validTo);
      if (steps === null) {
        issues.push(at(d.row, issue('validFrom', 'BEFORE_CURRENT', `Từ ngày: trước ngày bắt đầu thuê phòng hiện tại (${open.valid_from})`, `From: before the current room's tenancy began (${open.valid_from})`)));
        continue;
      }
      leaving = open;
      p = { draft: d, status: 'move', personId, membership: open, steps, changed: ['room'] };
    } else {
      const clash = ms.find((m) => overlaps(span, { from: m.valid_from, to: m.valid_to }));
      if (clash) {
        issues.push(at(d.row, issue('validFrom', 'OVERLAP', `Trùng thời gian với lần thuê phòng ${label(clash.group_id)} từ ${clash.valid_from}`, `Overlaps the tenancy of room ${label(clash.group_id)} from ${clash.valid_from}`)));
        continue;
      }
      p = { draft: d, status: 'create', personId, membership: null, steps: [{ kind: 'open', roomId: d.roomId, validFrom: d.validFrom, validTo: d.validTo }], changed: [] };
    }
    // Capacity: who lives in the room today, counting this list's arrivals and departures.
    const arrives = p.status === 'create' || p.status === 'move';
    if (arrives && covers(span, today)) {
      const room = rooms.get(d.roomId)!;
      const n = occupancy.get(d.roomId) ?? 0;
      if (room.capacity !== null && n >= room.capacity) {
        issues.push(at(d.row, issue('roomId', 'ROOM_FULL', `Phòng ${room.label} đã đủ ${room.capacity} người`, `Room ${room.label} is full (${room.capacity} people)`)));
        continue;
      }
      occupancy.set(d.roomId, n + 1);
      if (leaving && covers({ from: leaving.valid_from, to: leaving.valid_to }, today)) occupancy.set(leaving.group_id, (occupancy.get(leaving.group_id) ?? 1) - 1);
    }
    counts[p.status]++;
    planned.push(p);
  }
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { issues, planned, counts };
}

export interface TenancyCommit {
  put: MembershipRow[];
  /** The membership each planned row ends with (create, move, update). */
  results: Array<{ row: number; personId: number; membershipId: number; status: TenancyStatus; changed: string[] }>;
  /** Worker rows whose current room followed a move (`workersFollowRoomMoves` of enterprises). */
  workers: Awaited<ReturnType<typeof workersFollowRoomMoves>>;
}

/** Writes a plan without issues in the caller's transaction (audit is the caller's). */
export async function commitTenancies(trx: Db, house: HouseRef, plan: TenancyPlan, today: string, by: { userId: number | null; source: 'form' | 'import' }): Promise<TenancyCommit> {
  const writes = plan.planned.filter((p) => p.status !== 'unchanged');
  const toRegister = writes.filter((p) => p.personId === null);
  const newIds = await registerPeople(trx, toRegister.map((p) => ({ person: p.draft.person, area: p.draft.area })), today);
  toRegister.forEach((p, i) => { p.personId = newIds[i]!; });

  const put: MembershipRow[] = [];
  const results: TenancyCommit['results'] = [];
  for (const p of writes) {
    let membershipId = p.membership?.id ?? -1;
    for (const s of p.steps) {
      if (s.kind === 'close') put.push(await repo.setMembershipEnd(trx, s.id, s.validTo));
      if (s.kind === 'regroup') put.push(await repo.regroupMembership(trx, s.id, s.roomId));
      if (s.kind === 'open') {
        const [m] = await repo.insertMemberships(trx, house.province_code, [{ group_id: s.roomId, person_id: p.personId!, valid_from: s.validFrom, valid_to: s.validTo }]);
        put.push(m!);
        membershipId = m!.id;
      }
    }
    results.push({ row: p.draft.row, personId: p.personId!, membershipId, status: p.status, changed: p.changed });
  }
  await repo.upsertTenancyDetails(trx, results.map((r, i) => ({
    membership_id: r.membershipId, house_id: house.id, province_code: house.province_code,
    workplace_enterprise_id: writes[i]!.draft.workplaceEnterpriseId, workplace_text: writes[i]!.draft.workplaceText, source: by.source, registered_by: by.userId,
  })));
  // Tenants who work at an enterprise and moved to a room they still live in: the worker row's current room follows.
  const workers = await workersFollowRoomMoves(trx, writes.filter((p) => p.status === 'move' && (p.draft.validTo === null || p.draft.validTo >= today))
    .map((p) => ({ personId: p.personId!, fromRoomId: p.membership!.group_id, toRoomId: p.draft.roomId, date: p.draft.validFrom })));
  return { put, results, workers };
}
