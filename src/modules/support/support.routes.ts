import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { addSupportRule } from '../rules/rules.service.ts';
import type { ListAction } from './support.domain.ts';
import { eligibility, type EligibilityQuery } from './support.eligibility.ts';
import { actOnList, getList, listLists, listSupportRules, listXlsx, prepareList, setBankAccount, setDecision } from './support.service.ts';

const tags = ['support'];
const Id = Type.Integer({ minimum: 1 });
const Commune = Type.String({ pattern: '^\\d{5}$' });
const Status = oneOf(['prepared', 'submitted', 'checked', 'approved', 'paid', 'returned']);
const Missing = oneOf(['no_decision', 'no_source_f0', 'no_payment_details']);
const str = Nullable(Type.String());

const Rule = Type.Object({
  code: Type.String(), document: Type.String(), name: Type.Object({ vi: Type.String(), en: Type.String() }), effectiveFrom: Type.String(), effectiveTo: str,
  dailyRate: Type.Integer(), f0MaxDays: Type.Integer(), f1MaxDays: Type.Integer(), childBonus: Type.Integer(), childUnderAge: Type.Integer(),
  childBonusOnce: Type.String(), f1HomeEligible: Type.Boolean(), source: Type.Optional(Type.String()),
});
const EligibleLine = Type.Object({
  key: Type.String(), personId: Type.Integer(), fullName: Type.String(), dateOfBirth: str, nationalId: str, address: str, subject: Type.String(),
  episodeKind: Type.String(), episodeId: Type.Integer(), from: Type.String(), to: Type.String(), decision: Nullable(Type.Object({ no: Type.String(), date: Type.String(), issuedBy: str })),
  sourcePersonId: Nullable(Type.Integer()), days: Type.Integer(), firstDay: str, lastDay: str, dailyRate: Type.Integer(), daysAmount: Type.Integer(), childBonus: Type.Integer(),
  total: Type.Integer(), ruleCode: Type.String(), alreadyClaimedDays: Type.Integer(), overlapDays: Type.Integer(), beyondCapDays: Type.Integer(), child: Type.Boolean(),
  missing: Type.Array(Type.String()),
  payment: Nullable(Type.Object({ method: Type.String(), bankName: str, accountNo: str, holderName: str })),
});
const ListSummary = Type.Object({
  id: Type.Integer(), communeCode: Type.String(), communeName: Type.String(), districtCode: Type.String(), periodFrom: Type.String(), periodTo: Type.String(), status: Type.String(),
  note: str, returnReason: str, paidOn: str, paidReference: str, lineCount: Type.Integer(), totalAmount: Type.Number(), createdAt: Type.String(),
});
const ListDetail = Type.Intersect([ListSummary, Type.Object({
  lines: Type.Array(Type.Object({
    id: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), dateOfBirth: str, nationalId: str, address: str, subject: Type.String(), decisionNo: Type.String(),
    decisionDate: Type.String(), sourcePersonId: Nullable(Type.Integer()), firstDay: str, lastDay: str, days: Type.Integer(), dailyRate: Type.Integer(), daysAmount: Type.Integer(),
    childBonus: Type.Integer(), total: Type.Integer(), ruleCode: Type.String(), paymentMethod: Type.String(), bankName: str, accountNo: str, holderName: str,
  })),
  history: Type.Array(Type.Object({ action: Type.String(), fromStatus: str, toStatus: Type.String(), reason: str, by: str, at: Type.String() })),
})]);

export const supportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.db;

  app.get('/rules', {
    schema: { tags, summary: 'NQ68 / QĐ 23 support rule versions (rate per day, F0 and F1 caps, child bonus and age)', response: { 200: Type.Object({ items: Type.Array(Rule) }), ...errorResponses } },
  }, async (req) => listSupportRules(db(), actorOf(req)));

  app.post('/rules', {
    schema: {
      tags, summary: 'Adds a support rule version; never edited, a newer one supersedes (rule:manage)',
      body: Type.Object({
        code: Type.String({ maxLength: 40 }), document: Type.String({ maxLength: 200 }), name: Type.Object({ vi: Type.String({ maxLength: 300 }), en: Type.String({ maxLength: 300 }) }),
        effectiveFrom: DateString, effectiveTo: Nullable(DateString), dailyRate: Type.Integer(), f0MaxDays: Type.Integer(), f1MaxDays: Type.Integer(), childBonus: Type.Integer(),
        childUnderAge: Type.Integer(), childBonusOnce: oneOf(['person', 'episode']), f1HomeEligible: Type.Boolean(),
      }),
      response: { 201: Rule, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addSupportRule(db(), actorOf(req), req.body as Parameters<typeof addSupportRule>[2])));

  app.get('/eligibility', {
    schema: {
      tags, summary: 'Who in a commune is eligible in a period: days, amount, child bonus and what is missing (support:read)',
      querystring: Type.Object({
        communeCode: Commune, from: DateString, to: DateString, show: Type.Optional(oneOf(['all', 'complete', 'incomplete'])), missing: Type.Optional(Missing),
        subject: Type.Optional(oneOf(['f0', 'f1'])), q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery,
      }),
      response: {
        200: Type.Intersect([paged(EligibleLine), Type.Object({
          summary: Type.Object({
            lines: Type.Integer(), complete: Type.Integer(), people: Type.Integer(), days: Type.Integer(), amount: Type.Number(),
            missing: Type.Object({ no_decision: Type.Integer(), no_source_f0: Type.Integer(), no_payment_details: Type.Integer() }),
          }),
        })]),
        ...errorResponses,
      },
    },
  }, async (req) => eligibility(db(), actorOf(req), req.query as EligibilityQuery));

  app.put('/decisions', {
    schema: {
      tags, summary: 'Records the decision (number, date, issuer) of an F0 or F1 episode (support:prepare)',
      body: Type.Object({
        episodeKind: oneOf(['quarantine_order', 'covid_case']), episodeId: Id, personId: Id, decisionNo: Type.String({ minLength: 1, maxLength: 100 }), decisionDate: DateString,
        issuedBy: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      }),
      response: { 200: Type.Object({ episodeKind: Type.String(), episodeId: Type.Integer(), decisionNo: Type.String(), decisionDate: Type.String(), issuedBy: str }), ...errorResponses },
    },
  }, async (req) => setDecision(db(), actorOf(req), req.body as Parameters<typeof setDecision>[2]));

  app.put('/people/:personId/payment-details', {
    schema: {
      tags, summary: 'Bank details (or cash) of a person to be paid (support:prepare)',
      params: Type.Object({ personId: Id }),
      body: Type.Object({
        method: oneOf(['bank', 'cash']), bankName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), accountNo: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
        holderName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      }),
      response: { 200: Type.Object({ personId: Type.Integer(), method: Type.String(), bankName: str, accountNo: str, holderName: str }), ...errorResponses },
    },
  }, async (req) => setBankAccount(db(), actorOf(req), req.params.personId, req.body as Parameters<typeof setBankAccount>[3]));

  app.get('/lists', {
    schema: {
      tags, summary: 'Payment lists in the actor\'s area, newest first',
      querystring: Type.Object({ status: Type.Optional(Status), communeCode: Type.Optional(Commune), ...PageQuery }),
      response: { 200: paged(ListSummary), ...errorResponses },
    },
  }, async (req) => listLists(db(), actorOf(req), req.query as Parameters<typeof listLists>[2]));

  app.post('/lists', {
    schema: {
      tags, summary: 'The commune prepares a payment list of the complete lines of a period (all, or the chosen people); claims their days (support:prepare)',
      body: Type.Object({
        communeCode: Commune, from: DateString, to: DateString, personIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 5000 })), note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
      }),
      response: { 201: ListDetail, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await prepareList(db(), actorOf(req), req.body as Parameters<typeof prepareList>[2])));

  app.get('/lists/:id', {
    schema: { tags, summary: 'A payment list with its lines and history', params: Type.Object({ id: Id }), response: { 200: ListDetail, ...errorResponses } },
  }, async (req) => getList(db(), actorOf(req), req.params.id));

  app.post('/lists/:id/:action', {
    schema: {
      tags, summary: 'Moves a list: submit, return (commune before submitting; district; province), check (district), approve (province), pay (commune or province)',
      params: Type.Object({ id: Id, action: oneOf(['submit', 'check', 'approve', 'pay', 'return']) }),
      body: Type.Object({ reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))), paidOn: Type.Optional(DateString), reference: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) }),
      response: { 200: ListDetail, ...errorResponses },
    },
  }, async (req) => actOnList(db(), actorOf(req), req.params.id, req.params.action as ListAction, req.body as Parameters<typeof actOnList>[4]));

  app.get('/lists/:id/xlsx', {
    schema: { tags, summary: 'The payment list as XLSX in the usual layout with totals', params: Type.Object({ id: Id }) },
  }, async (req, reply) => {
    const { file, fileName } = await listXlsx(db(), actorOf(req), req.params.id);
    return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${fileName}"`).send(file);
  });
};
