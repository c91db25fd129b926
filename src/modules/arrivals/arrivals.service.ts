/**
 * Arrivals: logged at a checkpoint or reported by a commune, each with the measure the arrival
 * rule in force gives it. A quarantine or home-monitoring order is made through the quarantine
 * context (`planOrder`, subject 'returning_citizen': an arrival has no source F0) by a user who
 * may make orders for the person's area; for others (a checkpoint) it stays pending for the
 * commune or district, which applies it later. Reads of people and every write are audited.
 */
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission, hasPermission } from '../auth/policy.ts';
import { personalFieldsFor, searchProvincePeople } from '../people/people.service.ts';
import { insertPlannedOrders, ordersWritten, planOrder } from '../quarantine/quarantine.service.ts';
import { arrivalRuleSource, arrivalRuleVersions } from '../rules/rules.service.ts';
import { type ArrivalInput, checkArrivals, writeArrivals } from './arrivals.core.ts';
import * as repo from './arrivals.repository.ts';
import { writeArrivalSheet } from './arrivals.xlsx.ts';

export const MAX_EXPORT_ROWS = 50_000;
const label = (id: number) => ({ vi: `lượt đến ${id}`, en: `arrival ${id}` });

export function presentArrival(r: repo.ArrivalRow, actor: Actor) {
  return {
    id: r.id, personId: r.person_id, fullName: r.full_name, ...personalFieldsFor(r, actor), source: r.source, checkpointId: r.checkpoint_id, checkpointName: r.checkpoint_name,
    arrivedAt: r.arrived_at.toISOString(), arrivalDate: r.arrival_date, originProvinceCode: r.origin_province_code, originProvinceName: r.origin_province_name,
    originDistrictCode: r.origin_district_code, originDistrictName: r.origin_district_name, originLevel: r.origin_level, means: r.means, purpose: r.purpose,
    districtCode: r.district_code, districtName: r.district_name, communeCode: r.commune_code, communeName: r.commune_name, destAddress: r.dest_address, category: r.category,
    vehiclePlate: r.vehicle_plate, route: r.route, testType: r.test_type, testAt: r.test_at?.toISOString() ?? null, ruleCode: r.rule_code, action: r.action,
    actionDays: r.action_days, actionHours: r.action_hours, actionStatus: r.action_status, quarantineOrderId: r.quarantine_order_id,
  };
}
export type ArrivalView = ReturnType<typeof presentArrival>;

function arrivalArea(actor: Actor) {
  assertPermission(actor, 'arrival:read');
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  return areaScopeFilter(actor);
}

/** Whether the actor reaches an arrival: going to its area, or logged at a checkpoint in it. */
function arrivalInScope(actor: Actor, r: repo.ArrivalRow): boolean {
  if (r.province_code !== actor.provinceCode) return false;
  if (areaInScope(actor, r)) return true;
  return r.checkpoint_id !== null && areaInScope(actor, { province_code: r.province_code, district_code: r.checkpoint_district_code, commune_code: r.checkpoint_commune_code });
}

async function arrivalInReach(db: Db, actor: Actor, id: number) {
  arrivalArea(actor);
  const r = await repo.arrivalById(db, id);
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound(label(id));
  if (!arrivalInScope(actor, r)) throw Errors.outOfScope();
  return r;
}

export interface ArrivalQuery extends Omit<repo.ArrivalFilter, 'provinceCode' | 'area'> { page: number; pageSize: number }

export async function listArrivals(db: Db, actor: Actor, q: ArrivalQuery) {
  const area = arrivalArea(actor);
  const f = { ...q, q: q.q ? foldVietnamese(q.q) : undefined, provinceCode: actor.provinceCode, area };
  const [{ items, total }, counts] = await Promise.all([repo.listArrivals(db, f, q.pageSize, (q.page - 1) * q.pageSize), repo.arrivalCounts(db, f)]);
  await recordAudit(db, actor, { action: 'read', recordKind: 'arrival', detail: { list: items.length, page: q.page } });
  return {
    items: items.map((r) => presentArrival(r, actor)), total, page: q.page, pageSize: q.pageSize,
    counts: { total: counts.total, fromEpidemic: counts.from_epidemic, drivers: counts.drivers, postal: counts.postal, pending: counts.pending },
  };
}

export async function getArrival(db: Db, actor: Actor, id: number) {
  const r = await arrivalInReach(db, actor, id);
  await recordAudit(db, actor, { action: 'read', recordKind: 'arrival', recordId: id, detail: { personId: r.person_id } });
  return presentArrival(r, actor);
}

/** Logs one arrival; when the actor may make the order the measure asks for, it is made at once. */
export async function logArrival(db: Db, actor: Actor, input: ArrivalInput, now = new Date()) {
  assertPermission(actor, 'arrival:write');
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  const { issues, checked } = await checkArrivals(db, actor, [input], input.checkpointId ? 'checkpoint' : 'commune', now);
  if (issues.length) throw new ValidationError(issues);
  const [written] = await db.transaction().execute((trx) => writeArrivals(trx, actor, checked, 'api'));
  let applyIssues: FieldIssue[] = [];
  const c = checked[0]!;
  if ((c.decision.action === 'home_monitoring' || c.decision.action === 'centralized_quarantine') && hasPermission(actor, 'quarantine:write') && areaInScope(actor, { province_code: actor.provinceCode, district_code: c.row.district_code, commune_code: c.row.commune_code })) {
    applyIssues = (await makeOrder(db, actor, written!.id, vnDate(now))).issues;
  }
  const view = presentArrival((await repo.arrivalById(db, written!.id))!, actor);
  return { arrival: view, decision: c.decision, applyIssues };
}

/** The order an arrival's measure asks for, planned and written by the quarantine context; issues when it cannot be made. */
async function makeOrder(db: Db, actor: Actor, arrivalId: number, today: string): Promise<{ issues: FieldIssue[]; orderId: number | null }> {
  const a = (await repo.arrivalById(db, arrivalId))!;
  const centralized = a.action === 'centralized_quarantine';
  const { issues, planned } = await planOrder(db, actor, {
    personId: a.person_id, kind: centralized ? 'centralized' : 'home', subject: 'returning_citizen', startDate: a.arrival_date,
    riskGroup: centralized ? 'medium' : null, homeAddress: centralized ? null : (a.dest_address ?? a.address_detail),
  }, today);
  if (!planned) return { issues, orderId: null };
  const ids = await db.transaction().execute(async (trx) => {
    const ids = await insertPlannedOrders(trx, actor, [planned], 'api');
    await repo.setArrivalApplied(trx, arrivalId, ids[0]!);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'arrival', recordId: arrivalId, detail: { applied: a.action, quarantineOrderId: ids[0] } });
    return ids;
  });
  ordersWritten(db, actor, [planned], ids);
  return { issues: [], orderId: ids[0]! };
}

/**
 * Carries out a pending measure: the order for quarantine or home monitoring (`quarantine:write`
 * for the person's area), or a test marked as done or referred (`arrival:write`).
 */
export async function applyArrival(db: Db, actor: Actor, id: number, today = vnDate()) {
  // Applying a measure is a write whatever the measure: a reader learns nothing more here.
  assertPermission(actor, 'arrival:write');
  const a = await arrivalInReach(db, actor, id);
  if (a.action_status !== 'pending') {
    throw new ValidationError([{ field: 'id', code: 'NOT_PENDING', message: { vi: 'Biện pháp của lượt đến này không còn chờ thực hiện', en: 'This arrival has no pending measure' } }]);
  }
  if (a.action === 'home_monitoring' || a.action === 'centralized_quarantine') {
    assertPermission(actor, 'quarantine:write');
    if (!areaInScope(actor, a)) throw Errors.outOfScope();
    const r = await makeOrder(db, actor, id, today);
    if (r.issues.length) throw new ValidationError(r.issues);
  } else {
    assertPermission(actor, 'arrival:write');
    await db.transaction().execute(async (trx) => {
      await repo.setArrivalApplied(trx, id, null);
      await recordAudit(trx, actor, { action: 'update', recordKind: 'arrival', recordId: id, detail: { applied: a.action } });
    });
  }
  return presentArrival((await repo.arrivalById(db, id))!, actor);
}

export async function exportArrivals(db: Db, actor: Actor, q: Omit<ArrivalQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const area = arrivalArea(actor);
  const rows = await repo.streamArrivals(db, { ...q, q: q.q ? foldVietnamese(q.q) : undefined, provinceCode: actor.provinceCode, area }, MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) {
    throw new ValidationError([{ field: 'from', code: 'TOO_MANY', message: { vi: `Quá ${MAX_EXPORT_ROWS} dòng: thu hẹp bộ lọc`, en: `More than ${MAX_EXPORT_ROWS} rows: narrow the filter` } }]);
  }
  await recordAudit(db, actor, { action: 'export', recordKind: 'arrival', detail: { rows: rows.length, filter: q } });
  return writeArrivalSheet(rows.map((r) => presentArrival(r, actor)));
}

/** The arrival rule versions (built in and the province's), for the page that explains the measures. */
export async function listArrivalRules(db: Db, actor: Actor) {
  assertPermission(actor, 'arrival:read');
  const versions = await arrivalRuleVersions(db, actor.provinceCode);
  return Promise.all(versions.map(async (v) => ({ ...v, byOrigin: { ...v.byOrigin }, transport: { ...v.transport }, epidemicProvinces: [...v.epidemicProvinces], source: await arrivalRuleSource(db, actor.provinceCode, v.code) })));
}

/**
 * The arrival form's register search (name with or without accents, or the start of an ID number
 * or phone), province-wide because an arrival may go to any commune; masked for the role (a
 * checkpoint sees no ID, phone or address) and audited by people's search.
 */
export async function searchArrivalPeople(db: Db, actor: Actor, q: string) {
  assertPermission(actor, 'arrival:write');
  const people = await searchProvincePeople(db, actor, q, { limit: 10 });
  return people.map((p) => ({
    id: p.id, fullName: p.fullName, sex: p.sex, dateOfBirth: p.dateOfBirth, nationalId: p.nationalId, phone: p.phone,
    communeCode: p.communeCode, communeName: p.communeName, districtCode: p.districtCode, districtName: p.districtName, addressDetail: p.addressDetail,
  }));
}
