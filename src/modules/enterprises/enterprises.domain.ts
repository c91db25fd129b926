/**
 * Pure rules of enterprises and workers: the tax code, operating statuses, shift times, commute
 * modes, data freshness and how a change of assignment becomes membership intervals. No I/O;
 * `today` is passed in.
 */
import type { CommuteMode, OperatingStatus } from '../../db/schema.ts';
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';
import { addDays } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';

export const OPERATING_STATUSES: readonly OperatingStatus[] = ['operating', 'partial', 'suspended', 'on_site'];
export const COMMUTE_MODES: readonly CommuteMode[] = ['motorbike', 'bus', 'boarding_house', 'dormitory', 'other'];

/** Vietnamese labels, as the template's validation list and the export write them. */
export const COMMUTE_LABEL: Record<CommuteMode, LocalisedMessage> = {
  motorbike: { vi: 'Xe máy', en: 'Motorbike' },
  bus: { vi: 'Xe đưa đón', en: 'Company bus' },
  boarding_house: { vi: 'Nhà trọ', en: 'Boarding house' },
  dormitory: { vi: 'Ký túc xá', en: 'Dormitory' },
  other: { vi: 'Khác', en: 'Other' },
};

export const STATUS_LABEL: Record<OperatingStatus, LocalisedMessage> = {
  operating: { vi: 'Hoạt động', en: 'Operating' },
  partial: { vi: 'Hoạt động một phần', en: 'Partly operating' },
  suspended: { vi: 'Tạm dừng', en: 'Suspended' },
  on_site: { vi: '3 tại chỗ', en: 'Workers stay on site ("3 tại chỗ")' },
};

/** Default age (days) past which a worker list counts as stale; the province ordered weekly updates. */
export const DEFAULT_STALE_DAYS = 7;

export function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } };
}

// ---- tax code (mã số thuế, MST)

const MST_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * The check digit of a 10-digit MST from its first nine digits: 10 − (Σ wᵢ·dᵢ mod 11) with the
 * weights 31, 29, 23, 19, 17, 13, 7, 5, 3 (as python-stdnum's `vn.mst` computes it). A remainder
 * of 0 would need "10": no valid code has those nine digits (null).
 */
export function taxCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += MST_WEIGHTS[i]! * Number(firstNine[i]);
  const d = 10 - (sum % 11);
  return d === 10 ? null : d;
}

/**
 * Normalises and checks a tax code: 10 digits, or 13 for a branch written 10-3
 * ('0100109106-001'; spaces, dots and a missing dash accepted). The sequence (digits 3–9) is
 * never all zeros nor a branch 000, and the 10th digit is the check digit.
 */
export function parseTaxCode(raw: string): { ok: true; value: string } | { ok: false; issue: FieldIssue } {
  const s = raw.replace(/[\s.]/g, '');
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(s);
  const bad = (code: string, vi: string, en: string) => ({ ok: false as const, issue: issue('taxCode', code, `Mã số thuế: ${vi}`, `Tax code: ${en}`) });
  if (!m) return bad('INVALID_FORMAT', 'gồm 10 chữ số, hoặc 13 chữ số dạng 10-3 với chi nhánh', 'must be 10 digits, or 13 written 10-3 for a branch');
  const base = m[1]!;
  if (base.slice(2, 9) === '0000000' || m[2] === '000') return bad('INVALID_FORMAT', 'số thứ tự không được toàn số 0', 'the sequence cannot be all zeros');
  if (taxCheckDigit(base) !== Number(base[9])) return bad('INVALID_CHECK_DIGIT', 'sai chữ số kiểm tra (số thứ 10)', 'the check digit (10th digit) is wrong');
  return { ok: true, value: m[2] ? `${base}-${m[2]}` : base };
}

/** A valid tax code from nine digits, moving the sequence on until one has a check digit. */
export function taxCodeFrom(firstNine: string): string {
  let n = Number(firstNine);
  for (;;) {
    const nine = String(n).padStart(9, '0');
    const d = taxCheckDigit(nine);
    if (d !== null && nine.slice(2) !== '0000000') return `${nine}${d}`;
    n = n + 1 >= 1e9 ? 0 : n + 1;
  }
}

// ---- shifts, names

export function parseShiftTime(raw: string): string | null {
  const m = /^(\d{1,2})[:hH](\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/** Names are matched folded and with single spaces: "Xưởng  SMT 1" is "xuong smt 1". */
export function nameKey(name: string): string {
  return foldVietnamese(name.normalize('NFC').replace(/\s+/g, ' ').trim());
}

const COMMUTE_WORDS = new Map<string, CommuteMode>();
for (const mode of COMMUTE_MODES) {
  for (const w of [mode, COMMUTE_LABEL[mode].vi, COMMUTE_LABEL[mode].en]) COMMUTE_WORDS.set(nameKey(w), mode);
}
for (const [w, mode] of [['xe buyt', 'bus'], ['xe dua don cong nhan', 'bus'], ['ktx', 'dormitory'], ['o tro', 'boarding_house'], ['xe may', 'motorbike']] as const) {
  COMMUTE_WORDS.set(w, mode);
}

export function parseCommuteMode(raw: string): CommuteMode | null {
  return COMMUTE_WORDS.get(nameKey(raw)) ?? null;
}

// ---- freshness

/** Whole days since the worker list was last confirmed (null: never). */
export function daysSinceConfirmed(confirmedAt: Date | null, now: Date): number | null {
  if (!confirmedAt) return null;
  return Math.floor((now.getTime() - confirmedAt.getTime()) / 86_400_000);
}

export function isStale(confirmedAt: Date | null, now: Date, days: number): boolean {
  const age = daysSinceConfirmed(confirmedAt, now);
  return age === null || age > days;
}

// ---- assignment changes as membership intervals

export function dayBefore(iso: string): string {
  return addDays(iso, -1);
}

export interface OpenMembership {
  id: number;
  groupId: number;
  validFrom: string;
}

export type MembershipStep =
  | { kind: 'close'; id: number; validTo: string }
  | { kind: 'regroup'; id: number; groupId: number }
  | { kind: 'remove'; id: number }
  | { kind: 'open'; groupId: number; validFrom: string; validTo?: string };

/**
 * How one slot (workshop × shift, bus, room) moves from its open membership to a new group on
 * `changeDate`: the old one ends the day before, the new one starts that day; history is never
 * rewritten. A change on the day the open membership started corrects that day's entry.
 * A change dated before the open membership's start is refused (null).
 */
export function membershipSteps(open: OpenMembership | null, newGroup: number | null, changeDate: string): MembershipStep[] | null {
  if ((open?.groupId ?? null) === newGroup) return [];
  if (!open) return newGroup === null ? [] : [{ kind: 'open', groupId: newGroup, validFrom: changeDate }];
  if (changeDate < open.validFrom) return null;
  if (changeDate === open.validFrom) {
    return newGroup === null ? [{ kind: 'remove', id: open.id }] : [{ kind: 'regroup', id: open.id, groupId: newGroup }];
  }
  const steps: MembershipStep[] = [{ kind: 'close', id: open.id, validTo: dayBefore(changeDate) }];
  if (newGroup !== null) steps.push({ kind: 'open', groupId: newGroup, validFrom: changeDate });
  return steps;
}
