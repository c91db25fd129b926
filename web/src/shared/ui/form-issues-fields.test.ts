import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { sameNames, showIssuesOnFields } from './form-issues.tsx';

const m = (vi: string) => ({ vi, en: `${vi} (en)` });

function stubForm() {
  const set: Array<{ name: unknown; errors?: string[] }> = [];
  return { set, form: { setFields: (fields: Array<{ name: unknown; errors?: string[] }>) => set.push(...fields) } };
}

describe('server issues on form fields', () => {
  const fields = sameNames(['date', 'temperature'] as const);

  it('puts 400 issues under their fields and returns the ones no field shows', () => {
    const { set, form } = stubForm();
    const error = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      message: m('Sai'),
      details: {
        issues: [
          { field: 'temperature', code: 'RANGE', message: m('Nhiệt độ 48 °C không hợp lệ') },
          { field: 'date', code: 'FUTURE', message: m('Ngày ở tương lai') },
          { field: 'orderId', code: 'X', message: m('Khác') },
        ],
      },
    });
    const unplaced = showIssuesOnFields(form, fields, error, 'vi');
    expect(set).toEqual([
      { name: 'temperature', errors: ['Nhiệt độ 48 °C không hợp lệ'] },
      { name: 'date', errors: ['Ngày ở tương lai'] },
    ]);
    expect(unplaced?.map((i) => i.field)).toEqual(['orderId']);
  });

  it("shows a 409 naming a field (DUPLICATE_CHECK) under it, in the UI language", () => {
    const { set, form } = stubForm();
    const error = new ApiError(409, { code: 'DUPLICATE_CHECK', message: m('Đã có kết quả'), field: 'date' });
    expect(showIssuesOnFields(form, fields, error, 'en')).toEqual([]);
    expect(set).toEqual([{ name: 'date', errors: ['Đã có kết quả (en)'] }]);
  });

  it('leaves an error naming no field to the caller', () => {
    const { set, form } = stubForm();
    expect(showIssuesOnFields(form, fields, new ApiError(409, { code: 'TASK_DONE', message: m('Đã xử lý') }), 'vi')).toBeNull();
    expect(showIssuesOnFields(form, fields, new Error('boom'), 'vi')).toBeNull();
    expect(set).toEqual([]);
  });
});
