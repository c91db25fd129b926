/**
 * Directives of the command centre: agencies, steering meetings with their numbered conclusions,
 * the notice of conclusions (DOCX) and the follow-up table (XLSX). Tasks, reports and reviews are in
 * directives.tasks.ts; alerts, notifications and search in directives.alerts.ts. The command centre
 * (`directive:manage`) writes; agency officers see what their agency leads or supports.
 */
import type { Db } from '../../db/database.ts';
import { dayNumber, vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission, directiveAgencyOf } from '../auth/policy.ts';
import { lookupUnit } from '../places/places.service.ts';
import { dashboard } from '../situation/situation.dashboard.ts';
import { noticeDocx } from './directives.docx.ts';
import { agencyMatches, type AgencyView, presentAgency, presentTasks, sortAgencies } from './directives.presenter.ts';
import * as repo from './directives.repository.ts';
import { followUpXlsx } from './directives.xlsx.ts';

export const MAX_TEXT = 20_000;
const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const meetingLabel = (id: number) => ({ vi: `cuộc họp ${id}`, en: `meeting ${id}` });
const clean = (s: string) => s.normalize('NFC').trim();

// ---- agencies

export async function listAgencies(db: Db, actor: Actor, q: { q?: string | undefined; includeInactive?: boolean | undefined }) {
  assertPermission(actor, 'directive:read');
  let items = (await repo.listAgencies(db, actor.provinceCode)).map(presentAgency);
  if (!q.includeInactive) items = items.filter((a) => a.active);
  if (q.q?.trim()) items = items.filter((a) => agencyMatches(a, q.q!.trim()));
  return { items: sortAgencies(items) };
}

async function agencyById(db: Db, actor: Actor, id: number): Promise<AgencyView> {
  const [row] = await repo.listAgencies(db, actor.provinceCode, [id]);
  if (!row) throw Errors.notFound({ vi: `cơ quan ${id}`, en: `agency ${id}` });
  return presentAgency(row);
}

async function checkAgencyName(db: Db, actor: Actor, name: string, exceptId: number | null) {
  const folded = foldVietnamese(name);
  const clash = (await repo.listAgencies(db, actor.provinceCode)).find((a) => a.id !== exceptId && foldVietnamese(a.name) === folded);
  if (clash) throw Errors.duplicate('name', { vi: `cơ quan "${clash.name}"`, en: `agency "${clash.name}"` });
}

export interface AgencyInput { name: string; shortName: string; agencyKind: repo.AgencyAttrs['agencyKind']; districtCode?: string | null | undefined }

export async function createAgency(db: Db, actor: Actor, input: AgencyInput) {
  assertPermission(actor, 'directive:manage');
  const name = clean(input.name);
  const shortName = clean(input.shortName);
  const issues: FieldIssue[] = [];
  if (!name) issues.push(issue('name', 'REQUIRED', 'Cần tên cơ quan', 'The agency needs a name'));
  if (!shortName) issues.push(issue('shortName', 'REQUIRED', 'Cần tên viết tắt', 'The agency needs a short name'));
  if (input.districtCode) {
    const d = await lookupUnit(db, input.districtCode);
    if (d?.level !== 'district' || d.province_code !== actor.provinceCode) {
      issues.push(issue('districtCode', 'UNKNOWN', `Không có huyện mã ${input.districtCode} trong tỉnh`, `No district ${input.districtCode} in the province`));
    }
  }
  if (issues.length) throw new ValidationError(issues);
  await checkAgencyName(db, actor, name, null);
  const attrs: repo.AgencyAttrs = { shortName, agencyKind: input.agencyKind, active: true };
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertAgency(trx, actor.provinceCode, { name, districtCode: input.districtCode ?? null, attrs });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'agency', recordId: id, detail: { after: { name, ...attrs, districtCode: input.districtCode ?? null } } });
    return id;
  });
  return agencyById(db, actor, id);
}

/** Renames or (de)activates an agency; an inactive agency keeps its tasks but gets no new ones. */
export async function updateAgency(db: Db, actor: Actor, id: number, input: { name?: string | undefined; shortName?: string | undefined; active?: boolean | undefined }) {
  assertPermission(actor, 'directive:manage');
  const before = await agencyById(db, actor, id);
  const name = input.name === undefined ? before.name : clean(input.name);
  const shortName = input.shortName === undefined ? before.shortName : clean(input.shortName);
  const issues: FieldIssue[] = [];
  if (!name) issues.push(issue('name', 'REQUIRED', 'Cần tên cơ quan', 'The agency needs a name'));
  if (!shortName) issues.push(issue('shortName', 'REQUIRED', 'Cần tên viết tắt', 'The agency needs a short name'));
  if (issues.length) throw new ValidationError(issues);
  if (name !== before.name) await checkAgencyName(db, actor, name, id);
  const attrs: repo.AgencyAttrs = { shortName, agencyKind: before.agencyKind, active: input.active ?? before.active };
  await db.transaction().execute(async (trx) => {
    await repo.updateAgency(trx, id, { name, attrs });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'agency', recordId: id, detail: { before, after: { name, ...attrs } } });
  });
  return agencyById(db, actor, id);
}

// ---- meetings

export interface SituationSnapshot {
  asOf: string; newCases: number | null; newCases7d: number | null; cumulative: number | null; activeClusters: number | null; f1: number | null; f2: number | null;
  quarantineOccupied: number | null; quarantineCapacity: number | null; bedsOccupied: number | null; icuOccupied: number | null; testsToday: number | null;
}

/** The situation room's figures of the province on a day, through the dashboard's published function. */
export async function situationSnapshot(db: Db, actor: Actor, day: string): Promise<SituationSnapshot> {
  const d = await dashboard(db, actor, { date: day });
  const beds = d.province.treatment.beds;
  return {
    asOf: d.date, newCases: d.cases.today.total, newCases7d: d.cases.last7Days.total, cumulative: d.cases.cumulative, activeClusters: d.clusters.active,
    f1: d.province.contacts.f1, f2: d.province.contacts.f2, quarantineOccupied: d.province.quarantine.used, quarantineCapacity: d.province.quarantine.capacity,
    bedsOccupied: beds.normal.used + beds.oxygen.used + beds.icu.used, icuOccupied: beds.icu.used, testsToday: d.province.testing.takenOnDay,
  };
}

export interface MeetingInput { heldOn: string; title: string; chair: string; attendees: string[]; noticeNo?: string | null | undefined; items: string[] }

function meetingIssues(input: Partial<MeetingInput>, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.heldOn !== undefined) {
    let valid = true;
    try {
      dayNumber(input.heldOn);
    } catch {
      valid = false;
      issues.push(issue('heldOn', 'INVALID_DATE', `Ngày ${input.heldOn} không có trên lịch`, `${input.heldOn} is not a calendar date`));
    }
    if (valid && input.heldOn > today) issues.push(issue('heldOn', 'FUTURE', 'Ngày họp ở tương lai', 'The meeting date is in the future'));
  }
  if (input.title !== undefined && !clean(input.title)) issues.push(issue('title', 'REQUIRED', 'Cần tên cuộc họp', 'The meeting needs a title'));
  if (input.chair !== undefined && !clean(input.chair)) issues.push(issue('chair', 'REQUIRED', 'Cần người chủ trì', 'The meeting needs a chair'));
  input.items?.forEach((t, i) => {
    if (!clean(t)) issues.push(issue(`items.${i}`, 'REQUIRED', `Kết luận số ${i + 1} trống`, `Conclusion ${i + 1} is empty`));
  });
  return issues;
}

export async function createMeeting(db: Db, actor: Actor, input: MeetingInput, now = new Date()) {
  assertPermission(actor, 'directive:manage');
  const issues = meetingIssues(input, vnDate(now));
  if (issues.length) throw new ValidationError(issues);
  // Taken before the transaction: the dashboard reads through its own module.
  const situation = await situationSnapshot(db, actor, input.heldOn);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('directive_meeting').values({
      province_code: actor.provinceCode, held_on: input.heldOn, title: clean(input.title), chair: clean(input.chair),
      attendees: JSON.stringify(input.attendees.map(clean).filter(Boolean)), notice_no: input.noticeNo?.trim() || null,
      situation: JSON.stringify(situation), created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.items.length) {
      await trx.insertInto('directive_item').values(input.items.map((text, i) => ({ meeting_id: id, ordinal: i + 1, text: clean(text) }))).execute();
    }
    await recordAudit(trx, actor, { action: 'create', recordKind: 'directive_meeting', recordId: id, detail: { after: { ...input, situation } } });
    return id;
  });
  return getMeeting(db, actor, id, now);
}

async function meetingRow(db: Db, actor: Actor, id: number) {
  const m = await repo.findMeeting(db, actor.provinceCode, id);
  if (!m) throw Errors.notFound(meetingLabel(id));
  return m;
}

export async function getMeeting(db: Db, actor: Actor, id: number, now = new Date()) {
  assertPermission(actor, 'directive:read');
  const m = await meetingRow(db, actor, id);
  const scopeAgencyId = directiveAgencyOf(actor);
  const [items, rows] = await Promise.all([repo.itemsOf(db, id), repo.findTasks(db, { provinceCode: actor.provinceCode, scopeAgencyId, meetingId: id })]);
  // An agency sees the meetings that gave it a task.
  if (scopeAgencyId !== null && rows.length === 0) throw Errors.outOfScope();
  const tasks = await presentTasks(db, actor.provinceCode, rows, now);
  return {
    id: m.id, heldOn: m.held_on, title: m.title, chair: m.chair, attendees: m.attendees, noticeNo: m.notice_no,
    situation: (m.situation ?? null) as SituationSnapshot | null,
    items: items.map((i) => ({ id: i.id, ordinal: i.ordinal, text: i.text, tasks: tasks.filter((t) => t.summary.itemId === i.id).map((t) => t.summary) })),
    createdAt: m.created_at.toISOString(), createdBy: m.username ? { username: m.username, fullName: m.full_name } : null,
  };
}

export async function listMeetings(db: Db, actor: Actor, q: { q?: string | undefined; from?: string | undefined; to?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'directive:read');
  const { items, total } = await repo.findMeetings(db, { provinceCode: actor.provinceCode, agencyId: directiveAgencyOf(actor), q: q.q, from: q.from, to: q.to }, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: items.map((m) => ({ id: m.id, heldOn: m.held_on, title: m.title, chair: m.chair, noticeNo: m.notice_no, items: m.items, tasks: m.tasks, openTasks: m.open_tasks })),
    total, page: q.page, pageSize: q.pageSize,
  };
}

export async function updateMeeting(db: Db, actor: Actor, id: number, input: { title?: string | undefined; chair?: string | undefined; attendees?: string[] | undefined; noticeNo?: string | null | undefined }) {
  assertPermission(actor, 'directive:manage');
  const before = await meetingRow(db, actor, id);
  const issues = meetingIssues({ title: input.title, chair: input.chair }, vnDate());
  if (issues.length) throw new ValidationError(issues);
  const set = {
    ...(input.title !== undefined ? { title: clean(input.title) } : {}),
    ...(input.chair !== undefined ? { chair: clean(input.chair) } : {}),
    ...(input.attendees !== undefined ? { attendees: JSON.stringify(input.attendees.map(clean).filter(Boolean)) } : {}),
    ...(input.noticeNo !== undefined ? { notice_no: input.noticeNo?.trim() || null } : {}),
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('directive_meeting').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'directive_meeting', recordId: id,
      detail: { before: { title: before.title, chair: before.chair, attendees: before.attendees, noticeNo: before.notice_no }, after: input },
    });
  });
  return getMeeting(db, actor, id);
}

function itemText(text: string): string {
  const t = clean(text);
  if (!t) throw new ValidationError([issue('text', 'REQUIRED', 'Nội dung kết luận trống', 'The conclusion is empty')]);
  return t;
}

/** Appends a conclusion (the next number). */
export async function addItem(db: Db, actor: Actor, meetingId: number, input: { text: string }) {
  assertPermission(actor, 'directive:manage');
  await meetingRow(db, actor, meetingId);
  const text = itemText(input.text);
  const item = await db.transaction().execute(async (trx) => {
    // One writer at a time per meeting: the numbers stay 1..n.
    await trx.selectFrom('directive_meeting').select('id').where('id', '=', meetingId).forUpdate().execute();
    const ordinal = await repo.nextOrdinal(trx, meetingId);
    const row = await trx.insertInto('directive_item').values({ meeting_id: meetingId, ordinal, text }).returning(['id', 'ordinal', 'text']).executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'directive_item', recordId: row.id, detail: { after: { meetingId, ordinal, text } } });
    return row;
  });
  return { ...item, tasks: [] };
}

export async function updateItem(db: Db, actor: Actor, meetingId: number, itemId: number, input: { text: string }, now = new Date()) {
  assertPermission(actor, 'directive:manage');
  await meetingRow(db, actor, meetingId);
  const before = await repo.findItem(db, meetingId, itemId);
  if (!before) throw Errors.notFound({ vi: `kết luận ${itemId} của cuộc họp ${meetingId}`, en: `conclusion ${itemId} of meeting ${meetingId}` });
  const text = itemText(input.text);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('directive_item').set({ text, updated_at: new Date() }).where('id', '=', itemId).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'directive_item', recordId: itemId, detail: { before: { text: before.text }, after: { text } } });
  });
  const meeting = await getMeeting(db, actor, meetingId, now);
  return meeting.items.find((i) => i.id === itemId)!;
}

// ---- documents

const PROVINCE_NAME_FALLBACK = (code: string) => `Tỉnh ${code}`;

/** The notice of conclusions (Thông báo kết luận) of a meeting as a Word file: every item in order with all its tasks. */
export async function meetingNotice(db: Db, actor: Actor, id: number, now = new Date()) {
  assertPermission(actor, 'directive:read');
  const m = await meetingRow(db, actor, id);
  if (directiveAgencyOf(actor) !== null) {
    // The notice names every agency's tasks: an agency downloads it for a meeting that gave it one.
    const own = await repo.findTasks(db, { provinceCode: actor.provinceCode, scopeAgencyId: directiveAgencyOf(actor), meetingId: id });
    if (own.length === 0) throw Errors.outOfScope();
  }
  const [items, rows, province] = await Promise.all([
    repo.itemsOf(db, id), repo.findTasks(db, { provinceCode: actor.provinceCode, scopeAgencyId: null, meetingId: id }), lookupUnit(db, actor.provinceCode),
  ]);
  const tasks = await presentTasks(db, actor.provinceCode, rows, now);
  const file = await noticeDocx({
    provinceName: province?.name ?? PROVINCE_NAME_FALLBACK(actor.provinceCode),
    meeting: { heldOn: m.held_on, title: m.title, chair: m.chair, attendees: m.attendees, noticeNo: m.notice_no, situation: (m.situation ?? null) as SituationSnapshot | null },
    items: items.map((i) => ({ ordinal: i.ordinal, text: i.text, tasks: tasks.filter((t) => t.summary.itemId === i.id).map((t) => ({ ...t.summary, body: t.body })) })),
  });
  await recordAudit(db, actor, { action: 'export', recordKind: 'directive_meeting', recordId: id, detail: { file: 'notice.docx' } });
  return { file, fileName: `thong-bao-ket-luan-${m.held_on}.docx` };
}

/** The follow-up table for the next briefing: every task (or the open ones) of a meeting or of all, with its latest report. */
export async function followUp(db: Db, actor: Actor, q: { meetingId?: number | undefined; status?: 'open' | 'all' | undefined }, now = new Date()) {
  assertPermission(actor, 'directive:read');
  if (q.meetingId !== undefined) await meetingRow(db, actor, q.meetingId);
  const rows = await repo.findTasks(db, { provinceCode: actor.provinceCode, scopeAgencyId: directiveAgencyOf(actor), meetingId: q.meetingId, openOnly: (q.status ?? 'open') === 'open' });
  const tasks = await presentTasks(db, actor.provinceCode, rows, now);
  // Meeting by meeting (oldest first), then by conclusion number.
  tasks.sort((a, b) => (a.heldOn ?? '').localeCompare(b.heldOn ?? '') || (a.summary.itemOrdinal ?? 0) - (b.summary.itemOrdinal ?? 0) || a.summary.id - b.summary.id);
  const province = await lookupUnit(db, actor.provinceCode);
  const file = await followUpXlsx({ provinceName: province?.name ?? PROVINCE_NAME_FALLBACK(actor.provinceCode), asOf: vnDate(now), tasks });
  await recordAudit(db, actor, { action: 'export', recordKind: 'directive_task', detail: { file: 'follow-up.xlsx', ...q, rows: tasks.length } });
  return { file, fileName: `theo-doi-nhiem-vu-${vnDate(now)}.xlsx` };
}
