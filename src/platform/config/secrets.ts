/**
 * Secrets that must survive restarts but need not be configured by hand: generated on first start
 * and kept in a file readable only by the owner. Never logged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  readonly cookieSecret: string;
}

export const loadOrCreateSecrets = (dataDir: string, configured: string | null): Secrets => {
  if (configured) return { cookieSecret: configured };
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secrets.json');
  if (existsSync(path)) {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Secrets>;
    if (typeof parsed.cookieSecret === 'string' && parsed.cookieSecret.length >= 32) return { cookieSecret: parsed.cookieSecret };
  }
  const secrets: Secrets = { cookieSecret: randomBytes(32).toString('base64url') };
  writeFileSync(path, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
};
