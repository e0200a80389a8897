import { describe, expect, it } from 'vitest';
import {
  appendVariable,
  cannedFormToInput,
  cannedPatch,
  cannedToForm,
  previewCanned,
  unknownVariables,
  validateCannedForm,
} from './canned-form.js';

const sample = { customerName: 'Li Wei', agentName: 'Ann', contactId: 'ct_sample' };
const stored = { id: 'cnr_1', shortcut: 'hello', title: 'Greeting', body: 'Hi {{customer.name}}' };

describe('canned response form', () => {
  it('should accept a valid form and trim shortcut and title but not the body', () => {
    const f = { shortcut: ' hello ', title: ' Greeting ', body: ' Hi {{ customer.name }} \n' };
    expect(validateCannedForm(f)).toEqual([]);
    expect(cannedFormToInput(f)).toEqual({ shortcut: 'hello', title: 'Greeting', body: ' Hi {{ customer.name }} \n' });
  });

  it('should refuse what the server refuses', () => {
    expect(validateCannedForm({ shortcut: '', title: '', body: ' ' })).toEqual([
      { field: 'shortcut', issue: 'required' },
      { field: 'title', issue: 'required' },
      { field: 'body', issue: 'required' },
    ]);
    expect(validateCannedForm({ shortcut: 'hi there', title: 't'.repeat(81), body: 'x {{order.no}}' })).toEqual([
      { field: 'shortcut', issue: 'shortcut' },
      { field: 'title', issue: 'tooLong' },
      { field: 'body', issue: 'unknownVariable', names: ['order.no'] },
    ]);
  });

  it('should name only dotted lower-case names as unknown variables, like the server', () => {
    expect(unknownVariables('{{customer.name}} {{order.no}} {{order.no}} {{Foo}} {{x}}')).toEqual(['order.no']);
  });

  it('should preview with sample values as plain text, leaving unknown variables visible', () => {
    expect(previewCanned('Hi {{customer.name}}, I am {{ agent.name }} ({{contact.id}}) {{order.no}}', sample)).toBe(
      'Hi Li Wei, I am Ann (ct_sample) {{order.no}}',
    );
    // Markup is text: the preview is rendered as a text node, so nothing here is parsed.
    expect(previewCanned('<b>{{customer.name}}</b>', { ...sample, customerName: '<img src=x>' })).toBe('<b><img src=x></b>');
  });

  it('should patch only the changed fields', () => {
    expect(cannedPatch(stored, cannedToForm(stored))).toEqual({});
    expect(cannedPatch(stored, { ...cannedToForm(stored), title: 'Hello', body: 'Hey' })).toEqual({ title: 'Hello', body: 'Hey' });
  });

  it('should append a variable with a separating space', () => {
    expect(appendVariable('', 'agent.name')).toBe('{{agent.name}}');
    expect(appendVariable('Hi', 'customer.name')).toBe('Hi {{customer.name}}');
    expect(appendVariable('Hi\n', 'contact.id')).toBe('Hi\n{{contact.id}}');
  });
});
