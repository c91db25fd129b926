import { type TSchema, Type } from 'typebox';

/** Shapes shared by many routes' TypeBox schemas. */
export const LocalisedMessageSchema = Type.Object({ vi: Type.String(), en: Type.String() });

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: LocalisedMessageSchema,
      field: Type.Optional(Type.String()),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'Error' },
);

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
};

/**
 * A value or null. Null comes first: query strings are validated with type coercion on, and a
 * string (or number) branch tried first would turn a null into "" (or 0). JSON bodies are not
 * coerced (see validation.ts), so `false` and `0` stay what they are.
 */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);

/** One of the given string values (a union of literals). */
export const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function paged<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });
}
