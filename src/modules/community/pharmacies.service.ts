/**
 * Pharmacies (nhà thuốc) and their sales of fever, cough and throat medicine. District health
 * (and the province) register the pharmacies of their area as `org_unit` rows of kind 'pharmacy';
 * a pharmacy's user reports each sale; each report becomes a `pharmacy_followup` team task on the
 * buyer's commune health station list (a team task rather than the quarantine module's
 * `commune_task`: the buyer is usually not in the register, and the follow-up records a test and
 * its result as structured data).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { vnDateText } from '../../lib/xlsx.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission, hasPermission, maskedFieldsFor } from '../auth/policy.ts';
import { maskValue } from '../people/people.domain.ts';
import { lookupUnit } from '../places/places.service.ts';
import { MEDICINE_GROUPS, MEDICINE_LABEL, tidy } from './community.domain.ts';
import { createTeamTasks } from './community.tasks.ts';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export interface PharmacyInput { name: string; licenceNo: string; ownerName?: string | null | undefined; phone?: string | null | undefined; communeCode: string; addressDetail?: string | null | undefined }

function presentPharmacy(r: { id: number; name: string; code: string | null; district_code: string | null; commune_code: string | null; communeName: string | null; address_detail: string | null; attrs: Record<string, unknown>; reports?: number }) {
  return {
    id: r.id, name: r.name, licenceNo: r.code, ownerName: (r.attrs.ownerName as string | undefined) ?? null, phone: (r.attrs.phone as string | undefined) ?? null,
    districtCode: r.district_code, communeCode: r.commune_code, communeName: r.communeName, addressDetail: r.address_detail, reports: r.reports ?? 0,
  };
}

export async function listPharmacies(db: Db, actor: Actor, q: { q?: string | undefined; communeCode?: string | undefined; page: number; pageSize: number }) {
  if (!hasPermission(actor, 'pharmacy:manage') && !hasPermission(actor, 'team:read')) throw Errors.forbidden();
  let base = db.selectFrom('org_unit as o').leftJoin('admin_unit as c', 'c.code', 'o.commune_code').where('o.kind', '=', 'pharmacy').where('o.province_code', '=', actor.provinceCode);
  const scope = areaScopeFilter(actor);
  if (!scope) throw Errors.forbidden();
  base = base.where(`o.${scope.column}`, '=', scope.value);
  if (q.communeCode) base = base.where('o.commune_code', '=', q.communeCode);
  if (q.q?.trim()) base = base.where(sql<boolean>`lower(o.name || ' ' || coalesce(o.code, '')) like ${`%${q.q.trim().toLowerCase()}%`}`);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(['o.id', 'o.name', 'o.code', 'o.district_code', 'o.commune_code', 'c.name as communeName', 'o.address_detail', 'o.attrs',
    sql<number>`(select count(*)::int from pharmacy_sale_report r where r.pharmacy_id = o.id)`.as('reports')])
    .orderBy('o.name').orderBy('o.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(presentPharmacy) };
}

export async function checkPharmacy(db: Db, actor: Actor, input: PharmacyInput, exceptId: number | null) {
  const issues: FieldIssue[] = [];
  const name = tidy(input.name);
  const licenceNo = tidy(input.licenceNo);
  if (!name) issues.push(issue('name', 'REQUIRED', 'Cần tên nhà thuốc', 'The pharmacy needs a name'));
  if (!licenceNo) issues.push(issue('licenceNo', 'REQUIRED', 'Cần số giấy chứng nhận đủ điều kiện kinh doanh dược', 'The licence number is needed'));
  const unit = await lookupUnit(db, input.communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode || !unit.district_code) {
    issues.push(issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${input.communeCode} trong tỉnh`, `No commune ${input.communeCode} in the province`));
  } else if (!areaInScope(actor, { province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code })) {
    issues.push(issue('communeCode', 'OUT_OF_SCOPE', `${unit.name} nằm ngoài địa bàn của bạn`, `${unit.name} is outside your area`));
  }
  if (licenceNo) {
    let dup = db.selectFrom('org_unit').select('id').where('kind', '=', 'pharmacy').where('code', '=', licenceNo);
    if (exceptId !== null) dup = dup.where('id', '<>', exceptId);
    if (await dup.executeTakeFirst()) issues.push(issue('licenceNo', 'DUPLICATE', `Số giấy phép ${licenceNo} đã được đăng ký`, `Licence ${licenceNo} is already registered`));
  }
  if (issues.length) throw new ValidationError(issues);
  return {
    kind: 'pharmacy', name: name!, code: licenceNo!, province_code: unit!.province_code, district_code: unit!.district_code!, commune_code: unit!.code,
    address_detail: tidy(input.addressDetail), attrs: JSON.stringify({ ownerName: tidy(input.ownerName), phone: tidy(input.phone) }),
  };
}

export async function createPharmacy(db: Db, actor: Actor, input: PharmacyInput) {
  assertPermission(actor, 'pharmacy:manage');
  const row = await checkPharmacy(db, actor, input, null);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('org_unit').values(row).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'pharmacy', recordId: id, detail: { after: row } });
    return id;
  });
  return getPharmacy(db, actor, id);
}

async function pharmacyOrThrow(db: Db, actor: Actor, id: number) {
  const r = await db.selectFrom('org_unit as o').leftJoin('admin_unit as c', 'c.code', 'o.commune_code')
    .select(['o.id', 'o.name', 'o.code', 'o.province_code', 'o.district_code', 'o.commune_code', 'c.name as communeName', 'o.address_detail', 'o.attrs'])
    .where('o.id', '=', id).where('o.kind', '=', 'pharmacy').executeTakeFirst();
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `nhà thuốc ${id}`, en: `pharmacy ${id}` });
  const own = actor.scopeKind === 'org' && actor.role === 'pharmacy' && actor.scopeOrgId === id;
  if (!own && !areaInScope(actor, r)) throw Errors.outOfScope();
  return r;
}

export async function getPharmacy(db: Db, actor: Actor, id: number) {
  if (!hasPermission(actor, 'pharmacy:manage') && !hasPermission(actor, 'team:read') && !hasPermission(actor, 'pharmacy:report')) throw Errors.forbidden();
  return presentPharmacy(await pharmacyOrThrow(db, actor, id));
}

export async function updatePharmacy(db: Db, actor: Actor, id: number, input: PharmacyInput) {
  assertPermission(actor, 'pharmacy:manage');
  const before = await pharmacyOrThrow(db, actor, id);
  const row = await checkPharmacy(db, actor, input, id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('org_unit').set(row).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'pharmacy', recordId: id, detail: { before, after: row } });
  });
  return getPharmacy(db, actor, id);
}

export interface SaleInput {
  pharmacyId?: number | undefined; soldOn: string; medicineGroup: string; medicineName?: string | null | undefined;
  buyerName: string; buyerPhone?: string | null | undefined; buyerCommuneCode: string; buyerAddressDetail?: string | null | undefined;
}

/** The pharmacy a report is for: a pharmacy's user its own; the health side one of its area. */
function pharmacyFor(actor: Actor, requested: number | undefined): number {
  if (actor.role === 'pharmacy') {
    if (actor.scopeOrgId == null) throw Errors.outOfScope();
    if (requested !== undefined && requested !== actor.scopeOrgId) throw Errors.outOfScope();
    return actor.scopeOrgId;
  }
  if (requested === undefined) throw new ValidationError([issue('pharmacyId', 'REQUIRED', 'Chọn nhà thuốc', 'Choose the pharmacy')]);
  return requested;
}

/** Records a sale and, in the same transaction, the follow-up for the buyer's commune health station (due the next day). */
export async function reportSale(db: Db, actor: Actor, input: SaleInput, today = vnDate()) {
  if (!hasPermission(actor, 'pharmacy:report') && !hasPermission(actor, 'pharmacy:manage')) throw Errors.forbidden();
  const pharmacy = await pharmacyOrThrow(db, actor, pharmacyFor(actor, input.pharmacyId));
  const issues: FieldIssue[] = [];
  const buyerName = tidy(input.buyerName);
  if (!buyerName) issues.push(issue('buyerName', 'REQUIRED', 'Cần họ tên người mua', 'The buyer\'s name is needed'));
  if (!(MEDICINE_GROUPS as readonly string[]).includes(input.medicineGroup)) issues.push(issue('medicineGroup', 'INVALID', 'Nhóm thuốc không hợp lệ', 'Unknown medicine group'));
  if (input.soldOn > today) issues.push(issue('soldOn', 'FUTURE', 'Ngày bán ở tương lai', 'The sale date is in the future'));
  const unit = await lookupUnit(db, input.buyerCommuneCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode || !unit.district_code) {
    issues.push(issue('buyerCommuneCode', 'UNKNOWN', `Không có xã/phường mã ${input.buyerCommuneCode} trong tỉnh`, `No commune ${input.buyerCommuneCode} in the province`));
  }
  if (issues.length) throw new ValidationError(issues);
  const group = input.medicineGroup as (typeof MEDICINE_GROUPS)[number];
  const row = {
    pharmacy_id: pharmacy.id, province_code: actor.provinceCode, sold_on: input.soldOn, medicine_group: group, medicine_name: tidy(input.medicineName),
    buyer_name: buyerName!, buyer_phone: tidy(input.buyerPhone), buyer_district_code: unit!.district_code!, buyer_commune_code: unit!.code,
    buyer_address_detail: tidy(input.buyerAddressDetail), created_by: actor.userId || null,
  };
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('pharmacy_sale_report').values(row).returning('id').executeTakeFirstOrThrow();
    await createTeamTasks(trx, [{
      provinceCode: actor.provinceCode, districtCode: row.buyer_district_code, communeCode: row.buyer_commune_code, villageCode: null, personId: null,
      kind: 'pharmacy_followup', sourceKind: 'pharmacy_sale', sourceId: id, dueDate: addDays(input.soldOn, 1),
      title: `Theo dõi người mua thuốc ${MEDICINE_LABEL[group].toLowerCase()}: ${buyerName}`,
      detail: {
        buyerName, buyerPhone: row.buyer_phone, buyerAddress: row.buyer_address_detail, medicineGroup: group, medicineName: row.medicine_name,
        pharmacyId: pharmacy.id, pharmacyName: pharmacy.name, soldOn: input.soldOn, soldOnText: vnDateText(input.soldOn),
      },
    }]);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'pharmacy_sale_report', recordId: id, detail: { after: row } });
    return { id };
  });
}

/** A pharmacy's own reports, or those of the pharmacies in the area, with the follow-up's state. */
export async function listSales(db: Db, actor: Actor, q: { pharmacyId?: number | undefined; from?: string | undefined; to?: string | undefined; page: number; pageSize: number }) {
  if (!hasPermission(actor, 'pharmacy:report') && !hasPermission(actor, 'pharmacy:manage') && !hasPermission(actor, 'team:manage')) throw Errors.forbidden();
  let base = db.selectFrom('pharmacy_sale_report as r').innerJoin('org_unit as o', 'o.id', 'r.pharmacy_id').leftJoin('admin_unit as c', 'c.code', 'r.buyer_commune_code')
    .leftJoin('team_task as k', (j) => j.onRef('k.source_id', '=', 'r.id').on('k.source_kind', '=', 'pharmacy_sale').on('k.kind', '=', 'pharmacy_followup'))
    .where('r.province_code', '=', actor.provinceCode);
  if (actor.role === 'pharmacy') base = base.where('r.pharmacy_id', '=', actor.scopeOrgId ?? -1);
  else {
    const scope = areaScopeFilter(actor);
    if (!scope) throw Errors.forbidden();
    // The health side sees the sales of its area's pharmacies and those to its area's residents.
    base = scope.column === 'province_code' ? base : base.where((eb) => eb.or([eb(`o.${scope.column}`, '=', scope.value), eb(`r.buyer_${scope.column}` as 'r.buyer_commune_code', '=', scope.value)]));
  }
  if (q.pharmacyId) base = base.where('r.pharmacy_id', '=', q.pharmacyId);
  if (q.from) base = base.where('r.sold_on', '>=', q.from);
  if (q.to) base = base.where('r.sold_on', '<=', q.to);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(['r.id', 'r.pharmacy_id as pharmacyId', 'o.name as pharmacyName', 'r.sold_on as soldOn', 'r.medicine_group as medicineGroup', 'r.medicine_name as medicineName',
    'r.buyer_name as buyerName', 'r.buyer_phone as buyerPhone', 'r.buyer_commune_code as buyerCommuneCode', 'c.name as buyerCommuneName', 'r.buyer_address_detail as buyerAddressDetail',
    'k.id as followupId', 'k.status as followupStatus', 'k.result as followupResult', 'k.outcome_data as followupData'])
    .orderBy('r.sold_on', 'desc').orderBy('r.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const masked = new Set(maskedFieldsFor(actor));
  await recordAudit(db, actor, { action: 'list', recordKind: 'pharmacy_sale_report', detail: { ...q, rows: rows.length } });
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      ...r, buyerPhone: masked.has('phone') ? maskValue(r.buyerPhone, 3) : r.buyerPhone,
      buyerAddressDetail: masked.has('addressDetail') ? maskValue(r.buyerAddressDetail, 0) : r.buyerAddressDetail,
    })),
  };
}
