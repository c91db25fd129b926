import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, Nullable, errorResponses } from '../../server/schemas.ts';
import { personSamples, recordResult, recordSample, resultSlip } from './samples.service.ts';

const Result = Type.Object({
  result: Type.Union([Type.Literal('negative'), Type.Literal('positive'), Type.Literal('invalid')]), resultedOn: DateString,
  ct: Type.Optional(Nullable(Type.Number())), lab: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});
const Outcome = {
  caseId: Nullable(Type.Integer()), flaggedOrderIds: Type.Array(Type.Integer()),
  needsConfirmation: Type.Boolean({ description: 'a positive rapid or pooled test: an individual RT-PCR must confirm it' }),
};

export const samplesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/', {
    schema: {
      tags: ['testing'], summary: 'Records a sample of a person, with its result when known (a positive RT-PCR confirms a case)',
      body: Type.Object({
        personId: Type.Integer({ minimum: 1 }), takenOn: DateString,
        method: Type.Union([Type.Literal('rt_pcr'), Type.Literal('rt_pcr_pool'), Type.Literal('rapid_antigen')]),
        purpose: Type.Optional(Type.Union([Type.Literal('quarantine'), Type.Literal('screening'), Type.Literal('case'), Type.Literal('other')])),
        barcode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))), result: Type.Optional(Nullable(Result)),
      }),
      response: { 201: Type.Object({ id: Type.Integer(), ...Outcome }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordSample(app.ctx.db, actorOf(req), req.body)));

  app.put('/:id/result', {
    schema: {
      tags: ['testing'], summary: 'Sets the result of a sample (the same result again changes nothing; another one is 409)',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), body: Result,
      response: { 200: Type.Object(Outcome), ...errorResponses },
    },
  }, async (req) => recordResult(app.ctx.db, actorOf(req), req.params.id, req.body));

  app.get('/', {
    schema: {
      tags: ['testing'], summary: 'Samples of a person, newest first (audited)',
      querystring: Type.Object({ personId: Type.Integer({ minimum: 1 }) }),
    },
  }, async (req) => personSamples(app.ctx.db, actorOf(req), req.query.personId));

  app.get('/:id/slip.docx', {
    schema: { tags: ['testing'], summary: 'The printable result slip of a sample (.docx; personal fields masked per role; audited)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
  }, async (req, reply) => reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    .header('content-disposition', `attachment; filename="phieu-ket-qua-xet-nghiem-${req.params.id}.docx"`).send(await resultSlip(app.ctx.db, actorOf(req), req.params.id)));
};
