/** Pure helpers of the round creation form: the list of people typed or pasted, the workshop choices, and the POST body. */
import type { Method, RiskLevel, RoundCreateBody, TargetKind, WorkshopShift } from './testing-api.ts';

/** The server takes at most this many people in one round. */
export const MAX_ROUND_PEOPLE = 50_000;
/** Person ids are database integers. */
const MAX_ID = 2_147_483_647;
/** Enough of the bad entries to find them in the text, not a wall of them. */
const INVALID_SHOWN = 5;

export interface PersonIdList {
  /** Each id once, in the order first typed. */
  ids: number[];
  /** Entries that are not person ids (the first few, each once). */
  invalid: string[];
  /** How many bad entries there are in all. */
  invalidCount: number;
}

/** Person ids separated by commas, semicolons, spaces or new lines (as pasted from a spreadsheet column). */
export function parsePersonIds(text: string): PersonIdList {
  const ids: number[] = [];
  const seen = new Set<number>();
  const invalid: string[] = [];
  let invalidCount = 0;
  for (const token of text.split(/[\s,;]+/)) {
    if (token === '') continue;
    const n = /^\d{1,10}$/.test(token) ? Number(token) : NaN;
    if (!(n >= 1 && n <= MAX_ID)) {
      invalidCount++;
      if (invalid.length < INVALID_SHOWN && !invalid.includes(token)) invalid.push(token);
      continue;
    }
    if (!seen.has(n)) {
      seen.add(n);
      ids.push(n);
    }
  }
  return { ids, invalid, invalidCount };
}

/** What is wrong with a list before it is sent (null: nothing). */
export type PersonIdsProblem =
  | { kind: 'empty' }
  | { kind: 'invalid'; values: string[]; count: number }
  | { kind: 'tooMany'; count: number };

export function personIdsProblem(list: PersonIdList): PersonIdsProblem | null {
  if (list.invalidCount > 0) return { kind: 'invalid', values: list.invalid, count: list.invalidCount };
  if (list.ids.length === 0) return { kind: 'empty' };
  if (list.ids.length > MAX_ROUND_PEOPLE) return { kind: 'tooMany', count: list.ids.length };
  return null;
}

export const isPooled = (method: Method | undefined) => method === 'rt_pcr_pool';

/** Pool size by risk level, as the server sets it when none is given. */
export const POOL_SIZE_BY_RISK: Record<RiskLevel, number> = { high: 5, low: 10 };
/** The pool sizes the server accepts. */
export const POOL_SIZE_RANGE = { min: 2, max: 20 } as const;

/** A workshop round's target: one shift of a workshop, or all its shifts (shift null). */
export interface WorkshopChoice {
  workshop: string;
  shift: string | null;
}

/** The value of a workshop option in the form (a Select value is text). */
export function workshopChoiceKey(c: WorkshopChoice): string {
  return JSON.stringify([c.workshop, c.shift]);
}

export function workshopChoiceOf(key: string | null | undefined): WorkshopChoice | null {
  if (!key) return null;
  try {
    const v: unknown = JSON.parse(key);
    if (Array.isArray(v) && typeof v[0] === 'string' && (v[1] === null || typeof v[1] === 'string')) return { workshop: v[0], shift: v[1] };
  } catch {
    // Not a key made by workshopChoiceKey: no choice.
  }
  return null;
}

export interface WorkshopOption extends WorkshopChoice {
  value: string;
  /** A shift's hours and the people working on it that day (null for a workshop's all shifts). */
  start: string | null;
  end: string | null;
  people: number | null;
}

/**
 * The workshop choices of an enterprise, in the server's order (workshop, then shift start): each
 * workshop with all its shifts, then each of its shifts. "All shifts" has no head count: adding up
 * the shifts' would count twice someone on two of them.
 */
export function workshopOptions(items: WorkshopShift[]): WorkshopOption[] {
  const out: WorkshopOption[] = [];
  for (const [i, item] of items.entries()) {
    if (items[i - 1]?.workshop !== item.workshop) {
      const all = { workshop: item.workshop, shift: null };
      out.push({ ...all, value: workshopChoiceKey(all), start: null, end: null, people: null });
    }
    if (item.shift === null) continue;
    const one = { workshop: item.workshop, shift: item.shift };
    out.push({ ...one, value: workshopChoiceKey(one), start: item.start, end: item.end, people: item.people });
  }
  return out;
}

/** The form's values, the date as 'YYYY-MM-DD'. Fields of other target kinds may still hold values: they are not sent. */
export interface RoundDraft {
  targetKind: TargetKind;
  communeCode?: string | null;
  /** A village round: the village chosen among the commune's. */
  village?: string | null;
  targetOrgId?: number | null;
  /** A lockdown zone round: the zone. */
  targetZoneId?: number | null;
  /** A workshop round: the chosen option's value (workshopChoiceKey). */
  workshop?: string | null;
  personIds?: string | null;
  targetLabel?: string | null;
  scheduledOn: string;
  method: Method;
  riskLevel?: RiskLevel | null;
  poolSize?: number | null;
  /** The sampling team or testing unit; none: the user's own unit, if any. */
  teamOrgId?: number | null;
}

/** POST /api/testing/rounds: only the fields of the chosen target kind, and the pooling only for a pooled round. */
export function roundCreateBody(d: RoundDraft): RoundCreateBody {
  const body: RoundCreateBody = { targetKind: d.targetKind, scheduledOn: d.scheduledOn, method: d.method };
  switch (d.targetKind) {
    case 'lockdown_zone':
      if (d.targetZoneId != null) body.targetZoneId = d.targetZoneId;
      break;
    case 'commune':
      if (d.communeCode) body.communeCode = d.communeCode;
      break;
    case 'village':
      if (d.communeCode) body.communeCode = d.communeCode;
      if (d.village) body.village = d.village;
      break;
    case 'enterprise':
    case 'facility':
      if (d.targetOrgId != null) body.targetOrgId = d.targetOrgId;
      break;
    case 'workshop': {
      if (d.targetOrgId != null) body.targetOrgId = d.targetOrgId;
      const choice = workshopChoiceOf(d.workshop);
      if (choice) body.workshop = choice.workshop;
      if (choice?.shift) body.shift = choice.shift;
      break;
    }
    case 'list': {
      body.personIds = parsePersonIds(d.personIds ?? '').ids;
      const label = d.targetLabel?.trim();
      if (label) body.targetLabel = label;
      break;
    }
  }
  if (d.teamOrgId != null) body.teamOrgId = d.teamOrgId;
  if (isPooled(d.method)) {
    if (d.riskLevel) body.riskLevel = d.riskLevel;
    if (d.poolSize != null) body.poolSize = d.poolSize;
  }
  return body;
}

/** The fields the server's issues may name, as the form names them too. */
export const ROUND_FIELDS = ['targetKind', 'targetZoneId', 'communeCode', 'village', 'targetOrgId', 'workshop', 'personIds', 'targetLabel', 'scheduledOn', 'method', 'riskLevel', 'poolSize', 'teamOrgId'] as const;
