/**
 * A discrete-event simulation of a contact center driving the real routing engine in virtual
 * time: Poisson arrivals, handle times, customer patience, agent shifts, answer delays, wrap-up.
 * Pure: the random source is passed in and nothing reads a clock, so a seed reproduces a run.
 * Everything random about a contact (arrival time, patience, handle time) is drawn when it
 * arrives, so two runs with the same seed and different routing see the very same customers.
 */
import { type PresenceState, type RoutingAction, RoutingEngine, type RoutingResult } from '../core/index.js';
import { EventQueue } from './event-queue.js';
import { exponential, lognormal, type Rng } from './random.js';
import type { Duration, Scenario } from './scenario.js';
import { type Ending, Occupancy, type Outcomes, Tallies } from './stats.js';

type SimEvent =
  | { readonly at: number; readonly kind: 'arrival'; readonly stream: number }
  | { readonly at: number; readonly kind: 'answer' | 'release'; readonly contactId: string; readonly agentId: string }
  | { readonly at: number; readonly kind: 'patience'; readonly contactId: string }
  | { readonly at: number; readonly kind: 'tick' }
  | { readonly at: number; readonly kind: 'ready'; readonly agentId: string }
  | { readonly at: number; readonly kind: 'shift'; readonly agentId: string; readonly on: boolean };

interface Tracked {
  readonly queueId: string;
  readonly tier: string;
  readonly arrivedAt: number;
  readonly counted: boolean;
  readonly handleMs: number;
}

export interface SimReport {
  readonly byTier: Record<string, Outcomes>;
  readonly byQueue: Record<string, Outcomes>;
  readonly occupancyPct: number | null;
  readonly endedAtMs: number;
  readonly events: number;
  /** Contacts that never reached an end; always 0 unless the engine lost one. */
  readonly unfinished: number;
}

const must = <T>(r: RoutingResult<T>): T => {
  if (!r.ok) throw new Error(`simulation: ${r.error.code} ${r.error.message}`);
  return r.value;
};

export const draw = (rng: Rng, d: Duration): number =>
  d.kind === 'fixed' ? d.ms : d.kind === 'exponential' ? exponential(rng, d.meanMs) : lognormal(rng, d.meanMs, d.sdMs);

class Simulation {
  private readonly engine: RoutingEngine;
  private readonly events = new EventQueue<SimEvent>();
  private readonly contacts = new Map<string, Tracked>();
  private readonly presence = new Map<string, PresenceState>();
  private readonly load = new Map<string, number>();
  private readonly byTier = new Tallies();
  private readonly byQueue = new Tallies();
  private readonly occupancy = new Occupancy();
  private now = 0;
  private seq = 0;
  private tickAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly sc: Scenario,
    private readonly rng: Rng,
  ) {
    this.engine = new RoutingEngine(sc.engine);
  }

  run(): SimReport {
    this.setUp();
    let n = 0;
    for (let e = this.events.pop(); e !== null; e = this.events.pop()) {
      this.now = e.at;
      this.handle(e);
      this.scheduleTick();
      n++;
    }
    return {
      byTier: this.byTier.results(),
      byQueue: this.byQueue.results(),
      occupancyPct: this.occupancy.pct(this.now),
      endedAtMs: this.now,
      events: n,
      unfinished: this.contacts.size,
    };
  }

  private setUp(): void {
    for (const q of this.sc.queues) must(this.engine.upsertQueue(q, 0));
    for (const a of this.sc.agents) {
      must(this.engine.upsertAgent(a, 0));
      this.presence.set(a.id, 'offline');
      if (a.shifts === undefined) this.setPresence(a.id, 'available');
      for (const s of a.shifts ?? []) {
        this.events.push({ at: s.startMs, kind: 'shift', agentId: a.id, on: true });
        this.events.push({ at: s.endMs, kind: 'shift', agentId: a.id, on: false });
      }
    }
    this.sc.arrivals.forEach((s, stream) => {
      this.scheduleArrival(stream, s.perHour);
    });
  }

  private scheduleArrival(stream: number, perHour: number): void {
    if (perHour <= 0) return;
    const at = this.now + exponential(this.rng, 3_600_000 / perHour);
    if (at < this.sc.durationMs) this.events.push({ at, kind: 'arrival', stream });
  }

  private scheduleTick(): void {
    const d = this.engine.nextDeadline();
    if (d === null || (d >= this.tickAt && this.tickAt > this.now)) return;
    this.tickAt = Math.max(d, this.now);
    this.events.push({ at: this.tickAt, kind: 'tick' });
  }

  private handle(e: SimEvent): void {
    switch (e.kind) {
      case 'arrival':
        this.arrive(e.stream);
        break;
      case 'answer':
        this.answer(e.contactId, e.agentId);
        break;
      case 'release':
        this.release(e.contactId, e.agentId);
        break;
      case 'patience':
        this.abandon(e.contactId);
        break;
      case 'tick':
        this.apply(this.engine.tick(this.now));
        break;
      case 'ready':
        this.ready(e.agentId);
        break;
      case 'shift':
        this.shift(e.agentId, e.on);
        break;
    }
  }

  /** Wrap-up or a not-ready pause is over; any other state (break, offline) stays as it is. */
  private ready(agentId: string): void {
    const p = this.presence.get(agentId);
    if (p === 'wrap_up' || p === 'not_ready') this.setPresence(agentId, 'available');
  }

  private arrive(stream: number): void {
    const s = this.sc.arrivals[stream];
    if (s === undefined) return;
    this.scheduleArrival(stream, s.perHour);
    const id = `c${this.seq++}`;
    const counted = this.now >= (this.sc.warmupMs ?? 0);
    const handleMs = draw(this.rng, this.sc.handle[s.queueId] ?? this.sc.handle.default);
    this.contacts.set(id, { queueId: s.queueId, tier: s.tier, arrivedAt: this.now, counted, handleMs });
    if (counted) {
      this.byTier.of(s.tier).arrive();
      this.byQueue.of(s.queueId).arrive();
    }
    const patience = this.sc.patienceMs[s.tier];
    if (patience !== undefined) this.events.push({ at: this.now + exponential(this.rng, patience), kind: 'patience', contactId: id });
    this.apply(must(this.engine.enqueue({ id, queueId: s.queueId, channel: s.channel, tier: s.tier }, this.now)));
  }

  private answer(contactId: string, agentId: string): void {
    // The offer may be gone: the customer hung up, or the agent left in the meantime.
    if (!this.engine.accept(contactId, agentId, this.now).ok) return;
    const c = this.contacts.get(contactId);
    if (c === undefined) return;
    this.end(contactId, 'answered');
    this.events.push({ at: this.now + c.handleMs, kind: 'release', contactId, agentId });
  }

  private release(contactId: string, agentId: string): void {
    const wrap = this.sc.wrapUpMs ?? 0;
    const wrapping = wrap > 0 && this.presence.get(agentId) === 'available';
    if (wrapping) this.setPresence(agentId, 'wrap_up');
    this.apply(must(this.engine.release(contactId, this.now)));
    this.addLoad(agentId, -1);
    if (wrapping) this.events.push({ at: this.now + wrap, kind: 'ready', agentId });
  }

  private abandon(contactId: string): void {
    const routing = this.engine.contact(contactId);
    if (routing === null || routing.state === 'assigned') return;
    this.apply(must(this.engine.remove(contactId, this.now, 'abandoned')));
    this.end(contactId, 'abandoned');
  }

  private shift(agentId: string, on: boolean): void {
    if (on) {
      this.occupancy.login(agentId, this.now);
      if (this.presence.get(agentId) === 'offline') this.setPresence(agentId, 'available');
      return;
    }
    this.setPresence(agentId, 'offline');
    this.occupancy.logout(agentId, this.now);
  }

  private setPresence(agentId: string, state: PresenceState): void {
    if (state !== 'offline') this.occupancy.login(agentId, this.now);
    this.presence.set(agentId, state);
    this.apply(must(this.engine.setAgentState(agentId, state, this.now)));
  }

  private addLoad(agentId: string, d: number): void {
    const n = (this.load.get(agentId) ?? 0) + d;
    this.load.set(agentId, n);
    this.occupancy.load(agentId, n, this.now);
  }

  private apply(actions: readonly RoutingAction[]): void {
    for (const a of actions) {
      if (a.type === 'offer') {
        this.addLoad(a.agentId, 1);
        this.events.push({ at: this.now + this.sc.answerDelayMs, kind: 'answer', contactId: a.contactId, agentId: a.agentId });
      } else if (a.type === 'offer_expired' || a.type === 'offer_withdrawn') {
        this.addLoad(a.agentId, -1);
      } else if (a.type === 'agent_not_ready') {
        this.presence.set(a.agentId, 'not_ready');
        this.events.push({ at: this.now + (this.sc.notReadyMs ?? 10_000), kind: 'ready', agentId: a.agentId });
      } else if (a.type === 'max_wait') {
        this.end(a.contactId, 'max_wait');
      }
    }
  }

  private end(contactId: string, how: Ending): void {
    const c = this.contacts.get(contactId);
    if (c === undefined) return;
    this.contacts.delete(contactId);
    if (!c.counted) return;
    const sl = this.engine.queue(c.queueId)?.serviceLevels[c.tier] ?? { thresholdMs: 20_000, targetPct: 80 };
    this.byTier.of(c.tier).end(how, this.now - c.arrivedAt, sl);
    this.byQueue.of(c.queueId).end(how, this.now - c.arrivedAt, sl);
  }
}

/** Runs a scenario to the end (arrivals stop at durationMs, then the queues drain). */
export const simulate = (sc: Scenario, rng: Rng): SimReport => new Simulation(sc, rng).run();
