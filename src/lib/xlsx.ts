/** Spreadsheet cell helpers shared by every import and export. */
import type ExcelJS from 'exceljs';

/** The text of a cell, whatever Excel stored (rich text, hyperlink, formula result, date). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return v.result == null ? '' : String(v.result).trim();
    return '';
  }
  return String(v).trim();
}

/** Excel stores dates as UTC midnight; keep the calendar date, never shift it by a time zone. */
export function dateCellText(v: ExcelJS.CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cellText(v);
}

/**
 * Text a spreadsheet program could take for a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe, so an exported name or note never runs as one when opened.
 */
export function neutraliseFormula(value: string | null): string | null {
  return value !== null && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** 'YYYY-MM-DD' as Vietnamese write it: DD/MM/YYYY. */
export function vnDateText(iso: string | null): string | null {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null;
}
