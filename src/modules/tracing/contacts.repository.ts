/** SQL of the contact data that tracing reads: groups, memberships and manual contacts. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { foldedSql } from '../../db/sql-text.ts';
import { escapeLike, foldVietnamese } from '../../lib/vn-text.ts';
import type { ContactGroupKind } from '../../db/schema.ts';

export async function membershipsOf(db: Db, personId: number) {
  return db.selectFrom('group_membership as m')
    .innerJoin('contact_group as g', 'g.id', 'm.group_id')
    .leftJoin('org_unit as o', 'o.id', 'g.org_unit_id')
    .select(['m.id', 'm.group_id', 'g.kind', 'g.label', 'o.name as org_name', 'm.valid_from', 'm.valid_to'])
    .where('m.person_id', '=', personId).orderBy('m.valid_from', 'desc').orderBy('m.id').execute();
}

export async function recentCheckins(db: Db, personId: number, limit: number) {
  return db.selectFrom('checkin as c').innerJoin('org_unit as v', 'v.id', 'c.venue_id')
    .select(['c.venue_id', 'v.name as venue_name', 'c.checked_in_at'])
    .where('c.person_id', '=', personId).orderBy('c.checked_in_at', 'desc').limit(limit).execute();
}

export async function manualContactsOf(db: Db, personId: number) {
  return db.selectFrom('manual_contact as mc')
    .innerJoin('person as o', (j) => j.on(sql<boolean>`o.id = case when mc.person_a = ${personId} then mc.person_b else mc.person_a end`))
    .select(['mc.id', 'o.id as other_id', 'o.full_name as other_name', 'o.province_code', 'o.district_code', 'o.commune_code', 'mc.contact_date', 'mc.place', 'mc.note'])
    .where((eb) => eb.or([eb('mc.person_a', '=', personId), eb('mc.person_b', '=', personId)]))
    .orderBy('mc.contact_date', 'desc').execute();
}

export async function findGroup(db: Db, id: number) {
  return db.selectFrom('contact_group').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function searchGroups(db: Db, provinceCode: string, f: { kind?: ContactGroupKind | undefined; q?: string | undefined; communeCode?: string | undefined; area: { column: 'province_code' | 'district_code' | 'commune_code'; value: string } }, page: number, pageSize: number) {
  let q = db.selectFrom('contact_group as g').where('g.province_code', '=', provinceCode).where(`g.${f.area.column}`, '=', f.area.value);
  if (f.kind) q = q.where('g.kind', '=', f.kind);
  if (f.communeCode) q = q.where('g.commune_code', '=', f.communeCode);
  if (f.q) q = q.where(foldedSql(sql.ref<string>('g.label')), 'like', `%${escapeLike(foldVietnamese(f.q))}%`);
  const [rows, total] = await Promise.all([
    q.leftJoin('org_unit as o', 'o.id', 'g.org_unit_id').leftJoin('admin_unit as c', 'c.code', 'g.commune_code')
      .select(['g.id', 'g.kind', 'g.label', 'o.name as org_name', 'c.name as commune_name',
        sql<number>`(select count(*) from group_membership m where m.group_id = g.id and m.valid_to is null)`.as('members')])
      .orderBy('g.label').orderBy('g.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function findMembership(db: Db, id: number) {
  return db.selectFrom('group_membership as m').innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.group_id', 'm.person_id', 'm.valid_from', 'm.valid_to', 'm.province_code', 'p.district_code', 'p.commune_code'])
    .where('m.id', '=', id).executeTakeFirst();
}

export async function findManualContact(db: Db, id: number) {
  return db.selectFrom('manual_contact').selectAll().where('id', '=', id).executeTakeFirst();
}
