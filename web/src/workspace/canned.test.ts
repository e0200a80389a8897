import { describe, expect, it } from 'vitest';
import { expandCanned, matchCanned, slashQuery } from './canned.js';

const list = [
  { id: '1', shortcut: 'refund', title: 'Refund policy', body: 'Refunds take 5 days, {{customer.name}}.' },
  { id: '2', shortcut: 'hello', title: 'Greeting', body: 'Hi {{ customer.name }}, I am {{agent.name}}.' },
  { id: '3', shortcut: 'bye', title: 'Closing', body: 'Reference {{contact.id}}. Anything else about your refund?' },
];

describe('canned responses', () => {
  it('should fill in the known variables and leave unknown ones visible', () => {
    const v = { customerName: 'Li Wei', agentName: 'Ann', contactId: 'ct_1' };
    expect(expandCanned(list[1]?.body ?? '', v)).toBe('Hi Li Wei, I am Ann.');
    expect(expandCanned('{{contact.id}} {{order.no}}', v)).toBe('ct_1 {{order.no}}');
  });

  it('should treat a one-line draft starting with "/" as a search', () => {
    expect(slashQuery('/ref')).toBe('ref');
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('see /ref')).toBeNull();
    expect(slashQuery('/ref\nmore')).toBeNull();
  });

  it('should rank shortcut prefix matches before title and body matches', () => {
    expect(matchCanned(list, 'ref').map((c) => c.id)).toEqual(['1', '3']);
    expect(matchCanned(list, 'GREET').map((c) => c.id)).toEqual(['2']);
    expect(matchCanned(list, '').map((c) => c.id)).toEqual(['3', '2', '1']);
    expect(matchCanned(list, 'zzz')).toEqual([]);
  });
});
