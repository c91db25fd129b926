/**
 * Testing units: labs, hospitals, private clinics and sampling teams. The province adds them, or
 * they register themselves (a public form) and wait for the province's approval, which creates the
 * unit and its first user from the request. The seeds' testing platform could not add units, so
 * hospitals and private clinics could not take part: here any of them can.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TestingUnitKind } from '../../db/schema.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/auth.service.ts';
import * as authRepo from '../auth/auth.repository.ts';
import { type Actor, assertPermission } from '../auth/policy.ts';
import { USERNAME, passwordIssue } from '../auth/users.service.ts';

export const TESTING_UNIT_KINDS: readonly TestingUnitKind[] = ['lab', 'hospital', 'private_clinic', 'sampling_team'];

export interface UnitInput {
  kind: TestingUnitKind; name: string; communeCode: string; address?: string | null | undefined; capacityPerDay?: number | null | undefined;
  contactName?: string | null | undefined; contactPhone?: string | null | undefined;
}

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const PHONE = /^0\d{9,10}$/;

async function unitIssues(db: Db, provinceCode: string, input: UnitInput): Promise<{ issues: FieldIssue[]; district: string | null }> {
  const issues: FieldIssue[] = [];
  if (!input.name.trim()) issues.push(issue('name', 'REQUIRED', 'Ghi tên đơn vị', 'Name the unit'));
  const commune = await db.selectFrom('admin_unit').select(['code', 'parent_code', 'level']).where('code', '=', input.communeCode).executeTakeFirst();
  const district = commune ? await db.selectFrom('admin_unit').select(['parent_code']).where('code', '=', commune.parent_code!).executeTakeFirst() : undefined;
  if (!commune || commune.level !== 'commune' || district?.parent_code !== provinceCode) {
    issues.push(issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${input.communeCode} trong tỉnh`, `No commune ${input.communeCode} in the province`));
  }
  if (input.capacityPerDay != null && (!Number.isInteger(input.capacityPerDay) || input.capacityPerDay < 1 || input.capacityPerDay > 100_000)) {
    issues.push(issue('capacityPerDay', 'RANGE', 'Công suất từ 1 đến 100.000 mẫu/ngày', 'Capacity must be 1 to 100,000 tubes a day'));
  }
  if (input.contactPhone && !PHONE.test(input.contactPhone.replace(/\s/g, ''))) issues.push(issue('contactPhone', 'INVALID_FORMAT', 'Số điện thoại không hợp lệ', 'Not a valid phone number'));
  const taken = await db.selectFrom('org_unit').select('id').where('province_code', '=', provinceCode).where('kind', '=', input.kind)
    .where(sql<boolean>`lower(name) = lower(${input.name.trim()})`).executeTakeFirst();
  if (taken) issues.push(issue('name', 'DUPLICATE', `Đã có đơn vị "${input.name.trim()}"`, `"${input.name.trim()}" already exists`));
  return { issues, district: commune?.parent_code ?? null };
}

async function insertUnit(trx: Db, provinceCode: string, district: string | null, input: UnitInput): Promise<number> {
  return (await trx.insertInto('org_unit').values({
    kind: input.kind, name: input.name.trim(), province_code: provinceCode, district_code: district, commune_code: input.communeCode,
    address_detail: input.address?.trim() || null,
    attrs: JSON.stringify({ capacityPerDay: input.capacityPerDay ?? null, contactName: input.contactName?.trim() || null, contactPhone: input.contactPhone?.trim() || null }),
  }).returning('id').executeTakeFirstOrThrow()).id;
}

/** The province adds a unit directly. */
export async function addUnit(db: Db, actor: Actor, input: UnitInput) {
  assertPermission(actor, 'user:manage');
  const { issues, district } = await unitIssues(db, actor.provinceCode, input);
  if (issues.length) throw new ValidationError(issues);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertUnit(trx, actor.provinceCode, district, input);
    await recordAudit(trx, actor, { action: 'create', recordKind: 'org_unit', recordId: id, detail: { ...input } });
    return id;
  });
  return { id, kind: input.kind, name: input.name.trim() };
}

export async function listUnits(db: Db, actor: Actor, q: { kind?: TestingUnitKind | undefined }) {
  assertPermission(actor, 'testing:read');
  let base = db.selectFrom('org_unit as u').leftJoin('admin_unit as c', 'c.code', 'u.commune_code')
    .select(['u.id', 'u.kind', 'u.name', 'u.commune_code as communeCode', 'c.name as communeName', 'u.address_detail as address', 'u.attrs',
      sql<number>`(select count(*)::int from app_user a where a.scope_org_id = u.id and a.active)`.as('users')])
    .where('u.province_code', '=', actor.provinceCode).where('u.kind', 'in', [...TESTING_UNIT_KINDS]);
  if (q.kind) base = base.where('u.kind', '=', q.kind);
  const rows = await base.orderBy('u.kind').orderBy('u.name').execute();
  return rows.map(({ attrs, ...r }) => ({ ...r, capacityPerDay: (attrs as { capacityPerDay?: number | null }).capacityPerDay ?? null }));
}

export interface RegistrationInput extends UnitInput { provinceCode: string; contactName: string; contactPhone: string; username: string; password: string }

/** A unit asks to take part (no sign-in): checked now, decided by the province later. */
export async function register(db: Db, input: RegistrationInput) {
  const { issues } = await unitIssues(db, input.provinceCode, input);
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) issues.push(issue('username', 'INVALID_FORMAT', 'Tên đăng nhập gồm 3–50 chữ thường không dấu, số, dấu chấm, gạch', 'Username: 3–50 lowercase letters, digits, dot, dash, underscore'));
  const pw = passwordIssue(input.password);
  if (pw) issues.push(pw);
  if (!input.contactName.trim()) issues.push(issue('contactName', 'REQUIRED', 'Ghi người liên hệ', 'Name the contact person'));
  if (await authRepo.findUserByUsername(db, username)) issues.push(issue('username', 'DUPLICATE', 'Tên đăng nhập đã có', 'The username is taken'));
  const pending = await db.selectFrom('unit_registration').select('id').where('username', '=', username).where('status', '=', 'pending').executeTakeFirst();
  if (pending) issues.push(issue('username', 'DUPLICATE', 'Tên đăng nhập đang chờ duyệt', 'The username is awaiting approval'));
  if (issues.length) throw new ValidationError(issues);
  const r = await db.insertInto('unit_registration').values({
    province_code: input.provinceCode, kind: input.kind, name: input.name.trim(), commune_code: input.communeCode, address_detail: input.address?.trim() || null,
    capacity_per_day: input.capacityPerDay ?? null, contact_name: input.contactName.trim(), contact_phone: input.contactPhone.replace(/\s/g, ''), username,
    password_hash: await hashPassword(input.password),
  }).returning('id').executeTakeFirstOrThrow();
  return { id: r.id, status: 'pending' as const };
}

export async function listRegistrations(db: Db, actor: Actor, q: { status?: 'pending' | 'approved' | 'rejected' | undefined }) {
  assertPermission(actor, 'user:manage');
  let base = db.selectFrom('unit_registration').select(['id', 'kind', 'name', 'commune_code as communeCode', 'address_detail as address', 'capacity_per_day as capacityPerDay',
    'contact_name as contactName', 'contact_phone as contactPhone', 'username', 'status', 'decision_note as decisionNote', 'org_unit_id as orgUnitId', 'created_at as createdAt'])
    .where('province_code', '=', actor.provinceCode).where('kind', 'in', [...TESTING_UNIT_KINDS]);
  if (q.status) base = base.where('status', '=', q.status);
  return base.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
}

/** Approves a request: the unit and its first user (role lab_staff, scoped to it) are created together. */
export async function decideRegistration(db: Db, actor: Actor, id: number, decision: { approve: boolean; note?: string | null | undefined }) {
  assertPermission(actor, 'user:manage');
  const r = await db.selectFrom('unit_registration').selectAll().where('id', '=', id).executeTakeFirst();
  // Pharmacies' requests (kind 'pharmacy') are district health's: community's pharmacy-registration.service.
  if (!r || r.province_code !== actor.provinceCode || r.kind === 'pharmacy') throw Errors.notFound({ vi: `đăng ký ${id}`, en: `registration ${id}` });
  if (r.status !== 'pending') throw new AppError('ALREADY_DECIDED', 409, { vi: 'Đăng ký đã được xử lý', en: 'The registration was already decided' });
  if (!decision.approve && !decision.note?.trim()) throw new ValidationError([issue('note', 'REQUIRED', 'Ghi lý do từ chối', 'Give the reason for refusing')]);
  const input: UnitInput = { kind: r.kind as TestingUnitKind, name: r.name, communeCode: r.commune_code, address: r.address_detail, capacityPerDay: r.capacity_per_day, contactName: r.contact_name, contactPhone: r.contact_phone };
  const { issues, district } = decision.approve ? await unitIssues(db, actor.provinceCode, input) : { issues: [], district: null };
  if (decision.approve && (await authRepo.findUserByUsername(db, r.username))) issues.push(issue('username', 'DUPLICATE', 'Tên đăng nhập đã có', 'The username is taken'));
  if (issues.length) throw new ValidationError(issues);
  return db.transaction().execute(async (trx) => {
    const locked = await trx.updateTable('unit_registration').set({ status: decision.approve ? 'approved' : 'rejected', decision_note: decision.note?.trim() || null, decided_by: actor.userId || null, decided_at: new Date() })
      .where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw new AppError('ALREADY_DECIDED', 409, { vi: 'Đăng ký đã được xử lý', en: 'The registration was already decided' });
    let unitId: number | null = null;
    if (decision.approve) {
      unitId = await insertUnit(trx, actor.provinceCode, district, input);
      await authRepo.insertUser(trx, {
        username: r.username, password_hash: r.password_hash, full_name: r.contact_name, role: 'lab_staff', scope_kind: 'org', scope_code: String(unitId),
        scope_org_id: unitId, province_code: actor.provinceCode,
      });
      await trx.updateTable('unit_registration').set({ org_unit_id: unitId }).where('id', '=', id).execute();
    }
    await recordAudit(trx, actor, { action: 'update', recordKind: 'unit_registration', recordId: id, detail: { approve: decision.approve, note: decision.note ?? null, unitId } });
    return { id, status: decision.approve ? 'approved' as const : 'rejected' as const, orgUnitId: unitId };
  });
}
