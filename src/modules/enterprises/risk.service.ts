/**
 * Enterprise risk self-assessment (QĐ 2194): the form of the rule version in force, a preview of
 * the index while it is filled in, submissions (an enterprise's own user for itself, CDC or the
 * province for any enterprise in its area; a newer one for the same period supersedes the older,
 * which stays), an enterprise's history, and for the health side the period's ranking, who has
 * not submitted, the map points and the ranking as a spreadsheet. risk.domain.ts holds the rules.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import type { EnterpriseRiskBand } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { neutraliseFormula, workbookBuffer } from '../../lib/xlsx.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertEnterpriseRiskAccess, assertPermission, enterpriseRiskScopeOf, type EnterpriseRiskScope, hasPermission } from '../auth/policy.ts';
import { enterpriseRiskRuleSource, enterpriseRiskRuleVersions } from '../rules/rules.service.ts';
import {
  periodOf, periodRange, presentRiskRule, previewAssessment, previousPeriod, RISK_BAND_LABELS, type RiskAnswers, type RiskPeriodKind, riskRuleFor,
  scoreAssessment, workforceOption,
} from './risk.domain.ts';
import * as repo from './risk.repository.ts';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const enterpriseLabel = (id: number) => ({ vi: `doanh nghiệp ${id}`, en: `enterprise ${id}` });

async function enterpriseOr404(db: Db, id: number) {
  const e = await repo.findEnterprise(db, id);
  if (!e) throw Errors.notFound(enterpriseLabel(id));
  return e;
}
const accessOf = (e: NonNullable<Awaited<ReturnType<typeof repo.findEnterprise>>>) => ({
  id: e.id, province_code: e.province_code, district_code: e.district_code, commune_code: e.commune_code, parkId: e.park_id,
});

async function ruleOn(db: Db, provinceCode: string, day: string) {
  return riskRuleFor(await enterpriseRiskRuleVersions(db, provinceCode), day);
}

function presentSubmission(r: repo.SubmissionRow) {
  return {
    id: r.id, enterpriseId: r.enterprise_id, period: r.period, periodFrom: r.period_from, periodTo: r.period_to, ruleCode: r.rule_code,
    answers: r.answers, points: r.points, workforce: r.workforce, total: r.total, maxTotal: r.max_total, score: Number(r.score), band: r.band, note: r.note,
    onBehalf: r.on_behalf, submittedAt: new Date(r.submitted_at).toISOString(), submittedBy: r.submitted_by,
    current: r.superseded_by === null, supersededBy: r.superseded_by, supersededAt: r.superseded_at ? new Date(r.superseded_at).toISOString() : null,
  };
}

function presentEnterprise(e: NonNullable<Awaited<ReturnType<typeof repo.findEnterprise>>>) {
  return { id: e.id, name: e.name, taxCode: e.code, districtCode: e.district_code, districtName: e.district_name, parkId: e.park_id, parkName: e.park_name };
}

/** The enterprise a form is for: an enterprise's user its own; others name one (or none, for the bare form). */
function formEnterpriseId(actor: Actor, requested: number | undefined): number | undefined {
  if (actor.role === 'enterprise' && actor.scopeKind === 'org' && actor.scopeOrgId != null) return requested ?? actor.scopeOrgId;
  return requested;
}

function assertMayUseForm(actor: Actor) {
  if (!hasPermission(actor, 'enterprise_risk:read') && !hasPermission(actor, 'enterprise_risk:submit')) throw Errors.forbidden();
}

/** The form in force today, the current period and, for an enterprise, its workforce and this period's submission. */
export async function riskForm(db: Db, actor: Actor, q: { enterpriseId?: number | undefined }, now = new Date()) {
  assertMayUseForm(actor);
  const today = vnDate(now);
  const rule = await ruleOn(db, actor.provinceCode, today);
  const period = periodOf(today, rule.period);
  const range = periodRange(period, rule.period)!;
  const id = formEnterpriseId(actor, q.enterpriseId);
  let enterprise = null;
  if (id !== undefined) {
    const e = await enterpriseOr404(db, id);
    assertEnterpriseRiskAccess(actor, accessOf(e), hasPermission(actor, 'enterprise_risk:submit') ? 'enterprise_risk:submit' : 'enterprise_risk:read');
    const listed = await repo.currentWorkers(db, e.id, today);
    const workforce = listed > 0 ? listed : e.declared_workforce;
    const indicator = rule.indicators.find((i) => i.workforce);
    const current = await repo.currentSubmission(db, e.id, period);
    enterprise = {
      ...presentEnterprise(e), workforce,
      workforceOption: indicator && workforce != null ? (workforceOption(indicator, workforce)?.code ?? null) : null,
      currentSubmission: current ? { id: current.id, score: Number(current.score), band: current.band } : null,
    };
  }
  return {
    rule: presentRiskRule(rule, await enterpriseRiskRuleSource(db, actor.provinceCode, rule.code)), period, periodFrom: range.from, periodTo: range.to, enterprise,
    canSubmit: hasPermission(actor, 'enterprise_risk:submit'),
  };
}

/**
 * The index of a form being filled in, by the rule in force today: the web asks here rather than
 * computing it again, so the preview is the score the submission will store.
 */
export async function previewRisk(db: Db, actor: Actor, input: { answers: RiskAnswers; workforce?: number | null | undefined }, now = new Date()) {
  assertMayUseForm(actor);
  const rule = await ruleOn(db, actor.provinceCode, vnDate(now));
  return { ruleCode: rule.code, ...previewAssessment(rule, input.answers, input.workforce) };
}

export interface SubmitInput {
  enterpriseId: number;
  period?: string | undefined;
  answers: RiskAnswers;
  workforce?: number | null | undefined;
  note?: string | null | undefined;
}

const periodKindOf = (period: string): RiskPeriodKind => (period.includes('W') ? 'iso_week' : 'month');

/**
 * Stores a complete form for an enterprise and period (default: the current one), scored by the
 * version in force today (a past period: at its end). An enterprise's own user submits for the current
 * period only; CDC and the province may record a past one for it.
 */
export async function submitRisk(db: Db, actor: Actor, input: SubmitInput, now = new Date()) {
  enterpriseRiskScopeOf(actor, 'enterprise_risk:submit');
  const e = await enterpriseOr404(db, input.enterpriseId);
  assertEnterpriseRiskAccess(actor, accessOf(e), 'enterprise_risk:submit');
  const today = vnDate(now);
  const versions = await enterpriseRiskRuleVersions(db, actor.provinceCode);
  const currentPeriod = periodOf(today, riskRuleFor(versions, today).period);
  const period = input.period ?? currentPeriod;
  const kind = periodKindOf(period);
  const range = periodRange(period, kind);
  if (!range) {
    throw new ValidationError([issue('period', 'INVALID', `Kỳ đánh giá "${period}" không hợp lệ (ví dụ ${currentPeriod})`, `"${period}" is not an assessment period (for example ${currentPeriod})`)]);
  }
  if (range.from > today) throw new ValidationError([issue('period', 'FUTURE', `Kỳ ${period} chưa đến`, `Period ${period} has not begun`)]);
  // A past period is scored by the version in force at its end, the current one by today's.
  const rule = riskRuleFor(versions, range.to < today ? range.to : today);
  if (rule.period !== kind) {
    const unit = rule.period === 'month' ? { vi: 'tháng', en: 'month' } : { vi: 'tuần', en: 'week' };
    throw new ValidationError([issue('period', 'KIND', `Bộ chỉ số ${rule.code} đánh giá theo ${unit.vi} (ví dụ ${periodOf(range.to, rule.period)})`, `Form ${rule.code} is assessed per ${unit.en} (for example ${periodOf(range.to, rule.period)})`)]);
  }
  const onBehalf = actor.role !== 'enterprise';
  if (!onBehalf && period !== currentPeriod) {
    throw new ValidationError([issue('period', 'PAST', `Doanh nghiệp chỉ tự đánh giá cho kỳ hiện tại (${currentPeriod})`, `An enterprise assesses itself for the current period only (${currentPeriod})`)]);
  }
  if (input.workforce != null && (!Number.isInteger(input.workforce) || input.workforce < 0)) {
    throw new ValidationError([issue('workforce', 'RANGE', 'Số người lao động là số nguyên không âm', 'The number of workers is a whole number, 0 or more')]);
  }
  const scored = scoreAssessment(rule, input.answers, input.workforce);
  if (!scored.ok) throw new ValidationError(scored.issues);
  const s = scored.value;
  const id = await db.transaction().execute(async (trx) => {
    await repo.lockEnterprise(trx, e.id);
    const previous = await repo.currentSubmission(trx, e.id, period);
    const newId = await repo.insertSubmission(trx, {
      province_code: e.province_code, district_code: e.district_code, commune_code: e.commune_code, enterprise_id: e.id,
      period, period_from: range.from, period_to: range.to, rule_code: rule.code, answers: JSON.stringify(input.answers), points: JSON.stringify(s.points),
      workforce: input.workforce ?? null, total: s.total, max_total: s.maxTotal, score: s.index, band: s.band, note: input.note?.trim() || null,
      submitted_by: actor.userId || null, on_behalf: onBehalf, submitted_at: now,
    }, previous ? { id: previous.id, at: now } : null);
    await recordAudit(trx, actor, {
      action: 'create', recordKind: 'enterprise_risk_assessment', recordId: newId,
      detail: { enterpriseId: e.id, period, ruleCode: rule.code, total: s.total, score: s.index, band: s.band, supersedes: previous?.id ?? null, onBehalf },
    });
    return newId;
  });
  return presentSubmission((await repo.getSubmission(db, id))!);
}

/** Every submission of an enterprise (superseded ones included), newest first. */
export async function riskHistory(db: Db, actor: Actor, enterpriseId: number) {
  assertPermission(actor, 'enterprise_risk:read');
  const e = await enterpriseOr404(db, enterpriseId);
  assertEnterpriseRiskAccess(actor, accessOf(e), 'enterprise_risk:read');
  const items = (await repo.history(db, e.id, 500)).map(presentSubmission);
  return { enterprise: presentEnterprise(e), items };
}

/** The lists are for the health side and the park boards: an enterprise sees its own history only. */
function listScope(actor: Actor): EnterpriseRiskScope {
  const scope = enterpriseRiskScopeOf(actor, 'enterprise_risk:read');
  if (scope.kind === 'enterprise') throw Errors.forbidden();
  return scope;
}

/**
 * The period asked for, else the latest one anyone in the province submitted for (up to today),
 * else today's: the demo's weeks of 2021 and a live province's current week alike.
 */
async function resolvePeriod(db: Db, actor: Actor, requested: string | undefined, now: Date) {
  const today = vnDate(now);
  let period = requested;
  let kind: RiskPeriodKind;
  if (period === undefined) {
    const latest = await repo.latestPeriodFrom(db, actor.provinceCode, today);
    const day = latest ?? today;
    kind = (await ruleOn(db, actor.provinceCode, day)).period;
    period = periodOf(day, kind);
  } else kind = periodKindOf(period);
  const range = periodRange(period, kind);
  if (!range) throw new ValidationError([issue('period', 'INVALID', `Kỳ đánh giá "${period}" không hợp lệ (ví dụ 2021-W23 hoặc 2021-06)`, `"${period}" is not an assessment period (for example 2021-W23 or 2021-06)`)]);
  return { period, from: range.from, to: range.to, previousPeriod: previousPeriod(period, kind) };
}

export interface RankingQuery {
  period?: string | undefined;
  band?: EnterpriseRiskBand | undefined;
  districtCode?: string | undefined;
  parkId?: number | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

function presentRankingRow(r: Awaited<ReturnType<typeof repo.ranking>>[number], rank: number) {
  return {
    rank, id: r.id, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, taxCode: r.tax_code, districtCode: r.district_code, districtName: r.district_name,
    parkId: r.park_id, parkName: r.park_name, score: Number(r.score), band: r.band, total: r.total, maxTotal: r.max_total, workforce: r.workforce, ruleCode: r.rule_code,
    onBehalf: r.on_behalf, submittedAt: new Date(r.submitted_at).toISOString(), submittedBy: r.submitted_by,
    previousScore: r.previous_score == null ? null : Number(r.previous_score),
  };
}

/** The current submission of each enterprise in reach for the period, highest index first, paged, with the count per band. */
export async function riskRanking(db: Db, actor: Actor, q: RankingQuery, now = new Date()) {
  const scope = listScope(actor);
  const p = await resolvePeriod(db, actor, q.period, now);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f: repo.RankingFilter = { provinceCode: actor.provinceCode, scope, districtCode: q.districtCode, parkId: q.parkId, period: p.period, previousPeriod: p.previousPeriod, band: q.band };
  const [rows, total, counts, enterprises, missing] = await Promise.all([
    repo.ranking(db, f, { limit: pageSize, offset: (page - 1) * pageSize }), repo.countRanking(db, f), repo.bandCounts(db, f),
    repo.countEnterprises(db, f), repo.countMissing(db, f, p.period),
  ]);
  return {
    ...p, items: rows.map((r, i) => presentRankingRow(r, (page - 1) * pageSize + i + 1)), total, page, pageSize, counts, enterprises, missing,
  };
}

/** Enterprises in reach that have not submitted for the period, with their latest earlier submission. */
export async function riskMissing(db: Db, actor: Actor, q: Omit<RankingQuery, 'band'>, now = new Date()) {
  const scope = listScope(actor);
  const p = await resolvePeriod(db, actor, q.period, now);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const f: repo.EnterpriseFilter = { provinceCode: actor.provinceCode, scope, districtCode: q.districtCode, parkId: q.parkId };
  const [rows, total] = await Promise.all([repo.missing(db, f, p.period, { limit: pageSize, offset: (page - 1) * pageSize }), repo.countMissing(db, f, p.period)]);
  return {
    ...p, total, page, pageSize,
    items: rows.map((r) => ({
      enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, taxCode: r.tax_code, districtCode: r.district_code, districtName: r.district_name,
      parkId: r.park_id, parkName: r.park_name, lastPeriod: r.last_period, lastScore: r.last_score == null ? null : Number(r.last_score), lastBand: r.last_band,
      lastSubmittedAt: r.last_submitted_at ? new Date(r.last_submitted_at).toISOString() : null,
    })),
  };
}

/** Located enterprises in reach and the band of their submission for the period (null: not submitted): the map layer. */
export async function riskMap(db: Db, actor: Actor, q: Omit<RankingQuery, 'band' | 'page' | 'pageSize'>, now = new Date()) {
  const scope = listScope(actor);
  const p = await resolvePeriod(db, actor, q.period, now);
  const rows = await repo.mapPoints(db, { provinceCode: actor.provinceCode, scope, districtCode: q.districtCode, parkId: q.parkId }, p.period);
  return {
    ...p,
    points: rows.map((r) => ({ enterpriseId: r.enterprise_id, name: r.enterprise_name, lon: Number(r.lon), lat: Number(r.lat), score: r.score == null ? null : Number(r.score), band: r.band })),
  };
}

/** The industrial parks of the enterprises in reach (the lists' filter). */
export async function riskParks(db: Db, actor: Actor) {
  const scope = listScope(actor);
  return { items: await repo.parksInReach(db, { provinceCode: actor.provinceCode, scope }) };
}

/** The filtered ranking (every row, not one page) as an .xlsx file; audited. */
export async function exportRanking(db: Db, actor: Actor, q: Omit<RankingQuery, 'page' | 'pageSize'>, now = new Date()) {
  const scope = listScope(actor);
  const p = await resolvePeriod(db, actor, q.period, now);
  const f: repo.RankingFilter = { provinceCode: actor.provinceCode, scope, districtCode: q.districtCode, parkId: q.parkId, period: p.period, previousPeriod: p.previousPeriod, band: q.band };
  const rows = (await repo.ranking(db, f, null)).map((r, i) => presentRankingRow(r, i + 1));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Xếp hạng nguy cơ');
  ws.addRow([`Xếp hạng nguy cơ lây nhiễm COVID-19 của doanh nghiệp (QĐ 2194) – kỳ ${p.period} (${p.from} – ${p.to})`]).font = { bold: true };
  const header = ws.addRow([
    'Hạng / Rank', 'Doanh nghiệp / Enterprise', 'Mã số thuế / Tax code', 'Huyện / District', 'KCN / Industrial park', 'Chỉ số (%) / Index (%)',
    'Mức nguy cơ / Band', 'Tổng điểm / Points', 'Kỳ trước (%) / Previous (%)', 'Số lao động / Workers', 'Nộp lúc / Submitted at', 'Người nộp / Submitted by',
  ]);
  header.font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.rank, neutraliseFormula(r.enterpriseName), neutraliseFormula(r.taxCode), r.districtName, neutraliseFormula(r.parkName), r.score,
      RISK_BAND_LABELS[r.band].vi, `${r.total}/${r.maxTotal}`, r.previousScore, r.workforce, r.submittedAt.replace('T', ' ').slice(0, 16), r.submittedBy,
    ]);
  }
  ws.columns.forEach((c, i) => { c.width = [8, 44, 14, 18, 24, 12, 18, 12, 14, 12, 18, 16][i]; });
  await recordAudit(db, actor, { action: 'export', recordKind: 'enterprise_risk_assessment', detail: { period: p.period, band: q.band ?? null, districtCode: q.districtCode ?? null, parkId: q.parkId ?? null, rows: rows.length } });
  return { period: p.period, file: await workbookBuffer(wb) };
}
