/** Pure rules of the contacts panel: labels, intervals, date checks, form errors. */
import { ApiError } from '../../shared/api/client.ts';
import { formatDate } from '../../shared/i18n/format.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { GROUP_KINDS, type GroupKind, type PersonOption } from './contacts-api.ts';

export function isGroupKind(kind: string): kind is GroupKind {
  return (GROUP_KINDS as readonly string[]).includes(kind);
}

/** The label of a group kind; a kind this UI does not know yet is shown as the server sends it. */
export function groupKindLabel(kind: string, labelOf: (kind: GroupKind) => string): string {
  return isGroupKind(kind) ? labelOf(kind) : kind;
}

export const GROUP_KIND_COLOURS: Record<GroupKind, string> = {
  household: 'blue',
  room: 'purple',
  workshop_shift: 'orange',
  bus_route: 'cyan',
};

const vnDateParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Vietnam ('YYYY-MM-DD'), whatever the browser's zone: the server's "future" is Vietnam's. */
export function vnToday(now: Date = new Date()): string {
  const p = Object.fromEntries(vnDateParts.formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** "01/05/2021 – 10/05/2021", or "01/05/2021 – đến nay" while the membership is open. */
export function intervalText(validFrom: string, validTo: string | null, openLabel: string): string {
  return `${formatDate(validFrom)} – ${validTo ? formatDate(validTo) : openLabel}`;
}

export type DateProblem = 'required' | 'future' | 'beforeStart';

/** A start date ('YYYY-MM-DD'): given, and not after today. */
export function startDateProblem(validFrom: string | null | undefined, today: string): DateProblem | null {
  if (!validFrom) return 'required';
  return validFrom > today ? 'future' : null;
}

/**
 * An end date ('YYYY-MM-DD') for a membership starting `validFrom`: not before the start (the
 * same day is a one-day stay), not after today. `required`: ending a membership needs one.
 */
export function endDateProblem(validFrom: string, validTo: string | null | undefined, today: string, required = false): DateProblem | null {
  if (!validTo) return required ? 'required' : null;
  if (validTo < validFrom) return 'beforeStart';
  return validTo > today ? 'future' : null;
}

/** DatePicker's disabledDate for an end date: the days endDateProblem would refuse. */
export function isEndDateDisabled(day: string, validFrom: string | null | undefined, today: string): boolean {
  return day > today || (!!validFrom && day < validFrom);
}

/** "Nguyễn Văn An · 1990 · Phường Trần Phú": enough to tell namesakes apart (a masked year is left out). */
export function personOptionLabel(p: PersonOption): string {
  const year = p.dateOfBirth ? /^(\d{4})/.exec(p.dateOfBirth)?.[1] : undefined;
  return [p.fullName, year, p.communeName].filter(Boolean).join(' · ');
}

export interface FieldErrors {
  /** Messages to show under the form's fields, by field name. */
  fields: Array<{ name: string; errors: string[] }>;
  /** Messages of fields the form does not show (shown above it). */
  other: string[];
}

interface Issue {
  field?: string;
  message?: { vi?: string; en?: string };
}

/**
 * Places an API error on the form: a 400's issues (details.issues) under the fields they name,
 * else the error's own field. Null when nothing can be placed (show the error as a whole).
 */
export function fieldErrorsOf(error: unknown, formFields: ReadonlySet<string>, lang: Language): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { issues?: unknown } | undefined;
  const issues: Issue[] = Array.isArray(details?.issues) ? (details.issues as Issue[]) : error.field ? [{ field: error.field, message: error.localised }] : [];
  if (issues.length === 0) return null;
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const i of issues) {
    const text = i.message?.[lang] || i.message?.vi || error.text(lang);
    if (i.field && formFields.has(i.field)) byField.set(i.field, [...(byField.get(i.field) ?? []), text]);
    else other.push(text);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), other };
}
