import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../api/issues.ts';
import { placeIssues } from './form-issues.tsx';

const issue = (field: string, vi: string, en = ''): FieldIssue => ({ field, code: 'X', message: { vi, en } });

describe('server issues on a form', () => {
  it('groups messages under the fields that show them, in the UI language, and keeps the rest apart', () => {
    const issues = [issue('phone', 'Sai số', 'Bad number'), issue('phone', 'Quá dài'), issue('householdId', 'Không có')];
    const fieldOf = (f: string) => (f === 'phone' || f === 'nationalId' ? f : undefined);
    expect(placeIssues(issues, fieldOf, 'en')).toEqual({
      fields: [{ name: 'phone', errors: ['Bad number', 'Quá dài'] }],
      unplaced: [issues[2]],
    });
    // A server name mapped onto another form field.
    expect(placeIssues([issue('scopeOrgId', 'Thiếu')], (f) => (f === 'scopeOrgId' ? 'orgId' : undefined), 'vi').fields).toEqual([
      { name: 'orgId', errors: ['Thiếu'] },
    ]);
  });
});
