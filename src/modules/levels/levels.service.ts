/**
 * Epidemic levels: the daily assessment of every commune, district and the province (one
 * transaction, re-runnable), the list and explanation of levels, and the decisions on them
 * (confirm a raise before its notice runs out, override with a reason). levels.domain.ts holds
 * the rules and the timing.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { LevelAssessmentTable, LevelUnit } from '../../db/schema.ts';
import { addDays, vnDate, vnDateOf } from '../../lib/time.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { parseCalendarDate } from '../people/people.domain.ts';
import { communesOf, lookupUnit } from '../places/places.service.ts';
import { epidemicLevelRuleVersions, levelRuleSource, presentLevelRule } from '../rules/rules.service.ts';
import {
  type AssessmentInputs, assessCommune, assessmentTime, type CoverageInput, endOfVietnamDay, type EpidemicLevelRuleVersion, type Level, levelInForceAt,
  levelRuleFor, pendingAt, ratePer100k, rollUp, scheduleLevel, type Status, type TimedLevel, treatmentCapacity,
} from './levels.domain.ts';
import * as repo from './levels.repository.ts';
import { levelCoverageOn } from '../vaccination/vaccination.published.ts';

/** Who runs an assessment: a user with level:manage over the whole province, or the system (the demo, a scheduler). */
export type Assessor = Actor | 'system';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const label = (id: number) => ({ vi: `đánh giá cấp độ dịch ${id}`, en: `epidemic level assessment ${id}` });

type StoredRow = Awaited<ReturnType<typeof repo.latestBefore>>[number];
const timed = (r: Pick<StoredRow, 'status' | 'effective_level' | 'previous_level' | 'effective_from'>): TimedLevel => ({
  status: r.status, effectiveLevel: r.effective_level as Level, previousLevel: r.previous_level as Level | null, effectiveFrom: r.effective_from,
});

export interface AssessOptions {
  /** The instant the assessment is made (default now): a past day is assessed as of its end. */
  now?: Date;
  /** Vaccination coverage per commune code, when known (the vaccination issue fills it in). */
  coverage?: ReadonlyMap<string, CoverageInput> | undefined;
}

export interface AssessSummary {
  date: string;
  ruleCode: string;
  communes: number;
  /** Communes per level as assessed (a proposed raise counts at its level). */
  byLevel: Record<Level, number>;
  proposals: number;
  /** Rows kept because a user had decided on them. */
  kept: number;
}

/**
 * Assesses every commune, district and the province on a day, in one transaction (inside the
 * caller's when `db` is one). Re-running a day replaces its rows nobody decided on; confirmed and
 * overridden rows stay, and their level is what the roll-up counts.
 */
export async function assessLevels(db: Db, who: Assessor, provinceCode: string, day: string, opts: AssessOptions = {}): Promise<AssessSummary> {
  const now = opts.now ?? new Date();
  if (who !== 'system') {
    assertPermission(who, 'level:manage');
    // The roll-up needs every commune: a district's user cannot assess the province.
    if (who.scopeKind !== 'province' || who.provinceCode !== provinceCode) throw Errors.outOfScope();
  }
  if (parseCalendarDate(day) !== day) throw new ValidationError([issue('date', 'INVALID_DATE', 'Ngày đánh giá không hợp lệ', 'The assessment date is not a date')]);
  if (day > vnDate(now)) throw new ValidationError([issue('date', 'FUTURE', 'Không đánh giá được ngày chưa đến', 'A day to come cannot be assessed')]);
  const { rule, beforeEffective } = levelRuleFor(await epidemicLevelRuleVersions(db, provinceCode), day);
  const communes = await communesOf(db, provinceCode);
  if (communes.length === 0) throw Errors.notFound({ vi: `xã/phường của tỉnh ${provinceCode}`, en: `communes of province ${provinceCode}` });
  // Criterion 2: the coverage given, else the vaccination register's on the day (unknown while no dose is recorded).
  const coverage = opts.coverage ?? (await levelCoverageOn(db, provinceCode, day));
  const run = (trx: Db) => assessIn(trx, who, provinceCode, day, rule, beforeEffective, communes, coverage, assessmentTime(day, now));
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function assessIn(
  trx: Db, who: Assessor, provinceCode: string, day: string, rule: EpidemicLevelRuleVersion, beforeEffective: boolean,
  communes: Awaited<ReturnType<typeof communesOf>>, coverage: AssessOptions['coverage'], at: Date,
): Promise<AssessSummary> {
  await repo.lockProvince(trx, provinceCode);
  const window = { from: addDays(day, -6), to: day };
  const deathsWindow = rule.deathsRaise ? { from: addDays(day, 1 - rule.deathsRaise.windowDays), to: day } : null;
  const [population, cases, beds, previous, decided, deaths] = await Promise.all([
    repo.populationByCommune(trx, provinceCode), repo.communityCasesByCommune(trx, provinceCode, window.from, window.to),
    repo.bedUseOn(trx, provinceCode, day), repo.latestBefore(trx, provinceCode, day), repo.decidedOn(trx, provinceCode, day),
    deathsWindow ? repo.deathsByCommune(trx, provinceCode, deathsWindow.from, deathsWindow.to) : new Map<string, number>(),
  ]);
  const capacity = treatmentCapacity(beds, rule.minFreeBedsPercent);
  const previousOf = new Map(previous.map((r) => [`${r.unit_level}:${r.unit_code}`, timed(r)]));
  const decidedOf = new Map(decided.map((r) => [`${r.unit_level}:${r.unit_code}`, r]));
  const rows: Array<Insertable<LevelAssessmentTable>> = [];
  const common = { window, ruleBeforeEffective: beforeEffective };
  const beforeReason = beforeEffective
    ? [{ code: 'rule_before_effective', vi: `Ngày đánh giá trước mọi quy định cấp độ dịch: áp dụng quy định sớm nhất (${rule.document}, hiệu lực ${vnDateOf(rule.effectiveFrom)})`, en: `The day comes before every epidemic level rule: the earliest applies (${rule.document}, from ${rule.effectiveFrom})` }]
    : [];

  /** Adds a unit's row (unless a user decided on it) and gives the level the roll-up counts. */
  const add = (unit: { level: LevelUnit; code: string; districtCode: string | null; communeCode: string | null }, computed: Level, effective: Level, inputs: Omit<AssessmentInputs, 'window' | 'ruleBeforeEffective'>): Level => {
    const key = `${unit.level}:${unit.code}`;
    const kept = decidedOf.get(key);
    if (kept) return kept.effective_level as Level;
    const timing = scheduleLevel(previousOf.get(key) ?? null, effective, at);
    rows.push({
      province_code: provinceCode, district_code: unit.districtCode, commune_code: unit.communeCode, unit_level: unit.level, unit_code: unit.code,
      assessed_on: day, rule_code: rule.code, computed_level: computed, effective_level: effective, previous_level: timing.previousLevel,
      inputs: JSON.stringify({ ...common, ...inputs, previousLevel: timing.previousLevel, reasons: [...beforeReason, ...inputs.reasons, timing.reason] }),
      status: timing.status, effective_from: timing.effectiveFrom,
    });
    return effective;
  };

  const byDistrict = new Map<string, { levels: Level[]; cases: number; population: number }>();
  const byLevel: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const c of communes) {
    const key = `commune:${c.code}`;
    const inForce = previousOf.has(key) ? levelInForceAt(previousOf.get(key)!, at) : null;
    const facts = { cases7: cases.get(c.code) ?? 0, population: population.get(c.code) ?? 0, coverage: coverage?.get(c.code) ?? null, capacityMet: capacity.met, deaths: deaths.get(c.code) ?? 0 };
    const a = assessCommune(rule, facts, inForce);
    const level = add({ level: 'commune', code: c.code, districtCode: c.district_code, communeCode: c.code }, a.computedLevel, a.effectiveLevel, a.inputs);
    const d = byDistrict.get(c.district_code ?? '') ?? { levels: [], cases: 0, population: 0 };
    d.levels.push(level);
    byLevel[level]++;
    d.cases += facts.cases7;
    d.population += facts.population;
    byDistrict.set(c.district_code ?? '', d);
  }

  const summed = (parts: Array<{ cases: number; population: number }>) => {
    const cases7 = parts.reduce((s, p) => s + p.cases, 0);
    const people = parts.reduce((s, p) => s + p.population, 0);
    return { cases7, population: people, ratePer100k: ratePer100k(cases7, people) };
  };
  const rolledInputs = (levels: Level[], parts: Array<{ cases: number; population: number }>, partName: { vi: string; en: string }) => {
    const r = rollUp(levels, rule.rollUp);
    return {
      level: r.level,
      inputs: {
        ...summed(parts), band: null, coverage: null, coverageKnown: false, coverageMet: null, capacityMet: capacity.met,
        rollUp: { parts: levels.length, byLevel: r.byLevel, clause: r.clause }, previousLevel: null,
        reasons: [{ code: r.reason.code, vi: `Tổng hợp từ ${levels.length} ${partName.vi}: ${r.reason.vi}`, en: `Rolled up from ${levels.length} ${partName.en}: ${r.reason.en}` }],
      },
    };
  };

  const districtLevels: Level[] = [];
  const districtParts: Array<{ cases: number; population: number }> = [];
  for (const [code, d] of [...byDistrict].sort(([a], [b]) => a.localeCompare(b))) {
    if (!code) continue;
    const r = rolledInputs(d.levels, [d], { vi: 'xã/phường', en: 'communes' });
    districtLevels.push(add({ level: 'district', code, districtCode: code, communeCode: null }, r.level, r.level, r.inputs));
    districtParts.push(d);
  }
  const p = rolledInputs(districtLevels, districtParts, { vi: 'huyện/thành phố', en: 'districts' });
  add({ level: 'province', code: provinceCode, districtCode: null, communeCode: null }, p.level, p.level, { ...p.inputs, capacity });

  await repo.deleteUndecided(trx, provinceCode, day);
  await repo.insertAssessments(trx, rows);
  const summary: AssessSummary = { date: day, ruleCode: rule.code, communes: communes.length, byLevel, proposals: rows.filter((r) => r.status === 'proposed').length, kept: decided.length };
  const actor = who === 'system' ? { username: 'system', provinceCode, ip: null } : who;
  await recordAudit(trx, actor, { action: 'create', recordKind: 'level_assessment', recordId: `${provinceCode}:${day}`, detail: summary });
  return summary;
}

/** The instant a date is seen at: now for today, the last moment of a past day (a level taking effect at midnight belongs to the next day). */
const viewTime = (date: string, now: Date) => new Date(Math.min(now.getTime(), endOfVietnamDay(date).getTime() - 1));

function present(r: repo.AssessmentRow, at: Date) {
  const t = timed(r);
  const inputs = r.inputs as AssessmentInputs;
  return {
    id: r.id, unitLevel: r.unit_level, unitCode: r.unit_code, unitName: r.unit_name ?? r.unit_code,
    provinceCode: r.province_code, districtCode: r.district_code, districtName: r.unit_level === 'province' ? null : (r.district_name ?? null), communeCode: r.commune_code,
    assessedOn: r.assessed_on, ruleCode: r.rule_code,
    computedLevel: r.computed_level as Level, level: r.effective_level as Level, previousLevel: r.previous_level as Level | null,
    status: r.status, levelInForce: levelInForceAt(t, at),
    proposal: pendingAt(t, at) ? { level: t.effectiveLevel, effectiveFrom: t.effectiveFrom.toISOString() } : null,
    effectiveFrom: r.effective_from.toISOString(),
    decision: r.decided_at ? { by: r.decided_by_username ?? null, at: r.decided_at.toISOString(), reason: r.decision_reason } : null,
    inputs,
  };
}

/**
 * Who sees which rows: a unit in the actor's area, and the district and province that contain it
 * (the levels that apply there). Organisation-scoped users see the province, as on the overview.
 */
async function scopeOf(db: Db, actor: Actor) {
  const area = areaScopeFilter(actor);
  if (!area || area.column === 'province_code') return { districts: undefined, commune: undefined };
  if (area.column === 'district_code') return { districts: [area.value], commune: undefined };
  const unit = await lookupUnit(db, area.value);
  return { districts: unit?.district_code ? [unit.district_code] : [], commune: area.value };
}

export interface ListQuery { date?: string | undefined; unitLevel?: LevelUnit | undefined; districtCode?: string | undefined }

/** Each unit's latest assessment on or before the date (default today), with the level in force then and the proposal pending, if any. */
export async function listLevels(db: Db, actor: Actor, q: ListQuery, now = new Date()) {
  assertPermission(actor, 'overview:read');
  const date = q.date ?? vnDate(now);
  if (parseCalendarDate(date) !== date) throw new ValidationError([issue('date', 'INVALID_DATE', 'Ngày không hợp lệ', 'The date is not a date')]);
  const unitLevel = q.unitLevel ?? 'commune';
  const scope = await scopeOf(db, actor);
  if (q.districtCode && scope.districts && !scope.districts.includes(q.districtCode)) throw Errors.outOfScope();
  const districts = q.districtCode ? [q.districtCode] : scope.districts;
  const rows = await repo.latestOnOrBefore(db, {
    provinceCode: actor.provinceCode, date, unitLevel,
    districtCodes: unitLevel === 'province' ? undefined : districts, communeCode: unitLevel === 'commune' ? scope.commune : undefined,
  });
  const at = viewTime(date, now);
  const items = rows.map((r) => present(r, at)).sort((a, b) => (a.districtName ?? '').localeCompare(b.districtName ?? '', 'vi') || a.unitName.localeCompare(b.unitName, 'vi'));
  return { date, at: at.toISOString(), unitLevel, items, rules: await rulesUsed(db, actor.provinceCode, items.map((i) => i.ruleCode)) };
}

async function rulesUsed(db: Db, provinceCode: string, codes: string[]) {
  const versions = await epidemicLevelRuleVersions(db, provinceCode);
  const used = versions.filter((v) => codes.includes(v.code));
  return Promise.all(used.map(async (v) => presentLevelRule(v, await levelRuleSource(db, provinceCode, v.code))));
}

async function rowInScope(db: Db, actor: Actor, id: number) {
  const r = await repo.findAssessment(db, id);
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound(label(id));
  const scope = await scopeOf(db, actor);
  const visible = r.unit_level === 'province' || !scope.districts
    || (scope.districts.includes(r.district_code ?? '') && (r.unit_level === 'district' || !scope.commune || r.commune_code === scope.commune));
  if (!visible) throw Errors.outOfScope();
  return r;
}

/** One assessment with the version it was computed with: its stored reasons are the explanation. */
export async function getLevel(db: Db, actor: Actor, id: number, now = new Date()) {
  assertPermission(actor, 'overview:read');
  const r = await rowInScope(db, actor, id);
  const [rule] = await rulesUsed(db, actor.provinceCode, [r.rule_code]);
  return { ...present(r, viewTime(r.assessed_on, now)), rule: rule ?? null };
}

/** A decision is on the unit's latest assessment, within the actor's area (the province row: province users only). */
async function decidable(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'level:manage');
  const r = await rowInScope(db, actor, id);
  const own = r.unit_level === 'province'
    ? actor.scopeKind === 'province'
    : areaInScope(actor, { province_code: r.province_code, district_code: r.district_code, commune_code: r.commune_code });
  if (!own) throw Errors.outOfScope();
  if (await repo.newerAssessmentExists(db, r.unit_level, r.unit_code, r.assessed_on)) {
    throw new AppError('LEVEL_SUPERSEDED', 409, { vi: `Đã có đánh giá mới hơn ngày ${r.assessed_on} cho ${r.unit_name ?? r.unit_code}: quyết định trên đánh giá mới nhất`, en: `A newer assessment than ${r.assessed_on} exists for ${r.unit_name ?? r.unit_code}: decide on the latest` });
  }
  return r;
}

const snapshot = (s: { status: Status; level: number; effectiveFrom: Date }) => ({ status: s.status, level: s.level, effectiveFrom: s.effectiveFrom.toISOString() });

/** Confirms a raise: it takes effect now, or stays in force from when its notice ran out. */
export async function confirmLevel(db: Db, actor: Actor, id: number, now = new Date()) {
  const r = await decidable(db, actor, id);
  await db.transaction().execute(async (trx) => {
    const locked = await repo.lockAssessment(trx, id);
    if (!locked || locked.status !== 'proposed') {
      throw new AppError('LEVEL_NOT_PROPOSED', 409, { vi: 'Chỉ xác nhận được đề xuất nâng cấp chưa có quyết định', en: 'Only a raise not yet decided on can be confirmed' });
    }
    const effectiveFrom = locked.effective_from < now ? locked.effective_from : now;
    await repo.recordDecision(trx, id, { status: 'confirmed', effectiveLevel: locked.effective_level, effectiveFrom, by: actor.userId || null, at: now, reason: null });
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'level_assessment', recordId: id,
      detail: { unit: r.unit_code, assessedOn: r.assessed_on, before: snapshot({ status: locked.status, level: locked.effective_level, effectiveFrom: locked.effective_from }), after: snapshot({ status: 'confirmed', level: locked.effective_level, effectiveFrom }) },
    });
  });
  return getLevel(db, actor, id, now);
}

/** Sets a unit's level by decision, with the reason: in force at once, until the next assessment. */
export async function overrideLevel(db: Db, actor: Actor, id: number, input: { level: number; reason: string }, now = new Date()) {
  const r = await decidable(db, actor, id);
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(input.level) || input.level < 1 || input.level > 4) issues.push(issue('level', 'RANGE', 'Cấp độ từ 1 đến 4', 'A level is 1 to 4'));
  if (!input.reason.trim()) issues.push(issue('reason', 'REQUIRED', 'Ghi lý do điều chỉnh cấp độ', 'Give the reason for setting the level'));
  if (issues.length) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    const locked = (await repo.lockAssessment(trx, id))!;
    await repo.recordDecision(trx, id, { status: 'overridden', effectiveLevel: input.level, effectiveFrom: now, by: actor.userId || null, at: now, reason: input.reason.trim() });
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'level_assessment', recordId: id,
      detail: {
        unit: r.unit_code, assessedOn: r.assessed_on, reason: input.reason.trim(),
        before: snapshot({ status: locked.status, level: locked.effective_level, effectiveFrom: locked.effective_from }), after: snapshot({ status: 'overridden', level: input.level, effectiveFrom: now }),
      },
    });
  });
  return getLevel(db, actor, id, now);
}

/**
 * Published for the map's choropleth and the dashboard: each commune's level in force on a day
 * (its latest assessment on or before the day; a past day as of its end). Communes never
 * assessed are absent.
 */
export async function levelsOn(db: Db, provinceCode: string, day: string, now = new Date()): Promise<Map<string, Level>> {
  const rows = await repo.latestOnOrBefore(db, { provinceCode, date: day, unitLevel: 'commune' });
  const at = viewTime(day, now);
  return new Map(rows.map((r) => [r.unit_code, levelInForceAt(timed(r), at)]));
}

/** Published for the dashboard: the level in force on a day for one unit (the province, a district or a commune); null before any assessment. */
export async function unitLevelOn(db: Db, provinceCode: string, unitLevel: LevelUnit, code: string, day: string, now = new Date()): Promise<Level | null> {
  const rows = await repo.latestOnOrBefore(db, {
    provinceCode, date: day, unitLevel,
    ...(unitLevel === 'commune' ? { communeCode: code } : unitLevel === 'district' ? { districtCodes: [code] } : {}),
  });
  const row = rows.find((r) => r.unit_code === code);
  return row ? levelInForceAt(timed(row), viewTime(day, now)) : null;
}
