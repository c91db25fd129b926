/**
 * Issue 10, part 2 — no database: every export's workbook goes out through lib/xlsx workbookBuffer,
 * which must leave no cell a spreadsheet program would run as a formula; and the zip check of
 * lib/zip-guard.ts in front of every .xlsx import (exhaustive truncation of a real workbook, bombs).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachFirstSheetRow, neutraliseWorkbook, workbookBuffer } from '../../lib/xlsx.ts';
import { assertSoundXlsxArchive, streamingOrder } from '../../lib/zip-guard.ts';
import { AppError } from '../../server/errors.ts';
import { fuzzParams } from './harness.ts';
import { FORMULA_PAYLOADS, hostileText, zip, zipBomb } from './xlsx-gen.ts';

const RUNS = 300;
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const dangerous = (s: string) => /^[=+\-@\t\r]/.test(s) && !/^[+-]?\d*([.,]\d+)?$/.test(s);

async function reread(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const cells: ExcelJS.Cell[] = [];
  wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => { cells.push(c); })));
  return cells;
}

describe('workbookBuffer: exports never carry a formula from text', () => {
  it(`generated cell text (${RUNS} workbooks): nothing dangerous stays, everything else is unchanged`, async () => {
    const cell = fc.oneof(hostileText, fc.constantFrom(...FORMULA_PAYLOADS), fc.constantFrom('-', '+', '-12.5', '+84912345678', 'Nguyễn Văn An'));
    await fc.assert(fc.asyncProperty(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), async (rows) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Xuất');
      for (const r of rows) ws.addRow(r);
      const cells = await reread(await workbookBuffer(wb));
      const sent = rows.flat().filter((v) => v !== '');
      expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
      const got = cells.map((c) => String(c.value ?? ''));
      for (const g of got) expect(dangerous(g), JSON.stringify(g)).toBe(false);
      // Each cell is its text, or its text after one apostrophe when it was dangerous.
      expect(got.filter((g) => g !== '').length).toBe(sent.filter((v) => v.length > 0).length);
      // (XML turns a CR into a line feed on reading: compare with line breaks normalised.)
      const lf = (x: string) => x.replace(/\r\n?/g, '\n');
      // (ExcelJS's full reader also decodes Excel's _xHHHH_ escapes: such text is left out of this comparison.)
      // Characters a workbook cannot carry (XML's forbidden ones, DEL and the C1 controls) come out as U+FFFD.
      const xmlSafe = (x: string) => x.replace(NOT_XML, '\uFFFD');
      for (const v of sent.filter((x) => !/_x[0-9A-Fa-f]{4}_/.test(x)).map(xmlSafe)) expect(got.map(lf)).toContain(lf(dangerous(v) ? `'${v}` : v));
    }), fuzzParams(RUNS));
  });

  it('rich text and hyperlink cells are neutralised, formulas our code writes are kept, re-running changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Xuất');
    ws.getCell('A1').value = { richText: [{ text: '=cmd|', font: { bold: true } }, { text: "' /C calc'!A0" }] };
    ws.getCell('A2').value = { text: '@SUM(1)', hyperlink: 'http://example.org' };
    ws.getCell('A3').value = { formula: 'SUM(B1:B2)', result: 3 };
    ws.getCell('A4').value = "'=already";
    ws.mergeCells('B1:C1');
    ws.getCell('B1').value = '=1+1';
    neutraliseWorkbook(wb);
    neutraliseWorkbook(wb);
    const cells = await reread(await workbookBuffer(wb));
    const byAddress = new Map(cells.map((c) => [c.address, c]));
    expect((byAddress.get('A1')!.value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('')).toBe("'=cmd|' /C calc'!A0");
    expect((byAddress.get('A2')!.value as ExcelJS.CellHyperlinkValue).text).toBe("'@SUM(1)");
    expect(byAddress.get('A3')!.type).toBe(ExcelJS.ValueType.Formula);
    expect(byAddress.get('A4')!.value).toBe("'=already");
    expect(byAddress.get('B1')!.value).toBe("'=1+1");
  });

  it('a character the workbook cannot carry becomes U+FFFD instead of vanishing', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Xuất').addRow(['Lê\u007fVăn', 'Trần\u0085Thị', 'Phạm\u0001An', 'Bùi\u00a0Hà']);
    const got = (await reread(await workbookBuffer(wb))).map((c) => c.value);
    expect(got).toEqual(['Lê\uFFFDVăn', 'Trần\uFFFDThị', 'Phạm\uFFFDAn', 'Bùi\u00a0Hà']);
  });
});

describe('zip check in front of every .xlsx import', () => {
  const refused = async (data: Buffer) => {
    try {
      await assertSoundXlsxArchive(data);
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_FILE');
      return (err as AppError).localised.en;
    }
  };

  it('a real workbook passes; every truncation of it is refused', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Danh sách').addRows([['Họ và tên', 'Giới tính', 'Mã xã/phường'], ['Nguyễn Văn An', 'Nam', '07801']]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await refused(file)).toBeNull();
    let refusals = 0;
    for (let n = 0; n < file.length; n += 1) if (await refused(file.subarray(0, n))) refusals += 1;
    expect(refusals).toBe(file.length);
  });

  it('an entry hidden between the directory\'s entries, an unknown method, encryption and ZIP64 are refused', async () => {
    const a = { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') };
    const good = zip([a]);
    expect(await refused(good)).toBeNull();
    // The same archive with a second local entry spliced in front, not in the central directory.
    const hidden = zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>') }]);
    const localOnly = hidden.subarray(0, hidden.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])));
    const spliced = Buffer.concat([localOnly, good]);
    // The directory offsets now point after the spliced part: shifted, so refused as damaged.
    expect(await refused(spliced)).toMatch(/cannot read it as an Excel/);
    expect(await refused(zip([{ ...a, method: 12 }]))).toMatch(/unsupported compression/);
    const encrypted = Buffer.from(good);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(6) | 1, 6);
    expect(await refused(encrypted)).toMatch(/encrypted|cannot read it as an Excel/);
    expect(await refused(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]))).toMatch(/old Excel/);
  });

  it('zip bombs are refused on the inflated size, honest or lying headers', async () => {
    for (const [kind, lie] of [['rows', false], ['one-cell', true], ['shared-strings', false]] as const) {
      expect(await refused(zipBomb(kind, 256, { lieAboutSize: lie }))).toMatch(/inflates to more than/);
    }
  });

  it('the archive handed to the stream reader has the workbook, its relations, shared strings and styles first, every part unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Danh sách').addRows([['Họ và tên', 'Ngày'], ['Nguyễn Văn An', new Date(Date.UTC(2021, 4, 7))], ['Trần Thị Bình', 42]]);
    wb.addWorksheet('Khác').addRow(['x']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
    const archive = await assertSoundXlsxArchive(file);
    const names = archive.entries.map((e) => e.name);
    // ExcelJS, like Excel, writes the sheets before the shared strings: the case being fixed.
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/sharedStrings.xml'));
    const ordered = streamingOrder(file, archive, first);
    const again = await assertSoundXlsxArchive(ordered);
    expect(again.entries.map((e) => e.name)).toEqual([...first, ...names.filter((n) => !first.includes(n))]);
    // Same parts, same bytes (header, data and descriptor of each), only moved.
    const bytesOf = (data: Buffer, a: typeof archive) => new Map(a.entries.map((e) => [e.name, data.subarray(e.offset, e.end).toString('base64')]));
    expect(bytesOf(ordered, again)).toEqual(bytesOf(file, archive));
    expect(ordered.length).toBe(file.length);
    // Already in order: the same buffer back.
    expect(streamingOrder(ordered, again, first)).toBe(ordered);
    const cells = (await reread(ordered)).map((c) => c.value);
    expect(cells).toEqual((await reread(file)).map((c) => c.value));
  });

  it('the stream read gives every row and value, with shared strings or without them', async () => {
    for (const useSharedStrings of [true, false]) {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Danh sách').addRows([['Họ và tên', 'Ngày', 'Số'], ['Nguyễn Văn An', new Date(Date.UTC(2021, 4, 7)), 3], ['Trần Thị Bình', null, 4.5]]);
      const file = Buffer.from(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
      const rows: ExcelJS.CellValue[][] = [];
      await eachFirstSheetRow(file, (r) => { rows.push((r.values as ExcelJS.CellValue[]).slice(1)); });
      expect(rows, String(useSharedStrings)).toEqual([['Họ và tên', 'Ngày', 'Số'], ['Nguyễn Văn An', new Date(Date.UTC(2021, 4, 7)), 3], ['Trần Thị Bình', undefined, 4.5]]);
    }
  });
});
