/**
 * Who may work today (issue 7), as a dated rule version of the rules registry (context
 * 'work_status'), and the checklist an enterprise follows when one of its workers becomes F0.
 *
 * The built-in version follows the seeds' Bắc Giang pilot of 2021 (digest
 * `../shared/docs/domain.md`, "Enterprises"): F0 are isolated or treated; F1 under a quarantine
 * order stay out, except that the pilot let low-risk, fully vaccinated F1 keep working in an
 * enterprise operating "3 tại chỗ" (work, eat and rest on site); F2 kept working with repeated
 * tests; an enterprise with an F0 locks the workshop, traces by workshop+shift, bus and boarding
 * house, screens the workshop and disinfects. What the pilot did not fix (a worker waiting for a
 * result, days after the last dose) is configuration with a cautious default. Pure: no I/O.
 */
import type { FieldIssue, LocalisedMessage } from '../../server/errors.ts';
import { addDays } from '../../lib/time.ts';

export interface ChecklistItem { key: string; label: LocalisedMessage }

export interface WorkStatusRuleVersion {
  code: string;
  document: string;
  name: LocalisedMessage;
  effectiveFrom: string;
  /** Low-risk F1 with full vaccination may keep working ("3 tại chỗ"). */
  f1LowRiskVaccinatedMayWork: boolean;
  /** ... only while the enterprise's operating status is "3 tại chỗ" (on_site). */
  f1OnlyWhenOnSite: boolean;
  /** Days after the last dose before full vaccination counts. */
  daysAfterLastDose: number;
  f2MayWork: boolean;
  /** The F2's screening interval shown in the note (days); null: no note. */
  f2TestEveryDays: number | null;
  awaitingTestMayWork: boolean;
  /** The F0 view's default window: cases confirmed in the last N days (open ones always). */
  f0WindowDays: number;
  checklist: ChecklistItem[];
}

const item = (key: string, vi: string, en: string): ChecklistItem => ({ key, label: { vi, en } });

/** The response the digest names for an enterprise with an F0, and the pilot's follow-ups. */
export const DEFAULT_CHECKLIST: readonly ChecklistItem[] = [
  item('lock_workshop', 'Khoá/phong toả phân xưởng có F0', 'Lock down the F0\'s workshop'),
  item('screen_workshop', 'Xét nghiệm sàng lọc toàn bộ phân xưởng', 'Screen the whole workshop'),
  item('disinfect', 'Phun khử khuẩn phân xưởng, nhà ăn, khu vực chung', 'Disinfect the workshop, canteen and shared areas'),
  item('trace_contacts', 'Lập danh sách F1, F2 theo phân xưởng, ca, xe đưa đón, nhà trọ', 'List F1 and F2 by workshop+shift, bus and boarding house'),
  item('check_bus', 'Rà soát xe đưa đón và lái xe', 'Review the company bus and its driver'),
  item('notify_lodging', 'Thông báo nhà trọ, ký túc xá và xã/phường nơi F0 ở', 'Notify the boarding house, dormitory and commune where the F0 lives'),
  item('report_health', 'Báo cáo Trung tâm Y tế/CDC và Ban Quản lý KCN', 'Report to the health centre/CDC and the park board'),
];

export const BAC_GIANG_PILOT: WorkStatusRuleVersion = {
  code: 'bg-2021-3tc',
  document: 'Thí điểm Bắc Giang 2021 (tài liệu gốc; xem docs/domain.md)',
  name: { vi: 'Đi làm khi có F0/F1/F2 – thí điểm "3 tại chỗ" Bắc Giang 2021', en: 'Working with F0/F1/F2 contacts – Bắc Giang "3 on site" pilot, 2021' },
  effectiveFrom: '2021-05-01',
  f1LowRiskVaccinatedMayWork: true,
  f1OnlyWhenOnSite: true,
  daysAfterLastDose: 14,
  f2MayWork: true,
  f2TestEveryDays: 3,
  awaitingTestMayWork: false,
  f0WindowDays: 14,
  checklist: DEFAULT_CHECKLIST.map((c) => ({ ...c, label: { ...c.label } })),
};

export const WORK_STATUS_RULE_VERSIONS: readonly WorkStatusRuleVersion[] = [BAC_GIANG_PILOT];

/** The version in force on a day: the latest effective on or before it (else the earliest). */
export function workRuleFor(versions: readonly WorkStatusRuleVersion[], day: string): WorkStatusRuleVersion {
  let best: WorkStatusRuleVersion | null = null;
  for (const v of versions) if (v.effectiveFrom <= day && (!best || v.effectiveFrom >= best.effectiveFrom)) best = v;
  return best ?? versions[0]!;
}

export type WorkReason = 'case' | 'f1' | 'f1_on_site' | 'f2' | 'awaiting_test' | 'enterprise_suspended' | 'none';

export interface WorkFacts {
  openCaseSince: string | null;
  f1Since: string | null;
  f1RiskGroup: 'high' | 'medium' | 'low' | null;
  f2Since: string | null;
  awaitingTestSince: string | null;
  vaccination: { doses: number; lastDoseDate: string; fullyVaccinated: boolean } | null;
  enterpriseStatus: 'operating' | 'partial' | 'suspended' | 'on_site';
}

export interface WorkStatus { mayWork: boolean; reason: WorkReason; since: string | null; note: LocalisedMessage; ruleCode: string }

const msg = (vi: string, en: string): LocalisedMessage => ({ vi, en });

/** Fully vaccinated on the day: the register says so and the last dose is old enough. */
export function vaccinatedOn(v: WorkFacts['vaccination'], days: number, today: string): boolean {
  return !!v && v.fullyVaccinated && addDays(v.lastDoseDate, days) <= today;
}

/** The rule applied to one worker's facts, most serious first. */
export function workStatus(rule: WorkStatusRuleVersion, f: WorkFacts, today: string): WorkStatus {
  const out = (mayWork: boolean, reason: WorkReason, since: string | null, note: LocalisedMessage): WorkStatus => ({ mayWork, reason, since, note, ruleCode: rule.code });
  if (f.openCaseSince) return out(false, 'case', f.openCaseSince, msg('F0: cách ly/điều trị', 'F0: isolated or in treatment'));
  if (f.f1Since) {
    const vaccinated = vaccinatedOn(f.vaccination, rule.daysAfterLastDose, today);
    if (rule.f1LowRiskVaccinatedMayWork && f.f1RiskGroup === 'low' && vaccinated) {
      if (!rule.f1OnlyWhenOnSite || f.enterpriseStatus === 'on_site') {
        return out(true, 'f1_on_site', f.f1Since, msg('F1 nguy cơ thấp, đã tiêm đủ: làm việc theo phương án "3 tại chỗ"', 'Low-risk, fully vaccinated F1: works under the "3 on site" plan'));
      }
      return out(false, 'f1', f.f1Since, msg('F1 nguy cơ thấp, đã tiêm đủ: chỉ đi làm khi doanh nghiệp thực hiện "3 tại chỗ"', 'Low-risk, fully vaccinated F1: works only while the enterprise runs "3 on site"'));
    }
    return out(false, 'f1', f.f1Since, msg('F1 đang cách ly', 'F1 in quarantine'));
  }
  if (f.enterpriseStatus === 'suspended') return out(false, 'enterprise_suspended', null, msg('Doanh nghiệp tạm dừng hoạt động', 'The enterprise is suspended'));
  if (f.awaitingTestSince && !rule.awaitingTestMayWork) return out(false, 'awaiting_test', f.awaitingTestSince, msg('Chờ kết quả xét nghiệm', 'Awaiting a test result'));
  if (f.f2Since) {
    if (!rule.f2MayWork) return out(false, 'f2', f.f2Since, msg('F2: theo dõi tại nhà', 'F2: monitored at home'));
    const every = rule.f2TestEveryDays;
    return out(true, 'f2', f.f2Since, every
      ? msg(`F2: được đi làm, xét nghiệm ${every} ngày/lần`, `F2: may work, tested every ${every} days`)
      : msg('F2: được đi làm', 'F2: may work'));
  }
  if (f.awaitingTestSince) return out(true, 'awaiting_test', f.awaitingTestSince, msg('Chờ kết quả xét nghiệm: được đi làm theo quy định', 'Awaiting a test result: may work under the rule'));
  return out(true, 'none', null, msg('Được đi làm', 'May work'));
}

export interface WorkRuleInput {
  code: string; document: string; name: LocalisedMessage; effectiveFrom: string;
  f1LowRiskVaccinatedMayWork: boolean; f1OnlyWhenOnSite?: boolean | undefined; daysAfterLastDose?: number | undefined;
  f2MayWork: boolean; f2TestEveryDays?: number | null | undefined; awaitingTestMayWork: boolean; f0WindowDays?: number | undefined;
  checklist?: ChecklistItem[] | undefined;
}

const issue = (field: string, code: string, vi: string, en: string): FieldIssue => ({ field, code, message: { vi, en } });

/** The parts of a province's version the rules header does not check. */
export function workRuleIssues(input: WorkRuleInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const whole = (n: number | null | undefined, min: number, max: number) => n == null || (Number.isInteger(n) && n >= min && n <= max);
  if (!whole(input.daysAfterLastDose, 0, 180)) issues.push(issue('daysAfterLastDose', 'RANGE', 'Số ngày sau mũi cuối từ 0 đến 180', 'Days after the last dose must be 0 to 180'));
  if (!whole(input.f2TestEveryDays, 1, 14)) issues.push(issue('f2TestEveryDays', 'RANGE', 'Chu kỳ xét nghiệm F2 từ 1 đến 14 ngày', 'The F2 test interval is 1 to 14 days'));
  if (!whole(input.f0WindowDays, 1, 60)) issues.push(issue('f0WindowDays', 'RANGE', 'Số ngày theo dõi F0 từ 1 đến 60', 'The F0 window is 1 to 60 days'));
  const keys = new Set<string>();
  for (const [i, c] of (input.checklist ?? []).entries()) {
    if (!/^[a-z0-9_]{1,40}$/.test(c.key)) issues.push(issue(`checklist/${i}/key`, 'INVALID', 'Mã mục gồm chữ thường, số, gạch dưới', 'An item key is lower-case letters, digits and underscores'));
    else if (keys.has(c.key)) issues.push(issue(`checklist/${i}/key`, 'DUPLICATE', `Mã mục "${c.key}" lặp lại`, `Item key "${c.key}" is repeated`));
    keys.add(c.key);
    if (!c.label.vi.trim() || !c.label.en.trim()) issues.push(issue(`checklist/${i}/label`, 'REQUIRED', 'Ghi nội dung mục bằng tiếng Việt và tiếng Anh', 'Word the item in Vietnamese and English'));
  }
  if (input.checklist && input.checklist.length === 0) issues.push(issue('checklist', 'REQUIRED', 'Danh sách việc cần ít nhất một mục', 'The checklist needs at least one item'));
  return issues;
}

/** A validated input as the version to store, left-out settings taken from the pilot. */
export function workRuleVersion(input: WorkRuleInput): WorkStatusRuleVersion {
  const d = BAC_GIANG_PILOT;
  return {
    code: input.code, document: input.document.trim(), name: { vi: input.name.vi.trim(), en: input.name.en.trim() }, effectiveFrom: input.effectiveFrom,
    f1LowRiskVaccinatedMayWork: input.f1LowRiskVaccinatedMayWork, f1OnlyWhenOnSite: input.f1OnlyWhenOnSite ?? d.f1OnlyWhenOnSite,
    daysAfterLastDose: input.daysAfterLastDose ?? d.daysAfterLastDose, f2MayWork: input.f2MayWork,
    f2TestEveryDays: input.f2TestEveryDays === undefined ? d.f2TestEveryDays : input.f2TestEveryDays,
    awaitingTestMayWork: input.awaitingTestMayWork, f0WindowDays: input.f0WindowDays ?? d.f0WindowDays,
    checklist: (input.checklist ?? d.checklist).map((c) => ({ key: c.key, label: { vi: c.label.vi.trim(), en: c.label.en.trim() } })),
  };
}

/** Done / total of a checklist given the ticked keys. */
export function checklistProgress(items: readonly ChecklistItem[], done: ReadonlySet<string>): { done: number; total: number } {
  return { done: items.filter((i) => done.has(i.key)).length, total: items.length };
}
