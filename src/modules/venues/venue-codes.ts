/**
 * The signing secret and the checks of a scanned code against the database: shared by the venue
 * management (posters), the public check-in and the venue's scan of a personal code.
 */
import type { AppConfig } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { Errors } from '../../server/errors.ts';
import { type CodeClaims, type CodeKind, codeProblem, readCode, signCode } from './venues.domain.ts';
import * as repo from './venues.repository.ts';

const secrets = new WeakMap<Db, Promise<string>>();

/** VENUE_CODE_SECRET, else the one kept in app_meta (made on first use, never in the repository). */
export function secretFor(db: Db, config: Pick<AppConfig, 'venueCodeSecret'>): Promise<string> {
  if (config.venueCodeSecret) return Promise.resolve(config.venueCodeSecret);
  let s = secrets.get(db);
  if (!s) {
    s = repo.storedSecret(db);
    s.catch(() => secrets.delete(db));
    secrets.set(db, s);
  }
  return s;
}

export async function sign(db: Db, config: Pick<AppConfig, 'venueCodeSecret'>, claims: CodeClaims): Promise<string> {
  return signCode(await secretFor(db, config), claims);
}

type VenueState = NonNullable<Awaited<ReturnType<typeof repo.venueState>>>;
const STATE_TTL_MS = 10_000;
const venueStates = new WeakMap<Db, Map<number, { at: number; state: Promise<VenueState | null> }>>();

/**
 * A venue's name and QR state, kept 10 s so a market at rush hour costs one read per venue
 * (concurrent misses share it); this process's own writes drop the entry at once.
 */
export function cachedVenueState(db: Db, id: number, nowMs = Date.now()): Promise<VenueState | null> {
  let m = venueStates.get(db);
  if (!m) venueStates.set(db, (m = new Map()));
  const hit = m.get(id);
  if (hit && nowMs - hit.at < STATE_TTL_MS) return hit.state;
  const state = repo.venueState(db, id).then((v) => v ?? null);
  state.catch(() => m.delete(id));
  if (m.size > 50_000) m.clear();
  m.set(id, { at: nowMs, state });
  return state;
}

export function forgetVenueState(db: Db, id: number): void {
  venueStates.get(db)?.delete(id);
}

/** A scanned code's claims if it may be used today, else 400 QR_CODE_REJECTED naming why. */
export async function verifiedClaims(
  db: Db,
  config: Pick<AppConfig, 'venueCodeSecret' | 'provinceCode'>,
  code: string,
  kind: CodeKind,
  today: string,
): Promise<{ claims: CodeClaims; venue: VenueState | null }> {
  const read = readCode(await secretFor(db, config), code);
  if (!read.ok) throw Errors.qrCodeRejected(read.problem);
  const claims = read.claims;
  const early = codeProblem(claims, { kind, provinceCode: config.provinceCode, today, venue: kind === 'venue' ? { provinceCode: config.provinceCode, active: true, codeVersion: claims.version } : null });
  if (early) throw Errors.qrCodeRejected(early);
  if (kind === 'person') return { claims, venue: null };
  const venue = await cachedVenueState(db, claims.id);
  const problem = codeProblem(claims, {
    kind, provinceCode: config.provinceCode, today,
    venue: venue ? { provinceCode: venue.province_code, active: venue.active, codeVersion: venue.code_version } : null,
  });
  if (problem) throw Errors.qrCodeRejected(problem);
  return { claims, venue };
}
