import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, paged, PageQuery } from '../../server/schemas.ts';
import {
  addManualContact, addMembership, addToRun, createGroup, deleteManualContact, deleteMembership, personContacts, searchGroups, updateMembership,
} from './contacts.service.ts';
import { EDGE_KINDS, GROUP_KINDS, MAX_DEPTH } from './tracing.domain.ts';
import {
  caseChain, caseContacts, exportCaseContacts, listRuns, reviewRun, runForCase, runPeople, traceCsv, traceForActor,
} from './tracing.service.ts';

const NullableInt = Type.Union([Type.Null(), Type.Integer()]);
const Kind = Type.String({ enum: [...EDGE_KINDS] });
const GroupKind = Type.String({ enum: [...GROUP_KINDS] });
const Review = Type.String({ enum: ['pending', 'confirmed', 'dismissed', 'added'] });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Depth = Type.Integer({ minimum: 1, maximum: MAX_DEPTH });

const SourceEdge = Type.Object({ personId: Type.Integer(), kind: Kind, groupId: NullableInt, date: Type.String() });
const ListedTraceSchema = Type.Object({
  asOf: Type.String(), depth: Type.Integer(), counts: Type.Array(Type.Integer()), engineMs: Type.Number(),
  people: Type.Array(Type.Object({
    personId: Type.Integer(), level: Type.Integer(), windowStart: Type.String(), windowEnd: Type.String(), source: Type.Union([Type.Null(), SourceEdge]),
  })),
});

const ContactFilters = {
  level: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DEPTH })),
  kind: Type.Optional(Kind),
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  review: Type.Optional(Review),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  asOf: Type.Optional(DateString),
};

const TracedContactSchema = Type.Object({
  personId: Type.Integer(), fullName: Type.String(), masked: Type.Boolean(), communeCode: Type.String(), communeName: Type.String(),
  districtName: Type.String(), level: Type.Integer(), windowStart: Type.String(), windowEnd: Type.String(), isCase: Type.Boolean(),
  quarantineStart: Nullable(Type.String()),
  source: Type.Object({
    personId: Type.Integer(), fullName: Type.String(), masked: Type.Boolean(), caseCode: Nullable(Type.String()), kind: Kind,
    groupId: NullableInt, groupLabel: Nullable(Type.String()), date: Type.String(),
  }),
  reviewStatus: Type.Union([Type.Null(), Review]), runId: NullableInt,
});

const ChainSchema = Type.Object({
  asOf: Type.String(), truncated: Type.Boolean(), counts: Type.Array(Type.Integer()),
  nodes: Type.Array(Type.Object({
    id: Type.Integer(), level: Type.Integer(), label: Type.String(), caseCode: Nullable(Type.String()), communeName: Type.String(),
    reviewStatus: Type.Union([Type.Null(), Review]),
  })),
  edges: Type.Array(Type.Object({ source: Type.Integer(), target: Type.Integer(), kind: Kind, date: Type.String(), primary: Type.Boolean() })),
});
export { ChainSchema };

const RunResultSchema = Type.Object({
  runId: Type.Integer(), asOf: Type.String(), counts: Type.Record(Type.String(), Type.Integer()), newPeople: Type.Integer(),
});

/** /api/tracing: listed traces (the CLI's twin) and trace runs with their review. */
export const tracingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get('/trace', {
    schema: {
      tags: ['tracing'],
      summary: 'Trace listed F0 (person ids) to F1/F2/F3 by the issue-4 rules; json or csv (person_id,level,source_id,kind,group_id,date)',
      querystring: Type.Object({
        f0: Type.String({ pattern: '^\\d+(,\\d+)*$', maxLength: 20_000 }),
        asOf: Type.Optional(DateString), depth: Type.Optional(Depth),
        format: Type.Optional(Type.String({ enum: ['json', 'csv'] })),
      }),
      response: { 200: Type.Union([ListedTraceSchema, Type.String()]), ...errorResponses },
    },
  }, async (request, reply) => {
    const { f0, asOf, depth, format } = request.query;
    const out = await traceForActor(db, actorOf(request), f0.split(',').map(Number), { asOf, depth });
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(traceCsv(out));
    return out;
  });

  app.get('/runs', {
    schema: {
      tags: ['tracing'], summary: 'Trace runs (on confirmation or by hand), newest first, with pending reviews',
      querystring: Type.Object({ caseId: Type.Optional(Type.Integer({ minimum: 1 })), ...PageQuery }),
      response: {
        200: paged(Type.Object({
          id: Type.Integer(), asOf: Type.String(), trigger: Type.String(), caseId: NullableInt, caseCode: Nullable(Type.String()),
          counts: Type.Record(Type.String(), Type.Integer()), pending: Type.Integer(), createdAt: Type.String(), createdBy: Nullable(Type.String()),
        })),
        ...errorResponses,
      },
    },
  }, async (request) => listRuns(db, actorOf(request), request.query));

  app.get('/runs/:id/people', {
    schema: {
      tags: ['tracing'], summary: "A run's traced people with their review",
      params: IdParams,
      querystring: Type.Object({ review: Type.Optional(Review), level: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DEPTH })), ...PageQuery }),
      response: {
        200: paged(Type.Object({
          personId: Type.Integer(), fullName: Type.String(), masked: Type.Boolean(), communeName: Type.String(), level: Type.Integer(),
          source: Type.Union([Type.Null(), Type.Object({ personId: Type.Integer(), fullName: Type.String(), kind: Kind, date: Type.String() })]),
          reviewStatus: Review, reviewNote: Nullable(Type.String()),
        })),
        ...errorResponses,
      },
    },
  }, async (request) => runPeople(db, actorOf(request), request.params.id, request.query as Parameters<typeof runPeople>[3]));

  app.post('/runs/:id/review', {
    schema: {
      tags: ['tracing'], summary: 'Confirm or dismiss traced people of a run (audited)',
      params: IdParams,
      body: Type.Object({
        personIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 }),
        decision: Type.String({ enum: ['confirmed', 'dismissed'] }), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }),
      response: { 200: Type.Object({ updated: Type.Integer() }), ...errorResponses },
    },
  }, async (request) => reviewRun(db, actorOf(request), request.params.id, request.body as Parameters<typeof reviewRun>[3]));

  app.post('/runs/:id/add', {
    schema: {
      tags: ['tracing'], summary: 'Add a contact the trace missed: a manual contact with the source, listed at the next level',
      params: IdParams,
      body: Type.Object({
        personId: Type.Integer({ minimum: 1 }), sourcePersonId: Type.Integer({ minimum: 1 }), date: DateString,
        place: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }),
      response: { 200: Type.Object({ added: Type.Boolean(), level: Type.Integer() }), ...errorResponses },
    },
  }, async (request) => addToRun(db, actorOf(request), request.params.id, request.body));
};

/** /api/cases/:id/…: a case's trace, F1/F2/F3 list and chain. */
export const caseTracingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.post('/:id/trace', {
    schema: { tags: ['tracing'], summary: "Trace now from the live data and list the case's new F1/F2/F3 for review", params: IdParams, response: { 200: RunResultSchema, ...errorResponses } },
  }, async (request) => runForCase(db, actorOf(request), request.params.id, 'manual'));

  app.get('/:id/contacts', {
    schema: {
      tags: ['tracing'], summary: "The case's F1/F2/F3 (primary lineage back to it), filtered and paged",
      params: IdParams, querystring: Type.Object({ ...ContactFilters, ...PageQuery }),
      response: {
        200: Type.Object({
          items: Type.Array(TracedContactSchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
          counts: Type.Record(Type.String(), Type.Integer()), asOf: Type.String(),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => caseContacts(db, actorOf(request), request.params.id, request.query as Parameters<typeof caseContacts>[3]));

  app.get('/:id/contacts/export', {
    schema: { tags: ['tracing'], summary: "The case's F1/F2/F3 as XLSX (audited)", params: IdParams, querystring: Type.Object(ContactFilters) },
  }, async (request, reply) => {
    const file = await exportCaseContacts(db, actorOf(request), request.params.id, request.query as Parameters<typeof exportCaseContacts>[3]);
    return reply.type(XLSX_MIME).header('content-disposition', `attachment; filename="tiep-xuc-ca-${request.params.id}.xlsx"`).send(file);
  });

  app.get('/:id/chain', {
    schema: {
      tags: ['tracing'], summary: 'Transmission chain below the case: nodes by level and every exposure edge among them',
      params: IdParams,
      querystring: Type.Object({ depth: Type.Optional(Depth), maxNodes: Type.Optional(Type.Integer({ minimum: 10, maximum: 2000 })), asOf: Type.Optional(DateString) }),
      response: { 200: ChainSchema, ...errorResponses },
    },
  }, async (request) => caseChain(db, actorOf(request), request.params.id, request.query));
};

/** /api/people/:id/contacts: where a person's edges come from. */
export const personContactsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  app.get('/:id/contacts', {
    schema: {
      tags: ['contacts'], summary: "A person's groups (with intervals), latest check-ins and manual contacts (audited read)",
      params: IdParams,
      response: {
        200: Type.Object({
          memberships: Type.Array(Type.Object({
            id: Type.Integer(), groupId: Type.Integer(), groupKind: GroupKind, groupLabel: Type.String(), orgName: Nullable(Type.String()),
            validFrom: Type.String(), validTo: Nullable(Type.String()),
          })),
          checkins: Type.Array(Type.Object({ venueId: Type.Integer(), venueName: Type.String(), checkedInAt: Type.String() })),
          manualContacts: Type.Array(Type.Object({
            id: Type.Integer(), otherPersonId: Type.Integer(), otherName: Type.String(), date: Type.String(), place: Nullable(Type.String()), note: Nullable(Type.String()),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (request) => personContacts(db, actorOf(request), request.params.id));
};

const MembershipSchema = Type.Object({ id: Type.Integer(), groupId: Type.Integer(), personId: Type.Integer(), validFrom: Type.String(), validTo: Nullable(Type.String()) });
const GroupSchema = Type.Object({
  id: Type.Integer(), kind: GroupKind, label: Type.String(), orgName: Nullable(Type.String()), communeName: Nullable(Type.String()), members: Type.Integer(),
});
const ManualSchema = Type.Object({
  id: Type.Integer(), personA: Type.Integer(), personB: Type.Integer(), date: Type.String(), place: Nullable(Type.String()), note: Nullable(Type.String()),
});

/** /api/contacts: groups, memberships and manual contacts (all writes audited). */
export const contactsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get('/groups', {
    schema: {
      tags: ['contacts'], summary: 'Search contact groups in your area',
      querystring: Type.Object({
        kind: Type.Optional(GroupKind), q: Type.Optional(Type.String({ maxLength: 100 })), communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })), ...PageQuery,
      }),
      response: { 200: paged(GroupSchema), ...errorResponses },
    },
  }, async (request) => searchGroups(db, actorOf(request), request.query as Parameters<typeof searchGroups>[2]));

  app.post('/groups', {
    schema: {
      tags: ['contacts'], summary: 'Create a contact group (household, room, workshop + shift, bus route)',
      body: Type.Object({ kind: GroupKind, label: Type.String({ maxLength: 200 }), communeCode: Type.String({ maxLength: 10 }), orgUnitId: Type.Optional(NullableInt) }),
      response: { 201: GroupSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await createGroup(db, actorOf(request), request.body as Parameters<typeof createGroup>[2])));

  app.post('/memberships', {
    schema: {
      tags: ['contacts'], summary: 'Add a person to a group from a date (to a date, or still)',
      body: Type.Object({ personId: Type.Integer({ minimum: 1 }), groupId: Type.Integer({ minimum: 1 }), validFrom: Type.String({ maxLength: 20 }), validTo: Type.Optional(Nullable(Type.String({ maxLength: 20 }))) }),
      response: { 201: MembershipSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await addMembership(db, actorOf(request), request.body)));

  app.patch('/memberships/:id', {
    schema: {
      tags: ['contacts'], summary: "Change a membership's interval (e.g. the day someone moved out)",
      params: IdParams,
      body: Type.Object({ validFrom: Type.Optional(Type.String({ maxLength: 20 })), validTo: Type.Optional(Nullable(Type.String({ maxLength: 20 }))) }),
      response: { 200: MembershipSchema, ...errorResponses },
    },
  }, async (request) => updateMembership(db, actorOf(request), request.params.id, request.body));

  app.delete('/memberships/:id', {
    schema: { tags: ['contacts'], summary: 'Delete a membership entered by mistake (audited with its values)', params: IdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses } },
  }, async (request) => deleteMembership(db, actorOf(request), request.params.id));

  app.post('/manual', {
    schema: {
      tags: ['contacts'], summary: 'Record a manual contact between two people on a date',
      body: Type.Object({
        personA: Type.Integer({ minimum: 1 }), personB: Type.Integer({ minimum: 1 }), date: Type.String({ maxLength: 20 }),
        place: Type.Optional(Nullable(Type.String({ maxLength: 200 }))), note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      }),
      response: { 201: ManualSchema, ...errorResponses },
    },
  }, async (request, reply) => reply.status(201).send(await addManualContact(db, actorOf(request), request.body)));

  app.delete('/manual/:id', {
    schema: { tags: ['contacts'], summary: 'Delete a manual contact (audited with its values)', params: IdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses } },
  }, async (request) => deleteManualContact(db, actorOf(request), request.params.id));
};
