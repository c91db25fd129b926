/**
 * The arrival rule as dated rule versions: what an arrival from an origin of a given level must do
 * (nothing, a test within N hours, home monitoring for N days, centralized quarantine for N days),
 * and the transport workers' own rule (long-haul drivers and postal staff pass on a negative test
 * still valid and a declared route, else they are tested at the checkpoint). Also which provinces
 * count as epidemic areas for health declarations. Pure: no I/O; the version list is passed in.
 */
import type { ArrivalActionKind, ArrivalCategory, OriginLevel } from '../../db/schema.ts';
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';

export const ORIGIN_LEVELS: readonly OriginLevel[] = ['none', 'level1', 'level2', 'level3', 'level4', 'epidemic_zone', 'lockdown'];
export const ARRIVAL_CATEGORIES: readonly ArrivalCategory[] = ['ordinary', 'long_haul_driver', 'postal_staff'];
export const ARRIVAL_ACTIONS: readonly ArrivalActionKind[] = ['none', 'test', 'home_monitoring', 'centralized_quarantine', 'test_at_checkpoint'];

/** An ordinary arrival's action: `days` for monitoring and quarantine, `hours` (the time allowed) for a test. */
export interface ActionTerms { action: 'none' | 'test' | 'home_monitoring' | 'centralized_quarantine'; days?: number | null; hours?: number | null }

export interface TransportTerms {
  /** A negative test taken at most this many hours before arriving lets a driver or postal worker through. */
  testValidHours: number;
  /** Whether the route (origin → destination, stops) must be declared as well. */
  routeRequired: boolean;
}

export interface ArrivalRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  byOrigin: Record<OriginLevel, ActionTerms>;
  transport: TransportTerms;
  /** Province codes whose travellers count as coming from an epidemic area in a health declaration. */
  epidemicProvinces: string[];
}

/**
 * The built-in version follows the province's practice of May–June 2021 under Công điện 600/CĐ-BCĐ
 * (travellers from lockdown areas quarantined 21 days, from epidemic zones monitored at home, the
 * transport workers' 72-hour test); levels 1–4 are NQ 128's names for the same gradation, added so
 * that a later version can be written against them. A province adds its own through
 * `POST /api/rules/arrival`.
 */
export const ARRIVAL_RULE_VERSIONS: readonly ArrivalRuleVersion[] = [
  {
    code: 'arrivals-2021-05',
    document: 'Công điện 600/CĐ-BCĐ; hướng dẫn của tỉnh',
    name: {
      vi: 'Người đến từ vùng phong tỏa cách ly tập trung 21 ngày, từ vùng dịch theo dõi tại nhà 14 ngày; lái xe đường dài, bưu chính có xét nghiệm âm tính trong 72 giờ',
      en: 'Arrivals from lockdown areas: 21 days centralized; from epidemic zones: 14 days home monitoring; drivers and postal staff: negative test within 72 hours',
    },
    effectiveFrom: '2021-05-05',
    byOrigin: {
      none: { action: 'none' },
      level1: { action: 'none' },
      level2: { action: 'test', hours: 48 },
      level3: { action: 'home_monitoring', days: 14 },
      level4: { action: 'centralized_quarantine', days: 14 },
      epidemic_zone: { action: 'home_monitoring', days: 14 },
      lockdown: { action: 'centralized_quarantine', days: 21 },
    },
    transport: { testValidHours: 72, routeRequired: true },
    // Bắc Ninh, Hà Nội, Hồ Chí Minh City, Đà Nẵng: the hot spots of the fourth wave's first weeks.
    epidemicProvinces: ['27', '01', '79', '48'],
  },
];

/** The version in force on a date (of two from the same day, the later listed); null before every version. */
export function arrivalRuleInForce(date: string, versions: readonly ArrivalRuleVersion[] = ARRIVAL_RULE_VERSIONS): ArrivalRuleVersion | null {
  let found: ArrivalRuleVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= date && (!found || v.effectiveFrom >= found.effectiveFrom)) found = v;
  return found;
}

export interface ArrivalFacts {
  originLevel: OriginLevel;
  category: ArrivalCategory;
  arrivedAt: Date;
  /** When the test the traveller holds was taken (transport workers); null: none shown. */
  testAt: Date | null;
  route: string | null;
}

export interface ArrivalDecision {
  action: ArrivalActionKind;
  days: number | null;
  hours: number | null;
  reason: LocalisedMessage;
}

const HOUR_MS = 3_600_000;

/** Whether a transport worker's test is still valid on arrival: taken before it and at most `hours` earlier. */
export function testStillValid(testAt: Date | null, arrivedAt: Date, hours: number): boolean {
  if (!testAt) return false;
  const age = arrivedAt.getTime() - testAt.getTime();
  return age >= 0 && age <= hours * HOUR_MS;
}

/** What the rule version asks of one arrival. */
export function arrivalActionFor(f: ArrivalFacts, rule: ArrivalRuleVersion): ArrivalDecision {
  const terms = rule.byOrigin[f.originLevel];
  if (terms.action === 'none') return { action: 'none', days: null, hours: null, reason: { vi: 'Nơi đi không thuộc vùng phải áp dụng biện pháp', en: 'The origin needs no measure' } };
  if (f.category !== 'ordinary') {
    const t = rule.transport;
    const valid = testStillValid(f.testAt, f.arrivedAt, t.testValidHours);
    const routed = !t.routeRequired || !!f.route?.trim();
    if (valid && routed) {
      return { action: 'none', days: null, hours: null, reason: { vi: `Có xét nghiệm âm tính trong ${t.testValidHours} giờ và lộ trình`, en: `Negative test within ${t.testValidHours} hours and a route` } };
    }
    const missing = [!valid ? { vi: `xét nghiệm còn hiệu lực (${t.testValidHours} giờ)`, en: `a test still valid (${t.testValidHours} hours)` } : null, !routed ? { vi: 'lộ trình', en: 'a route' } : null]
      .filter((x): x is LocalisedMessage => x !== null);
    return {
      action: 'test_at_checkpoint', days: null, hours: null,
      reason: { vi: `Thiếu ${missing.map((m) => m.vi).join(' và ')}: xét nghiệm tại chốt`, en: `Missing ${missing.map((m) => m.en).join(' and ')}: test at the checkpoint` },
    };
  }
  switch (terms.action) {
    case 'test':
      return { action: 'test', days: null, hours: terms.hours ?? 24, reason: { vi: `Xét nghiệm trong ${terms.hours ?? 24} giờ`, en: `Test within ${terms.hours ?? 24} hours` } };
    case 'home_monitoring':
      return { action: 'home_monitoring', days: terms.days ?? 14, hours: null, reason: { vi: `Theo dõi sức khỏe tại nhà ${terms.days ?? 14} ngày`, en: `Home monitoring for ${terms.days ?? 14} days` } };
    case 'centralized_quarantine':
      return { action: 'centralized_quarantine', days: terms.days ?? 14, hours: null, reason: { vi: `Cách ly tập trung ${terms.days ?? 14} ngày`, en: `Centralized quarantine for ${terms.days ?? 14} days` } };
  }
}

/** Whether a province is an epidemic area under the version. */
export const isEpidemicProvince = (rule: ArrivalRuleVersion, provinceCode: string | null) => !!provinceCode && rule.epidemicProvinces.includes(provinceCode);

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export type ArrivalRuleParams = Pick<ArrivalRuleVersion, 'byOrigin' | 'transport' | 'epidemicProvinces'>;

/** The issues of a province's version's parameters (the header is checked by the rules registry). */
export function arrivalRuleIssues(p: ArrivalRuleParams): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const whole = (n: unknown, min: number, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  for (const level of ORIGIN_LEVELS) {
    const t = p.byOrigin[level];
    const field = `byOrigin/${level}`;
    if (!t) { issues.push(issue(field, 'REQUIRED', 'Thiếu biện pháp cho mức nơi đi này', 'No measure for this origin level')); continue; }
    if (t.action === 'test' && !whole(t.hours, 1, 168)) issues.push(issue(`${field}/hours`, 'RANGE', 'Thời hạn xét nghiệm từ 1 đến 168 giờ', 'The test deadline is 1 to 168 hours'));
    if ((t.action === 'home_monitoring' || t.action === 'centralized_quarantine') && !whole(t.days, 1, 60)) {
      issues.push(issue(`${field}/days`, 'RANGE', 'Số ngày từ 1 đến 60', 'Days must be 1 to 60'));
    }
  }
  if (p.byOrigin.none && p.byOrigin.none.action !== 'none') issues.push(issue('byOrigin/none', 'INVALID', 'Nơi đi không phải vùng dịch không có biện pháp', 'A non-epidemic origin has no measure'));
  if (!whole(p.transport?.testValidHours, 1, 168)) issues.push(issue('transport/testValidHours', 'RANGE', 'Hiệu lực xét nghiệm từ 1 đến 168 giờ', 'Test validity is 1 to 168 hours'));
  for (const [i, c] of (p.epidemicProvinces ?? []).entries()) {
    if (!/^\d{2}$/.test(c)) issues.push(issue(`epidemicProvinces/${i}`, 'INVALID', `Mã tỉnh "${c}" không hợp lệ`, `"${c}" is not a province code`));
  }
  return issues;
}
