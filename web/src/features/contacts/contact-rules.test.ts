import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client.ts';
import { en } from '../../shared/i18n/en.ts';
import { vi } from '../../shared/i18n/vi.ts';
import {
  endDateProblem, fieldErrorsOf, groupKindLabel, intervalText, isEndDateDisabled, personOptionLabel, startDateProblem, vnToday,
} from './contact-rules.ts';
import { contactsPaths, GROUP_KINDS } from './contacts-api.ts';

describe('group kinds', () => {
  it('are labelled in Vietnamese as the field teams say them, and in English', () => {
    const viLabel = (k: string) => groupKindLabel(k, (kind) => vi.contacts.kinds[kind]);
    expect(GROUP_KINDS.map(viLabel)).toEqual(['Hộ gia đình', 'Phòng trọ', 'Phân xưởng – ca', 'Tuyến xe đưa đón']);
    expect(GROUP_KINDS.map((k) => groupKindLabel(k, (kind) => en.contacts.kinds[kind])).every((l) => l.length > 0 && !l.includes('_'))).toBe(true);
  });

  it('shows a kind it does not know as the server sent it', () => {
    expect(groupKindLabel('ferry', () => 'x')).toBe('ferry');
  });
});

describe('membership intervals', () => {
  it('shows DD/MM/YYYY, with the open end as "until now"', () => {
    expect(intervalText('2021-05-01', '2021-05-10', 'đến nay')).toBe('01/05/2021 – 10/05/2021');
    expect(intervalText('2021-05-01', null, 'đến nay')).toBe('01/05/2021 – đến nay');
  });

  it('takes today from Vietnam time, whatever the browser zone', () => {
    expect(vnToday(new Date('2021-05-06T16:59:59Z'))).toBe('2021-05-06');
    expect(vnToday(new Date('2021-05-06T17:00:00Z'))).toBe('2021-05-07');
  });

  it('refuses an end date before the start or in the future; the start day itself is allowed', () => {
    const today = '2021-05-20';
    expect(endDateProblem('2021-05-01', '2021-05-10', today)).toBeNull();
    expect(endDateProblem('2021-05-01', '2021-05-01', today)).toBeNull();
    expect(endDateProblem('2021-05-01', '2021-05-20', today)).toBeNull();
    expect(endDateProblem('2021-05-01', '2021-04-30', today)).toBe('beforeStart');
    expect(endDateProblem('2021-05-01', '2021-05-21', today)).toBe('future');
    expect(endDateProblem('2021-05-01', null, today)).toBeNull();
    expect(endDateProblem('2021-05-01', null, today, true)).toBe('required');
  });

  it('refuses a missing or future start date', () => {
    expect(startDateProblem('2021-05-20', '2021-05-20')).toBeNull();
    expect(startDateProblem('2021-05-21', '2021-05-20')).toBe('future');
    expect(startDateProblem(undefined, '2021-05-20')).toBe('required');
  });

  it('greys out the same days in the end-date picker', () => {
    expect(isEndDateDisabled('2021-04-30', '2021-05-01', '2021-05-20')).toBe(true);
    expect(isEndDateDisabled('2021-05-01', '2021-05-01', '2021-05-20')).toBe(false);
    expect(isEndDateDisabled('2021-05-21', '2021-05-01', '2021-05-20')).toBe(true);
    expect(isEndDateDisabled('2021-01-01', undefined, '2021-05-20')).toBe(false);
  });
});

describe('people and errors', () => {
  it('labels a person with name, birth year and commune; a masked year is left out', () => {
    const p = { id: 1, fullName: 'Nguyễn Văn An', dateOfBirth: '1990-04-12', communeName: 'Phường Trần Phú' };
    expect(personOptionLabel(p)).toBe('Nguyễn Văn An · 1990 · Phường Trần Phú');
    expect(personOptionLabel({ ...p, dateOfBirth: '****-**-**' })).toBe('Nguyễn Văn An · Phường Trần Phú');
    expect(personOptionLabel({ ...p, dateOfBirth: null })).toBe('Nguyễn Văn An · Phường Trần Phú');
  });

  it("puts a 400's issues under the fields the form shows, the rest above it", () => {
    const error = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: { vi: 'Ngày không được ở tương lai', en: 'The date cannot be in the future' },
      field: 'validTo',
      details: {
        issues: [
          { field: 'validTo', code: 'FUTURE', message: { vi: 'Ngày không được ở tương lai', en: 'The date cannot be in the future' } },
          { field: 'personId', code: 'UNKNOWN_PERSON', message: { vi: 'Không có người', en: 'No person' } },
        ],
      },
    });
    expect(fieldErrorsOf(error, new Set(['validFrom', 'validTo']), 'en')).toEqual({
      fields: [{ name: 'validTo', errors: ['The date cannot be in the future'] }],
      other: ['No person'],
    });
  });

  it('places an error with only a field, and nothing for other errors', () => {
    const dup = new ApiError(409, { code: 'DUPLICATE', message: { vi: 'Trùng', en: 'Duplicate' }, field: 'personB' });
    expect(fieldErrorsOf(dup, new Set(['personB']), 'vi')).toEqual({ fields: [{ name: 'personB', errors: ['Trùng'] }], other: [] });
    expect(fieldErrorsOf(new ApiError(403, { code: 'OUT_OF_SCOPE', message: { vi: 'x', en: 'x' } }), new Set(['date']), 'vi')).toBeNull();
    expect(fieldErrorsOf(new Error('boom'), new Set(['date']), 'vi')).toBeNull();
  });

  it('searches groups of one kind by name', () => {
    expect(contactsPaths.groups({ kind: 'room', q: ' nhà trọ ' })).toBe('/api/contacts/groups?kind=room&q=nh%C3%A0+tr%E1%BB%8D&pageSize=20');
    expect(contactsPaths.groups({})).toBe('/api/contacts/groups?pageSize=20');
  });
});
