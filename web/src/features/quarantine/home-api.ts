/** API and URL state of the home follow-up tab: people followed at home, their daily checks, the health stations' tasks. */
import { withQuery } from '../../shared/api/client.ts';
import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { dateParam, oneOfParam } from './quarantine-api.ts';

/** Why someone is followed at home: a home order, an F2 waiting on their F1, or the days after a centralized stay. */
export const MONITORING_KINDS = ['home_quarantine', 'f2_monitoring', 'after_release'] as const;
export type MonitoringKind = (typeof MONITORING_KINDS)[number];

/** A day's check at home; abnormal: absent, with symptoms or with fever. */
export interface HomeCheckSummary {
  present: boolean;
  symptoms: boolean;
  temperature: number | null;
  abnormal: boolean;
}

export interface HomeMonitoringItem {
  orderId: number;
  personId: number;
  fullName: string;
  communeCode: string;
  phone: string | null;
  address: string | null;
  kind: MonitoringKind;
  /** First day of the follow-up ('YYYY-MM-DD'). */
  since: string;
  /** Last day, for the follow-up after a centralized stay; null otherwise. */
  until: string | null;
  /** Day of the follow-up on the list's date (day 1 = `since`). */
  day: number;
  /** The check of the list's date; null: not checked yet. */
  today: HomeCheckSummary | null;
  /** Earlier days of the past week without a check ('YYYY-MM-DD'). */
  missedDays: string[];
}

/** GET /api/quarantine/home-monitoring. */
export interface HomeMonitoringList {
  date: string;
  total: number;
  page: number;
  pageSize: number;
  counts: { people: number; checkedToday: number; abnormalToday: number; withMissedDays: number };
  items: HomeMonitoringItem[];
}

/** POST /api/quarantine/orders/:id/checks. */
export interface HomeCheckBody {
  date: string;
  present: boolean;
  symptoms: boolean;
  temperature: number | null;
  note: string | null;
}

/** 201 of POST /api/quarantine/orders/:id/checks: an abnormal check opened task `taskId`. */
export interface HomeCheckResult {
  id: number;
  abnormal: boolean;
  taskId: number | null;
}

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A commune health station's task, raised by an abnormal check at home. */
export interface CommuneTask {
  id: number;
  /** 'abnormal_home_check' so far; typed loosely by the server. */
  kind: string;
  personId: number;
  fullName: string;
  communeCode: string | null;
  orderId: number | null;
  dueDate: string;
  detail: string | null;
  status: TaskStatus;
  outcome: string | null;
  /** An instant (ISO), when done. */
  doneAt: string | null;
}

/** GET /api/quarantine/tasks. */
export interface TaskList {
  total: number;
  page: number;
  pageSize: number;
  items: CommuneTask[];
}

/** The home tab lists the people followed at home, or the health stations' tasks their checks raised. */
export const HOME_VIEWS = ['people', 'tasks'] as const;
export type HomeView = (typeof HOME_VIEWS)[number];

/** The task filter: open (the default), done, or all of them. */
export const TASK_FILTERS = ['open', 'done', 'all'] as const;
export type TaskFilter = (typeof TASK_FILTERS)[number];

export interface HomeQuery {
  view: HomeView;
  date: string;
  /** Only people not yet checked on the date or with missed days. */
  missedOnly: boolean;
  communeCode?: string;
  tasks: TaskFilter;
  /** Paging of the list in view. */
  page: number;
  pageSize: number;
}

export function homeQueryFromParams(params: URLSearchParams, today: string): HomeQuery {
  const commune = params.get('commune');
  const date = dateParam(params.get('date'));
  return {
    view: oneOfParam(params.get('view'), HOME_VIEWS) ?? 'people',
    // No future day: the server refuses it.
    date: date && date <= today ? date : today,
    missedOnly: params.get('missed') === '1',
    communeCode: commune && /^\d{5}$/.test(commune) ? commune : undefined,
    tasks: oneOfParam(params.get('tasks'), TASK_FILTERS) ?? 'open',
    ...pagingFromParams(params),
  };
}

/** The keys of the view in use, defaults left out. */
export function homeQueryToParams(q: HomeQuery, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.view === 'tasks') {
    out.view = 'tasks';
    if (q.tasks !== 'open') out.tasks = q.tasks;
  } else {
    if (q.date !== today) out.date = q.date;
    if (q.missedOnly) out.missed = '1';
    if (q.communeCode) out.commune = q.communeCode;
  }
  return writePaging(out, q);
}

export const homePaths = {
  list: (q: Pick<HomeQuery, 'date' | 'communeCode' | 'missedOnly' | 'page' | 'pageSize'>) =>
    withQuery('/api/quarantine/home-monitoring', { date: q.date, communeCode: q.communeCode, missedOnly: q.missedOnly, page: q.page, pageSize: q.pageSize }),
  check: (orderId: number) => `/api/quarantine/orders/${orderId}/checks`,
  tasks: (q: Pick<HomeQuery, 'tasks' | 'page' | 'pageSize'>) =>
    withQuery('/api/quarantine/tasks', { status: q.tasks === 'all' ? undefined : q.tasks, page: q.page, pageSize: q.pageSize }),
  taskDone: (taskId: number) => `/api/quarantine/tasks/${taskId}/done`,
};
