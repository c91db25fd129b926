/**
 * Issue 10, part 2 — the file stage of every import, fuzzed without a database: generated
 * workbooks (wrong sheet shapes, hostile cell text, formula payloads, broken XML, entries in any
 * order, stored or deflated, with data descriptors) and byte-damaged ones (truncated, flipped,
 * junk) go through each import's own reader. Each answer is rows, or an AppError with a Vietnamese
 * and an English message: never a TypeError, never an unhandled stream error.
 * The database stage (validation, all-or-nothing commits) is import-http.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SheetColumn, cellText, dateCellText, readImportSheet } from '../../lib/xlsx.ts';
import { parseArrivalSheet } from '../../modules/arrivals/arrivals.xlsx.ts';
import { parseTenantSheet } from '../../modules/boarding-houses/tenants.xlsx.ts';
import { parseCasesSheet } from '../../modules/cases/cases.xlsx.ts';
import { parseWorkerSheet } from '../../modules/enterprises/enterprises.xlsx.ts';
import { parsePeopleSheet } from '../../modules/people/people.xlsx.ts';
import { ORDER_COLUMNS, orderInputOf } from '../../modules/quarantine/quarantine.import.ts';
import { parseLabFile } from '../../modules/testing/lab-file.ts';
import { DOSE_COLUMNS } from '../../modules/vaccination/vaccination.import.ts';
import { AppError } from '../../server/errors.ts';
import { collectingStrayErrors, fuzzParams } from './harness.ts';
import { SHAPES } from './import-shapes.ts';
import { csvFor, damage, workbookBytes, workbookFor } from './xlsx-gen.ts';

/** Runs per import and kind of input; with the HTTP file's runs each import gets well over 1,000. */
export const FILE_RUNS = { workbook: 450, damaged: 400, csv: 400 };

const readWith = (columns: ReadonlyArray<SheetColumn<string>>, required: string[]) => (data: Buffer) => readImportSheet(data, {
  columns,
  missing: (found) => ({ columns: columns.filter((c) => required.includes(c.key) && !found.has(c.key)) }),
  cell: (key, v) => (/date|Date/.test(key) ? dateCellText(v) : cellText(v)),
  maxRows: 1000,
});

const READERS: Record<keyof typeof SHAPES, (data: Buffer) => Promise<unknown>> = {
  people: parsePeopleSheet,
  cases: parseCasesSheet,
  workers: parseWorkerSheet,
  lab: (data) => parseLabFile(data, { today: '2021-06-10' }),
  quarantine: async (data) => (await readWith(ORDER_COLUMNS, ['personId', 'kind', 'subject', 'startDate'])(data)).map((r) => orderInputOf(r as never)),
  doses: readWith(DOSE_COLUMNS, ['fullName', 'doseNumber', 'product', 'doseDate']),
  arrivals: parseArrivalSheet,
  tenants: parseTenantSheet,
};

/** What a reader may do with any input: read it, or refuse it with an AppError in both languages. */
async function readsOrRefuses(read: (d: Buffer) => Promise<unknown>, data: Buffer): Promise<'read' | 'refused'> {
  try {
    await read(data);
    return 'read';
  } catch (err) {
    if (!(err instanceof AppError)) throw new Error(`not an AppError: ${String((err as Error)?.stack ?? err)}`, { cause: err });
    expect(err.status).toBeLessThan(500);
    expect(err.localised.vi.length * err.localised.en.length).toBeGreaterThan(0);
    return 'refused';
  }
}

describe('import file readers under generated malformed input', () => {
  for (const [name, read] of Object.entries(READERS) as Array<[keyof typeof SHAPES, (d: Buffer) => Promise<unknown>]>) {
    it(`${name}: generated workbooks and damaged ones are read or refused, never a crash`, async () => {
      const outcome = { read: 0, refused: 0 };
      const { stray } = await collectingStrayErrors(async () => {
        await fc.assert(fc.asyncProperty(workbookFor(SHAPES[name]), async (w) => {
          outcome[await readsOrRefuses(read, workbookBytes(w))] += 1;
        }), fuzzParams(FILE_RUNS.workbook));
        await fc.assert(fc.asyncProperty(workbookFor(SHAPES[name], 3), damage, async (w, hurt) => {
          outcome[await readsOrRefuses(read, hurt(workbookBytes(w)))] += 1;
        }), fuzzParams(FILE_RUNS.damaged));
      });
      console.info(`fuzz ${name} file stage: ${JSON.stringify(outcome)}`);
      expect(stray).toEqual([]);
      // Both outcomes happen: the generator reaches the rows, not only the refusals.
      expect(outcome.read).toBeGreaterThan(20);
      expect(outcome.refused).toBeGreaterThan(20);
      expect(outcome.read + outcome.refused).toBe(FILE_RUNS.workbook + FILE_RUNS.damaged);
    });
  }

  it('lab results: generated CSV (delimiters, quotes, BOM, Latin-1, UTF-16, invalid UTF-8) is read or refused', async () => {
    const outcome = { read: 0, refused: 0 };
    await fc.assert(fc.asyncProperty(csvFor(SHAPES.lab), async (csv) => {
      outcome[await readsOrRefuses(READERS.lab, csv)] += 1;
    }), fuzzParams(FILE_RUNS.csv));
    expect(outcome.read).toBeGreaterThan(20);
    expect(outcome.refused).toBeGreaterThan(20);
  });
});
