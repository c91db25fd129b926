/**
 * Quarantine release certificates ("Giấy xác nhận hoàn thành thời gian cách ly y tế") as a Word
 * file, one A4 page per person, for batch printing. The layout follows the administrative document
 * style of Nghị định 30/2020/NĐ-CP: issuing body and national motto side by side, number and
 * place/date line under them, title, body, signature block on the right. Pure: the caller gathers
 * the data; nothing here reads the clock or the database.
 */
import type { FileChild, Paragraph } from 'docx';
import {
  type DocumentPerson, BODY_AFTER, NONE, TITLE_SIZE, adminDocx, blank, centred, checkDate, dmy, field, honorific, line, officialHeader, sexLabel, signatureBlock,
} from '../../lib/admin-doc.ts';

export { dmy } from '../../lib/admin-doc.ts';

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
  person: DocumentPerson;
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

export const RESULT_LABELS: Record<TestResult, string> = {
  negative: 'Âm tính',
  positive: 'Dương tính',
  invalid: 'Không xác định',
};

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

function certificatePage(cert: ReleaseCertificate): FileChild[] {
  return [
    officialHeader({ provinceName: cert.provinceName, issuerName: cert.issuerName, number: cert.certificateNo, place: cert.place, date: cert.issuedOn }),
    blank(),
    centred('GIẤY XÁC NHẬN', { bold: true, size: TITLE_SIZE }),
    centred('Hoàn thành thời gian cách ly y tế', { bold: true }),
    blank(),
    ...body(cert),
    signatureBlock(cert.signerTitle, cert.signerName),
  ];
}

/** One page per certificate, in the given order. Throws RangeError on an empty list or a malformed date (naming the field). */
export async function releaseCertificatesDocx(certs: readonly ReleaseCertificate[]): Promise<Buffer> {
  if (certs.length === 0) throw new RangeError('certs: expected at least one certificate');
  certs.forEach(checkDates);
  return adminDocx('Giấy xác nhận hoàn thành thời gian cách ly y tế', certs.map(certificatePage));
}
