import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { sortKey } from '../../shared/ui/table-paging.ts';
import {
  CASE_SORTS, CASE_STATUSES, type CaseFilters, type CaseQuery, type CaseSort, CLASSIFICATIONS, DETECTIONS,
} from './cases-api.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return values.includes(v as T) ? (v as T) : undefined;
}

function isoDate(v: string | null): string | undefined {
  return v && ISO_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ? v : undefined;
}

/**
 * The list's state lives in the URL (back/forward and reload keep it, a link can be shared).
 * Unknown or malformed values are dropped rather than sent to the server.
 */
export function readCaseQuery(params: URLSearchParams): CaseQuery {
  return {
    q: params.get('q')?.trim() || undefined,
    districtCode: params.get('district') || undefined,
    communeCode: params.get('commune') || undefined,
    status: oneOf(CASE_STATUSES, params.get('status')),
    classification: oneOf(CLASSIFICATIONS, params.get('classification')),
    detection: oneOf(DETECTIONS, params.get('detection')),
    from: isoDate(params.get('from')),
    to: isoDate(params.get('to')),
    ...pagingFromParams(params),
    sort: oneOf<CaseSort>(CASE_SORTS.filter((s) => s !== DEFAULT_SORT), params.get('sort')),
  };
}

/** The URL parameters of a list state, defaults left out. */
export function writeCaseQuery(q: CaseQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.q) out.q = q.q;
  if (q.districtCode) out.district = q.districtCode;
  if (q.communeCode) out.commune = q.communeCode;
  if (q.status) out.status = q.status;
  if (q.classification) out.classification = q.classification;
  if (q.detection) out.detection = q.detection;
  if (q.from) out.from = q.from;
  if (q.to) out.to = q.to;
  writePaging(out, q);
  if (q.sort) out.sort = q.sort;
  return out;
}

export function filtersOf(q: CaseQuery): CaseFilters {
  const { q: text, districtCode, communeCode, status, classification, detection, from, to } = q;
  return { q: text, districtCode, communeCode, status, classification, detection, from, to };
}

/** New filters in place of the old ones (a cleared filter is absent from `f`), back to page 1; paging size and sort kept. */
export function withFilters(q: CaseQuery, f: CaseFilters): CaseQuery {
  return { ...f, page: 1, pageSize: q.pageSize, sort: q.sort };
}

export function hasFilters(f: CaseFilters): boolean {
  return Object.values(f).some((v) => v !== undefined && v !== '');
}

/** The server's order when none is asked for: newest confirmation first. It stays out of the URL. */
export const DEFAULT_SORT: CaseSort = '-confirmationDate';

/** The list's sort from a sort key ('-field' descending): undefined for the default order, an unknown one or none. */
export function caseSortOf(sort: string | undefined): CaseSort | undefined {
  return sort !== DEFAULT_SORT && CASE_SORTS.includes(sort as CaseSort) ? (sort as CaseSort) : undefined;
}

/** The list's sort from antd's sorter: undefined for the default order or when cleared. */
export function sortFrom(field: unknown, order: 'ascend' | 'descend' | null | undefined): CaseSort | undefined {
  return caseSortOf(sortKey(field, order));
}
