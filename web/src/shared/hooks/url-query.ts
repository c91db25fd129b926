/** Shared parsing of list state kept in the URL (page, page size). */
export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;

export interface Paging {
  page: number;
  pageSize: number;
}

export function positiveIntParam(params: URLSearchParams, name: string, fallback: number): number {
  const n = Number(params.get(name));
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function pagingFromParams(params: URLSearchParams): Paging {
  const pageSize = positiveIntParam(params, 'pageSize', DEFAULT_PAGE_SIZE);
  return { page: positiveIntParam(params, 'page', 1), pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE };
}

/** Adds the page and page size to `out` (URL parameters), leaving the defaults out. */
export function writePaging(out: Record<string, string>, paging: Paging): Record<string, string> {
  if (paging.page > 1) out.page = String(paging.page);
  if (paging.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = String(paging.pageSize);
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value of `allowed`, or undefined for anything else (so it is not sent). */
export function oneOfParam<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** A real calendar date 'YYYY-MM-DD' (not 2021-02-30), or undefined. */
export function dateParam(value: string | null): string | undefined {
  if (!value || !DATE.test(value)) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : undefined;
}
