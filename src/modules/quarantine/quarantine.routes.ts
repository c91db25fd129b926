import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, Nullable, PageQuery, errorResponses, oneOf } from '../../server/schemas.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { Errors } from '../../server/errors.ts';
import {
  addRooms, confirmPlacement, createOrder, facilityRooms, listFacilities, listOrders, occupancy, saveFacility, suggestRooms,
} from './quarantine.service.ts';
import { amendOrder } from './quarantine.amend.ts';
import { importOrders, ordersTemplate } from './quarantine.import.ts';
import { completeTask, homeMonitoringList, listTasks, recordHomeCheck } from './quarantine.home.ts';
import { releaseCertificates, releaseList, releaseOrders, testSchedule, testScheduleSheet } from './quarantine.release.ts';

const lit = (...values: string[]) => oneOf(values);
const FacilityKind = lit('quarantine', 'treatment');
const RiskGroup = Type.Union([Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]);
const EdgeKind = Type.Union([
  Type.Literal('household'), Type.Literal('room'), Type.Literal('workshop_shift'), Type.Literal('bus_route'), Type.Literal('venue'), Type.Literal('manual'),
]);
const Localised = Type.Object({ vi: Type.String(), en: Type.String() });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const FacilitySchema = Type.Object({
  id: Type.Integer(), name: Type.String(), kind: Type.String(), category: Type.String(), level: Nullable(Type.String()), tier: Nullable(Type.Integer()),
  status: Type.String(), districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()), communeCode: Nullable(Type.String()),
  address: Nullable(Type.String()), capacity: Type.Integer(), used: Type.Integer(), free: Type.Integer(), percent: Nullable(Type.Number()),
  alert: Type.Union([Type.Literal('normal'), Type.Literal('warning'), Type.Literal('critical')]), warnPercent: Type.Integer(), criticalPercent: Type.Integer(),
  beds: Type.Object({ normal: Type.Integer(), oxygen: Type.Integer(), icu: Type.Integer() }), rooms: Type.Integer(),
  staffName: Nullable(Type.String()), staffPhone: Nullable(Type.String()),
});
const Totals = Type.Object({ facilities: Type.Integer(), capacity: Type.Integer(), used: Type.Integer(), free: Type.Integer(), percent: Nullable(Type.Number()) });
const ByKind = Type.Object({ quarantine: Totals, treatment: Totals });
const SourceSchema = Type.Object({ personId: Type.Integer(), kind: EdgeKind, groupId: Nullable(Type.Integer()), date: DateString });

export const facilitiesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: {
      tags: ['quarantine'], summary: 'Quarantine and treatment facilities with live occupancy and capacity alerts',
      querystring: Type.Object({ kind: Type.Optional(FacilityKind), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })) }),
      response: { 200: Type.Array(FacilitySchema), ...errorResponses },
    },
  }, async (req) => listFacilities(app.ctx.db, actorOf(req), req.query));

  app.get('/occupancy', {
    schema: {
      tags: ['quarantine'], summary: 'Occupancy per district and for the province, and the facilities over their alert thresholds',
      response: {
        200: Type.Object({
          province: ByKind, districts: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...ByKind.properties })),
          alerts: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), alert: Type.String(), percent: Nullable(Type.Number()) })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => occupancy(app.ctx.db, actorOf(req)));

  app.put('/:id', {
    schema: {
      tags: ['quarantine'], summary: 'Sets the facility details of a quarantine or treatment org unit', params: IdParams,
      body: Type.Object({
        kind: Type.Union([Type.Literal('quarantine'), Type.Literal('treatment')]), category: lit('school', 'dormitory', 'barracks', 'hotel', 'hospital', 'field_hospital', 'other'),
        level: Type.Optional(Nullable(lit('province', 'district', 'commune'))), tier: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3 }))),
        status: Type.Optional(lit('open', 'full', 'closed', 'disinfecting')), capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
        beds: Type.Optional(Type.Object({
          normal: Type.Optional(Type.Integer({ minimum: 0 })), oxygen: Type.Optional(Type.Integer({ minimum: 0 })), icu: Type.Optional(Type.Integer({ minimum: 0 })),
        })),
        staffName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), staffPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
        warnPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })), criticalPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
      }),
      response: { 200: Nullable(FacilitySchema), ...errorResponses },
    },
  }, async (req) => saveFacility(app.ctx.db, actorOf(req), req.params.id, req.body));

  app.get('/:id/rooms', {
    schema: {
      tags: ['quarantine'], summary: 'A facility with its rooms, their occupancy and the risk group each holds', params: IdParams,
      response: {
        200: Type.Object({
          facility: FacilitySchema,
          rooms: Type.Array(Type.Object({
            id: Type.Integer(), zone: Nullable(Type.String()), label: Type.String(), capacity: Type.Integer(), used: Type.Integer(), free: Type.Integer(),
            riskGroups: Type.Array(RiskGroup),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => facilityRooms(app.ctx.db, actorOf(req), req.params.id));

  app.post('/:id/rooms', {
    schema: {
      tags: ['quarantine'], summary: 'Adds rooms (optionally in zones) to a quarantine facility', params: IdParams,
      body: Type.Object({
        rooms: Type.Array(Type.Object({
          zone: Type.Optional(Nullable(Type.String({ maxLength: 50 }))), label: Type.String({ minLength: 1, maxLength: 50 }), capacity: Type.Integer({ minimum: 1, maximum: 500 }),
        }), { minItems: 1, maxItems: 2000 }),
      }),
      response: { 201: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String() })), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addRooms(app.ctx.db, actorOf(req), req.params.id, req.body.rooms)));
};

export const quarantineRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/orders', {
    schema: {
      tags: ['quarantine'], summary: 'Quarantine and isolation orders in the user\'s area (paged)',
      querystring: Type.Object({
        ...PageQuery, status: Type.Optional(lit('active', 'released', 'transferred', 'became_case', 'cancelled')),
        kind: Type.Optional(lit('centralized', 'home', 'medical_isolation')), facilityId: Type.Optional(Type.Integer()),
      }),
    },
  }, async (req) => listOrders(app.ctx.db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }));

  app.post('/orders', {
    schema: {
      tags: ['quarantine'], summary: 'Creates an order: dates computed by the rule version in force; an F1 keeps its source F0 and link from tracing',
      body: Type.Object({
        personId: Type.Integer({ minimum: 1 }), kind: lit('centralized', 'home', 'medical_isolation'), subject: lit('f1', 'f2', 'returning_citizen', 'case'),
        startDate: DateString, riskGroup: Type.Optional(Nullable(RiskGroup)), vaccinatedOrRecovered: Type.Optional(Type.Boolean()),
        homeAddress: Type.Optional(Nullable(Type.String({ maxLength: 300 }))), ruleCode: Type.Optional(Nullable(Type.String())),
        ruleReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))), source: Type.Optional(Nullable(SourceSchema)),
        sourceReason: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }),
      response: {
        201: Type.Object({
          id: Type.Integer(), ruleCode: Nullable(Type.String()), source: Nullable(SourceSchema), tracedSource: Nullable(SourceSchema),
          plan: Nullable(Type.Object({
            ruleCode: Type.String(), startDate: Type.String(), lastDay: Nullable(Type.String()), releaseDate: Nullable(Type.String()),
            testDates: Type.Array(Type.String()), homeMonitoringFrom: Nullable(Type.String()), homeMonitoringUntil: Nullable(Type.String()),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req, reply) => reply.code(201).send(await createOrder(app.ctx.db, actorOf(req), req.body)));

  app.post('/placement/suggest', {
    schema: {
      tags: ['quarantine'], summary: 'Suggests rooms for a batch of centralized orders (never mixing risk groups in a room or zone); writes nothing',
      body: Type.Object({
        orderIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 2000 }), facilityIds: Type.Optional(Type.Array(Type.Integer())),
        keepHouseholdsTogether: Type.Optional(Type.Boolean()),
      }),
      response: {
        200: Type.Object({
          placements: Type.Array(Type.Object({ orderId: Type.Integer(), personId: Type.Integer(), facilityId: Type.Integer(), roomId: Type.Integer(), roomLabel: Type.String() })),
          unplaced: Type.Array(Type.Object({ orderId: Type.Integer(), personId: Type.Integer(), reason: Type.String(), message: Localised })),
          splitHouseholds: Type.Array(Type.Integer()),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => suggestRooms(app.ctx.db, actorOf(req), req.body));

  app.post('/placement/confirm', {
    schema: {
      tags: ['quarantine'], summary: 'Places orders in rooms as confirmed; re-checked under lock, all or nothing (409 naming the problem)',
      body: Type.Object({ placements: Type.Array(Type.Object({ orderId: Type.Integer({ minimum: 1 }), roomId: Type.Integer({ minimum: 1 }) }), { minItems: 1, maxItems: 2000 }) }),
      response: { 200: Type.Object({ placed: Type.Integer() }), ...errorResponses },
    },
  }, async (req) => confirmPlacement(app.ctx.db, actorOf(req), req.body));

  const ScheduleQuery = Type.Object({ date: Type.Optional(DateString), facilityId: Type.Optional(Type.Integer({ minimum: 1 })) });
  const ScheduleItem = Type.Object({
    orderId: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), facilityId: Type.Integer(), facilityName: Type.String(),
    roomLabel: Nullable(Type.String()), riskGroup: Nullable(RiskGroup), day: Type.Integer(),
    reasons: Type.Array(Type.Object({ reason: Type.Union([Type.Literal('rule_day'), Type.Literal('screening_cycle')]), label: Localised })),
  });

  app.get('/test-schedule', {
    schema: {
      tags: ['quarantine'], summary: "The day's sampling list per facility: rule test days and the 2/3/4-day screening cycle by risk group",
      querystring: ScheduleQuery,
      response: { 200: Type.Object({ date: Type.String(), items: Type.Array(ScheduleItem) }), ...errorResponses },
    },
  }, async (req) => testSchedule(app.ctx.db, actorOf(req), req.query));

  app.get('/test-schedule.xlsx', {
    schema: { tags: ['quarantine'], summary: 'The sampling list as .xlsx for sampling teams (audited)', querystring: ScheduleQuery },
  }, async (req, reply) => {
    const s = await testSchedule(app.ctx.db, actorOf(req), req.query);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="lich-lay-mau-${s.date}.xlsx"`).send(await testScheduleSheet(s.date, s.items));
  });

  const ReleaseStatus = Type.Union([Type.Literal('due'), Type.Literal('held'), Type.Literal('positive'), Type.Literal('waiting_for_source')]);
  app.get('/release', {
    schema: {
      tags: ['quarantine'], summary: "The day's release list: people whose stay ends by the date, due or held with the reason",
      querystring: Type.Object({ date: Type.Optional(DateString), facilityId: Type.Optional(Type.Integer({ minimum: 1 })), status: Type.Optional(ReleaseStatus) }),
      response: {
        200: Type.Object({
          date: Type.String(), truncated: Type.Boolean(),
          counts: Type.Object({ due: Type.Integer(), held: Type.Integer(), positive: Type.Integer(), waiting_for_source: Type.Integer() }),
          items: Type.Array(Type.Object({
            orderId: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), facilityId: Nullable(Type.Integer()), facilityName: Nullable(Type.String()),
            roomLabel: Nullable(Type.String()), subject: Type.String(), kind: Type.String(), startDate: Type.String(), releaseDate: Nullable(Type.String()),
            ruleCode: Nullable(Type.String()), status: ReleaseStatus, reason: Nullable(Localised), missing: Type.Array(Type.String()),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => releaseList(app.ctx.db, actorOf(req), req.query));

  app.post('/release', {
    schema: {
      tags: ['quarantine'], summary: 'Releases people on a date: all must be due (required tests negative), else nothing is written (409 naming each)',
      body: Type.Object({ orderIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 2000 }), date: Type.Optional(DateString) }),
      response: { 200: Type.Object({ released: Type.Integer(), orderIds: Type.Array(Type.Integer()) }), ...errorResponses },
    },
  }, async (req) => releaseOrders(app.ctx.db, actorOf(req), req.body));

  app.get('/release/certificates', {
    schema: {
      tags: ['quarantine'], summary: 'Release certificates (.docx, one page per person) for released orders (audited)',
      querystring: Type.Object({ orderIds: Type.String({ pattern: '^\\d+(,\\d+){0,499}$', description: 'comma-separated order ids' }) }),
    },
  }, async (req, reply) => {
    const ids = req.query.orderIds.split(',').map(Number);
    const { buffer } = await releaseCertificates(app.ctx.db, actorOf(req), ids);
    const name = ids.length === 1 ? `giay-xac-nhan-hoan-thanh-cach-ly-${ids[0]}.docx` : `giay-xac-nhan-hoan-thanh-cach-ly-${ids.length}-nguoi.docx`;
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${name}"`).send(buffer);
  });

  app.get('/home-monitoring', {
    schema: {
      tags: ['quarantine'], summary: "People followed at home on a date (home quarantine, F2, after release) with today's check and missed days",
      querystring: Type.Object({ ...PageQuery, date: Type.Optional(DateString), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })), missedOnly: Type.Optional(Type.Boolean()) }),
      response: {
        200: Type.Object({
          date: Type.String(), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
          counts: Type.Object({ people: Type.Integer(), checkedToday: Type.Integer(), abnormalToday: Type.Integer(), withMissedDays: Type.Integer() }),
          items: Type.Array(Type.Object({
            orderId: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), communeCode: Type.String(), phone: Nullable(Type.String()), address: Nullable(Type.String()),
            kind: Type.Union([Type.Literal('home_quarantine'), Type.Literal('f2_monitoring'), Type.Literal('after_release')]), since: Type.String(), until: Nullable(Type.String()),
            day: Type.Integer(),
            today: Nullable(Type.Object({ present: Type.Boolean(), symptoms: Type.Boolean(), temperature: Nullable(Type.Number()), abnormal: Type.Boolean() })),
            missedDays: Type.Array(Type.String()),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => homeMonitoringList(app.ctx.db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }));

  app.post('/orders/:id/checks', {
    schema: {
      tags: ['quarantine'], summary: 'Records the daily check of a person at home; an abnormal one opens a task for the commune health station',
      params: IdParams,
      body: Type.Object({
        date: DateString, present: Type.Boolean(), symptoms: Type.Boolean(), temperature: Type.Optional(Nullable(Type.Number())),
        note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }),
      response: { 201: Type.Object({ id: Type.Integer(), abnormal: Type.Boolean(), taskId: Nullable(Type.Integer()) }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordHomeCheck(app.ctx.db, actorOf(req), req.params.id, req.body)));

  app.get('/tasks', {
    schema: {
      tags: ['quarantine'], summary: "The commune health stations' tasks raised by abnormal home checks",
      querystring: Type.Object({ ...PageQuery, status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done')])), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })) }),
    },
  }, async (req) => listTasks(app.ctx.db, actorOf(req), { ...req.query, page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 50 }));

  app.post('/tasks/:id/done', {
    schema: {
      tags: ['quarantine'], summary: 'Closes a task with what was done', params: IdParams,
      body: Type.Object({ outcome: Type.String({ minLength: 1, maxLength: 1000 }) }),
      response: { 200: Type.Object({ id: Type.Integer(), status: Type.Literal('done') }), ...errorResponses },
    },
  }, async (req) => completeTask(app.ctx.db, actorOf(req), req.params.id, req.body.outcome));

  app.get('/orders/template.xlsx', {
    schema: { tags: ['quarantine'], summary: 'The spreadsheet template for importing quarantine orders' },
  }, async (_req, reply) => reply.header('content-type', XLSX_MIME).header('content-disposition', 'attachment; filename="mau-nhap-quyet-dinh-cach-ly.xlsx"')
    .send(await ordersTemplate()));

  app.post('/orders/import', {
    schema: {
      tags: ['quarantine'], summary: 'Imports an .xlsx of quarantine orders, each checked like one made on screen (all-or-nothing; dryRun validates only)',
      consumes: [XLSX_MIME], querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
      response: {
        200: Type.Object({ dryRun: Type.Boolean(), total: Type.Integer(), created: Type.Integer(), issues: Type.Array(Type.Unknown()) }),
        ...errorResponses,
      },
    },
  }, async (req) => {
    if (!Buffer.isBuffer(req.body)) throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
    return importOrders(app.ctx.db, actorOf(req), req.body, req.query);
  });

  app.patch('/orders/:id', {
    schema: {
      tags: ['quarantine'], summary: "Amends an order in force (source F0 and link, rule version, vaccinated/recovered, risk group) with a reason; dates are recomputed",
      params: IdParams,
      body: Type.Object({
        reason: Type.String({ minLength: 1, maxLength: 500 }), source: Type.Optional(SourceSchema), ruleCode: Type.Optional(Type.String({ maxLength: 40 })),
        vaccinatedOrRecovered: Type.Optional(Type.Boolean()), riskGroup: Type.Optional(RiskGroup),
      }),
      response: { 200: Type.Object({ id: Type.Integer(), changed: Type.Boolean() }), ...errorResponses },
    },
  }, async (req) => amendOrder(app.ctx.db, actorOf(req), req.params.id, req.body));
};
