import { describe, expect, it } from 'vitest';
import { abnormalSigns, checkBody, checkDateAllowed, checkState, defaultCheckDate, missedDaysSummary, MONITORING_KIND_COLOURS } from './home-view.ts';

describe("today's check", () => {
  it('tells not checked, normal and abnormal apart, trusting the server flag', () => {
    expect(checkState(null)).toBe('not_checked');
    expect(checkState({ present: true, symptoms: false, temperature: 36.6, abnormal: false })).toBe('normal');
    expect(checkState({ present: true, symptoms: false, temperature: 36.6, abnormal: true })).toBe('abnormal');
  });

  it('names the abnormal signs, fever from 37.5 °C', () => {
    expect(abnormalSigns({ present: false, symptoms: true, temperature: 37.5 })).toEqual(['absent', 'symptoms', 'fever']);
    expect(abnormalSigns({ present: true, symptoms: false, temperature: 37.4 })).toEqual([]);
    expect(abnormalSigns({ present: true, symptoms: false, temperature: null })).toEqual([]);
  });

  it('gives each follow-up kind its own colour', () => {
    expect(new Set(Object.values(MONITORING_KIND_COLOURS)).size).toBe(3);
  });
});

describe('missed days', () => {
  it('counts each day once, oldest first, as DD/MM/YYYY, and warns only when some were missed', () => {
    expect(missedDaysSummary(['2021-06-08', '2021-06-03', '2021-06-08'])).toEqual({ count: 2, warn: true, dates: ['03/06/2021', '08/06/2021'] });
    expect(missedDaysSummary([])).toEqual({ count: 0, warn: false, dates: [] });
  });
});

describe('recording a check', () => {
  const missed = ['2021-06-07', '2021-06-09', '2021-06-08'];

  it("opens on the list's day while unchecked, else on the latest missed day, else nothing to record", () => {
    expect(defaultCheckDate({ today: null, missedDays: missed }, '2021-06-10')).toBe('2021-06-10');
    const checked = { present: true, symptoms: false, temperature: null, abnormal: false };
    expect(defaultCheckDate({ today: checked, missedDays: missed }, '2021-06-10')).toBe('2021-06-09');
    expect(defaultCheckDate({ today: checked, missedDays: [] }, '2021-06-10')).toBeNull();
  });

  it('allows days from the start of the follow-up to today, and not past its end', () => {
    const item = { since: '2021-06-01', until: '2021-06-14' };
    expect(checkDateAllowed('2021-06-01', item, '2021-06-10')).toBe(true);
    expect(checkDateAllowed('2021-05-31', item, '2021-06-10')).toBe(false);
    expect(checkDateAllowed('2021-06-11', item, '2021-06-10')).toBe(false);
    expect(checkDateAllowed('2021-06-15', item, '2021-06-20')).toBe(false);
    expect(checkDateAllowed('2021-06-20', { since: '2021-06-01', until: null }, '2021-06-20')).toBe(true);
  });

  it('sends the temperature to one decimal and a blank note as null', () => {
    expect(checkBody('2021-06-10', { present: true, symptoms: false, temperature: 37.56, note: '  ' })).toEqual({
      date: '2021-06-10',
      present: true,
      symptoms: false,
      temperature: 37.6,
      note: null,
    });
    expect(checkBody('2021-06-10', { present: false, symptoms: true, note: ' ho khan ' })).toEqual({
      date: '2021-06-10',
      present: false,
      symptoms: true,
      temperature: null,
      note: 'ho khan',
    });
  });
});
