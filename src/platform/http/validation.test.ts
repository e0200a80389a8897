import { describe, expect, it } from 'vitest';
import { assertClosedObjects } from './validation.js';

describe('body schemas', () => {
  it('should refuse a body schema with an open object when routes compile', () => {
    expect(() => assertClosedObjects({ type: 'object', properties: { a: { type: 'string' } } })).toThrow(/body must set/);
  });

  it('should refuse an open object nested in a property or an array item', () => {
    const nested = { type: 'object', additionalProperties: false, properties: { admin: { type: 'object', properties: {} } } };
    expect(() => assertClosedObjects(nested)).toThrow(/body.admin/);
    const items = { type: 'object', additionalProperties: false, properties: { list: { type: 'array', items: { type: 'object' } } } };
    expect(() => assertClosedObjects(items)).toThrow(/body.list\[\]/);
  });

  it('should accept closed objects all the way down', () => {
    const ok = {
      type: 'object',
      additionalProperties: false,
      properties: { a: { type: 'object', additionalProperties: false, properties: {} } },
    };
    expect(() => assertClosedObjects(ok)).not.toThrow();
  });
});
