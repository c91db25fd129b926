import { describe, expect, it } from 'vitest';
import {
  certificatesPath,
  dateParam,
  facilityFiltersFromParams,
  facilityFiltersToParams,
  orderQueryFromParams,
  orderQueryToParams,
  quarantinePaths,
  releaseQueryFromParams,
  releaseQueryToParams,
  scheduleQueryFromParams,
  scheduleQueryToParams,
  tabFromParams,
} from './quarantine-api.ts';

const TODAY = '2021-06-15';

describe('quarantine page URL state', () => {
  it('opens the facilities tab unless another known tab is asked for', () => {
    expect(tabFromParams(new URLSearchParams('tab=release'))).toBe('release');
    expect(tabFromParams(new URLSearchParams('tab=home'))).toBe('home');
    expect(tabFromParams(new URLSearchParams('tab=beds'))).toBe('facilities');
    expect(tabFromParams(new URLSearchParams())).toBe('facilities');
  });

  it('accepts only real calendar dates', () => {
    expect(dateParam('2021-06-01')).toBe('2021-06-01');
    expect(dateParam('2021-02-30')).toBeUndefined();
    expect(dateParam('01/06/2021')).toBeUndefined();
    expect(dateParam(null)).toBeUndefined();
  });

  it('round-trips the facility filters, dropping a malformed district', () => {
    const params = new URLSearchParams(facilityFiltersToParams({ kind: 'treatment', districtCode: '213' }));
    expect(Object.fromEntries(params)).toEqual({ kind: 'treatment', district: '213' });
    expect(facilityFiltersFromParams(params)).toEqual({ kind: 'treatment', districtCode: '213' });
    expect(facilityFiltersFromParams(new URLSearchParams('kind=hotel&district=21'))).toEqual({ kind: undefined, districtCode: undefined });
  });

  it('round-trips the order filters and paging, dropping what the API would refuse', () => {
    const q = { status: 'active' as const, kind: 'centralized' as const, facilityId: 42, page: 3, pageSize: 50 };
    const params = new URLSearchParams(orderQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ status: 'active', kind: 'centralized', facility: '42', page: '3', pageSize: '50' });
    expect(orderQueryFromParams(params)).toEqual(q);
    expect(orderQueryFromParams(new URLSearchParams('status=done&kind=hotel&facility=-4&page=0'))).toEqual({
      status: undefined,
      kind: undefined,
      facilityId: undefined,
      page: 1,
      pageSize: 20,
    });
  });

  it('defaults the schedule day to today and leaves today out of the URL', () => {
    expect(scheduleQueryFromParams(new URLSearchParams(), TODAY)).toEqual({ date: TODAY, facilityId: undefined });
    expect(scheduleQueryFromParams(new URLSearchParams('date=2021-06-01&facility=7'), TODAY)).toEqual({ date: '2021-06-01', facilityId: 7 });
    expect(scheduleQueryToParams({ date: TODAY, facilityId: 7 }, TODAY)).toEqual({ facility: '7' });
    expect(scheduleQueryToParams({ date: '2021-06-01' }, TODAY)).toEqual({ date: '2021-06-01' });
  });

  it('keeps only the keys of the release view in use', () => {
    const due = releaseQueryFromParams(new URLSearchParams('date=2021-06-10&status=held&facility=3&page=2'), TODAY);
    expect(due).toMatchObject({ view: 'due', date: '2021-06-10', status: 'held', facilityId: 3 });
    // The due list is not paged: no page in its URL.
    expect(releaseQueryToParams(due, TODAY)).toEqual({ date: '2021-06-10', status: 'held', facility: '3' });
    const released = { ...due, view: 'released' as const, page: 2 };
    expect(releaseQueryToParams(released, TODAY)).toEqual({ view: 'released', facility: '3', page: '2' });
    expect(releaseQueryFromParams(new URLSearchParams('view=archived&status=gone'), TODAY)).toMatchObject({ view: 'due', date: TODAY, status: undefined });
  });
});

describe('quarantine API paths', () => {
  it('builds the list paths with their filters only', () => {
    expect(quarantinePaths.facilities({ kind: 'quarantine', districtCode: '213' })).toBe('/api/facilities?kind=quarantine&districtCode=213');
    expect(quarantinePaths.facilities()).toBe('/api/facilities');
    expect(quarantinePaths.orders({ status: 'active', facilityId: 9, page: 2, pageSize: 20 })).toBe('/api/quarantine/orders?page=2&pageSize=20&status=active&facilityId=9');
    expect(quarantinePaths.testSchedule({ date: '2021-06-01' })).toBe('/api/quarantine/test-schedule?date=2021-06-01');
    expect(quarantinePaths.testScheduleXlsx({ date: '2021-06-01', facilityId: 5 })).toBe('/api/quarantine/test-schedule.xlsx?date=2021-06-01&facilityId=5');
    expect(quarantinePaths.release({ date: '2021-06-01', status: 'due' })).toBe('/api/quarantine/release?date=2021-06-01&status=due');
    expect(quarantinePaths.released({ page: 1, pageSize: 20, facilityId: 5 })).toBe('/api/quarantine/orders?page=1&pageSize=20&status=released&facilityId=5');
    expect(quarantinePaths.order(12)).toBe('/api/quarantine/orders/12');
    expect(quarantinePaths.ordersImport(true)).toBe('/api/quarantine/orders/import?dryRun=true');
    expect(quarantinePaths.ordersImport(false)).toBe('/api/quarantine/orders/import?dryRun=false');
  });

  it('lists each certificate once, ids sorted, with plain commas; nothing to print gives null', () => {
    expect(certificatesPath([3, 1, 2, 3])).toBe('/api/quarantine/release/certificates?orderIds=1,2,3');
    expect(certificatesPath([12])).toBe('/api/quarantine/release/certificates?orderIds=12');
    expect(certificatesPath([])).toBeNull();
    expect(certificatesPath([0, -1, 1.5])).toBeNull();
  });
});
