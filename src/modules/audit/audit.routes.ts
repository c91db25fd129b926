import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { errorResponses, PageQuery, paged } from '../../server/schemas.ts';
import { searchAudit } from './audit.service.ts';

const EntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  username: Type.Union([Type.Null(), Type.String()]),
  role: Type.Union([Type.Null(), Type.String()]),
  action: Type.String(),
  recordKind: Type.String(),
  recordId: Type.Union([Type.Null(), Type.String()]),
  ip: Type.Union([Type.Null(), Type.String()]),
  detail: Type.Unknown(),
});

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail (province admins)',
        querystring: Type.Object({
          action: Type.Optional(Type.String({ maxLength: 40 })),
          recordKind: Type.Optional(Type.String({ maxLength: 40 })),
          recordId: Type.Optional(Type.String({ maxLength: 60 })),
          username: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-][0-9:]+)?)?$' })),
          to: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}(T[0-9:.]+(Z|[+-][0-9:]+)?)?$' })),
          ...PageQuery,
        }),
        response: { 200: paged(EntrySchema), ...errorResponses },
      },
    },
    async (request) => searchAudit(db, actorOf(request), request.query),
  );
};
