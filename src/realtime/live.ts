/**
 * Outbox events -> frames. Runs as a live (non-durable) dispatcher subscriber, one event at a
 * time in commit order, so per-conversation message order is the seq order. Look-ups are made
 * only when someone is listening.
 */
import { can, type DeliveredEvent } from '../kernel/index.js';
import { CLOSE, frame } from './connection.js';
import { catchUp, type RealtimeShared, staffMsgFrame, visitorMsgFrame } from './context.js';
import { topicKey, visibleTo } from './core/subscriptions.js';
import { followQueue } from './visitor.js';

interface ContactPayload {
  readonly to?: string;
  readonly queueId?: string | null;
  readonly agentId?: string | null;
}

interface PresencePayload {
  readonly agentId?: string;
  readonly state?: string;
  readonly since?: number;
  readonly reason?: string | null;
}

/** Contact states after which the contact belongs to no agent's workspace any more. */
const FINAL = new Set(['closed', 'abandoned', 'timed_out']);

export class LiveEvents {
  /** The agent each live contact was last shown to, so the agent it leaves hears of it too. */
  private readonly shownTo = new Map<string, string>();

  constructor(private readonly s: RealtimeShared) {}

  readonly handle = async (e: DeliveredEvent): Promise<void> => {
    if (e.type === 'message.created') return this.messageOrResync(e);
    if (e.type.startsWith('contact.')) return this.contact(e, e.payload as ContactPayload);
    if (e.type === 'agent.presence_changed') return this.presence(e, e.payload as PresencePayload);
  };

  /**
   * A message that cannot be pushed (its look-up failed) must not leave a gap the client never
   * notices: a later message would pass the ordering gate and the missed one would appear only
   * after a reload. The push is tried once more; then every subscription following the
   * conversation is caught up from the store (catchUp), and a socket whose catch-up fails too is
   * closed as "try again later" (1013): its client reconnects and resumes from its last seq.
   */
  private async messageOrResync(e: DeliveredEvent): Promise<void> {
    try {
      await this.message(e);
      return;
    } catch (first) {
      try {
        await this.message(e);
        return;
      } catch (err) {
        this.s.log.error({ err, first, eventId: e.id, contactId: e.aggregateId }, 'live message push failed twice; its followers catch up');
      }
    }
    const { hub } = this.s;
    const followers: [string, 'staff' | 'visitor'][] = [
      [topicKey.contact(e.tenantId, e.aggregateId), 'staff'],
      [topicKey.visitor(e.tenantId, e.aggregateId), 'visitor'],
    ];
    // Not awaited: a slow store must not hold up pushes to everyone else. Each catch-up holds its
    // subscription's later live frames from its first step, so order is kept.
    for (const [topic, audience] of followers) {
      for (const c of [...hub.subscribers(topic)]) {
        void catchUp(this.s, c, e.aggregateId, audience).catch(() => c.ws.close(CLOSE.tryAgainLater, 'resync'));
      }
    }
  }

  private async message(e: DeliveredEvent): Promise<void> {
    const { hub, ports } = this.s;
    const contactId = e.aggregateId;
    const staffTopic = topicKey.contact(e.tenantId, contactId);
    const visitorTopic = topicKey.visitor(e.tenantId, contactId);
    const visibility = typeof e.payload.visibility === 'string' ? e.payload.visibility : 'public';
    const toVisitors = visibleTo('visitor', visibility) && hub.has(visitorTopic);
    if (!hub.has(staffTopic) && !toVisitors) return;
    const m = await ports.chat.messageOf(e);
    if (!m) return;
    if (hub.has(staffTopic)) {
      const f = staffMsgFrame(contactId, m);
      for (const c of hub.subscribers(staffTopic)) c.sendToContact(contactId, f, m.clientId);
    }
    // Checked again on the stored message: what a visitor sees never rests on the payload alone.
    if (toVisitors && visibleTo('visitor', m.visibility)) {
      const f = visitorMsgFrame(m);
      for (const c of hub.subscribers(visitorTopic)) c.sendToContact(contactId, f, m.clientId);
    }
  }

  private async contact(e: DeliveredEvent, p: ContactPayload): Promise<void> {
    await this.toVisitor(e);
    await this.toAgents(e, p);
    this.revokeLostHandlers(e, p);
    this.scheduleStats(e.tenantId);
    if (p.queueId) this.scheduleWait(e.tenantId, p.queueId);
  }

  private async toVisitor(e: DeliveredEvent): Promise<void> {
    const topic = topicKey.visitor(e.tenantId, e.aggregateId);
    if (!this.s.hub.has(topic)) return;
    const v = await this.s.ports.chat.visitorContactById(e.tenantId, e.aggregateId);
    if (!v) return;
    const f = frame({ t: 'state', state: v.state, agentName: v.agentName });
    for (const c of this.s.hub.subscribers(topic)) {
      c.sendToContact(e.aggregateId, f);
      followQueue(this.s, c, v.state === 'queued' ? v.queueId : null);
    }
  }

  private async toAgents(e: DeliveredEvent, p: ContactPayload): Promise<void> {
    const key = `${e.tenantId}|${e.aggregateId}`;
    const previous = this.shownTo.get(key) ?? null;
    const agentId = p.agentId ?? null;
    if (agentId && !FINAL.has(p.to ?? '')) this.shownTo.set(key, agentId);
    else this.shownTo.delete(key);
    const targets = [agentId, previous].filter((a, i, all): a is string => a !== null && all.indexOf(a) === i);
    const topics = targets.map((a) => topicKey.agent(e.tenantId, a)).filter((t) => this.s.hub.has(t));
    if (topics.length === 0) return;
    const contact = await this.s.ports.chat.staffContact(e.tenantId, e.aggregateId);
    if (!contact) return;
    for (const topic of topics) {
      const isOffer = p.to === 'offered' && topic === topicKey.agent(e.tenantId, agentId ?? '');
      const f = isOffer ? frame({ t: 'offer', contact, expiresAt: contact.offerExpiresAt }) : frame({ t: 'contact', contact });
      for (const c of this.s.hub.subscribers(topic)) c.send(f);
    }
  }

  /**
   * A contact that moved to another agent (or back to a queue) is no longer its former agent's to
   * watch: that subscription ends, unless the staff member may monitor. Wrap-up keeps the agent.
   */
  private revokeLostHandlers(e: DeliveredEvent, p: ContactPayload): void {
    const topic = topicKey.contact(e.tenantId, e.aggregateId);
    for (const c of [...this.s.hub.subscribers(topic)]) {
      const sub = c.contacts.get(e.aggregateId);
      if (!sub || !c.staff) continue;
      const handles = p.agentId === c.staff.actor.id && (p.to === 'assigned' || p.to === 'wrap_up' || p.to === 'closed');
      if (handles) sub.access = 'handler';
      else if (can(c.staff, 'routing.supervise')) sub.access = 'monitor';
      else if (sub.access === 'handler' && p.agentId !== c.staff.actor.id) {
        c.contacts.delete(e.aggregateId);
        this.s.hub.leave(topic, c);
        c.send(frame({ t: 'unsubscribed', topic: 'contact', contactId: e.aggregateId, reason: 'NOT_YOUR_CONTACT' }));
      }
    }
  }

  private presence(e: DeliveredEvent, p: PresencePayload): void {
    if (p.agentId) {
      const f = frame({ t: 'presence', state: p.state ?? null, since: p.since ?? e.occurredAt, reason: p.reason ?? null });
      for (const c of this.s.hub.subscribers(topicKey.agent(e.tenantId, p.agentId))) c.send(f);
    }
    this.scheduleStats(e.tenantId);
  }

  /** Recomputes the tenant's statistics for its supervisors, coalesced to at most 4 per second. */
  scheduleStats(tenantId: string): void {
    const topic = topicKey.supervisor(tenantId);
    if (!this.s.hub.has(topic)) return;
    this.s.coalescer.schedule(`stats|${tenantId}`, async () => {
      if (!this.s.hub.has(topic)) return;
      const f = frame({ t: 'stats', ...(await this.s.ports.chat.liveStats(tenantId)) });
      for (const c of this.s.hub.subscribers(topic)) c.send(f);
    });
  }

  /** Tells every visitor waiting in a queue its new place, coalesced, only when it changed. */
  private scheduleWait(tenantId: string, queueId: string): void {
    const topic = topicKey.queue(tenantId, queueId);
    if (!this.s.hub.has(topic)) return;
    this.s.coalescer.schedule(`wait|${topic}`, async () => {
      for (const c of [...this.s.hub.subscribers(topic)]) {
        const contactId = c.visitor?.contactId;
        if (!contactId) continue;
        const w = await this.s.ports.chat.waitInfo(tenantId, contactId);
        if (w && c.lastWait !== `${w.position}|${w.estimatedWaitMs}`) {
          c.lastWait = `${w.position}|${w.estimatedWaitMs}`;
          c.sendToContact(contactId, frame({ t: 'wait', position: w.position, estimatedWaitMs: w.estimatedWaitMs }));
        }
      }
    });
  }
}
