/**
 * Pure rules of boarding houses: the "smart boarding house" checklist (built-in items, a
 * province's version checked, an assessment's outcome), tenancy dates, rooms and the window in
 * which a workplace's case marks its tenants. No I/O; `today` is passed in.
 */
import type { BoardingHouseChecklistItem } from '../../db/schema.ts';
import { addDays } from '../../lib/time.ts';
import type { FieldIssue } from '../../server/errors.ts';

export type ChecklistItem = BoardingHouseChecklistItem;
export type SmartStatus = 'meets' | 'not_meets' | 'unassessed';

export function issue(field: string, code: string, vi: string, en: string, row?: number): FieldIssue {
  return row ? { field, code, row, message: { vi, en } } : { field, code, message: { vi, en } };
}

/**
 * The built-in checklist ("nhà trọ thông minh"), from what the province asked of owners in the
 * 2021 wave; a province replaces it with its own version.
 */
export const BUILT_IN_CHECKLIST: readonly ChecklistItem[] = [
  { code: 'tenant_book', required: true, label: { vi: 'Chủ trọ có sổ theo dõi người thuê, cập nhật khi đến, đi', en: 'The owner keeps a tenant book, updated on arrival and departure' } },
  { code: 'health_declaration', required: true, label: { vi: 'Người thuê khai báo y tế đầy đủ', en: 'Every tenant has made a health declaration' } },
  { code: 'qr_point', required: true, label: { vi: 'Có mã QR điểm kiểm soát ra vào', en: 'A QR check-in point at the entrance' } },
  { code: 'handwash', required: true, label: { vi: 'Có khu vực rửa tay, dung dịch sát khuẩn', en: 'A hand-washing place with sanitiser' } },
  { code: 'no_gathering', required: true, label: { vi: 'Không tụ tập đông người, không để người lạ ra vào', en: 'No gatherings, no strangers coming in' } },
  { code: 'vaccinated', required: false, label: { vi: 'Người thuê đã tiêm vắc xin phòng COVID-19', en: 'Tenants are vaccinated against COVID-19' } },
  { code: 'isolation_plan', required: true, label: { vi: 'Có phương án, phòng cách ly tạm thời khi có ca nghi nhiễm', en: 'A plan and a room for temporary isolation of a suspected case' } },
  { code: 'cleaning', required: false, label: { vi: 'Vệ sinh, khử khuẩn khu vực chung hằng ngày', en: 'Common areas cleaned and disinfected daily' } },
  { code: 'report_symptoms', required: true, label: { vi: 'Thông báo ngay cho trạm y tế khi người thuê có triệu chứng', en: 'Tenants with symptoms reported at once to the commune health station' } },
];

export const BUILT_IN_CHECKLIST_CODE = 'built_in';

/** A province's checklist: 1–40 items, codes unique (letters, digits, _ and -), Vietnamese label required. */
export function validateChecklist(items: ReadonlyArray<{ code: string; label: { vi: string; en?: string | undefined }; required: boolean }>): { ok: true; items: ChecklistItem[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (items.length === 0 || items.length > 40) issues.push(issue('items', 'COUNT', 'Danh mục cần từ 1 đến 40 tiêu chí', 'The checklist needs 1 to 40 items'));
  const seen = new Set<string>();
  const out: ChecklistItem[] = [];
  items.forEach((it, i) => {
    const code = it.code.trim();
    const vi = it.label.vi.replace(/\s+/g, ' ').trim();
    const en = (it.label.en ?? '').replace(/\s+/g, ' ').trim() || vi;
    if (!/^[a-z0-9_-]{1,40}$/i.test(code)) issues.push(issue(`items.${i}.code`, 'INVALID_FORMAT', `Tiêu chí ${i + 1}: mã chỉ gồm chữ, số, _ và -`, `Item ${i + 1}: the code takes letters, digits, _ and -`));
    else if (seen.has(code)) issues.push(issue(`items.${i}.code`, 'DUPLICATE', `Tiêu chí ${i + 1}: mã "${code}" trùng`, `Item ${i + 1}: code "${code}" repeats`));
    seen.add(code);
    if (!vi) issues.push(issue(`items.${i}.label`, 'REQUIRED', `Tiêu chí ${i + 1}: nội dung bắt buộc`, `Item ${i + 1}: the text is required`));
    out.push({ code, label: { vi, en }, required: it.required });
  });
  if (items.length > 0 && !items.some((it) => it.required)) issues.push(issue('items', 'NO_REQUIRED', 'Cần ít nhất một tiêu chí bắt buộc', 'At least one item must be required'));
  return issues.length ? { ok: false, issues } : { ok: true, items: out };
}

/** An assessment: every item of the version with whether it was ticked; it meets when every required item is. */
export function assessmentOutcome(items: readonly ChecklistItem[], ticked: readonly string[]): { items: Array<ChecklistItem & { ticked: boolean }>; meets: boolean; unknown: string[] } {
  const set = new Set(ticked);
  const known = new Set(items.map((i) => i.code));
  const out = items.map((i) => ({ ...i, ticked: set.has(i.code) }));
  return { items: out, meets: out.every((i) => !i.required || i.ticked), unknown: [...set].filter((c) => !known.has(c)) };
}

export function smartStatusOf(latest: { meets: boolean } | null | undefined): SmartStatus {
  if (!latest) return 'unassessed';
  return latest.meets ? 'meets' : 'not_meets';
}

/** Tenants of an enterprise with a case confirmed in the last 14 days (today included) are marked. */
export const CASE_WINDOW_DAYS = 14;

/** Tenancy dates: from not after today, to (if any) not before from nor after today. */
export function tenancyDateIssues(from: string, to: string | null, today: string, row?: number): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (from > today) out.push(issue('validFrom', 'FUTURE_DATE', 'Từ ngày: không được sau hôm nay', 'From: cannot be after today', row));
  if (to !== null) {
    if (to < from) out.push(issue('validTo', 'ORDER', 'Đến ngày: trước ngày bắt đầu thuê', 'Until: is before the tenancy began', row));
    else if (to > today) out.push(issue('validTo', 'FUTURE_DATE', 'Đến ngày: không được sau hôm nay', 'Until: cannot be after today', row));
  }
  return out;
}

/** Two date intervals (null end: open) share a day. */
export function overlaps(a: { from: string; to: string | null }, b: { from: string; to: string | null }): boolean {
  return (a.to === null || a.to >= b.from) && (b.to === null || b.to >= a.from);
}

/** Room labels are matched folded, with single spaces ("phòng 101" is "Phòng  101"). */
export function roomKey(label: string): string {
  return label.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi-VN').replace(/^phong\s+|^phòng\s+/, '');
}

/** The default name of a house: "Nhà trọ <owner>". */
export function defaultHouseName(ownerName: string): string {
  return `Nhà trọ ${ownerName.replace(/\s+/g, ' ').trim()}`;
}

export type TenancyStep =
  | { kind: 'close'; id: number; validTo: string }
  | { kind: 'regroup'; id: number; roomId: number }
  | { kind: 'open'; roomId: number; validFrom: string; validTo: string | null };

/**
 * A move to another room on `date`, the rule of a worker's lodging change: the open tenancy ends
 * the day before and a new one starts that day; a move on the day the tenancy began corrects it.
 * A move dated before the open tenancy began is refused (null).
 */
export function moveSteps(open: { id: number; roomId: number; validFrom: string }, roomId: number, date: string, until: string | null = null): TenancyStep[] | null {
  if (open.roomId === roomId) return [];
  if (date < open.validFrom) return null;
  if (date === open.validFrom) {
    const steps: TenancyStep[] = [{ kind: 'regroup', id: open.id, roomId }];
    if (until !== null) steps.push({ kind: 'close', id: open.id, validTo: until });
    return steps;
  }
  return [{ kind: 'close', id: open.id, validTo: dayBefore(date) }, { kind: 'open', roomId, validFrom: date, validTo: until }];
}

export function dayBefore(iso: string): string {
  return addDays(iso, -1);
}

/** Whether a tenancy covers a day. */
export function covers(t: { from: string; to: string | null }, day: string): boolean {
  return t.from <= day && (t.to === null || t.to >= day);
}
