/**
 * Who in a commune is eligible for NQ68 support in a period, for how many days, how much, and
 * what is missing: the F0s' treatment episodes (one per case) and isolation orders, the F1s'
 * quarantine orders (read through the quarantine and treatment services), the decisions recorded
 * here, bank details, and the days and bonuses other lists already claim.
 */
import type { Db } from '../../db/database.ts';
import type { SupportEpisodeKind } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { foldVietnamese } from '../../lib/vn-text.ts';
import { Errors } from '../../server/errors.ts';
import { SupportErrors } from './support.errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, assertAreaInScope, assertPermission, maskedFieldsFor } from '../auth/policy.ts';
import { lookupUnit } from '../places/places.service.ts';
import { ordersForSupport } from '../quarantine/quarantine.service.ts';
import { supportRuleVersions } from '../rules/rules.service.ts';
import { treatmentEpisodesForSupport } from '../treatment/treatment.service.ts';
import { type EpisodeLine, type MissingItem, type SupportEpisode, supportLinesOf } from './support.domain.ts';
import * as repo from './support.repository.ts';

export interface CommuneArea { province_code: string; district_code: string; commune_code: string }

/** The commune's area codes, or 404; 403 unless the actor's area covers it. */
export async function communeArea(db: Db, actor: Actor, communeCode: string): Promise<CommuneArea> {
  const unit = await lookupUnit(db, communeCode);
  if (!unit || unit.level !== 'commune' || unit.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `xã ${communeCode}`, en: `commune ${communeCode}` });
  const area = { province_code: unit.province_code, district_code: unit.district_code ?? unit.parent_code ?? '', commune_code: unit.code };
  assertAreaInScope(actor, area);
  return area;
}

export interface PersonLine extends EpisodeLine {
  personId: number;
  fullName: string;
  dateOfBirth: string | null;
  nationalId: string | null;
  address: string | null;
  episodeKind: SupportEpisodeKind;
  episodeId: number;
  decision: { no: string; date: string; issuedBy: string | null } | null;
  sourcePersonId: number | null;
  payment: { method: 'bank' | 'cash'; bankName: string | null; accountNo: string | null; holderName: string | null } | null;
}

/** Every line of the commune for the period (not paged), computed on `db` — a transaction when a list is being prepared. */
export async function communeLines(db: Db, provinceCode: string, communeCode: string, period: { from: string; to: string }, today: string): Promise<PersonLine[]> {
  const f = { communeCode, from: period.from, to: period.to, asOf: today };
  const [orders, treatments, versions] = await Promise.all([ordersForSupport(db, provinceCode, f), treatmentEpisodesForSupport(db, provinceCode, f), supportRuleVersions(db, provinceCode)]);
  const personIds = [...new Set([...orders.map((o) => o.personId), ...treatments.map((t) => t.personId)])];
  const [people, qDecisions, cDecisions, accounts, days, bonuses] = await Promise.all([
    repo.peopleByIds(db, provinceCode, personIds),
    repo.decisionsFor(db, provinceCode, 'quarantine_order', orders.map((o) => o.id)),
    repo.decisionsFor(db, provinceCode, 'covid_case', treatments.map((t) => t.caseId)),
    repo.bankAccountsOf(db, personIds), repo.claimedDaysOf(db, personIds), repo.claimedBonusesOf(db, personIds),
  ]);
  const decisionOf = new Map<string, (typeof qDecisions)[number]>([...qDecisions.map((d) => [`quarantine_order:${d.episode_id}`, d] as const), ...cDecisions.map((d) => [`covid_case:${d.episode_id}`, d] as const)]);
  const accountOf = new Map(accounts.map((a) => [a.person_id, a]));
  const daysOf = new Map<number, Set<string>>();
  for (const d of days) { let s = daysOf.get(d.person_id); if (!s) daysOf.set(d.person_id, (s = new Set())); s.add(d.day); }
  const bonusesOf = new Map<number, Set<string>>();
  for (const b of bonuses) { let s = bonusesOf.get(b.person_id); if (!s) bonusesOf.set(b.person_id, (s = new Set())); s.add(b.bonus_key); }
  const episodesOf = new Map<number, Array<SupportEpisode & { episodeKind: SupportEpisodeKind; episodeId: number }>>();
  const add = (personId: number, e: SupportEpisode & { episodeKind: SupportEpisodeKind; episodeId: number }) => {
    const d = decisionOf.get(e.key);
    e.decision = d ? { no: d.decision_no, date: d.decision_date } : null;
    let list = episodesOf.get(personId);
    if (!list) episodesOf.set(personId, (list = []));
    list.push(e);
  };
  for (const o of orders) {
    add(o.personId, { key: `quarantine_order:${o.id}`, episodeKind: 'quarantine_order', episodeId: o.id, subject: o.subject, from: o.from, to: o.to, home: o.home, decision: null, sourcePersonId: o.sourcePersonId });
  }
  for (const t of treatments) {
    add(t.personId, { key: `covid_case:${t.caseId}`, episodeKind: 'covid_case', episodeId: t.caseId, subject: 'f0', from: t.from, to: t.to, home: false, decision: null, sourcePersonId: null });
  }
  const out: PersonLine[] = [];
  for (const p of people) {
    const episodes = episodesOf.get(p.id) ?? [];
    const account = accountOf.get(p.id);
    const lines = supportLinesOf({
      dateOfBirth: p.date_of_birth, episodes, claimedDays: daysOf.get(p.id) ?? new Set(), claimedBonusKeys: bonusesOf.get(p.id) ?? new Set(),
      hasPaymentDetails: !!account, period,
    }, versions);
    const byKey = new Map(episodes.map((e) => [e.key, e]));
    for (const l of lines) {
      const e = byKey.get(l.key)!;
      const d = decisionOf.get(l.key);
      out.push({
        ...l, personId: p.id, fullName: p.full_name, dateOfBirth: p.date_of_birth, nationalId: p.national_id, address: p.address_detail,
        episodeKind: e.episodeKind, episodeId: e.episodeId, decision: d ? { no: d.decision_no, date: d.decision_date, issuedBy: d.issued_by } : null,
        sourcePersonId: e.sourcePersonId,
        payment: account ? { method: account.method, bankName: account.bank_name, accountNo: account.account_no, holderName: account.holder_name } : null,
      });
    }
  }
  return out.sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi') || a.from.localeCompare(b.from) || a.key.localeCompare(b.key));
}

/** A line is ready to pay when nothing is missing and it pays something. */
export const payable = (l: EpisodeLine) => l.missing.length === 0 && l.total > 0;

export interface EligibilityQuery {
  communeCode: string; from: string; to: string;
  show?: 'all' | 'complete' | 'incomplete' | undefined;
  missing?: MissingItem | undefined;
  subject?: 'f0' | 'f1' | undefined;
  q?: string | undefined;
  page: number; pageSize: number;
}

export function maskLine<T extends { dateOfBirth: string | null; nationalId: string | null; address: string | null }>(l: T, actor: Actor): T {
  const masked = maskedFieldsFor(actor);
  return {
    ...l,
    dateOfBirth: masked.includes('dateOfBirth') && l.dateOfBirth ? l.dateOfBirth.slice(0, 4) : l.dateOfBirth,
    nationalId: masked.includes('nationalId') && l.nationalId ? `••••${l.nationalId.slice(-3)}` : l.nationalId,
    address: masked.includes('addressDetail') && l.address ? '••••' : l.address,
  };
}

export function presentLine(l: PersonLine, actor: Actor) {
  const { payDays: _days, ...rest } = maskLine(l, actor);
  return rest;
}

export async function eligibility(db: Db, actor: Actor, q: EligibilityQuery, today = vnDate()) {
  assertPermission(actor, 'support:read');
  if (q.from > q.to) throw SupportErrors.badPeriod();
  await communeArea(db, actor, q.communeCode);
  const all = await communeLines(db, actor.provinceCode, q.communeCode, q, today);
  const needle = q.q?.trim() ? foldVietnamese(q.q.trim()) : null;
  const items = all.filter((l) => (q.show === 'complete' ? payable(l) : q.show === 'incomplete' ? !payable(l) : true)
    && (!q.missing || l.missing.includes(q.missing)) && (!q.subject || l.subject === q.subject)
    && (!needle || foldVietnamese(l.fullName).includes(needle) || (l.nationalId ?? '').includes(needle)));
  const summary = {
    lines: all.length, complete: all.filter(payable).length, people: new Set(all.map((l) => l.personId)).size,
    days: all.reduce((s, l) => s + l.days, 0), amount: all.filter(payable).reduce((s, l) => s + l.total, 0),
    missing: Object.fromEntries((['no_decision', 'no_source_f0', 'no_payment_details'] as const).map((m) => [m, all.filter((l) => l.missing.includes(m)).length])) as Record<MissingItem, number>,
  };
  const page = items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  await recordAudit(db, actor, { action: 'list', recordKind: 'support_eligibility', recordId: q.communeCode, detail: { from: q.from, to: q.to, people: page.map((l) => l.personId) } });
  return { total: items.length, page: q.page, pageSize: q.pageSize, items: page.map((l) => presentLine(l, actor)), summary };
}
