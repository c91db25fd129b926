import { describe, expect, it } from 'vitest';
import { allBeds, figureLinks } from './dashboard-api.ts';

describe('dashboard figures', () => {
  it('opens each figure on its list, filtered to the days it counts', () => {
    const l = figureLinks({ date: '2021-06-03' });
    expect(l.today).toBe('/cases?from=2021-06-03&to=2021-06-03');
    expect(l.week).toBe('/cases?from=2021-05-28&to=2021-06-03');
    expect(l.clusters).toBe('/clusters?status=active');
    expect(l.level).toBe('/levels?date=2021-06-03');
  });
  it('adds the beds of every kind', () => {
    const c = (total: number, used: number) => ({ total, used, free: total - used });
    expect(allBeds({ normal: c(10, 4), oxygen: c(5, 5), icu: c(2, 1) })).toEqual({ total: 17, used: 10, free: 7 });
  });
});
