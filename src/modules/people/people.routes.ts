import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { errorResponses, Nullable, paged, PageQuery } from '../../server/schemas.ts';
import { vnDate } from '../../lib/time.ts';
import {
  createPerson, exportPeople, findDuplicates, getPerson, importPeople, importTemplate, listPeople, updatePerson,
} from './people.service.ts';


const PersonSchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(),
  sex: Type.String(),
  dateOfBirth: Nullable(Type.String()),
  nationalId: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  communeCode: Type.String(),
  communeName: Type.String(),
  districtCode: Type.String(),
  districtName: Type.String(),
  addressDetail: Nullable(Type.String()),
  householdId: Type.Union([Type.Null(), Type.Integer()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  masked: Type.Boolean(),
});

// Field formats are checked by the domain rules (one place, vi/en messages naming the field);
// the schema only bounds types and sizes.
const PersonFields = {
  fullName: Type.String({ maxLength: 200 }),
  sex: Type.String({ maxLength: 20 }),
  dateOfBirth: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  nationalId: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  communeCode: Type.String({ maxLength: 10 }),
  addressDetail: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
};

const ListQuery = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
};

const MatchSchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(),
  dateOfBirth: Nullable(Type.String()),
  communeName: Type.String(),
  reason: Type.String(),
});

export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/',
    {
      schema: {
        tags: ['people'],
        summary: 'List the register in your scope: paged, sorted, accent-insensitive search by name, phone or ID',
        querystring: Type.Object({
          ...ListQuery,
          sort: Type.Optional(
            Type.Union(['fullName', '-fullName', 'dateOfBirth', '-dateOfBirth', 'createdAt', '-createdAt'].map((s) => Type.Literal(s))),
          ),
          ...PageQuery,
        }),
        response: { 200: paged(PersonSchema), ...errorResponses },
      },
    },
    async (request) => listPeople(db, actorOf(request), request.query as Parameters<typeof listPeople>[2]),
  );

  app.get(
    '/import-template.xlsx',
    { schema: { tags: ['people'], summary: 'Blank import template with an example row' } },
    async (request, reply) => {
      actorOf(request);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', 'attachment; filename="mau-nhap-danh-sach.xlsx"')
        .send(await importTemplate());
    },
  );

  app.get(
    '/export.xlsx',
    { schema: { tags: ['people'], summary: 'Export the filtered register (masked per role; audited)', querystring: Type.Object(ListQuery) } },
    async (request, reply) => {
      const file = await exportPeople(db, actorOf(request), request.query);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="danh-sach-${vnDate()}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['people'],
        summary: "One person's record (the read is audited)",
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: PersonSchema, ...errorResponses },
      },
    },
    async (request) => getPerson(db, actorOf(request), request.params.id),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a person; 409 POSSIBLE_DUPLICATE unless confirmDuplicate',
        body: Type.Object({ ...PersonFields, confirmDuplicate: Type.Optional(Type.Boolean()) }),
        response: { 201: PersonSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createPerson(db, actorOf(request), request.body)),
  );

  app.post(
    '/duplicates',
    {
      schema: {
        tags: ['people'],
        summary: 'Find people in the register that may be this person (same ID; or same name, date of birth and phone)',
        body: Type.Object(PersonFields),
        response: { 200: Type.Object({ matches: Type.Array(MatchSchema) }), ...errorResponses },
      },
    },
    async (request) => findDuplicates(db, actorOf(request), request.body),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person (audited with before and after)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Partial(Type.Object(PersonFields)),
        response: { 200: PersonSchema, ...errorResponses },
      },
    },
    async (request) => updatePerson(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/import',
    {
      schema: {
        tags: ['people'],
        summary: 'Import an .xlsx register (all-or-nothing; dryRun validates only)',
        consumes: [XLSX_MIME],
        querystring: Type.Object({
          dryRun: Type.Boolean({ default: false }),
          duplicates: Type.Union([Type.Literal('reject'), Type.Literal('skip')], { default: 'reject' }),
        }),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            total: Type.Integer(),
            created: Type.Integer(),
            skipped: Type.Array(Type.Object({ row: Type.Integer(), matches: Type.Array(MatchSchema) })),
            issues: Type.Array(Type.Unknown()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!Buffer.isBuffer(request.body)) {
        throw Errors.badFile({ vi: `gửi tệp .xlsx với Content-Type ${XLSX_MIME}`, en: `send the .xlsx file with Content-Type ${XLSX_MIME}` });
      }
      return importPeople(db, actor, request.body, request.query);
    },
  );
};
