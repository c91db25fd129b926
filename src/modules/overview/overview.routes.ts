import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses } from '../../server/schemas.ts';
import { overview } from './overview.service.ts';

const Count = Type.Integer({ minimum: 0 });

export const overviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.get(
    '/',
    {
      schema: {
        tags: ['overview'],
        summary: 'Aggregates for the province overview (scoped to your area); date defaults to the latest confirmed case',
        querystring: Type.Object({ date: Type.Optional(DateString) }),
        response: {
          200: Type.Object({
            province: Type.Object({ code: Type.String(), name: Type.String() }),
            scope: Type.Object({ kind: Type.String(), code: Type.String(), name: Type.String() }),
            asOf: Type.String(),
            totals: Type.Object({
              population: Count, households: Count, enterprises: Count, workers: Count,
              cases: Count, casesLast7Days: Count, activeCases: Count,
            }),
            districts: Type.Array(
              Type.Object({
                code: Type.String(), name: Type.String(), population: Count, cases: Count,
                casesLast7Days: Count, activeCases: Count, casesPer100k: Type.Number(),
              }),
            ),
            curve: Type.Array(Type.Object({ date: Type.String(), cases: Count })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => overview(db, actorOf(request), request.query),
  );
};
