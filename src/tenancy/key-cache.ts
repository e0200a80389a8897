/**
 * API keys verified in the last few seconds, so an integration sending many requests pays for one
 * look-up (two reads and a transaction) per key every few seconds rather than per request. The
 * secret is still checked on every request, against the stored hash kept here.
 *
 * Revoking a key or changing its tenant's status forgets the entries at once in this process (after
 * the change commits). Another process (a second server, `kefu apikey revoke`) changing the same
 * database is seen when the entry expires: at most TTL_MS later.
 */
import type { Permission } from '../kernel/index.js';

/** How long a verified key is trusted without reading the store again. */
export const KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface VerifiedKey {
  readonly tenantId: string;
  readonly keyId: string;
  /** SHA-256 of the key's secret, as bytes. */
  readonly secretHash: Buffer;
  readonly name: string;
  readonly permissions: ReadonlySet<Permission>;
}

interface Entry {
  readonly key: VerifiedKey;
  readonly expiresAt: number;
}

export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every forget: a look-up that began before it must not store what it read. */
  private epoch = 0;

  /** The key if it was verified within the TTL and nothing forgot it since. */
  get(tenantId: string, keyId: string, now: number): VerifiedKey | null {
    const id = `${tenantId}.${keyId}`;
    const e = this.entries.get(id);
    if (!e) return null;
    if (e.expiresAt > now) return e.key;
    this.entries.delete(id);
    return null;
  }

  /** Where a look-up starts: pass it to put(), which ignores the result if a forget happened meanwhile. */
  begin(): number {
    return this.epoch;
  }

  put(key: VerifiedKey, now: number, startedAt: number): void {
    if (startedAt !== this.epoch) return;
    // Oldest first out; the map keeps insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(`${key.tenantId}.${key.keyId}`, { key, expiresAt: now + KEY_CACHE_TTL_MS });
  }

  /** After a key is revoked. */
  forgetKey(tenantId: string, keyId: string): void {
    this.epoch++;
    this.entries.delete(`${tenantId}.${keyId}`);
  }

  /** After a tenant's status changes (a suspended tenant's keys stop at once). */
  forgetTenant(tenantId: string): void {
    this.epoch++;
    for (const [id, e] of this.entries) if (e.key.tenantId === tenantId) this.entries.delete(id);
  }
}
