import { type QueryValue, withQuery } from '../../shared/api/client.ts';
import type { ImportReport as BaseImportReport } from '../../shared/api/issues.ts';

export type Sex = 'male' | 'female' | 'other';
export const SEXES: Sex[] = ['male', 'female', 'other'];

export interface PersonView {
  id: number;
  fullName: string;
  sex: Sex;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  communeCode: string;
  communeName: string;
  districtCode: string;
  districtName: string;
  addressDetail: string | null;
  householdId: number | null;
  createdAt: string;
  updatedAt: string;
  masked: boolean;
}

export interface PersonInput {
  fullName: string;
  sex: Sex;
  dateOfBirth?: string | null;
  nationalId?: string | null;
  phone?: string | null;
  communeCode: string;
  addressDetail?: string | null;
  confirmDuplicate?: boolean;
}

/** PATCH /api/people/:id: only what changed; null clears an optional field. */
export type PersonPatch = Partial<Omit<PersonInput, 'confirmDuplicate'>>;

/** Fields the server may mask for a role (people.service presentPerson). */
export const MASKABLE_FIELDS = ['dateOfBirth', 'nationalId', 'phone', 'addressDetail'] as const;
export type MaskableField = (typeof MASKABLE_FIELDS)[number];

/**
 * Fields shown masked in this view ('*' in place of digits). They must never be sent back:
 * the edit form locks them, and `personPatch` leaves them out.
 */
export function maskedFieldsOf(p: PersonView): MaskableField[] {
  if (!p.masked) return [];
  return MASKABLE_FIELDS.filter((f) => p[f]?.includes('*'));
}

/** The edit form's values, normalised: trimmed text, blank as null, dates as 'YYYY-MM-DD'. */
export interface PersonEdit {
  fullName: string;
  sex: Sex;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  communeCode: string;
  addressDetail: string | null;
}

/** Only the fields that differ from `before`, never a masked one. */
export function personPatch(before: PersonView, after: PersonEdit): PersonPatch {
  const locked = new Set<string>(maskedFieldsOf(before));
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(after) as Array<keyof PersonEdit>) {
    if (locked.has(key)) continue;
    if ((before[key] ?? null) !== after[key]) patch[key] = after[key];
  }
  return patch as PersonPatch;
}

export interface DuplicateMatch {
  id: number;
  fullName: string;
  dateOfBirth: string | null;
  communeName: string;
  reason: string;
}

/** The import report: rows matching someone already registered are skipped. */
export interface ImportReport extends BaseImportReport {
  skipped?: Array<{ row: number; matches: DuplicateMatch[] }>;
}

export type PeopleSort = 'fullName' | '-fullName' | 'dateOfBirth' | '-dateOfBirth' | 'createdAt' | '-createdAt';

export interface PeopleFilters {
  q?: string;
  districtCode?: string;
  communeCode?: string;
}

export interface PeopleQuery extends PeopleFilters {
  page: number;
  pageSize: number;
  sort?: PeopleSort;
}

/** New filters replace the old ones (a cleared filter is gone), back to page 1, same size and order. */
export function withPeopleFilters(q: PeopleQuery, f: PeopleFilters): PeopleQuery {
  return { q: f.q, districtCode: f.districtCode, communeCode: f.communeCode, page: 1, pageSize: q.pageSize, sort: q.sort };
}

const filterParams = (f: PeopleFilters): Record<string, QueryValue> => ({ q: f.q?.trim(), districtCode: f.districtCode, communeCode: f.communeCode });

export const peoplePaths = {
  list: (q: PeopleQuery) => withQuery('/api/people', { ...filterParams(q), page: q.page, pageSize: q.pageSize, sort: q.sort }),
  one: (id: number) => `/api/people/${id}`,
  create: '/api/people',
  import: (dryRun: boolean) => withQuery('/api/people/import', { dryRun }),
  export: (f: PeopleFilters) => withQuery('/api/people/export.xlsx', filterParams(f)),
  template: '/api/people/import-template.xlsx',
};

export function matchesOf(details: unknown): DuplicateMatch[] {
  if (typeof details === 'object' && details !== null && Array.isArray((details as { matches?: unknown }).matches)) {
    return (details as { matches: DuplicateMatch[] }).matches;
  }
  return [];
}
