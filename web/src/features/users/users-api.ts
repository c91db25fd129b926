import { withQuery } from '../../shared/api/client.ts';
import type { Role, Scope } from '../../shared/api/types.ts';

export type ScopeKind = Scope['kind'];

/** Roles in the order the server lists them (policy.ts); labels are `roles.<role>`. */
export const ROLES: Role[] = [
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
  'steering_office',
  'agency_officer',
  'park_board',
  'venue_staff',
  'pharmacy',
  'vaccinator',
];

export const SCOPE_KINDS: ScopeKind[] = ['province', 'district', 'commune', 'org'];

export interface User {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  scope: Scope;
  active: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** GET /api/users/roles: which scope kinds each role may have and, for 'org', which kinds of organisation. */
export interface RoleRule {
  role: Role;
  scopeKinds: ScopeKind[];
  orgKinds: string[];
}

export interface OrgUnit {
  id: number;
  name: string;
  kind: string;
}

export interface UsersQuery {
  q?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export const MIN_PASSWORD_LENGTH = 8;

export const usersPaths = {
  list: (q: UsersQuery) => withQuery('/api/users', { q: q.q?.trim(), role: q.role, page: q.page, pageSize: q.pageSize }),
  create: '/api/users',
  one: (id: number) => `/api/users/${id}`,
  password: (id: number) => `/api/users/${id}/password`,
  roles: '/api/users/roles',
  orgUnits: (kind: string, q: string) => withQuery('/api/users/org-units', { kind, q: q.trim() }),
};

/** Where a user works, as the form picks it. */
export interface ScopeChoice {
  kind: ScopeKind;
  /** The district or commune code; unused for 'province' (the province's own) and 'org'. */
  areaCode?: string;
  orgId?: number;
}

export interface ScopeBody {
  role: Role;
  scopeKind: ScopeKind;
  scopeCode: string;
  scopeOrgId?: number;
}

/** The API's role + scope fields; undefined while the form lacks what the kind needs. */
export function scopeBody(role: Role, choice: ScopeChoice, provinceCode: string): ScopeBody | undefined {
  switch (choice.kind) {
    case 'province':
      return { role, scopeKind: 'province', scopeCode: provinceCode };
    case 'district':
    case 'commune':
      return choice.areaCode ? { role, scopeKind: choice.kind, scopeCode: choice.areaCode } : undefined;
    case 'org':
      return choice.orgId ? { role, scopeKind: 'org', scopeCode: String(choice.orgId), scopeOrgId: choice.orgId } : undefined;
  }
}

export interface UserCreateBody extends ScopeBody {
  username: string;
  password: string;
  fullName: string;
}

export type UserPatch = Partial<ScopeBody> & { fullName?: string; active?: boolean };

/**
 * Only what changed. Role and scope travel together, since the server checks the role
 * against the scope: changing either sends both.
 */
export function userPatch(before: User, fullName: string, scope: ScopeBody): UserPatch {
  const patch: UserPatch = {};
  const name = fullName.trim();
  if (name !== before.fullName) patch.fullName = name;
  if (scope.role !== before.role || scope.scopeKind !== before.scope.kind || scope.scopeCode !== before.scope.code) {
    Object.assign(patch, scope);
  }
  return patch;
}

/** Scope kinds a role may have; all of them until the catalogue is loaded. */
export function scopeKindsOf(rules: RoleRule[] | undefined, role: Role | undefined): ScopeKind[] {
  if (!role) return [];
  return rules?.find((r) => r.role === role)?.scopeKinds ?? SCOPE_KINDS;
}

export function orgKindsOf(rules: RoleRule[] | undefined, role: Role | undefined): string[] {
  if (!role) return [];
  return rules?.find((r) => r.role === role)?.orgKinds ?? [];
}
