/** Pure helpers of the public registration form: the password checks and the POST body. */
import type { RegistrationBody, UnitKind } from './registration-api.ts';

/** As the server (auth users.service MIN_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 8;

/** A commune's GSO code: the places list needs a sign-in, so the public form takes the code. */
export const COMMUNE_CODE = /^\d{5}$/;

/** As the server's USERNAME rule, once lower-cased: 3–50 letters, digits, dot, dash, underscore. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;

/** As the server: a Vietnamese phone number, spaces aside. */
export const PHONE = /^0\d{9,10}$/;

export const isPhone = (value: string | undefined) => PHONE.test((value ?? '').replace(/\s/g, ''));

/** The capacity per day the server accepts (labs only). */
export const CAPACITY_RANGE = { min: 1, max: 100_000 } as const;

/** The fields the server's issues may name, as the form names them too. */
export const REGISTRATION_FIELDS = [
  'kind',
  'name',
  'communeCode',
  'address',
  'capacityPerDay',
  'contactName',
  'contactPhone',
  'username',
  'password',
] as const;

/** Only a lab states how many tubes a day it can test. */
export const hasCapacity = (kind: UnitKind | undefined) => kind === 'lab';

export type PasswordProblem = 'tooShort' | null;
export type ConfirmationProblem = 'mismatch' | null;

export function passwordProblem(password: string | undefined): PasswordProblem {
  return (password ?? '').length < MIN_PASSWORD_LENGTH ? 'tooShort' : null;
}

export function confirmationProblem(password: string | undefined, confirmation: string | undefined): ConfirmationProblem {
  return (password ?? '') === (confirmation ?? '') ? null : 'mismatch';
}

/** The form's values as typed; the confirmation is checked here, never sent. */
export interface RegistrationDraft {
  kind: UnitKind;
  name: string;
  communeCode: string;
  address?: string | null;
  capacityPerDay?: number | null;
  contactName: string;
  contactPhone: string;
  username: string;
  password: string;
  passwordConfirmation?: string;
}

/**
 * POST body: trimmed text, the username lower-cased (the account signs in with it as stored), a
 * blank address left out, the capacity only for a lab. The password goes as typed.
 */
export function registrationBody(d: RegistrationDraft): RegistrationBody {
  const body: RegistrationBody = {
    kind: d.kind,
    name: d.name.trim(),
    communeCode: d.communeCode.trim(),
    contactName: d.contactName.trim(),
    contactPhone: d.contactPhone.replace(/\s/g, ''),
    username: d.username.trim().toLowerCase(),
    password: d.password,
  };
  const address = d.address?.trim();
  if (address) body.address = address;
  if (hasCapacity(d.kind) && d.capacityPerDay != null) body.capacityPerDay = d.capacityPerDay;
  return body;
}
