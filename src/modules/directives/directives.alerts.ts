/**
 * What needs attention: the counts behind the menu badge, notifications (to an agency: assigned,
 * returned, due soon, overdue; to the command centre: reported done), the scheduler's deadline
 * notifications (once per task and period), and accent-insensitive search.
 */
import type { Db } from '../../db/database.ts';
import type { DirectiveNotificationKind } from '../../db/schema.ts';
import { Errors } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission, directiveAgencyOf, hasPermission } from '../auth/policy.ts';
import { deadlineAlert, deadlineOf } from './directives.domain.ts';
import { presentTasks, progressOf } from './directives.presenter.ts';
import * as repo from './directives.repository.ts';

/**
 * Whose notifications an actor reads: an agency officer its agency's, the command centre
 * (`directive:manage`) the centre's, anyone else none (undefined).
 */
function audienceOf(actor: Actor): number | null | undefined {
  const agency = directiveAgencyOf(actor);
  if (agency !== null) return agency;
  return hasPermission(actor, 'directive:manage') ? null : undefined;
}

export async function directiveAlerts(db: Db, actor: Actor, now = new Date()) {
  assertPermission(actor, 'directive:read');
  const rows = await repo.findTasks(db, { provinceCode: actor.provinceCode, scopeAgencyId: directiveAgencyOf(actor), openOnly: true });
  const tasks = await presentTasks(db, actor.provinceCode, rows, now);
  const audience = audienceOf(actor);
  return {
    overdue: tasks.filter((t) => t.summary.deadlineState === 'overdue').length,
    dueSoon: tasks.filter((t) => t.summary.deadlineState === 'due_soon').length,
    reported: tasks.filter((t) => t.summary.status === 'reported').length,
    unread: audience === undefined ? 0 : await repo.countUnread(db, actor.provinceCode, audience),
  };
}

export async function listNotifications(db: Db, actor: Actor, q: { unread?: boolean | undefined }) {
  assertPermission(actor, 'directive:read');
  const audience = audienceOf(actor);
  if (audience === undefined) return { items: [] };
  const rows = await repo.findNotifications(db, actor.provinceCode, audience, q.unread === true, 200);
  return { items: rows.map((n) => ({ id: n.id, at: n.at.toISOString(), kind: n.kind, taskId: n.task_id, title: n.title, read: n.read_at !== null })) };
}

export async function readNotification(db: Db, actor: Actor, id: number, now = new Date()) {
  assertPermission(actor, 'directive:read');
  const audience = audienceOf(actor);
  if (audience === undefined || !(await repo.markRead(db, actor.provinceCode, audience, id, now))) {
    throw Errors.notFound({ vi: `thông báo ${id}`, en: `notification ${id}` });
  }
  return { ok: true };
}

/**
 * The scheduler's step: a due_soon or overdue notification to the lead agency of each open task
 * whose deadline calls for one at `now`, once per task, kind and period (the unique index keeps a
 * second tick from writing it again). Returns how many were written.
 */
export async function writeDeadlineNotifications(db: Db, provinceCode: string, now: Date): Promise<number> {
  const rows = await repo.findTasks(db, { provinceCode, scopeAgencyId: null, openOnly: true });
  const wanted: Array<{ provinceCode: string; taskId: number; agencyId: number; kind: DirectiveNotificationKind; period: string; at: Date }> = [];
  for (const r of rows) {
    const alert = deadlineAlert(deadlineOf(r), progressOf(r), now);
    if (alert) wanted.push({ provinceCode, taskId: r.id, agencyId: r.lead_agency_id, kind: alert.state, period: alert.period, at: now });
  }
  if (wanted.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const ids = await repo.insertNotifications(trx, wanted);
    if (ids.length) {
      await recordAudit(trx, { username: 'scheduler', provinceCode, ip: null }, { action: 'create', recordKind: 'directive_notification', detail: { ids } });
    }
    return ids.length;
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Conclusions, tasks and reports matching the words, accents ignored ("nha tro" finds "nhà trọ"); the matches marked <mark>. */
export async function searchDirectives(db: Db, actor: Actor, q: { q: string; page: number; pageSize: number }) {
  assertPermission(actor, 'directive:read');
  const query = repo.wordsQuery(q.q);
  if (!query) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const { items, total } = await repo.search(db, actor.provinceCode, directiveAgencyOf(actor), query, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    items: items.map((h) => ({
      kind: h.kind, id: h.id, meetingId: h.meeting_id, taskId: h.task_id, heldOn: h.held_on, rank: h.rank,
      // The text is escaped first, so only the server's own <mark> tags are markup.
      snippet: escapeHtml(h.snippet).replaceAll('\u0001', '<mark>').replaceAll('\u0002', '</mark>'),
    })),
    total, page: q.page, pageSize: q.pageSize,
  };
}
