/**
 * The wording both files of the daily report share, after the province's own reports (the
 * year-end report's "Diễn biến tình hình dịch", "Kết quả thực hiện" with its 1.1–1.5, "Khó khăn,
 * hạn chế", "Đề xuất, kiến nghị"), so the Word file and the workbook say the same things.
 */
import { dmy } from '../../lib/admin-doc.ts';
import type { CaseCounts } from './reports.figures.ts';

export const ISSUER_NAME = 'Ban Chỉ đạo phòng, chống dịch COVID-19';
/** The document code of a steering committee's report: Báo cáo (BC) of the Ban Chỉ đạo (BCĐ). */
export const NUMBER_SUFFIX = '/BC-BCĐ';

export const SECTIONS = {
  situation: 'I. TÌNH HÌNH DỊCH BỆNH',
  work: 'II. KẾT QUẢ CÔNG TÁC PHÒNG, CHỐNG DỊCH',
  tracing: 'Công tác điều tra, truy vết',
  quarantine: 'Công tác cách ly',
  testing: 'Công tác xét nghiệm',
  treatment: 'Công tác điều trị',
  vaccination: 'Công tác tiêm vắc xin',
  violations: 'Công tác kiểm tra, xử lý vi phạm',
  difficulties: 'III. KHÓ KHĂN, VƯỚNG MẮC',
  proposals: 'IV. ĐỀ XUẤT, KIẾN NGHỊ',
} as const;

export const VACCINATION_NONE = 'Chưa có số liệu.';
const NO_TEXT = 'Không có.';

/** The columns of the cases-by-district table, in order. */
export const CASE_COLUMNS: ReadonlyArray<{ key: 'name' | keyof CaseCounts; label: string }> = [
  { key: 'name', label: 'Huyện, thành phố' },
  { key: 'newCases', label: 'Mắc mới trong ngày' },
  { key: 'newInQuarantine', label: 'Trong khu cách ly' },
  { key: 'newCommunity', label: 'Trong cộng đồng' },
  { key: 'newImported', label: 'Từ nơi khác về' },
  { key: 'cumulative', label: 'Lũy kế' },
  { key: 'active', label: 'Đang cách ly, điều trị' },
];

export const RECIPIENTS = [
  '- BCĐ Quốc gia PCD COVID-19;',
  '- Bộ Y tế;',
  '- TT Tỉnh ủy, TT HĐND tỉnh;',
  '- Chủ tịch, các PCT UBND tỉnh;',
  '- Thành viên BCĐ PCD COVID-19 tỉnh;',
  '- UBND các huyện, thành phố;',
  '- Lưu: VT, SYT.',
];

export function reportSubtitle(date: string): string {
  return `Tình hình dịch COVID-19 và công tác phòng, chống dịch ngày ${dmy(date)}`;
}

/** Free text as paragraphs: one per non-empty line; "Không có." when there is none. */
export function textParagraphs(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length > 0 ? lines : [NO_TEXT];
}
