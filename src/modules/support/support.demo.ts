/**
 * The demo province's NQ68 support and supplies: decisions recorded for most F0 and F1 episodes
 * (one in eight left without, so "no decision" shows), bank details for six people in ten and
 * cash for two (the rest missing), one list prepared by the anchor commune; a catalogue, stock at
 * the first facilities with receipts, issues, a transfer and thresholds (some below: alerts),
 * donations in cash and goods and spending. Deterministic; a province with supply items is left
 * alone.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../auth/policy.ts';
import { lookupUnit } from '../places/places.service.ts';
import { prepareListIn } from './support.service.ts';
import { NQ68_QD23 } from './support.domain.ts';

export interface SupportDemoSummary { decisions: number; accounts: number; listLines: number; movements: number; donations: number }

const ITEMS: Array<[string, string, string, 'mask' | 'test_kit' | 'oxygen' | 'ppe' | 'medicine']> = [
  ['KT-YTE', 'Khẩu trang y tế', 'hộp', 'mask'], ['KT-N95', 'Khẩu trang N95', 'chiếc', 'mask'], ['TEST-NHANH', 'Test nhanh kháng nguyên', 'test', 'test_kit'],
  ['SP-PCR', 'Sinh phẩm xét nghiệm RT-PCR', 'test', 'test_kit'], ['OXY-40L', 'Bình ô xy 40 lít', 'bình', 'oxygen'], ['PPE-BO', 'Bộ quần áo bảo hộ', 'bộ', 'ppe'],
  ['CON-70', 'Cồn sát khuẩn 70 độ', 'lít', 'medicine'],
];

/** One F1 centralized-quarantine order in `F1_NO_SOURCE_EVERY` loses its source F0 (those whose id leaves 3). */
export const F1_NO_SOURCE_EVERY = 25;
/** And in the anchor commune one F1 order in `F1_NO_SOURCE_ANCHOR_EVERY` (the 2nd, the 6th, …), so its eligibility list shows the missing link while its first orders stay payable. */
export const F1_NO_SOURCE_ANCHOR_EVERY = 4;

/**
 * The province's 2021 problem (the seeds' complaint): some F1 quarantine decisions never recorded
 * the source F0, and their NQ68 support stalled. The demo's tracing knows every source, so a small,
 * fixed share of the F1 centralized orders is left without it — the source person, edge kind,
 * group and date — before the support data is made (the facilities placed and released them
 * already). Deterministic: chosen by order id and order only.
 */
export async function leaveF1WithoutSource(db: Db, provinceCode: string, anchorCommune?: string): Promise<number> {
  const r = await sql`
    update quarantine_order o set source_person_id = null, source_kind = null, source_group_id = null, source_date = null
    where o.province_code = ${provinceCode} and o.status <> 'cancelled' and o.source_person_id is not null
      and (o.subject = 'f1' or (o.subject is null and o.kind = 'centralized'))
      and (o.id % ${F1_NO_SOURCE_EVERY} = 3
        or o.id in (select x.id from (
          select a.id, row_number() over (order by a.id) as n from quarantine_order a join person p on p.id = a.person_id
          where a.province_code = ${provinceCode} and p.commune_code = ${anchorCommune ?? ''} and a.status <> 'cancelled' and a.source_person_id is not null
            and (a.subject = 'f1' or (a.subject is null and a.kind = 'centralized')) and a.start_date >= ${NQ68_QD23.effectiveFrom}) x
          where x.n % ${F1_NO_SOURCE_ANCHOR_EVERY} = 2))`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function runDemoSupport(db: Db, provinceCode: string, asOf: string, communeCode?: string): Promise<SupportDemoSummary> {
  const none = { decisions: 0, accounts: 0, listLines: 0, movements: 0, donations: 0 };
  const done = await db.selectFrom('supply_item').select('id').where('province_code', '=', provinceCode).limit(1).executeTakeFirst();
  if (done) return none;

  await leaveF1WithoutSource(db, provinceCode, communeCode);
  const decisions = await sql`
    insert into support_decision (province_code, episode_kind, episode_id, decision_no, decision_date, issued_by)
    select o.province_code, 'quarantine_order', o.id, o.id || '/QĐ-UBND', o.start_date, 'Chủ tịch UBND huyện'
    from quarantine_order o
    where o.province_code = ${provinceCode} and o.status <> 'cancelled' and o.id % 8 <> 0
      and (o.subject in ('f1', 'case') or (o.subject is null and o.kind in ('centralized', 'medical_isolation')))
    union all
    select a.province_code, 'covid_case', a.case_id, a.case_id || '/QĐ-BV', min(a.admitted_on), 'Giám đốc cơ sở điều trị'
    from treatment_admission a where a.province_code = ${provinceCode} and a.case_id % 8 <> 0
    group by a.province_code, a.case_id
    on conflict do nothing`.execute(db);
  const accounts = await sql`
    insert into support_bank_account (person_id, province_code, method, bank_name, account_no, holder_name)
    select p.id, p.province_code, case when p.id % 10 < 6 then 'bank' else 'cash' end,
      case when p.id % 10 < 6 then (array['Agribank', 'Vietcombank', 'BIDV', 'VietinBank'])[p.id % 4 + 1] end,
      case when p.id % 10 < 6 then lpad((2500000000000 + p.id)::text, 13, '0') end,
      case when p.id % 10 < 6 then upper(p.full_name) end
    from person p
    where p.province_code = ${provinceCode} and p.id % 10 < 8
      and (exists (select 1 from quarantine_order o where o.person_id = p.id) or exists (select 1 from treatment_admission a where a.person_id = p.id))
    on conflict do nothing`.execute(db);

  let listLines = 0;
  const unit = communeCode ? await lookupUnit(db, communeCode) : undefined;
  if (unit && asOf >= NQ68_QD23.effectiveFrom) {
    const actor: Actor = { userId: 0, username: 'tramyte', role: 'commune_health', scopeKind: 'commune', scopeCode: unit.code, scopeOrgId: null, provinceCode, ip: null };
    const area = { province_code: provinceCode, district_code: unit.district_code ?? unit.parent_code ?? '', commune_code: unit.code };
    // Half the commune's complete lines: the rest stay to prepare on screen.
    try {
      const id = await prepareListIn(db, actor, { communeCode: unit.code, from: NQ68_QD23.effectiveFrom, to: asOf, note: 'Đợt 1' }, area, asOf);
      const lines = await db.selectFrom('support_payment_line').select(['id', 'person_id']).where('list_id', '=', id).orderBy('id').execute();
      const drop = lines.filter((_, i) => i % 2 === 1).map((l) => l.id);
      if (drop.length) {
        await db.deleteFrom('support_day_claim').where('line_id', 'in', drop).execute();
        await db.deleteFrom('support_bonus_claim').where('line_id', 'in', drop).execute();
        await db.deleteFrom('support_payment_line').where('id', 'in', drop).execute();
      }
      listLines = lines.length - drop.length;
    } catch (e) {
      // A commune with no complete line yet has no list to show.
      if ((e as { code?: string }).code !== 'NOTHING_TO_PAY') throw e;
    }
  }

  const items = await db.insertInto('supply_item').values(ITEMS.map(([code, name, unit, category]) => ({ province_code: provinceCode, code, name, unit, category })))
    .returning(['id', 'code']).execute();
  const itemId = new Map(items.map((i) => [i.code, i.id]));
  const facilities = await db.selectFrom('org_unit').select(['id']).where('province_code', '=', provinceCode).where('kind', 'in', ['quarantine_facility', 'treatment_facility'])
    .orderBy('id').limit(6).execute();
  const stock = new Map<string, number>();
  const rows: Array<{ facility_id: number; item_id: number; kind: 'receipt' | 'issue' | 'transfer_out' | 'transfer_in'; quantity: number; moved_on: string; reason: string | null; document_no: string | null; donation_id?: number | null }> = [];
  const add = (r: (typeof rows)[number]) => {
    const k = `${r.facility_id}:${r.item_id}`;
    stock.set(k, (stock.get(k) ?? 0) + r.quantity);
    rows.push(r);
  };
  const day = (n: number) => new Date(Date.parse(`${asOf}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  facilities.forEach((f, fi) => {
    ITEMS.forEach(([code], ii) => {
      const base = (fi + 2) * (ii + 3) * 20;
      add({ facility_id: f.id, item_id: itemId.get(code)!, kind: 'receipt', quantity: base, moved_on: day(30), reason: 'Sở Y tế cấp', document_no: `PN-${fi + 1}${ii + 1}` });
      // Every other facility has used most of what it got: below the threshold set below.
      add({ facility_id: f.id, item_id: itemId.get(code)!, kind: 'issue', quantity: -Math.round(base * (fi % 2 === 0 ? 0.9 : 0.4)), moved_on: day(7), reason: 'Cấp phát sử dụng', document_no: null });
    });
  });
  const [donations] = await Promise.all([
    db.insertInto('supply_donation').values([
      { province_code: provinceCode, donor: 'Công ty TNHH Fuhong Precision Component', kind: 'cash', item_id: null, quantity: null, value_vnd: 2_000_000_000, received_on: day(35), facility_id: null, purpose: 'Ủng hộ Quỹ phòng, chống dịch COVID-19 tỉnh' },
      { province_code: provinceCode, donor: 'Ngân hàng TMCP Công Thương Việt Nam', kind: 'cash', item_id: null, quantity: null, value_vnd: 500_000_000, received_on: day(28), facility_id: null, purpose: 'Mua sinh phẩm xét nghiệm' },
      { province_code: provinceCode, donor: 'Hội Chữ thập đỏ tỉnh', kind: 'cash', item_id: null, quantity: null, value_vnd: 150_000_000, received_on: day(20), facility_id: null, purpose: 'Suất ăn cho khu cách ly' },
      { province_code: provinceCode, donor: 'Tập đoàn Công nghiệp – Viễn thông Quân đội', kind: 'goods', item_id: itemId.get('TEST-NHANH')!, quantity: 5000, value_vnd: 600_000_000, received_on: day(14), facility_id: facilities[0]?.id ?? null, purpose: 'Tầm soát tại khu cách ly' },
      { province_code: provinceCode, donor: 'Công ty CP Dược phẩm Bắc Giang', kind: 'goods', item_id: itemId.get('PPE-BO')!, quantity: 1000, value_vnd: 120_000_000, received_on: day(10), facility_id: facilities[1]?.id ?? null, purpose: null },
    ]).returning(['id', 'item_id', 'quantity', 'facility_id', 'received_on', 'donor']).execute(),
    db.insertInto('supply_spending').values([
      { province_code: provinceCode, spent_on: day(26), item: 'Sinh phẩm xét nghiệm', amount_vnd: 450_000_000, purpose: 'Mua 30.000 test RT-PCR', document_no: 'UNC 045' },
      { province_code: provinceCode, spent_on: day(21), item: 'Suất ăn khu cách ly', amount_vnd: 96_000_000, purpose: '1.200 suất x 80.000 đồng', document_no: 'PC 112' },
      { province_code: provinceCode, spent_on: day(12), item: 'Ô xy y tế', amount_vnd: 84_000_000, purpose: 'Nạp 400 bình ô xy', document_no: 'UNC 071' },
      { province_code: provinceCode, spent_on: day(5), item: 'Suất ăn khu cách ly', amount_vnd: 64_000_000, purpose: '800 suất', document_no: 'PC 131' },
    ]).execute(),
  ]);
  for (const d of donations) {
    if (d.facility_id && d.item_id && d.quantity) add({ facility_id: d.facility_id, item_id: d.item_id, kind: 'receipt', quantity: d.quantity, moved_on: d.received_on, reason: `Tài trợ: ${d.donor}`, document_no: null, donation_id: d.id });
  }
  if (facilities.length >= 2) {
    const kit = itemId.get('TEST-NHANH')!;
    add({ facility_id: facilities[0]!.id, item_id: kit, kind: 'transfer_out', quantity: -1000, moved_on: day(3), reason: 'Điều chuyển hỗ trợ', document_no: 'PX-DC-01' });
    add({ facility_id: facilities[1]!.id, item_id: kit, kind: 'transfer_in', quantity: 1000, moved_on: day(3), reason: 'Điều chuyển hỗ trợ', document_no: 'PX-DC-01' });
  }
  const ids = rows.length
    ? (await db.insertInto('supply_movement').values(rows.map((r) => ({ ...r, province_code: provinceCode, donation_id: r.donation_id ?? null }))).returning('id').execute()).map((r) => r.id)
    : [];
  // Link the two legs of the transfer (the last two rows).
  if (facilities.length >= 2) {
    const [outId, inId] = ids.slice(-2) as [number, number];
    await db.updateTable('supply_movement').set({ linked_id: inId }).where('id', '=', outId).execute();
    await db.updateTable('supply_movement').set({ linked_id: outId }).where('id', '=', inId).execute();
  }
  if (stock.size) {
    await db.insertInto('supply_stock').values([...stock].map(([k, quantity]) => {
      const [facility, item] = k.split(':').map(Number) as [number, number];
      const code = items.find((i) => i.id === item)!.code;
      return { facility_id: facility, item_id: item, province_code: provinceCode, quantity, min_quantity: code.startsWith('OXY') ? 60 : 150 };
    })).execute();
  }
  return { decisions: Number(decisions.numAffectedRows ?? 0), accounts: Number(accounts.numAffectedRows ?? 0), listLines, movements: rows.length, donations: donations.length };
}
