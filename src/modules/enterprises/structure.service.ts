/**
 * An enterprise's structure: workshops, shifts (start–end), bus routes (stops, plate, driver) and
 * dormitories with rooms. A workshop × shift and a bus route are contact groups (tracing reads
 * their members), a dormitory room is a room group. Items with workers are deactivated rather
 * than deleted, so the history the tracing reads stays intact. Every write is audited.
 */
import type { Db } from '../../db/database.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/policy.ts';
import { communeAreas, normalisePhone } from '../people/people.service.ts';
import { membershipsWritten } from '../tracing/tracing.service.ts';
import { issue, nameKey, parseShiftTime } from './enterprises.domain.ts';
import * as repo from './enterprises.repository.ts';
import { loadEnterprise } from './enterprises.service.ts';
import * as workersRepo from './workers.repository.ts';

export async function getStructure(db: Db, actor: Actor, enterpriseId: number) {
  await loadEnterprise(db, actor, enterpriseId, 'read');
  const [workshops, shifts, routes, dormitories] = await Promise.all([
    repo.workshopsOf(db, enterpriseId), repo.shiftsOf(db, enterpriseId), repo.busRoutesOf(db, enterpriseId), repo.dormitoriesOf(db, enterpriseId),
  ]);
  return {
    workshops: workshops.map((w) => ({ id: w.id, name: w.name, active: w.active })),
    shifts: shifts.map((s) => ({ id: s.id, name: s.name, startTime: s.start_time, endTime: s.end_time, active: s.active })),
    busRoutes: routes.map((r) => ({ id: r.group_id, name: r.name, vehiclePlate: r.vehicle_plate, driverName: r.driver_name, driverPhone: r.driver_phone, stops: r.stops, active: r.active })),
    dormitories: dormitories.map((d) => ({ id: d.id, name: d.name, communeCode: d.commune_code, communeName: d.commune_name, addressDetail: d.address_detail, rooms: d.rooms })),
  };
}

const clean = (v: string | null | undefined) => (v ?? '').replace(/\s+/g, ' ').trim();

function requireName(name: string, field = 'name'): string {
  const n = clean(name);
  if (!n) throw new ValidationError([issue(field, 'REQUIRED', 'Tên: bắt buộc', 'Name: is required')]);
  if (n.length > 120) throw new ValidationError([issue(field, 'TOO_LONG', 'Tên: tối đa 120 ký tự', 'Name: at most 120 characters')]);
  return n;
}

function duplicateName(name: string) {
  return Errors.duplicate('name', { vi: `tên "${name}"`, en: `the name "${name}"` });
}

async function uniqueName(list: Array<{ id: number; name_key: string }>, name: string, selfId: number | null) {
  if (list.some((x) => x.name_key === nameKey(name) && x.id !== selfId)) throw duplicateName(name);
}

// ---- workshops

export async function saveWorkshop(db: Db, actor: Actor, enterpriseId: number, input: { name: string; active?: boolean | undefined }, id: number | null = null) {
  await loadEnterprise(db, actor, enterpriseId, 'write');
  const name = requireName(input.name);
  const existing = await repo.workshopsOf(db, enterpriseId);
  if (id !== null && !existing.some((w) => w.id === id)) throw Errors.notFound({ vi: `phân xưởng ${id}`, en: `workshop ${id}` });
  await uniqueName(existing, name, id);
  return db.transaction().execute(async (trx) => {
    const values = { name, name_key: nameKey(name), active: input.active ?? true };
    const row = id === null
      ? await trx.insertInto('enterprise_workshop').values({ enterprise_id: enterpriseId, ...values }).returning(['id', 'name', 'active']).executeTakeFirstOrThrow()
      : await trx.updateTable('enterprise_workshop').set(values).where('id', '=', id).returning(['id', 'name', 'active']).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: id === null ? 'create' : 'update', recordKind: 'enterprise_workshop', recordId: row.id, detail: { enterpriseId, after: values } });
    return row;
  });
}

// ---- shifts

export async function saveShift(db: Db, actor: Actor, enterpriseId: number, input: { name: string; startTime: string; endTime: string; active?: boolean | undefined }, id: number | null = null) {
  await loadEnterprise(db, actor, enterpriseId, 'write');
  const name = requireName(input.name);
  const issues: FieldIssue[] = [];
  const start = parseShiftTime(input.startTime);
  const end = parseShiftTime(input.endTime);
  if (!start) issues.push(issue('startTime', 'INVALID_TIME', `Giờ bắt đầu: "${input.startTime}" không hợp lệ (HH:MM)`, `Start time: "${input.startTime}" is not a time (HH:MM)`));
  if (!end) issues.push(issue('endTime', 'INVALID_TIME', `Giờ kết thúc: "${input.endTime}" không hợp lệ (HH:MM)`, `End time: "${input.endTime}" is not a time (HH:MM)`));
  if (start && end && start === end) issues.push(issue('endTime', 'SAME_TIME', 'Giờ kết thúc phải khác giờ bắt đầu', 'The end time must differ from the start time'));
  if (issues.length) throw new ValidationError(issues);
  const existing = await repo.shiftsOf(db, enterpriseId);
  if (id !== null && !existing.some((s) => s.id === id)) throw Errors.notFound({ vi: `ca ${id}`, en: `shift ${id}` });
  await uniqueName(existing, name, id);
  return db.transaction().execute(async (trx) => {
    const values = { name, name_key: nameKey(name), start_time: start!, end_time: end!, active: input.active ?? true };
    const row = id === null
      ? await trx.insertInto('enterprise_shift').values({ enterprise_id: enterpriseId, ...values }).returning(['id', 'name', 'start_time', 'end_time', 'active']).executeTakeFirstOrThrow()
      : await trx.updateTable('enterprise_shift').set(values).where('id', '=', id).returning(['id', 'name', 'start_time', 'end_time', 'active']).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: id === null ? 'create' : 'update', recordKind: 'enterprise_shift', recordId: row.id, detail: { enterpriseId, after: values } });
    return { id: row.id, name: row.name, startTime: row.start_time, endTime: row.end_time, active: row.active };
  });
}

/** Deletes a workshop or shift nobody ever worked in; one with workers or history is deactivated. */
export async function removeStructureItem(db: Db, actor: Actor, enterpriseId: number, kind: 'workshop' | 'shift', id: number) {
  await loadEnterprise(db, actor, enterpriseId, 'write');
  const item = await repo.findStructureItem(db, kind, id);
  if (!item || item.enterprise_id !== enterpriseId) throw Errors.notFound({ vi: `${kind === 'workshop' ? 'phân xưởng' : 'ca'} ${id}`, en: `${kind} ${id}` });
  const current = await repo.assignedWorkers(db, kind === 'workshop' ? 'workshop_id' : 'shift_id', id);
  if (current > 0) {
    throw new ValidationError([issue('id', 'IN_USE', `Còn ${current} công nhân đang thuộc mục này: chuyển họ trước`, `${current} workers are still assigned to it: move them first`)]);
  }
  const groups = (await repo.workshopShiftGroupsOf(db, enterpriseId)).filter((g) => (kind === 'workshop' ? g.workshop_id : g.shift_id) === id);
  const history = await repo.membershipCount(db, groups.map((g) => g.group_id));
  const table = kind === 'workshop' ? 'enterprise_workshop' : 'enterprise_shift';
  await db.transaction().execute(async (trx) => {
    if (history > 0) await trx.updateTable(table).set({ active: false }).where('id', '=', id).execute();
    else {
      if (groups.length) {
        const ids = groups.map((g) => g.group_id);
        await trx.deleteFrom('workshop_shift_group').where('group_id', 'in', ids).execute();
        await trx.deleteFrom('contact_group').where('id', 'in', ids).execute();
      }
      await trx.deleteFrom(table).where('id', '=', id).execute();
    }
    await recordAudit(trx, actor, { action: history > 0 ? 'update' : 'delete', recordKind: `enterprise_${kind}`, recordId: id, detail: { enterpriseId, name: item.name, deactivated: history > 0 } });
  });
  return { deleted: history === 0, deactivated: history > 0 };
}

// ---- bus routes

export interface BusRouteInput {
  name: string;
  vehiclePlate?: string | null | undefined;
  driverName?: string | null | undefined;
  driverPhone?: string | null | undefined;
  stops?: string[] | undefined;
  active?: boolean | undefined;
}

const PLATE = /^\d{2}[A-Z]{1,2}\d?-?\d{3}\.?\d{2}$|^\d{2}[A-Z]{1,2}\d?-?\d{4}$/;

export async function saveBusRoute(db: Db, actor: Actor, enterpriseId: number, input: BusRouteInput, id: number | null = null) {
  const e = await loadEnterprise(db, actor, enterpriseId, 'write');
  const name = requireName(input.name);
  const issues: FieldIssue[] = [];
  const plate = clean(input.vehiclePlate).toUpperCase().replace(/\s/g, '') || null;
  if (plate && !PLATE.test(plate)) issues.push(issue('vehiclePlate', 'INVALID_FORMAT', `Biển số: "${input.vehiclePlate}" không hợp lệ (ví dụ 98B-123.45)`, `Vehicle plate: "${input.vehiclePlate}" is not valid (e.g. 98B-123.45)`));
  let driverPhone: string | null = null;
  if (clean(input.driverPhone)) {
    driverPhone = normalisePhone(input.driverPhone!);
    if (!driverPhone) issues.push(issue('driverPhone', 'INVALID_FORMAT', `Số điện thoại lái xe: "${input.driverPhone}" không hợp lệ`, `Driver phone: "${input.driverPhone}" is not a Vietnamese phone number`));
  }
  const stops = (input.stops ?? []).map(clean).filter(Boolean);
  if (stops.length > 50) issues.push(issue('stops', 'TOO_MANY', 'Điểm dừng: tối đa 50', 'Stops: at most 50'));
  if (issues.length) throw new ValidationError(issues);
  const existing = await repo.busRoutesOf(db, enterpriseId);
  if (id !== null && !existing.some((r) => r.group_id === id)) throw Errors.notFound({ vi: `tuyến xe ${id}`, en: `bus route ${id}` });
  await uniqueName(existing.map((r) => ({ id: r.group_id, name_key: r.name_key })), name, id);
  const values = { name, name_key: nameKey(name), vehicle_plate: plate, driver_name: clean(input.driverName) || null, driver_phone: driverPhone, stops: JSON.stringify(stops), active: input.active ?? true };
  const label = `Xe đưa đón ${plate ?? ''} – ${name}`.replace(/\s+/g, ' ');
  const created = await db.transaction().execute(async (trx) => {
    let groupId = id;
    if (groupId === null) {
      groupId = (await workersRepo.insertGroup(trx, {
        kind: 'bus_route', org_unit_id: enterpriseId, label, province_code: e.province_code, district_code: e.district_code, commune_code: e.commune_code,
        attrs: { plate, driver: values.driver_name, stops },
      })).id;
      await trx.insertInto('enterprise_bus_route').values({ group_id: groupId, enterprise_id: enterpriseId, ...values }).execute();
    } else {
      await trx.updateTable('enterprise_bus_route').set(values).where('group_id', '=', groupId).execute();
      await trx.updateTable('contact_group').set({ label, attrs: JSON.stringify({ plate, driver: values.driver_name, stops }) }).where('id', '=', groupId).execute();
    }
    await recordAudit(trx, actor, { action: id === null ? 'create' : 'update', recordKind: 'enterprise_bus_route', recordId: groupId, detail: { enterpriseId, after: { ...values, stops } } });
    return groupId;
  });
  if (id === null) membershipsWritten(db, actor.provinceCode, { groups: [{ id: created, kind: 'bus_route' }], put: [], removed: [] });
  return { id: created, name, vehiclePlate: plate, driverName: values.driver_name, driverPhone, stops, active: values.active };
}

// ---- dormitories and their rooms

export async function saveDormitory(
  db: Db,
  actor: Actor,
  enterpriseId: number,
  input: { name: string; communeCode: string; addressDetail?: string | null | undefined; rooms: Array<{ label: string; capacity?: number | null | undefined }> },
  id: number | null = null,
) {
  await loadEnterprise(db, actor, enterpriseId, 'write');
  const name = requireName(input.name);
  const area = (await communeAreas(db, [input.communeCode])).get(input.communeCode);
  if (!area || area.province_code !== actor.provinceCode) {
    throw new ValidationError([issue('communeCode', 'UNKNOWN_COMMUNE', `Không có xã/phường mã "${input.communeCode}" trong tỉnh`, `No commune of the province has code "${input.communeCode}"`)]);
  }
  const labels = input.rooms.map((r) => clean(r.label));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  labels.forEach((l, i) => {
    if (!l) issues.push(issue(`rooms.${i}.label`, 'REQUIRED', 'Tên phòng: bắt buộc', 'Room: is required'));
    else if (seen.has(nameKey(l))) issues.push(issue(`rooms.${i}.label`, 'DUPLICATE', `Phòng "${l}" bị lặp`, `Room "${l}" is listed twice`));
    seen.add(nameKey(l));
  });
  if (issues.length) throw new ValidationError(issues);
  if (id !== null) {
    const d = await repo.findDormitory(db, id);
    if (!d || d.parent_id !== enterpriseId) throw Errors.notFound({ vi: `ký túc xá ${id}`, en: `dormitory ${id}` });
  }
  const address = clean(input.addressDetail) || null;
  const { dormId, newRooms } = await db.transaction().execute(async (trx) => {
    let dormId = id;
    if (dormId === null) {
      dormId = (await trx.insertInto('org_unit').values({ kind: 'dormitory', name, parent_id: enterpriseId, ...area, address_detail: address }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      await trx.updateTable('org_unit').set({ name, ...area, address_detail: address }).where('id', '=', dormId).execute();
    }
    // Rooms are added or renamed in place by label; a room is never dropped (its tenants' history stays).
    const existing = await trx.selectFrom('contact_group').select(['id', 'label']).where('org_unit_id', '=', dormId).where('kind', '=', 'room').execute();
    const byKey = new Map(existing.map((r) => [nameKey(r.label), r.id]));
    const newRooms: number[] = [];
    for (const [i, room] of input.rooms.entries()) {
      const attrs = JSON.stringify({ capacity: room.capacity ?? null });
      const current = byKey.get(nameKey(labels[i]!));
      if (current !== undefined) await trx.updateTable('contact_group').set({ label: labels[i]!, attrs, ...area, address_detail: address }).where('id', '=', current).execute();
      else {
        newRooms.push((await trx.insertInto('contact_group').values({ kind: 'room', org_unit_id: dormId, label: labels[i]!, ...area, address_detail: address, attrs }).returning('id').executeTakeFirstOrThrow()).id);
      }
    }
    await recordAudit(trx, actor, { action: id === null ? 'create' : 'update', recordKind: 'dormitory', recordId: dormId, detail: { enterpriseId, after: { name, communeCode: input.communeCode, address, rooms: input.rooms } } });
    return { dormId, newRooms };
  });
  membershipsWritten(db, actor.provinceCode, { groups: newRooms.map((g) => ({ id: g, kind: 'room' as const })), put: [], removed: [] });
  return (await getStructure(db, actor, enterpriseId)).dormitories.find((d) => d.id === dormId)!;
}
