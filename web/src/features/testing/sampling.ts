/**
 * Pure helpers of the phone-sized sampling page: the person id a scanner typed, the pool barcode
 * kept between people until the pool is full, and how a refusal is told.
 */
import { ApiError, errorText } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import type { Language } from '../../shared/i18n/index.ts';
import type { Pool, RoundDetail } from './testing-api.ts';
import { testingTexts } from './testing-view.ts';

/** A person id as typed or scanned ("  123 "), or null when it is not one. */
export function parsePersonId(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 && n <= 2_147_483_647 ? n : null;
}

/** How full a pool is. */
export type PoolFill = Pick<Pool, 'members' | 'size'>;

export function poolOf(detail: Pick<RoundDetail, 'pools'> | undefined, poolId: number | null): Pool | undefined {
  return poolId === null ? undefined : detail?.pools.find((p) => p.id === poolId);
}

export function isPoolFull(pool: PoolFill): boolean {
  return pool.members >= pool.size;
}

/**
 * The barcode left in the field after a person was recorded: a pooled round keeps the pool's
 * barcode for the next person until the pool is full; a tube serves one person only.
 * `pool` unknown (the round could not be reloaded): kept, the server refuses a full pool anyway.
 */
export function barcodeAfterRecord(pooled: boolean, barcode: string, pool: PoolFill | undefined): string {
  if (!pooled) return '';
  return pool && isPoolFull(pool) ? '' : barcode;
}

/** Refusals after which the pool barcode cannot take anyone else: a new pool is needed. */
const NEEDS_NEW_POOL = new Set(['POOL_FULL', 'POOL_RESULTED']);

/** The barcode left in the field after a refusal: cleared when the pool cannot be used any more, kept to be corrected otherwise. */
export function barcodeAfterError(pooled: boolean, barcode: string, error: unknown): string {
  return pooled && error instanceof ApiError && NEEDS_NEW_POOL.has(error.code) ? '' : barcode;
}

/** The input to put the cursor in after a refusal: the barcode when the problem is the barcode, else the person. */
export function fieldToFix(error: unknown): 'personId' | 'barcode' {
  if (!(error instanceof ApiError)) return 'personId';
  const issues = issuesOf<FieldIssue>(error.details);
  const field = issues.length ? issues[0]?.field : error.field;
  return field === 'barcode' ? 'barcode' : 'personId';
}

/** A refusal told on the page: the server's message(s) in the UI language, and what to do next when it is known. */
export interface SampleProblem {
  code: string;
  lines: string[];
  hint: string | null;
}

export function sampleProblem(error: unknown, lang: Language): SampleProblem {
  const hints = testingTexts(lang).sample.hints;
  if (!(error instanceof ApiError)) return { code: 'UNKNOWN', lines: [errorText(error, lang)], hint: null };
  const issues = issuesOf<FieldIssue>(error.details);
  const lines = issues.length ? issues.map((i) => i.message[lang] || i.message.vi) : [error.text(lang)];
  const hint = Object.hasOwn(hints, error.code) ? hints[error.code as keyof typeof hints] : null;
  return { code: error.code, lines, hint };
}
