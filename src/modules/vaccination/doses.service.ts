/**
 * Dose records: the checks before a dose is written (order, date, lot, interval rule with an
 * explicit override when earlier than advised, product mix), the list, a person's history and
 * adverse reaction follow-ups. Every write and every read of a person is audited.
 */
import type { Db } from '../../db/database.ts';
import type { AdverseOutcome, AdverseSeverity } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaScopeFilter, assertAreaInScope, assertPermission, assertVaccinationSiteInScope, vaccinationSiteOf } from '../auth/policy.ts';
import { personalFieldsFor, searchProvincePeople } from '../people/people.service.ts';
import { checkDose, type DoseCheck, type PriorDose, vaccineRuleFor } from './vaccination.domain.ts';
import * as repo from './vaccination.repository.ts';
import { issue, vaccineRuleVersions } from './vaccination.service.ts';

export interface DoseInput {
  personId: number; doseNumber: number; productCode: string; doseDate: string;
  siteId?: number | null | undefined; lotId?: number | null | undefined; sessionId?: number | null | undefined; overrideReason?: string | null | undefined;
}

/** What the checks of several doses need, loaded once (an import checks thousands). */
export async function doseContext(db: Db, provinceCode: string, personIds: number[]) {
  const [versions, products, prior] = await Promise.all([vaccineRuleVersions(db, provinceCode), repo.products(db), repo.dosesOfPeople(db, personIds)]);
  const priorOf = new Map<number, PriorDose[]>();
  for (const d of prior) priorOf.set(d.person_id, [...(priorOf.get(d.person_id) ?? []), { doseNumber: d.dose_number, productCode: d.product_code, doseDate: d.dose_date }]);
  return { versions, required: new Map(products.map((p) => [p.code, p.doses_required])), priorOf, prior };
}

export function checkOne(ctx: Awaited<ReturnType<typeof doseContext>>, d: DoseInput, lot: { product_code: string; expiry_date: string; lot_number: string } | null, today: string): DoseCheck {
  const rule = vaccineRuleFor(ctx.versions, d.doseDate);
  return checkDose(rule, ctx.required, ctx.priorOf.get(d.personId) ?? [], {
    doseNumber: d.doseNumber, productCode: d.productCode, doseDate: d.doseDate,
    lot: lot ? { productCode: lot.product_code, expiryDate: lot.expiry_date, lotNumber: lot.lot_number } : null, overrideReason: d.overrideReason ?? null,
  }, today);
}

/**
 * A person a dose may be recorded for: of the actor's area, or for a site's vaccinators anyone of
 * the province (people come to a site from anywhere; the site is what scopes them).
 */
async function personInScope(db: Db, actor: Actor, personId: number, field = 'personId') {
  const p = await db.selectFrom('person').select(['id', 'province_code', 'district_code', 'commune_code']).where('id', '=', personId).executeTakeFirst();
  if (!p || p.province_code !== actor.provinceCode) throw new ValidationError([issue(field, 'UNKNOWN_PERSON', `Không có người ${personId} trong sổ`, `No person ${personId} in the register`)]);
  if (vaccinationSiteOf(actor) === null) assertAreaInScope(actor, p);
  return p;
}

/**
 * The site a dose is recorded at: a vaccinator records at its own site only (the default when none
 * is given; another site is 403), and a session must be one of that site's.
 */
async function doseSite(db: Db, actor: Actor, input: DoseInput, issues: FieldIssue[]): Promise<number | null> {
  const own = vaccinationSiteOf(actor);
  const session = input.sessionId
    ? await db.selectFrom('vaccination_session').select(['id', 'site_id']).where('id', '=', input.sessionId).where('province_code', '=', actor.provinceCode).executeTakeFirst()
    : undefined;
  // A session of another site is out of a vaccinator's reach like the site itself.
  if (session && own !== null && session.site_id !== own) throw Errors.outOfScope();
  const siteId = input.siteId ?? session?.site_id ?? own;
  if (siteId) {
    const site = await repo.findSite(db, actor.provinceCode, siteId);
    if (!site) issues.push(issue('siteId', 'UNKNOWN_SITE', `Không có điểm tiêm ${siteId}`, `No vaccination site ${siteId}`));
    else if (own !== null) assertVaccinationSiteInScope(actor, site);
  }
  if (input.sessionId && (!session || (siteId && session.site_id !== siteId))) {
    issues.push(issue('sessionId', 'UNKNOWN_SESSION', `Buổi tiêm ${input.sessionId} không thuộc điểm tiêm này`, `Session ${input.sessionId} is not one of this site's`));
  }
  return siteId ?? null;
}

export async function recordDose(db: Db, actor: Actor, input: DoseInput) {
  assertPermission(actor, 'vaccination:record');
  const person = await personInScope(db, actor, input.personId);
  const issues: FieldIssue[] = [];
  const siteId = await doseSite(db, actor, input, issues);
  const lot = input.lotId ? await repo.findLot(db, actor.provinceCode, input.lotId) : null;
  if (input.lotId && !lot) issues.push(issue('lotId', 'UNKNOWN_LOT', `Không có lô ${input.lotId}`, `No lot ${input.lotId}`));
  const ctx = await doseContext(db, actor.provinceCode, [input.personId]);
  const check = checkOne(ctx, input, lot ?? null, vnDate());
  issues.push(...check.errors);
  if (issues.length) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('vaccine_dose').values({
      province_code: actor.provinceCode, commune_code: person.commune_code, person_id: input.personId, dose_number: input.doseNumber, product_code: input.productCode,
      dose_date: input.doseDate, site_id: siteId, lot_id: input.lotId ?? null, session_id: input.sessionId ?? null,
      early_override_reason: check.overridden ? input.overrideReason!.trim() : null, source: 'manual', created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    if (input.sessionId) await trx.updateTable('vaccination_invitee').set({ attended: true }).where('session_id', '=', input.sessionId).where('person_id', '=', input.personId).execute();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'vaccine_dose', recordId: r.id, detail: { ...input, siteId, warnings: check.warnings.map((w) => w.code) } });
    return { id: r.id, warnings: check.warnings };
  });
}

/** Checks a dose without writing it: the form shows the warning and asks for a reason. */
export async function checkDoseInput(db: Db, actor: Actor, input: DoseInput) {
  assertPermission(actor, 'vaccination:record');
  await personInScope(db, actor, input.personId);
  const siteIssues: FieldIssue[] = [];
  await doseSite(db, actor, input, siteIssues);
  const lot = input.lotId ? await repo.findLot(db, actor.provinceCode, input.lotId) : null;
  const ctx = await doseContext(db, actor.provinceCode, [input.personId]);
  const c = checkOne(ctx, input, lot ?? null, vnDate());
  if (input.lotId && !lot) siteIssues.push(issue('lotId', 'UNKNOWN_LOT', `Không có lô ${input.lotId}`, `No lot ${input.lotId}`));
  return { errors: [...siteIssues, ...c.errors], warnings: c.warnings };
}

export async function listDoses(db: Db, actor: Actor, q: Parameters<typeof repo.listDoses>[3]) {
  assertPermission(actor, 'vaccination:read');
  const own = vaccinationSiteOf(actor);
  const r = await repo.listDoses(db, actor.provinceCode, areaScopeFilter(actor), own !== null ? { ...q, siteId: own } : q);
  await recordAudit(db, actor, { action: 'read', recordKind: 'vaccine_dose', recordId: null, detail: { list: q, people: r.items.map((i) => i.person_id) } });
  return {
    total: r.total, page: q.page, pageSize: q.pageSize,
    items: r.items.map((d) => ({
      id: d.id, personId: d.person_id, fullName: d.full_name, ...personalFieldsFor(d, actor), communeCode: d.commune_code, doseNumber: d.dose_number, productCode: d.product_code,
      doseDate: d.dose_date, siteId: d.site_id, siteName: d.site_name, lotId: d.lot_id, lotNumber: d.lot_number, overrideReason: d.early_override_reason, source: d.source,
      adverseEvents: Number(d.adverse_events ?? 0),
    })),
  };
}

/** A person's vaccination history (the people drawer shows it). */
export async function personVaccination(db: Db, actor: Actor, personId: number) {
  assertPermission(actor, 'vaccination:read');
  await personInScope(db, actor, personId);
  const h = await repo.personHistory(db, personId);
  const required = h.doses[0] ? ((await repo.products(db)).find((p) => p.code === h.doses[0]!.product_code)?.doses_required ?? 2) : null;
  await recordAudit(db, actor, { action: 'read', recordKind: 'person', recordId: personId, detail: { vaccination: true } });
  return {
    personId, doses: h.doses.length, fullyVaccinated: required !== null && h.doses.length >= required,
    items: h.doses.map((d) => ({
      id: d.id, doseNumber: d.dose_number, productCode: d.product_code, productName: d.product_name, doseDate: d.dose_date, siteId: d.site_id, siteName: d.site_name,
      lotId: d.lot_id, lotNumber: d.lot_number, overrideReason: d.early_override_reason, source: d.source,
      adverseEvents: h.events.filter((e) => e.dose_id === d.id).map((e) => ({ id: e.id, severity: e.severity, onsetDate: e.onset_date, symptoms: e.symptoms, outcome: e.outcome, note: e.note })),
    })),
  };
}

export interface AdverseInput { severity: AdverseSeverity; onsetDate: string; symptoms: string; outcome?: AdverseOutcome | undefined; note?: string | null | undefined }

/** A dose of the actor's area, or for a site's vaccinators one given at their site (403 otherwise). */
async function doseInScope(db: Db, actor: Actor, doseId: number) {
  const d = await db.selectFrom('vaccine_dose').select(['id', 'person_id', 'dose_date', 'province_code', 'site_id']).where('id', '=', doseId).executeTakeFirst();
  if (!d || d.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `mũi tiêm ${doseId}`, en: `dose ${doseId}` });
  const own = vaccinationSiteOf(actor);
  if (own !== null && d.site_id !== own) throw Errors.outOfScope();
  await personInScope(db, actor, d.person_id);
  return d;
}

export async function addAdverseEvent(db: Db, actor: Actor, doseId: number, input: AdverseInput) {
  assertPermission(actor, 'vaccination:record');
  const d = await doseInScope(db, actor, doseId);
  const issues: FieldIssue[] = [];
  if (input.onsetDate < d.dose_date) issues.push(issue('onsetDate', 'BEFORE_DOSE', 'Ngày khởi phát trước ngày tiêm', 'The onset comes before the dose'));
  if (input.onsetDate > vnDate()) issues.push(issue('onsetDate', 'FUTURE', 'Ngày khởi phát chưa đến', 'The onset date is in the future'));
  if (!input.symptoms.trim()) issues.push(issue('symptoms', 'REQUIRED', 'Cần mô tả triệu chứng', 'Describe the symptoms'));
  if (issues.length) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('vaccine_adverse_event').values({
      dose_id: doseId, severity: input.severity, onset_date: input.onsetDate, symptoms: input.symptoms.trim(), outcome: input.outcome ?? 'monitoring', note: input.note ?? null, created_by: actor.userId || null,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(trx, actor, { action: 'create', recordKind: 'vaccine_adverse_event', recordId: r.id, detail: { doseId, ...input } });
    return { id: r.id };
  });
}

export async function updateAdverseEvent(db: Db, actor: Actor, id: number, input: { outcome: AdverseOutcome; note?: string | null | undefined }) {
  assertPermission(actor, 'vaccination:record');
  const e = await db.selectFrom('vaccine_adverse_event').select(['id', 'dose_id']).where('id', '=', id).executeTakeFirst();
  if (!e) throw Errors.notFound({ vi: `phản ứng sau tiêm ${id}`, en: `adverse event ${id}` });
  await doseInScope(db, actor, e.dose_id);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('vaccine_adverse_event').set({ outcome: input.outcome, note: input.note ?? null, updated_at: new Date() }).where('id', '=', id).execute();
    await recordAudit(trx, actor, { action: 'update', recordKind: 'vaccine_adverse_event', recordId: id, detail: input });
  });
  return { id };
}

/** Adverse reactions in reach (a site's vaccinators: those after doses at their site), newest first; personal fields masked per role. */
export async function listAdverseEvents(db: Db, actor: Actor, q: { outcome?: string | undefined; siteId?: number | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'vaccination:read');
  const scope = areaScopeFilter(actor);
  const own = vaccinationSiteOf(actor);
  if (scope === null && own === null) throw Errors.outOfScope();
  const r = await repo.listAdverseEvents(db, actor.provinceCode, scope, own, q);
  await recordAudit(db, actor, { action: 'read', recordKind: 'vaccine_adverse_event', recordId: null, detail: { list: q, people: r.items.map((i) => i.person_id) } });
  return {
    total: r.total, page: q.page, pageSize: q.pageSize,
    items: r.items.map((e) => ({
      id: e.id, doseId: e.dose_id, severity: e.severity, onsetDate: e.onset_date, symptoms: e.symptoms, outcome: e.outcome, note: e.note,
      personId: e.person_id, fullName: e.full_name, ...personalFieldsFor(e, actor), doseNumber: e.dose_number, productCode: e.product_code, doseDate: e.dose_date,
      siteId: e.site_id, siteName: e.site_name,
    })),
  };
}

/**
 * Finds people of the register for the dose form (accents optional; an ID number or phone by its
 * start), with their doses so far and the next dose number: the area's people, or for a site's
 * vaccinators the province's. Personal fields masked per role; the read is audited.
 */
export async function searchPeopleForDose(db: Db, actor: Actor, text: string) {
  assertPermission(actor, 'vaccination:record');
  const q = text.trim();
  if (q.length < 2) return { items: [] };
  const own = vaccinationSiteOf(actor);
  const scope = areaScopeFilter(actor);
  if (scope === null && own === null) throw Errors.outOfScope();
  const people = await searchProvincePeople(db, actor, q, { limit: 20, area: own !== null ? null : scope, purpose: 'vaccination_dose' });
  const doses = await repo.dosesOfPeople(db, people.map((p) => p.id));
  return {
    items: people.map((p) => {
      const mine = doses.filter((d) => d.person_id === p.id);
      return {
        id: p.id, fullName: p.fullName, dateOfBirth: p.dateOfBirth, nationalId: p.nationalId, phone: p.phone, addressDetail: p.addressDetail,
        communeCode: p.communeCode, communeName: p.communeName,
        doses: mine.map((d) => ({ doseNumber: d.dose_number, productCode: d.product_code, doseDate: d.dose_date })), nextDose: mine.length + 1,
      };
    }),
  };
}
