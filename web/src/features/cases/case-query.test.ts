import { describe, expect, it } from 'vitest';
import { casesPaths } from './cases-api.ts';
import { sortOrderOf } from '../../shared/ui/table-paging.ts';
import { filtersOf, hasFilters, readCaseQuery, sortFrom, withFilters, writeCaseQuery } from './case-query.ts';

describe('cases list state in the URL', () => {
  it('reads filters, paging and sort, dropping unknown values', () => {
    const q = readCaseQuery(
      new URLSearchParams('q=BN12&district=213&commune=07210&status=in_treatment&classification=imported&detection=arrival&from=2021-05-01&to=2021-05-31&page=3&pageSize=50&sort=caseCode'),
    );
    expect(q).toEqual({
      q: 'BN12',
      districtCode: '213',
      communeCode: '07210',
      status: 'in_treatment',
      classification: 'imported',
      detection: 'arrival',
      from: '2021-05-01',
      to: '2021-05-31',
      page: 3,
      pageSize: 50,
      sort: 'caseCode',
    });
    const bad = readCaseQuery(new URLSearchParams('status=sick&classification=x&detection=&from=31/05/2021&to=2021-13-45&sort=fullName&page=-1&pageSize=7'));
    expect(bad).toEqual({ page: 1, pageSize: 20 });
  });

  it('round-trips, leaving the defaults out', () => {
    const params = { q: 'an', district: '213', status: 'isolated', from: '2021-05-01', page: '2', sort: '-caseCode' };
    expect(writeCaseQuery(readCaseQuery(new URLSearchParams(params)))).toEqual(params);
    expect(writeCaseQuery({ page: 1, pageSize: 20 })).toEqual({});
  });

  it('sends the filters to the API under its own names', () => {
    const q = readCaseQuery(new URLSearchParams('q=%20an%20&district=213&status=died&from=2021-05-01&to=2021-05-31'));
    const url = new URL(casesPaths.list(q), 'http://x');
    expect(url.pathname).toBe('/api/cases');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'an',
      districtCode: '213',
      status: 'died',
      from: '2021-05-01',
      to: '2021-05-31',
      page: '1',
      pageSize: '20',
    });
    expect(casesPaths.export(filtersOf(q))).toBe('/api/cases/export?q=an&districtCode=213&status=died&from=2021-05-01&to=2021-05-31');
    expect(hasFilters(filtersOf(q))).toBe(true);
    expect(hasFilters(filtersOf(readCaseQuery(new URLSearchParams('page=2'))))).toBe(false);
  });

  it('replaces the filters, back to page 1, keeping page size and sort', () => {
    const q = readCaseQuery(new URLSearchParams('q=an&status=died&page=4&pageSize=50&sort=caseCode'));
    expect(withFilters(q, {})).toEqual({ page: 1, pageSize: 50, sort: 'caseCode' });
    expect(writeCaseQuery(withFilters(q, { ...filtersOf(q), status: undefined, detection: 'arrival' }))).toEqual({
      q: 'an',
      detection: 'arrival',
      pageSize: '50',
      sort: 'caseCode',
    });
  });

  it('maps the table sorter both ways', () => {
    // The default order (newest confirmation first) stays out of the URL, so paging keeps its page.
    expect(sortFrom('confirmationDate', 'descend')).toBeUndefined();
    expect(sortFrom('confirmationDate', 'ascend')).toBe('confirmationDate');
    expect(readCaseQuery(new URLSearchParams('sort=-confirmationDate')).sort).toBeUndefined();
    expect(sortFrom('caseCode', 'ascend')).toBe('caseCode');
    expect(sortFrom('caseCode', null)).toBeUndefined();
    expect(sortFrom('fullName', 'ascend')).toBeUndefined();
    expect(sortOrderOf('-confirmationDate', 'confirmationDate')).toBe('descend');
    expect(sortOrderOf('-confirmationDate', 'caseCode')).toBeNull();
  });
});
