import { describe, expect, it } from 'vitest';
import { addDaysIso, dayDiff } from './dates.ts';

describe('calendar days', () => {
  it('adds days across months and leap years and counts the days between', () => {
    expect(addDaysIso('2021-05-31', 1)).toBe('2021-06-01');
    expect(addDaysIso('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDaysIso('2021-01-01', -1)).toBe('2020-12-31');
    expect(dayDiff('2021-05-01', '2021-06-10')).toBe(40);
    expect(dayDiff('2021-06-10', '2021-05-01')).toBe(-40);
  });
});
