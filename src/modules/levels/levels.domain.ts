/**
 * Epidemic levels (cấp độ dịch) under Nghị quyết 128/NQ-CP, as pure rules: Hướng dẫn 4800/HD-BYT
 * (from 11/10/2021) and QĐ 218/QĐ-BYT (from 27/01/2022) as built-in dated versions; a province may
 * add its own (rules registry, context 'epidemic_level'). No I/O; days are 'YYYY-MM-DD' Vietnam
 * calendar days, instants are passed in.
 *
 * A commune, each day:
 * - Criterion 1: new community cases (classification 'community', by confirmation date) in the 7
 *   days ending on the day, per 100,000 people of the commune's register (`person`, the
 *   denominator). The band whose lower edge the rate reaches gives the level; below the first
 *   band, level 1. A commune with cases but nobody in the register has no rate and is level 4
 *   (cases over an empty denominator); without cases, level 1.
 * - Criterion 2: vaccination coverage against the version's targets (4800: ≥ 70 % of people ≥ 18
 *   with at least one dose and ≥ 80 % of people ≥ 50 fully vaccinated; QĐ 218, as the domain
 *   digest states it: ≥ 75 % of the population fully vaccinated and ≥ 90 % of the high-risk
 *   groups). A known value below its target raises the level by one, never above 4, and not in a
 *   commune without cases (the Ministry's guidance: "trừ khi đang ở cấp độ 4 hoặc địa bàn không có
 *   ca mắc"). Coverage is optional: there is no vaccination data yet, so unknown coverage raises
 *   nothing and is recorded as unknown (the vaccination issue will fill it in).
 * - Criterion 3: treatment capacity, province-wide (facility beds against open admissions on the
 *   day): met when every bed kind the province has (normal, oxygen, ICU) keeps at least the
 *   version's share free (default 20 %). Not met: the level is not lowered below the level in
 *   force. No beds registered: unknown, which blocks nothing.
 * - Deaths (QĐ 218 only, as the domain digest states it): more than 6 deaths per 100,000 people of
 *   the commune in the version's window (7 days by default: the window is not in the digest, so it
 *   is configuration) raise the level by one, never above 4. Deaths are cases whose status timeline
 *   reached 'died' on a day of the window.
 * The 80 % (≥ 50 fully vaccinated) of 4800 and the QĐ 218 middle bands are not in the digest: the
 * first is the Ministry's published value, the second our default (below); both are configuration.
 *
 * Roll-up (QĐ 2686 as the issue states it): a district is high (level 3) when ≥ 30 % of its
 * communes are at level 3 or more, or ≥ 50 % are at level 2 or more ("at risk"), or one commune
 * is at level 4. The same rule one level up decides level 4 (≥ 30 % at level 4, or ≥ 50 % at 3 or
 * more) and one level down level 2 (≥ 30 % at level 2 or more, or one commune at 3 or more; the
 * "half at level 1" clause is left out, as it would make every district level 2). The province
 * rolls its districts up by the same rule. These extensions are ours: the thresholds are
 * parameters of the version.
 *
 * Timing (NQ 128 gives 48 hours' notice before a level is raised): a level above the one in force
 * is a proposal that takes effect 48 hours after the assessment unless an authorised user confirms
 * it earlier; the same level or a lower one takes effect at once. A proposal still pending for the
 * same or a higher level keeps its notice (a daily re-assessment does not postpone it); a higher
 * level restarts the notice. A unit's first assessment has no level to raise from and is in force
 * at once. A past day is assessed as of its end (midnight Vietnam time), today as of now.
 */
import { addDays } from '../../lib/time.ts';
import type { LocalisedMessage } from '../../server/errors.ts';

export type Level = 1 | 2 | 3 | 4;
export const LEVELS: readonly Level[] = [1, 2, 3, 4];
export const RAISE_NOTICE_HOURS = 48;

export const LEVEL_LABELS: Record<Level, LocalisedMessage> = {
  1: { vi: 'Cấp 1 – nguy cơ thấp (bình thường mới)', en: 'Level 1 – low risk (new normal)' },
  2: { vi: 'Cấp 2 – nguy cơ trung bình', en: 'Level 2 – medium risk' },
  3: { vi: 'Cấp 3 – nguy cơ cao', en: 'Level 3 – high risk' },
  4: { vi: 'Cấp 4 – nguy cơ rất cao', en: 'Level 4 – very high risk' },
};

/** The lower edge of a level's band of criterion 1 (new community cases per 100,000 per 7 days). */
export interface CaseBand {
  level: 2 | 3 | 4;
  from: number;
  /** true: rate ≥ from; false: rate > from (QĐ 218's level 4 is "> 600"). */
  inclusive: boolean;
  /** The document leaves this band to configuration (unverified defaults): the UI says so. */
  configurable: boolean;
}

export type CoverageMeasure = 'adultsOneDose' | 'over50Full' | 'populationFull' | 'highRiskFull';
export const COVERAGE_MEASURES: readonly CoverageMeasure[] = ['adultsOneDose', 'over50Full', 'populationFull', 'highRiskFull'];
export const COVERAGE_LABELS: Record<CoverageMeasure, LocalisedMessage> = {
  adultsOneDose: { vi: 'người ≥ 18 tuổi tiêm ít nhất 1 mũi', en: 'people ≥ 18 with at least one dose' },
  over50Full: { vi: 'người ≥ 50 tuổi tiêm đủ liều', en: 'people ≥ 50 fully vaccinated' },
  populationFull: { vi: 'dân số tiêm đủ liều', en: 'population fully vaccinated' },
  highRiskFull: { vi: 'nhóm nguy cơ cao tiêm đủ liều', en: 'high-risk groups fully vaccinated' },
};
export interface CoverageTarget { measure: CoverageMeasure; minPercent: number }
/** Percentages 0–100 per measure; a missing measure is unknown. */
export type CoverageInput = Partial<Record<CoverageMeasure, number | null>>;

export interface RollUpParams {
  /** A unit is at level k when at least this share (%) of its parts is at level k or more. */
  sameLevelPercent: number;
  /** ... or at least this share (%) is at level k − 1 or more (for k − 1 ≥ 2). */
  levelBelowPercent: number;
  /** ... or at least this many parts are at level k + 1 or more (0: the clause is off). */
  levelAboveCount: number;
}

/** Deaths per 100,000 in the last `windowDays` days above `above` raise a commune one level. */
export interface DeathsRaise { above: number; windowDays: number; configurable: boolean }

/** What the deaths criterion saw: deaths in the window, their rate, the threshold, whether they raised the level. */
export interface DeathsInputs { count: number; windowDays: number; ratePer100k: number | null; above: number; raised: boolean }

export interface EpidemicLevelRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  /** Levels 2, 3 and 4, lowest first. */
  caseBands: CaseBand[];
  coverageTargets: CoverageTarget[];
  /** Criterion 2 raises nothing where there was no case in the 7 days. */
  coverageRaiseNeedsCases: boolean;
  /** Criterion 3: each bed kind keeps at least this share (%) free. */
  minFreeBedsPercent: number;
  rollUp: RollUpParams;
  /** QĐ 218's deaths criterion; absent or null: none (Hướng dẫn 4800, versions stored before it existed). */
  deathsRaise?: DeathsRaise | null | undefined;
}

const ROLL_UP_QD2686: RollUpParams = { sameLevelPercent: 30, levelBelowPercent: 50, levelAboveCount: 1 };

export const HD4800: EpidemicLevelRuleVersion = {
  code: 'hd4800-2021-10',
  document: 'Hướng dẫn 4800/HD-BYT (Nghị quyết 128/NQ-CP)',
  name: { vi: 'Cấp độ dịch theo Hướng dẫn 4800 (10/2021)', en: 'Epidemic levels under Guidance 4800 (October 2021)' },
  effectiveFrom: '2021-10-11',
  // Level 1 < 20 and level 4 ≥ 150 are the document's; 20–<50 and 50–<150 are configuration.
  caseBands: [
    { level: 2, from: 20, inclusive: true, configurable: true },
    { level: 3, from: 50, inclusive: true, configurable: true },
    { level: 4, from: 150, inclusive: true, configurable: false },
  ],
  coverageTargets: [{ measure: 'adultsOneDose', minPercent: 70 }, { measure: 'over50Full', minPercent: 80 }],
  coverageRaiseNeedsCases: true,
  minFreeBedsPercent: 20,
  rollUp: ROLL_UP_QD2686,
};

export const QD218: EpidemicLevelRuleVersion = {
  code: 'qd218-2022-01',
  document: 'Quyết định 218/QĐ-BYT',
  name: { vi: 'Cấp độ dịch theo Quyết định 218 (01/2022)', en: 'Epidemic levels under Decision 218 (January 2022)' },
  effectiveFrom: '2022-01-27',
  // Level 4 "> 600" is the document's. Our defaults for the middle: level 2 from 20 (the level-1
  // edge kept), level 3 from 150 (the 2021 rule's level 4 becomes the relaxed rule's level 3), up to
  // and including 600.
  caseBands: [
    { level: 2, from: 20, inclusive: true, configurable: true },
    { level: 3, from: 150, inclusive: true, configurable: true },
    { level: 4, from: 600, inclusive: false, configurable: false },
  ],
  coverageTargets: [{ measure: 'populationFull', minPercent: 75 }, { measure: 'highRiskFull', minPercent: 90 }],
  coverageRaiseNeedsCases: true,
  minFreeBedsPercent: 20,
  rollUp: ROLL_UP_QD2686,
  // "> 6 per 100,000" is the digest's; the 7-day window is ours.
  deathsRaise: { above: 6, windowDays: 7, configurable: true },
};

export const EPIDEMIC_LEVEL_RULE_VERSIONS: readonly EpidemicLevelRuleVersion[] = [HD4800, QD218];

/**
 * The version in force on a day: the latest effective on or before it. A day before every version
 * (the 2021 wave came before NQ 128) is judged by the earliest, and `beforeEffective` says so.
 */
export function levelRuleFor(versions: readonly EpidemicLevelRuleVersion[], day: string): { rule: EpidemicLevelRuleVersion; beforeEffective: boolean } {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (sorted.length === 0) throw new Error('no epidemic level rule version');
  const inForce = sorted.filter((v) => v.effectiveFrom <= day).at(-1);
  return inForce ? { rule: inForce, beforeEffective: false } : { rule: sorted[0]!, beforeEffective: true };
}

export const clampLevel = (n: number): Level => Math.min(4, Math.max(1, Math.trunc(n))) as Level;

const reaches = (rate: number, b: Pick<CaseBand, 'from' | 'inclusive'>) => (b.inclusive ? rate >= b.from : rate > b.from);

/** Criterion 1: the level of a rate (new community cases per 100,000 per 7 days). */
export function levelForRate(rate: number, bands: readonly CaseBand[]): Level {
  let level: Level = 1;
  for (const b of bands) if (reaches(rate, b)) level = Math.max(level, b.level) as Level;
  return level;
}

/** A level's range of rates: [min, max) with the edges' inclusiveness, for explanations. */
export interface BandRange { level: Level; min: number | null; minInclusive: boolean; max: number | null; maxInclusive: boolean; configurable: boolean }

export function bandRanges(bands: readonly CaseBand[]): BandRange[] {
  const of = (level: Level) => bands.find((b) => b.level === level);
  return LEVELS.map((level) => {
    const own = level === 1 ? undefined : of(level);
    const next = LEVELS.slice(level).map(of).find((b) => b !== undefined);
    return {
      level, min: level === 1 ? 0 : (own?.from ?? null), minInclusive: level === 1 ? true : (own?.inclusive ?? true),
      max: next?.from ?? null, maxInclusive: next ? !next.inclusive : false, configurable: own?.configurable ?? false,
    };
  });
}

const fmt = (n: number, lang: 'vi' | 'en') => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 2 }).format(n);

/** "< 20", "20 – < 50", "150 – ≤ 600", "> 600" (the UI builds the same from the ranges). */
export function bandText(r: BandRange, lang: 'vi' | 'en' = 'vi'): string {
  const max = r.max === null ? '' : `${r.maxInclusive ? '≤' : '<'} ${fmt(r.max, lang)}`;
  if (r.level === 1 || r.min === null) return max || '≥ 0';
  const min = `${r.minInclusive ? '≥' : '>'} ${fmt(r.min, lang)}`;
  return max ? `${fmt(r.min, lang)} – ${max}` : min;
}

export type Reason = LocalisedMessage & { code: string };
const reason = (code: string, vi: string, en: string): Reason => ({ code, vi, en });

/** Criterion 2 on known values: false as soon as one known value is below its target; null when a value is missing and none is below. */
export function coverageMet(targets: readonly CoverageTarget[], coverage: CoverageInput | null | undefined): boolean | null {
  if (targets.length === 0) return true;
  let known = true;
  for (const t of targets) {
    const v = coverage?.[t.measure];
    if (v === null || v === undefined || !Number.isFinite(v)) known = false;
    else if (v < t.minPercent) return false;
  }
  return known ? true : null;
}

export type BedKind = 'normal' | 'oxygen' | 'icu';
export const BED_KINDS: readonly BedKind[] = ['normal', 'oxygen', 'icu'];
export type BedUse = Record<BedKind, { total: number; used: number }>;
export interface CapacityResult { met: boolean | null; minFreePercent: number; beds: BedUse; short: BedKind[] }

/** Criterion 3: every bed kind the province has keeps at least `minFreePercent` free; no beds at all: unknown. */
export function treatmentCapacity(beds: BedUse, minFreePercent: number): CapacityResult {
  const kinds = BED_KINDS.filter((k) => beds[k].total > 0);
  // (total − used) / total ≥ p / 100, in integers.
  const short = kinds.filter((k) => (beds[k].total - beds[k].used) * 100 < minFreePercent * beds[k].total);
  return { met: kinds.length === 0 ? null : short.length === 0, minFreePercent, beds, short };
}

export interface CommuneFacts {
  cases7: number;
  population: number;
  /** Optional until vaccination data exists. */
  coverage?: CoverageInput | null | undefined;
  /** The province's criterion 3 (treatmentCapacity(...).met). */
  capacityMet: boolean | null;
  /** Deaths in the window of the version's deaths criterion (needed only when it has one). */
  deaths?: number | undefined;
}

export interface AssessmentInputs {
  window: { from: string; to: string };
  cases7: number;
  population: number;
  ratePer100k: number | null;
  /** Commune rows: the band of criterion 1. */
  band: BandRange | null;
  coverage: CoverageInput | null;
  coverageKnown: boolean;
  coverageMet: boolean | null;
  capacityMet: boolean | null;
  /** Commune rows under a version with the deaths criterion. */
  deaths?: DeathsInputs | undefined;
  /** The province row: beds against use on the day. */
  capacity?: CapacityResult | undefined;
  /** District and province rows: how many parts at each level. */
  rollUp?: { parts: number; byLevel: Record<Level, number>; clause: RollUpClause } | undefined;
  previousLevel: Level | null;
  ruleBeforeEffective: boolean;
  reasons: Reason[];
}

export const ratePer100k = (cases: number, population: number): number | null => (population > 0 ? (cases * 100_000) / population : null);

export interface CommuneLevel { computedLevel: Level; effectiveLevel: Level; inputs: Omit<AssessmentInputs, 'window' | 'ruleBeforeEffective'> }

/**
 * One commune's level from its facts, the version and the level in force before (null: none).
 * computedLevel: criteria 1 and 2; effectiveLevel: after criterion 3 (not lowered when not met).
 */
export function assessCommune(rule: EpidemicLevelRuleVersion, facts: CommuneFacts, levelInForce: Level | null): CommuneLevel {
  const reasons: Reason[] = [];
  const rate = ratePer100k(facts.cases7, facts.population);
  const ranges = bandRanges(rule.caseBands);
  let bandLevel: Level;
  if (rate === null) {
    bandLevel = facts.cases7 > 0 ? 4 : 1;
    reasons.push(facts.cases7 > 0
      ? reason('c1_no_population', `Tiêu chí 1: ${facts.cases7} ca cộng đồng trong 7 ngày nhưng xã không có ai trong danh sách người (không tính được tỷ lệ) → cấp 4`,
        `Criterion 1: ${facts.cases7} community cases in 7 days but nobody in the commune's register (no rate) → level 4`)
      : reason('c1_no_population', 'Tiêu chí 1: không có ca cộng đồng trong 7 ngày; xã không có ai trong danh sách người → cấp 1',
        'Criterion 1: no community case in 7 days; nobody in the commune\'s register → level 1'));
  } else {
    bandLevel = levelForRate(rate, rule.caseBands);
    const band = ranges[bandLevel - 1]!;
    reasons.push(reason('c1_rate',
      `Tiêu chí 1: ${facts.cases7} ca cộng đồng trong 7 ngày / ${fmt(facts.population, 'vi')} người = ${fmt(rate, 'vi')} ca/100.000 dân/tuần, trong khoảng ${bandText(band, 'vi')} → cấp ${bandLevel}${band.configurable ? ' (khoảng có thể cấu hình)' : ''}`,
      `Criterion 1: ${facts.cases7} community cases in 7 days / ${fmt(facts.population, 'en')} people = ${fmt(rate, 'en')} per 100,000 per week, in ${bandText(band, 'en')} → level ${bandLevel}${band.configurable ? ' (configurable band)' : ''}`));
  }

  const met = coverageMet(rule.coverageTargets, facts.coverage);
  const targets = rule.coverageTargets.map((t) => ({ t, v: facts.coverage?.[t.measure] }));
  const detail = (lang: 'vi' | 'en') => targets.map(({ t, v }) => `${COVERAGE_LABELS[t.measure][lang]} ${v == null ? '?' : `${fmt(v, lang)} %`} (${lang === 'vi' ? 'mục tiêu' : 'target'} ≥ ${t.minPercent} %)`).join('; ');
  let computed = bandLevel;
  if (met === null) {
    reasons.push(reason('c2_unknown', 'Tiêu chí 2: chưa có số liệu tiêm chủng – không nâng cấp', 'Criterion 2: no vaccination data yet – no raise'));
  } else if (met) {
    reasons.push(reason('c2_met', `Tiêu chí 2: đạt (${detail('vi')})`, `Criterion 2: met (${detail('en')})`));
  } else if (bandLevel === 4) {
    reasons.push(reason('c2_below_at_4', `Tiêu chí 2: chưa đạt (${detail('vi')}); đã ở cấp 4`, `Criterion 2: not met (${detail('en')}); already level 4`));
  } else if (rule.coverageRaiseNeedsCases && facts.cases7 === 0) {
    reasons.push(reason('c2_below_no_cases', `Tiêu chí 2: chưa đạt (${detail('vi')}); không nâng vì không có ca mắc`, `Criterion 2: not met (${detail('en')}); no raise without cases`));
  } else {
    computed = clampLevel(bandLevel + 1);
    reasons.push(reason('c2_below', `Tiêu chí 2: chưa đạt (${detail('vi')}) → nâng 1 cấp: cấp ${computed}`, `Criterion 2: not met (${detail('en')}) → one level up: level ${computed}`));
  }

  const deaths = deathsCriterion(rule, facts, computed);
  if (deaths) {
    reasons.push(deaths.reason);
    computed = deaths.level;
  }

  let effective = computed;
  if (facts.capacityMet === null) {
    reasons.push(reason('c3_unknown', 'Tiêu chí 3: chưa có số liệu giường điều trị', 'Criterion 3: no treatment bed data'));
  } else if (facts.capacityMet) {
    reasons.push(reason('c3_met', `Tiêu chí 3: đạt (mỗi loại giường còn trống ≥ ${rule.minFreeBedsPercent} %)`, `Criterion 3: met (each bed kind ≥ ${rule.minFreeBedsPercent} % free)`));
  } else if (levelInForce !== null && computed < levelInForce) {
    effective = levelInForce;
    reasons.push(reason('c3_hold', `Tiêu chí 3: chưa đạt (giường trống dưới ${rule.minFreeBedsPercent} %) → không hạ cấp, giữ cấp ${levelInForce}`,
      `Criterion 3: not met (under ${rule.minFreeBedsPercent} % of beds free) → not lowered, stays level ${levelInForce}`));
  } else {
    reasons.push(reason('c3_not_met', `Tiêu chí 3: chưa đạt (giường trống dưới ${rule.minFreeBedsPercent} %) – cấp độ không được hạ`,
      `Criterion 3: not met (under ${rule.minFreeBedsPercent} % of beds free) – the level may not be lowered`));
  }
  return {
    computedLevel: computed,
    effectiveLevel: effective,
    inputs: {
      cases7: facts.cases7, population: facts.population, ratePer100k: rate, band: rate === null ? null : ranges[bandLevel - 1]!,
      coverage: facts.coverage ?? null, coverageKnown: met !== null, coverageMet: met, capacityMet: facts.capacityMet, previousLevel: levelInForce, reasons,
      ...(deaths ? { deaths: deaths.inputs } : {}),
    },
  };
}

/** QĐ 218's deaths criterion on a level after criteria 1 and 2; null when the version has none. */
function deathsCriterion(rule: EpidemicLevelRuleVersion, facts: CommuneFacts, level: Level): { level: Level; reason: Reason; inputs: DeathsInputs } | null {
  const d = rule.deathsRaise;
  if (!d) return null;
  const count = facts.deaths ?? 0;
  const rate = ratePer100k(count, facts.population);
  const over = rate !== null && rate > d.above;
  const raised = over && level < 4;
  const next = raised ? clampLevel(level + 1) : level;
  const days = d.windowDays;
  const text = rate === null
    ? reason('deaths_no_population', `Tử vong: ${count} ca trong ${days} ngày; xã không có ai trong danh sách người – không tính được tỷ lệ`, `Deaths: ${count} in ${days} days; nobody in the commune's register – no rate`)
    : !over
      ? reason('deaths_below', `Tử vong: ${count} ca trong ${days} ngày = ${fmt(rate, 'vi')}/100.000 dân, không quá ${fmt(d.above, 'vi')}`, `Deaths: ${count} in ${days} days = ${fmt(rate, 'en')} per 100,000, not above ${fmt(d.above, 'en')}`)
      : raised
        ? reason('deaths_raise', `Tử vong: ${count} ca trong ${days} ngày = ${fmt(rate, 'vi')}/100.000 dân, quá ${fmt(d.above, 'vi')} → nâng 1 cấp: cấp ${next}`, `Deaths: ${count} in ${days} days = ${fmt(rate, 'en')} per 100,000, above ${fmt(d.above, 'en')} → one level up: level ${next}`)
        : reason('deaths_at_4', `Tử vong: ${count} ca trong ${days} ngày = ${fmt(rate, 'vi')}/100.000 dân, quá ${fmt(d.above, 'vi')}; đã ở cấp 4`, `Deaths: ${count} in ${days} days = ${fmt(rate, 'en')} per 100,000, above ${fmt(d.above, 'en')}; already level 4`);
  return { level: next, reason: text, inputs: { count, windowDays: days, ratePer100k: rate, above: d.above, raised } };
}

export type RollUpClause = 'same_level' | 'level_below' | 'level_above' | 'none';

/** A district from its communes' levels, or the province from its districts' (see the file's comment). */
export function rollUp(levels: readonly Level[], p: RollUpParams): { level: Level; byLevel: Record<Level, number>; clause: RollUpClause; reason: Reason } {
  const byLevel: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const l of levels) byLevel[l]++;
  const n = levels.length;
  const atLeast = (k: number) => LEVELS.filter((l) => l >= k).reduce((s, l) => s + byLevel[l], 0);
  // Shares in integers: count × 100 ≥ percent × n.
  const share = (count: number, percent: number) => n > 0 && count * 100 >= percent * n;
  const pct = (count: number) => (n > 0 ? Math.round((count * 1000) / n) / 10 : 0);
  for (const k of [4, 3, 2] as const) {
    if (share(atLeast(k), p.sameLevelPercent)) {
      return { level: k, byLevel, clause: 'same_level', reason: reason('rollup_same', `${atLeast(k)}/${n} (${fmt(pct(atLeast(k)), 'vi')} %) ở cấp ${k} trở lên, ≥ ${p.sameLevelPercent} % → cấp ${k}`, `${atLeast(k)}/${n} (${fmt(pct(atLeast(k)), 'en')} %) at level ${k} or above, ≥ ${p.sameLevelPercent} % → level ${k}`) };
    }
    if (k - 1 >= 2 && share(atLeast(k - 1), p.levelBelowPercent)) {
      return { level: k, byLevel, clause: 'level_below', reason: reason('rollup_below', `${atLeast(k - 1)}/${n} (${fmt(pct(atLeast(k - 1)), 'vi')} %) ở cấp ${k - 1} trở lên, ≥ ${p.levelBelowPercent} % → cấp ${k}`, `${atLeast(k - 1)}/${n} (${fmt(pct(atLeast(k - 1)), 'en')} %) at level ${k - 1} or above, ≥ ${p.levelBelowPercent} % → level ${k}`) };
    }
    if (k + 1 <= 4 && p.levelAboveCount > 0 && atLeast(k + 1) >= p.levelAboveCount) {
      return { level: k, byLevel, clause: 'level_above', reason: reason('rollup_above', `${atLeast(k + 1)} đơn vị ở cấp ${k + 1} trở lên (≥ ${p.levelAboveCount}) → cấp ${k}`, `${atLeast(k + 1)} unit(s) at level ${k + 1} or above (≥ ${p.levelAboveCount}) → level ${k}`) };
    }
  }
  return { level: 1, byLevel, clause: 'none', reason: reason('rollup_none', `Không đủ điều kiện cấp 2 trở lên (${n} đơn vị)`, `No clause of level 2 or above holds (${n} units)`) };
}

// ---- Timing: proposals, notice, level in force -------------------------------------------------

export type Status = 'in_force' | 'proposed' | 'confirmed' | 'overridden';
export interface TimedLevel { status: Status; effectiveLevel: Level; previousLevel: Level | null; effectiveFrom: Date }

export const isDecided = (s: Status) => s === 'confirmed' || s === 'overridden';

/** The start of the next day in Vietnam (UTC+7, no daylight saving): a day's data is complete then. */
export function endOfVietnamDay(day: string): Date {
  return new Date(`${addDays(day, 1)}T00:00:00+07:00`);
}

/** When an assessment of `day` is made: now for today, the end of the day for a past day. */
export function assessmentTime(day: string, now: Date): Date {
  const end = endOfVietnamDay(day);
  return now < end ? now : end;
}

/** A proposal not decided whose notice has not run out at `at`. */
export function pendingAt(row: TimedLevel, at: Date): boolean {
  return row.status === 'proposed' && row.effectiveFrom > at;
}

/** The level in force at `at`: a decision at once, a proposal after its notice, the level before until then. */
export function levelInForceAt(row: TimedLevel, at: Date): Level {
  if (isDecided(row.status) || !pendingAt(row, at)) return row.effectiveLevel;
  return row.previousLevel ?? row.effectiveLevel;
}

/** How a new level of a unit takes effect after its latest earlier assessment (null: none). */
export function scheduleLevel(previous: TimedLevel | null, level: Level, at: Date): { status: 'in_force' | 'proposed'; effectiveFrom: Date; previousLevel: Level | null; reason: Reason } {
  if (!previous) {
    return { status: 'in_force', effectiveFrom: at, previousLevel: null, reason: reason('first', `Lần đánh giá đầu tiên: cấp ${level} có hiệu lực ngay`, `First assessment: level ${level} in force at once`) };
  }
  const inForce = levelInForceAt(previous, at);
  if (level <= inForce) {
    const text = level < inForce
      ? reason('lowered', `Hạ từ cấp ${inForce} xuống cấp ${level}: có hiệu lực ngay`, `Lowered from level ${inForce} to ${level}: in force at once`)
      : reason('unchanged', `Giữ cấp ${level}`, `Level ${level} unchanged`);
    return { status: 'in_force', effectiveFrom: at, previousLevel: inForce, reason: text };
  }
  const keep = pendingAt(previous, at) && previous.effectiveLevel >= level;
  const effectiveFrom = keep ? previous.effectiveFrom : new Date(at.getTime() + RAISE_NOTICE_HOURS * 3_600_000);
  return {
    status: 'proposed', effectiveFrom, previousLevel: inForce,
    reason: reason(keep ? 'raise_pending' : 'raise', `Nâng từ cấp ${inForce} lên cấp ${level}: đề xuất, báo trước ${RAISE_NOTICE_HOURS} giờ${keep ? ' (tiếp tục thời hạn đã báo)' : ''}; có hiệu lực khi hết hạn hoặc khi được xác nhận`,
      `Raised from level ${inForce} to ${level}: a proposal with ${RAISE_NOTICE_HOURS} hours' notice${keep ? ' (the notice already given runs on)' : ''}; in force when it runs out or once confirmed`),
  };
}
