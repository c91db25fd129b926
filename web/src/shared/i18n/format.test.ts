import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeMinutes, formatNumber } from './format.ts';

describe('formatting', () => {
  it('groups numbers the Vietnamese way in vi and the English way in en', () => {
    expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(170.25, 'vi', 1)).toBe('170,3');
    expect(formatNumber(null, 'vi')).toBe('–');
  });

  it('shows calendar dates as DD/MM/YYYY without time-zone shifts', () => {
    expect(formatDate('2021-05-07')).toBe('07/05/2021');
    expect(formatDate(null)).toBe('–');
  });

  it("shows instants in Vietnam's time", () => {
    expect(formatDateTime('2021-05-06T18:30:05Z')).toBe('07/05/2021 01:30:05');
    expect(formatDateTimeMinutes('2021-05-06T18:30:05Z')).toBe('07/05/2021 01:30');
    expect(formatDateTimeMinutes(null)).toBe('–');
  });
});
