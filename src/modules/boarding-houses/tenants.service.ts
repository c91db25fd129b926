/**
 * Tenants: a house's list and the area's (the commune view, tenants of an enterprise with a
 * recent case marked), registering a tenant from a form (the import's own path, one row), moving
 * to another room, ending a tenancy, the workplace, and the export. Tracing is told after commit.
 */
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { casesConfirmedBetween } from '../cases/cases.service.ts';
import { employersDuring, enterpriseRefs, workersFollowRoomMoves } from '../enterprises/enterprises.service.ts';
import { communeAreas, type PersonInput, personalFieldsFor, personValidator } from '../people/people.service.ts';
import { membershipsWritten } from '../tracing/tracing.service.ts';
import { CASE_WINDOW_DAYS, covers, issue, moveSteps, tenancyDateIssues } from './boarding-houses.domain.ts';
import * as repo from './boarding-houses.repository.ts';
import { houseScope, loadHouse } from './boarding-houses.service.ts';
import { commitTenancies, planTenancies, type TenancyDraft } from './tenants.core.ts';

/** Enterprises of the province with a case confirmed in the last 14 days (a worker then), with the count. */
export async function enterprisesWithRecentCases(db: Db, provinceCode: string, today: string): Promise<Map<number, { name: string; cases: number }>> {
  const from = addDays(today, -(CASE_WINDOW_DAYS - 1));
  const cases = await casesConfirmedBetween(db, { column: 'province_code', value: provinceCode }, from, today);
  const employers = await employersDuring(db, [...new Set(cases.map((c) => c.personId))], from, today);
  const out = new Map<number, { name: string; cases: number }>();
  for (const c of cases) {
    for (const e of employers.get(c.personId) ?? []) {
      const x = out.get(e.enterpriseId) ?? { name: e.name, cases: 0 };
      x.cases++;
      out.set(e.enterpriseId, x);
    }
  }
  return out;
}

async function present(db: Db, actor: Actor, rows: repo.TenantRow[], today: string, marked?: Map<number, { name: string; cases: number }>) {
  const employers = await employersDuring(db, rows.map((r) => r.person_id), today, today);
  const hot = marked ?? await enterprisesWithRecentCases(db, actor.provinceCode, today);
  return rows.map((r) => {
    const personal = personalFieldsFor(r, actor);
    const employer = employers.get(r.person_id)?.[0] ?? null;
    const markedBy = [r.workplace_enterprise_id, employer?.enterpriseId].find((id) => id != null && hot.has(id)) ?? null;
    return {
      membershipId: r.membership_id, personId: r.person_id, fullName: r.full_name, sex: r.sex,
      dateOfBirth: personal.dateOfBirth, nationalId: personal.nationalId, phone: personal.phone,
      houseId: r.house_id, houseName: r.house_name, roomId: r.group_id, roomLabel: r.room_label,
      validFrom: r.valid_from, validTo: r.valid_to, current: covers({ from: r.valid_from, to: r.valid_to }, today),
      workplaceEnterpriseId: r.workplace_enterprise_id, workplaceName: r.workplace_name, workplaceText: r.workplace_text,
      employerId: employer?.enterpriseId ?? null, employerName: employer?.name ?? null,
      marked: markedBy !== null, markedEnterprise: markedBy !== null ? hot.get(markedBy)!.name : null, markedCases: markedBy !== null ? hot.get(markedBy)!.cases : 0,
      registeredBy: r.registered_by_name, source: r.source,
    };
  });
}
export type TenantView = Awaited<ReturnType<typeof present>>[number];

export interface TenantQuery { page: number; pageSize: number; q?: string | undefined; status?: 'current' | 'all' | undefined }

export async function listHouseTenants(db: Db, actor: Actor, houseId: number, q: TenantQuery, today = vnDate()) {
  const h = await loadHouse(db, actor, houseId, 'boarding_house:read', today);
  const { items, total } = await repo.listTenants(db, { provinceCode: h.province_code, area: null, houseId, q: q.q, status: q.status }, today, q.pageSize, (q.page - 1) * q.pageSize);
  await recordAudit(db, actor, { action: 'list', recordKind: 'boarding_house_tenant', recordId: houseId, detail: { houseId, rows: items.length, personIds: items.map((i) => i.person_id) } });
  return { items: await present(db, actor, items, today), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The commune view: tenants of every house in reach (filter by district or commune); with
 * `onlyMarked`, those whose workplace or employer had a case confirmed in the last 14 days.
 */
export async function areaTenants(db: Db, actor: Actor, q: TenantQuery & { districtCode?: string | undefined; communeCode?: string | undefined; houseId?: number | undefined; onlyMarked?: boolean | undefined }, today = vnDate()) {
  assertPermission(actor, 'boarding_house:read');
  const hot = await enterprisesWithRecentCases(db, actor.provinceCode, today);
  const f: repo.TenantFilter = { ...houseScope(actor), ...(q.houseId ? { houseId: q.houseId } : {}), districtCode: q.districtCode, communeCode: q.communeCode, q: q.q, status: q.status };
  if (houseScope(actor).houseId != null) f.houseId = houseScope(actor).houseId;
  if (q.onlyMarked) {
    const ids = await repo.tenantPersonIds(db, f, today);
    const employers = await employersDuring(db, ids, today, today);
    const marked = new Set(ids.filter((id) => (employers.get(id) ?? []).some((e) => hot.has(e.enterpriseId))));
    for (const id of await repo.tenantsWorkingAt(db, f, today, [...hot.keys()])) marked.add(id);
    f.personIds = [...marked];
  }
  const { items, total } = await repo.listTenants(db, f, today, q.pageSize, (q.page - 1) * q.pageSize);
  await recordAudit(db, actor, { action: 'list', recordKind: 'boarding_house_tenant', detail: { filters: q, rows: items.length, personIds: items.map((i) => i.person_id) } });
  return {
    items: await present(db, actor, items, today, hot), total, page: q.page, pageSize: q.pageSize,
    markedEnterprises: [...hot].map(([id, e]) => ({ id, name: e.name, cases: e.cases })).sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name, 'vi')),
  };
}

export interface TenantInput extends PersonInput {
  roomId: number;
  validFrom: string;
  validTo?: string | null | undefined;
  workplaceEnterpriseId?: number | null | undefined;
  workplaceText?: string | null | undefined;
}

/** A form's tenant as a draft: the person through the register's rules; the commune defaults to the house's. */
async function draftOf(db: Db, house: repo.HouseRow, input: TenantInput, today: string): Promise<TenancyDraft> {
  const issues: FieldIssue[] = [];
  const person = { ...input, communeCode: input.communeCode || house.commune_code, addressDetail: input.addressDetail || house.address_detail };
  const v = (await personValidator(db, [person], today))(person);
  if (!v.ok) issues.push(...v.issues);
  const validTo = input.validTo ?? null;
  issues.push(...tenancyDateIssues(input.validFrom, validTo, today));
  if (input.workplaceEnterpriseId != null) {
    const found = await enterpriseRefs(db, house.province_code, { ids: [input.workplaceEnterpriseId] });
    if (found.length === 0) issues.push(issue('workplaceEnterpriseId', 'UNKNOWN', 'Không có doanh nghiệp này trong tỉnh', 'No such enterprise in the province'));
  }
  const area = v.ok ? (await communeAreas(db, [v.value.communeCode])).get(v.value.communeCode) : undefined;
  if (issues.length || !v.ok || !area) throw new ValidationError(issues);
  return {
    row: 0, person: v.value, area, roomId: input.roomId, validFrom: input.validFrom, validTo,
    workplaceEnterpriseId: input.workplaceEnterpriseId ?? null, workplaceText: input.workplaceEnterpriseId != null ? null : input.workplaceText?.trim() || null,
  };
}

/** The audit entries of worker rows that followed a tenant's move (`workersFollowRoomMoves`). */
export function workerMoveAudits(workers: Awaited<ReturnType<typeof workersFollowRoomMoves>>, houseId: number) {
  return workers.map((w) => ({
    action: 'update' as const, recordKind: 'worker', recordId: w.workerId,
    detail: { via: 'boarding_house_move', houseId, enterpriseId: w.enterpriseId, personId: w.personId, changed: ['room'], room: { from: w.fromRoomId, to: w.toRoomId }, changeDate: w.date },
  }));
}

function told(db: Db, provinceCode: string, put: repo.MembershipRow[]) {
  membershipsWritten(db, provinceCode, { groups: [], put, removed: [] });
}

export async function registerTenant(db: Db, actor: Actor, houseId: number, input: TenantInput, today = vnDate()) {
  const h = await loadHouse(db, actor, houseId, 'boarding_house:write', today);
  const draft = await draftOf(db, h, input, today);
  const result = await db.transaction().execute(async (trx) => {
    await repo.lockHouse(trx, houseId);
    const plan = await planTenancies(trx, h, [draft], today, { allowMove: false });
    if (plan.issues.length) throw new ValidationError(plan.issues);
    const r = await commitTenancies(trx, h, plan, today, { userId: actor.userId, source: 'form' });
    const res = r.results[0];
    if (res) {
      await recordAudit(trx, actor, { action: res.status === 'create' ? 'create' : 'update', recordKind: 'boarding_house_tenant', recordId: res.membershipId, detail: { houseId, personId: res.personId, roomId: draft.roomId, validFrom: draft.validFrom, validTo: draft.validTo, changed: res.changed } });
    }
    return { ...r, membershipId: res?.membershipId ?? plan.planned[0]!.membership!.id };
  });
  told(db, h.province_code, result.put);
  return tenantOf(db, actor, houseId, result.membershipId, today);
}

async function tenantOf(db: Db, actor: Actor, houseId: number, membershipId: number, today: string) {
  const m = await repo.findMembership(db, membershipId);
  const { items } = await repo.listTenants(db, { provinceCode: actor.provinceCode, area: null, houseId, status: 'all', personIds: m ? [m.person_id] : [] }, today, 50, 0);
  const row = items.find((i) => i.membership_id === membershipId);
  if (!row) throw Errors.notFound({ vi: `lần thuê ${membershipId}`, en: `tenancy ${membershipId}` });
  return (await present(db, actor, [row], today))[0]!;
}

async function loadTenancy(db: Db, actor: Actor, houseId: number, membershipId: number, today: string) {
  const h = await loadHouse(db, actor, houseId, 'boarding_house:write', today);
  const m = await repo.findMembership(db, membershipId);
  if (!m || m.house_id !== houseId) throw Errors.notFound({ vi: `lần thuê ${membershipId}`, en: `tenancy ${membershipId}` });
  return { h, m };
}

/** Moves a tenant to another room of the house from a date: the old interval ends the day before. */
export async function moveTenant(db: Db, actor: Actor, houseId: number, membershipId: number, input: { roomId: number; date: string }, today = vnDate()) {
  const { h } = await loadTenancy(db, actor, houseId, membershipId, today);
  const result = await db.transaction().execute(async (trx) => {
    await repo.lockHouse(trx, houseId);
    const cur = (await repo.findMembership(trx, membershipId))!;
    const issues: FieldIssue[] = [];
    if (cur.valid_to !== null) issues.push(issue('membershipId', 'ENDED', 'Lần thuê này đã kết thúc', 'This tenancy has ended'));
    if (input.date > today) issues.push(issue('date', 'FUTURE_DATE', 'Ngày chuyển: không được sau hôm nay', 'Move date: cannot be after today'));
    const rooms = await repo.roomsOf(trx, houseId, today);
    const room = rooms.find((r) => r.id === input.roomId);
    if (!room || !room.active) issues.push(issue('roomId', 'UNKNOWN_ROOM', 'Phòng không thuộc nhà trọ này hoặc đã ngừng sử dụng', 'The room is not this house\'s or is no longer in use'));
    else if (room.capacity !== null && room.id !== cur.group_id && room.occupants >= room.capacity && input.date <= today) issues.push(issue('roomId', 'ROOM_FULL', `Phòng ${room.label} đã đủ ${room.capacity} người`, `Room ${room.label} is full (${room.capacity} people)`));
    if (issues.length) throw new ValidationError(issues);
    const steps = moveSteps({ id: cur.id, roomId: cur.group_id, validFrom: cur.valid_from }, input.roomId, input.date);
    if (steps === null) throw new ValidationError([issue('date', 'BEFORE_CURRENT', `Ngày chuyển: trước ngày bắt đầu thuê phòng hiện tại (${cur.valid_from})`, `Move date: before the current room's tenancy began (${cur.valid_from})`)]);
    const put: repo.MembershipRow[] = [];
    let newId = cur.id;
    for (const s of steps) {
      if (s.kind === 'close') put.push(await repo.setMembershipEnd(trx, s.id, s.validTo));
      if (s.kind === 'regroup') put.push(await repo.regroupMembership(trx, s.id, s.roomId));
      if (s.kind === 'open') {
        const [n] = await repo.insertMemberships(trx, h.province_code, [{ group_id: s.roomId, person_id: cur.person_id, valid_from: s.validFrom, valid_to: s.validTo }]);
        put.push(n!);
        newId = n!.id;
      }
    }
    if (newId !== cur.id) {
      const d = (await repo.tenancyDetails(trx, [cur.id])).get(cur.id);
      await repo.upsertTenancyDetails(trx, [{ membership_id: newId, house_id: houseId, province_code: h.province_code, workplace_enterprise_id: d?.workplace_enterprise_id ?? null, workplace_text: d?.workplace_text ?? null, source: 'form', registered_by: actor.userId }]);
    }
    // A tenant who works at an enterprise: the worker row's current room follows (its history is the membership above).
    const workers = await workersFollowRoomMoves(trx, [{ personId: cur.person_id, fromRoomId: cur.group_id, toRoomId: input.roomId, date: input.date }]);
    await recordAudit(trx, actor, [
      { action: 'update', recordKind: 'boarding_house_tenant', recordId: newId, detail: { houseId, personId: cur.person_id, move: { from: cur.group_id, to: input.roomId, date: input.date }, previous: cur.id } },
      ...workerMoveAudits(workers, houseId),
    ]);
    return { put, newId };
  });
  told(db, h.province_code, result.put);
  return tenantOf(db, actor, houseId, result.newId, today);
}

/** Ends a tenancy on a date (the last night there). */
export async function endTenancy(db: Db, actor: Actor, houseId: number, membershipId: number, input: { validTo: string }, today = vnDate()) {
  const { h, m } = await loadTenancy(db, actor, houseId, membershipId, today);
  const issues = m.valid_to !== null ? [issue('membershipId', 'ENDED', 'Lần thuê này đã kết thúc', 'This tenancy has ended')] : tenancyDateIssues(m.valid_from, input.validTo, today);
  if (issues.length) throw new ValidationError(issues);
  const put = await db.transaction().execute(async (trx) => {
    const row = await repo.setMembershipEnd(trx, membershipId, input.validTo);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'boarding_house_tenant', recordId: membershipId, detail: { houseId, personId: m.person_id, validTo: input.validTo } });
    return [row];
  });
  told(db, h.province_code, put);
  return tenantOf(db, actor, houseId, membershipId, today);
}

export async function updateWorkplace(db: Db, actor: Actor, houseId: number, membershipId: number, input: { workplaceEnterpriseId?: number | null | undefined; workplaceText?: string | null | undefined }, today = vnDate()) {
  const { h, m } = await loadTenancy(db, actor, houseId, membershipId, today);
  if (input.workplaceEnterpriseId != null && (await enterpriseRefs(db, h.province_code, { ids: [input.workplaceEnterpriseId] })).length === 0) {
    throw new ValidationError([issue('workplaceEnterpriseId', 'UNKNOWN', 'Không có doanh nghiệp này trong tỉnh', 'No such enterprise in the province')]);
  }
  await db.transaction().execute(async (trx) => {
    await repo.upsertTenancyDetails(trx, [{
      membership_id: membershipId, house_id: houseId, province_code: h.province_code, workplace_enterprise_id: input.workplaceEnterpriseId ?? null,
      workplace_text: input.workplaceEnterpriseId != null ? null : input.workplaceText?.trim() || null, source: 'form', registered_by: actor.userId,
    }]);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'boarding_house_tenant', recordId: membershipId, detail: { houseId, personId: m.person_id, workplace: input } });
  });
  return tenantOf(db, actor, houseId, membershipId, today);
}

/** Enterprises to pick as a workplace (names and tax codes are public). */
export async function workplaceOptions(db: Db, actor: Actor, q: string) {
  assertPermission(actor, 'boarding_house:read');
  if (!q.trim()) return [];
  return (await enterpriseRefs(db, actor.provinceCode, { search: q })).map((e) => ({ id: e.id, name: e.name, taxCode: e.taxCode }));
}
