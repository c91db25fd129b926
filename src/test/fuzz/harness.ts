/**
 * What every fuzz test checks of an answer: never a 5xx, a JSON error with a code and a Vietnamese
 * and an English message (naming the row or field where there is one), and row counts of the tables
 * an import writes unchanged after a refusal. `FUZZ_SEED` replays a failing run.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Db } from '../../db/database.ts';

export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
export const fuzzParams = (numRuns: number) => ({ numRuns, ...(FUZZ_SEED !== undefined ? { seed: FUZZ_SEED } : {}), endOnFailure: true });

interface Reply { statusCode: number; body: string; headers: Record<string, unknown> }

function localised(m: unknown): boolean {
  return typeof m === 'object' && m !== null && typeof (m as { vi?: unknown }).vi === 'string' && (m as { vi: string }).vi.length > 0
    && typeof (m as { en?: unknown }).en === 'string' && (m as { en: string }).en.length > 0;
}

/** A refusal: 4xx, JSON, `{ error: { code, message: { vi, en } } }`, each listed issue localised too. */
export function expectCleanRefusal(res: Reply, what: string): { code: string; issues: unknown[] } {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 500)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what}: ${res.body.slice(0, 500)}`).toBeLessThan(500);
  const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown; details?: { issues?: unknown[] } } };
  expect(typeof body.error?.code, what).toBe('string');
  expect(localised(body.error?.message), `${what}: message in vi and en: ${res.body.slice(0, 300)}`).toBe(true);
  expect(res.body, what).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  const issues = body.error?.details?.issues ?? [];
  for (const i of issues) expect(localised((i as { message?: unknown }).message), `${what}: issue ${JSON.stringify(i).slice(0, 200)}`).toBe(true);
  return { code: body.error!.code as string, issues };
}

/** Any answer but a crash: < 500, and a clean refusal when it is an error. */
export function expectNoCrash(res: Reply, what: string): void {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 500)}`).toBeLessThan(500);
  if (res.statusCode >= 400) expectCleanRefusal(res, what);
}

/** Row counts of the given tables, in one statement. */
export async function rowCounts(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const parts = tables.map((t) => sql`select ${t}::text as t, count(*)::int as n from ${sql.table(t)}`);
  const r = await sql<{ t: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.t, Number(x.n)]));
}

/** Unhandled rejections and uncaught exceptions seen while `fn` runs (a stream error nobody listened to). */
export async function collectingStrayErrors<T>(fn: () => Promise<T>): Promise<{ result: T; stray: unknown[] }> {
  const stray: unknown[] = [];
  const onErr = (e: unknown) => { stray.push(e); };
  process.on('unhandledRejection', onErr);
  process.on('uncaughtException', onErr);
  try {
    const result = await fn();
    // Let streams that were abandoned mid-way report their errors before we look.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, stray };
  } finally {
    process.off('unhandledRejection', onErr);
    process.off('uncaughtException', onErr);
  }
}
