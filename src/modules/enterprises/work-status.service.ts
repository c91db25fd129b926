/**
 * Who may work today (issue 7): each worker's status under the work-status rule version in force,
 * one worker (the worker drawer) or the enterprise's list for a day's shifts (paged, XLSX). The
 * facts come only from the owning modules' published batch reads (cases, quarantine, testing,
 * vaccination), so a list of thousands is five queries.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import type { OperatingStatus } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { neutraliseFormula, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import { Errors } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/policy.ts';
import { casesOfPeople } from '../cases/cases.service.ts';
import { personalFieldsFor } from '../people/people.service.ts';
import { quarantineStatusOfMany } from '../quarantine/quarantine.service.ts';
import { workStatusRuleVersions } from '../rules/rules.service.ts';
import { awaitingTestSinceMany } from '../testing/testing.service.ts';
import { vaccinationStatusOf } from '../vaccination/vaccination.published.ts';
import { loadEnterprise } from './enterprises.service.ts';
import { type WorkFacts, type WorkStatus, type WorkStatusRuleVersion, workRuleFor, workStatus } from './work-status.domain.ts';
import * as repo from './work-status.repository.ts';

/** The rule version in force on a day for the actor's province. */
export async function workRuleOn(db: Db, provinceCode: string, day: string): Promise<WorkStatusRuleVersion> {
  return workRuleFor(await workStatusRuleVersions(db, provinceCode), day);
}

/** Each person's facts on the day from the published reads of the owning modules. */
export async function workFactsOf(db: Db, personIds: readonly number[], day: string, enterpriseStatus: OperatingStatus): Promise<Map<number, WorkFacts>> {
  const ids = [...new Set(personIds)];
  const [cases, orders, awaiting, vacc] = await Promise.all([
    casesOfPeople(db, ids, day, day), quarantineStatusOfMany(db, ids, day), awaitingTestSinceMany(db, ids, day), vaccinationStatusOf(db, ids, day),
  ]);
  const openCase = new Map<number, string>();
  for (const c of cases) if (c.open && !openCase.has(c.personId)) openCase.set(c.personId, c.confirmationDate);
  const out = new Map<number, WorkFacts>();
  for (const id of ids) {
    const o = orders.get(id);
    out.set(id, {
      openCaseSince: openCase.get(id) ?? null, f1Since: o?.f1Since ?? null, f1RiskGroup: o?.f1RiskGroup ?? null, f2Since: o?.f2Since ?? null,
      awaitingTestSince: awaiting.get(id) ?? null, vaccination: vacc.get(id) ?? null, enterpriseStatus,
    });
  }
  return out;
}

export interface WorkListQuery {
  date?: string | undefined;
  shiftId?: number | undefined;
  workshopId?: number | undefined;
  mayWork?: boolean | undefined;
  page: number;
  pageSize: number;
}

async function statuses(db: Db, actor: Actor, enterpriseId: number, q: Omit<WorkListQuery, 'page' | 'pageSize' | 'mayWork'> & { workerId?: number | undefined }, today: string) {
  const day = q.date ?? today;
  const e = await loadEnterprise(db, actor, enterpriseId, 'read', today);
  const [rule, status, workers] = await Promise.all([
    workRuleOn(db, actor.provinceCode, day), repo.statusOn(db, enterpriseId, day, e.operating_status ?? 'operating'), repo.workersOnDay(db, enterpriseId, day, q),
  ]);
  const facts = await workFactsOf(db, workers.map((w) => w.person_id), day, status);
  const rows = workers.map((w) => ({ w, s: workStatus(rule, facts.get(w.person_id)!, day) }));
  return { day, rule, status, rows };
}

function present(w: repo.DayWorker, s: WorkStatus, actor: Actor) {
  return {
    workerId: w.id, personId: w.person_id, employeeCode: w.employee_code, fullName: w.full_name, phone: personalFieldsFor(w, actor).phone,
    workshopId: w.workshop_id, workshopName: w.workshop_name, shiftId: w.shift_id, shiftName: w.shift_name, ...s,
  };
}

/** The day's list per shift: who may work and who may not with the reason; counts per shift. Audited (it names people). */
export async function workStatusList(db: Db, actor: Actor, enterpriseId: number, q: WorkListQuery, today = vnDate()) {
  const { day, rule, status, rows } = await statuses(db, actor, enterpriseId, q, today);
  const shifts = new Map<string, { shiftId: number | null; shiftName: string | null; total: number; mayWork: number; mayNotWork: number }>();
  for (const { w, s } of rows) {
    const key = String(w.shift_id);
    const b = shifts.get(key) ?? { shiftId: w.shift_id, shiftName: w.shift_name, total: 0, mayWork: 0, mayNotWork: 0 };
    b.total++;
    if (s.mayWork) b.mayWork++;
    else b.mayNotWork++;
    shifts.set(key, b);
  }
  const picked = q.mayWork === undefined ? rows : rows.filter((r) => r.s.mayWork === q.mayWork);
  const items = picked.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map(({ w, s }) => present(w, s, actor));
  await recordAudit(db, actor, { action: 'read', recordKind: 'enterprise_work_status', recordId: enterpriseId, detail: { date: day, shiftId: q.shiftId ?? null, workshopId: q.workshopId ?? null, people: items.length } });
  return {
    date: day, ruleCode: rule.code, ruleName: rule.name, operatingStatus: status, shifts: [...shifts.values()],
    total: picked.length, page: q.page, pageSize: q.pageSize, items,
  };
}

/** One worker's status on a day (the worker drawer); the read is audited. */
export async function workerWorkStatus(db: Db, actor: Actor, enterpriseId: number, workerId: number, date?: string, today = vnDate()) {
  const { day, rows } = await statuses(db, actor, enterpriseId, { date, workerId }, today);
  const r = rows[0];
  if (!r) throw Errors.notFound({ vi: `công nhân ${workerId} đang làm việc ngày ${vnDateText(day)}`, en: `worker ${workerId} employed on ${day}` });
  await recordAudit(db, actor, { action: 'read', recordKind: 'worker_work_status', recordId: workerId, detail: { personId: r.w.person_id, date: day } });
  return { date: day, ...r.s };
}

/** The day's list as XLSX (all rows of the filter), masked like the screen. */
export async function exportWorkStatus(db: Db, actor: Actor, enterpriseId: number, q: Omit<WorkListQuery, 'page' | 'pageSize'>, today = vnDate()): Promise<Buffer> {
  const { day, rule, rows } = await statuses(db, actor, enterpriseId, q, today);
  const picked = q.mayWork === undefined ? rows : rows.filter((r) => r.s.mayWork === q.mayWork);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Đi làm hôm nay');
  ws.addRow([`Danh sách đi làm ngày ${vnDateText(day)} – quy định ${rule.code}`]).font = { bold: true };
  ws.addRow(['Mã NV', 'Họ và tên', 'Số điện thoại', 'Phân xưởng', 'Ca', 'Được đi làm', 'Lý do', 'Từ ngày']).font = { bold: true };
  for (const { w, s } of picked) {
    const p = present(w, s, actor);
    ws.addRow([p.employeeCode, p.fullName, p.phone ?? '', p.workshopName ?? '', p.shiftName ?? '', p.mayWork ? 'Có' : 'Không', s.note.vi, s.since ? vnDateText(s.since) : '']
      .map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
  }
  ws.columns.forEach((c, i) => { c.width = [12, 26, 14, 20, 14, 12, 50, 12][i]; });
  await recordAudit(db, actor, { action: 'export', recordKind: 'enterprise_work_status', recordId: enterpriseId, detail: { date: day, rows: picked.length } });
  return await workbookBuffer(wb);
}
