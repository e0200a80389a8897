/**
 * Ordered, exactly-once delivery of a conversation's messages to one subscription. Replayed
 * (stored) messages and live ones meet here: live frames that arrive while the replay is being
 * read are held back, and any message whose seq is not above the last one sent is dropped. So a
 * client that resumes from `afterSeq` sees every later message once, in seq order.
 */
export interface Sequenced {
  /** The message's seq, or null for frames without one (typing, read, state). */
  readonly seq: number | null;
}

export class DeliveryGate<F extends Sequenced> {
  private lastSent: number;
  /** Replays under way (the subscription's first, and any catch-up): live frames wait for all. */
  private replays = 1;
  private held: F[] = [];

  constructor(afterSeq: number) {
    this.lastSent = afterSeq;
  }

  get lastSeq(): number {
    return this.lastSent;
  }

  /** A live frame: returns the frames to send now (none while the replay is still running). */
  live(frame: F): F[] {
    if (this.replays > 0) {
      this.held.push(frame);
      return [];
    }
    return this.admit(frame) ? [frame] : [];
  }

  /** A page of stored messages, in seq order: returns those to send. */
  replayed(frames: readonly F[]): F[] {
    return frames.filter((f) => this.admit(f));
  }

  /** Starts another replay (a catch-up after a missed live frame); end it with endReplay. */
  beginReplay(): void {
    this.replays++;
  }

  /** A replay is complete: when none is left, returns the held live frames still to send, in arrival order. */
  endReplay(): F[] {
    this.replays = Math.max(0, this.replays - 1);
    if (this.replays > 0) return [];
    const held = this.held;
    this.held = [];
    return held.filter((f) => this.admit(f));
  }

  private admit(f: F): boolean {
    if (f.seq === null) return true;
    if (f.seq <= this.lastSent) return false;
    this.lastSent = f.seq;
    return true;
  }
}
