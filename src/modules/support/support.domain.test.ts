import { describe, expect, it } from 'vitest';
import { ageOn, listTransition, NQ68_QD23, type PersonSupportInput, type SupportEpisode, supportLinesOf, supportRuleIssues, type SupportRuleVersion, supportVersionOn } from './support.domain.ts';

const V = [NQ68_QD23];
const ep = (over: Partial<SupportEpisode> & Pick<SupportEpisode, 'from' | 'to'>): SupportEpisode => ({
  key: 'quarantine_order:1', subject: 'f1', home: false, decision: { no: '12/QĐ-UBND', date: '2021-05-10' }, sourcePersonId: 9, ...over,
});
const input = (episodes: SupportEpisode[], over: Partial<PersonSupportInput> = {}): PersonSupportInput => ({
  dateOfBirth: '1990-01-01', episodes, claimedDays: new Set(), claimedBonusKeys: new Set(), hasPaymentDetails: true, period: { from: '2021-04-01', to: '2021-12-31' }, ...over,
});

describe('NQ68 amounts', () => {
  it('pays 80,000 a day, inclusive of both decision days', () => {
    const [l] = supportLinesOf(input([ep({ from: '2021-05-10', to: '2021-05-19' })]), V);
    expect(l).toMatchObject({ days: 10, daysAmount: 800_000, childBonus: 0, total: 800_000, firstDay: '2021-05-10', lastDay: '2021-05-19', missing: [] });
  });

  it('caps an F1 at 21 days and an F0 at 45', () => {
    const [f1] = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-31' })]), V);
    expect(f1).toMatchObject({ days: 21, daysAmount: 21 * 80_000, beyondCapDays: 10, lastDay: '2021-05-21' });
    const [f1At] = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-21' })]), V);
    expect(f1At).toMatchObject({ days: 21, beyondCapDays: 0 });
    const [f0] = supportLinesOf(input([ep({ key: 'covid_case:1', subject: 'f0', from: '2021-05-01', to: '2021-07-01', sourcePersonId: null })]), V);
    expect(f0).toMatchObject({ days: 45, daysAmount: 3_600_000, lastDay: '2021-06-14' });
  });

  it('counts the cap from the decision start even when the period starts later', () => {
    const [l] = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-31' })], { period: { from: '2021-05-15', to: '2021-05-31' } }), V);
    expect(l).toMatchObject({ days: 7, firstDay: '2021-05-15', lastDay: '2021-05-21' });
  });

  it('adds 1,000,000 for a child under 16 on the first day, once per person', () => {
    const child = (dob: string) => supportLinesOf(input([ep({ from: '2021-06-01', to: '2021-06-10' })], { dateOfBirth: dob }), V)[0]!;
    expect(child('2005-06-02')).toMatchObject({ child: true, childBonus: 1_000_000, total: 1_800_000 });
    expect(child('2005-06-01')).toMatchObject({ child: false, childBonus: 0, total: 800_000 });
    const two = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-05' }), ep({ key: 'covid_case:3', subject: 'f0', from: '2021-05-06', to: '2021-05-10' })], { dateOfBirth: '2015-01-01' }), V);
    expect(two.map((l) => l.childBonus)).toEqual([1_000_000, 0]);
    const paid = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-05' })], { dateOfBirth: '2015-01-01', claimedBonusKeys: new Set(['person']) }), V);
    expect(paid[0]!.childBonus).toBe(0);
    const perEpisode = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-05' }), ep({ key: 'covid_case:3', subject: 'f0', from: '2021-05-06', to: '2021-05-10' })], { dateOfBirth: '2015-01-01' }),
      [{ ...NQ68_QD23, childBonusOnce: 'episode' }]);
    expect(perEpisode.map((l) => l.childBonus)).toEqual([1_000_000, 1_000_000]);
  });

  it('never pays a day twice: overlapping episodes and days already claimed', () => {
    const lines = supportLinesOf(input([
      ep({ from: '2021-05-01', to: '2021-05-10' }),
      ep({ key: 'covid_case:2', subject: 'f0', from: '2021-05-08', to: '2021-05-12', sourcePersonId: null }),
    ], { claimedDays: new Set(['2021-05-01', '2021-05-02']) }), V);
    expect(lines.map((l) => [l.days, l.alreadyClaimedDays, l.overlapDays])).toEqual([[8, 2, 0], [2, 0, 3]]);
    const all = lines.flatMap((l) => l.payDays);
    expect(new Set(all).size).toBe(all.length);
  });

  it('lists what is missing', () => {
    const [l] = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-02', decision: null, sourcePersonId: null })], { hasPaymentDetails: false }), V);
    expect(l!.missing).toEqual(['no_decision', 'no_source_f0', 'no_payment_details']);
    const [f0] = supportLinesOf(input([ep({ subject: 'f0', from: '2021-05-01', to: '2021-05-02', sourcePersonId: null })]), V);
    expect(f0!.missing).toEqual([]);
  });

  it('pays nothing outside the versions, prices each day by its version, leaves F1 at home out', () => {
    expect(supportLinesOf(input([ep({ from: '2021-04-20', to: '2021-04-30' })]), V)[0]).toMatchObject({ days: 4, firstDay: '2021-04-27' });
    const later: SupportRuleVersion = { ...NQ68_QD23, code: 'tinh-2021-07', effectiveFrom: '2021-05-05', effectiveTo: null, dailyRate: 100_000, f1MaxDays: 14 };
    const [l] = supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-31' })]), [NQ68_QD23, later]);
    // Cap of the version at the start (21), 4 days at 80,000 then 17 at 100,000.
    expect(l).toMatchObject({ days: 21, daysAmount: 4 * 80_000 + 17 * 100_000, ruleCode: 'nq68-qd23' });
    expect(supportLinesOf(input([ep({ from: '2021-05-01', to: '2021-05-05', home: true })]), V)).toEqual([]);
    expect(supportVersionOn(V, '2022-01-01')).toBeNull();
  });
});

describe('helpers', () => {
  it('ages by birthday', () => {
    expect(ageOn('2005-06-02', '2021-06-01')).toBe(15);
    expect(ageOn('2005-06-01', '2021-06-01')).toBe(16);
  });
  it('moves a list only along the workflow', () => {
    expect(listTransition('prepared', 'submit')).toEqual({ to: 'submitted', step: 'prepare' });
    expect(listTransition('submitted', 'approve')).toBeNull();
    expect(listTransition('checked', 'approve')).toEqual({ to: 'approved', step: 'approve' });
    expect(listTransition('approved', 'return')).toBeNull();
    expect(listTransition('paid', 'pay')).toBeNull();
  });
  it('checks a version', () => {
    const { code: _c, document: _d, name: _n, effectiveFrom: _e, ...p } = NQ68_QD23;
    expect(supportRuleIssues(p, '2021-04-27')).toEqual([]);
    expect(supportRuleIssues({ ...p, f1MaxDays: 0, effectiveTo: '2021-01-01' }, '2021-04-27').map((i) => i.field)).toEqual(['f1MaxDays', 'effectiveTo']);
  });
});
