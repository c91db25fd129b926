/** Spreadsheet cell helpers shared by every import and export. */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { Errors } from '../server/errors.ts';
import { vnDateOf } from './time.ts';
import { foldVietnamese } from './vn-text.ts';
import { assertSoundXlsxArchive, streamingOrder } from './zip-guard.ts';

/**
 * 'YYYY-MM-DD' of a date cell. A date-styled number beyond what a Date holds (a damaged or hostile
 * file: 1e300 in a date column) is an invalid Date: its text is left for the row's date check to
 * refuse, never a RangeError out of toISOString.
 */
function dayOf(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString().slice(0, 10);
}

/** The text of a cell, whatever Excel stored (rich text, hyperlink, formula result, date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return dayOf(v);
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return v.result == null ? '' : String(v.result).trim();
    return '';
  }
  return String(v).trim();
}

/** Excel stores dates as UTC midnight; keep the calendar date, never shift it by a time zone. */
export function dateCellText(v: ExcelJS.CellValue): string {
  if (v instanceof Date) return dayOf(v);
  return cellText(v);
}

/**
 * Text a spreadsheet program could take for a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, so an exported name or note never runs as one when opened.
 */
export function neutraliseFormula(value: string | null): string | null {
  return value !== null && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A sign alone or a plain signed number ("-", "+84912345678", "-2.5") is no formula: left as it is. */
const PLAIN_SIGNED = /^[+-]?\d*([.,]\d+)?$/;

/**
 * Characters a workbook cannot carry: those XML 1.0 forbids (one of them in a cell makes the whole
 * file unreadable to Excel), and DEL and the C1 controls, which ExcelJS drops without a trace.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * neutraliseFormula for the sweep (a lone sign or a plain signed number is kept), and characters
 * XML cannot hold (control characters a JSON body can bring in, lone surrogates) replaced by U+FFFD.
 */
function sweptText(value: string): string {
  const clean = value.replace(NOT_XML, '\uFFFD');
  return PLAIN_SIGNED.test(clean) ? clean : neutraliseFormula(clean)!;
}

/**
 * Every text cell of every sheet through the formula rule, whoever filled it: a cell whose text
 * starts with = + - @, a tab or a CR gets the leading apostrophe (rich text: its first run; a
 * hyperlink cell: its text), and characters XML cannot hold become U+FFFD (else one such name
 * makes the whole export unreadable). Cells our code made formulas on purpose ({ formula }) are left alone.
 */
export function neutraliseWorkbook(wb: ExcelJS.Workbook): void {
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.type === ExcelJS.ValueType.Merge) return;
    const v = cell.value;
    if (typeof v === 'string') {
      const t = sweptText(v);
      if (t !== v) cell.value = t;
    } else if (v && typeof v === 'object' && 'richText' in v && v.richText.length > 0) {
      const first = v.richText[0]!;
      const t = sweptText(v.richText.map((r) => r.text).join(''));
      if (t !== v.richText.map((r) => r.text).join('')) cell.value = { richText: [{ ...first, text: `'${first.text}` }, ...v.richText.slice(1)] };
    } else if (v && typeof v === 'object' && 'hyperlink' in v && typeof v.text === 'string') {
      const t = sweptText(v.text);
      if (t !== v.text) cell.value = { ...v, text: t };
    }
  })));
}

/**
 * The one way an export's workbook becomes bytes: formulas neutralised in every cell
 * (neutraliseWorkbook), then written. eslint forbids `.xlsx.writeBuffer()` elsewhere.
 */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  neutraliseWorkbook(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * An import's error report as a workbook: one line per issue, by row, with the column as the user
 * knows it (`columnOf` turns an issue's field into the sheet's header; the field itself otherwise),
 * the value found there when the import keeps it (`withValue`), the issue's code and its vi and en
 * messages. The same sheet for every import.
 */
export async function issuesWorkbook(
  issues: ReadonlyArray<{ row?: number | undefined; field?: string | undefined; code: string; value?: string | null; message: { vi: string; en: string } }>,
  columnOf: (field: string) => string | undefined,
  opts: { withValue?: boolean } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Lỗi');
  ws.columns = [
    { header: 'Dòng / Row', key: 'row', width: 10 },
    { header: 'Cột / Column', key: 'field', width: 32 },
    ...(opts.withValue ? [{ header: 'Giá trị / Value', key: 'value', width: 24 }] : []),
    { header: 'Mã lỗi / Code', key: 'code', width: 18 },
    { header: 'Lỗi / Error (vi)', key: 'vi', width: 64 },
    { header: 'Error (en)', key: 'en', width: 64 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of [...issues].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))) {
    ws.addRow({ row: i.row ?? null, field: i.field ? (columnOf(i.field) ?? i.field) : '', value: i.value ?? null, code: i.code, vi: i.message.vi, en: i.message.en });
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return await workbookBuffer(wb);
}

/** 'YYYY-MM-DD' as Vietnamese write it: DD/MM/YYYY. */
export function vnDateText(iso: string | null): string | null {
  return iso ? vnDateOf(iso) : null;
}

export interface SheetColumn<K extends string> {
  key: K;
  vi: string;
  en: string;
  aliases?: string[];
}

export interface SheetRow<K extends string> {
  /** 1-based spreadsheet row number, as the user sees it. */
  row: number;
  input: Partial<Record<K, string | null>>;
}

const badFile = (vi: string, en: string) => Errors.badFile({ vi, en });

/**
 * Calls `each` for the rows of the first worksheet, read with ExcelJS's stream reader: about half
 * the time of loading the whole workbook (10,000 worker rows: 0.7 s against 1.5 s on a busy 2-core
 * machine). The first error `each` throws refuses the file once the read is over; a file that is
 * not a workbook, has no worksheet, is a damaged zip or inflates past the ceiling of
 * lib/zip-guard.ts is refused (BAD_FILE).
 */
export async function eachFirstSheetRow(data: Buffer, each: (row: ExcelJS.Row) => void): Promise<void> {
  // A damaged archive can leave the stream reader waiting forever, a zip bomb fill memory or disk:
  // the archive is checked whole (bounded) first (lib/zip-guard.ts).
  const archive = await assertSoundXlsxArchive(data);
  // What a worksheet needs comes first, so the reader parses sheets as they come instead of parking
  // them in temporary files (a path that sometimes loses the parts after it: see streamingOrder).
  const ordered = streamingOrder(data, archive, ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  // Styles are kept so that date cells come back as dates.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([ordered]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  // A workbook without shared strings (numbers and inline text only) has nothing to wait for; with
  // the table present, it comes before any sheet (above) and replaces this empty one.
  (reader as unknown as { sharedStrings?: string[] }).sharedStrings ??= [];
  let sheets = 0;
  let refusal: unknown = null;
  try {
    for await (const sheet of reader) {
      sheets += 1;
      for await (const r of sheet) {
        // Read every sheet to its end even when the answer is known: ExcelJS parks a sheet stored
        // before the shared strings (Excel's own order) in a temporary file, deleted only then.
        if (sheets > 1 || refusal !== null) continue;
        try {
          each(r);
        } catch (err) {
          refusal = err;
        }
      }
    }
  } catch {
    throw badFile('không đọc được tệp Excel (.xlsx)', 'cannot read it as an Excel (.xlsx) workbook');
  }
  if (refusal !== null) throw refusal;
  if (sheets === 0) throw badFile('tệp không có trang tính nào', 'the workbook has no worksheet');
}

/**
 * Reads the first worksheet of an import: the header row names the columns (Vietnamese,
 * English, "vi / en", the key or an alias; any order, accents and case ignored); empty rows are
 * skipped. A file that cannot be read, lacks a column `missing` asks for, or has no rows or too
 * many is refused whole (BAD_FILE).
 */
export async function readImportSheet<K extends string>(data: Buffer, opts: {
  columns: ReadonlyArray<SheetColumn<K>>;
  missing: (found: ReadonlySet<K>) => { columns: Array<SheetColumn<K>>; hint?: { vi: string; en: string } };
  cell?: (key: K, value: ExcelJS.CellValue) => string;
  maxRows: number;
}): Promise<Array<SheetRow<K>>> {
  const read = opts.cell ?? ((_key: K, v: ExcelJS.CellValue) => cellText(v));
  const names = opts.columns.map((c) => ({ key: c.key, names: [c.vi, c.en, `${c.vi} / ${c.en}`, c.key, ...(c.aliases ?? [])].map(foldVietnamese) }));
  /** Column numbers of the keys a header row names (null: the sheet has no header row). */
  const headerColumns = (r: ExcelJS.Row | null) => {
    const colOf = new Map<K, number>();
    r?.eachCell((cell, col) => {
      const text = foldVietnamese(cellText(cell.value));
      for (const c of names) if (c.names.includes(text)) colOf.set(c.key, col);
    });
    const { columns: missing, hint } = opts.missing(new Set(colOf.keys()));
    if (missing.length) {
      throw badFile(
        `thiếu cột ${missing.map((c) => `"${c.vi}"`).join(', ')} ở dòng tiêu đề${hint ? ` ${hint.vi}` : ''}`,
        `missing column(s) ${missing.map((c) => `"${c.en}"`).join(', ')} in the header row${hint ? ` ${hint.en}` : ''}`,
      );
    }
    return colOf;
  };
  const rows: Array<SheetRow<K>> = [];
  let colOf: Map<K, number> | null = null;
  await eachFirstSheetRow(data, (r) => {
    // The header is row 1; a sheet whose first row is empty has no header (every column missing).
    if (colOf === null) {
      colOf = headerColumns(r.number === 1 ? r : null);
      if (r.number === 1) return;
    }
    const input: Partial<Record<K, string | null>> = {};
    let any = false;
    for (const [key, col] of colOf) {
      const text = read(key, r.getCell(col).value);
      if (text) any = true;
      input[key] = text || null;
    }
    if (any) rows.push({ row: r.number, input });
    if (rows.length > opts.maxRows) throw badFile(`quá ${opts.maxRows} dòng; hãy chia nhỏ tệp`, `more than ${opts.maxRows} rows; split the file`);
  });
  if (colOf === null) headerColumns(null);
  if (rows.length === 0) throw badFile('không có dòng dữ liệu nào', 'there are no data rows');
  return rows;
}
