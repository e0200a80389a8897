import { describe, expect, it } from 'vitest';
import { parseServerFrame, type ServerFrame } from '../api/staff-frames.js';
import { initialMonitor, type MonitorState, monitorReducer } from './monitor.js';

const f = (raw: unknown): ServerFrame => {
  const x = parseServerFrame(JSON.stringify(raw));
  if (!x) throw new Error('bad frame');
  return x;
};
const apply = (s: MonitorState, ...frames: unknown[]) =>
  frames.reduce<MonitorState>((acc, raw) => monitorReducer(acc, { type: 'frame', frame: f(raw), now: 0 }), s);
const msg = (contactId: string, seq: number, visibility = 'public') => ({
  t: 'msg',
  contactId,
  seq,
  clientId: null,
  author: { kind: 'customer', name: 'C' },
  body: 'x',
  attachment: null,
  at: 1,
  visibility,
});

describe('monitor', () => {
  it('should show only the monitored conversation, notes included, and start over for another one', () => {
    let s = monitorReducer(initialMonitor('Sue'), { type: 'open', contactId: 'c1' });
    s = apply(s, msg('c1', 1), msg('c2', 1), msg('c1', 2, 'internal'));
    expect(s.conv.messages.map((m) => [m.seq, m.visibility])).toEqual([
      [1, 'public'],
      [2, 'internal'],
    ]);
    s = monitorReducer(s, { type: 'open', contactId: 'c2' });
    expect(s.conv.messages).toEqual([]);
  });

  it('should turn an acknowledged whisper into a whisper message by the supervisor', () => {
    let s = monitorReducer(initialMonitor('Sue'), { type: 'open', contactId: 'c1' });
    s = monitorReducer(s, {
      type: 'whisper',
      pending: { clientId: 'w1', body: 'offer a refund', visibility: 'whisper', at: 5, failed: null },
    });
    s = apply(s, { t: 'ack', clientId: 'w1', seq: 3, at: 6 });
    expect(s.conv.messages.map((m) => [m.seq, m.visibility, m.author.name, m.body])).toEqual([[3, 'whisper', 'Sue', 'offer a refund']]);
    s = monitorReducer(s, { type: 'whisper', pending: { clientId: 'w2', body: 'x', visibility: 'whisper', at: 7, failed: null } });
    s = apply(s, { t: 'error', code: 'FORBIDDEN', message: '', ref: 'w2' });
    expect(s.conv.pending[0]?.failed).toBe('FORBIDDEN');
  });

  it('should ignore frames while nothing is monitored', () => {
    const s = initialMonitor('Sue');
    expect(apply(s, msg('c1', 1))).toBe(s);
  });
});
