/** Pure helpers of the amendment of an order in force: what the form starts from and what the PATCH sends. */
import type { AmendBody, QuarantineOrder, RiskGroup, SourceKind } from './quarantine-api.ts';

/** The order's values the amendment may change, as the form starts from them. */
export interface AmendInitial {
  riskGroup: RiskGroup | null;
  ruleCode: string | null;
  /** null: not known (the order list does not carry it), so only an explicit choice is sent. */
  vaccinatedOrRecovered: boolean | null;
  source: { personId: number; kind: string | null; date: string | null } | null;
}

export function amendInitialOf(o: QuarantineOrder): AmendInitial {
  return {
    riskGroup: o.risk_group,
    ruleCode: o.rule_code,
    vaccinatedOrRecovered: null,
    source: o.source_person_id === null ? null : { personId: o.source_person_id, kind: o.source_kind, date: o.source_date },
  };
}

/** The form's values, dates as 'YYYY-MM-DD'; a field left alone is undefined or null. */
export interface AmendDraft {
  reason: string;
  riskGroup?: RiskGroup | null;
  ruleCode?: string | null;
  vaccinatedOrRecovered?: boolean | null;
  sourcePersonId?: number | null;
  sourceKind?: SourceKind | null;
  sourceDate?: string | null;
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

/** How much of a new source the form holds: a source needs its person, link and exposure date together. */
export function sourceCompleteness(d: Pick<AmendDraft, 'sourcePersonId' | 'sourceKind' | 'sourceDate'>): 'none' | 'partial' | 'complete' {
  const n = [d.sourcePersonId, d.sourceKind, d.sourceDate].filter(filled).length;
  return n === 0 ? 'none' : n === 3 ? 'complete' : 'partial';
}

/** The PATCH body: the reason and only the values that differ from the order's (an incomplete source is not sent). */
export function amendBody(initial: AmendInitial, d: AmendDraft): AmendBody {
  const body: AmendBody = { reason: d.reason.trim() };
  if (d.riskGroup && d.riskGroup !== initial.riskGroup) body.riskGroup = d.riskGroup;
  if (d.ruleCode && d.ruleCode !== initial.ruleCode) body.ruleCode = d.ruleCode;
  if (typeof d.vaccinatedOrRecovered === 'boolean' && d.vaccinatedOrRecovered !== initial.vaccinatedOrRecovered) {
    body.vaccinatedOrRecovered = d.vaccinatedOrRecovered;
  }
  if (sourceCompleteness(d) === 'complete') {
    const source = { personId: d.sourcePersonId as number, kind: d.sourceKind as SourceKind, groupId: null, date: d.sourceDate as string };
    const s = initial.source;
    if (!s || s.personId !== source.personId || s.kind !== source.kind || s.date !== source.date) body.source = source;
  }
  return body;
}

/** Whether the body changes anything besides giving a reason. */
export function amendChangesSomething(body: AmendBody): boolean {
  return Object.keys(body).some((k) => k !== 'reason');
}

export const AMEND_FIELDS = ['reason', 'riskGroup', 'ruleCode', 'vaccinatedOrRecovered', 'sourcePersonId', 'sourceKind', 'sourceDate'] as const;
export type AmendField = (typeof AMEND_FIELDS)[number];

const SOURCE_FIELDS: Record<string, AmendField> = {
  source: 'sourcePersonId',
  'source/personId': 'sourcePersonId',
  'source/kind': 'sourceKind',
  'source/date': 'sourceDate',
};

/** The form field that shows a server issue about `field` (the source's parts are named 'source/personId' …). */
export function amendFieldOf(field: string): AmendField | undefined {
  if (SOURCE_FIELDS[field]) return SOURCE_FIELDS[field];
  return (AMEND_FIELDS as readonly string[]).includes(field) ? (field as AmendField) : undefined;
}

/** Whether a rule version governs the order: an F0's isolation keeps none, so its rule and vaccination are not amended. */
export function ruleApplies(o: Pick<QuarantineOrder, 'subject'>): boolean {
  return o.subject !== 'case';
}

/** Only an order in force can be amended. */
export function isAmendable(o: Pick<QuarantineOrder, 'status'>): boolean {
  return o.status === 'active';
}
