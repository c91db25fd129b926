/**
 * The treatment tower: admitting an F0 to the care level its risk group calls for (QĐ 5525), with
 * home care only when the vitals allow it (QĐ 4038), transfers up and down tiers that keep the
 * chain, discharge by the F0 release rule in force, and the bed board (normal, oxygen, ICU beds
 * free and used per facility and tier). Beds are checked under a lock on the facility, so two
 * admissions never take the last bed twice.
 */
import type { Db } from '../../db/database.ts';
import type { CareLevel } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaScopeFilter, assertAreaInScope, assertPermission } from '../auth/policy.ts';
import { afterWrite, appendImpliedStatus } from '../cases/cases.service.ts';
import { f0ReleaseRuleVersions } from '../rules/rules.service.ts';
import * as repo from './treatment.repository.ts';
import {
  type BedKind, CARE_LEVEL_LABELS, type F0RiskGroup, type Vitals, bedKindFor, careLevelFor, f0ReleaseDecision, f0ReleaseRuleInForce, homeCareEligibility, transferDirection,
} from './treatment.rules.ts';

const TIER_OF: Record<CareLevel, number> = { home_care: 0, tier1: 1, tier2: 2, tier3: 3 };
const BED_LABEL: Record<BedKind, { vi: string; en: string }> = {
  normal: { vi: 'giường thường', en: 'normal beds' }, oxygen: { vi: 'giường có oxy', en: 'oxygen beds' }, icu: { vi: 'giường hồi sức tích cực (ICU)', en: 'ICU beds' },
};

export interface PlacementInput {
  facilityId?: number | null | undefined; careLevel?: CareLevel | undefined; riskGroup: F0RiskGroup; reason?: string | null | undefined;
  vitals?: Partial<Vitals> | null | undefined;
}

function scopeOf(actor: Actor) {
  return actor.scopeKind === 'org' ? { facilityId: actor.scopeOrgId ?? -1 } : { area: areaScopeFilter(actor) };
}

function inScope(actor: Actor, c: { province_code: string; district_code: string | null; commune_code: string | null }, facilityId: number | null) {
  if (actor.scopeKind === 'org') {
    if (facilityId !== actor.scopeOrgId) throw Errors.outOfScope();
  } else assertAreaInScope(actor, c);
}

/** Checks a care level and facility for an F0 and returns the bed it takes; issues name each problem. */
async function checkPlace(db: Db, actor: Actor, input: PlacementInput, date: string, today: string): Promise<{ level: CareLevel; bed: BedKind | null; facilityId: number | null }> {
  const issues: FieldIssue[] = [];
  if (date > today) issues.push({ field: 'date', code: 'FUTURE', message: { vi: 'Ngày ở tương lai', en: 'The date is in the future' } });
  const expected = careLevelFor(input.riskGroup);
  const level = input.careLevel ?? expected;
  if (level !== expected && !input.reason?.trim()) {
    issues.push({
      field: 'reason', code: 'REQUIRED',
      message: { vi: `Nhóm nguy cơ này theo quy định điều trị ở ${CARE_LEVEL_LABELS[expected].vi}: cần nêu lý do khi chọn ${CARE_LEVEL_LABELS[level].vi}`, en: `This risk group is treated at ${CARE_LEVEL_LABELS[expected].en}: another level needs a reason` },
    });
  }
  const bed = bedKindFor(level);
  const facilityId = level === 'home_care' ? null : (input.facilityId ?? null);
  if (level === 'home_care') {
    const v = homeCareEligibility({ spo2: input.vitals?.spo2 ?? null, respiratoryRate: input.vitals?.respiratoryRate ?? null, uncontrolledComorbidity: input.vitals?.uncontrolledComorbidity ?? null });
    for (const x of v.invalid) issues.push({ field: `vitals/${x.field}`, code: 'INVALID', message: x.message });
    if (!v.eligible && v.invalid.length === 0) {
      issues.push({ field: 'vitals', code: 'NOT_ELIGIBLE_HOME_CARE', message: { vi: `Không đủ điều kiện chăm sóc tại nhà: ${v.reasons.map((r) => r.vi).join('; ')}`, en: `Not eligible for home care: ${v.reasons.map((r) => r.en).join('; ')}` } });
    }
  } else if (facilityId === null) {
    issues.push({ field: 'facilityId', code: 'REQUIRED', message: { vi: 'Cần chọn cơ sở điều trị', en: 'Choose a treatment facility' } });
  } else {
    const f = await repo.treatmentFacility(db, actor.provinceCode, facilityId);
    if (!f || f.kind !== 'treatment') issues.push({ field: 'facilityId', code: 'UNKNOWN', message: { vi: `Không có cơ sở điều trị ${facilityId}`, en: `No treatment facility ${facilityId}` } });
    else if ((f.tier ?? 0) < TIER_OF[level]) {
      issues.push({ field: 'facilityId', code: 'TIER_TOO_LOW', message: { vi: `${f.name} là tầng ${f.tier}, không điều trị ${CARE_LEVEL_LABELS[level].vi}`, en: `${f.name} is tier ${f.tier}: it cannot treat at ${CARE_LEVEL_LABELS[level].en}` } });
    } else if (f.status !== 'open') {
      issues.push({ field: 'facilityId', code: 'FACILITY_NOT_OPEN', message: { vi: `${f.name} không tiếp nhận bệnh nhân (trạng thái: ${f.status})`, en: `${f.name} is not admitting (status: ${f.status})` } });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return { level, bed, facilityId };
}

/** The case's status while at a place: in treatment at a facility, isolated when cared for at home. */
function statusStep(place: { level: CareLevel; facilityId: number | null }, date: string) {
  return place.facilityId === null
    ? { status: 'isolated' as const, effectiveDate: date, facilityId: null, note: 'Chăm sóc tại nhà' }
    : { status: 'in_treatment' as const, effectiveDate: date, facilityId: place.facilityId, note: `Điều trị ${CARE_LEVEL_LABELS[place.level].vi}` };
}

/** Under the facility's lock: a bed of the kind must be free. */
async function assertBedFree(trx: Db, provinceCode: string, facilityId: number | null, bed: BedKind | null) {
  if (facilityId === null || bed === null) return;
  await repo.lockFacility(trx, facilityId);
  const f = (await repo.treatmentFacility(trx, provinceCode, facilityId))!;
  const total = bed === 'icu' ? f.beds_icu : bed === 'oxygen' ? f.beds_oxygen : f.beds_normal;
  const used = (await repo.bedsUsed(trx, provinceCode, facilityId)).find((r) => r.bed_kind === bed)?.used ?? 0;
  if (used >= total) {
    throw new AppError('NO_BED_FREE', 409, { vi: `${f.name} hết ${BED_LABEL[bed].vi} (${used}/${total})`, en: `${f.name} has no free ${BED_LABEL[bed].en} (${used}/${total})` }, 'facilityId');
  }
}

export async function admit(db: Db, actor: Actor, input: PlacementInput & { caseId: number; date: string }, today = vnDate()) {
  assertPermission(actor, 'treatment:write');
  const c = await repo.caseForAdmission(db, input.caseId);
  if (!c || c.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `ca bệnh ${input.caseId}`, en: `case ${input.caseId}` });
  inScope(actor, c, input.facilityId ?? null);
  const place = await checkPlace(db, actor, input, input.date, today);
  const issues: FieldIssue[] = [];
  if (input.date < c.sample_date) issues.push({ field: 'date', code: 'ORDER', message: { vi: 'Ngày tiếp nhận trước ngày lấy mẫu của ca bệnh', en: 'The admission date is before the case\'s sample date' } });
  if (c.status === 'recovered' || c.status === 'died') issues.push({ field: 'caseId', code: 'CASE_CLOSED', message: { vi: 'Ca bệnh đã kết thúc (khỏi hoặc tử vong)', en: 'The case has ended (recovered or died)' } });
  if (await repo.openAdmissionOfCase(db, c.id)) issues.push({ field: 'caseId', code: 'ALREADY_ADMITTED', message: { vi: 'Ca bệnh đang được điều trị: dùng chuyển tầng', en: 'The case is already admitted: use a transfer' } });
  if (issues.length) throw new ValidationError(issues);
  const id = await db.transaction().execute(async (trx) => {
    await assertBedFree(trx, actor.provinceCode, place.facilityId, place.bed);
    const id = await repo.insertAdmission(trx, {
      province_code: actor.provinceCode, case_id: c.id, person_id: c.person_id, facility_id: place.facilityId, care_level: place.level, risk_group: input.riskGroup,
      bed_kind: place.facilityId === null ? null : place.bed, reason: input.reason?.trim() || null, vitals: input.vitals ? JSON.stringify(input.vitals) : null,
      admitted_on: input.date, ended_on: null, outcome: null, rule_code: null, previous_id: null, created_by: actor.userId || null,
    });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'treatment_admission', recordId: id, detail: { caseId: c.id, ...place, riskGroup: input.riskGroup } });
    const stepped = await appendImpliedStatus(trx, actor, c.id, statusStep(place, input.date));
    return { id, stepped };
  }).then(async ({ id, stepped }) => {
    if (stepped) await afterWrite(db, actor, 'updated', [{ id: c.id, personId: c.person_id, provinceCode: c.province_code }]);
    return id;
  });
  return { id, careLevel: place.level, bedKind: place.facilityId === null ? null : place.bed, facilityId: place.facilityId };
}

async function openAdmission(db: Db, actor: Actor, id: number) {
  const a = await repo.findAdmission(db, id);
  if (!a || a.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `lượt điều trị ${id}`, en: `admission ${id}` });
  inScope(actor, { province_code: a.province_code, district_code: a.district_code, commune_code: a.commune_code }, a.facility_id);
  if (a.ended_on) throw new AppError('ADMISSION_ENDED', 409, { vi: 'Lượt điều trị này đã kết thúc', en: 'This admission has ended' }, 'id');
  return a;
}

/** Moves an F0 to another care level or facility: the current stay ends 'transferred', the next keeps the chain. */
export async function transfer(db: Db, actor: Actor, id: number, input: PlacementInput & { date: string }, today = vnDate()) {
  assertPermission(actor, 'treatment:write');
  const a = await openAdmission(db, actor, id);
  if (!input.reason?.trim()) throw new ValidationError([{ field: 'reason', code: 'REQUIRED', message: { vi: 'Chuyển tầng cần lý do', en: 'A transfer needs a reason' } }]);
  const place = await checkPlace(db, actor, input, input.date, today);
  if (input.date < a.admitted_on) throw new ValidationError([{ field: 'date', code: 'ORDER', message: { vi: 'Ngày chuyển trước ngày tiếp nhận', en: 'The transfer date is before the admission' } }]);
  if (place.level === a.care_level && place.facilityId === a.facility_id) {
    throw new ValidationError([{ field: 'careLevel', code: 'SAME_PLACE', message: { vi: 'Nơi chuyển đến trùng nơi đang điều trị', en: 'The transfer goes to the same place' } }]);
  }
  const next = await db.transaction().execute(async (trx) => {
    if (!(await repo.endAdmission(trx, a.id, input.date, 'transferred'))) throw new AppError('ADMISSION_ENDED', 409, { vi: 'Lượt điều trị này đã kết thúc', en: 'This admission has ended' }, 'id');
    // The bed being left is free by now when the move stays in one facility.
    await assertBedFree(trx, actor.provinceCode, place.facilityId, place.bed);
    const next = await repo.insertAdmission(trx, {
      province_code: a.province_code, case_id: a.case_id, person_id: a.person_id, facility_id: place.facilityId, care_level: place.level, risk_group: input.riskGroup,
      bed_kind: place.facilityId === null ? null : place.bed, reason: input.reason!.trim(), vitals: input.vitals ? JSON.stringify(input.vitals) : null,
      admitted_on: input.date, ended_on: null, outcome: null, rule_code: null, previous_id: a.id, created_by: actor.userId || null,
    });
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'treatment_admission', recordId: next,
      detail: { from: { id: a.id, careLevel: a.care_level, facilityId: a.facility_id }, to: place, direction: transferDirection(a.care_level, place.level), reason: input.reason },
    });
    return { next, stepped: await appendImpliedStatus(trx, actor, a.case_id, statusStep(place, input.date)) };
  }).then(async ({ next, stepped }) => {
    if (stepped) await afterWrite(db, actor, 'updated', [{ id: a.case_id, personId: a.person_id, provinceCode: a.province_code }]);
    return next;
  });
  return { id: next, previousId: a.id, direction: transferDirection(a.care_level, place.level), careLevel: place.level, bedKind: place.facilityId === null ? null : place.bed };
}

/** Ends treatment: 'recovered' only once the F0 release rule in force allows it; 'died' any time. */
export async function discharge(db: Db, actor: Actor, id: number, input: { date: string; outcome: 'recovered' | 'died'; persistentSymptoms?: boolean | undefined }, today = vnDate()) {
  assertPermission(actor, 'treatment:write');
  const a = await openAdmission(db, actor, id);
  const issues: FieldIssue[] = [];
  if (input.date > today) issues.push({ field: 'date', code: 'FUTURE', message: { vi: 'Ngày ở tương lai', en: 'The date is in the future' } });
  if (input.date < a.admitted_on) issues.push({ field: 'date', code: 'ORDER', message: { vi: 'Ngày ra viện trước ngày tiếp nhận', en: 'The discharge date is before the admission' } });
  if (issues.length) throw new ValidationError(issues);
  let release = null;
  if (input.outcome === 'recovered') {
    const start = a.confirmation_date;
    const { rule, fallback } = f0ReleaseRuleInForce(start, await f0ReleaseRuleVersions(db, actor.provinceCode));
    const d = f0ReleaseDecision({ startDate: start, rapidTestNegativeOn: await repo.lastNegativeRapidTest(db, a.person_id, start), persistentSymptoms: input.persistentSymptoms ?? false }, rule, input.date);
    if (!d.releasable) throw new AppError('NOT_RELEASABLE', 409, d.reason, 'date', { earliestDate: d.earliestDate, rule: rule.code });
    release = { rule: rule.code, fallback, basis: d.basis, reason: d.reason };
  }
  const stepped = await db.transaction().execute(async (trx) => {
    if (!(await repo.endAdmission(trx, a.id, input.date, input.outcome))) throw new AppError('ADMISSION_ENDED', 409, { vi: 'Lượt điều trị này đã kết thúc', en: 'This admission has ended' }, 'id');
    await recordAudit(trx, actor, { action: 'update', recordKind: 'treatment_admission', recordId: a.id, detail: { discharge: input, release } });
    const note = input.outcome === 'recovered' ? `Ra viện: khỏi bệnh${release ? ` (${release.reason.vi})` : ''}` : 'Tử vong trong điều trị';
    return appendImpliedStatus(trx, actor, a.case_id, { status: input.outcome, effectiveDate: input.date, facilityId: a.facility_id, note });
  });
  if (stepped) await afterWrite(db, actor, 'updated', [{ id: a.case_id, personId: a.person_id, provinceCode: a.province_code }]);
  return { id: a.id, outcome: input.outcome, endedOn: input.date, release };
}

interface Counts { total: number; used: number; free: number }
const counts = (total: number, used: number): Counts => ({ total, used, free: Math.max(0, total - used) });

/** Beds free and used per facility and per tier. */
export async function bedBoard(db: Db, actor: Actor) {
  assertPermission(actor, 'treatment:read');
  const facilities = (await repo.treatmentFacilities(db, actor.provinceCode)).filter((f) => actor.scopeKind !== 'org' || f.id === actor.scopeOrgId);
  const used = await repo.bedsUsed(db, actor.provinceCode);
  const usedOf = (id: number, kind: BedKind) => used.find((u) => u.facility_id === id && u.bed_kind === kind)?.used ?? 0;
  const rows = facilities.map((f) => ({
    facilityId: f.id, name: f.name, tier: f.tier, districtName: f.district_name, status: f.status,
    beds: { normal: counts(f.beds_normal, usedOf(f.id, 'normal')), oxygen: counts(f.beds_oxygen, usedOf(f.id, 'oxygen')), icu: counts(f.beds_icu, usedOf(f.id, 'icu')) },
  }));
  const tiers = [...new Set(rows.map((r) => r.tier ?? 0))].sort().map((tier) => {
    const of = rows.filter((r) => (r.tier ?? 0) === tier);
    const sum = (k: BedKind) => counts(of.reduce((s, r) => s + r.beds[k].total, 0), of.reduce((s, r) => s + r.beds[k].used, 0));
    return { tier, beds: { normal: sum('normal'), oxygen: sum('oxygen'), icu: sum('icu') } };
  });
  return { tiers, facilities: rows };
}

export async function listAdmissions(db: Db, actor: Actor, f: Omit<repo.AdmissionFilter, 'provinceCode'>) {
  assertPermission(actor, 'treatment:read');
  const { total, items } = await repo.listAdmissions(db, { ...f, provinceCode: actor.provinceCode }, scopeOf(actor));
  await recordAudit(db, actor, { action: 'read', recordKind: 'treatment_admission', detail: { list: items.length, page: f.page } });
  return {
    total, page: f.page, pageSize: f.pageSize,
    items: items.map((a) => ({
      id: a.id, caseId: a.case_id, caseCode: a.case_code, personId: a.person_id, fullName: a.full_name, facilityId: a.facility_id, facilityName: a.facility_name,
      careLevel: a.care_level, riskGroup: a.risk_group, bedKind: a.bed_kind, admittedOn: a.admitted_on, endedOn: a.ended_on, outcome: a.outcome, reason: a.reason,
      previousId: a.previous_id,
    })),
  };
}

// ---- published for the daily report (reports): treatment of a province on a day, no personal data

/**
 * Cases in treatment at the end of `date` by care level (home care, tiers 1–3), admitted that day
 * (first stays), and the beds of the treatment facilities (as configured now) used and free that
 * day by kind: normal, oxygen, ICU.
 */
export async function treatmentFiguresOn(db: Db, provinceCode: string, date: string) {
  const [stays, beds] = await Promise.all([repo.staysOn(db, provinceCode, date), repo.bedTotals(db, provinceCode)]);
  const byLevel: Record<CareLevel, number> = { home_care: 0, tier1: 0, tier2: 0, tier3: 0 };
  const used: Record<BedKind, number> = { normal: 0, oxygen: 0, icu: 0 };
  let admittedOnDay = 0;
  for (const s of stays) {
    byLevel[s.care_level] += s.in_force;
    if (s.bed_kind !== null && s.in_facility) used[s.bed_kind] += s.in_force;
    admittedOnDay += s.admitted;
  }
  const bed = (k: BedKind) => ({ total: beds[k], used: used[k], free: Math.max(0, beds[k] - used[k]) });
  return {
    inTreatment: { ...byLevel, total: byLevel.home_care + byLevel.tier1 + byLevel.tier2 + byLevel.tier3 },
    admittedOnDay,
    facilities: beds.facilities,
    beds: { normal: bed('normal'), oxygen: bed('oxygen'), icu: bed('icu') },
  };
}

/**
 * Published for NQ68 support: one treatment episode per case of a commune's residents overlapping a
 * period — from the first admission to the last stay's end (transfers chain stays), an open stay
 * counted to `asOf`.
 */
export async function treatmentEpisodesForSupport(db: Db, provinceCode: string, f: { communeCode: string; from: string; to: string; asOf: string }) {
  const rows = await repo.staysForSupport(db, provinceCode, f);
  const byCase = new Map<number, { caseId: number; personId: number; from: string; to: string }>();
  for (const r of rows) {
    const end = r.ended_on ?? f.asOf;
    const e = byCase.get(r.case_id);
    if (!e) byCase.set(r.case_id, { caseId: r.case_id, personId: r.person_id, from: r.admitted_on, to: end });
    else {
      if (r.admitted_on < e.from) e.from = r.admitted_on;
      if (end > e.to) e.to = end;
    }
  }
  return [...byCase.values()];
}
