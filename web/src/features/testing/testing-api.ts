/** API shapes, paths and URL state of the testing pages: sampling rounds, pools, lab result files, re-tests. */
import { type LocalisedMessage, withQuery } from '../../shared/api/client.ts';
import { dateParam, oneOfParam, pagingFromParams, positiveIntParam, writePaging } from '../../shared/hooks/url-query.ts';

export { dateParam, oneOfParam };

export const METHODS = ['rt_pcr', 'rt_pcr_pool', 'rapid_antigen'] as const;
export type Method = (typeof METHODS)[number];

/** The targets a round can be created for here (the server knows a few more kinds, listed by their label). */
export const TARGET_KINDS = ['lockdown_zone', 'commune', 'village', 'enterprise', 'workshop', 'facility', 'list'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const ROUND_STATUSES = ['planned', 'sampling', 'done', 'cancelled'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** Pools of 5 for higher risk, 10 for lower. */
export const RISK_LEVELS = ['high', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const POOL_STATUSES = ['open', 'full', 'cleared', 'retesting', 'resolved'] as const;
export type PoolStatus = (typeof POOL_STATUSES)[number];

export const SAMPLE_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type SampleResult = (typeof SAMPLE_RESULTS)[number];

/** The result counts of a round: samples without a result are 'pending'. */
export const RESULT_KEYS = ['negative', 'positive', 'invalid', 'pending'] as const;
export type ResultKey = (typeof RESULT_KEYS)[number];

export const RETEST_STATUSES = ['open', 'sampled', 'resolved'] as const;
export type RetestStatus = (typeof RETEST_STATUSES)[number];

export const RETEST_REASONS = ['pool_positive', 'pool_invalid', 'invalid_result', 'rapid_positive'] as const;
export type RetestReason = (typeof RETEST_REASONS)[number];

export const IMPORT_MODES = ['all_or_nothing', 'per_row'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** One row of GET /api/testing/rounds. Kinds and statuses are typed loosely by the server. */
export interface RoundSummary {
  id: number;
  code: string;
  targetKind: string;
  targetLabel: string;
  scheduledOn: string;
  method: Method;
  poolSize: number | null;
  status: RoundStatus;
  teamName: string | null;
  expected: number;
  sampled: number;
}

export interface RoundList {
  total: number;
  page: number;
  pageSize: number;
  items: RoundSummary[];
}

export interface Pool {
  id: number;
  barcode: string;
  size: number;
  members: number;
  takenOn: string;
  result: SampleResult | null;
  resultedOn: string | null;
  /** Members whose individual re-test is not resolved yet. */
  awaitingRetest: number;
  status: PoolStatus;
}

/** GET /api/testing/rounds/:id (and the answer of creating or closing a round). */
export interface RoundDetail {
  id: number;
  code: string;
  targetKind: string;
  targetOrgId: number | null;
  targetLabel: string;
  scheduledOn: string;
  teamOrgId: number | null;
  method: Method;
  riskLevel: RiskLevel | null;
  poolSize: number | null;
  status: RoundStatus;
  districtCode: string | null;
  communeCode: string | null;
  expected: number;
  sampled: number;
  missing: number;
  /** People sampled who were not on the round's list. */
  unexpected: number;
  /** Only the results present are listed: a missing key counts 0. */
  results: Partial<Record<ResultKey, number>>;
  pools: Pool[];
}

/** POST /api/testing/rounds. */
export interface RoundCreateBody {
  targetKind: TargetKind;
  communeCode?: string;
  /** A village round: the thôn / tổ dân phố of `communeCode`. */
  village?: string;
  targetOrgId?: number;
  /** A lockdown zone round: the zone, whose core residents are expected. */
  targetZoneId?: number;
  /** A workshop round: the workshop of the enterprise `targetOrgId`, and one of its shifts (none: every shift). */
  workshop?: string;
  shift?: string;
  personIds?: number[];
  targetLabel?: string;
  scheduledOn: string;
  method: Method;
  riskLevel?: RiskLevel;
  poolSize?: number;
  teamOrgId?: number;
}

/** What a zone target reads of GET /api/zones: each zone in force with its core's residents. */
export interface ZonesInForce {
  items: Array<{ id: number; name: string; decisionNo: string; residents: number }>;
}

/** One row of GET /api/testing/targets/workshops: a workshop's shift and the people working on it that day. */
export interface WorkshopShift {
  workshop: string;
  shift: string | null;
  start: string | null;
  end: string | null;
  groupId: number;
  people: number;
}

export interface MissingPerson {
  id: number;
  fullName: string;
  communeCode: string | null;
  address: string | null;
}

/** GET /api/testing/rounds/:id/missing. */
export interface MissingList {
  total: number;
  page?: number;
  pageSize?: number;
  items: MissingPerson[];
}

/** POST /api/testing/rounds/:id/samples. */
export interface SampleBody {
  personId: number;
  barcode: string;
}

/** 201 of POST /api/testing/rounds/:id/samples: `poolId` for a pooled round; `retestId` when it answers a re-test. */
export interface SampleRecorded {
  id: number;
  poolId: number | null;
  barcode: string;
  retestId: number | null;
}

/** PUT /api/testing/pools/:id/result. */
export interface PoolResultBody {
  result: SampleResult;
  resultedOn: string;
  ct: number | null;
}

/** 200 of PUT /api/testing/pools/:id/result: a negative clears the members, a positive or invalid opens their re-tests. */
export interface PoolResultOutcome {
  retests: number;
  cleared: number;
}

export interface RetestItem {
  id: number;
  personId: number;
  fullName: string;
  communeCode: string | null;
  roundId: number | null;
  poolId: number | null;
  poolBarcode: string | null;
  reason: RetestReason;
  status: RetestStatus;
  outcome: 'negative' | 'positive' | null;
  createdAt: string;
}

/** GET /api/testing/retests. */
export interface RetestList {
  total: number;
  page?: number;
  pageSize?: number;
  items: RetestItem[];
}

/** One problem of one row of a lab file (row = the line as the lab sees it, header is row 1). */
export interface LabIssue {
  row: number;
  field: string;
  code: string;
  value: string | null;
  message: LocalisedMessage;
}

/** 200 of POST /api/testing/lab-results. */
export interface LabImportResult {
  /** The recorded attempt (its report can be downloaded); null when it could not be recorded. */
  importId: number | null;
  /** The same file was applied before, as this import: nothing changed. */
  duplicateOf: number | null;
  status: 'applied' | 'rejected';
  total: number;
  applied: number;
  unchanged: number;
  /** Rows with at least one issue. */
  rejected: number;
  cleared: number;
  retests: number;
  caseIds: number[];
  /** At most a few hundred; the report has them all. */
  issues: LabIssue[];
}

// ---- URL state of the page: the open tab and each tab's own keys ----

export const TESTING_TABS = ['rounds', 'plan', 'lab', 'retests', 'capacity', 'units'] as const;
export type TestingTab = (typeof TESTING_TABS)[number];

export function tabFromParams(params: URLSearchParams): TestingTab {
  return oneOfParam(params.get('tab'), TESTING_TABS) ?? 'rounds';
}

export interface RoundQuery {
  date?: string;
  status?: RoundStatus;
  page: number;
  pageSize: number;
}

export function roundQueryFromParams(params: URLSearchParams): RoundQuery {
  return { date: dateParam(params.get('date')), status: oneOfParam(params.get('status'), ROUND_STATUSES), ...pagingFromParams(params) };
}

export function roundQueryToParams(q: RoundQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.date) out.date = q.date;
  if (q.status) out.status = q.status;
  return writePaging(out, q);
}

/** The re-tests shown: the open ones unless another status, or all of them, is asked for. */
export type RetestView = RetestStatus | 'all';

export interface RetestQuery {
  view: RetestView;
  roundId?: number;
  page: number;
  pageSize: number;
}

export function retestQueryFromParams(params: URLSearchParams): RetestQuery {
  const round = positiveIntParam(params, 'round', 0);
  return {
    view: oneOfParam<RetestView>(params.get('status'), [...RETEST_STATUSES, 'all']) ?? 'open',
    roundId: round > 0 ? round : undefined,
    ...pagingFromParams(params),
  };
}

export function retestQueryToParams(q: RetestQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.view !== 'open') out.status = q.view;
  if (q.roundId) out.round = String(q.roundId);
  return writePaging(out, q);
}

export const testingPaths = {
  rounds: (q: RoundQuery) => withQuery('/api/testing/rounds', { page: q.page, pageSize: q.pageSize, date: q.date, status: q.status }),
  createRound: '/api/testing/rounds',
  round: (id: number) => `/api/testing/rounds/${id}`,
  missing: (id: number, page: number, pageSize: number) => withQuery(`/api/testing/rounds/${id}/missing`, { page, pageSize }),
  /** The round's people still to sample whose name (accents optional) or id matches. */
  missingSearch: (id: number, q: string) => withQuery(`/api/testing/rounds/${id}/missing`, { q, pageSize: 10 }),
  samples: (roundId: number) => `/api/testing/rounds/${roundId}/samples`,
  close: (roundId: number) => `/api/testing/rounds/${roundId}/close`,
  poolResult: (poolId: number) => `/api/testing/pools/${poolId}/result`,
  retests: (q: RetestQuery) =>
    withQuery('/api/testing/retests', { page: q.page, pageSize: q.pageSize, status: q.view === 'all' ? undefined : q.view, roundId: q.roundId }),
  // The server keeps at most 200 characters of the name.
  labResults: (mode: ImportMode, fileName: string) => withQuery('/api/testing/lab-results', { mode, fileName: fileName.slice(0, 200) }),
  labReport: (importId: number) => `/api/testing/lab-imports/${importId}/report.xlsx`,
  /** The lockdown zones in force on a day, for a zone round or schedule (GET /api/zones). */
  zonesInForce: (asOf: string, pageSize: number) => withQuery('/api/zones', { asOf, status: 'active', page: 1, pageSize }),
  /** An enterprise's workshops and shifts with their people on a day ({ items: WorkshopShift[] }). */
  workshops: (enterpriseId: number, on: string) => withQuery('/api/testing/targets/workshops', { enterpriseId, on }),
};

/** Pages of the app (the round's page and its phone-sized sampling page have their own routes, so a link can be shared). */
export const testingRoutes = {
  page: (tab?: TestingTab, own: Record<string, string> = {}) => {
    const s = new URLSearchParams(tab && tab !== 'rounds' ? { tab, ...own } : own).toString();
    return s ? `/testing?${s}` : '/testing';
  },
  round: (id: number) => `/testing/rounds/${id}`,
  sample: (id: number) => `/testing/rounds/${id}/sample`,
};
