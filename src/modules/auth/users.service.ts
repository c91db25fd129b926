/** User administration by province admins: create, change role/scope, lock, reset password. */
import type { Db } from '../../db/database.ts';
import type { ScopeKind } from '../../db/schema.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import * as authRepo from './auth.repository.ts';
import { hashPassword } from './auth.service.ts';
import { type Actor, assertPermission, isRole, ROLE_ORG_KINDS, ROLE_SCOPES, ROLES } from './policy.ts';
import * as repo from './users.repository.ts';

export const MIN_PASSWORD_LENGTH = 8;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;

export function presentUser(u: repo.UserRow) {
  return {
    id: u.id,
    username: u.username,
    fullName: u.full_name,
    role: u.role,
    scope: { kind: u.scope_kind, code: u.scope_code, name: (u.scope_kind === 'org' ? u.org_name : u.area_name) ?? u.scope_code },
    active: u.active,
    isDemo: u.is_demo,
    lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
    createdAt: u.created_at.toISOString(),
  };
}
export type UserView = ReturnType<typeof presentUser>;

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export function passwordIssue(password: string): FieldIssue | null {
  return password.length < MIN_PASSWORD_LENGTH
    ? issue('password', 'TOO_SHORT', `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`, `The password needs at least ${MIN_PASSWORD_LENGTH} characters`)
    : null;
}

interface ScopeInput {
  role: string;
  scopeKind: string;
  scopeCode: string;
  scopeOrgId?: number | null | undefined;
}

/** Checks that a role may have this scope and that the area or organisation exists in the province. */
async function checkScope(db: Db, provinceCode: string, s: ScopeInput): Promise<{ issues: FieldIssue[]; scopeOrgId: number | null }> {
  if (!isRole(s.role)) return { issues: [issue('role', 'UNKNOWN_ROLE', `Vai trò "${s.role}" không tồn tại`, `Unknown role "${s.role}"`)], scopeOrgId: null };
  if (!(ROLE_SCOPES[s.role] as string[]).includes(s.scopeKind)) {
    return {
      issues: [issue('scopeKind', 'SCOPE_NOT_ALLOWED', `Vai trò này chỉ có phạm vi: ${ROLE_SCOPES[s.role].join(', ')}`, `This role can only have scope: ${ROLE_SCOPES[s.role].join(', ')}`)],
      scopeOrgId: null,
    };
  }
  if (s.scopeKind === 'org') {
    const org = s.scopeOrgId ? await repo.findOrgUnit(db, s.scopeOrgId) : undefined;
    if (!org || org.province_code !== provinceCode || !ROLE_ORG_KINDS[s.role].includes(org.kind) || String(org.id) !== s.scopeCode) {
      return { issues: [issue('scopeOrgId', 'UNKNOWN_ORG', 'Không tìm thấy đơn vị phù hợp với vai trò này', 'No organisation of the kind this role needs has that id')], scopeOrgId: null };
    }
    return { issues: [], scopeOrgId: org.id };
  }
  const unit = await lookupUnit(db, s.scopeCode);
  if (!unit || unit.level !== s.scopeKind || unit.province_code !== provinceCode) {
    return { issues: [issue('scopeCode', 'UNKNOWN_AREA', `Không có ${s.scopeKind} mã "${s.scopeCode}" trong tỉnh`, `No ${s.scopeKind} with code "${s.scopeCode}" in the province`)], scopeOrgId: null };
  }
  return { issues: [], scopeOrgId: null };
}

export async function listUsers(db: Db, actor: Actor, q: { q?: string | undefined; role?: string | undefined; page: number; pageSize: number }) {
  assertPermission(actor, 'user:manage');
  const { items, total } = await repo.listUsers(db, {
    provinceCode: actor.provinceCode, text: q.q, role: q.role, limit: q.pageSize, offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map(presentUser), total, page: q.page, pageSize: q.pageSize };
}

export async function createUserByAdmin(
  db: Db,
  actor: Actor,
  input: { username: string; password: string; fullName: string; role: string; scopeKind: string; scopeCode: string; scopeOrgId?: number | null },
): Promise<UserView> {
  assertPermission(actor, 'user:manage');
  const username = input.username.trim().toLowerCase();
  const fullName = input.fullName.trim();
  const issues: FieldIssue[] = [];
  if (!USERNAME.test(username)) {
    issues.push(issue('username', 'INVALID_FORMAT', 'Tên đăng nhập gồm 3–50 chữ thường không dấu, số, dấu chấm, gạch', 'Username: 3–50 lowercase letters, digits, dot, dash, underscore'));
  }
  const pw = passwordIssue(input.password);
  if (pw) issues.push(pw);
  if (!fullName) issues.push(issue('fullName', 'REQUIRED', 'Họ tên là bắt buộc', 'Full name is required'));
  const scope = await checkScope(db, actor.provinceCode, input);
  issues.push(...scope.issues);
  if (issues.length) throw new ValidationError(issues);
  if (await authRepo.findUserByUsername(db, username)) throw Errors.duplicate('username', { vi: 'tên đăng nhập', en: 'username' });
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const created = await authRepo.insertUser(trx, {
      username, password_hash: passwordHash, full_name: fullName, role: input.role, scope_kind: input.scopeKind as ScopeKind,
      scope_code: input.scopeCode, scope_org_id: scope.scopeOrgId, province_code: actor.provinceCode,
    });
    await recordAudit(trx, actor, {
      action: 'create', recordKind: 'user', recordId: created.id,
      detail: { after: { username, fullName, role: input.role, scopeKind: input.scopeKind, scopeCode: input.scopeCode } },
    });
    return created.id;
  });
  return presentUser((await repo.findUserById(db, id))!);
}

async function loadUser(db: Db, actor: Actor, id: number) {
  const u = await repo.findUserById(db, id);
  if (!u || u.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `người dùng ${id}`, en: `user ${id}` });
  return u;
}

export async function updateUserByAdmin(
  db: Db,
  actor: Actor,
  id: number,
  patch: { fullName?: string; role?: string; scopeKind?: string; scopeCode?: string; scopeOrgId?: number | null; active?: boolean },
): Promise<UserView> {
  assertPermission(actor, 'user:manage');
  const before = await loadUser(db, actor, id);
  if (patch.active === false && id === actor.userId) {
    throw new AppError('CANNOT_DEACTIVATE_SELF', 400, { vi: 'Bạn không thể tự khoá tài khoản của mình', en: 'You cannot lock your own account' }, 'active');
  }
  const next = {
    role: patch.role ?? before.role,
    scopeKind: patch.scopeKind ?? before.scope_kind,
    scopeCode: patch.scopeCode ?? before.scope_code,
    scopeOrgId: patch.scopeOrgId !== undefined ? patch.scopeOrgId : before.scope_org_id,
  };
  const issues: FieldIssue[] = [];
  if (patch.fullName !== undefined && !patch.fullName.trim()) issues.push(issue('fullName', 'REQUIRED', 'Họ tên là bắt buộc', 'Full name is required'));
  const scope = await checkScope(db, actor.provinceCode, next);
  issues.push(...scope.issues);
  if (issues.length) throw new ValidationError(issues);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      full_name: patch.fullName?.trim() ?? before.full_name,
      role: next.role,
      scope_kind: next.scopeKind as ScopeKind,
      scope_code: next.scopeCode,
      scope_org_id: scope.scopeOrgId,
      active: patch.active ?? before.active,
    });
    // A locked user, or one whose role or scope changed, signs in again under the new rules.
    const accessChanged = next.role !== before.role || next.scopeKind !== before.scope_kind || next.scopeCode !== before.scope_code;
    if (patch.active === false || accessChanged) await repo.deleteSessionsOf(trx, id);
    await recordAudit(trx, actor, {
      action: 'update', recordKind: 'user', recordId: id,
      detail: {
        before: { fullName: before.full_name, role: before.role, scopeKind: before.scope_kind, scopeCode: before.scope_code, active: before.active },
        after: { fullName: patch.fullName?.trim() ?? before.full_name, ...next, active: patch.active ?? before.active },
      },
    });
  });
  return presentUser((await repo.findUserById(db, id))!);
}

export async function resetPassword(db: Db, actor: Actor, id: number, password: string): Promise<void> {
  assertPermission(actor, 'user:manage');
  await loadUser(db, actor, id);
  const pw = passwordIssue(password);
  if (pw) throw new ValidationError([pw]);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    // A new password also lifts a lockout after wrong passwords.
    await repo.updateUser(trx, id, { password_hash: passwordHash, failed_logins: 0, locked_until: null });
    await repo.deleteSessionsOf(trx, id);
    await recordAudit(trx, actor, { action: 'update', recordKind: 'user', recordId: id, detail: { passwordReset: true } });
  });
}

export function rolesCatalogue(actor: Actor) {
  assertPermission(actor, 'user:manage');
  return { roles: ROLES.map((role) => ({ role, scopeKinds: ROLE_SCOPES[role], orgKinds: ROLE_ORG_KINDS[role] })) };
}

export async function searchOrgUnits(db: Db, actor: Actor, q: { kind: string; q?: string | undefined }) {
  assertPermission(actor, 'user:manage');
  const all = await repo.orgUnitsOfKinds(db, actor.provinceCode, [q.kind]);
  const text = q.q ? foldVietnamese(q.q) : '';
  return { items: all.filter((o) => !text || foldVietnamese(o.name).includes(text)).slice(0, 50) };
}
