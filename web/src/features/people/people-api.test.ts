import { describe, expect, it } from 'vitest';
import { maskedFieldsOf, type PersonEdit, personPatch, type PersonView, withPeopleFilters } from './people-api.ts';

const person: PersonView = {
  id: 7,
  fullName: 'Nguyễn Văn An',
  sex: 'male',
  dateOfBirth: '1990-04-12',
  nationalId: '024090001234',
  phone: '0912345678',
  communeCode: '07210',
  communeName: 'Phường Trần Phú',
  districtCode: '213',
  districtName: 'Thành phố Bắc Giang',
  addressDetail: 'Số 5 ngõ 12',
  householdId: 3,
  createdAt: '2021-05-01T00:00:00Z',
  updatedAt: '2021-05-01T00:00:00Z',
  masked: false,
};

const unchanged: PersonEdit = {
  fullName: person.fullName,
  sex: person.sex,
  dateOfBirth: person.dateOfBirth,
  nationalId: person.nationalId,
  phone: person.phone,
  communeCode: person.communeCode,
  addressDetail: person.addressDetail,
};

describe('person edit', () => {
  it('sends only the fields that changed, null to clear one', () => {
    expect(personPatch(person, unchanged)).toEqual({});
    expect(personPatch(person, { ...unchanged, phone: null, communeCode: '07213' })).toEqual({ phone: null, communeCode: '07213' });
    expect(personPatch({ ...person, addressDetail: null }, { ...unchanged, addressDetail: null })).toEqual({});
  });

  it('never sends back a value the role sees masked', () => {
    const masked: PersonView = { ...person, masked: true, nationalId: '********1234', dateOfBirth: '1990-**-**', phone: null };
    expect(maskedFieldsOf(masked)).toEqual(['dateOfBirth', 'nationalId']);
    expect(maskedFieldsOf(person)).toEqual([]);
    const patch = personPatch(masked, { ...unchanged, nationalId: '********1234', dateOfBirth: null, phone: null, fullName: 'Nguyễn Văn Ân' });
    expect(patch).toEqual({ fullName: 'Nguyễn Văn Ân' });
  });
});

describe('withPeopleFilters', () => {
  it('clears a filter that is no longer set and goes back to page 1, keeping size and order', () => {
    const before = { q: 'hoa', districtCode: '222', communeCode: '07801', page: 4, pageSize: 50, sort: 'fullName' as const };
    expect(withPeopleFilters(before, {})).toEqual({ q: undefined, districtCode: undefined, communeCode: undefined, page: 1, pageSize: 50, sort: 'fullName' });
    expect(withPeopleFilters(before, { districtCode: '213' })).toMatchObject({ districtCode: '213', communeCode: undefined, q: undefined });
  });
});
