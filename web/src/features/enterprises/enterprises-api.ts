/** API shapes, paths and URL state of the enterprises pages (doanh nghiệp, công nhân). */
import { type QueryValue, withQuery } from '../../shared/api/client.ts';
import type { ImportReport } from '../../shared/api/issues.ts';
import { oneOfParam, type Paging, pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';

export const OPERATING_STATUSES = ['operating', 'partial', 'suspended', 'on_site'] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];
export const COMMUTE_MODES = ['motorbike', 'bus', 'boarding_house', 'dormitory', 'other'] as const;
export type CommuteMode = (typeof COMMUTE_MODES)[number];
export const ENTERPRISE_SORTS = ['name', '-name', 'confirmed', '-confirmed', 'workers', '-workers'] as const;
export type EnterpriseSort = (typeof ENTERPRISE_SORTS)[number];

export interface Enterprise {
  id: number;
  name: string;
  taxCode: string | null;
  sector: string | null;
  declaredWorkforce: number | null;
  contactName: string | null;
  contactPhone: string | null;
  parkId: number | null;
  parkName: string | null;
  districtCode: string | null;
  districtName: string | null;
  communeCode: string | null;
  communeName: string | null;
  addressDetail: string | null;
  operatingStatus: OperatingStatus;
  statusSince: string | null;
  workers: number;
  listConfirmedAt: string | null;
  daysSinceConfirmed: number | null;
  stale: boolean;
}

export interface EnterpriseDetail extends Enterprise {
  staleDays: number;
  statusHistory: Array<{ id: number; status: OperatingStatus; effectiveDate: string; reason: string | null; createdAt: string; createdBy: string | null }>;
}

export interface Park { id: number; name: string; districtCode: string | null }

export interface Structure {
  workshops: Array<{ id: number; name: string; active: boolean }>;
  shifts: Array<{ id: number; name: string; startTime: string; endTime: string; active: boolean }>;
  busRoutes: Array<{ id: number; name: string; vehiclePlate: string | null; driverName: string | null; driverPhone: string | null; stops: string[]; active: boolean }>;
  dormitories: Array<{ id: number; name: string; communeCode: string | null; communeName: string | null; addressDetail: string | null; rooms: Array<{ id: number; label: string; capacity: number | null }> }>;
}

export interface Worker {
  id: number;
  personId: number;
  employeeCode: string;
  fullName: string;
  sex: string;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  communeCode: string;
  communeName: string | null;
  addressDetail: string | null;
  commuteMode: CommuteMode;
  workshopId: number | null;
  workshopName: string | null;
  shiftId: number | null;
  shiftName: string | null;
  busRouteId: number | null;
  busRouteName: string | null;
  roomId: number | null;
  roomLabel: string | null;
  lodgingName: string | null;
  lodgingKind: string | null;
  homeAddress: string | null;
  employedFrom: string;
  employedTo: string | null;
  active: boolean;
  masked: boolean;
}

export interface WorkerDetail extends Worker {
  history: Array<{ id: number; groupId: number; kind: 'workshop_shift' | 'bus_route' | 'room'; label: string; orgName: string | null; validFrom: string; validTo: string | null }>;
}

export interface WorkerImportReport extends ImportReport {
  updated: number;
  unchanged: number;
  rows: Array<{ row: number; employeeCode: string; fullName: string; status: 'create' | 'update' | 'unchanged'; changed: string[]; existingPerson: boolean }>;
}

export interface EnterpriseQuery extends Paging {
  q?: string | undefined;
  parkId?: number | undefined;
  districtCode?: string | undefined;
  status?: OperatingStatus | undefined;
  stale?: boolean | undefined;
  sort?: EnterpriseSort | undefined;
}

export function enterpriseQueryFromParams(params: URLSearchParams): EnterpriseQuery {
  const park = Number(params.get('parkId'));
  return {
    ...pagingFromParams(params),
    q: params.get('q') || undefined,
    parkId: Number.isInteger(park) && park > 0 ? park : undefined,
    districtCode: params.get('districtCode') || undefined,
    status: oneOfParam(params.get('status'), OPERATING_STATUSES),
    stale: params.get('stale') === 'true' || undefined,
    sort: oneOfParam(params.get('sort'), ENTERPRISE_SORTS),
  };
}

export function enterpriseQueryToParams(q: EnterpriseQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.parkId) out.parkId = String(q.parkId);
  if (q.districtCode) out.districtCode = q.districtCode;
  if (q.status) out.status = q.status;
  if (q.stale) out.stale = 'true';
  if (q.sort) out.sort = q.sort;
  return writePaging(out, q);
}

export interface WorkerQuery extends Paging {
  q?: string | undefined;
  workshopId?: number | undefined;
  shiftId?: number | undefined;
  busRouteId?: number | undefined;
  commuteMode?: CommuteMode | undefined;
  status?: 'active' | 'ended' | 'all' | undefined;
}

const base = '/api/enterprises';
const workerFilters = (q: Omit<WorkerQuery, 'page' | 'pageSize'>): Record<string, QueryValue> => ({
  q: q.q, workshopId: q.workshopId, shiftId: q.shiftId, busRouteId: q.busRouteId, commuteMode: q.commuteMode, status: q.status,
});

export const enterprisePaths = {
  list: (q: EnterpriseQuery) => withQuery(base, { ...q }),
  parks: `${base}/parks`,
  create: base,
  one: (id: number) => `${base}/${id}`,
  status: (id: number) => `${base}/${id}/status`,
  confirm: (id: number) => `${base}/${id}/confirm-list`,
  structure: (id: number) => `${base}/${id}/structure`,
  workshops: (id: number, itemId?: number) => `${base}/${id}/workshops${itemId ? `/${itemId}` : ''}`,
  shifts: (id: number, itemId?: number) => `${base}/${id}/shifts${itemId ? `/${itemId}` : ''}`,
  busRoutes: (id: number, itemId?: number) => `${base}/${id}/bus-routes${itemId ? `/${itemId}` : ''}`,
  dormitories: (id: number, itemId?: number) => `${base}/${id}/dormitories${itemId ? `/${itemId}` : ''}`,
  workers: (id: number, q: WorkerQuery) => withQuery(`${base}/${id}/workers`, { page: q.page, pageSize: q.pageSize, ...workerFilters(q) }),
  worker: (id: number, workerId: number) => `${base}/${id}/workers/${workerId}`,
  endWorker: (id: number, workerId: number) => `${base}/${id}/workers/${workerId}/end`,
  template: (id: number) => `${base}/${id}/workers/template.xlsx`,
  export: (id: number, q: Omit<WorkerQuery, 'page' | 'pageSize'>) => withQuery(`${base}/${id}/workers/export.xlsx`, workerFilters(q)),
  import: (id: number, dryRun: boolean, changeDate: string | undefined) => withQuery(`${base}/${id}/workers/import`, { dryRun, changeDate }),
};

/** "P101, 6" lines → rooms; a line without a number has no capacity. */
export function parseRoomLines(text: string): Array<{ label: string; capacity: number | null }> {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(.*?)[,;]\s*(\d+)$/.exec(l);
    return m ? { label: m[1]!.trim(), capacity: Number(m[2]) } : { label: l, capacity: null };
  });
}
