/** TypeBox shapes of the epidemic levels, shared by levels.routes.ts and the rules registry's routes. */
import { Type } from 'typebox';
import { DateString, LocalisedMessageSchema, Nullable } from '../../server/schemas.ts';

const Percent = Type.Number({ minimum: 0, maximum: 100 });
export const Level = Type.Integer({ minimum: 1, maximum: 4 });
const CoverageTarget = Type.Object({ measure: Type.Union([Type.Literal('adultsOneDose'), Type.Literal('over50Full'), Type.Literal('populationFull'), Type.Literal('highRiskFull')]), minPercent: Type.Number() });
const RollUp = Type.Object({ sameLevelPercent: Type.Number(), levelBelowPercent: Type.Number(), levelAboveCount: Type.Integer() });
const CaseBand = Type.Object({ level: Type.Integer(), from: Type.Number(), inclusive: Type.Boolean(), configurable: Type.Boolean() });
const DeathsRaise = Type.Object({ above: Type.Number(), windowDays: Type.Integer(), configurable: Type.Boolean() });

/** The body of POST /api/rules/epidemic-level beside the header; what is left out is Hướng dẫn 4800's. */
export const EpidemicLevelRuleBody = {
  caseBands: Type.Array(Type.Object({
    level: Type.Integer(), from: Type.Number(), inclusive: Type.Optional(Type.Boolean()), configurable: Type.Optional(Type.Boolean()),
  }), { maxItems: 3 }),
  coverageTargets: Type.Optional(Type.Array(CoverageTarget, { maxItems: 4 })),
  coverageRaiseNeedsCases: Type.Optional(Type.Boolean()),
  minFreeBedsPercent: Type.Optional(Type.Number()),
  rollUp: Type.Optional(RollUp),
  /** QĐ 218's deaths criterion; null or left out: none. */
  deathsRaise: Type.Optional(Nullable(Type.Object({ above: Type.Number(), windowDays: Type.Integer(), configurable: Type.Optional(Type.Boolean()) }))),
};

export const EpidemicLevelRule = Type.Object({
  code: Type.String(), document: Type.String(), name: LocalisedMessageSchema, effectiveFrom: DateString,
  caseBands: Type.Array(CaseBand), coverageTargets: Type.Array(CoverageTarget), coverageRaiseNeedsCases: Type.Boolean(),
  minFreeBedsPercent: Type.Number(), rollUp: RollUp, deathsRaise: Nullable(DeathsRaise), source: Type.Union([Type.Literal('built_in'), Type.Literal('configured')]),
});

const Reason = Type.Object({ code: Type.String(), vi: Type.String(), en: Type.String() });
const BandRange = Type.Object({
  level: Level, min: Nullable(Type.Number()), minInclusive: Type.Boolean(), max: Nullable(Type.Number()), maxInclusive: Type.Boolean(), configurable: Type.Boolean(),
});
const Beds = Type.Object({ total: Type.Integer(), used: Type.Integer() });
const ByLevel = Type.Object({ 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer() });

/** The stored inputs of an assessment (levels.domain.ts AssessmentInputs). */
export const Inputs = Type.Object({
  window: Type.Object({ from: DateString, to: DateString }),
  cases7: Type.Integer(), population: Type.Integer(), ratePer100k: Nullable(Type.Number()), band: Nullable(BandRange),
  coverage: Nullable(Type.Record(Type.String(), Nullable(Percent))), coverageKnown: Type.Boolean(), coverageMet: Nullable(Type.Boolean()),
  capacityMet: Nullable(Type.Boolean()),
  deaths: Type.Optional(Type.Object({ count: Type.Integer(), windowDays: Type.Integer(), ratePer100k: Nullable(Type.Number()), above: Type.Number(), raised: Type.Boolean() })),
  capacity: Type.Optional(Type.Object({
    met: Nullable(Type.Boolean()), minFreePercent: Type.Number(), beds: Type.Object({ normal: Beds, oxygen: Beds, icu: Beds }), short: Type.Array(Type.String()),
  })),
  rollUp: Type.Optional(Type.Object({ parts: Type.Integer(), byLevel: ByLevel, clause: Type.String() })),
  previousLevel: Nullable(Level), ruleBeforeEffective: Type.Boolean(), reasons: Type.Array(Reason),
});

export const Assessment = Type.Object({
  id: Type.Integer(),
  unitLevel: Type.Union([Type.Literal('commune'), Type.Literal('district'), Type.Literal('province')]), unitCode: Type.String(), unitName: Type.String(),
  provinceCode: Type.String(), districtCode: Nullable(Type.String()), districtName: Nullable(Type.String()), communeCode: Nullable(Type.String()),
  assessedOn: DateString, ruleCode: Type.String(),
  computedLevel: Level, level: Level, previousLevel: Nullable(Level),
  status: Type.Union([Type.Literal('in_force'), Type.Literal('proposed'), Type.Literal('confirmed'), Type.Literal('overridden')]),
  levelInForce: Level,
  proposal: Nullable(Type.Object({ level: Level, effectiveFrom: Type.String() })),
  effectiveFrom: Type.String(),
  decision: Nullable(Type.Object({ by: Nullable(Type.String()), at: Type.String(), reason: Nullable(Type.String()) })),
  inputs: Inputs,
});
