/**
 * Visitor tokens: `kfv.<tenantId>.<contactId>.<secret>`. The token names its tenant and
 * conversation so checking it is one primary-key read; only the SHA-256 of the secret is stored.
 * It grants that one conversation and nothing else.
 */
export interface ParsedVisitorToken {
  readonly tenantId: string;
  readonly contactId: string;
  readonly secret: string;
}

const SHAPE = /^kfv\.(tn_[0-9a-z]{20})\.(con_[0-9a-z]{20})\.([A-Za-z0-9_-]{43})$/;

export const formatVisitorToken = (tenantId: string, contactId: string, secret: string): string => `kfv.${tenantId}.${contactId}.${secret}`;

export const parseVisitorToken = (raw: string): ParsedVisitorToken | null => {
  const m = SHAPE.exec(raw);
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { tenantId: m[1], contactId: m[2], secret: m[3] };
};

export const isVisitorToken = (raw: string): boolean => raw.startsWith('kfv.');
