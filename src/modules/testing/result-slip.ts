/**
 * The printable result slip ("Phiếu trả kết quả xét nghiệm SARS-CoV-2") a person is given: one A4
 * page in the administrative layout, with the person, the sample and its result. Pure.
 */
import type { FileChild } from 'docx';
import {
  TITLE_SIZE, adminDocx, blank, centred, checkDate, dmy, field, honorific, line, NONE, officialHeader, sexLabel, signatureBlock, type DocumentPerson,
} from '../../lib/admin-doc.ts';

export interface ResultSlip {
  provinceName: string;
  labName: string;
  slipNo: string;
  issuedOn: string;
  place: string;
  person: DocumentPerson;
  sample: {
    barcode: string | null; poolBarcode: string | null; method: 'rt_pcr' | 'rt_pcr_pool' | 'rapid_antigen'; takenOn: string;
    result: 'negative' | 'positive' | 'invalid'; ct: number | null; resultedOn: string;
  };
  signerTitle: string;
  signerName: string | null;
}

const METHOD: Record<ResultSlip['sample']['method'], string> = {
  rt_pcr: 'RT-PCR (mẫu đơn)', rt_pcr_pool: 'RT-PCR (mẫu gộp)', rapid_antigen: 'Test nhanh kháng nguyên',
};
const RESULT: Record<ResultSlip['sample']['result'], string> = { negative: 'ÂM TÍNH', positive: 'DƯƠNG TÍNH', invalid: 'KHÔNG XÁC ĐỊNH' };

function page(s: ResultSlip): FileChild[] {
  const { person, sample } = s;
  const notes = sample.result === 'invalid'
    ? 'Mẫu không cho kết quả: cần lấy mẫu lại.'
    : sample.result === 'positive' && sample.method === 'rapid_antigen'
      ? 'Kết quả test nhanh dương tính cần được khẳng định bằng xét nghiệm RT-PCR.'
      : sample.method === 'rt_pcr_pool' && sample.result === 'positive'
        ? 'Mẫu gộp dương tính: từng người trong mẫu gộp được lấy mẫu đơn để xét nghiệm lại.'
        : 'Kết quả chỉ có giá trị đối với mẫu được xét nghiệm.';
  return [
    officialHeader({ provinceName: s.provinceName, issuerName: s.labName, number: s.slipNo, place: s.place, date: s.issuedOn }),
    blank(),
    centred('PHIẾU TRẢ KẾT QUẢ XÉT NGHIỆM', { bold: true, size: TITLE_SIZE }),
    centred('SARS-CoV-2', { bold: true }),
    blank(),
    field(honorific(person.sex), person.fullName, true),
    field('Năm sinh', person.birthYear === null ? NONE : String(person.birthYear)),
    field('Giới tính', sexLabel(person.sex)),
    field('Số CCCD/CMND', person.idNumber ?? NONE),
    field('Địa chỉ', person.address ?? NONE),
    field('Mã ống mẫu', sample.barcode ?? (sample.poolBarcode ? `${sample.poolBarcode} (mẫu gộp)` : NONE)),
    field('Phương pháp', METHOD[sample.method]),
    field('Ngày lấy mẫu', dmy(sample.takenOn)),
    field('Ngày có kết quả', dmy(sample.resultedOn)),
    field('Kết quả', RESULT[sample.result] + (sample.ct !== null ? ` (Ct = ${String(sample.ct).replace('.', ',')})` : ''), true),
    line(notes, { indent: true, italics: true }),
    blank(),
    signatureBlock(s.signerTitle, s.signerName),
  ];
}

export async function resultSlipsDocx(slips: readonly ResultSlip[]): Promise<Buffer> {
  if (slips.length === 0) throw new RangeError('slips: expected at least one slip');
  slips.forEach((s, i) => {
    checkDate(s.issuedOn, `slips[${i}].issuedOn`);
    checkDate(s.sample.takenOn, `slips[${i}].sample.takenOn`);
    checkDate(s.sample.resultedOn, `slips[${i}].sample.resultedOn`);
  });
  return adminDocx('Phiếu trả kết quả xét nghiệm SARS-CoV-2', slips.map(page));
}
