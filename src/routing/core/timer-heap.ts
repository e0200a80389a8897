/**
 * An indexed binary min-heap of timer slots (the contact lists). Each list knows its own heap
 * index, so a changed head re-keys its slot in O(log slots) without a search, and there is one slot
 * per (queue, channel, tier) FIFO plus one per queue's offers, targeted contacts and timed
 * wrap-ups, never one per contact: deadlines within a list fall in list order, so only its head
 * can be due next.
 *
 * Slots sit under `heapKey`, which may lag behind a later `due`: a deadline that moves later (the
 * usual case: a FIFO's head is taken and the next one arrived after it) is left in place and fixed
 * only when the slot reaches the top, so taking a waiting contact costs no heap work. Keys never
 * run ahead of due dates, so the top, once its key is current, is the slot due soonest.
 */
import type { ContactList } from './model.js';

export class TimerHeap {
  private readonly a: ContactList[] = [];

  get size(): number {
    return this.a.length;
  }

  /** The slot due soonest, or null. */
  peek(): ContactList | null {
    for (let top = this.a[0]; top !== undefined; top = this.a[0]) {
      if (top.heapKey === top.due) return top;
      // A deadline that moved later (or away) while the slot waited: settle it now.
      if (top.due === Number.POSITIVE_INFINITY) this.remove(top);
      else {
        top.heapKey = top.due;
        this.down(0);
      }
    }
    return null;
  }

  /** Re-keys a slot after its `due` changed: at once when earlier, lazily when later. */
  update(s: ContactList): void {
    if (s.heapIdx < 0) {
      if (s.due === Number.POSITIVE_INFINITY) return;
      s.heapKey = s.due;
      s.heapIdx = this.a.length;
      this.a.push(s);
      this.up(s.heapIdx);
    } else if (s.due < s.heapKey) {
      s.heapKey = s.due;
      this.up(s.heapIdx);
    }
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
      if (p === undefined || p.heapKey <= s.heapKey) break;
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
      const child = right !== undefined && right.heapKey < left.heapKey ? right : left;
      if (child.heapKey >= s.heapKey) break;
      a[i] = child;
      const ci = child.heapIdx;
      child.heapIdx = i;
      i = ci;
    }
    a[i] = s;
    s.heapIdx = i;
  }
}
