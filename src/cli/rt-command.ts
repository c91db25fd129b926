/**
 * `npm run cli -- rt --input FILE.csv --si-mean 4.7 --si-sd 2.9 [--window 7] [--format csv|json]`:
 * Rt of a daily incidence file (header `date,new_cases`), as EpiEstim's
 * `estimate_R(method = "parametric_si")` with weekly (or --window day) sliding windows; the output
 * keeps EpiEstim's 1-based day indices, so it can be compared with R line by line.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { addDays, dayNumber } from '../lib/time.ts';
import { DEFAULT_WINDOW, estimateRt, type RtWindow } from '../modules/situation/rt.ts';

/** A problem with the command line or the file, in Vietnamese and English. */
export class RtCommandError extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
    this.name = 'RtCommandError';
  }
}

const fail = (vi: string, en: string): never => {
  throw new RtCommandError(vi, en);
};
const atLine = (line: number, vi: string, en: string): never => fail(`Dòng ${line}: ${vi}`, `line ${line}: ${en}`);

/** Splits one CSV line into fields: commas separate, double quotes enclose, "" inside quotes is a quote. */
function csvFields(line: string, lineNo: number): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) atLine(lineNo, 'thiếu dấu " đóng', 'a quoted field is not closed');
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') atLine(lineNo, 'có ký tự sau dấu " đóng', 'characters after a closing quote');
    } else {
      const next = line.indexOf(',', i);
      field = next === -1 ? line.slice(i) : line.slice(i, next);
      i = next === -1 ? line.length : next;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

export interface DailyIncidence {
  dates: string[];
  cases: number[];
}

/**
 * Reads `date,new_cases` (columns in any order, others ignored; quoted or not; a BOM and CRLF
 * tolerated; blank lines skipped). Dates must be YYYY-MM-DD, one row per day, in order, without
 * gaps; counts whole numbers ≥ 0. The first problem is thrown naming its line.
 */
export function parseIncidenceCsv(text: string): DailyIncidence {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  if (headerAt === -1) fail('Tệp rỗng: cần dòng tiêu đề "date,new_cases"', 'the file is empty: it needs a header "date,new_cases"');
  const header = csvFields(lines[headerAt]!, headerAt + 1).map((h) => h.toLowerCase());
  const col = (name: string) => {
    const at = header.indexOf(name);
    if (at === -1) atLine(headerAt + 1, `thiếu cột "${name}" (tiêu đề cần có "date,new_cases")`, `missing column "${name}" (the header must have "date,new_cases")`);
    return at;
  };
  const dateCol = col('date');
  const casesCol = col('new_cases');

  const out: DailyIncidence = { dates: [], cases: [] };
  let previousLine = 0;
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const fields = csvFields(raw, lineNo);
    const date = fields[dateCol] ?? '';
    const count = fields[casesCol] ?? '';
    if (date === '') atLine(lineNo, 'thiếu ngày (cột "date")', 'the date is missing (column "date")');
    if (count === '') atLine(lineNo, 'thiếu số ca (cột "new_cases")', 'the count is missing (column "new_cases")');
    try {
      dayNumber(date);
    } catch {
      atLine(lineNo, `ngày "${date}" không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2021-05-01`, `date "${date}" is not a date: write it YYYY-MM-DD, e.g. 2021-05-01`);
    }
    if (/^-\d+(\.\d*)?$/.test(count)) atLine(lineNo, `số ca "${count}" âm`, `count "${count}" is negative`);
    if (!/^\d+$/.test(count)) atLine(lineNo, `số ca "${count}" không phải số nguyên`, `count "${count}" is not a whole number`);
    const prev = out.dates.at(-1);
    if (prev !== undefined) {
      if (date === prev) atLine(lineNo, `ngày ${date} trùng với dòng ${previousLine}`, `date ${date} repeats line ${previousLine}`);
      if (date < prev) atLine(lineNo, `ngày ${date} sớm hơn ngày ${prev} ở dòng ${previousLine}: sắp xếp theo ngày tăng dần`, `date ${date} is earlier than ${prev} on line ${previousLine}: sort the rows by date`);
      if (date !== addDays(prev, 1)) {
        const [first, last] = [addDays(prev, 1), addDays(date, -1)];
        if (first === last) atLine(lineNo, `thiếu ngày ${first}: thêm ngày đó với new_cases = 0`, `day ${first} is missing: add it with new_cases 0`);
        atLine(lineNo, `thiếu các ngày từ ${first} đến ${last}: thêm các ngày đó với new_cases = 0`, `days ${first} to ${last} are missing: add them with new_cases 0`);
      }
    }
    out.dates.push(date);
    out.cases.push(Number(count));
    previousLine = lineNo;
  }
  return out;
}

export interface RtCommandOptions {
  siMean: number;
  siSd: number;
  window: number;
  format: 'csv' | 'json';
}

const COLUMNS = ['t_start', 't_end', 'mean', 'std', 'q025', 'q975'] as const;
const rowOf = (w: RtWindow) => ({ t_start: w.tStart, t_end: w.tEnd, mean: w.mean, std: w.std, q025: w.q025, q975: w.q975 });

/** The command's work without I/O: parse the file, estimate, format (numbers at full precision). */
export function rtFromCsv(text: string, opts: RtCommandOptions): string {
  const { cases } = parseIncidenceCsv(text);
  if (cases.length < opts.window + 1) {
    fail(
      `Cần ít nhất ${opts.window + 1} ngày cho một cửa sổ ${opts.window} ngày (cửa sổ đầu tiên bắt đầu từ ngày thứ 2), tệp có ${cases.length}`,
      `at least ${opts.window + 1} days are needed for one ${opts.window}-day window (the first window starts on day 2); the file has ${cases.length}`,
    );
  }
  const rows = estimateRt(cases, { siMean: opts.siMean, siSd: opts.siSd, window: opts.window }).map(rowOf);
  if (opts.format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  return `${[COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => String(r[c])).join(','))].join('\n')}\n`;
}

/** Reads and checks the command line (everything after `rt`). */
export function parseRtArgs(argv: string[]): RtCommandOptions & { input: string } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { input: { type: 'string' }, 'si-mean': { type: 'string' }, 'si-sd': { type: 'string' }, window: { type: 'string' }, format: { type: 'string' } },
    }));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return fail(`Tham số không hợp lệ: ${why}`, `bad arguments: ${why}`);
  }
  const input = values.input ?? fail('Thiếu --input TỆP.csv', '--input FILE.csv is required');
  const number = (name: string) => {
    const v = values[name] ?? fail(`Thiếu --${name}`, `--${name} is required`);
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) fail(`--${name} phải là một số, nhận "${v}"`, `--${name} must be a number, got "${v}"`);
    return n;
  };
  const siMean = number('si-mean');
  if (!(siMean > 1)) fail(`--si-mean phải lớn hơn 1 (ngày), nhận ${siMean}`, `--si-mean must be greater than 1 (day), got ${siMean}`);
  const siSd = number('si-sd');
  if (!(siSd > 0)) fail(`--si-sd phải lớn hơn 0, nhận ${siSd}`, `--si-sd must be greater than 0, got ${siSd}`);
  const window = values.window === undefined ? DEFAULT_WINDOW : Number(values.window);
  if (!Number.isInteger(window) || window < 1) fail(`--window phải là số ngày nguyên ≥ 1, nhận "${values.window}"`, `--window must be a whole number of days >= 1, got "${values.window}"`);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') return fail(`--format chỉ nhận csv hoặc json, nhận "${format}"`, `--format must be csv or json, got "${format}"`);
  return { input, siMean, siSd, window, format };
}

export interface RtIo {
  readFile: (file: string) => Promise<string>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const nodeIo: RtIo = {
  readFile: (file) => readFile(file, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Runs the command; returns the exit code (0, or 1 with the reason on stderr in both languages). */
export async function runRtCommand(argv: string[], io: RtIo = nodeIo): Promise<number> {
  try {
    const opts = parseRtArgs(argv);
    let text: string;
    try {
      text = await io.readFile(opts.input);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return fail(`Không đọc được tệp ${opts.input}: ${why}`, `cannot read ${opts.input}: ${why}`);
    }
    io.stdout(rtFromCsv(text, opts));
    return 0;
  } catch (e) {
    if (!(e instanceof RtCommandError)) throw e;
    io.stderr(`lỗi: ${e.vi}\nerror: ${e.en}\n`);
    return 1;
  }
}
