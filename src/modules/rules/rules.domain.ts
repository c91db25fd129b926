/**
 * Validation of rule versions a province adds beside the built-in ones (quarantine terms, F0
 * release). Pure: returns the version to store or the issues naming each field.
 */
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';
import { parseCalendarDate } from '../people/people.domain.ts';
import { type QuarantineRuleVersion, type QuarantineTerms, RISK_GROUPS, type RiskGroup, SCREENING_INTERVAL_DAYS } from '../quarantine/quarantine.rules.ts';
import type { F0ReleaseRuleVersion } from '../treatment/treatment.rules.ts';
import { type CaseBand, type CoverageTarget, type EpidemicLevelRuleVersion, HD4800, type RollUpParams } from '../levels/levels.domain.ts';
import { type SupportRuleParams, supportRuleIssues, type SupportRuleVersion } from '../support/support.domain.ts';
import { type EnterpriseRiskRuleVersion, riskRuleIssues, type RiskRuleInput, riskRuleVersion } from '../enterprises/risk.domain.ts';
import { type WorkRuleInput, workRuleIssues, workRuleVersion, type WorkStatusRuleVersion } from '../enterprises/work-status.domain.ts';
import { type ArrivalRuleParams, type ArrivalRuleVersion, arrivalRuleIssues } from '../arrivals/arrivals.rules.ts';

export const CODE_PATTERN = /^[a-z0-9][a-z0-9-]{2,39}$/;
/** Nothing in this platform predates the first national rules of 2020. */
const EARLIEST = '2020-01-01';

export interface RuleHeader { code: string; document: string; name: LocalisedMessage; effectiveFrom: string }

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

function headerIssues(h: RuleHeader, takenCodes: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!CODE_PATTERN.test(h.code)) issues.push(issue('code', 'INVALID', 'Mã quy định gồm chữ thường, số và dấu gạch ngang (3–40 ký tự)', 'A rule code is 3–40 lower-case letters, digits and hyphens'));
  else if (takenCodes.has(h.code)) issues.push(issue('code', 'DUPLICATE', `Mã quy định "${h.code}" đã có`, `Rule code "${h.code}" already exists`));
  if (!h.document.trim()) issues.push(issue('document', 'REQUIRED', 'Ghi số hiệu văn bản', 'Name the document'));
  if (!h.name.vi.trim() || !h.name.en.trim()) issues.push(issue('name', 'REQUIRED', 'Ghi tên quy định bằng tiếng Việt và tiếng Anh', 'Name the rule in Vietnamese and English'));
  const d = parseCalendarDate(h.effectiveFrom);
  if (!d) issues.push(issue('effectiveFrom', 'INVALID_DATE', 'Ngày hiệu lực không hợp lệ', 'The effective date is not a date'));
  else if (d < EARLIEST) issues.push(issue('effectiveFrom', 'RANGE', 'Ngày hiệu lực trước năm 2020', 'The effective date is before 2020'));
  return issues;
}

function termsIssues(t: QuarantineTerms, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(t.centralizedDays, 1, 60)) issues.push(issue(`${field}/centralizedDays`, 'RANGE', 'Số ngày cách ly từ 1 đến 60', 'Quarantine days must be 1 to 60'));
  if (!whole(t.homeMonitoringDays, 0, 60)) issues.push(issue(`${field}/homeMonitoringDays`, 'RANGE', 'Số ngày theo dõi tại nhà từ 0 đến 60', 'Home monitoring days must be 0 to 60'));
  if (t.testDays.length === 0) issues.push(issue(`${field}/testDays`, 'REQUIRED', 'Cần ít nhất một ngày xét nghiệm', 'At least one test day is needed'));
  if (new Set(t.testDays).size !== t.testDays.length) issues.push(issue(`${field}/testDays`, 'DUPLICATE', 'Ngày xét nghiệm lặp lại', 'A test day is repeated'));
  for (const d of t.testDays) {
    if (!whole(d, 1, t.centralizedDays)) {
      issues.push(issue(`${field}/testDays`, 'RANGE', `Ngày xét nghiệm ${d} ngoài thời gian cách ly (1–${t.centralizedDays})`, `Test day ${d} is outside the stay (1–${t.centralizedDays})`));
    }
  }
  return issues;
}

/** A quarantine rule version to add: F1 terms required, the others default to the F1 ones (vaccinated) or to 14 + 7 (returning citizens). */
export function validateQuarantineRule(
  input: RuleHeader & {
    f1: QuarantineTerms; f1VaccinatedOrRecovered?: QuarantineTerms | undefined; returningCitizen?: QuarantineTerms | undefined;
    screeningIntervalDays?: Record<RiskGroup, number> | undefined;
  },
  takenCodes: ReadonlySet<string>,
): { ok: true; value: QuarantineRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const sorted = (t: QuarantineTerms): QuarantineTerms => ({ ...t, testDays: [...t.testDays].sort((a, b) => a - b) });
  const f1 = sorted(input.f1);
  const vacc = sorted(input.f1VaccinatedOrRecovered ?? input.f1);
  const returning = sorted(input.returningCitizen ?? { centralizedDays: 14, testDays: [1, 7, 14], homeMonitoringDays: 7 });
  // Terms copied from the F1 ones (or the defaults) are not checked twice.
  const issues = [
    ...headerIssues(input, takenCodes), ...termsIssues(f1, 'f1'),
    ...(input.f1VaccinatedOrRecovered ? termsIssues(vacc, 'f1VaccinatedOrRecovered') : []), ...(input.returningCitizen ? termsIssues(returning, 'returningCitizen') : []),
  ];
  const intervals = input.screeningIntervalDays ?? SCREENING_INTERVAL_DAYS;
  for (const g of RISK_GROUPS) {
    const n = intervals[g];
    if (!Number.isInteger(n) || n < 1 || n > 14) issues.push(issue(`screeningIntervalDays/${g}`, 'RANGE', 'Chu kỳ sàng lọc từ 1 đến 14 ngày', 'A screening interval is 1 to 14 days'));
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      code: input.code, document: input.document.trim(), name: input.name, effectiveFrom: parseCalendarDate(input.effectiveFrom)!, f1, f1VaccinatedOrRecovered: vacc,
      returningCitizen: returning, screeningIntervalDays: { high: intervals.high, medium: intervals.medium, low: intervals.low },
    },
  };
}

/** An F0 release rule: 1 ≤ days with a negative rapid test ≤ days without a test ≤ days with persistent symptoms ≤ 60. */
export function validateF0ReleaseRule(
  input: RuleHeader & { daysWithNegativeRapidTest: number; daysWithoutTest: number; daysWithPersistentSymptoms: number },
  takenCodes: ReadonlySet<string>,
): { ok: true; value: F0ReleaseRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const issues = headerIssues(input, takenCodes);
  const { daysWithNegativeRapidTest: a, daysWithoutTest: b, daysWithPersistentSymptoms: c } = input;
  if (![a, b, c].every((n) => Number.isInteger(n) && n >= 1 && n <= 60)) issues.push(issue('daysWithoutTest', 'RANGE', 'Số ngày từ 1 đến 60', 'Days must be 1 to 60'));
  else if (!(a <= b && b <= c)) {
    issues.push(issue('daysWithoutTest', 'ORDER', 'Phải có: ngày có test nhanh âm tính ≤ ngày không xét nghiệm ≤ ngày còn triệu chứng', 'Needs: days with a negative rapid test ≤ days without a test ≤ days with persistent symptoms'));
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: { code: input.code, document: input.document.trim(), name: input.name, effectiveFrom: parseCalendarDate(input.effectiveFrom)!, daysWithNegativeRapidTest: a, daysWithoutTest: b, daysWithPersistentSymptoms: c },
  };
}

export type EpidemicLevelRuleInput = RuleHeader & {
  caseBands: Array<{ level: number; from: number; inclusive?: boolean | undefined; configurable?: boolean | undefined }>;
  coverageTargets?: CoverageTarget[] | undefined; coverageRaiseNeedsCases?: boolean | undefined; minFreeBedsPercent?: number | undefined; rollUp?: RollUpParams | undefined;
  deathsRaise?: { above: number; windowDays: number; configurable?: boolean | undefined } | null | undefined;
};

/**
 * An epidemic level rule: the lower edges of levels 2, 3 and 4 (rising), coverage targets and the
 * free-bed share in percent, the roll-up thresholds. What is left out is Hướng dẫn 4800's. A
 * province's bands are its own configuration, so they are marked configurable unless it says not.
 */
export function validateEpidemicLevelRule(input: EpidemicLevelRuleInput, takenCodes: ReadonlySet<string>): { ok: true; value: EpidemicLevelRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const issues = headerIssues(input, takenCodes);
  const percent = (n: number) => Number.isFinite(n) && n >= 0 && n <= 100;
  const levels = input.caseBands.map((b) => b.level).sort();
  if (levels.join() !== '2,3,4') issues.push(issue('caseBands', 'LEVELS', 'Cần đúng một ngưỡng cho mỗi cấp 2, 3 và 4', 'Give exactly one lower edge for each of levels 2, 3 and 4'));
  for (const [i, b] of input.caseBands.entries()) {
    if (!Number.isFinite(b.from) || b.from < 0 || b.from > 100_000) issues.push(issue(`caseBands/${i}/from`, 'RANGE', 'Ngưỡng ca mắc/100.000 dân từ 0 đến 100.000', 'A rate per 100,000 is 0 to 100,000'));
  }
  const bands: CaseBand[] = [...input.caseBands].sort((a, b) => a.level - b.level)
    .map((b) => ({ level: b.level as CaseBand['level'], from: b.from, inclusive: b.inclusive ?? true, configurable: b.configurable ?? true }));
  if (!issues.some((i) => i.field.startsWith('caseBands')) && !bands.every((b, i) => i === 0 || b.from > bands[i - 1]!.from)) {
    issues.push(issue('caseBands', 'ORDER', 'Ngưỡng của cấp cao hơn phải lớn hơn', 'A higher level needs a higher edge'));
  }
  const targets = input.coverageTargets ?? HD4800.coverageTargets;
  for (const [i, t] of targets.entries()) {
    if (!percent(t.minPercent)) issues.push(issue(`coverageTargets/${i}/minPercent`, 'RANGE', 'Tỷ lệ từ 0 đến 100 %', 'A share is 0 to 100 %'));
    if (targets.findIndex((x) => x.measure === t.measure) !== i) issues.push(issue(`coverageTargets/${i}/measure`, 'DUPLICATE', 'Chỉ số tiêm chủng lặp lại', 'A coverage measure is repeated'));
  }
  const minFree = input.minFreeBedsPercent ?? HD4800.minFreeBedsPercent;
  if (!percent(minFree)) issues.push(issue('minFreeBedsPercent', 'RANGE', 'Tỷ lệ giường trống từ 0 đến 100 %', 'The free-bed share is 0 to 100 %'));
  const rollUp = input.rollUp ?? HD4800.rollUp;
  if (!(percent(rollUp.sameLevelPercent) && rollUp.sameLevelPercent > 0)) issues.push(issue('rollUp/sameLevelPercent', 'RANGE', 'Tỷ lệ từ 1 đến 100 %', 'A share is 1 to 100 %'));
  if (!(percent(rollUp.levelBelowPercent) && rollUp.levelBelowPercent > 0)) issues.push(issue('rollUp/levelBelowPercent', 'RANGE', 'Tỷ lệ từ 1 đến 100 %', 'A share is 1 to 100 %'));
  if (!Number.isInteger(rollUp.levelAboveCount) || rollUp.levelAboveCount < 0 || rollUp.levelAboveCount > 1000) {
    issues.push(issue('rollUp/levelAboveCount', 'RANGE', 'Số đơn vị từ 0 đến 1.000', 'A count of units is 0 to 1,000'));
  }
  const deaths = input.deathsRaise ?? null;
  if (deaths && !(Number.isFinite(deaths.above) && deaths.above >= 0 && deaths.above <= 100_000)) {
    issues.push(issue('deathsRaise/above', 'RANGE', 'Ngưỡng tử vong/100.000 dân từ 0 đến 100.000', 'A deaths rate per 100,000 is 0 to 100,000'));
  }
  if (deaths && !(Number.isInteger(deaths.windowDays) && deaths.windowDays >= 1 && deaths.windowDays <= 366)) {
    issues.push(issue('deathsRaise/windowDays', 'RANGE', 'Số ngày tính tử vong từ 1 đến 366', 'The deaths window is 1 to 366 days'));
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      deathsRaise: deaths ? { above: deaths.above, windowDays: deaths.windowDays, configurable: deaths.configurable ?? true } : null,
      code: input.code, document: input.document.trim(), name: input.name, effectiveFrom: parseCalendarDate(input.effectiveFrom)!, caseBands: bands,
      coverageTargets: targets.map((t) => ({ ...t })), coverageRaiseNeedsCases: input.coverageRaiseNeedsCases ?? true, minFreeBedsPercent: minFree, rollUp: { ...rollUp },
    },
  };
}

/** An enterprise risk form version (QĐ 2194's shape): the header here, indicators and bands by risk.domain.ts. */
export function validateEnterpriseRiskRule(input: RiskRuleInput, takenCodes: ReadonlySet<string>): { ok: true; value: EnterpriseRiskRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const issues = [...headerIssues(input, takenCodes), ...riskRuleIssues(input)];
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: riskRuleVersion({ ...input, effectiveFrom: parseCalendarDate(input.effectiveFrom)! }) };
}

/** An arrival rule version (arrivals): the header here, the measures by origin level and the transport workers' terms by arrivals.rules.ts. */
export function validateArrivalRule(input: RuleHeader & ArrivalRuleParams, takenCodes: ReadonlySet<string>): { ok: true; value: ArrivalRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const issues = [...headerIssues(input, takenCodes), ...arrivalRuleIssues(input)];
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    value: {
      code: input.code, document: input.document.trim(), name: input.name, effectiveFrom: parseCalendarDate(input.effectiveFrom)!,
      byOrigin: { ...input.byOrigin }, transport: { ...input.transport }, epidemicProvinces: [...new Set(input.epidemicProvinces)],
    },
  };
}

/** A work-status version (who may work with F1/F2 contacts, the F0 checklist): the header here, the rest by work-status.domain.ts. */
export function validateWorkStatusRule(input: WorkRuleInput, takenCodes: ReadonlySet<string>): { ok: true; value: WorkStatusRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const issues = [...headerIssues(input, takenCodes), ...workRuleIssues(input)];
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: workRuleVersion({ ...input, effectiveFrom: parseCalendarDate(input.effectiveFrom)! }) };
}

/** An NQ68 support version: the header here, rates and caps by support.domain.ts. */
export function validateSupportRule(input: RuleHeader & SupportRuleParams, takenCodes: ReadonlySet<string>): { ok: true; value: SupportRuleVersion } | { ok: false; issues: FieldIssue[] } {
  const effectiveFrom = parseCalendarDate(input.effectiveFrom);
  const effectiveTo = input.effectiveTo === null ? null : parseCalendarDate(input.effectiveTo);
  const issues = [...headerIssues(input, takenCodes)];
  if (input.effectiveTo !== null && !effectiveTo) issues.push(issue('effectiveTo', 'INVALID_DATE', 'Ngày hết hiệu lực không hợp lệ', 'The end date is not a date'));
  const params: SupportRuleParams = {
    effectiveTo, dailyRate: input.dailyRate, f0MaxDays: input.f0MaxDays, f1MaxDays: input.f1MaxDays, childBonus: input.childBonus,
    childUnderAge: input.childUnderAge, childBonusOnce: input.childBonusOnce, f1HomeEligible: input.f1HomeEligible,
  };
  if (effectiveFrom) issues.push(...supportRuleIssues(params, effectiveFrom));
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { code: input.code, document: input.document.trim(), name: input.name, effectiveFrom: effectiveFrom!, ...params } };
}
