import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, Nullable, PageQuery, errorResponses } from '../../server/schemas.ts';
import { admit, bedBoard, discharge, listAdmissions, transfer } from './treatment.service.ts';

const CareLevel = Type.Union([Type.Literal('home_care'), Type.Literal('tier1'), Type.Literal('tier2'), Type.Literal('tier3')]);
const RiskGroup = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('very_high')]);
const BedKind = Type.Union([Type.Literal('normal'), Type.Literal('oxygen'), Type.Literal('icu')]);
const Localised = Type.Object({ vi: Type.String(), en: Type.String() });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Place = {
  facilityId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), careLevel: Type.Optional(CareLevel), riskGroup: RiskGroup,
  reason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), date: DateString,
  vitals: Type.Optional(Nullable(Type.Object({
    spo2: Type.Optional(Nullable(Type.Number())), respiratoryRate: Type.Optional(Nullable(Type.Number())), uncontrolledComorbidity: Type.Optional(Nullable(Type.Boolean())),
  }))),
};
const Counts = Type.Object({ total: Type.Integer(), used: Type.Integer(), free: Type.Integer() });
const Beds = Type.Object({ normal: Counts, oxygen: Counts, icu: Counts });

export const treatmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/beds', {
    schema: {
      tags: ['treatment'], summary: 'Bed board: normal, oxygen and ICU beds free and used per facility and tier',
      response: {
        200: Type.Object({
          tiers: Type.Array(Type.Object({ tier: Type.Integer(), beds: Beds })),
          facilities: Type.Array(Type.Object({ facilityId: Type.Integer(), name: Type.String(), tier: Nullable(Type.Integer()), districtName: Nullable(Type.String()), status: Type.String(), beds: Beds })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => bedBoard(app.ctx.db, actorOf(req)));

  app.get('/admissions', {
    schema: {
      tags: ['treatment'], summary: 'Admissions in the user\'s area or facility (paged, audited)',
      querystring: Type.Object({ ...PageQuery, open: Type.Optional(Type.Boolean()), facilityId: Type.Optional(Type.Integer({ minimum: 1 })) }),
    },
  }, async (req) => listAdmissions(app.ctx.db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }));

  app.post('/admissions', {
    schema: {
      tags: ['treatment'], summary: 'Admits an F0 at the care level of its risk group (another level needs a reason; home care needs eligible vitals)',
      body: Type.Object({ caseId: Type.Integer({ minimum: 1 }), ...Place }),
      response: { 201: Type.Object({ id: Type.Integer(), careLevel: CareLevel, bedKind: Nullable(BedKind), facilityId: Nullable(Type.Integer()) }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await admit(app.ctx.db, actorOf(req), req.body)));

  app.post('/admissions/:id/transfer', {
    schema: {
      tags: ['treatment'], summary: 'Transfers an F0 up or down the tiers (the stay ends "transferred"; the next one keeps the chain)',
      params: IdParams, body: Type.Object(Place),
      response: {
        200: Type.Object({ id: Type.Integer(), previousId: Type.Integer(), direction: Type.Union([Type.Literal('up'), Type.Literal('down'), Type.Literal('same')]), careLevel: CareLevel, bedKind: Nullable(BedKind) }),
        ...errorResponses,
      },
    },
  }, async (req) => transfer(app.ctx.db, actorOf(req), req.params.id, req.body));

  app.post('/admissions/:id/discharge', {
    schema: {
      tags: ['treatment'], summary: 'Ends treatment: recovered (by the F0 release rule in force: 409 before its date) or died',
      params: IdParams,
      body: Type.Object({ date: DateString, outcome: Type.Union([Type.Literal('recovered'), Type.Literal('died')]), persistentSymptoms: Type.Optional(Type.Boolean()) }),
      response: {
        200: Type.Object({
          id: Type.Integer(), outcome: Type.String(), endedOn: Type.String(),
          release: Nullable(Type.Object({ rule: Type.String(), fallback: Type.Boolean(), basis: Type.String(), reason: Localised })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => discharge(app.ctx.db, actorOf(req), req.params.id, req.body));
};
