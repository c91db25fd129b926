/**
 * All SQL of directives. Functions take the database or a transaction first. Full-text search
 * goes through the `vn_unaccent` configuration with the same expressions as the GIN indexes of
 * migration 0011 (`to_tsvector('vn_unaccent', …)`).
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DirectiveNotificationKind, DirectiveTaskStatus } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';

export const AGENCY_KIND = 'agency';

export interface AgencyAttrs { shortName: string; agencyKind: 'department' | 'district_committee' | 'other'; active: boolean }

export interface AgencyRow { id: number; name: string; district_code: string | null; attrs: AgencyAttrs; users: number }

/**
 * Words typed → tsquery text over letters and digits only (nothing the parser could take as
 * syntax): every word, the last one as a prefix (still being typed). `all`: `nha & tro:*`;
 * `phrase`: `nha <-> tro:*`, the words side by side, which ranks first.
 */
export function wordsQuery(text: string): { all: string; phrase: string } | null {
  const words = (text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  if (words.length === 0) return null;
  const terms = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w));
  return { all: terms.join(' & '), phrase: terms.join(' <-> ') };
}

export async function listAgencies(db: Db, provinceCode: string, ids?: number[]): Promise<AgencyRow[]> {
  if (ids && ids.length === 0) return [];
  let q = db.selectFrom('org_unit as o')
    .select(['o.id', 'o.name', 'o.district_code', sql<AgencyAttrs>`o.attrs`.as('attrs'),
      sql<number>`(select count(*)::int from app_user u where u.scope_org_id = o.id and u.active)`.as('users')])
    .where('o.province_code', '=', provinceCode).where('o.kind', '=', AGENCY_KIND);
  if (ids) q = q.where('o.id', 'in', ids);
  return (await q.execute()) as AgencyRow[];
}

export async function insertAgency(db: Db, provinceCode: string, a: { name: string; districtCode: string | null; attrs: AgencyAttrs }) {
  const { id } = await db.insertInto('org_unit').values({
    kind: AGENCY_KIND, name: a.name, province_code: provinceCode, district_code: a.districtCode, attrs: JSON.stringify(a.attrs),
  }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateAgency(db: Db, id: number, a: { name: string; attrs: AgencyAttrs }) {
  await db.updateTable('org_unit').set({ name: a.name, attrs: JSON.stringify(a.attrs) }).where('id', '=', id).where('kind', '=', AGENCY_KIND).execute();
}

// ---- meetings and items

export interface MeetingFilter { provinceCode: string; agencyId: number | null; q?: string | undefined; from?: string | undefined; to?: string | undefined }

/** A task the agency leads or supports. */
function taskOfAgency(taskAlias: string, agencyId: number): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.ref(`${taskAlias}.lead_agency_id`)} = ${agencyId} or exists (
    select 1 from directive_task_support s where s.task_id = ${sql.ref(`${taskAlias}.id`)} and s.agency_id = ${agencyId}))`;
}

function meetingsFiltered(db: Db, f: MeetingFilter) {
  let q = db.selectFrom('directive_meeting as m').where('m.province_code', '=', f.provinceCode);
  if (f.from) q = q.where('m.held_on', '>=', f.from);
  if (f.to) q = q.where('m.held_on', '<=', f.to);
  if (f.q?.trim()) {
    const like = `%${escapeLike(f.q.trim().normalize('NFC').toLowerCase())}%`;
    q = q.where(sql<SqlBool>`unaccent(lower(m.title || ' ' || m.chair || ' ' || coalesce(m.notice_no, ''))) like unaccent(${like})`);
  }
  if (f.agencyId !== null) {
    const agencyId = f.agencyId;
    q = q.where(({ exists, selectFrom }) => exists(selectFrom('directive_task as t').select('t.id').whereRef('t.meeting_id', '=', 'm.id').where(taskOfAgency('t', agencyId))));
  }
  return q;
}

export async function findMeetings(db: Db, f: MeetingFilter, limit: number, offset: number) {
  const total = await meetingsFiltered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  const items = await meetingsFiltered(db, f)
    .select(['m.id', 'm.held_on', 'm.title', 'm.chair', 'm.notice_no',
      sql<number>`(select count(*)::int from directive_item i where i.meeting_id = m.id)`.as('items'),
      sql<number>`(select count(*)::int from directive_task t where t.meeting_id = m.id)`.as('tasks'),
      sql<number>`(select count(*)::int from directive_task t where t.meeting_id = m.id and t.status <> 'accepted')`.as('open_tasks')])
    .orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(limit).offset(offset).execute();
  return { items, total: total.n };
}

export async function findMeeting(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('directive_meeting as m').leftJoin('app_user as u', 'u.id', 'm.created_by')
    .selectAll('m').select(['u.username', 'u.full_name'])
    .where('m.id', '=', id).where('m.province_code', '=', provinceCode).executeTakeFirst();
}

export async function itemsOf(db: Db, meetingId: number) {
  return db.selectFrom('directive_item').selectAll().where('meeting_id', '=', meetingId).orderBy('ordinal').execute();
}

export async function findItem(db: Db, meetingId: number, itemId: number) {
  return db.selectFrom('directive_item').selectAll().where('id', '=', itemId).where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** A conclusion of the province with its meeting's id and day. */
export async function itemWithMeeting(db: Db, provinceCode: string, itemId: number) {
  return db.selectFrom('directive_item as i').innerJoin('directive_meeting as m', 'm.id', 'i.meeting_id')
    .select(['i.meeting_id', 'm.held_on']).where('i.id', '=', itemId).where('m.province_code', '=', provinceCode).executeTakeFirst();
}

export async function nextOrdinal(db: Db, meetingId: number): Promise<number> {
  const r = await db.selectFrom('directive_item').select(sql<number>`coalesce(max(ordinal), 0)::int + 1`.as('n')).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  return r.n;
}

// ---- tasks

export interface TaskFilter {
  provinceCode: string;
  /** The actor's agency (agency officers): lead or support. */
  scopeAgencyId: number | null;
  /** The agency asked for (lead or support). */
  agencyId?: number | undefined;
  status?: DirectiveTaskStatus | undefined;
  openOnly?: boolean;
  meetingId?: number | undefined;
  itemIds?: number[] | undefined;
  ids?: number[] | undefined;
  q?: string | undefined;
}

function tasksFiltered(db: Db, f: TaskFilter) {
  let q = db.selectFrom('directive_task as t').where('t.province_code', '=', f.provinceCode);
  if (f.scopeAgencyId !== null) q = q.where(taskOfAgency('t', f.scopeAgencyId));
  if (f.agencyId !== undefined) q = q.where(taskOfAgency('t', f.agencyId));
  if (f.status) q = q.where('t.status', '=', f.status);
  if (f.openOnly) q = q.where('t.status', '<>', 'accepted');
  if (f.meetingId !== undefined) q = q.where('t.meeting_id', '=', f.meetingId);
  if (f.itemIds) q = f.itemIds.length ? q.where('t.item_id', 'in', f.itemIds) : q.where(sql<SqlBool>`false`);
  if (f.ids) q = f.ids.length ? q.where('t.id', 'in', f.ids) : q.where(sql<SqlBool>`false`);
  const query = f.q ? wordsQuery(f.q) : null;
  if (query) q = q.where(sql<SqlBool>`to_tsvector('vn_unaccent', t.title || ' ' || t.body) @@ to_tsquery('vn_unaccent', ${query.all})`);
  return q;
}

export interface TaskRow {
  id: number; title: string; body: string; lead_agency_id: number; priority: 'high' | 'normal' | 'low';
  deadline_kind: string; due_on: string | null; due_from: string | null; due_until: string | null; due_weekday: number | null;
  status: DirectiveTaskStatus; percent: number; meeting_id: number | null; item_id: number | null; item_ordinal: number | null; held_on: string | null;
  concerns_kind: string | null; concerns_ref: string | null; concerns_label: string | null; updated_at: Date;
  /** Epoch milliseconds of every report, and of the latest done one. */
  report_times: number[]; done_time: number | null;
  latest_at: Date | null; latest_text: string | null; latest_percent: number | null;
}

/** Every task matching (no paging: a province's directives are hundreds, and their deadline state is computed in the domain). */
export async function findTasks(db: Db, f: TaskFilter): Promise<TaskRow[]> {
  const rows = await tasksFiltered(db, f)
    .leftJoin('directive_item as i', 'i.id', 't.item_id')
    .leftJoin('directive_meeting as m', 'm.id', 't.meeting_id')
    .select(['t.id', 't.title', 't.body', 't.lead_agency_id', 't.priority', 't.deadline_kind', 't.due_on', 't.due_from', 't.due_until', 't.due_weekday',
      't.status', 't.percent', 't.meeting_id', 't.item_id', 'i.ordinal as item_ordinal', 'm.held_on', 't.concerns_kind', 't.concerns_ref', 't.concerns_label', 't.updated_at',
      sql<number[]>`coalesce((select json_agg(extract(epoch from r.at) * 1000) from directive_report r where r.task_id = t.id), '[]'::json)`.as('report_times'),
      sql<number | null>`(select extract(epoch from max(r.at)) * 1000 from directive_report r where r.task_id = t.id and r.done)`.as('done_time'),
      sql<Date | null>`l.at`.as('latest_at'), sql<string | null>`l.text`.as('latest_text'), sql<number | null>`l.percent`.as('latest_percent')])
    .leftJoinLateral(
      (eb) => eb.selectFrom('directive_report as r').select(['r.at', 'r.text', 'r.percent']).whereRef('r.task_id', '=', 't.id').orderBy('r.at', 'desc').orderBy('r.id', 'desc').limit(1).as('l'),
      (join) => join.onTrue(),
    )
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({ ...r, report_times: r.report_times.map(Number), done_time: r.done_time === null ? null : Number(r.done_time) })) as TaskRow[];
}

export async function supportsOf(db: Db, taskIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (taskIds.length === 0) return out;
  const rows = await db.selectFrom('directive_task_support').select(['task_id', 'agency_id']).where('task_id', 'in', taskIds).orderBy('agency_id').execute();
  for (const r of rows) out.set(r.task_id, [...(out.get(r.task_id) ?? []), r.agency_id]);
  return out;
}

export async function taskRow(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('directive_task').selectAll().where('id', '=', id).where('province_code', '=', provinceCode).executeTakeFirst();
}

/** Locks the task row for a status change (two reviewers at once: the second sees the first's result). */
export async function lockTask(trx: Db, id: number) {
  return trx.selectFrom('directive_task').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

export async function setSupports(trx: Db, taskId: number, agencyIds: number[]) {
  await trx.deleteFrom('directive_task_support').where('task_id', '=', taskId).execute();
  if (agencyIds.length) await trx.insertInto('directive_task_support').values(agencyIds.map((agency_id) => ({ task_id: taskId, agency_id }))).execute();
}

export async function addEvent(trx: Db, e: { taskId: number; action: string; userId: number | null; username: string | null; note?: string | null; at?: Date }) {
  await trx.insertInto('directive_task_event').values({
    task_id: e.taskId, action: e.action, user_id: e.userId, username: e.username, note: e.note ?? null, ...(e.at ? { at: e.at } : {}),
  }).execute();
}

export async function eventsOf(db: Db, taskId: number) {
  return db.selectFrom('directive_task_event as e').leftJoin('app_user as u', 'u.id', 'e.user_id')
    .select(['e.at', 'e.action', 'e.username', 'u.full_name', 'e.note']).where('e.task_id', '=', taskId).orderBy('e.at').orderBy('e.id').execute();
}

export async function reportsOf(db: Db, taskId: number) {
  const reports = await db.selectFrom('directive_report as r')
    .innerJoin('org_unit as o', 'o.id', 'r.agency_id')
    .leftJoin('app_user as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.at', 'r.text', 'r.percent', 'r.done', 'r.agency_id', 'o.name as agency_name', 'u.username', 'u.full_name'])
    .where('r.task_id', '=', taskId).orderBy('r.at', 'desc').orderBy('r.id', 'desc').execute();
  const files = reports.length === 0 ? [] : await db.selectFrom('directive_attachment').select(['id', 'report_id', 'filename', 'size'])
    .where('report_id', 'in', reports.map((r) => r.id)).orderBy('id').execute();
  return reports.map((r) => ({ ...r, attachments: files.filter((f) => f.report_id === r.id) }));
}

export async function attachment(db: Db, taskId: number, reportId: number, attachmentId: number) {
  return db.selectFrom('directive_attachment as a').innerJoin('directive_report as r', 'r.id', 'a.report_id')
    .select(['a.filename', 'a.mime', 'a.size', 'a.content'])
    .where('a.id', '=', attachmentId).where('a.report_id', '=', reportId).where('r.task_id', '=', taskId).executeTakeFirst();
}

// ---- notifications

export async function insertNotifications(db: Db, rows: Array<{ provinceCode: string; taskId: number; agencyId: number | null; kind: DirectiveNotificationKind; period: string; at?: Date }>): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insertInto('directive_notification')
    .values(rows.map((r) => ({ province_code: r.provinceCode, task_id: r.taskId, agency_id: r.agencyId, kind: r.kind, period: r.period, ...(r.at ? { at: r.at } : {}) })))
    .onConflict((oc) => oc.doNothing())
    .returning('id').execute();
  return inserted.map((r) => r.id);
}

export async function findNotifications(db: Db, provinceCode: string, agencyId: number | null, unreadOnly: boolean, limit: number) {
  let q = db.selectFrom('directive_notification as n').innerJoin('directive_task as t', 't.id', 'n.task_id')
    .select(['n.id', 'n.at', 'n.kind', 'n.task_id', 't.title', 'n.read_at'])
    .where('n.province_code', '=', provinceCode);
  q = agencyId === null ? q.where('n.agency_id', 'is', null) : q.where('n.agency_id', '=', agencyId);
  if (unreadOnly) q = q.where('n.read_at', 'is', null);
  return q.orderBy('n.at', 'desc').orderBy('n.id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db, provinceCode: string, agencyId: number | null): Promise<number> {
  let q = db.selectFrom('directive_notification').select(sql<number>`count(*)::int`.as('n')).where('province_code', '=', provinceCode).where('read_at', 'is', null);
  q = agencyId === null ? q.where('agency_id', 'is', null) : q.where('agency_id', '=', agencyId);
  return (await q.executeTakeFirstOrThrow()).n;
}

export async function markRead(db: Db, provinceCode: string, agencyId: number | null, id: number, at: Date): Promise<boolean> {
  let q = db.updateTable('directive_notification').set({ read_at: at }).where('id', '=', id).where('province_code', '=', provinceCode);
  q = agencyId === null ? q.where('agency_id', 'is', null) : q.where('agency_id', '=', agencyId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---- search

export interface SearchHit { kind: 'item' | 'task' | 'report'; id: number; meeting_id: number | null; task_id: number | null; held_on: string | null; snippet: string; rank: number }

/** Items, tasks and reports with all the words (accents ignored), those with the words side by side first; an agency sees what its tasks reach. */
export async function search(db: Db, provinceCode: string, scopeAgencyId: number | null, query: { all: string; phrase: string }, limit: number, offset: number) {
  const all = sql`to_tsquery('vn_unaccent', ${query.all})`;
  const phrase = sql`to_tsquery('vn_unaccent', ${query.phrase})`;
  const scope = (alias: string) => (scopeAgencyId === null ? sql`true` : taskOfAgency(alias, scopeAgencyId));
  // \u0001 and \u0002 mark the matches; the service escapes the text and turns them into <mark>.
  const opts = 'StartSel=\u0001, StopSel=\u0002, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "';
  const hit = (doc: ReturnType<typeof sql>, text: ReturnType<typeof sql>) => sql`
    ts_headline('vn_unaccent', ${text}, case when ${doc} @@ ${phrase} then ${phrase} else ${all} end, ${opts}) as snippet,
    (${doc} @@ ${phrase}) as side_by_side, ts_rank(${doc}, ${all}) as rank`;
  const itemDoc = sql`to_tsvector('vn_unaccent', i.text)`;
  const taskDoc = sql`to_tsvector('vn_unaccent', t.title || ' ' || t.body)`;
  const reportDoc = sql`to_tsvector('vn_unaccent', r.text)`;
  const hits = sql<SearchHit>`
    select 'item' as kind, i.id, m.id as meeting_id, null::int as task_id, m.held_on::text as held_on, ${hit(itemDoc, sql`i.text`)}
    from directive_item i join directive_meeting m on m.id = i.meeting_id
    where m.province_code = ${provinceCode} and ${itemDoc} @@ ${all}
      and (${scopeAgencyId === null ? sql`true` : sql`exists (select 1 from directive_task t where t.item_id = i.id and ${scope('t')})`})
    union all
    select 'task', t.id, t.meeting_id, t.id, m.held_on::text, ${hit(taskDoc, sql`t.title || ' — ' || t.body`)}
    from directive_task t left join directive_meeting m on m.id = t.meeting_id
    where t.province_code = ${provinceCode} and ${taskDoc} @@ ${all} and ${scope('t')}
    union all
    select 'report', r.id, t.meeting_id, t.id, m.held_on::text, ${hit(reportDoc, sql`r.text`)}
    from directive_report r join directive_task t on t.id = r.task_id left join directive_meeting m on m.id = t.meeting_id
    where t.province_code = ${provinceCode} and ${reportDoc} @@ ${all} and ${scope('t')}`;
  const [total, items] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from (${hits}) h`.execute(db),
    sql<SearchHit>`select kind, id, meeting_id, task_id, held_on, snippet, rank from (${hits}) h
      order by side_by_side desc, rank desc, held_on desc nulls last, kind, id limit ${limit} offset ${offset}`.execute(db),
  ]);
  return { items: items.rows.map((r) => ({ ...r, rank: Number(r.rank) })), total: total.rows[0]!.n };
}
