import { describe, expect, it } from 'vitest';
import { enterprisePaths, enterpriseQueryFromParams, enterpriseQueryToParams, parseRoomLines } from './enterprises-api.ts';

describe('enterprises list URL state', () => {
  it('round-trips the filters, dropping what the API would refuse', () => {
    const q = { page: 2, pageSize: 50, q: 'Hanjin', parkId: 7, districtCode: '222', status: 'on_site' as const, stale: true, sort: '-confirmed' as const };
    const params = new URLSearchParams(enterpriseQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ page: '2', pageSize: '50', q: 'Hanjin', parkId: '7', districtCode: '222', status: 'on_site', stale: 'true', sort: '-confirmed' });
    expect(enterpriseQueryFromParams(params)).toEqual(q);
    expect(enterpriseQueryFromParams(new URLSearchParams('status=closed&parkId=-3&stale=yes&sort=tax'))).toMatchObject({ status: undefined, parkId: undefined, stale: undefined, sort: undefined });
  });

  it('sends the change date with the import and leaves empty filters out of the export', () => {
    expect(enterprisePaths.import(5, true, '2021-05-20')).toBe('/api/enterprises/5/workers/import?dryRun=true&changeDate=2021-05-20');
    expect(enterprisePaths.export(5, { q: '', shiftId: 3, status: 'active' })).toBe('/api/enterprises/5/workers/export.xlsx?shiftId=3&status=active');
  });
});

describe('dormitory rooms typed one per line', () => {
  it('reads "label, capacity" and a bare label', () => {
    expect(parseRoomLines('P101, 6\n\n  P102;8 \nPhòng 2B')).toEqual([
      { label: 'P101', capacity: 6 }, { label: 'P102', capacity: 8 }, { label: 'Phòng 2B', capacity: null },
    ]);
  });
});
