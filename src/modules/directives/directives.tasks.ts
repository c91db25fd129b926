/**
 * Tasks given by the command centre: assigned to a lead agency with supporting agencies and a
 * deadline; the lead agency's officers report progress (text, percent, attachments) and mark them
 * done; the command centre accepts or returns them. Every change is checked whole before anything
 * is written, then written in one transaction with its history event and audit entry.
 */
import type { Db } from '../../db/database.ts';
import type { DirectiveConcernsKind } from '../../db/schema.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertDirectiveInScope, assertPermission, directiveAgencyOf, mayReportOnDirective } from '../auth/policy.ts';
import { clusterName } from '../clusters/clusters.service.ts';
import { FACILITY_KINDS } from '../places/places.domain.ts';
import { lookupUnit, orgUnitName } from '../places/places.service.ts';
import { findZone } from '../zones/zones.service.ts';
import { type Deadline, deadlineColumns, deadlineIssues, deadlineOf, mayReview, statusAfterReport } from './directives.domain.ts';
import { presentAgency, presentTasks, sortTasks, type TaskSort } from './directives.presenter.ts';
import * as repo from './directives.repository.ts';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const clean = (s: string) => s.normalize('NFC').trim();
const taskLabel = (id: number) => ({ vi: `nhiệm vụ ${id}`, en: `task ${id}` });

export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface TaskInput {
  meetingId?: number | null | undefined;
  itemId?: number | null | undefined;
  title: string;
  body: string;
  leadAgencyId?: number | null | undefined;
  supportAgencyIds: number[];
  deadline: Deadline;
  priority: 'high' | 'normal' | 'low';
  concerns?: { kind: DirectiveConcernsKind; ref: string } | null | undefined;
}

interface CheckedTask { meetingId: number | null; itemId: number | null; supports: number[]; concernsLabel: string | null }

async function concernsLabel(db: Db, actor: Actor, c: { kind: DirectiveConcernsKind; ref: string }): Promise<string | undefined> {
  const id = /^\d{1,9}$/.test(c.ref) ? Number(c.ref) : null;
  switch (c.kind) {
    case 'commune': {
      const u = await lookupUnit(db, c.ref);
      return u?.level === 'commune' && u.province_code === actor.provinceCode ? u.name : undefined;
    }
    case 'zone':
      return id === null ? undefined : (await findZone(db, actor, id))?.name;
    case 'cluster':
      return id === null ? undefined : clusterName(db, actor.provinceCode, id);
    case 'enterprise':
      return id === null ? undefined : orgUnitName(db, actor.provinceCode, id, ['enterprise']);
    case 'facility':
      return id === null ? undefined : orgUnitName(db, actor.provinceCode, id, FACILITY_KINDS);
  }
}

/** Every problem of a task at once (nothing is written when there is one). */
async function checkTask(db: Db, actor: Actor, input: TaskInput, current: { leadAgencyId: number } | null): Promise<CheckedTask> {
  const issues: FieldIssue[] = [];
  if (!clean(input.title)) issues.push(issue('title', 'REQUIRED', 'Cần tên nhiệm vụ', 'The task needs a title'));
  const wanted = [...new Set([...(input.leadAgencyId ? [input.leadAgencyId] : []), ...input.supportAgencyIds])];
  const agencies = new Map((await repo.listAgencies(db, actor.provinceCode, wanted)).map((a) => [a.id, presentAgency(a)]));
  if (!input.leadAgencyId) {
    issues.push(issue('leadAgencyId', 'REQUIRED', 'Cần giao cơ quan chủ trì thực hiện nhiệm vụ', 'The task needs a lead agency'));
  } else {
    const lead = agencies.get(input.leadAgencyId);
    if (!lead) issues.push(issue('leadAgencyId', 'UNKNOWN', `Không có cơ quan mã ${input.leadAgencyId} trong tỉnh`, `No agency ${input.leadAgencyId} in the province`));
    else if (!lead.active && current?.leadAgencyId !== lead.id) issues.push(issue('leadAgencyId', 'INACTIVE', `${lead.name} đã ngừng hoạt động`, `${lead.name} is no longer active`));
  }
  const supports: number[] = [];
  input.supportAgencyIds.forEach((id, i) => {
    const a = agencies.get(id);
    if (!a) issues.push(issue(`supportAgencyIds.${i}`, 'UNKNOWN', `Không có cơ quan mã ${id} trong tỉnh`, `No agency ${id} in the province`));
    else if (id === input.leadAgencyId) issues.push(issue(`supportAgencyIds.${i}`, 'LEAD_ALSO_SUPPORT', `${a.name} là cơ quan chủ trì, không đồng thời là cơ quan phối hợp`, `${a.name} leads the task and cannot also support it`));
    else if (!supports.includes(id)) supports.push(id);
  });

  let meetingId = input.meetingId ?? null;
  let heldOn: string | null = null;
  const itemId = input.itemId ?? null;
  if (itemId !== null) {
    const item = await repo.itemWithMeeting(db, actor.provinceCode, itemId);
    if (!item || (meetingId !== null && item.meeting_id !== meetingId)) {
      issues.push(issue('itemId', 'UNKNOWN', `Không có kết luận mã ${itemId}${meetingId ? ` trong cuộc họp ${meetingId}` : ''}`, `No conclusion ${itemId}${meetingId ? ` in meeting ${meetingId}` : ''}`));
    } else {
      meetingId = item.meeting_id;
      heldOn = item.held_on;
    }
  } else if (meetingId !== null) {
    const m = await repo.findMeeting(db, actor.provinceCode, meetingId);
    if (!m) issues.push(issue('meetingId', 'UNKNOWN', `Không có cuộc họp mã ${meetingId}`, `No meeting ${meetingId}`));
    else heldOn = m.held_on;
  }
  issues.push(...deadlineIssues(input.deadline, heldOn));

  let label: string | null = null;
  if (input.concerns) {
    label = (await concernsLabel(db, actor, input.concerns)) ?? null;
    if (label === null) issues.push(issue('concerns.ref', 'UNKNOWN', `Không tìm thấy ${input.concerns.kind} "${input.concerns.ref}" trong tỉnh`, `No ${input.concerns.kind} "${input.concerns.ref}" in the province`));
  }
  if (issues.length) throw new ValidationError(issues);
  return { meetingId, itemId, supports, concernsLabel: label };
}

async function visibleTask(db: Db, actor: Actor, id: number) {
  const row = await repo.taskRow(db, actor.provinceCode, id);
  if (!row) throw Errors.notFound(taskLabel(id));
  const supports = (await repo.supportsOf(db, [id])).get(id) ?? [];
  assertDirectiveInScope(actor, { leadAgencyId: row.lead_agency_id, supportAgencyIds: supports });
  return { row, supports };
}

export async function getTask(db: Db, actor: Actor, id: number, now = new Date()) {
  assertPermission(actor, 'directive:read');
  await visibleTask(db, actor, id);
  const [rows, reports, events] = await Promise.all([
    repo.findTasks(db, { provinceCode: actor.provinceCode, scopeAgencyId: null, ids: [id] }), repo.reportsOf(db, id), repo.eventsOf(db, id),
  ]);
  const [t] = await presentTasks(db, actor.provinceCode, rows, now);
  return {
    ...t!.summary, body: t!.body,
    reports: reports.map((r) => ({
      id: r.id, at: r.at.toISOString(), by: { username: r.username ?? '', fullName: r.full_name ?? '' }, agency: { id: r.agency_id, name: r.agency_name },
      text: r.text, percent: r.percent, done: r.done, attachments: r.attachments.map((a) => ({ id: a.id, filename: a.filename, size: a.size })),
    })),
    history: events.map((e) => ({ at: e.at.toISOString(), action: e.action, by: e.full_name ?? e.username ?? null, note: e.note })),
  };
}

export type TaskDetail = Awaited<ReturnType<typeof getTask>>;

export interface TaskListQuery {
  status?: 'assigned' | 'in_progress' | 'reported' | 'accepted' | 'returned' | undefined;
  state?: 'overdue' | 'due_soon' | 'open' | undefined;
  agencyId?: number | undefined; meetingId?: number | undefined; q?: string | undefined;
  sort?: TaskSort | undefined; page: number; pageSize: number;
}

export async function listTasks(db: Db, actor: Actor, q: TaskListQuery, now = new Date()) {
  assertPermission(actor, 'directive:read');
  const rows = await repo.findTasks(db, {
    provinceCode: actor.provinceCode, scopeAgencyId: directiveAgencyOf(actor), agencyId: q.agencyId, status: q.status,
    openOnly: q.state !== undefined, meetingId: q.meetingId, q: q.q,
  });
  let tasks = await presentTasks(db, actor.provinceCode, rows, now);
  if (q.state === 'overdue' || q.state === 'due_soon') tasks = tasks.filter((t) => t.summary.deadlineState === q.state);
  sortTasks(tasks, q.sort ?? 'deadline');
  const start = (q.page - 1) * q.pageSize;
  return { items: tasks.slice(start, start + q.pageSize).map((t) => t.summary), total: tasks.length, page: q.page, pageSize: q.pageSize };
}

export async function createTask(db: Db, actor: Actor, input: TaskInput, now = new Date()) {
  assertPermission(actor, 'directive:manage');
  const checked = await checkTask(db, actor, input, null);
  const id = await db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('directive_task').values({
      province_code: actor.provinceCode, meeting_id: checked.meetingId, item_id: checked.itemId, title: clean(input.title), body: clean(input.body),
      lead_agency_id: input.leadAgencyId!, priority: input.priority, ...deadlineColumns(input.deadline),
      concerns_kind: input.concerns?.kind ?? null, concerns_ref: input.concerns?.ref ?? null, concerns_label: checked.concernsLabel,
      created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await repo.setSupports(trx, id, checked.supports);
    await repo.addEvent(trx, { taskId: id, action: 'created', userId: actor.userId || null, username: actor.username });
    await repo.insertNotifications(trx, [{ provinceCode: actor.provinceCode, taskId: id, agencyId: input.leadAgencyId!, kind: 'assigned', period: '' }]);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'directive_task', recordId: id, detail: { after: { ...input, ...checked } } });
    return id;
  });
  return getTask(db, actor, id, now);
}

export async function updateTask(db: Db, actor: Actor, id: number, input: Partial<Pick<TaskInput, 'title' | 'body' | 'deadline' | 'priority' | 'supportAgencyIds'>>, now = new Date()) {
  assertPermission(actor, 'directive:manage');
  const { row, supports } = await visibleTask(db, actor, id);
  if (row.status === 'accepted') throw Errors.taskClosed(row.title);
  const before = { title: row.title, body: row.body, deadline: deadlineOf(row), priority: row.priority, supportAgencyIds: supports };
  const merged: TaskInput = {
    meetingId: row.meeting_id, itemId: row.item_id, leadAgencyId: row.lead_agency_id, concerns: null,
    title: input.title ?? row.title, body: input.body ?? row.body, deadline: input.deadline ?? before.deadline,
    priority: input.priority ?? row.priority, supportAgencyIds: input.supportAgencyIds ?? supports,
  };
  const checked = await checkTask(db, actor, merged, { leadAgencyId: row.lead_agency_id });
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('directive_task').set({
      title: clean(merged.title), body: clean(merged.body), priority: merged.priority, ...deadlineColumns(merged.deadline), updated_at: new Date(),
    }).where('id', '=', id).execute();
    if (input.supportAgencyIds) await repo.setSupports(trx, id, checked.supports);
    await repo.addEvent(trx, { taskId: id, action: 'updated', userId: actor.userId || null, username: actor.username });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'directive_task', recordId: id, detail: { before, after: input } });
  });
  return getTask(db, actor, id, now);
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', doc: 'application/msword',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  png: 'image/png', txt: 'text/plain', csv: 'text/csv', zip: 'application/zip',
};

export interface ReportInput { text: string; percent: number; done: boolean; attachments?: Array<{ filename: string; contentBase64: string }> | undefined }

function checkAttachments(list: NonNullable<ReportInput['attachments']>, issues: FieldIssue[]) {
  if (list.length > MAX_ATTACHMENTS) issues.push(issue('attachments', 'TOO_MANY', `Tối đa ${MAX_ATTACHMENTS} tệp đính kèm`, `At most ${MAX_ATTACHMENTS} attachments`));
  return list.slice(0, MAX_ATTACHMENTS).map((a, i) => {
    const filename = a.filename.normalize('NFC').replace(/[\\/\p{Cc}]/gu, '_').trim().slice(0, 200);
    const content = Buffer.from(a.contentBase64, 'base64');
    if (!filename) issues.push(issue(`attachments.${i}.filename`, 'REQUIRED', 'Tệp đính kèm cần tên', 'The attachment needs a file name'));
    if (content.length === 0) issues.push(issue(`attachments.${i}.contentBase64`, 'EMPTY', `Tệp ${filename} trống`, `File ${filename} is empty`));
    if (content.length > MAX_ATTACHMENT_BYTES) issues.push(issue(`attachments.${i}.contentBase64`, 'TOO_LARGE', `Tệp ${filename} quá 5 MB`, `File ${filename} is over 5 MB`));
    const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
    return { filename, content, mime: MIME[ext] ?? 'application/octet-stream' };
  });
}

/** A progress report by the lead agency; done=true hands the task to the command centre. */
export async function addReport(db: Db, actor: Actor, id: number, input: ReportInput, now = new Date()) {
  assertPermission(actor, 'directive:report');
  const { row } = await visibleTask(db, actor, id);
  if (!mayReportOnDirective(actor, row.lead_agency_id)) {
    const [lead] = await repo.listAgencies(db, actor.provinceCode, [row.lead_agency_id]);
    throw Errors.notLeadAgency(lead?.name ?? String(row.lead_agency_id));
  }
  if (row.status === 'accepted') throw Errors.taskClosed(row.title);
  const issues: FieldIssue[] = [];
  const text = clean(input.text);
  if (!text) issues.push(issue('text', 'REQUIRED', 'Cần nội dung báo cáo', 'The report needs a text'));
  const files = checkAttachments(input.attachments ?? [], issues);
  if (issues.length) throw new ValidationError(issues);
  const reportId = await db.transaction().execute(async (trx) => {
    const locked = await repo.lockTask(trx, id);
    const status = statusAfterReport(locked.status, input.done);
    if (status === null) throw Errors.taskClosed(locked.title);
    const { id: reportId } = await trx.insertInto('directive_report').values({
      task_id: id, agency_id: row.lead_agency_id, user_id: actor.userId || null, at: now, text, percent: input.percent, done: input.done,
    }).returning('id').executeTakeFirstOrThrow();
    if (files.length) {
      await trx.insertInto('directive_attachment').values(files.map((f) => ({ report_id: reportId, filename: f.filename, mime: f.mime, size: f.content.length, content: f.content }))).execute();
    }
    await trx.updateTable('directive_task').set({ status, percent: input.percent, updated_at: now }).where('id', '=', id).execute();
    await repo.addEvent(trx, { taskId: id, action: input.done ? 'reported_done' : 'progress', userId: actor.userId || null, username: actor.username, note: `${input.percent}%`, at: now });
    if (input.done) await repo.insertNotifications(trx, [{ provinceCode: actor.provinceCode, taskId: id, agencyId: null, kind: 'reported', period: `r${reportId}`, at: now }]);
    await recordAudit(trx, actor, {
      action: 'create', recordKind: 'directive_report', recordId: reportId,
      detail: { taskId: id, before: { status: locked.status }, after: { status, text, percent: input.percent, done: input.done, attachments: files.map((f) => ({ filename: f.filename, size: f.content.length })) } },
    });
    return reportId;
  });
  const detail = await getTask(db, actor, id, now);
  return detail.reports.find((r) => r.id === reportId)!;
}

export async function getAttachment(db: Db, actor: Actor, taskId: number, reportId: number, attachmentId: number) {
  assertPermission(actor, 'directive:read');
  await visibleTask(db, actor, taskId);
  const a = await repo.attachment(db, taskId, reportId, attachmentId);
  if (!a) throw Errors.notFound({ vi: `tệp đính kèm ${attachmentId}`, en: `attachment ${attachmentId}` });
  await recordAudit(db, actor, { action: 'read', recordKind: 'directive_attachment', recordId: attachmentId, detail: { taskId, reportId } });
  return { filename: a.filename, mime: a.mime, content: Buffer.from(a.content) };
}

/** The command centre's answer to a task reported done: accepted (final) or returned with the reason. */
export async function reviewTask(db: Db, actor: Actor, id: number, answer: { accept: true; note?: string | undefined } | { accept: false; reason: string }, now = new Date()) {
  assertPermission(actor, 'directive:manage');
  const { row } = await visibleTask(db, actor, id);
  const note = answer.accept ? answer.note?.trim() || null : answer.reason.trim();
  if (!answer.accept && !note) throw new ValidationError([issue('reason', 'REQUIRED', 'Ghi lý do trả lại', 'Give the reason for returning the task')]);
  await db.transaction().execute(async (trx) => {
    const locked = await repo.lockTask(trx, id);
    if (!mayReview(locked.status)) throw locked.status === 'accepted' ? Errors.taskClosed(locked.title) : Errors.taskNotReported(locked.title);
    const status = answer.accept ? 'accepted' as const : 'returned' as const;
    await trx.updateTable('directive_task').set({ status, updated_at: now, ...(answer.accept ? { accepted_at: now } : {}) }).where('id', '=', id).execute();
    await repo.addEvent(trx, { taskId: id, action: status, userId: actor.userId || null, username: actor.username, note, at: now });
    if (!answer.accept) await repo.insertNotifications(trx, [{ provinceCode: actor.provinceCode, taskId: id, agencyId: row.lead_agency_id, kind: 'returned', period: now.toISOString(), at: now }]);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'directive_task', recordId: id, detail: { before: { status: locked.status }, after: { status, note } } });
  });
  return getTask(db, actor, id, now);
}
