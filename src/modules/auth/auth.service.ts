import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/database.ts';
import type { ScopeKind } from '../../db/schema.ts';
import { Errors } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as places from '../places/places.service.ts';
import * as repo from './auth.repository.ts';
import { type Actor, isRole, menuOf, permissionsOf, type Role, ROLE_SCOPES } from './policy.ts';

export const SESSION_COOKIE = 'epi_session';

/** Wrong passwords in a row before an account is locked, and for how long (config: LOGIN_LOCKOUT_*). */
export const DEFAULT_LOCKOUT = { attempts: 5, minutes: 15 };

// Verified against when the username does not exist, so a wrong username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export async function login(
  db: Db,
  input: { username: string; password: string },
  origin: RequestOrigin,
  opts: { provinceCode: string; ttlHours: number; now?: Date; lockout?: { attempts: number; minutes: number } },
): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
  const now = opts.now ?? new Date();
  const lockout = opts.lockout ?? DEFAULT_LOCKOUT;
  const user = await repo.findUserByUsername(db, input.username);
  // A locked account is refused before its password is looked at, the right one included.
  if (user?.active && user.locked_until && user.locked_until > now) {
    await recordAudit(db, { username: input.username, provinceCode: opts.provinceCode, ip: origin.ip }, {
      action: 'login_failed',
      recordKind: 'user',
      recordId: user.id,
      detail: { reason: 'locked' },
    });
    throw Errors.accountLocked(Math.max(1, Math.ceil((user.locked_until.getTime() - now.getTime()) / 60_000)));
  }
  const ok = user?.active
    ? await verify(user.password_hash, input.password)
    : (await verify(await (dummyHash ??= hash(randomBytes(16).toString('hex'))), input.password), false);
  if (!user || !ok || !isRole(user.role)) {
    const locked = user?.active ? await repo.recordFailedLogin(db, user.id, now, lockout) : false;
    await recordAudit(db, { username: input.username, provinceCode: opts.provinceCode, ip: origin.ip }, {
      action: 'login_failed',
      recordKind: 'user',
      recordId: user?.id ?? null,
      ...(locked ? { detail: { locked: true, minutes: lockout.minutes } } : {}),
    });
    throw Errors.badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + opts.ttlHours * 3600_000);
  const actor = actorOf(user, origin.ip);
  await db.transaction().execute(async (trx) => {
    await repo.deleteExpiredSessions(trx, now);
    await repo.insertSession(trx, {
      token_hash: tokenHash(token),
      user_id: user.id,
      expires_at: expiresAt,
      ip: origin.ip,
      user_agent: origin.userAgent?.slice(0, 300) ?? null,
    });
    await repo.touchLogin(trx, user.id, now);
    await recordAudit(trx, actor, { action: 'login', recordKind: 'user', recordId: user.id });
  });
  return { token, expiresAt, actor };
}

export async function logout(db: Db, token: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, tokenHash(token));
    await recordAudit(trx, actor, { action: 'logout', recordKind: 'user', recordId: actor.userId });
  });
}

/** The actor behind a session token, or undefined when the token is unknown, expired or the user disabled. */
export async function actorForToken(db: Db, token: string, ip: string | null, now = new Date()): Promise<Actor | undefined> {
  const u = await repo.findSessionUser(db, tokenHash(token), now);
  if (!u || !u.active || !isRole(u.role)) return undefined;
  return actorOf(u, ip);
}

function actorOf(
  u: { id: number; username: string; role: string; scope_kind: ScopeKind; scope_code: string; scope_org_id: number | null; province_code: string },
  ip: string | null,
): Actor {
  return {
    userId: u.id,
    username: u.username,
    role: u.role as Role,
    scopeKind: u.scope_kind,
    scopeCode: u.scope_code,
    scopeOrgId: u.scope_org_id,
    provinceCode: u.province_code,
    ip,
  };
}

/** The signed-in user as the web shell sees it: who, where, what they may do, which menu. */
export async function describeMe(db: Db, actor: Actor) {
  const user = await repo.findUserByUsername(db, actor.username);
  let scopeName = actor.scopeCode;
  if (actor.scopeKind === 'org') {
    const org = actor.scopeOrgId
      ? await db.selectFrom('org_unit').select('name').where('id', '=', actor.scopeOrgId).executeTakeFirst()
      : undefined;
    scopeName = org?.name ?? scopeName;
  } else {
    scopeName = (await places.lookupUnit(db, actor.scopeCode))?.name ?? scopeName;
  }
  return {
    id: actor.userId,
    username: actor.username,
    fullName: user?.full_name ?? actor.username,
    role: actor.role,
    scope: { kind: actor.scopeKind, code: actor.scopeCode, name: scopeName },
    provinceCode: actor.provinceCode,
    permissions: permissionsOf(actor.role),
    menu: menuOf(actor.role),
  };
}

export interface NewUser {
  username: string;
  password: string;
  fullName: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeCode: string;
  scopeOrgId?: number | null;
  provinceCode: string;
  isDemo?: boolean;
}

export async function createUser(db: Db, u: NewUser) {
  if (!ROLE_SCOPES[u.role].includes(u.scopeKind)) {
    throw new Error(`role ${u.role} cannot have scope ${u.scopeKind}`);
  }
  if (u.password.length < 8) throw new Error('password must have at least 8 characters');
  return repo.insertUser(db, {
    username: u.username,
    password_hash: await hashPassword(u.password),
    full_name: u.fullName,
    role: u.role,
    scope_kind: u.scopeKind,
    scope_code: u.scopeCode,
    scope_org_id: u.scopeOrgId ?? null,
    province_code: u.provinceCode,
    is_demo: u.isDemo ?? false,
  });
}
