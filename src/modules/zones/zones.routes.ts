import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { RADIUS_RANGE } from './zones.domain.ts';
import { createZone, endZone, getZone, listZones, updateZone, zonesMap } from './zones.service.ts';

const Ring = Type.Union([Type.Literal('core'), Type.Literal('buffer'), Type.Literal('surveillance')]);
const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Polygon = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position, { maxItems: 5_000 }), { minItems: 1, maxItems: 50 }) });
const Circle = Type.Object({
  center: Type.Tuple([Type.Number(), Type.Number()]),
  radiusM: Type.Number({ minimum: RADIUS_RANGE.min, maximum: RADIUS_RANGE.max }),
});
const AreaIn = Type.Object({ communeCode: Type.String({ pattern: '^\\d{5}$' }), village: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) });
const RingIn = Type.Object({
  ring: Ring, geometry: Type.Optional(Nullable(Polygon)), circle: Type.Optional(Nullable(Circle)),
  areas: Type.Array(AreaIn, { maxItems: 200 }),
});
const ZoneBody = {
  name: Type.String({ maxLength: 200 }), decisionNo: Type.String({ maxLength: 100 }), decidedOn: Type.Optional(Nullable(DateString)), startedOn: DateString,
  rings: Type.Array(RingIn, { minItems: 1, maxItems: 3 }),
};
const Zone = Type.Object({
  id: Type.Integer(), name: Type.String(), decisionNo: Type.String(), decidedOn: Nullable(Type.String()), startedOn: Type.String(),
  endedOn: Nullable(Type.String()), endReason: Nullable(Type.String()), status: Type.Union([Type.Literal('planned'), Type.Literal('active'), Type.Literal('ended')]),
  districtCode: Nullable(Type.String()), communeCode: Nullable(Type.String()), residents: Type.Integer(),
  rings: Type.Array(Type.Object({
    ring: Ring, geometry: Polygon, circle: Nullable(Circle),
    areas: Type.Array(Type.Object({ communeCode: Type.String(), communeName: Type.String(), districtCode: Nullable(Type.String()), village: Nullable(Type.String()) })),
  })),
  createdAt: Type.String(), updatedAt: Type.String(),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const AsOf = Type.Object({ asOf: Type.Optional(DateString) });

export const zonesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: {
      tags: ['zones'], summary: 'Lockdown zones of the province, newest first; status on the as-of day (default today)',
      querystring: Type.Object({ ...PageQuery, asOf: Type.Optional(DateString), status: Type.Optional(oneOf(['planned', 'active', 'ended', 'all'])), q: Type.Optional(Type.String({ maxLength: 100 })) }),
      response: { 200: paged(Zone), ...errorResponses },
    },
  }, async (req) => listZones(app.ctx.db, actorOf(req), req.query));

  app.get('/map', {
    schema: {
      tags: ['zones'], summary: 'GeoJSON of the rings in force on a day (surveillance, then buffer, then core)',
      querystring: AsOf,
      response: {
        200: Type.Object({
          type: Type.Literal('FeatureCollection'),
          features: Type.Array(Type.Object({
            type: Type.Literal('Feature'), geometry: Polygon,
            properties: Type.Object({
              zoneId: Type.Integer(), name: Type.String(), decisionNo: Type.String(), ring: Ring, status: Type.String(), startedOn: Type.String(), endedOn: Nullable(Type.String()),
            }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => zonesMap(app.ctx.db, actorOf(req), req.query.asOf));

  app.get('/:id', {
    schema: { tags: ['zones'], summary: 'One lockdown zone with its rings and areas', params: Id, querystring: AsOf, response: { 200: Zone, ...errorResponses } },
  }, async (req) => getZone(app.ctx.db, actorOf(req), req.params.id, req.query.asOf));

  app.post('/', {
    schema: {
      tags: ['zones'], summary: 'Declares a lockdown zone: core ring required, buffer and surveillance optional, each inside the next',
      body: Type.Object(ZoneBody), response: { 201: Zone, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createZone(app.ctx.db, actorOf(req), req.body)));

  app.put('/:id', {
    schema: {
      tags: ['zones'], summary: 'Redraws or renames a zone in force; the reason is kept in the audit log with before and after',
      params: Id, body: Type.Object({ ...ZoneBody, reason: Type.String({ maxLength: 500 }) }), response: { 200: Zone, ...errorResponses },
    },
  }, async (req) => updateZone(app.ctx.db, actorOf(req), req.params.id, req.body));

  app.post('/:id/end', {
    schema: {
      tags: ['zones'], summary: 'Lifts a lockdown (dỡ phong tỏa) from a day, with the reason',
      params: Id, body: Type.Object({ endedOn: DateString, reason: Type.String({ maxLength: 500 }) }), response: { 200: Zone, ...errorResponses },
    },
  }, async (req) => endZone(app.ctx.db, actorOf(req), req.params.id, req.body));
};
