/**
 * Checkpoints (chốt kiểm soát): `org_unit` rows of kind 'checkpoint' with their road, status,
 * staff and shifts. The province and districts manage those of their area (`checkpoint:manage`);
 * whoever logs or reads arrivals sees them; the situation map shows them as a layer.
 */
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, type AreaFilter, areaInScope, areaScopeFilter, assertPermission, hasPermission } from '../auth/policy.ts';
import { lookupUnit } from '../places/places.service.ts';
import * as repo from './arrivals.repository.ts';

export type CheckpointStatus = 'active' | 'suspended' | 'closed';
export const CHECKPOINT_STATUSES: readonly CheckpointStatus[] = ['active', 'suspended', 'closed'];

export interface CheckpointInput {
  name: string;
  districtCode: string;
  communeCode?: string | null | undefined;
  addressDetail?: string | null | undefined;
  road?: string | null | undefined;
  lat?: number | null | undefined;
  lon?: number | null | undefined;
  status?: CheckpointStatus | undefined;
  staff?: Array<{ name: string; phone?: string | null | undefined; unit?: string | null | undefined }> | undefined;
  shifts?: Array<{ name: string; start: string; end: string }> | undefined;
}

const label = (id: number) => ({ vi: `chốt kiểm soát ${id}`, en: `checkpoint ${id}` });
const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function presentCheckpoint(r: repo.CheckpointRow) {
  return {
    id: r.id, name: r.name, districtCode: r.district_code, districtName: r.district_name, communeCode: r.commune_code, communeName: r.commune_name,
    addressDetail: r.address_detail, road: r.road, lat: r.lat, lon: r.lon, status: r.status as CheckpointStatus,
    staff: r.staff.map((s) => ({ name: s.name, phone: s.phone ?? null, unit: s.unit ?? null })), shifts: r.shifts.map((s) => ({ ...s })),
  };
}

/** The area whose checkpoints an actor reads: its own; a commune's users their district's (arrivals to them pass there). */
export async function checkpointArea(db: Db, actor: Actor): Promise<AreaFilter | null> {
  if (!hasPermission(actor, 'arrival:read') && !hasPermission(actor, 'checkpoint:manage')) throw Errors.forbidden();
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  const area = areaScopeFilter(actor);
  if (area?.column === 'commune_code') return { column: 'district_code', value: (await lookupUnit(db, actor.scopeCode))?.district_code ?? '-' };
  return area;
}

export async function checkpointInReach(db: Db, actor: Actor, id: number) {
  const area = await checkpointArea(db, actor);
  const r = await repo.checkpointById(db, id);
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound(label(id));
  if (area && area.column !== 'province_code' && r[area.column] !== area.value) throw Errors.outOfScope();
  return r;
}

export async function listCheckpoints(db: Db, actor: Actor, q: { q?: string | undefined; districtCode?: string | undefined; status?: CheckpointStatus | undefined; page: number; pageSize: number }) {
  const area = await checkpointArea(db, actor);
  const { items, total } = await repo.listCheckpoints(db, { provinceCode: actor.provinceCode, area, districtCode: q.districtCode, status: q.status, q: q.q }, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map(presentCheckpoint), total, page: q.page, pageSize: q.pageSize };
}

export async function getCheckpoint(db: Db, actor: Actor, id: number) {
  return presentCheckpoint(await checkpointInReach(db, actor, id));
}

async function checkedValues(db: Db, actor: Actor, input: CheckpointInput): Promise<repo.CheckpointValues> {
  const issues: FieldIssue[] = [];
  if (!input.name.trim()) issues.push(issue('name', 'REQUIRED', 'Tên chốt: bắt buộc', 'Name: is required'));
  const district = await lookupUnit(db, input.districtCode);
  if (!district || district.level !== 'district' || district.province_code !== actor.provinceCode) {
    issues.push(issue('districtCode', 'UNKNOWN', 'Huyện không thuộc tỉnh', 'The district is not in the province'));
  } else if (!areaInScope(actor, { province_code: district.province_code, district_code: district.code, commune_code: null })) {
    issues.push(issue('districtCode', 'OUT_OF_SCOPE', 'Huyện ngoài địa bàn của bạn', 'The district is outside your area'));
  }
  if (input.communeCode) {
    const c = await lookupUnit(db, input.communeCode);
    if (!c || c.level !== 'commune' || c.district_code !== input.districtCode) issues.push(issue('communeCode', 'UNKNOWN', 'Xã không thuộc huyện đã chọn', 'The commune is not in the district'));
  }
  const hasLat = input.lat != null, hasLon = input.lon != null;
  if (hasLat !== hasLon) issues.push(issue('lat', 'REQUIRED', 'Cần cả vĩ độ và kinh độ', 'Both latitude and longitude are needed'));
  if (hasLat && !(input.lat! >= 8 && input.lat! <= 24)) issues.push(issue('lat', 'RANGE', 'Vĩ độ ngoài Việt Nam', 'The latitude is outside Vietnam'));
  if (hasLon && !(input.lon! >= 102 && input.lon! <= 110)) issues.push(issue('lon', 'RANGE', 'Kinh độ ngoài Việt Nam', 'The longitude is outside Vietnam'));
  (input.staff ?? []).forEach((s, i) => { if (!s.name.trim()) issues.push({ ...issue(`staff/${i}/name`, 'REQUIRED', 'Tên cán bộ: bắt buộc', 'Staff name: is required'), row: i + 1 }); });
  (input.shifts ?? []).forEach((s, i) => {
    if (!s.name.trim()) issues.push({ ...issue(`shifts/${i}/name`, 'REQUIRED', 'Tên ca: bắt buộc', 'Shift name: is required'), row: i + 1 });
    if (!TIME.test(s.start) || !TIME.test(s.end)) issues.push({ ...issue(`shifts/${i}/start`, 'INVALID', 'Giờ ca dạng HH:MM', 'Shift times are HH:MM'), row: i + 1 });
  });
  if (issues.length) throw new ValidationError(issues);
  return {
    name: input.name.trim(), provinceCode: actor.provinceCode, districtCode: input.districtCode, communeCode: input.communeCode || null,
    addressDetail: input.addressDetail?.trim() || null, lat: input.lat ?? null, lon: input.lon ?? null, road: input.road?.trim() || null, status: input.status ?? 'active',
    staff: (input.staff ?? []).map((s) => ({ name: s.name.trim(), phone: s.phone?.trim() || null, unit: s.unit?.trim() || null })),
    shifts: (input.shifts ?? []).map((s) => ({ name: s.name.trim(), start: s.start, end: s.end })), userId: actor.userId || null,
  };
}

export async function createCheckpoint(db: Db, actor: Actor, input: CheckpointInput) {
  assertPermission(actor, 'checkpoint:manage');
  const v = await checkedValues(db, actor, input);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertCheckpoint(trx, v);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'checkpoint', recordId: id, detail: { after: input } });
    return id;
  });
  return presentCheckpoint((await repo.checkpointById(db, id))!);
}

export async function updateCheckpoint(db: Db, actor: Actor, id: number, input: CheckpointInput) {
  assertPermission(actor, 'checkpoint:manage');
  const before = await checkpointInReach(db, actor, id);
  const v = await checkedValues(db, actor, input);
  await db.transaction().execute(async (trx) => {
    await repo.updateCheckpoint(trx, id, v);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'checkpoint', recordId: id, detail: { before: presentCheckpoint(before), after: input } });
  });
  return presentCheckpoint((await repo.checkpointById(db, id))!);
}

/** The map layer: located checkpoints with their arrivals in the 7 days to `date` (no one named). */
export async function checkpointsGeoJson(db: Db, actor: Actor, date = vnDate()) {
  assertPermission(actor, 'overview:read');
  const rows = await repo.checkpointPoints(db, actor.provinceCode, addDays(date, -6), date);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [r.lon!, r.lat!] },
      properties: {
        id: r.id, name: r.name, road: r.road, status: r.status, districtName: r.district_name, communeName: r.commune_name,
        arrivals7d: Number(r.arrivals ?? 0), fromEpidemic7d: Number(r.from_epidemic ?? 0), staff: r.staff.length, shifts: r.shifts.length,
      },
    })),
  };
}
