import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, PageQuery, paged } from '../../server/schemas.ts';
import {
  addClusterCases, clusterChain, clusterSuggestions, createCluster, getCluster, listClusters, removeClusterCase, updateCluster,
} from './clusters.service.ts';

const NullableString = Type.Union([Type.Null(), Type.String()]);
const NullableInteger = Type.Union([Type.Null(), Type.Integer()]);
const PlaceKind = Type.Union([
  Type.Literal('enterprise'), Type.Literal('village'), Type.Literal('market'), Type.Literal('hospital'), Type.Literal('boarding_house'), Type.Literal('other'),
]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('controlled')]);

const ClusterSummarySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  placeKind: PlaceKind,
  orgUnitId: NullableInteger,
  orgUnitName: NullableString,
  communeCode: NullableString,
  communeName: NullableString,
  districtCode: NullableString,
  districtName: NullableString,
  status: Status,
  cases: Type.Integer(),
  firstCaseDate: NullableString,
  lastCaseDate: NullableString,
  controlDays: Type.Integer(),
  controlledOn: NullableString,
  daysToControl: NullableInteger,
  ageDays: NullableInteger,
  createdAt: Type.String(),
});

const ClusterDetailSchema = Type.Object({
  ...ClusterSummarySchema.properties,
  note: NullableString,
  cases: Type.Array(
    Type.Object({
      id: Type.Integer(),
      caseCode: Type.String(),
      fullName: Type.String(),
      masked: Type.Boolean(),
      confirmationDate: Type.String(),
      communeName: NullableString,
      status: Type.String(),
    }),
  ),
});

const SuggestionSchema = Type.Object({
  key: Type.String(),
  name: Type.String(),
  placeKind: PlaceKind,
  orgUnitId: NullableInteger,
  communeCode: NullableString,
  caseIds: Type.Array(Type.Integer()),
  caseCodes: Type.Array(Type.String()),
  firstCaseDate: Type.String(),
});

const ChainSchema = Type.Object({
  asOf: Type.String(),
  truncated: Type.Boolean(),
  counts: Type.Array(Type.Integer()),
  nodes: Type.Array(
    Type.Object({
      id: Type.Integer(),
      level: Type.Integer(),
      label: Type.String(),
      caseCode: NullableString,
      communeName: Type.String(),
      reviewStatus: NullableString,
    }),
  ),
  edges: Type.Array(
    Type.Object({ source: Type.Integer(), target: Type.Integer(), kind: Type.String(), date: Type.String(), primary: Type.Boolean() }),
  ),
});

// Name, control days and case ids are checked by the domain rules (vi/en messages naming the
// field); the schema only bounds types and sizes.
const EditableFields = {
  name: Type.String({ maxLength: 200 }),
  controlDays: Type.Integer(),
  note: Type.Union([Type.Null(), Type.String({ maxLength: 2000 })]),
};
const CaseIds = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const clustersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Clusters (ổ dịch) in your area with their status as of a date (default: the latest confirmation date)',
        querystring: Type.Object({
          status: Type.Optional(Status),
          districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          asOf: Type.Optional(DateString),
          ...PageQuery,
        }),
        response: { 200: Type.Object({ ...paged(ClusterSummarySchema).properties, asOf: Type.String() }), ...errorResponses },
      },
    },
    async (request) => listClusters(db, actorOf(request), request.query),
  );

  app.get(
    '/suggestions',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Groups of two or more cases at one enterprise, boarding house or commune, confirmed within 14 days of each other, not yet in one cluster',
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
        response: { 200: Type.Array(SuggestionSchema), ...errorResponses },
      },
    },
    async (request) => clusterSuggestions(db, actorOf(request), request.query),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Declare a cluster from linked cases (audited)',
        body: Type.Object({
          name: EditableFields.name,
          placeKind: PlaceKind,
          orgUnitId: Type.Optional(Type.Union([Type.Null(), Type.Integer({ minimum: 1 })])),
          communeCode: Type.Optional(Type.Union([Type.Null(), Type.String({ pattern: '^\\d{5}$' })])),
          caseIds: CaseIds,
          controlDays: Type.Optional(EditableFields.controlDays),
          note: Type.Optional(EditableFields.note),
        }),
        response: { 201: ClusterDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createCluster(db, actorOf(request), request.body)),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['clusters'],
        summary: 'One cluster with its cases (the read is audited)',
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
        response: { 200: ClusterDetailSchema, ...errorResponses },
      },
    },
    async (request) => getCluster(db, actorOf(request), request.params.id, request.query),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Rename a cluster, change its control days or note (audited with before and after)',
        params: IdParams,
        body: Type.Partial(Type.Object(EditableFields)),
        response: { 200: ClusterDetailSchema, ...errorResponses },
      },
    },
    async (request) => updateCluster(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/:id/cases',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Link more cases to a cluster (audited)',
        params: IdParams,
        body: Type.Object({ caseIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 }) }),
        response: { 200: ClusterDetailSchema, ...errorResponses },
      },
    },
    async (request) => addClusterCases(db, actorOf(request), request.params.id, request.body.caseIds),
  );

  app.delete(
    '/:id/cases/:caseId',
    {
      schema: {
        tags: ['clusters'],
        summary: 'Unlink a case from a cluster (audited)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), caseId: Type.Integer({ minimum: 1 }) }),
        response: { 200: ClusterDetailSchema, ...errorResponses },
      },
    },
    async (request) => removeClusterCase(db, actorOf(request), request.params.id, request.params.caseId),
  );

  app.get(
    '/:id/chain',
    {
      schema: {
        tags: ['clusters'],
        summary: "Transmission chain below the cluster's cases (live trace; needs tracing:read)",
        params: IdParams,
        querystring: Type.Object({
          depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
          maxNodes: Type.Optional(Type.Integer({ minimum: 50, maximum: 2000 })),
          asOf: Type.Optional(DateString),
        }),
        response: { 200: ChainSchema, ...errorResponses },
      },
    },
    async (request) => clusterChain(db, actorOf(request), request.params.id, request.query),
  );
};
