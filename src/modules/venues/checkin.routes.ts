/**
 * The public side of QR check-in (no sign-in): check in from a poster, read a poster's venue, the
 * province's communes for the first-time form, and a person's own status page. Rate-limited per
 * client address (route config) and per device — or, without a device, per address for first-time
 * registrations — with limits from the configuration (CHECKIN_*_RATE_LIMIT).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Errors } from '../../server/errors.ts';
import { errorResponses, Nullable, oneOf } from '../../server/schemas.ts';
import { communesOf, lookupUnits } from '../places/places.service.ts';
import { checkIn, hashDeviceToken, myStatus } from './checkin.service.ts';
import { verifiedClaims } from './venue-codes.ts';
import { codeFromScan } from './venues.domain.ts';
import { vnDate } from '../../lib/time.ts';

export const DEVICE_HEADER = 'x-device-token';
const tooMany = (_req: FastifyRequest, ctx: { ttl: number }) => Errors.rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000)));
const DeviceToken = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export const checkinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  const limits = config.checkinRateLimit;
  const perIp = { max: limits.perIp, timeWindow: '1 minute', errorResponseBuilder: tooMany };
  // The plugin runs one limiter per request; the per-device one is asked by hand in preHandler.
  const perDevice = app.createRateLimit({
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const token = (req.body as { deviceToken?: string } | undefined)?.deviceToken;
      return token ? `checkin-device:${hashDeviceToken(token)}` : `checkin-new:${req.ip}`;
    },
    max: (_req, key) => (key.startsWith('checkin-new:') ? limits.signupPerIp : limits.perDevice),
  });

  app.post('/', {
    schema: {
      tags: ['checkin'], summary: 'Checks in at the venue of a poster code (public): a known device, or phone, name and commune the first time (and the date of birth for someone already in the register)',
      security: [],
      body: Type.Object({
        code: Type.String({ minLength: 1, maxLength: 500 }),
        deviceToken: Type.Optional(DeviceToken),
        phone: Type.Optional(Type.String({ maxLength: 20 })),
        fullName: Type.Optional(Type.String({ maxLength: 100 })),
        communeCode: Type.Optional(Type.String({ maxLength: 5 })),
        sex: Type.Optional(oneOf(['male', 'female', 'other'])),
        dateOfBirth: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; needed to confirm a person the register already has with a date of birth' })),
      }),
      response: {
        200: Type.Object({
          checkinId: Type.Integer(), checkedInAt: Type.String(), repeated: Type.Boolean(),
          venue: Type.Object({ id: Type.Integer(), name: Type.String(), addressDetail: Nullable(Type.String()) }),
          deviceToken: Nullable(Type.String()),
        }),
        ...errorResponses,
      },
    },
    config: { rateLimit: perIp },
    preHandler: async (req) => {
      const r = await perDevice(req);
      if (!r.isAllowed && r.isExceeded) throw Errors.rateLimited(Math.max(1, r.ttlInSeconds));
    },
  }, async (req) => checkIn(db, config, req.body, { ip: req.ip }));

  app.get('/venue', {
    schema: {
      tags: ['checkin'], summary: "A poster code's venue (public), or why the code is refused",
      security: [],
      querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 500 }) }),
      response: { 200: Type.Object({ id: Type.Integer(), name: Type.String(), addressDetail: Nullable(Type.String()) }), ...errorResponses },
    },
    config: { rateLimit: perIp },
  }, async (req) => {
    const { claims, venue } = await verifiedClaims(db, config, codeFromScan(req.query.code), 'venue', vnDate());
    return { id: claims.id, name: venue!.name, addressDetail: venue!.address_detail };
  });

  app.get('/areas', {
    schema: {
      tags: ['checkin'], summary: "The province's districts and their communes, for the first check-in form (public)",
      security: [],
      response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), communes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) })) },
    },
  }, async () => {
    const communes = await communesOf(db, config.provinceCode);
    const districts = await lookupUnits(db, [...new Set(communes.map((c) => c.parent_code).filter((d): d is string => !!d))]);
    return [...districts.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((d) => ({
      code: d.code, name: d.name,
      communes: communes.filter((c) => c.parent_code === d.code).sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((c) => ({ code: c.code, name: c.name })),
    }));
  });
};

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  app.get('/status', {
    schema: {
      tags: ['checkin'], summary: `A person's own status colour (PC-COVID) and personal QR code, by the device token in the ${DEVICE_HEADER} header (public)`,
      security: [],
      headers: Type.Object({ [DEVICE_HEADER]: Type.Optional(DeviceToken) }),
      response: {
        200: Type.Object({
          initials: Type.String(), colour: Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]), since: Nullable(Type.String()), asOf: Type.String(),
          personalCode: Type.String(), codeExpiresOn: Type.String(),
        }),
        ...errorResponses,
      },
    },
    config: { rateLimit: { max: config.checkinRateLimit.perIp, timeWindow: '1 minute', errorResponseBuilder: tooMany } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return myStatus(db, config, req.headers[DEVICE_HEADER] as string | undefined, { ip: req.ip });
  });
};
