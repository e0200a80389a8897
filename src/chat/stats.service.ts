/**
 * Live statistics for supervisors (GET /api/v1/live/stats and the realtime `stats` frame): the
 * routing engine's live queues and agents, plus today's outcomes from today's contacts.
 */
import type { ContactOutcome } from '../contacts/index.js';
import type { TenantContext } from '../kernel/index.js';
import { computeLiveStats, type LiveStats, type TodayContact } from './core/index.js';
import type { ChatDeps } from './ports.js';

/** Midnight of the server's local day containing `now`. */
export const startOfLocalDay = (now: number): number => {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

const todayContact = (c: ContactOutcome): TodayContact => ({
  queueId: c.queueId,
  tier: c.tier,
  state: c.state,
  enqueuedAt: c.enqueuedAt,
  answeredAt: c.answeredAt,
  endedAt: c.closedAt ?? c.stateChangedAt,
});

export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly activeContacts: number;
  readonly capacity: number;
}

export class StatsService {
  constructor(private readonly d: ChatDeps) {}

  async liveStats(ctx: TenantContext): Promise<LiveStats> {
    const at = this.d.clock.now();
    const [queues, live, tiers, names, today] = await Promise.all([
      this.d.routing.queueTargets(ctx),
      this.d.routing.live(ctx),
      this.d.customers.tierIds(ctx),
      this.d.staff.names(ctx),
      this.d.contacts.outcomesSince(ctx, startOfLocalDay(at)),
    ]);
    return computeLiveStats({
      at,
      tiers,
      queues,
      live: live.queues,
      today: today.map(todayContact),
      agents: live.agents.map((a) => ({ ...a, name: names.get(a.id) ?? a.id })),
    });
  }

  /** Colleagues a contact can be transferred to: every routable agent with name and state, by name. */
  async directory(ctx: TenantContext): Promise<DirectoryEntry[]> {
    const [live, names] = await Promise.all([this.d.routing.live(ctx), this.d.staff.names(ctx)]);
    return live.agents
      .map((a) => ({ id: a.id, name: names.get(a.id) ?? a.id, state: a.state, activeContacts: a.activeContacts, capacity: a.capacity }))
      .sort((x, y) => x.name.localeCompare(y.name));
  }
}
