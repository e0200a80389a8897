/**
 * The web app may not import the server (it speaks only the HTTP contract), so it keeps copies of
 * a few contract constants. This keeps the copies equal to the server's originals.
 */
import { describe, expect, it } from 'vitest';
import { CONTACT_CLASSES } from '../../src/contacts/core/disposition.js';
import { API_KEY_PERMISSIONS, TENANT_ROLES } from '../../src/kernel/index.js';
import { PRESENCE_STATES } from '../../src/routing/core/types.js';
import { PASSWORD_MIN } from '../../src/tenancy/core/password-policy.js';
import * as web from '../../web/src/api/types.js';

describe('web contract copies', () => {
  it('should list the same API-key permissions, roles and password minimum as the server', () => {
    expect([...web.API_KEY_PERMISSIONS].sort()).toEqual([...API_KEY_PERMISSIONS].sort());
    expect([...web.TENANT_ROLES]).toEqual([...TENANT_ROLES]);
    expect(web.PASSWORD_MIN).toBe(PASSWORD_MIN);
  });

  it('should list the same contact classes and presence states as the server', () => {
    expect([...web.CONTACT_CLASSES]).toEqual([...CONTACT_CLASSES]);
    expect([...web.PRESENCE_STATES].sort()).toEqual([...PRESENCE_STATES].sort());
  });
});
