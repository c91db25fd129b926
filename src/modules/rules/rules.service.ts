/**
 * The registry of dated rule versions: the built-in national versions in code, and the versions
 * a province adds (stored in `rule_version`, never edited: a newer one supersedes). Services ask
 * for the list and give it to the pure rule functions; every computed record keeps the code.
 */
import type { Db } from '../../db/database.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission, hasPermission } from '../auth/policy.ts';
import { QUARANTINE_RULE_VERSIONS, type QuarantineRuleVersion, type QuarantineTerms, SCREENING_INTERVAL_DAYS } from '../quarantine/quarantine.rules.ts';
import { F0_RELEASE_RULE_VERSIONS, type F0ReleaseRuleVersion } from '../treatment/treatment.rules.ts';
import { EPIDEMIC_LEVEL_RULE_VERSIONS, type EpidemicLevelRuleVersion } from '../levels/levels.domain.ts';
import { type EpidemicLevelRuleInput, type RuleHeader, validateEnterpriseRiskRule, validateEpidemicLevelRule, validateF0ReleaseRule, validateQuarantineRule } from './rules.domain.ts';
import { ENTERPRISE_RISK_RULE_VERSIONS, type EnterpriseRiskRuleVersion, presentRiskRule, type RiskRuleInput } from '../enterprises/risk.domain.ts';
import { ARRIVAL_RULE_VERSIONS, type ArrivalRuleParams, type ArrivalRuleVersion } from '../arrivals/arrivals.rules.ts';
import { validateArrivalRule } from './rules.domain.ts';
import { WORK_STATUS_RULE_VERSIONS, type WorkRuleInput, type WorkStatusRuleVersion } from '../enterprises/work-status.domain.ts';
import { validateWorkStatusRule } from './rules.domain.ts';
import { SUPPORT_RULE_VERSIONS, type SupportRuleParams, type SupportRuleVersion } from '../support/support.domain.ts';
import { validateSupportRule } from './rules.domain.ts';

interface Registry {
  quarantine: QuarantineRuleVersion[]; f0Release: F0ReleaseRuleVersion[]; epidemicLevel: EpidemicLevelRuleVersion[]; enterpriseRisk: EnterpriseRiskRuleVersion[]; configured: Set<string>;
  arrival: ArrivalRuleVersion[];
  workStatus: WorkStatusRuleVersion[];
  support: SupportRuleVersion[];
}
const cache = new WeakMap<Db, Map<string, Promise<Registry>>>();

async function load(db: Db, provinceCode: string): Promise<Registry> {
  const rows = await db.selectFrom('rule_version').selectAll().where('province_code', '=', provinceCode).orderBy('effective_from').orderBy('id').execute();
  const header = (r: (typeof rows)[number]) => ({ code: r.code, document: r.document, name: { vi: r.name_vi, en: r.name_en }, effectiveFrom: r.effective_from });
  return {
    quarantine: [...QUARANTINE_RULE_VERSIONS, ...rows.filter((r) => r.context === 'quarantine')
      .map((r) => ({ ...header(r), ...(r.params as Pick<QuarantineRuleVersion, 'f1' | 'f1VaccinatedOrRecovered' | 'returningCitizen' | 'screeningIntervalDays'>) }))],
    f0Release: [...F0_RELEASE_RULE_VERSIONS, ...rows.filter((r) => r.context === 'f0_release').map((r) => ({ ...header(r), ...(r.params as Pick<F0ReleaseRuleVersion, 'daysWithNegativeRapidTest' | 'daysWithoutTest' | 'daysWithPersistentSymptoms'>) }))],
    epidemicLevel: [...EPIDEMIC_LEVEL_RULE_VERSIONS, ...rows.filter((r) => r.context === 'epidemic_level').map((r) => ({ ...header(r), ...(r.params as Omit<EpidemicLevelRuleVersion, keyof RuleHeader>) }))],
    enterpriseRisk: [...ENTERPRISE_RISK_RULE_VERSIONS, ...rows.filter((r) => r.context === 'enterprise_risk').map((r) => ({ ...header(r), ...(r.params as Omit<EnterpriseRiskRuleVersion, keyof RuleHeader>) }))],
    configured: new Set(rows.map((r) => `${r.context}:${r.code}`)),
    workStatus: [...WORK_STATUS_RULE_VERSIONS, ...rows.filter((r) => r.context === 'work_status').map((r) => ({ ...header(r), ...(r.params as Omit<WorkStatusRuleVersion, keyof RuleHeader>) }))],
    support: [...SUPPORT_RULE_VERSIONS, ...rows.filter((r) => r.context === 'support_nq68').map((r) => ({ ...header(r), ...(r.params as SupportRuleParams) }))],
    arrival: [...ARRIVAL_RULE_VERSIONS, ...rows.filter((r) => r.context === 'arrival').map((r) => ({ ...header(r), ...(r.params as ArrivalRuleParams) }))],
  };
}

function registry(db: Db, provinceCode: string): Promise<Registry> {
  let byProvince = cache.get(db);
  if (!byProvince) cache.set(db, (byProvince = new Map()));
  let r = byProvince.get(provinceCode);
  if (!r) {
    r = load(db, provinceCode);
    // A failed read is not cached.
    r.catch(() => byProvince.delete(provinceCode));
    byProvince.set(provinceCode, r);
  }
  return r;
}

export async function quarantineRuleVersions(db: Db, provinceCode: string): Promise<readonly QuarantineRuleVersion[]> {
  return (await registry(db, provinceCode)).quarantine;
}

export async function f0ReleaseRuleVersions(db: Db, provinceCode: string): Promise<readonly F0ReleaseRuleVersion[]> {
  return (await registry(db, provinceCode)).f0Release;
}

export async function epidemicLevelRuleVersions(db: Db, provinceCode: string): Promise<readonly EpidemicLevelRuleVersion[]> {
  return (await registry(db, provinceCode)).epidemicLevel;
}

/** Arrival rule versions (arrivals): built in and the province's, oldest first. */
export async function arrivalRuleVersions(db: Db, provinceCode: string): Promise<readonly ArrivalRuleVersion[]> {
  return (await registry(db, provinceCode)).arrival;
}

/** Whether an arrival version was added by the province (configured) or is built in. */
export async function arrivalRuleSource(db: Db, provinceCode: string, code: string): Promise<'built_in' | 'configured'> {
  return (await registry(db, provinceCode)).configured.has(`arrival:${code}`) ? 'configured' : 'built_in';
}

export async function enterpriseRiskRuleVersions(db: Db, provinceCode: string): Promise<readonly EnterpriseRiskRuleVersion[]> {
  return (await registry(db, provinceCode)).enterpriseRisk;
}

/** Whether an enterprise risk version was added by the province (configured) or is national (built in). */
export async function enterpriseRiskRuleSource(db: Db, provinceCode: string, code: string): Promise<'built_in' | 'configured'> {
  return (await registry(db, provinceCode)).configured.has(`enterprise_risk:${code}`) ? 'configured' : 'built_in';
}

/** A level version as responses give it, with its plain arrays copied, and where it comes from. */
export function presentLevelRule(v: EpidemicLevelRuleVersion, source: 'built_in' | 'configured') {
  return {
    ...v, caseBands: v.caseBands.map((b) => ({ ...b })), coverageTargets: v.coverageTargets.map((t) => ({ ...t })), rollUp: { ...v.rollUp }, deathsRaise: v.deathsRaise ? { ...v.deathsRaise } : null, source,
  };
}

/** Whether a level version was added by the province (configured) or is national (built in). */
export async function levelRuleSource(db: Db, provinceCode: string, code: string): Promise<'built_in' | 'configured'> {
  return (await registry(db, provinceCode)).configured.has(`epidemic_level:${code}`) ? 'configured' : 'built_in';
}

const copyTerms = (t: QuarantineTerms) => ({ ...t, testDays: [...t.testDays] });
/** The version with plain (mutable) test-day arrays, as responses and callers outside the rules take them. */
function withTermsCopied(v: QuarantineRuleVersion) {
  return {
    ...v, f1: copyTerms(v.f1), f1VaccinatedOrRecovered: copyTerms(v.f1VaccinatedOrRecovered), returningCitizen: copyTerms(v.returningCitizen),
    screeningIntervalDays: { ...(v.screeningIntervalDays ?? SCREENING_INTERVAL_DAYS) },
  };
}

export async function listRules(db: Db, actor: Actor) {
  if (!hasPermission(actor, 'quarantine:read') && !hasPermission(actor, 'treatment:read')) throw Errors.forbidden();
  const r = await registry(db, actor.provinceCode);
  const source = (context: string, code: string) => (r.configured.has(`${context}:${code}`) ? 'configured' as const : 'built_in' as const);
  return {
    quarantine: r.quarantine.map((v) => ({ ...withTermsCopied(v), source: source('quarantine', v.code) })),
    f0Release: r.f0Release.map((v) => ({ ...v, source: source('f0_release', v.code) })),
    epidemicLevel: r.epidemicLevel.map((v) => presentLevelRule(v, source('epidemic_level', v.code))),
    enterpriseRisk: r.enterpriseRisk.map((v) => presentRiskRule(v, source('enterprise_risk', v.code))),
    workStatus: r.workStatus.map((v) => presentWorkRule(v, source('work_status', v.code))),
  };
}

async function insert(db: Db, actor: Actor, context: 'quarantine' | 'f0_release' | 'epidemic_level' | 'enterprise_risk' | 'arrival' | 'work_status' | 'support_nq68', v: RuleHeader, params: object) {
  await db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('rule_version').values({
      province_code: actor.provinceCode, context, code: v.code, document: v.document, name_vi: v.name.vi.trim(), name_en: v.name.en.trim(),
      effective_from: v.effectiveFrom, params: JSON.stringify(params), created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'rule_version', recordId: r.id, detail: { context, ...v, params } });
  });
  cache.get(db)?.delete(actor.provinceCode);
}

const takenCodes = (list: ReadonlyArray<{ code: string }>) => new Set(list.map((v) => v.code));

export async function addQuarantineRule(db: Db, actor: Actor, input: Parameters<typeof validateQuarantineRule>[0]) {
  assertPermission(actor, 'rule:manage');
  const v = validateQuarantineRule(input, takenCodes(await quarantineRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'quarantine', { code, document, name, effectiveFrom }, params);
  return withTermsCopied(v.value);
}

export async function addF0ReleaseRule(
  db: Db, actor: Actor, input: RuleHeader & { daysWithNegativeRapidTest: number; daysWithoutTest: number; daysWithPersistentSymptoms: number },
) {
  assertPermission(actor, 'rule:manage');
  const v = validateF0ReleaseRule(input, takenCodes(await f0ReleaseRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'f0_release', { code, document, name, effectiveFrom }, params);
  return v.value;
}

export async function addEpidemicLevelRule(db: Db, actor: Actor, input: EpidemicLevelRuleInput) {
  assertPermission(actor, 'rule:manage');
  const v = validateEpidemicLevelRule(input, takenCodes(await epidemicLevelRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'epidemic_level', { code, document, name, effectiveFrom }, params);
  return presentLevelRule(v.value, 'configured');
}

/** A new version of the enterprise risk form (indicators, options, points, bands, period); never edited, a newer one supersedes. */
export async function addEnterpriseRiskRule(db: Db, actor: Actor, input: RiskRuleInput) {
  assertPermission(actor, 'rule:manage');
  const v = validateEnterpriseRiskRule(input, takenCodes(await enterpriseRiskRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'enterprise_risk', { code, document, name, effectiveFrom }, params);
  return presentRiskRule(v.value, 'configured');
}

/** A new arrival rule version (measures by origin level, transport workers' test and route, epidemic provinces); never edited. */
export async function addArrivalRule(db: Db, actor: Actor, input: RuleHeader & ArrivalRuleParams) {
  assertPermission(actor, 'rule:manage');
  const v = validateArrivalRule(input, takenCodes(await arrivalRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'arrival', { code, document, name, effectiveFrom }, params);
  return v.value;
}

/** Who may work today and the F0 checklist (enterprises): the built-in pilot and the province's versions. */
export async function workStatusRuleVersions(db: Db, provinceCode: string): Promise<readonly WorkStatusRuleVersion[]> {
  return (await registry(db, provinceCode)).workStatus;
}

/** A work-status version as responses give it (plain copies) and where it comes from. */
export function presentWorkRule(v: WorkStatusRuleVersion, source: 'built_in' | 'configured') {
  return { ...v, name: { ...v.name }, checklist: v.checklist.map((c) => ({ key: c.key, label: { ...c.label } })), source };
}

/** A new version of the work-status rule (who may work, F0 checklist); never edited, a newer one supersedes. */
export async function addWorkStatusRule(db: Db, actor: Actor, input: WorkRuleInput) {
  assertPermission(actor, 'rule:manage');
  const v = validateWorkStatusRule(input, takenCodes(await workStatusRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'work_status', { code, document, name, effectiveFrom }, params);
  return presentWorkRule(v.value, 'configured');
}

/** NQ68 / QĐ 23 support payments: the built-in version and the province's (rates, caps, child bonus). */
export async function supportRuleVersions(db: Db, provinceCode: string): Promise<readonly SupportRuleVersion[]> {
  return (await registry(db, provinceCode)).support;
}

/** Whether a support version was added by the province (configured) or is national (built in). */
export async function supportRuleSource(db: Db, provinceCode: string, code: string): Promise<'built_in' | 'configured'> {
  return (await registry(db, provinceCode)).configured.has(`support_nq68:${code}`) ? 'configured' : 'built_in';
}

/** A new support version (daily rate, caps, child bonus and age); never edited, a newer one supersedes. */
export async function addSupportRule(db: Db, actor: Actor, input: RuleHeader & SupportRuleParams) {
  assertPermission(actor, 'rule:manage');
  const v = validateSupportRule(input, takenCodes(await supportRuleVersions(db, actor.provinceCode)));
  if (!v.ok) throw new ValidationError(v.issues);
  const { code, document, name, effectiveFrom, ...params } = v.value;
  await insert(db, actor, 'support_nq68', { code, document, name, effectiveFrom }, params);
  return v.value;
}
