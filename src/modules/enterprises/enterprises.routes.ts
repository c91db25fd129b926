import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { vnDate } from '../../lib/time.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { importIssuesReport, importWorkers } from './enterprises.import.ts';
import {
  changeOperatingStatus, confirmWorkerList, createEnterprise, getEnterprise, listEnterprises, listParks, staleEnterprises, updateEnterprise,
} from './enterprises.service.ts';
import { getStructure, removeStructureItem, saveBusRoute, saveDormitory, saveShift, saveWorkshop } from './structure.service.ts';
import { createWorker, endEmployment, exportWorkers, getWorker, listWorkers, updateWorker, workerImportTemplate } from './workers.service.ts';

const Status = Type.Union([Type.Literal('operating'), Type.Literal('partial'), Type.Literal('suspended'), Type.Literal('on_site')]);
const Commute = Type.Union([Type.Literal('motorbike'), Type.Literal('bus'), Type.Literal('boarding_house'), Type.Literal('dormitory'), Type.Literal('other')]);
const Str = (max = 200) => Type.String({ maxLength: max });
const OptStr = (max = 200) => Type.Optional(Nullable(Str(max)));

const Enterprise = Type.Object({
  id: Type.Integer(), name: Type.String(), taxCode: Nullable(Type.String()), sector: Nullable(Type.String()), declaredWorkforce: Nullable(Type.Integer()),
  contactName: Nullable(Type.String()), contactPhone: Nullable(Type.String()), parkId: Nullable(Type.Integer()), parkName: Nullable(Type.String()),
  districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()), communeCode: Nullable(Type.String()), communeName: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()), operatingStatus: Status, statusSince: Nullable(Type.String()), workers: Type.Integer(),
  listConfirmedAt: Nullable(Type.String()), daysSinceConfirmed: Nullable(Type.Integer()), stale: Type.Boolean(),
});
const EnterpriseDetail = Type.Object({
  ...Enterprise.properties,
  staleDays: Type.Integer(),
  statusHistory: Type.Array(Type.Object({ id: Type.Integer(), status: Status, effectiveDate: Type.String(), reason: Nullable(Type.String()), createdAt: Type.String(), createdBy: Nullable(Type.String()) })),
});
const EnterpriseBody = Type.Object({
  name: Str(), taxCode: Str(20), sector: OptStr(100), declaredWorkforce: Type.Optional(Nullable(Type.Integer())), contactName: OptStr(100),
  contactPhone: OptStr(20), parkId: Type.Optional(Nullable(Type.Integer())), communeCode: Type.String({ pattern: '^\\d{5}$' }), addressDetail: OptStr(),
});
const Worker = Type.Object({
  id: Type.Integer(), personId: Type.Integer(), enterpriseId: Type.Integer(), employeeCode: Type.String(), fullName: Type.String(), sex: Type.String(),
  dateOfBirth: Nullable(Type.String()), nationalId: Nullable(Type.String()), phone: Nullable(Type.String()), communeCode: Type.String(), communeName: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()), commuteMode: Commute, workshopId: Nullable(Type.Integer()), workshopName: Nullable(Type.String()),
  shiftId: Nullable(Type.Integer()), shiftName: Nullable(Type.String()), busRouteId: Nullable(Type.Integer()), busRouteName: Nullable(Type.String()),
  roomId: Nullable(Type.Integer()), roomLabel: Nullable(Type.String()), lodgingName: Nullable(Type.String()), lodgingKind: Nullable(Type.String()),
  homeAddress: Nullable(Type.String()), employedFrom: Type.String(), employedTo: Nullable(Type.String()), active: Type.Boolean(), masked: Type.Boolean(),
});
const WorkerDetail = Type.Object({
  ...Worker.properties,
  history: Type.Array(Type.Object({ id: Type.Integer(), groupId: Type.Integer(), kind: Type.String(), label: Type.String(), orgName: Nullable(Type.String()), validFrom: Type.String(), validTo: Nullable(Type.String()) })),
});
const WorkerBody = Type.Object({
  employeeCode: Str(30), fullName: Str(100), sex: Str(10), dateOfBirth: Type.Optional(Nullable(DateString)), nationalId: OptStr(20), phone: OptStr(20),
  communeCode: Type.String({ pattern: '^\\d{5}$' }), addressDetail: OptStr(), commuteMode: Commute,
  workshopId: Type.Optional(Nullable(Type.Integer())), shiftId: Type.Optional(Nullable(Type.Integer())), busRouteId: Type.Optional(Nullable(Type.Integer())),
  roomId: Type.Optional(Nullable(Type.Integer())), homeAddress: OptStr(), employedFrom: DateString, changeDate: Type.Optional(DateString),
});
const ImportReport = Type.Object({
  dryRun: Type.Boolean(), total: Type.Integer(), created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), issues: Type.Array(Type.Unknown()),
  rows: Type.Array(Type.Object({ row: Type.Integer(), employeeCode: Type.String(), fullName: Type.String(), status: Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]), changed: Type.Array(Type.String()), existingPerson: Type.Boolean() })),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ItemId = Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) });
const WorkerId = Type.Object({ id: Type.Integer({ minimum: 1 }), workerId: Type.Integer({ minimum: 1 }) });
const WorkerFilters = {
  q: Type.Optional(Str(100)), workshopId: Type.Optional(Type.Integer()), shiftId: Type.Optional(Type.Integer()), busRouteId: Type.Optional(Type.Integer()),
  commuteMode: Type.Optional(Commute), status: Type.Optional(oneOf(['active', 'ended', 'all'])),
};
const ShiftBody = Type.Object({ name: Str(120), startTime: Str(5), endTime: Str(5), active: Type.Optional(Type.Boolean()) });
const BusBody = Type.Object({ name: Str(120), vehiclePlate: OptStr(20), driverName: OptStr(100), driverPhone: OptStr(20), stops: Type.Optional(Type.Array(Str(120), { maxItems: 100 })), active: Type.Optional(Type.Boolean()) });
const DormBody = Type.Object({
  name: Str(120), communeCode: Type.String({ pattern: '^\\d{5}$' }), addressDetail: OptStr(),
  rooms: Type.Array(Type.Object({ label: Str(40), capacity: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 500 }))) }), { maxItems: 1000 }),
});

export const enterprisesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  const staleDays = config.enterpriseStaleDays;
  const tags = ['enterprises'];
  const xlsx = (reply: FastifyReply, name: string, file: Buffer) =>
    reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${name}"`).send(file);
  const fileOf = (body: unknown) => {
    if (!Buffer.isBuffer(body)) throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
    return body;
  };

  app.get('/', {
    schema: {
      tags, summary: 'Enterprises in the actor\'s scope (an enterprise: its own; a park board: its park), paged; stale = list not confirmed for N days',
      querystring: Type.Object({
        ...PageQuery, q: Type.Optional(Str(100)), parkId: Type.Optional(Type.Integer()), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
        status: Type.Optional(Status), stale: Type.Optional(Type.Boolean()), staleDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
        sort: Type.Optional(oneOf(['name', '-name', 'confirmed', '-confirmed', 'workers', '-workers'])),
      }),
      response: { 200: paged(Enterprise), ...errorResponses },
    },
  }, async (req) => listEnterprises(db, actorOf(req), { ...req.query, staleDays: req.query.staleDays ?? staleDays, sort: req.query.sort as never }));

  app.get('/stale', {
    schema: {
      tags, summary: `Enterprises whose worker list is older than N days (default ENTERPRISE_STALE_DAYS), oldest first`,
      querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })), parkId: Type.Optional(Type.Integer()), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })) }),
      response: { 200: Type.Object({ days: Type.Integer(), items: Type.Array(Enterprise) }), ...errorResponses },
    },
  }, async (req) => staleEnterprises(db, actorOf(req), req.query, staleDays));

  app.get('/parks', {
    schema: { tags, summary: 'Industrial parks (for filters and forms)', response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), districtCode: Nullable(Type.String()) })), ...errorResponses } },
  }, async (req) => listParks(db, actorOf(req)));

  app.post('/', {
    schema: { tags, summary: 'Registers an enterprise (tax code checked and unique)', body: EnterpriseBody, response: { 201: EnterpriseDetail, ...errorResponses } },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const id = await createEnterprise(db, actor, req.body);
    return reply.code(201).send(await getEnterprise(db, actor, id, staleDays));
  });

  app.get('/:id', {
    schema: { tags, summary: 'One enterprise with its operating status history and worker-list freshness', params: Id, response: { 200: EnterpriseDetail, ...errorResponses } },
  }, async (req) => getEnterprise(db, actorOf(req), req.params.id, staleDays));

  app.put('/:id', {
    schema: { tags, summary: 'Edits an enterprise (audited with before and after)', params: Id, body: EnterpriseBody, response: { 200: EnterpriseDetail, ...errorResponses } },
  }, async (req) => {
    const actor = actorOf(req);
    await updateEnterprise(db, actor, req.params.id, req.body);
    return getEnterprise(db, actor, req.params.id, staleDays);
  });

  app.post('/:id/status', {
    schema: {
      tags, summary: 'Changes the operating status (operating, partial, suspended, "3 tại chỗ") from a date, with a reason (audited)',
      params: Id, body: Type.Object({ status: Status, effectiveDate: DateString, reason: Str(500) }), response: { 200: EnterpriseDetail, ...errorResponses },
    },
  }, async (req) => {
    const actor = actorOf(req);
    await changeOperatingStatus(db, actor, req.params.id, req.body);
    return getEnterprise(db, actor, req.params.id, staleDays);
  });

  app.post('/:id/confirm-list', {
    schema: { tags, summary: 'Confirms the worker list is current as of now', params: Id, response: { 200: EnterpriseDetail, ...errorResponses } },
  }, async (req) => {
    const actor = actorOf(req);
    await confirmWorkerList(db, actor, req.params.id);
    return getEnterprise(db, actor, req.params.id, staleDays);
  });

  // ---- structure
  app.get('/:id/structure', {
    schema: { tags, summary: 'Workshops, shifts, bus routes and dormitories with rooms', params: Id },
  }, async (req) => getStructure(db, actorOf(req), req.params.id));

  app.post('/:id/workshops', { schema: { tags, summary: 'Adds a workshop', params: Id, body: Type.Object({ name: Str(120), active: Type.Optional(Type.Boolean()) }) } },
    async (req, reply) => reply.code(201).send(await saveWorkshop(db, actorOf(req), req.params.id, req.body)));
  app.put('/:id/workshops/:itemId', { schema: { tags, summary: 'Renames or (de)activates a workshop', params: ItemId, body: Type.Object({ name: Str(120), active: Type.Optional(Type.Boolean()) }) } },
    async (req) => saveWorkshop(db, actorOf(req), req.params.id, req.body, req.params.itemId));
  app.delete('/:id/workshops/:itemId', { schema: { tags, summary: 'Deletes a workshop nobody worked in (else deactivates it)', params: ItemId } },
    async (req) => removeStructureItem(db, actorOf(req), req.params.id, 'workshop', req.params.itemId));

  app.post('/:id/shifts', { schema: { tags, summary: 'Adds a shift (start–end, HH:MM)', params: Id, body: ShiftBody } },
    async (req, reply) => reply.code(201).send(await saveShift(db, actorOf(req), req.params.id, req.body)));
  app.put('/:id/shifts/:itemId', { schema: { tags, summary: 'Edits a shift', params: ItemId, body: ShiftBody } },
    async (req) => saveShift(db, actorOf(req), req.params.id, req.body, req.params.itemId));
  app.delete('/:id/shifts/:itemId', { schema: { tags, summary: 'Deletes a shift nobody worked in (else deactivates it)', params: ItemId } },
    async (req) => removeStructureItem(db, actorOf(req), req.params.id, 'shift', req.params.itemId));

  app.post('/:id/bus-routes', { schema: { tags, summary: 'Adds a bus route (stops, plate, driver)', params: Id, body: BusBody } },
    async (req, reply) => reply.code(201).send(await saveBusRoute(db, actorOf(req), req.params.id, req.body)));
  app.put('/:id/bus-routes/:itemId', { schema: { tags, summary: 'Edits a bus route', params: ItemId, body: BusBody } },
    async (req) => saveBusRoute(db, actorOf(req), req.params.id, req.body, req.params.itemId));

  app.post('/:id/dormitories', { schema: { tags, summary: 'Adds a dormitory with its rooms', params: Id, body: DormBody } },
    async (req, reply) => reply.code(201).send(await saveDormitory(db, actorOf(req), req.params.id, req.body)));
  app.put('/:id/dormitories/:itemId', { schema: { tags, summary: 'Edits a dormitory; rooms are added or renamed, never dropped', params: ItemId, body: DormBody } },
    async (req) => saveDormitory(db, actorOf(req), req.params.id, req.body, req.params.itemId));

  // ---- workers
  app.get('/:id/workers', {
    schema: { tags, summary: 'Workers of an enterprise (masked per role)', params: Id, querystring: Type.Object({ ...PageQuery, ...WorkerFilters }), response: { 200: paged(Worker), ...errorResponses } },
  }, async (req) => listWorkers(db, actorOf(req), req.params.id, req.query));

  app.post('/:id/workers', {
    schema: { tags, summary: 'Adds a worker (matched with the person register by ID number, else phone + name + date of birth)', params: Id, body: WorkerBody, response: { 201: WorkerDetail, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await createWorker(db, actorOf(req), req.params.id, req.body)));

  app.get('/:id/workers/template.xlsx', { schema: { tags, summary: 'Import template with the enterprise\'s lists', params: Id } },
    async (req, reply) => xlsx(reply, 'mau-danh-sach-cong-nhan.xlsx', await workerImportTemplate(db, actorOf(req), req.params.id)));

  app.get('/:id/workers/export.xlsx', { schema: { tags, summary: 'Export of the filtered worker list (masked per role; audited)', params: Id, querystring: Type.Object(WorkerFilters) } },
    async (req, reply) => xlsx(reply, `cong-nhan-${req.params.id}-${vnDate()}.xlsx`, await exportWorkers(db, actorOf(req), req.params.id, req.query)));

  app.post('/:id/workers/import', {
    schema: {
      tags, summary: 'Imports the worker list (.xlsx): dryRun previews (created / updated / unchanged), else all-or-nothing; changed assignments from changeDate',
      consumes: [XLSX_MIME], params: Id,
      querystring: Type.Object({ dryRun: Type.Boolean({ default: false }), changeDate: Type.Optional(DateString) }),
      response: { 200: ImportReport, ...errorResponses },
    },
  }, async (req) => importWorkers(db, actorOf(req), req.params.id, fileOf(req.body), req.query));

  app.post('/:id/workers/import/report.xlsx', {
    schema: { tags, summary: 'The per-row error report of a worker file', consumes: [XLSX_MIME], params: Id, querystring: Type.Object({ changeDate: Type.Optional(DateString) }) },
  }, async (req, reply) => xlsx(reply, 'loi-danh-sach-cong-nhan.xlsx', await importIssuesReport(db, actorOf(req), req.params.id, fileOf(req.body), req.query)));

  app.get('/:id/workers/:workerId', {
    schema: { tags, summary: 'One worker with the dated history of workshop × shift, bus and lodging (audited read)', params: WorkerId, response: { 200: WorkerDetail, ...errorResponses } },
  }, async (req) => getWorker(db, actorOf(req), req.params.id, req.params.workerId));

  app.put('/:id/workers/:workerId', {
    schema: { tags, summary: 'Edits a worker; a changed workshop, shift, bus or lodging closes the old interval the day before changeDate', params: WorkerId, body: WorkerBody, response: { 200: WorkerDetail, ...errorResponses } },
  }, async (req) => updateWorker(db, actorOf(req), req.params.id, req.params.workerId, req.body));

  app.post('/:id/workers/:workerId/end', {
    schema: { tags, summary: 'Ends the employment on a date (every assignment ends that day)', params: WorkerId, body: Type.Object({ employedTo: DateString, reason: OptStr(500) }), response: { 200: WorkerDetail, ...errorResponses } },
  }, async (req) => endEmployment(db, actorOf(req), req.params.id, req.params.workerId, req.body));
};
