/**
 * Importing a house's tenant list: every row checked (person through the register's rules, room,
 * dates, workplace) and planned on the tenancy path of the phone form before anything is written;
 * the preview says what will be created, moved, updated or left unchanged; the commit writes all
 * rows or none. A file imported twice changes nothing the second time. Also the export.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/policy.ts';
import { enterpriseRefs } from '../enterprises/enterprises.service.ts';
import { communeAreas, parseCalendarDate, personValidator } from '../people/people.service.ts';
import { membershipsWritten } from '../tracing/tracing.service.ts';
import { issue, roomKey, tenancyDateIssues } from './boarding-houses.domain.ts';
import * as repo from './boarding-houses.repository.ts';
import { loadHouse } from './boarding-houses.service.ts';
import { commitTenancies, planTenancies, type TenancyDraft, type TenancyPlan } from './tenants.core.ts';
import { parseTenantSheet, type TenantColumnKey, tenantIssuesSheet, type TenantSheetRow, tenantTemplate, writeTenantSheet } from './tenants.xlsx.ts';
import { listHouseTenants, workerMoveAudits } from './tenants.service.ts';

const LABEL: Record<string, { vi: string; en: string }> = {
  room: { vi: 'Phòng', en: 'Room' }, validFrom: { vi: 'Từ ngày', en: 'From' }, validTo: { vi: 'Đến ngày', en: 'Until' }, workplace: { vi: 'Nơi làm việc', en: 'Workplace' },
};
const col = (field: TenantColumnKey, code: string, vi: string, en: string) => issue(field, code, `${LABEL[field]?.vi ?? field}: ${vi}`, `${LABEL[field]?.en ?? field}: ${en}`);
/** The tenancy path names form fields; a file's issues name its columns. */
const FILE_FIELD: Record<string, TenantColumnKey> = { roomId: 'room', workplaceEnterpriseId: 'workplace' };

async function draftsOf(db: Db, house: repo.HouseRow, rows: TenantSheetRow[], today: string) {
  const t = (r: TenantSheetRow, k: TenantColumnKey) => (r.input[k] ?? '').replace(/\s+/g, ' ').trim();
  const inputs = rows.map((r) => ({
    fullName: t(r, 'fullName'), sex: t(r, 'sex') || 'other', dateOfBirth: t(r, 'dateOfBirth') || null, nationalId: t(r, 'nationalId') || null,
    phone: t(r, 'phone') || null, communeCode: t(r, 'communeCode') || house.commune_code, addressDetail: house.address_detail,
  }));
  const validate = await personValidator(db, inputs, today);
  const areas = await communeAreas(db, inputs.map((i) => i.communeCode ?? '').filter((c) => /^\d{5}$/.test(c)));
  const rooms = new Map((await repo.roomsOf(db, house.id, today)).filter((r) => r.active).map((r) => [roomKey(r.label), r]));
  const workplaces = rows.map((r) => t(r, 'workplace')).filter(Boolean);
  const taxLike = (s: string) => /^\d{10}(-?\d{3})?$/.test(s.replace(/[\s.]/g, ''));
  const refs = await enterpriseRefs(db, house.province_code, {
    taxCodes: workplaces.filter(taxLike).map((s) => { const d = s.replace(/[\s.-]/g, ''); return d.length === 13 ? `${d.slice(0, 10)}-${d.slice(10)}` : d; }),
    nameKeys: workplaces.filter((s) => !taxLike(s)).map((s) => foldVietnamese(s)),
  });
  const byTax = new Map(refs.map((e) => [e.taxCode.replace(/-/g, ''), e]));
  const byName = new Map(refs.map((e) => [e.nameKey, e]));

  const issues: FieldIssue[] = [];
  const drafts: TenancyDraft[] = [];
  rows.forEach((r, i) => {
    const rowIssues: FieldIssue[] = [];
    const v = validate(inputs[i]!);
    if (!v.ok) rowIssues.push(...v.issues);
    if (!t(r, 'nationalId') && !t(r, 'phone')) rowIssues.push(issue('nationalId', 'REQUIRED', 'Cần số CCCD/CMND hoặc số điện thoại để nhận ra người thuê', 'The ID number or the phone is needed to know the tenant again'));
    const date = (k: 'validFrom' | 'validTo') => {
      const raw = t(r, k);
      if (!raw) return null;
      const d = parseCalendarDate(raw);
      if (!d) rowIssues.push(col(k, 'INVALID_DATE', `"${raw}" không phải ngày hợp lệ (DD/MM/YYYY)`, `"${raw}" is not a valid date (DD/MM/YYYY)`));
      return d;
    };
    const validFrom = date('validFrom');
    const validTo = date('validTo');
    if (!t(r, 'validFrom')) rowIssues.push(col('validFrom', 'REQUIRED', 'bắt buộc (DD/MM/YYYY)', 'is required (DD/MM/YYYY)'));
    if (validFrom) rowIssues.push(...tenancyDateIssues(validFrom, validTo, today));
    const rawRoom = t(r, 'room');
    const room = rooms.get(roomKey(rawRoom));
    if (!rawRoom) rowIssues.push(col('room', 'REQUIRED', 'bắt buộc', 'is required'));
    else if (!room) rowIssues.push(col('room', 'UNKNOWN_ROOM', `nhà trọ không có phòng "${rawRoom}" đang sử dụng`, `the house has no room "${rawRoom}" in use`));
    const rawWork = t(r, 'workplace');
    const ent = rawWork ? (taxLike(rawWork) ? byTax.get(rawWork.replace(/[\s.-]/g, '')) : byName.get(foldVietnamese(rawWork))) : undefined;
    const area = v.ok ? areas.get(v.value.communeCode) : undefined;
    if (rowIssues.length || !v.ok || !area || !room || !validFrom) {
      issues.push(...rowIssues.map((x) => ({ ...x, row: r.row })));
      return;
    }
    drafts.push({
      row: r.row, person: v.value, area, roomId: room.id, validFrom, validTo,
      workplaceEnterpriseId: ent?.id ?? null, workplaceText: ent ? null : rawWork || null,
    });
  });
  return { issues, drafts };
}

const parsed = new Map<string, { at: number; rows: TenantSheetRow[] }>();
async function parseCached(file: Buffer) {
  const key = createHash('sha256').update(file).digest('hex');
  const now = Date.now();
  for (const [k, v] of parsed) if (now - v.at > 600_000) parsed.delete(k);
  const hit = parsed.get(key);
  if (hit) return hit.rows;
  const rows = await parseTenantSheet(file);
  if (parsed.size >= 4) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, { at: now, rows });
  return rows;
}

async function checkFile(db: Db, house: repo.HouseRow, file: Buffer, today: string) {
  const rows = await parseCached(file);
  const { issues, drafts } = await draftsOf(db, house, rows, today);
  const plan = await planTenancies(db, house, drafts, today, { allowMove: true });
  const all = [...issues, ...plan.issues.map((i) => ({ ...i, field: FILE_FIELD[i.field] ?? i.field }))].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { rows, plan, issues: all };
}

function report(plan: TenancyPlan, total: number, dryRun: boolean) {
  return {
    dryRun, total, created: plan.counts.create, moved: plan.counts.move, updated: plan.counts.update, unchanged: plan.counts.unchanged, issues: [] as FieldIssue[],
    rows: plan.planned.slice(0, 1000).map((p) => ({ row: p.draft.row, fullName: p.draft.person.fullName, status: p.status, changed: p.changed, existingPerson: p.personId !== null })),
  };
}

/** Preview (dryRun) or commit of a house's tenant list; any row issue rejects the file whole (400, nothing written). */
export async function importTenants(db: Db, actor: Actor, houseId: number, file: Buffer, opts: { dryRun: boolean; today?: string | undefined }) {
  const today = opts.today ?? vnDate();
  const h = await loadHouse(db, actor, houseId, 'boarding_house:write', today);
  if (opts.dryRun) {
    const { rows, plan, issues } = await checkFile(db, h, file, today);
    if (issues.length) throw new ValidationError(issues);
    return report(plan, rows.length, true);
  }
  const { out, put } = await db.transaction().execute(async (trx) => {
    await repo.lockHouse(trx, houseId);
    const { rows, plan, issues } = await checkFile(trx, h, file, today);
    if (issues.length) throw new ValidationError(issues);
    const r = await commitTenancies(trx, h, plan, today, { userId: actor.userId, source: 'import' });
    await recordAudit(trx, actor, [
      { action: 'import', recordKind: 'boarding_house', recordId: houseId, detail: { rows: rows.length, ...plan.counts } },
      ...r.results.map((x) => ({ action: (x.status === 'create' ? 'create' : 'update') as 'create' | 'update', recordKind: 'boarding_house_tenant', recordId: x.membershipId, detail: { via: 'import', row: x.row, houseId, personId: x.personId, status: x.status, changed: x.changed } })),
      ...workerMoveAudits(r.workers, houseId),
    ]);
    return { out: report(plan, rows.length, false), put: r.put };
  });
  membershipsWritten(db, actor.provinceCode, { groups: [], put, removed: [] });
  return out;
}

export async function importIssuesReport(db: Db, actor: Actor, houseId: number, file: Buffer) {
  const today = vnDate();
  const h = await loadHouse(db, actor, houseId, 'boarding_house:write', today);
  let issues: FieldIssue[];
  try {
    issues = (await checkFile(db, h, file, today)).issues;
  } catch (err) {
    if (err instanceof ValidationError) issues = err.issues;
    else throw err;
  }
  return tenantIssuesSheet(issues);
}

export async function importTemplate(db: Db, actor: Actor, houseId: number) {
  await loadHouse(db, actor, houseId, 'boarding_house:read');
  return tenantTemplate((await repo.roomsOf(db, houseId, vnDate())).filter((r) => r.active).map((r) => r.label));
}

/** The export uses the template's columns, so an exported list imports back unchanged (masked fields aside). */
export async function exportTenants(db: Db, actor: Actor, houseId: number, q: { status?: 'current' | 'all' | undefined }, today = vnDate()) {
  const { items } = await listHouseTenants(db, actor, houseId, { page: 1, pageSize: 5000, status: q.status }, today);
  await recordAudit(db, actor, { action: 'export', recordKind: 'boarding_house_tenant', recordId: houseId, detail: { houseId, rows: items.length } });
  return writeTenantSheet(items.map((t) => ({
    fullName: t.fullName, sex: t.sex, dateOfBirth: t.dateOfBirth, nationalId: t.nationalId, phone: t.phone, communeCode: null,
    room: t.roomLabel, validFrom: t.validFrom, validTo: t.validTo, workplace: t.workplaceName ?? t.workplaceText ?? null,
  })));
}
