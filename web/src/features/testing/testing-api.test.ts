import { describe, expect, it } from 'vitest';
import {
  dateParam,
  retestQueryFromParams,
  retestQueryToParams,
  roundQueryFromParams,
  roundQueryToParams,
  tabFromParams,
  testingPaths,
  testingRoutes,
} from './testing-api.ts';

describe('testing page URL state', () => {
  it('opens the rounds tab unless another known tab is asked for', () => {
    expect(tabFromParams(new URLSearchParams('tab=lab'))).toBe('lab');
    expect(tabFromParams(new URLSearchParams('tab=retests'))).toBe('retests');
    expect(tabFromParams(new URLSearchParams('tab=plan'))).toBe('plan');
    expect(tabFromParams(new URLSearchParams('tab=capacity'))).toBe('capacity');
    expect(tabFromParams(new URLSearchParams('tab=units'))).toBe('units');
    expect(tabFromParams(new URLSearchParams('tab=pools'))).toBe('rounds');
    expect(tabFromParams(new URLSearchParams())).toBe('rounds');
  });

  it('accepts only real calendar dates', () => {
    expect(dateParam('2021-08-01')).toBe('2021-08-01');
    expect(dateParam('2021-02-29')).toBeUndefined();
    expect(dateParam('01/08/2021')).toBeUndefined();
  });

  it('round-trips the round filters and paging, dropping what the API would refuse', () => {
    const q = { date: '2021-08-02', status: 'sampling' as const, page: 2, pageSize: 50 };
    const params = new URLSearchParams(roundQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ date: '2021-08-02', status: 'sampling', page: '2', pageSize: '50' });
    expect(roundQueryFromParams(params)).toEqual(q);
    expect(roundQueryFromParams(new URLSearchParams('date=2021-13-01&status=open&page=-1'))).toEqual({ date: undefined, status: undefined, page: 1, pageSize: 20 });
    expect(roundQueryToParams({ page: 1, pageSize: 20 })).toEqual({});
  });

  it('shows the open re-tests by default and keeps "all" in the URL when asked for', () => {
    expect(retestQueryFromParams(new URLSearchParams())).toEqual({ view: 'open', roundId: undefined, page: 1, pageSize: 20 });
    expect(retestQueryFromParams(new URLSearchParams('status=all&round=7'))).toMatchObject({ view: 'all', roundId: 7 });
    expect(retestQueryFromParams(new URLSearchParams('status=gone&round=x'))).toMatchObject({ view: 'open', roundId: undefined });
    expect(retestQueryToParams({ view: 'open', page: 1, pageSize: 20 })).toEqual({});
    expect(retestQueryToParams({ view: 'resolved', roundId: 3, page: 2, pageSize: 20 })).toEqual({ status: 'resolved', round: '3', page: '2' });
  });
});

describe('testing API paths', () => {
  it('builds the list paths with their filters only', () => {
    expect(testingPaths.rounds({ page: 1, pageSize: 20 })).toBe('/api/testing/rounds?page=1&pageSize=20');
    expect(testingPaths.rounds({ date: '2021-08-02', status: 'done', page: 3, pageSize: 50 })).toBe('/api/testing/rounds?page=3&pageSize=50&date=2021-08-02&status=done');
    expect(testingPaths.missing(4, 2, 20)).toBe('/api/testing/rounds/4/missing?page=2&pageSize=20');
    // "All" statuses: no status sent.
    expect(testingPaths.retests({ view: 'all', roundId: 9, page: 1, pageSize: 20 })).toBe('/api/testing/retests?page=1&pageSize=20&roundId=9');
    expect(testingPaths.retests({ view: 'open', page: 1, pageSize: 20 })).toBe('/api/testing/retests?page=1&pageSize=20&status=open');
  });

  it('sends the lab file name encoded and at most 200 characters long', () => {
    expect(testingPaths.labResults('per_row', 'kết quả 02-08.csv')).toBe(
      `/api/testing/lab-results?mode=per_row&fileName=${new URLSearchParams({ f: 'kết quả 02-08.csv' }).toString().slice(2)}`,
    );
    const long = testingPaths.labResults('all_or_nothing', `${'a'.repeat(300)}.xlsx`);
    expect(new URL(long, 'http://x').searchParams.get('fileName')).toHaveLength(200);
    expect(testingPaths.labReport(12)).toBe('/api/testing/lab-imports/12/report.xlsx');
    expect(testingPaths.poolResult(5)).toBe('/api/testing/pools/5/result');
  });

  it('links the pages of the app, the default tab without its name', () => {
    expect(testingRoutes.page()).toBe('/testing');
    expect(testingRoutes.page('rounds', { status: 'done' })).toBe('/testing?status=done');
    expect(testingRoutes.page('retests', { round: '4', status: 'all' })).toBe('/testing?tab=retests&round=4&status=all');
    expect(testingRoutes.page('plan', { date: '2021-06-10' })).toBe('/testing?tab=plan&date=2021-06-10');
    expect(testingRoutes.round(4)).toBe('/testing/rounds/4');
    expect(testingRoutes.sample(4)).toBe('/testing/rounds/4/sample');
  });
});

describe('searching a round by name', () => {
  it('asks for the people still to sample whose name matches, a few at a time', async () => {
    const { testingPaths } = await import('./testing-api.ts');
    expect(testingPaths.missingSearch(12, 'Văn Lan')).toBe('/api/testing/rounds/12/missing?q=V%C4%83n+Lan&pageSize=10');
  });
});
