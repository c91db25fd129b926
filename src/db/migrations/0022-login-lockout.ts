import type { Kysely } from 'kysely';

/**
 * Login lockout (issue 10, security): consecutive wrong passwords of an account, and until when
 * it is locked once they reach the limit (LOGIN_LOCKOUT_ATTEMPTS). A successful sign-in or a
 * password reset by an administrator clears both.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('app_user').addColumn('locked_until', 'timestamptz').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('locked_until').execute();
  await db.schema.alterTable('app_user').dropColumn('failed_logins').execute();
}
