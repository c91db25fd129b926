import { describe, expect, it } from 'vitest';
import { sameNames } from '../../shared/ui/form-issues.tsx';
import {
  COMMUNE_CODE,
  confirmationProblem,
  hasCapacity,
  isPhone,
  passwordProblem,
  REGISTRATION_FIELDS,
  registrationBody,
  type RegistrationDraft,
  USERNAME,
} from './registration-form.ts';

const draft: RegistrationDraft = {
  kind: 'lab',
  name: '  Phòng xét nghiệm CDC Bắc Giang ',
  communeCode: ' 07210 ',
  address: '  Số 2 đường Hùng Vương ',
  capacityPerDay: 3000,
  contactName: ' Trần Thị Bình ',
  contactPhone: '0912 345 678',
  username: ' XN.CDC ',
  password: ' secret pw ',
  passwordConfirmation: ' secret pw ',
};

describe('the password of the new account', () => {
  it('needs at least 8 characters', () => {
    expect(passwordProblem('1234567')).toBe('tooShort');
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('')).toBe('tooShort');
    expect(passwordProblem(undefined)).toBe('tooShort');
  });

  it('must be typed the same twice, exactly', () => {
    expect(confirmationProblem('demo2021x', 'demo2021x')).toBeNull();
    expect(confirmationProblem('demo2021x', 'demo2021X')).toBe('mismatch');
    expect(confirmationProblem('demo2021x', 'demo2021x ')).toBe('mismatch');
    expect(confirmationProblem('demo2021x', undefined)).toBe('mismatch');
  });
});

describe('the registration body', () => {
  it('trims the text, lower-cases the username, strips the phone, and never sends the confirmation', () => {
    expect(registrationBody(draft)).toEqual({
      kind: 'lab',
      name: 'Phòng xét nghiệm CDC Bắc Giang',
      communeCode: '07210',
      address: 'Số 2 đường Hùng Vương',
      capacityPerDay: 3000,
      contactName: 'Trần Thị Bình',
      contactPhone: '0912345678',
      username: 'xn.cdc',
      password: ' secret pw ',
    });
  });

  it('leaves out a blank address', () => {
    expect(registrationBody({ ...draft, address: '   ' })).not.toHaveProperty('address');
    expect(registrationBody({ ...draft, address: null })).not.toHaveProperty('address');
  });

  it('sends the capacity for a lab only, even when another kind still holds one', () => {
    expect(registrationBody({ ...draft, kind: 'hospital' })).not.toHaveProperty('capacityPerDay');
    expect(registrationBody({ ...draft, kind: 'sampling_team' })).not.toHaveProperty('capacityPerDay');
    expect(registrationBody({ ...draft, capacityPerDay: null })).not.toHaveProperty('capacityPerDay');
    expect(hasCapacity('lab')).toBe(true);
    expect(hasCapacity('private_clinic')).toBe(false);
    expect(hasCapacity(undefined)).toBe(false);
  });
});

describe('the checks made before sending', () => {
  it('takes a 5-digit commune code only', () => {
    expect(COMMUNE_CODE.test('07210')).toBe(true);
    expect(COMMUNE_CODE.test('7210')).toBe(false);
    expect(COMMUNE_CODE.test('072100')).toBe(false);
    expect(COMMUNE_CODE.test('0721a')).toBe(false);
  });

  it('takes phone numbers as the server does, spaces aside', () => {
    expect(isPhone('0912 345 678')).toBe(true);
    expect(isPhone('02043855123')).toBe(true);
    expect(isPhone('912345678')).toBe(false);
    expect(isPhone('+84912345678')).toBe(false);
    expect(isPhone(undefined)).toBe(false);
  });

  it('takes usernames as the server does', () => {
    expect(USERNAME.test('xn.cdc')).toBe(true);
    expect(USERNAME.test('xn')).toBe(false);
    expect(USERNAME.test('.xn-cdc')).toBe(false);
    expect(USERNAME.test('xét-nghiệm')).toBe(false);
  });

  it('shows the server issues under the fields of the same name, and only those', () => {
    const fieldOf = sameNames(REGISTRATION_FIELDS);
    expect(fieldOf('communeCode')).toBe('communeCode');
    expect(fieldOf('capacityPerDay')).toBe('capacityPerDay');
    expect(fieldOf('password')).toBe('password');
    expect(fieldOf('passwordConfirmation')).toBeUndefined();
    expect(fieldOf('(body)')).toBeUndefined();
  });
});
