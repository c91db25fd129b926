/** Shapes of the API shared by several features. Each feature keeps its own response types. */

export type Role =
  | 'province_admin'
  | 'cdc'
  | 'district_health'
  | 'commune_health'
  | 'community_team'
  | 'enterprise'
  | 'boarding_house_owner'
  | 'facility_staff'
  | 'lab_staff'
  | 'checkpoint'
  | 'viewer'
  | 'steering_office'
  | 'agency_officer'
  | 'park_board'
  | 'venue_staff'
  | 'pharmacy'
  | 'vaccinator';

export type Permission =
  | 'overview:read'
  | 'places:read'
  | 'person:read'
  | 'person:write'
  | 'person:import'
  | 'person:export'
  | 'audit:read'
  | 'directive:read'
  | 'directive:manage'
  | 'directive:report'
  | 'enterprise_risk:read'
  | 'enterprise_risk:submit'
  | 'enterprise:read'
  | 'enterprise:write'
  | 'worker:import'
  | 'venue:read'
  | 'venue:manage'
  | 'venue:scan'
  | (string & {});

export interface Scope {
  kind: 'province' | 'district' | 'commune' | 'org';
  code: string;
  name: string;
}

export interface Me {
  id: number;
  username: string;
  fullName: string;
  role: Role;
  scope: Scope;
  provinceCode: string;
  permissions: Permission[];
  menu: string[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PlaceUnit {
  code: string;
  level: 'province' | 'district' | 'commune';
  name: string;
  type: string;
  parentCode: string | null;
  provinceCode: string;
  districtCode: string | null;
}
