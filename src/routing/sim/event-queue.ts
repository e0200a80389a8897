/**
 * The simulator's future event list: a binary min-heap by time, ties broken by insertion order so
 * a run is deterministic for a seed.
 */
export interface Timed {
  readonly at: number;
}

interface Slot<E> {
  readonly at: number;
  readonly seq: number;
  readonly event: E;
}

export class EventQueue<E extends Timed> {
  private readonly heap: Slot<E>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(event: E): void {
    const h = this.heap;
    let i = h.length;
    const slot: Slot<E> = { at: event.at, seq: this.seq++, event };
    h.push(slot);
    while (i > 0) {
      const pi = (i - 1) >> 1;
      const p = h[pi];
      if (p === undefined || !before(slot, p)) break;
      h[i] = p;
      i = pi;
    }
    h[i] = slot;
  }

  peek(): E | null {
    return this.heap[0]?.event ?? null;
  }

  pop(): E | null {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) return null;
    if (h.length > 0) this.sink(last);
    return top.event;
  }

  private sink(slot: Slot<E>): void {
    const h = this.heap;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const left = h[l];
      if (left === undefined) break;
      const right = h[l + 1];
      const c = right !== undefined && before(right, left) ? l + 1 : l;
      const child = h[c];
      if (child === undefined || !before(child, slot)) break;
      h[i] = child;
      i = c;
    }
    h[i] = slot;
  }
}

const before = <E>(a: Slot<E>, b: Slot<E>): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);
