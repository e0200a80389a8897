/** Schema pieces every capability's routes share, so each says them once. */

/** A record id in the path: our ids are short, so anything longer is refused before any look-up. */
export const idParam = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

/** The `{ items: [...] }` envelope of a list response. */
export const listOf = (item: object) => ({ type: 'object', properties: { items: { type: 'array', items: item } } }) as const;
