/**
 * The situation room's estimates: the reproduction number Rt (rt.ts) and the EARS C2 early
 * warnings per commune (ears.ts), over the daily case counts the `cases` context publishes.
 * Aggregates only: no personal data is read, so nothing here is audited.
 */
import type { Db } from '../../db/database.ts';
import { addDays, dayNumber, vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { type Actor, type AreaFilter, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { type CaseDateBasis, dailyCaseCounts, dailyCaseCountsByCommune, latestConfirmationDate } from '../cases/cases.service.ts';
import { lookupUnit, lookupUnits } from '../places/places.service.ts';
import { EARS_C2_DEFAULTS, earsC2, earsC2BaselineRange } from './ears.ts';
import { DEFAULT_SERIAL_INTERVAL, estimateRt } from './rt.ts';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

/** The actor's own area; organisation-scoped users see the province's aggregates (as on the overview). */
function ownArea(actor: Actor): AreaFilter {
  return areaScopeFilter(actor) ?? { column: 'province_code', value: actor.provinceCode };
}

/**
 * The area a query asks for: the actor's own by default, else the district or commune named, which
 * must be a unit of the province (400 naming the field) inside the actor's area (403 otherwise).
 */
export async function requestedArea(db: Db, actor: Actor, q: { districtCode?: string | undefined; communeCode?: string | undefined }): Promise<AreaFilter> {
  const own = ownArea(actor);
  if (!q.districtCode && !q.communeCode) return own;
  const [district, commune] = await Promise.all([
    q.districtCode ? lookupUnit(db, q.districtCode) : undefined,
    q.communeCode ? lookupUnit(db, q.communeCode) : undefined,
  ]);
  const issues: FieldIssue[] = [];
  if (q.districtCode && (district?.level !== 'district' || district.province_code !== actor.provinceCode)) {
    issues.push(issue('districtCode', 'UNKNOWN', `Không có huyện mã ${q.districtCode} trong tỉnh`, `No district ${q.districtCode} in the province`));
  }
  if (q.communeCode && (commune?.level !== 'commune' || commune.province_code !== actor.provinceCode)) {
    issues.push(issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${q.communeCode} trong tỉnh`, `No commune ${q.communeCode} in the province`));
  } else if (commune && q.districtCode && commune.district_code !== q.districtCode && issues.length === 0) {
    issues.push(issue('communeCode', 'NOT_IN_DISTRICT', `Xã/phường mã ${q.communeCode} không thuộc huyện mã ${q.districtCode}`, `Commune ${q.communeCode} is not in district ${q.districtCode}`));
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const wanted: AreaFilter = commune ? { column: 'commune_code', value: commune.code } : { column: 'district_code', value: district!.code };
  const wantedDistrict = commune ? commune.district_code : district!.code;
  const inScope =
    own.column === 'province_code' ||
    (own.column === 'district_code' && wantedDistrict === own.value) ||
    (own.column === 'commune_code' && wanted.column === 'commune_code' && wanted.value === own.value);
  if (!inScope) throw Errors.outOfScope();
  return wanted;
}

/** The day asked for (a real calendar day, else 400), by default the province's latest confirmation date. */
export async function asOfDate(db: Db, actor: Actor, date: string | undefined): Promise<string> {
  if (date !== undefined) {
    try {
      dayNumber(date);
    } catch {
      throw new ValidationError([issue('date', 'INVALID', `Ngày ${date} không có trên lịch`, `${date} is not a calendar date`)]);
    }
    return date;
  }
  return (await latestConfirmationDate(db, actor.provinceCode)) ?? vnDate();
}

export interface RtQuery {
  date?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
  siMean?: number | undefined;
  siSd?: number | undefined;
  by?: CaseDateBasis | undefined;
}

/**
 * Rt over weekly sliding windows (EpiEstim's parametric_si with its default priors) of the area's
 * daily cases by the chosen date, from the first such case to `date` (default: the province's
 * latest confirmation). Each window carries its 1-based days and their dates.
 */
export async function situationRt(db: Db, actor: Actor, q: RtQuery) {
  assertPermission(actor, 'overview:read');
  const siMean = q.siMean ?? DEFAULT_SERIAL_INTERVAL.mean;
  const siSd = q.siSd ?? DEFAULT_SERIAL_INTERVAL.sd;
  const issues: FieldIssue[] = [];
  if (!(siMean > 1)) issues.push(issue('siMean', 'OUT_OF_RANGE', 'Trung bình khoảng nối tiếp phải lớn hơn 1 ngày', 'The mean serial interval must be greater than 1 day'));
  if (!(siSd > 0)) issues.push(issue('siSd', 'OUT_OF_RANGE', 'Độ lệch chuẩn khoảng nối tiếp phải lớn hơn 0', 'The serial interval sd must be greater than 0'));
  if (issues.length > 0) throw new ValidationError(issues);
  const by = q.by ?? 'confirmation';
  const area = await requestedArea(db, actor, q);
  const asOf = await asOfDate(db, actor, q.date);
  const series = await dailyCaseCounts(db, area, by, null, asOf);
  const windows = series.length === 0 ? [] : estimateRt(series.map((d) => d.cases), { siMean, siSd });
  return {
    siMean,
    siSd,
    by,
    asOf,
    series,
    windows: windows.map((w) => ({ ...w, dateStart: series[w.tStart - 1]!.date, dateEnd: series[w.tEnd - 1]!.date })),
  };
}

export interface AlertsQuery {
  date?: string | undefined;
  multiplier?: number | undefined;
  minCases?: number | undefined;
  minSigma?: number | undefined;
  by?: CaseDateBasis | undefined;
}

/**
 * The communes of the actor's area flagged by EARS C2 on a day (default: the province's latest
 * confirmation date), most cases first. Only communes with cases that day can be flagged.
 */
export async function situationAlerts(db: Db, actor: Actor, q: AlertsQuery) {
  assertPermission(actor, 'overview:read');
  const area = ownArea(actor);
  const date = await asOfDate(db, actor, q.date);
  const by = q.by ?? 'confirmation';
  const multiplier = q.multiplier ?? EARS_C2_DEFAULTS.multiplier;
  const minCases = q.minCases ?? EARS_C2_DEFAULTS.minCases;
  const minSigma = q.minSigma ?? EARS_C2_DEFAULTS.minSigma;
  const baselineDays = earsC2BaselineRange(date);
  const rows = await dailyCaseCountsByCommune(db, area, by, baselineDays.from, date);

  const byCommune = new Map<string, { districtCode: string; counts: Map<string, number> }>();
  for (const r of rows) {
    const c = byCommune.get(r.communeCode) ?? { districtCode: r.districtCode, counts: new Map<string, number>() };
    c.counts.set(r.date, r.cases);
    byCommune.set(r.communeCode, c);
  }
  const flagged: Array<{ communeCode: string; districtCode: string } & ReturnType<typeof earsC2>> = [];
  for (const [communeCode, c] of byCommune) {
    const today = c.counts.get(date) ?? 0;
    if (today === 0) continue;
    const baseline: number[] = [];
    for (let d = baselineDays.from; d <= baselineDays.to; d = addDays(d, 1)) baseline.push(c.counts.get(d) ?? 0);
    const r = earsC2(baseline, today, { multiplier, minCases, minSigma });
    if (r.flagged) flagged.push({ communeCode, districtCode: c.districtCode, ...r });
  }
  const names = await lookupUnits(db, flagged.flatMap((f) => [f.communeCode, f.districtCode]));
  const alerts = flagged
    .map((f) => ({
      communeCode: f.communeCode,
      communeName: names.get(f.communeCode)?.name ?? f.communeCode,
      districtCode: f.districtCode,
      districtName: names.get(f.districtCode)?.name ?? f.districtCode,
      cases: f.cases,
      baselineMean: f.baselineMean,
      baselineSd: f.baselineSd,
      threshold: f.threshold,
    }))
    .sort((a, b) => b.cases - a.cases || a.communeCode.localeCompare(b.communeCode));
  return { date, by, multiplier, minCases, minSigma, baselineFrom: baselineDays.from, baselineTo: baselineDays.to, alerts };
}
