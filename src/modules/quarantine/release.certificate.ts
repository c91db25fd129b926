/**
 * Quarantine release certificates ("Giấy xác nhận hoàn thành thời gian cách ly y tế") as a Word
 * file, one A4 page per person, for batch printing. The layout follows the administrative document
 * style of Nghị định 30/2020/NĐ-CP: issuing body and national motto side by side, number and
 * place/date line under them, title, body, signature block on the right. Pure: the caller gathers
 * the data; nothing here reads the clock or the database.
 */
import {
  AlignmentType, Document, type FileChild, Packer, Paragraph, type ParagraphChild, Table, TableBorders, TableCell,
  TableLayoutType, TableRow, TextRun, UnderlineType, WidthType,
} from 'docx';

export interface ReleaseCertificate {
  /** e.g. 'Tỉnh Bắc Giang', printed as 'UBND TỈNH BẮC GIANG'. */
  provinceName: string;
  /** The facility issuing the certificate, e.g. 'Khu cách ly tập trung huyện Việt Yên số 1'. */
  issuerName: string;
  /** e.g. '125/GXN-CL'. */
  certificateNo: string;
  /** 'YYYY-MM-DD'. */
  issuedOn: string;
  /** Locality for the date line, e.g. 'Việt Yên'. */
  place: string;
  person: { fullName: string; birthYear: number | null; sex: 'male' | 'female' | null; idNumber: string | null; address: string | null };
  /** e.g. 'cách ly y tế tập trung'. */
  kindLabel: string;
  /** 'YYYY-MM-DD'. */
  startDate: string;
  /** 'YYYY-MM-DD'. */
  endDate: string;
  /** e.g. 'Công văn 5599/BYT-MT'. */
  ruleDocument: string;
  tests: Array<{ sampledOn: string; result: 'negative' | 'positive' | 'invalid' }>;
  homeMonitoringFrom: string | null;
  homeMonitoringUntil: string | null;
  /** e.g. 'Trưởng khu cách ly'. */
  signerTitle: string;
  signerName: string | null;
}

type TestResult = ReleaseCertificate['tests'][number]['result'];

const RESULT_LABELS: Record<TestResult, string> = {
  negative: 'Âm tính',
  positive: 'Dương tính',
  invalid: 'Không xác định',
};

const FONT = 'Times New Roman';
/** docx sizes are half-points. */
const BODY_SIZE = 26;
const TITLE_SIZE = 28;
/** Twips per millimetre (1440 twips per inch / 25.4 mm). */
const MM = 56.7;
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) } as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Header and signature tables: the issuing body on the left, the national motto (or signature) on the right. */
const LEFT_COLUMN = Math.round(TEXT_WIDTH * 0.4);
const RIGHT_COLUMN = TEXT_WIDTH - LEFT_COLUMN;
/** First-line indent of body paragraphs (about 1 cm, as Nghị định 30 suggests). */
const INDENT = Math.round(10 * MM);
/** Small gap after body paragraphs; kept small so six test results still fit on the page. */
const BODY_AFTER = 60;
const NONE = '—';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Splits a calendar date without going through Date, so the server's time zone never shifts it. */
function dateParts(date: string): { year: string; month: string; day: string } {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [, year = '', month = '', day = ''] = match;
    const m = Number(month);
    const d = Number(day);
    if (m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Number(year), m)) return { year, month, day };
  }
  throw new RangeError(`Expected a calendar date 'YYYY-MM-DD', got '${date}'`);
}

/** 'YYYY-MM-DD' -> 'DD/MM/YYYY' (throws RangeError on anything else). */
export function dmy(date: string): string {
  const { year, month, day } = dateParts(date);
  return `${day}/${month}/${year}`;
}

/**
 * "Việt Yên, ngày 05 tháng 7 năm 2021". Nghị định 30/2020 pads days below 10 and the months 1 and 2
 * with a zero (so they cannot be extended by hand into 11 or 12) and leaves the other months bare.
 */
function placeDateLine(place: string, date: string): string {
  const { year, month, day } = dateParts(date);
  const m = Number(month);
  return `${place}, ngày ${day} tháng ${m <= 2 ? month : String(m)} năm ${year}`;
}

function checkDate(value: string, field: string): void {
  try {
    dateParts(value);
  } catch {
    throw new RangeError(`${field}: expected a calendar date 'YYYY-MM-DD', got '${value}'`);
  }
}

/** Checks every date up front so a bad record is reported by its place in the batch and its field. */
function checkDates(cert: ReleaseCertificate, index: number): void {
  const at = `certs[${index}]`;
  checkDate(cert.issuedOn, `${at}.issuedOn`);
  checkDate(cert.startDate, `${at}.startDate`);
  checkDate(cert.endDate, `${at}.endDate`);
  cert.tests.forEach((test, i) => checkDate(test.sampledOn, `${at}.tests[${i}].sampledOn`));
  if (cert.homeMonitoringFrom !== null) checkDate(cert.homeMonitoringFrom, `${at}.homeMonitoringFrom`);
  if (cert.homeMonitoringUntil !== null) checkDate(cert.homeMonitoringUntil, `${at}.homeMonitoringUntil`);
}

const upper = (text: string): string => text.toLocaleUpperCase('vi-VN');

function honorific(sex: ReleaseCertificate['person']['sex']): string {
  if (sex === 'male') return 'Ông';
  if (sex === 'female') return 'Bà';
  return 'Ông/Bà';
}

function sexLabel(sex: ReleaseCertificate['person']['sex']): string {
  if (sex === 'male') return 'Nam';
  if (sex === 'female') return 'Nữ';
  return NONE;
}

interface LineOptions {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
  indent?: boolean;
  after?: number;
}

function line(text: string, options: LineOptions = {}): Paragraph {
  return paragraph([new TextRun({
    text,
    bold: options.bold,
    italics: options.italics,
    underline: options.underline ? { type: UnderlineType.SINGLE } : undefined,
    size: options.size,
  })], options);
}

function paragraph(children: ParagraphChild[], options: LineOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: INDENT } : undefined,
    spacing: { before: 0, after: options.after ?? 0 },
  });
}

const centred = (text: string, options: Omit<LineOptions, 'align'> = {}): Paragraph => line(text, { ...options, align: AlignmentType.CENTER });
const blank = (): Paragraph => line('');

/** "Label: value" with the label plain and the value as given (bold for the person's name). */
function field(label: string, value: string, boldValue = false): Paragraph {
  return paragraph([new TextRun(`${label}: `), new TextRun({ text: value, bold: boldValue })], { indent: true, after: BODY_AFTER });
}

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE, children });
}

function twoColumns(rows: Array<[Paragraph[], Paragraph[]]>): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COLUMN, RIGHT_COLUMN],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(([left, right]) => new TableRow({ children: [cell(LEFT_COLUMN, left), cell(RIGHT_COLUMN, right)] })),
  });
}

function header(cert: ReleaseCertificate): Table {
  return twoColumns([
    [
      [centred(`UBND ${upper(cert.provinceName)}`), centred(upper(cert.issuerName), { bold: true })],
      [centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }), centred('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })],
    ],
    [
      [centred(`Số: ${cert.certificateNo}`)],
      [centred(placeDateLine(cert.place, cert.issuedOn), { italics: true })],
    ],
  ]);
}

function body(cert: ReleaseCertificate): Paragraph[] {
  const { person } = cert;
  const paragraphs = [
    line(`Căn cứ ${cert.ruleDocument} và kết quả theo dõi sức khỏe, xét nghiệm trong thời gian cách ly;`, { indent: true, italics: true, after: BODY_AFTER }),
    line(`${cert.issuerName} xác nhận:`, { indent: true, after: BODY_AFTER }),
    field(honorific(person.sex), person.fullName, true),
    field('Năm sinh', person.birthYear === null ? NONE : String(person.birthYear)),
    field('Giới tính', sexLabel(person.sex)),
    field('Số CCCD/CMND', person.idNumber ?? NONE),
    field('Địa chỉ', person.address ?? NONE),
    line(`Đã hoàn thành thời gian ${cert.kindLabel} từ ngày ${dmy(cert.startDate)} đến ngày ${dmy(cert.endDate)}.`, { indent: true, after: BODY_AFTER }),
  ];
  // No results, no heading: an empty list under the heading would read as if results were lost.
  if (cert.tests.length > 0) {
    paragraphs.push(line('Kết quả xét nghiệm SARS-CoV-2:', { indent: true }));
    cert.tests.forEach((test, i) => {
      const last = i === cert.tests.length - 1;
      paragraphs.push(line(`- Ngày ${dmy(test.sampledOn)}: ${RESULT_LABELS[test.result]}`, { indent: true, after: last ? BODY_AFTER : 0 }));
    });
  }
  if (cert.homeMonitoringUntil !== null) {
    const from = cert.homeMonitoringFrom === null ? '' : ` từ ngày ${dmy(cert.homeMonitoringFrom)}`;
    paragraphs.push(
      line(`Tiếp tục tự theo dõi sức khỏe tại nhà${from} đến ngày ${dmy(cert.homeMonitoringUntil)}.`, { indent: true, after: BODY_AFTER }),
      line('Nếu có biểu hiện sốt, ho, khó thở, phải báo ngay cho trạm y tế xã, phường, thị trấn nơi cư trú.', { indent: true, after: BODY_AFTER }),
    );
  }
  return paragraphs;
}

function signature(cert: ReleaseCertificate): Table {
  const right = [
    centred(upper(cert.signerTitle), { bold: true }),
    centred('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true }),
    blank(), blank(), blank(), blank(),
  ];
  if (cert.signerName !== null) right.push(centred(cert.signerName, { bold: true }));
  return twoColumns([[[blank()], right]]);
}

function certificatePage(cert: ReleaseCertificate): FileChild[] {
  return [
    header(cert),
    blank(),
    centred('GIẤY XÁC NHẬN', { bold: true, size: TITLE_SIZE }),
    centred('Hoàn thành thời gian cách ly y tế', { bold: true }),
    blank(),
    ...body(cert),
    signature(cert),
  ];
}

/** One page per certificate, in the given order. Throws RangeError on an empty list or a malformed date (naming the field). */
export async function releaseCertificatesDocx(certs: readonly ReleaseCertificate[]): Promise<Buffer> {
  if (certs.length === 0) throw new RangeError('certs: expected at least one certificate');
  certs.forEach(checkDates);
  const document = new Document({
    creator: 'EpiCommand',
    title: 'Giấy xác nhận hoàn thành thời gian cách ly y tế',
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT }, size: BODY_SIZE, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240 } },
        },
      },
    },
    // A section per certificate: each one starts on a new page, so a batch prints as one file.
    sections: certs.map((cert) => ({
      properties: { page: { size: PAGE, margin: { ...MARGIN, header: 708, footer: 708 } } },
      children: certificatePage(cert),
    })),
  });
  return Packer.toBuffer(document);
}
