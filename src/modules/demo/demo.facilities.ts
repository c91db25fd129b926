/**
 * The demo province's facilities run as the province ran them: quarantine centres with rooms in
 * zones kept to one risk group, F1s placed day by day into free rooms near home, sampled on the
 * rule's test days and released when their stay ended with negative results; F2s released
 * when their source F1 first tested negative; F1s who turned positive ended as cases; and every
 * case in treatment admitted to the tier of its risk group while beds allowed (the case register
 * then names its facility). Everything is computed with
 * the same pure rules the application uses, so the demo's lists agree with its pages.
 */
import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FacilityTable, QuarantineOrderEventTable, SampleTable, TreatmentAdmissionTable } from '../../db/schema.ts';
import { addDays } from '../../lib/time.ts';
import { type QuarantinePlan, type RiskGroup, quarantinePlanFor, ruleVersionInForce } from '../quarantine/quarantine.rules.ts';
import { type CareLevel, type F0RiskGroup, bedKindFor, careLevelFor } from '../treatment/treatment.rules.ts';
import { stableUnit } from './rng.ts';

const BATCH = 2000;
const ROOM_SIZE = 8;
/** Zone per risk group: a zone (and so each of its rooms) holds one risk group only. */
const ZONE_OF: Record<RiskGroup, string> = { high: 'A', medium: 'B', low: 'C' };
const STAFF = ['Nguyễn Văn Hùng', 'Trần Thị Lan', 'Lê Văn Dũng', 'Phạm Thị Hà', 'Hoàng Văn Nam', 'Vũ Thị Hoa', 'Đỗ Văn Thắng', 'Ngô Thị Mai'];

const FACILITIES_STREAM = 0x9e3779b9;
const unit = (id: number, salt: number) => stableUnit(FACILITIES_STREAM, id, salt);

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

interface Room { id: number; facilityId: number; district: string | null; zone: string; capacity: number; until: string[] }

export interface FacilitySummary { facilities: number; rooms: number; placed: number; released: number; samples: number; admissions: number }

export async function runDemoFacilities(db: Db, provinceCode: string, asOf: string): Promise<FacilitySummary> {
  const units = await db.selectFrom('org_unit').select(['id', 'kind', 'district_code', 'address_detail', 'attrs'])
    .where('province_code', '=', provinceCode).where('kind', 'in', ['quarantine_facility', 'treatment_facility']).orderBy('id').execute();
  const facilityRows: Array<Insertable<FacilityTable>> = units.map((u, i) => {
    const a = u.attrs as { capacity?: number; level?: 'province' | 'district'; tier?: number; beds?: number; icu?: number };
    const base = { org_unit_id: u.id, province_code: provinceCode, staff_name: STAFF[i % STAFF.length]!, status: 'open' as const };
    if (u.kind === 'quarantine_facility') {
      return { ...base, kind: 'quarantine', category: /Trường/.test(u.address_detail ?? '') ? 'school' : 'other', level: a.level ?? 'district', capacity: a.capacity ?? 100 };
    }
    const beds = a.beds ?? 50, icu = a.icu ?? 0, tier = a.tier ?? 1;
    const oxygen = tier === 1 ? 0 : tier === 2 ? beds - icu : Math.floor((beds - icu) / 2);
    return { ...base, kind: 'treatment', category: tier === 1 ? 'field_hospital' : 'hospital', tier, beds_normal: beds - icu - oxygen, beds_oxygen: oxygen, beds_icu: icu };
  });
  if (facilityRows.length) await db.insertInto('facility').values(facilityRows).execute();

  // Rooms of 8 places in three zones, one per risk group, in proportion to the risk mix.
  const roomRows: Array<{ facility_id: number; zone: string; label: string; capacity: number }> = [];
  for (const f of facilityRows.filter((x) => x.kind === 'quarantine')) {
    const count = Math.max(3, Math.ceil((f.capacity ?? 0) / ROOM_SIZE));
    for (let r = 0; r < count; r++) {
      const zone = r % 5 < 2 ? 'A' : r % 5 < 4 ? 'B' : 'C';
      roomRows.push({ facility_id: f.org_unit_id, zone, label: `${zone}${String(r + 1).padStart(3, '0')}`, capacity: ROOM_SIZE });
    }
  }
  const districtOf = new Map(units.map((u) => [u.id, u.district_code]));
  const rooms: Room[] = [];
  await insertAll(roomRows, async (chunk) => {
    for (const r of await db.insertInto('facility_room').values(chunk).returning(['id', 'facility_id', 'zone', 'capacity']).execute()) {
      rooms.push({ id: r.id, facilityId: r.facility_id, district: districtOf.get(r.facility_id) ?? null, zone: r.zone!, capacity: r.capacity, until: [] });
    }
  });

  const roomsByZone = new Map<string, Room[]>();
  for (const r of rooms) roomsByZone.set(r.zone, [...(roomsByZone.get(r.zone) ?? []), r]);
  const orders = await db.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
    .leftJoin('person as s', 's.id', 'o.source_person_id')
    .select(['o.id', 'o.person_id', 'o.kind', 'o.start_date', 'o.source_person_id', 'p.household_id', 'p.district_code', 's.household_id as source_household'])
    .where('o.province_code', '=', provinceCode).orderBy('o.start_date').orderBy('o.id').execute();
  const cases = await db.selectFrom('covid_case').select(['id', 'person_id', 'sample_date', 'confirmation_date', 'isolation_date', 'status'])
    .where('province_code', '=', provinceCode).execute();
  const caseOf = new Map(cases.map((c) => [c.person_id, c]));
  const ended = new Map((await db.selectFrom('case_status_event as e').innerJoin('covid_case as c', 'c.id', 'e.case_id')
    .select(['e.case_id', 'e.effective_date']).where('c.province_code', '=', provinceCode).where('e.status', 'in', ['recovered', 'died']).execute())
    .map((e) => [e.case_id, e.effective_date]));

  const samples: Array<Insertable<SampleTable>> = [];
  const events: Array<Insertable<QuarantineOrderEventTable>> = [];
  const sample = (person: number, orderId: number, on: string, result: 'negative' | 'positive') => {
    const resulted = addDays(on, 1) <= asOf ? addDays(on, 1) : on;
    samples.push({ province_code: provinceCode, person_id: person, barcode: null, method: 'rt_pcr', purpose: 'quarantine', order_id: orderId, taken_on: on, result, resulted_on: resulted, ct: null, lab: 'CDC Bắc Giang', created_by: null });
  };
  // First negative test of each F1 (for its F2s' release).
  const firstNegative = new Map<number, string[]>();
  const updates: Array<{ id: number; set: Record<string, unknown> }> = [];
  let placed = 0, released = 0;

  for (const o of orders) {
    const c = caseOf.get(o.person_id);
    if (o.kind === 'medical_isolation') {
      updates.push({ id: o.id, set: { subject: 'case', ...(c && ended.has(c.id) ? { status: 'released', end_date: ended.get(c.id), released_on: ended.get(c.id) } : {}) } });
      continue;
    }
    const subject = o.kind === 'centralized' ? 'f1' : 'f2';
    const risk: RiskGroup = o.source_household !== null && o.source_household === o.household_id ? 'high' : unit(o.person_id, 1) < 0.5 ? 'medium' : 'low';
    const rule = ruleVersionInForce(o.start_date);
    if (!rule) continue;
    const plan: QuarantinePlan = quarantinePlanFor({ startDate: o.start_date, subject, vaccinatedOrRecovered: false }, rule);
    const set: Record<string, unknown> = {
      subject, risk_group: subject === 'f1' ? risk : null, rule_code: rule.code, last_day: plan.lastDay, release_date: plan.releaseDate, test_dates: plan.testDates,
      home_monitoring_until: plan.homeMonitoringUntil,
    };
    // Turned positive during the stay: the order ends on the sample date.
    const positive = c && (plan.lastDay === null || c.sample_date <= plan.lastDay) ? (c.sample_date > o.start_date ? c.sample_date : o.start_date) : null;
    if (subject === 'f2') {
      updates.push({ id: o.id, set: positive ? { ...set, status: 'became_case', end_date: positive } : set });
      continue;
    }
    const negatives = plan.testDates.filter((d) => d <= asOf && (positive ? d < positive : d <= plan.lastDay!));
    // A few people near the end of their stay missed the last required test: the release list holds them.
    const lastTest = plan.testDates.at(-1)!;
    const missed = !positive && negatives.at(-1) === lastTest && lastTest >= addDays(asOf, -3) && unit(o.id, 2) < 0.1;
    if (missed) negatives.pop();
    for (const d of negatives) sample(o.person_id, o.id, d, 'negative');
    if (positive) sample(o.person_id, o.id, positive, 'positive');
    firstNegative.set(o.person_id, [...(firstNegative.get(o.person_id) ?? []), ...negatives]);

    // Placement: the day's new F1s wait for the operator; others go to a room of their risk zone, near home first.
    const room = o.start_date < asOf ? freeRoom(roomsByZone, ZONE_OF[risk], o.district_code, o.start_date) : undefined;
    const releasedOn = !positive && !missed && plan.lastDay! < asOf ? plan.lastDay! : null;
    if (room) {
      room.until.push(positive ?? releasedOn ?? '9999-12-31');
      set.facility_id = room.facilityId;
      set.room_id = room.id;
      placed++;
      events.push({ order_id: o.id, kind: 'placed', event_date: o.start_date, from_room_id: null, to_room_id: room.id, reason: null, detail: null, actor_id: null });
    }
    if (positive) {
      Object.assign(set, { status: 'became_case', end_date: positive });
      events.push({ order_id: o.id, kind: 'became_case', event_date: positive, from_room_id: room?.id ?? null, to_room_id: null, reason: null, detail: null, actor_id: null });
    } else if (releasedOn) {
      Object.assign(set, { status: 'released', end_date: releasedOn, released_on: releasedOn });
      events.push({ order_id: o.id, kind: 'released', event_date: releasedOn, from_room_id: room?.id ?? null, to_room_id: null, reason: null, detail: null, actor_id: null });
      released++;
    }
    updates.push({ id: o.id, set });
  }
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const centralizedStart = new Map(orders.filter((o) => o.kind === 'centralized').map((o) => [o.person_id, o.start_date]));
  // F2s go home when their source F1 first tests negative on or after their own start.
  for (const u of updates) {
    if (u.set.subject !== 'f2' || u.set.status) continue;
    const o = orderById.get(u.id)!;
    const neg = (firstNegative.get(o.source_person_id ?? -1) ?? []).find((d) => d >= o.start_date && addDays(d, 1) <= asOf);
    if (neg) {
      Object.assign(u.set, { status: 'released', end_date: addDays(neg, 1), released_on: addDays(neg, 1) });
      released++;
      continue;
    }
    // The source F1 turned positive: an F2 traced as the new case's F1 moved to a centre; the
    // others were reassessed and sent home the day after the source was confirmed.
    const sourceCase = caseOf.get(o.source_person_id ?? -1);
    if (!sourceCase) continue;
    const moved = centralizedStart.get(o.person_id);
    const reassessed = addDays(sourceCase.confirmation_date > o.start_date ? sourceCase.confirmation_date : o.start_date, 1);
    if (moved !== undefined && moved >= o.start_date) Object.assign(u.set, { status: 'transferred', end_date: moved });
    else if (reassessed <= asOf) {
      Object.assign(u.set, { status: 'released', end_date: reassessed, released_on: reassessed });
      released++;
    }
  }
  await insertAll(updates, (chunk) => updateOrders(db, chunk));
  await insertAll(samples, (chunk) => db.insertInto('sample').values(chunk).execute());
  await insertAll(events, (chunk) => db.insertInto('quarantine_order_event').values(chunk).execute());

  const admissions = admitCases(cases, ended, facilityRows, provinceCode, asOf);
  await insertAll(admissions, (chunk) => db.insertInto('treatment_admission').values(chunk).execute());
  // The case register names the facility treating each case in treatment.
  await sql`update covid_case c set facility_id = a.facility_id from treatment_admission a
    where a.case_id = c.id and a.ended_on is null and c.status = 'in_treatment' and c.province_code = ${provinceCode}`.execute(db);
  await sql`update case_status_event e set facility_id = a.facility_id from treatment_admission a
    where a.case_id = e.case_id and a.ended_on is null and e.status = 'in_treatment' and a.province_code = ${provinceCode}`.execute(db);
  return { facilities: facilityRows.length, rooms: rooms.length, placed, released, samples: samples.length, admissions: admissions.length };
}

/**
 * A room of the zone with a free place on `day`, in the person's district first. Stays are
 * visited in order of start, so places whose stay ended before `day` are free for good.
 */
function freeRoom(byZone: Map<string, Room[]>, zone: string, district: string, day: string): Room | undefined {
  let fallback: Room | undefined;
  for (const r of byZone.get(zone) ?? []) {
    if (r.until.some((u) => u < day)) r.until = r.until.filter((u) => u >= day);
    if (r.until.length >= r.capacity) continue;
    if (r.district === district) return r;
    fallback ??= r;
  }
  return fallback;
}

/** Writes the computed fields of many orders in one statement per batch. */
async function updateOrders(db: Db, chunk: Array<{ id: number; set: Record<string, unknown> }>) {
  const rows = JSON.stringify(chunk.map((u) => ({ id: u.id, ...u.set })));
  await sql`update quarantine_order o set
      subject = v.subject, risk_group = v.risk_group, rule_code = v.rule_code, last_day = v.last_day, release_date = v.release_date,
      test_dates = v.test_dates, home_monitoring_until = v.home_monitoring_until, facility_id = v.facility_id, room_id = v.room_id,
      status = coalesce(v.status, o.status), end_date = v.end_date, released_on = v.released_on
    from jsonb_to_recordset(${rows}::jsonb) as v(id int, subject text, risk_group text, rule_code text, last_day date, release_date date,
      test_dates date[], home_monitoring_until date, facility_id int, room_id int, status text, end_date date, released_on date)
    where o.id = v.id`.execute(db);
}

/** Cases admitted by risk group to the lowest tier that treats it with a free bed; none when beds ran out. */
function admitCases(
  cases: Array<{ id: number; person_id: number; confirmation_date: string; isolation_date: string | null; status: string }>,
  ended: Map<number, string>, facilities: Array<Insertable<FacilityTable>>, provinceCode: string, asOf: string,
): Array<Insertable<TreatmentAdmissionTable>> {
  const treatment = facilities.filter((f) => f.kind === 'treatment').map((f) => ({
    id: f.org_unit_id, tier: f.tier ?? 1, free: { normal: f.beds_normal ?? 0, oxygen: f.beds_oxygen ?? 0, icu: f.beds_icu ?? 0 }, until: [] as Array<{ kind: 'normal' | 'oxygen' | 'icu'; until: string }>,
  }));
  const rows: Array<Insertable<TreatmentAdmissionTable>> = [];
  const sorted = [...cases].sort((a, b) => (a.confirmation_date < b.confirmation_date ? -1 : a.confirmation_date > b.confirmation_date ? 1 : a.id - b.id));
  for (const c of sorted) {
    // Isolated cases (young, without symptoms) stay out of the treatment tower.
    if (c.status === 'isolated') continue;
    const admitted = c.isolation_date && c.isolation_date > c.confirmation_date ? c.isolation_date : c.confirmation_date;
    if (admitted > asOf) continue;
    const r = unit(c.id, 3);
    const risk: F0RiskGroup = r < 0.8 ? 'medium' : r < 0.95 ? 'high' : 'very_high';
    const level: CareLevel = careLevelFor(risk);
    const kind = bedKindFor(level)!;
    const tierNeeded = level === 'tier1' ? 1 : level === 'tier2' ? 2 : 3;
    // Free the beds of stays that ended before this admission.
    for (const f of treatment) {
      f.until = f.until.filter((s) => {
        if (s.until < admitted) f.free[s.kind]++;
        return s.until >= admitted;
      });
    }
    const f = treatment.filter((x) => x.tier >= tierNeeded && x.free[kind] > 0).sort((a, b) => a.tier - b.tier)[0];
    if (!f) continue;
    const end = ended.get(c.id) ?? null;
    const outcome = end ? (c.status === 'died' ? 'died' : 'recovered') : null;
    f.free[kind]--;
    f.until.push({ kind, until: end ?? '9999-12-31' });
    rows.push({
      province_code: provinceCode, case_id: c.id, person_id: c.person_id, facility_id: f.id, care_level: level, risk_group: risk, bed_kind: kind,
      reason: null, vitals: null, admitted_on: admitted, ended_on: end && end >= admitted ? end : null, outcome: end && end >= admitted ? outcome : null,
      rule_code: null, previous_id: null, created_by: null,
    });
  }
  return rows;
}
