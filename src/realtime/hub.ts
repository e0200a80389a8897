/**
 * The in-process hub: topic -> connections. Topic keys start with the tenant (core/subscriptions),
 * so a publish reaches only that tenant's subscribers. One process only; a multi-node deployment
 * would fan events out between hubs (not built).
 */
import type { Connection } from './connection.js';

export class Hub {
  private readonly topics = new Map<string, Set<Connection>>();
  private readonly all = new Set<Connection>();

  register(conn: Connection): void {
    this.all.add(conn);
  }

  join(topic: string, conn: Connection): void {
    let set = this.topics.get(topic);
    if (!set) {
      set = new Set();
      this.topics.set(topic, set);
    }
    set.add(conn);
    conn.topics.add(topic);
  }

  leave(topic: string, conn: Connection): void {
    const set = this.topics.get(topic);
    conn.topics.delete(topic);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) this.topics.delete(topic);
  }

  /** Forgets a closed connection everywhere. */
  drop(conn: Connection): void {
    for (const topic of [...conn.topics]) this.leave(topic, conn);
    this.all.delete(conn);
  }

  subscribers(topic: string): ReadonlySet<Connection> {
    return this.topics.get(topic) ?? EMPTY;
  }

  has(topic: string): boolean {
    return this.topics.has(topic);
  }

  connections(): ReadonlySet<Connection> {
    return this.all;
  }
}

const EMPTY: ReadonlySet<Connection> = new Set();
