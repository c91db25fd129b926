import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { vnDate } from '../../lib/time.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import {
  assessHouse, createHouse, getChecklist, getHouse, housesMap, listAssessments, listHouses, setChecklist, updateHouse,
} from './boarding-houses.service.ts';
import { exportTenants, importIssuesReport, importTemplate, importTenants } from './tenants.import.ts';
import { areaTenants, endTenancy, listHouseTenants, moveTenant, registerTenant, updateWorkplace, workplaceOptions } from './tenants.service.ts';

const Str = (max = 200) => Type.String({ maxLength: max });
const OptStr = (max = 200) => Type.Optional(Nullable(Str(max)));
const Smart = Type.Union([Type.Literal('meets'), Type.Literal('not_meets'), Type.Literal('unassessed')]);
const Status = Type.Union([Type.Literal('current'), Type.Literal('all')]);
const Localised = Type.Object({ vi: Type.String(), en: Type.String() });

const House = Type.Object({
  id: Type.Integer(), name: Type.String(), ownerName: Nullable(Type.String()), ownerPhone: Nullable(Type.String()), ownerPersonId: Nullable(Type.Integer()),
  districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()), communeCode: Nullable(Type.String()), communeName: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()), rooms: Type.Integer(), capacity: Type.Integer(), tenants: Type.Integer(), smartStatus: Smart,
  selfAssessed: Type.Boolean(), assessedOn: Nullable(Type.String()), lon: Nullable(Type.Number()), lat: Nullable(Type.Number()),
});
const ChecklistItem = Type.Object({ code: Type.String(), label: Localised, required: Type.Boolean() });
const Assessment = Type.Object({
  id: Type.Integer(), assessedOn: Type.String(), items: Type.Array(Type.Object({ ...ChecklistItem.properties, ticked: Type.Boolean() })), meets: Type.Boolean(),
  selfAssessed: Type.Boolean(), note: Nullable(Type.String()), assessorName: Nullable(Type.String()), checklistId: Nullable(Type.Integer()), createdAt: Type.String(),
});
const HouseDetail = Type.Object({
  ...House.properties,
  roomList: Type.Array(Type.Object({ id: Type.Integer(), label: Type.String(), capacity: Nullable(Type.Integer()), active: Type.Boolean(), occupants: Type.Integer() })),
  latestAssessment: Nullable(Assessment),
});
const HouseBody = Type.Object({
  name: OptStr(200), ownerName: Str(100), ownerPhone: OptStr(20), ownerPersonId: Type.Optional(Nullable(Type.Integer())),
  communeCode: Type.String({ pattern: '^\\d{5}$' }), addressDetail: OptStr(),
  rooms: Type.Array(Type.Object({ id: Type.Optional(Type.Integer()), label: Str(40), capacity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100 }))), active: Type.Optional(Type.Boolean()) }), { maxItems: 500 }),
});
const Checklist = Type.Object({ id: Nullable(Type.Integer()), items: Type.Array(ChecklistItem), source: Type.Union([Type.Literal('built_in'), Type.Literal('configured')]), createdAt: Nullable(Type.String()), note: Nullable(Type.String()) });
const Tenant = Type.Object({
  membershipId: Type.Integer(), personId: Type.Integer(), fullName: Type.String(), sex: Type.String(), dateOfBirth: Nullable(Type.String()), nationalId: Nullable(Type.String()),
  phone: Nullable(Type.String()), houseId: Type.Integer(), houseName: Type.String(), roomId: Type.Integer(), roomLabel: Type.String(), validFrom: Type.String(),
  validTo: Nullable(Type.String()), current: Type.Boolean(), workplaceEnterpriseId: Nullable(Type.Integer()), workplaceName: Nullable(Type.String()),
  workplaceText: Nullable(Type.String()), employerId: Nullable(Type.Integer()), employerName: Nullable(Type.String()), marked: Type.Boolean(),
  markedEnterprise: Nullable(Type.String()), markedCases: Type.Integer(), registeredBy: Nullable(Type.String()), source: Nullable(Type.String()),
});
const TenantBody = Type.Object({
  fullName: Str(100), sex: Str(10), dateOfBirth: Type.Optional(Nullable(DateString)), nationalId: OptStr(20), phone: OptStr(20),
  communeCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{5}$' }))), addressDetail: OptStr(), roomId: Type.Integer(), validFrom: DateString,
  validTo: Type.Optional(Nullable(DateString)), workplaceEnterpriseId: Type.Optional(Nullable(Type.Integer())), workplaceText: OptStr(200),
});
const ImportReport = Type.Object({
  dryRun: Type.Boolean(), total: Type.Integer(), created: Type.Integer(), moved: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer(), issues: Type.Array(Type.Unknown()),
  rows: Type.Array(Type.Object({ row: Type.Integer(), fullName: Type.String(), status: Type.Union([Type.Literal('create'), Type.Literal('move'), Type.Literal('update'), Type.Literal('unchanged')]), changed: Type.Array(Type.String()), existingPerson: Type.Boolean() })),
});
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TenancyId = Type.Object({ id: Type.Integer({ minimum: 1 }), membershipId: Type.Integer({ minimum: 1 }) });
const Area = { districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })) };

export const boardingHousesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['boarding-houses'];
  const xlsx = (reply: FastifyReply, name: string, file: Buffer) => reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${name}"`).send(file);
  const fileOf = (body: unknown) => {
    if (!Buffer.isBuffer(body)) throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
    return body;
  };

  app.get('/', {
    schema: {
      tags, summary: 'Boarding houses in reach (an owner: its own), paged; smart status from the latest official assessment, else the latest self-assessment',
      querystring: Type.Object({ ...PageQuery, ...Area, q: Type.Optional(Str(100)), status: Type.Optional(Smart), sort: Type.Optional(oneOf(['name', '-name', 'tenants', '-tenants', 'commune', '-commune'])) }),
      response: { 200: paged(House), ...errorResponses },
    },
  }, async (req) => listHouses(db, actorOf(req), req.query));

  app.get('/map', {
    schema: { tags, summary: 'Boarding houses as GeoJSON points with smart status and counts (no one named)', querystring: Type.Object(Area) },
  }, async (req) => housesMap(db, actorOf(req), req.query));

  app.get('/tenants', {
    schema: {
      tags, summary: 'The commune view: tenants of the houses in reach; marked when their workplace had a case confirmed in the last 14 days (onlyMarked: those only)',
      querystring: Type.Object({ ...PageQuery, ...Area, houseId: Type.Optional(Type.Integer()), q: Type.Optional(Str(100)), status: Type.Optional(Status), onlyMarked: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ ...paged(Tenant).properties, markedEnterprises: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), cases: Type.Integer() })) }), ...errorResponses },
    },
  }, async (req) => areaTenants(db, actorOf(req), { ...req.query }));

  app.get('/workplaces', {
    schema: { tags, summary: 'Enterprises to name as a tenant\'s workplace (by name or tax code)', querystring: Type.Object({ q: Str(100) }), response: { 200: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), taxCode: Type.String() })), ...errorResponses } },
  }, async (req) => workplaceOptions(db, actorOf(req), req.query.q));

  app.get('/checklist', { schema: { tags, summary: 'The "smart boarding house" checklist in force (built-in or the province\'s)', response: { 200: Checklist, ...errorResponses } } },
    async (req) => getChecklist(db, actorOf(req)));
  app.post('/checklist', {
    schema: {
      tags, summary: 'A new version of the province\'s checklist (rule:manage); earlier assessments keep their items',
      body: Type.Object({ items: Type.Array(Type.Object({ code: Str(40), label: Type.Object({ vi: Str(300), en: Type.Optional(Str(300)) }), required: Type.Boolean() }), { maxItems: 60 }), note: OptStr(500) }),
      response: { 201: Checklist, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await setChecklist(db, actorOf(req), req.body)));

  app.post('/', { schema: { tags, summary: 'Registers a boarding house with its rooms (area roles, audited)', body: HouseBody, response: { 201: HouseDetail, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createHouse(db, actorOf(req), req.body)));
  app.get('/:id', { schema: { tags, summary: 'One boarding house with its rooms, occupancy and latest assessment', params: Id, response: { 200: HouseDetail, ...errorResponses } } },
    async (req) => getHouse(db, actorOf(req), req.params.id));
  app.put('/:id', {
    schema: { tags, summary: 'Edits a house: owner, address, rooms added, renamed, capacity changed, deactivated when empty (audited)', params: Id, body: HouseBody, response: { 200: HouseDetail, ...errorResponses } },
  }, async (req) => updateHouse(db, actorOf(req), req.params.id, req.body));

  app.get('/:id/assessments', { schema: { tags, summary: 'The house\'s checklist assessments, newest first', params: Id, response: { 200: Type.Array(Assessment), ...errorResponses } } },
    async (req) => listAssessments(db, actorOf(req), req.params.id));
  app.post('/:id/assessments', {
    schema: { tags, summary: 'Assesses the house by the checklist in force (an owner\'s is a self-assessment)', params: Id, body: Type.Object({ assessedOn: DateString, ticked: Type.Array(Str(40), { maxItems: 60 }), note: OptStr(1000) }), response: { 201: HouseDetail, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await assessHouse(db, actorOf(req), req.params.id, req.body)));

  app.get('/:id/tenants', {
    schema: { tags, summary: 'Tenants of a house (masked per role; listed reads audited)', params: Id, querystring: Type.Object({ ...PageQuery, q: Type.Optional(Str(100)), status: Type.Optional(Status) }), response: { 200: paged(Tenant), ...errorResponses } },
  }, async (req) => listHouseTenants(db, actorOf(req), req.params.id, { ...req.query }));
  app.post('/:id/tenants', {
    schema: { tags, summary: 'Registers a tenant: the person matched with the register (ID, else phone + name) or added; one open tenancy per person in the house; capacity checked', params: Id, body: TenantBody, response: { 201: Tenant, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await registerTenant(db, actorOf(req), req.params.id, req.body)));
  app.get('/:id/tenants/template.xlsx', { schema: { tags, summary: 'Import template with the house\'s rooms', params: Id } },
    async (req, reply) => xlsx(reply, 'mau-danh-sach-nguoi-thue-tro.xlsx', await importTemplate(db, actorOf(req), req.params.id)));
  app.get('/:id/tenants/export.xlsx', { schema: { tags, summary: 'Export of the house\'s tenants (masked per role; audited)', params: Id, querystring: Type.Object({ status: Type.Optional(Status) }) } },
    async (req, reply) => xlsx(reply, `nguoi-thue-tro-${req.params.id}-${vnDate()}.xlsx`, await exportTenants(db, actorOf(req), req.params.id, req.query)));
  app.post('/:id/tenants/import', {
    schema: { tags, summary: 'Imports the house\'s tenant list (.xlsx): dryRun previews, else all-or-nothing; re-importing a file changes nothing', consumes: [XLSX_MIME], params: Id, querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }), response: { 200: ImportReport, ...errorResponses } },
  }, async (req) => importTenants(db, actorOf(req), req.params.id, fileOf(req.body), req.query));
  app.post('/:id/tenants/import/report.xlsx', { schema: { tags, summary: 'The per-row error report of a tenant file', consumes: [XLSX_MIME], params: Id } },
    async (req, reply) => xlsx(reply, 'loi-danh-sach-nguoi-thue.xlsx', await importIssuesReport(db, actorOf(req), req.params.id, fileOf(req.body))));
  app.post('/:id/tenants/:membershipId/move', {
    schema: { tags, summary: 'Moves a tenant to another room from a date (the old interval ends the day before)', params: TenancyId, body: Type.Object({ roomId: Type.Integer(), date: DateString }), response: { 200: Tenant, ...errorResponses } },
  }, async (req) => moveTenant(db, actorOf(req), req.params.id, req.params.membershipId, req.body));
  app.post('/:id/tenants/:membershipId/end', {
    schema: { tags, summary: 'Ends a tenancy (the last day there)', params: TenancyId, body: Type.Object({ validTo: DateString }), response: { 200: Tenant, ...errorResponses } },
  }, async (req) => endTenancy(db, actorOf(req), req.params.id, req.params.membershipId, req.body));
  app.put('/:id/tenants/:membershipId/workplace', {
    schema: { tags, summary: 'Sets a tenant\'s workplace (an enterprise, or a text)', params: TenancyId, body: Type.Object({ workplaceEnterpriseId: Type.Optional(Nullable(Type.Integer())), workplaceText: OptStr(200) }), response: { 200: Tenant, ...errorResponses } },
  }, async (req) => updateWorkplace(db, actorOf(req), req.params.id, req.params.membershipId, req.body));
};
