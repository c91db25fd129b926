/**
 * Quarantine use cases: facilities with live occupancy and capacity alerts, rooms, quarantine
 * orders computed from the rule version in force (the F1's source F0 and edge from tracing,
 * editable only with a reason), and batch placement of F1s into rooms that never mixes risk
 * groups. Every read of people and every write is audited; writes keep the tracing index current.
 */
import type { Db } from '../../db/database.ts';
import type { Insertable } from 'kysely';
import type { EdgeKind, FacilityCategory, FacilityKind, FacilityStatus, QuarantineKind, QuarantineOrderTable, QuarantineSubject, RiskGroup } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertAreaInScope, assertPermission } from '../auth/policy.ts';
import { quarantineRuleVersions } from '../rules/rules.service.ts';
import { orderWritten, primarySourceOf } from '../tracing/tracing.service.ts';
import { type Candidate, type Placement, type RoomState, checkPlacements, suggestPlacement } from './placement.ts';
import { type QuarantinePlan, quarantinePlanFor, ruleVersionByCode, ruleVersionInForce } from './quarantine.rules.ts';
import * as repo from './quarantine.repository.ts';

const FACILITY_OF_KIND: Record<FacilityKind, string> = { quarantine: 'quarantine_facility', treatment: 'treatment_facility' };

export type AlertLevel = 'normal' | 'warning' | 'critical';

/** Occupancy alert: at or above the facility's warning / critical share of its capacity. */
export function alertLevel(used: number, capacity: number, warnPercent: number, criticalPercent: number): AlertLevel {
  if (capacity <= 0) return used > 0 ? 'critical' : 'normal';
  const pct = (used * 100) / capacity;
  return pct >= criticalPercent ? 'critical' : pct >= warnPercent ? 'warning' : 'normal';
}

function facilityInScope(actor: Actor, f: { id: number; province_code: string; district_code: string | null; commune_code: string | null }): boolean {
  if (actor.scopeKind === 'org') return actor.scopeOrgId === f.id;
  if (actor.scopeKind === 'province') return f.province_code === actor.provinceCode;
  return areaInScope(actor, { province_code: f.province_code, district_code: f.district_code ?? '', commune_code: f.commune_code ?? '' });
}

function present(f: Awaited<ReturnType<typeof repo.listFacilities>>[number]) {
  const used = f.kind === 'quarantine' ? f.quarantined : f.admitted;
  const capacity = f.kind === 'quarantine' ? f.capacity : f.beds_normal + f.beds_oxygen + f.beds_icu;
  return {
    id: f.id, name: f.name, kind: f.kind, category: f.category, level: f.level, tier: f.tier, status: f.status,
    districtCode: f.district_code, districtName: f.district_name, communeCode: f.commune_code, address: f.address_detail,
    capacity, used, free: Math.max(0, capacity - used), percent: capacity > 0 ? Math.round((used * 1000) / capacity) / 10 : null,
    alert: alertLevel(used, capacity, f.warn_percent, f.critical_percent), warnPercent: f.warn_percent, criticalPercent: f.critical_percent,
    beds: { normal: f.beds_normal, oxygen: f.beds_oxygen, icu: f.beds_icu }, rooms: f.rooms, staffName: f.staff_name, staffPhone: f.staff_phone,
  };
}

export async function listFacilities(db: Db, actor: Actor, f: { kind?: FacilityKind | undefined; districtCode?: string | undefined }) {
  assertPermission(actor, 'quarantine:read');
  const rows = await repo.listFacilities(db, { provinceCode: actor.provinceCode, ...f, ...(actor.scopeKind === 'org' ? { orgId: actor.scopeOrgId ?? -1 } : {}) });
  return rows.filter((r) => facilityInScope(actor, r)).map(present);
}

/** Occupancy per district and for the province (quarantine places and treatment beds). */
export async function occupancy(db: Db, actor: Actor) {
  const facilities = await listFacilities(db, actor, {});
  const sum = (list: typeof facilities) => {
    const capacity = list.reduce((s, x) => s + x.capacity, 0);
    const used = list.reduce((s, x) => s + x.used, 0);
    return { facilities: list.length, capacity, used, free: Math.max(0, capacity - used), percent: capacity ? Math.round((used * 1000) / capacity) / 10 : null };
  };
  const districts = new Map<string, { code: string; name: string; list: typeof facilities }>();
  for (const f of facilities) {
    const key = f.districtCode ?? '';
    const d = districts.get(key) ?? { code: key, name: f.districtName ?? '', list: [] };
    d.list.push(f);
    districts.set(key, d);
  }
  const byKind = (list: typeof facilities) => ({ quarantine: sum(list.filter((x) => x.kind === 'quarantine')), treatment: sum(list.filter((x) => x.kind === 'treatment')) });
  return {
    province: byKind(facilities),
    districts: [...districts.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((d) => ({ code: d.code, name: d.name, ...byKind(d.list) })),
    alerts: facilities.filter((f) => f.alert !== 'normal').map((f) => ({ id: f.id, name: f.name, alert: f.alert, percent: f.percent })),
  };
}

export interface FacilityInput {
  kind: FacilityKind; category: FacilityCategory; level?: 'province' | 'district' | 'commune' | null; tier?: number | null; status?: FacilityStatus;
  capacity?: number; beds?: { normal?: number; oxygen?: number; icu?: number }; staffName?: string | null; staffPhone?: string | null;
  warnPercent?: number; criticalPercent?: number;
}

export async function saveFacility(db: Db, actor: Actor, orgUnitId: number, input: FacilityInput) {
  assertPermission(actor, 'facility:manage');
  const unit = await repo.findOrgUnit(db, orgUnitId);
  if (!unit || unit.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `cơ sở ${orgUnitId}`, en: `facility ${orgUnitId}` });
  const issues: FieldIssue[] = [];
  if (unit.kind !== FACILITY_OF_KIND[input.kind]) {
    issues.push({ field: 'kind', code: 'KIND_MISMATCH', message: { vi: `Đơn vị "${unit.name}" không phải ${input.kind === 'quarantine' ? 'khu cách ly' : 'cơ sở điều trị'}`, en: `"${unit.name}" is not a ${input.kind} facility` } });
  }
  if (input.kind === 'treatment' && !input.tier) issues.push({ field: 'tier', code: 'REQUIRED', message: { vi: 'Cơ sở điều trị cần có tầng (1, 2 hoặc 3)', en: 'A treatment facility needs a tier (1, 2 or 3)' } });
  const warn = input.warnPercent ?? 80, critical = input.criticalPercent ?? 95;
  if (warn >= critical) issues.push({ field: 'warnPercent', code: 'ORDER', message: { vi: 'Ngưỡng cảnh báo phải thấp hơn ngưỡng nguy cấp', en: 'The warning threshold must be below the critical one' } });
  if (issues.length) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    await repo.upsertFacility(trx, {
      org_unit_id: orgUnitId, province_code: unit.province_code, kind: input.kind, category: input.category,
      level: input.kind === 'quarantine' ? (input.level ?? null) : null, tier: input.kind === 'treatment' ? (input.tier ?? null) : null,
      status: input.status ?? 'open', capacity: input.capacity ?? 0, beds_normal: input.beds?.normal ?? 0, beds_oxygen: input.beds?.oxygen ?? 0,
      beds_icu: input.beds?.icu ?? 0, staff_name: input.staffName ?? null, staff_phone: input.staffPhone ?? null, warn_percent: warn, critical_percent: critical,
    });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'facility', recordId: orgUnitId, detail: { after: input } });
  });
  return (await listFacilities(db, actor, {})).find((f) => f.id === orgUnitId) ?? null;
}

export async function addRooms(db: Db, actor: Actor, facilityId: number, rooms: Array<{ zone?: string | null; label: string; capacity: number }>) {
  assertPermission(actor, 'facility:manage');
  const [f] = await repo.listFacilities(db, { provinceCode: actor.provinceCode, orgId: facilityId });
  if (!f || f.kind !== 'quarantine') throw Errors.notFound({ vi: `khu cách ly ${facilityId}`, en: `quarantine facility ${facilityId}` });
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  rooms.forEach((r, i) => {
    const label = r.label.trim();
    if (!label) issues.push({ field: `rooms/${i}/label`, code: 'REQUIRED', message: { vi: 'Thiếu tên phòng', en: 'Room label missing' }, row: i + 1 });
    if (seen.has(label)) issues.push({ field: `rooms/${i}/label`, code: 'DUPLICATE', message: { vi: `Phòng "${label}" lặp lại`, en: `Room "${label}" is listed twice` }, row: i + 1 });
    seen.add(label);
  });
  for (const taken of await repo.roomLabelsTaken(db, facilityId, [...seen])) {
    issues.push({ field: 'rooms', code: 'DUPLICATE', message: { vi: `Phòng "${taken}" đã có`, en: `Room "${taken}" already exists` } });
  }
  if (issues.length) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    const created = await repo.insertRooms(trx, facilityId, rooms.map((r) => ({ zone: r.zone?.trim() || null, label: r.label.trim(), capacity: r.capacity })));
    await recordAudit(trx, actor, { action: 'create', recordKind: 'facility_room', recordId: facilityId, detail: { rooms: created.length } });
    return created;
  });
}

export async function facilityRooms(db: Db, actor: Actor, facilityId: number) {
  assertPermission(actor, 'quarantine:read');
  const [f] = await repo.listFacilities(db, { provinceCode: actor.provinceCode, orgId: facilityId });
  if (!f || !facilityInScope(actor, f)) throw Errors.notFound({ vi: `cơ sở ${facilityId}`, en: `facility ${facilityId}` });
  const rooms = await repo.roomsWithOccupants(db, [facilityId]);
  return {
    facility: present(f),
    rooms: rooms.map((r) => ({
      id: r.id, zone: r.zone, label: r.label, capacity: r.capacity, used: r.occupants.length, free: Math.max(0, r.capacity - r.occupants.length),
      riskGroups: [...new Set(r.occupants.map((o) => o.risk_group).filter((g): g is RiskGroup => g !== null))],
    })),
  };
}

export interface OrderInput {
  personId: number; kind: QuarantineKind; subject: QuarantineSubject; startDate: string; riskGroup?: RiskGroup | null;
  vaccinatedOrRecovered?: boolean; homeAddress?: string | null; ruleCode?: string | null; ruleReason?: string | null;
  source?: { personId: number; kind: EdgeKind; groupId: number | null; date: string } | null; sourceReason?: string | null;
}

const sameSource = (a: OrderInput['source'], b: OrderInput['source']) =>
  !!a && !!b && a.personId === b.personId && a.kind === b.kind && (a.groupId ?? null) === (b.groupId ?? null) && a.date === b.date;

type Source = NonNullable<OrderInput['source']>;

export interface PlannedOrder {
  input: OrderInput;
  row: Insertable<QuarantineOrderTable>;
  plan: QuarantinePlan | null;
  source: Source | null;
  tracedSource: Source | null;
  ruleOverridden: boolean;
}

/**
 * Checks an order against the register, the actor's scope, tracing and the rule versions, and
 * computes its dates; writes nothing. Returns the issues (none = the planned row).
 */
export async function planOrder(db: Db, actor: Actor, input: OrderInput, today: string): Promise<{ issues: FieldIssue[]; planned: PlannedOrder | null }> {
  const issues: FieldIssue[] = [];
  const person = await repo.personArea(db, input.personId);
  if (!person || person.province_code !== actor.provinceCode) {
    return { issues: [{ field: 'personId', code: 'UNKNOWN_PERSON', message: { vi: `Không có người mã ${input.personId} trong sổ đăng ký của tỉnh`, en: `No person ${input.personId} in the province's register` } }], planned: null };
  }
  if (actor.scopeKind !== 'org' && !areaInScope(actor, person)) {
    return { issues: [{ field: 'personId', code: 'OUT_OF_SCOPE', message: { vi: `Người mã ${input.personId} ngoài địa bàn của bạn`, en: `Person ${input.personId} is outside your area` } }], planned: null };
  }
  if (input.startDate > today) issues.push({ field: 'startDate', code: 'FUTURE', message: { vi: 'Ngày bắt đầu cách ly ở tương lai', en: 'The start date is in the future' } });
  if (input.kind === 'centralized' && !input.riskGroup) issues.push({ field: 'riskGroup', code: 'REQUIRED', message: { vi: 'Cách ly tập trung cần nhóm nguy cơ', en: 'Centralized quarantine needs a risk group' } });
  if (input.kind === 'home' && !input.homeAddress?.trim()) issues.push({ field: 'homeAddress', code: 'REQUIRED', message: { vi: 'Cách ly tại nhà cần địa chỉ', en: 'Home quarantine needs an address' } });
  if (await repo.activeOrderOf(db, input.personId)) issues.push({ field: 'personId', code: 'ACTIVE_ORDER', message: { vi: 'Người này đang có quyết định cách ly hiệu lực', en: 'This person already has an order in force' } });
  // The F1's source F0 and edge come from tracing; another source needs a reason.
  const traced = input.subject === 'f1' ? await primarySourceOf(db, actor.provinceCode, input.personId) : null;
  const tracedSource = traced ? { personId: traced.personId, kind: traced.kind, groupId: traced.groupId, date: traced.date } : null;
  const source: Source | null = input.source ?? tracedSource;
  if (input.subject === 'f1' && !source) issues.push({ field: 'source', code: 'REQUIRED', message: { vi: 'F1 cần ghi rõ F0 nguồn lây và mối liên hệ', en: 'An F1 needs its source F0 and link' } });
  if (source && source !== tracedSource) {
    const s = await repo.personArea(db, source.personId);
    if (!s || s.province_code !== actor.provinceCode) issues.push({ field: 'source/personId', code: 'UNKNOWN_PERSON', message: { vi: `Không có người nguồn mã ${source.personId} trong sổ đăng ký`, en: `No source person ${source.personId} in the register` } });
    if (source.personId === input.personId) issues.push({ field: 'source/personId', code: 'SELF', message: { vi: 'Nguồn lây không thể là chính người này', en: 'A person cannot be their own source' } });
    if (source.date > input.startDate) issues.push({ field: 'source/date', code: 'ORDER', message: { vi: 'Ngày tiếp xúc sau ngày bắt đầu cách ly', en: 'The exposure date is after the start date' } });
  }
  if (input.subject === 'f1' && tracedSource && source && !sameSource(source, tracedSource) && !input.sourceReason?.trim()) {
    issues.push({ field: 'sourceReason', code: 'REQUIRED', message: { vi: 'Nguồn lây khác kết quả truy vết: cần nêu lý do', en: 'A source other than the traced one needs a reason' } });
  }
  const versions = await quarantineRuleVersions(db, actor.provinceCode);
  const inForce = input.subject === 'case' ? null : ruleVersionInForce(input.startDate, versions);
  const rule = input.ruleCode ? ruleVersionByCode(input.ruleCode, versions) : inForce;
  if (input.ruleCode && !rule) issues.push({ field: 'ruleCode', code: 'UNKNOWN', message: { vi: `Không có phiên bản quy định "${input.ruleCode}"`, en: `No rule version "${input.ruleCode}"` } });
  const ruleOverridden = !!(rule && inForce && rule.code !== inForce.code);
  if (ruleOverridden && !input.ruleReason?.trim()) {
    issues.push({ field: 'ruleReason', code: 'REQUIRED', message: { vi: 'Áp dụng quy định khác quy định hiện hành: cần nêu lý do', en: 'Another rule than the one in force needs a reason' } });
  }
  if (input.subject !== 'case' && !rule && !input.ruleCode) issues.push({ field: 'startDate', code: 'NO_RULE', message: { vi: 'Không có quy định cách ly nào hiệu lực vào ngày này', en: 'No quarantine rule was in force on this date' } });
  if (issues.length) return { issues, planned: null };
  const plan = rule && input.subject !== 'case' ? quarantinePlanFor({ startDate: input.startDate, subject: input.subject, vaccinatedOrRecovered: input.vaccinatedOrRecovered ?? false }, rule) : null;
  const row: Insertable<QuarantineOrderTable> = {
    province_code: actor.provinceCode, person_id: input.personId, kind: input.kind, subject: input.subject, start_date: input.startDate, end_date: null,
    risk_group: input.riskGroup ?? null, vaccinated_or_recovered: input.vaccinatedOrRecovered ?? false, home_address: input.homeAddress?.trim() || null,
    rule_code: rule?.code ?? null, rule_overridden: ruleOverridden, last_day: plan?.lastDay ?? null,
    release_date: plan?.releaseDate ?? null, test_dates: plan?.testDates ?? null, home_monitoring_until: plan?.homeMonitoringUntil ?? null,
    source_person_id: source?.personId ?? null, source_kind: source?.kind ?? null, source_group_id: source?.groupId ?? null, source_date: source?.date ?? null,
    decided_by: actor.userId || null, created_by: actor.userId || null,
  };
  return { issues: [], planned: { input, row, plan, source, tracedSource, ruleOverridden } };
}

/** Writes planned orders with their 'created' events and audit entries (inside the caller's transaction). */
export async function insertPlannedOrders(trx: Db, actor: Actor, planned: PlannedOrder[], how: 'api' | 'import'): Promise<number[]> {
  const ids: number[] = [];
  for (const p of planned) {
    const id = await repo.insertOrder(trx, p.row);
    ids.push(id);
    await repo.insertOrderEvents(trx, [{
      order_id: id, kind: 'created', event_date: p.input.startDate, from_room_id: null, to_room_id: null, actor_id: actor.userId || null,
      reason: p.input.sourceReason?.trim() || p.input.ruleReason?.trim() || null,
      detail: JSON.stringify({ rule: p.row.rule_code, ruleOverridden: p.ruleOverridden, source: p.source, tracedSource: p.tracedSource, how }),
    }]);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'quarantine_order', recordId: id, detail: { personId: p.input.personId, kind: p.input.kind, rule: p.row.rule_code, how } });
  }
  return ids;
}

export function ordersWritten(db: Db, actor: Actor, planned: PlannedOrder[], ids: number[]) {
  planned.forEach((p, i) => orderWritten(db, actor.provinceCode, { id: ids[i]!, personId: p.input.personId, startDate: p.input.startDate, endDate: null }));
}

/** Creates an order with the rule in force (or the operator's, with a reason) and its computed dates. */
export async function createOrder(db: Db, actor: Actor, input: OrderInput, today = vnDate()) {
  assertPermission(actor, 'quarantine:write');
  const person = await repo.personArea(db, input.personId);
  if (!person || person.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `người ${input.personId}`, en: `person ${input.personId}` });
  if (actor.scopeKind !== 'org') assertAreaInScope(actor, person);
  const { issues, planned } = await planOrder(db, actor, input, today);
  if (!planned) throw new ValidationError(issues);
  const ids = await db.transaction().execute((trx) => insertPlannedOrders(trx, actor, [planned], 'api'));
  ordersWritten(db, actor, [planned], ids);
  return { id: ids[0]!, ruleCode: planned.row.rule_code ?? null, plan: planned.plan, source: planned.source, tracedSource: planned.tracedSource };
}

export async function listOrders(db: Db, actor: Actor, f: Omit<repo.OrderFilter, 'provinceCode'>) {
  assertPermission(actor, 'quarantine:read');
  const area = actor.scopeKind === 'org' ? null : areaScopeFilter(actor);
  const facilityId = actor.scopeKind === 'org' ? (actor.scopeOrgId ?? -1) : f.facilityId;
  const { total, items } = await repo.listOrders(db, { ...f, facilityId, provinceCode: actor.provinceCode }, area);
  await recordAudit(db, actor, { action: 'read', recordKind: 'quarantine_order', detail: { list: items.length, page: f.page } });
  return { total, page: f.page, pageSize: f.pageSize, items };
}

async function placementInputs(db: Db, actor: Actor, orderIds: number[], facilityIds: number[]) {
  const orders = await repo.ordersByIds(db, actor.provinceCode, orderIds);
  const missing = orderIds.filter((id) => !orders.some((o) => o.id === id));
  if (missing.length) throw Errors.notFound({ vi: `quyết định cách ly ${missing.join(', ')}`, en: `quarantine order ${missing.join(', ')}` });
  const issues: FieldIssue[] = [];
  for (const o of orders) {
    if (o.kind !== 'centralized' || o.status !== 'active') issues.push({ field: 'orderIds', code: 'NOT_PLACEABLE', message: { vi: `Quyết định ${o.id} không phải cách ly tập trung đang hiệu lực`, en: `Order ${o.id} is not an active centralized order` } });
    else if (!o.risk_group) issues.push({ field: 'orderIds', code: 'NO_RISK_GROUP', message: { vi: `Quyết định ${o.id} chưa có nhóm nguy cơ`, en: `Order ${o.id} has no risk group` } });
  }
  if (issues.length) throw new ValidationError(issues);
  const facilities = await repo.listFacilities(db, { provinceCode: actor.provinceCode, kind: 'quarantine' });
  const allowed = facilities.filter((f) => facilityInScope(actor, f) && (facilityIds.length === 0 || facilityIds.includes(f.id)));
  const rooms = await repo.roomsWithOccupants(db, allowed.map((f) => f.id));
  // People being (re)placed leave their current room for the check.
  const moving = new Set(orders.map((o) => o.person_id));
  const roomStates: RoomState[] = rooms.map((r) => ({
    roomId: r.id, facilityId: r.facility_id, zone: r.zone, capacity: r.capacity, label: r.label, facilityOpen: r.status === 'open',
    occupants: r.occupants.filter((o) => !moving.has(o.person_id)).map((o) => ({ personId: o.person_id, riskGroup: o.risk_group ?? 'high', householdId: o.household_id })),
  }));
  const byPerson = new Map(orders.map((o) => [o.person_id, o]));
  const candidates: Candidate[] = orders.map((o) => ({ personId: o.person_id, riskGroup: o.risk_group!, householdId: o.household_id }));
  return { orders, byPerson, candidates, roomStates };
}

/** Suggests rooms for a batch of orders; nothing is written. */
export async function suggestRooms(db: Db, actor: Actor, input: { orderIds: number[]; facilityIds?: number[]; keepHouseholdsTogether?: boolean }) {
  assertPermission(actor, 'quarantine:write');
  const { byPerson, candidates, roomStates } = await placementInputs(db, actor, input.orderIds, input.facilityIds ?? []);
  const s = suggestPlacement(candidates, roomStates, { keepHouseholdsTogether: input.keepHouseholdsTogether ?? true, preferFacilityIds: input.facilityIds ?? [] });
  const room = new Map(roomStates.map((r) => [r.roomId, r]));
  return {
    placements: s.placements.map((p) => ({ orderId: byPerson.get(p.personId)!.id, personId: p.personId, facilityId: p.facilityId, roomId: p.roomId, roomLabel: room.get(p.roomId)?.label ?? '' })),
    unplaced: s.unplaced.map((u) => ({ orderId: byPerson.get(u.personId)!.id, personId: u.personId, reason: u.reason, message: u.message })),
    splitHouseholds: s.splitHouseholds,
  };
}

/** Places orders in rooms as the operator confirmed; checked again under lock, all or nothing. */
export async function confirmPlacement(db: Db, actor: Actor, input: { placements: Array<{ orderId: number; roomId: number }> }, today = vnDate()) {
  assertPermission(actor, 'quarantine:write');
  const orderIds = input.placements.map((p) => p.orderId);
  const placed = await db.transaction().execute(async (trx) => {
    await repo.lockQuarantineFacilities(trx, actor.provinceCode);
    const { byPerson, candidates, roomStates, orders } = await placementInputs(trx, actor, orderIds, []);
    const byOrder = new Map(orders.map((o) => [o.id, o]));
    const room = new Map(roomStates.map((r) => [r.roomId, r]));
    const placements: Placement[] = input.placements.map((p) => ({ personId: byOrder.get(p.orderId)!.person_id, roomId: p.roomId, facilityId: room.get(p.roomId)?.facilityId ?? -1 }));
    const problems = checkPlacements(placements, candidates, roomStates);
    if (problems.length) {
      throw new AppError('PLACEMENT_REJECTED', 409, problems[0]!.message, 'placements', { issues: problems.map((x) => ({ code: x.code, roomId: x.roomId, personId: x.personId, message: x.message })) });
    }
    for (const p of placements) {
      const o = byPerson.get(p.personId)!;
      await repo.placeOrder(trx, o.id, p.facilityId, p.roomId);
    }
    await repo.insertOrderEvents(trx, placements.map((p) => {
      const o = byPerson.get(p.personId)!;
      return { order_id: o.id, kind: o.room_id ? 'transferred' as const : 'placed' as const, event_date: today, from_room_id: o.room_id, to_room_id: p.roomId, reason: null, detail: null, actor_id: actor.userId || null };
    }));
    await recordAudit(trx, actor, { action: 'update', recordKind: 'quarantine_placement', detail: { placements: placements.length, orderIds } });
    return placements.length;
  });
  return { placed };
}

// ---- published for the daily report (reports): quarantine of a province on a day, no personal data

/**
 * People in centralized and home quarantine at the end of `date`, begun and released that day,
 * released by then, and the quarantine facilities' places and use that day (capacity as
 * configured now: facilities keep no history of it).
 */
export async function quarantineFiguresOn(db: Db, provinceCode: string, date: string) {
  const [orders, facilities] = await Promise.all([repo.orderCountsOn(db, provinceCode, date), repo.quarantineFacilities(db, provinceCode)]);
  const sum = (kind: 'centralized' | 'home', k: 'in_force' | 'started' | 'released_on_day' | 'released_total') =>
    orders.filter((o) => o.kind === kind).reduce((s, o) => s + o[k], 0);
  const usedBy = new Map<number, number>();
  for (const o of orders) if (o.kind === 'centralized' && o.facility_id !== null) usedBy.set(o.facility_id, (usedBy.get(o.facility_id) ?? 0) + o.in_force);
  const list = facilities.map((f) => ({ id: f.id, name: f.name, districtName: f.district_name, capacity: f.capacity, used: usedBy.get(f.id) ?? 0 }));
  const capacity = list.reduce((s, f) => s + f.capacity, 0);
  const used = list.reduce((s, f) => s + f.used, 0);
  return {
    centralized: sum('centralized', 'in_force'),
    home: sum('home', 'in_force'),
    startedOnDay: { centralized: sum('centralized', 'started'), home: sum('home', 'started') },
    releasedOnDay: sum('centralized', 'released_on_day') + sum('home', 'released_on_day'),
    releasedTotal: sum('centralized', 'released_total') + sum('home', 'released_total'),
    facilities: { count: list.length, capacity, used, free: Math.max(0, capacity - used), percent: capacity > 0 ? Math.round((used * 1000) / capacity) / 10 : null, list },
  };
}

/**
 * Published for the personal status page (venues): since when an order of each kind is in force
 * today — F1 (and a case's isolation order) and F2 — or null.
 */
export async function quarantineStatusOf(db: Db, personId: number, today = vnDate()): Promise<{ f1Since: string | null; f2Since: string | null }> {
  const orders = await repo.ordersInForceOf(db, personId, today);
  const first = (subjects: Array<string | null>) => orders.find((o) => subjects.includes(o.subject))?.start_date ?? null;
  // An order without a subject predates subjects (issue 4's quarantine starts): those were F1s.
  return { f1Since: first(['f1', 'case', 'returning_citizen', null]), f2Since: first(['f2']) };
}

/**
 * Published for enterprises (who may work today): `quarantineStatusOf` for a list of people, with
 * the F1 order's risk group and kind (centralized, home). People without an order are absent.
 */
export async function quarantineStatusOfMany(db: Db, personIds: readonly number[], day = vnDate()) {
  const rows = await repo.ordersInForceOfMany(db, personIds, day);
  const out = new Map<number, { f1Since: string | null; f1RiskGroup: 'high' | 'medium' | 'low' | null; f1Kind: string | null; f2Since: string | null }>();
  for (const o of rows) {
    const s = out.get(o.person_id) ?? { f1Since: null, f1RiskGroup: null, f1Kind: null, f2Since: null };
    // Same reading as quarantineStatusOf: no subject = an F1 of issue 4; the earliest start wins.
    if (o.subject === 'f2') s.f2Since ??= o.start_date;
    else if (s.f1Since === null) Object.assign(s, { f1Since: o.start_date, f1RiskGroup: o.risk_group as 'high' | 'medium' | 'low' | null, f1Kind: o.kind });
    out.set(o.person_id, s);
  }
  return out;
}

/**
 * Published for NQ68 support: the F1 orders and cases' isolation orders of a commune's residents
 * overlapping a period, each with its last day — the day it ended, else the planned last day,
 * never after `asOf` (days not yet spent are not paid).
 */
export async function ordersForSupport(db: Db, provinceCode: string, f: { communeCode: string; from: string; to: string; asOf: string }) {
  const rows = await repo.ordersForSupport(db, provinceCode, f);
  return rows.map((o) => {
    const ended = o.end_date ?? o.released_on;
    const planned = o.last_day && o.last_day < f.asOf ? o.last_day : f.asOf;
    return {
      id: o.id, personId: o.person_id, subject: o.subject === 'case' || (o.subject === null && o.kind === 'medical_isolation') ? 'f0' as const : 'f1' as const, home: o.kind === 'home',
      from: o.start_date, to: ended ?? planned, sourcePersonId: o.source_person_id,
    };
  });
}
