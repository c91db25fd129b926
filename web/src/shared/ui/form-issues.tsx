import { Alert, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, errorText } from '../api/client.ts';
import { type FieldIssue, issuesOf } from '../api/issues.ts';
import { type Language, useLanguage } from '../i18n/index.ts';

export interface PlacedIssues<N extends string> {
  /** For antd's form.setFields: the messages under each field. */
  fields: Array<{ name: N; errors: string[] }>;
  /** The issues no field of the form shows. */
  unplaced: FieldIssue[];
}

/** Groups server issues by the form field that shows them (`fieldOf`: undefined when none does). */
export function placeIssues<N extends string>(issues: FieldIssue[], fieldOf: (field: string) => N | undefined, lang: Language): PlacedIssues<N> {
  const byField = new Map<N, string[]>();
  const unplaced: FieldIssue[] = [];
  for (const i of issues) {
    const name = fieldOf(i.field);
    if (name === undefined) unplaced.push(i);
    else byField.set(name, [...(byField.get(name) ?? []), issueText(i, lang)]);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), unplaced };
}

export function issueText(issue: Pick<FieldIssue, 'message'>, lang: Language): string {
  return issue.message[lang] || issue.message.vi;
}

type FieldName<V> = Parameters<FormInstance<V>['setFields']>[0][number]['name'];

/**
 * For a form's onValuesChange: takes the server's messages off the fields just edited (antd does
 * not re-validate a field without rules, so they would stay).
 */
export function clearEditedErrors<V>(form: FormInstance<V>, changed: Partial<V>) {
  form.setFields(Object.keys(changed as object).map((name) => ({ name: name as FieldName<V>, errors: [] })));
}

/** A failed submit's error above the form, in the UI language (nothing while `error` is null). */
export function FormErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const lang = useLanguage();
  if (error === null) return null;
  return <Alert type="error" showIcon title={errorText(error, lang)} style={{ marginBottom: 12 }} data-testid={testId} />;
}

/** Messages about the form no field shows, listed above it (nothing when there are none). */
export function MessagesAlert({ title, messages }: { title: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={messages.map((m, i) => <div key={`${i}:${m}`}>{m}</div>)}
      style={{ marginBottom: 12 }}
    />
  );
}

/** Server issues that belong to no field on the form, listed above it. */
export function UnplacedIssuesAlert({ title, issues }: { title: string; issues: FieldIssue[] }) {
  const lang = useLanguage();
  return <MessagesAlert title={title} messages={issues.map((i) => issueText(i, lang))} />;
}

/** The form field showing a server field, by name: the names the form shares with the API. */
export function sameNames<N extends string>(fields: readonly N[]): (field: string) => N | undefined {
  return (field) => ((fields as readonly string[]).includes(field) ? (field as N) : undefined);
}

/**
 * Shows a failed request's issues (a 400's `details.issues`, or a 409's `field`) under the form
 * fields `fieldOf` names. Returns the issues no field shows, or null when the error names no
 * field (then the caller shows the error itself).
 */
export function showIssuesOnFields<N extends string>(
  form: Pick<FormInstance, 'setFields'>,
  fieldOf: (field: string) => N | undefined,
  error: unknown,
  lang: Language,
): FieldIssue[] | null {
  if (!(error instanceof ApiError)) return null;
  const issues = issuesOf<FieldIssue>(error.details);
  if (issues.length === 0) {
    const name = error.field ? fieldOf(error.field) : undefined;
    if (!name) return null;
    form.setFields([{ name, errors: [error.text(lang)] }]);
    return [];
  }
  const placed = placeIssues(issues, fieldOf, lang);
  form.setFields(placed.fields);
  return placed.unplaced;
}

/**
 * The state of a form that sends one request: saving while it runs, then the failure shown under
 * the fields it names (`fieldOf`), the issues no field shows, or the error itself above the form.
 * `run(action, onError)` clears the previous outcome, runs the request and sorts its failure.
 */
export function useFormSubmit(form: Pick<FormInstance, 'setFields'>, fieldOf: (field: string) => string | undefined) {
  const lang = useLanguage();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const run = async (action: () => Promise<void>, onError?: (e: unknown) => void) => {
    setSaving(true);
    setError(null);
    setOtherIssues([]);
    try {
      await action();
    } catch (e) {
      const unplaced = showIssuesOnFields(form, fieldOf, e, lang);
      if (unplaced === null) setError(e);
      else setOtherIssues(unplaced);
      onError?.(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, otherIssues, run };
}
