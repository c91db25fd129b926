/** Shared parsing of list state kept in the URL (page, page size). */
export const PAGE_SIZES = [10, 20, 50, 100];

export function positiveIntParam(params: URLSearchParams, name: string, fallback: number): number {
  const n = Number(params.get(name));
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function pagingFromParams(params: URLSearchParams): { page: number; pageSize: number } {
  const pageSize = positiveIntParam(params, 'pageSize', 20);
  return { page: positiveIntParam(params, 'page', 1), pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20 };
}
