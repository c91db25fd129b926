import { describe, expect, it } from 'vitest';
import type { TreatmentFacility } from './treatment-api.ts';
import {
  bedAlert,
  bedPercent,
  bedProgressStatus,
  careLevelForRisk,
  facilityOptionsFor,
  icuExhausted,
  tierOfCareLevel,
  transferBody,
} from './treatment-view.ts';

describe('bed bars', () => {
  it('warns from 80 % and is critical from 95 % or with no bed free', () => {
    expect(bedAlert({ total: 100, used: 79, free: 21 })).toBe('normal');
    expect(bedAlert({ total: 100, used: 80, free: 20 })).toBe('warning');
    expect(bedAlert({ total: 100, used: 95, free: 5 })).toBe('critical');
    expect(bedAlert({ total: 3, used: 3, free: 0 })).toBe('critical');
    expect(bedAlert({ total: 0, used: 0, free: 0 })).toBe('normal');
    expect(bedAlert({ total: 0, used: 2, free: 0 })).toBe('critical');
  });

  it('fills the bar to at most 100 %', () => {
    expect(bedPercent({ total: 3, used: 2 })).toBe(66.7);
    expect(bedPercent({ total: 10, used: 12 })).toBe(100);
    expect(bedPercent({ total: 0, used: 0 })).toBe(0);
    expect(bedProgressStatus('critical')).toBe('exception');
    expect(bedProgressStatus('warning')).toBe('normal');
  });

  it('flags a tier whose ICU beds are all taken, not one without ICU beds', () => {
    expect(icuExhausted({ total: 10, used: 10, free: 0 })).toBe(true);
    expect(icuExhausted({ total: 10, used: 9, free: 1 })).toBe(false);
    expect(icuExhausted({ total: 0, used: 0, free: 0 })).toBe(false);
  });
});

describe('care levels', () => {
  it('maps risk groups to care levels and levels to facility tiers (QĐ 5525)', () => {
    expect(careLevelForRisk('low')).toBe('home_care');
    expect(careLevelForRisk('medium')).toBe('tier1');
    expect(careLevelForRisk('high')).toBe('tier2');
    expect(careLevelForRisk('very_high')).toBe('tier3');
    expect(tierOfCareLevel('tier3')).toBe(3);
    expect(tierOfCareLevel('home_care')).toBeNull();
  });

  it('offers open facilities of the chosen tier first, the others flagged, none for home care', () => {
    const f = (id: number, name: string, tier: number | null, status = 'open'): TreatmentFacility => ({ id, name, tier, status, districtName: null });
    const list = [f(1, 'Bệnh viện tỉnh', 3), f(2, 'BV dã chiến số 2', 2), f(3, 'BV dã chiến số 1', 2), f(4, 'Trạm tầng 1', 1, 'closed')];
    expect(facilityOptionsFor(list, 'tier2').map((o) => [o.value, o.otherTier])).toEqual([[3, false], [2, false], [1, true]]);
    expect(facilityOptionsFor(list, 'home_care')).toEqual([]);
    expect(facilityOptionsFor(list, undefined)).toEqual([]);
  });

  it('sends no facility for care at home and trims the reason', () => {
    expect(transferBody({ facilityId: 5, careLevel: 'home_care', riskGroup: 'low', reason: '  ổn định ', date: '2021-06-01' })).toEqual({
      facilityId: null,
      careLevel: 'home_care',
      riskGroup: 'low',
      reason: 'ổn định',
      date: '2021-06-01',
    });
    expect(transferBody({ facilityId: 5, careLevel: 'tier3', riskGroup: 'very_high', date: '2021-06-01' }).facilityId).toBe(5);
  });
});
