import { withQuery } from '../../shared/api/client.ts';

export const CATEGORIES = ['mask', 'test_kit', 'oxygen', 'ppe', 'medicine', 'equipment', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export type MovementKind = 'receipt' | 'issue' | 'transfer_out' | 'transfer_in' | 'adjustment' | 'reversal';
export type Ledger = 'donations' | 'spending' | 'movements' | 'stock';

export interface SupplyItem { id: number; code: string; name: string; unit: string; category: Category }
export interface StockLine { facilityId: number; facilityName: string; itemId: number; itemCode: string; itemName: string; unit: string; category: Category; quantity: number; minQuantity: number | null; low: boolean }
export interface Movement {
  id: number; facilityId: number; facilityName: string; itemId: number; itemName: string; unit: string; kind: MovementKind; quantity: number; movedOn: string;
  reason: string | null; documentNo: string | null; linkedId: number | null; linkedFacilityName: string | null; reversesId: number | null; donationId: number | null; reversed: boolean;
}
export interface Donation {
  id: number; donor: string; kind: 'cash' | 'goods'; itemId: number | null; itemName: string | null; unit: string | null; quantity: number | null; valueVnd: number;
  receivedOn: string; facilityId: number | null; facilityName: string | null; purpose: string | null; reversesId: number | null; reversed: boolean;
}
export interface Spending { id: number; spentOn: string; item: string; amountVnd: number; purpose: string | null; documentNo: string | null; reversesId: number | null; reversed: boolean }
export interface Budget { cashIn: number; cashOut: number; goodsValue: number; balance: number; spendingByItem: Array<{ item: string; amountVnd: number }> }
export interface Facility { id: number; name: string; kind: string }

export const suppliesPaths = {
  items: '/api/supplies/items',
  stock: (facilityId?: number) => withQuery('/api/supplies/stock', { facilityId }),
  alerts: '/api/supplies/alerts',
  movements: (q: { facilityId?: number | undefined; page: number; pageSize: number }) => withQuery('/api/supplies/movements', q),
  donations: (q: { page: number; pageSize: number }) => withQuery('/api/supplies/donations', q),
  spending: (q: { page: number; pageSize: number }) => withQuery('/api/supplies/spending', q),
  budget: '/api/supplies/budget',
  facilities: '/api/places/facilities?pageSize=500',
  reverse: (ledger: 'movements' | 'donations' | 'spending', id: number) => `/api/supplies/${ledger}/${id}/reverse`,
  export: (ledger: Ledger) => `/api/supplies/export/${ledger}`,
};

/** An entry that may still be reversed: not itself a reversal, not reversed yet. */
export const reversible = (e: { reversesId: number | null; reversed: boolean; kind?: string }) => e.reversesId === null && !e.reversed && e.kind !== 'reversal';
