import { ApiError } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { FormErrorAlert, issueText, MessagesAlert } from '../../shared/ui/form-issues.tsx';
import { type IssueSubjects, issueLines, rejectionIssues } from './quarantine-view.ts';

interface Props {
  error: unknown;
  /** The 409 code whose `details.issues` name each problem (PLACEMENT_REJECTED, RELEASE_REJECTED). */
  code: string;
  title: string;
  /** To prefix each issue with whom it is about; leave out when the messages name the person. */
  subjects?: IssueSubjects;
  testId?: string;
}

/**
 * A failed batch action: the rejection's issues one per line, or a 400's field issues, or the
 * error's own message (a lost connection, a 403). Nothing while `error` is null.
 */
export function RejectionAlert({ error, code, title, subjects, testId }: Props) {
  const lang = useLanguage();
  if (error === null) return null;
  const rejected = rejectionIssues(error, code);
  const invalid = error instanceof ApiError && error.code === 'VALIDATION_FAILED' ? issuesOf<FieldIssue>(error.details) : [];
  const lines = rejected.length ? issueLines(rejected, lang, subjects) : invalid.map((i) => issueText(i, lang));
  if (lines.length === 0) return <FormErrorAlert error={error} testId={testId} />;
  return (
    <div data-testid={testId}>
      <MessagesAlert title={title} messages={lines} />
    </div>
  );
}
