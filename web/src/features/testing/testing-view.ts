/** Pure helpers of the testing pages: labels that depend on values (method and pool size), colours, counts. */
import { ApiError, errorText } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import { formatNumber } from '../../shared/i18n/format.ts';
import { en } from '../../shared/i18n/en.ts';
import type { Language } from '../../shared/i18n/index.ts';
import { vi } from '../../shared/i18n/vi.ts';
import {
  type Method,
  METHODS,
  type PoolResultOutcome,
  type PoolStatus,
  RESULT_KEYS,
  type ResultKey,
  type RetestStatus,
  type RoundDetail,
  type RoundStatus,
} from './testing-api.ts';

/** The testing texts of a language (for helpers that build a text outside React). */
export function testingTexts(lang: Language) {
  return lang === 'en' ? en.testing : vi.testing;
}

/** '{{name}}' placeholders filled as i18next does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** "RT-PCR đơn", "RT-PCR gộp 5", "Test nhanh kháng nguyên"; an unknown method as the server named it. */
export function methodLabel(method: string, poolSize: number | null, lang: Language): string {
  const m = testingTexts(lang).methods;
  if (!(METHODS as readonly string[]).includes(method)) return method;
  switch (method as Method) {
    case 'rt_pcr':
      return m.rt_pcr;
    case 'rapid_antigen':
      return m.rapid_antigen;
    case 'rt_pcr_pool':
      return poolSize ? fill(m.rt_pcr_poolOf, { size: poolSize }) : m.rt_pcr_pool;
  }
}

export const ROUND_STATUS_COLOURS: Record<RoundStatus, string> = { planned: 'blue', sampling: 'processing', done: 'green', cancelled: 'default' };
export const POOL_STATUS_COLOURS: Record<PoolStatus, string> = { open: 'blue', full: 'geekblue', cleared: 'green', retesting: 'orange', resolved: 'default' };
export const RESULT_COLOURS: Record<ResultKey, string> = { negative: 'green', positive: 'red', invalid: 'orange', pending: 'default' };
export const RETEST_STATUS_COLOURS: Record<RetestStatus, string> = { open: 'orange', sampled: 'blue', resolved: 'green' };

/** Every result count of a round, 0 for a result the server left out. */
export function resultCounts(results: RoundDetail['results']): Record<ResultKey, number> {
  return Object.fromEntries(RESULT_KEYS.map((k) => [k, results[k] ?? 0])) as Record<ResultKey, number>;
}

/** Share of the expected people sampled, 0..100 (people sampled off the list may push it past 100: the bar stops full). */
export function sampledPercent(sampled: number, expected: number): number {
  if (expected <= 0) return sampled > 0 ? 100 : 0;
  return Math.min(100, Math.round((sampled * 1000) / expected) / 10);
}

/** Whether people can still be sampled in the round. */
export function isOpenRound(status: string): boolean {
  return status === 'planned' || status === 'sampling';
}

/** What a pool result did: suspicions cleared or re-tests opened (nothing when the same result was sent again). */
export function poolResultText(outcome: PoolResultOutcome, lang: Language): string {
  const p = testingTexts(lang).poolResult;
  const parts: string[] = [];
  if (outcome.cleared > 0) parts.push(fill(p.cleared, { n: formatNumber(outcome.cleared, lang) }));
  if (outcome.retests > 0) parts.push(fill(p.retests, { n: formatNumber(outcome.retests, lang) }));
  return parts.length ? parts.join(' ') : p.unchanged;
}

/** A failed action's messages: every issue the server listed (a row action has no fields to show them on), or the error itself. */
export function errorMessages(error: unknown, lang: Language): string[] {
  const issues = error instanceof ApiError ? issuesOf<FieldIssue>(error.details) : [];
  return issues.length > 0 ? issues.map((i) => i.message[lang] || i.message.vi) : [errorText(error, lang)];
}
