/**
 * The supplies ledgers' rules. Pure. Every entry is kept: a correction is a reversing entry of the
 * opposite sign, so a balance is always the plain sum of its entries.
 */
import type { SupplyCategory, SupplyMovementKind } from '../../db/schema.ts';

export const CATEGORIES: readonly SupplyCategory[] = ['mask', 'test_kit', 'oxygen', 'ppe', 'medicine', 'equipment', 'other'];

/** The signed quantity a movement adds to stock: receipts add, issues take; an adjustment carries its own sign. */
export function signedQuantity(kind: 'receipt' | 'issue' | 'adjustment', quantity: number): number {
  if (kind === 'receipt') return Math.abs(quantity);
  if (kind === 'issue') return -Math.abs(quantity);
  return quantity;
}

/** The stock after a movement, or the shortfall when it would go below zero. */
export function applyMovement(stock: number, delta: number): { ok: true; stock: number } | { ok: false; available: number } {
  const next = stock + delta;
  return next < 0 ? { ok: false, available: stock } : { ok: true, stock: next };
}

/** Low when a threshold is set and the stock is below it. */
export const isLow = (quantity: number, min: number | null) => min !== null && quantity < min;

/** Reversal of an entry: the opposite amount; reversing a reversal or reversing twice is refused. */
export function reversalOf<T extends { reverses_id: number | null; reversed: boolean | number | string }>(entry: T): 'ok' | 'is_reversal' | 'already' {
  if (entry.reverses_id !== null) return 'is_reversal';
  if (entry.reversed === true || entry.reversed === 1 || entry.reversed === '1' || entry.reversed === 'true') return 'already';
  return 'ok';
}

/** The balance of a ledger: the sum of its signed entries. */
export function balance(entries: ReadonlyArray<{ amount: number }>): number {
  return entries.reduce((s, e) => s + e.amount, 0);
}

export const MOVEMENT_LABEL: Record<SupplyMovementKind, string> = {
  receipt: 'Nhập', issue: 'Xuất dùng', transfer_out: 'Điều chuyển đi', transfer_in: 'Điều chuyển đến', adjustment: 'Điều chỉnh', reversal: 'Bút toán đảo',
};
export const CATEGORY_LABEL: Record<SupplyCategory, string> = {
  mask: 'Khẩu trang', test_kit: 'Sinh phẩm/test xét nghiệm', oxygen: 'Ô xy', ppe: 'Đồ bảo hộ', medicine: 'Thuốc', equipment: 'Trang thiết bị', other: 'Khác',
};
