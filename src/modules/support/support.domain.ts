/**
 * NQ68 / QĐ 23 support for F0 and F1 (tiền ăn and the child bonus). Pure: the caller gives the
 * person, their episodes (a treatment or isolation of an F0, a quarantine of an F1), the days and
 * bonuses already claimed by payment lists, and the rule versions.
 *
 * Readings where the texts leave room (each a rule-version field, so a province can change it):
 * - a child is under `childUnderAge` (16: "trẻ em (người dưới 16 tuổi)", Luật Trẻ em) on the
 *   first day of the episode;
 * - the child bonus is paid once per person (`childBonusOnce: 'person'`; 'episode' pays it once
 *   per episode);
 * - the cap counts calendar days from the decision's first day, whether paid or not; the cap and
 *   bonus are those of the version in force on that first day, each day is paid at the rate of
 *   the version in force that day (none in force: not paid);
 * - an F1 at home is not covered unless the version says so (NQ68 pays centralized quarantine).
 */
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';
import { dayNumber, isoDay } from '../../lib/time.ts';

export interface SupportRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  /** Last day covered, inclusive; null: until a newer version. */
  effectiveTo: string | null;
  dailyRate: number;
  f0MaxDays: number;
  f1MaxDays: number;
  childBonus: number;
  childUnderAge: number;
  childBonusOnce: 'person' | 'episode';
  f1HomeEligible: boolean;
}

/** Nghị quyết 68/NQ-CP (01/7/2021) and Quyết định 23/2021/QĐ-TTg: support from 27/4/2021 to 31/12/2021. */
export const NQ68_QD23: SupportRuleVersion = {
  code: 'nq68-qd23',
  document: 'NQ 68/NQ-CP; QĐ 23/2021/QĐ-TTg',
  name: { vi: 'Hỗ trợ tiền ăn F0, F1 và trẻ em (NQ 68, QĐ 23)', en: 'Meal support for F0, F1 and children (Resolution 68, Decision 23)' },
  effectiveFrom: '2021-04-27',
  effectiveTo: '2021-12-31',
  dailyRate: 80_000,
  f0MaxDays: 45,
  f1MaxDays: 21,
  childBonus: 1_000_000,
  childUnderAge: 16,
  childBonusOnce: 'person',
  f1HomeEligible: false,
};
export const SUPPORT_RULE_VERSIONS: readonly SupportRuleVersion[] = [NQ68_QD23];

/** The version in force on a day: the latest started, unless its own end has passed. */
export function supportVersionOn(versions: readonly SupportRuleVersion[], day: string): SupportRuleVersion | null {
  let best: SupportRuleVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= day && (!best || v.effectiveFrom >= best.effectiveFrom)) best = v;
  if (!best || (best.effectiveTo !== null && day > best.effectiveTo)) return null;
  return best;
}

/** Whole years of age on a day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

export type MissingItem = 'no_decision' | 'no_source_f0' | 'no_payment_details';
export const MISSING_ITEMS: readonly MissingItem[] = ['no_decision', 'no_source_f0', 'no_payment_details'];

export interface SupportEpisode {
  /** 'quarantine_order:12' or 'covid_case:7'. */
  key: string;
  subject: 'f0' | 'f1';
  from: string;
  /** Last day, inclusive (the day it ended, or the as-of day while in force). */
  to: string;
  home: boolean;
  decision: { no: string; date: string } | null;
  sourcePersonId: number | null;
}

export interface EpisodeLine {
  key: string;
  subject: 'f0' | 'f1';
  from: string;
  to: string;
  /** The days to pay now, ascending. */
  payDays: string[];
  days: number;
  firstDay: string | null;
  lastDay: string | null;
  dailyRate: number;
  daysAmount: number;
  childBonus: number;
  bonusKey: string | null;
  total: number;
  ruleCode: string;
  alreadyClaimedDays: number;
  overlapDays: number;
  beyondCapDays: number;
  child: boolean;
  missing: MissingItem[];
}

export interface PersonSupportInput {
  dateOfBirth: string | null;
  episodes: readonly SupportEpisode[];
  /** Days already in a payment list that was not returned. */
  claimedDays: ReadonlySet<string>;
  claimedBonusKeys: ReadonlySet<string>;
  hasPaymentDetails: boolean;
  period: { from: string; to: string };
}

const subjectOrder = (s: 'f0' | 'f1') => (s === 'f0' ? 0 : 1);

/**
 * The lines of one person for a period: each episode's capped days inside the period, minus days
 * already claimed and days an earlier episode of this person takes (overlaps are paid once), at
 * the rate of each day's version; the child bonus where unclaimed. Episodes no version covers and
 * F1s at home (unless covered) give no line.
 */
export function supportLinesOf(p: PersonSupportInput, versions: readonly SupportRuleVersion[]): EpisodeLine[] {
  const taken = new Set<string>();
  const bonusTaken = new Set(p.claimedBonusKeys);
  const lines: EpisodeLine[] = [];
  const sorted = [...p.episodes].sort((a, b) => a.from.localeCompare(b.from) || subjectOrder(a.subject) - subjectOrder(b.subject) || a.key.localeCompare(b.key));
  const periodFrom = dayNumber(p.period.from);
  const periodTo = dayNumber(p.period.to);
  for (const e of sorted) {
    const start = dayNumber(e.from);
    const end = dayNumber(e.to);
    if (end < start) continue;
    let capVersion: SupportRuleVersion | null = null;
    for (let d = start; d <= end && !capVersion; d++) capVersion = supportVersionOn(versions, isoDay(d));
    if (!capVersion) continue;
    if (e.subject === 'f1' && e.home && !capVersion.f1HomeEligible) continue;
    const cap = e.subject === 'f0' ? capVersion.f0MaxDays : capVersion.f1MaxDays;
    const payDays: string[] = [];
    let daysAmount = 0; let alreadyClaimedDays = 0; let overlapDays = 0; let beyondCapDays = 0;
    for (let d = Math.max(start, periodFrom); d <= Math.min(end, periodTo); d++) {
      if (d - start >= cap) { beyondCapDays++; continue; }
      const day = isoDay(d);
      const v = supportVersionOn(versions, day);
      if (!v) continue;
      if (p.claimedDays.has(day)) { alreadyClaimedDays++; continue; }
      if (taken.has(day)) { overlapDays++; continue; }
      taken.add(day);
      payDays.push(day);
      daysAmount += v.dailyRate;
    }
    if (start > periodTo || end < periodFrom) continue;
    const child = p.dateOfBirth !== null && ageOn(p.dateOfBirth, e.from) < capVersion.childUnderAge;
    const bonusKey = capVersion.childBonusOnce === 'person' ? 'person' : `episode:${e.key}`;
    const childBonus = child && !bonusTaken.has(bonusKey) ? capVersion.childBonus : 0;
    if (childBonus) bonusTaken.add(bonusKey);
    const missing: MissingItem[] = [];
    if (!e.decision) missing.push('no_decision');
    if (e.subject === 'f1' && e.sourcePersonId === null) missing.push('no_source_f0');
    if (!p.hasPaymentDetails) missing.push('no_payment_details');
    lines.push({
      key: e.key, subject: e.subject, from: e.from, to: e.to, payDays, days: payDays.length, firstDay: payDays[0] ?? null, lastDay: payDays.at(-1) ?? null,
      dailyRate: capVersion.dailyRate, daysAmount, childBonus, bonusKey: childBonus ? bonusKey : null, total: daysAmount + childBonus, ruleCode: capVersion.code,
      alreadyClaimedDays, overlapDays, beyondCapDays, child, missing,
    });
  }
  return lines;
}

// ---- workflow

export type ListStatus = 'prepared' | 'submitted' | 'checked' | 'approved' | 'paid' | 'returned';
export type ListAction = 'submit' | 'check' | 'approve' | 'pay' | 'return';
export type ListStep = 'prepare' | 'check' | 'approve';

/** Which step (permission) takes an action from a status, and where it goes; null: not allowed. */
export function listTransition(status: ListStatus, action: ListAction): { to: ListStatus; step: ListStep } | null {
  switch (action) {
    case 'submit': return status === 'prepared' ? { to: 'submitted', step: 'prepare' } : null;
    case 'check': return status === 'submitted' ? { to: 'checked', step: 'check' } : null;
    case 'approve': return status === 'checked' ? { to: 'approved', step: 'approve' } : null;
    case 'pay': return status === 'approved' ? { to: 'paid', step: 'prepare' } : null;
    case 'return':
      // The commune withdraws its own list before it is submitted; the district returns what it checks, the province what it approves.
      if (status === 'prepared') return { to: 'returned', step: 'prepare' };
      if (status === 'submitted') return { to: 'returned', step: 'check' };
      if (status === 'checked') return { to: 'returned', step: 'approve' };
      return null;
  }
}

// ---- rule versions a province adds

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

export type SupportRuleParams = Omit<SupportRuleVersion, 'code' | 'document' | 'name' | 'effectiveFrom'>;

/** The parameter checks of a support version (the header is checked by the rules registry). */
export function supportRuleIssues(p: SupportRuleParams, effectiveFrom: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!whole(p.dailyRate, 1, 10_000_000)) issues.push(issue('dailyRate', 'RANGE', 'Mức hỗ trợ/ngày từ 1 đến 10.000.000 đồng', 'The daily rate is 1 to 10,000,000 VND'));
  if (!whole(p.f0MaxDays, 1, 366)) issues.push(issue('f0MaxDays', 'RANGE', 'Số ngày tối đa của F0 từ 1 đến 366', 'F0 days are 1 to 366'));
  if (!whole(p.f1MaxDays, 1, 366)) issues.push(issue('f1MaxDays', 'RANGE', 'Số ngày tối đa của F1 từ 1 đến 366', 'F1 days are 1 to 366'));
  if (!whole(p.childBonus, 0, 100_000_000)) issues.push(issue('childBonus', 'RANGE', 'Hỗ trợ trẻ em từ 0 đến 100.000.000 đồng', 'The child bonus is 0 to 100,000,000 VND'));
  if (!whole(p.childUnderAge, 1, 18)) issues.push(issue('childUnderAge', 'RANGE', 'Tuổi trẻ em (dưới) từ 1 đến 18', 'The child age limit is 1 to 18'));
  if (p.effectiveTo !== null && p.effectiveTo < effectiveFrom) issues.push(issue('effectiveTo', 'ORDER', 'Ngày hết hiệu lực trước ngày hiệu lực', 'The end is before the start'));
  return issues;
}
