import { describe, expect, it } from 'vitest';
import { formatIndex, periodLabel, riskPaths, riskQueryFromParams, riskQueryToParams, shiftPeriod } from './risk-api.ts';

describe('enterprise risk URL state and paths', () => {
  it('keeps a valid period, band, district and park, dropping anything else', () => {
    expect(riskQueryFromParams(new URLSearchParams('tab=missing&period=2021-W23&band=high&district=222&park=7&page=2'))).toEqual({
      tab: 'missing', period: '2021-W23', band: 'high', districtCode: '222', parkId: 7, page: 2, pageSize: 20,
    });
    expect(riskQueryFromParams(new URLSearchParams('tab=x&period=2021-W60&band=extreme&district=22&park=-1'))).toEqual({
      tab: 'ranking', period: undefined, band: undefined, districtCode: undefined, parkId: undefined, page: 1, pageSize: 20,
    });
    expect(riskQueryToParams({ tab: 'map', period: '2021-06', band: undefined, districtCode: '213', parkId: undefined, page: 1, pageSize: 20 })).toEqual({ tab: 'map', period: '2021-06', district: '213' });
  });

  it('builds the list and export paths from the filters', () => {
    const q = riskQueryFromParams(new URLSearchParams('period=2021-W22&band=low&park=3&page=3'));
    expect(riskPaths.ranking(q)).toBe('/api/enterprise-risk/ranking?period=2021-W22&parkId=3&band=low&page=3&pageSize=20');
    expect(riskPaths.rankingExport(q)).toBe('/api/enterprise-risk/ranking/export?period=2021-W22&parkId=3&band=low');
    expect(riskPaths.map(q)).toBe('/api/enterprise-risk/map?period=2021-W22&parkId=3');
  });
});

describe('periods', () => {
  it('steps ISO weeks and months across year ends', () => {
    expect(shiftPeriod('2021-W23', -1)).toBe('2021-W22');
    expect(shiftPeriod('2021-W01', -1)).toBe('2020-W53');
    expect(shiftPeriod('2020-W53', 1)).toBe('2021-W01');
    expect(shiftPeriod('2021-01', -1)).toBe('2020-12');
    expect(shiftPeriod('2021-12', 1)).toBe('2022-01');
  });

  it('writes the index with one decimal, as the decree\'s form does', () => {
    expect(formatIndex(18, 'vi')).toBe('18,0 %');
    expect(formatIndex(24.7, 'en')).toBe('24.7 %');
  });

  it('names a period in both languages', () => {
    expect(periodLabel('2021-W23', 'vi')).toBe('Tuần 23/2021');
    expect(periodLabel('2021-W23', 'en')).toBe('Week 23, 2021');
    expect(periodLabel('2021-06', 'vi')).toBe('Tháng 06/2021');
    expect(periodLabel('2021-06', 'en')).toBe('June 2021');
  });
});
