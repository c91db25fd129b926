import { describe, expect, it } from 'vitest';
import { pagingFromParams, writePaging } from '../hooks/url-query.ts';
import { listPagination, pagingAfterChange, sortKey, sortOrderOf, tableSortKey } from './table-paging.ts';

describe('paged lists', () => {
  it('keeps paging in the URL, defaults left out', () => {
    expect(writePaging({}, { page: 1, pageSize: 20 })).toEqual({});
    expect(writePaging({ q: 'an' }, { page: 3, pageSize: 50 })).toEqual({ q: 'an', page: '3', pageSize: '50' });
    expect(pagingFromParams(new URLSearchParams(writePaging({}, { page: 3, pageSize: 50 })))).toEqual({ page: 3, pageSize: 50 });
  });

  it('goes back to page 1 when the page size or the order changes', () => {
    const paging = { page: 4, pageSize: 20 };
    expect(pagingAfterChange(paging, { current: 5, pageSize: 20 })).toEqual({ page: 5, pageSize: 20 });
    expect(pagingAfterChange(paging, { current: 4, pageSize: 50 })).toEqual({ page: 1, pageSize: 50 });
    expect(pagingAfterChange(paging, { current: 4, pageSize: 20 }, true)).toEqual({ page: 1, pageSize: 20 });
  });

  it('offers the page sizes and the total', () => {
    const p = listPagination({ page: 2, pageSize: 10 }, undefined, (n) => `${n}`);
    expect(p).toMatchObject({ current: 2, pageSize: 10, total: 0, pageSizeOptions: [10, 20, 50, 100], showSizeChanger: true });
  });

  it('maps the table sorter both ways', () => {
    expect(sortKey('fullName', 'ascend')).toBe('fullName');
    expect(sortKey('fullName', 'descend')).toBe('-fullName');
    expect(sortKey('fullName', null)).toBeUndefined();
    expect(sortKey(['a', 'b'], 'ascend')).toBeUndefined();
    expect(tableSortKey([{ field: 'dateOfBirth', order: 'descend' }])).toBe('-dateOfBirth');
    expect(tableSortKey({})).toBeUndefined();
    expect(sortOrderOf('-dateOfBirth', 'dateOfBirth')).toBe('descend');
    expect(sortOrderOf('dateOfBirth', 'dateOfBirth')).toBe('ascend');
    expect(sortOrderOf(undefined, 'dateOfBirth')).toBeNull();
  });
});
