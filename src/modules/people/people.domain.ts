/**
 * Pure rules of the person register: normalisation, validation with vi/en messages
 * naming the field, and the duplicate keys. No I/O; `today` is passed in.
 */
import type { Sex } from '../../db/schema.ts';
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';

export interface PersonInput {
  fullName?: string | null;
  sex?: string | null;
  dateOfBirth?: string | null;
  nationalId?: string | null;
  phone?: string | null;
  communeCode?: string | null;
  addressDetail?: string | null;
}

export interface ValidPerson {
  fullName: string;
  sex: Sex;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  communeCode: string;
  addressDetail: string | null;
}

const FIELD_LABEL: Record<keyof PersonInput, LocalisedMessage> = {
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  dateOfBirth: { vi: 'Ngày sinh', en: 'Date of birth' },
  nationalId: { vi: 'Số CCCD/CMND', en: 'ID number' },
  phone: { vi: 'Số điện thoại', en: 'Phone' },
  communeCode: { vi: 'Mã xã/phường', en: 'Commune code' },
  addressDetail: { vi: 'Địa chỉ', en: 'Address' },
};

function issue(field: keyof PersonInput, code: string, vi: string, en: string): FieldIssue {
  const label = FIELD_LABEL[field];
  return { field, code, message: { vi: `${label.vi}: ${vi}`, en: `${label.en}: ${en}` } };
}

// Mobile prefixes in use since the 2018 renumbering (Viettel 03x/086/096-98, Vinaphone 08x/091/094,
// MobiFone 07x/089/090/093, Vietnamobile 052/056/058/092, Gmobile 059/099, Itelecom 087).
const MOBILE = /^0(3[2-9]|5[2689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/;
// Fixed lines: 0 + 2-digit area code starting with 2 + 8 digits (e.g. 0204 for Bắc Giang).
const LANDLINE = /^02\d{9}$/;

/** '+84 912 345 678', '84912345678', '0912.345.678' -> '0912345678'; null when it cannot be a Vietnamese number. */
export function normalisePhone(raw: string): string | null {
  let digits = raw.replace(/[\s.\-()]/g, '');
  if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
  else if (/^84\d{9,10}$/.test(digits)) digits = `0${digits.slice(2)}`;
  if (!/^\d+$/.test(digits)) return null;
  return MOBILE.test(digits) || LANDLINE.test(digits) ? digits : null;
}

/** GSO province codes (2 digits) that a CCCD's first three digits ('0' + code) may carry. */
export type ProvinceCodes = ReadonlySet<string>;

/**
 * CCCD (12 digits): birth-province code (3), century+sex (1), year of birth (2), random (6).
 * CMND (9 digits): the old card, checked for shape only.
 */
export function checkNationalId(
  id: string,
  ctx: { provinces: ProvinceCodes; sex?: Sex | undefined; dateOfBirth?: string | null | undefined },
): FieldIssue | null {
  if (/^\d{9}$/.test(id)) return null;
  if (!/^\d{12}$/.test(id)) {
    return issue('nationalId', 'INVALID_FORMAT', 'phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND)', 'must be 12 digits (CCCD) or 9 digits (CMND)');
  }
  if (!id.startsWith('0') || !ctx.provinces.has(id.slice(1, 3))) {
    return issue('nationalId', 'INVALID_PROVINCE', `mã tỉnh "${id.slice(0, 3)}" không tồn tại`, `province code "${id.slice(0, 3)}" does not exist`);
  }
  const genderCentury = Number(id[3]);
  const centuryStart = 1900 + Math.floor(genderCentury / 2) * 100;
  const cardSex: Sex = genderCentury % 2 === 0 ? 'male' : 'female';
  if (ctx.dateOfBirth) {
    const year = Number(ctx.dateOfBirth.slice(0, 4));
    const cardYear = centuryStart + Number(id.slice(4, 6));
    if (year !== cardYear) {
      return issue('nationalId', 'MISMATCH_BIRTH_YEAR', `năm sinh trên số CCCD (${cardYear}) khác ngày sinh (${year})`, `the birth year in the CCCD (${cardYear}) differs from the date of birth (${year})`);
    }
  }
  if (ctx.sex && ctx.sex !== 'other' && ctx.sex !== cardSex) {
    return issue('nationalId', 'MISMATCH_SEX', 'chữ số giới tính trên số CCCD không khớp giới tính', 'the sex digit of the CCCD does not match the sex');
  }
  return null;
}

const SEX_WORDS: Record<string, Sex> = {
  male: 'male', nam: 'male', m: 'male',
  female: 'female', nu: 'female', f: 'female',
  other: 'other', khac: 'other',
};

export function parseSex(raw: string): Sex | null {
  return SEX_WORDS[foldVietnamese(raw)] ?? null;
}

/** 'YYYY-MM-DD' or 'DD/MM/YYYY' -> 'YYYY-MM-DD' if it is a real calendar date. */
export function parseCalendarDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

const NAME = /^[\p{L}][\p{L}\p{M}' .-]*$/u;

/**
 * Validates and normalises one person. `communeExists` is looked up by the caller.
 * Returns every issue at once so a form or an import row can show them all.
 */
export function validatePerson(
  input: PersonInput,
  ctx: { today: string; provinces: ProvinceCodes; communeExists: (code: string) => boolean },
): { ok: true; value: ValidPerson } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const fullName = (input.fullName ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!fullName) issues.push(issue('fullName', 'REQUIRED', 'bắt buộc', 'is required'));
  else if (fullName.length > 100 || !NAME.test(fullName)) {
    issues.push(issue('fullName', 'INVALID_FORMAT', 'chỉ gồm chữ cái và dấu cách, tối đa 100 ký tự', 'letters and spaces only, at most 100 characters'));
  }

  const sex = input.sex ? parseSex(input.sex) : null;
  if (!input.sex) issues.push(issue('sex', 'REQUIRED', 'bắt buộc (Nam/Nữ/Khác)', 'is required (male/female/other)'));
  else if (!sex) issues.push(issue('sex', 'INVALID', `"${input.sex}" không hợp lệ (Nam/Nữ/Khác)`, `"${input.sex}" is not valid (male/female/other)`));

  let dateOfBirth: string | null = null;
  if (input.dateOfBirth) {
    dateOfBirth = parseCalendarDate(input.dateOfBirth);
    if (!dateOfBirth) {
      issues.push(issue('dateOfBirth', 'INVALID_DATE', `"${input.dateOfBirth}" không phải ngày hợp lệ (DD/MM/YYYY)`, `"${input.dateOfBirth}" is not a valid date (DD/MM/YYYY)`));
    } else if (dateOfBirth > ctx.today) {
      issues.push(issue('dateOfBirth', 'FUTURE_DATE', 'không được ở tương lai', 'cannot be in the future'));
    } else if (dateOfBirth < '1900-01-01') {
      issues.push(issue('dateOfBirth', 'TOO_OLD', 'trước năm 1900', 'is before 1900'));
    }
  }

  let nationalId: string | null = null;
  if (input.nationalId && input.nationalId.trim()) {
    nationalId = input.nationalId.replace(/\s/g, '');
    const bad = checkNationalId(nationalId, { provinces: ctx.provinces, sex: sex ?? undefined, dateOfBirth });
    if (bad) issues.push(bad);
  }

  let phone: string | null = null;
  if (input.phone && input.phone.trim()) {
    phone = normalisePhone(input.phone);
    if (!phone) {
      issues.push(issue('phone', 'INVALID_FORMAT', `"${input.phone}" không phải số điện thoại Việt Nam (10 số, ví dụ 0912345678)`, `"${input.phone}" is not a Vietnamese phone number (10 digits, e.g. 0912345678)`));
    }
  }

  const communeCode = (input.communeCode ?? '').trim();
  if (!communeCode) issues.push(issue('communeCode', 'REQUIRED', 'bắt buộc', 'is required'));
  else if (!/^\d{5}$/.test(communeCode) || !ctx.communeExists(communeCode)) {
    issues.push(issue('communeCode', 'UNKNOWN_COMMUNE', `không có xã/phường mã "${communeCode}"`, `no commune has code "${communeCode}"`));
  }

  const addressDetail = input.addressDetail?.trim() || null;
  if (addressDetail && addressDetail.length > 200) {
    issues.push(issue('addressDetail', 'TOO_LONG', 'tối đa 200 ký tự', 'at most 200 characters'));
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { fullName, sex: sex!, dateOfBirth, nationalId, phone, communeCode, addressDetail } };
}

/** Key of the soft duplicate rule: same folded name, date of birth and phone. */
export function softDuplicateKey(p: { fullName: string; dateOfBirth: string | null; phone: string | null }): string | null {
  if (!p.dateOfBirth || !p.phone) return null;
  return `${foldVietnamese(p.fullName)}|${p.dateOfBirth}|${p.phone}`;
}

/** Masks all but the last `keep` characters: '001203004567' -> '********4567'. */
export function maskValue(value: string | null, keep: number): string | null {
  if (value == null) return null;
  return value.length <= keep ? '*'.repeat(value.length) : '*'.repeat(value.length - keep) + value.slice(-keep);
}
