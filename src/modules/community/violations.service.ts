/**
 * Violations of the epidemic rules (no mask, gathering, leaving quarantine, false declaration):
 * the record, its decision and fine. Commune and district (and the province) record and edit those
 * of their area; counts by kind and district are published for the daily report.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { neutraliseFormula, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { listUnits, lookupUnit } from '../places/places.service.ts';
import { tidy, VIOLATION_KINDS, VIOLATION_LABEL, VIOLATION_STATUS_LABEL, type ViolationInput, violationIssues, type ViolationKindValue } from './community.domain.ts';

const label = (id: number) => ({ vi: `vi phạm ${id}`, en: `violation ${id}` });

function area(actor: Actor) {
  const f = areaScopeFilter(actor);
  if (!f) throw Errors.forbidden();
  return f;
}

export interface ViolationQuery {
  kind?: string | undefined; status?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined;
  from?: string | undefined; to?: string | undefined; q?: string | undefined; page: number; pageSize: number;
}

function filtered(db: Db, actor: Actor, q: Omit<ViolationQuery, 'page' | 'pageSize'>) {
  const scope = area(actor);
  let base = db.selectFrom('violation as v').innerJoin('admin_unit as c', 'c.code', 'v.commune_code').leftJoin('admin_unit as d', 'd.code', 'v.district_code')
    .where('v.province_code', '=', actor.provinceCode).where(`v.${scope.column}`, '=', scope.value);
  if (q.kind) base = base.where('v.kind', '=', q.kind as ViolationKindValue);
  if (q.status) base = base.where('v.status', '=', q.status as never);
  if (q.districtCode) base = base.where('v.district_code', '=', q.districtCode);
  if (q.communeCode) base = base.where('v.commune_code', '=', q.communeCode);
  if (q.from) base = base.where('v.occurred_on', '>=', q.from);
  if (q.to) base = base.where('v.occurred_on', '<=', q.to);
  if (q.q?.trim()) base = base.where(sql<boolean>`lower(v.offender_name || ' ' || coalesce(v.decision_no, '')) like ${`%${q.q.trim().toLowerCase()}%`}`);
  return base.select([
    'v.id', 'v.kind', 'v.occurred_on as occurredOn', 'v.district_code as districtCode', 'd.name as districtName', 'v.commune_code as communeCode', 'c.name as communeName',
    'v.place_detail as placeDetail', 'v.offender_kind as offenderKind', 'v.offender_name as offenderName', 'v.description', 'v.decision_no as decisionNo',
    'v.fine_vnd as fineVnd', 'v.status',
  ]);
}

export async function listViolations(db: Db, actor: Actor, q: ViolationQuery) {
  assertPermission(actor, 'violation:read');
  const base = filtered(db, actor, q);
  const { total, fines } = await db.selectFrom(base.as('x')).select([sql<number>`count(*)::int`.as('total'), sql<number>`coalesce(sum("fineVnd"), 0)::bigint`.as('fines')]).executeTakeFirstOrThrow();
  const items = await base.orderBy('v.occurred_on', 'desc').orderBy('v.id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  return { total, page: q.page, pageSize: q.pageSize, fineTotal: Number(fines), items };
}

async function violationOrThrow(db: Db, actor: Actor, id: number) {
  const v = await db.selectFrom('violation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!v || v.province_code !== actor.provinceCode) throw Errors.notFound(label(id));
  area(actor);
  if (!areaInScope(actor, v)) throw Errors.outOfScope();
  return v;
}

export async function getViolation(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'violation:read');
  await violationOrThrow(db, actor, id);
  return filtered(db, actor, {}).where('v.id', '=', id).executeTakeFirstOrThrow();
}

async function checkViolation(db: Db, actor: Actor, input: ViolationInput, today: string) {
  const issues: FieldIssue[] = violationIssues(input, today);
  const unit = await lookupUnit(db, input.communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode || !unit.district_code) {
    issues.push({ field: 'communeCode', code: 'UNKNOWN', message: { vi: `Không có xã/phường mã ${input.communeCode} trong tỉnh`, en: `No commune ${input.communeCode} in the province` } });
  } else if (!areaInScope(actor, { province_code: unit.province_code, district_code: unit.district_code, commune_code: unit.code })) {
    issues.push({ field: 'communeCode', code: 'OUT_OF_SCOPE', message: { vi: `${unit.name} nằm ngoài địa bàn của bạn`, en: `${unit.name} is outside your area` } });
  }
  if (issues.length) throw new ValidationError(issues);
  return {
    province_code: unit!.province_code, district_code: unit!.district_code!, commune_code: unit!.code, kind: input.kind as ViolationKindValue,
    occurred_on: input.occurredOn, place_detail: tidy(input.placeDetail), offender_kind: input.offenderKind ?? 'person', offender_name: tidy(input.offenderName)!,
    description: tidy(input.description), decision_no: tidy(input.decisionNo), fine_vnd: input.fineVnd ?? null,
    status: (input.status ?? 'recorded') as 'recorded' | 'decided' | 'paid' | 'cancelled',
  };
}

export async function createViolation(db: Db, actor: Actor, input: ViolationInput, today = vnDate()) {
  assertPermission(actor, 'violation:write');
  area(actor);
  const row = await checkViolation(db, actor, input, today);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('violation').values({ ...row, created_by: actor.userId || null }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'violation', recordId: id, detail: { after: row } });
    return id;
  });
  return getViolation(db, actor, id);
}

export async function updateViolation(db: Db, actor: Actor, id: number, input: ViolationInput, today = vnDate()) {
  assertPermission(actor, 'violation:write');
  const before = await violationOrThrow(db, actor, id);
  const row = await checkViolation(db, actor, input, today);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('violation').set({ ...row, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'violation', recordId: id, detail: { before, after: row } });
  });
  return getViolation(db, actor, id);
}

/** Deletes a record made in error (a cancelled decision stays, with status cancelled). */
export async function deleteViolation(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'violation:write');
  const before = await violationOrThrow(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('violation').where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'delete', recordKind: 'violation', recordId: id, detail: { before } });
  });
  return { id };
}

export async function exportViolations(db: Db, actor: Actor, q: Omit<ViolationQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  assertPermission(actor, 'violation:read');
  const rows = await filtered(db, actor, q).orderBy('v.occurred_on').orderBy('v.id').limit(50_000).execute();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Vi phạm');
  ws.columns = [
    { header: 'STT', key: 'no', width: 6 }, { header: 'Ngày', key: 'date', width: 12 }, { header: 'Loại vi phạm', key: 'kind', width: 26 },
    { header: 'Huyện', key: 'district', width: 18 }, { header: 'Xã/phường', key: 'commune', width: 18 }, { header: 'Địa điểm', key: 'place', width: 24 },
    { header: 'Người / tổ chức vi phạm', key: 'offender', width: 26 }, { header: 'Số quyết định', key: 'decision', width: 16 },
    { header: 'Số tiền phạt (đồng)', key: 'fine', width: 16 }, { header: 'Trạng thái', key: 'status', width: 22 }, { header: 'Nội dung', key: 'description', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  rows.forEach((r, i) => ws.addRow({
    no: i + 1, date: vnDateText(r.occurredOn), kind: VIOLATION_LABEL[r.kind], district: r.districtName, commune: r.communeName, place: neutraliseFormula(r.placeDetail),
    offender: neutraliseFormula(r.offenderName), decision: neutraliseFormula(r.decisionNo), fine: r.fineVnd, status: VIOLATION_STATUS_LABEL[r.status], description: neutraliseFormula(r.description),
  }));
  ws.getColumn('fine').numFmt = '#,##0';
  await recordAudit(db, actor, { action: 'export', recordKind: 'violation', detail: { ...q, rows: rows.length } });
  return await workbookBuffer(wb);
}

export interface ViolationCount { day: number; cumulative: number; fineDay: number; fineCumulative: number }
export interface ViolationFigures {
  date: string;
  total: ViolationCount;
  byKind: Array<{ kind: ViolationKindValue; label: string } & ViolationCount>;
  byDistrict: Array<{ code: string; name: string } & ViolationCount>;
}

/**
 * Published for the daily report: violations (not cancelled) of the day and up to it, by kind and
 * by district, with their fines.
 */
export async function violationCountsOn(db: Db, provinceCode: string, date: string): Promise<ViolationFigures> {
  const [rows, districts] = await Promise.all([
    db.selectFrom('violation').where('province_code', '=', provinceCode).where('occurred_on', '<=', date).where('status', '<>', 'cancelled')
      .select(['kind', 'district_code',
        sql<number>`count(*) filter (where occurred_on = ${date})::int`.as('day'),
        sql<number>`count(*)::int`.as('cumulative'),
        sql<string>`coalesce(sum(fine_vnd) filter (where occurred_on = ${date}), 0)::bigint`.as('fineDay'),
        sql<string>`coalesce(sum(fine_vnd), 0)::bigint`.as('fineCumulative'),
      ]).groupBy(['kind', 'district_code']).execute(),
    listUnits(db, { level: 'district', parent: provinceCode, page: 1, pageSize: 500 }),
  ]);
  const zero = (): ViolationCount => ({ day: 0, cumulative: 0, fineDay: 0, fineCumulative: 0 });
  const add = (a: ViolationCount, r: { day: number; cumulative: number; fineDay: string | number; fineCumulative: string | number }) => {
    a.day += r.day; a.cumulative += r.cumulative; a.fineDay += Number(r.fineDay); a.fineCumulative += Number(r.fineCumulative);
  };
  const total = zero();
  const byKind = new Map(VIOLATION_KINDS.map((k) => [k, zero()]));
  const byDistrict = new Map(districts.items.map((d) => [d.code, zero()]));
  for (const r of rows) {
    add(total, r);
    add(byKind.get(r.kind)!, r);
    if (!byDistrict.has(r.district_code)) byDistrict.set(r.district_code, zero());
    add(byDistrict.get(r.district_code)!, r);
  }
  const names = new Map(districts.items.map((d) => [d.code, d.name]));
  return {
    date, total,
    byKind: VIOLATION_KINDS.map((k) => ({ kind: k, label: VIOLATION_LABEL[k], ...byKind.get(k)! })),
    byDistrict: [...byDistrict.entries()].map(([code, c]) => ({ code, name: names.get(code) ?? code, ...c })),
  };
}

/** The counts for a signed-in reader (the province's, as the daily report shows them). */
export function violationCounts(db: Db, actor: Actor, date: string) {
  assertPermission(actor, 'violation:read');
  return violationCountsOn(db, actor.provinceCode, date);
}
