/**
 * Community follow-up of people at home: home quarantine (F1 at home, F2 waiting for their F1)
 * and the home monitoring that follows a centralized stay. Community COVID teams record a daily
 * check (present, symptoms, temperature); the list shows who is still to be checked today and
 * who was missed on earlier days; an abnormal check raises a task for the commune health station.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays, dayNumber, vnDate } from '../../lib/time.ts';
import { vnDateText } from '../../lib/xlsx.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaScopeFilter, assertAreaInScope, assertPermission, maskedFieldsFor } from '../auth/policy.ts';
import { maskValue } from '../people/people.domain.ts';

/** Temperatures from 37.5 °C count as fever. */
export const FEVER_FROM = 37.5;
/** How many past days the list looks back for missed checks. */
const LOOKBACK_DAYS = 7;

export type MonitoringKind = 'home_quarantine' | 'f2_monitoring' | 'after_release';

export function isAbnormal(c: { present: boolean; symptoms: boolean; temperature: number | null }): boolean {
  return !c.present || c.symptoms || (c.temperature !== null && c.temperature >= FEVER_FROM);
}

/** The days in [from, to] without a check (both inclusive; empty when from > to). */
export function missedDays(from: string, to: string, checked: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!checked.has(d)) out.push(d);
  return out;
}

function area(actor: Actor) {
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  return areaScopeFilter(actor);
}

/** Orders under home follow-up on `date`: home orders in force, and released stays inside their home-monitoring period. */
function underFollowUp(db: Db, provinceCode: string, date: string) {
  return db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .where('o.province_code', '=', provinceCode)
    .where((eb) => eb.or([
      eb.and([eb('o.kind', '=', 'home'), eb('o.status', '=', 'active'), eb('o.start_date', '<=', date)]),
      eb.and([eb('o.status', '=', 'released'), eb('o.released_on', '<', date), eb('o.home_monitoring_until', '>=', date)]),
    ]));
}

export interface MonitoringQuery { date?: string | undefined; communeCode?: string | undefined; missedOnly?: boolean | undefined; page: number; pageSize: number }

export async function homeMonitoringList(db: Db, actor: Actor, q: MonitoringQuery, today = vnDate()) {
  assertPermission(actor, 'quarantine:read');
  const date = q.date ?? today;
  if (date > today) throw new ValidationError([{ field: 'date', code: 'FUTURE', message: { vi: 'Ngày ở tương lai', en: 'The date is in the future' } }]);
  const scope = area(actor);
  let base = underFollowUp(db, actor.provinceCode, date);
  if (scope) base = base.where(`p.${scope.column}`, '=', scope.value);
  if (q.communeCode) base = base.where('p.commune_code', '=', q.communeCode);
  const rows = await base.select(['o.id', 'o.person_id', 'p.full_name', 'p.phone', 'p.address_detail', 'p.commune_code', 'o.kind', 'o.subject', 'o.status',
    'o.start_date', 'o.released_on', 'o.home_monitoring_until']).orderBy('p.commune_code').orderBy('p.sort_name').orderBy('o.id').execute();
  const from = addDays(date, -(LOOKBACK_DAYS - 1));
  const checks = rows.length === 0 ? [] : await db.selectFrom('home_check').select(['order_id', 'check_date', 'present', 'symptoms', 'temperature', 'abnormal'])
    .where('order_id', 'in', rows.map((r) => r.id)).where('check_date', '>=', from).where('check_date', '<=', date).execute();
  const byOrder = new Map<number, typeof checks>();
  for (const c of checks) byOrder.set(c.order_id, [...(byOrder.get(c.order_id) ?? []), c]);
  const masked = new Set(maskedFieldsFor(actor));
  const all = rows.map((r) => {
    const mine = byOrder.get(r.id) ?? [];
    const kind: MonitoringKind = r.status === 'released' ? 'after_release' : r.subject === 'f2' ? 'f2_monitoring' : 'home_quarantine';
    const since = kind === 'after_release' ? addDays(r.released_on!, 1) : r.start_date;
    const todayCheck = mine.find((c) => c.check_date === date) ?? null;
    // Days before today that should have had a check and did not.
    const missed = missedDays(since > from ? since : from, addDays(date, -1), new Set(mine.map((c) => c.check_date)));
    return {
      orderId: r.id, personId: r.person_id, fullName: r.full_name, communeCode: r.commune_code,
      phone: masked.has('phone') ? maskValue(r.phone, 3) : r.phone, address: masked.has('addressDetail') ? maskValue(r.address_detail, 0) : r.address_detail,
      kind, since, until: kind === 'after_release' ? r.home_monitoring_until : null, day: dayNumber(date) - dayNumber(since) + 1,
      today: todayCheck ? { present: todayCheck.present, symptoms: todayCheck.symptoms, temperature: todayCheck.temperature === null ? null : Number(todayCheck.temperature), abnormal: todayCheck.abnormal } : null,
      missedDays: missed,
    };
  });
  const filtered = q.missedOnly ? all.filter((x) => x.missedDays.length > 0 || !x.today) : all;
  const items = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  await recordAudit(db, actor, { action: 'read', recordKind: 'home_monitoring', detail: { date, people: items.length, page: q.page } });
  return {
    date, total: filtered.length, page: q.page, pageSize: q.pageSize,
    counts: { people: all.length, checkedToday: all.filter((x) => x.today).length, abnormalToday: all.filter((x) => x.today?.abnormal).length, withMissedDays: all.filter((x) => x.missedDays.length > 0).length },
    items,
  };
}

export interface CheckInput { date: string; present: boolean; symptoms: boolean; temperature?: number | null | undefined; note?: string | null | undefined }

/** Records a daily check; an abnormal one opens a task for the commune health station, in the same transaction. */
export async function recordHomeCheck(db: Db, actor: Actor, orderId: number, input: CheckInput, today = vnDate()) {
  assertPermission(actor, 'homecheck:write');
  const o = await db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.person_id', 'o.province_code', 'p.district_code', 'p.commune_code', 'p.full_name'])
    .where('o.id', '=', orderId).executeTakeFirst();
  if (!o || o.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `quyết định cách ly ${orderId}`, en: `quarantine order ${orderId}` });
  area(actor);
  assertAreaInScope(actor, { province_code: o.province_code, district_code: o.district_code, commune_code: o.commune_code });
  const issues: FieldIssue[] = [];
  if (input.date > today) issues.push({ field: 'date', code: 'FUTURE', message: { vi: 'Ngày kiểm tra ở tương lai', en: 'The check date is in the future' } });
  const t = input.temperature ?? null;
  if (t !== null && (t < 34 || t > 43)) issues.push({ field: 'temperature', code: 'RANGE', message: { vi: `Nhiệt độ ${t} °C không hợp lệ (34–43 °C)`, en: `Temperature ${t} °C is not valid (34–43 °C)` } });
  const followed = await underFollowUp(db, actor.provinceCode, input.date).where('o.id', '=', orderId).select('o.id').executeTakeFirst();
  if (!followed) issues.push({ field: 'date', code: 'NOT_UNDER_FOLLOW_UP', message: { vi: `${o.full_name} không thuộc diện theo dõi tại nhà ngày ${vnDateText(input.date)}`, en: `${o.full_name} is not under home follow-up on ${input.date}` } });
  if (issues.length) throw new ValidationError(issues);
  const abnormal = isAbnormal({ present: input.present, symptoms: input.symptoms, temperature: t });
  return db.transaction().execute(async (trx) => {
    const dup = await trx.selectFrom('home_check').select('id').where('order_id', '=', orderId).where('check_date', '=', input.date).executeTakeFirst();
    if (dup) throw new AppError('DUPLICATE_CHECK', 409, { vi: `Đã có kết quả kiểm tra ngày ${vnDateText(input.date)} cho ${o.full_name}`, en: `${o.full_name} already has a check for ${input.date}` }, 'date');
    const check = await trx.insertInto('home_check').values({
      order_id: orderId, check_date: input.date, present: input.present, symptoms: input.symptoms, temperature: t === null ? null : String(t),
      abnormal, note: input.note?.trim() || null, checked_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    let taskId: number | null = null;
    if (abnormal) {
      const what = [!input.present ? 'không có mặt tại nơi cách ly' : null, input.symptoms ? 'có triệu chứng' : null, t !== null && t >= FEVER_FROM ? `sốt ${t} °C` : null].filter(Boolean).join(', ');
      taskId = (await trx.insertInto('commune_task').values({
        province_code: o.province_code, district_code: o.district_code, commune_code: o.commune_code, kind: 'abnormal_home_check', person_id: o.person_id,
        order_id: orderId, home_check_id: check.id, due_date: input.date, detail: `${o.full_name}: ${what} (kiểm tra ngày ${vnDateText(input.date)})`,
      }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await recordAudit(trx, actor, { action: 'create', recordKind: 'home_check', recordId: check.id, detail: { orderId, ...input, abnormal, taskId } });
    return { id: check.id, abnormal, taskId };
  });
}

export async function listTasks(db: Db, actor: Actor, q: { status?: 'open' | 'done' | undefined; communeCode?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'quarantine:read');
  const scope = area(actor);
  let base = db.selectFrom('commune_task as t').innerJoin('person as p', 'p.id', 't.person_id').where('t.province_code', '=', actor.provinceCode);
  if (scope) base = base.where(`t.${scope.column}`, '=', scope.value);
  if (q.communeCode) base = base.where('t.commune_code', '=', q.communeCode);
  if (q.status) base = base.where('t.status', '=', q.status);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const items = await base.select(['t.id', 't.kind', 't.person_id as personId', 'p.full_name as fullName', 't.commune_code as communeCode', 't.order_id as orderId',
    't.due_date as dueDate', 't.detail', 't.status', 't.outcome', 't.done_at as doneAt'])
    .orderBy('t.status', 'desc').orderBy('t.due_date').orderBy('t.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  await recordAudit(db, actor, { action: 'read', recordKind: 'commune_task', detail: { list: items.length } });
  return { total, page: q.page, pageSize: q.pageSize, items };
}

export async function completeTask(db: Db, actor: Actor, id: number, outcome: string) {
  assertPermission(actor, 'quarantine:write');
  const t = await db.selectFrom('commune_task').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || t.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `nhiệm vụ ${id}`, en: `task ${id}` });
  area(actor);
  assertAreaInScope(actor, t);
  if (!outcome.trim()) throw new ValidationError([{ field: 'outcome', code: 'REQUIRED', message: { vi: 'Ghi kết quả xử lý', en: 'Record what was done' } }]);
  await db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('commune_task').set({ status: 'done', outcome: outcome.trim(), done_by: actor.userId || null, done_at: new Date() })
      .where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError('TASK_DONE', 409, { vi: 'Nhiệm vụ đã được xử lý', en: 'The task is already done' });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'commune_task', recordId: id, detail: { outcome } });
  });
  return { id, status: 'done' as const };
}
