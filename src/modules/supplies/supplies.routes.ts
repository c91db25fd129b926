import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { XLSX_MIME } from '../../server/app.ts';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, Nullable, oneOf, PageQuery, paged } from '../../server/schemas.ts';
import { CATEGORIES } from './supplies.domain.ts';
import {
  alerts, budget, createItem, exportLedger, listDonations, listItems, listMovements, listSpending, recordDonation, recordMovement, recordSpending, reverseDonation,
  reverseMovement, reverseSpending, setThreshold, stock, transfer,
} from './supplies.service.ts';

const tags = ['supplies'];
const Id = Type.Integer({ minimum: 1 });
const str = Nullable(Type.String());
const Text = (max: number) => Type.String({ maxLength: max });
const Quantity = Type.Integer({ minimum: -10_000_000, maximum: 10_000_000 });
const Money = Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 });
const Item = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), unit: Type.String(), category: Type.String() });
const StockLine = Type.Object({
  facilityId: Type.Integer(), facilityName: Type.String(), itemId: Type.Integer(), itemCode: Type.String(), itemName: Type.String(), unit: Type.String(), category: Type.String(),
  quantity: Type.Integer(), minQuantity: Nullable(Type.Integer()), low: Type.Boolean(),
});
const Movement = Type.Object({
  id: Type.Integer(), facilityId: Type.Integer(), facilityName: Type.String(), itemId: Type.Integer(), itemName: Type.String(), unit: Type.String(), kind: Type.String(),
  quantity: Type.Integer(), movedOn: Type.String(), reason: str, documentNo: str, linkedId: Nullable(Type.Integer()), linkedFacilityName: str, reversesId: Nullable(Type.Integer()),
  donationId: Nullable(Type.Integer()), reversed: Type.Boolean(),
});
const Donation = Type.Object({
  id: Type.Integer(), donor: Type.String(), kind: Type.String(), itemId: Nullable(Type.Integer()), itemName: str, unit: str, quantity: Nullable(Type.Integer()), valueVnd: Type.Number(),
  receivedOn: Type.String(), facilityId: Nullable(Type.Integer()), facilityName: str, purpose: str, reversesId: Nullable(Type.Integer()), reversed: Type.Boolean(),
});
const Spending = Type.Object({
  id: Type.Integer(), spentOn: Type.String(), item: Type.String(), amountVnd: Type.Number(), purpose: str, documentNo: str, reversesId: Nullable(Type.Integer()), reversed: Type.Boolean(),
});
const Reason = Type.Object({ reason: Text(2000) });
const Ledger = { from: Type.Optional(DateString), to: Type.Optional(DateString) };

export const suppliesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.ctx.db;

  app.get('/items', { schema: { tags, summary: 'The supplies catalogue (masks, test kits, oxygen, PPE, …)', response: { 200: Type.Object({ items: Type.Array(Item) }), ...errorResponses } } },
    async (req) => listItems(db(), actorOf(req)));
  app.post('/items', {
    schema: { tags, summary: 'Adds an item to the catalogue (supplies:write, province-wide)', body: Type.Object({ code: Text(40), name: Text(200), unit: Text(40), category: oneOf(CATEGORIES) }), response: { 201: Item, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await createItem(db(), actorOf(req), req.body as Parameters<typeof createItem>[2])));

  app.get('/stock', {
    schema: {
      tags, summary: 'Stock per facility and item (the sum of movements) with thresholds', querystring: Type.Object({ facilityId: Type.Optional(Id), itemId: Type.Optional(Id), lowOnly: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(StockLine) }), ...errorResponses },
    },
  }, async (req) => stock(db(), actorOf(req), req.query));
  app.get('/alerts', { schema: { tags, summary: 'Stock below its facility\'s threshold', response: { 200: Type.Object({ items: Type.Array(StockLine) }), ...errorResponses } } },
    async (req) => alerts(db(), actorOf(req)));
  app.put('/thresholds', {
    schema: { tags, summary: 'Low-stock threshold of an item at a facility (null: none)', body: Type.Object({ facilityId: Id, itemId: Id, minQuantity: Nullable(Type.Integer({ minimum: 0, maximum: 10_000_000 })) }),
      response: { 200: Type.Object({ facilityId: Type.Integer(), itemId: Type.Integer(), minQuantity: Nullable(Type.Integer()) }), ...errorResponses } },
  }, async (req) => setThreshold(db(), actorOf(req), req.body));

  app.get('/movements', {
    schema: { tags, summary: 'Stock movements, newest first', querystring: Type.Object({ facilityId: Type.Optional(Id), itemId: Type.Optional(Id), ...Ledger, ...PageQuery }), response: { 200: paged(Movement), ...errorResponses } },
  }, async (req) => listMovements(db(), actorOf(req), req.query as Parameters<typeof listMovements>[2]));
  app.post('/movements', {
    schema: {
      tags, summary: 'A receipt, an issue (refused beyond stock) or an adjustment with a reason (signed quantity)',
      body: Type.Object({ facilityId: Id, itemId: Id, kind: oneOf(['receipt', 'issue', 'adjustment']), quantity: Quantity, movedOn: Type.Optional(DateString), reason: Type.Optional(Nullable(Text(2000))), documentNo: Type.Optional(Nullable(Text(100))) }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordMovement(db(), actorOf(req), req.body as Parameters<typeof recordMovement>[2])));
  app.post('/transfers', {
    schema: {
      tags, summary: 'A transfer between facilities: two linked movements',
      body: Type.Object({ fromFacilityId: Id, toFacilityId: Id, itemId: Id, quantity: Type.Integer({ minimum: 1, maximum: 10_000_000 }), movedOn: Type.Optional(DateString), reason: Type.Optional(Nullable(Text(2000))), documentNo: Type.Optional(Nullable(Text(100))) }),
      response: { 201: Type.Object({ outId: Type.Integer(), inId: Type.Integer() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await transfer(db(), actorOf(req), req.body as Parameters<typeof transfer>[2])));
  app.post('/movements/:id/reverse', {
    schema: { tags, summary: 'Reverses a movement (both legs of a transfer)', params: Type.Object({ id: Id }), body: Reason, response: { 201: Type.Object({ ids: Type.Array(Type.Integer()) }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reverseMovement(db(), actorOf(req), req.params.id, req.body)));

  app.get('/donations', {
    schema: { tags, summary: 'Donations, newest first', querystring: Type.Object({ kind: Type.Optional(oneOf(['cash', 'goods'])), ...Ledger, ...PageQuery }), response: { 200: paged(Donation), ...errorResponses } },
  }, async (req) => listDonations(db(), actorOf(req), { ...(req.query as { page: number; pageSize: number }), provinceCode: '' }));
  app.post('/donations', {
    schema: {
      tags, summary: 'A donation in cash or goods; goods allocated to a facility enter its stock (supplies:write, province-wide)',
      body: Type.Object({
        donor: Text(300), kind: oneOf(['cash', 'goods']), itemId: Type.Optional(Nullable(Id)), quantity: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_000_000 }))), valueVnd: Money,
        receivedOn: Type.Optional(DateString), facilityId: Type.Optional(Nullable(Id)), purpose: Type.Optional(Nullable(Text(2000))),
      }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordDonation(db(), actorOf(req), req.body as Parameters<typeof recordDonation>[2])));
  app.post('/donations/:id/reverse', {
    schema: { tags, summary: 'Reverses a donation (and its receipt)', params: Type.Object({ id: Id }), body: Reason, response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reverseDonation(db(), actorOf(req), req.params.id, req.body)));

  app.get('/spending', {
    schema: { tags, summary: 'Spending, newest first', querystring: Type.Object({ ...Ledger, ...PageQuery }), response: { 200: paged(Spending), ...errorResponses } },
  }, async (req) => listSpending(db(), actorOf(req), { ...(req.query as { page: number; pageSize: number }), provinceCode: '' }));
  app.post('/spending', {
    schema: {
      tags, summary: 'A spending entry (supplies:write, province-wide)',
      body: Type.Object({ spentOn: Type.Optional(DateString), item: Text(300), amountVnd: Money, purpose: Type.Optional(Nullable(Text(2000))), documentNo: Type.Optional(Nullable(Text(100))) }),
      response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await recordSpending(db(), actorOf(req), req.body as Parameters<typeof recordSpending>[2])));
  app.post('/spending/:id/reverse', {
    schema: { tags, summary: 'Reverses a spending entry', params: Type.Object({ id: Id }), body: Reason, response: { 201: Type.Object({ id: Type.Integer() }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await reverseSpending(db(), actorOf(req), req.params.id, req.body)));

  app.get('/budget', {
    schema: {
      tags, summary: 'Cash in (donations) − out (spending) = balance; spending by item',
      response: { 200: Type.Object({ cashIn: Type.Number(), cashOut: Type.Number(), goodsValue: Type.Number(), balance: Type.Number(), spendingByItem: Type.Array(Type.Object({ item: Type.String(), amountVnd: Type.Number() })) }), ...errorResponses },
    },
  }, async (req) => budget(db(), actorOf(req)));

  app.get('/export/:ledger', {
    schema: { tags, summary: 'A ledger as XLSX: donations, spending, movements or stock', params: Type.Object({ ledger: oneOf(['donations', 'spending', 'movements', 'stock']) }) },
  }, async (req, reply) => {
    const { file, fileName } = await exportLedger(db(), actorOf(req), req.params.ledger as 'donations');
    return reply.header('content-type', XLSX_MIME).header('content-disposition', `attachment; filename="${fileName}"`).send(file);
  });
};
