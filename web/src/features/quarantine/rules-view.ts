/**
 * Pure helpers of the rules tab: the version in force on a day, terms as text, test days typed as
 * text, the bodies of the two POSTs and the form fields that show the server's issues.
 */
import type { FieldIssue } from '../../shared/api/issues.ts';
import type { F0ReleaseRuleBody, QuarantineRuleBody, RiskGroup, RuleTerms, ScreeningIntervals } from './quarantine-api.ts';

/** The server's pattern of a rule code: 3–40 lower-case letters, digits and hyphens. */
export const RULE_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{2,39}$/;
/** The server refuses versions effective before the first national rules. */
export const EARLIEST_EFFECTIVE_DATE = '2020-01-01';
/** What the server uses for a part of a quarantine version left out of the body. */
export const DEFAULT_SCREENING_INTERVALS: ScreeningIntervals = { high: 2, medium: 3, low: 4 };
export const DEFAULT_RETURNING_CITIZEN_TERMS: RuleTerms = { centralizedDays: 14, testDays: [1, 7, 14], homeMonitoringDays: 7 };

// ---- versions over time ----

/** By effective date, oldest first; versions of the same date keep the server's order. */
export function sortedByEffectiveDate<V extends { effectiveFrom: string }>(versions: readonly V[]): V[] {
  return [...versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
}

/**
 * The version in force on `date`: the latest effective on or before it; of two versions from the
 * same day the one the server lists later (a province's, added after the built-in ones), as the
 * server decides.
 */
export function versionInForce<V extends { effectiveFrom: string }>(versions: readonly V[], date: string): V | null {
  let found: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= date && (!found || v.effectiveFrom >= found.effectiveFrom)) found = v;
  }
  return found;
}

/** Where a version stands on a day: the one in force, one still to come, or one replaced. */
export type VersionState = 'in_force' | 'upcoming' | 'superseded';

export function versionState(v: { effectiveFrom: string }, inForce: object | null, today: string): VersionState {
  if (v === inForce) return 'in_force';
  return v.effectiveFrom > today ? 'upcoming' : 'superseded';
}

// ---- terms as text ----

/** Test days as typed and shown: ascending, comma-separated ("1, 14, 20"). */
export function testDaysText(days: readonly number[]): string {
  return [...days].sort((a, b) => a - b).join(', ');
}

/** The words of one line of terms, in the UI language. */
export interface TermsWords {
  stay: (days: number) => string;
  tests: (days: string) => string;
  home: (days: number) => string;
}

/** "21 ngày · XN ngày 1, 14, 20 · theo dõi tại nhà 7 ngày"; no home part without home monitoring. */
export function termsText(terms: RuleTerms, words: TermsWords): string {
  const parts = [words.stay(terms.centralizedDays)];
  if (terms.testDays.length > 0) parts.push(words.tests(testDaysText(terms.testDays)));
  if (terms.homeMonitoringDays > 0) parts.push(words.home(terms.homeMonitoringDays));
  return parts.join(' · ');
}

export function sameTerms(a: RuleTerms, b: RuleTerms): boolean {
  return a.centralizedDays === b.centralizedDays && a.homeMonitoringDays === b.homeMonitoringDays && testDaysText(a.testDays) === testDaysText(b.testDays);
}

// ---- test days typed as text ----

export type TestDaysError = 'empty' | 'not_a_day' | 'repeated';

export interface ParsedTestDays {
  /** Ascending; when there is an error, the days read before it. */
  days: number[];
  error: TestDaysError | null;
  /** The piece of text in error. */
  token?: string;
}

/** "1, 7, 14" (commas or semicolons) → [1, 7, 14]; a piece that is not a day number (≥ 1) or repeats one is an error. */
export function parseTestDays(text: string): ParsedTestDays {
  const tokens = text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (tokens.length === 0) return { days: [], error: 'empty' };
  const days: number[] = [];
  for (const token of tokens) {
    const n = /^\d{1,3}$/.test(token) ? Number(token) : 0;
    if (n < 1) return { days, error: 'not_a_day', token };
    if (days.includes(n)) return { days, error: 'repeated', token };
    days.push(n);
  }
  return { days: days.sort((a, b) => a - b), error: null };
}

// ---- the forms and their bodies ----

/** The header every version has, as the forms hold it (the date as 'YYYY-MM-DD'). */
export interface RuleHeaderDraft {
  code: string;
  document: string;
  nameVi: string;
  nameEn: string;
  effectiveFrom: string;
}

/** The quarantine form's groups of terms and the body key of each. */
export const TERMS_GROUPS = { f1: 'f1', vaccinated: 'f1VaccinatedOrRecovered', returning: 'returningCitizen' } as const;
export type TermsGroup = keyof typeof TERMS_GROUPS;
const TERMS_PARTS = { CentralizedDays: 'centralizedDays', TestDays: 'testDays', HomeMonitoringDays: 'homeMonitoringDays' } as const;
type TermsPart = keyof typeof TERMS_PARTS;
export type TermsField = `${TermsGroup}${TermsPart}`;

/** The form field of a group's part, e.g. termsField('vaccinated', 'TestDays') = 'vaccinatedTestDays'. */
export const termsField = (group: TermsGroup, part: TermsPart): TermsField => `${group}${part}`;

const SCREENING_FIELDS = { high: 'screeningHigh', medium: 'screeningMedium', low: 'screeningLow' } as const satisfies Record<RiskGroup, string>;
export type ScreeningField = (typeof SCREENING_FIELDS)[RiskGroup];
export const screeningField = (group: RiskGroup): ScreeningField => SCREENING_FIELDS[group];

/** The optional parts of a quarantine version: closed, the server's defaults apply. */
export interface RuleSections {
  ownVaccinated?: boolean;
  ownReturning?: boolean;
  ownScreening?: boolean;
}

/** The quarantine form's values: test days as typed; a closed section's fields are absent. */
export type QuarantineRuleDraft = RuleHeaderDraft &
  RuleSections &
  Partial<Record<`${TermsGroup}${'CentralizedDays' | 'HomeMonitoringDays'}`, number | null>> &
  Partial<Record<`${TermsGroup}TestDays`, string>> &
  Partial<Record<ScreeningField, number | null>>;

export interface F0ReleaseRuleDraft extends RuleHeaderDraft {
  daysWithNegativeRapidTest: number;
  daysWithoutTest: number;
  daysWithPersistentSymptoms: number;
}

function headerBody(d: RuleHeaderDraft) {
  return { code: d.code.trim(), document: d.document.trim(), name: { vi: d.nameVi.trim(), en: d.nameEn.trim() }, effectiveFrom: d.effectiveFrom };
}

// A missing number goes as NaN (JSON null), for the server to name the field, never as a silent 0.
const whole = (n: number | null | undefined) => n ?? Number.NaN;

function termsOf(d: QuarantineRuleDraft, group: TermsGroup): RuleTerms {
  return {
    centralizedDays: whole(d[`${group}CentralizedDays`]),
    testDays: parseTestDays(d[`${group}TestDays`] ?? '').days,
    homeMonitoringDays: whole(d[`${group}HomeMonitoringDays`]),
  };
}

/** POST /api/rules/quarantine: the F1 terms, and the optional parts only when their section is open. */
export function quarantineRuleBody(d: QuarantineRuleDraft): QuarantineRuleBody {
  const body: QuarantineRuleBody = { ...headerBody(d), f1: termsOf(d, 'f1') };
  if (d.ownVaccinated) body.f1VaccinatedOrRecovered = termsOf(d, 'vaccinated');
  if (d.ownReturning) body.returningCitizen = termsOf(d, 'returning');
  if (d.ownScreening) body.screeningIntervalDays = { high: whole(d.screeningHigh), medium: whole(d.screeningMedium), low: whole(d.screeningLow) };
  return body;
}

export function f0ReleaseRuleBody(d: F0ReleaseRuleDraft): F0ReleaseRuleBody {
  return {
    ...headerBody(d),
    daysWithNegativeRapidTest: d.daysWithNegativeRapidTest,
    daysWithoutTest: d.daysWithoutTest,
    daysWithPersistentSymptoms: d.daysWithPersistentSymptoms,
  };
}

// ---- where the server's issues show ----

const HEADER_FIELDS = ['code', 'document', 'nameVi', 'nameEn', 'effectiveFrom'] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

/**
 * The rules name fields 'f1/testDays'; the request schema names them 'f1.testDays' (and array items
 * 'f1.testDays.2'). Both become 'f1/testDays'.
 */
function pathOf(field: string): string {
  return field.replace(/\./g, '/').replace(/\/\d+$/, '');
}

function headerFieldOf(path: string): HeaderField | undefined {
  // One issue about both names ("in Vietnamese and English") shows under the first.
  if (path === 'name' || path === 'name/vi') return 'nameVi';
  if (path === 'name/en') return 'nameEn';
  return (HEADER_FIELDS as readonly string[]).includes(path) ? (path as HeaderField) : undefined;
}

export type QuarantineRuleField = HeaderField | TermsField | ScreeningField;

/**
 * The quarantine form field showing a server issue ('f1/testDays' → 'f1TestDays',
 * 'screeningIntervalDays/high' → 'screeningHigh'); none for a section left closed.
 */
export function quarantineRuleFieldOf(sections: RuleSections): (field: string) => QuarantineRuleField | undefined {
  const open: Record<TermsGroup, boolean> = { f1: true, vaccinated: !!sections.ownVaccinated, returning: !!sections.ownReturning };
  return (field) => {
    const path = pathOf(field);
    const header = headerFieldOf(path);
    if (header) return header;
    const [head, part] = path.split('/');
    if (head === 'screeningIntervalDays') {
      return sections.ownScreening && part && part in SCREENING_FIELDS ? SCREENING_FIELDS[part as RiskGroup] : undefined;
    }
    const group = (Object.keys(TERMS_GROUPS) as TermsGroup[]).find((g) => TERMS_GROUPS[g] === head);
    const termsPart = (Object.keys(TERMS_PARTS) as TermsPart[]).find((p) => TERMS_PARTS[p] === part);
    return group && termsPart && open[group] ? termsField(group, termsPart) : undefined;
  };
}

/**
 * With its section closed the server gives the vaccinated/recovered the F1 terms, so their issues
 * only repeat the F1 ones already under the F1 fields: not worth listing again.
 */
export function repeatsF1Issue(issue: Pick<FieldIssue, 'field'>, sections: RuleSections): boolean {
  return !sections.ownVaccinated && pathOf(issue.field).split('/')[0] === TERMS_GROUPS.vaccinated;
}

const F0_DAY_FIELDS = ['daysWithNegativeRapidTest', 'daysWithoutTest', 'daysWithPersistentSymptoms'] as const;
export type F0ReleaseRuleField = HeaderField | (typeof F0_DAY_FIELDS)[number];

/** The F0 form field showing a server issue (the order of the three days is checked on 'daysWithoutTest'). */
export function f0ReleaseRuleFieldOf(field: string): F0ReleaseRuleField | undefined {
  const path = pathOf(field);
  return headerFieldOf(path) ?? ((F0_DAY_FIELDS as readonly string[]).includes(path) ? (path as F0ReleaseRuleField) : undefined);
}
