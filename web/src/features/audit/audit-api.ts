import { withQuery } from '../../shared/api/client.ts';

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  role: string | null;
  action: string;
  recordKind: string;
  recordId: string | null;
  ip: string | null;
  detail: unknown;
}

/** Actions the server records (audit.service.ts); the filter offers these. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'read', 'list', 'import', 'export', 'login', 'login_failed', 'logout'] as const;
export const RECORD_KINDS = ['person', 'user'] as const;

export interface AuditFilters {
  action?: string;
  recordKind?: string;
  recordId?: string;
  username?: string;
  /** Calendar dates in Vietnam, inclusive. */
  fromDate?: string;
  toDate?: string;
}

const VN_OFFSET = '+07:00';

/** The day after a 'YYYY-MM-DD' date (the server's `to` is exclusive). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function auditPath(f: AuditFilters, page: number, pageSize: number): string {
  return withQuery('/api/audit', {
    action: f.action,
    recordKind: f.recordKind,
    recordId: f.recordId?.trim(),
    username: f.username?.trim(),
    // A day runs midnight to midnight in Vietnam, whatever the browser's time zone.
    from: f.fromDate ? `${f.fromDate}T00:00:00${VN_OFFSET}` : undefined,
    to: f.toDate ? `${nextDay(f.toDate)}T00:00:00${VN_OFFSET}` : undefined,
    page,
    pageSize,
  });
}
