/**
 * A connection's own messages: the live push of a message it posted must not come back to it,
 * whichever comes first, the push (PostgreSQL's after-commit hand-over can run before the post's
 * continuation) or the ack.
 */

import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { Connection, frame, type OutFrame } from './connection.js';
import { DeliveryGate } from './core/delivery.js';

const fakeSocket = (): { ws: WebSocket; sent: string[] } => {
  const sent: string[] = [];
  const ws = { OPEN: 1, readyState: 1, bufferedAmount: 0, send: (d: string) => sent.push(d) };
  return { ws: ws as unknown as WebSocket, sent };
};

const subscribed = () => {
  const { ws, sent } = fakeSocket();
  const conn = new Connection(ws, 'visitor', null, 0);
  const gate = new DeliveryGate<OutFrame>(0);
  gate.endReplay(); // the subscription's first replay is done: frames go out live
  conn.contacts.set('c1', { gate, access: 'handler' });
  return { conn, sent };
};

const msg = (seq: number, clientId: string) => frame({ t: 'msg', seq, clientId }, seq);

describe('Connection own sends', () => {
  it('should not echo its own message when the live push comes before the post resolves', async () => {
    const { conn, sent } = subscribed();
    await conn.postOwn('c1', 'mine', async () => {
      conn.sendToContact('c1', msg(1, 'mine'), 'mine');
      return 1;
    });
    conn.sendToContact('c1', msg(2, 'theirs'), 'theirs');
    expect(sent.map((d) => JSON.parse(d).clientId)).toEqual(['theirs']);
  });

  it('should not echo its own message when the live push comes after the post resolves', async () => {
    const { conn, sent } = subscribed();
    await conn.postOwn('c1', 'mine', async () => 1);
    conn.sendToContact('c1', msg(1, 'mine'), 'mine');
    expect(sent).toEqual([]);
  });

  it('should deliver a message with that client id after a failed post (nothing of its own was stored)', async () => {
    const { conn, sent } = subscribed();
    await expect(
      conn.postOwn('c1', 'x', async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    conn.sendToContact('c1', msg(1, 'x'), 'x');
    expect(sent).toHaveLength(1);
  });
});
