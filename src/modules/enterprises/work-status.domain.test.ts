import { describe, expect, it } from 'vitest';
import { BAC_GIANG_PILOT, checklistProgress, type WorkFacts, workRuleFor, workRuleIssues, workRuleVersion, workStatus } from './work-status.domain.ts';

const today = '2021-06-10';
const none: WorkFacts = { openCaseSince: null, f1Since: null, f1RiskGroup: null, f2Since: null, awaitingTestSince: null, vaccination: null, enterpriseStatus: 'operating' };
const full = { doses: 2, lastDoseDate: '2021-05-01', fullyVaccinated: true };
const rule = BAC_GIANG_PILOT;

describe('work status (Bắc Giang pilot)', () => {
  it('an open case may not work, even vaccinated at a "3 tại chỗ" enterprise', () => {
    const s = workStatus(rule, { ...none, openCaseSince: '2021-06-01', f1Since: '2021-05-28', f1RiskGroup: 'low', vaccination: full, enterpriseStatus: 'on_site' }, today);
    expect(s).toMatchObject({ mayWork: false, reason: 'case', since: '2021-06-01', ruleCode: 'bg-2021-3tc' });
  });

  it('a high-risk F1 may not work', () => {
    expect(workStatus(rule, { ...none, f1Since: '2021-06-05', f1RiskGroup: 'high', vaccination: full, enterpriseStatus: 'on_site' }, today)).toMatchObject({ mayWork: false, reason: 'f1' });
  });

  it('a low-risk fully vaccinated F1 works only under "3 tại chỗ"', () => {
    const f1 = { ...none, f1Since: '2021-06-05', f1RiskGroup: 'low' as const, vaccination: full };
    expect(workStatus(rule, { ...f1, enterpriseStatus: 'on_site' }, today)).toMatchObject({ mayWork: true, reason: 'f1_on_site' });
    expect(workStatus(rule, { ...f1, enterpriseStatus: 'operating' }, today)).toMatchObject({ mayWork: false, reason: 'f1' });
    expect(workStatus({ ...rule, f1OnlyWhenOnSite: false }, { ...f1, enterpriseStatus: 'operating' }, today)).toMatchObject({ mayWork: true, reason: 'f1_on_site' });
    expect(workStatus({ ...rule, f1LowRiskVaccinatedMayWork: false }, { ...f1, enterpriseStatus: 'on_site' }, today)).toMatchObject({ mayWork: false, reason: 'f1' });
  });

  it('a low-risk F1 not fully vaccinated, or vaccinated too recently, may not work', () => {
    const f1 = { ...none, f1Since: '2021-06-05', f1RiskGroup: 'low' as const, enterpriseStatus: 'on_site' as const };
    expect(workStatus(rule, { ...f1, vaccination: { doses: 1, lastDoseDate: '2021-05-01', fullyVaccinated: false } }, today).mayWork).toBe(false);
    expect(workStatus(rule, { ...f1, vaccination: null }, today).mayWork).toBe(false);
    // 14 days after the last dose: 2021-05-27 + 14 = 2021-06-10 counts, 2021-05-28 does not.
    expect(workStatus(rule, { ...f1, vaccination: { ...full, lastDoseDate: '2021-05-27' } }, today).mayWork).toBe(true);
    expect(workStatus(rule, { ...f1, vaccination: { ...full, lastDoseDate: '2021-05-28' } }, today).mayWork).toBe(false);
  });

  it('an F2 may work with a test note, or not when the rule says so', () => {
    const s = workStatus(rule, { ...none, f2Since: '2021-06-06' }, today);
    expect(s).toMatchObject({ mayWork: true, reason: 'f2', since: '2021-06-06' });
    expect(s.note.vi).toContain('3 ngày');
    expect(workStatus({ ...rule, f2TestEveryDays: null }, { ...none, f2Since: '2021-06-06' }, today).note.en).toBe('F2: may work');
    expect(workStatus({ ...rule, f2MayWork: false }, { ...none, f2Since: '2021-06-06' }, today)).toMatchObject({ mayWork: false, reason: 'f2' });
  });

  it('awaiting a result: configurable, and it outranks an F2 who may work', () => {
    const waiting = { ...none, awaitingTestSince: '2021-06-09', f2Since: '2021-06-06' };
    expect(workStatus(rule, waiting, today)).toMatchObject({ mayWork: false, reason: 'awaiting_test' });
    expect(workStatus({ ...rule, awaitingTestMayWork: true }, waiting, today)).toMatchObject({ mayWork: true, reason: 'f2' });
    expect(workStatus({ ...rule, awaitingTestMayWork: true }, { ...none, awaitingTestSince: '2021-06-09' }, today)).toMatchObject({ mayWork: true, reason: 'awaiting_test' });
  });

  it('a suspended enterprise: nobody works; otherwise a worker may', () => {
    expect(workStatus(rule, { ...none, enterpriseStatus: 'suspended' }, today)).toMatchObject({ mayWork: false, reason: 'enterprise_suspended' });
    expect(workStatus(rule, none, today)).toMatchObject({ mayWork: true, reason: 'none', since: null });
  });
});

describe('work status rule versions', () => {
  it('picks the version in force on the day', () => {
    const later = { ...rule, code: 'later', effectiveFrom: '2021-07-01' };
    expect(workRuleFor([rule, later], '2021-06-30').code).toBe(rule.code);
    expect(workRuleFor([rule, later], '2021-07-01').code).toBe('later');
  });

  it('validates a province version and fills what it leaves out from the pilot', () => {
    const input = { code: 'bg-x', document: 'CV 1', name: { vi: 'a', en: 'b' }, effectiveFrom: '2021-08-01', f1LowRiskVaccinatedMayWork: false, f2MayWork: true, awaitingTestMayWork: true };
    expect(workRuleIssues(input)).toEqual([]);
    const v = workRuleVersion(input);
    expect(v.checklist.map((c) => c.key)).toContain('lock_workshop');
    expect(v).toMatchObject({ f1OnlyWhenOnSite: true, daysAfterLastDose: 14, f2TestEveryDays: 3, f0WindowDays: 14 });
    const bad = workRuleIssues({ ...input, f2TestEveryDays: 0, checklist: [{ key: 'A', label: { vi: 'x', en: 'y' } }, { key: 'b', label: { vi: '', en: 'y' } }, { key: 'b', label: { vi: 'x', en: 'y' } }] });
    expect(bad.map((i) => `${i.field}:${i.code}`)).toEqual(['f2TestEveryDays:RANGE', 'checklist/0/key:INVALID', 'checklist/1/label:REQUIRED', 'checklist/2/key:DUPLICATE']);
  });

  it('counts checklist progress', () => {
    expect(checklistProgress(rule.checklist, new Set(['lock_workshop', 'disinfect', 'unknown']))).toEqual({ done: 2, total: rule.checklist.length });
  });
});
