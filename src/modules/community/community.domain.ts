/** Community teams, their tasks, pharmacy sales and violations: pure rules and labels (no I/O). */
import type { FieldIssue } from '../../server/errors.ts';

export const TEAM_TASK_KINDS = ['home_quarantine_check', 'arrival_visit', 'declaration_visit', 'pharmacy_followup', 'other'] as const;
export const TEAM_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;

/** How a visit went: what the phone page offers as big buttons. */
export const TASK_RESULTS = ['met', 'not_home', 'referred', 'tested', 'unreachable', 'other'] as const;
export type TaskResult = (typeof TASK_RESULTS)[number];

export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;

export const MEDICINE_GROUPS = ['fever', 'cough', 'throat'] as const;
export const MEDICINE_LABEL: Record<(typeof MEDICINE_GROUPS)[number], string> = { fever: 'Hạ sốt', cough: 'Ho', throat: 'Đau họng' };

export const FOLLOWUP_TEST_RESULTS = ['negative', 'positive', 'pending'] as const;

export const VIOLATION_KINDS = ['no_mask', 'gathering', 'leaving_quarantine', 'false_declaration', 'other'] as const;
export type ViolationKindValue = (typeof VIOLATION_KINDS)[number];
export const VIOLATION_STATUSES = ['recorded', 'decided', 'paid', 'cancelled'] as const;
export const VIOLATION_LABEL: Record<ViolationKindValue, string> = {
  no_mask: 'Không đeo khẩu trang',
  gathering: 'Tụ tập đông người',
  leaving_quarantine: 'Tự ý rời khỏi nơi cách ly',
  false_declaration: 'Khai báo y tế gian dối',
  other: 'Vi phạm khác',
};
export const VIOLATION_STATUS_LABEL: Record<(typeof VIOLATION_STATUSES)[number], string> = {
  recorded: 'Đã lập biên bản', decided: 'Đã ra quyết định xử phạt', paid: 'Đã nộp phạt', cancelled: 'Đã hủy',
};

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

/** Tidy free text: NFC, single spaces, trimmed; empty → null. */
export function tidy(s: string | null | undefined): string | null {
  if (s == null) return null;
  const t = s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

/** Open tasks first, overdue (earliest due) first; then the rest, latest first. */
export function compareTasks(a: { status: string; dueDate: string; id: number }, b: { status: string; dueDate: string; id: number }): number {
  const ao = a.status === 'open' ? 0 : 1;
  const bo = b.status === 'open' ? 0 : 1;
  if (ao !== bo) return ao - bo;
  if (ao === 0) return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id;
  return a.dueDate > b.dueDate ? -1 : a.dueDate < b.dueDate ? 1 : b.id - a.id;
}

export interface CompletionInput {
  result: TaskResult;
  outcome?: string | null | undefined;
  /** Home-quarantine checks: what the team saw. */
  symptoms?: boolean | undefined;
  temperature?: number | null | undefined;
  /** Pharmacy follow-ups: the test the station took and its result. */
  tested?: boolean | undefined;
  testResult?: (typeof FOLLOWUP_TEST_RESULTS)[number] | null | undefined;
}

/** Checks a completion against the task's kind; returns the issues (empty: fine). */
export function completionIssues(kind: string, input: CompletionInput): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!TASK_RESULTS.includes(input.result)) out.push(issue('result', 'INVALID', 'Kết quả không hợp lệ', 'Unknown result'));
  if (input.result === 'other' && !tidy(input.outcome)) out.push(issue('outcome', 'REQUIRED', 'Ghi rõ kết quả', 'Describe the outcome'));
  const t = input.temperature ?? null;
  if (t !== null && (t < 34 || t > 43)) out.push(issue('temperature', 'RANGE', `Nhiệt độ ${t} °C không hợp lệ (34–43 °C)`, `Temperature ${t} °C is not valid (34–43 °C)`));
  if (kind === 'pharmacy_followup' && input.tested && input.testResult == null) {
    out.push(issue('testResult', 'REQUIRED', 'Ghi kết quả xét nghiệm (hoặc "chờ kết quả")', 'Record the test result (or "pending")'));
  }
  if (kind === 'home_quarantine_check' && input.result === 'tested') out.push(issue('result', 'INVALID', 'Kiểm tra cách ly tại nhà không có kết quả "đã xét nghiệm"', 'A home check has no "tested" result'));
  return out;
}

/** The home check a completed home-quarantine task records: not at home is an absence; referred means symptoms. */
export function homeCheckOf(input: CompletionInput): { present: boolean; symptoms: boolean; temperature: number | null } {
  return {
    present: input.result !== 'not_home' && input.result !== 'unreachable',
    symptoms: input.symptoms ?? input.result === 'referred',
    temperature: input.temperature ?? null,
  };
}

export interface ViolationInput {
  kind: string;
  occurredOn: string;
  communeCode: string;
  placeDetail?: string | null | undefined;
  offenderKind?: 'person' | 'organisation' | undefined;
  offenderName: string;
  description?: string | null | undefined;
  decisionNo?: string | null | undefined;
  fineVnd?: number | null | undefined;
  status?: string | undefined;
}

export function violationIssues(v: ViolationInput, today: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (!(VIOLATION_KINDS as readonly string[]).includes(v.kind)) out.push(issue('kind', 'INVALID', 'Loại vi phạm không hợp lệ', 'Unknown violation kind'));
  if (v.occurredOn > today) out.push(issue('occurredOn', 'FUTURE', 'Ngày vi phạm ở tương lai', 'The date is in the future'));
  if (!tidy(v.offenderName)) out.push(issue('offenderName', 'REQUIRED', 'Cần tên người / tổ chức vi phạm', 'Name the person or organisation'));
  if (v.fineVnd != null && (!Number.isInteger(v.fineVnd) || v.fineVnd < 0 || v.fineVnd > 2_000_000_000)) {
    out.push(issue('fineVnd', 'RANGE', 'Số tiền phạt không hợp lệ', 'The fine is not valid'));
  }
  if (v.status !== undefined && !(VIOLATION_STATUSES as readonly string[]).includes(v.status)) out.push(issue('status', 'INVALID', 'Trạng thái không hợp lệ', 'Unknown status'));
  if ((v.status === 'decided' || v.status === 'paid') && !tidy(v.decisionNo)) {
    out.push(issue('decisionNo', 'REQUIRED', 'Cần số quyết định xử phạt', 'The decision number is needed'));
  }
  return out;
}
