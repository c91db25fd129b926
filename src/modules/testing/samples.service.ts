/**
 * Samples and results for individual people (the testing context's first use case: quarantine
 * facilities sampling their residents). A positive individual RT-PCR result makes the person a
 * case through cases/tracing, ends their quarantine order as 'became_case' and flags the other
 * occupants of their room; a positive rapid test or pooled sample confirms no one (it asks for
 * an individual RT-PCR). Recording the same result twice changes nothing.
 */
import type { Db } from '../../db/database.ts';
import { placeName } from '../../lib/admin-doc.ts';
import type { SampleMethod, SampleResult } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { vnDateText } from '../../lib/xlsx.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertAreaInScope, assertPermission, hasPermission } from '../auth/policy.ts';
import { personOnDocument } from '../people/people.service.ts';
import { resultSlipsDocx } from './result-slip.ts';
import { openCaseOf } from '../cases/cases.service.ts';
import * as repo from './samples.repository.ts';
import * as testingRepo from './testing.repository.ts';
import { applyResults } from './testing.results.ts';

export interface SampleInput {
  personId: number; takenOn: string; method: SampleMethod; purpose?: 'quarantine' | 'screening' | 'case' | 'other' | undefined;
  barcode?: string | null | undefined; result?: ResultInput | null | undefined;
}
export interface ResultInput { result: SampleResult; resultedOn: string; ct?: number | null | undefined; lab?: string | null | undefined }

async function personInScope(db: Db, actor: Actor, personId: number) {
  const p = await repo.personOf(db, personId);
  if (!p || p.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `người ${personId}`, en: `person ${personId}` });
  if (actor.scopeKind !== 'org') assertAreaInScope(actor, p);
  return p;
}

/**
 * Reading a person's results: an area user within their area; a unit (lab, clinic, team,
 * facility) only the people it has sampled or holds, never the whole province's history.
 */
async function personReadable(db: Db, actor: Actor, personId: number) {
  const p = await personInScope(db, actor, personId);
  if (actor.scopeKind === 'org' && !(await repo.personKnownToUnit(db, actor.scopeOrgId ?? -1, personId))) throw Errors.outOfScope();
  return p;
}

function resultIssues(r: ResultInput, takenOn: string, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (r.resultedOn > today) issues.push({ field: 'resultedOn', code: 'FUTURE', message: { vi: 'Ngày có kết quả ở tương lai', en: 'The result date is in the future' } });
  if (r.resultedOn < takenOn) issues.push({ field: 'resultedOn', code: 'ORDER', message: { vi: 'Ngày có kết quả trước ngày lấy mẫu', en: 'The result date is before the sample date' } });
  if (r.ct !== undefined && r.ct !== null && (r.ct < 5 || r.ct > 50)) issues.push({ field: 'ct', code: 'RANGE', message: { vi: 'Giá trị Ct phải trong khoảng 5–50', en: 'The Ct value must be within 5–50' } });
  return issues;
}

/** Records a sample, with its result when already known. */
export async function recordSample(db: Db, actor: Actor, input: SampleInput, today = vnDate()) {
  assertPermission(actor, 'sample:write');
  await personInScope(db, actor, input.personId);
  const issues: FieldIssue[] = [];
  if (input.takenOn > today) issues.push({ field: 'takenOn', code: 'FUTURE', message: { vi: 'Ngày lấy mẫu ở tương lai', en: 'The sample date is in the future' } });
  const barcode = input.barcode?.trim() || null;
  if (barcode && (await testingRepo.barcodeUse(db, actor.provinceCode, barcode))) {
    issues.push({ field: 'barcode', code: 'DUPLICATE', message: { vi: `Mã ống mẫu ${barcode} đã được dùng`, en: `Tube barcode ${barcode} is already used` } });
  }
  if (input.result) issues.push(...resultIssues(input.result, input.takenOn, today).map((i) => ({ ...i, field: `result/${i.field}` })));
  if (issues.length) throw new ValidationError(issues);
  const [order] = await testingRepo.activeOrdersOf(db, [input.personId]);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertSample(trx, {
      province_code: actor.provinceCode, person_id: input.personId, barcode, method: input.method, purpose: input.purpose ?? (order ? 'quarantine' : 'other'),
      order_id: order?.id ?? null, taken_on: input.takenOn, result: null, ct: null, lab: null, resulted_on: null, created_by: actor.userId || null,
    });
    // A new individual sample answers the person's open re-test task.
    const retest = input.method === 'rt_pcr' ? await testingRepo.openRetestOf(trx, input.personId) : undefined;
    if (retest) await testingRepo.linkRetest(trx, retest.id, id);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'sample', recordId: id, detail: { personId: input.personId, takenOn: input.takenOn, method: input.method, retestId: retest?.id ?? null } });
    return id;
  });
  const outcome = input.result ? await recordResult(db, actor, id, input.result, today) : { caseId: null, flaggedOrderIds: [], needsConfirmation: false };
  return { id, ...outcome };
}

/** Sets a sample's result; a positive individual RT-PCR confirms a case (see the module note). */
export async function recordResult(db: Db, actor: Actor, sampleId: number, input: ResultInput, today = vnDate()) {
  assertPermission(actor, 'sample:write');
  const s = await repo.findSample(db, sampleId);
  if (!s || s.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `mẫu ${sampleId}`, en: `sample ${sampleId}` });
  const person = await personInScope(db, actor, s.person_id);
  if (s.result !== null) {
    if (s.result === input.result && s.resulted_on === input.resultedOn) return { caseId: (await openCaseOf(db, s.person_id))?.id ?? null, flaggedOrderIds: [], needsConfirmation: false };
    throw new AppError('ALREADY_RESULTED', 409, {
      vi: `Mẫu ${s.barcode ?? sampleId} đã có kết quả ${s.result} ngày ${vnDateText(s.resulted_on)}`,
      en: `Sample ${s.barcode ?? sampleId} already has a ${s.result} result of ${s.resulted_on}`,
    }, 'result');
  }
  const issues = resultIssues(input, s.taken_on, today);
  if (issues.length) throw new ValidationError(issues);
  const confirms = input.result === 'positive' && s.method === 'rt_pcr';
  const open = confirms ? await openCaseOf(db, s.person_id) : null;
  // Check before writing anything that this user may confirm the case the result makes.
  if (confirms && !open && (actor.scopeKind === 'org' || !hasPermission(actor, 'case:write'))) {
    throw new AppError('CANNOT_CONFIRM_CASE', 403, {
      vi: 'Kết quả dương tính RT-PCR xác định ca bệnh: cần người dùng có quyền ghi ca bệnh trong địa bàn (CDC, trung tâm y tế) nhập',
      en: 'A positive RT-PCR result confirms a case: it must be entered by a user who may write cases in the area (CDC, district health)',
    });
  }
  const outcome = await applyResults(db, actor, [{
    kind: 'sample', id: sampleId, result: input.result, ct: input.ct ?? null, lab: input.lab?.trim() || null, resultedOn: input.resultedOn,
  }], today, { sampleId, after: input, person: person.id });
  return { caseId: outcome.caseIds[0] ?? open?.id ?? null, flaggedOrderIds: outcome.flaggedOrderIds, needsConfirmation: outcome.needsConfirmation.length > 0 };
}

export async function personSamples(db: Db, actor: Actor, personId: number) {
  assertPermission(actor, 'testing:read');
  await personReadable(db, actor, personId);
  const items = await repo.samplesOfPerson(db, personId);
  await recordAudit(db, actor, { action: 'read', recordKind: 'sample', detail: { personId, samples: items.length } });
  return items;
}

/** The printable result slip of a sample with a result (personal fields masked per role; audited). */
export async function resultSlip(db: Db, actor: Actor, sampleId: number, today = vnDate()): Promise<Buffer> {
  assertPermission(actor, 'testing:read');
  const f = await repo.slipFacts(db, sampleId);
  if (!f || f.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `mẫu ${sampleId}`, en: `sample ${sampleId}` });
  await personReadable(db, actor, f.person_id);
  if (f.result === null || f.resulted_on === null) {
    throw new AppError('NO_RESULT', 409, { vi: 'Mẫu chưa có kết quả', en: 'The sample has no result yet' }, 'sampleId');
  }
  const lab = f.lab ?? f.pool_lab ?? 'Phòng xét nghiệm';
  const labUnit = await db.selectFrom('org_unit as u').leftJoin('admin_unit as d', 'd.code', 'u.district_code').select(['d.name as district'])
    .where('u.kind', '=', 'lab').where('u.name', '=', lab).where('u.province_code', '=', actor.provinceCode).executeTakeFirst();
  const place = placeName(labUnit?.district ?? f.province_name ?? '');
  const buffer = await resultSlipsDocx([{
    provinceName: f.province_name ?? '', labName: lab, slipNo: `${f.id}/PKQ-XN`, issuedOn: today < f.resulted_on ? f.resulted_on : today, place,
    person: personOnDocument(actor, f),
    sample: { barcode: f.barcode, poolBarcode: f.pool_barcode, method: f.method, takenOn: f.taken_on, result: f.result, ct: f.ct === null ? null : Number(f.ct), resultedOn: f.resulted_on },
    signerTitle: 'Trưởng phòng xét nghiệm', signerName: null,
  }]);
  await recordAudit(db, actor, { action: 'export', recordKind: 'result_slip', recordId: sampleId, detail: { personId: f.person_id } });
  return buffer;
}
