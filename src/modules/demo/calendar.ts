/**
 * Calendar dates as whole day numbers (days since 1970-01-01) so the generator can do
 * arithmetic on millions of dates cheaply; converted to 'YYYY-MM-DD' only when emitting.
 */
import { MS_PER_DAY, dayNumber } from '../../lib/time.ts';

export const dayOf = dayNumber;

const isoCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number (memoised: millions of birth dates share ~40,000 distinct days). */
export function isoDate(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, iso);
  }
  return iso;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/**
 * UTC timestamp of a Vietnam local time (UTC+7, no daylight saving):
 * 08:30 local on day d is 01:30Z the same day; 06:00 local is 23:00Z the day before.
 */
export function vietnamTimeToUtcIso(day: number, localMinute: number): string {
  return new Date(day * MS_PER_DAY + (localMinute - 7 * 60) * 60_000).toISOString();
}

/** The smallest day ≥ `from` on the cycle phase, phase + period, phase + 2·period … */
export function nextCycleDay(from: number, phase: number, period: number): number {
  const k = Math.ceil((from - phase) / period);
  return phase + Math.max(0, k) * period;
}

/** Key dates of the 2021 Bắc Giang wave (seed report 003): used by several generators. */
export const WAVE = {
  /** Birth dates are drawn before this day (the register as it stood when the wave began). */
  registerDate: dayOf('2021-05-01'),
  checkinsFrom: dayOf('2021-04-01'),
  checkinsTo: dayOf('2021-06-30'),
  /** The first industrial-park case was confirmed on 08/5/2021 (SJ Tech worker, KCN Vân Trung). */
  firstParkCase: dayOf('2021-05-08'),
  /** Enterprises began locking workshops with cases (before that only the confirmed worker left). */
  workshopLocks: dayOf('2021-05-14'),
  /** Industrial parks closed from 00:00 on 18/5/2021; Việt Yên locked down the same day. */
  parkClosure: dayOf('2021-05-18'),
  /** Tracing caught up: by early June most new cases were already quarantined contacts. */
  tracingMature: dayOf('2021-06-01'),
  /** Lục Ngạn cluster (thôn Bằng Công, Kiên Thành) detected 16/6/2021. */
  lucNganCluster: dayOf('2021-06-16'),
  lastInfection: dayOf('2021-07-05'),
} as const;
