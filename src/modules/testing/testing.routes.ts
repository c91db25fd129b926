import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, Nullable, PageQuery, errorResponses } from '../../server/schemas.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { Errors } from '../../server/errors.ts';
import { importLabResults, importReport } from './testing.import.ts';
import { communesOf, lookupUnits } from '../places/places.service.ts';
import { capacityReport } from './testing.capacity.ts';
import { addUnit, decideRegistration, listRegistrations, listUnits, register } from './testing.units.ts';
import { createSchedule, dayPlan, endSchedule, startScheduledRound } from './testing.schedule.ts';
import { closeRound, createRound, listRetests, listRounds, missingPeople, recordPoolResult, recordSampling, roundDetail } from './testing.service.ts';
import { enterpriseWorkshops } from './testing.targets.ts';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Method = Type.Union([Type.Literal('rt_pcr'), Type.Literal('rt_pcr_pool'), Type.Literal('rapid_antigen')]);
const TargetKind = Type.Union(['lockdown_zone', 'commune', 'village', 'enterprise', 'workshop', 'facility', 'list'].map((k) => Type.Literal(k)));
const Round = Type.Object({
  id: Type.Integer(), code: Type.String(), targetKind: Type.String(), targetOrgId: Nullable(Type.Integer()), targetZoneId: Nullable(Type.Integer()), targetLabel: Type.String(), scheduledOn: Type.String(),
  teamOrgId: Nullable(Type.Integer()), method: Type.String(), riskLevel: Nullable(Type.String()), poolSize: Nullable(Type.Integer()), status: Type.String(),
  districtCode: Nullable(Type.String()), communeCode: Nullable(Type.String()), expected: Type.Integer(), sampled: Type.Integer(), missing: Type.Integer(),
  unexpected: Type.Integer(), results: Type.Record(Type.String(), Type.Integer()),
  pools: Type.Array(Type.Object({
    id: Type.Integer(), barcode: Type.String(), size: Type.Integer(), members: Type.Integer(), takenOn: Type.String(), result: Nullable(Type.String()),
    resultedOn: Nullable(Type.String()), awaitingRetest: Type.Integer(), status: Type.String(),
  })),
});

export const testingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds', {
    schema: { tags: ['testing'], summary: 'Sampling rounds (paged)', querystring: Type.Object({ ...PageQuery, date: Type.Optional(DateString), status: Type.Optional(Type.String()) }) },
  }, async (req) => listRounds(app.ctx.db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 }));

  app.post('/rounds', {
    schema: {
      tags: ['testing'], summary: 'Creates a sampling round with its expected people (a commune, a village, an enterprise, a workshop, a facility or a list)',
      body: Type.Object({
        targetKind: TargetKind, targetOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), targetZoneId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), communeCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{5}$' }))),
        village: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'A village round: the thôn / tổ dân phố of communeCode (the address before its first comma, case aside)' }))),
        workshop: Type.Optional(Nullable(Type.String({ maxLength: 200, description: 'A workshop round: the workshop of the enterprise targetOrgId' }))),
        shift: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'A workshop round: one shift of the workshop (none: every shift)' }))),
        targetLabel: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), personIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50_000 })),
        scheduledOn: DateString, teamOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), method: Method,
        riskLevel: Type.Optional(Nullable(Type.Union([Type.Literal('high'), Type.Literal('low')]))), poolSize: Type.Optional(Nullable(Type.Integer())),
      }),
      response: { 201: Round, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createRound(app.ctx.db, actorOf(req), req.body)));

  app.get('/targets/workshops', {
    schema: {
      tags: ['testing'], summary: "An enterprise's workshops and shifts, with the people working in each on a day (default today), for a workshop round",
      querystring: Type.Object({ enterpriseId: Type.Integer({ minimum: 1 }), on: Type.Optional(DateString) }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            workshop: Type.String(), shift: Nullable(Type.String()), start: Nullable(Type.String()), end: Nullable(Type.String()), groupId: Type.Integer(), people: Type.Integer(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => enterpriseWorkshops(app.ctx.db, actorOf(req), req.query));

  app.get('/rounds/:id', {
    schema: { tags: ['testing'], summary: 'A round with its counts, results and pools (status, members awaiting re-test)', params: IdParams, response: { 200: Round, ...errorResponses } },
  }, async (req) => roundDetail(app.ctx.db, actorOf(req), req.params.id));

  app.get('/rounds/:id/missing', {
    schema: {
      tags: ['testing'], summary: 'Expected people not sampled yet (paged, audited); q finds one by name, accents optional, or id',
      params: IdParams, querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })) }),
    },
  }, async (req) => missingPeople(app.ctx.db, actorOf(req), req.params.id, req.query.page ?? 1, req.query.pageSize ?? 50, req.query.q));

  app.post('/rounds/:id/samples', {
    schema: {
      tags: ['testing'], summary: 'Records a person sampled in the round with the tube or pool barcode',
      params: IdParams, body: Type.Object({ personId: Type.Integer({ minimum: 1 }), barcode: Type.String({ maxLength: 60 }), takenOn: Type.Optional(DateString) }),
      response: { 201: Type.Object({ id: Type.Integer(), poolId: Nullable(Type.Integer()), barcode: Type.String(), retestId: Nullable(Type.Integer()) }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordSampling(app.ctx.db, actorOf(req), req.params.id, req.body)));

  app.post('/rounds/:id/close', {
    schema: { tags: ['testing'], summary: 'Closes a round (no more sampling)', params: IdParams, response: { 200: Round, ...errorResponses } },
  }, async (req) => closeRound(app.ctx.db, actorOf(req), req.params.id));

  app.put('/pools/:id/result', {
    schema: {
      tags: ['testing'], summary: "Sets a pool's result: negative clears its members, positive or invalid opens an individual re-test for each",
      params: IdParams,
      body: Type.Object({
        result: Type.Union([Type.Literal('negative'), Type.Literal('positive'), Type.Literal('invalid')]), resultedOn: DateString,
        ct: Type.Optional(Nullable(Type.Number())), lab: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
      }),
      response: { 200: Type.Object({ retests: Type.Integer(), cleared: Type.Integer() }), ...errorResponses },
    },
  }, async (req) => recordPoolResult(app.ctx.db, actorOf(req), req.params.id, req.body));

  app.get('/retests', {
    schema: {
      tags: ['testing'], summary: 'Individual re-test tasks (from positive or invalid pools, invalid results, rapid positives)',
      querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('sampled'), Type.Literal('resolved')])), roundId: Type.Optional(Type.Integer()) }),
    },
  }, async (req) => listRetests(app.ctx.db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }));

  app.post('/lab-results', {
    schema: {
      tags: ['testing'], summary: "Imports a lab's result file (CSV or XLSX): all rows or none, or each valid row; a file already applied changes nothing",
      consumes: [XLSX_MIME, 'text/csv', 'application/octet-stream'],
      querystring: Type.Object({
        mode: Type.Union([Type.Literal('all_or_nothing'), Type.Literal('per_row')], { default: 'all_or_nothing' }), fileName: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: {
        200: Type.Object({
          importId: Nullable(Type.Integer()), duplicateOf: Nullable(Type.Integer()), status: Type.Union([Type.Literal('applied'), Type.Literal('rejected')]),
          total: Type.Integer(), applied: Type.Integer(), unchanged: Type.Integer(), rejected: Type.Integer(), cleared: Type.Integer(), retests: Type.Integer(),
          caseIds: Type.Array(Type.Integer()), issues: Type.Array(Type.Unknown()),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw Errors.badFile({ vi: 'gửi tệp .csv hoặc .xlsx làm nội dung yêu cầu', en: 'send the .csv or .xlsx file as the request body' });
    return importLabResults(app.ctx.db, actorOf(req), req.body, { mode: req.query.mode ?? 'all_or_nothing', fileName: req.query.fileName });
  });

  app.get('/lab-imports/:id/report.xlsx', {
    schema: { tags: ['testing'], summary: 'The per-row error report of a lab file import', params: IdParams },
  }, async (req, reply) => reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="bao-cao-loi-nhap-ket-qua-${req.params.id}.xlsx"`)
    .send(await importReport(app.ctx.db, actorOf(req), req.params.id)));

  const ScheduleTarget = Type.Union([Type.Literal('commune'), Type.Literal('enterprise'), Type.Literal('facility'), Type.Literal('lockdown_zone')]);
  app.post('/schedules', {
    schema: {
      tags: ['testing'], summary: 'Creates a recurring screening schedule (every N days) for a commune, an enterprise or a facility',
      body: Type.Object({
        targetKind: ScheduleTarget, targetOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), targetZoneId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))), communeCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{5}$' }))),
        everyDays: Type.Integer(), startsOn: DateString, endsOn: Type.Optional(Nullable(DateString)), method: Method,
        riskLevel: Type.Optional(Nullable(Type.Union([Type.Literal('high'), Type.Literal('low')]))), teamOrgId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
      }),
      response: { 201: Type.Object({ id: Type.Integer(), targetLabel: Type.String() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createSchedule(app.ctx.db, actorOf(req), req.body)));

  app.post('/schedules/:id/end', {
    schema: {
      tags: ['testing'], summary: 'Ends a screening schedule on a date', params: IdParams, body: Type.Object({ endsOn: DateString }),
      response: { 200: Type.Object({ id: Type.Integer(), endsOn: Type.String() }), ...errorResponses },
    },
  }, async (req) => endSchedule(app.ctx.db, actorOf(req), req.params.id, req.body.endsOn));

  app.get('/plan', {
    schema: {
      tags: ['testing'], summary: "The day's screening plan: schedules due, done and overdue (with days late)",
      querystring: Type.Object({ date: Type.Optional(DateString) }),
      response: {
        200: Type.Object({
          date: Type.String(), counts: Type.Object({ due: Type.Integer(), overdue: Type.Integer(), done: Type.Integer() }),
          items: Type.Array(Type.Object({
            scheduleId: Type.Integer(), targetKind: Type.String(), targetOrgId: Nullable(Type.Integer()), targetZoneId: Nullable(Type.Integer()), targetLabel: Type.String(), everyDays: Type.Integer(),
            method: Type.String(), riskLevel: Nullable(Type.String()), lastRoundOn: Nullable(Type.String()), roundToday: Nullable(Type.Integer()),
            status: Type.Union([Type.Literal('due'), Type.Literal('done'), Type.Literal('overdue'), Type.Literal('not_due')]), dueOn: Nullable(Type.String()), daysLate: Type.Integer(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => dayPlan(app.ctx.db, actorOf(req), req.query));

  app.post('/schedules/:id/rounds', {
    schema: {
      tags: ['testing'], summary: "Starts a schedule's round for a day (its target's people as of now)", params: IdParams, body: Type.Object({ date: DateString }),
      response: { 201: Round, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await startScheduledRound(app.ctx.db, actorOf(req), req.params.id, req.body.date)));

  app.get('/capacity', {
    schema: {
      tags: ['testing'], summary: 'Tubes taken and resulted per day against lab capacity, the backlog at the end of each day and turnaround per lab',
      querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString) }),
      response: {
        200: Type.Object({
          from: Type.String(), to: Type.String(), totalCapacity: Nullable(Type.Number()),
          labs: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), capacityPerDay: Nullable(Type.Number()) })),
          days: Type.Array(Type.Object({
            date: Type.String(), taken: Type.Integer(), resulted: Type.Integer(), backlog: Type.Integer(), overCapacity: Type.Boolean(),
            labs: Type.Array(Type.Object({
              lab: Nullable(Type.String()), resulted: Type.Integer(), avgTurnaroundDays: Type.Number(), capacityPerDay: Nullable(Type.Number()), overCapacity: Type.Boolean(),
            })),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => capacityReport(app.ctx.db, actorOf(req), req.query));

  const UnitKind = Type.Union([Type.Literal('lab'), Type.Literal('hospital'), Type.Literal('private_clinic'), Type.Literal('sampling_team')]);
  const UnitFields = {
    kind: UnitKind, name: Type.String({ minLength: 1, maxLength: 200 }), communeCode: Type.String({ pattern: '^\\d{5}$' }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 300 }))), capacityPerDay: Type.Optional(Nullable(Type.Integer())),
  };
  app.get('/units', {
    schema: {
      tags: ['testing'], summary: 'Labs, hospitals, private clinics and sampling teams of the province', querystring: Type.Object({ kind: Type.Optional(UnitKind) }),
      response: {
        200: Type.Array(Type.Object({
          id: Type.Integer(), kind: Type.String(), name: Type.String(), communeCode: Nullable(Type.String()), communeName: Nullable(Type.String()),
          address: Nullable(Type.String()), capacityPerDay: Nullable(Type.Number()), users: Type.Integer(),
        })),
        ...errorResponses,
      },
    },
  }, async (req) => listUnits(app.ctx.db, actorOf(req), req.query));

  app.post('/units', {
    schema: {
      tags: ['testing'], summary: 'Adds a lab, hospital, private clinic or sampling team (province admin); its users are added on the users page',
      body: Type.Object({ ...UnitFields, contactName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))) }),
      response: { 201: Type.Object({ id: Type.Integer(), kind: Type.String(), name: Type.String() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addUnit(app.ctx.db, actorOf(req), req.body)));

  app.get('/unit-registrations', {
    schema: {
      tags: ['testing'], summary: 'Requests of units to take part (province admin)',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')])) }),
      response: {
        200: Type.Array(Type.Object({
          id: Type.Integer(), kind: Type.String(), name: Type.String(), communeCode: Type.String(), address: Nullable(Type.String()), capacityPerDay: Nullable(Type.Integer()),
          contactName: Type.String(), contactPhone: Type.String(), username: Type.String(), status: Type.String(), decisionNote: Nullable(Type.String()),
          orgUnitId: Nullable(Type.Integer()), createdAt: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }),
        })),
        ...errorResponses,
      },
    },
  }, async (req) => listRegistrations(app.ctx.db, actorOf(req), req.query));

  app.post('/unit-registrations/:id/decision', {
    schema: {
      tags: ['testing'], summary: 'Approves (creating the unit and its first user) or refuses (with a reason) a request',
      params: IdParams, body: Type.Object({ approve: Type.Boolean(), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))) }),
      response: { 200: Type.Object({ id: Type.Integer(), status: Type.String(), orgUnitId: Nullable(Type.Integer()) }), ...errorResponses },
    },
  }, async (req) => decideRegistration(app.ctx.db, actorOf(req), req.params.id, req.body));

  // Public: a unit asks to take part, without an account.
  app.post('/unit-registrations', {
    config: { rateLimit: { max: 10, timeWindow: '1 hour', errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) => Errors.rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000))) } },
    schema: {
      tags: ['testing'], summary: 'A lab, hospital, clinic or sampling team asks to take part (no sign-in; the province approves)', security: [],
      body: Type.Object({
        ...UnitFields, contactName: Type.String({ minLength: 1, maxLength: 200 }), contactPhone: Type.String({ maxLength: 20 }),
        username: Type.String({ maxLength: 50 }), password: Type.String({ maxLength: 200 }),
      }),
      response: { 201: Type.Object({ id: Type.Integer(), status: Type.Literal('pending') }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await register(app.ctx.db, { ...req.body, provinceCode: app.ctx.config.provinceCode })));

  // Public: the province's districts and communes for the registration form (reference data, nothing personal).
  app.get('/unit-registrations/areas', {
    schema: {
      tags: ['testing'], summary: "The province's districts and their communes, for the public registration form", security: [],
      response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), communes: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) })) },
    },
  }, async () => {
    const communes = await communesOf(app.ctx.db, app.ctx.config.provinceCode);
    const districts = await lookupUnits(app.ctx.db, [...new Set(communes.map((c) => c.parent_code).filter((d): d is string => !!d))]);
    return [...districts.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((d) => ({
      code: d.code, name: d.name,
      communes: communes.filter((c) => c.parent_code === d.code).sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((c) => ({ code: c.code, name: c.name })),
    }));
  });
};
