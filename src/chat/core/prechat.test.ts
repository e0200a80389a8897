import { describe, expect, it } from 'vitest';
import { checkPrechat, checkVisitor, type Prechat } from './prechat.js';

const P: Prechat = {
  fields: { name: 'required', email: 'optional', phone: 'hidden' },
  topics: [{ id: 'sales', label: { 'zh-CN': '售前', en: 'Sales' }, queueId: 'que_1', product: null }],
};

describe('pre-chat form', () => {
  it('should accept filled fields, drop hidden ones and lower-case the email', () => {
    const r = checkVisitor(P, { name: ' Li ', email: 'A@B.CN', phone: '+8613800000000', topicId: 'sales' });
    expect(r.ok && r.value).toMatchObject({ name: 'Li', email: 'a@b.cn', phone: null, topic: { queueId: 'que_1' } });
  });

  const bad: [string, object, string][] = [
    ['a required name is missing', { topicId: 'sales' }, 'body.name'],
    ['the email is no email', { name: 'x', email: 'nope', topicId: 'sales' }, 'body.email'],
    ['the topic is unknown', { name: 'x', topicId: 'other' }, 'body.topicId'],
  ];
  for (const [when, input, field] of bad) {
    it(`should refuse naming ${field} when ${when}`, () => {
      const r = checkVisitor(P, input as { topicId: string });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.details.map((d) => d.field)).toContain(field);
    });
  }

  it('should refuse a form with repeated topic ids or none', () => {
    expect(checkPrechat({ ...P, topics: [] }).ok).toBe(false);
    expect(checkPrechat({ ...P, topics: [...P.topics, ...P.topics] }).ok).toBe(false);
    expect(checkPrechat(P).ok).toBe(true);
  });
});
