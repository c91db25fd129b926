import { describe, expect, it } from 'vitest';
import { APPROVAL, isPhone, rejectionBody, unitCreateBody } from './unit-form.ts';
import { REGISTRATION_PAGE, unitsPaths, unitsQueryFromParams, unitsQueryToParams } from './units-api.ts';

describe('the unit creation body', () => {
  it('trims the texts and leaves blanks out', () => {
    expect(unitCreateBody({ kind: 'hospital', name: '  Bệnh viện Sản Nhi ', communeCode: '07210', address: '  ', contactName: '', contactPhone: null })).toEqual({
      kind: 'hospital',
      name: 'Bệnh viện Sản Nhi',
      communeCode: '07210',
    });
  });

  it('sends the phone without spaces and the capacity of a lab only', () => {
    const lab = unitCreateBody({ kind: 'lab', name: 'CDC', communeCode: '07210', capacityPerDay: 500, contactName: ' Lan ', contactPhone: '0912 345 678', address: 'Số 1' });
    expect(lab).toEqual({ kind: 'lab', name: 'CDC', communeCode: '07210', capacityPerDay: 500, contactName: 'Lan', contactPhone: '0912345678', address: 'Số 1' });
    expect(unitCreateBody({ kind: 'private_clinic', name: 'PK', communeCode: '07210', capacityPerDay: 500 })).not.toHaveProperty('capacityPerDay');
    expect(unitCreateBody({ kind: 'lab', name: 'CDC', communeCode: '07210', capacityPerDay: null })).not.toHaveProperty('capacityPerDay');
  });

  it('checks a phone as the server does', () => {
    expect(isPhone('0912345678')).toBe(true);
    expect(isPhone('0204 3855 123')).toBe(true);
    expect(isPhone('912345678')).toBe(false);
    expect(isPhone('091234567')).toBe(false);
    expect(isPhone('+84912345678')).toBe(false);
  });
});

describe('decisions on requests', () => {
  it('approves without a note and refuses with the reason trimmed', () => {
    expect(APPROVAL).toEqual({ approve: true });
    expect(rejectionBody('  Không có giấy phép hoạt động ')).toEqual({ approve: false, note: 'Không có giấy phép hoạt động' });
  });
});

describe('units URL state and paths', () => {
  it('lists pending requests unless another status is asked for, and keeps a known kind only', () => {
    expect(unitsQueryFromParams(new URLSearchParams())).toEqual({ kind: undefined, registrations: 'pending' });
    expect(unitsQueryFromParams(new URLSearchParams('kind=lab&registrations=rejected'))).toEqual({ kind: 'lab', registrations: 'rejected' });
    expect(unitsQueryFromParams(new URLSearchParams('kind=school&registrations=all'))).toEqual({ kind: undefined, registrations: 'pending' });
    expect(unitsQueryToParams({ registrations: 'pending' })).toEqual({});
    expect(unitsQueryToParams({ kind: 'hospital', registrations: 'approved' })).toEqual({ kind: 'hospital', registrations: 'approved' });
  });

  it('builds the paths', () => {
    expect(unitsPaths.units()).toBe('/api/testing/units');
    expect(unitsPaths.units('private_clinic')).toBe('/api/testing/units?kind=private_clinic');
    expect(unitsPaths.registrations('pending')).toBe('/api/testing/unit-registrations?status=pending');
    expect(unitsPaths.decision(7)).toBe('/api/testing/unit-registrations/7/decision');
    expect(REGISTRATION_PAGE).toBe('/dang-ky-don-vi');
  });
});
