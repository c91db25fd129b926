/** For tests: outputs of established tools in ../shared/data/reference (read in place, never copied). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { repoRoot } from '../../config.ts';

export const REFERENCE_DIR = process.env.REFERENCE_DIR ?? path.resolve(repoRoot, '../shared/data/reference');

export function referenceText(file: string): string {
  return readFileSync(path.join(REFERENCE_DIR, file), 'utf8');
}

/** A reference CSV as rows keyed by its header. */
export function referenceCsv(file: string): Array<Record<string, string>> {
  const [header, ...lines] = referenceText(file).trim().split(/\r?\n/);
  const names = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}

/** |actual − expected| ≤ 1e-6 · |expected| (absolute 1e-12 for an expected 0). */
export function expectClose(actual: number, expected: number, what: string) {
  const tolerance = expected === 0 ? 1e-12 : 1e-6 * Math.abs(expected);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}
