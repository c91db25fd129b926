/** TypeBox shapes of the enterprise risk self-assessment, shared by risk.routes.ts and the rules registry's routes. */
import { Type } from 'typebox';
import { DateString, LocalisedMessageSchema, Nullable } from '../../server/schemas.ts';

export const RiskBandSchema = Type.Union([Type.Literal('very_low'), Type.Literal('low'), Type.Literal('medium'), Type.Literal('high'), Type.Literal('very_high')]);
const PeriodKind = Type.Union([Type.Literal('iso_week'), Type.Literal('month')]);
export const PeriodString = Type.String({ pattern: '^\\d{4}-(W\\d{2}|\\d{2})$', maxLength: 8 });

const Option = Type.Object({ code: Type.String({ maxLength: 20 }), label: LocalisedMessageSchema, points: Type.Integer(), minWorkers: Type.Optional(Type.Integer()) });
const Indicator = Type.Object({
  code: Type.String({ maxLength: 20 }), text: LocalisedMessageSchema, weight: Type.Integer(), options: Type.Array(Option, { maxItems: 20 }),
  workforce: Type.Optional(Type.Boolean()), unverified: Type.Optional(Type.Boolean()),
});
const BandEdge = Type.Object({ band: RiskBandSchema, upTo: Type.Number() });

/** The body of POST /api/rules/enterprise-risk: a whole new version of the form. */
export const EnterpriseRiskRuleBody = Type.Object({
  code: Type.String({ maxLength: 40 }), document: Type.String({ maxLength: 200 }), name: LocalisedMessageSchema, effectiveFrom: DateString,
  period: Type.Optional(PeriodKind), bands: Type.Optional(Type.Array(BandEdge, { maxItems: 5 })), indicators: Type.Array(Indicator, { maxItems: 40 }),
});

export const EnterpriseRiskRule = Type.Object({
  code: Type.String(), document: Type.String(), name: LocalisedMessageSchema, effectiveFrom: DateString, maxTotal: Type.Integer(), period: PeriodKind,
  bands: Type.Array(Type.Object({ band: RiskBandSchema, upTo: Type.Number(), label: Type.Optional(LocalisedMessageSchema) })),
  indicators: Type.Array(Type.Object({
    code: Type.String(), text: LocalisedMessageSchema, weight: Type.Integer(), workforce: Type.Boolean(), unverified: Type.Boolean(),
    options: Type.Array(Type.Object({ code: Type.String(), label: LocalisedMessageSchema, points: Type.Integer(), minWorkers: Nullable(Type.Integer()) })),
  })),
  source: Type.Union([Type.Literal('built_in'), Type.Literal('configured')]),
});

export const Answers = Type.Record(Type.String({ maxLength: 20 }), Type.String({ maxLength: 20 }), { maxProperties: 60 });

export const Submission = Type.Object({
  id: Type.Integer(), enterpriseId: Type.Integer(), period: Type.String(), periodFrom: DateString, periodTo: DateString, ruleCode: Type.String(),
  answers: Type.Record(Type.String(), Type.String()), points: Type.Record(Type.String(), Type.Number()), workforce: Nullable(Type.Integer()),
  total: Type.Integer(), maxTotal: Type.Integer(), score: Type.Number(), band: RiskBandSchema, note: Nullable(Type.String()), onBehalf: Type.Boolean(),
  submittedAt: Type.String(), submittedBy: Nullable(Type.String()), current: Type.Boolean(), supersededBy: Nullable(Type.Integer()), supersededAt: Nullable(Type.String()),
});

export const EnterpriseRef = Type.Object({
  id: Type.Integer(), name: Type.String(), taxCode: Nullable(Type.String()), districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()),
  parkId: Nullable(Type.Integer()), parkName: Nullable(Type.String()),
});

export const PeriodInfo = { period: Type.String(), from: DateString, to: DateString, previousPeriod: Nullable(Type.String()) };

export const RankingRow = Type.Object({
  rank: Type.Integer(), id: Type.Integer(), enterpriseId: Type.Integer(), enterpriseName: Type.String(), taxCode: Nullable(Type.String()),
  districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()), parkId: Nullable(Type.Integer()), parkName: Nullable(Type.String()),
  score: Type.Number(), band: RiskBandSchema, total: Type.Integer(), maxTotal: Type.Integer(), workforce: Nullable(Type.Integer()), ruleCode: Type.String(),
  onBehalf: Type.Boolean(), submittedAt: Type.String(), submittedBy: Nullable(Type.String()), previousScore: Nullable(Type.Number()),
});

export const MissingRow = Type.Object({
  enterpriseId: Type.Integer(), enterpriseName: Type.String(), taxCode: Nullable(Type.String()), districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()),
  parkId: Nullable(Type.Integer()), parkName: Nullable(Type.String()), lastPeriod: Nullable(Type.String()), lastScore: Nullable(Type.Number()),
  lastBand: Nullable(RiskBandSchema), lastSubmittedAt: Nullable(Type.String()),
});

export const BandCounts = Type.Object({ very_low: Type.Integer(), low: Type.Integer(), medium: Type.Integer(), high: Type.Integer(), very_high: Type.Integer() });
