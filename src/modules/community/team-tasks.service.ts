/**
 * The tasks of community teams and of the commune health station: listing (a team member sees
 * their team's, or the whole commune's when not linked to a team; the commune sees all),
 * completing with an outcome, reassigning. Home-quarantine checks come from the quarantine
 * module's home-monitoring list and are written back through its `recordHomeCheck`, so that
 * module stays the owner of home checks.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { AppError, Errors, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, assertPermission, hasPermission, maskedFieldsFor } from '../auth/policy.ts';
import { maskValue } from '../people/people.domain.ts';
import { homeMonitoringList, recordHomeCheck } from '../quarantine/quarantine.home.ts';
import { type CompletionInput, completionIssues, homeCheckOf, tidy } from './community.domain.ts';
import { createTeamTasks, type TeamTaskInput } from './community.tasks.ts';
import { teamArea, teamsOfUser } from './teams.service.ts';

const label = (id: number) => ({ vi: `nhiệm vụ ${id}`, en: `task ${id}` });
/** Follow-ups of pharmacy sales are the health station's work, not a team's. */
const STATION_KINDS = ['pharmacy_followup'] as const;

/** A community-team user works for a team when linked to one; otherwise for the whole commune. */
async function teamLimit(db: Db, actor: Actor): Promise<number[] | null> {
  if (actor.role !== 'community_team') return null;
  const mine = await teamsOfUser(db, actor.userId);
  return mine.length ? mine : null;
}

function stationOnly(actor: Actor): boolean {
  // Only those who manage teams (the health side) see and do the station's follow-ups.
  return !hasPermission(actor, 'team:manage');
}

/**
 * Makes the day's home-quarantine checks into tasks: everyone under home follow-up in the actor's
 * area without a check that day (idempotent per order and day); an open task whose person got a
 * check another way is closed. Returns how many were created.
 */
export async function syncHomeCheckTasks(db: Db, actor: Actor, date: string, today = vnDate()): Promise<number> {
  // A write: only those who work the task list may start it (the others were answered 0 before).
  assertPermission(actor, 'teamtask:write');
  if (!hasPermission(actor, 'quarantine:read') || actor.scopeKind === 'org') return 0;
  const list = await homeMonitoringList(db, actor, { date, page: 1, pageSize: 1_000_000 }, today);
  const sourceKind = `home_check:${date}`;
  const due: TeamTaskInput[] = [];
  const checked: number[] = [];
  const people = list.items.length ? await db.selectFrom('person').select(['id', 'province_code', 'district_code']).where('id', 'in', list.items.map((i) => i.personId)).execute() : [];
  const area = new Map(people.map((p) => [p.id, p]));
  for (const i of list.items) {
    if (i.today) { checked.push(i.orderId); continue; }
    const p = area.get(i.personId);
    if (!p) continue;
    due.push({
      provinceCode: p.province_code, districtCode: p.district_code, communeCode: i.communeCode, villageCode: i.address, personId: i.personId,
      kind: 'home_quarantine_check', sourceKind, sourceId: i.orderId, dueDate: date,
      title: `Kiểm tra cách ly tại nhà: ${i.fullName}`, detail: { orderId: i.orderId, monitoringKind: i.kind, day: i.day },
    });
  }
  const created = await createTeamTasks(db, due);
  if (checked.length) {
    await db.updateTable('team_task').set({ status: 'done', result: 'met', outcome: 'Đã có kết quả kiểm tra trong danh sách theo dõi tại nhà', done_at: new Date() })
      .where('kind', '=', 'home_quarantine_check').where('source_kind', '=', sourceKind).where('source_id', 'in', checked).where('status', '=', 'open').execute();
  }
  return created;
}

export interface TaskQuery {
  status?: 'open' | 'done' | 'cancelled' | undefined; kind?: string | undefined; teamId?: number | undefined; communeCode?: string | undefined;
  unassigned?: boolean | undefined; dueTo?: string | undefined; page: number; pageSize: number;
}

function baseQuery(db: Db) {
  return db.selectFrom('team_task as k')
    .leftJoin('person as p', 'p.id', 'k.person_id')
    .leftJoin('community_team as t', 't.id', 'k.team_id')
    .leftJoin('community_team_member as m', 'm.id', 'k.assigned_member_id')
    .innerJoin('admin_unit as c', 'c.code', 'k.commune_code');
}

const COLUMNS = [
  'k.id', 'k.kind', 'k.title', 'k.status', 'k.due_date as dueDate', 'k.commune_code as communeCode', 'c.name as communeName', 'k.district_code as districtCode',
  'k.team_id as teamId', 't.name as teamName', 'k.assigned_member_id as memberId', 'm.full_name as memberName', 'k.person_id as personId', 'p.full_name as fullName',
  'p.phone', 'p.address_detail as address', 'k.detail', 'k.result', 'k.outcome', 'k.outcome_data as outcomeData', 'k.done_at as doneAt', 'k.source_kind as sourceKind', 'k.source_id as sourceId',
] as const;

type TaskRow = { phone: string | null; address: string | null; detail: Record<string, unknown>; doneAt: Date | string | null };

function present<T extends TaskRow>(actor: Actor, r: T, today: string) {
  const masked = new Set(maskedFieldsFor(actor));
  const detail = { ...(r.detail ?? {}) };
  if (masked.has('phone') && typeof detail.buyerPhone === 'string') detail.buyerPhone = maskValue(detail.buyerPhone, 3);
  if (masked.has('addressDetail') && typeof detail.buyerAddress === 'string') detail.buyerAddress = maskValue(detail.buyerAddress, 0);
  const row = r as T & { status: string; dueDate: string };
  return {
    ...r, detail, phone: masked.has('phone') ? maskValue(r.phone, 3) : r.phone, address: masked.has('addressDetail') ? maskValue(r.address, 0) : r.address,
    doneAt: r.doneAt === null ? null : new Date(r.doneAt).toISOString(), overdue: row.status === 'open' && row.dueDate < today,
  };
}

export async function listTeamTasks(db: Db, actor: Actor, q: TaskQuery, today = vnDate()) {
  assertPermission(actor, 'team:read');
  const scope = teamArea(actor);
  let base = baseQuery(db).where('k.province_code', '=', actor.provinceCode);
  if (scope) base = base.where(`k.${scope.column}`, '=', scope.value);
  const limit = await teamLimit(db, actor);
  if (limit) base = base.where((eb) => eb.or([eb('k.team_id', 'in', limit), eb('k.team_id', 'is', null)]));
  if (stationOnly(actor)) base = base.where('k.kind', 'not in', [...STATION_KINDS]);
  if (q.status) base = base.where('k.status', '=', q.status);
  if (q.kind) base = base.where('k.kind', '=', q.kind as never);
  if (q.teamId) base = base.where('k.team_id', '=', q.teamId);
  if (q.unassigned) base = base.where('k.team_id', 'is', null);
  if (q.communeCode) base = base.where('k.commune_code', '=', q.communeCode);
  if (q.dueTo) base = base.where('k.due_date', '<=', q.dueTo);
  const counts = await base.select([
    sql<number>`count(*)::int`.as('total'),
    sql<number>`count(*) filter (where k.status = 'open')::int`.as('open'),
    sql<number>`count(*) filter (where k.status = 'open' and k.due_date < ${today})::int`.as('overdue'),
    sql<number>`count(*) filter (where k.status = 'done')::int`.as('done'),
  ]).executeTakeFirstOrThrow();
  const rows = await base.select([...COLUMNS])
    .orderBy(sql`case when k.status = 'open' then 0 else 1 end`).orderBy(sql`case when k.status = 'open' then k.due_date end`).orderBy('k.due_date', 'desc').orderBy('k.id')
    .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  await recordAudit(db, actor, { action: 'list', recordKind: 'team_task', detail: { ...q, people: rows.filter((r) => r.personId).length } });
  return { total: counts.total, page: q.page, pageSize: q.pageSize, counts: { open: counts.open, overdue: counts.overdue, done: counts.done }, items: rows.map((r) => present(actor, r, today)) };
}

async function taskOrThrow(db: Db, actor: Actor, id: number) {
  const t = await db.selectFrom('team_task').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || t.province_code !== actor.provinceCode) throw Errors.notFound(label(id));
  teamArea(actor);
  if (!areaInScope(actor, t)) throw Errors.outOfScope();
  if (stationOnly(actor) && (STATION_KINDS as readonly string[]).includes(t.kind)) throw Errors.outOfScope();
  const limit = await teamLimit(db, actor);
  if (limit && t.team_id !== null && !limit.includes(t.team_id)) throw Errors.outOfScope();
  return t;
}

export async function getTeamTask(db: Db, actor: Actor, id: number, today = vnDate()) {
  assertPermission(actor, 'team:read');
  await taskOrThrow(db, actor, id);
  const row = await baseQuery(db).select([...COLUMNS]).where('k.id', '=', id).executeTakeFirstOrThrow();
  await recordAudit(db, actor, { action: 'read', recordKind: 'team_task', recordId: id, detail: { personId: row.personId } });
  return present(actor, row, today);
}

/**
 * Completes a task with its outcome. A home-quarantine check is recorded through the quarantine
 * module first (an abnormal one opens the station's task there); the task is closed after.
 */
export async function completeTeamTask(db: Db, actor: Actor, id: number, input: CompletionInput, today = vnDate()) {
  assertPermission(actor, 'teamtask:write');
  const t = await taskOrThrow(db, actor, id);
  if (t.status !== 'open') throw new AppError('TASK_DONE', 409, { vi: 'Nhiệm vụ đã được xử lý', en: 'The task is already done' });
  const issues = completionIssues(t.kind, input);
  if (issues.length) throw new ValidationError(issues);
  const data: Record<string, unknown> = {};
  if (t.kind === 'home_quarantine_check') {
    const orderId = Number((t.detail as { orderId?: unknown }).orderId ?? t.source_id);
    const check = homeCheckOf(input);
    const r = await recordHomeCheck(db, actor, orderId, { date: t.due_date, ...check, note: tidy(input.outcome) }, today);
    Object.assign(data, { homeCheckId: r.id, abnormal: r.abnormal, communeTaskId: r.taskId, ...check });
  }
  if (t.kind === 'pharmacy_followup') Object.assign(data, { tested: input.tested ?? false, testResult: input.testResult ?? null });
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('team_task').set({
      status: 'done', result: input.result, outcome: tidy(input.outcome), outcome_data: JSON.stringify(data), done_by: actor.userId || null, done_at: new Date(),
    }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('TASK_DONE', 409, { vi: 'Nhiệm vụ đã được xử lý', en: 'The task is already done' });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'team_task', recordId: id, detail: { before: { status: 'open' }, after: { status: 'done', result: input.result, outcome: input.outcome ?? null, ...data } } });
  });
  return getTeamTask(db, actor, id, today);
}

/** Gives a task to another team of the commune (or none) and optionally one of its members. */
export async function reassignTeamTask(db: Db, actor: Actor, id: number, input: { teamId: number | null; memberId?: number | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'team:manage');
  const t = await taskOrThrow(db, actor, id);
  if (t.status !== 'open') throw new AppError('TASK_DONE', 409, { vi: 'Nhiệm vụ đã được xử lý', en: 'The task is already done' });
  if (input.teamId !== null) {
    const team = await db.selectFrom('community_team').select(['commune_code', 'active']).where('id', '=', input.teamId).executeTakeFirst();
    if (!team || !team.active || team.commune_code !== t.commune_code) {
      throw new ValidationError([{ field: 'teamId', code: 'INVALID', message: { vi: 'Tổ phải là tổ đang hoạt động của cùng xã', en: 'Choose an active team of the same commune' } }]);
    }
  }
  const memberId = input.memberId ?? null;
  if (memberId !== null) {
    const m = await db.selectFrom('community_team_member').select(['team_id', 'active']).where('id', '=', memberId).executeTakeFirst();
    if (!m || !m.active || m.team_id !== input.teamId) {
      throw new ValidationError([{ field: 'memberId', code: 'INVALID', message: { vi: 'Thành viên phải thuộc tổ đã chọn', en: 'The member must belong to the chosen team' } }]);
    }
  }
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('team_task').set({ team_id: input.teamId, assigned_member_id: memberId }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'team_task', recordId: id, detail: { before: { teamId: t.team_id, memberId: t.assigned_member_id }, after: { teamId: input.teamId, memberId } } });
  });
  return getTeamTask(db, actor, id, today);
}
