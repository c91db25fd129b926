import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { dmy, type ReleaseCertificate, releaseCertificatesDocx } from './release.certificate.ts';

const certificate = (over: Partial<ReleaseCertificate> = {}, person: Partial<ReleaseCertificate['person']> = {}): ReleaseCertificate => ({
  provinceName: 'Tỉnh Bắc Giang',
  issuerName: 'Khu cách ly tập trung huyện Việt Yên số 1',
  certificateNo: '125/GXN-CL',
  issuedOn: '2021-07-19',
  place: 'Việt Yên',
  person: { fullName: 'Nguyễn Văn An', birthYear: 1985, sex: 'male', idNumber: '024085001234', address: 'Thôn Đông, xã Tăng Tiến, huyện Việt Yên', ...person },
  kindLabel: 'cách ly y tế tập trung',
  startDate: '2021-07-05',
  endDate: '2021-07-18',
  ruleDocument: 'Công văn 5599/BYT-MT',
  tests: [
    { sampledOn: '2021-07-05', result: 'negative' },
    { sampledOn: '2021-07-11', result: 'invalid' },
    { sampledOn: '2021-07-17', result: 'negative' },
  ],
  homeMonitoringFrom: '2021-07-19',
  homeMonitoringUntil: '2021-07-25',
  signerTitle: 'Trưởng khu cách ly',
  signerName: 'Trần Thị Bình',
  ...over,
});

async function zipEntry(buffer: Buffer, path: string): Promise<string> {
  const file = (await JSZip.loadAsync(buffer)).file(path);
  if (!file) throw new Error(`${path} missing from the docx`);
  return file.async('string');
}

const decode = (xml: string): string =>
  xml.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');

/** The text of each paragraph, runs joined, in document order (table cells included). */
function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(([, text = '']) => decode(text)).join(''));
}

/** The paragraphs of each section: a section's properties close it, so split the body at each `<w:sectPr`. */
function sectionTexts(xml: string): string[][] {
  return xml.split('<w:sectPr').slice(0, -1).map(paragraphTexts);
}

async function render(certs: readonly ReleaseCertificate[]): Promise<{ xml: string; paragraphs: string[] }> {
  const xml = await zipEntry(await releaseCertificatesDocx(certs), 'word/document.xml');
  return { xml, paragraphs: paragraphTexts(xml) };
}

describe('dmy', () => {
  it('turns YYYY-MM-DD into DD/MM/YYYY', () => {
    expect(dmy('2021-07-05')).toBe('05/07/2021');
    expect(dmy('2020-02-29')).toBe('29/02/2020');
    expect(dmy('2000-02-29')).toBe('29/02/2000');
  });

  it.each(['2021-13-01', '5/7/2021', '2021-7-5', '2021-02-29', '1900-02-29', '2021-04-31', '2021-00-10', '2021-07-00', '2021-07-05T00:00', ' 2021-07-05', ''])(
    'rejects %j with a RangeError',
    (date) => {
      expect(() => dmy(date)).toThrow(RangeError);
    },
  );
});

describe('releaseCertificatesDocx', () => {
  it('prints the header, title, person, period and test results with Vietnamese dates', async () => {
    const { paragraphs } = await render([certificate()]);
    expect(paragraphs).toEqual(expect.arrayContaining([
      'UBND TỈNH BẮC GIANG',
      'KHU CÁCH LY TẬP TRUNG HUYỆN VIỆT YÊN SỐ 1',
      'Số: 125/GXN-CL',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Việt Yên, ngày 19 tháng 7 năm 2021',
      'GIẤY XÁC NHẬN',
      'Hoàn thành thời gian cách ly y tế',
      'Khu cách ly tập trung huyện Việt Yên số 1 xác nhận:',
      'Ông: Nguyễn Văn An',
      'Năm sinh: 1985',
      'Giới tính: Nam',
      'Số CCCD/CMND: 024085001234',
      'Địa chỉ: Thôn Đông, xã Tăng Tiến, huyện Việt Yên',
      'Đã hoàn thành thời gian cách ly y tế tập trung từ ngày 05/07/2021 đến ngày 18/07/2021.',
      'Kết quả xét nghiệm SARS-CoV-2:',
      '- Ngày 05/07/2021: Âm tính',
      '- Ngày 11/07/2021: Không xác định',
      '- Ngày 17/07/2021: Âm tính',
      'TRƯỞNG KHU CÁCH LY',
      '(Ký, ghi rõ họ tên, đóng dấu)',
      'Trần Thị Bình',
    ]));
    expect(paragraphs.some((p) => p.startsWith('Căn cứ Công văn 5599/BYT-MT'))).toBe(true);
    // Every date went through dmy: no ISO date leaks into the printed text.
    expect(paragraphs.join('\n')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('pads the months 1 and 2 in the date line, as Nghị định 30 asks, and labels a positive result', async () => {
    const { paragraphs } = await render([certificate({ issuedOn: '2022-01-05', tests: [{ sampledOn: '2021-12-30', result: 'positive' }] })]);
    expect(paragraphs).toContain('Việt Yên, ngày 05 tháng 01 năm 2022');
    expect(paragraphs).toContain('- Ngày 30/12/2021: Dương tính');
  });

  it.each([
    ['male', 'Ông', 'Nam'],
    ['female', 'Bà', 'Nữ'],
    [null, 'Ông/Bà', '—'],
  ] as const)('addresses a person of sex %s as %s', async (sex, honorific, sexLabel) => {
    const { paragraphs } = await render([certificate({}, { fullName: 'Lê Minh Châu', sex })]);
    const nameLines = paragraphs.filter((p) => p.endsWith(': Lê Minh Châu'));
    expect(nameLines).toEqual([`${honorific}: Lê Minh Châu`]);
    expect(paragraphs).toContain(`Giới tính: ${sexLabel}`);
  });

  it('prints a dash for missing personal details and no signer name when there is none', async () => {
    const { paragraphs } = await render([certificate({ signerName: null }, { birthYear: null, idNumber: null, address: null })]);
    expect(paragraphs).toEqual(expect.arrayContaining(['Năm sinh: —', 'Số CCCD/CMND: —', 'Địa chỉ: —']));
    expect(paragraphs).not.toContain('Trần Thị Bình');
  });

  it('prints the home-monitoring lines only when homeMonitoringUntil is set', async () => {
    const withMonitoring = await render([certificate()]);
    expect(withMonitoring.paragraphs).toContain('Tiếp tục tự theo dõi sức khỏe tại nhà từ ngày 19/07/2021 đến ngày 25/07/2021.');
    expect(withMonitoring.paragraphs.some((p) => p.includes('sốt, ho, khó thở') && p.includes('trạm y tế xã'))).toBe(true);

    const without = await render([certificate({ homeMonitoringFrom: null, homeMonitoringUntil: null })]);
    expect(without.paragraphs.some((p) => p.includes('theo dõi sức khỏe tại nhà'))).toBe(false);
    expect(without.paragraphs.some((p) => p.includes('trạm y tế'))).toBe(false);
  });

  it('prints one A4 section per certificate, in the given order', async () => {
    const certs = [
      certificate({}, { fullName: 'Nguyễn Văn An', sex: 'male' }),
      certificate({ homeMonitoringFrom: null, homeMonitoringUntil: null, certificateNo: '126/GXN-CL' }, { fullName: 'Phạm Thị Dung', sex: 'female' }),
      certificate({ certificateNo: '127/GXN-CL' }, { fullName: 'Hoàng Văn Em', sex: null }),
    ];
    const { xml } = await render(certs);
    expect(xml.match(/<w:sectPr/g)).toHaveLength(3);

    const sections = sectionTexts(xml);
    expect(sections).toHaveLength(3);
    expect(sections.map((s) => s.find((p) => p.startsWith('Số: ')))).toEqual(['Số: 125/GXN-CL', 'Số: 126/GXN-CL', 'Số: 127/GXN-CL']);
    expect(sections.map((s) => s.filter((p) => /^(Ông|Bà|Ông\/Bà): /.test(p)))).toEqual([
      ['Ông: Nguyễn Văn An'], ['Bà: Phạm Thị Dung'], ['Ông/Bà: Hoàng Văn Em'],
    ]);
    expect(sections.map((s) => s.some((p) => p.startsWith('Tiếp tục tự theo dõi sức khỏe tại nhà')))).toEqual([true, false, true]);

    // A4 with margins 20 mm top and bottom, 30 mm left, 15 mm right, on every page.
    const pageSizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map(([, attrs = '']) => attrs);
    expect(pageSizes).toHaveLength(3);
    for (const attrs of pageSizes) expect(attrs).toMatch(/w:w="11906" w:h="16838"/);
    const margins = [...xml.matchAll(/<w:pgMar ([^>]*)\/>/g)].map(([, attrs = '']) => attrs);
    expect(margins).toHaveLength(3);
    for (const attrs of margins) {
      expect(attrs).toContain('w:top="1134"');
      expect(attrs).toContain('w:bottom="1134"');
      expect(attrs).toContain('w:left="1701"');
      expect(attrs).toContain('w:right="851"');
    }
  });

  it('sets Times New Roman 13 pt as the document default', async () => {
    const styles = await zipEntry(await releaseCertificatesDocx([certificate()]), 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
    expect(defaults).toContain('w:ascii="Times New Roman"');
    expect(defaults).toContain('<w:sz w:val="26"/>');
  });

  it('rejects an empty list', async () => {
    await expect(releaseCertificatesDocx([])).rejects.toThrow(RangeError);
  });

  it.each([
    [{ startDate: '2021-13-01' }, 'certs[1].startDate'],
    [{ endDate: '5/7/2021' }, 'certs[1].endDate'],
    [{ issuedOn: '2021-02-30' }, 'certs[1].issuedOn'],
    [{ tests: [{ sampledOn: '2021-07-05', result: 'negative' }, { sampledOn: '5/7/2021', result: 'negative' }] }, 'certs[1].tests[1].sampledOn'],
    [{ homeMonitoringFrom: '2021-7-19' }, 'certs[1].homeMonitoringFrom'],
    [{ homeMonitoringUntil: '25/07/2021' }, 'certs[1].homeMonitoringUntil'],
  ] satisfies Array<[Partial<ReleaseCertificate>, string]>)('rejects a malformed date %j, naming %s', async (over, field) => {
    const result = releaseCertificatesDocx([certificate(), certificate(over)]);
    await expect(result).rejects.toThrow(RangeError);
    await expect(result).rejects.toThrow(field);
  });
});
