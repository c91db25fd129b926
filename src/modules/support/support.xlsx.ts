/**
 * The payment list (danh sách chi trả hỗ trợ) in the usual layout: one row per line with its
 * decision, days, rate, amount, child bonus and total, a totals row and the signature column.
 * Text typed by people is neutralised against formulas. Pure.
 */
import ExcelJS from 'exceljs';
import { dmy } from '../../lib/admin-doc.ts';
import { neutraliseFormula, workbookBuffer } from '../../lib/xlsx.ts';

export const PAYMENT_LIST_COLUMNS = [
  'STT', 'Họ và tên', 'Ngày sinh', 'CCCD/CMND', 'Địa chỉ', 'Đối tượng', 'Số QĐ', 'Từ ngày', 'Đến ngày', 'Số ngày', 'Mức hỗ trợ (đồng/ngày)', 'Thành tiền',
  'Tiền hỗ trợ trẻ em', 'Tổng cộng', 'Hình thức nhận', 'Ký nhận',
] as const;

export interface PaymentListSheet {
  id: number; communeName: string; districtName: string; periodFrom: string; periodTo: string; status: string;
  lines: Array<{
    fullName: string; dateOfBirth: string | null; nationalId: string | null; address: string | null; subject: 'f0' | 'f1'; decisionNo: string; decisionDate: string;
    firstDay: string | null; lastDay: string | null; days: number; dailyRate: number; daysAmount: number; childBonus: number; total: number;
    paymentMethod: 'bank' | 'cash'; bankName: string | null; accountNo: string | null;
  }>;
}

const MONEY = '#,##0';
const text = (v: string | null) => neutraliseFormula(v);
const dateCell = (v: string | null) => (v ? (/^\d{4}-\d{2}-\d{2}$/.test(v) ? dmy(v) : v) : null);

export async function paymentListXlsx(list: PaymentListSheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'EpiCommand';
  const ws = wb.addWorksheet('Danh sách chi trả');
  ws.columns = [6, 28, 12, 15, 34, 9, 18, 12, 12, 8, 13, 14, 14, 14, 30, 14].map((width) => ({ width }));
  ws.addRow([text(`DANH SÁCH CHI TRẢ HỖ TRỢ THEO NGHỊ QUYẾT 68/NQ-CP VÀ QUYẾT ĐỊNH 23/2021/QĐ-TTg`)]).font = { bold: true, size: 13 };
  ws.addRow([text(`${list.communeName} — ${list.districtName}; kỳ từ ${dmy(list.periodFrom)} đến ${dmy(list.periodTo)}; danh sách số ${list.id} (${list.status})`)]);
  ws.addRow([]);
  const header = ws.addRow([...PAYMENT_LIST_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  list.lines.forEach((l, i) => {
    const method = l.paymentMethod === 'cash' ? 'Tiền mặt' : `${l.bankName ?? ''} ${l.accountNo ?? ''}`.trim();
    const row = ws.addRow([
      i + 1, text(l.fullName), dateCell(l.dateOfBirth), text(l.nationalId), text(l.address), l.subject.toUpperCase(), text(`${l.decisionNo} ngày ${dmy(l.decisionDate)}`),
      dateCell(l.firstDay), dateCell(l.lastDay), l.days, l.dailyRate, l.daysAmount, l.childBonus, l.total, text(method), null,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
    for (const c of [11, 12, 13, 14]) row.getCell(c).numFmt = MONEY;
  });
  const sum = (k: 'days' | 'daysAmount' | 'childBonus' | 'total') => list.lines.reduce((s, l) => s + l[k], 0);
  const totals = ws.addRow([null, 'Tổng cộng', null, null, null, null, null, null, null, sum('days'), null, sum('daysAmount'), sum('childBonus'), sum('total'), null, null]);
  totals.font = { bold: true };
  for (const c of [12, 13, 14]) totals.getCell(c).numFmt = MONEY;
  ws.addRow([]);
  ws.addRow([null, 'Người lập biểu', null, null, 'Trạm Y tế xã', null, null, null, null, null, 'UBND xã']).font = { bold: true };
  return await workbookBuffer(wb);
}
