/**
 * JSON-schema validation. Bodies are strict: no type coercion, unknown fields rejected (so a
 * `tenant_id` or `role` smuggled into a body fails validation). Query strings and path parameters
 * arrive as text, so there, and only there, numbers are coerced. Text no store can keep
 * faithfully is refused for every route here, so no route can forget to.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';

type ValidationResult = ReturnType<FastifySchemaCompiler<unknown>>;

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

// PostgreSQL text cannot hold U+0000 (the write fails: a 500 on one dialect, stored on the other),
// and an unpaired surrogate is silently replaced when encoded as UTF-8, so neither is ever kept as sent.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isUnstorable = (s: string): boolean => s.includes('\u0000') || LONE_SURROGATE.test(s);

const textIssue = (path: string, message: string): FastifySchemaValidationError => ({
  keyword: 'text',
  instancePath: path,
  schemaPath: '',
  params: {},
  message,
});

const unstorableText = (value: unknown, path: string, out: FastifySchemaValidationError[]): void => {
  if (typeof value === 'string') {
    if (isUnstorable(value)) out.push(textIssue(path, 'must not contain NUL or unpaired surrogates'));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (isUnstorable(key)) out.push(textIssue(path, 'has a field name with NUL or unpaired surrogates'));
    unstorableText(item, `${path}/${key}`, out);
  }
};

type SchemaNode = { type?: unknown; properties?: Record<string, SchemaNode>; items?: unknown; additionalProperties?: unknown };

/**
 * Every object in a body schema must close itself with `additionalProperties: false`: that is what
 * turns a smuggled `tenant_id` or `role` into a 400. Checked when routes compile, so a route that
 * forgets cannot start.
 */
export const assertClosedObjects = (node: SchemaNode, path = 'body'): void => {
  const isObject = node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object')) || node.properties !== undefined;
  if (isObject && node.additionalProperties !== false) {
    throw new Error(`schema ${path} must set additionalProperties: false`);
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) assertClosedObjects(child, `${path}.${key}`);
  if (node.items && typeof node.items === 'object') assertClosedObjects(node.items as SchemaNode, `${path}[]`);
};

export const makeValidatorCompiler = (): FastifySchemaCompiler<unknown> => {
  const strict = make(false);
  const lenient = make(true);
  return ({ schema, httpPart }) => {
    if (httpPart === 'body') assertClosedObjects(schema as SchemaNode);
    const validate = (httpPart === 'body' ? strict : lenient).compile(schema as object);
    const checked: ValidationResult = (data: unknown) => {
      const issues: FastifySchemaValidationError[] = [];
      if (validate(data)) unstorableText(data, '', issues);
      else issues.push(...(validate.errors ?? []));
      checked.errors = issues;
      return issues.length === 0;
    };
    return checked;
  };
};
