import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { directiveAlerts, listNotifications, readNotification, searchDirectives } from './directives.alerts.ts';
import {
  addItem, createAgency, createMeeting, followUp, getMeeting, listAgencies, listMeetings, MAX_TEXT, meetingNotice, updateAgency, updateItem, updateMeeting,
} from './directives.service.ts';
import { addReport, createTask, getAttachment, getTask, listTasks, MAX_ATTACHMENTS, reviewTask, updateTask } from './directives.tasks.ts';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['directives'];

const Id = Type.Integer({ minimum: 1 });
const AgencyKind = oneOf(['department', 'district_committee', 'other']);
const Agency = Type.Object({
  id: Type.Integer(), name: Type.String(), shortName: Type.String(), agencyKind: Type.String(), districtCode: Nullable(Type.String()), active: Type.Boolean(), users: Type.Integer(),
});
const AgencyRef = Type.Object({ id: Type.Integer(), name: Type.String(), shortName: Type.String() });
const Deadline = Type.Union([
  Type.Object({ kind: Type.Literal('date'), dueOn: DateString }),
  Type.Object({ kind: Type.Literal('daily'), from: DateString, until: Type.Optional(Nullable(DateString)) }),
  Type.Object({ kind: Type.Literal('weekly'), weekday: Type.Integer({ minimum: 1, maximum: 7 }), from: DateString, until: Type.Optional(Nullable(DateString)) }),
]);
const Priority = oneOf(['high', 'normal', 'low']);
const Status = oneOf(['assigned', 'in_progress', 'reported', 'accepted', 'returned']);
const ConcernsKind = oneOf(['cluster', 'zone', 'enterprise', 'facility', 'commune']);
const TaskSummary = Type.Object({
  id: Type.Integer(), title: Type.String(), leadAgency: AgencyRef, supportAgencies: Type.Array(AgencyRef), deadline: Deadline, nextDueOn: Nullable(Type.String()),
  priority: Type.String(), status: Type.String(), deadlineState: Type.String(), percent: Type.Integer(),
  latestReport: Nullable(Type.Object({ at: Type.String(), text: Type.String(), percent: Type.Integer() })),
  meetingId: Nullable(Type.Integer()), itemId: Nullable(Type.Integer()), itemOrdinal: Nullable(Type.Integer()),
  concerns: Nullable(Type.Object({ kind: Type.String(), ref: Type.String(), label: Type.String() })),
});
const Report = Type.Object({
  id: Type.Integer(), at: Type.String(), by: Type.Object({ username: Type.String(), fullName: Type.String() }), agency: Type.Object({ id: Type.Integer(), name: Type.String() }),
  text: Type.String(), percent: Type.Integer(), done: Type.Boolean(), attachments: Type.Array(Type.Object({ id: Type.Integer(), filename: Type.String(), size: Type.Integer() })),
});
const TaskDetail = Type.Intersect([TaskSummary, Type.Object({
  body: Type.String(), reports: Type.Array(Report),
  history: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), by: Nullable(Type.String()), note: Nullable(Type.String()) })),
})]);
const Item = Type.Object({ id: Type.Integer(), ordinal: Type.Integer(), text: Type.String(), tasks: Type.Array(TaskSummary) });
const num = Nullable(Type.Number());
const Situation = Type.Object({
  asOf: Type.String(), newCases: num, newCases7d: num, cumulative: num, activeClusters: num, f1: num, f2: num,
  quarantineOccupied: num, quarantineCapacity: num, bedsOccupied: num, icuOccupied: num, testsToday: num,
});
const Meeting = Type.Object({
  id: Type.Integer(), heldOn: Type.String(), title: Type.String(), chair: Type.String(), attendees: Type.Array(Type.String()), noticeNo: Nullable(Type.String()),
  situation: Nullable(Situation), items: Type.Array(Item), createdAt: Type.String(), createdBy: Nullable(Type.Object({ username: Type.String(), fullName: Nullable(Type.String()) })),
});
const Text = (max = MAX_TEXT) => Type.String({ maxLength: max });

export const directivesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.db;

  // ---- agencies
  app.get('/agencies', {
    schema: {
      tags, summary: 'Agencies (departments, district steering committees, others) of the province: departments first, then by name',
      querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), includeInactive: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(Agency) }), ...errorResponses },
    },
  }, async (req) => listAgencies(db(), actorOf(req), req.query));

  app.post('/agencies', {
    schema: {
      tags, summary: 'Adds an agency (directive:manage)',
      body: Type.Object({ name: Text(300), shortName: Text(100), agencyKind: AgencyKind, districtCode: Type.Optional(Nullable(Type.String({ pattern: '^\\d{3}$' }))) }),
      response: { 201: Agency, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createAgency(db(), actorOf(req), req.body as Parameters<typeof createAgency>[2])));

  app.patch('/agencies/:id', {
    schema: {
      tags, summary: 'Renames or (de)activates an agency; an inactive agency keeps its tasks (directive:manage)',
      params: Type.Object({ id: Id }), body: Type.Object({ name: Type.Optional(Text(300)), shortName: Type.Optional(Text(100)), active: Type.Optional(Type.Boolean()) }),
      response: { 200: Agency, ...errorResponses },
    },
  }, async (req) => updateAgency(db(), actorOf(req), req.params.id, req.body));

  // ---- meetings
  app.get('/meetings', {
    schema: {
      tags, summary: 'Steering meetings, newest first, with their numbers of conclusions, tasks and open tasks',
      querystring: Type.Object({ ...PageQuery, q: Type.Optional(Type.String({ maxLength: 100 })), from: Type.Optional(DateString), to: Type.Optional(DateString) }),
      response: {
        200: paged(Type.Object({ id: Type.Integer(), heldOn: Type.String(), title: Type.String(), chair: Type.String(), noticeNo: Nullable(Type.String()), items: Type.Integer(), tasks: Type.Integer(), openTasks: Type.Integer() })),
        ...errorResponses,
      },
    },
  }, async (req) => listMeetings(db(), actorOf(req), req.query));

  app.post('/meetings', {
    schema: {
      tags, summary: 'Records a meeting with its numbered conclusions; the situation figures of its day are attached (directive:manage)',
      body: Type.Object({
        heldOn: DateString, title: Text(500), chair: Text(300), attendees: Type.Array(Text(300), { maxItems: 100 }), noticeNo: Type.Optional(Nullable(Text(50))),
        items: Type.Array(Text(), { maxItems: 100 }),
      }),
      response: { 201: Meeting, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createMeeting(db(), actorOf(req), req.body)));

  app.get('/meetings/:id', {
    schema: { tags, summary: 'A meeting with its conclusions in order and the tasks of each', params: Type.Object({ id: Id }), response: { 200: Meeting, ...errorResponses } },
  }, async (req) => getMeeting(db(), actorOf(req), req.params.id));

  app.patch('/meetings/:id', {
    schema: {
      tags, summary: "Edits a meeting's title, chair, attendees or notice number (directive:manage)",
      params: Type.Object({ id: Id }),
      body: Type.Object({ title: Type.Optional(Text(500)), chair: Type.Optional(Text(300)), attendees: Type.Optional(Type.Array(Text(300), { maxItems: 100 })), noticeNo: Type.Optional(Nullable(Text(50))) }),
      response: { 200: Meeting, ...errorResponses },
    },
  }, async (req) => updateMeeting(db(), actorOf(req), req.params.id, req.body));

  app.post('/meetings/:id/items', {
    schema: { tags, summary: 'Appends a conclusion (the next number)', params: Type.Object({ id: Id }), body: Type.Object({ text: Text() }), response: { 201: Item, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await addItem(db(), actorOf(req), req.params.id, req.body)));

  app.patch('/meetings/:id/items/:itemId', {
    schema: { tags, summary: "Edits a conclusion's text", params: Type.Object({ id: Id, itemId: Id }), body: Type.Object({ text: Text() }), response: { 200: Item, ...errorResponses } },
  }, async (req) => updateItem(db(), actorOf(req), req.params.id, req.params.itemId, req.body));

  app.get('/meetings/:id/notice.docx', {
    schema: { tags, summary: 'The notice of conclusions (Thông báo kết luận) as a Word file in the Nghị định 30 layout', params: Type.Object({ id: Id }) },
  }, async (req, reply) => {
    const { file, fileName } = await meetingNotice(db(), actorOf(req), req.params.id);
    return reply.header('content-type', DOCX_MIME).header('content-disposition', `attachment; filename="${fileName}"`).send(file);
  });

  app.get('/follow-up.xlsx', {
    schema: {
      tags, summary: 'The follow-up table of tasks (open by default) for the next briefing, of one meeting or all',
      querystring: Type.Object({ meetingId: Type.Optional(Id), status: Type.Optional(oneOf(['open', 'all'])) }),
    },
  }, async (req, reply) => {
    const { file, fileName } = await followUp(db(), actorOf(req), req.query as { meetingId?: number; status?: 'open' | 'all' });
    return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${fileName}"`).send(file);
  });

  // ---- tasks
  app.get('/tasks', {
    schema: {
      tags, summary: "Tasks (an agency officer: its agency's as lead or support), with deadline state; state=overdue|due_soon|open",
      querystring: Type.Object({
        ...PageQuery, status: Type.Optional(Status), state: Type.Optional(oneOf(['overdue', 'due_soon', 'open'])), agencyId: Type.Optional(Id), meetingId: Type.Optional(Id),
        q: Type.Optional(Type.String({ maxLength: 200 })), sort: Type.Optional(oneOf(['deadline', 'priority', 'updated'])),
      }),
      response: { 200: paged(TaskSummary), ...errorResponses },
    },
  }, async (req) => listTasks(db(), actorOf(req), req.query as Parameters<typeof listTasks>[2]));

  app.post('/tasks', {
    schema: {
      tags, summary: 'Assigns a task to a lead agency with supporting agencies and a deadline (directive:manage)',
      body: Type.Object({
        meetingId: Type.Optional(Nullable(Id)), itemId: Type.Optional(Nullable(Id)), title: Text(500), body: Text(), leadAgencyId: Type.Optional(Nullable(Id)),
        supportAgencyIds: Type.Array(Id, { maxItems: 50 }), deadline: Deadline, priority: Priority,
        concerns: Type.Optional(Nullable(Type.Object({ kind: ConcernsKind, ref: Type.String({ maxLength: 20 }) }))),
      }),
      response: { 201: TaskDetail, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createTask(db(), actorOf(req), req.body as Parameters<typeof createTask>[2])));

  app.get('/tasks/:id', {
    schema: { tags, summary: 'A task with its reports and history', params: Type.Object({ id: Id }), response: { 200: TaskDetail, ...errorResponses } },
  }, async (req) => getTask(db(), actorOf(req), req.params.id));

  app.patch('/tasks/:id', {
    schema: {
      tags, summary: 'Edits a task not yet accepted (directive:manage)',
      params: Type.Object({ id: Id }),
      body: Type.Object({ title: Type.Optional(Text(500)), body: Type.Optional(Text()), deadline: Type.Optional(Deadline), priority: Type.Optional(Priority), supportAgencyIds: Type.Optional(Type.Array(Id, { maxItems: 50 })) }),
      response: { 200: TaskDetail, ...errorResponses },
    },
  }, async (req) => updateTask(db(), actorOf(req), req.params.id, req.body as Parameters<typeof updateTask>[3]));

  app.post('/tasks/:id/reports', {
    schema: {
      tags, summary: `A progress report by the lead agency (text, percent, done, up to ${MAX_ATTACHMENTS} attachments of 5 MB)`,
      params: Type.Object({ id: Id }),
      body: Type.Object({
        text: Text(), percent: Type.Integer({ minimum: 0, maximum: 100 }), done: Type.Boolean(),
        attachments: Type.Optional(Type.Array(Type.Object({ filename: Type.String({ maxLength: 255 }), contentBase64: Type.String({ maxLength: 7_000_000 }) }), { maxItems: 10 })),
      }),
      response: { 201: Report, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await addReport(db(), actorOf(req), req.params.id, req.body)));

  app.get('/tasks/:id/reports/:reportId/attachments/:attachmentId', {
    schema: { tags, summary: "A report's attached file", params: Type.Object({ id: Id, reportId: Id, attachmentId: Id }) },
  }, async (req, reply) => {
    const a = await getAttachment(db(), actorOf(req), req.params.id, req.params.reportId, req.params.attachmentId);
    const ascii = a.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
    return reply.header('content-type', a.mime)
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(a.filename)}`).send(a.content);
  });

  app.post('/tasks/:id/accept', {
    schema: { tags, summary: 'Accepts a task reported done (final)', params: Type.Object({ id: Id }), body: Type.Object({ note: Type.Optional(Text(2000)) }), response: { 200: TaskDetail, ...errorResponses } },
  }, async (req) => reviewTask(db(), actorOf(req), req.params.id, { accept: true, note: req.body.note }));

  app.post('/tasks/:id/return', {
    schema: { tags, summary: 'Returns a task reported done, with the reason', params: Type.Object({ id: Id }), body: Type.Object({ reason: Text(2000) }), response: { 200: TaskDetail, ...errorResponses } },
  }, async (req) => reviewTask(db(), actorOf(req), req.params.id, { accept: false, reason: req.body.reason }));

  // ---- alerts, notifications, search
  app.get('/alerts', {
    schema: {
      tags, summary: "Overdue, due-soon and reported tasks and unread notifications in the caller's view (the menu badge)",
      response: { 200: Type.Object({ overdue: Type.Integer(), dueSoon: Type.Integer(), reported: Type.Integer(), unread: Type.Integer() }), ...errorResponses },
    },
  }, async (req) => directiveAlerts(db(), actorOf(req)));

  app.get('/notifications', {
    schema: {
      tags, summary: "Notifications: an agency officer's agency's; the command centre's (tasks reported done)",
      querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), at: Type.String(), kind: Type.String(), taskId: Type.Integer(), title: Type.String(), read: Type.Boolean() })) }),
        ...errorResponses,
      },
    },
  }, async (req) => listNotifications(db(), actorOf(req), req.query));

  app.post('/notifications/:id/read', {
    schema: { tags, summary: 'Marks a notification read', params: Type.Object({ id: Id }), response: { 200: Type.Object({ ok: Type.Boolean() }), ...errorResponses } },
  }, async (req) => readNotification(db(), actorOf(req), req.params.id));

  app.get('/search', {
    schema: {
      tags, summary: 'Accent-insensitive full-text search over conclusions, tasks and reports; matches marked <mark>',
      querystring: Type.Object({ ...PageQuery, q: Type.String({ maxLength: 200 }) }),
      response: {
        200: paged(Type.Object({
          kind: Type.String(), id: Type.Integer(), meetingId: Nullable(Type.Integer()), taskId: Nullable(Type.Integer()), heldOn: Nullable(Type.String()), snippet: Type.String(), rank: Type.Number(),
        })),
        ...errorResponses,
      },
    },
  }, async (req) => searchDirectives(db(), actorOf(req), req.query));
};
