/**
 * Health declarations (tờ khai y tế): a public form, no account. The declarant is matched in the
 * register as QR check-in does (phone and name, and the date of birth where the register has one;
 * else registered by themselves). Abnormal answers put the declaration on the commune's call
 * list; the call centre records each call's outcome; "referred to testing" hands a visit to the
 * community team. Every write and every read of the list is audited.
 */
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { type AnonymousActor, recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { createTeamTasks } from '../community/community.tasks.ts';
import { findOrRegisterSelf, personalFieldsFor } from '../people/people.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import { arrivalRuleVersions } from '../rules/rules.service.ts';
import { arrivalRuleInForce, isEpidemicProvince } from './arrivals.rules.ts';
import * as repo from './arrivals.repository.ts';
import { abnormalReasons, type CallOutcome, statusAfterCall, SYMPTOMS } from './declarations.domain.ts';

export interface DeclarationInput {
  fullName: string;
  phone: string;
  dateOfBirth?: string | undefined;
  sex?: string | undefined;
  communeCode: string;
  symptoms: string[];
  contactF0: boolean;
  visitedOutbreak: boolean;
  /** The province travelled from in the last 14 days (another than this one); none: did not travel. */
  travelProvinceCode?: string | null | undefined;
  /** The declarant's word that the place was an epidemic area. */
  travelEpidemic?: boolean | undefined;
}

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export async function submitDeclaration(db: Db, config: Pick<AppConfig, 'provinceCode'>, input: DeclarationInput, client: { ip: string | null }, now = new Date()) {
  const today = vnDate(now);
  const issues: FieldIssue[] = [];
  const unknown = input.symptoms.filter((s) => !(SYMPTOMS as readonly string[]).includes(s));
  if (unknown.length) issues.push(issue('symptoms', 'INVALID', `Triệu chứng không có trong danh sách: ${unknown.join(', ')}`, `Unknown symptoms: ${unknown.join(', ')}`));
  let travelProvince: string | null = null;
  if (input.travelProvinceCode) {
    const p = await lookupUnit(db, input.travelProvinceCode);
    if (!p || p.level !== 'province') issues.push(issue('travelProvinceCode', 'UNKNOWN', 'Tỉnh/thành phố không có trong danh mục', 'Unknown province'));
    else travelProvince = p.code;
  }
  if (issues.length) throw new ValidationError(issues);
  const who: AnonymousActor = { username: null, provinceCode: config.provinceCode, ip: client.ip };
  const found = await findOrRegisterSelf(db, who, { fullName: input.fullName, phone: input.phone, communeCode: input.communeCode, sex: input.sex, dateOfBirth: input.dateOfBirth }, today);
  // The commune of the form is where the declarant lives now, whatever the register said before.
  const commune = await lookupUnit(db, input.communeCode);
  if (!commune || commune.level !== 'commune' || !commune.district_code || commune.province_code !== config.provinceCode) throw new ValidationError([issue('communeCode', 'OTHER_PROVINCE', 'Xã/phường không thuộc tỉnh này', 'The commune is not in this province')]);
  const rule = arrivalRuleInForce(today, await arrivalRuleVersions(db, config.provinceCode));
  // Travel inside the province is not travel from an epidemic area elsewhere.
  const travelEpidemic = !!travelProvince && travelProvince !== config.provinceCode && (!!input.travelEpidemic || (!!rule && isEpidemicProvince(rule, travelProvince)));
  const symptoms = [...new Set(input.symptoms)];
  const reasons = abnormalReasons({ symptoms, contactF0: input.contactF0, visitedOutbreak: input.visitedOutbreak, travelFromEpidemicArea: travelEpidemic });
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertDeclaration(trx, {
      province_code: commune.province_code, district_code: commune.district_code!, commune_code: commune.code,
      person_id: found.personId, declared_at: now, symptoms: JSON.stringify(symptoms), contact_f0: input.contactF0, visited_outbreak: input.visitedOutbreak,
      travel_province_code: travelProvince, travel_epidemic: travelEpidemic, abnormal: reasons.length > 0, reasons: JSON.stringify(reasons),
      call_status: reasons.length > 0 ? 'to_call' : 'not_needed',
    });
    await recordAudit(trx, who, { action: 'create', recordKind: 'health_declaration', recordId: id, detail: { personId: found.personId, newPerson: found.created, abnormal: reasons.length > 0, reasons } });
    return id;
  });
  return { id, abnormal: reasons.length > 0, reasons };
}

function callArea(actor: Actor) {
  assertPermission(actor, 'declaration:call');
  if (actor.scopeKind === 'org') throw Errors.forbidden();
  return areaScopeFilter(actor);
}

export interface CallQuery {
  view: 'to_call' | 'done' | 'all'; districtCode?: string | undefined; communeCode?: string | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined;
  page: number; pageSize: number;
}

/** The call list of abnormal declarations: who is still to call first (the oldest first), then those done. */
export async function listCalls(db: Db, actor: Actor, q: CallQuery) {
  const area = callArea(actor);
  const f = { provinceCode: actor.provinceCode, area, view: q.view, districtCode: q.districtCode, communeCode: q.communeCode, from: q.from, to: q.to, q: q.q ? foldVietnamese(q.q) : undefined };
  const [{ items, total }, counts] = await Promise.all([repo.listCalls(db, f, q.pageSize, (q.page - 1) * q.pageSize), repo.callCounts(db, f)]);
  await recordAudit(db, actor, { action: 'read', recordKind: 'health_declaration', detail: { list: items.length, view: q.view, page: q.page } });
  return {
    items: items.map((r) => ({
      id: r.id, personId: r.person_id, fullName: r.full_name, ...personalFieldsFor(r, actor), districtCode: r.district_code, communeCode: r.commune_code, communeName: r.commune_name,
      declaredAt: r.declared_at.toISOString(), symptoms: r.symptoms, contactF0: r.contact_f0, visitedOutbreak: r.visited_outbreak,
      travelProvinceCode: r.travel_province_code, travelProvinceName: r.travel_province_name, reasons: r.reasons,
      callStatus: r.call_status, callAttempts: r.call_attempts, lastCalledAt: r.last_called_at?.toISOString() ?? null,
    })),
    total, page: q.page, pageSize: q.pageSize, counts: { toCall: counts.to_call, notReached: counts.not_reached, done: counts.done },
  };
}

async function declarationInReach(db: Db, actor: Actor, id: number) {
  callArea(actor);
  const d = await repo.declarationById(db, id);
  if (!d || d.province_code !== actor.provinceCode || !d.abnormal) throw Errors.notFound({ vi: `tờ khai ${id}`, en: `declaration ${id}` });
  if (!areaInScope(actor, d)) throw Errors.outOfScope();
  return d;
}

/** Records a call: "not reached" keeps the declaration on the list (one more attempt); "referred to testing" gives the team a visit. */
export async function recordCall(db: Db, actor: Actor, id: number, input: { outcome: CallOutcome; note?: string | null | undefined }, now = new Date()) {
  const d = await declarationInReach(db, actor, id);
  if (!(['to_call', 'not_reached'] as string[]).includes(d.call_status)) {
    throw new ValidationError([issue('outcome', 'ALREADY_DONE', 'Tờ khai này đã gọi xong', 'This declaration has already been dealt with')]);
  }
  const status = statusAfterCall(input.outcome);
  const callId = await db.transaction().execute(async (trx) => {
    const callId = await repo.recordCall(trx, id, { outcome: input.outcome, note: input.note?.trim() || null, userId: actor.userId || null, status, at: now });
    if (input.outcome === 'referred') {
      await createTeamTasks(trx, [{
        provinceCode: d.province_code, districtCode: d.district_code, communeCode: d.commune_code, villageCode: d.address_detail, personId: d.person_id,
        kind: 'declaration_visit', sourceKind: 'health_declaration', sourceId: id, dueDate: addDays(vnDate(now), 1),
        title: `Đưa đi xét nghiệm theo tờ khai y tế: ${d.full_name}`, detail: { reasons: d.reasons, symptoms: d.symptoms, note: input.note ?? null },
      }]);
    }
    await recordAudit(trx, actor, { action: 'update', recordKind: 'health_declaration', recordId: id, detail: { callId, outcome: input.outcome, before: d.call_status, after: status } });
    return callId;
  });
  return { id, callId, callStatus: status, callAttempts: d.call_attempts + 1 };
}

export async function callHistory(db: Db, actor: Actor, id: number) {
  await declarationInReach(db, actor, id);
  const rows = await repo.callsOf(db, id);
  return rows.map((r) => ({ id: r.id, outcome: r.outcome, note: r.note, calledAt: r.called_at.toISOString(), calledBy: r.called_by_name }));
}

/** The provinces by name, for the travel question. */
export async function provinceList(db: Db) {
  return (await repo.provinces(db)).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
