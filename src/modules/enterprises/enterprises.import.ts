/**
 * Importing one enterprise's worker list: every row checked (fields, dates, the workshop, shift,
 * bus route and lodging named, the register) and classified before anything is written; the
 * preview says what will be created, updated or left unchanged; the commit writes all rows or
 * none, updates changed rows in place (closing and opening memberships) and marks the list
 * confirmed.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { isEmbedded } from '../../db/bulk-insert.ts';
import type { Db } from '../../db/database.ts';
import type { CommuteMode } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/policy.ts';
import { communeAreas, parseCalendarDate, personValidator } from '../people/people.service.ts';
import { membershipsWritten } from '../tracing/tracing.service.ts';
import { issue, nameKey, parseCommuteMode } from './enterprises.domain.ts';
import * as repo from './enterprises.repository.ts';
import { loadEnterprise, markListConfirmed } from './enterprises.service.ts';
import { parseWorkerSheet, type WorkerColumnKey, workerIssuesSheet, type WorkerSheetRow } from './enterprises.xlsx.ts';
import { commitDrafts, type DraftPlan, type EnterpriseRef, planDrafts, type WorkerDraft } from './workers.core.ts';
import * as workersRepo from './workers.repository.ts';

const LABEL: Partial<Record<WorkerColumnKey | 'changeDate', { vi: string; en: string }>> = {
  employeeCode: { vi: 'Mã nhân viên', en: 'Employee code' },
  workshop: { vi: 'Phân xưởng', en: 'Workshop' },
  shift: { vi: 'Ca làm việc', en: 'Shift' },
  commuteMode: { vi: 'Phương tiện đi làm', en: 'Commute' },
  busRoute: { vi: 'Tuyến xe đưa đón', en: 'Bus route' },
  lodging: { vi: 'Nhà trọ / Ký túc xá', en: 'Boarding house / dormitory' },
  room: { vi: 'Phòng', en: 'Room' },
  homeAddress: { vi: 'Địa chỉ nơi ở hiện tại', en: 'Current address' },
  employedFrom: { vi: 'Ngày vào làm', en: 'Employed from' },
  employedTo: { vi: 'Ngày nghỉ việc', en: 'Employed until' },
};

function fieldIssue(field: WorkerColumnKey, code: string, vi: string, en: string): FieldIssue {
  const l = LABEL[field] ?? { vi: field, en: field };
  return issue(field, code, `${l.vi}: ${vi}`, `${l.en}: ${en}`);
}

/** The enterprise's names (folded) → ids, for the structure columns of a file. */
export async function structureLookup(db: Db, enterprise: EnterpriseRef, lodgingNames: string[]) {
  const [workshops, shifts, routes, rooms] = await Promise.all([
    repo.workshopsOf(db, enterprise.id), repo.shiftsOf(db, enterprise.id), repo.busRoutesOf(db, enterprise.id),
    workersRepo.roomsByHouseNames(db, enterprise.province_code, enterprise.id, [...new Set(lodgingNames.map(nameKey))]),
  ]);
  const route = new Map<string, number>();
  for (const r of routes) {
    route.set(r.name_key, r.group_id);
    if (r.vehicle_plate) route.set(nameKey(r.vehicle_plate), r.group_id);
  }
  const houses = new Map<string, Set<number>>();
  const room = new Map<string, number>();
  for (const r of rooms) {
    const key = nameKey(r.house_name);
    houses.set(key, (houses.get(key) ?? new Set()).add(r.house_id));
    room.set(`${r.house_id}|${nameKey(r.label)}`, r.id);
  }
  return {
    workshop: new Map(workshops.filter((w) => w.active).map((w) => [w.name_key, w.id])),
    shift: new Map(shifts.filter((s) => s.active).map((s) => [s.name_key, s.id])),
    route, houses, room,
  };
}

type Lookup = Awaited<ReturnType<typeof structureLookup>>;

/** Rows → drafts: the person through the register's own validation, the rest against the enterprise's structure. */
async function draftsOf(db: Db, enterprise: EnterpriseRef, rows: WorkerSheetRow[], today: string) {
  const validate = await personValidator(db, rows.map((r) => r.input), today);
  const areas = await communeAreas(db, rows.map((r) => (r.input.communeCode ?? '').trim()).filter((c) => /^\d{5}$/.test(c)));
  const lookup: Lookup = await structureLookup(db, enterprise, rows.map((r) => r.input.lodging ?? '').filter(Boolean));
  const issues: FieldIssue[] = [];
  const drafts: WorkerDraft[] = [];
  for (const r of rows) {
    const rowIssues: FieldIssue[] = [];
    const bad = (i: FieldIssue) => rowIssues.push(i);
    const t = (k: WorkerColumnKey) => (r.input[k] ?? '').replace(/\s+/g, ' ').trim();
    const code = t('employeeCode');
    if (!code) bad(fieldIssue('employeeCode', 'REQUIRED', 'bắt buộc', 'is required'));
    else if (code.length > 30) bad(fieldIssue('employeeCode', 'TOO_LONG', 'tối đa 30 ký tự', 'at most 30 characters'));
    const v = validate(r.input);
    if (!v.ok) rowIssues.push(...v.issues);
    const date = (k: 'employedFrom' | 'employedTo') => {
      const raw = t(k);
      if (!raw) return null;
      const d = parseCalendarDate(raw);
      if (!d) bad(fieldIssue(k, 'INVALID_DATE', `"${raw}" không phải ngày hợp lệ (DD/MM/YYYY)`, `"${raw}" is not a valid date (DD/MM/YYYY)`));
      return d;
    };
    const employedFrom = date('employedFrom');
    if (!t('employedFrom')) bad(fieldIssue('employedFrom', 'REQUIRED', 'bắt buộc (DD/MM/YYYY)', 'is required (DD/MM/YYYY)'));
    const employedTo = date('employedTo');
    if (employedFrom && employedTo && employedTo < employedFrom) bad(fieldIssue('employedTo', 'ORDER', 'trước ngày vào làm', 'is before the employment start'));
    if (employedFrom && employedFrom > today) bad(fieldIssue('employedFrom', 'FUTURE_DATE', 'không được ở tương lai', 'cannot be in the future'));

    const named = (k: 'workshop' | 'shift', map: Map<string, number>) => {
      const raw = t(k);
      if (!raw) return null;
      const id = map.get(nameKey(raw));
      if (id === undefined) bad(fieldIssue(k, k === 'workshop' ? 'UNKNOWN_WORKSHOP' : 'UNKNOWN_SHIFT', `không có "${raw}" trong danh mục của doanh nghiệp`, `"${raw}" is not in the enterprise's catalogue`));
      return id ?? null;
    };
    const workshopId = named('workshop', lookup.workshop);
    const shiftId = named('shift', lookup.shift);
    if ((t('workshop') === '') !== (t('shift') === '')) {
      bad(fieldIssue(t('workshop') ? 'shift' : 'workshop', 'REQUIRED', 'ghi cả phân xưởng và ca', 'give both the workshop and the shift'));
    }
    let commuteMode: CommuteMode | null = null;
    const rawMode = t('commuteMode');
    if (!rawMode) bad(fieldIssue('commuteMode', 'REQUIRED', 'bắt buộc (Xe máy, Xe đưa đón, Nhà trọ, Ký túc xá, Khác)', 'is required (motorbike, company bus, boarding house, dormitory, other)'));
    else if (!(commuteMode = parseCommuteMode(rawMode))) bad(fieldIssue('commuteMode', 'INVALID', `"${rawMode}" không hợp lệ (Xe máy, Xe đưa đón, Nhà trọ, Ký túc xá, Khác)`, `"${rawMode}" is not valid (motorbike, company bus, boarding house, dormitory, other)`));
    let busGroupId: number | null = null;
    const rawRoute = t('busRoute');
    if (rawRoute) {
      busGroupId = lookup.route.get(nameKey(rawRoute)) ?? null;
      if (busGroupId === null) bad(fieldIssue('busRoute', 'UNKNOWN_ROUTE', `không có tuyến "${rawRoute}" của doanh nghiệp`, `the enterprise has no route "${rawRoute}"`));
    } else if (commuteMode === 'bus') bad(fieldIssue('busRoute', 'REQUIRED', 'bắt buộc khi đi xe đưa đón', 'is required for the company bus'));
    let roomGroupId: number | null = null;
    const rawHouse = t('lodging');
    const rawRoom = t('room');
    if (rawHouse || rawRoom) {
      const houses = [...(lookup.houses.get(nameKey(rawHouse)) ?? [])];
      if (!rawHouse) bad(fieldIssue('lodging', 'REQUIRED', 'ghi tên nhà trọ hoặc ký túc xá của phòng', 'give the boarding house or dormitory of the room'));
      else if (houses.length === 0) bad(fieldIssue('lodging', 'UNKNOWN_LODGING', `không có nhà trọ/ký túc xá "${rawHouse}" trong tỉnh`, `no boarding house or dormitory "${rawHouse}" in the province`));
      else if (houses.length > 1) bad(fieldIssue('lodging', 'AMBIGUOUS', `có ${houses.length} nơi cùng tên "${rawHouse}"`, `${houses.length} places share the name "${rawHouse}"`));
      else if (!rawRoom) bad(fieldIssue('room', 'REQUIRED', 'bắt buộc khi ghi nhà trọ/ký túc xá', 'is required with a lodging'));
      else {
        roomGroupId = lookup.room.get(`${houses[0]}|${nameKey(rawRoom)}`) ?? null;
        if (roomGroupId === null) bad(fieldIssue('room', 'UNKNOWN_ROOM', `"${rawHouse}" không có phòng "${rawRoom}"`, `"${rawHouse}" has no room "${rawRoom}"`));
      }
    } else if (commuteMode === 'boarding_house' || commuteMode === 'dormitory') {
      bad(fieldIssue('lodging', 'REQUIRED', 'bắt buộc khi ở nhà trọ hoặc ký túc xá', 'is required for a boarding house or dormitory'));
    }
    const homeAddress = t('homeAddress') || null;
    if (homeAddress && homeAddress.length > 200) bad(fieldIssue('homeAddress', 'TOO_LONG', 'tối đa 200 ký tự', 'at most 200 characters'));

    const area = v.ok ? areas.get(v.value.communeCode) : undefined;
    if (rowIssues.length || !v.ok || !area || !commuteMode || !employedFrom) {
      issues.push(...rowIssues.map((i) => ({ ...i, row: r.row })));
      continue;
    }
    drafts.push({
      row: r.row, employeeCode: code, person: v.value, area, commuteMode,
      assignment: { workshopId, shiftId, busGroupId, roomGroupId }, homeAddress, employedFrom, employedTo,
    });
  }
  return { issues, drafts };
}

export interface ImportOptions { dryRun: boolean; changeDate?: string | undefined; today?: string | undefined; now?: Date | undefined }

const PREVIEW_ROWS = 1000;

function report(plan: DraftPlan, total: number, dryRun: boolean) {
  const order = { create: 0, update: 1, unchanged: 2 } as const;
  const rows = [...plan.planned]
    .sort((a, b) => order[a.status] - order[b.status] || a.draft.row - b.draft.row)
    .slice(0, PREVIEW_ROWS)
    .map((p) => ({ row: p.draft.row, employeeCode: p.draft.employeeCode, fullName: p.draft.person.fullName, status: p.status, changed: p.changed, existingPerson: p.status === 'create' && p.personId !== null }));
  return { dryRun, total, created: plan.counts.create, updated: plan.counts.update, unchanged: plan.counts.unchanged, issues: [] as FieldIssue[], rows };
}

/**
 * The wizard sends the same file twice (preview, then commit): its rows, a pure function of its
 * bytes, are kept for a few minutes by content hash so the commit does not read the workbook again.
 * Everything that depends on the database is checked again at commit.
 */
const parsedSheets = new Map<string, { at: number; rows: WorkerSheetRow[] }>();
const PARSED_TTL_MS = 10 * 60_000;

const fileHash = (file: Buffer) => createHash('sha256').update(file).digest('hex');

async function parseCached(file: Buffer, key = fileHash(file)): Promise<WorkerSheetRow[]> {
  const now = Date.now();
  for (const [k, v] of parsedSheets) if (now - v.at > PARSED_TTL_MS) parsedSheets.delete(k);
  const hit = parsedSheets.get(key);
  if (hit) return hit.rows;
  const rows = await parseWorkerSheet(file);
  if (parsedSheets.size >= 4) parsedSheets.delete(parsedSheets.keys().next().value!);
  parsedSheets.set(key, { at: now, rows });
  return rows;
}

async function checkFile(db: Db, enterprise: EnterpriseRef, file: Buffer, today: string, changeDate: string) {
  if (changeDate > today) throw new ValidationError([issue('changeDate', 'FUTURE_DATE', 'Ngày thay đổi: không được ở tương lai', 'Change date: cannot be in the future')]);
  const rows = await parseCached(file);
  const { issues, drafts } = await draftsOf(db, enterprise, rows, today);
  const plan = await planDrafts(db, enterprise, drafts, changeDate);
  const all = [...issues, ...plan.issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { rows, plan, issues: all };
}

type Checked = Awaited<ReturnType<typeof checkFile>>;

/**
 * On PGlite the preview's plan of a file without issues is kept for its commit while the database
 * has not been written at all in between: the WAL insert position (`pg_current_wal_insert_lsn`)
 * moves with any write, so the commit, reading it again inside its transaction (the one connection
 * runs nothing else meanwhile), either finds it unchanged — the same file, enterprise and dates
 * checked against the same data make the same plan — or checks the file again. On PostgreSQL other
 * sessions write at any time and the commit always checks again. One entry per database, used once.
 */
const previewPlans = new WeakMap<Db, { key: string; lsn: string; at: number; checked: Checked }>();

const walPosition = async (db: Db) => (await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db)).rows[0]!.lsn;

/**
 * Preview (dryRun) or commit of an enterprise's worker list. Any row issue rejects the file with
 * the full per-row report (400, nothing written); the commit re-checks inside its transaction.
 */
export async function importWorkers(db: Db, actor: Actor, enterpriseId: number, file: Buffer, opts: ImportOptions) {
  const now = opts.now ?? new Date();
  const today = opts.today ?? vnDate(now);
  const changeDate = opts.changeDate ?? today;
  const e = await loadEnterprise(db, actor, enterpriseId, 'import', today);
  const embedded = isEmbedded(db);
  const key = `${e.id}|${today}|${changeDate}|${fileHash(file)}`;
  if (opts.dryRun) {
    const checked = await checkFile(db, e, file, today, changeDate);
    if (checked.issues.length) throw new ValidationError(checked.issues);
    if (embedded) previewPlans.set(db, { key, lsn: await walPosition(db), at: Date.now(), checked });
    return report(checked.plan, checked.rows.length, true);
  }
  const { out, result } = await db.transaction().execute(async (trx) => {
    const previewPlan = previewPlans.get(db);
    previewPlans.delete(db);
    const kept = previewPlan?.key === key && Date.now() - previewPlan.at < PARSED_TTL_MS && previewPlan.lsn === (await walPosition(trx)) ? previewPlan.checked : null;
    // One import of a list at a time: the plan below stays true until the commit.
    await trx.selectFrom('org_unit').select('id').where('id', '=', e.id).forUpdate().execute();
    const { rows, plan, issues } = kept ?? (await checkFile(trx, e, file, today, changeDate));
    if (issues.length) throw new ValidationError(issues);
    const result = await commitDrafts(trx, e, plan, changeDate, today, embedded);
    await markListConfirmed(trx, e.id, now);
    // The import's entry names every worker it created (id and code); each update is an entry of its own with what changed.
    await recordAudit(trx, actor, [
      {
        action: 'import', recordKind: 'enterprise', recordId: e.id,
        detail: { enterpriseId: e.id, rows: rows.length, created: result.created.map((c) => [c.workerId, c.employeeCode]), updated: plan.counts.update, unchanged: plan.counts.unchanged, changeDate },
      },
      ...result.updated.map((u) => ({ action: 'update' as const, recordKind: 'worker', recordId: u.workerId, detail: { via: 'import', row: u.row, employeeCode: u.employeeCode, changed: u.changed, changeDate } })),
    ]);
    return { out: report(plan, rows.length, false), result };
  });
  membershipsWritten(db, actor.provinceCode, { groups: result.newGroups.map((id) => ({ id, kind: 'workshop_shift' as const })), put: result.put, removed: result.removed });
  return out;
}

/** The per-row error report of a file (empty sheet when it has no issues). */
export async function importIssuesReport(db: Db, actor: Actor, enterpriseId: number, file: Buffer, opts: { changeDate?: string | undefined }) {
  const today = vnDate();
  const e = await loadEnterprise(db, actor, enterpriseId, 'import', today);
  let issues: FieldIssue[];
  try {
    issues = (await checkFile(db, e, file, today, opts.changeDate ?? today)).issues;
  } catch (err) {
    if (err instanceof ValidationError) issues = err.issues;
    else throw err;
  }
  return workerIssuesSheet(issues);
}
