/** TypeBox shapes of who may work today and the F0 view, shared by work-status.routes.ts and the rules registry's routes. */
import { Type } from 'typebox';
import { DateString, LocalisedMessageSchema, Nullable } from '../../server/schemas.ts';

const ChecklistItem = Type.Object({ key: Type.String({ maxLength: 40 }), label: LocalisedMessageSchema });
const Settings = {
  f1LowRiskVaccinatedMayWork: Type.Boolean(), f1OnlyWhenOnSite: Type.Boolean(), daysAfterLastDose: Type.Integer(),
  f2MayWork: Type.Boolean(), f2TestEveryDays: Nullable(Type.Integer()), awaitingTestMayWork: Type.Boolean(), f0WindowDays: Type.Integer(),
};

/** The body of POST /api/rules/work-status: a whole new version (left-out settings from the built-in pilot). */
export const WorkStatusRuleBody = Type.Object({
  code: Type.String({ maxLength: 40 }), document: Type.String({ maxLength: 200 }), name: LocalisedMessageSchema, effectiveFrom: DateString,
  f1LowRiskVaccinatedMayWork: Type.Boolean(), f1OnlyWhenOnSite: Type.Optional(Type.Boolean()), daysAfterLastDose: Type.Optional(Type.Integer()),
  f2MayWork: Type.Boolean(), f2TestEveryDays: Type.Optional(Nullable(Type.Integer())), awaitingTestMayWork: Type.Boolean(), f0WindowDays: Type.Optional(Type.Integer()),
  checklist: Type.Optional(Type.Array(ChecklistItem, { maxItems: 30 })),
});

export const WorkStatusRule = Type.Object({
  code: Type.String(), document: Type.String(), name: LocalisedMessageSchema, effectiveFrom: DateString, ...Settings,
  checklist: Type.Array(ChecklistItem), source: Type.Union([Type.Literal('built_in'), Type.Literal('configured')]),
});

export const WorkReasonSchema = Type.Union([
  Type.Literal('case'), Type.Literal('f1'), Type.Literal('f1_on_site'), Type.Literal('f2'), Type.Literal('awaiting_test'), Type.Literal('enterprise_suspended'), Type.Literal('none'),
]);

export const WorkStatusSchema = Type.Object({
  mayWork: Type.Boolean(), reason: WorkReasonSchema, since: Nullable(Type.String()), note: LocalisedMessageSchema, ruleCode: Type.String(),
});

export const WorkStatusRow = Type.Object({
  workerId: Type.Integer(), personId: Type.Integer(), employeeCode: Type.String(), fullName: Type.String(), phone: Nullable(Type.String()),
  workshopId: Nullable(Type.Integer()), workshopName: Nullable(Type.String()), shiftId: Nullable(Type.Integer()), shiftName: Nullable(Type.String()),
  ...WorkStatusSchema.properties,
});

const Contact = Type.Object({
  personId: Type.Integer(), fullName: Type.String(), phone: Nullable(Type.String()), level: Type.Integer(), date: Type.String(),
  groupId: Nullable(Type.Integer()), groupLabel: Nullable(Type.String()), orgName: Nullable(Type.String()), workerId: Nullable(Type.Integer()), viaPersonId: Nullable(Type.Integer()),
});
const CheckItem = Type.Object({
  key: Type.String(), label: LocalisedMessageSchema, done: Type.Boolean(), note: Nullable(Type.String()), doneOn: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()), updatedAt: Nullable(Type.String()),
});
export const ChecklistSchema = Type.Object({ ruleCode: Type.String(), done: Type.Integer(), total: Type.Integer(), items: Type.Array(CheckItem) });

export const F0ViewSchema = Type.Object({
  from: Type.String(), to: Type.String(), ruleCode: Type.String(), traced: Type.Boolean(),
  cases: Type.Array(Type.Object({
    caseId: Type.Integer(), caseCode: Type.String(), personId: Type.Integer(), workerId: Type.Integer(), employeeCode: Type.String(), fullName: Type.String(),
    confirmationDate: Type.String(), open: Type.Boolean(), workshopName: Nullable(Type.String()), shiftName: Nullable(Type.String()), busRouteName: Nullable(Type.String()),
    roomLabel: Nullable(Type.String()), lodgingName: Nullable(Type.String()),
    groups: Type.Array(Type.Object({ kind: Type.String(), f1: Type.Integer(), f2: Type.Integer(), contacts: Type.Array(Contact) })),
    checklist: ChecklistSchema,
  })),
});
