import { describe, expect, it } from 'vitest';
import { clusterPatch, clusterQueryFromParams, clusterQueryToParams, clustersPaths, draftFromSuggestion, fieldIssuesOf } from './clusters-api.ts';

describe('cluster list query', () => {
  it('round-trips the URL state and drops what the API would refuse', () => {
    const q = { status: 'active' as const, districtCode: '213', q: 'Khu công nghiệp', asOf: '2021-06-01', page: 2, pageSize: 50 };
    const params = new URLSearchParams(clusterQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ status: 'active', district: '213', q: 'Khu công nghiệp', asOf: '2021-06-01', page: '2', pageSize: '50' });
    expect(clusterQueryFromParams(params)).toEqual(q);
    expect(clusterQueryFromParams(new URLSearchParams('status=gone&district=21&asOf=01/06/2021&page=-1'))).toEqual({
      status: undefined,
      districtCode: undefined,
      q: undefined,
      asOf: undefined,
      page: 1,
      pageSize: 20,
    });
    expect(clusterQueryToParams({ page: 1, pageSize: 20 })).toEqual({});
  });

  it('builds the API paths', () => {
    expect(clustersPaths.list({ status: 'controlled', q: ' chợ ', page: 1, pageSize: 20 })).toBe('/api/clusters?status=controlled&q=ch%E1%BB%A3&page=1&pageSize=20');
    expect(clustersPaths.suggestions()).toBe('/api/clusters/suggestions');
    expect(clustersPaths.removeCase(3, 44)).toBe('/api/clusters/3/cases/44');
  });
});

describe('cluster forms', () => {
  it('prefills the create form from a suggestion, codes paired with ids', () => {
    const draft = draftFromSuggestion({
      key: 'enterprise:7',
      name: 'Công ty Hosiden',
      placeKind: 'enterprise',
      orgUnitId: 7,
      communeCode: null,
      caseIds: [11, 12],
      caseCodes: ['BN11', 'BN12'],
      firstCaseDate: '2021-05-10',
    });
    expect(draft).toEqual({ name: 'Công ty Hosiden', placeKind: 'enterprise', orgUnitId: 7, communeCode: null, cases: [{ id: 11, caseCode: 'BN11' }, { id: 12, caseCode: 'BN12' }] });
  });

  it('patches only what changed; a blank note clears it', () => {
    const before = { name: 'Ổ dịch thôn Đông', controlDays: 14, note: 'ghi chú' };
    expect(clusterPatch(before, { name: ' Ổ dịch thôn Đông ', controlDays: 14, note: 'ghi chú' })).toEqual({});
    expect(clusterPatch(before, { name: 'Ổ dịch thôn Tây', controlDays: 21, note: '  ' })).toEqual({ name: 'Ổ dịch thôn Tây', controlDays: 21, note: null });
  });

  it('reads the fields an error names, from `details.issues` or its own field', () => {
    const m = { vi: 'Sai', en: 'Wrong' };
    expect(fieldIssuesOf(undefined, m, { issues: [{ field: 'controlDays', code: 'OUT_OF_RANGE', message: m }] })).toEqual([{ field: 'controlDays', message: m }]);
    expect(fieldIssuesOf('name', m, undefined)).toEqual([{ field: 'name', message: m }]);
    expect(fieldIssuesOf(undefined, m, null)).toEqual([]);
  });
});
