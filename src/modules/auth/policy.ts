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
  'park_board',
  'venue_staff',
  'steering_office',
  'agency_officer',
  'pharmacy',
  'vaccinator',
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
  'enterprise:read',
  'enterprise:write',
  'worker:import',
  'venue:read',
  'venue:manage',
  'venue:scan',
  'directive:read',
  'directive:manage',
  'directive:report',
  'enterprise_risk:read',
  'enterprise_risk:submit',
  'arrival:read',
  'arrival:write',
  'checkpoint:manage',
  'declaration:call',
  'boarding_house:read',
  'boarding_house:write',
  'boarding_house:assess',
  'team:read',
  'team:manage',
  'teamtask:write',
  'pharmacy:manage',
  'pharmacy:report',
  'violation:read',
  'violation:write',
  'vaccination:read',
  'vaccination:write',
  'vaccination:manage',
  'vaccination:record',
  'support:read',
  'support:prepare',
  'support:check',
  'support:approve',
  'supplies:read',
  'supplies:write',
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
/** Enterprises, their structure and worker lists (an enterprise user: its own only). */
const ENTERPRISE_WRITERS: Permission[] = ['enterprise:read', 'enterprise:write', 'worker:import'];
/** QR venues: the health side manages those of its area, an enterprise its own gates and buses. */
const VENUES: Permission[] = ['venue:read', 'venue:manage', 'venue:scan'];
/** Enterprise risk self-assessment (QĐ 2194): enterprises submit their own form, CDC and the province may submit for one. */
const RISK_SUBMIT: Permission[] = ['enterprise_risk:read', 'enterprise_risk:submit'];

const GRANTS: Record<Role, Permission[]> = {
  province_admin: [...BASE, ...ALL_PERSON, ...EPI, 'audit:read', 'user:manage', 'facility:manage', 'rule:manage', ...REPORT_WRITERS, 'level:manage', ...ENTERPRISE_WRITERS, ...VENUES, 'directive:read', 'directive:manage', ...RISK_SUBMIT],
  cdc: [...BASE, ...ALL_PERSON, ...EPI, 'facility:manage', 'rule:manage', ...REPORT_WRITERS, 'level:manage', ...ENTERPRISE_WRITERS, ...VENUES, 'directive:read', ...RISK_SUBMIT],
  district_health: [...BASE, ...ALL_PERSON, ...EPI, 'report:read', 'enterprise:read', ...VENUES, 'directive:read', 'enterprise_risk:read'],
  commune_health: [...BASE, ...ALL_PERSON, ...EPI, 'enterprise:read', ...VENUES],
  community_team: [...BASE, 'person:read', 'case:read', 'tracing:read', 'cluster:read', 'quarantine:read', 'homecheck:write', 'venue:read'],
  enterprise: [...BASE, 'person:read', 'person:export', ...ENTERPRISE_WRITERS, ...VENUES, ...RISK_SUBMIT],
  boarding_house_owner: [...BASE, 'person:read'],
  facility_staff: [...BASE, 'quarantine:read', 'quarantine:write', 'treatment:read', 'treatment:write', 'sample:write', 'testing:read'],
  // Labs, hospitals, private clinics and sampling teams: their rounds, samples and results.
  lab_staff: [...BASE, 'testing:read', 'sample:write'],
  checkpoint: [...BASE],
  viewer: [...BASE, 'cluster:read', 'quarantine:read', 'treatment:read', 'testing:read', 'report:read', 'venue:read', 'directive:read', 'enterprise_risk:read'],
  // Ban Quản lý KCN: the enterprises of its industrial park, their worker lists and freshness.
  park_board: [...BASE, 'enterprise:read', 'enterprise_risk:read'],
  // Văn phòng Ban Chỉ đạo tỉnh: records the steering meetings and follows up the tasks they give.
  steering_office: [...BASE, 'directive:read', 'directive:manage', 'report:read'],
  // An officer of a department, district steering committee or other agency: its own tasks, reports on those it leads.
  agency_officer: [...BASE, 'directive:read', 'directive:report'],
  // The staff of one QR venue (a market's gate, a shop's counter): scans people's personal codes there.
  venue_staff: [...BASE, 'venue:scan'],
  // A pharmacy (nhà thuốc): reports its sales of fever, cough and throat medicine.
  pharmacy: [...BASE, 'pharmacy:report'],
  // The staff of one vaccination site: doses, attendance and reactions at their site (vaccination:* below).
  vaccinator: [...BASE],
};

/**
 * NQ68 support payments (issue 9): the commune health station prepares its lists (and records
 * decisions and bank details), district health checks them, the province approves; CDC reads.
 * Supplies: the health side and the facilities read; the province, CDC, district health and a
 * facility's staff (its own facility) write.
 */
for (const [role, grants] of Object.entries({
  province_admin: ['support:read', 'support:approve', 'supplies:read', 'supplies:write'],
  cdc: ['support:read', 'support:approve', 'supplies:read', 'supplies:write'],
  district_health: ['support:read', 'support:check', 'supplies:read', 'supplies:write'],
  commune_health: ['support:read', 'support:prepare', 'supplies:read'],
  facility_staff: ['supplies:read', 'supplies:write'],
  viewer: ['supplies:read'],
} satisfies Partial<Record<Role, Permission[]>>)) GRANTS[role as Role].push(...grants);

/**
 * Boarding houses (issue 7): the health side of an area reads, writes and assesses its houses;
 * the commune's community team (police, front) reads and assesses; an owner its own house
 * (its assessments are self-assessments). The viewer sees the houses on the map only (no tenants).
 */
const BOARDING_HOUSE_GRANTS: Partial<Record<Role, Permission[]>> = {
  province_admin: ['boarding_house:read', 'boarding_house:write', 'boarding_house:assess'],
  cdc: ['boarding_house:read', 'boarding_house:write', 'boarding_house:assess'],
  district_health: ['boarding_house:read', 'boarding_house:write', 'boarding_house:assess'],
  commune_health: ['boarding_house:read', 'boarding_house:write', 'boarding_house:assess'],
  community_team: ['boarding_house:read', 'boarding_house:assess'],
  boarding_house_owner: ['boarding_house:read', 'boarding_house:write', 'boarding_house:assess'],
};
for (const [role, perms] of Object.entries(BOARDING_HOUSE_GRANTS)) GRANTS[role as Role].push(...perms);

/**
 * Community COVID teams, pharmacies and violations (issue 9): the health side manages the teams of
 * its area and sees their tasks; a team member does the tasks of the commune; district health and
 * the province register pharmacies; commune and district record violations.
 */
const COMMUNITY_GRANTS: Partial<Record<Role, Permission[]>> = {
  province_admin: ['team:read', 'team:manage', 'teamtask:write', 'pharmacy:manage', 'violation:read', 'violation:write'],
  cdc: ['team:read', 'team:manage', 'teamtask:write', 'pharmacy:manage', 'violation:read', 'violation:write'],
  district_health: ['team:read', 'team:manage', 'teamtask:write', 'pharmacy:manage', 'violation:read', 'violation:write'],
  commune_health: ['team:read', 'team:manage', 'teamtask:write', 'violation:read', 'violation:write'],
  community_team: ['team:read', 'teamtask:write'],
  viewer: ['team:read', 'violation:read'],
  steering_office: ['violation:read'],
};
for (const [role, perms] of Object.entries(COMMUNITY_GRANTS)) GRANTS[role as Role].push(...perms);

/**
 * Arrivals, checkpoints and health declarations (issue 9): the health side of an area logs
 * arrivals and calls abnormal declarations; the province and districts manage checkpoints; a
 * checkpoint's user logs arrivals at the checkpoints of its area; the viewer reads.
 */
const ARRIVAL_GRANTS: Partial<Record<Role, Permission[]>> = {
  province_admin: ['arrival:read', 'arrival:write', 'checkpoint:manage', 'declaration:call'],
  cdc: ['arrival:read', 'arrival:write', 'checkpoint:manage', 'declaration:call'],
  district_health: ['arrival:read', 'arrival:write', 'checkpoint:manage', 'declaration:call'],
  commune_health: ['arrival:read', 'arrival:write', 'declaration:call'],
  checkpoint: ['arrival:read', 'arrival:write'],
  viewer: ['arrival:read'],
};
for (const [role, perms] of Object.entries(ARRIVAL_GRANTS)) GRANTS[role as Role].push(...perms);

/** A checkpoint's user logs arrivals at a checkpoint of its area only, never as a commune's own report. */
export function logsAtCheckpointOnly(actor: Actor): boolean {
  return actor.role === 'checkpoint';
}

/**
 * Vaccination (issue 9): the province manages sites, lots, products and rules; the health side of
 * an area records doses and sessions of its area; district health and the viewer read coverage.
 */
const VACCINATION_GRANTS: Partial<Record<Role, Permission[]>> = {
  province_admin: ['vaccination:read', 'vaccination:write', 'vaccination:manage'],
  cdc: ['vaccination:read', 'vaccination:write', 'vaccination:manage'],
  district_health: ['vaccination:read', 'vaccination:write'],
  commune_health: ['vaccination:read', 'vaccination:write'],
  viewer: ['vaccination:read'],
  steering_office: ['vaccination:read'],
  vaccinator: ['vaccination:read', 'vaccination:record'],
};
for (const [role, perms] of Object.entries(VACCINATION_GRANTS)) GRANTS[role as Role].push(...perms);
/** Recording doses, attendance and adverse reactions: whoever writes vaccination data, and a site's vaccinators. */
for (const role of ['province_admin', 'cdc', 'district_health', 'commune_health'] as const) GRANTS[role].push('vaccination:record');

/** Vaccination: the one site a vaccinator works at; null for an area role (the sites of its area). */
export function vaccinationSiteOf(actor: Actor): number | null {
  if (!ROLE_ORG_KINDS[actor.role].includes('vaccination_site')) return null;
  // A vaccinator without its site reaches nothing rather than everything.
  return actor.scopeOrgId ?? -1;
}

/** Whether a vaccination site (its org unit id and area codes) is in reach: a vaccinator's own site, else the area's. */
export function vaccinationSiteInScope(actor: Actor, site: AreaCodes & { id: number }): boolean {
  if (site.province_code !== actor.provinceCode) return false;
  const own = vaccinationSiteOf(actor);
  return own !== null ? site.id === own : areaInScope(actor, site);
}

/** Throws 403 OUT_OF_SCOPE unless the site is in reach (a vaccinator elsewhere than at its site). */
export function assertVaccinationSiteInScope(actor: Actor, site: AreaCodes & { id: number }): void {
  if (!vaccinationSiteInScope(actor, site)) throw Errors.outOfScope();
}


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
  park_board: ['org'],
  steering_office: ['province'],
  agency_officer: ['org'],
  venue_staff: ['org'],
  pharmacy: ['org'],
  vaccinator: ['org'],
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
  park_board: ['industrial_park'],
  steering_office: [],
  agency_officer: ['agency'],
  venue_staff: ['venue'],
  pharmacy: ['pharmacy'],
  vaccinator: ['vaccination_site'],
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
  if (GRANTS[role].includes('directive:read')) menu.push('directives');
  if (GRANTS[role].includes('enterprise:read')) menu.push('enterprises');
  if (GRANTS[role].includes('venue:read')) menu.push('venues');
  else if (GRANTS[role].includes('venue:scan')) menu.push('venueScan');
  if (GRANTS[role].includes('enterprise_risk:read') || GRANTS[role].includes('enterprise_risk:submit')) menu.push('enterpriseRisk');
  if (GRANTS[role].includes('boarding_house:read')) menu.push(ROLE_ORG_KINDS[role].includes('boarding_house') ? 'myBoardingHouse' : 'boardingHouses');
  if (GRANTS[role].includes('arrival:read')) menu.push('arrivals');
  if (GRANTS[role].includes('team:read') || GRANTS[role].includes('violation:read')) menu.push('community');
  if (role === 'community_team') menu.push('toCovid');
  if (GRANTS[role].includes('pharmacy:report')) menu.push('pharmacySales');
  if (GRANTS[role].includes('vaccination:read')) menu.push('vaccination');
  if (GRANTS[role].includes('vaccination:record')) menu.push('vaccinationDose');
  if (GRANTS[role].includes('support:read')) menu.push('support');
  if (GRANTS[role].includes('supplies:read')) menu.push('supplies');
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
  park_board: ['nationalId', 'addressDetail'],
  steering_office: ['nationalId', 'phone', 'addressDetail', 'dateOfBirth'],
  agency_officer: ['nationalId', 'phone', 'addressDetail', 'dateOfBirth'],
  venue_staff: ['nationalId', 'phone', 'addressDetail', 'dateOfBirth'],
  pharmacy: ['nationalId', 'dateOfBirth'],
  // Tells people apart by name, birth date and commune; no ID number, phone or street.
  vaccinator: ['nationalId', 'phone', 'addressDetail'],
};

export function maskedFieldsFor(actor: Actor): PersonalField[] {
  return MASKED[actor.role];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Which enterprises an actor reaches with a permission (enterprise:read, enterprise_risk:*): those
 * of an area (CDC, province, district and commune health), those of one industrial park (its
 * board), or one (an enterprise's own user); none without the permission.
 */
export type EnterpriseScope =
  | { kind: 'area'; area: AreaFilter }
  | { kind: 'park'; parkId: number }
  | { kind: 'enterprise'; enterpriseId: number }
  | { kind: 'none' };

export function enterpriseScopeOf(actor: Actor, permission: Permission = 'enterprise:read'): EnterpriseScope {
  if (!hasPermission(actor, permission)) return { kind: 'none' };
  if (actor.scopeKind === 'org') {
    if (actor.scopeOrgId == null) return { kind: 'none' };
    if (actor.role === 'enterprise') return { kind: 'enterprise', enterpriseId: actor.scopeOrgId };
    if (actor.role === 'park_board') return { kind: 'park', parkId: actor.scopeOrgId };
    return { kind: 'none' };
  }
  const area = areaScopeFilter(actor);
  return area ? { kind: 'area', area } : { kind: 'none' };
}

/** Whether an enterprise (its area codes and park) is in the actor's enterprise scope for the permission. */
export function enterpriseInScope(actor: Actor, e: AreaCodes & { id: number; parkId: number | null }, permission: Permission = 'enterprise:read'): boolean {
  const scope = enterpriseScopeOf(actor, permission);
  switch (scope.kind) {
    case 'area':
      return e.province_code === actor.provinceCode && e[scope.area.column] === scope.area.value;
    case 'park':
      return e.parkId === scope.parkId;
    case 'enterprise':
      return e.id === scope.enterpriseId;
    case 'none':
      return false;
  }
}

/**
 * Reads need `enterprise:read` and the enterprise in scope; writes `enterprise:write` (or the
 * given permission) and, beside an enterprise's own user, a province-wide scope: district and
 * commune health and the park board read only.
 */
export function assertEnterpriseAccess(
  actor: Actor,
  e: AreaCodes & { id: number; parkId: number | null },
  mode: 'read' | 'write' | 'import' = 'read',
): void {
  assertPermission(actor, mode === 'read' ? 'enterprise:read' : mode === 'write' ? 'enterprise:write' : 'worker:import');
  if (!enterpriseInScope(actor, e)) throw Errors.outOfScope();
  if (mode !== 'read' && actor.scopeKind !== 'province' && actor.role !== 'enterprise') throw Errors.outOfScope();
}

/**
 * QR venues: area roles see and manage the venues of their area; an enterprise's user those it
 * owns (its gates and buses, `org_unit.parent_id`); a venue's staff only scan at their venue.
 */
export function venueInScope(actor: Actor, v: AreaCodes & { id: number; parentId: number | null }): boolean {
  if (v.province_code !== actor.provinceCode) return false;
  if (actor.scopeKind === 'org') {
    if (actor.scopeOrgId == null) return false;
    if (actor.role === 'venue_staff') return v.id === actor.scopeOrgId;
    return actor.role === 'enterprise' && v.parentId === actor.scopeOrgId;
  }
  return areaInScope(actor, v);
}

/**
 * Directives: the agency whose tasks an actor sees (as lead or supporting agency) when it acts for
 * one (an agency officer); null when it reads the whole province's tasks (a briefing document).
 */
export function directiveAgencyOf(actor: Actor): number | null {
  if (!ROLE_ORG_KINDS[actor.role].includes('agency')) return null;
  // An officer without its agency sees nothing rather than everything.
  return actor.scopeOrgId ?? -1;
}

/** Throws 403 OUT_OF_SCOPE unless the actor sees a task of these agencies (lead first). */
export function assertDirectiveInScope(actor: Actor, task: { leadAgencyId: number; supportAgencyIds: number[] }): void {
  const agency = directiveAgencyOf(actor);
  if (agency !== null && task.leadAgencyId !== agency && !task.supportAgencyIds.includes(agency)) throw Errors.outOfScope();
}

/** Only the lead agency's officers report on a task; the command centre's roles do not report. */
export function mayReportOnDirective(actor: Actor, leadAgencyId: number): boolean {
  return hasPermission(actor, 'directive:report') && directiveAgencyOf(actor) === leadAgencyId;
}

/** The enterprises whose risk assessments an actor reaches: 403 without the permission or with no enterprise in reach. */
export type EnterpriseRiskScope = Exclude<EnterpriseScope, { kind: 'none' }>;

export function enterpriseRiskScopeOf(actor: Actor, permission: 'enterprise_risk:read' | 'enterprise_risk:submit'): EnterpriseRiskScope {
  assertPermission(actor, permission);
  const scope = enterpriseScopeOf(actor, permission);
  if (scope.kind === 'none') throw Errors.outOfScope();
  return scope;
}

/** 403 OUT_OF_SCOPE unless the enterprise (its area codes and park) is in the actor's reach for the permission. */
export function assertEnterpriseRiskAccess(
  actor: Actor, e: AreaCodes & { id: number; parkId: number | null }, permission: 'enterprise_risk:read' | 'enterprise_risk:submit',
): void {
  assertPermission(actor, permission);
  if (!enterpriseInScope(actor, e, permission)) throw Errors.outOfScope();
}

/**
 * Boarding houses: an owner reaches only its own house; area roles the houses of their area.
 * Writes need `boarding_house:write` and the house in reach (a commune's health station its
 * commune's houses, the province all).
 */
export function boardingHouseInScope(actor: Actor, h: AreaCodes & { id: number }): boolean {
  if (h.province_code !== actor.provinceCode) return false;
  if (actor.scopeKind === 'org') return actor.role === 'boarding_house_owner' && actor.scopeOrgId === h.id;
  return areaInScope(actor, h);
}

export function assertBoardingHouseAccess(actor: Actor, h: AreaCodes & { id: number }, permission: 'boarding_house:read' | 'boarding_house:write' | 'boarding_house:assess'): void {
  assertPermission(actor, permission);
  if (!boardingHouseInScope(actor, h)) throw Errors.outOfScope();
}

/** The one house an owner acts for (null: an area role). */
export function boardingHouseOf(actor: Actor): number | null {
  if (!ROLE_ORG_KINDS[actor.role].includes('boarding_house')) return null;
  return actor.scopeOrgId ?? -1;
}
