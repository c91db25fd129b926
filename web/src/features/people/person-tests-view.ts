/** Pure helpers of a person's test history: the result tag of a row, its sample code, its slip. */
import { type PersonSample, SAMPLE_METHODS, type SampleMethod } from './person-tests-api.ts';

export const TEST_STATUSES = ['negative', 'positive', 'invalid', 'pending', 'poolPositive', 'poolInvalid'] as const;
/** What the result column says of a sample: its own result, or why it still waits for one. */
export type TestStatus = (typeof TEST_STATUSES)[number];

export const TEST_STATUS_COLOURS: Record<TestStatus, string> = {
  negative: 'green',
  positive: 'red',
  invalid: 'orange',
  pending: 'default',
  poolPositive: 'volcano',
  poolInvalid: 'gold',
};

/**
 * The sample's own result first. Without one, a sample in a positive (or inconclusive) pool waits
 * for its individual re-test; any other waits for the lab. A negative pool clears its members on
 * the server, so they carry their own result.
 */
export function testStatusOf(s: Pick<PersonSample, 'result' | 'pool_barcode' | 'pool_result'>): TestStatus {
  if (s.result === 'negative' || s.result === 'positive' || s.result === 'invalid') return s.result;
  if (s.pool_barcode !== null && s.pool_result === 'positive') return 'poolPositive';
  if (s.pool_barcode !== null && s.pool_result === 'invalid') return 'poolInvalid';
  return 'pending';
}

/** The tube's barcode, or the pool's for a pooled sample ("gộp GOP-B"); none: null. */
export function sampleCodeOf(s: Pick<PersonSample, 'barcode' | 'pool_barcode'>): { kind: 'tube' | 'pool'; code: string } | null {
  if (s.barcode) return { kind: 'tube', code: s.barcode };
  if (s.pool_barcode) return { kind: 'pool', code: s.pool_barcode };
  return null;
}

/** The server prints a slip only for a sample with its own result (409 NO_RESULT otherwise). */
export function hasSlip(s: Pick<PersonSample, 'result'>): boolean {
  return s.result !== null;
}

export function isSampleMethod(method: string): method is SampleMethod {
  return (SAMPLE_METHODS as readonly string[]).includes(method);
}

/** The Ct value as a number (the server sends numeric as text); null when missing or not a number. */
export function ctValue(ct: string | null): number | null {
  if (ct === null || ct.trim() === '') return null;
  const n = Number(ct);
  return Number.isFinite(n) ? n : null;
}
