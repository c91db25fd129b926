/**
 * Public QR check-in: a phone opens a venue's poster URL and checks in without an account
 * (phone, name and commune once; then the device token it keeps), a venue scans a person's
 * personal code, and a person's own status page (PC-COVID colour and personal code). Check-ins
 * feed tracing (same venue within 30 minutes) through its published `checkinWritten`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { vnDate } from '../../lib/time.ts';
import { Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { type AnonymousActor, recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertPermission, venueInScope } from '../auth/policy.ts';
import { openCaseSince } from '../cases/cases.service.ts';
import { findOrRegisterSelf, personNameOf } from '../people/people.service.ts';
import { quarantineStatusOf } from '../quarantine/quarantine.service.ts';
import { awaitingTestSince } from '../testing/testing.service.ts';
import { checkinWritten } from '../tracing/tracing.service.ts';
import { recordCheckin } from './checkin.batch.ts';
import { sign, verifiedClaims } from './venue-codes.ts';
import { codeFromScan, initialsOf, personClaims, REPEAT_WINDOW_MS, type StatusColour, statusColour } from './venues.domain.ts';
import * as repo from './venues.repository.ts';

type Config = Pick<AppConfig, 'venueCodeSecret' | 'provinceCode'>;

export interface CheckinInput {
  code: string;
  deviceToken?: string | undefined;
  phone?: string | undefined;
  fullName?: string | undefined;
  communeCode?: string | undefined;
  sex?: string | undefined;
  /** YYYY-MM-DD: confirms a person the register already has (and is kept for a newcomer). */
  dateOfBirth?: string | undefined;
}

export const hashDeviceToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A device token's person in the province, or null. */
async function deviceOf(db: Db, token: string, provinceCode: string): Promise<{ id: number; personId: number } | null> {
  const [row] = await repo.devicesByTokenHashes(db, [hashDeviceToken(token)]);
  return row && row.province_code === provinceCode ? { id: row.id, personId: row.person_id } : null;
}

/** Vietnam's date of an instant, kept per minute: Intl formatting costs more than a check-in's own work. */
let todayCache = { minute: -1, date: '' };
function vnToday(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== todayCache.minute) todayCache = { minute, date: vnDate(now) };
  return todayCache.date;
}

function missingDetails(input: CheckinInput): FieldIssue[] {
  const need: Array<[keyof CheckinInput, string, string]> = [['phone', 'Số điện thoại', 'Phone'], ['fullName', 'Họ và tên', 'Full name'], ['communeCode', 'Xã/phường', 'Commune']];
  return need.filter(([k]) => !(input[k] ?? '').trim())
    .map(([k, vi, en]) => ({ field: k, code: 'REQUIRED', message: { vi: `${vi}: cần khi khai báo lần đầu`, en: `${en}: needed the first time` } }));
}

/**
 * Records a check-in at the venue of a poster code at the server's time. A known device stands
 * for its person; otherwise the person is matched by phone and name or registered, and the
 * device gets a token (returned once, kept hashed). A repeat within 5 minutes returns the first.
 * Check-ins go through the group commit of checkin.batch.ts.
 */
export async function checkIn(db: Db, config: Config, input: CheckinInput, client: { ip: string | null }, now = new Date()) {
  const today = vnToday(now);
  const { claims, venue } = await verifiedClaims(db, config, codeFromScan(input.code), 'venue', today);
  const who: AnonymousActor = { username: null, provinceCode: config.provinceCode, ip: client.ip };
  const checkin = (deviceHash: string) => recordCheckin(db, {
    venueId: claims.id, personId: null, deviceHash, provinceCode: config.provinceCode, at: now,
    repeatSince: new Date(now.getTime() - REPEAT_WINDOW_MS), source: 'venue_qr', createdBy: null,
  });

  // A remembered phone: one batched statement finds its person and records the check-in.
  let row = input.deviceToken ? await checkin(hashDeviceToken(input.deviceToken)) : null;
  let newToken: string | null = null;
  let newPerson = false;
  if (!row) {
    const missing = missingDetails(input);
    if (missing.length) {
      if (input.deviceToken) throw Errors.deviceUnknown();
      throw new ValidationError(missing);
    }
    const found = await findOrRegisterSelf(db, who, { fullName: input.fullName!, phone: input.phone!, communeCode: input.communeCode!, sex: input.sex, dateOfBirth: input.dateOfBirth }, today);
    newPerson = found.created;
    newToken = randomBytes(32).toString('base64url');
    await repo.insertDevice(db, { tokenHash: hashDeviceToken(newToken), personId: found.personId, provinceCode: config.provinceCode });
    row = await checkin(hashDeviceToken(newToken));
    if (!row) throw new Error('the new device was not found');
  }
  if (row.created) checkinWritten(db, config.provinceCode, { venueId: claims.id, personId: row.personId, at: row.checkedInAt });
  if (newPerson) {
    await recordAudit(db, who, { action: 'create', recordKind: 'checkin', recordId: row.id, detail: { venueId: claims.id, personId: row.personId, source: 'venue_qr', newPerson: true } });
  }
  return {
    checkinId: row.id, checkedInAt: row.checkedInAt.toISOString(), repeated: !row.created,
    venue: { id: claims.id, name: venue!.name, addressDetail: venue!.address_detail }, deviceToken: newToken,
  };
}

/** The venue side: scanning a person's personal code records their check-in (and shows their colour at the door). */
export async function scanPersonCode(db: Db, config: Config, actor: Actor, venueId: number, rawCode: string, now = new Date()) {
  assertPermission(actor, 'venue:scan');
  const v = await repo.venueById(db, venueId);
  if (!v || v.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `địa điểm ${venueId}`, en: `venue ${venueId}` });
  if (!venueInScope(actor, { ...v, parentId: v.parent_id })) throw Errors.outOfScope();
  if (!v.active) throw Errors.qrCodeRejected('inactive');
  const today = vnDate(now);
  const { claims } = await verifiedClaims(db, config, codeFromScan(rawCode), 'person', today);
  const person = await personNameOf(db, claims.id);
  if (!person) throw Errors.qrCodeRejected('malformed');
  const row = (await recordCheckin(db, {
    venueId, personId: claims.id, deviceHash: null, provinceCode: actor.provinceCode, at: now, repeatSince: new Date(now.getTime() - REPEAT_WINDOW_MS),
    source: 'person_qr', createdBy: actor.userId || null,
  }))!;
  if (row.created) checkinWritten(db, actor.provinceCode, { venueId, personId: claims.id, at: row.checkedInAt });
  const status = await statusOf(db, claims.id, today);
  await recordAudit(db, actor, [
    ...(row.created ? [{ action: 'create' as const, recordKind: 'checkin', recordId: row.id, detail: { venueId, personId: claims.id, source: 'person_qr' } }] : []),
    { action: 'read', recordKind: 'person_status', recordId: claims.id, detail: { venueId, colour: status.colour } },
  ]);
  return { checkinId: row.id, checkedInAt: row.checkedInAt.toISOString(), repeated: !row.created, initials: initialsOf(person.fullName), colour: status.colour, since: status.since };
}

/** The colour of a person today from the cases, quarantine and testing contexts' published reads. */
export async function statusOf(db: Db, personId: number, today: string): Promise<{ colour: StatusColour; since: string | null }> {
  const [openCase, orders, awaiting] = await Promise.all([openCaseSince(db, personId), quarantineStatusOf(db, personId, today), awaitingTestSince(db, personId, today)]);
  return statusColour({ openCaseSince: openCase, f1QuarantineSince: orders.f1Since, f2Since: orders.f2Since, awaitingTestSince: awaiting });
}

/** The person's own page: initials, colour and since when, and their personal code (valid 7 days); the read is audited. */
export async function myStatus(db: Db, config: Config, deviceToken: string | undefined, client: { ip: string | null }, now = new Date()) {
  const device = deviceToken ? await deviceOf(db, deviceToken, config.provinceCode) : null;
  if (!device) throw Errors.deviceUnknown();
  const today = vnDate(now);
  const [status, person] = await Promise.all([statusOf(db, device.personId, today), personNameOf(db, device.personId)]);
  const claims = personClaims(config.provinceCode, device.personId, today);
  const code = await sign(db, config, claims);
  await recordAudit(db, { username: null, provinceCode: config.provinceCode, ip: client.ip }, {
    action: 'read', recordKind: 'person_status', recordId: device.personId, detail: { deviceId: device.id, colour: status.colour },
  });
  return { initials: person ? initialsOf(person.fullName) : '', colour: status.colour, since: status.since, asOf: today, personalCode: code, codeExpiresOn: claims.expiresOn };
}
