/** All SQL of the supplies ledgers. Functions take the database or a transaction first. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SupplyCategory, SupplyMovementKind } from '../../db/schema.ts';

export const FACILITY_KINDS = ['quarantine_facility', 'treatment_facility'] as const;

export async function findFacility(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('org_unit').select(['id', 'name', 'kind', 'province_code', 'district_code', 'commune_code'])
    .where('province_code', '=', provinceCode).where('id', '=', id).where('kind', 'in', [...FACILITY_KINDS]).executeTakeFirst();
}

export type Area = { column: 'province_code' | 'district_code' | 'commune_code'; value: string } | null;
/** Facilities the actor reaches: an area, or one facility (its staff). */
export type FacilityReach = { area: Area } | { facilityId: number };

export async function listItems(db: Db, provinceCode: string) {
  return db.selectFrom('supply_item').select(['id', 'code', 'name', 'unit', 'category']).where('province_code', '=', provinceCode).orderBy('category').orderBy('name').execute();
}

export async function findItem(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('supply_item').select(['id', 'code', 'name', 'unit', 'category']).where('province_code', '=', provinceCode).where('id', '=', id).executeTakeFirst();
}

export async function insertItem(db: Db, row: { province_code: string; code: string; name: string; unit: string; category: SupplyCategory }) {
  return db.insertInto('supply_item').values(row).returning(['id', 'code', 'name', 'unit', 'category']).executeTakeFirstOrThrow();
}

/** The stock row of a facility and item, locked for the movement being written (created at 0 when new). */
export async function lockStock(db: Db, provinceCode: string, facilityId: number, itemId: number): Promise<{ quantity: number; min_quantity: number | null }> {
  await db.insertInto('supply_stock').values({ facility_id: facilityId, item_id: itemId, province_code: provinceCode, quantity: 0 })
    .onConflict((oc) => oc.columns(['facility_id', 'item_id']).doNothing()).execute();
  return db.selectFrom('supply_stock').select(['quantity', 'min_quantity']).where('facility_id', '=', facilityId).where('item_id', '=', itemId).forUpdate().executeTakeFirstOrThrow();
}

export async function setStock(db: Db, facilityId: number, itemId: number, quantity: number) {
  await db.updateTable('supply_stock').set({ quantity }).where('facility_id', '=', facilityId).where('item_id', '=', itemId).execute();
}

export async function setThreshold(db: Db, facilityId: number, itemId: number, min: number | null) {
  await db.updateTable('supply_stock').set({ min_quantity: min }).where('facility_id', '=', facilityId).where('item_id', '=', itemId).execute();
}

export async function insertMovement(db: Db, row: {
  province_code: string; facility_id: number; item_id: number; kind: SupplyMovementKind; quantity: number; moved_on: string; reason: string | null; document_no: string | null;
  linked_id?: number | null; reverses_id?: number | null; donation_id?: number | null; created_by: number | null;
}) {
  return (await db.insertInto('supply_movement').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function linkMovement(db: Db, id: number, linkedId: number) {
  await db.updateTable('supply_movement').set({ linked_id: linkedId }).where('id', '=', id).execute();
}

export async function findMovement(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('supply_movement as m')
    .select(['m.id', 'm.facility_id', 'm.item_id', 'm.kind', 'm.quantity', 'm.linked_id', 'm.reverses_id', 'm.donation_id',
      (eb) => eb.exists(eb.selectFrom('supply_movement as r').whereRef('r.reverses_id', '=', 'm.id').select('r.id')).as('reversed')])
    .where('m.province_code', '=', provinceCode).where('m.id', '=', id).executeTakeFirst();
}

export async function movementOfDonation(db: Db, donationId: number) {
  return db.selectFrom('supply_movement').select('id').where('donation_id', '=', donationId).where('kind', '=', 'receipt').executeTakeFirst();
}

export interface StockFilter { provinceCode: string; reach: FacilityReach; facilityId?: number | undefined; itemId?: number | undefined; lowOnly?: boolean | undefined }

export async function stockRows(db: Db, f: StockFilter) {
  let q = db.selectFrom('supply_stock as s').innerJoin('org_unit as o', 'o.id', 's.facility_id').innerJoin('supply_item as i', 'i.id', 's.item_id')
    .select(['s.facility_id', 'o.name as facility_name', 's.item_id', 'i.code as item_code', 'i.name as item_name', 'i.unit', 'i.category', 's.quantity', 's.min_quantity'])
    .where('s.province_code', '=', f.provinceCode);
  if ('facilityId' in f.reach) q = q.where('s.facility_id', '=', f.reach.facilityId);
  else if (f.reach.area) q = q.where(`o.${f.reach.area.column}`, '=', f.reach.area.value);
  if (f.facilityId) q = q.where('s.facility_id', '=', f.facilityId);
  if (f.itemId) q = q.where('s.item_id', '=', f.itemId);
  if (f.lowOnly) q = q.where('s.min_quantity', 'is not', null).whereRef('s.quantity', '<', 's.min_quantity');
  return q.orderBy('o.name').orderBy('i.name').execute();
}

export interface MovementFilter { provinceCode: string; reach: FacilityReach; facilityId?: number | undefined; itemId?: number | undefined; from?: string | undefined; to?: string | undefined }

function movementsQuery(db: Db, f: MovementFilter) {
  let q = db.selectFrom('supply_movement as m').innerJoin('org_unit as o', 'o.id', 'm.facility_id').where('m.province_code', '=', f.provinceCode);
  if ('facilityId' in f.reach) q = q.where('m.facility_id', '=', f.reach.facilityId);
  else if (f.reach.area) q = q.where(`o.${f.reach.area.column}`, '=', f.reach.area.value);
  if (f.facilityId) q = q.where('m.facility_id', '=', f.facilityId);
  if (f.itemId) q = q.where('m.item_id', '=', f.itemId);
  if (f.from) q = q.where('m.moved_on', '>=', f.from);
  if (f.to) q = q.where('m.moved_on', '<=', f.to);
  return q;
}

export async function listMovements(db: Db, f: MovementFilter, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    movementsQuery(db, f).innerJoin('supply_item as i', 'i.id', 'm.item_id').leftJoin('supply_movement as l', 'l.id', 'm.linked_id').leftJoin('org_unit as lo', 'lo.id', 'l.facility_id')
      .select(['m.id', 'm.facility_id', 'o.name as facility_name', 'm.item_id', 'i.name as item_name', 'i.unit', 'm.kind', 'm.quantity', 'm.moved_on', 'm.reason', 'm.document_no',
        'm.linked_id', 'lo.name as linked_facility_name', 'm.reverses_id', 'm.donation_id', 'm.created_at',
        (eb) => eb.exists(eb.selectFrom('supply_movement as r').whereRef('r.reverses_id', '=', 'm.id').select('r.id')).as('reversed')])
      .orderBy('m.moved_on', 'desc').orderBy('m.id', 'desc').limit(limit).offset(offset).execute(),
    movementsQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Sum of movements per facility and item, to check the running stock against (tests, audits). */
export async function movementSums(db: Db, provinceCode: string) {
  return db.selectFrom('supply_movement').select(['facility_id', 'item_id', (eb) => eb.fn.sum<number>('quantity').as('quantity')])
    .where('province_code', '=', provinceCode).groupBy(['facility_id', 'item_id']).execute();
}

// ---- donations and spending

export async function insertDonation(db: Db, row: {
  province_code: string; donor: string; kind: 'cash' | 'goods'; item_id: number | null; quantity: number | null; value_vnd: number; received_on: string;
  facility_id: number | null; purpose: string | null; reverses_id?: number | null; created_by: number | null;
}) {
  return (await db.insertInto('supply_donation').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findDonation(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('supply_donation as d').selectAll('d')
    .select((eb) => eb.exists(eb.selectFrom('supply_donation as r').whereRef('r.reverses_id', '=', 'd.id').select('r.id')).as('reversed'))
    .where('d.province_code', '=', provinceCode).where('d.id', '=', id).executeTakeFirst();
}

export interface LedgerFilter { provinceCode: string; from?: string | undefined; to?: string | undefined; kind?: 'cash' | 'goods' | undefined }

export async function listDonations(db: Db, f: LedgerFilter, limit: number, offset: number) {
  let q = db.selectFrom('supply_donation as d').where('d.province_code', '=', f.provinceCode);
  if (f.from) q = q.where('d.received_on', '>=', f.from);
  if (f.to) q = q.where('d.received_on', '<=', f.to);
  if (f.kind) q = q.where('d.kind', '=', f.kind);
  const [rows, total] = await Promise.all([
    q.leftJoin('supply_item as i', 'i.id', 'd.item_id').leftJoin('org_unit as o', 'o.id', 'd.facility_id')
      .select(['d.id', 'd.donor', 'd.kind', 'd.item_id', 'i.name as item_name', 'i.unit', 'd.quantity', 'd.value_vnd', 'd.received_on', 'd.facility_id', 'o.name as facility_name',
        'd.purpose', 'd.reverses_id', 'd.created_at', (eb) => eb.exists(eb.selectFrom('supply_donation as r').whereRef('r.reverses_id', '=', 'd.id').select('r.id')).as('reversed')])
      .orderBy('d.received_on', 'desc').orderBy('d.id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function insertSpending(db: Db, row: {
  province_code: string; spent_on: string; item: string; amount_vnd: number; purpose: string | null; document_no: string | null; reverses_id?: number | null; created_by: number | null;
}) {
  return (await db.insertInto('supply_spending').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function findSpending(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('supply_spending as s').selectAll('s')
    .select((eb) => eb.exists(eb.selectFrom('supply_spending as r').whereRef('r.reverses_id', '=', 's.id').select('r.id')).as('reversed'))
    .where('s.province_code', '=', provinceCode).where('s.id', '=', id).executeTakeFirst();
}

export async function listSpending(db: Db, f: LedgerFilter, limit: number, offset: number) {
  let q = db.selectFrom('supply_spending as s').where('s.province_code', '=', f.provinceCode);
  if (f.from) q = q.where('s.spent_on', '>=', f.from);
  if (f.to) q = q.where('s.spent_on', '<=', f.to);
  const [rows, total] = await Promise.all([
    q.select(['s.id', 's.spent_on', 's.item', 's.amount_vnd', 's.purpose', 's.document_no', 's.reverses_id', 's.created_at',
      (eb) => eb.exists(eb.selectFrom('supply_spending as r').whereRef('r.reverses_id', '=', 's.id').select('r.id')).as('reversed')])
      .orderBy('s.spent_on', 'desc').orderBy('s.id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Cash in (cash donations), out (spending) and the balance, each the plain sum of its entries (reversals are negative entries). */
export async function cashTotals(db: Db, provinceCode: string, to?: string) {
  const { rows } = await sql<{ cash_in: string | number; cash_out: string | number; goods_value: string | number }>`
    select
      (select coalesce(sum(value_vnd), 0) from supply_donation where province_code = ${provinceCode} and kind = 'cash' ${to ? sql`and received_on <= ${to}` : sql``}) as cash_in,
      (select coalesce(sum(amount_vnd), 0) from supply_spending where province_code = ${provinceCode} ${to ? sql`and spent_on <= ${to}` : sql``}) as cash_out,
      (select coalesce(sum(value_vnd), 0) from supply_donation where province_code = ${provinceCode} and kind = 'goods' ${to ? sql`and received_on <= ${to}` : sql``}) as goods_value`.execute(db);
  const r = rows[0]!;
  return { cashIn: Number(r.cash_in), cashOut: Number(r.cash_out), goodsValue: Number(r.goods_value) };
}

/** Spending summed by item (the category typed on each entry). */
export async function spendingByItem(db: Db, provinceCode: string) {
  return db.selectFrom('supply_spending').select(['item', (eb) => eb.fn.sum<number>('amount_vnd').as('amount')])
    .where('province_code', '=', provinceCode).groupBy('item').orderBy('item').execute();
}
