import { type LocalisedMessage, withQuery } from '../../shared/api/client.ts';
import { dateParam, oneOfParam, pagingFromParams, positiveIntParam, writePaging } from '../../shared/hooks/url-query.ts';

export { dateParam, oneOfParam };

export const FACILITY_KINDS = ['quarantine', 'treatment'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const FACILITY_CATEGORIES = ['school', 'dormitory', 'barracks', 'hotel', 'hospital', 'field_hospital', 'other'] as const;
export type FacilityCategory = (typeof FACILITY_CATEGORIES)[number];

export const FACILITY_STATUSES = ['open', 'full', 'closed', 'disinfecting'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export const FACILITY_LEVELS = ['province', 'district', 'commune'] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];

/** Occupancy alert: at or above the facility's warning / critical share of its capacity. */
export const ALERT_LEVELS = ['normal', 'warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const RISK_GROUPS = ['high', 'medium', 'low'] as const;
export type RiskGroup = (typeof RISK_GROUPS)[number];

export const ORDER_STATUSES = ['active', 'released', 'transferred', 'became_case', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_KINDS = ['centralized', 'home', 'medical_isolation'] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];

export const ORDER_SUBJECTS = ['f1', 'f2', 'returning_citizen', 'case'] as const;
export type OrderSubject = (typeof ORDER_SUBJECTS)[number];

export const RELEASE_STATUSES = ['due', 'held', 'positive', 'waiting_for_source'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const TEST_REASONS = ['rule_day', 'screening_cycle'] as const;
export type TestReason = (typeof TEST_REASONS)[number];

/** GET /api/facilities: a quarantine or treatment facility with its live occupancy. */
export interface Facility {
  id: number;
  name: string;
  /** FacilityKind; typed loosely by the server. */
  kind: string;
  category: string;
  level: string | null;
  tier: number | null;
  status: string;
  districtCode: string | null;
  districtName: string | null;
  communeCode: string | null;
  address: string | null;
  capacity: number;
  used: number;
  free: number;
  /** Used share of the capacity, one decimal; null without capacity. */
  percent: number | null;
  alert: AlertLevel;
  warnPercent: number;
  criticalPercent: number;
  beds: { normal: number; oxygen: number; icu: number };
  rooms: number;
  staffName: string | null;
  staffPhone: string | null;
}

export interface OccupancyTotals {
  facilities: number;
  capacity: number;
  used: number;
  free: number;
  percent: number | null;
}

export interface OccupancyByKind {
  quarantine: OccupancyTotals;
  treatment: OccupancyTotals;
}

/** GET /api/facilities/occupancy. `code` is '' for facilities without a district. */
export interface Occupancy {
  province: OccupancyByKind;
  districts: Array<{ code: string; name: string } & OccupancyByKind>;
  alerts: Array<{ id: number; name: string; alert: string; percent: number | null }>;
}

export interface FacilityRoom {
  id: number;
  zone: string | null;
  label: string;
  capacity: number;
  used: number;
  free: number;
  riskGroups: RiskGroup[];
}

/** GET /api/facilities/:id/rooms. */
export interface FacilityRooms {
  facility: Facility;
  rooms: FacilityRoom[];
}

/** One row of GET /api/quarantine/orders (the repository's columns, snake_case). */
export interface QuarantineOrder {
  id: number;
  person_id: number;
  full_name: string;
  commune_code: string | null;
  district_code: string | null;
  province_code: string;
  kind: OrderKind;
  subject: OrderSubject | null;
  risk_group: RiskGroup | null;
  status: OrderStatus;
  start_date: string;
  last_day: string | null;
  release_date: string | null;
  test_dates: string[] | null;
  home_monitoring_until: string | null;
  rule_code: string | null;
  facility_id: number | null;
  facility_name: string | null;
  room_id: number | null;
  room_label: string | null;
  source_person_id: number | null;
  source_kind: string | null;
  source_date: string | null;
}

export interface OrderList {
  total: number;
  page: number;
  pageSize: number;
  items: QuarantineOrder[];
}

export interface SuggestedPlacement {
  orderId: number;
  personId: number;
  facilityId: number;
  roomId: number;
  roomLabel: string;
}

export interface UnplacedOrder {
  orderId: number;
  personId: number;
  reason: string;
  message: LocalisedMessage;
}

/** POST /api/quarantine/placement/suggest: nothing is written. */
export interface PlacementSuggestion {
  placements: SuggestedPlacement[];
  unplaced: UnplacedOrder[];
  /** Households the batch could not keep in one room. */
  splitHouseholds: number[];
}

export interface TestScheduleItem {
  orderId: number;
  personId: number;
  fullName: string;
  facilityId: number;
  facilityName: string;
  roomLabel: string | null;
  riskGroup: RiskGroup | null;
  /** Day of quarantine (day 1 = start date). */
  day: number;
  reasons: Array<{ reason: TestReason; label: LocalisedMessage }>;
}

/** GET /api/quarantine/test-schedule. */
export interface TestSchedule {
  date: string;
  items: TestScheduleItem[];
}

export interface ReleaseItem {
  orderId: number;
  personId: number;
  fullName: string;
  facilityId: number | null;
  facilityName: string | null;
  roomLabel: string | null;
  subject: string;
  kind: string;
  startDate: string;
  releaseDate: string | null;
  ruleCode: string | null;
  status: ReleaseStatus;
  reason: LocalisedMessage | null;
  /** Required test dates ('YYYY-MM-DD') without a negative result (status 'held'). */
  missing: string[];
}

/** GET /api/quarantine/release. */
export interface ReleaseList {
  date: string;
  /** The server lists at most a few thousand people: true when it cut the list short. */
  truncated?: boolean;
  counts: Record<ReleaseStatus, number>;
  items: ReleaseItem[];
}

/** POST /api/quarantine/release. */
export interface ReleaseResult {
  released: number;
  orderIds: number[];
}

/** The rule versions an order can be amended to (codes of the server's quarantine rules). */
export const RULE_CODES = ['qd878-2020', 'cd600-2021-05', 'cv5599-2021-07', 'cv10696-2021-12'] as const;

/** How the source F0 and the person met (tracing's edge kinds). */
export const SOURCE_KINDS = ['household', 'room', 'workshop_shift', 'bus_route', 'venue', 'manual'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** PATCH /api/quarantine/orders/:id: the reason, and only what changes. */
export interface AmendBody {
  reason: string;
  riskGroup?: RiskGroup;
  ruleCode?: string;
  vaccinatedOrRecovered?: boolean;
  /** The server requires `groupId` with a source; null when none is known. */
  source?: { personId: number; kind: SourceKind; groupId: number | null; date: string };
}

/** The terms of a quarantine rule version for one kind of person (days counted from day 1 = the start date). */
export interface RuleTerms {
  centralizedDays: number;
  testDays: number[];
  homeMonitoringDays: number;
}

/** Days between screening samples in centralized facilities, by risk group. */
export type ScreeningIntervals = Record<RiskGroup, number>;

/** Built into the platform (national documents) or added by the province. */
export type RuleSource = 'built_in' | 'configured';

interface RuleHeader {
  code: string;
  document: string;
  name: LocalisedMessage;
  /** 'YYYY-MM-DD': applies to orders starting on or after it. */
  effectiveFrom: string;
}

/** One dated quarantine rule version of GET /api/rules. */
export interface QuarantineRuleVersion extends RuleHeader {
  f1: RuleTerms;
  f1VaccinatedOrRecovered: RuleTerms;
  returningCitizen: RuleTerms;
  screeningIntervalDays: ScreeningIntervals;
  source: RuleSource;
}

/** One dated F0 release rule version of GET /api/rules: the day of release in each case. */
export interface F0ReleaseRuleVersion extends RuleHeader {
  daysWithNegativeRapidTest: number;
  daysWithoutTest: number;
  daysWithPersistentSymptoms: number;
  source: RuleSource;
}

/** GET /api/rules: built-in and configured versions, in the server's order (not sorted by date). */
export interface RuleVersions {
  quarantine: QuarantineRuleVersion[];
  f0Release: F0ReleaseRuleVersion[];
}

/** POST /api/rules/quarantine: left out, the vaccinated terms are the F1 ones, returning citizens 14 + 7 days, screening 2/3/4 days. */
export interface QuarantineRuleBody extends RuleHeader {
  f1: RuleTerms;
  f1VaccinatedOrRecovered?: RuleTerms;
  returningCitizen?: RuleTerms;
  screeningIntervalDays?: ScreeningIntervals;
}

/** POST /api/rules/f0-release. */
export interface F0ReleaseRuleBody extends RuleHeader {
  daysWithNegativeRapidTest: number;
  daysWithoutTest: number;
  daysWithPersistentSymptoms: number;
}

// ---- URL state of the page: the open tab and each tab's own keys ----

export const QUARANTINE_TABS = ['facilities', 'orders', 'schedule', 'release', 'home', 'rules'] as const;
export type QuarantineTab = (typeof QUARANTINE_TABS)[number];



export function tabFromParams(params: URLSearchParams): QuarantineTab {
  return oneOfParam(params.get('tab'), QUARANTINE_TABS) ?? 'facilities';
}


const facilityParam = (params: URLSearchParams) => {
  const n = positiveIntParam(params, 'facility', 0);
  return n > 0 ? n : undefined;
};

export interface FacilityFilters {
  kind?: FacilityKind;
  districtCode?: string;
}

export function facilityFiltersFromParams(params: URLSearchParams): FacilityFilters {
  const district = params.get('district');
  return { kind: oneOfParam(params.get('kind'), FACILITY_KINDS), districtCode: district && /^\d{3}$/.test(district) ? district : undefined };
}

export function facilityFiltersToParams(f: FacilityFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.kind) out.kind = f.kind;
  if (f.districtCode) out.district = f.districtCode;
  return out;
}

export interface OrderQuery {
  status?: OrderStatus;
  kind?: OrderKind;
  facilityId?: number;
  page: number;
  pageSize: number;
}

export function orderQueryFromParams(params: URLSearchParams): OrderQuery {
  return {
    status: oneOfParam(params.get('status'), ORDER_STATUSES),
    kind: oneOfParam(params.get('kind'), ORDER_KINDS),
    facilityId: facilityParam(params),
    ...pagingFromParams(params),
  };
}

export function orderQueryToParams(q: OrderQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.status) out.status = q.status;
  if (q.kind) out.kind = q.kind;
  if (q.facilityId) out.facility = String(q.facilityId);
  return writePaging(out, q);
}

export interface ScheduleQuery {
  date: string;
  facilityId?: number;
}

/** The test schedule's day and facility; the day defaults to `today`. */
export function scheduleQueryFromParams(params: URLSearchParams, today: string): ScheduleQuery {
  return { date: dateParam(params.get('date')) ?? today, facilityId: facilityParam(params) };
}

export function scheduleQueryToParams(q: ScheduleQuery, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.date !== today) out.date = q.date;
  if (q.facilityId) out.facility = String(q.facilityId);
  return out;
}

/** The release tab lists orders due for release on a day, or those already released. */
export const RELEASE_VIEWS = ['due', 'released'] as const;
export type ReleaseView = (typeof RELEASE_VIEWS)[number];

export interface ReleaseQuery {
  view: ReleaseView;
  date: string;
  facilityId?: number;
  status?: ReleaseStatus;
  /** Paging of the released orders (the due list is not paged). */
  page: number;
  pageSize: number;
}

export function releaseQueryFromParams(params: URLSearchParams, today: string): ReleaseQuery {
  return {
    view: oneOfParam(params.get('view'), RELEASE_VIEWS) ?? 'due',
    date: dateParam(params.get('date')) ?? today,
    facilityId: facilityParam(params),
    status: oneOfParam(params.get('status'), RELEASE_STATUSES),
    ...pagingFromParams(params),
  };
}

export function releaseQueryToParams(q: ReleaseQuery, today: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.view !== 'due') out.view = q.view;
  if (q.view === 'due' && q.date !== today) out.date = q.date;
  if (q.facilityId) out.facility = String(q.facilityId);
  if (q.view === 'due' && q.status) out.status = q.status;
  return q.view === 'released' ? writePaging(out, q) : out;
}

export const quarantinePaths = {
  facilities: (f: FacilityFilters = {}) => withQuery('/api/facilities', { kind: f.kind, districtCode: f.districtCode }),
  occupancy: '/api/facilities/occupancy',
  rooms: (facilityId: number) => `/api/facilities/${facilityId}/rooms`,
  orders: (q: OrderQuery) => withQuery('/api/quarantine/orders', { page: q.page, pageSize: q.pageSize, status: q.status, kind: q.kind, facilityId: q.facilityId }),
  suggest: '/api/quarantine/placement/suggest',
  confirm: '/api/quarantine/placement/confirm',
  testSchedule: (q: ScheduleQuery) => withQuery('/api/quarantine/test-schedule', { date: q.date, facilityId: q.facilityId }),
  testScheduleXlsx: (q: ScheduleQuery) => withQuery('/api/quarantine/test-schedule.xlsx', { date: q.date, facilityId: q.facilityId }),
  release: (q: Pick<ReleaseQuery, 'date' | 'facilityId' | 'status'>) =>
    withQuery('/api/quarantine/release', { date: q.date, facilityId: q.facilityId, status: q.status }),
  released: (q: Pick<ReleaseQuery, 'facilityId' | 'page' | 'pageSize'>) =>
    withQuery('/api/quarantine/orders', { page: q.page, pageSize: q.pageSize, status: 'released', facilityId: q.facilityId }),
  releaseConfirm: '/api/quarantine/release',
  order: (orderId: number) => `/api/quarantine/orders/${orderId}`,
  ordersTemplate: '/api/quarantine/orders/template.xlsx',
  ordersImport: (dryRun: boolean) => `/api/quarantine/orders/import?dryRun=${dryRun}`,
  rules: '/api/rules',
  quarantineRules: '/api/rules/quarantine',
  f0ReleaseRules: '/api/rules/f0-release',
};

/** The certificates endpoint takes at most this many order ids at once. */
export const MAX_CERTIFICATES = 500;

/**
 * GET /api/quarantine/release/certificates?orderIds=1,2,3 (the ids sorted, once each; commas kept
 * as the API documents them); null when there is nothing to print.
 */
export function certificatesPath(orderIds: readonly number[]): string | null {
  const ids = [...new Set(orderIds.filter((id) => Number.isInteger(id) && id > 0))].sort((a, b) => a - b);
  return ids.length ? `/api/quarantine/release/certificates?orderIds=${ids.join(',')}` : null;
}
