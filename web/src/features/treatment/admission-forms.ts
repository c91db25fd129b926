import type { FormInstance } from 'antd';
import { ApiError } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { placeIssues } from '../../shared/ui/form-issues.tsx';

/**
 * Shows a failed request's issues under the form fields they name (`fields`). Returns the issues
 * no field shows, or null when the error names no field (then the caller shows the error itself).
 */
export function showIssuesOnFields<N extends string>(form: FormInstance, fields: readonly N[], error: unknown, lang: Language): FieldIssue[] | null {
  if (!(error instanceof ApiError)) return null;
  const known = (f: string): N | undefined => (fields as readonly string[]).includes(f) ? (f as N) : undefined;
  const issues = issuesOf<FieldIssue>(error.details);
  if (issues.length === 0) {
    const name = error.field ? known(error.field) : undefined;
    if (!name) return null;
    form.setFields([{ name, errors: [error.text(lang)] }]);
    return [];
  }
  const placed = placeIssues(issues, known, lang);
  form.setFields(placed.fields);
  return placed.unplaced;
}
