/**
 * Outcome counting for a simulation: per tier and per queue, offered, answered, abandoned and
 * removed at max wait, service level, average speed of answer, abandonment rate and waits.
 * Service level is answered-within-threshold over every contact that reached an end (answered,
 * abandoned or removed at max wait), so abandoning does not flatter it.
 */
export interface Outcomes {
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly maxWait: number;
  readonly answeredInSl: number;
  /** Null when nothing completed. */
  readonly slPct: number | null;
  /** The target and threshold, when every counted contact shared one. */
  readonly targetPct: number | null;
  readonly thresholdMs: number | null;
  readonly asaMs: number | null;
  readonly abandonPct: number | null;
  readonly p90WaitMs: number | null;
  readonly maxWaitMs: number | null;
}

export type Ending = 'answered' | 'abandoned' | 'max_wait';

export interface Target {
  readonly thresholdMs: number;
  readonly targetPct: number;
}

/** Accumulates one group's contacts (a tier, a queue). */
export class OutcomeTally {
  private offered = 0;
  private abandoned = 0;
  private maxWait = 0;
  private inSl = 0;
  private readonly answeredWaits: number[] = [];
  private readonly endedWaits: number[] = [];
  private target: Target | null | undefined = undefined;

  arrive(): void {
    this.offered++;
  }

  end(how: Ending, waitMs: number, target: Target): void {
    this.endedWaits.push(waitMs);
    if (this.target === undefined) this.target = target;
    else if (this.target !== null && (this.target.thresholdMs !== target.thresholdMs || this.target.targetPct !== target.targetPct))
      this.target = null;
    if (how === 'abandoned') this.abandoned++;
    else if (how === 'max_wait') this.maxWait++;
    else {
      this.answeredWaits.push(waitMs);
      if (waitMs <= target.thresholdMs) this.inSl++;
    }
  }

  result(): Outcomes {
    const answered = this.answeredWaits.length;
    const ended = this.endedWaits.length;
    const waits = [...this.endedWaits].sort((a, b) => a - b);
    const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
    return {
      offered: this.offered,
      answered,
      abandoned: this.abandoned,
      maxWait: this.maxWait,
      answeredInSl: this.inSl,
      slPct: pct(this.inSl, ended),
      targetPct: this.target?.targetPct ?? null,
      thresholdMs: this.target?.thresholdMs ?? null,
      asaMs: answered === 0 ? null : Math.round(this.answeredWaits.reduce((a, b) => a + b, 0) / answered),
      abandonPct: pct(this.abandoned, this.offered),
      p90WaitMs: waits.length === 0 ? null : (waits[Math.min(waits.length - 1, Math.floor(0.9 * waits.length))] ?? null),
      maxWaitMs: waits.length === 0 ? null : (waits[waits.length - 1] ?? null),
    };
  }
}

/** Tallies keyed by a group name, created on first use. */
export class Tallies {
  private readonly by = new Map<string, OutcomeTally>();

  of(key: string): OutcomeTally {
    let t = this.by.get(key);
    if (t === undefined) {
      t = new OutcomeTally();
      this.by.set(key, t);
    }
    return t;
  }

  results(): Record<string, Outcomes> {
    return Object.fromEntries([...this.by].map(([k, t]) => [k, t.result()]));
  }
}

/** Busy (holding at least one contact) versus logged-in time, summed over agents. */
export class Occupancy {
  private busyMs = 0;
  private staffedMs = 0;
  private readonly busySince = new Map<string, number>();
  private readonly loggedSince = new Map<string, number>();

  login(agent: string, now: number): void {
    if (!this.loggedSince.has(agent)) this.loggedSince.set(agent, now);
  }

  logout(agent: string, now: number): void {
    const t = this.loggedSince.get(agent);
    if (t !== undefined) this.staffedMs += now - t;
    this.loggedSince.delete(agent);
  }

  /** The agent's load changed to `load` contacts at `now`. */
  load(agent: string, load: number, now: number): void {
    const since = this.busySince.get(agent);
    if (load > 0 && since === undefined) this.busySince.set(agent, now);
    if (load === 0 && since !== undefined) {
      this.busyMs += now - since;
      this.busySince.delete(agent);
    }
  }

  pct(now: number): number | null {
    let busy = this.busyMs;
    let staffed = this.staffedMs;
    for (const t of this.busySince.values()) busy += now - t;
    for (const t of this.loggedSince.values()) staffed += now - t;
    return staffed === 0 ? null : Math.round((1000 * busy) / staffed) / 10;
  }
}
