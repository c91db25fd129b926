/**
 * Checking and writing arrivals, one from the screen or many from a commune's spreadsheet: the
 * same checks (origin and destination units, the checkpoint in reach, the person matched in the
 * register by ID number, or phone and name, else registered), the action of the arrival rule in
 * force, then one transaction writing people, arrivals, audit entries and the community team's
 * visits.
 */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ArrivalCategory, ArrivalTable, OriginLevel } from '../../db/schema.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import type { FieldIssue } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, logsAtCheckpointOnly } from '../auth/policy.ts';
import { createTeamTasks, type TeamTaskInput } from '../community/community.tasks.ts';
import { communeAreas, findRegisterMatches, personValidator, registerPeople, type ValidPerson } from '../people/people.service.ts';
import { lookupUnits } from '../places/places.service.ts';
import { arrivalRuleVersions } from '../rules/rules.service.ts';
import { type ArrivalDecision, arrivalActionFor, arrivalRuleInForce } from './arrivals.rules.ts';
import * as repo from './arrivals.repository.ts';
import { checkpointArea } from './checkpoints.service.ts';

export type Means = ArrivalTable['means'];
export const MEANS: readonly Means[] = ['car', 'truck', 'bus', 'motorbike', 'other'];

export interface ArrivalPersonInput {
  personId?: number | null | undefined;
  fullName?: string | null | undefined;
  sex?: string | null | undefined;
  dateOfBirth?: string | null | undefined;
  nationalId?: string | null | undefined;
  phone?: string | null | undefined;
}

export interface ArrivalInput {
  person: ArrivalPersonInput;
  /** Null: reported by a commune. */
  checkpointId?: number | null | undefined;
  /** ISO instant; now when absent. */
  arrivedAt?: string | null | undefined;
  originProvinceCode: string;
  originDistrictCode?: string | null | undefined;
  originLevel: OriginLevel;
  means: Means;
  purpose?: string | null | undefined;
  communeCode: string;
  destAddress?: string | null | undefined;
  category: ArrivalCategory;
  vehiclePlate?: string | null | undefined;
  route?: string | null | undefined;
  testType?: 'rt_pcr' | 'rapid' | null | undefined;
  /** ISO instant the test held was taken. */
  testAt?: string | null | undefined;
}

export interface CheckedArrival {
  index: number;
  input: ArrivalInput;
  row: Omit<Insertable<ArrivalTable>, 'person_id'>;
  decision: ArrivalDecision;
  /** A registered person, or one to register. */
  person: { id: number } | { register: ValidPerson; area: { province_code: string; district_code: string; commune_code: string } };
}

const issue = (field: string, code: string, vi: string, en: string, row?: number): FieldIssue => ({ field, code, message: { vi, en }, ...(row ? { row } : {}) });
/** A clock a few minutes fast on the phone that logs it is not an arrival from the future. */
const SKEW_MS = 10 * 60_000;

function instant(raw: string | null | undefined): Date | null | 'invalid' {
  if (!raw) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? 'invalid' : d;
}

/**
 * Checks arrivals for the actor: returns every issue (with the 1-based row when `rows` says so)
 * or the rows ready to write. Writes nothing.
 */
export async function checkArrivals(db: Db, actor: Actor, inputs: ArrivalInput[], source: 'checkpoint' | 'commune' | 'import', now: Date, rows = false) {
  const issues: FieldIssue[] = [];
  const today = vnDate(now);
  const units = await lookupUnits(db, inputs.flatMap((i) => [i.originProvinceCode, i.originDistrictCode ?? '', i.communeCode]).filter(Boolean));
  const areas = await communeAreas(db, inputs.map((i) => i.communeCode));
  const cpArea = inputs.some((i) => i.checkpointId) ? await checkpointArea(db, actor) : null;
  const cpIds = [...new Set(inputs.map((i) => i.checkpointId).filter((x): x is number => !!x))];
  const cps = new Map((await Promise.all(cpIds.map((id) => repo.checkpointById(db, id)))).filter((c) => !!c).map((c) => [c!.id, c!]));
  const givenIds = [...new Set(inputs.map((i) => i.person.personId).filter((x): x is number => !!x))];
  const known = new Map((givenIds.length ? await db.selectFrom('person').select(['id', 'province_code']).where('id', 'in', givenIds).execute() : []).map((p) => [p.id, p]));
  const newcomers = inputs.filter((i) => !i.person.personId);
  const validate = await personValidator(db, newcomers.map((i) => ({ ...i.person, sex: i.person.sex || 'other', communeCode: i.communeCode, addressDetail: i.destAddress ?? null })), today);
  const versions = await arrivalRuleVersions(db, actor.provinceCode);

  const checked: CheckedArrival[] = [];
  const pending: Array<{ c: Omit<CheckedArrival, 'person'>; p: ValidPerson; area: { province_code: string; district_code: string; commune_code: string } }> = [];
  inputs.forEach((input, index) => {
    const r = rows ? index + 2 : undefined;
    const before = issues.length;
    const op = units.get(input.originProvinceCode);
    if (!op || op.level !== 'province') issues.push(issue('originProvinceCode', 'UNKNOWN', 'Tỉnh nơi đi không có trong danh mục', 'The origin province is unknown', r));
    if (input.originDistrictCode) {
      const od = units.get(input.originDistrictCode);
      if (!od || od.level !== 'district' || od.province_code !== input.originProvinceCode) issues.push(issue('originDistrictCode', 'UNKNOWN', 'Huyện nơi đi không thuộc tỉnh nơi đi', 'The origin district is not in the origin province', r));
    }
    const area = areas.get(input.communeCode);
    if (!area || area.province_code !== actor.provinceCode) issues.push(issue('communeCode', 'UNKNOWN', 'Xã nơi đến không thuộc tỉnh', 'The destination commune is not in the province', r));
    let checkpoint: number | null = null;
    if (input.checkpointId) {
      const cp = cps.get(input.checkpointId);
      if (!cp || cp.province_code !== actor.provinceCode) issues.push(issue('checkpointId', 'UNKNOWN', 'Không có chốt kiểm soát này', 'No such checkpoint', r));
      else if (cpArea && cpArea.column !== 'province_code' && cp[cpArea.column] !== cpArea.value) issues.push(issue('checkpointId', 'OUT_OF_SCOPE', 'Chốt kiểm soát ngoài địa bàn của bạn', 'The checkpoint is outside your area', r));
      else if (cp.status !== 'active') issues.push(issue('checkpointId', 'INACTIVE', 'Chốt kiểm soát không hoạt động', 'The checkpoint is not active', r));
      else checkpoint = cp.id;
    } else if (logsAtCheckpointOnly(actor)) {
      issues.push(issue('checkpointId', 'REQUIRED', 'Chọn chốt kiểm soát nơi ghi nhận', 'Choose the checkpoint where the arrival is logged', r));
    } else if (area && !areaInScope(actor, area)) {
      issues.push(issue('communeCode', 'OUT_OF_SCOPE', 'Xã nơi đến ngoài địa bàn của bạn (ghi nhận tại chốt thì chọn chốt)', 'The destination commune is outside your area (at a checkpoint, choose it)', r));
    }
    const arrivedAt = instant(input.arrivedAt) ?? now;
    if (arrivedAt === 'invalid') issues.push(issue('arrivedAt', 'INVALID', 'Thời gian đến không hợp lệ', 'The arrival time is not a time', r));
    else if (arrivedAt.getTime() > now.getTime() + SKEW_MS) issues.push(issue('arrivedAt', 'FUTURE', 'Thời gian đến ở tương lai', 'The arrival time is in the future', r));
    const testAt = instant(input.testAt);
    if (testAt === 'invalid') issues.push(issue('testAt', 'INVALID', 'Thời gian xét nghiệm không hợp lệ', 'The test time is not a time', r));
    else if (testAt && arrivedAt !== 'invalid' && testAt > arrivedAt) issues.push(issue('testAt', 'ORDER', 'Xét nghiệm sau thời gian đến', 'The test is after the arrival', r));
    if (testAt && !input.testType) issues.push(issue('testType', 'REQUIRED', 'Ghi loại xét nghiệm', 'Give the test type', r));
    if (input.category === 'long_haul_driver' && !input.vehiclePlate?.trim()) issues.push(issue('vehiclePlate', 'REQUIRED', 'Lái xe đường dài: cần biển số xe', 'A long-haul driver needs the vehicle plate', r));
    if (input.category === 'ordinary' && !input.destAddress?.trim()) issues.push(issue('destAddress', 'REQUIRED', 'Địa chỉ nơi đến: bắt buộc', 'Destination address: is required', r));

    let person: CheckedArrival['person'] | null = null;
    let newcomer: ValidPerson | null = null;
    if (input.person.personId) {
      const p = known.get(input.person.personId);
      if (!p || p.province_code !== actor.provinceCode) issues.push(issue('person/personId', 'UNKNOWN_PERSON', 'Không có người này trong sổ đăng ký', 'No such person in the register', r));
      else person = { id: p.id };
    } else {
      const v = validate({ ...input.person, sex: input.person.sex || 'other', communeCode: input.communeCode, addressDetail: input.destAddress ?? null });
      if (!v.ok) issues.push(...v.issues.map((i) => ({ ...i, field: `person/${i.field}`, ...(r ? { row: r } : {}) })));
      else if (!v.value.nationalId && !v.value.phone) issues.push(issue('person/phone', 'REQUIRED', 'Cần số CCCD hoặc số điện thoại', 'An ID number or a phone is needed', r));
      else newcomer = v.value;
    }
    if (issues.length > before || arrivedAt === 'invalid' || testAt === 'invalid') return;
    const arrivalDate = vnDate(arrivedAt);
    const rule = arrivalRuleInForce(arrivalDate, versions);
    if (!rule) { issues.push(issue('arrivedAt', 'NO_RULE', 'Không có quy định nào hiệu lực vào ngày này', 'No arrival rule was in force on this date', r)); return; }
    const decision = arrivalActionFor({ originLevel: input.originLevel, category: input.category, arrivedAt, testAt, route: input.route ?? null }, rule);
    const row: CheckedArrival['row'] = {
      province_code: actor.provinceCode, source: checkpoint ? 'checkpoint' : source === 'import' ? 'import' : 'commune', checkpoint_id: checkpoint,
      arrived_at: arrivedAt, arrival_date: arrivalDate, origin_province_code: input.originProvinceCode, origin_district_code: input.originDistrictCode || null,
      origin_level: input.originLevel, means: input.means, purpose: input.purpose?.trim() || null, district_code: area!.district_code, commune_code: input.communeCode,
      dest_address: input.destAddress?.trim() || null, category: input.category, vehicle_plate: input.vehiclePlate?.trim().toUpperCase() || null, route: input.route?.trim() || null,
      test_type: input.testType ?? null, test_at: testAt, rule_code: rule.code, action: decision.action, action_days: decision.days, action_hours: decision.hours,
      action_status: decision.action === 'none' ? 'none' : 'pending', quarantine_order_id: null, created_by: actor.userId || null,
    };
    if (person) checked.push({ index, input, row, decision, person });
    else pending.push({ c: { index, input, row, decision }, p: newcomer!, area: area! });
  });
  if (issues.length) return { issues, checked: [] };

  // Newcomers already in the register: the same ID number, or the same phone and name (and birth date where both have one).
  const matches = await findRegisterMatches(db, { nationalIds: pending.map((x) => x.p.nationalId).filter((x): x is string => !!x), phones: pending.map((x) => x.p.phone).filter((x): x is string => !!x) });
  for (const x of pending) {
    const byId = x.p.nationalId ? matches.find((m) => m.national_id === x.p.nationalId) : undefined;
    const byPhone = x.p.phone ? matches.find((m) => m.phone === x.p.phone && m.name_search === foldVietnamese(x.p.fullName) && (!m.date_of_birth || !x.p.dateOfBirth || m.date_of_birth === x.p.dateOfBirth)) : undefined;
    const m = byId ?? byPhone;
    checked.push({ ...x.c, person: m && m.province_code === actor.provinceCode ? { id: m.id } : { register: x.p, area: x.area } });
  }
  checked.sort((a, b) => a.index - b.index);
  return { issues: [] as FieldIssue[], checked };
}

/** The community team's visit for an arrival whose measure is carried out at home (ordinary arrivals only). */
export function visitTaskOf(c: { row: CheckedArrival['row']; decision: ArrivalDecision }, arrivalId: number, personId: number, fullName: string): TeamTaskInput | null {
  if (c.row.category !== 'ordinary' || c.decision.action === 'none' || c.decision.action === 'test_at_checkpoint') return null;
  return {
    provinceCode: c.row.province_code, districtCode: c.row.district_code, communeCode: c.row.commune_code, villageCode: c.row.dest_address ?? null, personId,
    kind: 'arrival_visit', sourceKind: 'arrival', sourceId: arrivalId, dueDate: addDays(c.row.arrival_date, 1),
    title: `Thăm người về từ vùng dịch: ${fullName}`, detail: { action: c.decision.action, days: c.decision.days, hours: c.decision.hours, reason: c.decision.reason },
  };
}

/** Writes checked arrivals (registering newcomers) in the caller's transaction; returns the arrival ids in order. */
export async function writeArrivals(trx: Db, actor: Actor, checked: CheckedArrival[], how: 'api' | 'import'): Promise<Array<{ id: number; personId: number }>> {
  const today = vnDate();
  const toRegister = checked.filter((c) => 'register' in c.person);
  const newIds = await registerPeople(trx, toRegister.map((c) => ({ person: (c.person as { register: ValidPerson }).register, area: (c.person as { area: { province_code: string; district_code: string; commune_code: string } }).area })), today);
  const personOf = new Map(toRegister.map((c, i) => [c.index, newIds[i]!]));
  const personIds = checked.map((c) => ('id' in c.person ? c.person.id : personOf.get(c.index)!));
  const ids = await repo.insertArrivals(trx, checked.map((c, i) => ({ ...c.row, person_id: personIds[i]! })));
  const names = new Map((await trx.selectFrom('person').select(['id', 'full_name']).where('id', 'in', personIds).execute()).map((p) => [p.id, p.full_name]));
  await createTeamTasks(trx, checked.map((c, i) => visitTaskOf(c, ids[i]!, personIds[i]!, names.get(personIds[i]!) ?? '')).filter((t): t is TeamTaskInput => t !== null));
  await recordAudit(trx, actor, [
    ...toRegister.map((c) => ({ action: 'create' as const, recordKind: 'person', recordId: personOf.get(c.index)!, detail: { source: 'arrival', how } })),
    ...checked.map((c, i) => ({ action: 'create' as const, recordKind: 'arrival', recordId: ids[i]!, detail: { personId: personIds[i], how, originLevel: c.row.origin_level, category: c.row.category, action: c.decision.action, rule: c.row.rule_code } })),
  ]);
  return ids.map((id, i) => ({ id, personId: personIds[i]! }));
}
