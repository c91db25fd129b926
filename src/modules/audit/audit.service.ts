import type { Db } from '../../db/database.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import * as repo from './audit.repository.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'read' | 'list' | 'import' | 'export' | 'login' | 'login_failed' | 'logout';

export interface AuditEvent {
  action: AuditAction;
  recordKind: string;
  recordId?: string | number | null;
  /** For writes: { before, after }; for lists and exports: the filters; never passwords. */
  detail?: unknown;
}

/**
 * Records who did what to which record, when and from where. Called inside the
 * same transaction as the write it describes, so a write is never unaudited.
 */
export async function recordAudit(db: Db, actor: Actor | AnonymousActor, events: AuditEvent | AuditEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  await repo.insertAudit(
    db,
    list.map((e) => ({
      province_code: actor.provinceCode,
      user_id: 'userId' in actor ? actor.userId : null,
      username: actor.username,
      role: 'role' in actor ? actor.role : null,
      action: e.action,
      record_kind: e.recordKind,
      record_id: e.recordId == null ? null : String(e.recordId),
      ip: actor.ip,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
    })),
  );
}

/** Someone not (yet) signed in: a failed login names the username tried. */
export interface AnonymousActor {
  username: string | null;
  provinceCode: string;
  ip: string | null;
}

export interface AuditSearch {
  action?: string;
  recordKind?: string;
  recordId?: string;
  username?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function searchAudit(db: Db, actor: Actor, q: AuditSearch) {
  assertPermission(actor, 'audit:read');
  const { items, total } = await repo.searchAudit(db, {
    provinceCode: actor.provinceCode,
    action: q.action,
    recordKind: q.recordKind,
    recordId: q.recordId,
    username: q.username,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return {
    items: items.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      username: r.username,
      role: r.role,
      action: r.action,
      recordKind: r.record_kind,
      recordId: r.record_id,
      ip: r.ip,
      detail: r.detail,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
