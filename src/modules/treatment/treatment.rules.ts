/**
 * Treatment rules of the Ministry of Health, as pure functions: the 3-tier treatment tower
 * (QĐ 5525/QĐ-BYT: an F0's risk group sets the care level and the bed it needs), home-care
 * eligibility (QĐ 4038/QĐ-BYT) and the release of an F0 from isolation and treatment
 * (QĐ 250/QĐ-BYT, 2022). Release rules are versioned by effective date, so a past decision is
 * judged by the rule in force that day. No I/O; dates are 'YYYY-MM-DD' calendar dates passed in.
 */
import { addDays, vnDateOf } from '../../lib/time.ts';
import type { LocalisedMessage } from '../../server/errors.ts';

export type F0RiskGroup = 'low' | 'medium' | 'high' | 'very_high';
export type CareLevel = 'home_care' | 'tier1' | 'tier2' | 'tier3';
export type BedKind = 'normal' | 'oxygen' | 'icu';

export const F0_RISK_GROUPS: readonly F0RiskGroup[] = ['low', 'medium', 'high', 'very_high'];
/** Lowest to highest: the order transferDirection compares in. */
export const CARE_LEVELS: readonly CareLevel[] = ['home_care', 'tier1', 'tier2', 'tier3'];

export const F0_RISK_LABELS: Record<F0RiskGroup, LocalisedMessage> = {
  low: { vi: 'Nguy cơ thấp', en: 'Low risk' },
  medium: { vi: 'Nguy cơ trung bình', en: 'Medium risk' },
  high: { vi: 'Nguy cơ cao', en: 'High risk' },
  very_high: { vi: 'Nguy cơ rất cao', en: 'Very high risk' },
};
export const CARE_LEVEL_LABELS: Record<CareLevel, LocalisedMessage> = {
  home_care: { vi: 'Chăm sóc tại nhà', en: 'Home care' },
  tier1: { vi: 'Tầng 1', en: 'Tier 1' },
  tier2: { vi: 'Tầng 2', en: 'Tier 2' },
  tier3: { vi: 'Tầng 3 (hồi sức tích cực)', en: 'Tier 3 (intensive care)' },
};

const CARE_LEVEL_OF_RISK: Record<F0RiskGroup, CareLevel> = { low: 'home_care', medium: 'tier1', high: 'tier2', very_high: 'tier3' };
const BED_KIND_OF_LEVEL: Record<CareLevel, BedKind | null> = { home_care: null, tier1: 'normal', tier2: 'oxygen', tier3: 'icu' };

/** QĐ 5525: low → home care, medium → tier 1, high → tier 2, very high → tier 3 / ICU. */
export function careLevelFor(risk: F0RiskGroup): CareLevel {
  return CARE_LEVEL_OF_RISK[risk];
}

/** Bed kind a care level needs: tier3 → 'icu', tier2 → 'oxygen', tier1 → 'normal', home_care → null. */
export function bedKindFor(level: CareLevel): BedKind | null {
  return BED_KIND_OF_LEVEL[level];
}

/** Tier change direction, for transfer history: home_care < tier1 < tier2 < tier3. */
export function transferDirection(from: CareLevel, to: CareLevel): 'up' | 'down' | 'same' {
  const diff = CARE_LEVELS.indexOf(to) - CARE_LEVELS.indexOf(from);
  return diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
}

export interface Vitals { spo2: number | null; respiratoryRate: number | null; uncontrolledComorbidity: boolean | null }
export interface HomeCareEligibility {
  eligible: boolean;
  /** Why not eligible: a measure out of the home-care limits, or not taken. */
  reasons: LocalisedMessage[];
  /** Values no patient can have (a typing or device error): they make the person not eligible too. */
  invalid: Array<{ field: 'spo2' | 'respiratoryRate'; message: LocalisedMessage }>;
}

/** QĐ 4038 limits for care at home. */
export const HOME_CARE_MIN_SPO2 = 96;
export const HOME_CARE_MAX_RESPIRATORY_RATE = 20;
/** Plausible ranges: outside them the value was mistyped, not measured. */
const SPO2_RANGE = { min: 50, max: 100 } as const;
const RESPIRATORY_RATE_RANGE = { min: 5, max: 80 } as const;

const inRange = (v: number, r: { min: number; max: number }) => Number.isFinite(v) && v >= r.min && v <= r.max;

/**
 * QĐ 4038 home-care eligibility: SpO2 ≥ 96 %, respiratory rate ≤ 20/min, no uncontrolled
 * comorbidity. A missing measure makes the person not eligible (we cannot vouch for what was not
 * measured), with a reason naming it. An implausible value (SpO2 outside 50..100, rate outside
 * 5..80) is listed in `invalid`, not in `reasons`, and also makes the person not eligible.
 */
export function homeCareEligibility(v: Vitals): HomeCareEligibility {
  const reasons: LocalisedMessage[] = [];
  const invalid: HomeCareEligibility['invalid'] = [];

  if (v.spo2 === null) {
    reasons.push({ vi: 'Chưa đo SpO2', en: 'SpO2 not measured' });
  } else if (!inRange(v.spo2, SPO2_RANGE)) {
    invalid.push({ field: 'spo2', message: { vi: `SpO2 ${v.spo2}% không hợp lệ (phải từ ${SPO2_RANGE.min} đến ${SPO2_RANGE.max}%)`, en: `SpO2 ${v.spo2}% is not valid (must be ${SPO2_RANGE.min} to ${SPO2_RANGE.max}%)` } });
  } else if (v.spo2 < HOME_CARE_MIN_SPO2) {
    reasons.push({ vi: `SpO2 ${v.spo2}%, dưới ${HOME_CARE_MIN_SPO2}%`, en: `SpO2 ${v.spo2}% is below ${HOME_CARE_MIN_SPO2}%` });
  }

  if (v.respiratoryRate === null) {
    reasons.push({ vi: 'Chưa đếm nhịp thở', en: 'Respiratory rate not measured' });
  } else if (!inRange(v.respiratoryRate, RESPIRATORY_RATE_RANGE)) {
    invalid.push({
      field: 'respiratoryRate',
      message: { vi: `Nhịp thở ${v.respiratoryRate} lần/phút không hợp lệ (phải từ ${RESPIRATORY_RATE_RANGE.min} đến ${RESPIRATORY_RATE_RANGE.max})`, en: `Respiratory rate ${v.respiratoryRate}/min is not valid (must be ${RESPIRATORY_RATE_RANGE.min} to ${RESPIRATORY_RATE_RANGE.max})` },
    });
  } else if (v.respiratoryRate > HOME_CARE_MAX_RESPIRATORY_RATE) {
    reasons.push({ vi: `Nhịp thở ${v.respiratoryRate} lần/phút, trên ${HOME_CARE_MAX_RESPIRATORY_RATE} lần/phút`, en: `Respiratory rate ${v.respiratoryRate}/min is above ${HOME_CARE_MAX_RESPIRATORY_RATE}/min` });
  }

  if (v.uncontrolledComorbidity === null) {
    reasons.push({ vi: 'Chưa đánh giá bệnh nền', en: 'Comorbidities not assessed' });
  } else if (v.uncontrolledComorbidity) {
    reasons.push({ vi: 'Có bệnh nền chưa được kiểm soát', en: 'Has an uncontrolled comorbidity' });
  }

  return { eligible: reasons.length === 0 && invalid.length === 0, reasons, invalid };
}

export interface F0ReleaseRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  /** Day on which a negative rapid antigen test allows release. */
  daysWithNegativeRapidTest: number;
  /** Day of release without a negative test (or with a positive one). */
  daysWithoutTest: number;
  /** Day of release when symptoms persist. */
  daysWithPersistentSymptoms: number;
}

export const F0_RELEASE_RULE_VERSIONS: readonly F0ReleaseRuleVersion[] = [
  {
    code: 'qd250-2022',
    document: 'Quyết định 250/QĐ-BYT',
    name: { vi: 'Hướng dẫn chẩn đoán và điều trị COVID-19 (QĐ 250/QĐ-BYT ngày 28/01/2022)', en: 'COVID-19 diagnosis and treatment guidance (Decision 250/QĐ-BYT of 2022-01-28)' },
    effectiveFrom: '2022-01-28',
    daysWithNegativeRapidTest: 7,
    daysWithoutTest: 10,
    daysWithPersistentSymptoms: 14,
  },
];

/**
 * The version in force on `date`: the latest one effective on or before it. Before every version
 * the earliest one applies, with fallback: true — the province's default until an older version
 * is configured, so the caller can say the rule is anachronistic.
 */
export function f0ReleaseRuleInForce(date: string, versions: readonly F0ReleaseRuleVersion[] = F0_RELEASE_RULE_VERSIONS): { rule: F0ReleaseRuleVersion; fallback: boolean } {
  const sorted = [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  const earliest = sorted[0];
  if (!earliest) throw new RangeError('no F0 release rule version configured');
  const inForce = sorted.filter((v) => v.effectiveFrom <= date).at(-1);
  return inForce ? { rule: inForce, fallback: false } : { rule: earliest, fallback: true };
}

export interface F0ReleaseFacts {
  /** Day 1: the confirmation or admission date. */
  startDate: string;
  /** Date of a negative rapid antigen test, if any. */
  rapidTestNegativeOn: string | null;
  persistentSymptoms: boolean;
}
export interface F0ReleaseDecision {
  releasable: boolean;
  earliestDate: string;
  basis: 'rapid_test' | 'days' | 'persistent_symptoms';
  reason: LocalisedMessage;
}

/** 'YYYY-MM-DD' as Vietnamese write it: DD/MM/YYYY. */

/**
 * Day 1 = startDate; release is possible at the end of day N, i.e. on start + N − 1. Persistent
 * symptoms set N = daysWithPersistentSymptoms whatever the tests say. Otherwise a negative rapid
 * test taken on or after day daysWithNegativeRapidTest allows release on the day of that test
 * (one taken earlier proves nothing about the end of the illness); when that day is not before
 * the daysWithoutTest day, the plain count is the earlier route and is the basis given.
 */
export function f0ReleaseDecision(facts: F0ReleaseFacts, rule: F0ReleaseRuleVersion, today: string): F0ReleaseDecision {
  const dayN = (n: number) => addDays(facts.startDate, n - 1);
  const byDays = dayN(rule.daysWithoutTest);
  const testFrom = dayN(rule.daysWithNegativeRapidTest);
  const test = facts.rapidTestNegativeOn;

  let earliestDate: string;
  let basis: F0ReleaseDecision['basis'];
  let why: LocalisedMessage;
  if (facts.persistentSymptoms) {
    earliestDate = dayN(rule.daysWithPersistentSymptoms);
    basis = 'persistent_symptoms';
    why = { vi: `còn triệu chứng kéo dài: đủ ${rule.daysWithPersistentSymptoms} ngày`, en: `symptoms persist: ${rule.daysWithPersistentSymptoms} days` };
  } else if (test !== null && test >= testFrom && test < byDays) {
    earliestDate = test;
    basis = 'rapid_test';
    why = { vi: `xét nghiệm nhanh âm tính ngày ${vnDateOf(test)}, sau đủ ${rule.daysWithNegativeRapidTest} ngày`, en: `negative rapid test on ${test}, after ${rule.daysWithNegativeRapidTest} days` };
  } else {
    earliestDate = byDays;
    basis = 'days';
    why = test !== null && test < testFrom
      ? { vi: `xét nghiệm nhanh ngày ${vnDateOf(test)} trước ngày thứ ${rule.daysWithNegativeRapidTest} nên không tính: đủ ${rule.daysWithoutTest} ngày`, en: `the rapid test of ${test} was before day ${rule.daysWithNegativeRapidTest} and does not count: ${rule.daysWithoutTest} days` }
      : { vi: `đủ ${rule.daysWithoutTest} ngày`, en: `${rule.daysWithoutTest} days` };
  }

  const releasable = today >= earliestDate;
  const reason: LocalisedMessage = releasable
    ? { vi: `Đủ điều kiện kết thúc cách ly, điều trị từ ngày ${vnDateOf(earliestDate)} (${why.vi}; ${rule.document})`, en: `May be released from ${earliestDate} (${why.en}; ${rule.document})` }
    : { vi: `Chưa đủ điều kiện: sớm nhất ngày ${vnDateOf(earliestDate)} (${why.vi}; ${rule.document})`, en: `Not yet: earliest ${earliestDate} (${why.en}; ${rule.document})` };
  return { releasable, earliestDate, basis, reason };
}
