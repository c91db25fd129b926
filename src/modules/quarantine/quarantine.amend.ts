/**
 * Amending an order in force: its source F0 and link, the rule version, the vaccinated/recovered
 * fact or the risk group. Every amendment needs a reason and is kept in the order's history and
 * the audit trail with the values before and after; dates are recomputed by the rules, never typed.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { EdgeKind, RiskGroup } from '../../db/schema.ts';
import { vnDate } from '../../lib/time.ts';
import { AppError, Errors, type FieldIssue, ValidationError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type Actor, areaInScope, assertPermission } from '../auth/policy.ts';
import { quarantinePlanFor, ruleVersionByCode, ruleVersionInForce } from './quarantine.rules.ts';
import { quarantineRuleVersions } from '../rules/rules.service.ts';
import * as repo from './quarantine.repository.ts';

export interface AmendInput {
  reason: string;
  source?: { personId: number; kind: EdgeKind; groupId: number | null; date: string } | undefined;
  ruleCode?: string | undefined;
  vaccinatedOrRecovered?: boolean | undefined;
  riskGroup?: RiskGroup | undefined;
}

export async function amendOrder(db: Db, actor: Actor, id: number, input: AmendInput) {
  assertPermission(actor, 'quarantine:write');
  // Read before the transaction: on the embedded engine a query outside it would wait for it.
  const versions = await quarantineRuleVersions(db, actor.provinceCode);
  return db.transaction().execute(async (trx) => {
    const o = await trx.selectFrom('quarantine_order as o').innerJoin('person as p', 'p.id', 'o.person_id')
      .select(['o.id', 'o.person_id', 'o.province_code', 'o.status', 'o.subject', 'o.kind', 'o.start_date', 'o.source_person_id', 'o.source_kind', 'o.source_group_id',
        'o.source_date', 'o.rule_code', 'o.vaccinated_or_recovered', 'o.risk_group', 'o.room_id', 'o.facility_id', 'p.district_code', 'p.commune_code'])
      .where('o.id', '=', id).forUpdate().executeTakeFirst();
    if (!o || o.province_code !== actor.provinceCode) throw Errors.notFound({ vi: `quyết định cách ly ${id}`, en: `quarantine order ${id}` });
    const inScope = actor.scopeKind === 'org' ? o.facility_id === actor.scopeOrgId : areaInScope(actor, { province_code: o.province_code, district_code: o.district_code, commune_code: o.commune_code });
    if (!inScope) throw Errors.outOfScope();
    if (o.status !== 'active') throw new AppError('NOT_ACTIVE', 409, { vi: 'Quyết định không còn hiệu lực', en: 'The order is no longer in force' });
    const issues: FieldIssue[] = [];
    const reason = input.reason.trim();
    if (!reason) issues.push({ field: 'reason', code: 'REQUIRED', message: { vi: 'Sửa quyết định cách ly cần nêu lý do', en: 'An amendment needs a reason' } });
    if (input.source) {
      const s = await repo.personArea(trx, input.source.personId);
      if (!s || s.province_code !== actor.provinceCode) issues.push({ field: 'source/personId', code: 'UNKNOWN_PERSON', message: { vi: `Không có người nguồn mã ${input.source.personId}`, en: `No source person ${input.source.personId}` } });
      if (input.source.personId === o.person_id) issues.push({ field: 'source/personId', code: 'SELF', message: { vi: 'Nguồn lây không thể là chính người này', en: 'A person cannot be their own source' } });
      if (input.source.date > o.start_date) issues.push({ field: 'source/date', code: 'ORDER', message: { vi: 'Ngày tiếp xúc sau ngày bắt đầu cách ly', en: 'The exposure date is after the start date' } });
    }
    const rule = input.ruleCode ? ruleVersionByCode(input.ruleCode, versions) : o.rule_code ? ruleVersionByCode(o.rule_code, versions) : null;
    if ((input.ruleCode || input.vaccinatedOrRecovered !== undefined) && (!o.subject || o.subject === 'case')) {
      issues.push({ field: 'ruleCode', code: 'NOT_APPLICABLE', message: { vi: 'Cách ly ca bệnh không theo quy định cách ly F1', en: 'A case\'s isolation does not follow the contact quarantine rules' } });
    }
    if (input.ruleCode && !rule) issues.push({ field: 'ruleCode', code: 'UNKNOWN', message: { vi: `Không có phiên bản quy định "${input.ruleCode}"`, en: `No rule version "${input.ruleCode}"` } });
    if (input.riskGroup && input.riskGroup !== o.risk_group && o.room_id) {
      const mates = await trx.selectFrom('quarantine_order').select('risk_group').where('room_id', '=', o.room_id).where('status', '=', 'active').where('id', '!=', o.id).execute();
      if (mates.some((m) => m.risk_group !== input.riskGroup)) {
        issues.push({ field: 'riskGroup', code: 'MIXED_RISK_ROOM', message: { vi: 'Phòng hiện tại có người nhóm nguy cơ khác: chuyển phòng trước', en: 'The room holds another risk group: transfer the person first' } });
      }
    }
    if (issues.length) throw new ValidationError(issues);

    const before = {
      source: o.source_person_id ? { personId: o.source_person_id, kind: o.source_kind, groupId: o.source_group_id, date: o.source_date } : null,
      ruleCode: o.rule_code, vaccinatedOrRecovered: o.vaccinated_or_recovered, riskGroup: o.risk_group,
    };
    const set: Record<string, unknown> = {};
    const events: Array<'source_changed' | 'rule_changed' | 'amended'> = [];
    if (input.source) {
      Object.assign(set, { source_person_id: input.source.personId, source_kind: input.source.kind, source_group_id: input.source.groupId, source_date: input.source.date });
      events.push('source_changed');
    }
    const vaccinated = input.vaccinatedOrRecovered ?? o.vaccinated_or_recovered;
    if ((input.ruleCode && input.ruleCode !== o.rule_code) || vaccinated !== o.vaccinated_or_recovered) {
      if (rule && o.subject && o.subject !== 'case') {
        const plan = quarantinePlanFor({ startDate: o.start_date, subject: o.subject, vaccinatedOrRecovered: vaccinated }, rule);
        const inForce = ruleVersionInForce(o.start_date, versions);
        Object.assign(set, {
          rule_code: rule.code, rule_overridden: !!inForce && inForce.code !== rule.code, last_day: plan.lastDay, release_date: plan.releaseDate,
          test_dates: plan.testDates, home_monitoring_until: plan.homeMonitoringUntil,
        });
      }
      set.vaccinated_or_recovered = vaccinated;
      events.push('rule_changed');
    }
    if (input.riskGroup && input.riskGroup !== o.risk_group) {
      set.risk_group = input.riskGroup;
      events.push('amended');
    }
    if (Object.keys(set).length === 0) return { id, changed: false };
    await trx.updateTable('quarantine_order').set({ ...set, updated_at: sql`now()` }).where('id', '=', id).execute();
    const after = { ...before, ...(input.source ? { source: input.source } : {}), ruleCode: (set.rule_code as string | undefined) ?? before.ruleCode, vaccinatedOrRecovered: vaccinated, riskGroup: input.riskGroup ?? before.riskGroup };
    await repo.insertOrderEvents(trx, events.map((kind) => ({
      order_id: id, kind, event_date: vnDate(), from_room_id: null, to_room_id: null, reason, detail: JSON.stringify({ before, after }), actor_id: actor.userId || null,
    })));
    await recordAudit(trx, actor, { action: 'update', recordKind: 'quarantine_order', recordId: id, detail: { before, after, reason } });
    return { id, changed: true };
  });
}
