/** API shapes, paths and URL state of recurring screening (the day's plan, schedules) and of lab capacity. */
import { withQuery } from '../../shared/api/client.ts';
import { dateParam } from '../../shared/hooks/url-query.ts';
import type { Method, RiskLevel } from './testing-api.ts';

/** The targets a schedule is created for here (the server may list lockdown zones too). */
export const SCHEDULE_TARGET_KINDS = ['lockdown_zone', 'commune', 'enterprise', 'facility'] as const;
export type ScheduleTargetKind = (typeof SCHEDULE_TARGET_KINDS)[number];

export const PLAN_STATUSES = ['overdue', 'due', 'done', 'not_due'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** One schedule on the day's plan (the server leaves out those not due). */
export interface PlanItem {
  scheduleId: number;
  targetKind: ScheduleTargetKind | 'lockdown_zone';
  targetOrgId: number | null;
  targetLabel: string;
  everyDays: number;
  method: Method;
  riskLevel: RiskLevel | null;
  lastRoundOn: string | null;
  /** The schedule's round of the day, once started. */
  roundToday: number | null;
  status: PlanStatus;
  dueOn: string | null;
  daysLate: number;
}

/** GET /api/testing/plan: overdue first (most days late first), then due, then done. */
export interface DayPlan {
  date: string;
  counts: { due: number; overdue: number; done: number };
  items: PlanItem[];
}

/** POST /api/testing/schedules. */
export interface ScheduleCreateBody {
  targetKind: ScheduleTargetKind;
  communeCode?: string;
  targetOrgId?: number;
  targetZoneId?: number;
  everyDays: number;
  startsOn: string;
  endsOn?: string;
  method: Method;
  riskLevel?: RiskLevel;
}

/** 201 of POST /api/testing/schedules. */
export interface ScheduleCreated {
  id: number;
  targetLabel: string;
}

/** One lab's results of a day (`lab` null: results without a lab named). */
export interface LabDay {
  lab: string | null;
  resulted: number;
  avgTurnaroundDays: number;
  capacityPerDay: number | null;
  overCapacity: boolean;
}

/** Tubes (an individual sample or a pool) taken and resulted in a day, and those awaiting a result at its end. */
export interface CapacityDay {
  date: string;
  taken: number;
  resulted: number;
  backlog: number;
  /** More tubes taken than all the labs can test in a day. */
  overCapacity: boolean;
  labs: LabDay[];
}

/** GET /api/testing/capacity. */
export interface CapacityReport {
  from: string;
  to: string;
  /** The labs' capacities added up; null when no lab gave one. */
  totalCapacity: number | null;
  labs: Array<{ id: number; name: string; capacityPerDay: number | null }>;
  days: CapacityDay[];
}

// ---- URL state ----

/** The plan of a day; no date: today's. */
export interface PlanQuery {
  date?: string;
}

export function planQueryFromParams(params: URLSearchParams): PlanQuery {
  return { date: dateParam(params.get('date')) };
}

export function planQueryToParams(q: PlanQuery): Record<string, string> {
  return q.date ? { date: q.date } : {};
}

/** The server reports at most this many days at once. */
export const MAX_CAPACITY_DAYS = 120;
/** Shown when no range is asked for: the last two weeks, today included. */
export const DEFAULT_CAPACITY_DAYS = 14;

const dayMs = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / dayMs);

/** A calendar date 'YYYY-MM-DD' moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * dayMs).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted (0 when `to` is before `from`). */
export function daysInRange(from: string, to: string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

export interface CapacityRange {
  from: string;
  to: string;
}

/** The range asked for in the URL, when both ends are dates the server accepts together; otherwise none (the default). */
export function capacityQueryFromParams(params: URLSearchParams): CapacityRange | undefined {
  const from = dateParam(params.get('from'));
  const to = dateParam(params.get('to'));
  if (!from || !to) return undefined;
  const days = daysInRange(from, to);
  return days >= 1 && days <= MAX_CAPACITY_DAYS ? { from, to } : undefined;
}

export function capacityQueryToParams(range: CapacityRange | undefined): Record<string, string> {
  return range ? { from: range.from, to: range.to } : {};
}

/** The range shown: the one asked for, or the last 14 days up to `today`. */
export function capacityRangeOrDefault(range: CapacityRange | undefined, today: string): CapacityRange {
  return range ?? { from: addDays(today, 1 - DEFAULT_CAPACITY_DAYS), to: today };
}

export const screeningPaths = {
  plan: (date: string) => withQuery('/api/testing/plan', { date }),
  createSchedule: '/api/testing/schedules',
  endSchedule: (scheduleId: number) => `/api/testing/schedules/${scheduleId}/end`,
  startRound: (scheduleId: number) => `/api/testing/schedules/${scheduleId}/rounds`,
  capacity: (range: CapacityRange) => withQuery('/api/testing/capacity', { from: range.from, to: range.to }),
};
