/**
 * The tracing rules (issue 4), as pure functions over whole day numbers (days since
 * 1970-01-01, Vietnam calendar dates). Both the in-memory engine and the SQL trace follow them.
 */
import { MS_PER_DAY, dayNumber, isoDay } from '../../lib/time.ts';

export { MS_PER_DAY, dayNumber, isoDay };

/** Vietnam is UTC+7 all year (no daylight saving since 1975). */
export const VN_OFFSET_SECONDS = 7 * 3600;
/** An open end of a membership or window: later than any real date. */
export const OPEN_END = 2_147_483_647;
export const DEFAULT_CHECKIN_MINUTES = 30;
export const DEFAULT_DEPTH = 3;
export const MAX_DEPTH = 5;

/** Edge kinds in tie-break order (after level, date and source id). */
export const EDGE_KINDS = ['household', 'room', 'workshop_shift', 'bus_route', 'venue', 'manual'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];
export const GROUP_KINDS = ['household', 'room', 'workshop_shift', 'bus_route'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const KIND_CODE: Record<EdgeKind, number> = { household: 0, room: 1, workshop_shift: 2, bus_route: 3, venue: 4, manual: 5 };

/** The Vietnam calendar day of an instant given in epoch seconds. */
export function vnDayOfEpochSeconds(seconds: number): number {
  return Math.floor((seconds + VN_OFFSET_SECONDS) / 86_400);
}

export interface CaseDays {
  onset: number | null;
  sample: number;
  confirmation: number;
  isolation: number | null;
}

/** Infectious window of an F0: (onset, else sample) − 2 days .. (isolation, else confirmation), inclusive. */
export function infectiousWindow(c: CaseDays): { start: number; end: number } {
  return { start: (c.onset ?? c.sample) - 2, end: c.isolation ?? c.confirmation };
}

/** A quarantine or isolation order as tracing sees it: start and end days (OPEN_END while in force). */
export interface OrderDays { start: number; end: number }

/**
 * End of an Fk's exposure window: its quarantine start, else the as-of date. Orders started after
 * the as-of date are not known yet, and an order that ended before the window start is an earlier
 * episode and does not count. An order already in force when the window starts (started before
 * it) ends it at once: the window is empty (its end is the day before its start) — the person was
 * in quarantine when exposed. Otherwise the first order starting on or after the window start ends it.
 */
export function exposureWindowEnd(windowStart: number, orders: readonly OrderDays[] | undefined, asOf: number): number {
  let end = asOf;
  if (!orders) return end;
  for (const q of orders) {
    if (q.start > asOf || q.end < windowStart) continue;
    if (q.start < windowStart) return windowStart - 1;
    if (q.start < end) end = q.start;
  }
  return end;
}

/**
 * First shared day of three intervals (the source's window and both memberships), or null when
 * they share none. Ends are inclusive; OPEN_END means still a member.
 */
export function firstSharedDay(
  windowStart: number, windowEnd: number,
  sFrom: number, sTo: number,
  pFrom: number, pTo: number,
): number | null {
  const lo = Math.max(windowStart, sFrom, pFrom);
  const hi = Math.min(windowEnd, sTo, pTo);
  return lo <= hi ? lo : null;
}

export interface EdgeRank {
  sourceLevel: number;
  date: number;
  source: number;
  kind: number;
  group: number;
}

/**
 * Primary-source order: lowest source level, then earliest date, then smallest source id; kind
 * (EDGE_KINDS order) and group id settle what the rule leaves open, so the choice is total.
 */
export function comparePrimary(a: EdgeRank, b: EdgeRank): number {
  return a.sourceLevel - b.sourceLevel || a.date - b.date || a.source - b.source || a.kind - b.kind || a.group - b.group;
}

/** Two check-ins overlap when their times are at most `minutes` apart (inclusive). */
export function checkinsOverlap(aSeconds: number, bSeconds: number, minutes: number): boolean {
  return Math.abs(aSeconds - bSeconds) <= minutes * 60;
}

/** A person's name reduced to initials, for people outside the reader's area. */
export function maskName(name: string): string {
  return name.split(/\s+/).filter(Boolean).map((w) => `${w[0]}.`).join(' ');
}
