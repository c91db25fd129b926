/**
 * Boarding-house use cases: the list in the actor's reach (an owner: its own house), one house
 * with its rooms and occupancy, create and edit (owner, address, rooms; a room is deactivated
 * only when empty), the province's "smart boarding house" checklist and the assessments of a
 * house, and the map's points. Every write is audited.
 */
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  type Actor, areaInScope, areaScopeFilter, assertBoardingHouseAccess, assertPermission, boardingHouseOf, maskedFieldsFor,
} from '../auth/policy.ts';
import { communeAreas, normalisePhone, personNameOf } from '../people/people.service.ts';
import { membershipsWritten } from '../tracing/tracing.service.ts';
import {
  assessmentOutcome, BUILT_IN_CHECKLIST, type ChecklistItem, defaultHouseName, issue, roomKey, smartStatusOf, validateChecklist,
} from './boarding-houses.domain.ts';
import * as repo from './boarding-houses.repository.ts';

export function presentHouse(r: repo.HouseRow, actor: Actor) {
  const masked = new Set(maskedFieldsFor(actor));
  const phone = typeof r.attrs.ownerPhone === 'string' ? r.attrs.ownerPhone : null;
  return {
    id: r.id,
    name: r.name,
    ownerName: typeof r.attrs.owner === 'string' ? r.attrs.owner : null,
    ownerPhone: phone && masked.has('phone') ? `${phone.slice(0, 3)}****${phone.slice(-3)}` : phone,
    ownerPersonId: typeof r.attrs.ownerPersonId === 'number' ? r.attrs.ownerPersonId : null,
    districtCode: r.district_code, districtName: r.district_name, communeCode: r.commune_code, communeName: r.commune_name,
    addressDetail: r.address_detail,
    rooms: r.rooms, capacity: r.capacity, tenants: r.tenants,
    smartStatus: smartStatusOf(r.meets === null ? null : { meets: r.meets }),
    selfAssessed: r.self_assessed === true,
    assessedOn: r.assessed_on,
    lon: r.lon, lat: r.lat,
  };
}
export type HouseView = ReturnType<typeof presentHouse>;

/** The houses filter of an actor: its area, or its one house. */
export function houseScope(actor: Actor): Pick<repo.HouseFilter, 'provinceCode' | 'area' | 'houseId'> {
  const own = boardingHouseOf(actor);
  if (own !== null) return { provinceCode: actor.provinceCode, area: null, houseId: own };
  if (actor.scopeKind === 'org') return { provinceCode: actor.provinceCode, area: null, houseId: -1 };
  return { provinceCode: actor.provinceCode, area: areaScopeFilter(actor) };
}

export interface HouseQuery {
  page: number; pageSize: number; q?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined;
  status?: 'meets' | 'not_meets' | 'unassessed' | undefined; sort?: string | undefined;
}

export async function listHouses(db: Db, actor: Actor, q: HouseQuery, today = vnDate()) {
  assertPermission(actor, 'boarding_house:read');
  const sort = (q.sort ?? 'name').replace(/^-/, '') as repo.HouseSort;
  const { items, total } = await repo.listHouses(db, { ...houseScope(actor), q: q.q, districtCode: q.districtCode, communeCode: q.communeCode, status: q.status },
    today, q.pageSize, (q.page - 1) * q.pageSize, ['name', 'tenants', 'commune'].includes(sort) ? sort : 'name', (q.sort ?? '').startsWith('-'));
  return { items: items.map((r) => presentHouse(r, actor)), total, page: q.page, pageSize: q.pageSize };
}

/** A house in the actor's reach for the permission (404 when there is none, 403 outside the reach). */
export async function loadHouse(db: Db, actor: Actor, id: number, permission: 'boarding_house:read' | 'boarding_house:write' | 'boarding_house:assess', today = vnDate()) {
  assertPermission(actor, permission);
  const h = await repo.findHouse(db, id, today);
  if (!h) throw Errors.notFound({ vi: `nhà trọ ${id}`, en: `boarding house ${id}` });
  assertBoardingHouseAccess(actor, h, permission);
  return h;
}

export async function currentChecklist(db: Db, provinceCode: string): Promise<{ id: number | null; items: ChecklistItem[]; source: 'built_in' | 'configured'; createdAt: string | null; note: string | null }> {
  const c = await repo.latestChecklist(db, provinceCode);
  if (!c) return { id: null, items: [...BUILT_IN_CHECKLIST], source: 'built_in', createdAt: null, note: null };
  return { id: c.id, items: c.items, source: 'configured', createdAt: c.created_at.toISOString(), note: c.note };
}

function presentAssessment(a: Awaited<ReturnType<typeof repo.assessmentsOf>>[number]) {
  return {
    id: a.id, assessedOn: a.assessed_on, items: a.items, meets: a.meets, selfAssessed: a.self_assessed, note: a.note,
    assessorName: a.assessor_name, checklistId: a.checklist_id, createdAt: a.created_at.toISOString(),
  };
}

export async function getHouse(db: Db, actor: Actor, id: number, today = vnDate()) {
  const h = await loadHouse(db, actor, id, 'boarding_house:read', today);
  const [rooms, assessments] = await Promise.all([repo.roomsOf(db, id, today), repo.assessmentsOf(db, id)]);
  return {
    ...presentHouse(h, actor),
    roomList: rooms.map((r) => ({ id: r.id, label: r.label, capacity: r.capacity, active: r.active, occupants: r.occupants })),
    latestAssessment: assessments[0] ? presentAssessment(assessments[0]) : null,
  };
}

export interface HouseInput {
  name?: string | null | undefined;
  ownerName: string;
  ownerPhone?: string | null | undefined;
  ownerPersonId?: number | null | undefined;
  communeCode: string;
  addressDetail?: string | null | undefined;
  rooms: Array<{ id?: number | undefined; label: string; capacity?: number | null | undefined; active?: boolean | undefined }>;
}

async function validateHouse(db: Db, actor: Actor, input: HouseInput, rooms: repo.RoomRow[]) {
  const issues: FieldIssue[] = [];
  const ownerName = input.ownerName.replace(/\s+/g, ' ').trim();
  if (!ownerName) issues.push(issue('ownerName', 'REQUIRED', 'Chủ trọ: bắt buộc', 'Owner: is required'));
  let ownerPhone: string | null = null;
  if (input.ownerPhone?.trim()) {
    ownerPhone = normalisePhone(input.ownerPhone);
    if (!ownerPhone) issues.push(issue('ownerPhone', 'INVALID_FORMAT', 'Số điện thoại chủ trọ không hợp lệ (10 số)', 'The owner\'s phone is not valid (10 digits)'));
  }
  if (input.ownerPersonId != null) {
    const p = await personNameOf(db, input.ownerPersonId);
    if (!p || p.provinceCode !== actor.provinceCode) issues.push(issue('ownerPersonId', 'UNKNOWN', 'Không có người này trong sổ đăng ký', 'No such person in the register'));
  }
  const area = (await communeAreas(db, [input.communeCode])).get(input.communeCode);
  if (!area || area.province_code !== actor.provinceCode) issues.push(issue('communeCode', 'UNKNOWN', 'Xã/phường không thuộc tỉnh', 'The commune is not in the province'));
  else if (boardingHouseOf(actor) === null && !areaInScope(actor, area)) issues.push(issue('communeCode', 'OUT_OF_SCOPE', 'Xã/phường ngoài địa bàn của bạn', 'The commune is outside your area'));
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const labels = new Map<string, number>();
  for (const r of rooms) labels.set(roomKey(r.label), r.id);
  const seen = new Set<string>();
  input.rooms.forEach((r, i) => {
    const label = r.label.replace(/\s+/g, ' ').trim();
    const key = roomKey(label);
    const f = (x: string) => `rooms.${i}.${x}`;
    if (!label) issues.push(issue(f('label'), 'REQUIRED', `Phòng ${i + 1}: tên bắt buộc`, `Room ${i + 1}: the label is required`));
    else if (seen.has(key) || (labels.has(key) && labels.get(key) !== r.id)) issues.push(issue(f('label'), 'DUPLICATE', `Phòng "${label}" trùng tên`, `Room "${label}" repeats`));
    seen.add(key);
    if (r.id !== undefined) {
      const old = byId.get(r.id);
      if (!old) issues.push(issue(f('id'), 'UNKNOWN_ROOM', `Phòng ${r.id} không thuộc nhà trọ`, `Room ${r.id} is not the house's`));
      else {
        if (r.active === false && old.occupants > 0) issues.push(issue(f('active'), 'NOT_EMPTY', `Phòng ${old.label} còn ${old.occupants} người thuê: chưa ngừng sử dụng được`, `Room ${old.label} still has ${old.occupants} tenant(s): it cannot be deactivated`));
        if (r.capacity != null && r.capacity < old.occupants) issues.push(issue(f('capacity'), 'BELOW_OCCUPANTS', `Phòng ${old.label}: sức chứa nhỏ hơn số người đang ở (${old.occupants})`, `Room ${old.label}: capacity below the current tenants (${old.occupants})`));
      }
    }
  });
  if (issues.length || !area) throw new ValidationError(issues);
  return { ownerName, ownerPhone, area };
}

export async function createHouse(db: Db, actor: Actor, input: HouseInput, today = vnDate()) {
  assertPermission(actor, 'boarding_house:write');
  if (boardingHouseOf(actor) !== null) throw Errors.forbidden();
  const v = await validateHouse(db, actor, input, []);
  const point = await repo.communePoint(db, v.area.commune_code);
  const newRooms: number[] = [];
  const id = await db.transaction().execute(async (trx) => {
    const name = input.name?.trim() || defaultHouseName(v.ownerName);
    const address = input.addressDetail?.trim() || null;
    const houseId = await repo.insertHouse(trx, {
      name, ...v.area, address_detail: address, lon: point?.lon ?? null, lat: point?.lat ?? null,
      attrs: { owner: v.ownerName, ownerPhone: v.ownerPhone, ownerPersonId: input.ownerPersonId ?? null, rooms: input.rooms.filter((r) => r.active !== false).length },
    });
    for (const r of input.rooms) {
      newRooms.push(await repo.insertRoom(trx, { houseId, label: r.label.replace(/\s+/g, ' ').trim(), capacity: r.capacity ?? null, ...v.area, address_detail: address, lon: point?.lon ?? null, lat: point?.lat ?? null }));
    }
    await recordAudit(trx, actor, { action: 'create', recordKind: 'boarding_house', recordId: houseId, detail: { after: { ...input, name } } });
    return houseId;
  });
  roomsCreated(db, actor.provinceCode, newRooms);
  return getHouse(db, actor, id, today);
}

export async function updateHouse(db: Db, actor: Actor, id: number, input: HouseInput, today = vnDate()) {
  const h = await loadHouse(db, actor, id, 'boarding_house:write', today);
  const newRooms: number[] = [];
  await db.transaction().execute(async (trx) => {
    await repo.lockHouse(trx, id);
    const rooms = await repo.roomsOf(trx, id, today);
    // An owner keeps the house where the commune registered it; moving it is the commune's call.
    if (boardingHouseOf(actor) !== null && input.communeCode !== h.commune_code) {
      throw new ValidationError([issue('communeCode', 'OUT_OF_SCOPE', 'Chủ trọ không đổi được xã/phường của nhà trọ', 'An owner cannot change the house\'s commune')]);
    }
    const v = await validateHouse(trx, actor, input, rooms);
    const address = input.addressDetail?.trim() || null;
    const name = input.name?.trim() || h.name;
    await repo.updateHouse(trx, id, {
      name, district_code: v.area.district_code, commune_code: v.area.commune_code, address_detail: address,
      attrs: { ...h.attrs, owner: v.ownerName, ownerPhone: v.ownerPhone, ownerPersonId: input.ownerPersonId ?? null },
    });
    if (v.area.commune_code !== h.commune_code || address !== h.address_detail) await repo.moveRooms(trx, id, { district_code: v.area.district_code, commune_code: v.area.commune_code, address_detail: address });
    const byId = new Map(rooms.map((r) => [r.id, r]));
    for (const r of input.rooms) {
      const label = r.label.replace(/\s+/g, ' ').trim();
      if (r.id === undefined) {
        newRooms.push(await repo.insertRoom(trx, { houseId: id, label, capacity: r.capacity ?? null, ...v.area, address_detail: address, lon: h.lon, lat: h.lat }));
      } else {
        const old = byId.get(r.id)!;
        const next = { label, capacity: r.capacity ?? null, active: r.active ?? old.active };
        if (next.label !== old.label || next.capacity !== old.capacity || next.active !== old.active) await repo.updateRoom(trx, r.id, next);
      }
    }
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'boarding_house', recordId: id,
      detail: { before: { name: h.name, attrs: h.attrs, communeCode: h.commune_code, addressDetail: h.address_detail, rooms }, after: input },
    });
  });
  roomsCreated(db, actor.provinceCode, newRooms);
  return getHouse(db, actor, id, today);
}

/** New rooms are contact groups: the tracing index learns their kind before any tenancy lands in them. */
function roomsCreated(db: Db, provinceCode: string, rooms: number[]) {
  membershipsWritten(db, provinceCode, { groups: rooms.map((id) => ({ id, kind: 'room' as const })), put: [], removed: [] });
}

// ---- the "smart boarding house" checklist and assessments

export async function getChecklist(db: Db, actor: Actor) {
  assertPermission(actor, 'boarding_house:read');
  return currentChecklist(db, actor.provinceCode);
}

/** A province's own checklist: a new version, in force from now on (earlier assessments keep the items they were made with). */
export async function setChecklist(db: Db, actor: Actor, input: { items: Array<{ code: string; label: { vi: string; en?: string | undefined }; required: boolean }>; note?: string | null | undefined }) {
  assertPermission(actor, 'rule:manage');
  const v = validateChecklist(input.items);
  if (!v.ok) throw new ValidationError(v.issues);
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertChecklist(trx, { province_code: actor.provinceCode, items: v.items, note: input.note?.trim() || null, created_by: actor.userId });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'boarding_house_checklist', recordId: id, detail: { items: v.items, note: input.note ?? null } });
  });
  return currentChecklist(db, actor.provinceCode);
}

export async function listAssessments(db: Db, actor: Actor, houseId: number) {
  await loadHouse(db, actor, houseId, 'boarding_house:read');
  return (await repo.assessmentsOf(db, houseId)).map(presentAssessment);
}

/** An assessment of a house by the checklist in force; an owner's own is a self-assessment. */
export async function assessHouse(db: Db, actor: Actor, houseId: number, input: { assessedOn: string; ticked: string[]; note?: string | null | undefined }, today = vnDate()) {
  const h = await loadHouse(db, actor, houseId, 'boarding_house:assess', today);
  const checklist = await currentChecklist(db, actor.provinceCode);
  const outcome = assessmentOutcome(checklist.items, input.ticked);
  const issues: FieldIssue[] = [];
  if (input.assessedOn > today) issues.push(issue('assessedOn', 'FUTURE_DATE', 'Ngày đánh giá: không được sau hôm nay', 'Assessment date: cannot be after today'));
  if (outcome.unknown.length) issues.push(issue('ticked', 'UNKNOWN', `Tiêu chí không có trong danh mục: ${outcome.unknown.join(', ')}`, `Items not in the checklist: ${outcome.unknown.join(', ')}`));
  if (issues.length) throw new ValidationError(issues);
  const selfAssessed = boardingHouseOf(actor) !== null;
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertAssessment(trx, {
      house_id: houseId, province_code: h.province_code, district_code: h.district_code, commune_code: h.commune_code, assessed_on: input.assessedOn,
      checklist_id: checklist.id, items: outcome.items, meets: outcome.meets, self_assessed: selfAssessed, note: input.note?.trim() || null,
      assessor_id: actor.userId, assessor_name: actor.username,
    });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'boarding_house_assessment', recordId: id, detail: { houseId, meets: outcome.meets, ticked: input.ticked, selfAssessed } });
  });
  return getHouse(db, actor, houseId, today);
}

// ---- the map

/** Houses as GeoJSON points with their smart status and counts; no names of people. */
export async function housesMap(db: Db, actor: Actor, q: { districtCode?: string | undefined; communeCode?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'overview:read');
  // Org-scoped roles other than an owner see the province's points (no one is named).
  const scope = boardingHouseOf(actor) !== null || actor.scopeKind !== 'org' ? houseScope(actor) : { provinceCode: actor.provinceCode, area: null };
  const rows = await repo.housePoints(db, { ...scope, districtCode: q.districtCode, communeCode: q.communeCode }, today);
  const counts = { meets: 0, not_meets: 0, unassessed: 0 };
  const features = rows.map((r) => {
    const status = smartStatusOf(r.meets === null ? null : { meets: r.meets });
    counts[status]++;
    return {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [r.lon!, r.lat!] },
      properties: { id: r.id, status, selfAssessed: r.self_assessed === true, rooms: r.rooms, capacity: r.capacity, tenants: r.tenants, communeName: r.commune_name, assessedOn: r.assessed_on },
    };
  });
  return { type: 'FeatureCollection' as const, asOf: today, counts, features };
}
