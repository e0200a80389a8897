/**
 * Bearer credentials. A token names its tenant and record so the look-up is one primary-key read
 * keyed by tenant (no cross-tenant index on secrets); only a hash of the secret is stored.
 * Formats: session `kfs.<tenantId>.<sessionId>.<secret>`, API key `kfk.<tenantId>.<keyId>.<secret>`.
 */
export type TokenKind = 'session' | 'api_key';

export interface ParsedToken {
  readonly kind: TokenKind;
  readonly tenantId: string;
  readonly recordId: string;
  readonly secret: string;
}

const PREFIX: Record<TokenKind, string> = { session: 'kfs', api_key: 'kfk' };
const SHAPE = /^(kfs|kfk)\.(tn_[0-9a-z]{20}|tn_platform)\.([a-z]{2,4}_[0-9a-z]{20})\.([A-Za-z0-9_-]{32,64})$/;

export const formatToken = (kind: TokenKind, tenantId: string, recordId: string, secret: string): string =>
  `${PREFIX[kind]}.${tenantId}.${recordId}.${secret}`;

export const parseToken = (raw: string): ParsedToken | null => {
  const m = SHAPE.exec(raw);
  if (!m) return null;
  const [, prefix, tenantId, recordId, secret] = m;
  if (!prefix || !tenantId || !recordId || !secret) return null;
  return { kind: prefix === 'kfs' ? 'session' : 'api_key', tenantId, recordId, secret };
};
