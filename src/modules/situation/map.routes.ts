import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable } from '../../server/schemas.ts';
import { caseLayer, facilityLayer, MAX_MAP_DAYS, visitedLayer } from './situation.map.ts';

const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: Type.Tuple([Type.Number(), Type.Number()]) });
/** A day (default: the latest confirmation day) and the days up to it. */
const DayWindow = Type.Object({ date: Type.Optional(DateString), days: Type.Integer({ minimum: 1, maximum: MAX_MAP_DAYS, default: 14 }) });
const Counts = Type.Object({ total: Type.Integer(), used: Type.Integer(), free: Type.Integer() });

export const situationMapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/cases', {
    schema: {
      tags: ['situation'],
      summary: 'Cases confirmed in the days ending on a date, as points at their households (per commune, with counts, for roles that do not read cases)',
      querystring: DayWindow,
      response: {
        200: Type.Object({
          type: Type.Literal('FeatureCollection'), date: Type.String(), days: Type.Integer(), total: Type.Integer(), unlocated: Type.Integer(), individual: Type.Boolean(),
          features: Type.Array(Type.Object({
            type: Type.Literal('Feature'), geometry: PointGeometry,
            properties: Type.Object({
              count: Type.Integer(), caseId: Type.Optional(Type.Integer()), caseCode: Type.Optional(Type.String()), classification: Type.Optional(Type.String()),
              confirmationDate: Type.Optional(Type.String()), communeCode: Type.Optional(Type.String()), communeName: Type.Optional(Type.String()),
            }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => caseLayer(app.ctx.db, actorOf(req), req.query));

  app.get('/visited', {
    schema: {
      tags: ['situation'], summary: 'Places (venues) where cases checked in while infectious in the days ending on a date: how many cases, the last visit',
      querystring: DayWindow,
      response: {
        200: Type.Object({
          type: Type.Literal('FeatureCollection'), date: Type.String(), days: Type.Integer(), unlocated: Type.Integer(),
          features: Type.Array(Type.Object({
            type: Type.Literal('Feature'), geometry: PointGeometry,
            properties: Type.Object({ id: Type.Integer(), name: Type.String(), cases: Type.Integer(), lastVisit: Type.String() }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => visitedLayer(app.ctx.db, actorOf(req), req.query));

  app.get('/facilities', {
    schema: {
      tags: ['situation'], summary: 'Quarantine facilities with occupancy and treatment facilities with beds, as points (for the roles that read them)',
      response: {
        200: Type.Object({
          type: Type.Literal('FeatureCollection'), unlocated: Type.Integer(),
          features: Type.Array(Type.Object({
            type: Type.Literal('Feature'), geometry: PointGeometry,
            properties: Type.Object({
              id: Type.Integer(), kind: Type.Union([Type.Literal('quarantine'), Type.Literal('treatment')]), name: Type.String(), districtName: Nullable(Type.String()),
              capacity: Nullable(Type.Integer()), used: Nullable(Type.Integer()), percent: Nullable(Type.Number()), alert: Nullable(Type.String()), tier: Nullable(Type.Integer()),
              beds: Nullable(Type.Object({ normal: Counts, oxygen: Counts, icu: Counts })),
            }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => facilityLayer(app.ctx.db, actorOf(req)));
};
