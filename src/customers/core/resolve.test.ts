import { describe, expect, it } from 'vitest';
import type { Identity } from './identity.js';
import { planResolve } from './resolve.js';

const phone: Identity = { kind: 'phone', value: '+8613800138000' };
const email: Identity = { kind: 'email', value: 'li@example.cn' };
const visitor: Identity = { kind: 'web_visitor', value: 'v-1' };
const owners = (entries: [Identity, string][]) => new Map(entries.map(([i, c]) => [`${i.kind}:${i.value}`, c]));

describe('planResolve', () => {
  it('should create a customer and attach every identity when nobody owns any', () => {
    expect(planResolve([phone, email], owners([]))).toEqual({ customerId: null, attach: [phone, email], conflicts: [] });
  });

  it('should pick the owner and attach the rest when one identity is owned', () => {
    expect(planResolve([visitor, phone], owners([[phone, 'cus_1']]))).toEqual({ customerId: 'cus_1', attach: [visitor], conflicts: [] });
  });

  it('should change nothing when every identity is already owned by the same customer', () => {
    expect(
      planResolve(
        [phone, email],
        owners([
          [phone, 'cus_1'],
          [email, 'cus_1'],
        ]),
      ),
    ).toEqual({ customerId: 'cus_1', attach: [], conflicts: [] });
  });

  it('should pick the first owned identity and report the other owner when two customers own them', () => {
    const plan = planResolve(
      [visitor, email, phone],
      owners([
        [phone, 'cus_1'],
        [email, 'cus_2'],
      ]),
    );
    expect(plan).toEqual({ customerId: 'cus_2', attach: [visitor], conflicts: [{ identity: phone, customerId: 'cus_1' }] });
  });
});
