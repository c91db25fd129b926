/** API shapes and paths of community teams, their tasks, pharmacies and violations. */
import { withQuery } from '../../shared/api/client.ts';

export const TASK_KINDS = ['home_quarantine_check', 'arrival_visit', 'declaration_visit', 'pharmacy_followup', 'other'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_RESULTS = ['met', 'not_home', 'referred', 'tested', 'unreachable', 'other'] as const;
export type TaskResult = (typeof TASK_RESULTS)[number];
export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export const MEDICINE_GROUPS = ['fever', 'cough', 'throat'] as const;
export const TEST_RESULTS = ['negative', 'positive', 'pending'] as const;
export const VIOLATION_KINDS = ['no_mask', 'gathering', 'leaving_quarantine', 'false_declaration', 'other'] as const;
export const VIOLATION_STATUSES = ['recorded', 'decided', 'paid', 'cancelled'] as const;

export interface TeamRow {
  id: number; name: string; village: string; communeCode: string; communeName: string; districtCode: string;
  leaderName: string | null; leaderPhone: string | null; active: boolean; members: number; openTasks: number;
}
export interface Team {
  id: number; name: string; village: string; communeCode: string; communeName: string | null; districtCode: string; leaderName: string | null; leaderPhone: string | null; active: boolean;
  members: Array<{ id: number; fullName: string; phone: string | null; teamRole: string; userId: number | null; username: string | null }>;
}
export interface Paged<T> { items: T[]; total: number; page: number; pageSize: number }
export interface VillageList { communeCode: string; communeName: string; villages: number; withoutTeam: number; items: Array<{ village: string; villageKey: string; people: number; teamId: number | null; teamName: string | null }> }

export interface Task {
  id: number; kind: TaskKind; title: string; status: 'open' | 'done' | 'cancelled'; dueDate: string; overdue: boolean; communeCode: string; communeName: string; districtCode: string;
  teamId: number | null; teamName: string | null; memberId: number | null; memberName: string | null; personId: number | null; fullName: string | null; phone: string | null; address: string | null;
  detail: Record<string, unknown>; result: string | null; outcome: string | null; outcomeData: Record<string, unknown> | null; doneAt: string | null;
}
export interface TaskList extends Paged<Task> { counts: { open: number; overdue: number; done: number } }

export interface Pharmacy { id: number; name: string; licenceNo: string | null; ownerName: string | null; phone: string | null; districtCode: string | null; communeCode: string | null; communeName: string | null; addressDetail: string | null; reports: number }
export interface Sale {
  id: number; pharmacyId: number; pharmacyName: string; soldOn: string; medicineGroup: string; medicineName: string | null; buyerName: string; buyerPhone: string | null;
  buyerCommuneCode: string; buyerCommuneName: string | null; buyerAddressDetail: string | null; followupId: number | null; followupStatus: string | null; followupResult: string | null;
  followupData: Record<string, unknown> | null;
}

export interface Violation {
  id: number; kind: string; occurredOn: string; districtCode: string; districtName: string | null; communeCode: string; communeName: string; placeDetail: string | null;
  offenderKind: string; offenderName: string; description: string | null; decisionNo: string | null; fineVnd: number | null; status: string;
}
export interface ViolationList extends Paged<Violation> { fineTotal: number }
export interface ViolationFilters { kind?: string | undefined; status?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined }
export interface ViolationCounts {
  date: string; total: { day: number; cumulative: number; fineDay: number; fineCumulative: number };
  byKind: Array<{ kind: string; label: string; day: number; cumulative: number; fineCumulative: number }>;
}

export const communityPaths = {
  teams: (q: { communeCode?: string | undefined; page: number; pageSize: number }) => withQuery('/api/community/teams', q),
  team: (id: number) => `/api/community/teams/${id}`,
  createTeam: '/api/community/teams',
  members: (id: number) => `/api/community/teams/${id}/members`,
  member: (id: number, memberId: number) => `/api/community/teams/${id}/members/${memberId}`,
  deactivate: (id: number) => `/api/community/teams/${id}/deactivate`,
  villages: (communeCode: string) => withQuery('/api/community/villages', { communeCode }),
  tasks: (q: { status?: string | undefined; kind?: string | undefined; communeCode?: string | undefined; teamId?: number | undefined; unassigned?: boolean | undefined; page: number; pageSize: number }) =>
    withQuery('/api/community/tasks', q),
  task: (id: number) => `/api/community/tasks/${id}`,
  complete: (id: number) => `/api/community/tasks/${id}/complete`,
  reassign: (id: number) => `/api/community/tasks/${id}/reassign`,
  syncHomeChecks: '/api/community/tasks/sync-home-checks',
  pharmacies: (q: { q?: string | undefined; page: number; pageSize: number }) => withQuery('/api/community/pharmacies', q),
  createPharmacy: '/api/community/pharmacies',
  sales: (q: { page: number; pageSize: number }) => withQuery('/api/community/pharmacy-sales', q),
  createSale: '/api/community/pharmacy-sales',
  violations: (q: ViolationFilters & { page: number; pageSize: number }) => withQuery('/api/community/violations', { ...q }),
  violationsExport: (q: ViolationFilters) => withQuery('/api/community/violations/export.xlsx', { ...q }),
  violationCounts: (date?: string) => withQuery('/api/community/violations/counts', { date }),
  violation: (id: number) => `/api/community/violations/${id}`,
  createViolation: '/api/community/violations',
};
