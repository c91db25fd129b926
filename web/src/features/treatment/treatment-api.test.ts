import { describe, expect, it } from 'vitest';
import { admissionQueryFromParams, admissionQueryToParams, openParam, treatmentPaths, treatmentTabFromParams } from './treatment-api.ts';

describe('treatment page URL state', () => {
  it('opens the bed board unless the admissions tab is asked for', () => {
    expect(treatmentTabFromParams(new URLSearchParams('tab=admissions'))).toBe('admissions');
    expect(treatmentTabFromParams(new URLSearchParams('tab=orders'))).toBe('beds');
    expect(treatmentTabFromParams(new URLSearchParams())).toBe('beds');
  });

  it('round-trips the admissions filters; open admissions by default', () => {
    const q = { view: 'closed' as const, facilityId: 12, page: 2, pageSize: 50 };
    const params = new URLSearchParams(admissionQueryToParams(q));
    expect(Object.fromEntries(params)).toEqual({ view: 'closed', facility: '12', page: '2', pageSize: '50' });
    expect(admissionQueryFromParams(params)).toEqual(q);
    expect(admissionQueryFromParams(new URLSearchParams('view=gone&facility=x'))).toEqual({ view: 'open', facilityId: undefined, page: 1, pageSize: 20 });
    expect(admissionQueryToParams({ view: 'open', page: 1, pageSize: 20 })).toEqual({});
  });

  it('asks the API for open, ended or all admissions', () => {
    expect(openParam('open')).toBe(true);
    expect(openParam('closed')).toBe(false);
    expect(openParam('all')).toBeUndefined();
    expect(treatmentPaths.admissions({ view: 'closed', page: 1, pageSize: 20 })).toBe('/api/treatment/admissions?page=1&pageSize=20&open=false');
    expect(treatmentPaths.admissions({ view: 'all', facilityId: 4, page: 3, pageSize: 20 })).toBe('/api/treatment/admissions?page=3&pageSize=20&facilityId=4');
    expect(treatmentPaths.transfer(7)).toBe('/api/treatment/admissions/7/transfer');
    expect(treatmentPaths.discharge(7)).toBe('/api/treatment/admissions/7/discharge');
  });
});
