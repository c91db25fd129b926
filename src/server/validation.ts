/**
 * Request validation. Query strings and path parameters arrive as text, so their types are
 * coerced ('7' → 7); JSON bodies arrive typed, so they are not: a coercing validator tries a
 * nullable field's null branch first and turns `false` or `0` into null, and would accept
 * "12" for a number where the client sent the wrong type.
 */
import { Ajv, type Options } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS with `exports.default`: under ESM the plugin is the namespace's default.
const addFormats = addFormatsModule.default as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes, useDefaults: true, removeAdditional: false, strict: false });
  addFormats(ajv);
  return ajv;
}

export function validatorCompiler(): FastifySchemaCompiler<unknown> {
  const typed = makeAjv(false);
  const text = makeAjv('array');
  return ({ schema, httpPart }) => (httpPart === 'body' ? typed : text).compile(schema as object);
}
