/**
 * NQ68 support payments: decisions and bank details the commune records, payment lists (the
 * commune prepares a snapshot of complete lines, the district checks, the province approves, then
 * it is marked paid), their history and the XLSX payment list. A list claims each day of each
 * person in `support_day_claim` (primary key person + day) in the same transaction as its lines,
 * so two lists can never pay the same day; a returned list releases its claims.
 */
import type { Db } from '../../db/database.ts';
import type { SupportEpisodeKind, SupportListStatus } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertAreaInScope, assertPermission, hasPermission } from '../auth/policy.ts';
import { communeArea, communeLines, maskLine, payable } from './support.eligibility.ts';
import { type ListAction, listTransition, type ListStep } from './support.domain.ts';
import { isUniqueViolation, SupportErrors } from './support.errors.ts';
import * as repo from './support.repository.ts';
import { supportRuleSource, supportRuleVersions } from '../rules/rules.service.ts';
import { paymentListXlsx } from './support.xlsx.ts';

const clean = (s: string | null | undefined) => (s?.normalize('NFC').trim() || null);
const listLabel = (id: number) => ({ vi: `danh sách chi trả ${id}`, en: `payment list ${id}` });

async function personArea(db: Db, actor: Actor, personId: number) {
  const [p] = await repo.peopleByIds(db, actor.provinceCode, [personId]);
  if (!p) throw Errors.notFound({ vi: `người ${personId}`, en: `person ${personId}` });
  assertAreaInScope(actor, p);
  return p;
}

/** The decision of an episode (number, date, issuer) where the order lacks it; the commune records it. */
export async function setDecision(db: Db, actor: Actor, input: { episodeKind: SupportEpisodeKind; episodeId: number; personId: number; decisionNo: string; decisionDate: string; issuedBy?: string | null | undefined }) {
  assertPermission(actor, 'support:prepare');
  await personArea(db, actor, input.personId);
  const no = clean(input.decisionNo);
  if (!no) throw new ValidationError([{ field: 'decisionNo', code: 'REQUIRED', message: { vi: 'Ghi số quyết định', en: 'Give the decision number' } }]);
  await db.transaction().execute(async (trx) => {
    await repo.upsertDecision(trx, {
      province_code: actor.provinceCode, episode_kind: input.episodeKind, episode_id: input.episodeId, decision_no: no, decision_date: input.decisionDate,
      issued_by: clean(input.issuedBy), created_by: actor.userId || null,
    });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'support_decision', recordId: `${input.episodeKind}:${input.episodeId}`, detail: { personId: input.personId, decisionNo: no, decisionDate: input.decisionDate } });
  });
  return { episodeKind: input.episodeKind, episodeId: input.episodeId, decisionNo: no, decisionDate: input.decisionDate, issuedBy: clean(input.issuedBy) };
}

export interface BankInput { method: 'bank' | 'cash'; bankName?: string | null | undefined; accountNo?: string | null | undefined; holderName?: string | null | undefined }

export async function setBankAccount(db: Db, actor: Actor, personId: number, input: BankInput) {
  assertPermission(actor, 'support:prepare');
  await personArea(db, actor, personId);
  const row = {
    person_id: personId, province_code: actor.provinceCode, method: input.method,
    bank_name: input.method === 'bank' ? clean(input.bankName) : null, account_no: input.method === 'bank' ? clean(input.accountNo)?.replace(/\s+/g, '') ?? null : null,
    holder_name: input.method === 'bank' ? clean(input.holderName) : null, updated_by: actor.userId || null,
  };
  if (row.method === 'bank') {
    const missing = (['bank_name', 'account_no', 'holder_name'] as const).find((k) => !row[k]);
    if (missing) {
      const field = missing === 'bank_name' ? 'bankName' : missing === 'account_no' ? 'accountNo' : 'holderName';
      throw new ValidationError([{ field, code: 'REQUIRED', message: { vi: 'Ghi đủ ngân hàng, số tài khoản và chủ tài khoản', en: 'Give the bank, account number and holder' } }]);
    }
  }
  await db.transaction().execute(async (trx) => {
    await repo.upsertBankAccount(trx, row);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'support_bank_account', recordId: personId, detail: { method: row.method, bankName: row.bank_name } });
  });
  return { personId, method: row.method, bankName: row.bank_name, accountNo: row.account_no, holderName: row.holder_name };
}

/**
 * The commune prepares a list for a period: the complete lines (all, or the chosen people's),
 * claimed day by day in the same transaction. A concurrent list that claimed a day first makes
 * this one fail whole (409), never pay it twice.
 */
export async function prepareList(db: Db, actor: Actor, input: { communeCode: string; from: string; to: string; personIds?: number[] | undefined; note?: string | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'support:prepare');
  if (input.from > input.to) throw SupportErrors.badPeriod();
  const area = await communeArea(db, actor, input.communeCode);
  try {
    const id = await db.transaction().execute((trx) => prepareListIn(trx, actor, input, area, today));
    return getList(db, actor, id);
  } catch (e) {
    if (isUniqueViolation(e)) throw SupportErrors.daysTaken();
    throw e;
  }
}

/** The list written in the caller's transaction (the demo prepares one inside its own). */
export async function prepareListIn(trx: Db, actor: Actor, input: { communeCode: string; from: string; to: string; personIds?: number[] | undefined; note?: string | null | undefined }, area: { province_code: string; district_code: string; commune_code: string }, today: string): Promise<number> {
  const all = await communeLines(trx, actor.provinceCode, input.communeCode, input, today);
  const wanted = input.personIds ? new Set(input.personIds) : null;
  const lines = all.filter((l) => payable(l) && (!wanted || wanted.has(l.personId)));
  if (wanted) {
    const missing = [...wanted].filter((p) => !lines.some((l) => l.personId === p));
    if (missing.length) throw SupportErrors.notSelectable(missing);
  }
  if (lines.length === 0) throw SupportErrors.nothingToPay();
  const listId = await repo.insertList(trx, { ...area, period_from: input.from, period_to: input.to, note: clean(input.note), prepared_by: actor.userId || null });
  const lineIds = await repo.insertLines(trx, lines.map((l) => ({
    list_id: listId, person_id: l.personId, subject: l.subject, episode_kind: l.episodeKind, episode_id: l.episodeId, decision_no: l.decision!.no, decision_date: l.decision!.date,
    source_person_id: l.sourcePersonId, episode_from: l.from, episode_to: l.to, first_day: l.firstDay, last_day: l.lastDay, days: l.days, daily_rate: l.dailyRate,
    days_amount: l.daysAmount, child_bonus: l.childBonus, total: l.total, rule_code: l.ruleCode, full_name: l.fullName, date_of_birth: l.dateOfBirth, national_id: l.nationalId,
    address: l.address, payment_method: l.payment!.method, bank_name: l.payment!.bankName, account_no: l.payment!.accountNo, holder_name: l.payment!.holderName,
  })));
  await repo.insertDayClaims(trx, lines.flatMap((l, i) => l.payDays.map((day) => ({ person_id: l.personId, day, list_id: listId, line_id: lineIds[i]! }))));
  await repo.insertBonusClaims(trx, lines.flatMap((l, i) => (l.bonusKey ? [{ person_id: l.personId, bonus_key: l.bonusKey, list_id: listId, line_id: lineIds[i]! }] : [])));
  await repo.insertEvent(trx, { list_id: listId, action: 'prepare', from_status: null, to_status: 'prepared', reason: null, created_by: actor.userId || null });
  await recordAudit(trx, actor, { action: 'create', recordKind: 'support_payment_list', recordId: listId, detail: { communeCode: input.communeCode, from: input.from, to: input.to, people: lines.map((l) => l.personId), total: lines.reduce((s, l) => s + l.total, 0) } });
  return listId;
}

function listInScope(actor: Actor, l: { province_code: string; district_code: string; commune_code: string }) {
  return areaInScope(actor, l);
}

/** Whether the actor takes a step on this list: its permission and, for the province's approval, a province-wide scope. */
function mayTake(actor: Actor, step: ListStep, action: ListAction): boolean {
  if (step === 'prepare') return hasPermission(actor, 'support:prepare') || (action === 'pay' && hasPermission(actor, 'support:approve') && actor.scopeKind === 'province');
  if (step === 'check') return hasPermission(actor, 'support:check');
  return hasPermission(actor, 'support:approve') && actor.scopeKind === 'province';
}

export const STATUS_LABEL: Record<SupportListStatus, string> = {
  prepared: 'Xã đã lập', submitted: 'Đã gửi huyện', checked: 'Huyện đã thẩm định', approved: 'Tỉnh đã phê duyệt', paid: 'Đã chi trả', returned: 'Bị trả lại',
};
const ACTION_LABEL: Record<ListAction, string> = { submit: 'gửi', check: 'thẩm định', approve: 'phê duyệt', pay: 'đánh dấu đã chi', return: 'trả lại' };

export async function actOnList(db: Db, actor: Actor, id: number, action: ListAction, input: { reason?: string | null | undefined; paidOn?: string | undefined; reference?: string | null | undefined }, today = vnDate()) {
  assertPermission(actor, 'support:read');
  await db.transaction().execute(async (trx) => {
    const list = await repo.lockList(trx, actor.provinceCode, id);
    if (!list || !listInScope(actor, list)) throw Errors.notFound(listLabel(id));
    const t = listTransition(list.status, action);
    if (!t) throw SupportErrors.badTransition(STATUS_LABEL[list.status], ACTION_LABEL[action]);
    if (!mayTake(actor, t.step, action)) throw Errors.forbidden();
    const reason = clean(input.reason);
    if (action === 'return' && !reason) throw SupportErrors.reasonRequired();
    await repo.updateList(trx, id, {
      status: t.to,
      ...(action === 'return' ? { return_reason: reason } : {}),
      ...(action === 'pay' ? { paid_on: input.paidOn ?? today, paid_reference: clean(input.reference) } : {}),
    });
    if (t.to === 'returned') await repo.releaseClaims(trx, id);
    await repo.insertEvent(trx, { list_id: id, action, from_status: list.status, to_status: t.to, reason: action === 'pay' ? clean(input.reference) : reason, created_by: actor.userId || null });
    await recordAudit(trx, actor, { action: 'update', recordKind: 'support_payment_list', recordId: id, detail: { action, from: list.status, to: t.to, reason } });
  });
  return getList(db, actor, id);
}

export async function listLists(db: Db, actor: Actor, q: { status?: SupportListStatus | undefined; communeCode?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'support:read');
  const { rows, total } = await repo.listLists(db, { provinceCode: actor.provinceCode, area: areaScopeFilter(actor) ?? { column: 'province_code', value: '-' }, status: q.status, communeCode: q.communeCode }, q.pageSize, (q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, items: rows.map(presentListRow) };
}

function presentListRow(l: NonNullable<Awaited<ReturnType<typeof repo.findList>>>) {
  return {
    id: l.id, communeCode: l.commune_code, communeName: l.commune_name ?? l.commune_code, districtCode: l.district_code, periodFrom: l.period_from, periodTo: l.period_to,
    status: l.status, note: l.note, returnReason: l.return_reason, paidOn: l.paid_on, paidReference: l.paid_reference, lineCount: Number(l.line_count ?? 0), totalAmount: Number(l.total_amount ?? 0),
    createdAt: l.created_at.toISOString(),
  };
}

export async function getList(db: Db, actor: Actor, id: number) {
  assertPermission(actor, 'support:read');
  const row = await repo.findList(db, actor.provinceCode, id);
  if (!row || !listInScope(actor, row)) throw Errors.notFound(listLabel(id));
  const [lines, events] = await Promise.all([repo.linesOf(db, id), repo.eventsOf(db, id)]);
  await recordAudit(db, actor, { action: 'read', recordKind: 'support_payment_list', recordId: id });
  return {
    ...presentListRow(row),
    lines: lines.map((l) => maskLine({
      id: l.id, personId: l.person_id, fullName: l.full_name, dateOfBirth: l.date_of_birth, nationalId: l.national_id, address: l.address, subject: l.subject,
      decisionNo: l.decision_no, decisionDate: l.decision_date, sourcePersonId: l.source_person_id, firstDay: l.first_day, lastDay: l.last_day, days: l.days,
      dailyRate: l.daily_rate, daysAmount: l.days_amount, childBonus: l.child_bonus, total: l.total, ruleCode: l.rule_code, paymentMethod: l.payment_method,
      bankName: l.bank_name, accountNo: l.account_no, holderName: l.holder_name,
    }, actor)),
    history: events.map((e) => ({ action: e.action, fromStatus: e.from_status, toStatus: e.to_status, reason: e.reason, by: e.username, at: e.created_at.toISOString() })),
  };
}

export async function listXlsx(db: Db, actor: Actor, id: number) {
  const list = await getList(db, actor, id);
  const communeName = list.communeName;
  const districtName = await repo.unitName(db, list.districtCode);
  await recordAudit(db, actor, { action: 'export', recordKind: 'support_payment_list', recordId: id });
  return { file: await paymentListXlsx({ ...list, districtName }), fileName: `danh-sach-chi-tra-nq68-${id}-${communeName.replace(/[^\p{L}\p{N}]+/gu, '-')}.xlsx`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') };
}

/** The support rule versions in force over time: the national one and the province's. */
export async function listSupportRules(db: Db, actor: Actor) {
  assertPermission(actor, 'support:read');
  const versions = await supportRuleVersions(db, actor.provinceCode);
  return { items: await Promise.all(versions.map(async (v) => ({ ...v, name: { ...v.name }, source: await supportRuleSource(db, actor.provinceCode, v.code) }))) };
}
