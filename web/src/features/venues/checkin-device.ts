/**
 * What a phone keeps between check-ins: the device token the server gave on the first check-in
 * (the server keeps only its hash) and the initials shown on the confirmation. Nothing else of
 * the person stays on the phone.
 */
import type { CheckinBody } from './venues-api.ts';

export const DEVICE_KEY = 'epi.checkin.device';

export interface StoredDevice { token: string; initials: string }

interface KeyValueStore { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void }

export function readDevice(store: KeyValueStore | undefined): StoredDevice | null {
  try {
    const raw = store?.getItem(DEVICE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<StoredDevice>;
    return typeof v.token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(v.token) ? { token: v.token, initials: typeof v.initials === 'string' ? v.initials : '' } : null;
  } catch {
    return null;
  }
}

export function saveDevice(store: KeyValueStore | undefined, device: StoredDevice): void {
  try {
    store?.setItem(DEVICE_KEY, JSON.stringify(device));
  } catch {
    // Private browsing may refuse storage: the phone is simply asked again next time.
  }
}

export function forgetDevice(store: KeyValueStore | undefined): void {
  try {
    store?.removeItem(DEVICE_KEY);
  } catch {
    // as above
  }
}

/** "Nguyễn Văn An" -> "N.V.A." (as the server shows a name). */
export function initialsOf(fullName: string): string {
  return fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean).map((w) => `${[...w][0]!.toUpperCase()}.`).join('');
}

export interface FirstTimeValues { phone: string; fullName: string; communeCode: string; sex: 'male' | 'female' | 'other'; dateOfBirth?: string | undefined }

/** The body of a check-in: the remembered device, or the first-time details (the phone with its spaces taken out). */
export function checkinBody(code: string, device: StoredDevice | null, details: FirstTimeValues | null): CheckinBody {
  if (details) {
    return {
      code, phone: details.phone.replace(/[\s.]/g, ''), fullName: details.fullName.trim().replace(/\s+/g, ' '), communeCode: details.communeCode, sex: details.sex,
      ...(details.dateOfBirth ? { dateOfBirth: details.dateOfBirth } : {}),
    };
  }
  return device ? { code, deviceToken: device.token } : { code };
}

/** The browser's storage when there is one (not in tests or when refused). */
export function browserStore(): KeyValueStore | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
