import { type Insertable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AppUserTable } from '../../db/schema.ts';

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function insertUser(db: Db, user: Insertable<AppUserTable>) {
  return db.insertInto('app_user').values(user).returning(['id', 'username']).executeTakeFirstOrThrow();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export async function deactivateDemoUsers(db: Db): Promise<number> {
  const r = await db.updateTable('app_user').set({ active: false }).where('is_demo', '=', true).where('active', '=', true).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Demo mode again after a start with DEMO=false: the printed demo logins must work. Accounts that are not demo accounts stay as they are. */
export async function activateDemoUsers(db: Db, usernames: string[]): Promise<number> {
  if (!usernames.length) return 0;
  const r = await db.updateTable('app_user').set({ active: true }).where('is_demo', '=', true).where('active', '=', false)
    .where('username', 'in', usernames).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function touchLogin(db: Db, userId: number, at: Date): Promise<void> {
  await db.updateTable('app_user').set({ last_login_at: at, failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

/**
 * Counts one more wrong password in a row (one statement, so concurrent attempts all count); at the
 * limit the account is locked until `minutes` from now and the count starts again. True: locked now.
 */
export async function recordFailedLogin(db: Db, userId: number, now: Date, lockout: { attempts: number; minutes: number }): Promise<boolean> {
  const until = new Date(now.getTime() + lockout.minutes * 60_000);
  const r = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql<number>`case when failed_logins + 1 >= ${lockout.attempts} then 0 else failed_logins + 1 end`,
      locked_until: sql<Date | null>`case when failed_logins + 1 >= ${lockout.attempts} then ${until}::timestamptz else locked_until end`,
    })
    .where('id', '=', userId)
    .returning('locked_until')
    .executeTakeFirst();
  return !!r?.locked_until && r.locked_until.getTime() === until.getTime();
}

export async function insertSession(
  db: Db,
  s: { token_hash: string; user_id: number; expires_at: Date; ip: string | null; user_agent: string | null },
): Promise<void> {
  await db.insertInto('user_session').values(s).execute();
}

export async function findSessionUser(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      'u.id', 'u.username', 'u.full_name', 'u.role', 'u.scope_kind', 'u.scope_code', 'u.scope_org_id',
      'u.province_code', 'u.active',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<=', now).execute();
}
