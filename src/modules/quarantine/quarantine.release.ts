/**
 * The daily work of a quarantine facility: who must be sampled today (rule days and the 2/3/4-day
 * screening cycle of their risk group), who may go home today (required tests negative, no
 * positive, no positive room-mate), releasing them (all or nothing, never before the computed
 * date) and printing their release certificates. Decisions come from the pure rules in
 * quarantine.rules.ts over the stored plan and the samples taken since the start.
 */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.ts';
import { addDays, vnDate } from '../../lib/time.ts';
import { placeName } from '../../lib/admin-doc.ts';
import { neutraliseFormula, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import { AppError, type FieldIssue, type LocalisedMessage, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { personOnDocument } from '../people/people.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import { orderWritten } from '../tracing/tracing.service.ts';
import {
  type QuarantinePlan, type QuarantineSubject, type ReleaseDecision, type RiskGroup, type TestDue, type TestResultFact, releaseDecision, ruleVersionByCode, testsDueOn,
} from './quarantine.rules.ts';
import { quarantineRuleVersions } from '../rules/rules.service.ts';
import * as repo from './quarantine.repository.ts';
import { type ReleaseCertificate, releaseCertificatesDocx } from './release.certificate.ts';

/** A release list longer than this is cut (the counts still cover everyone). */
const MAX_LIST = 5000;

function scopeOf(actor: Actor): repo.OrderScope {
  return actor.scopeKind === 'org' ? { facilityId: actor.scopeOrgId ?? -1 } : { area: areaScopeFilter(actor) };
}

function futureDate(date: string, today: string) {
  if (date > today) throw new ValidationError([{ field: 'date', code: 'FUTURE', message: { vi: 'Ngày ở tương lai', en: 'The date is in the future' } }]);
}

function planOf(o: repo.StayRow): QuarantinePlan {
  return {
    ruleCode: o.rule_code ?? '', startDate: o.start_date, lastDay: o.last_day, releaseDate: o.release_date, testDates: o.test_dates ?? [],
    homeMonitoringFrom: null, homeMonitoringUntil: o.home_monitoring_until,
  };
}

function resultsByPerson(samples: Awaited<ReturnType<typeof repo.samplesOf>>) {
  const by = new Map<number, TestResultFact[]>();
  for (const s of samples) {
    // An invalid result is no result: the person must be sampled again.
    if (s.result === 'invalid') continue;
    const list = by.get(s.person_id) ?? [];
    list.push({ sampledOn: s.taken_on, result: s.result ?? 'pending' });
    by.set(s.person_id, list);
  }
  return by;
}

/** Decisions for a set of stays on `date`: the pure rule, then a positive room-mate holds a 'due' person. */
async function decide(db: Db, rows: repo.StayRow[], date: string) {
  const from = rows.reduce((m, o) => (o.start_date < m ? o.start_date : m), date);
  const people = [...new Set(rows.flatMap((o) => (o.source_person_id && o.subject === 'f2' ? [o.person_id, o.source_person_id] : [o.person_id])))];
  const results = resultsByPerson(await repo.samplesOf(db, people, from));
  return rows.map((o) => {
    const subject = o.subject as QuarantineSubject;
    const d = releaseDecision(planOf(o), subject, results.get(o.person_id) ?? [], date, o.source_person_id ? (results.get(o.source_person_id) ?? []) : []);
    if (d.status === 'due' && o.flagged_on && o.flagged_on >= o.start_date) {
      const reason: LocalisedMessage = {
        vi: `Người cùng phòng có kết quả dương tính (ngày ${vnDateText(o.flagged_on)}): cần đánh giá lại trước khi cho về`,
        en: `A room-mate tested positive (on ${vnDateText(o.flagged_on)}): reassess before release`,
      };
      return { order: o, decision: { status: 'held' as const, releaseDate: d.releaseDate, missing: [], reason }, flagged: true };
    }
    return { order: o, decision: d, flagged: false };
  });
}

export interface ReleaseListQuery { date?: string | undefined; facilityId?: number | undefined; status?: string | undefined }

/** The day's release list: everyone whose stay ends by `date`, due or held with the reason. */
export async function releaseList(db: Db, actor: Actor, q: ReleaseListQuery, today = vnDate()) {
  assertPermission(actor, 'quarantine:read');
  const date = q.date ?? today;
  futureDate(date, today);
  const rows = await repo.staysEndingBy(db, { provinceCode: actor.provinceCode, scope: scopeOf(actor), facilityId: q.facilityId }, date, MAX_LIST);
  const decided = (await decide(db, rows, date)).filter((x) => x.decision.status !== 'not_yet');
  const counts = { due: 0, held: 0, positive: 0, waiting_for_source: 0 };
  for (const x of decided) counts[x.decision.status as keyof typeof counts]++;
  const items = decided.filter((x) => !q.status || x.decision.status === q.status).map(({ order: o, decision: d }) => ({
    orderId: o.id, personId: o.person_id, fullName: o.full_name, facilityId: o.facility_id, facilityName: o.facility_name, roomLabel: o.room_label,
    subject: o.subject ?? '', kind: o.kind, startDate: o.start_date, releaseDate: 'releaseDate' in d ? d.releaseDate : o.release_date, ruleCode: o.rule_code,
    status: d.status as Exclude<ReleaseDecision['status'], 'not_yet'>,
    reason: d.status === 'due' ? null : d.reason, missing: d.status === 'held' ? d.missing : [],
  }));
  await recordAudit(db, actor, { action: 'read', recordKind: 'quarantine_release_list', detail: { date, facilityId: q.facilityId ?? null, people: items.length } });
  return { date, counts, truncated: rows.length >= MAX_LIST, items };
}

const REJECT_CODE: Record<Exclude<ReleaseDecision['status'], 'due'>, string> = {
  not_yet: 'NOT_DUE', held: 'TESTS_MISSING', positive: 'POSITIVE', waiting_for_source: 'WAITING_FOR_SOURCE',
};

/** Releases the given people on `date`: every one must be due, else nothing is written (409 naming each). */
export async function releaseOrders(db: Db, actor: Actor, input: { orderIds: number[]; date?: string | undefined }, today = vnDate()) {
  assertPermission(actor, 'quarantine:write');
  const date = input.date ?? today;
  futureDate(date, today);
  const orderIds = [...new Set(input.orderIds)];
  return db.transaction().execute(async (trx) => {
    // Lock the orders: two operators releasing the same person write one release.
    await trx.selectFrom('quarantine_order').select('id').where('id', 'in', orderIds).orderBy('id').forUpdate().execute();
    const rows = await repo.staysByIds(trx, { provinceCode: actor.provinceCode, scope: scopeOf(actor), orderIds });
    const found = new Map(rows.map((r) => [r.id, r]));
    const issues: FieldIssue[] = [];
    orderIds.forEach((id, i) => {
      const o = found.get(id);
      if (!o) issues.push({ row: i + 1, field: `orderIds/${i}`, code: 'NOT_FOUND', message: { vi: `Không có quyết định cách ly ${id} trong phạm vi của bạn`, en: `No quarantine order ${id} in your scope` } });
      else if (o.status !== 'active') issues.push({ row: i + 1, field: `orderIds/${i}`, code: 'NOT_ACTIVE', message: { vi: `Quyết định ${id} (${o.full_name}) không còn hiệu lực`, en: `Order ${id} (${o.full_name}) is no longer in force` } });
      else if (o.subject === 'case' || o.kind === 'medical_isolation') issues.push({ row: i + 1, field: `orderIds/${i}`, code: 'NOT_A_CONTACT', message: { vi: `Quyết định ${id} là cách ly ca bệnh: ra viện theo quy định điều trị`, en: `Order ${id} isolates a case: it ends by the treatment rules` } });
    });
    const active = rows.filter((o) => o.status === 'active' && o.subject !== 'case' && o.kind !== 'medical_isolation');
    for (const { order: o, decision: d, flagged } of await decide(trx, active, date)) {
      if (d.status === 'due') continue;
      const i = orderIds.indexOf(o.id);
      issues.push({ row: i + 1, field: `orderIds/${i}`, code: flagged ? 'ROOMMATE_POSITIVE' : REJECT_CODE[d.status], message: { vi: `${o.full_name}: ${d.reason.vi}`, en: `${o.full_name}: ${d.reason.en}` } });
    }
    if (issues.length) {
      issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      throw new AppError('RELEASE_REJECTED', 409, issues[0]!.message, 'orderIds', { issues });
    }
    await repo.markReleased(trx, orderIds, date, actor.userId || null);
    await repo.insertOrderEvents(trx, rows.map((o) => ({
      order_id: o.id, kind: 'released' as const, event_date: date, from_room_id: o.room_id, to_room_id: null, reason: null, detail: null, actor_id: actor.userId || null,
    })));
    await recordAudit(trx, actor, { action: 'update', recordKind: 'quarantine_release', detail: { date, orderIds } });
    return rows;
  }).then((rows) => {
    for (const o of rows) orderWritten(db, actor.provinceCode, { id: o.id, personId: o.person_id, startDate: o.start_date, endDate: date });
    return { released: rows.length, orderIds: rows.map((o) => o.id) };
  });
}

export interface ScheduleItem {
  orderId: number; personId: number; fullName: string; facilityId: number; facilityName: string; roomLabel: string | null;
  riskGroup: RiskGroup | null; day: number; reasons: Array<{ reason: TestDue['reason']; label: LocalisedMessage }>;
}

/** Who must be sampled on `date` in centralized facilities (by rule day and risk-group screening cycle). */
export async function testSchedule(db: Db, actor: Actor, q: { date?: string | undefined; facilityId?: number | undefined }, today = vnDate()) {
  assertPermission(actor, 'quarantine:read');
  const date = q.date ?? today;
  const rows = await repo.centralizedStaysOn(db, { provinceCode: actor.provinceCode, scope: scopeOf(actor), facilityId: q.facilityId }, date);
  const versions = await quarantineRuleVersions(db, actor.provinceCode);
  const items: ScheduleItem[] = [];
  for (const o of rows) {
    const intervals = (o.rule_code ? ruleVersionByCode(o.rule_code, versions) : null)?.screeningIntervalDays;
    // An order without a risk group is screened as high risk: the most often.
    const due = testsDueOn(planOf(o), (o.risk_group ?? 'high') as RiskGroup, date, intervals);
    if (due.length === 0) continue;
    items.push({
      orderId: o.id, personId: o.person_id, fullName: o.full_name, facilityId: o.facility_id!, facilityName: o.facility_name ?? '', roomLabel: o.room_label,
      riskGroup: o.risk_group, day: due[0]!.day, reasons: due.map((d) => ({ reason: d.reason, label: d.label })),
    });
  }
  await recordAudit(db, actor, { action: 'read', recordKind: 'quarantine_test_schedule', detail: { date, facilityId: q.facilityId ?? null, people: items.length } });
  return { date, items };
}

const RISK_VI: Record<RiskGroup, string> = { high: 'Cao', medium: 'Trung bình', low: 'Thấp' };

/** The test schedule as a sheet for the sampling team: one row per person, grouped by facility and room. */
export async function testScheduleSheet(date: string, items: ScheduleItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Lịch lấy mẫu');
  ws.columns = [
    { header: 'STT / No.', key: 'no', width: 6 },
    { header: 'Khu cách ly / Facility', key: 'facility', width: 34 },
    { header: 'Phòng / Room', key: 'room', width: 10 },
    { header: 'Họ và tên / Full name', key: 'name', width: 26 },
    { header: 'Mã người / Person id', key: 'personId', width: 12 },
    { header: 'Nhóm nguy cơ / Risk', key: 'risk', width: 12 },
    { header: 'Ngày thứ / Day', key: 'day', width: 9 },
    { header: 'Lý do / Reason', key: 'reason', width: 50 },
    { header: 'Mã ống mẫu / Tube barcode', key: 'barcode', width: 18 },
    { header: 'Ký nhận / Signature', key: 'sign', width: 14 },
  ];
  ws.spliceRows(1, 0, [`Danh sách lấy mẫu xét nghiệm ngày ${vnDateText(date)} / Sampling list for ${date}`], []);
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.getRow(3).font = { bold: true };
  items.forEach((x, i) => ws.addRow({
    no: i + 1, facility: neutraliseFormula(x.facilityName), room: neutraliseFormula(x.roomLabel), name: neutraliseFormula(x.fullName), personId: x.personId,
    risk: x.riskGroup ? RISK_VI[x.riskGroup] : '', day: x.day, reason: x.reasons.map((r) => r.label.vi).join('; '), barcode: '', sign: '',
  }));
  return await workbookBuffer(wb);
}

const KIND_LABEL: Record<string, string> = { centralized: 'cách ly y tế tập trung', home: 'cách ly y tế tại nhà', medical_isolation: 'cách ly y tế' };

/** Release certificates (one page each) for released orders in the actor's scope; personal fields masked per role. */
export async function releaseCertificates(db: Db, actor: Actor, orderIds: number[], today = vnDate()): Promise<{ buffer: Buffer; count: number }> {
  assertPermission(actor, 'quarantine:read');
  const ids = [...new Set(orderIds)];
  const rows = await repo.staysByIds(db, { provinceCode: actor.provinceCode, scope: scopeOf(actor), orderIds: ids });
  const found = new Set(rows.map((r) => r.id));
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    const o = rows.find((r) => r.id === id);
    if (!found.has(id)) issues.push({ row: i + 1, field: `orderIds/${i}`, code: 'NOT_FOUND', message: { vi: `Không có quyết định cách ly ${id} trong phạm vi của bạn`, en: `No quarantine order ${id} in your scope` } });
    else if (o!.status !== 'released' || !o!.released_on) issues.push({ row: i + 1, field: `orderIds/${i}`, code: 'NOT_RELEASED', message: { vi: `${o!.full_name} chưa hoàn thành cách ly`, en: `${o!.full_name} has not been released` } });
  });
  if (issues.length) throw new AppError('CERTIFICATE_REJECTED', 409, issues[0]!.message, 'orderIds', { issues });
  const people = new Map((await repo.certificatePeople(db, rows.map((r) => r.person_id))).map((p) => [p.id, p]));
  const places = new Map((await repo.facilityPlaces(db, [...new Set(rows.flatMap((r) => (r.facility_id ? [r.facility_id] : [])))])).map((f) => [f.id, f]));
  const samples = await repo.samplesOf(db, rows.map((r) => r.person_id), rows.reduce((m, o) => (o.start_date < m ? o.start_date : m), today));
  const provinceName = (await lookupUnit(db, actor.provinceCode))?.name ?? '';
  const versions = await quarantineRuleVersions(db, actor.provinceCode);
  const certs: ReleaseCertificate[] = rows.map((o) => {
    const p = people.get(o.person_id)!;
    const f = o.facility_id ? places.get(o.facility_id) : undefined;
    const rule = o.rule_code ? ruleVersionByCode(o.rule_code, versions) : null;
    const homeFrom = o.home_monitoring_until && o.last_day ? addDays(o.last_day, 1) : null;
    return {
      provinceName: f?.province_name ?? provinceName,
      issuerName: f?.name ?? `Trạm Y tế ${p.commune_name ?? ''}`.trim(),
      certificateNo: `${o.id}/GXN-CL`,
      issuedOn: o.released_on!,
      place: placeName(f?.district_name ?? p.district_name ?? ''),
      person: personOnDocument(actor, p),
      kindLabel: KIND_LABEL[o.kind] ?? 'cách ly y tế',
      startDate: o.start_date,
      endDate: o.released_on!,
      ruleDocument: rule?.document ?? 'hướng dẫn của Bộ Y tế',
      tests: samples.filter((s) => s.person_id === o.person_id && s.taken_on <= o.released_on! && s.result !== null && s.taken_on >= o.start_date)
        .map((s) => ({ sampledOn: s.taken_on, result: s.result! })),
      homeMonitoringFrom: homeFrom,
      homeMonitoringUntil: o.home_monitoring_until,
      signerTitle: f ? 'Trưởng khu cách ly' : 'Trưởng trạm y tế',
      signerName: f?.staff_name ?? null,
    };
  });
  const buffer = await releaseCertificatesDocx(certs);
  await recordAudit(db, actor, { action: 'export', recordKind: 'quarantine_certificate', detail: { orderIds: ids } });
  return { buffer, count: certs.length };
}
