import { withQuery } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';

export type MissingItem = 'no_decision' | 'no_source_f0' | 'no_payment_details';
export const MISSING_ITEMS: MissingItem[] = ['no_decision', 'no_source_f0', 'no_payment_details'];
export type ListStatus = 'prepared' | 'submitted' | 'checked' | 'approved' | 'paid' | 'returned';
export const LIST_STATUSES: ListStatus[] = ['prepared', 'submitted', 'checked', 'approved', 'paid', 'returned'];
export type ListAction = 'submit' | 'check' | 'approve' | 'pay' | 'return';

export interface EligibleLine {
  key: string; personId: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; address: string | null; subject: 'f0' | 'f1';
  episodeKind: 'quarantine_order' | 'covid_case'; episodeId: number; from: string; to: string; decision: { no: string; date: string; issuedBy: string | null } | null;
  sourcePersonId: number | null; days: number; firstDay: string | null; lastDay: string | null; dailyRate: number; daysAmount: number; childBonus: number; total: number;
  ruleCode: string; alreadyClaimedDays: number; overlapDays: number; beyondCapDays: number; child: boolean; missing: MissingItem[];
  payment: { method: 'bank' | 'cash'; bankName: string | null; accountNo: string | null; holderName: string | null } | null;
}
export interface Eligibility extends Paged<EligibleLine> {
  summary: { lines: number; complete: number; people: number; days: number; amount: number; missing: Record<MissingItem, number> };
}
export interface EligibilityQuery { communeCode: string; from: string; to: string; show: 'all' | 'complete' | 'incomplete'; missing?: MissingItem | undefined; q?: string | undefined; page: number; pageSize: number }

export interface PaymentListSummary {
  id: number; communeCode: string; communeName: string; districtCode: string; periodFrom: string; periodTo: string; status: ListStatus; note: string | null;
  returnReason: string | null; paidOn: string | null; paidReference: string | null; lineCount: number; totalAmount: number; createdAt: string;
}
export interface PaymentListDetail extends PaymentListSummary {
  lines: Array<{
    id: number; personId: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; subject: 'f0' | 'f1'; decisionNo: string; decisionDate: string;
    firstDay: string | null; lastDay: string | null; days: number; dailyRate: number; daysAmount: number; childBonus: number; total: number; paymentMethod: 'bank' | 'cash';
    bankName: string | null; accountNo: string | null;
  }>;
  history: Array<{ action: string; fromStatus: ListStatus | null; toStatus: ListStatus; reason: string | null; by: string | null; at: string }>;
}

export const supportPaths = {
  eligibility: (q: EligibilityQuery) => withQuery('/api/support/eligibility', { ...q, show: q.show === 'all' ? undefined : q.show }),
  lists: (q: { status?: ListStatus | undefined; page: number; pageSize: number }) => withQuery('/api/support/lists', q),
  list: (id: number) => `/api/support/lists/${id}`,
  act: (id: number, action: ListAction) => `/api/support/lists/${id}/${action}`,
  xlsx: (id: number) => `/api/support/lists/${id}/xlsx`,
  decisions: '/api/support/decisions',
  payment: (personId: number) => `/api/support/people/${personId}/payment-details`,
};

/** Which actions a user's permissions offer on a list in a status (the server decides). */
export function actionsFor(status: ListStatus, can: (p: string) => boolean): ListAction[] {
  const out: ListAction[] = [];
  if (status === 'prepared' && can('support:prepare')) out.push('submit', 'return');
  if (status === 'submitted' && can('support:check')) out.push('check', 'return');
  if (status === 'checked' && can('support:approve')) out.push('approve', 'return');
  if (status === 'approved' && (can('support:prepare') || can('support:approve'))) out.push('pay');
  return out;
}
