/**
 * Enterprise use cases: the list in the actor's scope, one enterprise with its detail and
 * status history, create and edit (tax code checked and unique), operating status changes,
 * confirming the worker list is current, and the stale list. Every write is audited.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OperatingStatus } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, type AreaFilter, assertEnterpriseAccess, assertPermission, enterpriseScopeOf } from '../auth/policy.ts';
import { communeAreas, normalisePhone } from '../people/people.service.ts';
import { DEFAULT_STALE_DAYS, daysSinceConfirmed, isStale, issue, parseTaxCode } from './enterprises.domain.ts';
import * as repo from './enterprises.repository.ts';
import * as workersRepo from './workers.repository.ts';

/** Published for the situation views: enterprises and current workers in an area. */
export async function enterpriseTotals(db: Db, area: AreaFilter, asOf: string) {
  const ent = await db
    .selectFrom('org_unit')
    .select(sql<number>`count(*)`.as('n'))
    .where('kind', '=', 'enterprise')
    .where(area.column, '=', area.value)
    .executeTakeFirstOrThrow();
  const workers = await db
    .selectFrom('worker as w')
    .innerJoin('org_unit as e', 'e.id', 'w.enterprise_id')
    .select(sql<number>`count(*)`.as('n'))
    .where(`e.${area.column}`, '=', area.value)
    .where('w.employed_from', '<=', asOf)
    .where((eb) => eb.or([eb('w.employed_to', 'is', null), eb('w.employed_to', '>=', asOf)]))
    .executeTakeFirstOrThrow();
  return { enterprises: ent.n, workers: workers.n };
}

export function presentEnterprise(r: repo.EnterpriseRow, now: Date, staleDays: number) {
  const confirmedAt = r.list_confirmed_at ?? null;
  return {
    id: r.id,
    name: r.name,
    taxCode: r.tax_code ?? null,
    sector: r.sector ?? null,
    declaredWorkforce: r.declared_workforce ?? null,
    contactName: r.contact_name ?? null,
    contactPhone: r.contact_phone ?? null,
    parkId: r.park_name ? r.park_id : null,
    parkName: r.park_name ?? null,
    districtCode: r.district_code,
    districtName: r.district_name ?? null,
    communeCode: r.commune_code,
    communeName: r.commune_name ?? null,
    addressDetail: r.address_detail,
    operatingStatus: (r.operating_status ?? 'operating') as OperatingStatus,
    statusSince: r.status_since ?? null,
    workers: r.workers,
    listConfirmedAt: confirmedAt ? confirmedAt.toISOString() : null,
    daysSinceConfirmed: daysSinceConfirmed(confirmedAt, now),
    stale: isStale(confirmedAt, now, staleDays),
  };
}
export type EnterpriseView = ReturnType<typeof presentEnterprise>;

const accessOf = (r: repo.EnterpriseRow) => ({ id: r.id, parkId: r.park_name ? r.park_id : null, province_code: r.province_code, district_code: r.district_code, commune_code: r.commune_code });

/** The enterprise if the actor may read (or write) it: 404 when there is none, 403 outside the scope. */
export async function loadEnterprise(db: Db, actor: Actor, id: number, mode: 'read' | 'write' | 'import' = 'read', today = vnDate()) {
  // A role without the permission learns nothing, not even whether the enterprise exists.
  assertPermission(actor, mode === 'read' ? 'enterprise:read' : mode === 'write' ? 'enterprise:write' : 'worker:import');
  const r = await repo.findEnterprise(db, id, today);
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `doanh nghiệp mã ${id}`, en: `enterprise ${id}` });
  assertEnterpriseAccess(actor, accessOf(r), mode);
  return r;
}

export interface EnterpriseQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  parkId?: number | undefined;
  districtCode?: string | undefined;
  status?: OperatingStatus | undefined;
  stale?: boolean | undefined;
  staleDays?: number | undefined;
  sort?: repo.EnterpriseSort | undefined;
}

export async function listEnterprises(db: Db, actor: Actor, q: EnterpriseQuery, now = new Date()) {
  assertPermission(actor, 'enterprise:read');
  const days = q.staleDays ?? DEFAULT_STALE_DAYS;
  const { items, total } = await repo.listEnterprises(
    db,
    {
      provinceCode: actor.provinceCode, scope: enterpriseScopeOf(actor), q: q.q, parkId: q.parkId, districtCode: q.districtCode, status: q.status,
      staleBefore: q.stale ? new Date(now.getTime() - days * 86_400_000) : undefined,
    },
    q.sort ?? 'name', vnDate(now), q.pageSize, (q.page - 1) * q.pageSize,
  );
  return { items: items.map((r) => presentEnterprise(r, now, days)), total, page: q.page, pageSize: q.pageSize };
}

/** Enterprises whose worker list was last confirmed more than `days` days ago (or never), oldest first. */
export async function staleEnterprises(db: Db, actor: Actor, q: { days?: number | undefined; parkId?: number | undefined; districtCode?: string | undefined }, defaultDays = DEFAULT_STALE_DAYS, now = new Date()) {
  assertPermission(actor, 'enterprise:read');
  const days = q.days ?? defaultDays;
  const rows = await repo.staleEnterprises(
    db,
    { provinceCode: actor.provinceCode, scope: enterpriseScopeOf(actor), parkId: q.parkId, districtCode: q.districtCode, staleBefore: new Date(now.getTime() - days * 86_400_000) },
    vnDate(now), 5000,
  );
  return { days, items: rows.map((r) => presentEnterprise(r, now, days)) };
}

export async function getEnterprise(db: Db, actor: Actor, id: number, staleDays = DEFAULT_STALE_DAYS, now = new Date()) {
  const r = await loadEnterprise(db, actor, id, 'read', vnDate(now));
  const events = await repo.statusEvents(db, id);
  return {
    ...presentEnterprise(r, now, staleDays),
    staleDays,
    statusHistory: events.map((e) => ({ id: e.id, status: e.status, effectiveDate: e.effective_date, reason: e.reason, createdAt: e.created_at.toISOString(), createdBy: e.created_by_name })),
  };
}

export async function listParks(db: Db, actor: Actor) {
  assertPermission(actor, 'enterprise:read');
  const scope = enterpriseScopeOf(actor);
  const parks = await repo.listParks(db, actor.provinceCode);
  return parks.filter((p) => scope.kind !== 'park' || p.id === scope.parkId).map((p) => ({ id: p.id, name: p.name, districtCode: p.district_code }));
}

export interface EnterpriseInput {
  name: string;
  taxCode: string;
  sector?: string | null | undefined;
  declaredWorkforce?: number | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  parkId?: number | null | undefined;
  communeCode: string;
  addressDetail?: string | null | undefined;
}

/** System actors (CLI, bench, demo) have no user row. */
const userIdOf = (actor: Actor) => (actor.userId > 0 ? actor.userId : null);

const text = (v: string | null | undefined) => (v ?? '').replace(/\s+/g, ' ').trim() || null;

async function checkInput(db: Db, actor: Actor, input: EnterpriseInput, selfId: number | null) {
  const issues: FieldIssue[] = [];
  const name = text(input.name);
  if (!name) issues.push(issue('name', 'REQUIRED', 'Tên doanh nghiệp: bắt buộc', 'Name: is required'));
  else if (name.length > 200) issues.push(issue('name', 'TOO_LONG', 'Tên doanh nghiệp: tối đa 200 ký tự', 'Name: at most 200 characters'));
  const tax = parseTaxCode(input.taxCode ?? '');
  if (!tax.ok) issues.push(tax.issue);
  let contactPhone: string | null = null;
  if (text(input.contactPhone)) {
    contactPhone = normalisePhone(input.contactPhone!);
    if (!contactPhone) issues.push(issue('contactPhone', 'INVALID_FORMAT', `Số điện thoại liên hệ: "${input.contactPhone}" không hợp lệ`, `Contact phone: "${input.contactPhone}" is not a Vietnamese phone number`));
  }
  if (input.declaredWorkforce != null && (!Number.isInteger(input.declaredWorkforce) || input.declaredWorkforce < 0 || input.declaredWorkforce > 200_000)) {
    issues.push(issue('declaredWorkforce', 'RANGE', 'Số lao động: từ 0 đến 200.000', 'Workforce: 0 to 200,000'));
  }
  const area = (await communeAreas(db, [input.communeCode])).get(input.communeCode);
  if (!area || area.province_code !== actor.provinceCode) {
    issues.push(issue('communeCode', 'UNKNOWN_COMMUNE', `Không có xã/phường mã "${input.communeCode}" trong tỉnh`, `No commune of the province has code "${input.communeCode}"`));
  }
  let parkId: number | null = null;
  if (input.parkId != null) {
    const park = await repo.findPark(db, input.parkId);
    if (!park || park.province_code !== actor.provinceCode) issues.push(issue('parkId', 'UNKNOWN_PARK', `Không có khu công nghiệp mã ${input.parkId}`, `No industrial park ${input.parkId}`));
    else parkId = park.id;
  }
  if (issues.length) throw new ValidationError(issues);
  if (tax.ok) {
    const owner = await repo.taxCodeOwner(db, tax.value);
    if (owner !== null && owner !== selfId) throw Errors.duplicate('taxCode', { vi: `mã số thuế ${tax.value}`, en: `tax code ${tax.value}` }, { enterpriseId: owner });
  }
  return {
    name: name!, taxCode: (tax as { value: string }).value, parkId, area: area!, contactPhone,
    sector: text(input.sector), contactName: text(input.contactName), addressDetail: text(input.addressDetail), declaredWorkforce: input.declaredWorkforce ?? null,
  };
}

function rowsOf(v: Awaited<ReturnType<typeof checkInput>>, provinceCode: string) {
  return {
    org: { kind: 'enterprise', name: v.name, code: v.taxCode, parent_id: v.parkId, ...v.area, address_detail: v.addressDetail },
    profile: {
      province_code: provinceCode, tax_code: v.taxCode, name_search: foldVietnamese(v.name), sector: v.sector, declared_workforce: v.declaredWorkforce,
      contact_name: v.contactName, contact_phone: v.contactPhone,
    },
  };
}

export async function createEnterprise(db: Db, actor: Actor, input: EnterpriseInput, now = new Date()) {
  // Who may register one is decided before the input is looked at (the access matrix).
  assertPermission(actor, 'enterprise:write');
  if (actor.role === 'enterprise') throw Errors.forbidden();
  const v = await checkInput(db, actor, input, null);
  assertEnterpriseAccess(actor, { id: -1, parkId: v.parkId, ...v.area }, 'write');
  const { org, profile } = rowsOf(v, actor.provinceCode);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertEnterprise(trx, org, { ...profile, status_since: vnDate(now) });
    await repo.insertStatusEvent(trx, { enterprise_id: id, status: 'operating', effective_date: vnDate(now), reason: null, created_by: userIdOf(actor) });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'enterprise', recordId: id, detail: { after: v } });
    return id;
  });
  return id;
}

export async function updateEnterprise(db: Db, actor: Actor, id: number, input: EnterpriseInput, now = new Date()) {
  const before = await loadEnterprise(db, actor, id, 'write');
  const v = await checkInput(db, actor, input, id);
  // Moving an enterprise out of one's own scope (another area, another park) is not allowed.
  assertEnterpriseAccess(actor, { id, parkId: v.parkId, ...v.area }, 'write');
  const { org, profile } = rowsOf(v, actor.provinceCode);
  await db.transaction().execute(async (trx) => {
    await repo.updateEnterprise(trx, id, org, profile);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'enterprise', recordId: id, detail: { before: presentEnterprise(before, now, DEFAULT_STALE_DAYS), after: v } });
  });
  return id;
}

/** Needs a detail row (enterprises from before issue 7 get theirs at their first edit). */
async function setProfileOrFail(trx: Db, id: number, patch: Parameters<typeof repo.setProfile>[2]) {
  if ((await repo.setProfile(trx, id, patch)) === 0) {
    throw new ValidationError([issue('taxCode', 'REQUIRED', 'Doanh nghiệp chưa có mã số thuế: hãy cập nhật thông tin trước', 'The enterprise has no tax code yet: complete its details first')]);
  }
}

export async function changeOperatingStatus(
  db: Db,
  actor: Actor,
  id: number,
  input: { status: OperatingStatus; effectiveDate: string; reason: string },
  now = new Date(),
) {
  const before = await loadEnterprise(db, actor, id, 'write');
  const issues: FieldIssue[] = [];
  const reason = text(input.reason);
  if (!reason) issues.push(issue('reason', 'REQUIRED', 'Lý do: bắt buộc', 'Reason: is required'));
  else if (reason.length > 500) issues.push(issue('reason', 'TOO_LONG', 'Lý do: tối đa 500 ký tự', 'Reason: at most 500 characters'));
  if (input.effectiveDate > vnDate(now)) issues.push(issue('effectiveDate', 'FUTURE_DATE', 'Ngày áp dụng: không được ở tương lai', 'Effective date: cannot be in the future'));
  if (before.status_since && input.effectiveDate < before.status_since) {
    issues.push(issue('effectiveDate', 'BEFORE_CURRENT', `Ngày áp dụng: trước ngày của trạng thái hiện tại (${before.status_since})`, `Effective date: before the current status's date (${before.status_since})`));
  }
  if (issues.length) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    await setProfileOrFail(trx, id, { operating_status: input.status, status_since: input.effectiveDate });
    await repo.insertStatusEvent(trx, { enterprise_id: id, status: input.status, effective_date: input.effectiveDate, reason, created_by: userIdOf(actor) });
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'enterprise', recordId: id,
      detail: { operatingStatus: { before: before.operating_status ?? 'operating', after: input.status }, effectiveDate: input.effectiveDate, reason },
    });
  });
  return id;
}

/** "The list is current": the enterprise (or the province) confirms its worker list as of now. */
export async function confirmWorkerList(db: Db, actor: Actor, id: number, now = new Date()) {
  await loadEnterprise(db, actor, id, 'write');
  await db.transaction().execute(async (trx) => {
    await setProfileOrFail(trx, id, { list_confirmed_at: now });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'enterprise', recordId: id, detail: { listConfirmedAt: now.toISOString() } });
  });
  return id;
}

/** Every import marks the list confirmed (inside the import's transaction). */
export async function markListConfirmed(trx: Db, id: number, now: Date): Promise<void> {
  await repo.setProfile(trx, id, { list_confirmed_at: now });
}

// ---- published for boarding houses (issue 7): a tenant's employer, a workplace named by tax code or name

/** The enterprises each person worked at during [from, to] (the latest employment first). */
export async function employersDuring(db: Db, personIds: number[], from: string, to: string): Promise<Map<number, Array<{ enterpriseId: number; name: string }>>> {
  const out = new Map<number, Array<{ enterpriseId: number; name: string }>>();
  for (let i = 0; i < personIds.length; i += 10_000) {
    for (const r of await workersRepo.employersDuring(db, personIds.slice(i, i + 10_000), from, to)) {
      const list = out.get(r.person_id) ?? [];
      list.push({ enterpriseId: r.enterprise_id, name: r.enterprise_name });
      out.set(r.person_id, list);
    }
  }
  return out;
}

/** Enterprises of a province by tax code, folded name, id, or a search text (no scope: names and tax codes are public). */
export async function enterpriseRefs(db: Db, provinceCode: string, keys: { taxCodes?: string[]; nameKeys?: string[]; search?: string; ids?: number[] }) {
  const rows = await workersRepo.enterpriseRefs(db, provinceCode, keys);
  return rows.map((r) => ({ id: r.id, name: r.name, taxCode: r.tax_code, nameKey: r.name_search }));
}

/**
 * Published for boarding houses: tenants moved from one room to another on a date (the owner's
 * move, an imported list's). A worker row whose current room is the one left follows to the new
 * room (one whose employment ended before that date keeps its last room); the room memberships —
 * the history tracing reads — are the caller's. In the caller's transaction; returns the workers
 * changed (the caller audits).
 */
export async function workersFollowRoomMoves(trx: Db, moves: Array<{ personId: number; fromRoomId: number; toRoomId: number; date: string }>) {
  const rows = await workersRepo.moveWorkerRooms(trx, moves.filter((m) => m.fromRoomId !== m.toRoomId));
  return rows.map((r) => ({ workerId: r.id, enterpriseId: r.enterprise_id, personId: r.person_id, fromRoomId: r.from_room, toRoomId: r.room_group_id, date: r.move_date }));
}
