import { withQuery } from '../../shared/api/client.ts';
import { pagingFromParams, positiveIntParam, writePaging } from '../../shared/hooks/url-query.ts';

/** Lowest to highest (QĐ 5525: the 3-tier treatment tower, with care at home below it). */
export const CARE_LEVELS = ['home_care', 'tier1', 'tier2', 'tier3'] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];

export const F0_RISK_GROUPS = ['low', 'medium', 'high', 'very_high'] as const;
export type F0RiskGroup = (typeof F0_RISK_GROUPS)[number];

export const BED_KINDS = ['normal', 'oxygen', 'icu'] as const;
export type BedKind = (typeof BED_KINDS)[number];

export const DISCHARGE_OUTCOMES = ['recovered', 'died'] as const;
export type DischargeOutcome = (typeof DISCHARGE_OUTCOMES)[number];

export const FACILITY_STATUSES = ['open', 'full', 'closed', 'disinfecting'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];

export interface BedCounts {
  total: number;
  used: number;
  free: number;
}

export type BedsByKind = Record<BedKind, BedCounts>;

/** GET /api/treatment/beds: beds per tier and per facility. */
export interface BedBoard {
  tiers: Array<{ tier: number; beds: BedsByKind }>;
  facilities: Array<{
    facilityId: number;
    name: string;
    tier: number | null;
    districtName: string | null;
    status: string;
    beds: BedsByKind;
  }>;
}
export type BedBoardFacility = BedBoard['facilities'][number];

export interface Admission {
  id: number;
  caseId: number;
  /** Sent by the server though not in the agreed shape: shown when present. */
  caseCode?: string;
  personId: number;
  fullName: string;
  facilityId: number | null;
  facilityName: string | null;
  careLevel: CareLevel;
  riskGroup: F0RiskGroup;
  bedKind: BedKind | null;
  admittedOn: string;
  endedOn: string | null;
  outcome: string | null;
  reason: string | null;
}

export interface AdmissionList {
  total: number;
  items: Admission[];
}

/** What the transfer form needs of GET /api/facilities?kind=treatment. */
export interface TreatmentFacility {
  id: number;
  name: string;
  tier: number | null;
  status: string;
  districtName: string | null;
}

export interface TransferBody {
  facilityId: number | null;
  careLevel: CareLevel;
  riskGroup: F0RiskGroup;
  reason: string;
  date: string;
}

export interface DischargeBody {
  date: string;
  outcome: DischargeOutcome;
}

// ---- URL state ----

export const TREATMENT_TABS = ['beds', 'admissions'] as const;
export type TreatmentTab = (typeof TREATMENT_TABS)[number];

/** Admissions still open (in treatment), ended (discharged), or both. */
export const ADMISSION_VIEWS = ['open', 'closed', 'all'] as const;
export type AdmissionView = (typeof ADMISSION_VIEWS)[number];

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export function treatmentTabFromParams(params: URLSearchParams): TreatmentTab {
  return oneOf(params.get('tab'), TREATMENT_TABS) ?? 'beds';
}

export interface AdmissionQuery {
  view: AdmissionView;
  facilityId?: number;
  page: number;
  pageSize: number;
}

export function admissionQueryFromParams(params: URLSearchParams): AdmissionQuery {
  const facility = positiveIntParam(params, 'facility', 0);
  return { view: oneOf(params.get('view'), ADMISSION_VIEWS) ?? 'open', facilityId: facility > 0 ? facility : undefined, ...pagingFromParams(params) };
}

export function admissionQueryToParams(q: AdmissionQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.view !== 'open') out.view = q.view;
  if (q.facilityId) out.facility = String(q.facilityId);
  return writePaging(out, q);
}

/** The API's `open` filter for a view: true, false, or left out for all. */
export function openParam(view: AdmissionView): boolean | undefined {
  return view === 'open' ? true : view === 'closed' ? false : undefined;
}

export const treatmentPaths = {
  beds: '/api/treatment/beds',
  admissions: (q: AdmissionQuery) => withQuery('/api/treatment/admissions', { page: q.page, pageSize: q.pageSize, open: openParam(q.view), facilityId: q.facilityId }),
  transfer: (id: number) => `/api/treatment/admissions/${id}/transfer`,
  discharge: (id: number) => `/api/treatment/admissions/${id}/discharge`,
  facilities: '/api/facilities?kind=treatment',
};
