/**
 * Secrets that must survive restarts but need not be configured by hand: generated on first start
 * and kept in a file readable only by the owner. Never logged.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config.js';

export interface Secrets {
  readonly cookieSecret: string;
}

const readSecretsFile = (path: string): Partial<Secrets> => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Partial<Secrets>;
  } catch {
    // Reported below with the file's name.
  }
  // Replacing it silently would log every user out and hide tampering; the operator decides.
  throw new ConfigError([`${path} is not a valid secrets file: restore it, or delete it to generate new secrets (all sessions end)`]);
};

export const loadOrCreateSecrets = (dataDir: string, configured: string | null): Secrets => {
  if (configured) return { cookieSecret: configured };
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'secrets.json');
  if (existsSync(path)) {
    const parsed = readSecretsFile(path);
    if (typeof parsed.cookieSecret === 'string' && parsed.cookieSecret.length >= 32) return { cookieSecret: parsed.cookieSecret };
  }
  const secrets: Secrets = { cookieSecret: randomBytes(32).toString('base64url') };
  writeFileSync(path, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
};
