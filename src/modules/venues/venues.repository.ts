/** All SQL of QR venues and check-ins; functions take the db or a transaction first. */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CheckinSource } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';
import type { AreaFilter } from '../auth/policy.ts';

const SECRET_KEY = 'venue_code_secret';

/** The signing secret kept in the database when none is configured: made once, the first writer wins. */
export async function storedSecret(db: Db): Promise<string> {
  await db.insertInto('app_meta').values({ key: SECRET_KEY, value: JSON.stringify({ secret: randomBytes(32).toString('base64url') }) })
    .onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('app_meta').select('value').where('key', '=', SECRET_KEY).executeTakeFirstOrThrow();
  const secret = row.value.secret;
  if (typeof secret !== 'string' || secret.length < 32) throw new Error(`app_meta ${SECRET_KEY} holds no usable secret`);
  return secret;
}

function venues(db: Db) {
  return db.selectFrom('org_unit as u')
    .leftJoin('venue as v', 'v.org_unit_id', 'u.id')
    .leftJoin('admin_unit as c', 'c.code', 'u.commune_code')
    .leftJoin('admin_unit as d', 'd.code', 'u.district_code')
    .leftJoin('org_unit as owner', 'owner.id', 'u.parent_id')
    .where('u.kind', '=', 'venue');
}

const VENUE_COLUMNS = [
  'u.id', 'u.name', 'u.province_code', 'u.district_code', 'u.commune_code', 'u.address_detail', 'u.parent_id', 'u.created_at',
  'c.name as commune_name', 'd.name as district_name', 'owner.name as owner_name',
] as const;

function venueSelect(db: Db) {
  return venues(db).select([
    ...VENUE_COLUMNS,
    sql<string>`coalesce(u.attrs->>'category', 'other')`.as('category'),
    sql<boolean>`coalesce(v.active, true)`.as('active'),
    sql<number>`coalesce(v.code_version, 1)`.as('code_version'),
  ]);
}

export type VenueRow = Awaited<ReturnType<typeof venueById>> & {};

export async function venueById(db: Db, id: number) {
  return venueSelect(db).where('u.id', '=', id).executeTakeFirst();
}

/** What a check-in needs of a venue: nothing more, so the hot path stays one small read. */
export async function venueState(db: Db, id: number) {
  return db.selectFrom('org_unit as u').leftJoin('venue as v', 'v.org_unit_id', 'u.id')
    .select(['u.id', 'u.name', 'u.province_code', 'u.address_detail', sql<boolean>`coalesce(v.active, true)`.as('active'), sql<number>`coalesce(v.code_version, 1)`.as('code_version')])
    .where('u.id', '=', id).where('u.kind', '=', 'venue').executeTakeFirst();
}

export interface VenueFilter {
  provinceCode: string;
  area: AreaFilter | null;
  ownerId: number | null;
  /** Folded (accent-free) search text; `qRaw` as typed, lower-cased, for venues without a folded name (the demo's). */
  q?: string | undefined;
  qRaw?: string | undefined;
  category?: string | undefined;
  districtCode?: string | undefined;
  communeCode?: string | undefined;
  active?: boolean | undefined;
}

export async function listVenues(db: Db, f: VenueFilter, today: string, limit: number, offset: number) {
  let q = venues(db).where('u.province_code', '=', f.provinceCode);
  if (f.area) q = q.where(`u.${f.area.column}`, '=', f.area.value);
  if (f.ownerId !== null) q = q.where('u.parent_id', '=', f.ownerId);
  if (f.category) q = q.where(sql<string>`coalesce(u.attrs->>'category', 'other')`, '=', f.category);
  if (f.districtCode) q = q.where('u.district_code', '=', f.districtCode);
  if (f.communeCode) q = q.where('u.commune_code', '=', f.communeCode);
  if (f.active !== undefined) q = q.where(sql<boolean>`coalesce(v.active, true)`, '=', f.active);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    const raw = `%${escapeLike(f.qRaw ?? f.q)}%`;
    q = q.where((eb) => eb.or([eb(sql<string>`u.attrs->>'name_search'`, 'like', like), eb(sql<string>`lower(u.name)`, 'like', raw)]));
  }
  const dayStart = sql<Date>`(${today}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`;
  const [items, total] = await Promise.all([
    q.select([
      ...VENUE_COLUMNS,
      sql<string>`coalesce(u.attrs->>'category', 'other')`.as('category'),
      sql<boolean>`coalesce(v.active, true)`.as('active'),
      sql<number>`coalesce(v.code_version, 1)`.as('code_version'),
      sql<number>`(select count(*) from checkin k where k.venue_id = u.id and k.checked_in_at >= ${dayStart} and k.checked_in_at < ${dayStart} + interval '1 day')`.as('checkins_today'),
      sql<number>`(select count(*) from checkin k where k.venue_id = u.id and k.checked_in_at >= ${dayStart} - interval '6 days' and k.checked_in_at < ${dayStart} + interval '1 day')`.as('checkins_7d'),
    ]).orderBy('u.name').orderBy('u.id').limit(limit).offset(offset).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function insertVenue(trx: Db, row: {
  name: string; nameSearch: string; category: string; provinceCode: string; districtCode: string; communeCode: string;
  addressDetail: string | null; parentId: number | null; createdBy: number | null;
}): Promise<number> {
  const { id } = await trx.insertInto('org_unit').values({
    kind: 'venue', name: row.name, parent_id: row.parentId, province_code: row.provinceCode, district_code: row.districtCode,
    commune_code: row.communeCode, address_detail: row.addressDetail, attrs: JSON.stringify({ category: row.category, name_search: row.nameSearch }),
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('venue').values({ org_unit_id: id, province_code: row.provinceCode, created_by: row.createdBy }).execute();
  return id;
}

export async function updateVenue(trx: Db, id: number, row: {
  name: string; nameSearch: string; category: string; districtCode: string; communeCode: string; addressDetail: string | null;
}): Promise<void> {
  await trx.updateTable('org_unit').set({
    name: row.name, district_code: row.districtCode, commune_code: row.communeCode, address_detail: row.addressDetail,
    attrs: sql`attrs || ${JSON.stringify({ category: row.category, name_search: row.nameSearch })}::jsonb`,
  }).where('id', '=', id).execute();
}

/** Writes the venue's QR state (the row is made on first change for venues that have none). */
export async function setVenueState(trx: Db, id: number, provinceCode: string, state: { active?: boolean; bumpVersion?: boolean }): Promise<void> {
  await trx.insertInto('venue').values({ org_unit_id: id, province_code: provinceCode }).onConflict((oc) => oc.column('org_unit_id').doNothing()).execute();
  await trx.updateTable('venue').set((eb) => ({
    updated_at: new Date(),
    ...(state.active === undefined ? {} : { active: state.active, deactivated_at: state.active ? null : new Date() }),
    ...(state.bumpVersion ? { code_version: eb('code_version', '+', 1) } : {}),
  })).where('org_unit_id', '=', id).execute();
}

export async function insertDevice(db: Db, row: { tokenHash: string; personId: number; provinceCode: string }): Promise<number> {
  const { id } = await db.insertInto('checkin_device').values({ token_hash: row.tokenHash, person_id: row.personId, province_code: row.provinceCode })
    .returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A check-in to record: of a person, or of the person a device token (its hash) stands for. */
export interface NewCheckin {
  venueId: number; personId: number | null; deviceHash: string | null; provinceCode: string; at: Date; repeatSince: Date;
  source: CheckinSource; createdBy: number | null;
}

export interface RecordedCheckin { id: number; checkedInAt: Date; created: boolean; personId: number; deviceId: number | null }

/**
 * Many check-ins in one statement: each device hash resolved to its person (an unknown one gives
 * null and records nothing), then for each the person's check-in at the venue since its
 * `repeatSince` if there is one (a repeat scan returns it), else a new one at its `at`; the
 * devices' last-seen time kept to the hour. Results in the order given.
 */
export async function recordCheckins(db: Db, list: NewCheckin[]): Promise<Array<RecordedCheckin | null>> {
  const col = <T>(f: (c: NewCheckin) => T) => list.map(f);
  const r = await sql<{ ord: number; id: number | null; checked_in_at: Date | null; created: boolean; person_id: number | null; device_id: number | null }>`
    with req as (
      select * from unnest(${col((c) => c.venueId)}::int[], ${col((c) => c.personId)}::int[], ${col((c) => c.deviceHash)}::text[],
        ${col((c) => c.provinceCode)}::text[], ${col((c) => c.at.toISOString())}::timestamptz[], ${col((c) => c.repeatSince.toISOString())}::timestamptz[],
        ${col((c) => c.source)}::text[], ${col((c) => c.createdBy)}::int[])
        with ordinality as r(venue_id, person_id, device_hash, province_code, at, since, source, created_by, ord)
    ), who as (
      select r.ord, r.venue_id, r.province_code, r.at, r.since, r.source, r.created_by, coalesce(r.person_id, d.person_id) as pid, d.id as device_id
      from req r left join checkin_device d on d.token_hash = r.device_hash and d.province_code = r.province_code
    ), prev as (
      select distinct on (w.ord) w.ord, k.id, k.checked_in_at from who w
      join checkin k on k.person_id = w.pid and k.venue_id = w.venue_id and k.checked_in_at >= w.since and k.checked_in_at <= w.at
      order by w.ord, k.checked_in_at desc
    ), ins as (
      insert into checkin (venue_id, person_id, province_code, checked_in_at, source, device_id, created_by)
      select w.venue_id, w.pid, w.province_code, w.at, w.source, w.device_id, w.created_by from who w
      where w.pid is not null and not exists (select 1 from prev p where p.ord = w.ord)
      returning id, venue_id, person_id, checked_in_at
    ), touched as (
      update checkin_device set last_seen_at = w.at from who w
      where checkin_device.id = w.device_id and checkin_device.last_seen_at < w.at - interval '1 hour'
      returning checkin_device.id
    )
    select w.ord::int as ord, i.id, i.checked_in_at, true as created, w.pid as person_id, w.device_id from who w
      join ins i on i.person_id = w.pid and i.venue_id = w.venue_id
    union all
    select w.ord::int, p.id, p.checked_in_at, false, w.pid, w.device_id from who w join prev p on p.ord = w.ord
    union all
    select w.ord::int, null, null, false, null, null from who w where w.pid is null`.execute(db);
  const byOrd = new Map(r.rows.map((x) => [Number(x.ord), x]));
  return list.map((_, i) => {
    const x = byOrd.get(i + 1);
    if (!x) throw new Error('check-in batch lost a row');
    if (x.id === null || x.person_id === null) return null;
    return { id: Number(x.id), checkedInAt: new Date(x.checked_in_at!), created: x.created, personId: x.person_id, deviceId: x.device_id };
  });
}

export async function devicesByTokenHashes(db: Db, hashes: string[]) {
  return db.selectFrom('checkin_device').select(['id', 'person_id', 'province_code', 'token_hash']).where('token_hash', 'in', hashes).execute();
}

/** Check-ins per Vietnam day at a venue between two days (inclusive). */
export async function dailyCounts(db: Db, venueId: number, from: string, to: string) {
  const r = await sql<{ day: string; n: number }>`
    select to_char((checked_in_at at time zone 'Asia/Ho_Chi_Minh')::date, 'YYYY-MM-DD') as day, count(*)::int as n from checkin
    where venue_id = ${venueId}
      and checked_in_at >= (${from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'
      and checked_in_at < (${to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'
    group by 1 order by 1`.execute(db);
  return r.rows;
}
