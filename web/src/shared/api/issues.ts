import type { LocalisedMessage } from './client.ts';

/** One problem the server found with a field of a request (400 VALIDATION_FAILED, `details.issues`). */
export interface FieldIssue {
  field: string;
  code: string;
  message: LocalisedMessage;
}

/** A field issue of one row of an imported file. */
export interface RowIssue extends FieldIssue {
  row: number;
}

/** `details.issues` of a 400 VALIDATION_FAILED answer (empty for any other). */
export function issuesOf<T>(details: unknown): T[] {
  if (typeof details === 'object' && details !== null && Array.isArray((details as { issues?: unknown }).issues)) {
    return (details as { issues: T[] }).issues;
  }
  return [];
}

/** What an .xlsx import answers, on a dry run and on the real import alike. */
export interface ImportReport {
  dryRun: boolean;
  total: number;
  created: number;
  issues: RowIssue[];
}
