import { describe, expect, it } from 'vitest';
import { checkinBody, DEVICE_KEY, forgetDevice, initialsOf, readDevice, saveDevice } from './checkin-device.ts';
import { venueQueryFromParams, venueQueryToParams } from './venues-api.ts';

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe('the remembered phone', () => {
  it('keeps only the token and the initials, and forgets them', () => {
    const store = memoryStore();
    expect(readDevice(store)).toBeNull();
    saveDevice(store, { token: 'a'.repeat(43), initials: 'N.V.A.' });
    expect(JSON.parse(store.m.get(DEVICE_KEY)!)).toEqual({ token: 'a'.repeat(43), initials: 'N.V.A.' });
    expect(readDevice(store)).toEqual({ token: 'a'.repeat(43), initials: 'N.V.A.' });
    forgetDevice(store);
    expect(readDevice(store)).toBeNull();
  });

  it('ignores a stored value that is not a token', () => {
    const store = memoryStore();
    store.setItem(DEVICE_KEY, '{"token":"<script>"}');
    expect(readDevice(store)).toBeNull();
    store.setItem(DEVICE_KEY, 'not json');
    expect(readDevice(store)).toBeNull();
  });

  it('sends the device token, or the first-time details with the phone cleaned', () => {
    expect(checkinBody('C', { token: 't'.repeat(30), initials: '' }, null)).toEqual({ code: 'C', deviceToken: 't'.repeat(30) });
    expect(checkinBody('C', null, { phone: '0912 345.678', fullName: ' Nguyễn  Văn An ', communeCode: '07801', sex: 'male' }))
      .toEqual({ code: 'C', phone: '0912345678', fullName: 'Nguyễn Văn An', communeCode: '07801', sex: 'male' });
    expect(checkinBody('C', null, { phone: '0912345678', fullName: 'An', communeCode: '07801', sex: 'male', dateOfBirth: '1990-05-12' }))
      .toMatchObject({ dateOfBirth: '1990-05-12' });
    expect(initialsOf('Nguyễn Văn Ánh')).toBe('N.V.Á.');
  });
});

describe('venue list URL state', () => {
  it('round-trips the filters and drops unknown values', () => {
    const q = venueQueryFromParams(new URLSearchParams('q=chợ&category=market&districtCode=222&communeCode=07801&page=2'));
    expect(q).toMatchObject({ q: 'chợ', category: 'market', districtCode: '222', communeCode: '07801', page: 2 });
    expect(venueQueryToParams(q)).toEqual({ q: 'chợ', category: 'market', districtCode: '222', communeCode: '07801', page: '2' });
    expect(venueQueryFromParams(new URLSearchParams('category=castle&districtCode=x'))).toMatchObject({ category: undefined, districtCode: undefined });
  });
});
