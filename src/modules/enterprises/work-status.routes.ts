import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { vnDate } from '../../lib/time.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, LocalisedMessageSchema, Nullable, PageQuery } from '../../server/schemas.ts';
import { f0View, setCheck } from './f0-view.service.ts';
import { ChecklistSchema, F0ViewSchema, WorkStatusRow, WorkStatusSchema } from './work-status.schemas.ts';
import { exportWorkStatus, workerWorkStatus, workStatusList } from './work-status.service.ts';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const WorkerId = Type.Object({ id: Type.Integer({ minimum: 1 }), workerId: Type.Integer({ minimum: 1 }) });
const CheckParams = Type.Object({ id: Type.Integer({ minimum: 1 }), caseId: Type.Integer({ minimum: 1 }), itemKey: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }) });
const Filters = { date: Type.Optional(DateString), shiftId: Type.Optional(Type.Integer()), workshopId: Type.Optional(Type.Integer()), mayWork: Type.Optional(Type.Boolean()) };
const Status = Type.Union([Type.Literal('operating'), Type.Literal('partial'), Type.Literal('suspended'), Type.Literal('on_site')]);

/** Who may work today and the F0 view of an enterprise; registered under /api/enterprises. */
export const workStatusRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['enterprises'];

  app.get('/:id/work-status', {
    schema: {
      tags, summary: 'The day\'s list (default today): who may work and who may not with the reason, under the work-status rule in force; counts per shift; paged (audited)',
      params: Id, querystring: Type.Object({ ...PageQuery, ...Filters }),
      response: {
        200: Type.Object({
          date: Type.String(), ruleCode: Type.String(), ruleName: LocalisedMessageSchema, operatingStatus: Status,
          shifts: Type.Array(Type.Object({ shiftId: Nullable(Type.Integer()), shiftName: Nullable(Type.String()), total: Type.Integer(), mayWork: Type.Integer(), mayNotWork: Type.Integer() })),
          total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(WorkStatusRow),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => workStatusList(db, actorOf(req), req.params.id, req.query));

  app.get('/:id/work-status/export.xlsx', {
    schema: { tags, summary: 'The day\'s work list as XLSX (masked per role; audited)', params: Id, querystring: Type.Object(Filters) },
  }, async (req, reply) => reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="di-lam-${req.params.id}-${req.query.date ?? vnDate()}.xlsx"`)
    .send(await exportWorkStatus(db, actorOf(req), req.params.id, req.query)));

  app.get('/:id/workers/:workerId/work-status', {
    schema: {
      tags, summary: 'One worker\'s work status on a day (default today; audited)', params: WorkerId, querystring: Type.Object({ date: Type.Optional(DateString) }),
      response: { 200: Type.Object({ date: Type.String(), ...WorkStatusSchema.properties }), ...errorResponses },
    },
  }, async (req) => workerWorkStatus(db, actorOf(req), req.params.id, req.params.workerId, req.query.date));

  app.get('/:id/f0', {
    schema: {
      tags, summary: 'Workers who are F0 (open, or confirmed in the last N days to the date; default the latest confirmation day) with their traced contacts grouped by edge kind (F1, F2) and the F0 checklist (audited)',
      params: Id, querystring: Type.Object({ date: Type.Optional(DateString), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })) }),
      response: { 200: F0ViewSchema, ...errorResponses },
    },
  }, async (req) => f0View(db, actorOf(req), req.params.id, req.query));

  app.put('/:id/f0/:caseId/checklist/:itemKey', {
    schema: {
      tags, summary: 'Ticks or unticks an item of an F0 event\'s checklist (who, when, note; audited)', params: CheckParams,
      body: Type.Object({ done: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), doneOn: Type.Optional(Nullable(DateString)) }),
      response: { 200: ChecklistSchema, ...errorResponses },
    },
  }, async (req) => setCheck(db, actorOf(req), req.params.id, req.params.caseId, req.params.itemKey, req.body));
};
