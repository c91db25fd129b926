import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery } from '../../server/schemas.ts';
import { addAdverseEvent, checkDoseInput, listAdverseEvents, listDoses, personVaccination, recordDose, searchPeopleForDose, updateAdverseEvent } from './doses.service.ts';
import { doseTemplate, importDoses } from './vaccination.import.ts';
import {
  addVaccineRule, buildInvitees, coverage, createLot, createSession, createSite, listInvitees, listLots, listPriorityGroups, listProducts,
  listSessions, listSites, listVaccineRules, markAttendance, savePriorityGroup, updateSite,
} from './vaccination.service.ts';
import { coverageWorkbook, inviteesWorkbook } from './vaccination.xlsx.ts';

/** Replies described by their service's types (OpenAPI lists the route and its errors). */
const Ok = { 200: Type.Unknown(), ...errorResponses };
const Created = { 201: Type.Unknown(), ...errorResponses };
const Str = (max = 200) => Type.String({ maxLength: max });
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Shift = oneOf(['morning', 'afternoon', 'all_day']);
const Severity = oneOf(['mild', 'moderate', 'severe']);
const Outcome = oneOf(['monitoring', 'recovered', 'hospitalized', 'died']);
const SiteBody = Type.Object({
  name: Str(), communeCode: Type.String({ pattern: '^\\d{5}$' }), addressDetail: Type.Optional(Nullable(Str())),
  capacityPerSession: Type.Integer({ minimum: 1, maximum: 10000 }), vaccinators: Type.Integer({ minimum: 0, maximum: 1000 }), emergencyStaff: Type.Integer({ minimum: 0, maximum: 1000 }),
  staff: Type.Optional(Type.Array(Type.Object({ name: Str(100), role: oneOf(['vaccinator', 'emergency']), phone: Type.Optional(Nullable(Str(20))) }), { maxItems: 200 })),
  active: Type.Optional(Type.Boolean()),
});
const DoseBody = Type.Object({
  personId: Type.Integer({ minimum: 1 }), doseNumber: Type.Integer({ minimum: 1, maximum: 5 }), productCode: Str(40), doseDate: DateString,
  siteId: Type.Optional(Nullable(Type.Integer())), lotId: Type.Optional(Nullable(Type.Integer())), sessionId: Type.Optional(Nullable(Type.Integer())),
  overrideReason: Type.Optional(Nullable(Str(500))),
});
const Interval = Type.Object({ minDays: Type.Integer({ minimum: 1 }), recommendedDays: Type.Integer({ minimum: 1 }), maxDays: Nullable(Type.Integer({ minimum: 1 })) });
const RuleBody = Type.Object({
  code: Str(40), document: Str(300), name: Type.Object({ vi: Str(), en: Str() }), effectiveFrom: DateString,
  intervals: Type.Record(Type.String(), Interval), boosterMinDays: Type.Integer({ minimum: 1 }), allowedMixes: Type.Array(Type.Tuple([Type.String(), Type.String()])),
});
const Percent = Nullable(Type.Number());
const Coverage = {
  population: Type.Integer(), populationOneDose: Type.Integer(), populationFull: Type.Integer(), adults: Type.Integer(), adultsOneDose: Type.Integer(),
  over50: Type.Integer(), over50Full: Type.Integer(), over65: Type.Integer(), over65Full: Type.Integer(),
  adultsOneDosePercent: Percent, over50FullPercent: Percent, over65FullPercent: Percent, populationFullPercent: Percent,
};
const CoverageReply = Type.Object({
  date: Type.String(), total: Type.Object(Coverage),
  districts: Type.Array(Type.Object({ districtCode: Type.String(), name: Type.String(), ...Coverage })),
  communes: Type.Array(Type.Object({ districtCode: Type.String(), communeCode: Type.String(), name: Type.String(), districtName: Type.String(), ...Coverage })),
});

export const vaccinationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['vaccination'];
  const fileOf = (body: unknown) => {
    if (!Buffer.isBuffer(body)) throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
    return body;
  };
  const xlsx = <R extends { type(t: string): R; header(k: string, v: string): R; send(b: Buffer): R }>(reply: R, name: string, file: Buffer) =>
    reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="${name}"`).send(file);

  app.get('/products', { schema: { tags, summary: 'Vaccine products and doses for a full course', response: Ok } }, async (req) => listProducts(db, actorOf(req)));
  app.get('/rules', { schema: { tags, summary: 'Dated interval-rule versions (built in and the province\'s)', response: Ok } }, async (req) => listVaccineRules(db, actorOf(req)));
  app.post('/rules', { schema: { tags, summary: 'Adds a dated version of the interval rules (vaccination:manage)', body: RuleBody, response: Created } },
    async (req, reply) => reply.code(201).send(await addVaccineRule(db, actorOf(req), req.body)));
  app.get('/priority-groups', { schema: { tags, summary: 'Priority groups (the 2021 national list, editable)', response: Ok } }, async (req) => listPriorityGroups(db, actorOf(req)));
  app.put('/priority-groups', {
    schema: { tags, summary: 'Adds or edits a priority group', body: Type.Object({ code: Str(40), nameVi: Str(), nameEn: Str(), sort: Type.Optional(Type.Integer()), highRisk: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()) }), response: Ok },
  }, async (req) => savePriorityGroup(db, actorOf(req), req.body));

  app.get('/sites', {
    schema: { tags, summary: 'Vaccination sites in scope, paged', querystring: Type.Object({ ...PageQuery, q: Type.Optional(Str(100)), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })) }), response: Ok },
  }, async (req) => listSites(db, actorOf(req), req.query));
  app.post('/sites', { schema: { tags, summary: 'Registers a vaccination site', body: SiteBody, response: Created } },
    async (req, reply) => reply.code(201).send(await createSite(db, actorOf(req), req.body)));
  app.put('/sites/:id', { schema: { tags, summary: 'Edits a vaccination site', params: Id, body: SiteBody, response: Ok } },
    async (req) => updateSite(db, actorOf(req), req.params.id, req.body));

  app.get('/lots', {
    schema: { tags, summary: 'Vaccine lots with doses used (from dose records)', querystring: Type.Object({ ...PageQuery, productCode: Type.Optional(Str(40)), validOn: Type.Optional(DateString) }), response: Ok },
  }, async (req) => listLots(db, actorOf(req), req.query));
  app.post('/lots', {
    schema: { tags, summary: 'Receives a lot (an expired lot is refused)', body: Type.Object({ productCode: Str(40), lotNumber: Str(60), expiryDate: DateString, receivedDate: Type.Optional(Nullable(DateString)), dosesReceived: Type.Integer({ minimum: 0 }) }), response: Created },
  }, async (req, reply) => reply.code(201).send(await createLot(db, actorOf(req), req.body)));

  app.get('/sessions', {
    schema: { tags, summary: 'Sessions, paged', querystring: Type.Object({ ...PageQuery, siteId: Type.Optional(Type.Integer()), from: Type.Optional(DateString), to: Type.Optional(DateString) }), response: Ok },
  }, async (req) => listSessions(db, actorOf(req), req.query));
  app.post('/sessions', {
    schema: { tags, summary: 'Plans a session', body: Type.Object({ siteId: Type.Integer(), date: DateString, shift: Shift, capacity: Type.Optional(Type.Integer({ minimum: 1 })), productCode: Type.Optional(Nullable(Str(40))), priorityGroups: Type.Array(Str(40), { maxItems: 20 }), note: Type.Optional(Nullable(Str(500))) }), response: Created },
  }, async (req, reply) => reply.code(201).send(await createSession(db, actorOf(req), { ...req.body, shift: req.body.shift as 'morning' })));
  app.post('/sessions/:id/invitees/build', {
    schema: {
      tags, summary: 'Invites people from the register by group (an enterprise\'s workers, an area, ages); the not fully vaccinated only', params: Id,
      body: Type.Object({ priorityGroup: Str(40), enterpriseId: Type.Optional(Type.Integer()), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })), minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })), maxAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 120 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })) }),
      response: Ok,
    },
  }, async (req) => buildInvitees(db, actorOf(req), req.params.id, req.body));
  app.get('/sessions/:id/invitees', { schema: { tags, summary: 'The invited list of a session', params: Id, response: Ok } }, async (req) => listInvitees(db, actorOf(req), req.params.id));
  app.get('/sessions/:id/invitees.xlsx', { schema: { tags, summary: 'The invited list as a spreadsheet', params: Id } },
    async (req, reply) => xlsx(reply, `danh-sach-moi-tiem-${req.params.id}.xlsx`, await inviteesWorkbook(await listInvitees(db, actorOf(req), req.params.id))));
  app.put('/sessions/:id/invitees/:personId', {
    schema: { tags, summary: 'Marks attendance', params: Type.Object({ id: Type.Integer({ minimum: 1 }), personId: Type.Integer({ minimum: 1 }) }), body: Type.Object({ attended: Type.Boolean() }), response: Ok },
  }, async (req) => markAttendance(db, actorOf(req), req.params.id, req.params.personId, req.body.attended));

  app.get('/doses', {
    schema: { tags, summary: 'Dose records, paged (personal fields masked per role)', querystring: Type.Object({ ...PageQuery, q: Type.Optional(Str(100)), siteId: Type.Optional(Type.Integer()), from: Type.Optional(DateString), to: Type.Optional(DateString), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })) }), response: Ok },
  }, async (req) => listDoses(db, actorOf(req), req.query));
  app.post('/doses', { schema: { tags, summary: 'Records a dose (order, date, lot, interval rule; earlier than advised needs overrideReason)', body: DoseBody, response: Created } },
    async (req, reply) => reply.code(201).send(await recordDose(db, actorOf(req), req.body)));
  app.post('/doses/check', { schema: { tags, summary: 'Checks a dose without recording it (errors and warnings)', body: DoseBody, response: Ok } },
    async (req) => checkDoseInput(db, actorOf(req), req.body));
  app.post('/doses/:id/adverse-events', {
    schema: { tags, summary: 'Records an adverse reaction after a dose', params: Id, body: Type.Object({ severity: Severity, onsetDate: DateString, symptoms: Str(1000), outcome: Type.Optional(Outcome), note: Type.Optional(Nullable(Str(1000))) }), response: Created },
  }, async (req, reply) => reply.code(201).send(await addAdverseEvent(db, actorOf(req), req.params.id, req.body as never)));
  app.put('/adverse-events/:id', {
    schema: { tags, summary: 'Follows up an adverse reaction (outcome)', params: Id, body: Type.Object({ outcome: Outcome, note: Type.Optional(Nullable(Str(1000))) }), response: Ok },
  }, async (req) => updateAdverseEvent(db, actorOf(req), req.params.id, req.body as never));
  app.get('/adverse-events', {
    schema: { tags, summary: 'Adverse reactions in scope (a vaccinator: after doses at its site), paged', querystring: Type.Object({ ...PageQuery, outcome: Type.Optional(Outcome), siteId: Type.Optional(Type.Integer()) }), response: Ok },
  }, async (req) => listAdverseEvents(db, actorOf(req), req.query));
  app.get('/people', {
    schema: { tags, summary: 'Finds people for the dose form (accents optional; ID or phone by its start) with their doses so far', querystring: Type.Object({ q: Str(100) }), response: Ok },
  }, async (req) => searchPeopleForDose(db, actorOf(req), req.query.q));
  app.get('/people/:id', { schema: { tags, summary: 'A person\'s vaccination history', params: Id, response: Ok } }, async (req) => personVaccination(db, actorOf(req), req.params.id));

  app.get('/doses/import/template.xlsx', { schema: { tags, summary: 'The dose import template' } }, async (req, reply) => {
    actorOf(req);
    return xlsx(reply, 'mau-nhap-mui-tiem.xlsx', await doseTemplate());
  });
  app.post('/doses/import', {
    schema: { tags, summary: 'Imports dose records (.xlsx): dryRun previews, else all-or-nothing; re-import changes nothing', querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }), response: Ok },
  }, async (req) => importDoses(db, actorOf(req), fileOf(req.body), req.query));

  app.get('/coverage', {
    schema: { tags, summary: 'Coverage by district and commune on a day (≥18 with ≥1 dose, ≥50 full, ≥65 full)', querystring: Type.Object({ date: Type.Optional(DateString), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })) }), response: { 200: CoverageReply, ...errorResponses } },
  }, async (req) => coverage(db, actorOf(req), req.query));
  app.get('/coverage.xlsx', {
    schema: { tags, summary: 'Coverage as a spreadsheet', querystring: Type.Object({ date: Type.Optional(DateString), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })) }) },
  }, async (req, reply) => {
    const c = await coverage(db, actorOf(req), req.query);
    return xlsx(reply, `do-bao-phu-tiem-${c.date}.xlsx`, await coverageWorkbook(c));
  });
};
