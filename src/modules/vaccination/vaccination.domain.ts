/**
 * Vaccination rules, pure: the dated interval-rule versions per product, the checks on a dose
 * before it is recorded, age cut-offs for coverage, and the percentages levels read.
 */
import { addDays, dayNumber, vnDateOf } from '../../lib/time.ts';
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';

export interface ProductInterval {
  /** Below this many days after the previous dose the dose is refused (the rule's minimum). */
  minDays: number;
  /** Below this, but not below minDays: a warning that needs an explicit override with a reason. */
  recommendedDays: number;
  /** Later than this: a note only (the course goes on). */
  maxDays: number | null;
}

export interface VaccineRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  /** Interval from the previous dose, per product code (the product of the dose being given). */
  intervals: Record<string, ProductInterval>;
  /** Days after the last dose of the full course before an additional dose. */
  boosterMinDays: number;
  /** Pairs [earlier product, later product] allowed to mix; the same product always is. */
  allowedMixes: Array<[string, string]>;
}

/** The 2021 practice (MOH guidance for each product; AstraZeneca given 4–12 weeks apart, 8–12 advised). */
export const VACCINE_RULE_VERSIONS: readonly VaccineRuleVersion[] = [{
  code: 'BYT-2021',
  document: 'Hướng dẫn tiêm chủng vắc xin phòng COVID-19 (Bộ Y tế, 2021)',
  name: { vi: 'Khoảng cách mũi tiêm theo hướng dẫn 2021', en: 'Dose intervals per the 2021 guidance' },
  effectiveFrom: '2021-03-01',
  intervals: {
    astrazeneca: { minDays: 28, recommendedDays: 56, maxDays: 84 },
    pfizer: { minDays: 17, recommendedDays: 21, maxDays: 42 },
    moderna: { minDays: 24, recommendedDays: 28, maxDays: 42 },
    verocell: { minDays: 17, recommendedDays: 21, maxDays: 28 },
    sputnik_v: { minDays: 17, recommendedDays: 21, maxDays: 90 },
    janssen: { minDays: 56, recommendedDays: 56, maxDays: null },
  },
  boosterMinDays: 90,
  allowedMixes: [['astrazeneca', 'pfizer'], ['astrazeneca', 'moderna']],
}];

/** The version in force on a day (the earliest when the day comes before all). */
export function vaccineRuleFor(versions: readonly VaccineRuleVersion[], day: string): VaccineRuleVersion {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  let rule = sorted[0]!;
  for (const v of sorted) if (v.effectiveFrom <= day) rule = v;
  return rule;
}

export interface PriorDose { doseNumber: number; productCode: string; doseDate: string }
export interface DoseCandidate {
  doseNumber: number;
  productCode: string;
  doseDate: string;
  lot: { productCode: string; expiryDate: string; lotNumber: string } | null;
  overrideReason: string | null;
}
export interface DoseCheck { errors: FieldIssue[]; warnings: FieldIssue[]; overridden: boolean }

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

/**
 * Checks a dose against the person's earlier doses and the rule: errors refuse it, warnings
 * (dose given earlier than advised) refuse it unless an override reason is given.
 */
export function checkDose(
  rule: VaccineRuleVersion, dosesRequired: ReadonlyMap<string, number>, prior: readonly PriorDose[], d: DoseCandidate, today: string,
): DoseCheck {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  if (!dosesRequired.has(d.productCode)) errors.push(issue('productCode', 'UNKNOWN_PRODUCT', `Không có loại vắc xin "${d.productCode}"`, `No vaccine product "${d.productCode}"`));
  if (d.doseDate > today) errors.push(issue('doseDate', 'FUTURE', `Ngày tiêm ${vnDateOf(d.doseDate)} chưa đến`, `The dose date ${d.doseDate} is in the future`));
  if (d.lot) {
    if (d.lot.productCode !== d.productCode) errors.push(issue('lotId', 'LOT_PRODUCT', `Lô ${d.lot.lotNumber} không phải vắc xin đã chọn`, `Lot ${d.lot.lotNumber} is not of the chosen product`));
    if (d.lot.expiryDate < d.doseDate) errors.push(issue('lotId', 'LOT_EXPIRED', `Lô ${d.lot.lotNumber} hết hạn ngày ${vnDateOf(d.lot.expiryDate)}, trước ngày tiêm`, `Lot ${d.lot.lotNumber} expired on ${d.lot.expiryDate}, before the dose date`));
  }
  const sorted = [...prior].sort((a, b) => a.doseNumber - b.doseNumber);
  if (sorted.some((p) => p.doseNumber === d.doseNumber)) {
    errors.push(issue('doseNumber', 'DOSE_EXISTS', `Người này đã có mũi ${d.doseNumber}`, `This person already has dose ${d.doseNumber}`));
    return { errors, warnings, overridden: false };
  }
  if (d.doseNumber !== sorted.length + 1) {
    errors.push(issue('doseNumber', 'DOSE_ORDER', `Mũi ${d.doseNumber} sai thứ tự: người này có ${sorted.length} mũi, mũi tiếp theo là mũi ${sorted.length + 1}`,
      `Dose ${d.doseNumber} is out of order: this person has ${sorted.length} dose(s), the next is dose ${sorted.length + 1}`));
    return { errors, warnings, overridden: false };
  }
  const prev = sorted[sorted.length - 1];
  if (!prev) return { errors, warnings, overridden: false };
  const gap = dayNumber(d.doseDate) - dayNumber(prev.doseDate);
  if (gap <= 0) {
    errors.push(issue('doseDate', 'BEFORE_PREVIOUS', `Ngày tiêm phải sau mũi trước (${vnDateOf(prev.doseDate)})`, `The dose date must come after the previous dose (${prev.doseDate})`));
    return { errors, warnings, overridden: false };
  }
  const first = sorted[0]!;
  const courseLength = dosesRequired.get(first.productCode) ?? 2;
  if (d.productCode !== prev.productCode && !rule.allowedMixes.some(([a, b]) => a === prev.productCode && b === d.productCode)) {
    errors.push(issue('productCode', 'PRODUCT_MIX', `Không được tiêm trộn ${prev.productCode} rồi ${d.productCode} theo quy định ${rule.code}`,
      `Mixing ${prev.productCode} then ${d.productCode} is not allowed by rule ${rule.code}`));
  }
  if (sorted.length >= courseLength) {
    // An additional dose after the full course.
    if (gap < rule.boosterMinDays) {
      errors.push(issue('doseDate', 'TOO_EARLY_RULE', `Mũi bổ sung phải cách mũi trước ít nhất ${rule.boosterMinDays} ngày (mới ${gap} ngày)`,
        `An additional dose needs at least ${rule.boosterMinDays} days after the previous one (only ${gap})`));
    }
    return { errors, warnings, overridden: false };
  }
  const interval = rule.intervals[d.productCode] ?? rule.intervals[prev.productCode];
  if (!interval) return { errors, warnings, overridden: false };
  if (gap < interval.minDays) {
    errors.push(issue('doseDate', 'TOO_EARLY_RULE', `Mũi ${d.doseNumber} quá sớm: tối thiểu ${interval.minDays} ngày sau mũi trước (mới ${gap} ngày)`,
      `Dose ${d.doseNumber} is too early: at least ${interval.minDays} days after the previous dose (only ${gap})`));
  } else if (gap < interval.recommendedDays) {
    warnings.push(issue('doseDate', 'EARLY', `Mũi ${d.doseNumber} sớm hơn khuyến cáo (${interval.recommendedDays} ngày, mới ${gap} ngày): cần ghi lý do`,
      `Dose ${d.doseNumber} is earlier than advised (${interval.recommendedDays} days, only ${gap}): a reason is needed`));
  } else if (interval.maxDays !== null && gap > interval.maxDays) {
    warnings.push(issue('doseDate', 'LATE', `Mũi ${d.doseNumber} muộn hơn khuyến cáo (${interval.maxDays} ngày)`, `Dose ${d.doseNumber} is later than advised (${interval.maxDays} days)`));
  }
  const needsOverride = warnings.some((w) => w.code === 'EARLY');
  const reason = d.overrideReason?.trim() ?? '';
  if (needsOverride && !reason && errors.length === 0) {
    errors.push(issue('overrideReason', 'OVERRIDE_REASON_REQUIRED', 'Mũi tiêm sớm hơn khuyến cáo: cần nhập lý do', 'The dose is earlier than advised: enter a reason to record it'));
  }
  return { errors, warnings, overridden: needsOverride && reason.length > 0 };
}

/** The last birth date of someone aged at least `years` on `day` (29/02 → 28/02 in a common year). */
export function bornOnOrBefore(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) - years;
  const md = day.slice(5);
  const candidate = `${String(y).padStart(4, '0')}-${md}`;
  try {
    dayNumber(candidate);
    return candidate;
  } catch {
    return addDays(`${String(y).padStart(4, '0')}-03-01`, -1);
  }
}

export interface CoverageCounts {
  population: number; populationOneDose: number; populationFull: number;
  adults: number; adultsOneDose: number;
  over50: number; over50Full: number;
  over65: number; over65Full: number;
}

/** Unrounded (part × 100 first, so exact targets compare exactly); presenters round. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? (part * 100) / whole : null);
export const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);

/** The percentages criterion 2 of the levels reads; the high-risk group is taken as people ≥ 65. */
export function coveragePercents(c: CoverageCounts) {
  return {
    adultsOneDose: percent(c.adultsOneDose, c.adults),
    over50Full: percent(c.over50Full, c.over50),
    populationFull: percent(c.populationFull, c.population),
    highRiskFull: percent(c.over65Full, c.over65),
  };
}
