/**
 * Clusters (ổ dịch): pure rules. A cluster is active until no linked case has been confirmed
 * for `controlDays` days (per cluster, default 14); it is then controlled, from
 * lastCaseDate + controlDays. No I/O here: `asOf` is always passed in.
 */
import { addDays } from '../../lib/time.ts';
import type { FieldIssue } from '../../server/errors.ts';

export const DEFAULT_CONTROL_DAYS = 14;
export const MIN_CONTROL_DAYS = 1;
export const MAX_CONTROL_DAYS = 60;
/** Cases at one place are linked for a suggestion when confirmed within this many days of the previous one. */
export const SUGGESTION_LINK_DAYS = 14;
/** A case is tied to a place through a membership valid on some day of the 14 days up to its confirmation. */
export const MEMBERSHIP_LOOKBACK_DAYS = 14;

export type ClusterStatus = 'active' | 'controlled';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` ('YYYY-MM-DD'), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A real calendar date 'YYYY-MM-DD' (not 2021-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}

export interface ClusterCaseDates {
  /** Earliest confirmation date of a linked case confirmed on or before asOf. */
  firstCaseDate: string | null;
  /** Latest confirmation date of a linked case confirmed on or before asOf. */
  lastCaseDate: string | null;
  controlDays: number;
}

export interface ClusterState {
  status: ClusterStatus;
  controlledOn: string | null;
  daysToControl: number | null;
  ageDays: number | null;
}

/**
 * The status of a cluster as of a date. Controlled when no linked case was confirmed in the
 * last `controlDays` days, i.e. asOf ≥ lastCaseDate + controlDays (= controlledOn);
 * daysToControl counts from detection (first case) to control. A cluster with no case
 * confirmed by asOf has nothing to measure and stays active.
 */
export function clusterStateAsOf(c: ClusterCaseDates, asOf: string): ClusterState {
  if (c.firstCaseDate === null || c.lastCaseDate === null) {
    return { status: 'active', controlledOn: null, daysToControl: null, ageDays: null };
  }
  const ageDays = daysBetween(c.firstCaseDate, asOf);
  const controlledOn = addDays(c.lastCaseDate, c.controlDays);
  if (controlledOn > asOf) return { status: 'active', controlledOn: null, daysToControl: null, ageDays };
  return { status: 'controlled', controlledOn, daysToControl: daysBetween(c.firstCaseDate, controlledOn), ageDays };
}

export interface ClusterFieldsInput {
  name?: string | undefined;
  controlDays?: number | undefined;
  note?: string | null | undefined;
}

export interface ValidClusterFields {
  name?: string;
  controlDays?: number;
  note?: string | null;
}

/** Checks and normalises the editable fields present in the input (all optional for a patch). */
export function validateClusterFields(input: ClusterFieldsInput): { ok: true; value: ValidClusterFields } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value: ValidClusterFields = {};
  if (input.name !== undefined) {
    const name = input.name.replace(/\s+/g, ' ').trim();
    if (!name) {
      issues.push({ field: 'name', code: 'REQUIRED', message: { vi: 'Tên ổ dịch không được để trống', en: 'The cluster name must not be empty' } });
    } else value.name = name;
  }
  if (input.controlDays !== undefined) {
    const d = input.controlDays;
    if (!Number.isInteger(d) || d < MIN_CONTROL_DAYS || d > MAX_CONTROL_DAYS) {
      issues.push({
        field: 'controlDays',
        code: 'OUT_OF_RANGE',
        message: {
          vi: `Số ngày không có ca mới để coi là kiểm soát phải từ ${MIN_CONTROL_DAYS} đến ${MAX_CONTROL_DAYS} (nhận ${d})`,
          en: `controlDays (days without a new case before control) must be ${MIN_CONTROL_DAYS} to ${MAX_CONTROL_DAYS} (got ${d})`,
        },
      });
    } else value.controlDays = d;
  }
  if (input.note !== undefined) value.note = input.note?.trim() || null;
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

/** Case ids listed more than once in one request. */
export function repeatedIds(ids: number[]): number[] {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const id of ids) {
    if (seen.has(id)) repeated.add(id);
    seen.add(id);
  }
  return [...repeated];
}

export interface AreaOfCases {
  district_code: string | null;
  commune_code: string | null;
}

/** A cluster declared without a place lives where its cases are: their commune if they share one, else their district. */
export function commonAreaOf(cases: Array<{ district_code: string; commune_code: string }>): AreaOfCases {
  if (cases.length === 0) return { district_code: null, commune_code: null };
  const districts = new Set(cases.map((c) => c.district_code));
  const communes = new Set(cases.map((c) => c.commune_code));
  return {
    district_code: districts.size === 1 ? cases[0]!.district_code : null,
    commune_code: communes.size === 1 ? cases[0]!.commune_code : null,
  };
}

/** A name that does not identify the person: initials only ("Nguyễn Thị Hoa" -> "N. T. H."), as tracing shows it. */
export function maskedName(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w.charAt(0)}.`)
    .join(' ');
}

// ---- suggestions

/** One confirmed case tied to a place through a contact group membership. */
export interface PlaceCase {
  placeKind: 'enterprise' | 'boarding_house' | 'village';
  /** Org unit id (enterprise, boarding house) or commune code (village). */
  placeId: string;
  placeName: string;
  orgUnitId: number | null;
  communeCode: string | null;
  caseId: number;
  caseCode: string;
  confirmationDate: string;
}

export interface ClusterSuggestion {
  key: string;
  name: string;
  placeKind: PlaceCase['placeKind'];
  orgUnitId: number | null;
  communeCode: string | null;
  caseIds: number[];
  caseCodes: string[];
  firstCaseDate: string;
}

/**
 * Groups cases by place, then splits each place's cases into chains where each case is
 * confirmed within `linkDays` days of the previous one. A chain of two or more cases is
 * suggested unless one existing cluster already holds all of its cases.
 */
export function suggestClusters(
  placeCases: PlaceCase[],
  clustersOfCase: Map<number, number[]>,
  linkDays = SUGGESTION_LINK_DAYS,
): ClusterSuggestion[] {
  const byPlace = new Map<string, PlaceCase[]>();
  for (const pc of placeCases) {
    const key = `${pc.placeKind}:${pc.placeId}`;
    const list = byPlace.get(key) ?? [];
    if (!list.some((x) => x.caseId === pc.caseId)) list.push(pc);
    byPlace.set(key, list);
  }
  const out: ClusterSuggestion[] = [];
  for (const [placeKey, list] of byPlace) {
    list.sort((a, b) => a.confirmationDate.localeCompare(b.confirmationDate) || a.caseId - b.caseId);
    let chain: PlaceCase[] = [];
    const flush = () => {
      if (chain.length >= 2 && !sharedCluster(chain, clustersOfCase)) {
        const first = chain[0]!;
        out.push({
          key: `${placeKey}:${first.confirmationDate}`,
          name: first.placeName,
          placeKind: first.placeKind,
          orgUnitId: first.orgUnitId,
          communeCode: first.communeCode,
          caseIds: chain.map((c) => c.caseId),
          caseCodes: chain.map((c) => c.caseCode),
          firstCaseDate: first.confirmationDate,
        });
      }
      chain = [];
    };
    for (const pc of list) {
      const prev = chain[chain.length - 1];
      if (prev && daysBetween(prev.confirmationDate, pc.confirmationDate) > linkDays) flush();
      chain.push(pc);
    }
    flush();
  }
  return out.sort(
    (a, b) => b.firstCaseDate.localeCompare(a.firstCaseDate) || b.caseIds.length - a.caseIds.length || a.key.localeCompare(b.key),
  );
}

function sharedCluster(chain: PlaceCase[], clustersOfCase: Map<number, number[]>): boolean {
  const [first, ...rest] = chain;
  const candidates = clustersOfCase.get(first!.caseId) ?? [];
  return candidates.some((cl) => rest.every((c) => (clustersOfCase.get(c.caseId) ?? []).includes(cl)));
}
