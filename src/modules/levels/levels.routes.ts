import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, oneOf } from '../../server/schemas.ts';
import { Assessment, EpidemicLevelRule, Level } from './levels.schemas.ts';
import { assessLevels, confirmLevel, getLevel, listLevels, overrideLevel } from './levels.service.ts';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ByLevel = Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer() });

export const levelsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: {
      tags: ['levels'],
      summary: 'Epidemic levels of communes, districts or the province on a day: each unit\'s latest assessment on or before it, the level in force then, a pending raise and the inputs',
      querystring: Type.Object({
        date: Type.Optional(DateString), unitLevel: Type.Optional(oneOf(['commune', 'district', 'province'])), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
      }),
      response: {
        200: Type.Object({ date: DateString, at: Type.String(), unitLevel: Type.String(), items: Type.Array(Assessment), rules: Type.Array(EpidemicLevelRule) }),
        ...errorResponses,
      },
    },
  }, async (req) => listLevels(app.ctx.db, actorOf(req), req.query));

  app.get('/:id', {
    schema: {
      tags: ['levels'], summary: 'One assessment with its inputs, reasons and rule version ("why level 3")',
      params: Id, response: { 200: Type.Object({ ...Assessment.properties, rule: Type.Union([Type.Null(), EpidemicLevelRule]) }), ...errorResponses },
    },
  }, async (req) => getLevel(app.ctx.db, actorOf(req), req.params.id));

  app.post('/assess', {
    schema: {
      tags: ['levels'], summary: 'Assesses every commune, district and the province on a day (re-running replaces the rows nobody decided on); a raise is proposed with 48 hours\' notice',
      body: Type.Object({ date: DateString }),
      response: {
        200: Type.Object({ date: DateString, ruleCode: Type.String(), communes: Type.Integer(), byLevel: ByLevel, proposals: Type.Integer(), kept: Type.Integer() }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    const actor = actorOf(req);
    return assessLevels(app.ctx.db, actor, actor.provinceCode, req.body.date);
  });

  app.post('/:id/confirm', {
    schema: {
      tags: ['levels'], summary: 'Confirms a proposed raise: it takes effect now instead of when its notice runs out (audited)',
      params: Id, response: { 200: Type.Object({ ...Assessment.properties, rule: Type.Union([Type.Null(), EpidemicLevelRule]) }), ...errorResponses },
    },
  }, async (req) => confirmLevel(app.ctx.db, actorOf(req), req.params.id));

  app.post('/:id/override', {
    schema: {
      tags: ['levels'], summary: 'Sets the level of a unit\'s latest assessment by decision, with the reason (in force at once; before and after audited)',
      params: Id, body: Type.Object({ level: Level, reason: Type.String({ maxLength: 500 }) }),
      response: { 200: Type.Object({ ...Assessment.properties, rule: Type.Union([Type.Null(), EpidemicLevelRule]) }), ...errorResponses },
    },
  }, async (req) => overrideLevel(app.ctx.db, actorOf(req), req.params.id, req.body));
};
