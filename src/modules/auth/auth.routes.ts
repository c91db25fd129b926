import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Errors } from '../../server/errors.ts';
import { actorOf } from '../../server/context.ts';
import { errorResponses } from '../../server/schemas.ts';
import { describeMe, login, logout, SESSION_COOKIE } from './auth.service.ts';
import { PERMISSIONS, ROLES } from './policy.ts';

const MeSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String({ enum: [...ROLES] }),
  scope: Type.Object({ kind: Type.String(), code: Type.String(), name: Type.String() }),
  provinceCode: Type.String(),
  permissions: Type.Array(Type.String({ enum: [...PERMISSIONS] })),
  menu: Type.Array(Type.String()),
});

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        security: [],
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 100 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: Type.Object({ user: MeSchema }), ...errorResponses },
      },
      config: {
        rateLimit: {
          max: config.loginRateLimit,
          timeWindow: '1 minute',
          errorResponseBuilder: (_req, ctx) => Errors.rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000))),
        },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, actor } = await login(
        db,
        request.body,
        { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        { provinceCode: config.provinceCode, ttlHours: config.sessionTtlHours, lockout: config.loginLockout },
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        expires: expiresAt,
      });
      return { user: await describeMe(db, actor) };
    },
  );

  app.post(
    '/logout',
    { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const actor = actorOf(request);
      await logout(db, request.sessionToken!, actor);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, permissions and menu', response: { 200: Type.Object({ user: MeSchema }), ...errorResponses } } },
    async (request) => ({ user: await describeMe(db, actorOf(request)) }),
  );
};
