import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { errorResponses, PageQuery, paged } from '../../server/schemas.ts';
import { assertPermission } from '../auth/policy.ts';
import { FACILITY_KINDS } from './places.domain.ts';
import { boundariesGeoJson, getUnit, listFacilities, listUnits, listVillages } from './places.service.ts';

const UnitSchema = Type.Object({
  code: Type.String(),
  level: Type.String(),
  name: Type.String(),
  type: Type.String(),
  parentCode: Type.Union([Type.Null(), Type.String()]),
  provinceCode: Type.String(),
  districtCode: Type.Union([Type.Null(), Type.String()]),
});

const FacilityKindSchema = Type.Union([Type.Literal(FACILITY_KINDS[0]), Type.Literal(FACILITY_KINDS[1])]);

const FacilitySchema = Type.Object({
  id: Type.Integer(),
  kind: FacilityKindSchema,
  name: Type.String(),
  communeCode: Type.Union([Type.Null(), Type.String()]),
  communeName: Type.Union([Type.Null(), Type.String()]),
  districtName: Type.Union([Type.Null(), Type.String()]),
});

export const placesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;

  app.get(
    '/units',
    {
      schema: {
        tags: ['places'],
        summary: 'List and search administrative units (accent-insensitive: "bac giang" finds "Bắc Giang")',
        querystring: Type.Object({
          level: Type.Optional(Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')])),
          parent: Type.Optional(Type.String({ pattern: '^\\d{2,3}$' })),
          province: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...PageQuery,
        }),
        response: { 200: paged(UnitSchema), ...errorResponses },
      },
    },
    async (request) => {
      assertPermission(actorOf(request), 'places:read');
      return listUnits(db, request.query);
    },
  );

  app.get(
    '/units/:code',
    {
      schema: {
        tags: ['places'],
        summary: 'One administrative unit by GSO code',
        params: Type.Object({ code: Type.String({ pattern: '^\\d{2,5}$' }) }),
        response: { 200: UnitSchema, ...errorResponses },
      },
    },
    async (request) => {
      assertPermission(actorOf(request), 'places:read');
      return getUnit(db, request.params.code);
    },
  );

  app.get(
    '/facilities',
    {
      schema: {
        tags: ['places'],
        summary: "Quarantine and treatment facilities of the actor's province (one kind or both), searched by name without accents",
        querystring: Type.Object({
          kind: Type.Optional(FacilityKindSchema),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...PageQuery,
        }),
        response: { 200: paged(FacilitySchema), ...errorResponses },
      },
    },
    async (request) => listFacilities(db, actorOf(request), request.query),
  );

  app.get(
    '/villages',
    {
      schema: {
        tags: ['places'],
        summary: "Villages (thôn / tổ dân phố) of a commune of the actor's province with their residents, from the register's addresses",
        querystring: Type.Object({
          communeCode: Type.String({ maxLength: 20, description: 'The commune (5 digits)' }),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ village: Type.String(), people: Type.Integer() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => listVillages(db, actorOf(request), request.query.communeCode),
  );

  app.get(
    '/boundaries',
    {
      schema: {
        tags: ['places'],
        summary: "GeoJSON outline and district polygons of the deployment's province",
        response: { 200: Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      assertPermission(actorOf(request), 'places:read');
      reply.header('cache-control', 'private, max-age=3600');
      return boundariesGeoJson(db, config.provinceCode);
    },
  );
};
