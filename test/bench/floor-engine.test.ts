/**
 * The engine benchmark's floor (bench/routing/floor.ts) must make real decisions, or its figure
 * says nothing: every contact is kept, capacity and blending hold, FIFOs keep arrival order, and
 * each freed agent takes the best head it may take, as the engine would.
 */
import { describe, expect, it } from 'vitest';
import { type BenchTarget, Loop } from '../../bench/routing/engine-loop.js';
import { makeWorld } from '../../bench/routing/engine-world.js';
import { FloorEngine } from '../../bench/routing/floor.js';
import { type ContactInput, DEFAULT_TIERS, type RoutingAction } from '../../src/routing/core/index.js';
import { seededRng } from '../../src/routing/sim/random.js';

const SIZE = { agents: 60, queues: 6, skills: 6 } as const;
const CHANNELS = ['voice', 'chat', 'email'];

interface Seen {
  arrived: number;
  released: number;
  offers: { type: 'offer'; contactId: string; agentId: string; channel: string; decision: Offer['decision'] }[];
}

type Offer = Extract<RoutingAction, { type: 'offer' }>;

const recording = (f: FloorEngine, seen: Seen, onOffer: (o: Offer) => void = () => {}): BenchTarget => ({
  enqueue: (c: ContactInput, now: number) => {
    seen.arrived++;
    const acts = f.enqueue(c, now);
    for (const a of acts) if (a.type === 'offer') seen.offers.push(a);
    return acts;
  },
  accept: (id: string, agentId: string) => f.accept(id, agentId),
  release: (id: string, now: number) => {
    seen.released++;
    const acts = f.release(id, now);
    for (const a of acts) {
      if (a.type !== 'offer') continue;
      seen.offers.push(a);
      onOffer(a);
    }
    return acts;
  },
});

const setUp = (onOffer?: (floor: FloorEngine, o: Offer) => void) => {
  const world = makeWorld(seededRng(7), SIZE);
  const floor = new FloorEngine(world, DEFAULT_TIERS);
  const seen: Seen = { arrived: 0, released: 0, offers: [] };
  const loop = new Loop(
    recording(floor, seen, (o) => onOffer?.(floor, o)),
    world,
    seededRng(8),
    200,
  );
  return { world, floor, seen, loop };
};

const nT = DEFAULT_TIERS.length;

/** Right after a release: no head left on the offer's channel that the agent may take ranks before the offered one. */
const bestHeadTaken = (floor: FloorEngine, o: Offer, checked: { n: number }): void => {
  const ch = CHANNELS.indexOf(o.channel);
  const offeredKey = o.decision.at - (o.decision.candidates[0]?.score ?? 0);
  for (const [base, wait] of floor.entriesOf(o.agentId)) {
    for (let slot = base + ch * nT; slot < base + (ch + 1) * nT; slot++) {
      const h = floor.headOf(slot);
      if (o.decision.at - h.enqueuedAt >= wait) expect(h.key).toBeGreaterThanOrEqual(offeredKey);
    }
  }
  checked.n++;
};

const slotsOf = (queues: number) => queues * CHANNELS.length * DEFAULT_TIERS.length;

describe('the engine benchmark floor', () => {
  it('keeps every contact: waiting plus held equals arrived minus released', () => {
    const { floor, seen, loop } = setUp();
    loop.fill(2000);
    for (let i = 0; i < 5000; i++) loop.step(null);
    let waiting = 0;
    for (let s = 0; s < slotsOf(SIZE.queues); s++) waiting += floor.waitingIn(s).length;
    expect(waiting).toBe(loop.waiting);
    const held = seen.offers.length - seen.released;
    expect(waiting + held).toBe(seen.arrived - seen.released);
    expect(seen.released).toBeGreaterThan(4000);
  });

  it('never exceeds capacity, counts every held contact, and takes voice only alone', () => {
    const { world, floor, seen, loop } = setUp();
    loop.fill(2000);
    for (let i = 0; i < 3000; i++) {
      loop.step(null);
      if (i % 100 !== 0) continue;
      let held = 0;
      for (const a of world.agents) {
        const loads = CHANNELS.map((ch) => floor.loadOf(a.id, ch));
        for (const l of loads) expect(l.load).toBeLessThanOrEqual(l.cap);
        held += loads.reduce((n, l) => n + l.load, 0);
        const others = (loads[1]?.load ?? 0) + (loads[2]?.load ?? 0);
        if ((loads[0]?.load ?? 0) > 0) expect(others).toBe(0);
      }
      expect(held).toBe(seen.offers.length - seen.released);
    }
  });

  it('keeps arrival order in every FIFO', () => {
    const { floor, loop } = setUp();
    loop.fill(2000);
    for (let i = 0; i < 2000; i++) loop.step(null);
    const seqOf = (id: string) => Number(id.slice(1));
    for (let s = 0; s < slotsOf(SIZE.queues); s++) {
      const ids = floor.waitingIn(s).map(seqOf);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
    }
  });

  it('offers a freed agent the best head it may take, with its candidates best first', () => {
    const checked = { n: 0 };
    const { seen, loop } = setUp((floor, o) => bestHeadTaken(floor, o, checked));
    loop.fill(2000);
    const before = seen.offers.length;
    for (let i = 0; i < 2000; i++) loop.step(null);
    expect(checked.n).toBeGreaterThan(1000);
    const freed = seen.offers.slice(before).filter((o) => o.decision.trigger === 'agent_freed');
    expect(freed.length).toBeGreaterThan(1000);
    for (const o of freed) {
      const c = o.decision.candidates;
      expect(c[0]?.id).toBe(o.contactId);
      expect(o.decision.considered).toBeGreaterThanOrEqual(c.length);
      // Scores are waits plus tier offsets: the best first, never a lower one ahead of a higher.
      for (let i = 1; i < c.length; i++) expect(c[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(c[i]?.score ?? 0);
    }
  });
});
