/**
 * One signed-in user of every role and scope kind, with the organisations they act for, for the
 * access matrix (src/server/access-matrix.test.ts) and the security tests. Area users sit in
 * Việt Yên (222) / Vân Trung (07801) like the other fixtures.
 */
import type { Db } from '../db/database.ts';
import type { ScopeKind } from '../db/schema.ts';
import { hashPassword } from '../modules/auth/auth.service.ts';
import { type Role, ROLE_SCOPES } from '../modules/auth/policy.ts';
import type { App } from '../server/app.ts';
import { loginAs, TEST_PASSWORD } from './fixtures.ts';

export const AREA = { province_code: '24', district_code: '222', commune_code: '07801' } as const;

export interface AccessActor {
  /** Unique label, also the username (`a_<label>`). */
  label: string;
  role: Role;
  scopeKind: ScopeKind;
  /** The org unit kind an org-scoped user acts for. */
  orgKind?: string;
}

/** Every role at least once; area roles that take several scope kinds at each of them. */
export const ACCESS_ACTORS: AccessActor[] = [
  { label: 'admin', role: 'province_admin', scopeKind: 'province' },
  { label: 'cdc', role: 'cdc', scopeKind: 'province' },
  { label: 'cdc_district', role: 'cdc', scopeKind: 'district' },
  { label: 'district', role: 'district_health', scopeKind: 'district' },
  { label: 'commune', role: 'commune_health', scopeKind: 'commune' },
  { label: 'team', role: 'community_team', scopeKind: 'commune' },
  { label: 'checkpoint', role: 'checkpoint', scopeKind: 'district' },
  { label: 'viewer', role: 'viewer', scopeKind: 'province' },
  { label: 'viewer_commune', role: 'viewer', scopeKind: 'commune' },
  { label: 'steering', role: 'steering_office', scopeKind: 'province' },
  { label: 'enterprise', role: 'enterprise', scopeKind: 'org', orgKind: 'enterprise' },
  { label: 'owner', role: 'boarding_house_owner', scopeKind: 'org', orgKind: 'boarding_house' },
  { label: 'facility', role: 'facility_staff', scopeKind: 'org', orgKind: 'quarantine_facility' },
  { label: 'lab', role: 'lab_staff', scopeKind: 'org', orgKind: 'lab' },
  { label: 'park', role: 'park_board', scopeKind: 'org', orgKind: 'industrial_park' },
  { label: 'venue', role: 'venue_staff', scopeKind: 'org', orgKind: 'venue' },
  { label: 'agency', role: 'agency_officer', scopeKind: 'org', orgKind: 'agency' },
  { label: 'pharmacy', role: 'pharmacy', scopeKind: 'org', orgKind: 'pharmacy' },
  { label: 'vaccinator', role: 'vaccinator', scopeKind: 'org', orgKind: 'vaccination_site' },
];

const SCOPE_CODE: Record<Exclude<ScopeKind, 'org'>, string> = { province: '24', district: '222', commune: '07801' };

/** Creates the org units and the users; returns the org unit id of each org kind. */
export async function seedAccessActors(db: Db): Promise<Record<string, number>> {
  const orgs: Record<string, number> = {};
  for (const a of ACCESS_ACTORS) {
    if (!a.orgKind || orgs[a.orgKind]) continue;
    const { id } = await db
      .insertInto('org_unit')
      .values({ kind: a.orgKind, name: `Đơn vị thử ${a.orgKind}`, ...AREA, attrs: JSON.stringify({}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgs[a.orgKind] = id;
  }
  if (orgs.enterprise) {
    await db.insertInto('enterprise_profile').values({
      org_unit_id: orgs.enterprise, province_code: '24', tax_code: '0100109106', name_search: 'don vi thu enterprise',
    }).execute();
  }
  // One (slow, salted) hash for them all: these users only exist in a throw-away database.
  const passwordHash = await hashPassword(TEST_PASSWORD);
  for (const a of ACCESS_ACTORS) {
    if (!ROLE_SCOPES[a.role].includes(a.scopeKind)) throw new Error(`role ${a.role} cannot have scope ${a.scopeKind}`);
    const orgId = a.orgKind ? orgs[a.orgKind]! : null;
    await db.insertInto('app_user').values({
      username: `a_${a.label}`,
      password_hash: passwordHash,
      full_name: `Thử ${a.label}`,
      role: a.role,
      scope_kind: a.scopeKind,
      scope_code: a.scopeKind === 'org' ? String(orgId) : SCOPE_CODE[a.scopeKind],
      scope_org_id: orgId,
      province_code: '24',
    }).execute();
  }
  return orgs;
}

/** The Cookie header of each actor, by label. */
export async function loginAccessActors(app: App): Promise<Record<string, string>> {
  const cookies = await Promise.all(ACCESS_ACTORS.map((a) => loginAs(app, `a_${a.label}`)));
  return Object.fromEntries(ACCESS_ACTORS.map((a, i) => [a.label, cookies[i]!]));
}

/** A JSON Schema as the OpenAPI document gives it (only what the sampler reads). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  minItems?: number;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  nullable?: boolean;
}

/** Strings tried, in order, against a pattern: the shapes the API's patterns ask for. */
const PATTERN_SAMPLES = [
  '2021-06-10', '07801', '222', '24', '0912345678', '024095000123', '06:00', '2021-06-10T08:00:00.000Z', '2021-W23', '2021-06',
  'abc', 'a', 'A', '1', '0100109106', 'V1', 'xa_1',
];

/**
 * A plausible value for a schema: required properties only, enums' first value, the lowest number
 * allowed, a string matching the pattern when one of the samples does. Enough for most bodies to
 * pass validation so that the answer shows the access decision, not the input's shape.
 */
export function sampleOf(s: JsonSchema | undefined, depth = 0): unknown {
  if (!s || depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) {
    const nonNull = alt.find((a) => a.type !== 'null');
    return sampleOf(nonNull ?? alt[0], depth + 1);
  }
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => sampleOf(a, depth + 1) as object));
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sampleOf(s.properties?.[k], depth + 1);
      return out;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleOf(s.items, depth + 1));
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      return min ?? Math.min(1, s.maximum ?? 1);
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return sampleString(s);
    default:
      return s.properties ? sampleOf({ ...s, type: 'object' }, depth) : null;
  }
}

function sampleString(s: JsonSchema): string {
  if (s.format === 'date') return '2021-06-10';
  if (s.format === 'date-time') return '2021-06-10T08:00:00.000Z';
  if (s.format === 'email') return 'thu@example.vn';
  if (s.format === 'uri') return 'https://example.vn/';
  const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
  if (s.pattern) {
    const re = new RegExp(s.pattern, 'u');
    const hit = PATTERN_SAMPLES.find((v) => re.test(v) && fits(v));
    if (hit) return hit;
  }
  const base = 'Thử nghiệm';
  const min = s.minLength ?? 1;
  return (base.length >= min ? base : base.padEnd(min, 'x')).slice(0, s.maxLength ?? base.length + min);
}
