/**
 * Pharmacies ask to take part themselves (issue 9): a public, phone-sized form sends the pharmacy's
 * name, licence number, commune and address, a contact and the username and password it wants.
 * The request is kept in the testing units' `unit_registration` table (kind 'pharmacy', migration
 * 0021) and reviewed by whoever registers pharmacies today (`pharmacy:manage`: district health of
 * the commune's district, CDC, the province). Approval creates the pharmacy (`org_unit` kind
 * 'pharmacy', checked like a pharmacy added on screen) and its first user (role `pharmacy`) in one
 * transaction.
 *
 * The public answer never says whether a username is taken or awaiting approval: every well-formed
 * request gets the same reply, and the username is checked at approval, where the reviewer may give
 * another one (and tells the pharmacy by phone).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as authRepo from '../auth/auth.repository.ts';
import { hashPassword } from '../auth/auth.service.ts';
import { type Actor, areaInScope, areaScopeFilter, assertPermission } from '../auth/policy.ts';
import { USERNAME, passwordIssue } from '../auth/users.service.ts';
import { lookupUnit } from '../places/places.service.ts';
import { tidy } from './community.domain.ts';
import { checkPharmacy } from './pharmacies.service.ts';

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });
const PHONE = /^0\d{9,10}$/;

export interface PharmacyRegistrationInput {
  provinceCode: string; name: string; licenceNo: string; communeCode: string; address?: string | null | undefined;
  contactName: string; contactPhone: string; username: string; password: string;
}

/** The one reply to every accepted request, whatever became of the username. */
export const REGISTRATION_RECEIVED = {
  status: 'received' as const,
  message: {
    vi: 'Đã nhận đăng ký. Trung tâm y tế huyện sẽ xem xét và gọi điện cho người liên hệ; tài khoản dùng được khi đăng ký được duyệt.',
    en: 'Request received. The district health centre will review it and call the contact person; the account works once the request is approved.',
  },
};

/** Checks the form (never the username's existence) and keeps the request. */
export async function registerPharmacy(db: Db, input: PharmacyRegistrationInput) {
  const issues: FieldIssue[] = [];
  const name = tidy(input.name);
  const licenceNo = tidy(input.licenceNo);
  const contactName = tidy(input.contactName);
  const contactPhone = input.contactPhone.replace(/[\s.]/g, '');
  const username = input.username.trim().toLowerCase();
  if (!name) issues.push(issue('name', 'REQUIRED', 'Ghi tên nhà thuốc', 'Name the pharmacy'));
  if (!licenceNo) issues.push(issue('licenceNo', 'REQUIRED', 'Ghi số giấy chứng nhận đủ điều kiện kinh doanh dược', 'Give the licence number'));
  const unit = await lookupUnit(db, input.communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== input.provinceCode || !unit.district_code) {
    issues.push(issue('communeCode', 'UNKNOWN', `Không có xã/phường mã ${input.communeCode} trong tỉnh`, `No commune ${input.communeCode} in the province`));
  }
  if (!contactName) issues.push(issue('contactName', 'REQUIRED', 'Ghi người liên hệ', 'Name the contact person'));
  if (!PHONE.test(contactPhone)) issues.push(issue('contactPhone', 'INVALID_FORMAT', 'Số điện thoại không hợp lệ', 'Not a valid phone number'));
  if (!USERNAME.test(username)) issues.push(issue('username', 'INVALID_FORMAT', 'Tên đăng nhập gồm 3–50 chữ thường không dấu, số, dấu chấm, gạch', 'Username: 3–50 lowercase letters, digits, dot, dash, underscore'));
  const pw = passwordIssue(input.password);
  if (pw) issues.push(pw);
  if (issues.length) throw new ValidationError(issues);
  await db.insertInto('unit_registration').values({
    province_code: input.provinceCode, kind: 'pharmacy', name: name!, licence_no: licenceNo, commune_code: unit!.code, district_code: unit!.district_code,
    address_detail: tidy(input.address), capacity_per_day: null, contact_name: contactName!, contact_phone: contactPhone, username,
    password_hash: await hashPassword(input.password),
  }).execute();
  return REGISTRATION_RECEIVED;
}

function scoped(actor: Actor) {
  const scope = areaScopeFilter(actor);
  if (!scope) throw Errors.forbidden();
  return scope;
}

/** The requests of the reviewer's area, newest first, with whether the wanted username is free now. */
export async function listPharmacyRegistrations(db: Db, actor: Actor, q: { status?: 'pending' | 'approved' | 'rejected' | undefined }) {
  assertPermission(actor, 'pharmacy:manage');
  const scope = scoped(actor);
  let base = db.selectFrom('unit_registration as r').leftJoin('admin_unit as c', 'c.code', 'r.commune_code')
    .select(['r.id', 'r.name', 'r.licence_no as licenceNo', 'r.district_code as districtCode', 'r.commune_code as communeCode', 'c.name as communeName',
      'r.address_detail as address', 'r.contact_name as contactName', 'r.contact_phone as contactPhone', 'r.username', 'r.status', 'r.decision_note as decisionNote',
      'r.org_unit_id as orgUnitId', 'r.created_at as createdAt',
      sql<boolean>`exists (select 1 from app_user a where a.username = r.username)`.as('usernameTaken')])
    .where('r.province_code', '=', actor.provinceCode).where('r.kind', '=', 'pharmacy').where(`r.${scope.column}`, '=', scope.value);
  if (q.status) base = base.where('r.status', '=', q.status);
  const rows = await base.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(500).execute();
  // Once decided, whether the name is taken says nothing the reviewer needs.
  return rows.map((r) => ({ ...r, usernameTaken: r.status === 'pending' ? r.usernameTaken : false }));
}

/**
 * Approves (creating the pharmacy and its first `pharmacy` user, under the request's username or
 * the one the reviewer gives when that is taken) or refuses with a reason.
 */
export async function decidePharmacyRegistration(db: Db, actor: Actor, id: number, decision: { approve: boolean; note?: string | null | undefined; username?: string | null | undefined }) {
  assertPermission(actor, 'pharmacy:manage');
  const r = await db.selectFrom('unit_registration').selectAll().where('id', '=', id).where('kind', '=', 'pharmacy').executeTakeFirst();
  if (!r || r.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `đăng ký ${id}`, en: `registration ${id}` });
  if (!areaInScope(actor, { province_code: r.province_code, district_code: r.district_code ?? '', commune_code: r.commune_code })) throw Errors.outOfScope();
  const decided = () => new AppError('ALREADY_DECIDED', 409, { vi: 'Đăng ký đã được xử lý', en: 'The registration was already decided' });
  if (r.status !== 'pending') throw decided();
  if (!decision.approve && !decision.note?.trim()) throw new ValidationError([issue('note', 'REQUIRED', 'Ghi lý do từ chối', 'Give the reason for refusing')]);

  let row: Awaited<ReturnType<typeof checkPharmacy>> | null = null;
  const username = (decision.username?.trim() || r.username).toLowerCase();
  if (decision.approve) {
    const issues: FieldIssue[] = [];
    try {
      row = await checkPharmacy(db, actor, { name: r.name, licenceNo: r.licence_no ?? '', ownerName: r.contact_name, phone: r.contact_phone, communeCode: r.commune_code, addressDetail: r.address_detail }, null);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      issues.push(...e.issues);
    }
    if (!USERNAME.test(username)) issues.push(issue('username', 'INVALID_FORMAT', 'Tên đăng nhập gồm 3–50 chữ thường không dấu, số, dấu chấm, gạch', 'Username: 3–50 lowercase letters, digits, dot, dash, underscore'));
    else if (await authRepo.findUserByUsername(db, username)) {
      issues.push(issue('username', 'DUPLICATE', `Tên đăng nhập "${username}" đã có: ghi tên khác và báo cho nhà thuốc`, `The username "${username}" is taken: give another and tell the pharmacy`));
    }
    if (issues.length) throw new ValidationError(issues);
  }
  return db.transaction().execute(async (trx) => {
    const locked = await trx.updateTable('unit_registration')
      .set({ status: decision.approve ? 'approved' : 'rejected', decision_note: decision.note?.trim() || null, decided_by: actor.userId || null, decided_at: new Date() })
      .where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(locked.numUpdatedRows) !== 1) throw decided();
    let unitId: number | null = null;
    if (decision.approve && row) {
      unitId = (await trx.insertInto('org_unit').values(row).returning('id').executeTakeFirstOrThrow()).id;
      const userId = (await authRepo.insertUser(trx, {
        username, password_hash: r.password_hash, full_name: r.contact_name, role: 'pharmacy', scope_kind: 'org', scope_code: String(unitId),
        scope_org_id: unitId, province_code: actor.provinceCode,
      })).id;
      await trx.updateTable('unit_registration').set({ org_unit_id: unitId, username }).where('id', '=', id).execute();
      await recordAudit(trx, actor, { action: 'create', recordKind: 'pharmacy', recordId: unitId, detail: { after: row, registrationId: id } });
      await recordAudit(trx, actor, { action: 'create', recordKind: 'app_user', recordId: userId, detail: { username, role: 'pharmacy', orgId: unitId, registrationId: id } });
    }
    await recordAudit(trx, actor, { action: 'update', recordKind: 'unit_registration', recordId: id, detail: { kind: 'pharmacy', approve: decision.approve, note: decision.note ?? null, unitId } });
    return { id, status: decision.approve ? 'approved' as const : 'rejected' as const, orgUnitId: unitId, username: decision.approve ? username : null };
  });
}
