import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AppUserTable } from '../../db/schema.ts';
import { escapeLike } from '../../lib/vn-text.ts';

const USER_COLUMNS = [
  'u.id', 'u.username', 'u.full_name', 'u.role', 'u.scope_kind', 'u.scope_code', 'u.scope_org_id', 'u.province_code',
  'u.active', 'u.is_demo', 'u.last_login_at', 'u.created_at', 'o.name as org_name', 'a.name as area_name',
] as const;

function usersWithScopeNames(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('org_unit as o', 'o.id', 'u.scope_org_id')
    .leftJoin('admin_unit as a', (j) => j.onRef('a.code', '=', 'u.scope_code').on('u.scope_kind', '!=', 'org'));
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserById>>>;

export async function findUserById(db: Db, id: number) {
  return usersWithScopeNames(db).select(USER_COLUMNS).where('u.id', '=', id).executeTakeFirst();
}

export async function listUsers(
  db: Db,
  q: { provinceCode: string; text?: string | undefined; role?: string | undefined; limit: number; offset: number },
) {
  let base = usersWithScopeNames(db).where('u.province_code', '=', q.provinceCode);
  if (q.role) base = base.where('u.role', '=', q.role);
  if (q.text) {
    const like = `%${escapeLike(q.text.toLowerCase())}%`;
    base = base.where((eb) => eb.or([eb(eb.fn('lower', ['u.username']), 'like', like), eb(eb.fn('lower', ['u.full_name']), 'like', like)]));
  }
  const [items, total] = await Promise.all([
    base.select(USER_COLUMNS).orderBy('u.username').limit(q.limit).offset(q.offset).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export async function updateUser(db: Db, id: number, patch: Updateable<AppUserTable>): Promise<void> {
  await db.updateTable('app_user').set(patch).where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function findOrgUnit(db: Db, id: number) {
  return db.selectFrom('org_unit').select(['id', 'name', 'kind', 'province_code']).where('id', '=', id).executeTakeFirst();
}

/** All org units of some kinds in a province (hundreds to a few thousand: names are matched by the caller). */
export async function orgUnitsOfKinds(db: Db, provinceCode: string, kinds: string[]) {
  return db.selectFrom('org_unit').select(['id', 'name', 'kind']).where('province_code', '=', provinceCode).where('kind', 'in', kinds).orderBy('name').execute();
}
