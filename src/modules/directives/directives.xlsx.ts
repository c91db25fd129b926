/**
 * The follow-up table (bảng theo dõi thực hiện nhiệm vụ) for the next briefing: one row per task
 * with its agencies, deadline, status, progress and latest report. Every text cell is neutralised
 * against formulas (titles and reports are typed by people). Pure.
 */
import ExcelJS from 'exceljs';
import { dmy } from '../../lib/admin-doc.ts';
import { vnDate } from '../../lib/time.ts';
import { neutraliseFormula, workbookBuffer } from '../../lib/xlsx.ts';
import type { Deadline, DeadlineState, TaskStatus } from './directives.domain.ts';
import type { PresentedTask } from './directives.presenter.ts';

export const FOLLOW_UP_COLUMNS = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Trạng thái', 'Tiến độ %', 'Báo cáo gần nhất', 'Cuộc họp'] as const;

export const STATUS_LABELS: Record<TaskStatus, string> = {
  assigned: 'Đã giao', in_progress: 'Đang thực hiện', reported: 'Đã báo cáo hoàn thành', accepted: 'Đã hoàn thành', returned: 'Bị trả lại',
};
const STATE_LABELS: Record<DeadlineState, string | null> = { done: null, on_time: null, due_soon: 'sắp đến hạn', overdue: 'quá hạn' };

export function deadlineCell(d: Deadline): string {
  if (d.kind === 'date') return dmy(d.dueOn);
  const until = d.until ? ` đến ${dmy(d.until)}` : '';
  if (d.kind === 'daily') return `Hằng ngày từ ${dmy(d.from)}${until}`;
  const day = d.weekday === 7 ? 'Chủ nhật' : `Thứ ${d.weekday + 1}`;
  return `${day} hằng tuần từ ${dmy(d.from)}${until}`;
}

const text = (v: string | null) => neutraliseFormula(v);

export async function followUpXlsx(input: { provinceName: string; asOf: string; tasks: PresentedTask[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'EpiCommand';
  const ws = wb.addWorksheet('Theo dõi nhiệm vụ');
  ws.columns = [6, 60, 28, 36, 22, 26, 10, 60, 12].map((width) => ({ width }));
  ws.addRow([text('BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ')]).font = { bold: true, size: 13 };
  ws.addRow([text(`${input.provinceName} — đến ngày ${dmy(input.asOf)}`)]);
  ws.addRow([]);
  ws.addRow([...FOLLOW_UP_COLUMNS]).font = { bold: true };
  input.tasks.forEach((p, i) => {
    const t = p.summary;
    const state = STATE_LABELS[t.deadlineState];
    const latest = t.latestReport ? `${vnDate(new Date(t.latestReport.at)).split('-').reverse().join('/')}: ${t.latestReport.text}` : null;
    const row = ws.addRow([
      i + 1, text(t.title), text(t.leadAgency.name), text(t.supportAgencies.map((a) => a.name).join(', ') || null), text(deadlineCell(t.deadline)),
      text(`${STATUS_LABELS[t.status]}${state ? ` (${state})` : ''}`), t.percent, text(latest), p.heldOn ? dmy(p.heldOn) : null,
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  });
  return await workbookBuffer(wb);
}
