/**
 * The supplies ledgers as XLSX: one sheet per export with a title, a header row, the entries and
 * a totals row where amounts add up. Text typed by people is neutralised against formulas. Pure.
 */
import ExcelJS from 'exceljs';
import { dmy } from '../../lib/admin-doc.ts';
import { neutraliseFormula, workbookBuffer } from '../../lib/xlsx.ts';

export type Cell = string | number | null;
export interface LedgerSheet { title: string; subtitle: string; columns: Array<{ header: string; width: number; money?: boolean; date?: boolean }>; rows: Cell[][]; totals?: Cell[] }

export async function ledgerXlsx(sheet: LedgerSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'EpiCommand';
  const ws = wb.addWorksheet(sheet.title.slice(0, 31));
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  ws.addRow([neutraliseFormula(sheet.title.toLocaleUpperCase('vi-VN'))]).font = { bold: true, size: 13 };
  ws.addRow([neutraliseFormula(sheet.subtitle)]);
  ws.addRow([]);
  ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
  const put = (values: Cell[]) => {
    const row = ws.addRow(values.map((v, i) => (typeof v === 'string' ? (sheet.columns[i]?.date && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dmy(v) : neutraliseFormula(v)) : v)));
    sheet.columns.forEach((c, i) => { if (c.money) row.getCell(i + 1).numFmt = '#,##0'; });
    return row;
  };
  for (const r of sheet.rows) put(r);
  if (sheet.totals) put(sheet.totals).font = { bold: true };
  return await workbookBuffer(wb);
}
