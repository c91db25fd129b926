import { describe, expect, it } from 'vitest';
import { zoneQueryFromParams, zoneQueryToParams, zonesPaths } from './zones-api.ts';

describe('zones list URL state', () => {
  it('lists every status of today on the first page by default', () => {
    expect(zoneQueryFromParams(new URLSearchParams())).toEqual({ status: undefined, q: undefined, asOf: undefined, page: 1, pageSize: 20 });
    expect(zoneQueryToParams({ page: 1, pageSize: 20 })).toEqual({});
  });

  it('round-trips the filters and paging, dropping what the API would refuse', () => {
    const q = { status: 'active' as const, q: 'Thôn Trung', asOf: '2021-05-20', page: 2, pageSize: 50 };
    const params = new URLSearchParams(zoneQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ status: 'active', q: 'Thôn Trung', asOf: '2021-05-20', page: '2', pageSize: '50' });
    expect(zoneQueryFromParams(params)).toEqual(q);
    expect(zoneQueryFromParams(new URLSearchParams('status=closed&asOf=2021-02-30&q=%20%20&page=0'))).toEqual({
      status: undefined,
      q: undefined,
      asOf: undefined,
      page: 1,
      pageSize: 20,
    });
  });
});

describe('zones API paths', () => {
  it('sends only the filters set', () => {
    expect(zonesPaths.list({ page: 1, pageSize: 20 })).toBe('/api/zones?page=1&pageSize=20');
    expect(zonesPaths.list({ status: 'ended', q: ' Vân Trung ', asOf: '2021-06-01', page: 3, pageSize: 10 })).toBe(
      '/api/zones?asOf=2021-06-01&status=ended&q=V%C3%A2n+Trung&page=3&pageSize=10',
    );
    expect(zonesPaths.map()).toBe('/api/zones/map');
    expect(zonesPaths.map('2021-05-20')).toBe('/api/zones/map?asOf=2021-05-20');
  });

  it('names one zone and its end', () => {
    expect(zonesPaths.one(12)).toBe('/api/zones/12');
    expect(zonesPaths.end(12)).toBe('/api/zones/12/end');
  });
});
