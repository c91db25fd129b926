import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client.ts';
import { errorMessages, fill, isOpenRound, methodLabel, poolResultText, resultCounts, sampledPercent } from './testing-view.ts';

describe('method labels', () => {
  it('names single, pooled (with the pool size) and rapid tests in both languages', () => {
    expect(methodLabel('rt_pcr', null, 'vi')).toBe('RT-PCR đơn');
    expect(methodLabel('rt_pcr_pool', 5, 'vi')).toBe('RT-PCR gộp 5');
    expect(methodLabel('rt_pcr_pool', 10, 'vi')).toBe('RT-PCR gộp 10');
    expect(methodLabel('rt_pcr_pool', null, 'vi')).toBe('RT-PCR gộp');
    expect(methodLabel('rapid_antigen', null, 'vi')).toBe('Test nhanh kháng nguyên');
    expect(methodLabel('rt_pcr_pool', 10, 'en')).toBe('Pooled RT-PCR (10)');
    expect(methodLabel('lamp', null, 'en')).toBe('lamp');
  });

  it('fills placeholders as i18next does, leaving unknown ones', () => {
    expect(fill('{{a}} và {{ b }} {{c}}', { a: 1, b: 'x' })).toBe('1 và x {{c}}');
  });
});

describe('round counts', () => {
  it('counts 0 for a result the server left out', () => {
    expect(resultCounts({ negative: 12, pending: 3 })).toEqual({ negative: 12, positive: 0, invalid: 0, pending: 3 });
  });

  it('fills the bar to at most 100 %, one decimal', () => {
    expect(sampledPercent(1, 3)).toBe(33.3);
    expect(sampledPercent(12, 10)).toBe(100);
    expect(sampledPercent(0, 0)).toBe(0);
    expect(sampledPercent(2, 0)).toBe(100);
  });

  it('samples only in planned or ongoing rounds', () => {
    expect(isOpenRound('planned')).toBe(true);
    expect(isOpenRound('sampling')).toBe(true);
    expect(isOpenRound('done')).toBe(false);
    expect(isOpenRound('cancelled')).toBe(false);
  });
});

describe('pool results', () => {
  it('tells the suspicions cleared or the re-tests opened', () => {
    expect(poolResultText({ cleared: 5, retests: 0 }, 'vi')).toBe('Đã xoá nghi ngờ cho 5 người.');
    expect(poolResultText({ cleared: 0, retests: 10 }, 'vi')).toBe('Đã tạo 10 yêu cầu xét nghiệm lại.');
    expect(poolResultText({ cleared: 0, retests: 1200 }, 'en')).toBe('1,200 re-test requests created.');
    expect(poolResultText({ cleared: 0, retests: 0 }, 'vi')).toBe('Kết quả này đã được ghi trước đó: không thay đổi gì.');
  });
});

describe('messages of a failed row action', () => {
  const message = (vi: string, en: string) => ({ vi, en });

  it('lists every issue the server gave, in the UI language', () => {
    const error = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: message('Đã có đơn vị "CDC"', '"CDC" already exists'),
      details: {
        issues: [
          { field: 'name', code: 'DUPLICATE', message: message('Đã có đơn vị "CDC"', '"CDC" already exists') },
          { field: 'username', code: 'DUPLICATE', message: message('Tên đăng nhập đã có', 'The username is taken') },
        ],
      },
    });
    expect(errorMessages(error, 'vi')).toEqual(['Đã có đơn vị "CDC"', 'Tên đăng nhập đã có']);
    expect(errorMessages(error, 'en')).toEqual(['"CDC" already exists', 'The username is taken']);
  });

  it('gives the error itself when it lists no issues', () => {
    const conflict = new ApiError(409, { code: 'ALREADY_DECIDED', message: message('Đăng ký đã được xử lý', 'The registration was already decided') });
    expect(errorMessages(conflict, 'vi')).toEqual(['Đăng ký đã được xử lý']);
    expect(errorMessages(new Error('boom'), 'en')).toHaveLength(1);
  });
});
