/**
 * JSON-schema validation. Bodies are strict: no type coercion, unknown fields rejected (so a
 * `tenant_id` or `role` smuggled into a body fails validation). Query strings and path parameters
 * arrive as text, so there, and only there, numbers are coerced.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

type AddFormats = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  (addFormatsModule as unknown as AddFormats)) as AddFormats;

const make = (coerce: boolean): Ajv => {
  const ajv = new Ajv({
    coerceTypes: coerce ? 'array' : false,
    removeAdditional: false,
    useDefaults: true,
    allErrors: true,
    strict: false,
  });
  addFormats(ajv);
  return ajv;
};

export const makeValidatorCompiler = (): FastifySchemaCompiler<unknown> => {
  const strict = make(false);
  const lenient = make(true);
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : lenient;
    return ajv.compile(schema as object) as ValidateFunction;
  };
};
