import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.js';
import type { I18n } from './context.js';
import { describeError } from './errors.js';
import { isMessageKey, type Lang, translate } from './languages.js';

const i18nOf = (lang: Lang): I18n => ({
  lang,
  setLang: () => undefined,
  t: (key, vars) => translate(lang, key, vars),
  tMaybe: (key, fallback, vars) => (isMessageKey(key) ? translate(lang, key, vars) : fallback),
  formatDateTime: String,
  formatDate: String,
});

const failed = (details: { field?: string; issue: string }[], code = 'VALIDATION_FAILED') =>
  new ApiError(400, code, 'Validation failed', details, 'req-1');

describe('describeError', () => {
  it('should say which item of a list a detail is about, counted from 1', () => {
    const shown = describeError(
      failed([
        { field: 'body.allowedOrigins.1', issue: 'must be an origin such as https://shop.example (no path)' },
        { field: '/body/prechat/topics/0/label/en', issue: 'must NOT have fewer than 1 characters' },
        { field: 'body.prechat.topics.2.queueId', issue: 'is not a queue of this organisation' },
      ]),
      i18nOf('en'),
    );
    expect(shown.details).toEqual([
      'Allowed site 2: is not an origin such as https://shop.example (no path)',
      'Topic 1 · label (English): must not be empty',
      'Topic 3 · Queue: is not a queue of this organisation',
    ]);
  });

  it('should translate the chat wordings and keep plain fields as before', () => {
    const shown = describeError(
      failed([
        { field: 'body.body', issue: 'uses unknown variables order.no; known: customer.name, agent.name, contact.id' },
        { field: 'password', issue: 'must be at least 10 characters' },
      ]),
      i18nOf('zh-CN'),
    );
    expect(shown.details).toEqual(['内容：使用了未知变量：order.no', '密码：至少需要 10 个字符']);
  });

  it('should name a taken canned-response shortcut', () => {
    expect(describeError(failed([], 'SHORTCUT_TAKEN'), i18nOf('en')).message).toBe('Another canned response already uses this shortcut.');
  });
});
