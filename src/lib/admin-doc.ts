/**
 * Vietnamese administrative documents as Word files (the layout of Nghị định 30/2020/NĐ-CP):
 * issuing body and national motto side by side, number and place/date line under them, a title,
 * the body, and the signature block on the right; A4, Times New Roman 13 pt. Pure helpers shared
 * by the documents the platform prints (release certificates, result slips, notices).
 */
import {
  AlignmentType, Document, type FileChild, Packer, Paragraph, type ParagraphChild, Table, TableBorders, TableCell,
  TableLayoutType, TableRow, TextRun, UnderlineType, WidthType,
} from 'docx';

export const FONT = 'Times New Roman';
/** docx sizes are half-points. */
export const BODY_SIZE = 26;
export const TITLE_SIZE = 28;
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
export const BODY_AFTER = 60;
export const NONE = '—';

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
export function placeDateLine(place: string, date: string): string {
  const { year, month, day } = dateParts(date);
  const m = Number(month);
  return `${place}, ngày ${day} tháng ${m <= 2 ? month : String(m)} năm ${year}`;
}

export function checkDate(value: string, field: string): void {
  try {
    dateParts(value);
  } catch {
    throw new RangeError(`${field}: expected a calendar date 'YYYY-MM-DD', got '${value}'`);
  }
}

export type Sex = 'male' | 'female' | null;

/** The person a document is about. */
export interface DocumentPerson { fullName: string; birthYear: number | null; sex: Sex; idNumber: string | null; address: string | null }

/** 'Huyện Việt Yên' → 'Việt Yên': the place of a document's date line. */
export function placeName(unitName: string): string {
  return unitName.replace(/^(Huyện|Thành phố|Thị xã|Quận|Tỉnh)\s+/u, '');
}

export const upper = (text: string): string => text.toLocaleUpperCase('vi-VN');

export function honorific(sex: Sex): string {
  if (sex === 'male') return 'Ông';
  if (sex === 'female') return 'Bà';
  return 'Ông/Bà';
}

export function sexLabel(sex: Sex): string {
  if (sex === 'male') return 'Nam';
  if (sex === 'female') return 'Nữ';
  return NONE;
}

export interface LineOptions {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  size?: number;
  indent?: boolean;
  after?: number;
}

export function line(text: string, options: LineOptions = {}): Paragraph {
  return paragraph([new TextRun({
    text,
    bold: options.bold,
    italics: options.italics,
    underline: options.underline ? { type: UnderlineType.SINGLE } : undefined,
    size: options.size,
  })], options);
}

export function paragraph(children: ParagraphChild[], options: LineOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: INDENT } : undefined,
    spacing: { before: 0, after: options.after ?? 0 },
  });
}

export const centred = (text: string, options: Omit<LineOptions, 'align'> = {}): Paragraph => line(text, { ...options, align: AlignmentType.CENTER });
export const blank = (): Paragraph => line('');

/** "Label: value" with the label plain and the value as given (bold for the person's name). */
export function field(label: string, value: string, boldValue = false): Paragraph {
  return paragraph([new TextRun(`${label}: `), new TextRun({ text: value, bold: boldValue })], { indent: true, after: BODY_AFTER });
}

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE, children });
}

export function twoColumns(rows: Array<[Paragraph[], Paragraph[]]>): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COLUMN, RIGHT_COLUMN],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(([left, right]) => new TableRow({ children: [cell(LEFT_COLUMN, left), cell(RIGHT_COLUMN, right)] })),
  });
}

/** The heading block: province committee and issuer on the left, the national motto on the right, then number and place/date. */
export function officialHeader(h: { provinceName: string; issuerName: string; number: string; place: string; date: string }): Table {
  return twoColumns([
    [
      [centred(`UBND ${upper(h.provinceName)}`), centred(upper(h.issuerName), { bold: true })],
      [centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 }), centred('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })],
    ],
    [
      [centred(`Số: ${h.number}`)],
      [centred(placeDateLine(h.place, h.date), { italics: true })],
    ],
  ]);
}

/** The signature block on the right: title, "(Ký, ghi rõ họ tên, đóng dấu)", room to sign, the name when known. */
export function signatureBlock(title: string, name: string | null): Table {
  const right = [
    centred(upper(title), { bold: true }),
    centred('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true }),
    blank(), blank(), blank(), blank(),
  ];
  if (name !== null) right.push(centred(name, { bold: true }));
  return twoColumns([[[blank()], right]]);
}

/** A Word file of one or more pages (one section each, so a batch prints as one file). */
export async function adminDocx(title: string, pages: readonly FileChild[][]): Promise<Buffer> {
  const document = new Document({
    creator: 'EpiCommand',
    title,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT }, size: BODY_SIZE, language: { value: 'vi-VN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240 } },
        },
      },
    },
    sections: pages.map((children) => ({ properties: { page: { size: PAGE, margin: { ...MARGIN, header: 708, footer: 708 } } }, children })),
  });
  return Packer.toBuffer(document);
}
