/** Pure helpers of the home follow-up tab: colours, today's check, missed days and the check's body. */
import { formatDate } from '../../shared/i18n/format.ts';
import type { HomeCheckBody, HomeCheckSummary, HomeMonitoringItem, MonitoringKind, TaskStatus } from './home-api.ts';

export const MONITORING_KIND_COLOURS: Record<MonitoringKind, string> = { home_quarantine: 'blue', f2_monitoring: 'purple', after_release: 'cyan' };

export const TASK_STATUS_COLOURS: Record<TaskStatus, string> = { open: 'orange', done: 'green' };

/** Temperatures from 37.5 °C count as fever, as the server counts them. */
export const FEVER_FROM = 37.5;
/** The temperatures the server accepts (°C). */
export const TEMPERATURE_RANGE = { min: 34, max: 43 } as const;

export type CheckState = 'not_checked' | 'normal' | 'abnormal';

/** What the day's check says: none yet, normal, or abnormal (the server decides; its flag wins). */
export function checkState(check: HomeCheckSummary | null): CheckState {
  if (check === null) return 'not_checked';
  return check.abnormal ? 'abnormal' : 'normal';
}

export type AbnormalSign = 'absent' | 'symptoms' | 'fever';

/** Why a check is abnormal, in the order a health worker reads them. */
export function abnormalSigns(check: Pick<HomeCheckSummary, 'present' | 'symptoms' | 'temperature'>): AbnormalSign[] {
  const signs: AbnormalSign[] = [];
  if (!check.present) signs.push('absent');
  if (check.symptoms) signs.push('symptoms');
  if (check.temperature !== null && check.temperature >= FEVER_FROM) signs.push('fever');
  return signs;
}

export interface MissedSummary {
  count: number;
  /** Shown in orange: at least one day was missed. */
  warn: boolean;
  /** The days as DD/MM/YYYY, oldest first, each once. */
  dates: string[];
}

export function missedDaysSummary(days: readonly string[]): MissedSummary {
  const sorted = [...new Set(days)].sort();
  return { count: sorted.length, warn: sorted.length > 0, dates: sorted.map((d) => formatDate(d)) };
}

/**
 * The day the check dialog opens on: the list's day while it has no check, else the latest missed
 * day; null when there is nothing left to record.
 */
export function defaultCheckDate(item: Pick<HomeMonitoringItem, 'today' | 'missedDays'>, listDate: string): string | null {
  if (item.today === null) return listDate;
  const missed = [...item.missedDays].sort();
  return missed.length ? (missed[missed.length - 1] ?? null) : null;
}

/** Whether a check can be recorded for `date`: within the follow-up (from `since` to `until`) and not after today. */
export function checkDateAllowed(date: string, item: Pick<HomeMonitoringItem, 'since' | 'until'>, today: string): boolean {
  return date >= item.since && date <= today && (item.until === null || date <= item.until);
}

export interface CheckFormValues {
  present: boolean;
  symptoms: boolean;
  temperature?: number | null;
  note?: string | null;
}

/** The body of POST …/checks: the temperature to one decimal, a blank note left out as null. */
export function checkBody(date: string, v: CheckFormValues): HomeCheckBody {
  const t = v.temperature;
  return {
    date,
    present: v.present,
    symptoms: v.symptoms,
    temperature: t === null || t === undefined || Number.isNaN(t) ? null : Math.round(t * 10) / 10,
    note: v.note?.trim() || null,
  };
}
