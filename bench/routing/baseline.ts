/**
 * A deliberately naive ACD for comparison: no indexes at all. When an agent frees capacity it scans
 * every waiting contact (checking skills and capacity on each) for the best priority key; when a
 * contact arrives it scans every agent for the longest-idle one that qualifies. Same priority key
 * and the same capacity and blending rules as the engine, strict skill levels only (no bullseye),
 * and it builds a decision record too, so it does strictly less work per decision than the engine.
 */
import type { AgentInput, ContactInput, Decision, QueueInput, RoutingAction, TierConfig } from '../../src/routing/core/index.js';

interface Agent {
  readonly id: string;
  readonly skills: ReadonlyMap<string, number>;
  readonly cap: Readonly<Record<string, number>>;
  readonly load: Record<string, number>;
  total: number;
  exclusive: number;
  available: boolean;
  idleSince: number;
}

interface Waiting {
  readonly id: string;
  readonly queue: QueueInput;
  readonly channel: string;
  readonly key: number;
}

interface Held {
  readonly agent: Agent;
  readonly channel: string;
}

export class NaiveEngine {
  private readonly queues = new Map<string, QueueInput>();
  private readonly agents: Agent[] = [];
  private readonly byId = new Map<string, Agent>();
  private readonly waiting: Waiting[] = [];
  private readonly held = new Map<string, Held>();
  private readonly offsets: Map<string, number>;
  private seq = 0;

  constructor(
    tiers: readonly TierConfig[],
    private readonly exclusiveChannels: readonly string[] = ['voice'],
  ) {
    this.offsets = new Map(tiers.map((t) => [t.id, t.offsetMs]));
  }

  upsertQueue(q: QueueInput): void {
    this.queues.set(q.id, q);
  }

  upsertAgent(a: AgentInput, now: number): void {
    const skills = a.skills instanceof Map ? a.skills : new Map(Object.entries(a.skills));
    const agent: Agent = { id: a.id, skills, cap: a.capacity, load: {}, total: 0, exclusive: 0, available: true, idleSince: now };
    this.agents.push(agent);
    this.byId.set(a.id, agent);
  }

  private qualifies(a: Agent, q: QueueInput): boolean {
    for (const r of q.requiredSkills ?? []) if ((a.skills.get(r.skill) ?? 0) < r.minProficiency) return false;
    return true;
  }

  private canTake(a: Agent, channel: string): boolean {
    if (!a.available || (a.load[channel] ?? 0) >= (a.cap[channel] ?? 0)) return false;
    return this.exclusiveChannels.includes(channel) ? a.total === 0 : a.exclusive === 0;
  }

  private offer(a: Agent, contactId: string, queueId: string, channel: string, now: number, trigger: Decision['trigger']): RoutingAction {
    a.load[channel] = (a.load[channel] ?? 0) + 1;
    a.total++;
    if (this.exclusiveChannels.includes(channel)) a.exclusive++;
    a.idleSince = now;
    this.held.set(contactId, { agent: a, channel });
    const decision: Decision = {
      seq: ++this.seq,
      at: now,
      trigger,
      contactId,
      agentId: a.id,
      queueId,
      policy: trigger === 'agent_freed' ? 'priority' : 'longest_idle',
      level: 'strict',
      considered: 1,
      candidates: [],
      why: 'best_score',
    };
    return { type: 'offer', contactId, agentId: a.id, queueId, channel, expiresAt: now + 30_000, decision };
  }

  enqueue(c: ContactInput, now: number): RoutingAction[] {
    const q = this.queues.get(c.queueId);
    if (q === undefined) throw new Error(`no queue ${c.queueId}`);
    let best: Agent | null = null;
    for (const a of this.agents) {
      if (this.canTake(a, c.channel) && this.qualifies(a, q) && (best === null || a.idleSince < best.idleSince)) best = a;
    }
    if (best !== null) return [this.offer(best, c.id, q.id, c.channel, now, 'contact_arrived')];
    this.waiting.push({ id: c.id, queue: q, channel: c.channel, key: (c.enqueuedAt ?? now) - (this.offsets.get(c.tier) ?? 0) });
    return [];
  }

  accept(_contactId: string, _agentId: string, _now: number): void {
    // Offers are accepted at once in the benchmark; the capacity was reserved by the offer.
  }

  release(contactId: string, now: number): RoutingAction[] {
    const h = this.held.get(contactId);
    if (h === undefined) throw new Error(`no assigned contact ${contactId}`);
    this.held.delete(contactId);
    const a = h.agent;
    a.load[h.channel] = (a.load[h.channel] ?? 0) - 1;
    a.total--;
    if (this.exclusiveChannels.includes(h.channel)) a.exclusive--;
    a.idleSince = now;
    let bestIdx = -1;
    let bestKey = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.waiting.length; i++) {
      const w = this.waiting[i];
      if (w !== undefined && w.key < bestKey && this.canTake(a, w.channel) && this.qualifies(a, w.queue)) {
        bestKey = w.key;
        bestIdx = i;
      }
    }
    const w = this.waiting[bestIdx];
    if (w === undefined) return [];
    this.waiting.splice(bestIdx, 1);
    return [this.offer(a, w.id, w.queue.id, w.channel, now, 'agent_freed')];
  }
}
