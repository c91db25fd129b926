/** API shapes and paths of vaccination: sites, lots, sessions, doses, coverage. */
import { withQuery } from '../../shared/api/client.ts';

export interface Paged<T> { items: T[]; total: number; page: number; pageSize: number }
export interface Site {
  id: number; name: string; districtName: string | null; communeName: string | null; addressDetail: string | null;
  capacityPerSession: number; vaccinators: number; emergencyStaff: number; active: boolean; doses: number;
}
export interface Lot { id: number; productCode: string; productName: string; lotNumber: string; expiryDate: string; receivedDate: string | null; dosesReceived: number; dosesUsed: number; dosesLeft: number; expired: boolean }
export interface Session { id: number; siteName: string; date: string; shift: string; capacity: number; priorityGroups: string[]; invited: number; attended: number; doses: number }
export interface Dose {
  id: number; personId: number; fullName: string; dateOfBirth: string | null; nationalId: string | null; doseNumber: number; productCode: string; doseDate: string;
  siteName: string | null; lotNumber: string | null; overrideReason: string | null; adverseEvents: number;
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
  items: Array<{ id: number; doseNumber: number; productName: string; doseDate: string; siteName: string | null; lotNumber: string | null; overrideReason: string | null; adverseEvents: Array<{ id: number; severity: string; onsetDate: string; symptoms: string; outcome: string }> }>;
}

const base = '/api/vaccination';
export const vaccinationPaths = {
  sites: (q: { page: number; pageSize: number; q?: string | undefined }) => withQuery(`${base}/sites`, q),
  lots: (q: { page: number; pageSize: number }) => withQuery(`${base}/lots`, q),
  sessions: (q: { page: number; pageSize: number }) => withQuery(`${base}/sessions`, q),
  doses: (q: { page: number; pageSize: number; q?: string | undefined }) => withQuery(`${base}/doses`, q),
  coverage: (date: string) => withQuery(`${base}/coverage`, { date }),
  coverageXlsx: (date: string) => withQuery(`${base}/coverage.xlsx`, { date }),
  importDoses: (dryRun: boolean) => withQuery(`${base}/doses/import`, { dryRun: dryRun ? 'true' : undefined }),
  template: `${base}/doses/import/template.xlsx`,
  person: (id: number) => `${base}/people/${id}`,
};
