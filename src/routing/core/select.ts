/**
 * The two choices the engine makes, each keeping the best few options in the shared scratch so a
 * decision record can show them without allocating per option.
 *
 * rankContacts: an agent with free capacity picks among the heads of the FIFOs it may serve.
 * Inside one FIFO order is arrival order and the priority key is static, so the head is both the
 * best and the longest-waiting contact there: if the head has not waited long enough for this
 * agent's level (T1, T2), nobody behind it has either. The scan reads only the agent's flat entry
 * arrays and the engine's head arrays, which stay in cache.
 *
 * rankAgents: a contact picks among the available agents of its queue by the queue's policy,
 * reading the available set's parallel arrays, where each agent's policy inputs are kept current.
 */

import { canTake } from './capacity.js';
import type { AvailSet, ContactRec, Entry } from './model.js';
import { type EngineState, type Scratch, TOP_N } from './state.js';
import type { EligibilityLevel, Policy } from './types.js';

export const LEVELS: readonly EligibilityLevel[] = ['strict', 'widened', 'overflow'];

/** Keeps slot `slot` (key `eff`) among the best; lower keys are better. */
const keepSlot = (sc: Scratch, kept: number, slot: number, eff: number, level: number): number => {
  let i = kept < TOP_N ? kept : TOP_N - 1;
  if (kept === TOP_N && (sc.scores[i] ?? 0) <= eff) return kept;
  while (i > 0 && (sc.scores[i - 1] ?? 0) > eff) {
    sc.picks[i] = sc.picks[i - 1] ?? 0;
    sc.scores[i] = sc.scores[i - 1] ?? 0;
    sc.levels[i] = sc.levels[i - 1] ?? 0;
    i--;
  }
  sc.picks[i] = slot;
  sc.scores[i] = eff;
  sc.levels[i] = level;
  return kept < TOP_N ? kept + 1 : kept;
};

/**
 * Ranks the FIFO heads the agent may take now on the channels in `mask`; returns how many are
 * kept. scratch.picks holds head slots, scratch.scores their priority keys (lower first).
 */
export const rankContacts = (s: EngineState, ai: number, mask: number, now: number): number => {
  const sc = s.scratch;
  const headEff = s.headEff;
  const headEnq = s.headEnq;
  const arena = s.arena;
  const nTiers = s.tiers.length;
  const nCh = s.channels.length;
  const start = s.aEntryOff[ai] ?? 0;
  const end = start + 3 * (s.aEntryCnt[ai] ?? 0);
  let kept = 0;
  let considered = 0;
  for (let i = start; i < end; i += 3) {
    const minWait = arena[i + 1] ?? 0;
    const level = arena[i + 2] ?? 0;
    for (let ch = 0, base = arena[i] ?? 0; ch < nCh; ch++, base += nTiers) {
      if ((mask & (1 << ch)) === 0) continue;
      for (let slot = base; slot < base + nTiers; slot++) {
        const eff = headEff[slot] ?? Number.POSITIVE_INFINITY;
        if (eff === Number.POSITIVE_INFINITY || now - (headEnq[slot] ?? 0) < minWait) continue;
        considered++;
        kept = keepSlot(sc, kept, slot, eff, level);
      }
    }
  }
  sc.considered = considered;
  sc.kept = kept;
  return kept;
};

const keepPos = (sc: Scratch, kept: number, pos: number, score: number, tie: number): number => {
  let i = kept < TOP_N ? kept : TOP_N - 1;
  while (i > 0) {
    const s = sc.scores[i - 1] ?? 0;
    if (!(score > s || (score === s && tie > (sc.ties[i - 1] ?? 0)))) break;
    sc.picks[i] = sc.picks[i - 1] ?? 0;
    sc.scores[i] = s;
    sc.ties[i] = sc.ties[i - 1] ?? 0;
    i--;
  }
  sc.picks[i] = pos;
  sc.scores[i] = score;
  sc.ties[i] = tie;
  return kept < TOP_N ? kept + 1 : kept;
};

/**
 * Ranks the available agents of a set who may take a contact after `waitMs`; returns how many
 * are kept (scratch.picks holds set positions). Scores are the policy's (see Candidate.score),
 * higher is better; ties go to the agent idle longest, so every policy degrades to longest idle,
 * and on a full tie the earlier set position wins. One pass over the set's own arrays, in memory
 * order: an agent that cannot beat the fifth best kept so far costs a few reads and a comparison.
 */
export const rankAgents = (s: EngineState, set: AvailSet, policy: Policy, waitMs: number, now: number): number => {
  const sc = s.scratch;
  const n = set.size;
  const byIdle = policy === 'longest_idle';
  const minWait = set.minWait;
  const idle = set.idle;
  const key = set.key;
  let kept = 0;
  let considered = 0;
  // The fifth best kept, once five are: anything not strictly better is skipped at once.
  let floorScore = Number.NEGATIVE_INFINITY;
  let floorTie = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if ((minWait[i] ?? 0) > waitMs) continue;
    considered++;
    const tie = now - (idle[i] ?? 0);
    const score = byIdle ? tie : (key[i] ?? 0);
    if (kept === TOP_N && !(score > floorScore || (score === floorScore && tie > floorTie))) continue;
    kept = keepPos(sc, kept, i, score, tie);
    if (kept === TOP_N) {
      floorScore = sc.scores[TOP_N - 1] ?? 0;
      floorTie = sc.ties[TOP_N - 1] ?? 0;
    }
  }
  sc.considered = considered;
  sc.kept = kept;
  return kept;
};

/**
 * The customer's last agent, if the contact is inside the queue's window and that agent holds the
 * queue's skills (strict or widened, regardless of T1: it served this customer before) and can
 * take the channel now.
 */
export const lastAgentEntry = (s: EngineState, c: ContactRec, now: number): Entry | null => {
  if (c.lastAgentId === null || now - c.lastContactAt > c.queue.config.lastAgentWindowMs) return null;
  const a = s.agents.get(c.lastAgentId);
  if (a === undefined || !canTake(s, a.idx, c.channel)) return null;
  for (const e of a.entries) if (e.queue === c.queue && e.level !== 'overflow') return e;
  return null;
};
