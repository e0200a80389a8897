/**
 * The CLI calls the services directly, past the HTTP body schemas that check shapes (slug pattern,
 * email format, non-blank names, known permissions). Without this an operator's typo such as
 * `--slug "Acme Ltd"` was stored as an organisation nobody can log in to; now the CLI refuses what
 * the API refuses, with the same rules, and names the flag to fix.
 */
import type { FastifySchemaValidationError } from 'fastify';
import { AppError, type ErrorDetail } from '../kernel/index.js';
import { makeValidatorCompiler } from '../platform/http/index.js';

const compile = makeValidatorCompiler();

const issueOf = (e: FastifySchemaValidationError): string => {
  const allowed = e.params.allowedValues;
  return Array.isArray(allowed) ? `must be one of ${allowed.join(', ')}` : (e.message ?? 'is not valid');
};

/** Checks `input` against an API body schema; `flags` maps JSON paths (e.g. "/admin/email") to the CLI flag to name. */
export const checkInput = (schema: object, input: unknown, flags: Readonly<Record<string, string>>): void => {
  const validate = compile({ schema, method: 'POST', url: 'kefu-cli', httpPart: 'body' });
  if (validate(input) === true) return;
  const errors = (validate as { errors?: FastifySchemaValidationError[] | null }).errors ?? [];
  const details: ErrorDetail[] = errors.map((e) => {
    // An item of a list (e.g. "/permissions/1") is reported against the list's flag.
    const path = e.instancePath.replace(/\/\d+$/, '');
    return { field: flags[path] ?? (path || 'input'), issue: issueOf(e) };
  });
  throw new AppError('VALIDATION_FAILED', 'The input is not valid.', details);
};
