/**
 * Vaccination: sites, products and lots, priority groups, sessions with invited lists, interval
 * rules and coverage. Doses are in doses.service.ts, the XLSX import in vaccination.import.ts.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { VaccinationShift } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertAreaInScope, assertPermission, assertVaccinationSiteInScope, vaccinationSiteOf } from '../auth/policy.ts';
import { communeAreas, personalFieldsFor } from '../people/people.service.ts';
import { bornOnOrBefore, VACCINE_RULE_VERSIONS, type VaccineRuleVersion, vaccineRuleFor } from './vaccination.domain.ts';
import { coverageByArea } from './vaccination.published.ts';
import * as repo from './vaccination.repository.ts';

export const issue = (field: string, code: string, vi: string, en: string, row?: number): FieldIssue => ({ field, code, message: { vi, en }, ...(row !== undefined ? { row } : {}) });
const num = (v: unknown) => Number(v ?? 0);

/** The national priority groups of 2021 (NQ 21/NQ-CP), seeded per province on first use; the province edits the list. */
export const DEFAULT_PRIORITY_GROUPS: Array<{ code: string; vi: string; en: string; highRisk: boolean }> = [
  { code: 'health_workers', vi: 'Người làm việc trong cơ sở y tế, ngành y tế', en: 'Health workers (frontline)', highRisk: false },
  { code: 'anti_epidemic', vi: 'Lực lượng tham gia phòng, chống dịch', en: 'Anti-epidemic forces', highRisk: false },
  { code: 'military_police', vi: 'Lực lượng quân đội, công an', en: 'Military and police', highRisk: false },
  { code: 'essential_services', vi: 'Người cung cấp dịch vụ thiết yếu', en: 'Essential service workers', highRisk: false },
  { code: 'teachers', vi: 'Giáo viên, người làm việc tại cơ sở giáo dục', en: 'Teachers and school staff', highRisk: false },
  { code: 'industrial_workers', vi: 'Công nhân tại các khu, cụm công nghiệp', en: 'Enterprise workers in industrial parks', highRisk: false },
  { code: 'elderly_65', vi: 'Người từ 65 tuổi trở lên', en: 'Elderly (65 and over)', highRisk: true },
  { code: 'chronic_disease', vi: 'Người mắc bệnh mạn tính', en: 'People with chronic disease', highRisk: true },
  { code: 'outbreak_area', vi: 'Người sinh sống tại vùng có dịch', en: 'Residents of outbreak areas', highRisk: false },
  { code: 'social_policy', vi: 'Người nghèo, đối tượng chính sách xã hội', en: 'Poor households and social-policy beneficiaries', highRisk: false },
  { code: 'other', vi: 'Đối tượng khác', en: 'Others', highRisk: false },
];

// ---- rules
export async function vaccineRuleVersions(db: Db, provinceCode: string): Promise<VaccineRuleVersion[]> {
  const rows = await db.selectFrom('vaccine_rule_version').selectAll().where('province_code', '=', provinceCode).orderBy('effective_from').orderBy('id').execute();
  return [...VACCINE_RULE_VERSIONS, ...rows.map((r) => ({
    code: r.code, document: r.document, name: { vi: r.name_vi, en: r.name_en }, effectiveFrom: r.effective_from,
    ...(r.params as unknown as Pick<VaccineRuleVersion, 'intervals' | 'boosterMinDays' | 'allowedMixes'>),
  }))];
}

export async function listVaccineRules(db: Db, actor: Actor) {
  assertPermission(actor, 'vaccination:read');
  const versions = await vaccineRuleVersions(db, actor.provinceCode);
  return { inForce: vaccineRuleFor(versions, vnDate()).code, versions };
}

/** A new dated version of the interval rules (never edited: a newer one supersedes). */
export async function addVaccineRule(db: Db, actor: Actor, v: VaccineRuleVersion) {
  assertPermission(actor, 'vaccination:manage');
  const issues: FieldIssue[] = [];
  const versions = await vaccineRuleVersions(db, actor.provinceCode);
  if (versions.some((x) => x.code === v.code)) issues.push(issue('code', 'DUPLICATE', `Mã quy định ${v.code} đã có`, `Rule code ${v.code} is taken`));
  const products = new Set((await repo.products(db)).map((p) => p.code));
  for (const [code, i] of Object.entries(v.intervals)) {
    if (!products.has(code)) issues.push(issue(`intervals.${code}`, 'UNKNOWN_PRODUCT', `Không có loại vắc xin ${code}`, `No product ${code}`));
    if (!(i.minDays >= 1 && i.recommendedDays >= i.minDays && (i.maxDays === null || i.maxDays >= i.recommendedDays))) {
      issues.push(issue(`intervals.${code}`, 'INTERVAL_ORDER', 'Cần: tối thiểu ≤ khuyến cáo ≤ tối đa', 'Needs: minimum ≤ advised ≤ maximum'));
    }
  }
  if (issues.length) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('vaccine_rule_version').values({
      province_code: actor.provinceCode, code: v.code, document: v.document, name_vi: v.name.vi, name_en: v.name.en, effective_from: v.effectiveFrom,
      params: JSON.stringify({ intervals: v.intervals, boosterMinDays: v.boosterMinDays, allowedMixes: v.allowedMixes }), created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'vaccine_rule_version', recordId: r.id, detail: v });
  });
  return v;
}

// ---- products, priority groups
export async function listProducts(db: Db, actor: Actor) {
  assertPermission(actor, 'vaccination:read');
  return (await repo.products(db)).map((p) => ({ code: p.code, name: p.name, dosesRequired: p.doses_required, active: p.active }));
}

export async function ensurePriorityGroups(db: Db, provinceCode: string) {
  await db.insertInto('vaccination_priority_group')
    .values(DEFAULT_PRIORITY_GROUPS.map((g, i) => ({ province_code: provinceCode, code: g.code, name_vi: g.vi, name_en: g.en, sort: i + 1, high_risk: g.highRisk })))
    .onConflict((oc) => oc.columns(['province_code', 'code']).doNothing()).execute();
}

export async function listPriorityGroups(db: Db, actor: Actor) {
  assertPermission(actor, 'vaccination:read');
  let rows = await db.selectFrom('vaccination_priority_group').selectAll().where('province_code', '=', actor.provinceCode).orderBy('sort').orderBy('id').execute();
  if (rows.length === 0) {
    await ensurePriorityGroups(db, actor.provinceCode);
    rows = await db.selectFrom('vaccination_priority_group').selectAll().where('province_code', '=', actor.provinceCode).orderBy('sort').orderBy('id').execute();
  }
  return rows.map((g) => ({ id: g.id, code: g.code, name: { vi: g.name_vi, en: g.name_en }, sort: g.sort, highRisk: g.high_risk, active: g.active }));
}

export async function savePriorityGroup(db: Db, actor: Actor, input: { code: string; nameVi: string; nameEn: string; sort?: number | undefined; highRisk?: boolean | undefined; active?: boolean | undefined }) {
  assertPermission(actor, 'vaccination:manage');
  if (!/^[a-z0-9_]{2,40}$/.test(input.code)) throw new ValidationError([issue('code', 'INVALID', 'Mã nhóm chỉ gồm chữ thường, số, gạch dưới', 'Group code: lower-case letters, digits, underscores')]);
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('vaccination_priority_group').values({
      province_code: actor.provinceCode, code: input.code, name_vi: input.nameVi.trim(), name_en: input.nameEn.trim(), sort: input.sort ?? 100, high_risk: input.highRisk ?? false, active: input.active ?? true,
    }).onConflict((oc) => oc.columns(['province_code', 'code']).doUpdateSet({
      name_vi: input.nameVi.trim(), name_en: input.nameEn.trim(), sort: input.sort ?? 100, high_risk: input.highRisk ?? false, active: input.active ?? true,
    })).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'vaccination_priority_group', recordId: input.code, detail: input });
  });
  return listPriorityGroups(db, actor);
}

// ---- sites
export interface SiteInput {
  name: string; communeCode: string; addressDetail?: string | null | undefined; capacityPerSession: number; vaccinators: number; emergencyStaff: number;
  staff?: Array<{ name: string; role: 'vaccinator' | 'emergency'; phone?: string | null }> | undefined; active?: boolean | undefined;
}

export async function listSites(db: Db, actor: Actor, q: { q?: string | undefined; districtCode?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'vaccination:read');
  const r = await repo.listSites(db, actor.provinceCode, areaScopeFilter(actor), q, vaccinationSiteOf(actor));
  return {
    total: r.total, page: q.page, pageSize: q.pageSize,
    items: r.items.map((s) => ({
      id: s.id, name: s.name, code: s.code, districtCode: s.district_code, districtName: s.district_name, communeCode: s.commune_code, communeName: s.commune_name,
      addressDetail: s.address_detail, capacityPerSession: s.capacity_per_session, vaccinators: s.vaccinators, emergencyStaff: s.emergency_staff,
      staff: s.staff, active: s.active, doses: num(s.doses),
    })),
  };
}

async function siteArea(db: Db, actor: Actor, communeCode: string) {
  const area = (await communeAreas(db, [communeCode])).get(communeCode);
  if (!area || area.province_code !== actor.provinceCode) throw new ValidationError([issue('communeCode', 'UNKNOWN_COMMUNE', `Không có xã/phường ${communeCode} trong tỉnh`, `No commune ${communeCode} in the province`)]);
  assertAreaInScope(actor, area);
  return area;
}

function checkSite(input: SiteInput) {
  const issues: FieldIssue[] = [];
  if (!input.name.trim()) issues.push(issue('name', 'REQUIRED', 'Cần tên điểm tiêm', 'The site needs a name'));
  if (!(input.capacityPerSession > 0)) issues.push(issue('capacityPerSession', 'INVALID', 'Công suất mỗi buổi phải lớn hơn 0', 'Capacity per session must be above 0'));
  if (input.vaccinators < 0) issues.push(issue('vaccinators', 'INVALID', 'Số người tiêm không âm', 'Vaccinators cannot be negative'));
  if (input.emergencyStaff < 0) issues.push(issue('emergencyStaff', 'INVALID', 'Số người cấp cứu không âm', 'Emergency staff cannot be negative'));
  if (issues.length) throw new ValidationError(issues);
}

export async function createSite(db: Db, actor: Actor, input: SiteInput) {
  assertPermission(actor, 'vaccination:manage');
  checkSite(input);
  const area = await siteArea(db, actor, input.communeCode);
  return db.transaction().execute(async (trx) => {
    const o = await trx.insertInto('org_unit').values({
      kind: 'vaccination_site', name: input.name.trim(), province_code: area.province_code, district_code: area.district_code, commune_code: area.commune_code,
      address_detail: input.addressDetail?.trim() || null,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('vaccination_site').values({
      org_unit_id: o.id, province_code: area.province_code, capacity_per_session: input.capacityPerSession, vaccinators: input.vaccinators,
      emergency_staff: input.emergencyStaff, staff: JSON.stringify(input.staff ?? []), active: input.active ?? true,
    }).execute();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'vaccination_site', recordId: o.id, detail: input });
    return { id: o.id };
  });
}

export async function updateSite(db: Db, actor: Actor, id: number, input: SiteInput) {
  assertPermission(actor, 'vaccination:manage');
  checkSite(input);
  const site = await repo.findSite(db, actor.provinceCode, id);
  if (!site) throw Errors.notFound({ vi: `điểm tiêm ${id}`, en: `vaccination site ${id}` });
  assertAreaInScope(actor, site);
  const area = await siteArea(db, actor, input.communeCode);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('org_unit').set({ name: input.name.trim(), district_code: area.district_code, commune_code: area.commune_code, address_detail: input.addressDetail?.trim() || null }).where('id', '=', id).execute();
    await trx.updateTable('vaccination_site').set({
      capacity_per_session: input.capacityPerSession, vaccinators: input.vaccinators, emergency_staff: input.emergencyStaff,
      staff: JSON.stringify(input.staff ?? []), active: input.active ?? true,
    }).where('org_unit_id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'vaccination_site', recordId: id, detail: input });
  });
  return { id };
}

// ---- lots
export async function listLots(db: Db, actor: Actor, q: { productCode?: string | undefined; validOn?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'vaccination:read');
  const today = vnDate();
  const r = await repo.listLots(db, actor.provinceCode, q);
  return {
    total: r.total, page: q.page, pageSize: q.pageSize,
    items: r.items.map((l) => ({
      id: l.id, productCode: l.product_code, productName: l.product_name, lotNumber: l.lot_number, expiryDate: l.expiry_date, receivedDate: l.received_date,
      dosesReceived: l.doses_received, dosesUsed: num(l.doses_used), dosesLeft: l.doses_received - num(l.doses_used), expired: l.expiry_date < today,
    })),
  };
}

export async function createLot(db: Db, actor: Actor, input: { productCode: string; lotNumber: string; expiryDate: string; receivedDate?: string | null | undefined; dosesReceived: number }) {
  assertPermission(actor, 'vaccination:manage');
  const issues: FieldIssue[] = [];
  const products = new Set((await repo.products(db)).map((p) => p.code));
  if (!products.has(input.productCode)) issues.push(issue('productCode', 'UNKNOWN_PRODUCT', `Không có loại vắc xin ${input.productCode}`, `No product ${input.productCode}`));
  if (!input.lotNumber.trim()) issues.push(issue('lotNumber', 'REQUIRED', 'Cần số lô', 'The lot number is required'));
  if (!(input.dosesReceived >= 0)) issues.push(issue('dosesReceived', 'INVALID', 'Số liều nhận không âm', 'Doses received cannot be negative'));
  const received = input.receivedDate ?? vnDate();
  if (input.expiryDate < received) issues.push(issue('expiryDate', 'LOT_EXPIRED', 'Lô đã hết hạn khi nhận: không nhận lô hết hạn', 'The lot had expired when received: an expired lot is refused'));
  if (issues.length) throw new ValidationError(issues);
  const dup = await db.selectFrom('vaccine_lot').select('id').where('province_code', '=', actor.provinceCode).where('product_code', '=', input.productCode).where('lot_number', '=', input.lotNumber.trim()).executeTakeFirst();
  if (dup) throw Errors.duplicate('lotNumber', { vi: `lô ${input.lotNumber}`, en: `lot ${input.lotNumber}` });
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('vaccine_lot').values({
      province_code: actor.provinceCode, product_code: input.productCode, lot_number: input.lotNumber.trim(), expiry_date: input.expiryDate, received_date: received, doses_received: input.dosesReceived,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'vaccine_lot', recordId: r.id, detail: input });
    return { id: r.id };
  });
}

// ---- sessions
export async function listSessions(db: Db, actor: Actor, q: { siteId?: number | undefined; from?: string | undefined; to?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'vaccination:read');
  const scope = areaScopeFilter(actor);
  let base = db.selectFrom('vaccination_session as s').innerJoin('org_unit as o', 'o.id', 's.site_id').where('s.province_code', '=', actor.provinceCode);
  if (scope && scope.column !== 'province_code') base = base.where(`o.${scope.column}`, '=', scope.value);
  const own = vaccinationSiteOf(actor);
  if (own !== null) base = base.where('s.site_id', '=', own);
  if (q.siteId) base = base.where('s.site_id', '=', q.siteId);
  if (q.from) base = base.where('s.session_date', '>=', q.from);
  if (q.to) base = base.where('s.session_date', '<=', q.to);
  const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.select(['s.id', 's.site_id', 'o.name as site_name', 's.session_date', 's.shift', 's.capacity', 's.product_code', 's.priority_groups', 's.note'])
    .select((eb) => [
      eb.selectFrom('vaccination_invitee as i').whereRef('i.session_id', '=', 's.id').select(eb.fn.countAll<string>().as('n')).as('invited'),
      eb.selectFrom('vaccination_invitee as i').whereRef('i.session_id', '=', 's.id').where('i.attended', '=', true).select(eb.fn.countAll<string>().as('n')).as('attended'),
      eb.selectFrom('vaccine_dose as v').whereRef('v.session_id', '=', 's.id').select(eb.fn.countAll<string>().as('n')).as('doses'),
    ])
    .orderBy('s.session_date', 'desc').orderBy('s.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((s) => ({
      id: s.id, siteId: s.site_id, siteName: s.site_name, date: s.session_date, shift: s.shift, capacity: s.capacity, productCode: s.product_code,
      priorityGroups: s.priority_groups, note: s.note, invited: num(s.invited), attended: num(s.attended), doses: num(s.doses),
    })),
  };
}

export async function createSession(db: Db, actor: Actor, input: { siteId: number; date: string; shift: VaccinationShift; capacity?: number | undefined; productCode?: string | null | undefined; priorityGroups: string[]; note?: string | null | undefined }) {
  assertPermission(actor, 'vaccination:write');
  const site = await repo.findSite(db, actor.provinceCode, input.siteId);
  if (!site) throw new ValidationError([issue('siteId', 'UNKNOWN_SITE', `Không có điểm tiêm ${input.siteId}`, `No vaccination site ${input.siteId}`)]);
  assertAreaInScope(actor, site);
  const groups = new Set((await listPriorityGroups(db, actor)).map((g) => g.code));
  const unknown = input.priorityGroups.filter((g) => !groups.has(g));
  if (unknown.length) throw new ValidationError([issue('priorityGroups', 'UNKNOWN_GROUP', `Không có nhóm ưu tiên ${unknown.join(', ')}`, `No priority group ${unknown.join(', ')}`)]);
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('vaccination_session').values({
      province_code: actor.provinceCode, site_id: input.siteId, session_date: input.date, shift: input.shift, capacity: input.capacity ?? site.capacity_per_session,
      product_code: input.productCode ?? null, priority_groups: JSON.stringify(input.priorityGroups), note: input.note ?? null, created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'vaccination_session', recordId: r.id, detail: input });
    return { id: r.id };
  });
}

async function loadSession(db: Db, actor: Actor, id: number) {
  const s = await db.selectFrom('vaccination_session as s').innerJoin('org_unit as o', 'o.id', 's.site_id')
    .select(['s.id', 's.site_id', 's.session_date', 's.shift', 's.capacity', 's.product_code', 's.priority_groups', 'o.name as site_name', 'o.province_code', 'o.district_code', 'o.commune_code'])
    .where('s.id', '=', id).where('s.province_code', '=', actor.provinceCode).executeTakeFirst();
  if (!s) throw Errors.notFound({ vi: `buổi tiêm ${id}`, en: `vaccination session ${id}` });
  assertVaccinationSiteInScope(actor, { ...s, id: s.site_id });
  return s;
}

/**
 * Invites people of the register by priority group: an enterprise's active workers, or people of a
 * commune/district by age; people already fully vaccinated on the day, or already invited, are left out.
 */
export async function buildInvitees(db: Db, actor: Actor, sessionId: number, input: {
  priorityGroup: string; enterpriseId?: number | undefined; communeCode?: string | undefined; districtCode?: string | undefined; minAge?: number | undefined; maxAge?: number | undefined; limit?: number | undefined;
}) {
  assertPermission(actor, 'vaccination:write');
  const s = await loadSession(db, actor, sessionId);
  const limit = Math.min(input.limit ?? s.capacity, 5000);
  let q = db.selectFrom('person as p').select('p.id').where('p.province_code', '=', actor.provinceCode);
  const scope = areaScopeFilter(actor);
  if (scope && scope.column !== 'province_code') q = q.where(`p.${scope.column}`, '=', scope.value);
  if (input.enterpriseId) {
    q = q.where((eb) => eb.exists(eb.selectFrom('worker as w').whereRef('w.person_id', '=', 'p.id').where('w.enterprise_id', '=', input.enterpriseId!)
      .where('w.employed_from', '<=', s.session_date).where((e) => e.or([e('w.employed_to', 'is', null), e('w.employed_to', '>=', s.session_date)]))));
  }
  if (input.communeCode) q = q.where('p.commune_code', '=', input.communeCode);
  if (input.districtCode) q = q.where('p.district_code', '=', input.districtCode);
  if (input.minAge !== undefined) q = q.where('p.date_of_birth', '<=', bornOnOrBefore(s.session_date, input.minAge));
  if (input.maxAge !== undefined) q = q.where('p.date_of_birth', '>', bornOnOrBefore(s.session_date, input.maxAge + 1));
  q = q.where((eb) => eb.not(eb.exists(eb.selectFrom('vaccination_invitee as i').whereRef('i.person_id', '=', 'p.id').where('i.session_id', '=', sessionId))))
    .where(sql<boolean>`(select count(*) from vaccine_dose d where d.person_id = p.id and d.dose_date <= ${s.session_date}) < coalesce((select pr.doses_required from vaccine_dose d1 join vaccine_product pr on pr.code = d1.product_code where d1.person_id = p.id and d1.dose_number = 1), 2)`);
  const ids = (await q.orderBy('p.date_of_birth').orderBy('p.id').limit(limit).execute()).map((r) => r.id);
  await db.transaction().execute(async (trx) => {
    if (ids.length) await trx.insertInto('vaccination_invitee').values(ids.map((id) => ({ session_id: sessionId, person_id: id, priority_group: input.priorityGroup }))).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'vaccination_session', recordId: sessionId, detail: { invited: ids.length, ...input } });
  });
  return { invited: ids.length };
}

export async function listInvitees(db: Db, actor: Actor, sessionId: number) {
  assertPermission(actor, 'vaccination:read');
  const s = await loadSession(db, actor, sessionId);
  const rows = await db.selectFrom('vaccination_invitee as i').innerJoin('person as p', 'p.id', 'i.person_id')
    .select(['p.id', 'p.full_name', 'p.date_of_birth', 'p.national_id', 'p.phone', 'p.address_detail', 'p.commune_code', 'i.priority_group', 'i.attended'])
    .where('i.session_id', '=', sessionId).orderBy('p.sort_name').execute();
  await recordAudit(db, actor, { action: 'read', recordKind: 'vaccination_session', recordId: sessionId, detail: { invitees: rows.length } });
  return {
    session: { id: s.id, siteId: s.site_id, date: s.session_date, shift: s.shift, capacity: s.capacity, productCode: s.product_code, priorityGroups: s.priority_groups, siteName: s.site_name },
    items: rows.map((r) => ({ personId: r.id, fullName: r.full_name, ...personalFieldsFor(r, actor), communeCode: r.commune_code, priorityGroup: r.priority_group, attended: r.attended })),
  };
}

export async function markAttendance(db: Db, actor: Actor, sessionId: number, personId: number, attended: boolean) {
  assertPermission(actor, 'vaccination:record');
  await loadSession(db, actor, sessionId);
  const r = await db.updateTable('vaccination_invitee').set({ attended }).where('session_id', '=', sessionId).where('person_id', '=', personId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw Errors.notFound({ vi: `người được mời ${personId}`, en: `invitee ${personId}` });
  await recordAudit(db, actor, { action: 'update', recordKind: 'vaccination_invitee', recordId: `${sessionId}:${personId}`, detail: { attended } });
  return { attended };
}

// ---- coverage
export async function coverage(db: Db, actor: Actor, q: { date?: string | undefined; districtCode?: string | undefined }) {
  assertPermission(actor, 'vaccination:read');
  const day = q.date ?? vnDate();
  const scope = areaScopeFilter(actor);
  const limit = { districtCode: scope?.column === 'district_code' ? scope.value : q.districtCode, communeCode: scope?.column === 'commune_code' ? scope.value : undefined };
  if (scope === null) throw Errors.outOfScope();
  const c = await coverageByArea(db, actor.provinceCode, day, limit);
  const names = new Map((await db.selectFrom('admin_unit').select(['code', 'name']).where('province_code', '=', actor.provinceCode).where('level', 'in', ['district', 'commune']).execute()).map((u) => [u.code, u.name]));
  return {
    date: day,
    total: c.total,
    districts: c.districts.map((d) => ({ ...d, name: names.get(d.districtCode) ?? d.districtCode })),
    communes: c.communes.filter((x) => areaInScope(actor, { province_code: actor.provinceCode, district_code: x.districtCode, commune_code: x.communeCode }))
      .map((x) => ({ ...x, name: names.get(x.communeCode) ?? x.communeCode, districtName: names.get(x.districtCode) ?? x.districtCode })),
  };
}
