/**
 * The demo province's arrivals: one checkpoint per district on its main road (at the located
 * households of the district's first commune), arrivals during the four weeks to the as-of day
 * (residents coming back from Bắc Ninh, Hà Nội and the other hot spots, long-haul drivers and
 * postal staff) with the measure of the arrival rule in force, and health declarations, about one
 * in four abnormal, the older ones called. About one arrival per 250 people. Measures of arrivals
 * older than 3 days are recorded as carried out (the demo does not model those orders); newer ones
 * wait, with the community team's visit. Skipped when the province has checkpoints.
 */
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ArrivalCategory, ArrivalTable, CallStatus, HealthDeclarationTable, OriginLevel } from '../../db/schema.ts';
import { addDays } from '../../lib/time.ts';
import { createTeamTasks, type TeamTaskInput } from '../community/community.tasks.ts';
import { stableUnit } from '../demo/rng.ts';
import { ARRIVAL_RULE_VERSIONS, arrivalActionFor, arrivalRuleInForce } from './arrivals.rules.ts';
import { abnormalReasons, type CallOutcome, statusAfterCall, SYMPTOMS } from './declarations.domain.ts';

export interface ArrivalsDemoSummary { checkpoints: number; arrivals: number; declarations: number; abnormal: number; calls: number }

const ROADS = ['QL1A', 'QL31', 'QL37', 'QL17', 'QL279', 'ĐT398', 'ĐT295', 'QL3', 'ĐT293', 'ĐT242'];
const ORIGINS: ReadonlyArray<readonly [string, OriginLevel]> = [['27', 'epidemic_zone'], ['27', 'lockdown'], ['01', 'epidemic_zone'], ['79', 'epidemic_zone'], ['48', 'none'], ['20', 'none'], ['19', 'none'], ['33', 'none']];
const STREAM = 0xa77;
const pick = <T>(list: readonly T[], u: number): T => list[Math.min(list.length - 1, Math.floor(u * list.length))]!;
const at = (day: string, hour: number, minute: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`);

export async function runDemoArrivals(db: Db, provinceCode: string, asOf: string, anchorCommune: string | null): Promise<ArrivalsDemoSummary> {
  const summary: ArrivalsDemoSummary = { checkpoints: 0, arrivals: 0, declarations: 0, abnormal: 0, calls: 0 };
  const done = await db.selectFrom('org_unit').select('id').where('kind', '=', 'checkpoint').where('province_code', '=', provinceCode).limit(1).execute();
  if (done.length > 0) return summary;

  // ---- checkpoints: the district's first commune with located households, a little off their centre (on the road in).
  const places = await sql<{ district_code: string; district_name: string; commune_code: string; lon: number; lat: number }>`
    select distinct on (c.parent_code) c.parent_code as district_code, d.name as district_name, c.code as commune_code, avg(g.lon)::float8 as lon, avg(g.lat)::float8 as lat
    from admin_unit c join admin_unit d on d.code = c.parent_code
    join contact_group g on g.commune_code = c.code and g.kind = 'household' and g.lon is not null
    where c.level = 'commune' and c.province_code = ${provinceCode}
    group by c.parent_code, d.name, c.code order by c.parent_code, c.code`.execute(db);
  const cps: Array<{ id: number; district: string; commune: string }> = [];
  for (const [i, p] of places.rows.entries()) {
    const road = ROADS[i % ROADS.length]!;
    const u = await db.insertInto('org_unit').values({
      kind: 'checkpoint', name: `Chốt ${road} – ${p.district_name}`, province_code: provinceCode, district_code: p.district_code, commune_code: p.commune_code,
      address_detail: `Cửa ngõ ${road}`, lon: Number(p.lon) + 0.012, lat: Number(p.lat) - 0.008,
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('checkpoint').values({
      org_unit_id: u.id, province_code: provinceCode, road, status: 'active',
      staff: JSON.stringify([{ name: 'Tổ công an xã', unit: 'Công an' }, { name: 'Trạm Y tế xã', unit: 'Y tế' }, { name: 'Đoàn Thanh niên', unit: 'Đoàn TN' }]),
      shifts: JSON.stringify([{ name: 'Ca 1', start: '06:00', end: '14:00' }, { name: 'Ca 2', start: '14:00', end: '22:00' }, { name: 'Ca 3', start: '22:00', end: '06:00' }]), created_by: null,
    }).execute();
    cps.push({ id: u.id, district: p.district_code, commune: p.commune_code });
  }
  summary.checkpoints = cps.length;
  if (cps.length === 0) return summary;

  // ---- arrivals: residents sampled across the province by a stable draw on their id.
  const { n } = await db.selectFrom('person').select(sql<number>`count(*)::int`.as('n')).where('province_code', '=', provinceCode).executeTakeFirstOrThrow();
  const wanted = Math.max(40, Math.round(Number(n) / 250));
  const step = Math.max(1, Math.floor(Number(n) / wanted));
  const people = await sql<{ id: number; full_name: string; district_code: string; commune_code: string; address_detail: string | null }>`
    select id, full_name, district_code, commune_code, address_detail from person where province_code = ${provinceCode} and id % ${step} = 0 order by id limit ${wanted}`.execute(db);
  const cpOfDistrict = new Map(cps.map((c) => [c.district, c.id]));
  const rule = (day: string) => arrivalRuleInForce(day, ARRIVAL_RULE_VERSIONS)!;
  const rows: Array<Insertable<ArrivalTable>> = [];
  const visits: Array<Omit<TeamTaskInput, 'sourceId'> & { index: number }> = [];
  for (const p of people.rows) {
    const u = (salt: number) => stableUnit(STREAM, p.id, salt);
    const day = addDays(asOf, -Math.floor(u(1) * 28));
    const arrivedAt = at(day, 5 + Math.floor(u(2) * 16), Math.floor(u(3) * 60));
    const c = u(4);
    const category: ArrivalCategory = c < 0.7 ? 'ordinary' : c < 0.9 ? 'long_haul_driver' : 'postal_staff';
    const [origin, level] = pick(ORIGINS, u(5));
    const transport = category !== 'ordinary';
    const testAt = transport && u(6) < 0.8 ? new Date(arrivedAt.getTime() - (6 + u(7) * (u(8) < 0.85 ? 60 : 100)) * 3_600_000) : null;
    const route = transport && u(9) < 0.9 ? `${origin === '27' ? 'Bắc Ninh' : origin === '01' ? 'Hà Nội' : 'Tỉnh ngoài'} – QL1A – ${p.district_code}` : null;
    const r = rule(day);
    const d = arrivalActionFor({ originLevel: level, category, arrivedAt, testAt, route }, r);
    const recent = day > addDays(asOf, -3);
    rows.push({
      province_code: provinceCode, person_id: p.id, source: 'demo', checkpoint_id: u(10) < 0.75 ? cpOfDistrict.get(p.district_code) ?? cps[0]!.id : null,
      arrived_at: arrivedAt, arrival_date: day, origin_province_code: origin, origin_district_code: null, origin_level: level,
      means: transport ? (category === 'postal_staff' ? 'car' : 'truck') : pick(['motorbike', 'car', 'bus'] as const, u(11)), purpose: transport ? 'Vận chuyển hàng hóa' : pick(['Về quê', 'Đi làm', 'Thăm người thân'], u(12)),
      district_code: p.district_code, commune_code: p.commune_code, dest_address: p.address_detail, category,
      vehicle_plate: transport ? `${pick(['98C', '29C', '99C', '51D'], u(13))}-${String(10000 + Math.floor(u(14) * 89999)).replace(/(\d{3})(\d{2})$/, '$1.$2')}` : null,
      route, test_type: testAt ? (u(15) < 0.6 ? 'rt_pcr' : 'rapid') : null, test_at: testAt, rule_code: r.code, action: d.action, action_days: d.days, action_hours: d.hours,
      action_status: d.action === 'none' ? 'none' : recent ? 'pending' : 'applied', quarantine_order_id: null, created_by: null,
    });
    if (recent && category === 'ordinary' && d.action !== 'none') {
      visits.push({
        index: rows.length - 1, provinceCode, districtCode: p.district_code, communeCode: p.commune_code, villageCode: p.address_detail, personId: p.id, kind: 'arrival_visit',
        sourceKind: 'arrival', dueDate: addDays(day, 1), title: `Thăm người về từ vùng dịch: ${p.full_name}`, detail: { action: d.action, days: d.days, hours: d.hours },
      });
    }
  }
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 1000) ids.push(...(await db.insertInto('arrival').values(rows.slice(i, i + 1000)).returning('id').execute()).map((r) => r.id));
  await createTeamTasks(db, visits.map(({ index, ...v }) => ({ ...v, sourceId: ids[index]! })));
  summary.arrivals = ids.length;

  // ---- health declarations: other residents (and more in the anchor commune, so its station has a call list).
  const declarants = await sql<{ id: number; district_code: string; commune_code: string; anchor: boolean }>`
    (select id, district_code, commune_code, false as anchor from person where province_code = ${provinceCode} and id % ${step} = 1 order by id limit ${wanted})
    union all
    (select id, district_code, commune_code, true as anchor from person where commune_code = ${anchorCommune ?? ''} and id % 7 = 3 order by id limit 24)`.execute(db);
  const decl: Array<Insertable<HealthDeclarationTable>> = [];
  const outcomes: Array<CallOutcome[]> = [];
  const epidemic = new Set(ARRIVAL_RULE_VERSIONS[0]!.epidemicProvinces);
  for (const [i, p] of declarants.rows.entries()) {
    const u = (salt: number) => stableUnit(STREAM + 1, p.id + i * 1_000_003, salt);
    // In the anchor commune every other declaration is abnormal and some are recent, so its station has a list to work.
    const day = p.anchor ? addDays(asOf, -(i % 6)) : addDays(asOf, -Math.floor(u(1) * 14));
    const abnormalDraw = p.anchor ? i % 2 === 0 : u(2) < 0.28;
    const drawn = SYMPTOMS.filter((_, k) => u(10 + k) < 0.3).slice(0, 3);
    const symptoms = abnormalDraw && u(3) < 0.6 ? (drawn.length ? drawn : [SYMPTOMS[Math.floor(u(16) * SYMPTOMS.length)]!]) : [];
    const contactF0 = abnormalDraw && symptoms.length === 0 && u(4) < 0.5;
    const travel = u(5) < 0.15 ? pick(['27', '01', '79', '20', '33'], u(6)) : null;
    const travelEpidemic = !!travel && epidemic.has(travel);
    const visitedOutbreak = abnormalDraw && symptoms.length === 0 && !contactF0 && !travelEpidemic;
    const reasons = abnormalReasons({ symptoms, contactF0, visitedOutbreak, travelFromEpidemicArea: travelEpidemic });
    // Declarations of the last 2 days are still to call; older ones were called once or twice.
    const calls: CallOutcome[] = [];
    if (reasons.length && day <= addDays(asOf, -2)) {
      const o = u(7);
      if (o < 0.15) calls.push('not_reached');
      else if (o < 0.3) calls.push('not_reached', 'reached');
      else if (o < 0.45) calls.push('referred');
      else if (o < 0.55) calls.push('no_action');
      else calls.push('reached');
    }
    const status: CallStatus = !reasons.length ? 'not_needed' : calls.length ? statusAfterCall(calls[calls.length - 1]!) : 'to_call';
    decl.push({
      province_code: provinceCode, district_code: p.district_code, commune_code: p.commune_code, person_id: p.id, declared_at: at(day, 7 + Math.floor(u(8) * 13), Math.floor(u(9) * 60)),
      symptoms: JSON.stringify(symptoms), contact_f0: contactF0, visited_outbreak: visitedOutbreak, travel_province_code: travel, travel_epidemic: travelEpidemic,
      abnormal: reasons.length > 0, reasons: JSON.stringify(reasons), call_status: status, call_attempts: calls.length,
      last_called_at: calls.length ? at(addDays(day, 1), 9, 0) : null, source: 'demo',
    });
    outcomes.push(calls);
  }
  const declIds: number[] = [];
  for (let i = 0; i < decl.length; i += 1000) declIds.push(...(await db.insertInto('health_declaration').values(decl.slice(i, i + 1000)).returning('id').execute()).map((r) => r.id));
  const callRows = outcomes.flatMap((calls, i) => calls.map((outcome, k) => ({
    declaration_id: declIds[i]!, outcome, note: outcome === 'not_reached' ? 'Không nghe máy' : null, called_by: null, called_at: at(addDays(vnDay(decl[i]!.declared_at as Date), 1), 9 + k * 3, 0),
  })));
  for (let i = 0; i < callRows.length; i += 1000) await db.insertInto('declaration_call').values(callRows.slice(i, i + 1000)).execute();
  await createTeamTasks(db, outcomes.flatMap((calls, i) => (calls.at(-1) === 'referred' ? [{
    provinceCode, districtCode: decl[i]!.district_code, communeCode: decl[i]!.commune_code, personId: decl[i]!.person_id, kind: 'declaration_visit' as const,
    sourceKind: 'health_declaration', sourceId: declIds[i]!, dueDate: addDays(vnDay(decl[i]!.declared_at as Date), 2), title: 'Đưa đi xét nghiệm theo tờ khai y tế',
  }] : [])));
  summary.declarations = declIds.length;
  summary.abnormal = decl.filter((d) => d.abnormal).length;
  summary.calls = callRows.length;
  return summary;
}

/** Vietnam's calendar day of an instant the demo made (at +07:00). */
function vnDay(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
