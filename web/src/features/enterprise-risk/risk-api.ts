/** API shapes, paths, URL state and display helpers of the enterprise risk self-assessment (QĐ 2194). */
import { type LocalisedMessage, withQuery } from '../../shared/api/client.ts';
import { oneOfParam, type Paging, pagingFromParams, positiveIntParam, writePaging } from '../../shared/hooks/url-query.ts';

export const RISK_BANDS = ['very_low', 'low', 'medium', 'high', 'very_high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** Green to red, as the decree's five classes read. */
export const BAND_COLOURS: Record<RiskBand, string> = { very_low: '#389e0d', low: '#7cb305', medium: '#d4b106', high: '#fa8c16', very_high: '#cf1322' };
/** Enterprises with no form for the period. */
export const NO_BAND_COLOUR = '#8c8c8c';

export interface RiskOption { code: string; label: LocalisedMessage; points: number; minWorkers: number | null }
export interface RiskIndicator { code: string; text: LocalisedMessage; weight: number; workforce: boolean; unverified: boolean; options: RiskOption[] }
export interface RiskRule {
  code: string; document: string; name: LocalisedMessage; effectiveFrom: string; maxTotal: number; period: 'iso_week' | 'month';
  bands: Array<{ band: RiskBand; upTo: number; label?: LocalisedMessage }>; indicators: RiskIndicator[]; source: 'built_in' | 'configured';
}

export interface EnterpriseRef {
  id: number; name: string; taxCode: string | null; districtCode: string | null; districtName: string | null; parkId: number | null; parkName: string | null;
}

export interface RiskForm {
  rule: RiskRule; period: string; periodFrom: string; periodTo: string; canSubmit: boolean;
  enterprise: (EnterpriseRef & { workforce: number | null; workforceOption: string | null; currentSubmission: { id: number; score: number; band: RiskBand } | null }) | null;
}

export interface RiskPreview {
  ruleCode: string; complete: boolean; answered: number; total: number; maxTotal: number; index: number | null; band: RiskBand | null; points: Record<string, number>;
}

export interface Submission {
  id: number; enterpriseId: number; period: string; periodFrom: string; periodTo: string; ruleCode: string; answers: Record<string, string>; points: Record<string, number>;
  workforce: number | null; total: number; maxTotal: number; score: number; band: RiskBand; note: string | null; onBehalf: boolean; submittedAt: string;
  submittedBy: string | null; current: boolean; supersededBy: number | null; supersededAt: string | null;
}

export interface RiskHistory { enterprise: EnterpriseRef; items: Submission[] }

interface PeriodInfo { period: string; from: string; to: string; previousPeriod: string | null }

export interface RankingRow {
  rank: number; id: number; enterpriseId: number; enterpriseName: string; taxCode: string | null; districtCode: string | null; districtName: string | null;
  parkId: number | null; parkName: string | null; score: number; band: RiskBand; total: number; maxTotal: number; workforce: number | null; ruleCode: string;
  onBehalf: boolean; submittedAt: string; submittedBy: string | null; previousScore: number | null;
}
export interface Ranking extends PeriodInfo {
  items: RankingRow[]; total: number; page: number; pageSize: number; counts: Record<RiskBand, number>; enterprises: number; missing: number;
}

export interface MissingRow {
  enterpriseId: number; enterpriseName: string; taxCode: string | null; districtCode: string | null; districtName: string | null; parkId: number | null;
  parkName: string | null; lastPeriod: string | null; lastScore: number | null; lastBand: RiskBand | null; lastSubmittedAt: string | null;
}
export interface MissingList extends PeriodInfo { items: MissingRow[]; total: number; page: number; pageSize: number }

export interface RiskMapPoint { enterpriseId: number; name: string; lon: number; lat: number; score: number | null; band: RiskBand | null }
export interface RiskMap extends PeriodInfo { points: RiskMapPoint[] }

export interface ParkList { items: Array<{ id: number; name: string }> }

const PERIOD = /^\d{4}-(W(0[1-9]|[1-4]\d|5[0-3])|(0[1-9]|1[0-2]))$/;

export type RiskTab = 'ranking' | 'missing' | 'map';
export const RISK_TABS: readonly RiskTab[] = ['ranking', 'missing', 'map'];

/** The health side's lists as kept in the URL. */
export interface RiskQuery extends Paging {
  tab: RiskTab;
  period?: string | undefined;
  band?: RiskBand | undefined;
  districtCode?: string | undefined;
  parkId?: number | undefined;
}

export function riskQueryFromParams(params: URLSearchParams): RiskQuery {
  const period = params.get('period');
  const district = params.get('district');
  const park = positiveIntParam(params, 'park', 0);
  return {
    tab: oneOfParam(params.get('tab'), RISK_TABS) ?? 'ranking',
    period: period && PERIOD.test(period) ? period : undefined,
    band: oneOfParam(params.get('band'), RISK_BANDS),
    districtCode: district && /^\d{3}$/.test(district) ? district : undefined,
    parkId: park > 0 ? park : undefined,
    ...pagingFromParams(params),
  };
}

export function riskQueryToParams(q: RiskQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.tab !== 'ranking') out.tab = q.tab;
  if (q.period) out.period = q.period;
  if (q.band) out.band = q.band;
  if (q.districtCode) out.district = q.districtCode;
  if (q.parkId) out.park = String(q.parkId);
  return writePaging(out, q);
}

const filters = (q: RiskQuery) => ({ period: q.period, districtCode: q.districtCode, parkId: q.parkId });

export const riskPaths = {
  form: (enterpriseId?: number) => withQuery('/api/enterprise-risk/form', { enterpriseId }),
  preview: '/api/enterprise-risk/preview',
  submissions: '/api/enterprise-risk/submissions',
  history: (enterpriseId: number) => `/api/enterprise-risk/enterprises/${enterpriseId}/history`,
  ranking: (q: RiskQuery) => withQuery('/api/enterprise-risk/ranking', { ...filters(q), band: q.band, page: q.page, pageSize: q.pageSize }),
  rankingExport: (q: RiskQuery) => withQuery('/api/enterprise-risk/ranking/export', { ...filters(q), band: q.band }),
  missing: (q: RiskQuery) => withQuery('/api/enterprise-risk/missing', { ...filters(q), page: q.page, pageSize: q.pageSize }),
  map: (q: RiskQuery) => withQuery('/api/enterprise-risk/map', filters(q)),
  parks: '/api/enterprise-risk/parks',
};

/** The index as the decree's form shows it: one decimal, "18,0 %" / "18.0 %". */
export function formatIndex(score: number, lang: 'vi' | 'en'): string {
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score)} %`;
}

/** "2021-W23" → "Tuần 23/2021" / "Week 23, 2021"; "2021-06" → "Tháng 06/2021" / "June 2021". */
export function periodLabel(period: string, lang: 'vi' | 'en'): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return lang === 'vi' ? `Tuần ${Number(week[2])}/${week[1]}` : `Week ${Number(week[2])}, ${week[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    return lang === 'vi' ? `Tháng ${month[2]}/${month[1]}` : new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  return period;
}

/** The period before or after one (ISO weeks or months), for the period stepper. */
export function shiftPeriod(period: string, by: number): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) {
    // The Monday of the week, moved by whole weeks, then named again.
    const jan4 = Date.UTC(Number(week[1]), 0, 4);
    const monday = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000) + ((Number(week[2]) - 1 + by) * 7 * 86_400_000);
    return isoWeekOf(new Date(monday));
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const d = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1 + by, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  return period;
}

function isoWeekOf(d: Date): string {
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
