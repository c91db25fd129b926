/**
 * The notice of conclusions (Thông báo kết luận) of a steering meeting as a Word file in the
 * administrative layout of Nghị định 30/2020, after the province's own notices (seeds 000, 001):
 * the committee beside the national motto, number and place/date line, "THÔNG BÁO" and its
 * subject, the opening paragraph (who chaired, who attended, the day's figures), the numbered
 * conclusions in order each followed by its tasks ("Giao … chủ trì, phối hợp … hoàn thành trước
 * ngày …"), the closing sentence, then "Nơi nhận" beside the signature. Pure.
 */
import { AlignmentType, type FileChild } from 'docx';
import { adminDocx, BODY_AFTER, blank, centred, dmy, line, officialHeader, placeName, TITLE_SIZE, twoColumns } from '../../lib/admin-doc.ts';
import { deadlineText } from './directives.domain.ts';
import type { TaskSummary } from './directives.presenter.ts';
import type { SituationSnapshot } from './directives.service.ts';

export interface NoticeInput {
  provinceName: string;
  meeting: { heldOn: string; title: string; chair: string; attendees: string[]; noticeNo: string | null; situation: SituationSnapshot | null };
  items: Array<{ ordinal: number; text: string; tasks: Array<TaskSummary & { body: string }> }>;
}

export const NOTICE_ISSUER = 'Ban Chỉ đạo phòng, chống dịch COVID-19';
export const NOTICE_SUFFIX = '/TB-BCĐ';

const body = (text: string) => line(text, { indent: true, after: BODY_AFTER });
const n = (x: number | null) => (x === null ? '—' : x.toLocaleString('vi-VN'));

/** Words a task title may start with that stay capitalised inside a sentence (agencies, places). */
const PROPER_STARTS = new Set(['Sở', 'Ban', 'Bộ', 'Công', 'Trung', 'Ủy', 'Uỷ', 'UBND', 'Huyện', 'Tỉnh', 'Thành', 'Bệnh', 'KCN']);

function inSentence(title: string): string {
  const t = title.trim().replace(/[.;]+$/u, '');
  const first = t.split(/\s+/u)[0] ?? '';
  return PROPER_STARTS.has(first) ? t : t.charAt(0).toLocaleLowerCase('vi-VN') + t.slice(1);
}

/** "Giao Sở Y tế chủ trì, phối hợp với Công an tỉnh, … <task>; hoàn thành trước ngày dd/mm/yyyy." */
export function taskSentence(t: TaskSummary): string {
  const supports = t.supportAgencies.map((a) => a.name);
  const who = supports.length ? `Giao ${t.leadAgency.name} chủ trì, phối hợp với ${supports.join(', ')}` : `Giao ${t.leadAgency.name} chủ trì`;
  return `- ${who} ${inSentence(t.title)}; ${deadlineText(t.deadline)}.`;
}

function opening(m: NoticeInput['meeting']): string {
  const s = m.situation;
  const figures = s
    ? ` (ngày ${dmy(s.asOf)} ghi nhận ${n(s.newCases)} ca mắc mới, ${n(s.newCases7d)} ca trong 7 ngày; lũy kế ${n(s.cumulative)} ca; ${n(s.activeClusters)} ổ dịch đang hoạt động)`
    : '';
  const attendees = m.attendees.length ? ` Tham dự có: ${m.attendees.join('; ')}.` : '';
  return `Ngày ${dmy(m.heldOn)}, ${m.chair} chủ trì ${m.title}.${attendees} Sau khi nghe báo cáo tình hình dịch COVID-19 trên địa bàn tỉnh${figures} và ý kiến của các đại biểu, ${m.chair} kết luận như sau:`;
}

function recipients(items: NoticeInput['items']): string[] {
  const agencies = new Map<number, string>();
  for (const i of items) for (const t of i.tasks) for (const a of [t.leadAgency, ...t.supportAgencies]) agencies.set(a.id, a.name);
  return ['- TT Tỉnh ủy, TT HĐND tỉnh (b/c);', '- Thành viên BCĐ tỉnh;', ...[...agencies.values()].map((a) => `- ${a};`), '- Lưu: VT.'];
}

export async function noticeDocx(input: NoticeInput): Promise<Buffer> {
  const m = input.meeting;
  const number = m.noticeNo?.trim() ? m.noticeNo.trim() : `      ${NOTICE_SUFFIX}`;
  const page: FileChild[] = [
    officialHeader({ provinceName: input.provinceName, issuerName: NOTICE_ISSUER, number, place: placeName(input.provinceName), date: m.heldOn }),
    blank(),
    centred('THÔNG BÁO', { bold: true, size: TITLE_SIZE }),
    centred(`Kết luận của ${m.chair}`, { bold: true }),
    centred(`tại cuộc họp giao ban ngày ${dmy(m.heldOn)}: ${m.title}`, { bold: true }),
    centred('––––––––––'),
    blank(),
    body(opening(m)),
  ];
  for (const item of input.items) {
    page.push(body(`${item.ordinal}. ${item.text}`));
    for (const t of item.tasks) page.push(body(taskSentence(t)));
  }
  page.push(
    body(`Trên đây là kết luận của ${m.chair} tại cuộc họp giao ban; yêu cầu các sở, ban, ngành, Ban Chỉ đạo phòng, chống dịch COVID-19 các huyện, thành phố và các cơ quan, đơn vị liên quan nghiêm túc triển khai thực hiện, báo cáo kết quả về Văn phòng Ban Chỉ đạo tỉnh theo thời hạn được giao./.`),
    blank(),
    twoColumns([[
      [line('Nơi nhận:', { bold: true, italics: true, size: 24, align: AlignmentType.LEFT }), ...recipients(input.items).map((r) => line(r, { size: 22, align: AlignmentType.LEFT }))],
      [centred('TL. TRƯỞNG BAN', { bold: true }), centred('CHÁNH VĂN PHÒNG', { bold: true }), blank(), blank(), blank(), blank()],
    ]]),
  );
  return adminDocx(`Thông báo kết luận cuộc họp ngày ${dmy(m.heldOn)}`, [page]);
}
