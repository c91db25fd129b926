import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { type LabFileIssue, type LabRow, labReportSheet, MAX_LAB_ROWS, parseLabFile } from './lab-file.ts';

const TODAY = '2021-06-30';
const HEADER = ['Mã ống', 'Kết quả', 'Ct', 'Ngày xét nghiệm', 'Phòng xét nghiệm'];

function csv(lines: string[], opts: { bom?: boolean; eol?: string } = {}): Buffer {
  return Buffer.from(`${opts.bom ? '\uFEFF' : ''}${lines.join(opts.eol ?? '\n')}${opts.eol ?? '\n'}`);
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kết quả');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The AppError a refused file throws; fails the test when the file is accepted or fails otherwise. */
async function refusal(data: Buffer, opts: { maxRows?: number } = {}): Promise<AppError> {
  const outcome = await parseLabFile(data, { today: TODAY, ...opts }).then(() => null, (err: unknown) => err);
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

const row = (r: number, barcode: string, result: LabRow['result'], ct: number | null, testDate: string, lab: string | null): LabRow =>
  ({ row: r, barcode, result, ct, testDate, lab });

/** Issues as [row, field, code] triples: what a lab reads first. */
const triples = (issues: LabFileIssue[]) => issues.map((i) => [i.row, i.field, i.code]);

describe('parseLabFile: CSV', () => {
  const expected = [
    row(2, 'BG-0610-001', 'negative', null, '2021-06-10', 'CDC Bắc Giang'),
    row(3, 'BG-0610-002', 'positive', 24.5, '2021-06-10', 'CDC Bắc Giang'),
  ];

  it('reads a comma-separated file with a BOM', async () => {
    const out = await parseLabFile(csv([
      HEADER.join(','),
      'bg-0610-001,Âm tính,,10/06/2021,CDC Bắc Giang',
      ' BG-0610-002 , Dương tính ,24.5,2021-06-10, CDC  Bắc Giang ',
    ], { bom: true }), { today: TODAY });
    expect(out).toEqual({ rows: expected, issues: [], total: 2 });
  });

  it('reads a semicolon-separated file with Ct decimal commas and CRLF line ends', async () => {
    const out = await parseLabFile(csv([
      HEADER.join(';'),
      'BG-0610-001;am tinh;;10/6/2021;CDC Bắc Giang',
      'BG-0610-002;POS;24,5;10/06/2021;CDC Bắc Giang',
    ], { eol: '\r\n' }), { today: TODAY });
    expect(out).toEqual({ rows: expected, issues: [], total: 2 });
  });

  it('reads a tab-separated file', async () => {
    const out = await parseLabFile(csv([
      HEADER.join('\t'),
      'BG-0610-001\tnegative\t\t2021-06-10\tCDC Bắc Giang',
      'BG-0610-002\t+\t24,5\t10/06/2021\tCDC Bắc Giang',
    ]), { today: TODAY });
    expect(out).toEqual({ rows: expected, issues: [], total: 2 });
  });

  it('keeps the delimiter, doubled quotes and line breaks inside quoted fields, numbering rows by file line', async () => {
    const out = await parseLabFile(csv([
      '"Mã ống","Kết quả","Ct","Ngày xét nghiệm","Phòng xét nghiệm"',
      '"BG-001","Âm tính","","10/06/2021","CDC, khoa ""Xét nghiệm"""',
      '',
      'BG-002,"Dương', // a quoted field spanning two lines: one record, lines 4–5
      'tính",,10/06/2021,"Lab',
      '2"',
      '   ',
      'BG-003, neg , "31,5",10/06/2021,', // spaces around fields, before an opening quote too
      ',,,,',
      'BG-004,"neg" ,,01/07/2021', // space after a closing quote, a short record
    ]), { today: TODAY });
    expect(out.rows).toEqual([
      row(2, 'BG-001', 'negative', null, '2021-06-10', 'CDC, khoa "Xét nghiệm"'),
      row(4, 'BG-002', 'positive', null, '2021-06-10', 'Lab 2'),
      row(8, 'BG-003', 'negative', 31.5, '2021-06-10', null),
    ]);
    expect(triples(out.issues)).toEqual([[10, 'testDate', 'FUTURE']]);
    expect(out.total).toBe(4); // blank and separator-only lines are not data rows
  });

  it('picks the delimiter the header uses most, outside quotes', async () => {
    const out = await parseLabFile(csv([
      '"Mã ống, mẫu, cũ, khác, lưu";Kết quả;Ngày xét nghiệm;Mã ống', // 4 commas, all quoted; 3 semicolons
      'x;neg;10/06/2021;BG-001',
    ]), { today: TODAY });
    expect(out.rows).toEqual([row(2, 'BG-001', 'negative', null, '2021-06-10', null)]);
  });

  it('reads 22,000 rows (a busy day) in one file', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 22_000; i++) lines.push(`BG${String(i).padStart(8, '0')},${i % 40 ? 'Âm tính' : 'Dương tính'},${i % 40 ? '' : '"28,1"'},05/06/2021`);
    const out = await parseLabFile(csv(lines), { today: TODAY });
    expect(out.total).toBe(22_000);
    expect(out.rows).toHaveLength(22_000);
    expect(out.issues).toEqual([]);
    expect(out.rows[21_999]).toEqual(row(22_001, 'BG00021999', 'negative', null, '2021-06-05', null));
    expect(out.rows.filter((r) => r.result === 'positive')).toHaveLength(550);
  });
});

describe('parseLabFile: XLSX', () => {
  it('reads a real date cell, text dates and number cells', async () => {
    const out = await parseLabFile(await xlsx([
      HEADER,
      ['BG-001', 'Âm tính', null, new Date(Date.UTC(2021, 5, 10)), 'CDC Bắc Giang'],
      ['BG-002', 'Dương tính', 24.5, '10/06/2021', 'CDC Bắc Giang'],
      [],
      ['BG-003', 'không xác định', '31,2', '2021-06-09', null],
      [12345, 'negative', null, '9/6/2021', null],
      ['BG-007', 'neg', null, 44357, null], // a date cell that lost its format: Excel day 44357
    ]), { today: TODAY });
    expect(out).toEqual({
      rows: [
        row(2, 'BG-001', 'negative', null, '2021-06-10', 'CDC Bắc Giang'),
        row(3, 'BG-002', 'positive', 24.5, '2021-06-10', 'CDC Bắc Giang'),
        row(5, 'BG-003', 'invalid', 31.2, '2021-06-09', null),
        row(6, '12345', 'negative', null, '2021-06-09', null),
        row(7, 'BG-007', 'negative', null, '2021-06-10', null),
      ],
      issues: [],
      total: 5,
    });
  });

  it('reports problems with the spreadsheet row number', async () => {
    const out = await parseLabFile(await xlsx([
      HEADER,
      ['BG-001', 'Âm tính', null, new Date(Date.UTC(2021, 6, 1)), null],
      ['BG-001', 'dương?', 60, '10/06/2021', null],
    ]), { today: TODAY });
    expect(out.rows).toEqual([]);
    expect(triples(out.issues)).toEqual([[2, 'testDate', 'FUTURE'], [3, 'result', 'INVALID'], [3, 'ct', 'RANGE'], [3, 'barcode', 'DUPLICATE']]);
    expect(out.issues[0]?.value).toBe('2021-07-01');
  });

  it('reads only the first worksheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('KQ').addRows([HEADER, ['BG-001', 'neg', null, '10/06/2021']]);
    wb.addWorksheet('Ghi chú').addRows([HEADER, ['BG-999', 'pos', null, '10/06/2021']]);
    const out = await parseLabFile(Buffer.from(await wb.xlsx.writeBuffer()), { today: TODAY });
    expect(out.rows.map((r) => r.barcode)).toEqual(['BG-001']);
  });
});

describe('parseLabFile: headers', () => {
  const variants: Array<[string, string[]]> = [
    ['Vietnamese aliases', ['Mã mẫu', 'Kết quả', 'Giá trị Ct', 'Ngày', 'Đơn vị xét nghiệm']],
    ['English names', ['Barcode', 'Result', 'Ct value', 'Test date', 'Lab']],
    ['other aliases, any case', ['TUBE', 'RESULT', 'ct', 'TEST DATE', 'lab']],
    ['"vi / en" names', ['Mã ống nghiệm / Barcode', 'Kết quả / Result', 'Giá trị Ct / Ct value', 'Ngày xét nghiệm / Test date', 'Phòng xét nghiệm / Lab']],
    ['names without accents', ['ma ong', 'ket qua', 'gia tri ct', 'ngay xet nghiem', 'phong xet nghiem']],
  ];
  it.each(variants)('accepts %s in CSV and XLSX alike, in any order', async (_name, names) => {
    // Columns reversed, so a reader that relied on the usual order would fail.
    const header = [...names].reverse();
    const values = ['CDC Bắc Giang', '10/06/2021', '22,5', 'dương tính', 'BG-001'];
    const expected = [row(2, 'BG-001', 'positive', 22.5, '2021-06-10', 'CDC Bắc Giang')];
    const fromCsv = await parseLabFile(csv([header.join(';'), values.join(';')]), { today: TODAY });
    const fromXlsx = await parseLabFile(await xlsx([header, values]), { today: TODAY });
    expect(fromCsv.rows).toEqual(expected);
    expect(fromXlsx.rows).toEqual(expected);
  });

  it('reads every result word of the contract', async () => {
    const words: Array<[string, LabRow['result']]> = [
      ['dương tính', 'positive'], ['Dương', 'positive'], ['duong tinh', 'positive'], ['Positive', 'positive'], ['POS', 'positive'], ['+', 'positive'],
      ['âm tính', 'negative'], ['Âm', 'negative'], ['negative', 'negative'], ['neg', 'negative'], ['-', 'negative'],
      ['không xác định', 'invalid'], ['invalid', 'invalid'], ['Inconclusive', 'invalid'], ['lỗi mẫu', 'invalid'],
    ];
    const out = await parseLabFile(csv(['Barcode;Result;Test date', ...words.map(([w], i) => `T-${i};${w};10/06/2021`)]), { today: TODAY });
    expect(out.issues).toEqual([]);
    expect(out.rows.map((r) => r.result)).toEqual(words.map(([, result]) => result));
  });
});

describe('parseLabFile: issues', () => {
  /** Ten good rows first, so the row under test is row 12 as in the contract's example. */
  const tenGood = Array.from({ length: 10 }, (_, i) => `OK-${i},neg,,10/06/2021`);
  const one = async (line: string) => {
    const out = await parseLabFile(csv(['Barcode,Result,Ct,Test date', ...tenGood, line]), { today: TODAY });
    expect(out.rows).toHaveLength(10); // the bad row is left out, the good ones kept
    return out.issues;
  };

  it('names the row and field in both languages', async () => {
    expect(await one('BG-012,dương?,,10/06/2021')).toEqual([{
      row: 12, field: 'result', code: 'INVALID', value: 'dương?',
      message: { vi: 'Dòng 12: kết quả "dương?" không hợp lệ', en: 'Row 12: result "dương?" is not valid' },
    }]);
  });

  it.each([
    ['a missing barcode', ',neg,,10/06/2021', 'barcode', 'REQUIRED', null],
    ['a missing result', 'BG-012,,,10/06/2021', 'result', 'REQUIRED', null],
    ['a missing test date', 'BG-012,neg,,', 'testDate', 'REQUIRED', null],
    ['a barcode with other characters', 'BG 012,neg,,10/06/2021', 'barcode', 'INVALID', 'BG 012'],
    ['a barcode of 2 characters', 'BG,neg,,10/06/2021', 'barcode', 'INVALID', 'BG'],
    ['a barcode of 41 characters', `${'B'.repeat(41)},neg,,10/06/2021`, 'barcode', 'INVALID', 'B'.repeat(41)],
    ['a barcode starting with a dash', '-BG012,neg,,10/06/2021', 'barcode', 'INVALID', '-BG012'],
    ['a Ct that is not a number', 'BG-012,pos,abc,10/06/2021', 'ct', 'INVALID', 'abc'],
    ['a Ct below 5', 'BG-012,pos,4.9,10/06/2021', 'ct', 'RANGE', '4.9'],
    ['a Ct above 50', 'BG-012,pos,"50,1",10/06/2021', 'ct', 'RANGE', '50,1'],
    ['a date that does not exist', 'BG-012,neg,,31/02/2021', 'testDate', 'INVALID_DATE', '31/02/2021'],
    ['a date in another format', 'BG-012,neg,,2021/06/10', 'testDate', 'INVALID_DATE', '2021/06/10'],
    ['a date after today', 'BG-012,neg,,01/07/2021', 'testDate', 'FUTURE', '01/07/2021'],
    ['a date before 2020', 'BG-012,neg,,31/12/2019', 'testDate', 'RANGE', '31/12/2019'],
  ])('reports %s', async (_what, line, field, code, value) => {
    const issues = await one(line);
    expect(issues.map((i) => ({ row: i.row, field: i.field, code: i.code, value: i.value }))).toEqual([{ row: 12, field, code, value }]);
    expect(issues[0]?.message.vi).toMatch(/^Dòng 12: /);
    expect(issues[0]?.message.en).toMatch(/^Row 12: /);
  });

  it('accepts the edges: Ct 5 and 50, 1 January 2020 and today', async () => {
    const out = await parseLabFile(csv(['Barcode,Result,Ct,Test date', 'A-1,pos,5,01/01/2020', 'A-2,pos,50,30/06/2021']), { today: TODAY });
    expect(out.issues).toEqual([]);
    expect(out.rows.map((r) => [r.ct, r.testDate])).toEqual([[5, '2020-01-01'], [50, '2021-06-30']]);
  });

  it('reports a barcode seen before on the later row, naming the first row', async () => {
    const out = await parseLabFile(csv([
      'Barcode,Result,Test date', 'BG-1,neg,10/06/2021', 'BG-2,neg,10/06/2021', 'bg-1 ,pos,10/06/2021', 'BG-1,neg,10/06/2021',
    ]), { today: TODAY });
    expect(out.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(out.issues).toEqual([4, 5].map((r) => ({
      row: r, field: 'barcode', code: 'DUPLICATE', value: 'BG-1',
      message: { vi: `Dòng ${r}: mã ống "BG-1" trùng với dòng 2`, en: `Row ${r}: barcode "BG-1" is already on row 2` },
    })));
  });

  it('reports several problems of one row together', async () => {
    expect(triples(await one('x,maybe,99,32/01/2021'))).toEqual([
      [12, 'barcode', 'INVALID'], [12, 'result', 'INVALID'], [12, 'ct', 'RANGE'], [12, 'testDate', 'INVALID_DATE'],
    ]);
  });

  it('cuts very long values in issues', async () => {
    const [issue] = await one(`${'X'.repeat(5000)},neg,,10/06/2021`);
    expect(issue?.value).toHaveLength(100);
    expect(issue?.message.en.length).toBeLessThan(250);
  });
});

describe('parseLabFile: refused files', () => {
  it('names the missing required columns', async () => {
    for (const data of [csv(['Mã ống,Ct,Ngày', 'BG-1,20,10/06/2021']), await xlsx([['Mã ống', 'Ct', 'Ngày'], ['BG-1', 20, '10/06/2021']])]) {
      const err = await refusal(data);
      expect(err.code).toBe('BAD_FILE');
      expect(err.status).toBe(400);
      expect(err.localised).toEqual({
        vi: 'Tệp không hợp lệ: thiếu cột "Kết quả" ở dòng tiêu đề',
        en: 'Invalid file: missing column(s) "Result" in the header row',
      });
    }
  });

  it('refuses an empty file and a file without data rows', async () => {
    const cases = [Buffer.alloc(0), csv(['Barcode,Result,Test date', '', ' , , ']), await xlsx([['Barcode', 'Result', 'Test date']])];
    const messages = await Promise.all(cases.map(async (data) => (await refusal(data)).localised.en));
    expect(messages).toEqual(['Invalid file: the file is empty', 'Invalid file: there are no data rows', 'Invalid file: there are no data rows']);
  });

  it(`refuses more than maxRows rows (default ${MAX_LAB_ROWS}) and accepts exactly maxRows`, async () => {
    const lines = ['Barcode,Result,Test date', ...Array.from({ length: 4 }, (_, i) => `BG-${i},neg,10/06/2021`)];
    const rows = [['Barcode', 'Result', 'Test date'], ...Array.from({ length: 4 }, (_, i) => [`BG-${i}`, 'neg', '10/06/2021'])];
    for (const data of [csv(lines), await xlsx(rows)]) {
      expect((await refusal(data, { maxRows: 3 })).localised.en).toBe('Invalid file: more than 3 rows; split the file');
      expect((await parseLabFile(data, { today: TODAY, maxRows: 4 })).total).toBe(4);
    }
  });

  it('refuses a file that is neither an .xlsx nor UTF-8 text', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Barcode,Result,Test date\n', 'utf16le')]);
    const windows1258 = Buffer.from([...Buffer.from('Barcode,Result,Test date\nBG-1,'), 0xc2, 0x6d, 0x20, 0x74, 0xed, 0x6e, 0x68, 0x0a]);
    const brokenZip = (await xlsx([['Barcode', 'Result', 'Test date'], ['BG-1', 'neg', '10/06/2021']])).subarray(0, 300);
    const messages = await Promise.all([utf16, windows1258, brokenZip].map(async (data) => {
      const err = await refusal(data);
      return `${err.code} ${err.localised.en}`;
    }));
    expect(messages).toEqual([
      'BAD_FILE Invalid file: it is neither an .xlsx nor a UTF-8 CSV; save it again as "CSV UTF-8" or "Excel Workbook (.xlsx)"',
      'BAD_FILE Invalid file: it is neither an .xlsx nor a UTF-8 CSV; save it again as "CSV UTF-8" or "Excel Workbook (.xlsx)"',
      'BAD_FILE Invalid file: cannot read it as an Excel (.xlsx) workbook',
    ]);
  });

  it('refuses a quote that is never closed, naming its line', async () => {
    const err = await refusal(csv(['Barcode,Result,Test date', 'BG-1,neg,10/06/2021', 'BG-2,"neg,10/06/2021', 'BG-3,neg,10/06/2021']));
    expect(err.localised.en).toBe('Invalid file: line 3: a double quote (") is opened and never closed');
  });

  it('insists on a calendar date for today', async () => {
    await expect(parseLabFile(csv(['Barcode,Result,Test date', 'BG-1,neg,10/06/2021']), { today: '30/06/2021' })).rejects.toThrow(RangeError);
  });
});

describe('labReportSheet', () => {
  it('lists every issue and neutralises formulas', async () => {
    const { issues } = await parseLabFile(csv([
      'Barcode,Result,Test date', "=cmd|' /C calc'!A0,neg,10/06/2021", 'BG-2,dương?,10/06/2021',
    ]), { today: TODAY });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await labReportSheet(issues) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values = ws?.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : r));
    expect(values).toEqual([
      ['Dòng / Row', 'Cột / Column', 'Giá trị / Value', 'Mã lỗi / Code', 'Lỗi / Error (vi)', 'Error (en)'],
      [2, 'Mã ống / Barcode', "'=cmd|' /C calc'!A0", 'INVALID',
        'Dòng 2: mã ống "=cmd|\' /C calc\'!A0" không hợp lệ (3–40 ký tự chữ, số, - _ ., bắt đầu bằng chữ hoặc số)',
        'Row 2: barcode "=cmd|\' /C calc\'!A0" is not valid (3–40 letters, digits, - _ ., starting with a letter or digit)'],
      [3, 'Kết quả / Result', 'dương?', 'INVALID', 'Dòng 3: kết quả "dương?" không hợp lệ', 'Row 3: result "dương?" is not valid'],
    ]);
    expect(ws?.getCell('C2').type).toBe(ExcelJS.ValueType.String);
  });

  it('writes a header-only sheet when there is nothing to report', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await labReportSheet([]) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]?.rowCount).toBe(1);
  });
});
