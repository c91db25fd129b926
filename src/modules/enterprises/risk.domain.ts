/**
 * Enterprise risk self-assessment under Quyết định 2194/QĐ-BCĐQG (27/5/2020, Part 2 "Hướng dẫn
 * đánh giá nguy cơ lây nhiễm dịch COVID-19 tại các cơ sở sản xuất, kinh doanh"), as pure rules.
 * No I/O; days are 'YYYY-MM-DD' Vietnam calendar days.
 *
 * What is verified (the decree's published summaries and the bilingual form that circulated with
 * it): 15 indicators CS1…CS15, index = (CS1 + … + CS15) / 300 × 100, shown as a percentage with
 * one decimal (the form's example reads "11.7%", i.e. 35/300), and the classes "≤ 15 % very low,
 * 16–30 % low, 31–50 % medium, 51–80 % high, 81–100 % very high". The workforce-size scale
 * (<50: 1 … ≥ 5,000: 10) is the issue's and the domain notes'.
 * What is not verified: the wording of the other 14 indicators, their options and points, and
 * how each reaches its share of the 300 (we model a weight, hệ số, per indicator: points × weight;
 * the weights add up to 30 so the maximum is 300 and the minimum 30, i.e. 10 %). Those are marked
 * `unverified` in the built-in version; a province corrects them by adding a rule version.
 *
 * Rounding and band edges (our reading, stated once here): the index is rounded half up to one
 * decimal, as the form shows it, and the band is taken from that rounded index with each band's
 * upper edge inclusive and nothing in between: ≤ 15.0 very low, 15.1–30.0 low, 30.1–50.0 medium,
 * 50.1–80.0 high, above 80.0 very high. The decree's "16–30" is read as "above 15 up to 30", so a
 * 15.3 is low, never unclassified.
 */
import { addDays, dayNumber, isoDay } from '../../lib/time.ts';
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';

export type RiskBand = 'very_low' | 'low' | 'medium' | 'high' | 'very_high';
export const RISK_BANDS: readonly RiskBand[] = ['very_low', 'low', 'medium', 'high', 'very_high'];

export const RISK_BAND_LABELS: Record<RiskBand, LocalisedMessage> = {
  very_low: { vi: 'Rất ít nguy cơ', en: 'Very low risk' },
  low: { vi: 'Nguy cơ thấp', en: 'Low risk' },
  medium: { vi: 'Nguy cơ trung bình', en: 'Medium risk' },
  high: { vi: 'Nguy cơ cao', en: 'High risk' },
  very_high: { vi: 'Nguy cơ rất cao', en: 'Very high risk' },
};

/** How often enterprises assess: one submission counts per ISO week (default) or per month. */
export type RiskPeriodKind = 'iso_week' | 'month';

export interface RiskOption {
  code: string;
  label: LocalisedMessage;
  /** Points before the indicator's weight (the decree's scales run 1 to 10). */
  points: number;
  /** Workforce indicator only: the option applies from this many workers up (inclusive). */
  minWorkers?: number;
}

export interface RiskIndicator {
  code: string;
  text: LocalisedMessage;
  /** Hệ số: the indicator's points are the chosen option's points × weight. */
  weight: number;
  options: RiskOption[];
  /** The workforce-size indicator: its option follows from the number of workers. */
  workforce?: boolean;
  /** The text, options or points could not be checked against the decree. */
  unverified?: boolean;
}

/** A band and the highest index (percent, inclusive) it covers; the last band ends at 100. */
export interface RiskBandEdge { band: RiskBand; upTo: number }

export interface EnterpriseRiskRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  /** The divisor of the index: the sum of the indicators' maximum points (300 in the decree). */
  maxTotal: number;
  period: RiskPeriodKind;
  bands: RiskBandEdge[];
  indicators: RiskIndicator[];
}

const o = (code: string, vi: string, en: string, points: number, minWorkers?: number): RiskOption =>
  minWorkers === undefined ? { code, label: { vi, en }, points } : { code, label: { vi, en }, points, minWorkers };
const ind = (code: string, vi: string, en: string, weight: number, options: RiskOption[], extra: Partial<RiskIndicator> = {}): RiskIndicator =>
  ({ code, text: { vi, en }, weight, options, unverified: true, ...extra });
/** The usual three-step scale of a measure: in place everywhere, partly, not at all. */
const measure = (code: string, vi: string, en: string, weight: number, all: [string, string], part: [string, string], none: [string, string]) =>
  ind(code, vi, en, weight, [o('all', ...all, 1), o('partial', ...part, 5), o('none', ...none, 10)]);

export const DEFAULT_RISK_BANDS: RiskBandEdge[] = [
  { band: 'very_low', upTo: 15 }, { band: 'low', upTo: 30 }, { band: 'medium', upTo: 50 }, { band: 'high', upTo: 80 }, { band: 'very_high', upTo: 100 },
];

/** QĐ 2194/QĐ-BCĐQG as built in: the structure above, indicators other than the bands and the index marked unverified. */
export const QD2194: EnterpriseRiskRuleVersion = {
  code: 'qd2194-2020-05',
  document: 'Quyết định 2194/QĐ-BCĐQG ngày 27/5/2020',
  name: { vi: 'Bộ chỉ số đánh giá nguy cơ lây nhiễm COVID-19 tại nơi làm việc (QĐ 2194)', en: 'COVID-19 workplace infection risk index (Decision 2194)' },
  effectiveFrom: '2020-05-27',
  maxTotal: 300,
  period: 'iso_week',
  bands: DEFAULT_RISK_BANDS,
  indicators: [
    // The option points are the issue's; the weight is our assumption.
    ind('cs01', 'Số lượng người lao động của cơ sở', 'Number of workers at the establishment', 2, [
      o('lt50', 'Dưới 50 người', 'Under 50', 1, 0), o('50-199', 'Từ 50 đến 199 người', '50 to 199', 2, 50), o('200-499', 'Từ 200 đến 499 người', '200 to 499', 4, 200),
      o('500-999', 'Từ 500 đến 999 người', '500 to 999', 6, 500), o('1000-4999', 'Từ 1.000 đến 4.999 người', '1,000 to 4,999', 8, 1000),
      o('ge5000', 'Từ 5.000 người trở lên', '5,000 or more', 10, 5000),
    ], { workforce: true }),
    ind('cs02', 'Mật độ người lao động tại phân xưởng, khu vực làm việc', 'Density of workers in workshops and work areas', 2, [
      o('ge16', 'Từ 16 m² trở lên cho 1 người', '16 m² or more per person', 1), o('9-16', 'Từ 9 đến dưới 16 m²/người', '9 to under 16 m² per person', 2),
      o('4-9', 'Từ 4 đến dưới 9 m²/người', '4 to under 9 m² per person', 6), o('2.5-4', 'Từ 2,5 đến dưới 4 m²/người', '2.5 to under 4 m² per person', 8),
      o('lt2.5', 'Dưới 2,5 m²/người', 'Under 2.5 m² per person', 10),
    ]),
    ind('cs03', 'Khoảng cách giữa người lao động tại vị trí làm việc', 'Distance between workers at their work stations', 3, [
      o('ge2m', 'Từ 2 m trở lên hoặc có vách ngăn', '2 m or more, or partitions', 1), o('1-2m', 'Từ 1 đến dưới 2 m', '1 to under 2 m', 5), o('lt1m', 'Dưới 1 m, không có vách ngăn', 'Under 1 m without partitions', 10),
    ]),
    ind('cs04', 'Thông gió, thông khí nơi làm việc', 'Ventilation of the workplace', 2, [
      o('natural', 'Thông gió tự nhiên, mở cửa thường xuyên', 'Natural ventilation, windows open', 1), o('mechanical', 'Thông gió cơ học có cấp khí tươi', 'Mechanical ventilation with fresh air', 4),
      o('closed', 'Phòng kín dùng điều hòa, không cấp khí tươi', 'Closed air-conditioned rooms without fresh air', 10),
    ]),
    ind('cs05', 'Người lao động đi về từ vùng có dịch hoặc đi lại giữa các tỉnh', 'Workers coming from epidemic areas or travelling between provinces', 2, [
      o('none', 'Không có', 'None', 1), o('few', 'Có, dưới 10% người lao động', 'Yes, under 10% of workers', 5), o('many', 'Có, từ 10% người lao động trở lên', 'Yes, 10% of workers or more', 10),
    ]),
    ind('cs06', 'Tiếp xúc với khách hàng, khách đến làm việc, người bên ngoài', 'Contact with customers, visitors and outsiders', 2, [
      o('none', 'Không tiếp xúc', 'No contact', 1), o('screened', 'Có, khách được khai báo y tế và đo thân nhiệt', 'Yes, visitors declare their health and have their temperature taken', 4),
      o('frequent', 'Thường xuyên, không kiểm soát', 'Frequent and uncontrolled', 10),
    ]),
    ind('cs07', 'Chuyên gia, người lao động nước ngoài nhập cảnh đến làm việc', 'Foreign experts or workers arriving from abroad', 1, [
      o('none', 'Không có', 'None', 1), o('quarantined', 'Có, đã cách ly và xét nghiệm theo quy định', 'Yes, quarantined and tested as required', 5), o('unquarantined', 'Có, chưa cách ly đủ thời gian', 'Yes, not fully quarantined', 10),
    ]),
    ind('cs08', 'Phương tiện đưa đón người lao động', 'Transport of workers', 2, [
      o('none', 'Không có xe đưa đón', 'No company transport', 1), o('distanced', 'Có xe, chở không quá 50% số chỗ, đeo khẩu trang', 'Company buses at no more than half capacity, masks worn', 4),
      o('full', 'Có xe, chở đủ hoặc quá số chỗ', 'Company buses at full capacity or more', 10),
    ]),
    ind('cs09', 'Chỗ ở tập trung của người lao động (ký túc xá, nhà trọ)', 'Group lodging of workers (dormitories, boarding houses)', 2, [
      o('none', 'Không có, người lao động ở tại gia đình', 'None, workers live at home', 1), o('managed', 'Có, ký túc xá được quản lý, không quá 4 người/phòng', 'Managed dormitories, at most 4 per room', 5),
      o('crowded', 'Có, ở đông người hoặc nhà trọ không quản lý được', 'Crowded rooms or unmanaged boarding houses', 10),
    ]),
    ind('cs10', 'Tổ chức bữa ăn tập trung', 'Shared meals', 2, [
      o('staggered', 'Chia ca ăn, có vách ngăn hoặc giãn cách', 'Staggered meal times with partitions or distancing', 1), o('partly', 'Chia ca ăn, không có vách ngăn', 'Staggered meal times without partitions', 5),
      o('crowded', 'Ăn tập trung đông người cùng lúc', 'Everyone eats together at once', 10),
    ]),
    measure('cs11', 'Nơi rửa tay với xà phòng, dung dịch sát khuẩn tại lối vào và khu vực làm việc', 'Hand washing with soap or sanitiser at entrances and work areas', 2,
      ['Đủ ở mọi lối vào và khu vực', 'At every entrance and work area'], ['Có ở một số nơi', 'At some places'], ['Không có', 'None']),
    measure('cs12', 'Đeo khẩu trang tại nơi làm việc', 'Masks worn at work', 2,
      ['Tất cả người lao động luôn đeo khẩu trang', 'Every worker always wears a mask'], ['Phần lớn người lao động đeo khẩu trang', 'Most workers wear masks'], ['Không yêu cầu đeo khẩu trang', 'Masks are not required']),
    measure('cs13', 'Đo thân nhiệt, khai báo y tế, sàng lọc người lao động khi vào cơ sở', 'Temperature checks, health declarations and screening at entry', 2,
      ['Tất cả người lao động, hằng ngày', 'Every worker, every day'], ['Một phần, không thường xuyên', 'Some workers, not every day'], ['Không thực hiện', 'Not done']),
    measure('cs14', 'Vệ sinh, khử khuẩn bề mặt, khu vực dùng chung', 'Cleaning and disinfection of surfaces and shared areas', 2,
      ['Hằng ngày hoặc sau mỗi ca', 'Daily or after every shift'], ['Hằng tuần', 'Weekly'], ['Không thường xuyên', 'Not regularly']),
    measure('cs15', 'Phương án phòng, chống dịch, tổ an toàn COVID, khu vực cách ly tạm thời', 'Prevention plan, COVID safety team and temporary isolation area', 2,
      ['Có đủ phương án, tổ an toàn, khu cách ly và đã diễn tập', 'Plan, safety team and isolation area in place and rehearsed'], ['Có phương án nhưng chưa đủ', 'A plan, not complete'], ['Không có', 'None']),
  ],
};

export const ENTERPRISE_RISK_RULE_VERSIONS: readonly EnterpriseRiskRuleVersion[] = [QD2194];

/** The version in force on a day; before the first one, the first (the index is only ever computed after 2020). */
export function riskRuleFor(versions: readonly EnterpriseRiskRuleVersion[], day: string): EnterpriseRiskRuleVersion {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (sorted.length === 0) throw new Error('no enterprise risk rule version');
  return sorted.filter((v) => v.effectiveFrom <= day).at(-1) ?? sorted[0]!;
}

const maxPoints = (i: RiskIndicator) => Math.max(...i.options.map((x) => x.points)) * i.weight;

/** The option of the workforce indicator that a number of workers falls in (the highest `minWorkers` reached). */
export function workforceOption(indicator: RiskIndicator, workers: number): RiskOption | null {
  let found: RiskOption | null = null;
  for (const opt of indicator.options) {
    if (opt.minWorkers !== undefined && workers >= opt.minWorkers && (!found || opt.minWorkers > found.minWorkers!)) found = opt;
  }
  return found;
}

/** Workforce-size points of a version (before the weight): <50 → 1 … ≥ 5,000 → 10 in QĐ 2194. */
export function workforcePoints(workers: number, rule: EnterpriseRiskRuleVersion = QD2194): number | null {
  const indicator = rule.indicators.find((i) => i.workforce);
  return indicator ? (workforceOption(indicator, workers)?.points ?? null) : null;
}

/** The index in percent, rounded half up to one decimal (integer arithmetic, so 45/300 is exactly 15.0). */
export function riskIndex(total: number, maxTotal: number): number {
  const tenths = Math.floor((2 * total * 1000 + maxTotal) / (2 * maxTotal));
  return tenths / 10;
}

/** The band of an index: the first band whose upper edge (inclusive) it does not pass. */
export function riskBand(index: number, bands: readonly RiskBandEdge[] = DEFAULT_RISK_BANDS): RiskBand {
  for (const b of bands) if (index <= b.upTo) return b.band;
  return bands.at(-1)!.band;
}

export type RiskAnswers = Record<string, string>;

export interface RiskScore {
  total: number;
  maxTotal: number;
  index: number;
  band: RiskBand;
  /** Each indicator's points after its weight. */
  points: Record<string, number>;
}

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

/**
 * Scores a complete form: every indicator answered with one of its options, nothing else; when
 * the number of workers is given, the workforce answer must be the option it falls in.
 */
export function scoreAssessment(rule: EnterpriseRiskRuleVersion, answers: RiskAnswers, workers?: number | null): { ok: true; value: RiskScore } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const points: Record<string, number> = {};
  let total = 0;
  for (const [n, indicator] of rule.indicators.entries()) {
    const field = `answers/${indicator.code}`;
    const label = `${n + 1}. ${indicator.text.vi}`;
    const labelEn = `${n + 1}. ${indicator.text.en}`;
    const answer = answers[indicator.code];
    if (answer === undefined || answer === '') {
      issues.push(issue(field, 'REQUIRED', `Chưa trả lời chỉ số ${label}`, `Indicator ${labelEn} is not answered`));
      continue;
    }
    const opt = indicator.options.find((x) => x.code === answer);
    if (!opt) {
      issues.push(issue(field, 'INVALID_OPTION', `Chỉ số ${label}: "${answer}" không phải một lựa chọn`, `Indicator ${labelEn}: "${answer}" is not one of its options`));
      continue;
    }
    if (indicator.workforce && workers != null) {
      const expected = workforceOption(indicator, workers);
      if (expected && expected.code !== opt.code) {
        issues.push(issue(field, 'WORKFORCE_MISMATCH', `Chỉ số ${label}: ${workers} người lao động thuộc mức "${expected.label.vi}"`, `Indicator ${labelEn}: ${workers} workers fall in "${expected.label.en}"`));
        continue;
      }
    }
    points[indicator.code] = opt.points * indicator.weight;
    total += points[indicator.code]!;
  }
  const known = new Set(rule.indicators.map((i) => i.code));
  for (const code of Object.keys(answers)) {
    if (!known.has(code)) issues.push(issue(`answers/${code}`, 'UNKNOWN_INDICATOR', `Không có chỉ số "${code}" trong bộ chỉ số`, `There is no indicator "${code}" in the form`));
  }
  if (issues.length) return { ok: false, issues };
  const index = riskIndex(total, rule.maxTotal);
  return { ok: true, value: { total, maxTotal: rule.maxTotal, index, band: riskBand(index, rule.bands), points } };
}

/** A form being filled in: the points of the answers given so far (invalid ones ignored) and, once complete, the index. */
export function previewAssessment(rule: EnterpriseRiskRuleVersion, answers: RiskAnswers, workers?: number | null) {
  const scored = scoreAssessment(rule, answers, workers);
  if (scored.ok) return { complete: true, answered: rule.indicators.length, ...scored.value, issues: [] as FieldIssue[] };
  let total = 0;
  let answered = 0;
  for (const i of rule.indicators) {
    const opt = i.options.find((x) => x.code === answers[i.code]);
    if (opt) {
      total += opt.points * i.weight;
      answered++;
    }
  }
  return { complete: false, answered, total, maxTotal: rule.maxTotal, index: null, band: null, points: {}, issues: scored.issues };
}

// ---------- periods ----------

/** The ISO week of a day: 'YYYY-Www' (the week belongs to the year of its Thursday). */
export function isoWeekOf(day: string): string {
  const n = dayNumber(day);
  // 1970-01-01 was a Thursday: weekday 0 = Monday.
  const weekday = (((n + 3) % 7) + 7) % 7;
  const thursday = n - weekday + 3;
  const year = Number(isoDay(thursday).slice(0, 4));
  const jan1 = dayNumber(`${year}-01-01`);
  return `${year}-W${String(Math.floor((thursday - jan1) / 7) + 1).padStart(2, '0')}`;
}

export function periodOf(day: string, kind: RiskPeriodKind): string {
  return kind === 'month' ? day.slice(0, 7) : isoWeekOf(day);
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** First and last day of a period key, or null when it is not one of the kind. */
export function periodRange(period: string, kind: RiskPeriodKind): { from: string; to: string } | null {
  if (kind === 'month') {
    const m = MONTH.exec(period);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
    const from = `${period}-01`;
    const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
    return { from, to: addDays(next, -1) };
  }
  const w = WEEK.exec(period);
  if (!w) return null;
  // The Monday of week 1 is the Monday of the week holding 4 January.
  const jan4 = dayNumber(`${w[1]}-01-04`);
  const monday = jan4 - ((((jan4 + 3) % 7) + 7) % 7) + (Number(w[2]) - 1) * 7;
  const from = isoDay(monday);
  if (Number(w[2]) < 1 || isoWeekOf(from) !== period) return null;
  return { from, to: isoDay(monday + 6) };
}

/** The period before one (for "has not submitted since"). */
export function previousPeriod(period: string, kind: RiskPeriodKind): string | null {
  const r = periodRange(period, kind);
  return r ? periodOf(addDays(r.from, -1), kind) : null;
}

/** A version as responses give it: plain copies, every optional flag spelled out, band names beside the edges. */
export function presentRiskRule(rule: EnterpriseRiskRuleVersion, source: 'built_in' | 'configured') {
  return {
    code: rule.code, document: rule.document, name: rule.name, effectiveFrom: rule.effectiveFrom, maxTotal: rule.maxTotal, period: rule.period,
    bands: rule.bands.map((b) => ({ ...b, label: RISK_BAND_LABELS[b.band] })),
    indicators: rule.indicators.map((i) => ({
      code: i.code, text: i.text, weight: i.weight, workforce: i.workforce ?? false, unverified: i.unverified ?? false,
      options: i.options.map((x) => ({ code: x.code, label: x.label, points: x.points, minWorkers: x.minWorkers ?? null })),
    })),
    source,
  };
}

// ---------- rule versions a province adds ----------

export interface RiskRuleInput {
  code: string; document: string; name: LocalisedMessage; effectiveFrom: string;
  period?: RiskPeriodKind | undefined;
  bands?: RiskBandEdge[] | undefined;
  indicators: RiskIndicator[];
}

const CODE = /^[a-z0-9][a-z0-9.-]{0,19}$/;

/**
 * The indicators, options and bands of a province's version (the header is checked by the rules
 * registry). The divisor is the sum of the indicators' maxima, so the index always reaches 100.
 */
export function riskRuleIssues(input: RiskRuleInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.indicators.length < 1 || input.indicators.length > 40) issues.push(issue('indicators', 'RANGE', 'Bộ chỉ số có từ 1 đến 40 chỉ số', 'A form has 1 to 40 indicators'));
  const codes = new Set<string>();
  for (const [n, i] of input.indicators.entries()) {
    const f = `indicators/${n}`;
    if (!CODE.test(i.code)) issues.push(issue(`${f}/code`, 'INVALID', 'Mã chỉ số gồm chữ thường, số, dấu chấm, gạch ngang (tối đa 20 ký tự)', 'An indicator code is up to 20 lower-case letters, digits, dots and hyphens'));
    else if (codes.has(i.code)) issues.push(issue(`${f}/code`, 'DUPLICATE', `Mã chỉ số "${i.code}" lặp lại`, `Indicator code "${i.code}" is repeated`));
    codes.add(i.code);
    if (!i.text.vi.trim() || !i.text.en.trim()) issues.push(issue(`${f}/text`, 'REQUIRED', 'Ghi nội dung chỉ số bằng tiếng Việt và tiếng Anh', 'Word the indicator in Vietnamese and English'));
    if (!Number.isInteger(i.weight) || i.weight < 1 || i.weight > 10) issues.push(issue(`${f}/weight`, 'RANGE', 'Hệ số từ 1 đến 10', 'A weight is 1 to 10'));
    if (i.options.length < 2) issues.push(issue(`${f}/options`, 'RANGE', 'Mỗi chỉ số cần ít nhất 2 lựa chọn', 'An indicator needs at least 2 options'));
    const optionCodes = new Set<string>();
    for (const [k, opt] of i.options.entries()) {
      const of = `${f}/options/${k}`;
      if (!CODE.test(opt.code)) issues.push(issue(`${of}/code`, 'INVALID', 'Mã lựa chọn gồm chữ thường, số, dấu chấm, gạch ngang', 'An option code is lower-case letters, digits, dots and hyphens'));
      else if (optionCodes.has(opt.code)) issues.push(issue(`${of}/code`, 'DUPLICATE', `Mã lựa chọn "${opt.code}" lặp lại`, `Option code "${opt.code}" is repeated`));
      optionCodes.add(opt.code);
      if (!opt.label.vi.trim() || !opt.label.en.trim()) issues.push(issue(`${of}/label`, 'REQUIRED', 'Ghi nội dung lựa chọn bằng tiếng Việt và tiếng Anh', 'Word the option in Vietnamese and English'));
      if (!Number.isInteger(opt.points) || opt.points < 0 || opt.points > 100) issues.push(issue(`${of}/points`, 'RANGE', 'Điểm từ 0 đến 100', 'Points are 0 to 100'));
      if (i.workforce && (opt.minWorkers === undefined || !Number.isInteger(opt.minWorkers) || opt.minWorkers < 0)) {
        issues.push(issue(`${of}/minWorkers`, 'REQUIRED', 'Chỉ số quy mô lao động: ghi số người lao động tối thiểu của mỗi mức', 'Workforce indicator: give each option its least number of workers'));
      }
    }
    if (i.workforce && !issues.some((x) => x.field.startsWith(`${f}/`)) && !i.options.some((x) => x.minWorkers === 0)) {
      issues.push(issue(`${f}/options`, 'GAP', 'Chỉ số quy mô lao động: cần một mức bắt đầu từ 0 người', 'Workforce indicator: one option must start at 0 workers'));
    }
  }
  if (!issues.length && input.indicators.reduce((s, i) => s + maxPoints(i), 0) <= 0) issues.push(issue('indicators', 'NO_POINTS', 'Bộ chỉ số cần có điểm', 'The form gives no points'));
  if (input.indicators.filter((i) => i.workforce).length > 1) issues.push(issue('indicators', 'WORKFORCE', 'Chỉ có một chỉ số quy mô lao động', 'Only one indicator is the workforce size'));
  const bands = input.bands ?? DEFAULT_RISK_BANDS;
  if (bands.map((b) => b.band).join() !== RISK_BANDS.join()) issues.push(issue('bands', 'BANDS', 'Cần đủ 5 mức nguy cơ theo thứ tự từ rất thấp đến rất cao', 'Give the 5 bands in order from very low to very high'));
  else if (!bands.every((b, k) => Number.isFinite(b.upTo) && b.upTo >= 0 && b.upTo <= 100 && (k === 0 || b.upTo > bands[k - 1]!.upTo)) || bands.at(-1)!.upTo !== 100) {
    issues.push(issue('bands', 'ORDER', 'Ngưỡng trên của các mức tăng dần, mức cuối là 100', 'Band upper edges rise and the last is 100'));
  }
  return issues;
}

/** A version to store from a valid input (call riskRuleIssues first). */
export function riskRuleVersion(input: RiskRuleInput): EnterpriseRiskRuleVersion {
  const indicators = input.indicators.map((i) => ({ ...i, options: i.options.map((x) => ({ ...x })) }));
  return {
    code: input.code, document: input.document.trim(), name: input.name, effectiveFrom: input.effectiveFrom,
    maxTotal: indicators.reduce((s, i) => s + maxPoints(i), 0), period: input.period ?? 'iso_week', bands: (input.bands ?? DEFAULT_RISK_BANDS).map((b) => ({ ...b })), indicators,
  };
}
