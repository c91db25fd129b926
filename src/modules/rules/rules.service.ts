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

interface Registry {
  quarantine: QuarantineRuleVersion[]; f0Release: F0ReleaseRuleVersion[]; epidemicLevel: EpidemicLevelRuleVersion[]; enterpriseRisk: EnterpriseRiskRuleVersion[]; configured: Set<string>;
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
  };
}

async function insert(db: Db, actor: Actor, context: 'quarantine' | 'f0_release' | 'epidemic_level' | 'enterprise_risk', v: RuleHeader, params: object) {
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
