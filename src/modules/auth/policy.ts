/**
 * The one place that decides access. Routes ask `assertPermission`; services ask
 * `assertAreaInScope` / `areaScopeFilter` for records; presenters ask `maskedFieldsFor`.
 * Nothing else in the code base compares roles.
 */
import type { ScopeKind } from '../../db/schema.ts';
import { Errors } from '../../server/errors.ts';

export const ROLES = [
  'province_admin',
  'cdc',
  'district_health',
  'commune_health',
  'community_team',
  'enterprise',
  'boarding_house_owner',
  'facility_staff',
  'lab_staff',
  'checkpoint',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'overview:read',
  'places:read',
  'person:read',
  'person:write',
  'person:import',
  'person:export',
  'audit:read',
  'user:manage',
  'case:read',
  'case:write',
  'case:import',
  'case:export',
  'tracing:read',
  'tracing:run',
  'tracing:review',
  'contact:write',
  'cluster:read',
  'cluster:write',
  'quarantine:read',
  'quarantine:write',
  'facility:manage',
  'treatment:read',
  'treatment:write',
  'sample:write',
  'testing:read',
  'homecheck:write',
  'rule:manage',
  'zone:read',
  'zone:manage',
  'level:manage',
  'report:read',
  'report:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The acting user, passed to every service call. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  scopeKind: ScopeKind;
  /** Area code (province 2, district 3, commune 5 digits) or, for 'org', the org unit id as text. */
  scopeCode: string;
  scopeOrgId: number | null;
  provinceCode: string;
  ip: string | null;
}

const ALL_PERSON: Permission[] = ['person:read', 'person:write', 'person:import', 'person:export'];
/** Lockdown zones are public notices: everyone signed in sees them. */
const BASE: Permission[] = ['overview:read', 'places:read', 'zone:read'];
/** Epidemiologists: cases, tracing and its review, contacts, clusters. */
const EPI: Permission[] = [
  'case:read', 'case:write', 'case:import', 'case:export', 'tracing:read', 'tracing:run', 'tracing:review', 'contact:write',
  'cluster:read', 'cluster:write', 'quarantine:read', 'quarantine:write', 'treatment:read', 'treatment:write', 'sample:write', 'testing:read', 'homecheck:write', 'zone:manage',
];
/** The daily situation report is province-wide: the province's epidemiologists write it; district health and the steering committee read it. */
const REPORT_WRITERS: Permission[] = ['report:read', 'report:write'];

const GRANTS: Record<Role, Permission[]> = {
  province_admin: [...BASE, ...ALL_PERSON, ...EPI, 'audit:read', 'user:manage', 'facility:manage', 'rule:manage', ...REPORT_WRITERS, 'level:manage'],
  cdc: [...BASE, ...ALL_PERSON, ...EPI, 'facility:manage', 'rule:manage', ...REPORT_WRITERS, 'level:manage'],
  district_health: [...BASE, ...ALL_PERSON, ...EPI, 'report:read'],
  commune_health: [...BASE, ...ALL_PERSON, ...EPI],
  community_team: [...BASE, 'person:read', 'case:read', 'tracing:read', 'cluster:read', 'quarantine:read', 'homecheck:write'],
  enterprise: [...BASE, 'person:read', 'person:export'],
  boarding_house_owner: [...BASE, 'person:read'],
  facility_staff: [...BASE, 'quarantine:read', 'quarantine:write', 'treatment:read', 'treatment:write', 'sample:write', 'testing:read'],
  // Labs, hospitals, private clinics and sampling teams: their rounds, samples and results.
  lab_staff: [...BASE, 'testing:read', 'sample:write'],
  checkpoint: [...BASE],
  viewer: [...BASE, 'cluster:read', 'quarantine:read', 'treatment:read', 'testing:read', 'report:read'],
};

/** Which scope kinds a role may be given (an enterprise user is scoped to an enterprise, etc.). */
export const ROLE_SCOPES: Record<Role, ScopeKind[]> = {
  province_admin: ['province'],
  cdc: ['province', 'district'],
  district_health: ['district'],
  commune_health: ['commune'],
  community_team: ['commune'],
  enterprise: ['org'],
  boarding_house_owner: ['org'],
  facility_staff: ['org'],
  lab_staff: ['org'],
  checkpoint: ['province', 'district', 'commune'],
  viewer: ['province', 'district', 'commune'],
};

/** For organisation-scoped roles: which kinds of org unit the user may be tied to. */
export const ROLE_ORG_KINDS: Record<Role, string[]> = {
  province_admin: [],
  cdc: [],
  district_health: [],
  commune_health: [],
  community_team: [],
  enterprise: ['enterprise'],
  boarding_house_owner: ['boarding_house'],
  facility_staff: ['quarantine_facility', 'treatment_facility'],
  lab_staff: ['lab', 'hospital', 'private_clinic', 'sampling_team'],
  checkpoint: [],
  viewer: [],
};

export function permissionsOf(role: Role): Permission[] {
  return GRANTS[role];
}

export function hasPermission(actor: Actor, p: Permission): boolean {
  return GRANTS[actor.role].includes(p);
}

export function assertPermission(actor: Actor, p: Permission): void {
  if (!hasPermission(actor, p)) throw Errors.forbidden();
}

/** Menu entries the web shell shows, in order; only pages that exist. */
export function menuOf(role: Role): string[] {
  const menu: string[] = [];
  if (GRANTS[role].includes('overview:read')) menu.push('overview', 'map');
  if (GRANTS[role].includes('person:read')) menu.push('people');
  if (GRANTS[role].includes('case:read')) menu.push('cases');
  if (GRANTS[role].includes('cluster:read')) menu.push('clusters');
  if (GRANTS[role].includes('quarantine:read')) menu.push('quarantine');
  if (GRANTS[role].includes('treatment:read')) menu.push('treatment');
  if (GRANTS[role].includes('testing:read')) menu.push('testing');
  if (GRANTS[role].includes('zone:read')) menu.push('zones');
  // Epidemic levels are announced to everyone who sees the overview.
  if (GRANTS[role].includes('overview:read')) menu.push('levels');
  if (GRANTS[role].includes('report:read')) menu.push('reports');
  if (GRANTS[role].includes('user:manage')) menu.push('users');
  if (GRANTS[role].includes('audit:read')) menu.push('audit');
  return menu;
}

export interface AreaCodes {
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
}

/** Restriction an area-scoped actor puts on queries over rows that carry area codes. */
export type AreaFilter =
  | { column: 'province_code'; value: string }
  | { column: 'district_code'; value: string }
  | { column: 'commune_code'; value: string };

export function areaScopeFilter(actor: Actor): AreaFilter | null {
  switch (actor.scopeKind) {
    case 'province':
      return { column: 'province_code', value: actor.scopeCode };
    case 'district':
      return { column: 'district_code', value: actor.scopeCode };
    case 'commune':
      return { column: 'commune_code', value: actor.scopeCode };
    case 'org':
      return null;
  }
}

export function areaInScope(actor: Actor, area: AreaCodes): boolean {
  if (area.province_code !== actor.provinceCode) return false;
  const f = areaScopeFilter(actor);
  if (!f) return false;
  return area[f.column] === f.value;
}

/** Throws 403 OUT_OF_SCOPE unless the actor's area covers the record. Org-scoped actors use their own rule. */
export function assertAreaInScope(actor: Actor, area: AreaCodes): void {
  if (!areaInScope(actor, area)) throw Errors.outOfScope();
}

export type PersonalField = 'nationalId' | 'phone' | 'addressDetail' | 'dateOfBirth';

/** Personal fields a role sees masked: they do their job without them. */
const MASKED: Record<Role, PersonalField[]> = {
  province_admin: [],
  cdc: [],
  district_health: [],
  commune_health: [],
  community_team: ['nationalId'],
  enterprise: [],
  boarding_house_owner: ['nationalId', 'dateOfBirth'],
  facility_staff: ['nationalId', 'phone', 'addressDetail'],
  lab_staff: ['nationalId', 'addressDetail'],
  checkpoint: ['nationalId', 'phone', 'addressDetail'],
  viewer: ['nationalId', 'phone', 'addressDetail', 'dateOfBirth'],
};

export function maskedFieldsFor(actor: Actor): PersonalField[] {
  return MASKED[actor.role];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
