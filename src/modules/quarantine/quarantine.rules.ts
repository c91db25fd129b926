/**
 * Quarantine rules for contacts (F1, F2, returning citizens) as dated rule versions, and the
 * pure functions that turn an order into its dates: last day, test days, home monitoring, the
 * day's sampling list and the release decision. The rule in force changed several times in 2021,
 * so every order keeps the code of the version it was computed with; versions are never edited.
 * No I/O; `today` (a Vietnam calendar date, 'YYYY-MM-DD') is passed in.
 */
import { addDays, dayNumber, vnDateOf } from '../../lib/time.ts';
import type { LocalisedMessage } from '../../server/errors.ts';

export type QuarantineSubject = 'f1' | 'f2' | 'returning_citizen';
export type RiskGroup = 'high' | 'medium' | 'low';

export const RISK_GROUPS: readonly RiskGroup[] = ['high', 'medium', 'low'];
export const RISK_GROUP_LABELS: Record<RiskGroup, LocalisedMessage> = {
  high: { vi: 'Nguy cơ cao', en: 'High risk' },
  medium: { vi: 'Nguy cơ trung bình', en: 'Medium risk' },
  low: { vi: 'Nguy cơ thấp', en: 'Low risk' },
};
/** Centralized facilities screened every 2, 3 or 4 days by risk group, beside the rule's test days. */
export const SCREENING_INTERVAL_DAYS: Record<RiskGroup, number> = { high: 2, medium: 3, low: 4 };

/** Day numbers count from 1: day 1 is the start date. */
export interface QuarantineTerms {
  centralizedDays: number;
  testDays: readonly number[];
  homeMonitoringDays: number;
}

export interface QuarantineRuleVersion {
  /** Stable: stored on each order, so never renamed. */
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  f1: QuarantineTerms;
  /** Same as `f1` where the version makes no distinction. */
  f1VaccinatedOrRecovered: QuarantineTerms;
  returningCitizen: QuarantineTerms;
  /** Days between screening samples in centralized facilities by risk group; SCREENING_INTERVAL_DAYS when absent. */
  screeningIntervalDays?: Readonly<Record<RiskGroup, number>>;
}

const terms = (centralizedDays: number, testDays: readonly number[], homeMonitoringDays: number): QuarantineTerms =>
  ({ centralizedDays, testDays, homeMonitoringDays });

/** Returning citizens kept the same terms through every version in the domain digest. */
const RETURNING_CITIZEN = terms(14, [1, 7, 14], 7);

export const QUARANTINE_RULE_VERSIONS: readonly QuarantineRuleVersion[] = [
  {
    code: 'qd878-2020',
    document: 'Quyết định 878/QĐ-BYT',
    name: {
      vi: 'F1 cách ly tập trung 14 ngày, xét nghiệm ngày 1 và 14, theo dõi tại nhà 14 ngày',
      en: 'F1: 14 days centralized, tests on days 1 and 14, 14 days home monitoring',
    },
    effectiveFrom: '2020-03-12',
    f1: terms(14, [1, 14], 14),
    f1VaccinatedOrRecovered: terms(14, [1, 14], 14),
    returningCitizen: RETURNING_CITIZEN,
  },
  {
    code: 'cd600-2021-05',
    document: 'Công điện 600/CĐ-BCĐ',
    name: {
      vi: 'F1 cách ly tập trung 21 ngày, xét nghiệm ngày 1, 14 và 20, theo dõi tại nhà 7 ngày',
      en: 'F1: 21 days centralized, tests on days 1, 14 and 20, 7 days home monitoring',
    },
    effectiveFrom: '2021-05-05',
    f1: terms(21, [1, 14, 20], 7),
    f1VaccinatedOrRecovered: terms(21, [1, 14, 20], 7),
    returningCitizen: RETURNING_CITIZEN,
  },
  {
    code: 'cv5599-2021-07',
    document: 'Công văn 5599/BYT-MT',
    name: {
      vi: 'F1 cách ly tập trung 14 ngày, xét nghiệm ngày 1, 7 và 14, theo dõi tại nhà 14 ngày',
      en: 'F1: 14 days centralized, tests on days 1, 7 and 14, 14 days home monitoring',
    },
    effectiveFrom: '2021-07-14',
    f1: terms(14, [1, 7, 14], 14),
    f1VaccinatedOrRecovered: terms(14, [1, 7, 14], 14),
    returningCitizen: RETURNING_CITIZEN,
  },
  {
    code: 'cv10696-2021-12',
    document: 'Công văn 10696/BYT-MT',
    name: {
      vi: 'F1 đã tiêm đủ vắc xin hoặc đã khỏi bệnh cách ly 7 ngày, F1 khác 10 ngày; theo dõi tại nhà 7 ngày',
      en: 'F1 vaccinated or recovered: 7 days; other F1: 10 days; then 7 days home monitoring',
    },
    effectiveFrom: '2021-12-16',
    f1: terms(10, [1, 10], 7),
    f1VaccinatedOrRecovered: terms(7, [1, 7], 7),
    returningCitizen: RETURNING_CITIZEN,
  },
];

/** Whole days from `from` to `to` (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The version in force on a date: the latest with effectiveFrom <= date; null when the date is before every version. */
export function ruleVersionInForce(date: string, versions: readonly QuarantineRuleVersion[] = QUARANTINE_RULE_VERSIONS): QuarantineRuleVersion | null {
  dayNumber(date);
  let found: QuarantineRuleVersion | null = null;
  // ISO dates compare as strings; no reliance on the list being sorted. Of two versions from the
  // same day, the one listed later (a province's, added after the built-in ones) applies.
  for (const v of versions) if (v.effectiveFrom <= date && (!found || v.effectiveFrom >= found.effectiveFrom)) found = v;
  return found;
}

export function ruleVersionByCode(code: string, versions: readonly QuarantineRuleVersion[] = QUARANTINE_RULE_VERSIONS): QuarantineRuleVersion | null {
  return versions.find((v) => v.code === code) ?? null;
}

export interface QuarantineSubjectFacts {
  subject: QuarantineSubject;
  vaccinatedOrRecovered: boolean;
}

/** Terms for a subject (F2 has none: returns null). */
export function termsFor(rule: QuarantineRuleVersion, facts: QuarantineSubjectFacts): QuarantineTerms | null {
  switch (facts.subject) {
    case 'f2':
      return null;
    case 'returning_citizen':
      return rule.returningCitizen;
    case 'f1':
      return facts.vaccinatedOrRecovered ? rule.f1VaccinatedOrRecovered : rule.f1;
  }
}

export interface QuarantinePlan {
  ruleCode: string;
  /** Day 1. */
  startDate: string;
  /** start + centralizedDays - 1; null for F2. */
  lastDay: string | null;
  /** = lastDay: released at the end of the last day once the required tests are negative; null for F2. */
  releaseDate: string | null;
  /** Day k = start + k - 1; ascending, unique. */
  testDates: string[];
  homeMonitoringFrom: string | null;
  /** Inclusive. */
  homeMonitoringUntil: string | null;
}

export function quarantinePlanFor(order: { startDate: string } & QuarantineSubjectFacts, rule: QuarantineRuleVersion): QuarantinePlan {
  dayNumber(order.startDate);
  const t = termsFor(rule, order);
  if (!t) {
    // F2 ends with the source F1's negative result, not on a date known in advance.
    return { ruleCode: rule.code, startDate: order.startDate, lastDay: null, releaseDate: null, testDates: [], homeMonitoringFrom: null, homeMonitoringUntil: null };
  }
  const lastDay = addDays(order.startDate, t.centralizedDays - 1);
  const testDays = [...new Set(t.testDays)].sort((a, b) => a - b);
  return {
    ruleCode: rule.code,
    startDate: order.startDate,
    lastDay,
    releaseDate: lastDay,
    testDates: testDays.map((k) => addDays(order.startDate, k - 1)),
    homeMonitoringFrom: t.homeMonitoringDays > 0 ? addDays(lastDay, 1) : null,
    homeMonitoringUntil: t.homeMonitoringDays > 0 ? addDays(lastDay, t.homeMonitoringDays) : null,
  };
}

export interface TestDue {
  reason: 'rule_day' | 'screening_cycle';
  day: number;
  label: LocalisedMessage;
}

/**
 * Whether a person in centralized quarantine must be sampled on `date`: a rule test day, or a
 * screening-cycle day for their risk group (day 1, 1+interval, 1+2*interval, ... up to lastDay).
 * Returns the reasons so a list can show why; empty = not due. Nothing is due before the start,
 * after the last day, or for F2 (no centralized stay).
 */
export function testsDueOn(plan: QuarantinePlan, riskGroup: RiskGroup, date: string, intervals: Readonly<Record<RiskGroup, number>> = SCREENING_INTERVAL_DAYS): TestDue[] {
  if (plan.lastDay === null) return [];
  const day = daysBetween(plan.startDate, date) + 1;
  if (day < 1 || date > plan.lastDay) return [];
  const due: TestDue[] = [];
  if (plan.testDates.includes(date)) {
    due.push({ reason: 'rule_day', day, label: { vi: `Xét nghiệm theo quy định, ngày thứ ${day}`, en: `Required test, day ${day}` } });
  }
  const interval = intervals[riskGroup];
  if ((day - 1) % interval === 0) {
    const group = RISK_GROUP_LABELS[riskGroup];
    due.push({
      reason: 'screening_cycle',
      day,
      label: {
        vi: `Sàng lọc định kỳ ${interval} ngày/lần (${group.vi.toLowerCase()}), ngày thứ ${day}`,
        en: `Screening every ${interval} days (${group.en.toLowerCase()}), day ${day}`,
      },
    });
  }
  return due;
}

export interface TestResultFact {
  sampledOn: string;
  result: 'negative' | 'positive' | 'pending';
}

export type ReleaseDecision =
  | { status: 'due'; releaseDate: string }
  | { status: 'not_yet'; releaseDate: string; reason: LocalisedMessage }
  /** missing = required test dates without a negative result. */
  | { status: 'held'; releaseDate: string; missing: string[]; reason: LocalisedMessage }
  | { status: 'positive'; sampledOn: string; reason: LocalisedMessage }
  /** F2 whose source F1 has no negative result yet (or has tested positive). */
  | { status: 'waiting_for_source'; reason: LocalisedMessage };

/** Sampling teams run late: a sample taken on the test date or the day after counts for it. */
const LATE_SAMPLE_DAYS = 1;

/** The earliest result of a kind sampled on or after `from`, or null. */
function firstResult(results: readonly TestResultFact[], kind: TestResultFact['result'], from: string): TestResultFact | null {
  let first: TestResultFact | null = null;
  for (const r of results) {
    if (r.result === kind && daysBetween(from, r.sampledOn) >= 0 && (!first || r.sampledOn < first.sampledOn)) first = r;
  }
  return first;
}

function sourceDecision(plan: QuarantinePlan, today: string, sourceResults: readonly TestResultFact[]): ReleaseDecision {
  const positive = firstResult(sourceResults, 'positive', plan.startDate);
  if (positive) {
    // The F1 became a case: the F2 is now a contact of a case, to be reassessed, not released.
    const on = vnDateOf(positive.sampledOn);
    return {
      status: 'waiting_for_source',
      reason: {
        vi: `F1 nguồn có kết quả dương tính (mẫu lấy ngày ${on}): cần đánh giá lại, chưa thể hoàn thành cách ly`,
        en: `The source F1 tested positive (sampled on ${on}): reassess the contact, it cannot be released`,
      },
    };
  }
  const negative = firstResult(sourceResults, 'negative', plan.startDate);
  if (!negative) {
    return {
      status: 'waiting_for_source',
      reason: {
        vi: 'Chưa có kết quả xét nghiệm âm tính của F1 nguồn',
        en: 'The source F1 has no negative test result yet',
      },
    };
  }
  // Released as of the source's negative sample, but never on a date still to come.
  return { status: 'due', releaseDate: negative.sampledOn > today ? today : negative.sampledOn };
}

/**
 * Release decision on `today`. Any positive result sampled on or after the start → 'positive'
 * (the person becomes a case). F2: 'due' once the source F1 (sourceResults) has a negative
 * sampled on or after the F2's start and no positive; else 'waiting_for_source'. Others: before
 * the release date 'not_yet'; then every rule test date needs a negative sampled on that date or
 * the day after, else 'held' with the dates; else 'due'.
 */
export function releaseDecision(
  plan: QuarantinePlan,
  subject: QuarantineSubject,
  results: readonly TestResultFact[],
  today: string,
  sourceResults: readonly TestResultFact[] = [],
): ReleaseDecision {
  dayNumber(today);
  const positive = firstResult(results, 'positive', plan.startDate);
  if (positive) {
    const on = vnDateOf(positive.sampledOn);
    return {
      status: 'positive',
      sampledOn: positive.sampledOn,
      reason: {
        vi: `Có kết quả xét nghiệm dương tính (mẫu lấy ngày ${on}): chuyển quản lý như ca bệnh (F0)`,
        en: `Tested positive (sampled on ${on}): to be managed as a case (F0)`,
      },
    };
  }
  if (subject === 'f2') return sourceDecision(plan, today, sourceResults);

  const releaseDate = plan.releaseDate;
  if (releaseDate === null) throw new RangeError(`an F2 plan (no release date) was given for a ${subject}`);
  if (today < releaseDate) {
    const on = vnDateOf(releaseDate);
    return {
      status: 'not_yet',
      releaseDate,
      reason: { vi: `Chưa đến ngày hoàn thành cách ly (${on})`, en: `Quarantine does not end before ${on}` },
    };
  }

  const missing: string[] = [];
  const notes: Array<{ vi: string; en: string }> = [];
  for (const date of plan.testDates) {
    const counts = (r: TestResultFact) => {
      const late = daysBetween(date, r.sampledOn);
      return late >= 0 && late <= LATE_SAMPLE_DAYS;
    };
    if (results.some((r) => r.result === 'negative' && counts(r))) continue;
    missing.push(date);
    const pending = results.some((r) => r.result === 'pending' && counts(r));
    notes.push(pending
      ? { vi: `${vnDateOf(date)} (đang chờ kết quả)`, en: `${vnDateOf(date)} (result pending)` }
      : { vi: `${vnDateOf(date)} (chưa có mẫu)`, en: `${vnDateOf(date)} (no sample)` });
  }
  if (missing.length > 0) {
    return {
      status: 'held',
      releaseDate,
      missing,
      reason: {
        vi: `Chưa đủ kết quả xét nghiệm âm tính bắt buộc: ${notes.map((n) => n.vi).join(', ')}`,
        en: `Required negative test results missing: ${notes.map((n) => n.en).join(', ')}`,
      },
    };
  }
  return { status: 'due', releaseDate };
}

/** Validates an operator's release: null when allowed, else why not (never throws). */
export function releaseBlocker(decision: ReleaseDecision): LocalisedMessage | null {
  return decision.status === 'due' ? null : decision.reason;
}
