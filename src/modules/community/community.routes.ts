import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { vnDate } from '../../lib/time.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { FOLLOWUP_TEST_RESULTS, MEDICINE_GROUPS, TASK_RESULTS, TEAM_ROLES, TEAM_TASK_KINDS, TEAM_TASK_STATUSES, VIOLATION_KINDS, VIOLATION_STATUSES } from './community.domain.ts';
import { createPharmacy, getPharmacy, listPharmacies, listSales, reportSale, updatePharmacy } from './pharmacies.service.ts';
import { decidePharmacyRegistration, listPharmacyRegistrations, registerPharmacy } from './pharmacy-registration.service.ts';
import { completeTeamTask, getTeamTask, listTeamTasks, reassignTeamTask, syncHomeCheckTasks } from './team-tasks.service.ts';
import { addMember, communeVillages, createTeam, deactivateTeam, getTeam, listTeams, removeMember, updateMember, updateTeam } from './teams.service.ts';
import { createViolation, deleteViolation, exportViolations, getViolation, listViolations, updateViolation, violationCounts } from './violations.service.ts';

const Str = (max: number) => Type.String({ maxLength: max });
const OptStr = (max: number) => Type.Optional(Nullable(Str(max)));
const Commune = Type.String({ pattern: '^\\d{5}$' });
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const Team = Type.Object({
  id: Type.Integer(), name: Type.String(), village: Type.String(), communeCode: Type.String(), communeName: Nullable(Type.String()), districtCode: Type.String(),
  leaderName: Nullable(Type.String()), leaderPhone: Nullable(Type.String()), active: Type.Boolean(),
  members: Type.Array(Type.Object({ id: Type.Integer(), fullName: Type.String(), phone: Nullable(Type.String()), teamRole: Type.String(), userId: Nullable(Type.Integer()), username: Nullable(Type.String()) })),
});
const TeamRow = Type.Object({
  id: Type.Integer(), name: Type.String(), village: Type.String(), communeCode: Type.String(), communeName: Type.String(), districtCode: Type.String(),
  leaderName: Nullable(Type.String()), leaderPhone: Nullable(Type.String()), active: Type.Boolean(), members: Type.Integer(), openTasks: Type.Integer(),
});
const TeamBody = Type.Object({ communeCode: Commune, village: Str(120), name: OptStr(200), leaderName: OptStr(120), leaderPhone: OptStr(20) });
const MemberBody = Type.Object({ fullName: Str(120), phone: OptStr(20), teamRole: Type.Optional(oneOf(TEAM_ROLES)), userId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) });

const Task = Type.Object({
  id: Type.Integer(), kind: Type.String(), title: Type.String(), status: Type.String(), dueDate: Type.String(), overdue: Type.Boolean(),
  communeCode: Type.String(), communeName: Type.String(), districtCode: Type.String(), teamId: Nullable(Type.Integer()), teamName: Nullable(Type.String()),
  memberId: Nullable(Type.Integer()), memberName: Nullable(Type.String()), personId: Nullable(Type.Integer()), fullName: Nullable(Type.String()),
  phone: Nullable(Type.String()), address: Nullable(Type.String()), detail: Type.Record(Type.String(), Type.Unknown()),
  result: Nullable(Type.String()), outcome: Nullable(Type.String()), outcomeData: Nullable(Type.Record(Type.String(), Type.Unknown())), doneAt: Nullable(Type.String()),
  sourceKind: Type.String(), sourceId: Type.Integer(),
});
const CompleteBody = Type.Object({
  result: oneOf(TASK_RESULTS), outcome: OptStr(1000), symptoms: Type.Optional(Type.Boolean()), temperature: Type.Optional(Nullable(Type.Number())),
  tested: Type.Optional(Type.Boolean()), testResult: Type.Optional(Nullable(oneOf(FOLLOWUP_TEST_RESULTS))),
});

const Pharmacy = Type.Object({
  id: Type.Integer(), name: Type.String(), licenceNo: Nullable(Type.String()), ownerName: Nullable(Type.String()), phone: Nullable(Type.String()),
  districtCode: Nullable(Type.String()), communeCode: Nullable(Type.String()), communeName: Nullable(Type.String()), addressDetail: Nullable(Type.String()), reports: Type.Integer(),
});
const PharmacyBody = Type.Object({ name: Str(200), licenceNo: Str(60), ownerName: OptStr(120), phone: OptStr(20), communeCode: Commune, addressDetail: OptStr(300) });
const SaleBody = Type.Object({
  pharmacyId: Type.Optional(Type.Integer({ minimum: 1 })), soldOn: DateString, medicineGroup: oneOf(MEDICINE_GROUPS), medicineName: OptStr(200),
  buyerName: Str(120), buyerPhone: OptStr(20), buyerCommuneCode: Commune, buyerAddressDetail: OptStr(300),
});
const Sale = Type.Object({
  id: Type.Integer(), pharmacyId: Type.Integer(), pharmacyName: Type.String(), soldOn: Type.String(), medicineGroup: Type.String(), medicineName: Nullable(Type.String()),
  buyerName: Type.String(), buyerPhone: Nullable(Type.String()), buyerCommuneCode: Type.String(), buyerCommuneName: Nullable(Type.String()), buyerAddressDetail: Nullable(Type.String()),
  followupId: Nullable(Type.Integer()), followupStatus: Nullable(Type.String()), followupResult: Nullable(Type.String()), followupData: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const Violation = Type.Object({
  id: Type.Integer(), kind: Type.String(), occurredOn: Type.String(), districtCode: Type.String(), districtName: Nullable(Type.String()), communeCode: Type.String(), communeName: Type.String(),
  placeDetail: Nullable(Type.String()), offenderKind: Type.String(), offenderName: Type.String(), description: Nullable(Type.String()), decisionNo: Nullable(Type.String()),
  fineVnd: Nullable(Type.Integer()), status: Type.String(),
});
const ViolationBody = Type.Object({
  kind: oneOf(VIOLATION_KINDS), occurredOn: DateString, communeCode: Commune, placeDetail: OptStr(300), offenderKind: Type.Optional(oneOf(['person', 'organisation'])),
  offenderName: Str(200), description: OptStr(1000), decisionNo: OptStr(60), fineVnd: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))), status: Type.Optional(oneOf(VIOLATION_STATUSES)),
});
const ViolationFilters = {
  kind: Type.Optional(oneOf(VIOLATION_KINDS)), status: Type.Optional(oneOf(VIOLATION_STATUSES)), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
  communeCode: Type.Optional(Commune), from: Type.Optional(DateString), to: Type.Optional(DateString), q: Type.Optional(Str(100)),
};
const Count = { day: Type.Integer(), cumulative: Type.Integer(), fineDay: Type.Number(), fineCumulative: Type.Number() };

export const communityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['community'];

  // ---- teams
  app.get('/teams', {
    schema: {
      tags, summary: 'Community COVID teams of the area',
      querystring: Type.Object({ ...PageQuery, communeCode: Type.Optional(Commune), districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })), q: Type.Optional(Str(100)), active: Type.Optional(Type.Boolean()) }),
      response: { 200: paged(TeamRow), ...errorResponses },
    },
  }, async (req) => listTeams(db, actorOf(req), req.query));
  app.get('/villages', {
    schema: {
      tags, summary: 'The villages of a commune (as residents\' addresses name them), each with its team or none',
      querystring: Type.Object({ communeCode: Commune }),
      response: {
        200: Type.Object({ communeCode: Type.String(), communeName: Type.String(), villages: Type.Integer(), withoutTeam: Type.Integer(),
          items: Type.Array(Type.Object({ village: Type.String(), villageKey: Type.String(), people: Type.Integer(), teamId: Nullable(Type.Integer()), teamName: Nullable(Type.String()) })) }),
        ...errorResponses,
      },
    },
  }, async (req) => communeVillages(db, actorOf(req), req.query.communeCode));
  app.get('/teams/:id', { schema: { tags, summary: 'A team and its members', params: Id, response: { 200: Team, ...errorResponses } } },
    async (req) => getTeam(db, actorOf(req), req.params.id));
  app.post('/teams', { schema: { tags, summary: 'Adds a team for a village', body: TeamBody, response: { 201: Team, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createTeam(db, actorOf(req), req.body)));
  app.put('/teams/:id', { schema: { tags, summary: 'Edits a team', params: Id, body: TeamBody, response: { 200: Team, ...errorResponses } } },
    async (req) => updateTeam(db, actorOf(req), req.params.id, req.body));
  app.post('/teams/:id/deactivate', {
    schema: { tags, summary: 'Disbands a team; its open tasks return to the commune', params: Id, response: { 200: Type.Object({ id: Type.Integer(), active: Type.Boolean() }), ...errorResponses } },
  }, async (req) => deactivateTeam(db, actorOf(req), req.params.id));
  app.post('/teams/:id/members', { schema: { tags, summary: 'Adds a member', params: Id, body: MemberBody, response: { 200: Team, ...errorResponses } } },
    async (req) => addMember(db, actorOf(req), req.params.id, req.body));
  const MemberParams = Type.Object({ id: Type.Integer({ minimum: 1 }), memberId: Type.Integer({ minimum: 1 }) });
  app.put('/teams/:id/members/:memberId', { schema: { tags, summary: 'Edits a member', params: MemberParams, body: MemberBody, response: { 200: Team, ...errorResponses } } },
    async (req) => updateMember(db, actorOf(req), req.params.id, req.params.memberId, req.body));
  app.delete('/teams/:id/members/:memberId', { schema: { tags, summary: 'Removes a member', params: MemberParams, response: { 200: Team, ...errorResponses } } },
    async (req) => removeMember(db, actorOf(req), req.params.id, req.params.memberId));

  // ---- tasks
  app.get('/tasks', {
    schema: {
      tags, summary: 'Team tasks (a team member: their team\'s or the commune\'s; the commune: all), open and overdue first',
      querystring: Type.Object({
        ...PageQuery, status: Type.Optional(oneOf(TEAM_TASK_STATUSES)), kind: Type.Optional(oneOf(TEAM_TASK_KINDS)), teamId: Type.Optional(Type.Integer({ minimum: 1 })),
        communeCode: Type.Optional(Commune), unassigned: Type.Optional(Type.Boolean()), dueTo: Type.Optional(DateString),
      }),
      response: { 200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), counts: Type.Object({ open: Type.Integer(), overdue: Type.Integer(), done: Type.Integer() }), items: Type.Array(Task) }), ...errorResponses },
    },
  }, async (req) => listTeamTasks(db, actorOf(req), req.query));
  app.post('/tasks/sync-home-checks', {
    schema: {
      tags, summary: 'Makes the day\'s home-quarantine checks of the area into tasks (idempotent)',
      body: Type.Object({ date: Type.Optional(DateString) }), response: { 200: Type.Object({ created: Type.Integer() }), ...errorResponses },
    },
  }, async (req) => ({ created: await syncHomeCheckTasks(db, actorOf(req), req.body.date ?? vnDate()) }));
  app.get('/tasks/:id', { schema: { tags, summary: 'One task', params: Id, response: { 200: Task, ...errorResponses } } },
    async (req) => getTeamTask(db, actorOf(req), req.params.id));
  app.post('/tasks/:id/complete', {
    schema: { tags, summary: 'Completes a task with its outcome (a home check is recorded through quarantine)', params: Id, body: CompleteBody, response: { 200: Task, ...errorResponses } },
  }, async (req) => completeTeamTask(db, actorOf(req), req.params.id, req.body));
  app.post('/tasks/:id/reassign', {
    schema: {
      tags, summary: 'Gives the task to another team of the commune (and member)', params: Id,
      body: Type.Object({ teamId: Nullable(Type.Integer({ minimum: 1 })), memberId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))) }), response: { 200: Task, ...errorResponses },
    },
  }, async (req) => reassignTeamTask(db, actorOf(req), req.params.id, req.body));

  // ---- pharmacies
  app.get('/pharmacies', {
    schema: { tags, summary: 'Pharmacies of the area', querystring: Type.Object({ ...PageQuery, q: Type.Optional(Str(100)), communeCode: Type.Optional(Commune) }), response: { 200: paged(Pharmacy), ...errorResponses } },
  }, async (req) => listPharmacies(db, actorOf(req), req.query));
  app.get('/pharmacies/:id', { schema: { tags, summary: 'One pharmacy', params: Id, response: { 200: Pharmacy, ...errorResponses } } },
    async (req) => getPharmacy(db, actorOf(req), req.params.id));
  app.post('/pharmacies', { schema: { tags, summary: 'Registers a pharmacy (district health, province)', body: PharmacyBody, response: { 201: Pharmacy, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createPharmacy(db, actorOf(req), req.body)));
  app.put('/pharmacies/:id', { schema: { tags, summary: 'Edits a pharmacy', params: Id, body: PharmacyBody, response: { 200: Pharmacy, ...errorResponses } } },
    async (req) => updatePharmacy(db, actorOf(req), req.params.id, req.body));
  app.get('/pharmacy-sales', {
    schema: {
      tags, summary: 'Sales of fever, cough and throat medicine with their follow-up (a pharmacy: its own)',
      querystring: Type.Object({ ...PageQuery, pharmacyId: Type.Optional(Type.Integer({ minimum: 1 })), from: Type.Optional(DateString), to: Type.Optional(DateString) }),
      response: { 200: paged(Sale), ...errorResponses },
    },
  }, async (req) => listSales(db, actorOf(req), req.query));
  app.post('/pharmacy-sales', {
    schema: { tags, summary: 'Reports a sale; opens a follow-up for the buyer\'s commune health station', body: SaleBody, response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reportSale(db, actorOf(req), req.body)));

  // ---- pharmacies asking to take part (public form; district health reviews)
  const Localised = Type.Object({ vi: Type.String(), en: Type.String() });
  app.post('/pharmacy-registrations', {
    config: { rateLimit: { max: 5, timeWindow: '1 hour', errorResponseBuilder: (_req: unknown, ctx: { ttl: number }) => Errors.rateLimited(Math.max(1, Math.ceil(ctx.ttl / 1000))) } },
    schema: {
      tags, summary: 'A pharmacy asks to take part (no sign-in; 5 an hour per address). The same answer whether or not the username exists: it is checked at approval', security: [],
      body: Type.Object({
        name: Str(200), licenceNo: Str(50), communeCode: Commune, address: OptStr(300), contactName: Str(120), contactPhone: Str(20),
        username: Str(50), password: Str(200),
      }),
      response: { 202: Type.Object({ status: Type.Literal('received'), message: Localised }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(202).send(await registerPharmacy(db, { ...req.body, provinceCode: app.ctx.config.provinceCode })));
  app.get('/pharmacy-registrations', {
    schema: {
      tags, summary: 'Pharmacies\' requests to take part, of the reviewer\'s area (pharmacy:manage)',
      querystring: Type.Object({ status: Type.Optional(oneOf(['pending', 'approved', 'rejected'])) }),
      response: {
        200: Type.Array(Type.Object({
          id: Type.Integer(), name: Type.String(), licenceNo: Nullable(Type.String()), districtCode: Nullable(Type.String()), communeCode: Type.String(), communeName: Nullable(Type.String()),
          address: Nullable(Type.String()), contactName: Type.String(), contactPhone: Type.String(), username: Type.String(), status: Type.String(),
          decisionNote: Nullable(Type.String()), orgUnitId: Nullable(Type.Integer()), createdAt: Type.Unsafe<Date>({ type: 'string', format: 'date-time' }), usernameTaken: Type.Boolean(),
        })),
        ...errorResponses,
      },
    },
  }, async (req) => listPharmacyRegistrations(db, actorOf(req), req.query));
  app.post('/pharmacy-registrations/:id/decision', {
    schema: {
      tags, summary: 'Approves (creating the pharmacy and its first user; another username when the wanted one is taken) or refuses with a reason', params: Id,
      body: Type.Object({ approve: Type.Boolean(), note: OptStr(500), username: OptStr(50) }),
      response: { 200: Type.Object({ id: Type.Integer(), status: Type.String(), orgUnitId: Nullable(Type.Integer()), username: Nullable(Type.String()) }), ...errorResponses },
    },
  }, async (req) => decidePharmacyRegistration(db, actorOf(req), req.params.id, req.body));

  // ---- violations
  app.get('/violations', {
    schema: {
      tags, summary: 'Violations of the area', querystring: Type.Object({ ...PageQuery, ...ViolationFilters }),
      response: { 200: Type.Object({ items: Type.Array(Violation), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), fineTotal: Type.Number() }), ...errorResponses },
    },
  }, async (req) => listViolations(db, actorOf(req), req.query));
  app.get('/violations/export.xlsx', { schema: { tags, summary: 'The filtered violations as a spreadsheet (audited)', querystring: Type.Object(ViolationFilters) } },
    async (req, reply) => reply.type(XLSX_MIME).header('content-disposition', 'attachment; filename="vi-pham.xlsx"').send(await exportViolations(db, actorOf(req), req.query)));
  app.get('/violations/counts', {
    schema: {
      tags, summary: 'Violations of a day and cumulative, by kind and district (the daily report\'s figures)', querystring: Type.Object({ date: Type.Optional(DateString) }),
      response: {
        200: Type.Object({ date: Type.String(), total: Type.Object(Count),
          byKind: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), ...Count })), byDistrict: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...Count })) }),
        ...errorResponses,
      },
    },
  }, async (req) => violationCounts(db, actorOf(req), req.query.date ?? vnDate()));
  app.get('/violations/:id', { schema: { tags, summary: 'One violation', params: Id, response: { 200: Violation, ...errorResponses } } },
    async (req) => getViolation(db, actorOf(req), req.params.id));
  app.post('/violations', { schema: { tags, summary: 'Records a violation', body: ViolationBody, response: { 201: Violation, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await createViolation(db, actorOf(req), req.body)));
  app.put('/violations/:id', { schema: { tags, summary: 'Edits a violation (decision, fine, status)', params: Id, body: ViolationBody, response: { 200: Violation, ...errorResponses } } },
    async (req) => updateViolation(db, actorOf(req), req.params.id, req.body));
  app.delete('/violations/:id', { schema: { tags, summary: 'Deletes a violation recorded in error', params: Id, response: { 200: Type.Object({ id: Type.Integer() }), ...errorResponses } } },
    async (req) => deleteViolation(db, actorOf(req), req.params.id));
};
