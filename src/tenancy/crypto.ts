/** Hashing of high-entropy secrets (tokens, keys): SHA-256 suffices; passwords use argon2id. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from './deps.js';

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const secretMatches = (secret: string, storedHash: string): boolean => {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};

/** The same check against a stored hash already decoded to bytes (the API key cache keeps them so). */
export const secretMatchesBytes = (secret: string, storedHash: Buffer): boolean => {
  const a = createHash('sha256').update(secret).digest();
  return a.length === storedHash.length && timingSafeEqual(a, storedHash);
};

export const randomSecret = (): string => randomBytes(32).toString('base64url');

// @node-rs/argon2 exports Algorithm as a const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
export const argon2idHasher: PasswordHasher = {
  hash: (password) => hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$KxyaZAEnYtyD9ReOtbNtRA$7l6w/N4SKhWh3vJsVU4sWGrSItlxknZbTwALZ35qtCk';
