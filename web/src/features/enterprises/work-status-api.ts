/** API shapes and paths of who may work today and the F0 view of an enterprise. */
import { type QueryValue, withQuery } from '../../shared/api/client.ts';
import type { OperatingStatus } from './enterprises-api.ts';

export const WORK_REASONS = ['case', 'f1', 'f1_on_site', 'f2', 'awaiting_test', 'enterprise_suspended', 'none'] as const;
export type WorkReason = (typeof WORK_REASONS)[number];
interface Localised { vi: string; en: string }

export interface WorkStatus { mayWork: boolean; reason: WorkReason; since: string | null; note: Localised; ruleCode: string }
export interface WorkStatusRow extends WorkStatus {
  workerId: number; personId: number; employeeCode: string; fullName: string; phone: string | null;
  workshopId: number | null; workshopName: string | null; shiftId: number | null; shiftName: string | null;
}
export interface WorkStatusList {
  date: string; ruleCode: string; ruleName: Localised; operatingStatus: OperatingStatus;
  shifts: Array<{ shiftId: number | null; shiftName: string | null; total: number; mayWork: number; mayNotWork: number }>;
  total: number; page: number; pageSize: number; items: WorkStatusRow[];
}
export interface WorkListQuery { date: string; shiftId?: number | undefined; workshopId?: number | undefined; mayWork?: boolean | undefined; page: number; pageSize: number }

export const CONTACT_KINDS = ['workshop_shift', 'bus_route', 'room', 'household', 'venue', 'manual'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ChecklistItem { key: string; label: Localised; done: boolean; note: string | null; doneOn: string | null; updatedBy: string | null; updatedAt: string | null }
export interface Checklist { ruleCode: string; done: number; total: number; items: ChecklistItem[] }
export interface F0Contact {
  personId: number; fullName: string; phone: string | null; level: number; date: string; groupId: number | null; groupLabel: string | null;
  orgName: string | null; workerId: number | null; viaPersonId: number | null;
}
export interface F0Case {
  caseId: number; caseCode: string; personId: number; workerId: number; employeeCode: string; fullName: string; confirmationDate: string; open: boolean;
  workshopName: string | null; shiftName: string | null; busRouteName: string | null; roomLabel: string | null; lodgingName: string | null;
  groups: Array<{ kind: ContactKind; f1: number; f2: number; contacts: F0Contact[] }>;
  checklist: Checklist;
}
export interface F0View { from: string; to: string; ruleCode: string; traced: boolean; cases: F0Case[] }

const base = '/api/enterprises';
const filters = (q: Omit<WorkListQuery, 'page' | 'pageSize'>): Record<string, QueryValue> => ({ date: q.date, shiftId: q.shiftId, workshopId: q.workshopId, mayWork: q.mayWork });

export const workPaths = {
  list: (id: number, q: WorkListQuery) => withQuery(`${base}/${id}/work-status`, { page: q.page, pageSize: q.pageSize, ...filters(q) }),
  export: (id: number, q: Omit<WorkListQuery, 'page' | 'pageSize'>) => withQuery(`${base}/${id}/work-status/export.xlsx`, filters(q)),
  worker: (id: number, workerId: number) => `${base}/${id}/workers/${workerId}/work-status`,
  f0: (id: number, date: string | undefined) => withQuery(`${base}/${id}/f0`, { date }),
  check: (id: number, caseId: number, itemKey: string) => `${base}/${id}/f0/${caseId}/checklist/${itemKey}`,
};
