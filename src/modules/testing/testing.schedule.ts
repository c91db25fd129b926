/**
 * Recurring screening: a lockdown commune every 2–3 days, an enterprise every 5–7, a facility by
 * its residents' risk. A schedule is due on its start day and every N days after, up to its end;
 * the day's plan lists what is due, what was done and what is overdue (a due day passed with no
 * round since), and starts the rounds the operator picks.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SampleMethod } from '../../db/schema.ts';
import { addDays, dayNumber, vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { findZone } from '../zones/zones.service.ts';
import { createRound } from './testing.service.ts';

export interface Recurrence { startsOn: string; endsOn: string | null; everyDays: number }

/** The latest due day on or before `date` (start + k × every, never after the end), or null before the start. */
export function lastDueOn(s: Recurrence, date: string): string | null {
  const last = s.endsOn !== null && s.endsOn < date ? s.endsOn : date;
  if (last < s.startsOn) return null;
  const k = Math.floor((dayNumber(last) - dayNumber(s.startsOn)) / s.everyDays);
  return addDays(s.startsOn, k * s.everyDays);
}

export type PlanStatus = 'due' | 'done' | 'overdue' | 'not_due';

/**
 * Where a schedule stands on `date` given the day of its latest round: 'done' when a round was
 * held on or after the latest due day, 'due' when that day is today, 'overdue' (with the days
 * late) when it has passed, 'not_due' before the start or between due days already covered.
 */
export function planStatus(s: Recurrence, date: string, lastRoundOn: string | null): { status: PlanStatus; dueOn: string | null; daysLate: number } {
  const dueOn = lastDueOn(s, date);
  if (dueOn === null) return { status: 'not_due', dueOn: null, daysLate: 0 };
  // Sampled on this day (even late, for an earlier due day) shows as done; an earlier round covers it quietly.
  if (lastRoundOn !== null && lastRoundOn >= dueOn) return { status: dueOn === date || lastRoundOn === date ? 'done' : 'not_due', dueOn, daysLate: 0 };
  if (dueOn === date) return { status: 'due', dueOn, daysLate: 0 };
  return { status: 'overdue', dueOn, daysLate: dayNumber(date) - dayNumber(dueOn) };
}

export interface ScheduleInput {
  targetKind: 'commune' | 'enterprise' | 'facility' | 'lockdown_zone'; targetOrgId?: number | null | undefined; communeCode?: string | null | undefined;
  /** For a lockdown zone: the zone, whose core residents each round samples until the zone is lifted. */
  targetZoneId?: number | null | undefined;
  everyDays: number; startsOn: string; endsOn?: string | null | undefined; method: SampleMethod; riskLevel?: 'high' | 'low' | null | undefined;
  teamOrgId?: number | null | undefined;
}

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

async function target(db: Db, actor: Actor, input: ScheduleInput) {
  if (input.targetKind === 'lockdown_zone') {
    const z = input.targetZoneId ? await findZone(db, actor, input.targetZoneId) : undefined;
    return z && !z.endedOn ? { label: z.name, district: z.districtCode, commune: z.communeCode } : null;
  }
  if (input.targetKind === 'commune') {
    const u = input.communeCode ? await db.selectFrom('admin_unit').select(['code', 'name', 'parent_code']).where('code', '=', input.communeCode).executeTakeFirst() : undefined;
    return u ? { label: u.name, district: u.parent_code, commune: u.code } : null;
  }
  const kinds = input.targetKind === 'enterprise' ? ['enterprise'] : ['quarantine_facility', 'treatment_facility'];
  const o = input.targetOrgId ? await db.selectFrom('org_unit').select(['name', 'kind', 'province_code', 'district_code', 'commune_code']).where('id', '=', input.targetOrgId).executeTakeFirst() : undefined;
  return o && o.province_code === actor.provinceCode && kinds.includes(o.kind) ? { label: o.name, district: o.district_code, commune: o.commune_code } : null;
}

export async function createSchedule(db: Db, actor: Actor, input: ScheduleInput) {
  assertPermission(actor, 'sample:write');
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(input.everyDays) || input.everyDays < 1 || input.everyDays > 30) issues.push(issue('everyDays', 'RANGE', 'Chu kỳ từ 1 đến 30 ngày', 'The cycle is 1 to 30 days'));
  if (input.endsOn && input.endsOn < input.startsOn) issues.push(issue('endsOn', 'ORDER', 'Ngày kết thúc trước ngày bắt đầu', 'The end is before the start'));
  if (input.method === 'rt_pcr_pool' && !input.riskLevel) issues.push(issue('riskLevel', 'REQUIRED', 'Xét nghiệm gộp cần mức nguy cơ', 'A pooled schedule needs a risk level'));
  const t = await target(db, actor, input);
  const targetField = { commune: 'communeCode', lockdown_zone: 'targetZoneId', enterprise: 'targetOrgId', facility: 'targetOrgId' }[input.targetKind];
  if (!t) issues.push(issue(targetField, 'UNKNOWN', 'Không có đối tượng sàng lọc này (vùng phong tỏa phải còn hiệu lực)', 'No such target (a lockdown zone must be in force)'));
  if (issues.length) throw new ValidationError(issues);
  const id = await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('screening_schedule').values({
      province_code: actor.provinceCode, district_code: t!.district, commune_code: t!.commune, target_kind: input.targetKind, target_org_id: input.targetOrgId ?? null,
      target_zone_id: input.targetKind === 'lockdown_zone' ? input.targetZoneId! : null, target_label: t!.label, every_days: input.everyDays, starts_on: input.startsOn, ends_on: input.endsOn ?? null, method: input.method,
      risk_level: input.riskLevel ?? null, team_org_id: input.teamOrgId ?? null, created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'screening_schedule', recordId: r.id, detail: { ...input } });
    return r.id;
  });
  return { id, targetLabel: t!.label };
}

export async function endSchedule(db: Db, actor: Actor, id: number, endsOn: string) {
  assertPermission(actor, 'sample:write');
  const s = await db.selectFrom('screening_schedule').select(['id', 'province_code', 'starts_on']).where('id', '=', id).executeTakeFirst();
  if (!s || s.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `lịch sàng lọc ${id}`, en: `screening schedule ${id}` });
  if (endsOn < s.starts_on) throw new ValidationError([issue('endsOn', 'ORDER', 'Ngày kết thúc trước ngày bắt đầu', 'The end is before the start')]);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('screening_schedule').set({ ends_on: endsOn }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'screening_schedule', recordId: id, detail: { endsOn } });
  });
  return { id, endsOn };
}

/** The day's plan: every schedule running that day with its status, overdue first. */
export async function dayPlan(db: Db, actor: Actor, q: { date?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'testing:read');
  const date = q.date ?? today;
  // A lockdown zone's screening ends the day before the zone is lifted.
  const endsOn = sql<string | null>`least(s.ends_on, (select z.ended_on - 1 from lockdown_zone z where z.id = s.target_zone_id))`;
  let base = db.selectFrom('screening_schedule as s').where('s.province_code', '=', actor.provinceCode).where('s.starts_on', '<=', date)
    .where((eb) => eb.or([eb(endsOn, 'is', null), eb(endsOn, '>=', addDays(date, -30))]));
  const area = actor.scopeKind === 'org' ? null : areaScopeFilter(actor);
  if (area && area.column !== 'province_code') base = base.where(`s.${area.column}`, '=', area.value);
  const rows = await base.select(['s.id', 's.target_kind', 's.target_org_id', 's.target_zone_id', 's.target_label', 's.every_days', 's.starts_on', sql<string | null>`${endsOn}::text`.as('ends_on'), 's.method', 's.risk_level',
    sql<string | null>`(select max(r.scheduled_on)::text from sampling_round r where r.schedule_id = s.id and r.scheduled_on <= ${date}::date and r.status <> 'cancelled')`.as('last_round_on'),
    sql<number | null>`(select r.id from sampling_round r where r.schedule_id = s.id and r.scheduled_on = ${date}::date and r.status <> 'cancelled' limit 1)`.as('round_today')])
    .orderBy('s.id').execute();
  const order: Record<PlanStatus, number> = { overdue: 0, due: 1, done: 2, not_due: 3 };
  const items = rows.map((s) => {
    const p = planStatus({ startsOn: s.starts_on, endsOn: s.ends_on, everyDays: s.every_days }, date, s.last_round_on);
    return {
      scheduleId: s.id, targetKind: s.target_kind, targetOrgId: s.target_org_id, targetZoneId: s.target_zone_id, targetLabel: s.target_label, everyDays: s.every_days, method: s.method,
      riskLevel: s.risk_level, lastRoundOn: s.last_round_on, roundToday: s.round_today, ...p,
    };
  }).filter((x) => x.status !== 'not_due').sort((a, b) => order[a.status] - order[b.status] || b.daysLate - a.daysLate || a.scheduleId - b.scheduleId);
  return { date, counts: { due: items.filter((i) => i.status === 'due').length, overdue: items.filter((i) => i.status === 'overdue').length, done: items.filter((i) => i.status === 'done').length }, items };
}

/** Starts the day's round of a schedule (its target's people as of now). */
export async function startScheduledRound(db: Db, actor: Actor, scheduleId: number, date: string) {
  assertPermission(actor, 'sample:write');
  const s = await db.selectFrom('screening_schedule').selectAll().where('id', '=', scheduleId).executeTakeFirst();
  if (!s || s.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `lịch sàng lọc ${scheduleId}`, en: `screening schedule ${scheduleId}` });
  return createRound(db, actor, {
    targetKind: s.target_kind, targetOrgId: s.target_org_id, targetZoneId: s.target_zone_id, communeCode: s.target_kind === 'commune' ? s.commune_code : null, scheduledOn: date,
    teamOrgId: s.team_org_id, method: s.method, riskLevel: s.risk_level, scheduleId: s.id,
  });
}
