/**
 * The demo province's enterprise detail: a valid tax code for each enterprise (the generator's
 * 10 digits moved on to the first with a check digit), sector and declared workforce, a contact,
 * the operating status (a few on "3 tại chỗ" or partly operating since the parks closed on
 * 18/5/2021), the worker-list confirmation (a quarter stale); the workshops and shifts named in
 * the generator's workshop × shift groups as data, its bus routes with plate, driver and stops,
 * and each worker's current workshop, shift, bus and room from their open memberships.
 * Enterprises with a detail already are left alone, so a second run changes nothing.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OperatingStatus } from '../../db/schema.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Rng } from '../demo/rng.ts';
import { nameKey, taxCodeFrom } from './enterprises.domain.ts';

export interface EnterprisesDemoSummary { enterprises: number; stale: number; workshops: number; shifts: number; busRoutes: number; workersAssigned: number }

const RNG_PHASE = 7007;
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đỗ', 'Ngô', 'Dương', 'Giáp'];
const GIVEN = ['Văn Hùng', 'Thị Lan', 'Minh Tuấn', 'Thị Hương', 'Quang Huy', 'Thu Trang', 'Đức Anh', 'Thị Nga'];

export async function runDemoEnterprises(db: Db, provinceCode: string, now = new Date()): Promise<EnterprisesDemoSummary> {
  const summary: EnterprisesDemoSummary = { enterprises: 0, stale: 0, workshops: 0, shifts: 0, busRoutes: 0, workersAssigned: 0 };
  const enterprises = await db
    .selectFrom('org_unit as o')
    .leftJoin('enterprise_profile as p', 'p.org_unit_id', 'o.id')
    .select(['o.id', 'o.name', 'o.code', 'o.attrs', 'p.org_unit_id as profiled'])
    .where('o.kind', '=', 'enterprise')
    .where('o.province_code', '=', provinceCode)
    .orderBy('o.id')
    .execute();
  const todo = enterprises.filter((e) => e.profiled === null);
  if (todo.length === 0) return summary;
  const ids = todo.map((e) => e.id);

  // ---- detail, status and freshness
  const taken = new Set((await db.selectFrom('enterprise_profile').select('tax_code').execute()).map((r) => r.tax_code));
  const rows = todo.map((e, n) => {
    const rng = new Rng(e.id, RNG_PHASE);
    let nine = (e.code ?? `${provinceCode}${String(e.id).padStart(8, '0')}`).replace(/\D/g, '').padEnd(9, '0').slice(0, 9);
    let tax = taxCodeFrom(nine);
    while (taken.has(tax)) {
      nine = String((Number(nine) + 1) % 1e9).padStart(9, '0');
      tax = taxCodeFrom(nine);
    }
    taken.add(tax);
    const attrs = e.attrs as { sector?: string; workforce?: number };
    // A quarter stale (8–30 days), the rest confirmed within the week; the fourth first, so even a small demo has one.
    const stale = n % 4 === 3;
    const ageDays = stale ? rng.int(8, 30) : rng.int(0, 6);
    const status: OperatingStatus = n % 9 === 4 ? 'on_site' : n % 13 === 6 ? 'partial' : 'operating';
    if (stale) summary.stale++;
    return {
      id: e.id, tax, sector: attrs.sector ?? null, workforce: attrs.workforce ?? null, nameSearch: foldVietnamese(e.name),
      contact: `${rng.pick(SURNAMES)} ${rng.pick(GIVEN)}`, phone: `098${rng.int(1_000_000, 9_999_999)}`,
      confirmedAt: new Date(now.getTime() - ageDays * 86_400_000 - rng.int(0, 8 * 3600) * 1000).toISOString(),
      status, since: status === 'on_site' ? '2021-05-20' : status === 'partial' ? '2021-05-25' : '2021-01-04',
    };
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`insert into enterprise_profile (org_unit_id, province_code, tax_code, name_search, sector, declared_workforce, contact_name, contact_phone,
      operating_status, status_since, list_confirmed_at)
    select id, ${provinceCode}, tax, ns, sector, wf, cn, cp, st, since, conf from unnest(${col('id')}::int[], ${col('tax')}::text[], ${col('nameSearch')}::text[],
      ${col('sector')}::text[], ${col('workforce')}::int[], ${col('contact')}::text[], ${col('phone')}::text[], ${col('status')}::text[], ${col('since')}::date[],
      ${col('confirmedAt')}::timestamptz[]) as v(id, tax, ns, sector, wf, cn, cp, st, since, conf)`.execute(db);
  await sql`update org_unit o set code = v.tax from unnest(${col('id')}::int[], ${col('tax')}::text[]) as v(id, tax) where o.id = v.id`.execute(db);
  await sql`insert into enterprise_status_event (enterprise_id, status, effective_date, reason)
    select id, 'operating', '2021-01-04', 'Đăng ký ban đầu' from unnest(${ids}::int[]) as id`.execute(db);
  const changed = rows.filter((r) => r.status !== 'operating');
  if (changed.length) {
    await sql`insert into enterprise_status_event (enterprise_id, status, effective_date, reason)
      select id, st, since, case when st = 'on_site' then 'Phương án "3 tại chỗ" được Ban Quản lý KCN chấp thuận' else 'Tạm dừng một số phân xưởng theo yêu cầu của Ban Chỉ đạo' end
      from unnest(${changed.map((r) => r.id)}::int[], ${changed.map((r) => r.status)}::text[], ${changed.map((r) => r.since)}::date[]) as v(id, st, since)`.execute(db);
  }
  summary.enterprises = rows.length;

  // ---- workshops and shifts named by the generator's workshop × shift groups
  const groups = await db
    .selectFrom('contact_group')
    .select(['id', 'org_unit_id', sql<string>`attrs->>'workshop'`.as('workshop'), sql<string>`attrs->>'shift'`.as('shift'), sql<string>`attrs->>'start'`.as('start'), sql<string>`attrs->>'end'`.as('end')])
    .where('kind', '=', 'workshop_shift')
    .where('org_unit_id', '=', sql<number>`any(${ids}::int[])`)
    .execute();
  const workshops = new Map<string, { e: number; name: string }>();
  const shifts = new Map<string, { e: number; name: string; start: string; end: string }>();
  for (const g of groups) {
    if (!g.workshop || !g.shift || g.org_unit_id === null) continue;
    workshops.set(`${g.org_unit_id}|${g.workshop}`, { e: g.org_unit_id, name: g.workshop });
    shifts.set(`${g.org_unit_id}|${g.shift}`, { e: g.org_unit_id, name: g.shift, start: g.start ?? '08:00', end: g.end ?? '17:00' });
  }
  const ws = [...workshops.values()];
  const sh = [...shifts.values()];
  if (ws.length) {
    await sql`insert into enterprise_workshop (enterprise_id, name, name_key)
      select * from unnest(${ws.map((w) => w.e)}::int[], ${ws.map((w) => w.name)}::text[], ${ws.map((w) => nameKey(w.name))}::text[])`.execute(db);
    await sql`insert into enterprise_shift (enterprise_id, name, name_key, start_time, end_time)
      select * from unnest(${sh.map((s) => s.e)}::int[], ${sh.map((s) => s.name)}::text[], ${sh.map((s) => nameKey(s.name))}::text[],
        ${sh.map((s) => s.start)}::text[], ${sh.map((s) => s.end)}::text[])`.execute(db);
    await sql`insert into workshop_shift_group (group_id, workshop_id, shift_id)
      select g.id, w.id, s.id from contact_group g
        join enterprise_workshop w on w.enterprise_id = g.org_unit_id and w.name = g.attrs->>'workshop'
        join enterprise_shift s on s.enterprise_id = g.org_unit_id and s.name = g.attrs->>'shift'
      where g.kind = 'workshop_shift' and g.org_unit_id = any(${ids}::int[])`.execute(db);
  }
  summary.workshops = ws.length;
  summary.shifts = sh.length;

  // ---- bus routes
  const routes = await db
    .selectFrom('contact_group')
    .select(['id', 'org_unit_id', 'label', 'attrs'])
    .where('kind', '=', 'bus_route')
    .where('org_unit_id', '=', sql<number>`any(${ids}::int[])`)
    .execute();
  if (routes.length) {
    const named = routes.map((r) => {
      const a = r.attrs as { plate?: string; driver?: string; stops?: string[] };
      const name = r.label.replace(/^Xe đưa đón\s*/, '').trim() || `Tuyến ${r.id}`;
      return { id: r.id, e: r.org_unit_id!, name, key: nameKey(name), plate: a.plate ?? null, driver: a.driver ?? null, stops: JSON.stringify(a.stops ?? []) };
    });
    await sql`insert into enterprise_bus_route (group_id, enterprise_id, name, name_key, vehicle_plate, driver_name, stops)
      select id, e, n, k, p, d, s::jsonb from unnest(${named.map((r) => r.id)}::int[], ${named.map((r) => r.e)}::int[], ${named.map((r) => r.name)}::text[],
        ${named.map((r) => r.key)}::text[], ${named.map((r) => r.plate)}::text[], ${named.map((r) => r.driver)}::text[], ${named.map((r) => r.stops)}::text[]) as v(id, e, n, k, p, d, s)`.execute(db);
  }
  summary.busRoutes = routes.length;

  // ---- each worker's current assignment, from their open memberships
  // The generator gives each worker one open membership per slot: plain joins, one statement each.
  const assigned = await sql`update worker w set workshop_id = wsg.workshop_id, shift_id = wsg.shift_id
    from group_membership m join workshop_shift_group wsg on wsg.group_id = m.group_id join contact_group g on g.id = m.group_id
    where m.person_id = w.person_id and g.org_unit_id = w.enterprise_id and m.valid_to is null and w.enterprise_id = any(${ids}::int[])`.execute(db);
  await sql`update worker w set bus_group_id = m.group_id
    from group_membership m join enterprise_bus_route b on b.group_id = m.group_id
    where m.person_id = w.person_id and b.enterprise_id = w.enterprise_id and m.valid_to is null and w.enterprise_id = any(${ids}::int[])`.execute(db);
  await sql`update worker w set room_group_id = m.group_id
    from group_membership m join contact_group g on g.id = m.group_id
    where m.person_id = w.person_id and g.kind = 'room' and m.role = 'tenant' and m.valid_to is null and w.enterprise_id = any(${ids}::int[])`.execute(db);
  summary.workersAssigned = Number(assigned.numAffectedRows ?? 0);
  return summary;
}

/** The industrial park with the most workers (the demo's park board user is anchored there). */
export async function biggestIndustrialPark(db: Db, provinceCode: string): Promise<number | null> {
  const r = await db
    .selectFrom('org_unit as park')
    .leftJoin('org_unit as e', (j) => j.onRef('e.parent_id', '=', 'park.id').on('e.kind', '=', 'enterprise'))
    .leftJoin('worker as w', 'w.enterprise_id', 'e.id')
    .select(['park.id', sql<number>`count(w.id)::int`.as('n')])
    .where('park.kind', '=', 'industrial_park')
    .where('park.province_code', '=', provinceCode)
    .groupBy('park.id')
    .orderBy('n', 'desc')
    .orderBy('park.id')
    .executeTakeFirst();
  return r?.id ?? null;
}
