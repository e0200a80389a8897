import { describe, expect, it } from 'vitest';
import { buildStartRequest, parseWidgetConfig, showsTopicChoice, validatePrechat, type WidgetConfig } from './prechat.js';

const config = (over: Partial<WidgetConfig> = {}): WidgetConfig => ({
  widgetId: 'wg_1',
  name: 'Demo',
  fields: { name: 'required', email: 'optional', phone: 'hidden' },
  topics: [
    { id: 'sales', label: { 'zh-CN': '售前', en: 'Sales' } },
    { id: 'support', label: { 'zh-CN': '售后', en: 'Support' } },
  ],
  identityRequired: false,
  ...over,
});
const values = (v: Partial<Record<'name' | 'email' | 'phone' | 'topicId', string>> = {}) => ({
  name: '',
  email: '',
  phone: '',
  topicId: '',
  ...v,
});

describe('widget configuration', () => {
  it('should read the server configuration and hide fields with an unknown mode', () => {
    const c = parseWidgetConfig({
      widgetId: 'wg_1',
      name: 'Demo',
      prechat: {
        fields: { name: 'required', email: 'optional', phone: 'bogus' },
        topics: [{ id: 't1', label: { en: 'One' }, queueId: 'q', product: null }, { label: {} }],
      },
      identityRequired: true,
    });
    expect(c).toEqual({
      widgetId: 'wg_1',
      name: 'Demo',
      fields: { name: 'required', email: 'optional', phone: 'hidden' },
      topics: [{ id: 't1', label: { en: 'One' } }],
      identityRequired: true,
    });
    expect(parseWidgetConfig({ error: { code: 'NOT_FOUND' } })).toBeNull();
  });
});

describe('pre-chat form', () => {
  it('should require required fields and a topic when there is a choice', () => {
    expect(validatePrechat(config(), values())).toEqual({ name: 'prechat.required', topicId: 'prechat.required' });
    expect(validatePrechat(config(), values({ name: '  Ann ', topicId: 'support' }))).toEqual({});
  });

  it('should check the form of an email or phone only when one is given', () => {
    const c = config({ fields: { name: 'optional', email: 'optional', phone: 'optional' } });
    expect(validatePrechat(c, values({ topicId: 'sales', email: 'nope', phone: '12' }))).toEqual({
      email: 'prechat.invalidEmail',
      phone: 'prechat.invalidPhone',
    });
    expect(validatePrechat(c, values({ topicId: 'sales', email: 'a@b.cn', phone: '+86 138 0013 8000' }))).toEqual({});
  });

  it('should choose the only topic silently and leave out hidden and empty fields', () => {
    const one = config({ topics: [{ id: 'only', label: {} }] });
    expect(showsTopicChoice(one)).toBe(false);
    expect(buildStartRequest(one, values({ name: ' Ann ', phone: '123456' }), 'en', null)).toEqual({
      name: 'Ann',
      topicId: 'only',
      locale: 'en',
    });
  });

  it('should pass the signed identity through unchanged', () => {
    const identity = { userId: 'u1', timestamp: 1700000000, signature: 'ab' };
    expect(buildStartRequest(config(), values({ name: 'A', topicId: 'sales' }), 'zh-CN', identity)).toEqual({
      name: 'A',
      topicId: 'sales',
      locale: 'zh-CN',
      identity,
    });
  });
});
