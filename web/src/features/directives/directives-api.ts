/** API shapes, paths and URL state of the command centre's directives (chỉ đạo điều hành). */
import { withQuery } from '../../shared/api/client.ts';
import type { Paged } from '../../shared/api/types.ts';
import { dateParam, oneOfParam, type Paging, pagingFromParams, positiveIntParam, writePaging } from '../../shared/hooks/url-query.ts';

export const DIRECTIVE_TABS = ['tasks', 'meetings', 'agencies', 'search'] as const;
export type DirectiveTab = (typeof DIRECTIVE_TABS)[number];

export const TASK_STATUSES = ['assigned', 'in_progress', 'reported', 'accepted', 'returned'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const DEADLINE_STATES = ['overdue', 'due_soon', 'on_time', 'done'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** The list's deadline filter: 'all' sends none; 'open' (the default) leaves out accepted tasks. */
export const STATE_FILTERS = ['overdue', 'due_soon', 'open', 'all'] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const PRIORITIES = ['high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const AGENCY_KINDS = ['department', 'district_committee', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const CONCERN_KINDS = ['cluster', 'zone', 'enterprise', 'facility', 'commune'] as const;
export type ConcernKind = (typeof CONCERN_KINDS)[number];

export const DEADLINE_KINDS = ['date', 'daily', 'weekly'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const TASK_SORTS = ['deadline', 'priority', 'updated'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/** 1 = Monday … 7 = Sunday (ISO). */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The files a report may carry. */
export const MAX_ATTACHMENTS = 3;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export interface Agency {
  id: number;
  name: string;
  shortName: string;
  agencyKind: AgencyKind;
  districtCode: string | null;
  active: boolean;
  users: number;
}

export interface AgencyRef {
  id: number;
  name: string;
  shortName: string;
}

export type Deadline =
  | { kind: 'date'; dueOn: string }
  | { kind: 'daily'; from: string; until?: string | null }
  | { kind: 'weekly'; weekday: number; from: string; until?: string | null };

export interface Concerns {
  kind: ConcernKind;
  ref: string;
  label: string;
}

export interface TaskSummary {
  id: number;
  title: string;
  leadAgency: AgencyRef;
  supportAgencies: AgencyRef[];
  deadline: Deadline;
  nextDueOn: string | null;
  priority: Priority;
  status: TaskStatus;
  deadlineState: DeadlineState;
  percent: number;
  latestReport: { at: string; text: string; percent: number } | null;
  meetingId: number | null;
  itemId: number | null;
  itemOrdinal: number | null;
  concerns: Concerns | null;
}

export interface Attachment {
  id: number;
  filename: string;
  size: number;
}

export interface Report {
  id: number;
  at: string;
  by: { username: string; fullName: string };
  agency: { id: number; name: string };
  text: string;
  percent: number;
  done: boolean;
  attachments: Attachment[];
}

export interface HistoryEntry {
  at: string;
  action: string;
  /** Who acted (null: the scheduler). */
  by: string | null;
  note: string | null;
}

export interface TaskDetail extends TaskSummary {
  body: string;
  reports: Report[];
  history: HistoryEntry[];
}

export interface MeetingSummary {
  id: number;
  heldOn: string;
  title: string;
  chair: string;
  noticeNo: string | null;
  items: number;
  tasks: number;
  openTasks: number;
}

/** The situation room's figures of the meeting day, kept as they were then (fields the dashboard lacks are null). */
export interface SituationSnapshot {
  asOf: string;
  newCases: number | null;
  newCases7d: number | null;
  cumulative: number | null;
  activeClusters: number | null;
  f1: number | null;
  f2: number | null;
  quarantineOccupied: number | null;
  quarantineCapacity: number | null;
  bedsOccupied: number | null;
  icuOccupied: number | null;
  testsToday: number | null;
}

export interface MeetingItem {
  id: number;
  ordinal: number;
  text: string;
  tasks: TaskSummary[];
}

export interface Meeting {
  id: number;
  heldOn: string;
  title: string;
  chair: string;
  attendees: string[];
  noticeNo: string | null;
  situation: SituationSnapshot | null;
  items: MeetingItem[];
  createdAt: string;
  createdBy: { username: string; fullName: string | null } | null;
}

export interface DirectiveAlerts {
  overdue: number;
  dueSoon: number;
  reported: number;
  unread: number;
}

export const NOTIFICATION_KINDS = ['due_soon', 'overdue', 'returned', 'assigned', 'reported'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface DirectiveNotification {
  id: number;
  at: string;
  kind: NotificationKind;
  taskId: number;
  title: string;
  read: boolean;
}

export interface SearchHit {
  kind: 'item' | 'task' | 'report';
  id: number;
  meetingId: number | null;
  taskId: number | null;
  heldOn: string | null;
  snippet: string;
  rank: number;
}

export type { Paged };

// ---- request bodies ----

export interface MeetingBody {
  heldOn: string;
  title: string;
  chair: string;
  attendees: string[];
  noticeNo?: string;
  items: string[];
}

export interface TaskBody {
  meetingId?: number;
  itemId?: number;
  title: string;
  body: string;
  leadAgencyId: number;
  supportAgencyIds: number[];
  deadline: Deadline;
  priority: Priority;
  concerns?: { kind: ConcernKind; ref: string };
}

export interface AgencyBody {
  name: string;
  shortName: string;
  agencyKind: AgencyKind;
  districtCode?: string;
}

export interface ReportBody {
  text: string;
  percent: number;
  done: boolean;
  attachments?: Array<{ filename: string; contentBase64: string }>;
}

// ---- URL state ----

export function tabFromParams(params: URLSearchParams): DirectiveTab {
  return oneOfParam(params.get('tab'), DIRECTIVE_TABS) ?? 'tasks';
}

export interface TaskQuery extends Paging {
  /** Default 'open': every task not yet accepted. */
  state: StateFilter;
  status?: TaskStatus;
  agencyId?: number;
  meetingId?: number;
  q?: string;
  sort?: TaskSort;
}

const idParam = (params: URLSearchParams, name: string) => {
  const n = positiveIntParam(params, name, 0);
  return n > 0 ? n : undefined;
};

export function taskQueryFromParams(params: URLSearchParams): TaskQuery {
  return {
    state: oneOfParam(params.get('state'), STATE_FILTERS) ?? 'open',
    status: oneOfParam(params.get('status'), TASK_STATUSES),
    agencyId: idParam(params, 'agency'),
    meetingId: idParam(params, 'meeting'),
    q: params.get('q')?.trim() || undefined,
    sort: oneOfParam(params.get('sort'), TASK_SORTS),
    ...pagingFromParams(params),
  };
}

/** The tab's own URL parameters (the defaults left out). */
export function taskQueryToParams(q: TaskQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.state !== 'open') out.state = q.state;
  if (q.status) out.status = q.status;
  if (q.agencyId) out.agency = String(q.agencyId);
  if (q.meetingId) out.meeting = String(q.meetingId);
  if (q.q?.trim()) out.q = q.q.trim();
  if (q.sort) out.sort = q.sort;
  return writePaging(out, q);
}

export interface MeetingQuery extends Paging {
  q?: string;
  from?: string;
  to?: string;
}

export function meetingQueryFromParams(params: URLSearchParams): MeetingQuery {
  return { q: params.get('q')?.trim() || undefined, from: dateParam(params.get('from')), to: dateParam(params.get('to')), ...pagingFromParams(params) };
}

export function meetingQueryToParams(q: MeetingQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q?.trim()) out.q = q.q.trim();
  if (q.from) out.from = q.from;
  if (q.to) out.to = q.to;
  return writePaging(out, q);
}

export interface SearchQuery extends Paging {
  q?: string;
}

export function searchQueryFromParams(params: URLSearchParams): SearchQuery {
  return { q: params.get('q')?.trim() || undefined, ...pagingFromParams(params) };
}

export function searchQueryToParams(q: SearchQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q?.trim()) out.q = q.q.trim();
  return writePaging(out, q);
}

const BASE = '/api/directives';

export const directivesPaths = {
  agencies: (o: { q?: string; includeInactive?: boolean } = {}) => withQuery(`${BASE}/agencies`, { q: o.q?.trim(), includeInactive: o.includeInactive || undefined }),
  agencyCreate: `${BASE}/agencies`,
  agency: (id: number) => `${BASE}/agencies/${id}`,
  meetings: (q: MeetingQuery) => withQuery(`${BASE}/meetings`, { q: q.q?.trim(), from: q.from, to: q.to, page: q.page, pageSize: q.pageSize }),
  meetingCreate: `${BASE}/meetings`,
  meeting: (id: number) => `${BASE}/meetings/${id}`,
  meetingItems: (id: number) => `${BASE}/meetings/${id}/items`,
  meetingItem: (id: number, itemId: number) => `${BASE}/meetings/${id}/items/${itemId}`,
  notice: (id: number) => `${BASE}/meetings/${id}/notice.docx`,
  followUp: (o: { meetingId?: number; status?: 'open' | 'all' }) => withQuery(`${BASE}/follow-up.xlsx`, { meetingId: o.meetingId, status: o.status }),
  tasks: (q: TaskQuery) =>
    withQuery(`${BASE}/tasks`, {
      state: q.state === 'all' ? undefined : q.state,
      status: q.status,
      agencyId: q.agencyId,
      meetingId: q.meetingId,
      q: q.q?.trim(),
      sort: q.sort,
      page: q.page,
      pageSize: q.pageSize,
    }),
  taskCreate: `${BASE}/tasks`,
  task: (id: number) => `${BASE}/tasks/${id}`,
  reports: (taskId: number) => `${BASE}/tasks/${taskId}/reports`,
  attachment: (taskId: number, reportId: number, attachmentId: number) => `${BASE}/tasks/${taskId}/reports/${reportId}/attachments/${attachmentId}`,
  accept: (taskId: number) => `${BASE}/tasks/${taskId}/accept`,
  return: (taskId: number) => `${BASE}/tasks/${taskId}/return`,
  alerts: `${BASE}/alerts`,
  notifications: (unread: boolean) => withQuery(`${BASE}/notifications`, { unread: unread || undefined }),
  notificationRead: (id: number) => `${BASE}/notifications/${id}/read`,
  search: (q: SearchQuery) => withQuery(`${BASE}/search`, { q: q.q?.trim(), page: q.page, pageSize: q.pageSize }),
};

export const meetingPagePath = (id: number) => `/directives/meetings/${id}`;
export const taskPagePath = (id: number) => `/directives/tasks/${id}`;
