/** Pure helpers of the testing units: the unit creation body, the phone check, the decision on a request. */
import type { DecisionBody, RegistrationStatus, UnitCreateBody, UnitKind } from './units-api.ts';

export const REGISTRATION_STATUS_COLOURS: Record<RegistrationStatus, string> = { pending: 'orange', approved: 'green', rejected: 'default' };

/** Only a lab states how many tubes it tests a day (the capacity tab adds them up). */
export const hasCapacity = (kind: UnitKind | undefined) => kind === 'lab';

/** The capacities the server accepts. */
export const CAPACITY_RANGE = { min: 1, max: 100_000 } as const;

/** As the server: 0 then 9 or 10 digits, spaces allowed in between ("0912 345 678"). */
export function isPhone(value: string): boolean {
  return /^0\d{9,10}$/.test(value.replace(/\s/g, ''));
}

/** The form's values. Text fields may be blank or padded. */
export interface UnitDraft {
  kind: UnitKind;
  name: string;
  communeCode: string;
  address?: string | null;
  capacityPerDay?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
}

const trimmed = (s: string | null | undefined) => s?.trim() || undefined;

/** POST /api/testing/units: texts trimmed, blanks left out, the phone without spaces, the capacity only for a lab. */
export function unitCreateBody(d: UnitDraft): UnitCreateBody {
  const body: UnitCreateBody = { kind: d.kind, name: d.name.trim(), communeCode: d.communeCode };
  const address = trimmed(d.address);
  if (address) body.address = address;
  if (hasCapacity(d.kind) && d.capacityPerDay != null) body.capacityPerDay = d.capacityPerDay;
  const contactName = trimmed(d.contactName);
  if (contactName) body.contactName = contactName;
  const phone = d.contactPhone?.replace(/\s/g, '');
  if (phone) body.contactPhone = phone;
  return body;
}

/** The fields the server's issues may name, as the form names them too. */
export const UNIT_FIELDS = ['kind', 'name', 'communeCode', 'address', 'capacityPerDay', 'contactName', 'contactPhone'] as const;

/** The decision approving a request: the unit and its first account are created from it. */
export const APPROVAL: DecisionBody = { approve: true };

/** The decision refusing a request, with its reason trimmed (the server refuses a refusal without one). */
export function rejectionBody(note: string): DecisionBody {
  return { approve: false, note: note.trim() };
}
