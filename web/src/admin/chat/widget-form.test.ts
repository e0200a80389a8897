import { describe, expect, it } from 'vitest';
import type { ChatWidget } from '../../api/types.js';
import {
  assignTopicIds,
  emptyWidgetForm,
  formToInput,
  formToPatch,
  newTopic,
  normaliseOrigin,
  parseOrigins,
  topicIdFor,
  validateWidgetForm,
  type WidgetForm,
  widgetToForm,
} from './widget-form.js';

const widget: ChatWidget = {
  id: 'wgt_1',
  publicKey: 'kfw_abcdefghijklmnopqrstuvwx',
  name: 'Shop',
  allowedOrigins: ['https://shop.example'],
  prechat: {
    fields: { name: 'required', email: 'optional', phone: 'hidden' },
    topics: [{ id: 'orders', label: { 'zh-CN': '订单', en: 'Orders' }, queueId: 'q1', product: null }],
  },
  identityRequired: false,
  createdAt: 1,
  updatedAt: 1,
};

const filled = (over: Partial<WidgetForm> = {}): WidgetForm => ({
  ...emptyWidgetForm('q1'),
  name: ' Shop ',
  origins: 'https://Shop.example/\n\nhttp://localhost:5173\nhttps://shop.example',
  topics: [{ ...newTopic('k', 'q1'), labelZh: '退款', labelEn: 'Refunds', product: ' Pro ' }],
  ...over,
});

describe('widget form', () => {
  it('should accept origins only as scheme, host and port, as the server does', () => {
    expect(normaliseOrigin(' HTTPS://Shop.Example/ ')).toBe('https://shop.example');
    expect(normaliseOrigin('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normaliseOrigin('https://shop.example/path')).toBeNull();
    expect(normaliseOrigin('*.example.com')).toBeNull();
    expect(normaliseOrigin('shop.example')).toBeNull();
  });

  it('should read one origin a line, skipping blank lines and repeats', () => {
    expect(parseOrigins('https://a.example\n\n https://A.example/ \r\nhttp://b.example:81')).toEqual([
      'https://a.example',
      'http://b.example:81',
    ]);
  });

  it('should build the create body the server schema accepts', () => {
    expect(formToInput(filled())).toEqual({
      name: 'Shop',
      allowedOrigins: ['https://shop.example', 'http://localhost:5173'],
      prechat: {
        fields: { name: 'optional', email: 'optional', phone: 'hidden' },
        topics: [{ id: 'refunds', label: { 'zh-CN': '退款', en: 'Refunds' }, queueId: 'q1', product: 'Pro' }],
      },
      identityRequired: false,
    });
  });

  it('should give new topics readable unique ids and keep stored ones', () => {
    expect(topicIdFor('Order status!', new Set())).toBe('order-status');
    expect(topicIdFor('售后', new Set())).toBe('topic');
    expect(topicIdFor('Orders', new Set(['orders', 'orders-2']))).toBe('orders-3');
    expect(topicIdFor('x'.repeat(50), new Set()).length).toBeLessThanOrEqual(32);
    const ids = assignTopicIds([
      { ...newTopic('a', 'q1'), labelEn: 'Orders' },
      { ...newTopic('b', 'q1'), id: 'orders', labelEn: 'Old orders' },
      { ...newTopic('c', 'q1'), labelEn: 'Orders' },
    ]);
    expect(ids).toEqual(['orders-2', 'orders', 'orders-3']);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9_-]{1,32}$/);
  });

  it('should turn a stored widget into a form and back unchanged', () => {
    const form = widgetToForm(widget);
    expect(form.origins).toBe('https://shop.example');
    expect(formToInput(form)).toEqual({
      name: widget.name,
      allowedOrigins: widget.allowedOrigins,
      prechat: widget.prechat,
      identityRequired: false,
    });
    expect(formToPatch(widget, form)).toEqual({});
  });

  it('should patch only what changed', () => {
    const form = widgetToForm(widget);
    expect(formToPatch(widget, { ...form, name: 'Shop 2' })).toEqual({ name: 'Shop 2' });
    expect(formToPatch(widget, { ...form, identityRequired: true })).toEqual({ identityRequired: true });
    const topics = [...form.topics, { ...newTopic('n', 'q2'), labelZh: '发票', labelEn: 'Invoices' }];
    const patch = formToPatch(widget, { ...form, topics });
    expect(Object.keys(patch)).toEqual(['prechat']);
    expect(patch.prechat?.topics.map((t) => t.id)).toEqual(['orders', 'invoices']);
  });

  it('should report what the server would refuse, field by field', () => {
    expect(validateWidgetForm(filled(), new Set(['q1']))).toEqual([]);
    const bad = validateWidgetForm(
      filled({
        name: '  ',
        origins: 'https://ok.example\nhttps://shop.example/path',
        topics: [{ ...newTopic('k', 'gone'), labelEn: 'x'.repeat(81) }],
      }),
      new Set(['q1']),
    );
    expect(bad).toEqual([
      { field: 'name', issue: 'required' },
      { field: 'origins', issue: 'origin', value: 'https://shop.example/path' },
      { field: 'topics.0.labelZh', issue: 'required' },
      { field: 'topics.0.labelEn', issue: 'tooLong' },
      { field: 'topics.0.queueId', issue: 'noQueue' },
    ]);
    expect(validateWidgetForm(filled({ topics: [] }), new Set(['q1']))).toEqual([{ field: 'topics', issue: 'noTopic' }]);
  });
});
