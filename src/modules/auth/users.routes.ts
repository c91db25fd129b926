import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { errorResponses, PageQuery, paged } from '../../server/schemas.ts';
import { createUserByAdmin, listUsers, resetPassword, rolesCatalogue, searchOrgUnits, updateUserByAdmin } from './users.service.ts';

const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  scope: Type.Object({ kind: Type.String(), code: Type.String(), name: Type.String() }),
  active: Type.Boolean(),
  isDemo: Type.Boolean(),
  lastLoginAt: Type.Union([Type.Null(), Type.String()]),
  createdAt: Type.String(),
});

const ScopeFields = {
  role: Type.String({ maxLength: 40 }),
  scopeKind: Type.String({ maxLength: 20 }),
  scopeCode: Type.String({ maxLength: 20 }),
  scopeOrgId: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1 })])),
};
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/',
    {
      schema: {
        tags: ['users'],
        summary: 'List users of the province (province admins)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), role: Type.Optional(Type.String({ maxLength: 40 })), ...PageQuery }),
        response: { 200: paged(UserSchema), ...errorResponses },
      },
    },
    async (request) => listUsers(db, actorOf(request), request.query),
  );

  app.get(
    '/roles',
    {
      schema: {
        tags: ['users'],
        summary: 'Roles with the scope kinds and organisation kinds each may have',
        response: {
          200: Type.Object({ roles: Type.Array(Type.Object({ role: Type.String(), scopeKinds: Type.Array(Type.String()), orgKinds: Type.Array(Type.String()) })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => rolesCatalogue(actorOf(request)),
  );

  app.get(
    '/org-units',
    {
      schema: {
        tags: ['users'],
        summary: 'Organisations a user can be scoped to (accent-insensitive name search)',
        querystring: Type.Object({ kind: Type.String({ maxLength: 40 }), q: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() })) }), ...errorResponses },
      },
    },
    async (request) => searchOrgUnits(db, actorOf(request), request.query),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user with a role and a scope',
        body: Type.Object({
          username: Type.String({ maxLength: 60 }),
          password: Type.String({ maxLength: 200 }),
          fullName: Type.String({ maxLength: 200 }),
          ...ScopeFields,
        }),
        response: { 201: UserSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createUserByAdmin(db, actorOf(request), request.body)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change name, role, scope, or lock/unlock a user (sessions end when access changes)',
        params: IdParam,
        body: Type.Partial(Type.Object({ fullName: Type.String({ maxLength: 200 }), active: Type.Boolean(), ...ScopeFields })),
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => updateUserByAdmin(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: "Reset a user's password (their sessions end)",
        params: IdParam,
        body: Type.Object({ password: Type.String({ maxLength: 200 }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await resetPassword(db, actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );
};
