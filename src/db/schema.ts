import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Calendar date 'YYYY-MM-DD' (both engines are configured to return dates as strings). */
export type CalendarDate = string;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;
/** A jsonb column with a database default: optional on insert. */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface AppMetaTable {
  key: string;
  value: Json<Record<string, unknown>>;
  updated_at: UpdatedAt;
}

export type AdminLevel = 'province' | 'district' | 'commune';

export interface AdminUnitTable {
  code: string;
  level: AdminLevel;
  name: string;
  type: string;
  parent_code: string | null;
  province_code: string;
  district_code: string | null;
  name_search: string;
}

export interface AdminBoundaryTable {
  code: string;
  province_code: string;
  level: AdminLevel;
  geometry: Json<Record<string, unknown>>;
}

export interface OrgUnitTable {
  id: Generated<number>;
  kind: string;
  name: string;
  code: string | null;
  parent_id: number | null;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  address_detail: string | null;
  attrs: JsonWithDefault<Record<string, unknown>>;
  created_at: CreatedAt;
}

export type ContactGroupKind = 'household' | 'room' | 'workshop_shift' | 'bus_route';

export interface ContactGroupTable {
  id: Generated<number>;
  kind: ContactGroupKind;
  org_unit_id: number | null;
  label: string;
  province_code: string;
  district_code: string | null;
  commune_code: string | null;
  address_detail: string | null;
  attrs: JsonWithDefault<Record<string, unknown>>;
}

export type Sex = 'male' | 'female' | 'other';

export interface PersonTable {
  id: Generated<number>;
  province_code: string;
  district_code: string;
  commune_code: string;
  address_detail: string | null;
  household_id: number | null;
  full_name: string;
  name_search: string;
  sex: Sex;
  date_of_birth: CalendarDate | null;
  national_id: string | null;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GroupMembershipTable {
  id: Generated<number>;
  group_id: number;
  person_id: number;
  province_code: string;
  valid_from: CalendarDate;
  valid_to: CalendarDate | null;
  role: string | null;
}

export type CommuteMode = 'motorbike' | 'bus' | 'boarding_house' | 'dormitory' | 'other';

export interface WorkerTable {
  id: Generated<number>;
  person_id: number;
  enterprise_id: number;
  province_code: string;
  employee_code: string;
  commute_mode: CommuteMode;
  employed_from: CalendarDate;
  employed_to: CalendarDate | null;
}

export interface CheckinTable {
  id: Generated<number>;
  venue_id: number;
  person_id: number;
  province_code: string;
  checked_in_at: ColumnType<Date, Date | string, Date | string>;
}

export type CaseDetection = 'community' | 'quarantine' | 'lockdown_screening' | 'enterprise_screening' | 'arrival';
export type CaseClassification = 'imported' | 'community' | 'in_quarantine';
export type CaseStatus = 'isolated' | 'in_treatment' | 'recovered' | 'died';

export interface CovidCaseTable {
  id: Generated<number>;
  case_code: string;
  person_id: number;
  province_code: string;
  district_code: string;
  commune_code: string;
  onset_date: CalendarDate | null;
  sample_date: CalendarDate;
  confirmation_date: CalendarDate;
  isolation_date: CalendarDate | null;
  detection: CaseDetection;
  classification: CaseClassification;
  status: CaseStatus;
  created_at: CreatedAt;
}

export type ScopeKind = 'province' | 'district' | 'commune' | 'org';

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  full_name: string;
  role: string;
  scope_kind: ScopeKind;
  scope_code: string;
  scope_org_id: number | null;
  province_code: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  last_login_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date, Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: CreatedAt;
  province_code: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  action: string;
  record_kind: string;
  record_id: string | null;
  ip: string | null;
  detail: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface Database {
  app_meta: AppMetaTable;
  admin_unit: AdminUnitTable;
  admin_boundary: AdminBoundaryTable;
  org_unit: OrgUnitTable;
  contact_group: ContactGroupTable;
  person: PersonTable;
  group_membership: GroupMembershipTable;
  worker: WorkerTable;
  checkin: CheckinTable;
  covid_case: CovidCaseTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  audit_log: AuditLogTable;
}
