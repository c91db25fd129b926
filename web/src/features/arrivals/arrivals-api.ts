/** API shapes, paths and URL state of arrivals, checkpoints, the call list and the public health declaration. */
import type { TFunction } from 'i18next';
import { withQuery } from '../../shared/api/client.ts';
import { dateParam, oneOfParam, type Paging, pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';

export const ORIGIN_LEVELS = ['none', 'level1', 'level2', 'level3', 'level4', 'epidemic_zone', 'lockdown'] as const;
export type OriginLevel = (typeof ORIGIN_LEVELS)[number];
export const CATEGORIES = ['ordinary', 'long_haul_driver', 'postal_staff'] as const;
export type Category = (typeof CATEGORIES)[number];
export const MEANS = ['car', 'truck', 'bus', 'motorbike', 'other'] as const;
export type Means = (typeof MEANS)[number];
export const ACTIONS = ['none', 'test', 'home_monitoring', 'centralized_quarantine', 'test_at_checkpoint'] as const;
export type Action = (typeof ACTIONS)[number];
export const ACTION_STATUSES = ['none', 'pending', 'applied'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'shortness_of_breath', 'loss_of_taste_smell', 'fatigue'] as const;
export type Symptom = (typeof SYMPTOMS)[number];
export type AbnormalReason = 'symptom' | 'contact_f0' | 'visited_outbreak' | 'travel_epidemic';
export type CallStatus = 'to_call' | 'not_reached' | 'reached' | 'referred' | 'no_action' | 'not_needed';
export const CALL_OUTCOMES = ['reached', 'not_reached', 'referred', 'no_action'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CHECKPOINT_STATUSES = ['active', 'suspended', 'closed'] as const;
export type CheckpointStatus = (typeof CHECKPOINT_STATUSES)[number];

export interface Arrival {
  id: number; personId: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null; addressDetail: string | null;
  source: string; checkpointId: number | null; checkpointName: string | null; arrivedAt: string; arrivalDate: string;
  originProvinceCode: string; originProvinceName: string | null; originDistrictCode: string | null; originDistrictName: string | null; originLevel: OriginLevel;
  means: Means; purpose: string | null; districtCode: string; districtName: string | null; communeCode: string; communeName: string | null; destAddress: string | null;
  category: Category; vehiclePlate: string | null; route: string | null; testType: string | null; testAt: string | null; ruleCode: string;
  action: Action; actionDays: number | null; actionHours: number | null; actionStatus: ActionStatus; quarantineOrderId: number | null;
}
export interface ArrivalList { items: Arrival[]; total: number; page: number; pageSize: number; counts: { total: number; fromEpidemic: number; drivers: number; postal: number; pending: number } }
export interface LoggedArrival { arrival: Arrival; decision: { action: Action; days: number | null; hours: number | null; reason: { vi: string; en: string } }; applyIssues: Array<{ field: string; code: string; message: { vi: string; en: string } }> }

export interface Checkpoint {
  id: number; name: string; districtCode: string | null; districtName: string | null; communeCode: string | null; communeName: string | null; addressDetail: string | null;
  road: string | null; lat: number | null; lon: number | null; status: CheckpointStatus;
  staff: Array<{ name: string; phone: string | null; unit: string | null }>; shifts: Array<{ name: string; start: string; end: string }>;
}
export interface CheckpointList { items: Checkpoint[]; total: number; page: number; pageSize: number }

export interface CallItem {
  id: number; personId: number; fullName: string; phone: string | null; dateOfBirth: string | null; communeCode: string; communeName: string | null; declaredAt: string;
  symptoms: Symptom[]; contactF0: boolean; visitedOutbreak: boolean; travelProvinceName: string | null; reasons: AbnormalReason[];
  callStatus: CallStatus; callAttempts: number; lastCalledAt: string | null;
}
export interface CallList { items: CallItem[]; total: number; page: number; pageSize: number; counts: { toCall: number; notReached: number; done: number } }
export interface CallAttempt { id: number; outcome: CallOutcome; note: string | null; calledAt: string; calledBy: string | null }

export interface ArrivalQuery extends Paging {
  q?: string | undefined; from?: string | undefined; to?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined;
  originLevel?: OriginLevel | undefined; category?: Category | undefined; actionStatus?: ActionStatus | undefined;
}
export interface CallQuery extends Paging { view: 'to_call' | 'done' | 'all'; communeCode?: string | undefined; districtCode?: string | undefined; q?: string | undefined }

const filters = (q: Omit<ArrivalQuery, 'page' | 'pageSize'>) => ({
  q: q.q, from: q.from, to: q.to, districtCode: q.districtCode, communeCode: q.communeCode, originLevel: q.originLevel, category: q.category, actionStatus: q.actionStatus,
});

export const arrivalsPaths = {
  list: (q: ArrivalQuery) => withQuery('/api/arrivals', { ...filters(q), page: q.page, pageSize: q.pageSize }),
  export: (q: ArrivalQuery) => withQuery('/api/arrivals/export.xlsx', filters(q)),
  create: '/api/arrivals',
  apply: (id: number) => `/api/arrivals/${id}/apply`,
  template: '/api/arrivals/template.xlsx',
  import: (dryRun: boolean) => withQuery('/api/arrivals/import', { dryRun }),
  /** POST the rejected file again: its XLSX error report. */
  importReport: '/api/arrivals/import/report.xlsx',
  /** The form's register search (masked per role). */
  people: (q: string) => withQuery('/api/arrivals/people', { q }),
  checkpoints: (q: Paging & { q?: string | undefined; districtCode?: string | undefined }) => withQuery('/api/arrivals/checkpoints', { q: q.q, districtCode: q.districtCode, page: q.page, pageSize: q.pageSize }),
  checkpoint: (id: number) => `/api/arrivals/checkpoints/${id}`,
  checkpointCreate: '/api/arrivals/checkpoints',
  calls: (q: CallQuery) => withQuery('/api/arrivals/calls', { view: q.view, communeCode: q.communeCode, districtCode: q.districtCode, q: q.q, page: q.page, pageSize: q.pageSize }),
  call: (id: number) => `/api/arrivals/calls/${id}`,
  attempts: (id: number) => `/api/arrivals/calls/${id}/attempts`,
  // Public
  declare: '/api/declarations',
  provinces: '/api/declarations/provinces',
  areas: '/api/checkin/areas',
};

const code = (v: string | null, digits: number) => (v && new RegExp(`^\\d{${digits}}$`).test(v) ? v : undefined);

export function arrivalQueryFromParams(p: URLSearchParams): ArrivalQuery {
  return {
    ...pagingFromParams(p), q: p.get('q') || undefined, from: dateParam(p.get('from')), to: dateParam(p.get('to')),
    districtCode: code(p.get('districtCode'), 3), communeCode: code(p.get('communeCode'), 5), originLevel: oneOfParam(p.get('originLevel'), ORIGIN_LEVELS),
    category: oneOfParam(p.get('category'), CATEGORIES), actionStatus: oneOfParam(p.get('actionStatus'), ACTION_STATUSES),
  };
}

export function arrivalQueryToParams(q: ArrivalQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters(q))) if (v) out[k] = v;
  return writePaging(out, q);
}

export function callQueryFromParams(p: URLSearchParams): CallQuery {
  return { ...pagingFromParams(p), view: oneOfParam(p.get('view'), ['to_call', 'done', 'all'] as const) ?? 'to_call', communeCode: code(p.get('communeCode'), 5), districtCode: code(p.get('districtCode'), 3), q: p.get('q') || undefined };
}

export function callQueryToParams(q: CallQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.view !== 'to_call') out.view = q.view;
  if (q.communeCode) out.communeCode = q.communeCode;
  if (q.districtCode) out.districtCode = q.districtCode;
  if (q.q) out.q = q.q;
  return writePaging(out, q);
}

/** The translation key and values of a measure ("home monitoring 14 days"). */
export function actionText(t: TFunction, a: { action: Action; actionDays?: number | null; actionHours?: number | null }): string {
  return t(`arrivals.actions.${a.action}`, { days: a.actionDays ?? '', hours: a.actionHours ?? '' });
}
