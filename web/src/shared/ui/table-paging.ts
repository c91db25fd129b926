import type { TablePaginationConfig } from 'antd';
import type { ReactNode } from 'react';
import { PAGE_SIZES, type Paging } from '../hooks/url-query.ts';

/** antd's pagination of a server-paged list. */
export function listPagination(paging: Paging, total: number | undefined, showTotal: (total: number) => ReactNode): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal,
  };
}

/** A server-paged table's rows, loading state and pagination, from the list's answer and its paging. */
export function pagedTableProps<T>(
  list: { data: { items: T[]; total: number } | undefined; loading: boolean },
  paging: Paging,
  showTotal: (total: number) => ReactNode,
): { dataSource: T[]; loading: boolean; pagination: TablePaginationConfig } {
  return { dataSource: list.data?.items ?? [], loading: list.loading, pagination: listPagination(paging, list.data?.total, showTotal) };
}

/** The paging after antd's Table changed: back to page 1 when the page size changed, or `restart` (e.g. a new order). */
export function pagingAfterChange(paging: Paging, pagination: TablePaginationConfig, restart = false): Paging {
  const pageSize = pagination.pageSize ?? paging.pageSize;
  return { page: restart || pageSize !== paging.pageSize ? 1 : (pagination.current ?? 1), pageSize };
}

type SortOrder = 'ascend' | 'descend' | null | undefined;
/** What this file reads of antd's sorter argument. */
type Sorter = { field?: unknown; order?: SortOrder } | Array<{ field?: unknown; order?: SortOrder }>;

/** A list's sort as the API names it: the field, '-field' for descending; undefined when none. */
export function sortKey(field: unknown, order: SortOrder): string | undefined {
  if (typeof field !== 'string' || !order) return undefined;
  return order === 'descend' ? `-${field}` : field;
}

/** The sort antd's Table asks for (its first sorter). */
export function tableSortKey(sorter: Sorter): string | undefined {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  return sortKey(s?.field, s?.order);
}

/** antd's sort order of a column from the list's sort. */
export function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
