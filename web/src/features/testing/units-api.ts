/** API shapes, paths and URL state of testing units (labs, hospitals, clinics, sampling teams) and their requests to take part. */
import { withQuery } from '../../shared/api/client.ts';
import { oneOfParam } from '../../shared/hooks/url-query.ts';

export const UNIT_KINDS = ['lab', 'hospital', 'private_clinic', 'sampling_team'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const REGISTRATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** One row of GET /api/testing/units. */
export interface TestingUnit {
  id: number;
  kind: UnitKind;
  name: string;
  communeCode: string | null;
  communeName: string | null;
  address: string | null;
  capacityPerDay: number | null;
  /** Active accounts scoped to the unit. */
  users: number;
}

/** POST /api/testing/units. */
export interface UnitCreateBody {
  kind: UnitKind;
  name: string;
  communeCode: string;
  address?: string;
  capacityPerDay?: number;
  contactName?: string;
  contactPhone?: string;
}

/** 201 of POST /api/testing/units. */
export interface UnitCreated {
  id: number;
  kind: UnitKind;
  name: string;
}

/** One row of GET /api/testing/unit-registrations (the commune by its code only). */
export interface UnitRegistration {
  id: number;
  kind: UnitKind;
  name: string;
  communeCode: string;
  address: string | null;
  capacityPerDay: number | null;
  contactName: string;
  contactPhone: string;
  /** The first account's name, created on approval. */
  username: string;
  status: RegistrationStatus;
  decisionNote: string | null;
  /** The unit created on approval. */
  orgUnitId: number | null;
  createdAt: string;
}

/** POST /api/testing/unit-registrations/:id/decision: a refusal gives its reason. */
export type DecisionBody = { approve: true } | { approve: false; note: string };

/** 200 of the decision. */
export interface DecisionResult {
  id: number;
  status: RegistrationStatus;
  orgUnitId: number | null;
}

// ---- URL state of the tab: the units' kind and the requests' status ----

export interface UnitsQuery {
  kind?: UnitKind;
  /** The requests listed: the pending ones unless another status is asked for. */
  registrations: RegistrationStatus;
}

export function unitsQueryFromParams(params: URLSearchParams): UnitsQuery {
  return {
    kind: oneOfParam(params.get('kind'), UNIT_KINDS),
    registrations: oneOfParam(params.get('registrations'), REGISTRATION_STATUSES) ?? 'pending',
  };
}

export function unitsQueryToParams(q: UnitsQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.kind) out.kind = q.kind;
  if (q.registrations !== 'pending') out.registrations = q.registrations;
  return out;
}

export const unitsPaths = {
  units: (kind?: UnitKind) => withQuery('/api/testing/units', { kind }),
  createUnit: '/api/testing/units',
  registrations: (status: RegistrationStatus) => withQuery('/api/testing/unit-registrations', { status }),
  decision: (id: number) => `/api/testing/unit-registrations/${id}/decision`,
};

/** The public page where a hospital, clinic, lab or sampling team asks to take part (no account needed). */
export const REGISTRATION_PAGE = '/dang-ky-don-vi';
