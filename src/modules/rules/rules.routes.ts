import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses } from '../../server/schemas.ts';
import { EpidemicLevelRule, EpidemicLevelRuleBody } from '../levels/levels.schemas.ts';
import { EnterpriseRiskRule, EnterpriseRiskRuleBody } from '../enterprises/risk.schemas.ts';
import { ArrivalRule, ArrivalRuleBody } from '../arrivals/arrivals.schemas.ts';
import { addArrivalRule } from './rules.service.ts';
import { WorkStatusRule, WorkStatusRuleBody } from '../enterprises/work-status.schemas.ts';
import { addWorkStatusRule } from './rules.service.ts';
import { addEnterpriseRiskRule, addEpidemicLevelRule, addF0ReleaseRule, addQuarantineRule, listRules } from './rules.service.ts';

const Localised = Type.Object({ vi: Type.String({ maxLength: 300 }), en: Type.String({ maxLength: 300 }) });
const Header = { code: Type.String({ maxLength: 40 }), document: Type.String({ maxLength: 200 }), name: Localised, effectiveFrom: DateString };
const Terms = Type.Object({
  centralizedDays: Type.Integer(), testDays: Type.Array(Type.Integer(), { maxItems: 30 }), homeMonitoringDays: Type.Integer(),
});
const Intervals = Type.Object({ high: Type.Integer(), medium: Type.Integer(), low: Type.Integer() });
const Quarantine = Type.Object({ ...Header, f1: Terms, f1VaccinatedOrRecovered: Terms, returningCitizen: Terms, screeningIntervalDays: Intervals });
const F0Release = Type.Object({ ...Header, daysWithNegativeRapidTest: Type.Integer(), daysWithoutTest: Type.Integer(), daysWithPersistentSymptoms: Type.Integer() });
const Source = Type.Union([Type.Literal('built_in'), Type.Literal('configured')]);

export const rulesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: {
      tags: ['rules'], summary: 'Dated rule versions in force over time: quarantine terms, F0 release, epidemic levels and the enterprise risk form (built-in and configured by the province)',
      response: {
        200: Type.Object({
          quarantine: Type.Array(Type.Object({ ...Quarantine.properties, source: Source })),
          f0Release: Type.Array(Type.Object({ ...F0Release.properties, source: Source })),
          epidemicLevel: Type.Array(EpidemicLevelRule),
          enterpriseRisk: Type.Array(EnterpriseRiskRule),
          workStatus: Type.Array(WorkStatusRule),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => listRules(app.ctx.db, actorOf(req)));

  app.post('/quarantine', {
    schema: {
      tags: ['rules'], summary: 'Adds a quarantine rule version (never edited; the version in force on an order\'s start date applies)',
      body: Type.Object({
        ...Header, f1: Terms, f1VaccinatedOrRecovered: Type.Optional(Terms), returningCitizen: Type.Optional(Terms), screeningIntervalDays: Type.Optional(Intervals),
      }),
      response: { 201: Quarantine, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addQuarantineRule(app.ctx.db, actorOf(req), req.body)));

  app.post('/f0-release', {
    schema: {
      tags: ['rules'], summary: 'Adds an F0 release rule version',
      body: F0Release, response: { 201: F0Release, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addF0ReleaseRule(app.ctx.db, actorOf(req), req.body)));

  app.post('/epidemic-level', {
    schema: {
      tags: ['rules'], summary: 'Adds an epidemic level rule version (case bands, coverage targets, free beds, roll-up); the version in force on the assessment day applies',
      body: Type.Object({ ...Header, ...EpidemicLevelRuleBody }), response: { 201: EpidemicLevelRule, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addEpidemicLevelRule(app.ctx.db, actorOf(req), req.body)));

  app.post('/enterprise-risk', {
    schema: {
      tags: ['rules'], summary: 'Adds a version of the enterprise risk form (QĐ 2194: indicators, options, points, weights, bands, period); the version in force on the day of a submission scores it',
      body: EnterpriseRiskRuleBody, response: { 201: EnterpriseRiskRule, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addEnterpriseRiskRule(app.ctx.db, actorOf(req), req.body)));

  app.post('/arrival', {
    schema: {
      tags: ['rules'], summary: 'Adds an arrival rule version (measures by origin level, the transport workers\' test validity and route, epidemic provinces); the version in force on the arrival day applies',
      body: ArrivalRuleBody, response: { 201: ArrivalRule, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addArrivalRule(app.ctx.db, actorOf(req), req.body)));

  app.post('/work-status', {
    schema: {
      tags: ['rules'], summary: 'Adds a work-status rule version (who may work with F1/F2 contacts, "3 tại chỗ", the F0 checklist of an enterprise); the version in force on the day applies',
      body: WorkStatusRuleBody, response: { 201: WorkStatusRule, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addWorkStatusRule(app.ctx.db, actorOf(req), req.body)));
};
