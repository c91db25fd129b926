/**
 * Reading the result files labs send (CSV or XLSX, up to ~22,000 rows a day): every row is
 * checked on its own, problem rows are set aside with one issue per problem so the lab can fix
 * them, and the file is refused whole only when it cannot be read as a table of results.
 * No database and no clock (`today` is passed in); ExcelJS's stream reader may use a temporary file.
 */
import type ExcelJS from 'exceljs';
import { type SheetColumn, type SheetRow, cellText, dateCellText, eachFirstSheetRow, issuesWorkbook } from '../../lib/xlsx.ts';
import { vnDateOf } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors, type LocalisedMessage } from '../../server/errors.ts';
import { parseCalendarDate } from '../people/people.domain.ts';

export type LabResult = 'positive' | 'negative' | 'invalid';
export interface LabRow { row: number; barcode: string; result: LabResult; ct: number | null; testDate: string; lab: string | null }
type LabField = 'barcode' | 'result' | 'ct' | 'testDate' | 'lab';
/** row = the spreadsheet / CSV line number as the user sees it (header is row 1). */
export interface LabFileIssue { row: number; field: LabField; code: string; value: string | null; message: LocalisedMessage }
export const MAX_LAB_ROWS = 30_000;

const FIRST_TEST_DATE = '2020-01-01';
const MAX_LAB_NAME = 200;
/** Longer values are cut in issues, so one garbled cell cannot bloat the report. */
const MAX_SHOWN_VALUE = 100;

/** Every "vi / en" pair of names, so a header like "Mã mẫu / Tube" is read too. */
function withPairs(vi: string[], en: string[]): string[] {
  return [...vi, ...en, ...vi.flatMap((v) => en.flatMap((e) => [`${v} / ${e}`, `${v}/${e}`]))];
}

export const LAB_COLUMNS: ReadonlyArray<SheetColumn<LabField>> = [
  { key: 'barcode', vi: 'Mã ống', en: 'Barcode', aliases: withPairs(['Mã ống', 'Mã mẫu', 'Mã ống nghiệm'], ['Barcode', 'Tube']) },
  { key: 'result', vi: 'Kết quả', en: 'Result', aliases: withPairs(['Kết quả'], ['Result']) },
  { key: 'ct', vi: 'Giá trị Ct', en: 'Ct value', aliases: [...withPairs(['Giá trị Ct'], ['Ct value']), 'Ct'] },
  { key: 'testDate', vi: 'Ngày xét nghiệm', en: 'Test date', aliases: withPairs(['Ngày xét nghiệm', 'Ngày'], ['Test date']) },
  { key: 'lab', vi: 'Phòng xét nghiệm', en: 'Lab', aliases: withPairs(['Phòng xét nghiệm', 'Đơn vị xét nghiệm'], ['Lab']) },
];
const REQUIRED_COLUMNS: ReadonlySet<LabField> = new Set(['barcode', 'result', 'testDate']);
/** The folded header names of each column, listed as readImportSheet lists them. */
const HEADER_NAMES = new Map(LAB_COLUMNS.map((c) => [c.key, [c.vi, c.en, `${c.vi} / ${c.en}`, c.key, ...(c.aliases ?? [])].map(foldVietnamese)]));

/** Field names inside messages: 'Dòng 12: kết quả "dương?" không hợp lệ'. */
const LABEL: Record<LabField, LocalisedMessage> = {
  barcode: { vi: 'mã ống', en: 'barcode' },
  result: { vi: 'kết quả', en: 'result' },
  ct: { vi: 'giá trị Ct', en: 'Ct value' },
  testDate: { vi: 'ngày xét nghiệm', en: 'test date' },
  lab: { vi: 'phòng xét nghiệm', en: 'lab' },
};

// A Map, not an object literal: a cell reading "constructor" must not find Object.prototype.
const RESULTS = new Map<string, LabResult>([
  ...['duong tinh', 'duong', 'positive', 'pos', '+'].map((k) => [k, 'positive'] as const),
  ...['am tinh', 'am', 'negative', 'neg', '-'].map((k) => [k, 'negative'] as const),
  ...['khong xac dinh', 'invalid', 'inconclusive', 'loi mau'].map((k) => [k, 'invalid'] as const),
]);
/** testing.service normaliseBarcode's rule: a tube that starts with '-', '.' or '_' could never match a sample. */
const BARCODE = /^[A-Z0-9][A-Z0-9._-]{2,39}$/;
const CT = /^[+-]?\d+(?:[.,]\d+)?$/;

const badFile = (vi: string, en: string) => Errors.badFile({ vi, en });

/**
 * Reads a CSV or XLSX lab result file (detected from the content: a zip 'PK' signature is XLSX,
 * anything else is read as UTF-8 text, BOM allowed, delimiter , ; or tab detected from the header line, RFC 4180 quotes).
 * Rows with problems are left out of `rows` and described in `issues` (several issues per row possible).
 * Throws AppError BAD_FILE (Errors.badFile) for an unreadable file, missing required columns (barcode, result, test date), no data rows, or more than maxRows rows.
 */
export async function parseLabFile(
  data: Buffer,
  opts: { today: string; maxRows?: number },
): Promise<{ rows: LabRow[]; issues: LabFileIssue[]; total: number }> {
  if (parseCalendarDate(opts.today) !== opts.today) throw new RangeError(`today must be a YYYY-MM-DD date, got "${opts.today}"`);
  const maxRows = opts.maxRows ?? MAX_LAB_ROWS;
  const table = isZip(data) ? await readXlsxTable(data, maxRows) : readCsvTable(data, maxRows);

  const rows: LabRow[] = [];
  const issues: LabFileIssue[] = [];
  const ctx: RowContext = { today: opts.today, dates: new Map(), results: new Map() };
  const firstRowOf = new Map<string, number>();
  for (const r of table) {
    const checked = checkRow(r, ctx, issues);
    // A tube seen twice is suspect on the later row even when the earlier row had other problems.
    let duplicate = false;
    if (checked.barcode !== null) {
      const first = firstRowOf.get(checked.barcode);
      if (first === undefined) firstRowOf.set(checked.barcode, r.row);
      else {
        duplicate = true;
        issues.push(issue(r.row, 'barcode', 'DUPLICATE', checked.barcode,
          (v) => ({ vi: `mã ống "${v}" trùng với dòng ${first}`, en: `barcode "${v}" is already on row ${first}` })));
      }
    }
    if (checked.row && !duplicate) rows.push(checked.row);
  }
  return { rows, issues, total: table.length };
}

function isZip(data: Buffer): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/**
 * Which column holds which field, from the header cells (Vietnamese, English, "vi / en" or an alias;
 * any order, accents and case ignored: the rule readImportSheet applies). Refuses a file without
 * the columns a result needs.
 */
function columnsOf(header: ReadonlyArray<string | undefined>): Map<LabField, number> {
  const colOf = new Map<LabField, number>();
  header.forEach((cell, col) => {
    const name = foldVietnamese(cell ?? '');
    for (const c of LAB_COLUMNS) if (HEADER_NAMES.get(c.key)?.includes(name)) colOf.set(c.key, col);
  });
  const missing = LAB_COLUMNS.filter((c) => REQUIRED_COLUMNS.has(c.key) && !colOf.has(c.key));
  if (missing.length) {
    throw badFile(
      `thiếu cột ${missing.map((c) => `"${c.vi}"`).join(', ')} ở dòng tiêu đề`,
      `missing column(s) ${missing.map((c) => `"${c.en}"`).join(', ')} in the header row`,
    );
  }
  return colOf;
}

/** A data row whose known columns are all blank is skipped, as readImportSheet does. */
function sheetRow(row: number, colOf: ReadonlyMap<LabField, number>, text: (col: number, key: LabField) => string): SheetRow<LabField> | null {
  const input: Partial<Record<LabField, string | null>> = {};
  let any = false;
  for (const [key, col] of colOf) {
    const value = text(col, key);
    if (value) any = true;
    input[key] = value || null;
  }
  return any ? { row, input } : null;
}

const noDataRows = () => badFile('không có dòng dữ liệu nào', 'there are no data rows');
const tooManyRows = (maxRows: number) => badFile(`quá ${maxRows} dòng; hãy chia nhỏ tệp`, `more than ${maxRows} rows; split the file`);

/** The first worksheet (a stream); the header matching and the refusals are readImportSheet's. */
async function readXlsxTable(data: Buffer, maxRows: number): Promise<Array<SheetRow<LabField>>> {
  const rows: Array<SheetRow<LabField>> = [];
  let colOf: Map<LabField, number> | null = null;
  await eachFirstSheetRow(data, (r) => {
    if (colOf === null) {
      const header: string[] = [];
      if (r.number === 1) r.eachCell((cell, col) => { header[col] = cellText(cell.value); });
      colOf = columnsOf(header);
      if (r.number === 1) return;
    }
    const row = sheetRow(r.number, colOf, (col, key) => xlsxCellText(key, r.getCell(col).value));
    if (row) rows.push(row);
    if (rows.length > maxRows) throw tooManyRows(maxRows);
  });
  if (colOf === null) columnsOf([]);
  if (rows.length === 0) throw noDataRows();
  return rows;
}

/**
 * Dates are read as calendar dates (lib/xlsx dateCellText). A bare number in the date column is
 * taken for an Excel serial day (1900 system): a date cell whose format was lost, or one the stream
 * reader could not see because the zip stores the styles after the sheet.
 */
function xlsxCellText(key: LabField, value: ExcelJS.CellValue): string {
  if (key !== 'testDate') return cellText(value);
  if (typeof value === 'number' && value >= 1 && value < 2_958_466) {
    return new Date((Math.floor(value) - EXCEL_DAY_ZERO) * 86_400_000).toISOString().slice(0, 10);
  }
  return dateCellText(value);
}
/** Serial day of 1970-01-01 in Excel's 1900 date system. */
const EXCEL_DAY_ZERO = 25_569;

/** The CSV twin of readImportSheet: same header matching, same refusals, rows numbered by file line. */
function readCsvTable(data: Buffer, maxRows: number): Array<SheetRow<LabField>> {
  const text = csvText(data);
  const headerEnd = text.indexOf('\n');
  const records = csvRecords(text, delimiterOf(headerEnd === -1 ? text : text.slice(0, headerEnd)));
  const colOf = columnsOf(records.next().value?.fields ?? []);
  const rows: Array<SheetRow<LabField>> = [];
  for (const { line, fields } of records) {
    const row = sheetRow(line, colOf, (col) => fields[col]?.trim() ?? '');
    if (row) rows.push(row);
    if (rows.length > maxRows) throw tooManyRows(maxRows);
  }
  if (rows.length === 0) throw noDataRows();
  return rows;
}

const QUOTE = 34; // "
const NEWLINE = 10; // \n

/**
 * RFC 4180 records of text whose line breaks are all '\n', each with the line it starts on.
 * Fields in double quotes may hold the delimiter, line breaks and doubled quotes; a quote inside an
 * unquoted field is kept as text, and text between a closing quote and the delimiter is kept too.
 * Hand-written rather than csv-parse: csv-parse builds an error object for every record whose
 * length differs from the first (trailing empty columns left out), 5–8 times slower on such files.
 */
function* csvRecords(text: string, delimiter: string): Generator<{ line: number; fields: string[] }> {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let j = i;
      while (j < n && (text.charCodeAt(j) === 32 || (text.charCodeAt(j) === 9 && delim !== 9))) j += 1;
      let value = '';
      if (j < n && text.charCodeAt(j) === QUOTE) {
        const openedOn = line;
        let k = j + 1;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q === -1) {
            throw badFile(`dòng ${openedOn}: dấu ngoặc kép (") mở mà không đóng`, `line ${openedOn}: a double quote (") is opened and never closed`);
          }
          value += text.slice(k, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            k = q + 2;
          } else {
            k = q + 1;
            break;
          }
        }
        for (let p = value.indexOf('\n'); p !== -1; p = value.indexOf('\n', p + 1)) line += 1;
        i = k;
      }
      let e = i;
      while (e < n && text.charCodeAt(e) !== delim && text.charCodeAt(e) !== NEWLINE) e += 1;
      if (e > i) value += text.slice(i, e);
      fields.push(value);
      i = e + 1;
      if (e >= n || text.charCodeAt(e) === NEWLINE) break;
      if (i >= n) {
        fields.push(''); // a delimiter ending the file opens one last empty field
        break;
      }
    }
    line += 1;
    yield { line: start, fields };
  }
}

/** UTF-8 text with a single kind of line break; anything else is refused with a hint on how to save it. */
function csvText(data: Buffer): string {
  if (data.length === 0) throw badFile('tệp trống', 'the file is empty');
  const notCsv = () => badFile(
    'không phải tệp .xlsx hoặc CSV UTF-8; hãy lưu lại dưới dạng "CSV UTF-8" hoặc "Excel Workbook (.xlsx)"',
    'it is neither an .xlsx nor a UTF-8 CSV; save it again as "CSV UTF-8" or "Excel Workbook (.xlsx)"',
  );
  // UTF-16 ("Unicode text") passes a UTF-8 check when it is mostly ASCII: catch it first.
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) throw notCsv();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data); // drops a BOM
  } catch {
    throw notCsv();
  }
  if (text.includes('\0')) throw notCsv();
  return text.replace(/\r\n?/g, '\n');
}

/** The delimiter the header line uses most outside quotes; a comma when it has none. */
function delimiterOf(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

function shown(value: string): string {
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE - 1)}…` : value;
}

function issue(row: number, field: LabField, code: string, value: string | null, text: (shownValue: string) => LocalisedMessage): LabFileIssue {
  const v = value === null ? null : shown(value);
  const m = text(v ?? '');
  return { row, field, code, value: v, message: { vi: `Dòng ${row}: ${m.vi}`, en: `Row ${row}: ${m.en}` } };
}

const notValid = (field: LabField, hint: LocalisedMessage = { vi: '', en: '' }) => (v: string): LocalisedMessage => ({
  vi: `${LABEL[field].vi} "${v}" không hợp lệ${hint.vi}`,
  en: `${LABEL[field].en} "${v}" is not valid${hint.en}`,
});

/** Per-file lookups: a day's file repeats a handful of dates and result words thousands of times. */
interface RowContext {
  today: string;
  dates: Map<string, string | null>;
  results: Map<string, LabResult | null>;
}

function textOf(r: SheetRow<LabField>, field: LabField): string | null {
  return r.input[field]?.trim() || null;
}

function requiredText(r: SheetRow<LabField>, field: LabField, issues: LabFileIssue[]): string | null {
  const v = textOf(r, field);
  if (v === null) issues.push(issue(r.row, field, 'REQUIRED', null, () => ({ vi: `thiếu ${LABEL[field].vi}`, en: `${LABEL[field].en} is missing` })));
  return v;
}

/**
 * One row's checks, except duplicates (they need the rows before it); its issues go to `issues`.
 * `barcode` is set whenever the barcode is well-formed, `row` only when nothing is wrong.
 */
function checkRow(r: SheetRow<LabField>, ctx: RowContext, issues: LabFileIssue[]): { row: LabRow | null; barcode: string | null } {
  const before = issues.length;

  let barcode: string | null = null;
  const barcodeText = requiredText(r, 'barcode', issues);
  if (barcodeText !== null) {
    const upper = barcodeText.toUpperCase();
    if (BARCODE.test(upper)) barcode = upper;
    else issues.push(issue(r.row, 'barcode', 'INVALID', barcodeText, notValid('barcode', { vi: ' (3–40 ký tự chữ, số, - _ ., bắt đầu bằng chữ hoặc số)', en: ' (3–40 letters, digits, - _ ., starting with a letter or digit)' })));
  }

  let result: LabResult | null = null;
  const resultText = requiredText(r, 'result', issues);
  if (resultText !== null) {
    let known = ctx.results.get(resultText);
    if (known === undefined) ctx.results.set(resultText, (known = RESULTS.get(foldVietnamese(resultText)) ?? null));
    result = known;
    if (result === null) issues.push(issue(r.row, 'result', 'INVALID', resultText, notValid('result')));
  }

  let ct: number | null = null;
  const ctText = textOf(r, 'ct');
  if (ctText !== null) {
    const n = CT.test(ctText) ? Number(ctText.replace(',', '.')) : null;
    if (n === null) issues.push(issue(r.row, 'ct', 'INVALID', ctText, (v) => ({ vi: `giá trị Ct "${v}" không phải số`, en: `Ct value "${v}" is not a number` })));
    else if (n < 5 || n > 50) issues.push(issue(r.row, 'ct', 'RANGE', ctText, (v) => ({ vi: `giá trị Ct "${v}" ngoài khoảng 5–50`, en: `Ct value "${v}" is outside 5–50` })));
    else ct = n;
  }

  let testDate: string | null = null;
  const dateText = requiredText(r, 'testDate', issues);
  if (dateText !== null) {
    let d = ctx.dates.get(dateText);
    if (d === undefined) ctx.dates.set(dateText, (d = parseCalendarDate(dateText)));
    if (d === null) {
      issues.push(issue(r.row, 'testDate', 'INVALID_DATE', dateText,
        (v) => ({ vi: `ngày xét nghiệm "${v}" không phải ngày hợp lệ (DD/MM/YYYY)`, en: `test date "${v}" is not a valid date (DD/MM/YYYY)` })));
    } else if (d > ctx.today) {
      const today = vnDateOf(ctx.today);
      issues.push(issue(r.row, 'testDate', 'FUTURE', dateText,
        (v) => ({ vi: `ngày xét nghiệm "${v}" sau hôm nay (${today})`, en: `test date "${v}" is after today (${today})` })));
    } else if (d < FIRST_TEST_DATE) {
      const first = vnDateOf(FIRST_TEST_DATE);
      issues.push(issue(r.row, 'testDate', 'RANGE', dateText,
        (v) => ({ vi: `ngày xét nghiệm "${v}" trước ${first}`, en: `test date "${v}" is before ${first}` })));
    } else testDate = d;
  }

  const labText = textOf(r, 'lab');
  const lab = labText === null ? null : labText.normalize('NFC').replace(/\s+/g, ' ');
  if (lab !== null && lab.length > MAX_LAB_NAME) {
    issues.push(issue(r.row, 'lab', 'INVALID', labText, () => ({ vi: `phòng xét nghiệm dài quá ${MAX_LAB_NAME} ký tự`, en: `lab is longer than ${MAX_LAB_NAME} characters` })));
  }

  const row = issues.length === before && barcode !== null && result !== null && testDate !== null
    ? { row: r.row, barcode, result, ct, testDate, lab }
    : null;
  return { row, barcode };
}

/** The per-row error report (lib/xlsx's issues sheet, with the value found in the cell). */
export function labReportSheet(issues: readonly LabFileIssue[]): Promise<Buffer> {
  const fieldName = new Map<string, string>(LAB_COLUMNS.map((c) => [c.key, `${c.vi} / ${c.en}`]));
  return issuesWorkbook(issues, (field) => fieldName.get(field), { withValue: true });
}
