import { describe, expect, it } from 'vitest';
import {
  addDays,
  capacityQueryFromParams,
  capacityQueryToParams,
  capacityRangeOrDefault,
  daysInRange,
  planQueryFromParams,
  planQueryToParams,
  screeningPaths,
} from './screening-api.ts';
import { canStartRound, everyDaysText, planStatusTag, scheduleCreateBody, scheduleMethodLabel, suggestedEveryDays } from './screening.ts';

describe('a schedule on the day\'s plan', () => {
  const today = '2021-06-10';

  it('tags overdue in red with the days late, due in orange, sampled in green', () => {
    expect(planStatusTag({ status: 'overdue', daysLate: 3 }, today, today, 'vi')).toEqual({ text: 'Quá hạn 3 ngày', color: 'red' });
    expect(planStatusTag({ status: 'overdue', daysLate: 1 }, today, today, 'en')).toEqual({ text: '1 day overdue', color: 'red' });
    expect(planStatusTag({ status: 'overdue', daysLate: 2 }, today, today, 'en').text).toBe('2 days overdue');
    expect(planStatusTag({ status: 'due', daysLate: 0 }, today, today, 'vi')).toEqual({ text: 'Đến hạn hôm nay', color: 'orange' });
    expect(planStatusTag({ status: 'done', daysLate: 0 }, today, today, 'vi')).toEqual({ text: 'Đã lấy mẫu', color: 'green' });
  });

  it('does not call another day\'s plan "today"', () => {
    expect(planStatusTag({ status: 'due', daysLate: 0 }, '2021-06-08', today, 'vi')).toEqual({ text: 'Đến hạn ngày này', color: 'orange' });
  });

  it('starts a round only for a due or overdue schedule without one that day, and not for a lockdown zone', () => {
    expect(canStartRound({ status: 'due', roundToday: null, targetKind: 'commune' })).toBe(true);
    expect(canStartRound({ status: 'overdue', roundToday: null, targetKind: 'enterprise' })).toBe(true);
    expect(canStartRound({ status: 'done', roundToday: 12, targetKind: 'commune' })).toBe(false);
    expect(canStartRound({ status: 'due', roundToday: 12, targetKind: 'commune' })).toBe(false);
    expect(canStartRound({ status: 'overdue', roundToday: null, targetKind: 'lockdown_zone' })).toBe(false);
  });

  it('names the cycle and the method with the pool size of the risk level', () => {
    expect(everyDaysText(1, 'vi')).toBe('Hằng ngày');
    expect(everyDaysText(3, 'vi')).toBe('Mỗi 3 ngày');
    expect(everyDaysText(7, 'en')).toBe('Every 7 days');
    expect(scheduleMethodLabel({ method: 'rt_pcr_pool', riskLevel: 'high' }, 'vi')).toBe('RT-PCR gộp 5');
    expect(scheduleMethodLabel({ method: 'rt_pcr_pool', riskLevel: 'low' }, 'vi')).toBe('RT-PCR gộp 10');
    expect(scheduleMethodLabel({ method: 'rt_pcr_pool', riskLevel: null }, 'vi')).toBe('RT-PCR gộp');
    expect(scheduleMethodLabel({ method: 'rapid_antigen', riskLevel: 'high' }, 'vi')).toBe('Test nhanh kháng nguyên');
  });
});

describe('the schedule creation body', () => {
  const base = { everyDays: 3, startsOn: '2021-06-10', method: 'rt_pcr' as const };

  it('sends the commune of a commune schedule, not the unit left in the form', () => {
    expect(scheduleCreateBody({ ...base, targetKind: 'commune', communeCode: '07210', targetOrgId: 9 })).toEqual({ targetKind: 'commune', communeCode: '07210', ...base });
  });

  it('sends the unit of an enterprise or facility schedule, not the commune', () => {
    expect(scheduleCreateBody({ ...base, targetKind: 'enterprise', targetOrgId: 31, communeCode: '07210' })).toEqual({ targetKind: 'enterprise', targetOrgId: 31, ...base });
    expect(scheduleCreateBody({ ...base, targetKind: 'facility', targetOrgId: null })).toEqual({ targetKind: 'facility', ...base });
  });

  it('sends the end only when given, the risk level only for pooled tests', () => {
    expect(scheduleCreateBody({ ...base, targetKind: 'commune', communeCode: '07210', endsOn: null, riskLevel: 'high' })).not.toHaveProperty('endsOn');
    expect(scheduleCreateBody({ ...base, targetKind: 'commune', communeCode: '07210', riskLevel: 'high' })).not.toHaveProperty('riskLevel');
    const pooled = scheduleCreateBody({ ...base, method: 'rt_pcr_pool', targetKind: 'commune', communeCode: '07210', endsOn: '2021-06-30', riskLevel: 'low' });
    expect(pooled).toMatchObject({ method: 'rt_pcr_pool', endsOn: '2021-06-30', riskLevel: 'low' });
  });

  it('sends the zone of a lockdown zone schedule only', () => {
    expect(scheduleCreateBody({ ...base, targetKind: 'lockdown_zone', targetZoneId: 4, communeCode: '07210', targetOrgId: 9 })).toEqual({ targetKind: 'lockdown_zone', targetZoneId: 4, ...base });
  });

  it('suggests a cycle by target', () => {
    expect(suggestedEveryDays('enterprise')).toBe(7);
    expect(suggestedEveryDays('commune')).toBe(3);
    expect(suggestedEveryDays('lockdown_zone')).toBe(2);
  });
});

describe('screening URL state and paths', () => {
  it('keeps a real plan date only', () => {
    expect(planQueryFromParams(new URLSearchParams('date=2021-06-08'))).toEqual({ date: '2021-06-08' });
    expect(planQueryFromParams(new URLSearchParams('date=2021-06-31'))).toEqual({ date: undefined });
    expect(planQueryToParams({})).toEqual({});
    expect(screeningPaths.plan('2021-06-10')).toBe('/api/testing/plan?date=2021-06-10');
    expect(screeningPaths.startRound(4)).toBe('/api/testing/schedules/4/rounds');
    expect(screeningPaths.endSchedule(4)).toBe('/api/testing/schedules/4/end');
  });

  it('counts calendar days across months and years', () => {
    expect(addDays('2021-06-10', -13)).toBe('2021-05-28');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(daysInRange('2021-05-28', '2021-06-10')).toBe(14);
    expect(daysInRange('2021-06-10', '2021-06-09')).toBe(0);
  });

  it('keeps a capacity range the server accepts (1 to 120 days), else the last 14 days', () => {
    expect(capacityQueryFromParams(new URLSearchParams('from=2021-05-01&to=2021-06-10'))).toEqual({ from: '2021-05-01', to: '2021-06-10' });
    // 120 days is the most; 121 is refused, as is a range backwards or with one end.
    expect(capacityQueryFromParams(new URLSearchParams('from=2021-01-01&to=2021-04-30'))).toEqual({ from: '2021-01-01', to: '2021-04-30' });
    expect(capacityQueryFromParams(new URLSearchParams('from=2021-01-01&to=2021-05-01'))).toBeUndefined();
    expect(capacityQueryFromParams(new URLSearchParams('from=2021-06-10&to=2021-06-01'))).toBeUndefined();
    expect(capacityQueryFromParams(new URLSearchParams('from=2021-06-01'))).toBeUndefined();
    expect(capacityRangeOrDefault(undefined, '2021-06-10')).toEqual({ from: '2021-05-28', to: '2021-06-10' });
    expect(capacityQueryToParams(undefined)).toEqual({});
    expect(screeningPaths.capacity({ from: '2021-05-28', to: '2021-06-10' })).toBe('/api/testing/capacity?from=2021-05-28&to=2021-06-10');
  });
});
