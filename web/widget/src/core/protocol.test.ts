import { describe, expect, it } from 'vitest';
import { frameBytes, MAX_FRAME_BYTES, parseServerFrame } from './protocol.js';

describe('parseServerFrame', () => {
  it('should read a msg frame with an attachment and an ISO timestamp', () => {
    const f = parseServerFrame(
      JSON.stringify({
        t: 'msg',
        seq: 4,
        clientId: 'c1',
        author: { kind: 'agent', name: 'Alice' },
        body: '<b>hi</b>',
        attachment: { id: 'at_1', fileName: 'a.png', contentType: 'image/png', size: 10 },
        at: '2026-01-02T03:04:05.000Z',
      }),
    );
    expect(f).toEqual({
      t: 'msg',
      seq: 4,
      clientId: 'c1',
      author: { kind: 'agent', name: 'Alice' },
      body: '<b>hi</b>',
      attachment: { id: 'at_1', fileName: 'a.png', contentType: 'image/png', size: 10 },
      at: Date.UTC(2026, 0, 2, 3, 4, 5),
    });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['an unknown frame', '{"t":"surprise"}'],
    ['a msg without seq', '{"t":"msg","clientId":null,"author":{"kind":"agent","name":null},"body":"x","attachment":null,"at":1}'],
    [
      'a msg with a negative seq',
      '{"t":"msg","seq":-1,"clientId":null,"author":{"kind":"agent","name":null},"body":"x","attachment":null,"at":1}',
    ],
    [
      'a msg with a broken attachment',
      '{"t":"msg","seq":1,"clientId":null,"author":{"kind":"agent","name":null},"body":"x","attachment":{"id":1},"at":1}',
    ],
    [
      'a msg whose body is not text',
      '{"t":"msg","seq":1,"clientId":null,"author":{"kind":"agent","name":null},"body":{},"attachment":null,"at":1}',
    ],
    ['an ack without clientId', '{"t":"ack","seq":1,"at":1}'],
    ['a typing frame without on', '{"t":"typing"}'],
    ['a welcome without contact', '{"t":"welcome","wait":null,"readSeq":0}'],
  ])('should return null when the frame is %s', (_name, text) => {
    expect(parseServerFrame(text)).toBeNull();
  });

  it('should read welcome, wait, state, read and error frames', () => {
    expect(
      parseServerFrame(
        '{"t":"welcome","contact":{"id":"ct_1","state":"queued","agentName":null},"wait":{"position":2,"estimatedWaitMs":60000},"readSeq":3}',
      ),
    ).toEqual({
      t: 'welcome',
      contact: { id: 'ct_1', state: 'queued', agentName: null },
      wait: { position: 2, estimatedWaitMs: 60000 },
      readSeq: 3,
    });
    expect(parseServerFrame('{"t":"wait","position":1,"estimatedWaitMs":0}')).toEqual({ t: 'wait', position: 1, estimatedWaitMs: 0 });
    expect(parseServerFrame('{"t":"state","state":"assigned","agentName":"A"}')).toEqual({ t: 'state', state: 'assigned', agentName: 'A' });
    expect(parseServerFrame('{"t":"read","seq":9}')).toEqual({ t: 'read', seq: 9 });
    expect(parseServerFrame('{"t":"error","code":"RATE_LIMITED","message":"m","ref":"c1"}')).toEqual({
      t: 'error',
      code: 'RATE_LIMITED',
      message: 'm',
      ref: 'c1',
    });
  });

  it('should measure frames in UTF-8 bytes when checking the 16 KiB limit', () => {
    expect(frameBytes({ t: 'send', clientId: 'c', body: '你好' })).toBe(JSON.stringify({ t: 'send', clientId: 'c', body: '' }).length + 6);
    expect(frameBytes({ t: 'send', clientId: 'c', body: '字'.repeat(6000) })).toBeGreaterThan(MAX_FRAME_BYTES);
  });
});
