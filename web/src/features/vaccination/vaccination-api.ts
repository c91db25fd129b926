/** API shapes and paths of vaccination: sites, lots, sessions, doses, coverage. */
import { apiRequest, withQuery } from '../../shared/api/client.ts';

export interface Paged<T> { items: T[]; total: number; page: number; pageSize: number }
export interface StaffMember { name: string; role: 'vaccinator' | 'emergency'; phone?: string | null }
export interface Site {
  id: number; name: string; districtCode: string | null; districtName: string | null; communeCode: string | null; communeName: string | null; addressDetail: string | null;
  capacityPerSession: number; vaccinators: number; emergencyStaff: number; staff: StaffMember[]; active: boolean; doses: number;
}
export interface SiteBody {
  name: string; communeCode: string; addressDetail: string | null; capacityPerSession: number; vaccinators: number; emergencyStaff: number; staff: StaffMember[]; active: boolean;
}
export interface Product { code: string; name: string; dosesRequired: number; active: boolean }
export interface PriorityGroup { id: number; code: string; name: { vi: string; en: string }; sort: number; highRisk: boolean; active: boolean }
export interface Invitee {
  personId: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null; communeCode: string; priorityGroup: string | null; attended: boolean;
}
export interface Invitees {
  session: { id: number; siteId: number; date: string; shift: string; capacity: number; productCode: string | null; priorityGroups: string[]; siteName: string };
  items: Invitee[];
}
export interface IssueMessage { field: string; code: string; message: { vi: string; en: string } }
export interface DoseCheck { errors: IssueMessage[]; warnings: IssueMessage[] }
export interface DoseBody {
  personId: number; doseNumber: number; productCode: string; doseDate: string; siteId?: number | null; lotId?: number | null; sessionId?: number | null; overrideReason?: string | null;
}
export interface PersonForDose {
  id: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null; communeName: string | null;
  doses: Array<{ doseNumber: number; productCode: string; doseDate: string }>; nextDose: number;
}
export interface AdverseEvent {
  id: number; doseId: number; severity: 'mild' | 'moderate' | 'severe'; onsetDate: string; symptoms: string; outcome: Outcome; note: string | null;
  personId: number; fullName: string; dateOfBirth: string | null; doseNumber: number; productCode: string; doseDate: string; siteId: number | null; siteName: string | null;
}
export const SEVERITIES = ['mild', 'moderate', 'severe'] as const;
export const OUTCOMES = ['monitoring', 'recovered', 'hospitalized', 'died'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const SHIFTS = ['morning', 'afternoon', 'all_day'] as const;
export interface Lot { id: number; productCode: string; productName: string; lotNumber: string; expiryDate: string; receivedDate: string | null; dosesReceived: number; dosesUsed: number; dosesLeft: number; expired: boolean }
export interface Session { id: number; siteId: number; productCode: string | null; siteName: string; date: string; shift: string; capacity: number; priorityGroups: string[]; invited: number; attended: number; doses: number }
export interface Dose {
  id: number; personId: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; doseNumber: number; productCode: string; doseDate: string;
  siteId: number | null; siteName: string | null; lotNumber: string | null; overrideReason: string | null; adverseEvents: number;
}
export interface CoverageRow {
  population: number; adults: number; adultsOneDose: number; over50: number; over50Full: number; over65: number; over65Full: number; populationFull: number;
  adultsOneDosePercent: number | null; over50FullPercent: number | null; over65FullPercent: number | null; populationFullPercent: number | null;
}
export interface Coverage {
  date: string; total: CoverageRow;
  districts: Array<CoverageRow & { districtCode: string; name: string }>;
  communes: Array<CoverageRow & { districtCode: string; communeCode: string; name: string; districtName: string }>;
}
export interface PersonVaccination {
  personId: number; doses: number; fullyVaccinated: boolean;
  items: Array<{ id: number; doseNumber: number; productCode: string; productName: string; doseDate: string; siteName: string | null; lotNumber: string | null; overrideReason: string | null; adverseEvents: Array<{ id: number; severity: string; onsetDate: string; symptoms: string; outcome: string }> }>;
}

const base = '/api/vaccination';
export const vaccinationPaths = {
  sites: (q: { page: number; pageSize: number; q?: string | undefined }) => withQuery(`${base}/sites`, q),
  site: (id: number) => `${base}/sites/${id}`,
  createSite: `${base}/sites`,
  lots: (q: { page: number; pageSize: number; productCode?: string | undefined; validOn?: string | undefined }) => withQuery(`${base}/lots`, q),
  createLot: `${base}/lots`,
  products: `${base}/products`,
  priorityGroups: `${base}/priority-groups`,
  sessions: (q: { page: number; pageSize: number; siteId?: number | undefined }) => withQuery(`${base}/sessions`, q),
  createSession: `${base}/sessions`,
  invitees: (id: number) => `${base}/sessions/${id}/invitees`,
  inviteesXlsx: (id: number) => `${base}/sessions/${id}/invitees.xlsx`,
  buildInvitees: (id: number) => `${base}/sessions/${id}/invitees/build`,
  attendance: (id: number, personId: number) => `${base}/sessions/${id}/invitees/${personId}`,
  recordDose: `${base}/doses`,
  checkDose: `${base}/doses/check`,
  peopleSearch: (q: string) => withQuery(`${base}/people`, { q }),
  adverseEvents: (q: { page: number; pageSize: number; outcome?: string | undefined }) => withQuery(`${base}/adverse-events`, q),
  addAdverseEvent: (doseId: number) => `${base}/doses/${doseId}/adverse-events`,
  adverseEvent: (id: number) => `${base}/adverse-events/${id}`,
  /** Enterprises to invite the workers of (the enterprises list, searched by name). */
  enterprises: (q: string) => withQuery('/api/enterprises', { q, page: 1, pageSize: 20 }),
  doses: (q: { page: number; pageSize: number; q?: string | undefined }) => withQuery(`${base}/doses`, q),
  coverage: (date: string) => withQuery(`${base}/coverage`, { date }),
  coverageXlsx: (date: string) => withQuery(`${base}/coverage.xlsx`, { date }),
  importDoses: (dryRun: boolean) => withQuery(`${base}/doses/import`, { dryRun: dryRun ? 'true' : undefined }),
  template: `${base}/doses/import/template.xlsx`,
  person: (id: number) => `${base}/people/${id}`,
};

/** PUT of a JSON body (the client's `api` has no put). */
export const putJson = <T>(path: string, json: unknown) => apiRequest<T>(path, { method: 'PUT', json });
