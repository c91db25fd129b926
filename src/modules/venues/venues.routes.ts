import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { scanPersonCode } from './checkin.service.ts';
import { VENUE_CATEGORIES } from './venues.domain.ts';
import { checkinUrl, createVenue, deactivateVenue, getVenue, listVenues, poster, reissueCode, updateVenue, venueDailyCheckins } from './venues.service.ts';

const Venue = Type.Object({
  id: Type.Integer(), name: Type.String(), category: Type.String(), districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()),
  communeCode: Nullable(Type.String()), communeName: Nullable(Type.String()), addressDetail: Nullable(Type.String()),
  ownerId: Nullable(Type.Integer()), ownerName: Nullable(Type.String()), active: Type.Boolean(), codeVersion: Type.Integer(),
  checkinsToday: Nullable(Type.Integer()), checkins7d: Nullable(Type.Integer()), createdAt: Type.String(),
});
const VenueBody = Type.Object({
  name: Type.String({ maxLength: 200 }),
  category: oneOf(VENUE_CATEGORIES),
  communeCode: Type.String({ pattern: '^\\d{5}$' }),
  addressDetail: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Colour = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]);

/** The base of check-in URLs: PUBLIC_URL, else the scheme and host the request came by. */
export function publicBase(req: FastifyRequest, configured: string | undefined): string {
  return configured ?? `${req.protocol}://${req.host}`;
}

export const venuesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;

  app.get('/', {
    schema: {
      tags: ['venues'], summary: 'QR venues of the area (an enterprise: its own gates and buses), with check-ins today and in 7 days',
      querystring: Type.Object({
        ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), category: Type.Optional(oneOf(VENUE_CATEGORIES)),
        districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
        active: Type.Optional(Type.Boolean()),
      }),
      response: { 200: paged(Venue), ...errorResponses },
    },
  }, async (req) => listVenues(db, actorOf(req), req.query));

  app.get('/:id', { schema: { tags: ['venues'], summary: 'One venue', params: Id, response: { 200: Venue, ...errorResponses } } },
    async (req) => getVenue(db, actorOf(req), req.params.id));

  app.post('/', { schema: { tags: ['venues'], summary: 'Adds a venue', body: VenueBody, response: { 201: Venue, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createVenue(db, actorOf(req), req.body)));

  app.put('/:id', { schema: { tags: ['venues'], summary: 'Edits a venue (name, category, place)', params: Id, body: VenueBody, response: { 200: Venue, ...errorResponses } } },
    async (req) => updateVenue(db, actorOf(req), req.params.id, req.body));

  app.post('/:id/deactivate', {
    schema: { tags: ['venues'], summary: 'Deactivates a venue: its QR codes are refused from now on; its check-ins stay', params: Id, response: { 200: Venue, ...errorResponses } },
  }, async (req) => deactivateVenue(db, actorOf(req), req.params.id));

  app.post('/:id/reissue', {
    schema: { tags: ['venues'], summary: 'Issues a new poster code: every older poster of the venue is refused from now on', params: Id, response: { 200: Venue, ...errorResponses } },
  }, async (req) => reissueCode(db, actorOf(req), req.params.id));

  app.get('/:id/poster', {
    schema: {
      tags: ['venues'], summary: 'The QR poster in Vietnamese: an A4 PDF, or the same poster as a PNG (1240 × 1754)', params: Id,
      querystring: Type.Object({ format: Type.Optional(oneOf(['pdf', 'png'])) }),
    },
  }, async (req, reply) => {
    const format = req.query.format ?? 'pdf';
    const file = await poster(db, config, actorOf(req), req.params.id, format, publicBase(req, config.publicUrl));
    return reply.header('content-type', format === 'pdf' ? 'application/pdf' : 'image/png')
      .header('content-disposition', `attachment; filename="venue-${req.params.id}-qr.${format}"`).send(file);
  });

  app.get('/:id/checkin-url', {
    schema: {
      tags: ['venues'], summary: 'The check-in URL its poster carries (current code version, issued today), to show or share',
      params: Id, response: { 200: Type.Object({ url: Type.String(), code: Type.String(), expiresOn: Type.String() }), ...errorResponses },
    },
  }, async (req) => {
    const { url, code, expiresOn } = await checkinUrl(db, config, actorOf(req), req.params.id, publicBase(req, config.publicUrl));
    return { url, code, expiresOn };
  });

  app.get('/:id/checkins', {
    schema: {
      tags: ['venues'], summary: 'Check-ins per day at a venue (default: the last 14 days)', params: Id,
      querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }),
      response: { 200: Type.Object({ from: Type.String(), to: Type.String(), days: Type.Array(Type.Object({ date: Type.String(), count: Type.Integer() })) }), ...errorResponses },
    },
  }, async (req) => venueDailyCheckins(db, actorOf(req), req.params.id, req.query));

  app.post('/:id/scan', {
    schema: {
      tags: ['venues'], summary: "The venue (its staff, or venue:manage) scans a person's personal QR code: records their check-in and shows their colour",
      params: Id, body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 500 }) }),
      response: {
        200: Type.Object({
          checkinId: Type.Integer(), checkedInAt: Type.String(), repeated: Type.Boolean(), initials: Type.String(),
          colour: Colour, since: Nullable(Type.String()),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => scanPersonCode(db, config, actorOf(req), req.params.id, req.body.code));
};
