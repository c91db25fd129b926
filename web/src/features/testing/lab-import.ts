/** Pure helpers of the lab result import: the file's content type, the answer told in a sentence, errors read from the raw answer. */
import { ApiError, type ApiErrorBody } from '../../shared/api/client.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { en } from '../../shared/i18n/en.ts';
import { vi } from '../../shared/i18n/vi.ts';
import type { LabImportResult } from './testing-api.ts';
import { fill, testingTexts } from './testing-view.ts';

export const CSV_MIME = 'text/csv';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** For the file picker. */
export const LAB_FILE_ACCEPT = `.csv,.xlsx,${CSV_MIME},${XLSX_MIME}`;

/** The Content-Type a lab file is sent with, from its name; null: neither .csv nor .xlsx. */
export function labContentType(fileName: string): typeof CSV_MIME | typeof XLSX_MIME | null {
  const name = fileName.trim().toLowerCase();
  if (name.endsWith('.csv')) return CSV_MIME;
  if (name.endsWith('.xlsx')) return XLSX_MIME;
  return null;
}

export type SummaryKind = 'duplicate' | 'rejected' | 'applied';

/** What an import answered, as the result panel tells it (antd Alert type and title). */
export interface ImportSummary {
  kind: SummaryKind;
  type: 'info' | 'error' | 'success';
  text: string;
}

export function importSummary(r: LabImportResult, lang: Language): ImportSummary {
  const s = testingTexts(lang).lab.summary;
  const n = (x: number) => formatNumber(x, lang);
  if (r.duplicateOf !== null) return { kind: 'duplicate', type: 'info', text: s.duplicate };
  if (r.status === 'rejected') return { kind: 'rejected', type: 'error', text: fill(s.rejected, { n: n(r.rejected) }) };
  const parts = [fill(s.applied, { applied: n(r.applied), total: n(r.total) })];
  if (r.unchanged > 0) parts.push(fill(s.unchanged, { n: n(r.unchanged) }));
  if (r.cleared > 0) parts.push(fill(s.cleared, { n: n(r.cleared) }));
  if (r.retests > 0) parts.push(fill(s.retests, { n: n(r.retests) }));
  if (r.caseIds.length > 0) parts.push(fill(s.cases, { n: n(r.caseIds.length) }));
  if (r.rejected > 0) parts.push(fill(s.skipped, { n: n(r.rejected) }));
  // Rows set aside in per-row mode are counted in the text and listed below it.
  return { kind: 'applied', type: 'success', text: parts.join(' · ') };
}

/** The server lists at most this many issues; the downloadable report has them all. */
export const ISSUES_SHOWN = 500;

/** Whether the issues listed may be only the first of them. */
export function issuesTruncated(r: Pick<LabImportResult, 'issues'>): boolean {
  return r.issues.length >= ISSUES_SHOWN;
}

/** The per-row report exists for a recorded import with issues. */
export function reportImportId(r: LabImportResult): number | null {
  return r.importId !== null && r.issues.length > 0 ? r.importId : null;
}

function isErrorBody(v: unknown): v is { error: ApiErrorBody } {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e && typeof (e as { message: unknown }).message === 'object';
}

/** The ApiError of a failed upload, from the status and the raw text of the answer (as the shared client reads a fetch answer). */
export function apiErrorFromResponse(status: number, text: string): ApiError {
  if (status === 0) return new ApiError(0, { code: 'NETWORK', message: { vi: vi.app.networkError, en: en.app.networkError } });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  if (isErrorBody(payload)) return new ApiError(status, payload.error);
  return new ApiError(status, {
    code: `HTTP_${status}`,
    message: { vi: `${vi.app.unexpectedError} (HTTP ${status})`, en: `${en.app.unexpectedError} (HTTP ${status})` },
  });
}
