import { describe, expect, it } from 'vitest';
import { renderCanned, unknownVariables } from './canned.js';

describe('canned responses', () => {
  it('should fill known variables, empty missing ones and leave unknown ones as written', () => {
    const body = 'Hi {{customer.name}}, {{ agent.name }} here ({{contact.id}}) {{customer.secret}} {{agent.name}}';
    expect(renderCanned(body, { 'customer.name': '李雷', 'agent.name': 'Wang', 'contact.id': null })).toBe(
      'Hi 李雷, Wang here () {{customer.secret}} Wang',
    );
    expect(unknownVariables(body)).toEqual(['customer.secret']);
  });

  it('should not expand a value that itself looks like a variable', () => {
    expect(renderCanned('{{customer.name}}', { 'customer.name': '{{agent.name}}', 'agent.name': 'X' })).toBe('{{agent.name}}');
  });
});
