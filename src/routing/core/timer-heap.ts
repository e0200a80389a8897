/**
 * An indexed binary min-heap of timer slots (the contact lists), keyed by `due`. Each list knows
 * its own heap index, so a changed head re-keys its slot in O(log slots) without a search, and
 * there is one slot per (queue, channel, tier) FIFO plus one per queue's offers, never one per
 * contact: deadlines within a list fall in list order, so only its head can be due next.
 */
import type { ContactList } from './model.js';

export class TimerHeap {
  private readonly a: ContactList[] = [];

  get size(): number {
    return this.a.length;
  }

  /** The slot due soonest, or null. */
  peek(): ContactList | null {
    return this.a[0] ?? null;
  }

  /** Re-keys a slot after its `due` changed; infinite due takes it out of the heap. */
  update(s: ContactList): void {
    if (s.due === Number.POSITIVE_INFINITY) {
      if (s.heapIdx >= 0) this.remove(s);
      return;
    }
    if (s.heapIdx < 0) {
      s.heapIdx = this.a.length;
      this.a.push(s);
    }
    this.up(s.heapIdx);
    this.down(s.heapIdx);
  }

  private remove(s: ContactList): void {
    const i = s.heapIdx;
    const last = this.a.pop();
    s.heapIdx = -1;
    if (last === undefined || last === s) return;
    this.a[i] = last;
    last.heapIdx = i;
    this.up(i);
    this.down(last.heapIdx);
  }

  private up(start: number): void {
    const a = this.a;
    let i = start;
    const s = a[i];
    if (s === undefined) return;
    while (i > 0) {
      const pi = (i - 1) >> 1;
      const p = a[pi];
      if (p === undefined || p.due <= s.due) break;
      a[i] = p;
      p.heapIdx = i;
      i = pi;
    }
    a[i] = s;
    s.heapIdx = i;
  }

  private down(start: number): void {
    const a = this.a;
    const n = a.length;
    let i = start;
    const s = a[i];
    if (s === undefined) return;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const left = a[l];
      const right = a[l + 1];
      if (left === undefined) break;
      const child = right !== undefined && right.due < left.due ? right : left;
      if (child.due >= s.due) break;
      a[i] = child;
      const ci = child.heapIdx;
      child.heapIdx = i;
      i = ci;
    }
    a[i] = s;
    s.heapIdx = i;
  }
}
