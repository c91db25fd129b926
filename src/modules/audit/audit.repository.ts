import { type Insertable, sql } from 'kysely';
import type { AuditLogTable } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';

export type AuditInsert = Insertable<AuditLogTable>;

export async function insertAudit(db: Db, rows: AuditInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('audit_log').values(rows.slice(i, i + 1000)).execute();
  }
}

export interface AuditQuery {
  provinceCode: string;
  action?: string | undefined;
  recordKind?: string | undefined;
  recordId?: string | undefined;
  username?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

export async function searchAudit(db: Db, q: AuditQuery) {
  let base = db.selectFrom('audit_log').where('province_code', '=', q.provinceCode);
  if (q.action) base = base.where('action', '=', q.action);
  if (q.recordKind) base = base.where('record_kind', '=', q.recordKind);
  if (q.recordId) base = base.where('record_id', '=', q.recordId);
  if (q.username) base = base.where('username', '=', q.username);
  if (q.from) base = base.where('at', '>=', q.from);
  if (q.to) base = base.where('at', '<', q.to);
  const [items, total] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}
