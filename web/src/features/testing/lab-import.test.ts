import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse, CSV_MIME, importSummary, issuesTruncated, labContentType, reportImportId, XLSX_MIME } from './lab-import.ts';
import type { LabImportResult } from './testing-api.ts';

const result = (patch: Partial<LabImportResult>): LabImportResult => ({
  importId: 8,
  duplicateOf: null,
  status: 'applied',
  total: 0,
  applied: 0,
  unchanged: 0,
  rejected: 0,
  cleared: 0,
  retests: 0,
  caseIds: [],
  issues: [],
  ...patch,
});

const issue = { row: 3, field: 'barcode', code: 'UNKNOWN_BARCODE', value: 'X1', message: { vi: 'Dòng 3: sai', en: 'Row 3: wrong' } };

describe('the lab file sent', () => {
  it('is sent as CSV or XLSX by its name, nothing else', () => {
    expect(labContentType('ket-qua.csv')).toBe(CSV_MIME);
    expect(labContentType('KET-QUA.CSV')).toBe(CSV_MIME);
    expect(labContentType('ket qua 02.08.xlsx')).toBe(XLSX_MIME);
    expect(labContentType('ket-qua.xls')).toBeNull();
    expect(labContentType('csv')).toBeNull();
    expect(labContentType('ket-qua.csv.pdf')).toBeNull();
  });
});

describe('the summary of an import', () => {
  it('says a file imported before changed nothing', () => {
    expect(importSummary(result({ duplicateOf: 5, importId: 5, total: 40, unchanged: 40 }), 'vi')).toEqual({
      kind: 'duplicate',
      type: 'info',
      text: 'Tệp này đã được nhập trước đó: không thay đổi gì.',
    });
  });

  it('says how many rows have errors when nothing was imported', () => {
    expect(importSummary(result({ status: 'rejected', total: 100, rejected: 3, issues: [issue] }), 'vi')).toEqual({
      kind: 'rejected',
      type: 'error',
      text: 'Không nhập dòng nào: 3 dòng có lỗi.',
    });
  });

  it('counts what an import did, leaving out what did not happen', () => {
    const s = importSummary(result({ total: 1200, applied: 1190, unchanged: 10, cleared: 1150, retests: 35, caseIds: [4, 9] }), 'vi');
    expect(s.kind).toBe('applied');
    expect(s.type).toBe('success');
    expect(s.text).toBe('Đã nhập 1.190 / 1.200 dòng · 10 dòng đã có kết quả · xoá nghi ngờ cho 1.150 người · tạo 35 yêu cầu xét nghiệm lại · xác định 2 ca bệnh');
    expect(importSummary(result({ total: 2, applied: 2 }), 'en').text).toBe('2 / 2 rows imported');
  });

  it('counts the rows skipped row by row', () => {
    const s = importSummary(result({ total: 10, applied: 8, rejected: 2, issues: [issue] }), 'en');
    expect(s.type).toBe('success');
    expect(s.text).toBe('8 / 10 rows imported · 2 rows with errors skipped');
  });

  it('offers the error report of a recorded import with issues only', () => {
    expect(reportImportId(result({ issues: [issue] }))).toBe(8);
    expect(reportImportId(result({ issues: [] }))).toBeNull();
    expect(reportImportId(result({ importId: null, issues: [issue] }))).toBeNull();
    expect(issuesTruncated({ issues: Array.from({ length: 500 }, () => issue) })).toBe(true);
    expect(issuesTruncated({ issues: [issue] })).toBe(false);
  });
});

describe('a failed upload', () => {
  it("reads the server's error body", () => {
    const e = apiErrorFromResponse(400, JSON.stringify({ error: { code: 'BAD_FILE', message: { vi: 'Tệp không hợp lệ: x', en: 'Invalid file: x' } } }));
    expect(e.status).toBe(400);
    expect(e.code).toBe('BAD_FILE');
    expect(e.text('vi')).toBe('Tệp không hợp lệ: x');
  });

  it('names a network failure and an answer that is not an error body', () => {
    expect(apiErrorFromResponse(0, '').code).toBe('NETWORK');
    const e = apiErrorFromResponse(502, '<html>Bad gateway</html>');
    expect(e.code).toBe('HTTP_502');
    expect(e.text('en')).toContain('HTTP 502');
  });
});
