/**
 * QR venues: the places that put up a check-in poster (markets, shops, eateries, offices, an
 * enterprise's gates and buses). Area roles manage those of their area, an enterprise's user its
 * own; every change audited. Posters carry a signed code; reissuing one bumps the venue's code
 * version so the older posters stop working.
 */
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaScopeFilter, assertPermission, venueInScope } from '../auth/policy.ts';
import { lookupUnit } from '../places/places.service.ts';
import { forgetVenueState, sign } from './venue-codes.ts';
import { DEFAULT_VENUE_CODE_DAYS, ENTERPRISE_CATEGORIES, VENUE_CATEGORIES, type VenueCategory, venueClaims } from './venues.domain.ts';
import { posterPdf, posterPng } from './venues.poster.ts';
import * as repo from './venues.repository.ts';

export interface VenueInput {
  name: string;
  category: VenueCategory;
  communeCode: string;
  addressDetail?: string | null | undefined;
}

const venueLabel = (id: number) => ({ vi: `địa điểm ${id}`, en: `venue ${id}` });
const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export function presentVenue(r: repo.VenueRow & { checkins_today?: number; checkins_7d?: number }) {
  return {
    id: r.id, name: r.name, category: r.category, districtCode: r.district_code, districtName: r.district_name,
    communeCode: r.commune_code, communeName: r.commune_name, addressDetail: r.address_detail,
    ownerId: r.parent_id, ownerName: r.owner_name, active: r.active, codeVersion: r.code_version,
    checkinsToday: r.checkins_today ?? null, checkins7d: r.checkins_7d ?? null, createdAt: r.created_at.toISOString(),
  };
}
export type VenueView = ReturnType<typeof presentVenue>;

async function venueInScopeOrThrow(db: Db, actor: Actor, id: number) {
  const v = await repo.venueById(db, id);
  if (!v || v.province_code !== actor.provinceCode) throw Errors.notFound(venueLabel(id));
  if (!venueInScope(actor, { ...v, parentId: v.parent_id })) throw Errors.outOfScope();
  return v;
}

export async function listVenues(db: Db, actor: Actor, q: {
  q?: string | undefined; category?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined;
  active?: boolean | undefined; page: number; pageSize: number;
}, today = vnDate()) {
  assertPermission(actor, 'venue:read');
  const area = areaScopeFilter(actor);
  // Org-scoped roles: an enterprise's user sees its own venues; anyone else none.
  const ownerId = area ? null : actor.role === 'enterprise' && actor.scopeOrgId != null ? actor.scopeOrgId : -1;
  const { items, total } = await repo.listVenues(db, {
    provinceCode: actor.provinceCode, area, ownerId, q: q.q?.trim() ? foldVietnamese(q.q) : undefined, qRaw: q.q?.trim().toLowerCase() || undefined, category: q.category,
    districtCode: q.districtCode, communeCode: q.communeCode, active: q.active,
  }, today, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map(presentVenue), total, page: q.page, pageSize: q.pageSize };
}

export async function getVenue(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'venue:read');
  return presentVenue(await venueInScopeOrThrow(db, actor, id));
}

/** Checks a venue's fields and place; the place must be in the actor's area (an enterprise: its own area's province). */
async function checkInput(db: Db, actor: Actor, input: VenueInput, ownerId: number | null) {
  const issues: FieldIssue[] = [];
  const name = input.name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!name) issues.push(issue('name', 'REQUIRED', 'Cần tên địa điểm', 'The venue needs a name'));
  if (!VENUE_CATEGORIES.includes(input.category)) issues.push(issue('category', 'INVALID', 'Loại địa điểm không hợp lệ', 'Unknown venue category'));
  if (actor.role === 'enterprise' && !ENTERPRISE_CATEGORIES.includes(input.category)) {
    issues.push(issue('category', 'NOT_ALLOWED', 'Doanh nghiệp chỉ tạo cổng ra vào và xe đưa đón', 'An enterprise adds only its gates and buses'));
  }
  const unit = await lookupUnit(db, input.communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode || !unit.district_code) {
    issues.push(issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${input.communeCode} trong tỉnh`, `No commune ${input.communeCode} in the province`));
  } else if (!venueInScope(actor, { id: -1, province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code, parentId: ownerId })) {
    issues.push(issue('communeCode', 'OUT_OF_SCOPE', `${unit.name} nằm ngoài địa bàn của bạn`, `${unit.name} is outside your area`));
  }
  const addressDetail = input.addressDetail?.trim() || null;
  if (addressDetail && addressDetail.length > 300) issues.push(issue('addressDetail', 'TOO_LONG', 'Địa chỉ tối đa 300 ký tự', 'The address is at most 300 characters'));
  if (issues.length) throw new ValidationError(issues);
  return { name, nameSearch: foldVietnamese(name), category: input.category, districtCode: unit!.district_code!, communeCode: unit!.code, addressDetail };
}

export async function createVenue(db: Db, actor: Actor, input: VenueInput) {
  assertPermission(actor, 'venue:manage');
  const ownerId = actor.role === 'enterprise' ? actor.scopeOrgId : null;
  if (actor.scopeKind === 'org' && ownerId == null) throw Errors.outOfScope();
  const checked = await checkInput(db, actor, input, ownerId);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertVenue(trx, { ...checked, provinceCode: actor.provinceCode, parentId: ownerId, createdBy: actor.userId || null });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'venue', recordId: id, detail: { after: { ...checked, ownerId } } });
    return id;
  });
  return getVenue(db, actor, id);
}

export async function updateVenue(db: Db, actor: Actor, id: number, input: VenueInput) {
  assertPermission(actor, 'venue:manage');
  const before = await venueInScopeOrThrow(db, actor, id);
  const checked = await checkInput(db, actor, input, before.parent_id);
  await db.transaction().execute(async (trx) => {
    await repo.updateVenue(trx, id, checked);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'venue', recordId: id, detail: { before: presentVenue(before), after: checked } });
  });
  forgetVenueState(db, id);
  return getVenue(db, actor, id);
}

/** Deactivates a venue: its codes stop working at once; its check-ins stay for tracing. */
export async function deactivateVenue(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'venue:manage');
  const v = await venueInScopeOrThrow(db, actor, id);
  if (!v.active) throw new AppError('VENUE_INACTIVE', 409, { vi: `Địa điểm ${v.name} đã ngừng hoạt động`, en: `Venue ${v.name} is already deactivated` });
  await db.transaction().execute(async (trx) => {
    await repo.setVenueState(trx, id, v.province_code, { active: false });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'venue', recordId: id, detail: { before: { active: true }, after: { active: false } } });
  });
  forgetVenueState(db, id);
  return getVenue(db, actor, id);
}

/** A new poster code: the venue's code version goes up, so every older poster is refused from now on. */
export async function reissueCode(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'venue:manage');
  const v = await venueInScopeOrThrow(db, actor, id);
  if (!v.active) throw new AppError('VENUE_INACTIVE', 409, { vi: `Địa điểm ${v.name} đã ngừng hoạt động`, en: `Venue ${v.name} is deactivated` });
  await db.transaction().execute(async (trx) => {
    await repo.setVenueState(trx, id, v.province_code, { bumpVersion: true });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'venue', recordId: id, detail: { before: { codeVersion: v.code_version }, after: { codeVersion: v.code_version + 1 } } });
  });
  forgetVenueState(db, id);
  return getVenue(db, actor, id);
}

/** The check-in URL a poster prints, with its code (current version, issued today). */
export async function checkinUrl(db: Db, config: AppConfig, actor: Actor, id: number, base: string, today = vnDate()) {
  assertPermission(actor, 'venue:read');
  const v = await venueInScopeOrThrow(db, actor, id);
  if (!v.active) throw new AppError('VENUE_INACTIVE', 409, { vi: `Địa điểm ${v.name} đã ngừng hoạt động: không in mã được`, en: `Venue ${v.name} is deactivated: no poster` });
  const code = await sign(db, config, venueClaims(actor.provinceCode, id, v.code_version, today, DEFAULT_VENUE_CODE_DAYS));
  return { venue: v, code, url: `${base}/c/${code}`, expiresOn: addDays(today, DEFAULT_VENUE_CODE_DAYS) };
}

export async function poster(db: Db, config: AppConfig, actor: Actor, id: number, format: 'pdf' | 'png', base: string) {
  const { venue, url, expiresOn, code } = await checkinUrl(db, config, actor, id, base);
  const address = [venue.address_detail, venue.commune_name, venue.district_name].filter(Boolean).join(', ');
  const content = { name: venue.name, address, url, expiresOn };
  const file = format === 'pdf' ? await posterPdf(content) : await posterPng(content);
  await recordAudit(db, actor, { action: 'export', recordKind: 'venue_poster', recordId: id, detail: { format, codeVersion: venue.code_version, code } });
  return file;
}

/** Check-ins per day at a venue (default: the 14 days ending today). */
export async function venueDailyCheckins(db: Db, actor: Actor, id: number, q: { from?: string | undefined; to?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'venue:read');
  await venueInScopeOrThrow(db, actor, id);
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -13);
  if (from > to || addDays(from, 366) < to) {
    throw new ValidationError([issue('from', 'RANGE', 'Khoảng ngày không hợp lệ (tối đa 1 năm)', 'Invalid date range (at most one year)')]);
  }
  const counts = new Map((await repo.dailyCounts(db, id, from, to)).map((r) => [r.day, Number(r.n)]));
  const days: Array<{ date: string; count: number }> = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, count: counts.get(d) ?? 0 });
  return { from, to, days };
}
