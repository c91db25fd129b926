import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { XLSX_MIME } from '../../server/app.ts';
import { DateString, errorResponses, Nullable, PageQuery } from '../../server/schemas.ts';
import { reportFileName } from './reports.domain.ts';
import { generateForUser, getReport, listReports, MAX_NUMBER, MAX_TEXT, reportFile, saveNotes } from './reports.service.ts';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const Generator = Nullable(Type.Object({ scheduler: Type.Boolean(), username: Nullable(Type.String()), fullName: Nullable(Type.String()) }));
const Day = Type.Object({ date: DateString });
const Report = Type.Object({
  date: Type.String(), number: Nullable(Type.String()), difficulties: Type.String(), proposals: Type.String(),
  generatedAt: Nullable(Type.String()), generatedBy: Generator, hasFiles: Type.Boolean(),
  figuresKept: Type.Boolean({ description: 'true: the figures kept with the files; false: computed now (not generated yet)' }),
  figures: Type.Unknown({ description: 'ReportFigures (src/modules/reports/reports.figures.ts)' }),
});

export const reportsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', {
    schema: {
      tags: ['reports'], summary: 'Kept daily reports, newest day first, with the latest case date (the default day of a new report)',
      querystring: Type.Object(PageQuery),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ date: Type.String(), number: Nullable(Type.String()), generatedAt: Nullable(Type.String()), generatedBy: Generator, hasFiles: Type.Boolean() })),
          total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), latestCaseDate: Nullable(Type.String()), today: Type.String(),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => listReports(app.ctx.db, actorOf(req), req.query));

  app.get('/:date', {
    schema: { tags: ['reports'], summary: "One day's report: texts and figures (kept, or computed now when not generated yet)", params: Day, response: { 200: Report, ...errorResponses } },
  }, async (req) => getReport(app.ctx.db, actorOf(req), req.params.date));

  app.put('/:date/notes', {
    schema: {
      tags: ['reports'], summary: "Saves the day's report number and free texts (kept when regenerated; audited)",
      params: Day,
      body: Type.Object({
        number: Type.Optional(Nullable(Type.String({ maxLength: MAX_NUMBER }))),
        difficulties: Type.String({ maxLength: MAX_TEXT }),
        proposals: Type.String({ maxLength: MAX_TEXT }),
      }),
      response: { 200: Report, ...errorResponses },
    },
  }, async (req) => saveNotes(app.ctx.db, actorOf(req), req.params.date, req.body));

  app.post('/:date/generate', {
    schema: { tags: ['reports'], summary: "Generates (or regenerates) the day's DOCX and XLSX from the figures of that day (audited)", params: Day, response: { 200: Report, ...errorResponses } },
  }, async (req) => generateForUser(app.ctx.db, actorOf(req), req.params.date));

  app.get('/:date/report.docx', {
    schema: { tags: ['reports'], summary: "The day's report as a Word file (Nghị định 30 layout), as last generated", params: Day },
  }, async (req, reply) => {
    const file = await reportFile(app.ctx.db, actorOf(req), req.params.date, 'docx');
    return reply.header('content-type', DOCX_MIME).header('content-disposition', `attachment; filename="${reportFileName(req.params.date, 'docx')}"`).send(file);
  });

  app.get('/:date/report.xlsx', {
    schema: { tags: ['reports'], summary: "The day's report as a workbook (the same tables), as last generated", params: Day },
  }, async (req, reply) => {
    const file = await reportFile(app.ctx.db, actorOf(req), req.params.date, 'xlsx');
    return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${reportFileName(req.params.date, 'xlsx')}"`).send(file);
  });
};
