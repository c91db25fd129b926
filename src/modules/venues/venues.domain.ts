/**
 * Pure rules of venue QR check-in: the signed venue and person codes (HMAC-SHA256, compact enough
 * for a small QR), why a code is refused, the PC-COVID status colour, and the venue categories.
 * No I/O: the secret, today and the venue's state are passed in.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, dayNumber, isoDay } from '../../lib/time.ts';

/** Places that put up a poster; enterprise gates and worker buses belong to an enterprise. */
export const VENUE_CATEGORIES = [
  'market', 'supermarket', 'restaurant', 'cafe', 'pharmacy', 'bank', 'post_office', 'pagoda', 'church',
  'bus_station', 'hospital', 'school', 'office', 'enterprise_gate', 'bus', 'other',
] as const;
export type VenueCategory = (typeof VENUE_CATEGORIES)[number];
/** What an enterprise user may create: its own gates and buses. */
export const ENTERPRISE_CATEGORIES: readonly VenueCategory[] = ['enterprise_gate', 'bus'];

/** A poster's code stays valid this long unless the venue's code is reissued first. */
export const DEFAULT_VENUE_CODE_DAYS = 365;
/** A personal code is shown on the phone and refreshed with the status page. */
export const PERSON_CODE_DAYS = 7;
/** A second check-in of the same person at the same venue within this window returns the first. */
export const REPEAT_WINDOW_MS = 5 * 60_000;

export type CodeKind = 'venue' | 'person';
const PREFIX: Record<CodeKind, string> = { venue: 'V', person: 'P' };

/** What a code carries: the province, the subject (venue or person id), the venue's code version, issue and expiry dates. */
export interface CodeClaims {
  kind: CodeKind;
  provinceCode: string;
  id: number;
  /** Venues: the code version of the poster; persons: always 1. */
  version: number;
  issuedOn: string;
  expiresOn: string;
}

const SIG_BYTES = 16;

function signature(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(body).digest().subarray(0, SIG_BYTES);
}

/**
 * `V24.2s.1.fnr.fsb.<22 chars>`: kind and province, then id, version, issue and expiry day
 * (days since 1970, base 36), then the first 128 bits of the HMAC-SHA256 of all that, base64url.
 */
export function signCode(secret: string, c: CodeClaims): string {
  const body = [`${PREFIX[c.kind]}${c.provinceCode}`, c.id.toString(36), c.version.toString(36), dayNumber(c.issuedOn).toString(36), dayNumber(c.expiresOn).toString(36)].join('.');
  return `${body}.${signature(secret, body).toString('base64url')}`;
}

export type CodeProblem = 'malformed' | 'forged' | 'wrong_kind' | 'other_province' | 'expired' | 'unknown_venue' | 'inactive' | 'revoked';

// The signature is 16 bytes in 22 base64url characters; the last carries 2 bits and 4 zero bits
// (A, Q, g or w), so each signature has exactly one spelling: any other is not a code we issued.
const CODE_SHAPE = /^([VP])(\d{2})\.([0-9a-z]{1,10})\.([0-9a-z]{1,6})\.([0-9a-z]{1,6})\.([0-9a-z]{1,6})\.([A-Za-z0-9_-]{21}[AQgw])$/;

/** Reads and verifies a code's signature; nothing about its venue or dates yet. */
export function readCode(secret: string, code: string): { ok: true; claims: CodeClaims } | { ok: false; problem: CodeProblem } {
  const m = CODE_SHAPE.exec(code.trim());
  if (!m) return { ok: false, problem: 'malformed' };
  const body = code.trim().slice(0, code.trim().lastIndexOf('.'));
  const given = Buffer.from(m[7]!, 'base64url');
  if (given.length !== SIG_BYTES || !timingSafeEqual(given, signature(secret, body))) return { ok: false, problem: 'forged' };
  const [id, version, issued, expires] = [m[3]!, m[4]!, m[5]!, m[6]!].map((x) => parseInt(x, 36)) as [number, number, number, number];
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return { ok: false, problem: 'malformed' };
  return {
    ok: true,
    claims: { kind: m[1] === 'V' ? 'venue' : 'person', provinceCode: m[2]!, id, version, issuedOn: isoDay(issued), expiresOn: isoDay(expires) },
  };
}

/** The state of a venue a code names, as the database has it (null: no such venue). */
export interface VenueState { provinceCode: string; active: boolean; codeVersion: number }

/** Whether a verified code may be used today; the first problem found, or null. */
export function codeProblem(
  claims: CodeClaims,
  ctx: { kind: CodeKind; provinceCode: string; today: string; venue?: VenueState | null },
): CodeProblem | null {
  if (claims.kind !== ctx.kind) return 'wrong_kind';
  if (claims.provinceCode !== ctx.provinceCode) return 'other_province';
  if (claims.expiresOn < ctx.today) return 'expired';
  if (ctx.kind === 'venue') {
    const v = ctx.venue;
    if (!v || v.provinceCode !== ctx.provinceCode) return 'unknown_venue';
    if (!v.active) return 'inactive';
    if (claims.version !== v.codeVersion) return 'revoked';
  }
  return null;
}

/** The claims of a new poster code issued today. */
export function venueClaims(provinceCode: string, venueId: number, version: number, today: string, days = DEFAULT_VENUE_CODE_DAYS): CodeClaims {
  return { kind: 'venue', provinceCode, id: venueId, version, issuedOn: today, expiresOn: addDays(today, days) };
}

export function personClaims(provinceCode: string, personId: number, today: string): CodeClaims {
  return { kind: 'person', provinceCode, id: personId, version: 1, issuedOn: today, expiresOn: addDays(today, PERSON_CODE_DAYS) };
}

/** The code inside a check-in URL (`…/c/<code>`), or the text itself. */
export function codeFromScan(text: string): string {
  const t = text.trim();
  const m = /\/c\/([^/?#\s]+)\s*$/.exec(t);
  return m ? decodeURIComponent(m[1]!) : t;
}

// ---- status colour (PC-COVID)

export type StatusColour = 'red' | 'yellow' | 'green';

/** What the status page reads about a person, each with the date it began (null: not so). */
export interface StatusFacts {
  openCaseSince: string | null;
  /** In force today: an F1 quarantine order (or a case's isolation order). */
  f1QuarantineSince: string | null;
  /** In force today: an F2 home quarantine/monitoring order. */
  f2Since: string | null;
  awaitingTestSince: string | null;
}

/** Red: F0 or F1 in quarantine; yellow: F2 or waiting for a test result; green otherwise. */
export function statusColour(f: StatusFacts): { colour: StatusColour; since: string | null } {
  const earliest = (...ds: Array<string | null>) => ds.filter((d): d is string => d !== null).sort()[0] ?? null;
  if (f.openCaseSince || f.f1QuarantineSince) return { colour: 'red', since: earliest(f.openCaseSince, f.f1QuarantineSince) };
  if (f.f2Since || f.awaitingTestSince) return { colour: 'yellow', since: earliest(f.f2Since, f.awaitingTestSince) };
  return { colour: 'green', since: null };
}

/** "Nguyễn Văn An" -> "N.V.A.": all a status page shows of a name. */
export function initialsOf(fullName: string): string {
  return fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean).map((w) => `${[...w][0]!.toUpperCase()}.`).join('');
}
