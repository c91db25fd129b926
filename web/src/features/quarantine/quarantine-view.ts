/** Pure helpers of the quarantine pages: colours, progress bars, placement and rejection rows. */
import { ApiError, type LocalisedMessage } from '../../shared/api/client.ts';
import { issuesOf } from '../../shared/api/issues.ts';
import type { Language } from '../../shared/i18n/index.ts';
import {
  ALERT_LEVELS,
  type AlertLevel,
  type OrderStatus,
  type PlacementSuggestion,
  type QuarantineOrder,
  type ReleaseItem,
  type ReleaseStatus,
  type RiskGroup,
} from './quarantine-api.ts';


export function localised(message: LocalisedMessage | null | undefined, lang: Language): string {
  if (!message) return '';
  return message[lang] || message.vi;
}

/** Bar colours of the occupancy alerts (antd's green, gold, red). */
export const ALERT_COLOURS: Record<AlertLevel, string> = { normal: '#52c41a', warning: '#faad14', critical: '#ff4d4f' };
export const ALERT_TAG_COLOURS: Record<AlertLevel, string> = { normal: 'green', warning: 'orange', critical: 'red' };

/** The server's defaults: warning from 80 %, critical from 95 % of the capacity. */
export const DEFAULT_WARN_PERCENT = 80;
export const DEFAULT_CRITICAL_PERCENT = 95;

/** An alert the server sent as a plain string; anything unknown counts as normal. */
export function alertOf(value: string): AlertLevel {
  return (ALERT_LEVELS as readonly string[]).includes(value) ? (value as AlertLevel) : 'normal';
}

/** The alert for a share of places used, as the server computes it (a full room without capacity is critical). */
export function alertForUse(used: number, capacity: number, warnPercent = DEFAULT_WARN_PERCENT, criticalPercent = DEFAULT_CRITICAL_PERCENT): AlertLevel {
  if (capacity <= 0) return used > 0 ? 'critical' : 'normal';
  const pct = (used * 100) / capacity;
  return pct >= criticalPercent ? 'critical' : pct >= warnPercent ? 'warning' : 'normal';
}

/** How far the bar is filled, 0..100: an overfull facility shows a full bar, not an overflowing one. */
export function barPercent(used: number, capacity: number): number {
  if (capacity <= 0) return used > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round((used * 1000) / capacity) / 10));
}

/**
 * antd's Progress status for an alert: 'exception' (red, with a cross) when critical. Otherwise
 * 'normal', set explicitly, or a bar at 100 % would turn green with a tick.
 */
export function progressStatus(alert: AlertLevel): 'normal' | 'exception' {
  return alert === 'critical' ? 'exception' : 'normal';
}

export const RISK_COLOURS: Record<RiskGroup, string> = { high: 'red', medium: 'orange', low: 'green' };

export const ORDER_STATUS_COLOURS: Record<OrderStatus, string> = {
  active: 'processing',
  released: 'green',
  transferred: 'purple',
  became_case: 'red',
  cancelled: 'default',
};

export const RELEASE_STATUS_COLOURS: Record<ReleaseStatus, string> = { due: 'green', held: 'orange', positive: 'red', waiting_for_source: 'blue' };

/** Only an active centralized order can be given a room. */
export function isPlaceable(o: Pick<QuarantineOrder, 'kind' | 'status'>): boolean {
  return o.kind === 'centralized' && o.status === 'active';
}

/** A centralized order still waiting for a room ("Chưa xếp phòng"). */
export function awaitsRoom(o: Pick<QuarantineOrder, 'kind' | 'facility_id'>): boolean {
  return o.kind === 'centralized' && o.facility_id === null;
}

/** Only a person found due can be released. */
export function isReleasable(item: Pick<ReleaseItem, 'status'>): boolean {
  return item.status === 'due';
}

export interface PlacementRow {
  orderId: number;
  fullName: string;
  facilityName: string;
  roomLabel: string;
}

/**
 * The suggested placements with names: the suggestion carries ids only, the names come from the
 * selected orders and the facility list (an unknown one shows as '#id').
 */
export function placementRows(
  suggestion: Pick<PlacementSuggestion, 'placements'>,
  orders: ReadonlyArray<Pick<QuarantineOrder, 'id' | 'full_name'>>,
  facilities: ReadonlyArray<{ id: number; name: string }>,
): PlacementRow[] {
  const names = new Map(orders.map((o) => [o.id, o.full_name]));
  const facilityNames = new Map(facilities.map((f) => [f.id, f.name]));
  return suggestion.placements.map((p) => ({
    orderId: p.orderId,
    fullName: names.get(p.orderId) ?? `#${p.personId}`,
    facilityName: facilityNames.get(p.facilityId) ?? `#${p.facilityId}`,
    roomLabel: p.roomLabel,
  }));
}

/** The body of POST /api/quarantine/placement/confirm: the suggested rooms, nothing else. */
export function confirmBody(suggestion: Pick<PlacementSuggestion, 'placements'>): { placements: Array<{ orderId: number; roomId: number }> } {
  return { placements: suggestion.placements.map((p) => ({ orderId: p.orderId, roomId: p.roomId })) };
}

/** One problem of a rejected batch (409 PLACEMENT_REJECTED, RELEASE_REJECTED): `details.issues`. */
export interface RejectionIssue {
  code?: string;
  message: LocalisedMessage;
  /** 1-based position in the request. */
  row?: number;
  orderId?: number;
  personId?: number;
  roomId?: number;
}

/** The issues of a rejection with the given code (none for any other error). */
export function rejectionIssues(error: unknown, code: string): RejectionIssue[] {
  if (!(error instanceof ApiError) || error.code !== code) return [];
  return issuesOf<Partial<RejectionIssue>>(error.details).filter(
    (i): i is RejectionIssue => typeof i === 'object' && i !== null && typeof i.message === 'object' && i.message !== null,
  );
}

export interface IssueSubjects {
  /** Names by order id. */
  byOrder: ReadonlyMap<number, string>;
  /** Names by person id. */
  byPerson: ReadonlyMap<number, string>;
  /** The order ids in the order the request sent them, for issues naming a row. */
  requestOrderIds: readonly number[];
}

/** Who an issue is about: by its order, its person or its row in the request; undefined when none says. */
export function subjectOfIssue(issue: RejectionIssue, s: IssueSubjects): string | undefined {
  if (issue.orderId !== undefined && s.byOrder.has(issue.orderId)) return s.byOrder.get(issue.orderId);
  if (issue.personId !== undefined && s.byPerson.has(issue.personId)) return s.byPerson.get(issue.personId);
  if (issue.row !== undefined) {
    const orderId = s.requestOrderIds[issue.row - 1];
    if (orderId !== undefined) return s.byOrder.get(orderId);
  }
  return undefined;
}

/**
 * The issues as lines of text in the UI language, each prefixed with whom it is about when known
 * (leave `s` out when the messages name the person themselves).
 */
export function issueLines(issues: readonly RejectionIssue[], lang: Language, s?: IssueSubjects): string[] {
  return issues.map((i) => {
    const who = s && subjectOfIssue(i, s);
    const text = localised(i.message, lang);
    return who ? `${who}: ${text}` : text;
  });
}

/** The columns an issue may name; others show as the server names them. */
const ORDER_IMPORT_FIELDS = [
  'personId', 'kind', 'subject', 'startDate', 'riskGroup', 'vaccinatedOrRecovered', 'homeAddress',
  'source', 'sourcePersonId', 'sourceKind', 'sourceDate', 'sourceReason', 'ruleCode', 'ruleReason',
] as const;
export type OrderImportField = (typeof ORDER_IMPORT_FIELDS)[number];

/** The server checks a row like an order made on screen, so it names the source's parts as that body does. */
const BODY_FIELDS: Record<string, OrderImportField> = { 'source/personId': 'sourcePersonId', 'source/kind': 'sourceKind', 'source/date': 'sourceDate' };

/** The column of the import template an issue names (its label's key), or undefined for one the template lacks. */
export function orderImportField(field: string): OrderImportField | undefined {
  if (BODY_FIELDS[field]) return BODY_FIELDS[field];
  return (ORDER_IMPORT_FIELDS as readonly string[]).includes(field) ? (field as OrderImportField) : undefined;
}
