import { Alert, type FormInstance } from 'antd';
import { errorText } from '../api/client.ts';
import type { FieldIssue } from '../api/issues.ts';
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
