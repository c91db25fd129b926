/** API shapes and paths of the boarding-house pages (nhà trọ, người thuê, nhà trọ thông minh). */
import { type QueryValue, withQuery } from '../../shared/api/client.ts';
import type { ImportReport } from '../../shared/api/issues.ts';

export const SMART_STATUSES = ['meets', 'not_meets', 'unassessed'] as const;
export type SmartStatus = (typeof SMART_STATUSES)[number];

export interface House {
  id: number;
  name: string;
  ownerName: string | null;
  ownerPhone: string | null;
  ownerPersonId: number | null;
  districtCode: string | null;
  districtName: string | null;
  communeCode: string | null;
  communeName: string | null;
  addressDetail: string | null;
  rooms: number;
  capacity: number;
  tenants: number;
  smartStatus: SmartStatus;
  selfAssessed: boolean;
  assessedOn: string | null;
}

export interface Room { id: number; label: string; capacity: number | null; active: boolean; occupants: number }
export interface ChecklistItem { code: string; label: { vi: string; en: string }; required: boolean }
export interface Assessment {
  id: number; assessedOn: string; items: Array<ChecklistItem & { ticked: boolean }>; meets: boolean; selfAssessed: boolean;
  note: string | null; assessorName: string | null; createdAt: string;
}
export interface HouseDetail extends House { roomList: Room[]; latestAssessment: Assessment | null }
export interface Checklist { id: number | null; items: ChecklistItem[]; source: 'built_in' | 'configured' }

export interface Tenant {
  membershipId: number;
  personId: number;
  fullName: string;
  sex: string;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  houseId: number;
  houseName: string;
  roomId: number;
  roomLabel: string;
  validFrom: string;
  validTo: string | null;
  current: boolean;
  workplaceEnterpriseId: number | null;
  workplaceName: string | null;
  workplaceText: string | null;
  employerId: number | null;
  employerName: string | null;
  marked: boolean;
  markedEnterprise: string | null;
  markedCases: number;
  registeredBy: string | null;
}

export interface AreaTenants { items: Tenant[]; total: number; page: number; pageSize: number; markedEnterprises: Array<{ id: number; name: string; cases: number }> }
export interface Workplace { id: number; name: string; taxCode: string }
export interface TenantImportReport extends ImportReport { moved: number; updated: number; unchanged: number }

export interface HouseQuery { page: number; pageSize: number; q?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined; status?: SmartStatus | undefined }
export interface AreaTenantQuery { page: number; pageSize: number; q?: string | undefined; districtCode?: string | undefined; communeCode?: string | undefined; onlyMarked?: boolean | undefined }

const base = '/api/boarding-houses';
export const housePaths = {
  list: (q: HouseQuery) => withQuery(base, q as unknown as Record<string, QueryValue>),
  one: (id: number) => `${base}/${id}`,
  create: base,
  checklist: `${base}/checklist`,
  assessments: (id: number) => `${base}/${id}/assessments`,
  tenants: (id: number, q: { page: number; pageSize: number; status?: 'current' | 'all'; q?: string | undefined }) => withQuery(`${base}/${id}/tenants`, q),
  register: (id: number) => `${base}/${id}/tenants`,
  move: (id: number, membershipId: number) => `${base}/${id}/tenants/${membershipId}/move`,
  end: (id: number, membershipId: number) => `${base}/${id}/tenants/${membershipId}/end`,
  template: (id: number) => `${base}/${id}/tenants/template.xlsx`,
  export: (id: number) => `${base}/${id}/tenants/export.xlsx`,
  import: (id: number, dryRun: boolean) => withQuery(`${base}/${id}/tenants/import`, { dryRun }),
  areaTenants: (q: AreaTenantQuery) => withQuery(`${base}/tenants`, q as unknown as Record<string, QueryValue>),
  workplaces: (q: string) => withQuery(`${base}/workplaces`, { q }),
};
