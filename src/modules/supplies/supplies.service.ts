/**
 * Budget, donations and supplies: the catalogue, stock movements per facility (receipt, issue,
 * transfer as two linked movements, adjustment with a reason), the running stock kept with each
 * movement under a row lock and never below zero, low-stock thresholds and alerts, donations (cash
 * or goods; goods allocated to a facility are received there) and spending. Entries are never
 * edited: a correction is a reversing entry. Cash ledgers are the province's (province-wide
 * writers); stock is per facility (a facility's staff: its own).
 */
import type { Db } from '../../db/database.ts';
import type { SupplyCategory } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { SupportErrors } from '../support/support.errors.ts';
import { applyMovement, isLow, MOVEMENT_LABEL, reversalOf, signedQuantity } from './supplies.domain.ts';
import { type LedgerSheet, ledgerXlsx } from './supplies.xlsx.ts';
import * as repo from './supplies.repository.ts';

const clean = (s: string | null | undefined) => (s?.normalize('NFC').trim() || null);
const required = (field: string, vi: string, en: string) => new ValidationError([{ field, code: 'REQUIRED', message: { vi, en } }]);

function reachOf(actor: Actor): repo.FacilityReach {
  if (actor.scopeKind === 'org') return { facilityId: actor.scopeOrgId ?? -1 };
  return { area: areaScopeFilter(actor) };
}

async function facilityFor(db: Db, actor: Actor, id: number, mode: 'read' | 'write') {
  assertPermission(actor, mode === 'read' ? 'supplies:read' : 'supplies:write');
  const f = await repo.findFacility(db, actor.provinceCode, id);
  if (!f) throw Errors.notFound({ vi: `cơ sở ${id}`, en: `facility ${id}` });
  const ok = actor.scopeKind === 'org' ? actor.scopeOrgId === f.id : areaInScope(actor, f);
  if (!ok) throw Errors.outOfScope();
  return f;
}

function assertProvinceWriter(actor: Actor) {
  assertPermission(actor, 'supplies:write');
  if (actor.scopeKind !== 'province') throw Errors.outOfScope();
}

async function itemFor(db: Db, actor: Actor, id: number) {
  const item = await repo.findItem(db, actor.provinceCode, id);
  if (!item) throw Errors.notFound({ vi: `vật tư ${id}`, en: `supply item ${id}` });
  return item;
}

/** Writes one movement and moves the stock by it; refuses a stock below zero with what is left. */
async function move(trx: Db, actor: Actor, m: {
  facilityId: number; item: { id: number; name: string; unit: string }; kind: 'receipt' | 'issue' | 'transfer_out' | 'transfer_in' | 'adjustment' | 'reversal'; delta: number; movedOn: string;
  reason: string | null; documentNo: string | null; linkedId?: number | null; reversesId?: number | null; donationId?: number | null;
}) {
  const stock = await repo.lockStock(trx, actor.provinceCode, m.facilityId, m.item.id);
  const next = applyMovement(stock.quantity, m.delta);
  if (!next.ok) throw SupportErrors.insufficientStock(m.item.name, next.available, m.item.unit);
  await repo.setStock(trx, m.facilityId, m.item.id, next.stock);
  return repo.insertMovement(trx, {
    province_code: actor.provinceCode, facility_id: m.facilityId, item_id: m.item.id, kind: m.kind, quantity: m.delta, moved_on: m.movedOn, reason: m.reason, document_no: m.documentNo,
    linked_id: m.linkedId ?? null, reverses_id: m.reversesId ?? null, donation_id: m.donationId ?? null, created_by: actor.userId || null,
  });
}

// ---- catalogue

export async function listItems(db: Db, actor: Actor) {
  assertPermission(actor, 'supplies:read');
  return { items: await repo.listItems(db, actor.provinceCode) };
}

export async function createItem(db: Db, actor: Actor, input: { code: string; name: string; unit: string; category: SupplyCategory }) {
  assertProvinceWriter(actor);
  const code = clean(input.code)?.toUpperCase();
  const name = clean(input.name);
  const unit = clean(input.unit);
  if (!code) throw required('code', 'Ghi mã vật tư', 'Give the item code');
  if (!name) throw required('name', 'Ghi tên vật tư', 'Give the item name');
  if (!unit) throw required('unit', 'Ghi đơn vị tính', 'Give the unit');
  if ((await repo.listItems(db, actor.provinceCode)).some((i) => i.code === code)) throw Errors.duplicate('code', { vi: `mã vật tư ${code}`, en: `item code ${code}` });
  return db.transaction().execute(async (trx) => {
    const item = await repo.insertItem(trx, { province_code: actor.provinceCode, code, name, unit, category: input.category });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_item', recordId: item.id, detail: item });
    return item;
  });
}

// ---- stock

export async function recordMovement(db: Db, actor: Actor, input: {
  facilityId: number; itemId: number; kind: 'receipt' | 'issue' | 'adjustment'; quantity: number; movedOn?: string | undefined; reason?: string | null | undefined; documentNo?: string | null | undefined;
}, today = vnDate()) {
  await facilityFor(db, actor, input.facilityId, 'write');
  const item = await itemFor(db, actor, input.itemId);
  const reason = clean(input.reason);
  if (input.kind === 'adjustment' && !reason) throw required('reason', 'Ghi lý do điều chỉnh', 'Give the reason for the adjustment');
  if (input.kind !== 'adjustment' && input.quantity <= 0) throw new ValidationError([{ field: 'quantity', code: 'RANGE', message: { vi: 'Số lượng phải lớn hơn 0', en: 'The quantity must be above 0' } }]);
  const id = await db.transaction().execute(async (trx) => {
    const id = await move(trx, actor, { facilityId: input.facilityId, item, kind: input.kind, delta: signedQuantity(input.kind, input.quantity), movedOn: input.movedOn ?? today, reason, documentNo: clean(input.documentNo) });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_movement', recordId: id, detail: input });
    return id;
  });
  return { id };
}

/** A transfer: out of one facility and into another, two movements linked to each other, in one transaction. */
export async function transfer(db: Db, actor: Actor, input: {
  fromFacilityId: number; toFacilityId: number; itemId: number; quantity: number; movedOn?: string | undefined; reason?: string | null | undefined; documentNo?: string | null | undefined;
}, today = vnDate()) {
  assertPermission(actor, 'supplies:write');
  if (input.fromFacilityId === input.toFacilityId) throw SupportErrors.sameFacility();
  await facilityFor(db, actor, input.fromFacilityId, 'write');
  // The receiving facility need not be the sender's: a facility's staff sends to another facility.
  const to = await repo.findFacility(db, actor.provinceCode, input.toFacilityId);
  if (!to) throw Errors.notFound({ vi: `cơ sở ${input.toFacilityId}`, en: `facility ${input.toFacilityId}` });
  const item = await itemFor(db, actor, input.itemId);
  if (input.quantity <= 0) throw new ValidationError([{ field: 'quantity', code: 'RANGE', message: { vi: 'Số lượng phải lớn hơn 0', en: 'The quantity must be above 0' } }]);
  return db.transaction().execute(async (trx) => {
    const base = { item, movedOn: input.movedOn ?? today, reason: clean(input.reason), documentNo: clean(input.documentNo) };
    const outId = await move(trx, actor, { ...base, facilityId: input.fromFacilityId, kind: 'transfer_out', delta: -input.quantity });
    const inId = await move(trx, actor, { ...base, facilityId: input.toFacilityId, kind: 'transfer_in', delta: input.quantity, linkedId: outId });
    await repo.linkMovement(trx, outId, inId);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_transfer', recordId: outId, detail: { ...input, inId } });
    return { outId, inId };
  });
}

/** Reverses a movement (both legs of a transfer); the stock must allow it. */
export async function reverseMovement(db: Db, actor: Actor, id: number, input: { reason: string }, today = vnDate()) {
  assertPermission(actor, 'supplies:write');
  const reason = clean(input.reason);
  if (!reason) throw required('reason', 'Ghi lý do đảo bút toán', 'Give the reason for the reversal');
  const m = await repo.findMovement(db, actor.provinceCode, id);
  if (!m) throw Errors.notFound({ vi: `bút toán ${id}`, en: `movement ${id}` });
  await facilityFor(db, actor, m.facility_id, 'write');
  return db.transaction().execute(async (trx) => reverseIn(trx, actor, m, reason, today));
}

async function reverseIn(trx: Db, actor: Actor, m: NonNullable<Awaited<ReturnType<typeof repo.findMovement>>>, reason: string, today: string) {
  const state = reversalOf(m);
  if (state === 'is_reversal') throw SupportErrors.notReversible();
  if (state === 'already') throw SupportErrors.alreadyReversed();
  const item = await itemFor(trx, actor, m.item_id);
  const legs = [m];
  if (m.linked_id !== null) {
    const other = await repo.findMovement(trx, actor.provinceCode, m.linked_id);
    if (other) legs.push(other);
  }
  // The receiving leg first: its stock is the one that may no longer hold the quantity.
  legs.sort((a, b) => b.quantity - a.quantity);
  const ids: number[] = [];
  try {
    for (const leg of legs) ids.push(await move(trx, actor, { facilityId: leg.facility_id, item, kind: 'reversal', delta: -leg.quantity, movedOn: today, reason, documentNo: null, reversesId: leg.id }));
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw SupportErrors.alreadyReversed();
    throw e;
  }
  await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_movement', recordId: ids[0]!, detail: { reverses: legs.map((l) => l.id), reason } });
  return { ids };
}

export async function setThreshold(db: Db, actor: Actor, input: { facilityId: number; itemId: number; minQuantity: number | null }) {
  await facilityFor(db, actor, input.facilityId, 'write');
  await itemFor(db, actor, input.itemId);
  await db.transaction().execute(async (trx) => {
    await repo.lockStock(trx, actor.provinceCode, input.facilityId, input.itemId);
    await repo.setThreshold(trx, input.facilityId, input.itemId, input.minQuantity);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'supply_threshold', recordId: `${input.facilityId}:${input.itemId}`, detail: input });
  });
  return input;
}

export async function stock(db: Db, actor: Actor, q: { facilityId?: number | undefined; itemId?: number | undefined; lowOnly?: boolean | undefined }) {
  assertPermission(actor, 'supplies:read');
  if (q.facilityId) await facilityFor(db, actor, q.facilityId, 'read');
  const rows = await repo.stockRows(db, { provinceCode: actor.provinceCode, reach: reachOf(actor), facilityId: q.facilityId, itemId: q.itemId, lowOnly: q.lowOnly });
  return {
    items: rows.map((r) => ({
      facilityId: r.facility_id, facilityName: r.facility_name, itemId: r.item_id, itemCode: r.item_code, itemName: r.item_name, unit: r.unit, category: r.category,
      quantity: r.quantity, minQuantity: r.min_quantity, low: isLow(r.quantity, r.min_quantity),
    })),
  };
}

export async function alerts(db: Db, actor: Actor) {
  return stock(db, actor, { lowOnly: true });
}

export async function listMovements(db: Db, actor: Actor, q: { facilityId?: number | undefined; itemId?: number | undefined; from?: string | undefined; to?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'supplies:read');
  if (q.facilityId) await facilityFor(db, actor, q.facilityId, 'read');
  const { rows, total } = await repo.listMovements(db, { provinceCode: actor.provinceCode, reach: reachOf(actor), ...q }, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, facilityId: r.facility_id, facilityName: r.facility_name, itemId: r.item_id, itemName: r.item_name, unit: r.unit, kind: r.kind, quantity: r.quantity,
      movedOn: r.moved_on, reason: r.reason, documentNo: r.document_no, linkedId: r.linked_id, linkedFacilityName: r.linked_facility_name, reversesId: r.reverses_id,
      donationId: r.donation_id, reversed: Boolean(r.reversed),
    })),
  };
}

// ---- donations and spending

export async function recordDonation(db: Db, actor: Actor, input: {
  donor: string; kind: 'cash' | 'goods'; itemId?: number | null | undefined; quantity?: number | null | undefined; valueVnd: number; receivedOn?: string | undefined;
  facilityId?: number | null | undefined; purpose?: string | null | undefined;
}, today = vnDate()) {
  assertProvinceWriter(actor);
  const donor = clean(input.donor);
  if (!donor) throw required('donor', 'Ghi tên nhà tài trợ', 'Give the donor');
  if (!(Number.isInteger(input.valueVnd) && input.valueVnd > 0)) throw new ValidationError([{ field: 'valueVnd', code: 'RANGE', message: { vi: 'Giá trị phải lớn hơn 0', en: 'The value must be above 0' } }]);
  const goods = input.kind === 'goods';
  const item = goods && input.itemId ? await itemFor(db, actor, input.itemId) : null;
  if (goods && (!item || !input.quantity || input.quantity <= 0)) throw required(item ? 'quantity' : 'itemId', 'Hàng hóa cần vật tư và số lượng', 'Goods need an item and a quantity');
  if (input.facilityId) await facilityFor(db, actor, input.facilityId, 'write');
  return db.transaction().execute(async (trx) => {
    const receivedOn = input.receivedOn ?? today;
    const id = await repo.insertDonation(trx, {
      province_code: actor.provinceCode, donor, kind: input.kind, item_id: item?.id ?? null, quantity: goods ? input.quantity! : null, value_vnd: input.valueVnd, received_on: receivedOn,
      facility_id: input.facilityId ?? null, purpose: clean(input.purpose), created_by: actor.userId || null,
    });
    // Goods allocated to a facility are received into its stock with the donation.
    if (item && input.facilityId) {
      await move(trx, actor, { facilityId: input.facilityId, item, kind: 'receipt', delta: input.quantity!, movedOn: receivedOn, reason: `Tài trợ: ${donor}`, documentNo: null, donationId: id });
    }
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_donation', recordId: id, detail: input });
    return { id };
  });
}

export async function reverseDonation(db: Db, actor: Actor, id: number, input: { reason: string }, today = vnDate()) {
  assertProvinceWriter(actor);
  const reason = clean(input.reason);
  if (!reason) throw required('reason', 'Ghi lý do đảo bút toán', 'Give the reason for the reversal');
  const d = await repo.findDonation(db, actor.provinceCode, id);
  if (!d) throw Errors.notFound({ vi: `khoản tài trợ ${id}`, en: `donation ${id}` });
  const state = reversalOf(d);
  if (state === 'is_reversal') throw SupportErrors.notReversible();
  if (state === 'already') throw SupportErrors.alreadyReversed();
  return db.transaction().execute(async (trx) => {
    const rid = await repo.insertDonation(trx, {
      province_code: actor.provinceCode, donor: d.donor, kind: d.kind, item_id: d.item_id, quantity: d.quantity === null ? null : -d.quantity, value_vnd: -d.value_vnd,
      received_on: today, facility_id: d.facility_id, purpose: reason, reverses_id: d.id, created_by: actor.userId || null,
    });
    const receipt = await repo.movementOfDonation(trx, d.id);
    if (receipt) {
      const m = await repo.findMovement(trx, actor.provinceCode, receipt.id);
      if (m && reversalOf(m) === 'ok') await reverseIn(trx, actor, m, reason, today);
    }
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_donation', recordId: rid, detail: { reverses: d.id, reason } });
    return { id: rid };
  });
}

export async function listDonations(db: Db, actor: Actor, q: repo.LedgerFilter & { page: number; pageSize: number }) {
  assertPermission(actor, 'supplies:read');
  const { rows, total } = await repo.listDonations(db, { ...q, provinceCode: actor.provinceCode }, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, donor: r.donor, kind: r.kind, itemId: r.item_id, itemName: r.item_name, unit: r.unit, quantity: r.quantity, valueVnd: Number(r.value_vnd), receivedOn: r.received_on,
      facilityId: r.facility_id, facilityName: r.facility_name, purpose: r.purpose, reversesId: r.reverses_id, reversed: Boolean(r.reversed),
    })),
  };
}

export async function recordSpending(db: Db, actor: Actor, input: { spentOn?: string | undefined; item: string; amountVnd: number; purpose?: string | null | undefined; documentNo?: string | null | undefined }, today = vnDate()) {
  assertProvinceWriter(actor);
  const item = clean(input.item);
  if (!item) throw required('item', 'Ghi khoản chi', 'Give the spending item');
  if (!(Number.isInteger(input.amountVnd) && input.amountVnd > 0)) throw new ValidationError([{ field: 'amountVnd', code: 'RANGE', message: { vi: 'Số tiền phải lớn hơn 0', en: 'The amount must be above 0' } }]);
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertSpending(trx, {
      province_code: actor.provinceCode, spent_on: input.spentOn ?? today, item, amount_vnd: input.amountVnd, purpose: clean(input.purpose), document_no: clean(input.documentNo), created_by: actor.userId || null,
    });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_spending', recordId: id, detail: input });
    return { id };
  });
}

export async function reverseSpending(db: Db, actor: Actor, id: number, input: { reason: string }, today = vnDate()) {
  assertProvinceWriter(actor);
  const reason = clean(input.reason);
  if (!reason) throw required('reason', 'Ghi lý do đảo bút toán', 'Give the reason for the reversal');
  const s = await repo.findSpending(db, actor.provinceCode, id);
  if (!s) throw Errors.notFound({ vi: `khoản chi ${id}`, en: `spending ${id}` });
  const state = reversalOf(s);
  if (state === 'is_reversal') throw SupportErrors.notReversible();
  if (state === 'already') throw SupportErrors.alreadyReversed();
  return db.transaction().execute(async (trx) => {
    const rid = await repo.insertSpending(trx, {
      province_code: actor.provinceCode, spent_on: today, item: s.item, amount_vnd: -s.amount_vnd, purpose: reason, document_no: s.document_no, reverses_id: s.id, created_by: actor.userId || null,
    });
    await recordAudit(trx, actor, { action: 'create', recordKind: 'supply_spending', recordId: rid, detail: { reverses: s.id, reason } });
    return { id: rid };
  });
}

export async function listSpending(db: Db, actor: Actor, q: repo.LedgerFilter & { page: number; pageSize: number }) {
  assertPermission(actor, 'supplies:read');
  const { rows, total } = await repo.listSpending(db, { ...q, provinceCode: actor.provinceCode }, q.pageSize, (q.page - 1) * q.pageSize);
  return {
    total, page: q.page, pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id, spentOn: r.spent_on, item: r.item, amountVnd: Number(r.amount_vnd), purpose: r.purpose, documentNo: r.document_no, reversesId: r.reverses_id, reversed: Boolean(r.reversed),
    })),
  };
}

/** Cash in − out = balance, each the sum of its entries; spending by item. */
export async function budget(db: Db, actor: Actor) {
  assertPermission(actor, 'supplies:read');
  const [t, byItem] = await Promise.all([repo.cashTotals(db, actor.provinceCode), repo.spendingByItem(db, actor.provinceCode)]);
  return { ...t, balance: t.cashIn - t.cashOut, spendingByItem: byItem.map((r) => ({ item: r.item, amountVnd: Number(r.amount) })) };
}

// ---- exports

const MAX_EXPORT = 100_000;

export async function exportLedger(db: Db, actor: Actor, ledger: 'donations' | 'spending' | 'movements' | 'stock', today = vnDate()) {
  assertPermission(actor, 'supplies:read');
  const subtitle = `Xuất ngày ${today.split('-').reverse().join('/')}`;
  let sheet: LedgerSheet;
  if (ledger === 'donations') {
    const { items } = await listDonations(db, actor, { provinceCode: actor.provinceCode, page: 1, pageSize: MAX_EXPORT });
    sheet = {
      title: 'Sổ tiếp nhận tài trợ', subtitle,
      columns: [{ header: 'STT', width: 6 }, { header: 'Ngày nhận', width: 12, date: true }, { header: 'Nhà tài trợ', width: 32 }, { header: 'Hình thức', width: 12 }, { header: 'Vật tư', width: 24 },
        { header: 'Số lượng', width: 10 }, { header: 'Giá trị (đồng)', width: 16, money: true }, { header: 'Phân bổ cho', width: 28 }, { header: 'Mục đích / ghi chú', width: 32 }],
      rows: items.map((d, i) => [i + 1, d.receivedOn, d.donor, d.kind === 'cash' ? 'Tiền mặt' : 'Hiện vật', d.itemName, d.quantity, d.valueVnd, d.facilityName, d.reversesId ? `Đảo bút toán ${d.reversesId}: ${d.purpose ?? ''}` : d.purpose]),
      totals: [null, null, 'Tổng cộng', null, null, null, items.reduce((s, d) => s + d.valueVnd, 0), null, null],
    };
  } else if (ledger === 'spending') {
    const { items } = await listSpending(db, actor, { provinceCode: actor.provinceCode, page: 1, pageSize: MAX_EXPORT });
    sheet = {
      title: 'Sổ chi', subtitle,
      columns: [{ header: 'STT', width: 6 }, { header: 'Ngày chi', width: 12, date: true }, { header: 'Khoản chi', width: 32 }, { header: 'Số tiền (đồng)', width: 16, money: true },
        { header: 'Nội dung', width: 36 }, { header: 'Số chứng từ', width: 16 }],
      rows: items.map((s, i) => [i + 1, s.spentOn, s.item, s.amountVnd, s.reversesId ? `Đảo bút toán ${s.reversesId}: ${s.purpose ?? ''}` : s.purpose, s.documentNo]),
      totals: [null, null, 'Tổng cộng', items.reduce((s, x) => s + x.amountVnd, 0), null, null],
    };
  } else if (ledger === 'movements') {
    const { items } = await listMovements(db, actor, { page: 1, pageSize: MAX_EXPORT });
    sheet = {
      title: 'Sổ nhập xuất vật tư', subtitle,
      columns: [{ header: 'STT', width: 6 }, { header: 'Ngày', width: 12, date: true }, { header: 'Cơ sở', width: 30 }, { header: 'Vật tư', width: 26 }, { header: 'Loại', width: 16 },
        { header: 'Số lượng (+/−)', width: 12 }, { header: 'Đơn vị', width: 10 }, { header: 'Cơ sở liên quan', width: 28 }, { header: 'Lý do', width: 30 }, { header: 'Số chứng từ', width: 14 }],
      rows: items.map((m, i) => [i + 1, m.movedOn, m.facilityName, m.itemName, MOVEMENT_LABEL[m.kind], m.quantity, m.unit, m.linkedFacilityName, m.reason, m.documentNo]),
    };
  } else {
    const { items } = await stock(db, actor, {});
    sheet = {
      title: 'Tồn kho vật tư theo cơ sở', subtitle,
      columns: [{ header: 'STT', width: 6 }, { header: 'Cơ sở', width: 30 }, { header: 'Vật tư', width: 28 }, { header: 'Đơn vị', width: 10 }, { header: 'Tồn kho', width: 12 },
        { header: 'Ngưỡng tối thiểu', width: 14 }, { header: 'Cảnh báo', width: 14 }],
      rows: items.map((s, i) => [i + 1, s.facilityName, s.itemName, s.unit, s.quantity, s.minQuantity, s.low ? 'Dưới ngưỡng' : null]),
    };
  }
  await recordAudit(db, actor, { action: 'export', recordKind: `supply_${ledger}` });
  return { file: await ledgerXlsx(sheet), fileName: `vat-tu-${ledger}-${today}.xlsx` };
}
