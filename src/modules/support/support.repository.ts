/** All SQL of NQ68 support payments. Functions take the database or a transaction first. */
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SupportEpisodeKind, SupportListStatus, SupportPaymentLineTable } from '../../db/schema.ts';

/** The register's basics of the people on a list (the person register is the shared one). */
export async function peopleByIds(db: Db, provinceCode: string, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('person').select(['id', 'full_name', 'date_of_birth', 'national_id', 'address_detail', 'commune_code', 'district_code', 'province_code'])
    .where('province_code', '=', provinceCode).where('id', 'in', [...ids]).execute();
}

export async function decisionsFor(db: Db, provinceCode: string, kind: SupportEpisodeKind, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('support_decision').select(['episode_id', 'decision_no', 'decision_date', 'issued_by'])
    .where('province_code', '=', provinceCode).where('episode_kind', '=', kind).where('episode_id', 'in', [...ids]).execute();
}

export async function upsertDecision(db: Db, row: { province_code: string; episode_kind: SupportEpisodeKind; episode_id: number; decision_no: string; decision_date: string; issued_by: string | null; created_by: number | null }) {
  await db.insertInto('support_decision').values(row)
    .onConflict((oc) => oc.columns(['episode_kind', 'episode_id']).doUpdateSet({ decision_no: row.decision_no, decision_date: row.decision_date, issued_by: row.issued_by, created_by: row.created_by }))
    .execute();
}

export async function bankAccountsOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('support_bank_account').select(['person_id', 'method', 'bank_name', 'account_no', 'holder_name']).where('person_id', 'in', [...ids]).execute();
}

export async function upsertBankAccount(db: Db, row: { person_id: number; province_code: string; method: 'bank' | 'cash'; bank_name: string | null; account_no: string | null; holder_name: string | null; updated_by: number | null }) {
  const { person_id: _p, province_code: _c, ...set } = row;
  await db.insertInto('support_bank_account').values(row)
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ ...set, updated_at: new Date() }))
    .execute();
}

export async function claimedDaysOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('support_day_claim').select(['person_id', 'day']).where('person_id', 'in', [...ids]).execute();
}

export async function claimedBonusesOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('support_bonus_claim').select(['person_id', 'bonus_key']).where('person_id', 'in', [...ids]).execute();
}

export async function insertList(db: Db, row: { province_code: string; district_code: string; commune_code: string; period_from: string; period_to: string; note: string | null; prepared_by: number | null }) {
  return (await db.insertInto('support_payment_list').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertLines(db: Db, rows: Array<Insertable<SupportPaymentLineTable>>): Promise<number[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('support_payment_line').values(rows).returning('id').execute()).map((r) => r.id);
}

export async function insertDayClaims(db: Db, rows: Array<{ person_id: number; day: string; list_id: number; line_id: number }>) {
  for (let i = 0; i < rows.length; i += 5000) await db.insertInto('support_day_claim').values(rows.slice(i, i + 5000)).execute();
}

export async function insertBonusClaims(db: Db, rows: Array<{ person_id: number; bonus_key: string; list_id: number; line_id: number }>) {
  if (rows.length) await db.insertInto('support_bonus_claim').values(rows).execute();
}

/** A returned list frees its days and bonuses for another list; its lines stay as they were. */
export async function releaseClaims(db: Db, listId: number) {
  await db.deleteFrom('support_day_claim').where('list_id', '=', listId).execute();
  await db.deleteFrom('support_bonus_claim').where('list_id', '=', listId).execute();
}

/** The list, locked for its status change. */
export async function lockList(db: Db, provinceCode: string, id: number) {
  return db.selectFrom('support_payment_list').selectAll().where('province_code', '=', provinceCode).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateList(db: Db, id: number, set: { status: SupportListStatus; return_reason?: string | null; paid_on?: string | null; paid_reference?: string | null }) {
  await db.updateTable('support_payment_list').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertEvent(db: Db, row: { list_id: number; action: string; from_status: SupportListStatus | null; to_status: SupportListStatus; reason: string | null; created_by: number | null }) {
  await db.insertInto('support_list_event').values(row).execute();
}

export interface ListFilter {
  provinceCode: string;
  area: { column: 'province_code' | 'district_code' | 'commune_code'; value: string } | null;
  status?: SupportListStatus | undefined;
  communeCode?: string | undefined;
}

function listsQuery(db: Db, f: ListFilter) {
  let q = db.selectFrom('support_payment_list as l').where('l.province_code', '=', f.provinceCode);
  if (f.area) q = q.where(`l.${f.area.column}`, '=', f.area.value);
  if (f.status) q = q.where('l.status', '=', f.status);
  if (f.communeCode) q = q.where('l.commune_code', '=', f.communeCode);
  return q;
}

function withTotals(db: Db, f: ListFilter) {
  return listsQuery(db, f).leftJoin('admin_unit as u', 'u.code', 'l.commune_code').selectAll('l').select('u.name as commune_name')
    .select((eb) => [
      eb.selectFrom('support_payment_line as x').whereRef('x.list_id', '=', 'l.id').select((e) => e.fn.countAll<number>().as('n')).as('line_count'),
      eb.selectFrom('support_payment_line as x').whereRef('x.list_id', '=', 'l.id').select((e) => e.fn.coalesce(e.fn.sum<number>('x.total'), e.lit(0)).as('t')).as('total_amount'),
    ]);
}

export async function findList(db: Db, provinceCode: string, id: number) {
  return withTotals(db, { provinceCode, area: null }).where('l.id', '=', id).executeTakeFirst();
}

export async function listLists(db: Db, f: ListFilter, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    withTotals(db, f).orderBy('l.id', 'desc').limit(limit).offset(offset).execute(),
    listsQuery(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function linesOf(db: Db, listId: number) {
  return db.selectFrom('support_payment_line').selectAll().where('list_id', '=', listId).orderBy('id').execute();
}

export async function eventsOf(db: Db, listId: number) {
  return db.selectFrom('support_list_event as e').leftJoin('app_user as u', 'u.id', 'e.created_by')
    .select(['e.action', 'e.from_status', 'e.to_status', 'e.reason', 'e.created_at', 'u.username']).where('e.list_id', '=', listId).orderBy('e.id').execute();
}

export async function unitName(db: Db, code: string) {
  return (await db.selectFrom('admin_unit').select(['name']).where('code', '=', code).executeTakeFirst())?.name ?? code;
}
