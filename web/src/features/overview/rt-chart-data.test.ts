import { describe, expect, it } from 'vitest';
import { alertsPath, latestRt, rtAxisMax, rtChartSeries, rtPath, type RtWindow, rtTrend } from './rt-chart-data.ts';

const win = (dateEnd: string, mean: number, q025: number, q975: number): RtWindow => ({
  tStart: 2, tEnd: 8, dateStart: '2021-05-05', dateEnd, mean, std: 0.1, q025, q975,
});

describe('Rt chart helpers', () => {
  it('places each window at its last day, with the band as a base and a height', () => {
    const s = rtChartSeries([win('2021-05-11', 2.5, 1.5, 4), win('2021-05-12', 2, 1.25, 3)]);
    expect(s).toEqual({ dates: ['2021-05-11', '2021-05-12'], mean: [2.5, 2], lower: [1.5, 1.25], band: [2.5, 1.75] });
    expect(rtChartSeries([])).toEqual({ dates: [], mean: [], lower: [], band: [] });
  });

  it('tops the axis at the highest upper bound, at most twice the highest mean, never below 2', () => {
    expect(rtAxisMax([win('2021-05-11', 1.2, 0.9, 1.6)])).toBe(2);
    expect(rtAxisMax([win('2021-05-11', 3.1, 2, 3.6)])).toBe(4);
    // An early window with a band up to 18 does not flatten the curve: 2 × 3 = 6.
    expect(rtAxisMax([win('2021-05-11', 3, 0.1, 18), win('2021-05-12', 1.1, 0.9, 1.3)])).toBe(6);
    expect(rtAxisMax([])).toBe(2);
  });

  it('reads the trend from the 95% band: growing above 1, shrinking below, uncertain across', () => {
    expect(rtTrend({ q025: 1.05, q975: 1.4 })).toBe('growing');
    expect(rtTrend({ q025: 0.6, q975: 0.95 })).toBe('shrinking');
    expect(rtTrend({ q025: 0.8, q975: 1.2 })).toBe('uncertain');
    expect(rtTrend({ q025: 1, q975: 1.2 })).toBe('uncertain');
  });

  it('takes the latest window and builds the request paths for the overview\'s day', () => {
    expect(latestRt([win('2021-05-11', 2, 1, 3), win('2021-05-12', 1.5, 1, 2)])?.dateEnd).toBe('2021-05-12');
    expect(latestRt([])).toBeUndefined();
    expect(rtPath('2021-06-10')).toBe('/api/situation/rt?date=2021-06-10');
    expect(alertsPath('2021-06-10')).toBe('/api/situation/alerts?date=2021-06-10');
  });
});
