/**
 * Demo community work (issue 9), as of the demo day: a team for each village of the communes
 * with the most cases (and the demo users' commune), the day's home-quarantine checks and a few
 * visits as their tasks, two pharmacies with sales reports (each a follow-up for the buyer's
 * commune health station) and violations of the wave. Idempotent: a province that has teams is
 * left alone.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../lib/time.ts';
import { villageName } from '../people/village.ts';
import { MEDICINE_GROUPS, MEDICINE_LABEL, VIOLATION_KINDS } from './community.domain.ts';
import { createTeamTasks, type TeamTaskInput, villageKeyText } from './community.tasks.ts';

export interface CommunityDemoSummary { teams: number; tasks: number; pharmacies: number; saleReports: number; violations: number }

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Đức', 'Thu', 'Hữu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dung', 'Hà', 'Hùng', 'Lan', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Tuấn'];

/** A small deterministic generator: the demo is the same every time. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const ZERO: CommunityDemoSummary = { teams: 0, tasks: 0, pharmacies: 0, saleReports: 0, violations: 0 };

export async function runDemoCommunity(db: Db, provinceCode: string, asOf: string, anchorCommune?: string | null): Promise<CommunityDemoSummary> {
  const had = await db.selectFrom('community_team').select('id').where('province_code', '=', provinceCode).limit(1).executeTakeFirst();
  if (had) return ZERO;
  const r = rng(20210610);
  const name = () => `${FAMILY[r(FAMILY.length)]} ${MIDDLE[r(MIDDLE.length)]} ${GIVEN[r(GIVEN.length)]}`;
  const phone = () => `09${String(10_000_000 + r(89_999_999)).padStart(8, '0')}`;

  // Communes with the most cases by the demo day, and the demo users' commune.
  const top = await db.selectFrom('covid_case').select(['commune_code', sql<number>`count(*)::int`.as('n')])
    .where('province_code', '=', provinceCode).where('confirmation_date', '<=', asOf)
    .groupBy('commune_code').orderBy(sql`count(*)`, 'desc').orderBy('commune_code').limit(10).execute();
  const communes = [...new Set([...(anchorCommune ? [anchorCommune] : []), ...top.map((t) => t.commune_code)])];
  if (communes.length === 0) return ZERO;
  const units = await db.selectFrom('admin_unit').select(['code', 'district_code']).where('code', 'in', communes).execute();
  const districtOf = new Map(units.map((u) => [u.code, u.district_code!]));

  const villages = await db.selectFrom('person as p').where('p.commune_code', 'in', communes).where('p.address_detail', 'is not', null)
    .select(['p.commune_code', villageName('p').as('village'), sql<number>`count(*)::int`.as('n')])
    .groupBy(['p.commune_code', villageName('p')]).orderBy('p.commune_code').orderBy(sql`count(*)`, 'desc').execute();
  const teamRows: Array<{ province_code: string; district_code: string; commune_code: string; village: string; village_key: string; name: string; leader_name: string; leader_phone: string }> = [];
  const seen = new Set<string>();
  const perCommune = new Map<string, number>();
  for (const v of villages) {
    const key = villageKeyText(v.village);
    const district = districtOf.get(v.commune_code);
    if (!key || !district || seen.has(`${v.commune_code}|${key}`) || (perCommune.get(v.commune_code) ?? 0) >= 30) continue;
    seen.add(`${v.commune_code}|${key}`);
    perCommune.set(v.commune_code, (perCommune.get(v.commune_code) ?? 0) + 1);
    teamRows.push({
      province_code: provinceCode, district_code: district, commune_code: v.commune_code, village: v.village, village_key: key,
      name: `Tổ COVID cộng đồng ${v.village}`, leader_name: name(), leader_phone: phone(),
    });
  }
  const teams = teamRows.length ? await db.insertInto('community_team').values(teamRows).returning(['id', 'leader_name', 'leader_phone']).execute() : [];
  const members = teams.flatMap((t) => [
    { team_id: t.id, full_name: t.leader_name!, phone: t.leader_phone, team_role: 'leader' },
    { team_id: t.id, full_name: name(), phone: phone(), team_role: 'member' },
    { team_id: t.id, full_name: name(), phone: phone(), team_role: 'member' },
  ]);
  for (let i = 0; i < members.length; i += 1000) await db.insertInto('community_team_member').values(members.slice(i, i + 1000)).execute();

  // The day's home-quarantine checks: home orders in force and home monitoring after release (as
  // the quarantine module's home-monitoring list counts them), without a check that day.
  const home = await db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .select(['o.id', 'o.person_id', 'o.subject', 'o.status', 'p.full_name', 'p.district_code', 'p.commune_code', 'p.address_detail'])
    .where('o.province_code', '=', provinceCode).where('p.commune_code', 'in', communes)
    .where((eb) => eb.or([
      eb.and([eb('o.kind', '=', 'home'), eb('o.status', '=', 'active'), eb('o.start_date', '<=', asOf)]),
      eb.and([eb('o.status', '=', 'released'), eb('o.released_on', '<', asOf), eb('o.home_monitoring_until', '>=', asOf)]),
    ]))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('home_check as h').select('h.id').whereRef('h.order_id', '=', 'o.id').where('h.check_date', '=', asOf))))
    .orderBy('o.id').execute();
  const tasks: TeamTaskInput[] = home.map((o) => ({
    provinceCode, districtCode: o.district_code, communeCode: o.commune_code, villageCode: o.address_detail, personId: o.person_id,
    kind: 'home_quarantine_check', sourceKind: `home_check:${asOf}`, sourceId: o.id, dueDate: asOf, title: `Kiểm tra cách ly tại nhà: ${o.full_name}`,
    detail: { orderId: o.id, monitoringKind: o.status === 'released' ? 'after_release' : o.subject === 'f2' ? 'f2_monitoring' : 'home_quarantine' },
  }));
  // A few visits in the demo users' commune: people back from an epidemic area, an abnormal declaration.
  const visitCommune = anchorCommune ?? communes[0]!;
  const visitors = await db.selectFrom('person').select(['id', 'full_name', 'district_code', 'commune_code', 'address_detail'])
    .where('commune_code', '=', visitCommune).orderBy('id').limit(4).execute();
  visitors.forEach((p, i) => tasks.push({
    provinceCode, districtCode: p.district_code, communeCode: p.commune_code, villageCode: p.address_detail, personId: p.id,
    kind: i % 2 === 0 ? 'arrival_visit' : 'declaration_visit', sourceKind: 'demo_visit', sourceId: p.id, dueDate: addDays(asOf, i - 3),
    title: i % 2 === 0 ? `Thăm người về từ vùng dịch: ${p.full_name}` : `Xác minh tờ khai y tế bất thường: ${p.full_name}`,
    detail: i % 2 === 0 ? { from: 'Bắc Giang → Bắc Ninh', arrivedOn: addDays(asOf, i - 4) } : { symptoms: 'ho, sốt nhẹ' },
  }));
  let created = await createTeamTasks(db, tasks);

  // Two pharmacies of the demo users' district, each with sales to the district's residents.
  const district = districtOf.get(visitCommune)!;
  const districtCommunes = (await db.selectFrom('admin_unit').select('code').where('level', '=', 'commune').where('district_code', '=', district).orderBy('code').execute()).map((c) => c.code);
  const pharmacies = await db.insertInto('org_unit').values([
    { kind: 'pharmacy', name: 'Nhà thuốc Minh Tâm', code: `${provinceCode}-NT-0001`, province_code: provinceCode, district_code: district, commune_code: visitCommune, address_detail: 'Số 12 đường Trung tâm', attrs: JSON.stringify({ ownerName: 'Ngô Thị Minh Tâm', phone: '0912000111' }) },
    { kind: 'pharmacy', name: 'Quầy thuốc Phúc An', code: `${provinceCode}-NT-0002`, province_code: provinceCode, district_code: district, commune_code: districtCommunes[r(districtCommunes.length)] ?? visitCommune, address_detail: 'Chợ xã', attrs: JSON.stringify({ ownerName: 'Vũ Văn Phúc', phone: '0913000222' }) },
  ]).returning(['id', 'name']).execute();
  const sales: TeamTaskInput[] = [];
  let saleReports = 0;
  for (let i = 0; i < 8; i++) {
    const ph = pharmacies[i % 2]!;
    const buyerCommune = i < 3 ? visitCommune : districtCommunes[r(districtCommunes.length)] ?? visitCommune;
    const group = MEDICINE_GROUPS[i % 3]!;
    const soldOn = addDays(asOf, -(i % 4));
    const buyer = name();
    const row = {
      pharmacy_id: ph.id, province_code: provinceCode, sold_on: soldOn, medicine_group: group, medicine_name: group === 'fever' ? 'Paracetamol 500 mg' : group === 'cough' ? 'Siro ho' : 'Viên ngậm đau họng',
      buyer_name: buyer, buyer_phone: phone(), buyer_district_code: district, buyer_commune_code: buyerCommune, buyer_address_detail: `Thôn ${GIVEN[r(GIVEN.length)]}`,
    };
    const { id } = await db.insertInto('pharmacy_sale_report').values(row).returning('id').executeTakeFirstOrThrow();
    saleReports++;
    sales.push({
      provinceCode, districtCode: district, communeCode: buyerCommune, villageCode: null, personId: null, kind: 'pharmacy_followup', sourceKind: 'pharmacy_sale', sourceId: id,
      dueDate: addDays(soldOn, 1), title: `Theo dõi người mua thuốc ${MEDICINE_LABEL[group].toLowerCase()}: ${buyer}`,
      detail: { buyerName: buyer, buyerPhone: row.buyer_phone, buyerAddress: row.buyer_address_detail, medicineGroup: group, medicineName: row.medicine_name, pharmacyId: ph.id, pharmacyName: ph.name, soldOn },
    });
  }
  created += await createTeamTasks(db, sales);
  // The older follow-ups are done: a rapid test, negative.
  await db.updateTable('team_task').set({ status: 'done', result: 'tested', outcome: 'Đã test nhanh, âm tính', outcome_data: JSON.stringify({ tested: true, testResult: 'negative' }), done_at: new Date(`${asOf}T09:00:00+07:00`) })
    .where('kind', '=', 'pharmacy_followup').where('province_code', '=', provinceCode).where('due_date', '<', asOf).execute();

  // Violations of the last two weeks in the communes with cases.
  const places = ['Chợ trung tâm', 'Quán cà phê ven đường', 'Sân bóng thôn', 'Nơi cách ly tại nhà', 'Chốt kiểm soát'];
  const violations = Array.from({ length: 24 }, (_, i) => {
    const commune = communes[i % communes.length]!;
    const kind = VIOLATION_KINDS[i % VIOLATION_KINDS.length]!;
    const fine = kind === 'no_mask' ? 2_000_000 : kind === 'gathering' ? 1_500_000 : kind === 'leaving_quarantine' ? 15_000_000 : kind === 'false_declaration' ? 10_000_000 : 1_000_000;
    // Drawn, not i % 4: with 4 or 8 communes every violation of a commune would share one status.
    const roll = r(4);
    const status = roll === 0 ? 'recorded' as const : roll === 1 ? 'decided' as const : 'paid' as const;
    const org = kind === 'gathering' && i % 2 === 0;
    return {
      province_code: provinceCode, district_code: districtOf.get(commune)!, commune_code: commune, kind, occurred_on: addDays(asOf, -(i % 14)),
      place_detail: places[i % places.length]!, offender_kind: org ? 'organisation' as const : 'person' as const, offender_name: org ? `Hộ kinh doanh ${GIVEN[r(GIVEN.length)]}` : name(),
      decision_no: status === 'recorded' ? null : `${100 + i}/QĐ-XPHC`, fine_vnd: fine, status,
    };
  });
  await db.insertInto('violation').values(violations).execute();
  return { teams: teams.length, tasks: created, pharmacies: pharmacies.length, saleReports, violations: violations.length };
}

/** The demo pharmacy user's pharmacy: the first registered in the province. */
export async function demoPharmacyAnchor(db: Db, provinceCode: string): Promise<number | null> {
  const r = await db.selectFrom('org_unit').select('id').where('province_code', '=', provinceCode).where('kind', '=', 'pharmacy').orderBy('id').executeTakeFirst();
  return r?.id ?? null;
}
