/** Pure helpers of recurring screening: how a schedule stands on the plan, and the schedule creation body. */
import { formatNumber } from '../../shared/i18n/format.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { isPooled, POOL_SIZE_BY_RISK } from './round-form.ts';
import type { PlanItem, PlanStatus, ScheduleCreateBody, ScheduleTargetKind } from './screening-api.ts';
import type { Method, RiskLevel } from './testing-api.ts';
import { fill, methodLabel, testingTexts } from './testing-view.ts';

export const PLAN_STATUS_COLOURS: Record<PlanStatus, string> = { overdue: 'red', due: 'orange', done: 'green', not_due: 'default' };

/**
 * The status tag of a schedule on the plan of `planDate`: "Quá hạn N ngày", "Đến hạn hôm nay"
 * (on another day's plan: due that day), "Đã lấy mẫu".
 */
export function planStatusTag(item: Pick<PlanItem, 'status' | 'daysLate'>, planDate: string, today: string, lang: Language): { text: string; color: string } {
  const s = testingTexts(lang).planStatuses;
  const color = PLAN_STATUS_COLOURS[item.status];
  switch (item.status) {
    case 'overdue':
      return { text: item.daysLate === 1 ? s.overdueOne : fill(s.overdue, { n: formatNumber(item.daysLate, lang) }), color };
    case 'due':
      return { text: planDate === today ? s.due : s.dueThatDay, color };
    case 'done':
      return { text: s.done, color };
    case 'not_due':
      return { text: s.not_due, color };
  }
}

/** Whether a round can be started from the plan: the schedule is due or overdue and has no round that day. */
export function canStartRound(item: Pick<PlanItem, 'status' | 'roundToday' | 'targetKind'>): boolean {
  // A lockdown zone's round is made from a list of people, not from its schedule.
  return (item.status === 'due' || item.status === 'overdue') && item.roundToday === null && item.targetKind !== 'lockdown_zone';
}

/** "Hằng ngày", "Mỗi 3 ngày". */
export function everyDaysText(everyDays: number, lang: Language): string {
  const p = testingTexts(lang).plan;
  return everyDays === 1 ? p.everyDay : fill(p.everyDays, { n: formatNumber(everyDays, lang) });
}

/** The method as elsewhere; a pooled schedule with the pool size of its risk level ("RT-PCR gộp 5"). */
export function scheduleMethodLabel(item: { method: string; riskLevel: RiskLevel | null }, lang: Language): string {
  const poolSize = item.method === 'rt_pcr_pool' && item.riskLevel ? POOL_SIZE_BY_RISK[item.riskLevel] : null;
  return methodLabel(item.method, poolSize, lang);
}

/** The cycles the server accepts. */
export const EVERY_DAYS_RANGE = { min: 1, max: 30 } as const;

/** A first cycle by target (QĐ 2787): a lockdown zone every 2 days, a commune or a facility every 3, an enterprise every 7. */
export function suggestedEveryDays(kind: ScheduleTargetKind): number {
  return { lockdown_zone: 2, commune: 3, facility: 3, enterprise: 7 }[kind];
}

/** The form's values, dates as 'YYYY-MM-DD'. Fields of other target kinds may still hold values: they are not sent. */
export interface ScheduleDraft {
  targetKind: ScheduleTargetKind;
  communeCode?: string | null;
  targetOrgId?: number | null;
  targetZoneId?: number | null;
  everyDays: number;
  startsOn: string;
  endsOn?: string | null;
  method: Method;
  riskLevel?: RiskLevel | null;
}

/** POST /api/testing/schedules: only the target of the chosen kind, the end when given, the risk level only for pooled tests. */
export function scheduleCreateBody(d: ScheduleDraft): ScheduleCreateBody {
  const body: ScheduleCreateBody = { targetKind: d.targetKind, everyDays: d.everyDays, startsOn: d.startsOn, method: d.method };
  if (d.targetKind === 'commune') {
    if (d.communeCode) body.communeCode = d.communeCode;
  } else if (d.targetKind === 'lockdown_zone') {
    if (d.targetZoneId != null) body.targetZoneId = d.targetZoneId;
  } else if (d.targetOrgId != null) {
    body.targetOrgId = d.targetOrgId;
  }
  if (d.endsOn) body.endsOn = d.endsOn;
  if (isPooled(d.method) && d.riskLevel) body.riskLevel = d.riskLevel;
  return body;
}

/** The fields the server's issues may name, as the form names them too. */
export const SCHEDULE_FIELDS = ['targetKind', 'targetZoneId', 'communeCode', 'targetOrgId', 'everyDays', 'startsOn', 'endsOn', 'method', 'riskLevel'] as const;
