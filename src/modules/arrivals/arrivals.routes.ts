import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { vnDate } from '../../lib/time.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { MEANS } from './arrivals.core.ts';
import { importArrivals, importErrorReport } from './arrivals.import.ts';
import { ARRIVAL_ACTIONS, ARRIVAL_CATEGORIES, ORIGIN_LEVELS } from './arrivals.rules.ts';
import { ArrivalRule } from './arrivals.schemas.ts';
import { applyArrival, exportArrivals, getArrival, listArrivalRules, listArrivals, logArrival, searchArrivalPeople } from './arrivals.service.ts';
import { arrivalTemplate } from './arrivals.xlsx.ts';
import { CHECKPOINT_STATUSES, checkpointsGeoJson, createCheckpoint, getCheckpoint, listCheckpoints, updateCheckpoint } from './checkpoints.service.ts';
import { CALL_OUTCOMES, SYMPTOMS } from './declarations.domain.ts';
import { callHistory, listCalls, provinceList, recordCall, submitDeclaration } from './declarations.service.ts';

const tags = ['arrivals'];
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Str = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
const Localised = Type.Object({ vi: Type.String(), en: Type.String() });

const Checkpoint = Type.Object({
  id: Type.Integer(), name: Type.String(), districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()), communeCode: Nullable(Type.String()), communeName: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()), road: Nullable(Type.String()), lat: Nullable(Type.Number()), lon: Nullable(Type.Number()), status: Type.String(),
  staff: Type.Array(Type.Object({ name: Type.String(), phone: Nullable(Type.String()), unit: Nullable(Type.String()) })),
  shifts: Type.Array(Type.Object({ name: Type.String(), start: Type.String(), end: Type.String() })),
});
const CheckpointBody = Type.Object({
  name: Type.String({ maxLength: 200 }), districtCode: Type.String({ pattern: '^\\d{3}$' }), communeCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{5}$' }))),
  addressDetail: Str(300), road: Str(200), lat: Type.Optional(Nullable(Type.Number())), lon: Type.Optional(Nullable(Type.Number())), status: Type.Optional(oneOf(CHECKPOINT_STATUSES)),
  staff: Type.Optional(Type.Array(Type.Object({ name: Type.String({ maxLength: 100 }), phone: Str(20), unit: Str(100) }), { maxItems: 100 })),
  shifts: Type.Optional(Type.Array(Type.Object({ name: Type.String({ maxLength: 50 }), start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) }), { maxItems: 10 })),
});

const Arrival = Type.Object({
  id: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), dateOfBirth: Nullable(Type.String()), nationalId: Nullable(Type.String()), phone: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()), source: Type.String(), checkpointId: Nullable(Type.Integer()), checkpointName: Nullable(Type.String()), arrivedAt: Type.String(), arrivalDate: Type.String(),
  originProvinceCode: Type.String(), originProvinceName: Nullable(Type.String()), originDistrictCode: Nullable(Type.String()), originDistrictName: Nullable(Type.String()),
  originLevel: Type.String(), means: Type.String(), purpose: Nullable(Type.String()), districtCode: Type.String(), districtName: Nullable(Type.String()), communeCode: Type.String(),
  communeName: Nullable(Type.String()), destAddress: Nullable(Type.String()), category: Type.String(), vehiclePlate: Nullable(Type.String()), route: Nullable(Type.String()),
  testType: Nullable(Type.String()), testAt: Nullable(Type.String()), ruleCode: Type.String(), action: Type.String(), actionDays: Nullable(Type.Integer()),
  actionHours: Nullable(Type.Integer()), actionStatus: Type.String(), quarantineOrderId: Nullable(Type.Integer()),
});
const ArrivalBody = Type.Object({
  person: Type.Object({
    personId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), fullName: Str(100), sex: Type.Optional(Nullable(oneOf(['male', 'female', 'other']))),
    dateOfBirth: Type.Optional(Nullable(DateString)), nationalId: Str(12), phone: Str(20),
  }),
  checkpointId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), arrivedAt: Str(40),
  originProvinceCode: Type.String({ pattern: '^\\d{2}$' }), originDistrictCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{3}$' }))), originLevel: oneOf(ORIGIN_LEVELS),
  means: oneOf(MEANS), purpose: Str(200), communeCode: Type.String({ pattern: '^\\d{5}$' }), destAddress: Str(300), category: oneOf(ARRIVAL_CATEGORIES),
  vehiclePlate: Str(20), route: Str(500), testType: Type.Optional(Nullable(oneOf(['rt_pcr', 'rapid']))), testAt: Str(40),
});
const ArrivalFilters = {
  from: Type.Optional(DateString), to: Type.Optional(DateString), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  checkpointId: Type.Optional(Type.Integer({ minimum: 1 })), originLevel: Type.Optional(oneOf(ORIGIN_LEVELS)), category: Type.Optional(oneOf(ARRIVAL_CATEGORIES)),
  action: Type.Optional(oneOf(ARRIVAL_ACTIONS)), actionStatus: Type.Optional(oneOf(['none', 'pending', 'applied'])), q: Type.Optional(Type.String({ maxLength: 100 })),
};
const Issue = Type.Object({ field: Type.String(), code: Type.String(), message: Localised, row: Type.Optional(Type.Integer()) });

const Call = Type.Object({
  id: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), dateOfBirth: Nullable(Type.String()), nationalId: Nullable(Type.String()), phone: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()), districtCode: Type.String(), communeCode: Type.String(), communeName: Nullable(Type.String()), declaredAt: Type.String(),
  symptoms: Type.Array(Type.String()), contactF0: Type.Boolean(), visitedOutbreak: Type.Boolean(), travelProvinceCode: Nullable(Type.String()), travelProvinceName: Nullable(Type.String()),
  reasons: Type.Array(Type.String()), callStatus: Type.String(), callAttempts: Type.Integer(), lastCalledAt: Nullable(Type.String()),
});

export const arrivalsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const xlsx = (reply: FastifyReply, name: string, file: Buffer) => reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${name}"`).send(file);

  // ---- the form's register search
  app.get('/people', {
    schema: {
      tags, summary: 'The arrival form\'s register search: name (accents optional), or the start of an ID number or phone; 10 at most, masked per role',
      querystring: Type.Object({ q: Type.String({ maxLength: 100 }) }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({
          id: Type.Integer(), fullName: Type.String(), sex: Type.String(), dateOfBirth: Nullable(Type.String()), nationalId: Nullable(Type.String()), phone: Nullable(Type.String()),
          communeCode: Type.String(), communeName: Nullable(Type.String()), districtCode: Type.String(), districtName: Nullable(Type.String()), addressDetail: Nullable(Type.String()),
        })) }),
        ...errorResponses,
      },
    },
  }, async (req) => ({ items: await searchArrivalPeople(db, actorOf(req), req.query.q) }));

  // ---- checkpoints
  app.get('/checkpoints', {
    schema: {
      tags, summary: 'Checkpoints of the area (a commune: its district\'s)',
      querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })), status: Type.Optional(oneOf(CHECKPOINT_STATUSES)) }),
      response: { 200: paged(Checkpoint), ...errorResponses },
    },
  }, async (req) => listCheckpoints(db, actorOf(req), req.query));

  app.get('/checkpoints/map', {
    schema: {
      tags, summary: 'Located checkpoints as GeoJSON points with their arrivals in the 7 days to `date` (the situation map\'s layer; no one named)',
      querystring: Type.Object({ date: Type.Optional(DateString) }),
    },
  }, async (req) => checkpointsGeoJson(db, actorOf(req), req.query.date ?? vnDate()));

  app.get('/checkpoints/:id', { schema: { tags, summary: 'One checkpoint', params: Id, response: { 200: Checkpoint, ...errorResponses } } },
    async (req) => getCheckpoint(db, actorOf(req), req.params.id));
  app.post('/checkpoints', { schema: { tags, summary: 'Adds a checkpoint (checkpoint:manage, a district of the area)', body: CheckpointBody, response: { 201: Checkpoint, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createCheckpoint(db, actorOf(req), req.body)));
  app.put('/checkpoints/:id', { schema: { tags, summary: 'Edits a checkpoint: place, road, status, staff, shifts (audited with before/after)', params: Id, body: CheckpointBody, response: { 200: Checkpoint, ...errorResponses } } },
    async (req) => updateCheckpoint(db, actorOf(req), req.params.id, req.body));

  // ---- arrivals
  app.get('/', {
    schema: {
      tags, summary: 'Arrivals going to the area or logged at its checkpoints (personal fields masked per role; audited)',
      querystring: Type.Object({ ...PageQuery, ...ArrivalFilters }),
      response: {
        200: Type.Object({ ...paged(Arrival).properties, counts: Type.Object({ total: Type.Integer(), fromEpidemic: Type.Integer(), drivers: Type.Integer(), postal: Type.Integer(), pending: Type.Integer() }) }),
        ...errorResponses,
      },
    },
  }, async (req) => listArrivals(db, actorOf(req), req.query));

  app.post('/', {
    schema: {
      tags, summary: 'Logs an arrival at a checkpoint or for a commune; the arrival rule in force gives its measure, and the order is made when the user may',
      body: ArrivalBody,
      response: {
        201: Type.Object({ arrival: Arrival, decision: Type.Object({ action: Type.String(), days: Nullable(Type.Integer()), hours: Nullable(Type.Integer()), reason: Localised }), applyIssues: Type.Array(Issue) }),
        ...errorResponses,
      },
    },
  }, async (req, reply) => reply.code(201).send(await logArrival(db, actorOf(req), req.body)));

  app.get('/export.xlsx', { schema: { tags, summary: 'The filtered arrivals as XLSX (the import template\'s columns; masked per role; audited)', querystring: Type.Object(ArrivalFilters) } },
    async (req, reply) => xlsx(reply, `nguoi-den-${vnDate()}.xlsx`, await exportArrivals(db, actorOf(req), req.query)));
  app.get('/template.xlsx', { schema: { tags, summary: 'The template of a commune\'s arrivals list' } },
    async (_req, reply) => xlsx(reply, 'mau-danh-sach-nguoi-den.xlsx', await arrivalTemplate()));
  app.post('/import', {
    schema: {
      tags, summary: 'Imports a commune\'s arrivals (.xlsx): dryRun previews, else all or nothing; each row checked like one logged on screen',
      consumes: [XLSX_MIME], querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
      response: {
        200: Type.Object({ dryRun: Type.Boolean(), total: Type.Integer(), created: Type.Integer(), issues: Type.Array(Issue), actions: Type.Object({ centralized: Type.Integer(), home: Type.Integer(), test: Type.Integer() }) }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
    return importArrivals(db, actorOf(req), req.body, req.query);
  });
  app.post('/import/report.xlsx', {
    schema: {
      tags, summary: 'The error report of an arrivals file as XLSX (row, column, code, vi and en message), checked like the dry run; writes nothing',
      consumes: [XLSX_MIME],
    },
  }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
    const r = await importErrorReport(db, actorOf(req), req.body);
    return xlsx(reply.header('x-issue-count', String(r.issues)), `bao-cao-loi-nhap-nguoi-den-${vnDate()}.xlsx`, r.xlsx);
  });
  app.get('/rules', { schema: { tags, summary: 'Arrival rule versions (built in and the province\'s)', response: { 200: Type.Array(ArrivalRule), ...errorResponses } } },
    async (req) => listArrivalRules(db, actorOf(req)));

  // ---- the call list of abnormal health declarations
  app.get('/calls', {
    schema: {
      tags, summary: 'The call list of abnormal health declarations: still to call first (audited)',
      querystring: Type.Object({
        ...PageQuery, view: Type.Optional(oneOf(['to_call', 'done', 'all'])), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
        communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })), from: Type.Optional(DateString), to: Type.Optional(DateString), q: Type.Optional(Type.String({ maxLength: 100 })),
      }),
      response: { 200: Type.Object({ ...paged(Call).properties, counts: Type.Object({ toCall: Type.Integer(), notReached: Type.Integer(), done: Type.Integer() }) }), ...errorResponses },
    },
  }, async (req) => listCalls(db, actorOf(req), { ...req.query, view: req.query.view ?? 'to_call' }));
  app.post('/calls/:id', {
    schema: {
      tags, summary: 'Records a call\'s outcome; not reached stays on the list; referred to testing gives the community team a visit',
      params: Id, body: Type.Object({ outcome: oneOf(CALL_OUTCOMES), note: Str(500) }),
      response: { 200: Type.Object({ id: Type.Integer(), callId: Type.Integer(), callStatus: Type.String(), callAttempts: Type.Integer() }), ...errorResponses },
    },
  }, async (req) => recordCall(db, actorOf(req), req.params.id, req.body));
  app.get('/calls/:id/attempts', {
    schema: {
      tags, summary: 'The calls made about a declaration', params: Id,
      response: { 200: Type.Array(Type.Object({ id: Type.Integer(), outcome: Type.String(), note: Nullable(Type.String()), calledAt: Type.String(), calledBy: Nullable(Type.String()) })), ...errorResponses },
    },
  }, async (req) => callHistory(db, actorOf(req), req.params.id));

  app.get('/:id', { schema: { tags, summary: 'One arrival (audited read)', params: Id, response: { 200: Arrival, ...errorResponses } } },
    async (req) => getArrival(db, actorOf(req), req.params.id));
  app.post('/:id/apply', { schema: { tags, summary: 'Carries out a pending measure: the quarantine or home-monitoring order, or the test marked done', params: Id, response: { 200: Arrival, ...errorResponses } } },
    async (req) => applyArrival(db, actorOf(req), req.params.id));
};

const tooMany = (_req: FastifyRequest, ctx: { ttl: number }) => Errors.rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000)));

/** The public health declaration (no sign-in), rate-limited per address like QR check-in. */
export const declarationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  app.post('/', {
    schema: {
      tags, summary: 'Submits a health declaration (public): abnormal answers put it on the commune\'s call list', security: [],
      body: Type.Object({
        fullName: Type.String({ minLength: 1, maxLength: 100 }), phone: Type.String({ minLength: 1, maxLength: 20 }), dateOfBirth: Type.Optional(DateString),
        sex: Type.Optional(oneOf(['male', 'female', 'other'])), communeCode: Type.String({ pattern: '^\\d{5}$' }),
        symptoms: Type.Array(oneOf(SYMPTOMS), { maxItems: 10 }), contactF0: Type.Boolean(), visitedOutbreak: Type.Boolean(),
        travelProvinceCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{2}$' }))), travelEpidemic: Type.Optional(Type.Boolean()),
      }),
      response: { 201: Type.Object({ id: Type.Integer(), abnormal: Type.Boolean(), reasons: Type.Array(Type.String()) }), ...errorResponses },
    },
    config: { rateLimit: { max: config.checkinRateLimit.signupPerIp, timeWindow: '1 minute', errorResponseBuilder: tooMany } },
  }, async (req, reply) => reply.code(201).send(await submitDeclaration(db, config, req.body, { ip: req.ip })));

  app.get('/provinces', {
    schema: { tags, summary: 'The provinces, for the travel question of the declaration (public)', security: [], response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) } },
  }, async () => provinceList(db));
};
