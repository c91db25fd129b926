import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../server/context.ts';
import { DateString, errorResponses, oneOf } from '../../server/schemas.ts';
import { CASE_DATE_BASES } from '../cases/cases.service.ts';
import { dashboard } from './situation.dashboard.ts';
import { situationAlerts, situationRt } from './situation.service.ts';

const By = Type.Optional(oneOf(CASE_DATE_BASES));
const Count = Type.Integer({ minimum: 0 });
/** A day (default: the latest confirmation day) of your area, or of a district or commune in it. */
const AreaDay = {
  date: Type.Optional(DateString),
  districtCode: Type.Optional(Type.String({ pattern: '^\\d{3}$' })),
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
};

const Split = Type.Object({ community: Count, inQuarantine: Count, imported: Count, total: Count });
const Beds = Type.Object({ total: Count, used: Count, free: Count });
const Dashboard = Type.Object({
  date: Type.String(),
  area: Type.Object({ level: Type.String(), code: Type.String(), name: Type.String() }),
  cases: Type.Object({ today: Split, last7Days: Split, cumulative: Count, active: Count }),
  clusters: Type.Object({ active: Count, newOnDay: Count, oldestActiveDays: Type.Union([Type.Null(), Type.Integer()]) }),
  level: Type.Union([Type.Null(), Type.Integer({ minimum: 1, maximum: 4 })]),
  province: Type.Object({
    contacts: Type.Object({ f1: Count, f2: Count }),
    quarantine: Type.Object({ centralized: Count, home: Count, capacity: Count, used: Count, percent: Type.Union([Type.Null(), Type.Number()]) }),
    testing: Type.Object({ takenOnDay: Count, resultedOnDay: Count, positiveOnDay: Count, backlog: Count }),
    treatment: Type.Object({ inTreatment: Count, beds: Type.Object({ normal: Beds, oxygen: Beds, icu: Beds }) }),
    vaccination: Type.Union([Type.Null(), Type.Object({
      dosesOnDay: Count, firstDosesOnDay: Count, cumulativeDoses: Count, adultsOneDose: Count, adultsOneDosePercent: Type.Union([Type.Null(), Type.Number()]),
      over50FullPercent: Type.Union([Type.Null(), Type.Number()]), over65FullPercent: Type.Union([Type.Null(), Type.Number()]),
      populationFull: Count, populationFullPercent: Type.Union([Type.Null(), Type.Number()]),
    })]),
  }),
});

export const situationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;

  app.get('/rt', {
    schema: {
      tags: ['situation'],
      summary: 'Rt (Cori et al. 2013, as EpiEstim parametric_si) over weekly sliding windows of the daily cases of your area, or of a district or commune in it',
      querystring: Type.Object({
        ...AreaDay,
        siMean: Type.Optional(Type.Number({ description: 'mean serial interval in days (> 1), default 4.7' })),
        siSd: Type.Optional(Type.Number({ description: 'sd of the serial interval in days (> 0), default 2.9' })),
        by: By,
      }),
      response: {
        200: Type.Object({
          siMean: Type.Number(),
          siSd: Type.Number(),
          by: Type.String(),
          asOf: Type.String(),
          series: Type.Array(Type.Object({ date: Type.String(), cases: Count })),
          windows: Type.Array(Type.Object({
            tStart: Type.Integer(), tEnd: Type.Integer(), dateStart: Type.String(), dateEnd: Type.String(),
            mean: Type.Number(), std: Type.Number(), q025: Type.Number(), q975: Type.Number(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => situationRt(db, actorOf(req), req.query));

  app.get('/alerts', {
    schema: {
      tags: ['situation'],
      summary: 'Communes of your area flagged by EARS C2 on a day: cases above the mean + k·sd of days d−9…d−3',
      querystring: Type.Object({
        date: Type.Optional(DateString),
        multiplier: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'k, default 3' })),
        minCases: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'fewest cases that day to flag, default 1' })),
        minSigma: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'floor on the baseline sd, default 0.5' })),
        by: By,
      }),
      response: {
        200: Type.Object({
          date: Type.String(),
          by: Type.String(),
          multiplier: Type.Number(),
          minCases: Type.Integer(),
          minSigma: Type.Number(),
          baselineFrom: Type.String(),
          baselineTo: Type.String(),
          alerts: Type.Array(Type.Object({
            communeCode: Type.String(), communeName: Type.String(), districtCode: Type.String(), districtName: Type.String(),
            cases: Count, baselineMean: Type.Number(), baselineSd: Type.Number(), threshold: Type.Number(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => situationAlerts(db, actorOf(req), req.query));
  app.get('/dashboard', {
    schema: {
      tags: ['situation'],
      summary: 'The dashboard of a day for your area, or a district or commune in it: cases, clusters, epidemic level; contacts, quarantine, tests and beds of the province',
      querystring: Type.Object({
        ...AreaDay,
      }),
      response: { 200: Dashboard, ...errorResponses },
    },
  }, async (req) => dashboard(db, actorOf(req), req.query));
};
