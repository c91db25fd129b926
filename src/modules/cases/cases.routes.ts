import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { vnDate } from '../../lib/time.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { Errors } from '../../server/errors.ts';
import { DateString, errorResponses, Nullable, oneOf, paged, PageQuery } from '../../server/schemas.ts';
import { CLASSIFICATIONS, DETECTIONS, STATUSES } from './cases.domain.ts';
import { importCases } from './cases.import.ts';
import {
  changeCaseStatus, createCase, exportCases, getCase, importTemplate, listCases, updateCase,
} from './cases.service.ts';


const CaseSummarySchema = Type.Object({
  id: Type.Integer(),
  caseCode: Type.String(),
  personId: Type.Integer(),
  fullName: Type.String(),
  sex: Type.String(),
  dateOfBirth: Nullable(Type.String()),
  communeCode: Type.String(),
  communeName: Type.String(),
  districtCode: Type.String(),
  districtName: Type.String(),
  onsetDate: Nullable(Type.String()),
  sampleDate: Type.String(),
  confirmationDate: Type.String(),
  isolationDate: Nullable(Type.String()),
  detection: Type.String(),
  classification: Type.String(),
  status: Type.String(),
  facilityId: Nullable(Type.Integer()),
  facilityName: Nullable(Type.String()),
  foundPlace: Nullable(Type.String()),
  masked: Type.Boolean(),
});

const CaseDetailFields = {
  ...CaseSummarySchema.properties,
  phone: Nullable(Type.String()),
  nationalId: Nullable(Type.String()),
  addressDetail: Nullable(Type.String()),
  note: Nullable(Type.String()),
  foundOrgUnitId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  timeline: Type.Array(
    Type.Object({
      id: Type.Integer(),
      status: Type.String(),
      effectiveDate: Type.String(),
      facilityId: Nullable(Type.Integer()),
      facilityName: Nullable(Type.String()),
      note: Nullable(Type.String()),
      createdBy: Nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
  clusters: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
};
const CaseDetailSchema = Type.Object(CaseDetailFields);

// Dates, codes and enumerations are checked by the domain rules (one place, vi/en messages
// naming the field; dates as YYYY-MM-DD or DD/MM/YYYY); the schema bounds types and sizes.
const CaseFields = {
  caseCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  onsetDate: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  sampleDate: Type.String({ maxLength: 20 }),
  confirmationDate: Type.String({ maxLength: 20 }),
  isolationDate: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  detection: Type.String({ maxLength: 40, description: DETECTIONS.join(' | ') }),
  classification: Type.String({ maxLength: 40, description: CLASSIFICATIONS.join(' | ') }),
  status: Type.Optional(Type.String({ maxLength: 40, description: `${STATUSES.join(' | ')} (default isolated)` })),
  facilityId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  foundPlace: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  foundOrgUnitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  communeCode: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

const ListFilters = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  status: Type.Optional(oneOf(STATUSES)),
  classification: Type.Optional(oneOf(CLASSIFICATIONS)),
  detection: Type.Optional(oneOf(DETECTIONS)),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
};

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const casesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/',
    {
      schema: {
        tags: ['cases'],
        summary: 'List the cases (F0) in your area: filters, confirmation date range, search by code, name, phone or ID',
        querystring: Type.Object({
          ...ListFilters,
          sort: Type.Optional(oneOf(['confirmationDate', '-confirmationDate', 'caseCode', '-caseCode'])),
          ...PageQuery,
        }),
        response: { 200: paged(CaseSummarySchema), ...errorResponses },
      },
    },
    async (request) => listCases(db, actorOf(request), request.query as Parameters<typeof listCases>[2]),
  );

  app.get(
    '/export',
    {
      schema: {
        tags: ['cases'],
        summary: 'Export the filtered cases as .xlsx (masked per role; audited)',
        querystring: Type.Object(ListFilters),
      },
    },
    async (request, reply) => {
      const file = await exportCases(db, actorOf(request), request.query as Parameters<typeof exportCases>[2]);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', `attachment; filename="ca-benh-${vnDate()}.xlsx"`)
        .send(file);
    },
  );

  app.get(
    '/import/template',
    { schema: { tags: ['cases'], summary: 'Blank case import template with an example row and the allowed values' } },
    async (request, reply) => {
      actorOf(request);
      return reply
        .type(XLSX_MIME)
        .header('content-disposition', 'attachment; filename="mau-nhap-ca-benh.xlsx"')
        .send(await importTemplate());
    },
  );

  app.post(
    '/import',
    {
      schema: {
        tags: ['cases'],
        summary: 'Import an .xlsx of cases (all-or-nothing; dryRun validates only)',
        consumes: [XLSX_MIME],
        querystring: Type.Object({ dryRun: Type.Boolean({ default: false }) }),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            total: Type.Integer(),
            created: Type.Integer(),
            skipped: Type.Array(Type.Unknown()),
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
      return importCases(db, actor, request.body, request.query);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case with its person, status timeline and clusters (the read is audited)',
        params: IdParams,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => getCase(db, actorOf(request), request.params.id),
  );

  app.post(
    '/',
    {
      schema: {
        tags: ['cases'],
        summary: 'Confirm a case: next BN code unless given; 409 for a duplicate code or a person with an open case',
        body: Type.Object({ personId: Type.Integer({ minimum: 1 }), ...CaseFields }),
        response: {
          201: Type.Object({ ...CaseDetailFields, latestTraceRunId: Nullable(Type.Integer()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await createCase(db, actorOf(request), request.body)),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Change a case (audited with before and after); a new status is a timeline step dated today',
        params: IdParams,
        body: Type.Partial(Type.Object(CaseFields)),
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => updateCase(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/:id/status',
    {
      schema: {
        tags: ['cases'],
        summary: "Append a dated step to the case's status timeline",
        params: IdParams,
        body: Type.Object({
          status: oneOf(STATUSES),
          effectiveDate: DateString,
          facilityId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        }),
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      changeCaseStatus(db, actorOf(request), request.params.id, request.body as Parameters<typeof changeCaseStatus>[3]),
  );
};
