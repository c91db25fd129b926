import { type QueryValue, withQuery } from '../../shared/api/client.ts';
import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';

export const PLACE_KINDS = ['enterprise', 'village', 'market', 'hospital', 'boarding_house', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const CLUSTER_STATUSES = ['active', 'controlled'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];

/** Days without a new case after which a cluster counts as controlled (server: 1..60, default 14). */
export const DEFAULT_CONTROL_DAYS = 14;
export const MIN_CONTROL_DAYS = 1;
export const MAX_CONTROL_DAYS = 60;

export interface ClusterSummary {
  id: number;
  name: string;
  placeKind: PlaceKind;
  orgUnitId: number | null;
  orgUnitName: string | null;
  communeCode: string | null;
  communeName: string | null;
  districtCode: string | null;
  districtName: string | null;
  status: ClusterStatus;
  cases: number;
  firstCaseDate: string | null;
  lastCaseDate: string | null;
  controlDays: number;
  controlledOn: string | null;
  daysToControl: number | null;
  ageDays: number | null;
  createdAt: string;
}

export interface ClusterCase {
  id: number;
  caseCode: string;
  fullName: string;
  masked: boolean;
  confirmationDate: string;
  communeName: string | null;
  status: string;
}

/** GET /api/clusters/:id: the summary, with `cases` the linked cases instead of their count. */
export interface ClusterDetail extends Omit<ClusterSummary, 'cases'> {
  note: string | null;
  cases: ClusterCase[];
}

export interface ClusterList {
  items: ClusterSummary[];
  total: number;
  page: number;
  pageSize: number;
  asOf: string;
}

export interface ClusterSuggestion {
  key: string;
  name: string;
  placeKind: PlaceKind;
  orgUnitId: number | null;
  communeCode: string | null;
  caseIds: number[];
  caseCodes: string[];
  firstCaseDate: string;
}

export interface ClusterInput {
  name: string;
  placeKind: PlaceKind;
  orgUnitId?: number | null;
  communeCode?: string | null;
  caseIds: number[];
  controlDays?: number;
  note?: string | null;
}

export interface ClusterPatch {
  name?: string;
  controlDays?: number;
  note?: string | null;
}

/** A case found by the picker (GET /api/cases?q=). */
export interface CaseOption {
  id: number;
  caseCode: string;
  fullName: string;
  confirmationDate: string;
  communeName: string;
}

export interface ClusterFilters {
  status?: ClusterStatus;
  districtCode?: string;
  q?: string;
  /** 'YYYY-MM-DD': status as of this date (default: the server's latest confirmation date). */
  asOf?: string;
}

export interface ClusterQuery extends ClusterFilters {
  page: number;
  pageSize: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The list's state from the URL: unknown values are dropped rather than sent. */
export function clusterQueryFromParams(params: URLSearchParams): ClusterQuery {
  const status = params.get('status');
  const district = params.get('district');
  const asOf = params.get('asOf');
  return {
    status: (CLUSTER_STATUSES as readonly string[]).includes(status ?? '') ? (status as ClusterStatus) : undefined,
    districtCode: district && /^\d{3}$/.test(district) ? district : undefined,
    q: params.get('q')?.trim() || undefined,
    asOf: asOf && DATE.test(asOf) ? asOf : undefined,
    ...pagingFromParams(params),
  };
}

export function clusterQueryToParams(q: ClusterQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.status) out.status = q.status;
  if (q.districtCode) out.district = q.districtCode;
  if (q.q?.trim()) out.q = q.q.trim();
  if (q.asOf) out.asOf = q.asOf;
  return writePaging(out, q);
}

const filterParams = (f: ClusterFilters): Record<string, QueryValue> => ({ status: f.status, districtCode: f.districtCode, q: f.q?.trim(), asOf: f.asOf });

export const clustersPaths = {
  list: (q: ClusterQuery) => withQuery('/api/clusters', { ...filterParams(q), page: q.page, pageSize: q.pageSize }),
  suggestions: (asOf?: string) => withQuery('/api/clusters/suggestions', { asOf }),
  create: '/api/clusters',
  one: (id: number) => `/api/clusters/${id}`,
  cases: (id: number) => `/api/clusters/${id}/cases`,
  removeCase: (id: number, caseId: number) => `/api/clusters/${id}/cases/${caseId}`,
  chain: (id: number) => `/api/clusters/${id}/chain`,
  searchCases: (q: string) => withQuery('/api/cases', { q: q.trim(), pageSize: 20 }),
};

/** What the create form starts from: empty, or a suggestion's place and cases. */
export interface ClusterDraft {
  name: string;
  placeKind: PlaceKind;
  orgUnitId: number | null;
  communeCode: string | null;
  cases: Array<{ id: number; caseCode: string }>;
}

export function draftFromSuggestion(s: ClusterSuggestion): ClusterDraft {
  return {
    name: s.name,
    placeKind: s.placeKind,
    orgUnitId: s.orgUnitId,
    communeCode: s.communeCode,
    cases: s.caseIds.map((id, i) => ({ id, caseCode: s.caseCodes[i] ?? `#${id}` })),
  };
}

/** Only what changed: PATCH sends nothing else. */
export function clusterPatch(before: Pick<ClusterDetail, 'name' | 'controlDays' | 'note'>, after: { name: string; controlDays: number; note: string | null }): ClusterPatch {
  const patch: ClusterPatch = {};
  if (after.name.trim() !== before.name) patch.name = after.name.trim();
  if (after.controlDays !== before.controlDays) patch.controlDays = after.controlDays;
  const note = after.note?.trim() || null;
  if (note !== (before.note ?? null)) patch.note = note;
  return patch;
}

export interface FieldIssue {
  field: string;
  message: { vi: string; en: string };
}

/** The fields an API error names: its own `field`, or each of `details.issues`. */
export function fieldIssuesOf(field: string | undefined, message: { vi: string; en: string }, details: unknown): FieldIssue[] {
  if (typeof details === 'object' && details !== null && Array.isArray((details as { issues?: unknown }).issues)) {
    return (details as { issues: Array<Partial<FieldIssue>> }).issues
      .filter((i): i is FieldIssue => typeof i.field === 'string' && typeof i.message === 'object' && i.message !== null)
      .map((i) => ({ field: i.field, message: i.message }));
  }
  return field ? [{ field, message }] : [];
}
