import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client.ts';
import { barcodeAfterError, barcodeAfterRecord, fieldToFix, parsePersonId, poolOf, sampleProblem } from './sampling.ts';
import type { Pool } from './testing-api.ts';

const conflict = (code: string, field?: string) => new ApiError(409, { code, message: { vi: `vi ${code}`, en: `en ${code}` }, field });
const invalid = (issues: Array<{ field: string; code: string }>) =>
  new ApiError(400, {
    code: 'VALIDATION_FAILED',
    message: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' },
    details: { issues: issues.map((i) => ({ ...i, message: { vi: `${i.field} sai`, en: `${i.field} wrong` } })) },
  });

describe('the person id a scanner typed', () => {
  it('takes digits around spaces, nothing else', () => {
    expect(parsePersonId(' 4312 ')).toBe(4312);
    expect(parsePersonId('0')).toBeNull();
    expect(parsePersonId('12a')).toBeNull();
    expect(parsePersonId('1.5')).toBeNull();
    expect(parsePersonId('')).toBeNull();
    expect(parsePersonId('99999999999')).toBeNull();
  });
});

describe('the pool barcode kept between people', () => {
  it('keeps the pool barcode until the pool is full', () => {
    expect(barcodeAfterRecord(true, 'P-001', { members: 3, size: 5 })).toBe('P-001');
    expect(barcodeAfterRecord(true, 'P-001', { members: 5, size: 5 })).toBe('');
    // The round could not be read again: kept, the server refuses a full pool.
    expect(barcodeAfterRecord(true, 'P-001', undefined)).toBe('P-001');
  });

  it('never keeps a tube barcode: one tube, one person', () => {
    expect(barcodeAfterRecord(false, 'T-001', undefined)).toBe('');
  });

  it('drops the pool barcode when the pool cannot take anyone else, keeps it to be corrected otherwise', () => {
    expect(barcodeAfterError(true, 'P-001', conflict('POOL_FULL', 'barcode'))).toBe('');
    expect(barcodeAfterError(true, 'P-001', conflict('POOL_RESULTED', 'barcode'))).toBe('');
    expect(barcodeAfterError(true, 'P-001', conflict('ALREADY_SAMPLED', 'personId'))).toBe('P-001');
    expect(barcodeAfterError(false, 'T-001', conflict('BARCODE_TAKEN', 'barcode'))).toBe('T-001');
    expect(barcodeAfterError(true, 'P-001', new Error('network'))).toBe('P-001');
  });

  it('finds the pool of a recorded sample in the round read again', () => {
    const pool: Pool = { id: 4, barcode: 'P-001', size: 5, members: 2, takenOn: '2021-08-02', result: null, resultedOn: null, awaitingRetest: 0, status: 'open' };
    expect(poolOf({ pools: [pool] }, 4)).toBe(pool);
    expect(poolOf({ pools: [pool] }, null)).toBeUndefined();
    expect(poolOf(undefined, 4)).toBeUndefined();
  });
});

describe('a refused sample', () => {
  it('puts the cursor where the problem is', () => {
    expect(fieldToFix(conflict('POOL_FULL', 'barcode'))).toBe('barcode');
    expect(fieldToFix(conflict('ALREADY_SAMPLED', 'personId'))).toBe('personId');
    expect(fieldToFix(invalid([{ field: 'barcode', code: 'INVALID' }]))).toBe('barcode');
    expect(fieldToFix(invalid([{ field: 'personId', code: 'UNKNOWN_PERSON' }, { field: 'barcode', code: 'INVALID' }]))).toBe('personId');
    expect(fieldToFix(new Error('x'))).toBe('personId');
  });

  it("tells the server's message in the UI language, with what to do next when known", () => {
    expect(sampleProblem(conflict('POOL_FULL', 'barcode'), 'vi')).toEqual({ code: 'POOL_FULL', lines: ['vi POOL_FULL'], hint: 'Mẫu gộp đã đủ – dùng mã gộp mới' });
    expect(sampleProblem(conflict('ROUND_CLOSED'), 'en')).toEqual({ code: 'ROUND_CLOSED', lines: ['en ROUND_CLOSED'], hint: 'The round is closed – nothing more can be recorded' });
    expect(sampleProblem(conflict('SOMETHING_ELSE'), 'vi').hint).toBeNull();
  });

  it('lists every issue of a 400', () => {
    const p = sampleProblem(invalid([{ field: 'personId', code: 'UNKNOWN_PERSON' }, { field: 'barcode', code: 'INVALID' }]), 'vi');
    expect(p).toEqual({ code: 'VALIDATION_FAILED', lines: ['personId sai', 'barcode sai'], hint: null });
  });

  it('does not take an inherited name for a hint', () => {
    expect(sampleProblem(conflict('constructor'), 'vi').hint).toBeNull();
  });
});
