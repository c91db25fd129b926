/** TypeBox shapes of the arrivals context shared by its routes and the rules registry's route. */
import { Type } from 'typebox';
import { DateString, Nullable } from '../../server/schemas.ts';

const Localised = Type.Object({ vi: Type.String({ maxLength: 300 }), en: Type.String({ maxLength: 300 }) });
const Terms = Type.Object({
  action: Type.Union([Type.Literal('none'), Type.Literal('test'), Type.Literal('home_monitoring'), Type.Literal('centralized_quarantine')]),
  days: Type.Optional(Nullable(Type.Integer())),
  hours: Type.Optional(Nullable(Type.Integer())),
});
const ByOrigin = Type.Object({ none: Terms, level1: Terms, level2: Terms, level3: Terms, level4: Terms, epidemic_zone: Terms, lockdown: Terms });

export const ArrivalRuleBody = Type.Object({
  code: Type.String({ maxLength: 40 }), document: Type.String({ maxLength: 200 }), name: Localised, effectiveFrom: DateString,
  byOrigin: ByOrigin,
  transport: Type.Object({ testValidHours: Type.Integer(), routeRequired: Type.Boolean() }),
  epidemicProvinces: Type.Array(Type.String({ maxLength: 2 }), { maxItems: 63 }),
});

export const ArrivalRule = Type.Object({ ...ArrivalRuleBody.properties, source: Type.Optional(Type.Union([Type.Literal('built_in'), Type.Literal('configured')])) });
