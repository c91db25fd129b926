/**
 * Pure rules of the case (F0) register: the enumerations and their Vietnamese labels, date
 * rules with vi/en messages naming the field, case codes, and the status timeline rules.
 * No I/O; `today` (a Vietnam calendar date) is passed in.
 */
import type { CaseClassification, CaseDetection, CaseStatus } from '../../db/schema.ts';
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { parseCalendarDate } from '../people/people.domain.ts';

export const DETECTIONS: readonly CaseDetection[] = ['community', 'quarantine', 'lockdown_screening', 'enterprise_screening', 'arrival'];
export const CLASSIFICATIONS: readonly CaseClassification[] = ['imported', 'community', 'in_quarantine'];
export const STATUSES: readonly CaseStatus[] = ['isolated', 'in_treatment', 'recovered', 'died'];
/** A case in one of these is still open: the person may not get a second case. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['isolated', 'in_treatment'];
/** Org unit kinds a case can be isolated or treated in. */
export const FACILITY_KINDS = ['treatment_facility', 'quarantine_facility'] as const;

export const DETECTION_LABELS: Record<CaseDetection, LocalisedMessage> = {
  community: { vi: 'Cộng đồng', en: 'Community' },
  quarantine: { vi: 'Khu cách ly', en: 'Quarantine' },
  lockdown_screening: { vi: 'Sàng lọc khu phong tỏa', en: 'Lockdown screening' },
  enterprise_screening: { vi: 'Sàng lọc doanh nghiệp', en: 'Enterprise screening' },
  arrival: { vi: 'Người nhập cảnh/về từ vùng dịch', en: 'Arrival' },
};
export const CLASSIFICATION_LABELS: Record<CaseClassification, LocalisedMessage> = {
  imported: { vi: 'Ca xâm nhập', en: 'Imported' },
  community: { vi: 'Ca cộng đồng', en: 'Community' },
  in_quarantine: { vi: 'Ca trong khu cách ly', en: 'In quarantine' },
};
export const STATUS_LABELS: Record<CaseStatus, LocalisedMessage> = {
  isolated: { vi: 'Cách ly', en: 'Isolated' },
  in_treatment: { vi: 'Đang điều trị', en: 'In treatment' },
  recovered: { vi: 'Khỏi bệnh', en: 'Recovered' },
  died: { vi: 'Tử vong', en: 'Died' },
};

/**
 * Other wordings an import accepts for a value, beside its code and the labels above: first the
 * web app's labels (web/src/shared/i18n vi.ts and en.ts, `cases`), which people copy from the
 * screen, then common short forms. Compared folded, so case and accents never matter.
 */
export const DETECTION_ALIASES: Record<CaseDetection, readonly string[]> = {
  community: ['Phát hiện tại cộng đồng', 'In the community', 'Tại cộng đồng'],
  quarantine: ['Phát hiện trong khu cách ly', 'In a quarantine facility', 'Trong khu cách ly', 'Cách ly'],
  lockdown_screening: ['Sàng lọc vùng phong tỏa', 'Lockdown-area screening', 'Phong tỏa'],
  enterprise_screening: ['Doanh nghiệp'],
  arrival: ['Nhập cảnh', 'On arrival from abroad', 'Người nhập cảnh', 'Về từ vùng dịch'],
};
export const CLASSIFICATION_ALIASES: Record<CaseClassification, readonly string[]> = {
  imported: ['Ca nhập cảnh', 'Xâm nhập', 'Nhập cảnh'],
  community: ['Cộng đồng'],
  in_quarantine: ['Trong khu cách ly', 'Đã cách ly'],
};
export const STATUS_ALIASES: Record<CaseStatus, readonly string[]> = {
  isolated: ['Đang cách ly'],
  in_treatment: ['Điều trị'],
  recovered: ['Khỏi', 'Ra viện'],
  died: [],
};

/** The values of one enumeration and every wording an import accepts for them. */
export interface ImportVocabulary<T extends string> {
  values: readonly T[];
  labels: Record<T, LocalisedMessage>;
  aliases: Record<T, readonly string[]>;
}
export const DETECTION_VOCABULARY: ImportVocabulary<CaseDetection> = { values: DETECTIONS, labels: DETECTION_LABELS, aliases: DETECTION_ALIASES };
export const CLASSIFICATION_VOCABULARY: ImportVocabulary<CaseClassification> = { values: CLASSIFICATIONS, labels: CLASSIFICATION_LABELS, aliases: CLASSIFICATION_ALIASES };
export const STATUS_VOCABULARY: ImportVocabulary<CaseStatus> = { values: STATUSES, labels: STATUS_LABELS, aliases: STATUS_ALIASES };

/** The form two wordings are compared in: folded, and "in_treatment" = "in-treatment" = "in treatment". */
const wordingKey = (text: string) => foldVietnamese(text.replace(/[_-]+/g, ' '));

/** The wordings accepted for `value` beside its code, as written, without repeats: the server label, the aliases, English. */
export function acceptedWordings<T extends string>(vocab: ImportVocabulary<T>, value: T): string[] {
  const all = [vocab.labels[value].vi, ...vocab.aliases[value], vocab.labels[value].en];
  return all.filter((w, i) => all.findIndex((x) => wordingKey(x) === wordingKey(w)) === i);
}

/** A parser for one enumeration; refuses (at load) a wording that would name two values. */
function parserFor<T extends string>(vocab: ImportVocabulary<T>): (raw: string) => T | null {
  const byKey = new Map<string, T>();
  for (const v of vocab.values) {
    for (const w of [v, ...acceptedWordings(vocab, v)]) {
      const other = byKey.get(wordingKey(w));
      if (other !== undefined && other !== v) throw new Error(`import wording "${w}" names both ${other} and ${v}`);
      byKey.set(wordingKey(w), v);
    }
  }
  return (raw) => byKey.get(wordingKey(raw)) ?? null;
}

export const parseDetection = parserFor(DETECTION_VOCABULARY);
export const parseClassification = parserFor(CLASSIFICATION_VOCABULARY);
export const parseStatus = parserFor(STATUS_VOCABULARY);

export interface CaseInput {
  caseCode?: string | null | undefined;
  onsetDate?: string | null | undefined;
  sampleDate?: string | null | undefined;
  confirmationDate?: string | null | undefined;
  isolationDate?: string | null | undefined;
  detection?: string | null | undefined;
  classification?: string | null | undefined;
  status?: string | null | undefined;
  foundPlace?: string | null | undefined;
  note?: string | null | undefined;
}

export interface ValidCase {
  /** null: the register assigns the next BN number. */
  caseCode: string | null;
  onsetDate: string | null;
  sampleDate: string;
  confirmationDate: string;
  isolationDate: string | null;
  detection: CaseDetection;
  classification: CaseClassification;
  status: CaseStatus;
  foundPlace: string | null;
  note: string | null;
}

export const FIELD_LABEL: Record<string, LocalisedMessage> = {
  caseCode: { vi: 'Mã bệnh nhân', en: 'Case code' },
  personId: { vi: 'Mã người', en: 'Person id' },
  nationalId: { vi: 'Số CCCD/CMND', en: 'ID number' },
  onsetDate: { vi: 'Ngày khởi phát', en: 'Onset date' },
  sampleDate: { vi: 'Ngày lấy mẫu', en: 'Sample date' },
  confirmationDate: { vi: 'Ngày khẳng định', en: 'Confirmation date' },
  isolationDate: { vi: 'Ngày cách ly', en: 'Isolation date' },
  detection: { vi: 'Nguồn phát hiện', en: 'Detection' },
  classification: { vi: 'Phân loại', en: 'Classification' },
  status: { vi: 'Tình trạng', en: 'Status' },
  effectiveDate: { vi: 'Ngày hiệu lực', en: 'Effective date' },
  facilityId: { vi: 'Cơ sở cách ly/điều trị', en: 'Facility' },
  foundOrgUnitId: { vi: 'Đơn vị nơi phát hiện', en: 'Organisation where found' },
  foundPlace: { vi: 'Nơi phát hiện', en: 'Place found' },
  communeCode: { vi: 'Mã xã/phường', en: 'Commune code' },
  note: { vi: 'Ghi chú', en: 'Note' },
};

/** One issue whose message starts with the field's label in each language. */
export function caseIssue(field: string, code: string, vi: string, en: string): FieldIssue {
  const label = FIELD_LABEL[field] ?? { vi: field, en: field };
  return { field, code, message: { vi: `${label.vi}: ${vi}`, en: `${label.en}: ${en}` } };
}

const CASE_CODE = /^[A-Z0-9][A-Z0-9._/-]{0,29}$/;

/** 'bn 123' -> 'BN123'; null when it cannot be a case code. */
export function normaliseCaseCode(raw: string): string | null {
  const code = raw.replace(/\s+/g, '').toUpperCase();
  return CASE_CODE.test(code) ? code : null;
}

/** The number of a 'BN<n>' code, or null for any other code. */
export function caseNumberOf(code: string): number | null {
  const m = /^BN(\d{1,15})$/.exec(code);
  return m ? Number(m[1]) : null;
}

export function caseCodeFor(n: number): string {
  return `BN${n}`;
}

function dateField(input: CaseInput, field: 'onsetDate' | 'sampleDate' | 'confirmationDate' | 'isolationDate', today: string, issues: FieldIssue[], required: boolean): string | null {
  const raw = input[field]?.trim();
  if (!raw) {
    if (required) issues.push(caseIssue(field, 'REQUIRED', 'bắt buộc', 'is required'));
    return null;
  }
  const date = parseCalendarDate(raw);
  if (!date) {
    issues.push(caseIssue(field, 'INVALID_DATE', `"${raw}" không phải ngày hợp lệ (DD/MM/YYYY)`, `"${raw}" is not a valid date (DD/MM/YYYY)`));
    return null;
  }
  if (date > today) {
    issues.push(caseIssue(field, 'FUTURE_DATE', 'không được ở tương lai', 'cannot be in the future'));
    return null;
  }
  return date;
}

function text(raw: string | null | undefined, field: string, max: number, issues: FieldIssue[]): string | null {
  const value = raw?.replace(/\s+/g, ' ').trim() || null;
  if (value && value.length > max) issues.push(caseIssue(field, 'TOO_LONG', `tối đa ${max} ký tự`, `at most ${max} characters`));
  return value;
}

/**
 * Validates and normalises one case. Date rules: onset ≤ confirmation, sample ≤ confirmation,
 * no date after `today`. Every issue is returned at once so a form or an import row shows them all.
 */
export function validateCase(input: CaseInput, ctx: { today: string }): { ok: true; value: ValidCase } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  let caseCode: string | null = null;
  const rawCode = input.caseCode?.trim();
  if (rawCode) {
    caseCode = normaliseCaseCode(rawCode);
    if (!caseCode) {
      issues.push(caseIssue('caseCode', 'INVALID_FORMAT', `"${rawCode}" không hợp lệ (chữ và số, tối đa 30 ký tự, ví dụ BN3001)`, `"${rawCode}" is not valid (letters and digits, at most 30, e.g. BN3001)`));
    }
  }

  const onsetDate = dateField(input, 'onsetDate', ctx.today, issues, false);
  const sampleDate = dateField(input, 'sampleDate', ctx.today, issues, true);
  const confirmationDate = dateField(input, 'confirmationDate', ctx.today, issues, true);
  const isolationDate = dateField(input, 'isolationDate', ctx.today, issues, false);
  if (confirmationDate) {
    if (onsetDate && onsetDate > confirmationDate) {
      issues.push(caseIssue('onsetDate', 'AFTER_CONFIRMATION', 'không được sau ngày khẳng định', 'cannot be after the confirmation date'));
    }
    if (sampleDate && sampleDate > confirmationDate) {
      issues.push(caseIssue('sampleDate', 'AFTER_CONFIRMATION', 'không được sau ngày khẳng định', 'cannot be after the confirmation date'));
    }
  }

  const enumField = <T extends string>(field: 'detection' | 'classification' | 'status', parse: (s: string) => T | null, values: readonly T[], labels: Record<T, LocalisedMessage>, fallback?: T) => {
    const raw = input[field]?.trim();
    if (!raw) {
      if (fallback) return fallback;
      issues.push(caseIssue(field, 'REQUIRED', 'bắt buộc', 'is required'));
      return null;
    }
    const v = parse(raw);
    if (!v) {
      issues.push(caseIssue(field, 'INVALID', `"${raw}" không hợp lệ (${values.map((x) => labels[x].vi).join(' / ')})`, `"${raw}" is not valid (${values.join(' / ')})`));
    }
    return v;
  };
  const detection = enumField('detection', parseDetection, DETECTIONS, DETECTION_LABELS);
  const classification = enumField('classification', parseClassification, CLASSIFICATIONS, CLASSIFICATION_LABELS);
  const status = enumField('status', parseStatus, STATUSES, STATUS_LABELS, 'isolated');
  const foundPlace = text(input.foundPlace, 'foundPlace', 300, issues);
  const note = text(input.note, 'note', 2000, issues);

  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { caseCode, onsetDate, sampleDate: sampleDate!, confirmationDate: confirmationDate!, isolationDate, detection: detection!, classification: classification!, status: status!, foundPlace, note },
  };
}

export interface StatusChange {
  status: CaseStatus;
  effectiveDate: string;
}

/**
 * A new timeline step: on or after the confirmation date and the latest step, never in the
 * future. (A case that died is closed; the caller refuses it before asking.)
 */
export function statusChangeIssues(
  current: { confirmationDate: string; latestEventDate: string | null },
  change: { effectiveDate: string },
  today: string,
): FieldIssue[] {
  const date = parseCalendarDate(change.effectiveDate);
  if (!date) {
    return [caseIssue('effectiveDate', 'INVALID_DATE', `"${change.effectiveDate}" không phải ngày hợp lệ`, `"${change.effectiveDate}" is not a valid date`)];
  }
  if (date > today) return [caseIssue('effectiveDate', 'FUTURE_DATE', 'không được ở tương lai', 'cannot be in the future')];
  if (date < current.confirmationDate) {
    return [caseIssue('effectiveDate', 'BEFORE_CONFIRMATION', `không được trước ngày khẳng định (${current.confirmationDate})`, `cannot be before the confirmation date (${current.confirmationDate})`)];
  }
  if (current.latestEventDate && date < current.latestEventDate) {
    return [caseIssue('effectiveDate', 'BEFORE_LATEST_EVENT', `không được trước lần cập nhật tình trạng gần nhất (${current.latestEventDate})`, `cannot be before the latest status change (${current.latestEventDate})`)];
  }
  return [];
}

/** A case that died takes no further status change. */
export function isClosedStatus(status: CaseStatus): boolean {
  return status === 'died';
}

export function isOpenStatus(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
