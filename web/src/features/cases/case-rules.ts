/**
 * The server's case rules, mirrored so a form can say what is wrong before sending.
 * The server still decides: its field errors are shown as well.
 */
import type { CaseDetail, CasePatch, CaseStatus, Classification, Detection, FacilityKind, StatusEvent } from './cases-api.ts';

/** Tag colours: red while the patient is under care, green once recovered. */
export const STATUS_COLOURS: Record<CaseStatus, string> = {
  isolated: 'orange',
  in_treatment: 'red',
  recovered: 'green',
  died: '#595959',
};

export const CLASSIFICATION_COLOURS: Record<Classification, string> = {
  imported: 'purple',
  community: 'volcano',
  in_quarantine: 'blue',
};

/** A case still under care: a person may have only one such case. */
export function isOpenStatus(status: CaseStatus): boolean {
  return status === 'isolated' || status === 'in_treatment';
}

/**
 * The facilities a status may name: a treatment facility while in treatment, a quarantine or
 * treatment facility while isolated, none once the case is closed (the form hides the field).
 */
export function facilityKindsFor(status: CaseStatus | undefined): readonly FacilityKind[] {
  if (status === 'in_treatment') return ['treatment_facility'];
  if (status === 'isolated') return ['quarantine_facility', 'treatment_facility'];
  return [];
}

export { todayInVietnam } from '../../shared/i18n/format.ts';

export type CaseDateField = 'onsetDate' | 'sampleDate' | 'confirmationDate' | 'isolationDate';

export interface CaseDates {
  onsetDate: string | null;
  sampleDate: string | null;
  confirmationDate: string | null;
  isolationDate: string | null;
}

/** What a date breaks: it lies after today in Vietnam, or after the confirmation date. */
export type DateRule = 'future' | 'afterConfirmation';

export interface DateIssue {
  field: CaseDateField;
  rule: DateRule;
}

/** Onset and sample on or before confirmation; no date after today. Dates are 'YYYY-MM-DD' (they sort as text). */
export function caseDateIssues(d: CaseDates, today: string): DateIssue[] {
  const issues: DateIssue[] = [];
  for (const field of ['onsetDate', 'sampleDate', 'confirmationDate', 'isolationDate'] as const) {
    const v = d[field];
    if (v && v > today) issues.push({ field, rule: 'future' });
  }
  const confirmed = d.confirmationDate;
  if (confirmed) {
    for (const field of ['onsetDate', 'sampleDate'] as const) {
      const v = d[field];
      if (v && v <= today && v > confirmed) issues.push({ field, rule: 'afterConfirmation' });
    }
  }
  return issues;
}

/** The timeline oldest first (by date, then by the order it was written). */
export function timelineInOrder(events: StatusEvent[]): StatusEvent[] {
  return [...events].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.id - b.id);
}

/** The first date a new status may take effect: the confirmation date, or the latest event's date if later. */
export function earliestStatusDate(c: Pick<CaseDetail, 'confirmationDate' | 'timeline'>): string {
  return c.timeline.reduce((latest, e) => (e.effectiveDate > latest ? e.effectiveDate : latest), c.confirmationDate);
}

export type StatusChangeRule = 'afterDeath' | 'beforeConfirmation' | 'beforeLatest' | 'future';

/** Why a status change would be refused, or null: the server's rules for POST /api/cases/:id/status. */
export function statusChangeIssue(
  c: Pick<CaseDetail, 'status' | 'confirmationDate' | 'timeline'>,
  effectiveDate: string,
  today: string,
): StatusChangeRule | null {
  if (c.status === 'died') return 'afterDeath';
  if (effectiveDate > today) return 'future';
  if (effectiveDate < c.confirmationDate) return 'beforeConfirmation';
  if (effectiveDate < earliestStatusDate(c)) return 'beforeLatest';
  return null;
}

/** The edit form's values, normalised: trimmed text, blank as null, dates as 'YYYY-MM-DD'. */
export interface CaseEdit {
  caseCode: string;
  onsetDate: string | null;
  sampleDate: string;
  confirmationDate: string;
  isolationDate: string | null;
  detection: Detection;
  classification: Classification;
  communeCode: string;
  facilityId: number | null;
  foundPlace: string | null;
  note: string | null;
}

/** Only the fields that differ from `before` (PATCH /api/cases/:id). */
export function casePatch(before: CaseDetail, after: CaseEdit): CasePatch {
  const patch: Record<string, string | number | null> = {};
  for (const key of Object.keys(after) as Array<keyof CaseEdit>) {
    if ((before[key] ?? null) !== after[key]) patch[key] = after[key];
  }
  return patch as CasePatch;
}

/** "1990" from '1990-04-12' or a masked '1990-**-**'; null when unknown. */
export function birthYear(dateOfBirth: string | null): string | null {
  const m = dateOfBirth ? /^(\d{4})/.exec(dateOfBirth) : null;
  return m ? m[1]! : null;
}
