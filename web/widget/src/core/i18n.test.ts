import { describe, expect, it } from 'vitest';
import { localLabel, pickLocale, toLocale, translate } from './i18n.js';
import { en } from './strings-en.js';
import { zhCN } from './strings-zh-CN.js';

describe('widget i18n', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['ZH', 'zh-CN'],
    ['en-GB', 'en'],
    ['fr', 'en'],
    ['', null],
    [null, null],
  ] as const)('should map %s to %s', (tag, locale) => {
    expect(toLocale(tag)).toBe(locale);
  });

  it('should prefer the stored choice, then the data-locale attribute, then the browser', () => {
    expect(pickLocale('en', 'zh-CN', 'zh-CN')).toBe('en');
    expect(pickLocale(null, 'zh-CN', 'en-US')).toBe('zh-CN');
    expect(pickLocale('klingon', null, 'zh-Hans-CN')).toBe('zh-CN');
    expect(pickLocale(null, null, null)).toBe('en');
  });

  it('should fill named slots and leave unknown ones visible', () => {
    expect(translate('en', 'wait.position', { n: 3 })).toBe('You are number 3 in line');
    expect(translate('zh-CN', 'wait.position', { n: 3 })).toBe('您当前排在第 3 位');
    expect(translate('en', 'status.withAgent')).toBe('{name} is helping you');
  });

  it('should translate every key into Chinese with the same slots', () => {
    const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(en)) {
      const zh = zhCN[key as keyof typeof en];
      expect(zh, key).toBeTruthy();
      expect(slots(zh), key).toEqual(slots(text));
    }
  });

  it('should take a tenant label in the visitor language and fall back to the other one', () => {
    expect(localLabel({ 'zh-CN': '售后', en: 'After-sales' }, 'en')).toBe('After-sales');
    expect(localLabel({ 'zh-CN': '售后' }, 'en')).toBe('售后');
    expect(localLabel(null, 'en')).toBe('');
  });
});
