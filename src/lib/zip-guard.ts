/**
 * The check an uploaded .xlsx passes before ExcelJS's stream reader sees it (issue 10, fuzzing).
 * That reader trusts the zip: a truncated or damaged archive can leave it waiting forever (the
 * request never answered), and a small file whose sheet inflates to gigabytes is parsed to the end
 * — or, when the sheet comes before the shared strings, written to a temporary file first.
 *
 * So the archive is read here the way a careful unzipper would: the central directory at the end,
 * every local entry in file order exactly where the directory says (no hidden entries between
 * them, nothing left over), only stored or deflated entries, no encryption, and every entry
 * inflated (on the thread pool, output capped) with its length and CRC-32 compared with the
 * directory. The total inflated size has a ceiling far above any real import (a 50,000-row
 * register is about 25 MB of XML). Anything else is refused as BAD_FILE with the reason.
 */
import { crc32, inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import { Errors } from '../server/errors.ts';

const inflate = promisify(inflateRaw) as (buf: Buffer, opts: { maxOutputLength: number }) => Promise<Buffer>;

/** Ceiling of the inflated size of all entries together. */
export const MAX_INFLATED_BYTES = 128 * 1024 * 1024;
const MAX_ENTRIES = 5_000;

const refuse = (vi: string, en: string) => Errors.badFile({ vi, en });
/** A damaged or truncated archive: the words ExcelJS's own failure has always been answered with. */
const damaged = () => refuse('không đọc được tệp Excel (.xlsx)', 'cannot read it as an Excel (.xlsx) workbook');

interface Entry {
  name: string; flags: number; method: number; crc: number; compressed: number; size: number; offset: number;
  /** Where the entry's central directory record starts and ends. */
  record: [number, number];
}

/** A checked archive: its entries and where its parts lie, for streamingOrder. */
export interface SoundArchive {
  /** In file order; `end` is where the local record (header, data, descriptor) ends. */
  entries: Array<Entry & { end: number }>;
  /** Start of the end-of-central-directory record. */
  eocd: number;
}

function centralDirectory(data: Buffer): { entries: Entry[]; start: number; eocd: number } {
  // The end-of-central-directory record: the last 22 bytes, or earlier by a comment of up to 65,535 bytes.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd === -1) throw damaged();
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const start = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || start === 0xffffffff) throw refuse('tệp .xlsx dạng ZIP64 không được hỗ trợ', 'ZIP64 .xlsx files are not supported');
  if (count > MAX_ENTRIES) throw refuse(`tệp có quá ${MAX_ENTRIES} thành phần`, `the file has more than ${MAX_ENTRIES} parts`);
  if (start + size > eocd) throw damaged();
  const entries: Entry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || data.readUInt32LE(p) !== 0x02014b50) throw damaged();
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    const e: Entry = {
      flags: data.readUInt16LE(p + 8), method: data.readUInt16LE(p + 10), crc: data.readUInt32LE(p + 16),
      compressed: data.readUInt32LE(p + 20), size: data.readUInt32LE(p + 24), offset: data.readUInt32LE(p + 42),
      name: data.toString('utf8', p + 46, p + 46 + nameLength),
      record: [p, p + 46 + nameLength + extraLength + commentLength],
    };
    if (e.compressed === 0xffffffff || e.size === 0xffffffff || e.offset === 0xffffffff) throw refuse('tệp .xlsx dạng ZIP64 không được hỗ trợ', 'ZIP64 .xlsx files are not supported');
    entries.push(e);
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (p !== start + size) throw damaged();
  return { entries, start, eocd };
}

/**
 * Refuses (BAD_FILE) an archive that is not a clean, complete zip of stored or deflated entries
 * whose inflated total stays under MAX_INFLATED_BYTES. Never reads more than the ceiling.
 */
export async function assertSoundXlsxArchive(data: Buffer, maxInflated = MAX_INFLATED_BYTES): Promise<SoundArchive> {
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0) {
    throw refuse('đây là tệp Excel cũ (.xls) hoặc tệp có mật khẩu; hãy lưu lại dạng "Excel Workbook (.xlsx)" không đặt mật khẩu',
      'this is an old Excel (.xls) or a password-protected file; save it as "Excel Workbook (.xlsx)" without a password');
  }
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) throw refuse('không đọc được tệp Excel (.xlsx)', 'cannot read it as an Excel (.xlsx) workbook');
  const { entries, start, eocd } = centralDirectory(data);
  const inOrder = [...entries].sort((a, b) => a.offset - b.offset);
  const checked: SoundArchive['entries'] = [];
  let expected = 0;
  let budget = maxInflated;
  for (const e of inOrder) {
    // Every local entry starts where the previous one ended: nothing hidden from the directory.
    if (e.offset !== expected || e.offset + 30 > start || data.readUInt32LE(e.offset) !== 0x04034b50) throw damaged();
    const flags = data.readUInt16LE(e.offset + 6);
    const method = data.readUInt16LE(e.offset + 8);
    const nameLength = data.readUInt16LE(e.offset + 26);
    const extraLength = data.readUInt16LE(e.offset + 28);
    if (flags & 0x0041 || e.flags & 0x0041) throw refuse('tệp .xlsx được mã hoá (có mật khẩu); hãy bỏ mật khẩu rồi gửi lại', 'the .xlsx file is encrypted; remove the password and resend it');
    if (method !== e.method || (flags & 0x0008) !== (e.flags & 0x0008)) throw damaged();
    if (method !== 0 && method !== 8) throw refuse(`thành phần "${e.name.slice(0, 80)}" nén theo cách không hỗ trợ`, `part "${e.name.slice(0, 80)}" uses an unsupported compression`);
    if (!(flags & 0x0008) && (data.readUInt32LE(e.offset + 18) !== e.compressed || data.readUInt32LE(e.offset + 22) !== e.size || data.readUInt32LE(e.offset + 14) !== e.crc)) throw damaged();
    const begin = e.offset + 30 + nameLength + extraLength;
    let end = begin + e.compressed;
    if (end > start) throw damaged();
    if (flags & 0x0008) {
      // Data descriptor: optional signature, then CRC and the two sizes.
      const d = end + 16 <= start && data.readUInt32LE(end) === 0x08074b50 ? end + 4 : end;
      if (d + 12 > start || data.readUInt32LE(d) !== e.crc || data.readUInt32LE(d + 4) !== e.compressed || data.readUInt32LE(d + 8) !== e.size) throw damaged();
      end = d + 12;
    }
    if (e.size > budget) throw tooBig();
    const raw = data.subarray(begin, begin + e.compressed);
    let out: Buffer;
    if (method === 0) out = raw;
    else {
      try {
        out = await inflate(raw, { maxOutputLength: budget + 1 });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw damaged();
      }
    }
    if (out.length > budget) throw tooBig();
    if (out.length !== e.size || crc32(out) !== e.crc) throw damaged();
    budget -= out.length;
    expected = end;
    checked.push({ ...e, end });
  }
  if (expected !== start) throw damaged();
  return { entries: checked, eocd };
}

/**
 * The same archive with the parts named in `first` moved to the front, in that order (the others
 * keep theirs), local records and central directory rewritten to match; entries' bytes are copied
 * as they are. ExcelJS's stream reader needs the workbook, its relations and the shared strings
 * before a worksheet: otherwise it parks the sheet in a temporary file, and on a busy machine
 * about one read in 500 then loses the parts that follow it (seen as "cannot read" on a sound file).
 */
export function streamingOrder(data: Buffer, archive: SoundArchive, first: readonly string[]): Buffer {
  const rank = (name: string) => { const i = first.indexOf(name); return i === -1 ? first.length : i; };
  const order = archive.entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.name) - rank(b.e.name) || a.i - b.i).map((x) => x.e);
  if (order.every((e, i) => e === archive.entries[i])) return data;
  const parts: Buffer[] = [];
  const offsets = new Map<Entry, number>();
  let at = 0;
  for (const e of order) {
    offsets.set(e, at);
    parts.push(data.subarray(e.offset, e.end));
    at += e.end - e.offset;
  }
  const directory = at;
  for (const e of order) {
    const record = Buffer.from(data.subarray(e.record[0], e.record[1]));
    record.writeUInt32LE(offsets.get(e)!, 42);
    parts.push(record);
  }
  const eocd = Buffer.from(data.subarray(archive.eocd));
  eocd.writeUInt32LE(directory, 16);
  parts.push(eocd);
  return Buffer.concat(parts);
}

const tooBig = () => refuse(
  `nội dung giải nén vượt quá ${Math.round(MAX_INFLATED_BYTES / 1024 / 1024)} MB (tệp bất thường hoặc quá lớn); hãy chia nhỏ tệp`,
  `its content inflates to more than ${Math.round(MAX_INFLATED_BYTES / 1024 / 1024)} MB (an abnormal or too large file); split the file`,
);
