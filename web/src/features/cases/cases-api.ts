import { type QueryValue, withQuery } from '../../shared/api/client.ts';

export const DETECTIONS = ['community', 'quarantine', 'lockdown_screening', 'enterprise_screening', 'arrival'] as const;
export type Detection = (typeof DETECTIONS)[number];

export const CLASSIFICATIONS = ['imported', 'community', 'in_quarantine'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const CASE_STATUSES = ['isolated', 'in_treatment', 'recovered', 'died'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Org unit kinds a case is isolated or treated in (GET /api/places/facilities). */
export const FACILITY_KINDS = ['quarantine_facility', 'treatment_facility'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

/** One row of GET /api/places/facilities. */
export interface Facility {
  id: number;
  kind: FacilityKind;
  name: string;
  communeCode: string | null;
  communeName: string | null;
  districtName: string | null;
}

/** One row of the list (GET /api/cases). Personal fields may be masked for the role. */
export interface CaseSummary {
  id: number;
  caseCode: string;
  personId: number;
  fullName: string;
  sex: 'male' | 'female' | 'other';
  dateOfBirth: string | null;
  communeCode: string;
  communeName: string;
  districtCode: string;
  districtName: string;
  onsetDate: string | null;
  sampleDate: string;
  confirmationDate: string;
  isolationDate: string | null;
  detection: Detection;
  classification: Classification;
  status: CaseStatus;
  facilityId: number | null;
  facilityName: string | null;
  foundPlace: string | null;
  masked: boolean;
}

export interface StatusEvent {
  id: number;
  status: CaseStatus;
  effectiveDate: string;
  facilityId: number | null;
  facilityName: string | null;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  phone: string | null;
  nationalId: string | null;
  addressDetail: string | null;
  note: string | null;
  foundOrgUnitId: number | null;
  createdAt: string;
  updatedAt: string;
  timeline: StatusEvent[];
  clusters: Array<{ id: number; name: string }>;
  /** Only on the create answer: the trace run the new case started, if any. */
  latestTraceRunId?: number | null;
}

/** POST /api/cases. */
export interface CaseInput {
  personId: number;
  caseCode?: string;
  onsetDate?: string | null;
  sampleDate: string;
  confirmationDate: string;
  isolationDate?: string | null;
  detection: Detection;
  classification: Classification;
  status?: CaseStatus;
  facilityId?: number | null;
  foundPlace?: string | null;
  communeCode?: string;
  note?: string | null;
}

/** PATCH /api/cases/:id: only what changed (never the person); null clears an optional field. */
export type CasePatch = Partial<Omit<CaseInput, 'personId'>>;

/** POST /api/cases/:id/status. */
export interface StatusChange {
  status: CaseStatus;
  effectiveDate: string;
  facilityId?: number;
  note?: string;
}

export type CaseSort = 'confirmationDate' | '-confirmationDate' | 'caseCode' | '-caseCode';
export const CASE_SORTS: CaseSort[] = ['confirmationDate', '-confirmationDate', 'caseCode', '-caseCode'];

export interface CaseFilters {
  q?: string;
  districtCode?: string;
  communeCode?: string;
  status?: CaseStatus;
  classification?: Classification;
  detection?: Detection;
  /** Confirmation dates 'YYYY-MM-DD', inclusive. */
  from?: string;
  to?: string;
}

export interface CaseQuery extends CaseFilters {
  page: number;
  pageSize: number;
  sort?: CaseSort;
}

const filterParams = (f: CaseFilters): Record<string, QueryValue> => ({
  q: f.q?.trim(),
  districtCode: f.districtCode,
  communeCode: f.communeCode,
  status: f.status,
  classification: f.classification,
  detection: f.detection,
  from: f.from,
  to: f.to,
});

export const casesPaths = {
  list: (q: CaseQuery) => withQuery('/api/cases', { ...filterParams(q), sort: q.sort, page: q.page, pageSize: q.pageSize }),
  one: (id: number) => `/api/cases/${id}`,
  create: '/api/cases',
  status: (id: number) => `/api/cases/${id}/status`,
  export: (f: CaseFilters) => withQuery('/api/cases/export', filterParams(f)),
  import: (dryRun: boolean) => withQuery('/api/cases/import', { dryRun }),
  template: '/api/cases/import/template',
  /** The person picker searches the register (name, phone, ID). */
  people: (q: string) => withQuery('/api/people', { q: q.trim(), pageSize: 20 }),
  person: (id: number) => `/api/people/${id}`,
  /** The facility picker: the province's facilities of one kind (or both), by name. */
  facilities: (kind: FacilityKind | undefined, q: string) => withQuery('/api/places/facilities', { kind, q: q.trim() || undefined, pageSize: 20 }),
};
