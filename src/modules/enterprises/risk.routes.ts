import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, PageQuery, paged } from '../../server/schemas.ts';
import {
  Answers, BandCounts, EnterpriseRef, EnterpriseRiskRule, MissingRow, PeriodInfo, PeriodString, RankingRow, RiskBandSchema, Submission,
} from './risk.schemas.ts';
import { exportRanking, previewRisk, riskForm, riskHistory, riskMap, riskMissing, riskParks, riskRanking, submitRisk } from './risk.service.ts';

const Filters = {
  period: Type.Optional(PeriodString),
  districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
  parkId: Type.Optional(Type.Integer({ minimum: 1 })),
};
const Workforce = Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000 })));

export const enterpriseRiskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.ctx.db;

  app.get('/form', {
    schema: {
      tags: ['enterprise-risk'], summary: 'The QĐ 2194 form in force today, the current period and, for an enterprise (its own user\'s by default), its workforce and this period\'s submission',
      querystring: Type.Object({ enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })) }),
      response: {
        200: Type.Object({
          rule: EnterpriseRiskRule, period: Type.String(), periodFrom: DateString, periodTo: DateString, canSubmit: Type.Boolean(),
          enterprise: Nullable(Type.Object({
            ...EnterpriseRef.properties, workforce: Nullable(Type.Integer()), workforceOption: Nullable(Type.String()),
            currentSubmission: Nullable(Type.Object({ id: Type.Integer(), score: Type.Number(), band: RiskBandSchema })),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => riskForm(db, actorOf(req), req.query));

  app.post('/preview', {
    schema: {
      tags: ['enterprise-risk'], summary: 'The index and band of a form being filled in (nothing stored); incomplete: the points so far and what is missing',
      body: Type.Object({ answers: Answers, workforce: Workforce }),
      response: {
        200: Type.Object({
          ruleCode: Type.String(), complete: Type.Boolean(), answered: Type.Integer(), total: Type.Integer(), maxTotal: Type.Integer(),
          index: Nullable(Type.Number()), band: Nullable(RiskBandSchema), points: Type.Record(Type.String(), Type.Number()),
          issues: Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.Object({ vi: Type.String(), en: Type.String() }) })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => previewRisk(db, actorOf(req), req.body));

  app.post('/submissions', {
    schema: {
      tags: ['enterprise-risk'], summary: 'Submits a complete form for an enterprise and period (default the current one); a newer submission for the period supersedes the older, which stays; audited',
      body: Type.Object({
        enterpriseId: Type.Integer({ minimum: 1 }), period: Type.Optional(PeriodString), answers: Answers, workforce: Workforce,
        note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
      }),
      response: { 201: Submission, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await submitRisk(db, actorOf(req), req.body)));

  app.get('/enterprises/:id/history', {
    schema: {
      tags: ['enterprise-risk'], summary: 'Every submission of an enterprise, superseded ones included, newest first',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      response: { 200: Type.Object({ enterprise: EnterpriseRef, items: Type.Array(Submission) }), ...errorResponses },
    },
  }, async (req) => riskHistory(db, actorOf(req), req.params.id));

  app.get('/ranking', {
    schema: {
      tags: ['enterprise-risk'], summary: 'The period\'s current submission of each enterprise in reach, highest index first (default period: the latest anyone submitted for)',
      querystring: Type.Object({ ...Filters, band: Type.Optional(RiskBandSchema), ...PageQuery }),
      response: {
        200: Type.Object({ ...PeriodInfo, ...paged(RankingRow).properties, counts: BandCounts, enterprises: Type.Integer(), missing: Type.Integer() }),
        ...errorResponses,
      },
    },
  }, async (req) => riskRanking(db, actorOf(req), req.query));

  app.get('/ranking/export', {
    schema: {
      tags: ['enterprise-risk'], summary: 'The filtered ranking as .xlsx (audited)',
      querystring: Type.Object({ ...Filters, band: Type.Optional(RiskBandSchema) }),
    },
  }, async (req, reply) => {
    const { period, file } = await exportRanking(db, actorOf(req), req.query);
    return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="xep-hang-nguy-co-dn-${period}.xlsx"`).send(file);
  });

  app.get('/missing', {
    schema: {
      tags: ['enterprise-risk'], summary: 'Enterprises in reach that have not submitted for the period, with their latest earlier submission',
      querystring: Type.Object({ ...Filters, ...PageQuery }),
      response: { 200: Type.Object({ ...PeriodInfo, ...paged(MissingRow).properties }), ...errorResponses },
    },
  }, async (req) => riskMissing(db, actorOf(req), req.query));

  app.get('/map', {
    schema: {
      tags: ['enterprise-risk'], summary: 'Located enterprises in reach with the band of their submission for the period (null: not submitted)',
      querystring: Type.Object(Filters),
      response: {
        200: Type.Object({
          ...PeriodInfo,
          points: Type.Array(Type.Object({
            enterpriseId: Type.Integer(), name: Type.String(), lon: Type.Number(), lat: Type.Number(), score: Nullable(Type.Number()), band: Nullable(RiskBandSchema),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => riskMap(db, actorOf(req), req.query));

  app.get('/parks', {
    schema: {
      tags: ['enterprise-risk'], summary: 'Industrial parks of the enterprises in reach (the lists\' filter)',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) }), ...errorResponses },
    },
  }, async (req) => riskParks(db, actorOf(req)));
};
